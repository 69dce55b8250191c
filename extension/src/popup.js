// Send to Briefing: the toolbar popup (note, tags, pairing). The background does the work.
"use strict";

const api = globalThis.browser ?? globalThis.chrome;
const $ = (id) => document.getElementById(id);

function show(element, text, kind) {
  element.textContent = text;
  element.className = kind || "";
}

async function refresh() {
  const { token, queue, lastResult } = await api.storage.local.get(
    { token: "", queue: [], lastResult: null });
  $("paired-state").textContent = token
    ? "Paired with Briefing." : "Not paired yet: pair with the open reader, or paste a token.";
  $("forget-button").hidden = !token;
  if (queue.length) {
    show($("status"), `${queue.length} page(s) waiting until Briefing runs.`);
  } else if (lastResult) {
    show($("status"), lastResult.message, lastResult.ok ? "ok" : "error");
  }
}

async function send() {
  const [tab] = await api.tabs.query({ active: true, currentWindow: true });
  if (!tab) return;
  show($("status"), "Sending…");
  const tags = $("tags").value.split(",").map((tag) => tag.trim()).filter(Boolean);
  const result = await api.runtime.sendMessage(
    { type: "send", tabId: tab.id, note: $("note").value, tags });
  show($("status"), result.message, result.ok ? "ok" : "error");
}

async function pair() {
  const started = await api.runtime.sendMessage({ type: "pair", label: navigator.userAgent.includes("Firefox") ? "Firefox" : "Chromium" });
  if (!started.ok) { show($("pair-code"), started.message, "error"); return; }
  show($("pair-code"), `Code ${started.code} — approve it in Briefing if it shows the same code.`);
  for (let attempt = 0; attempt < 200; attempt++) {
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const state = await api.runtime.sendMessage({ type: "poll", port: started.port, id: started.id });
    if (state.state === "approved") { show($("pair-code"), "Paired.", "ok"); break; }
    if (state.state !== "pending") { show($("pair-code"), state.message, "error"); break; }
  }
  refresh();
}

$("send-button").addEventListener("click", send);
$("pair-button").addEventListener("click", pair);
$("token-button").addEventListener("click", async () => {
  await api.runtime.sendMessage({ type: "token", token: $("token").value });
  $("token").value = "";
  await api.runtime.sendMessage({ type: "flush" });
  refresh();
});
$("forget-button").addEventListener("click", async () => {
  await api.runtime.sendMessage({ type: "forget" });
  refresh();
});
refresh();
