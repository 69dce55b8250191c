// Send to Briefing: the background service worker (Chromium) / background script (Firefox).
// It reads the rendered page through chrome.scripting, posts it to the reader's loopback
// endpoint (CONTRACTS.md "Browser capture"), and keeps a bounded retry queue while the
// reader is not running. Nothing is sent anywhere but 127.0.0.1.
"use strict";

const api = globalThis.browser ?? globalThis.chrome;
const FIRST_PORT = 27183;
const LAST_PORT = 27192;
const QUEUE_LIMIT = 10;
const CONTEXT_CHARS = 32;
const RETRY_ALARM = "briefing-retry";

async function loadSettings() {
  return api.storage.local.get({ token: "", port: 0, queue: [], lastResult: null });
}

async function ping(port) {
  try {
    const reply = await fetch(`http://127.0.0.1:${port}/v1/ping`, { cache: "no-store" });
    const body = await reply.json();
    return reply.ok && body.app === "briefing";
  } catch (error) {
    return false;
  }
}

// The reader's port: the one that answered last time, else the first of 27183..27192 that
// answers as Briefing. Null when the reader is not running.
async function findPort() {
  const { port } = await loadSettings();
  if (port && (await ping(port))) return port;
  for (let candidate = FIRST_PORT; candidate <= LAST_PORT; candidate++) {
    if (candidate !== port && (await ping(candidate))) {
      await api.storage.local.set({ port: candidate });
      return candidate;
    }
  }
  return null;
}

// Runs inside the page: the selection with its context, then lazy content loaded by
// scrolling through the page (bounded in time), then the rendered HTML.
async function pageSnapshot(contextChars) {
  const squash = (text) => text.replace(/\s+/g, " ");
  let selection = null;
  const chosen = window.getSelection();
  if (chosen && chosen.rangeCount > 0 && !chosen.isCollapsed) {
    const range = chosen.getRangeAt(0);
    const before = document.createRange();
    before.setStart(document.body, 0);
    before.setEnd(range.startContainer, range.startOffset);
    const after = document.createRange();
    after.setStart(range.endContainer, range.endOffset);
    after.setEnd(document.body, document.body.childNodes.length);
    selection = {
      exact: chosen.toString(),
      prefix: squash(before.toString()).slice(-contextChars),
      suffix: squash(after.toString()).slice(0, contextChars),
    };
  }
  const pause = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
  const startX = window.scrollX;
  const startY = window.scrollY;
  const deadline = Date.now() + 4000;
  for (let y = 0; y < document.documentElement.scrollHeight && Date.now() < deadline;
       y += Math.max(200, window.innerHeight)) {
    window.scrollTo(0, y);
    await pause(120);
  }
  document.querySelectorAll("img[loading=lazy]").forEach((img) => img.setAttribute("loading", "eager"));
  await pause(200);
  window.scrollTo(startX, startY);
  return {
    url: location.href,
    title: document.title,
    html: "<!DOCTYPE html>\n" + document.documentElement.outerHTML,
    selection,
  };
}

function explain(status, body) {
  const detail = body && body.error ? ` (${body.error})` : "";
  switch (status) {
    case 200: return "Already in Briefing: nothing new was added.";
    case 201: return body.annotation_id ? "Sent to Briefing with your highlight." : "Sent to Briefing.";
    case 401: return "Briefing does not know this browser: pair again in the popup" + detail + ".";
    case 403: return "Briefing refused the request" + detail + ".";
    case 413: return "The page is too large for Briefing (over 20 MiB).";
    case 415:
    case 422: return "Briefing could not use this page" + detail + ".";
    default: return `Briefing answered ${status}${detail}.`;
  }
}

async function post(port, token, payload) {
  const reply = await fetch(`http://127.0.0.1:${port}/v1/captures`, {
    method: "POST",
    headers: { "Content-Type": "application/json", Authorization: `Bearer ${token}` },
    body: JSON.stringify(payload),
    cache: "no-store",
  });
  let body = null;
  try { body = await reply.json(); } catch (error) { body = null; }
  return { ok: reply.status === 200 || reply.status === 201, status: reply.status, body,
           message: explain(reply.status, body) };
}

async function enqueue(payload) {
  const { queue } = await loadSettings();
  const kept = [...queue.filter((item) => item.capture_id !== payload.capture_id), payload];
  const dropped = Math.max(0, kept.length - QUEUE_LIMIT);
  await api.storage.local.set({ queue: kept.slice(dropped) });
  await api.alarms.create(RETRY_ALARM, { periodInMinutes: 1 });
  return dropped;
}

async function showResult(result, tabId) {
  await api.storage.local.set({ lastResult: { ...result, at: new Date().toISOString() } });
  const badge = result.ok ? "✓" : result.queued ? "…" : "!";
  try {
    await api.action.setBadgeText({ text: badge, tabId });
    await api.action.setTitle({ title: `Send to Briefing — ${result.message}`, tabId });
  } catch (error) { /* the tab may be gone */ }
}

