// Drives Debian's chromium (full headless mode, --headless=new) with playwright-core for the
// Python end-to-end tests of "Send to Briefing" (tests/e2e). One JSON argument:
//   {"mode": "capture", "chromium", "extensionDir", "userDataDir", "pageUrl", "port", "token",
//    "quote", "note"}  -> loads the built extension, selects `quote` on the page and sends it
//                         twice through the extension's service worker
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

async function capture() {
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
  const first = await send();
  const second = await send();
  return { selected, first, second, extensionUrl: worker.url() };
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
  output = options.mode === "capture" ? await capture() : await webpage();
} finally {
  await context.close();
}
process.stdout.write(JSON.stringify(output) + "\n");
