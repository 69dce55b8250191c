// Drives Debian's chromium (full headless mode, --headless=new) with playwright-core for the
// Python end-to-end tests of "Send to Briefing" (tests/e2e). One JSON argument:
//   {"mode": "capture", "chromium", "extensionDir", "userDataDir", "pageUrl", "port", "token",
//    "quote", "note"}  -> loads the built extension, selects `quote` on the page and sends it
//                         twice through the extension's service worker
//   {"mode": "queue", ... as capture}  -> the reader is not running yet: the capture is
//                         queued; after a line on stdin the queue is flushed, then the same
//                         payload is queued and flushed again (a retry of one capture_id)
//   {"mode": "webpage", "chromium", "userDataDir", "pageUrl"}
//                      -> opens an ordinary page and returns what its script could learn
// Prints one JSON object on stdout.
import { chromium } from "playwright-core";

const options = JSON.parse(process.argv[2]);
const args = [
  "--headless=new",
  "--no-sandbox",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--disable-gpu",
];
if (options.extensionDir) {
  args.push(`--disable-extensions-except=${options.extensionDir}`,
            `--load-extension=${options.extensionDir}`);
}
const context = await chromium.launchPersistentContext(options.userDataDir, {
  executablePath: options.chromium,
  headless: false, // the mode is chosen by --headless=new above: only it loads extensions
  args,
  ignoreDefaultArgs: ["--disable-extensions", "--disable-component-extensions-with-background-pages"],
  timeout: 60000,
});

async function preparePage() {
  const page = await context.newPage();
  await page.goto(options.pageUrl);
  const selected = await page.evaluate((quote) => {
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const at = node.data.indexOf(quote);
      if (at >= 0) {
        const range = document.createRange();
        range.setStart(node, at);
        range.setEnd(node, at + quote.length);
        window.getSelection().removeAllRanges();
        window.getSelection().addRange(range);
        return window.getSelection().toString();
      }
    }
    return null;
  }, options.quote);
  const worker = context.serviceWorkers()[0] ?? await context.waitForEvent("serviceworker");
  await worker.evaluate(({ token, port }) => chrome.storage.local.set({ token, port }),
                        { token: options.token, port: options.port });
  const send = () => worker.evaluate(async ({ url, note }) => {
    const tabs = await chrome.tabs.query({});
    const tab = tabs.find((candidate) => candidate.url === url);
    return sendCapture({ tabId: tab.id, note, tags: ["e2e"] });
  }, { url: options.pageUrl, note: options.note });
  return { selected, worker, send };
}

async function capture() {
  const { selected, worker, send } = await preparePage();
  const first = await send();
  const second = await send();
  return { selected, first, second, extensionUrl: worker.url() };
}

async function nextLine() {
  return new Promise((resolve) => {
    process.stdin.once("data", (chunk) => resolve(String(chunk)));
  });
}

async function queue() {
  const { selected, worker, send } = await preparePage();
  const queued = await send();
  const stored = await worker.evaluate(() => chrome.storage.local.get({ queue: [] }));
  process.stdout.write(JSON.stringify({ queued, waiting: stored.queue.length }) + "\n");
  await nextLine(); // the reader is running now
  const flushed = await worker.evaluate(() => flushQueue());
  await worker.evaluate((items) => chrome.storage.local.set({ queue: items }), stored.queue);
  const retried = await worker.evaluate(() => flushQueue());
  const left = await worker.evaluate(() => chrome.storage.local.get({ queue: [] }));
  return { selected, flushed, retried, left: left.queue.length,
           captureId: stored.queue[0].capture_id };
}

async function webpage() {
  const page = await context.newPage();
  await page.goto(options.pageUrl);
  await page.waitForFunction(() => window.briefingProbe && window.briefingProbe.done,
                             null, { timeout: 60000 });
  return page.evaluate(() => window.briefingProbe);
}

let output;
try {
  const modes = { capture, queue, webpage };
  output = await modes[options.mode]();
} finally {
  await context.close();
}
process.stdout.write(JSON.stringify(output) + "\n");