// Send the tab's page (with its selection, the note and tags) to the reader.
async function sendCapture({ tabId, note = "", tags = [] }) {
  let page;
  try {
    [{ result: page }] = await api.scripting.executeScript({
      target: { tabId }, func: pageSnapshot, args: [CONTEXT_CHARS],
    });
  } catch (error) {
    const result = { ok: false, status: 0,
                     message: `This page cannot be read by extensions (${error.message || error}).` };
    await showResult(result, tabId);
    return result;
  }
  const payload = {
    capture_id: crypto.randomUUID(),
    url: page.url,
    title: page.title,
    html: page.html,
    selection: page.selection,
    note,
    tags: tags.map((tag) => tag.trim()).filter(Boolean),
  };
  const { token } = await loadSettings();
  let result;
  if (!token) {
    result = { ok: false, status: 0, message: "Not paired yet: pair with Briefing in the popup." };
  } else {
    const port = await findPort();
    if (port === null) {
      const dropped = await enqueue(payload);
      result = { ok: false, queued: true, status: 0,
                 message: "Briefing is not running: the page is queued and will be sent when it is." +
                          (dropped ? ` (${dropped} older queued page(s) dropped.)` : "") };
    } else {
      try {
        result = await post(port, token, payload);
      } catch (error) {  // the reader stopped between the ping and the post
        await enqueue(payload);
        result = { ok: false, queued: true, status: 0,
                   message: "Briefing did not answer: the page is queued and will be retried." };
      }
    }
  }
  await showResult(result, tabId);
  return result;
}

// Retry the queue: sent items leave it, refused ones too (their reason is kept), and
// nothing changes while the reader is still not running.
async function flushQueue() {
  const { queue, token } = await loadSettings();
  if (!queue.length || !token) return { sent: 0, left: queue.length };
  const port = await findPort();
  if (port === null) return { sent: 0, left: queue.length };
  const left = [];
  let sent = 0;
  for (const payload of queue) {
    try {
      const result = await post(port, token, payload);
      if (result.ok) sent += 1;
      else if (result.status === 401) left.push(payload);
      else await api.storage.local.set({ lastResult: { ...result, at: new Date().toISOString() } });
    } catch (error) {
      left.push(payload);
    }
  }
  await api.storage.local.set({ queue: left });
  if (!left.length) await api.alarms.clear(RETRY_ALARM);
  return { sent, left: left.length };
}

// In-app pairing: the reader shows the same short code and the user approves it there.
async function startPairing(label) {
  const port = await findPort();
  if (port === null) return { ok: false, message: "Start Briefing first, then pair." };
  const reply = await fetch(`http://127.0.0.1:${port}/v1/pairings`, {
    method: "POST", headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ label }),
  });
  const body = await reply.json();
  if (reply.status !== 202) return { ok: false, message: body.error || `Briefing answered ${reply.status}` };
  return { ok: true, port, id: body.pairing_id, code: body.code };
}

async function pollPairing(port, id) {
  const reply = await fetch(`http://127.0.0.1:${port}/v1/pairings/${encodeURIComponent(id)}`);
  const body = await reply.json();
  if (reply.status === 200 && body.token) {
    await api.storage.local.set({ token: body.token, port });
    return { state: "approved" };
  }
  if (reply.status === 202) return { state: "pending" };
  return { state: "refused", message: body.error || `Briefing answered ${reply.status}` };
}

async function activeTabId() {
  const [tab] = await api.tabs.query({ active: true, currentWindow: true });
  return tab ? tab.id : null;
}

api.runtime.onInstalled.addListener(() => {
  api.contextMenus.create({ id: "send-to-briefing", title: "Send to Briefing",
                            contexts: ["page", "selection"] });
});
api.contextMenus.onClicked.addListener((info, tab) => {
  if (info.menuItemId === "send-to-briefing" && tab) sendCapture({ tabId: tab.id });
});
api.commands.onCommand.addListener(async (command) => {
  const tabId = await activeTabId();
  if (command === "send-to-briefing" && tabId !== null) sendCapture({ tabId });
});
api.alarms.onAlarm.addListener((alarm) => { if (alarm.name === RETRY_ALARM) flushQueue(); });
api.runtime.onStartup.addListener(() => { flushQueue(); });
api.runtime.onMessage.addListener((message, sender, reply) => {
  const handlers = {
    send: () => sendCapture(message),
    pair: () => startPairing(message.label || ""),
    poll: () => pollPairing(message.port, message.id),
    token: async () => { await api.storage.local.set({ token: message.token.trim() }); return { ok: true }; },
    forget: async () => { await api.storage.local.set({ token: "" }); return { ok: true }; },
    flush: () => flushQueue(),
  };
  const handler = handlers[message.type];
  if (!handler) return false;
  handler().then(reply, (error) => reply({ ok: false, message: String(error.message || error) }));
  return true;
});
