// Hostile input pasted into the standalone page's search box: a 1 MB string, binary garbage,
// markup and script URLs, RTL and combining characters, emoji. Nothing may run (no dialog,
// no new <script>, <img>, <iframe>... and no inline handler in the document), no error may
// reach the console, and the page must stay responsive: a normal query typed afterwards
// still shows results within 2 s.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startServer, launch, openPage, waitForWidget } from "./helpers.mjs";

let srv, browser;
before(async () => { srv = await startServer(); browser = await launch(); });
after(async () => { await browser?.close(); await srv?.close(); });

/** Deterministic "binary garbage": every byte value, scrambled, read as Latin-1. */
function garbage(n) {
  let x = 2463534242;
  let s = "";
  for (let i = 0; i < n; i++) {
    x ^= x << 13; x >>>= 0; x ^= x >>> 17; x ^= x << 5; x >>>= 0;
    s += String.fromCharCode(x & 0xff);
  }
  return s;
}

const HOSTILE = [
  ["a 1 MB string", "A".repeat(1 << 20)],
  ["1 MB of words", "encryption imsi catcher ".repeat(44_000)],
  ["binary garbage", garbage(4096)],
  ["NUL and control characters", "\u0000\u0001\u0007\u001b[31m\u007f\u0085\ufeff\ufffe"],
  ["lone surrogates", "\ud800 \udfff \ud83d"],
  ["a script element", "<script>alert(1)</script>"],
  ["a javascript: URL", "javascript:alert(1)"],
  ["an attribute break-out", "\"><img src=x onerror=alert(1)>"],
  ["an svg onload", "'><svg/onload=alert(1)><iframe src=javascript:alert(1)>"],
  ["a template literal", "${alert(1)}{{constructor.constructor('alert(1)')()}}"],
  ["RTL override and Arabic/Hebrew", "\u202eimsi catcher\u202c \u200fشفرة הצפנה\u200e 5A002"],
  ["combining characters (zalgo)", "e\u0301\u0302\u0303\u0304\u0305\u0306\u0307\u0308ncryption".repeat(200)],
  ["emoji and ZWJ sequences", "🔐📡🛰️ 👩‍💻👨‍👩‍👧‍👦 🇪🇺 encryption 🔐".repeat(50)],
  ["a code followed by markup", "5A002<b>.a</b>\"'><img src=x onerror=alert(2)>"],
];

/** What could run: script-bearing elements and inline handlers anywhere in the document. */
async function dangerous(page) {
  return page.evaluate(() => {
    const found = [];
    const walk = (root) => {
      for (const el of root.querySelectorAll("*")) {
        const tag = el.tagName.toLowerCase();
        if (["script", "img", "iframe", "object", "embed", "svg", "frame", "base", "meta", "link"].includes(tag)) {
          found.push(tag + (el.src ? ` src=${el.src}` : ""));
        }
        for (const a of el.attributes) {
          if (/^on/i.test(a.name)) found.push(`${tag}[${a.name}]`);
          if (/^\s*javascript:/i.test(a.value) && a.name !== "value") found.push(`${tag}[${a.name}=${a.value.slice(0, 40)}]`);
        }
        if (el.shadowRoot) walk(el.shadowRoot);
      }
    };
    walk(document);
    return found.sort();
  });
}

test("hostile input pasted into the search box runs nothing and the page stays responsive", async () => {
  const { page, errors, context } = await openPage(browser, `${srv.base}/`);
  const dialogs = [];
  page.on("dialog", async (d) => { dialogs.push(`${d.type()}: ${d.message()}`); await d.dismiss(); });
  await waitForWidget(page);
  const baseline = await dangerous(page);
  // Record every element added anywhere, not only those still there at the end.
  await page.evaluate(() => {
    window.__added = [];
    new MutationObserver((records) => {
      for (const r of records) {
        for (const n of r.addedNodes) {
          if (n.nodeType !== 1) continue;
          for (const el of [n, ...n.querySelectorAll("*")]) {
            if (/^(script|img|iframe|object|embed|svg|frame)$/i.test(el.tagName)) window.__added.push(el.tagName);
          }
        }
      }
    }).observe(document, { childList: true, subtree: true });
  });

  const box = page.locator("#dus-search");
  for (const [name, text] of HOSTILE) {
    // Paste: select what is there and insert the text in one input event, as a paste does.
    await box.click();
    await page.keyboard.press("Control+A");
    await page.keyboard.insertText(text);
    // Let the widget search and render whatever it renders for this input.
    await page.waitForTimeout(150);
    const responsive = await Promise.race([
      page.evaluate(() => new Promise((r) => requestAnimationFrame(() => r(true)))),
      new Promise((r) => setTimeout(() => r(false), 2000)),
    ]);
    assert.ok(responsive, `${name}: the page did not paint within 2 s`);

    // A normal query afterwards still shows results within 2 s.
    const started = Date.now();
    await box.fill("");
    await box.pressSequentially("imsi catcher", { delay: 10 });
    await page.locator(".dus-result .dus-code").first().waitFor({ timeout: 2000 });
    const codes = await page.locator(".dus-result .dus-code").allTextContents();
    assert.ok(codes.some((c) => c.startsWith("5A001")), `${name}: after it, "imsi catcher" found ${codes}`);
    assert.ok(Date.now() - started < 2000 + 12 * 10 + 500, `${name}: results took ${Date.now() - started} ms`);
  }

  await page.waitForTimeout(200);
  assert.deepEqual(dialogs, [], "no dialog opened");
  assert.deepEqual(await page.evaluate(() => window.__added), [], "no script, img, iframe, svg... element was added");
  assert.deepEqual(await dangerous(page), baseline, "no script-bearing element or inline handler in the document");
  assert.deepEqual(errors, [], "no error reached the console");
  await context.close();
});

test("hostile input through fill() and a real paste event is as harmless", async () => {
  const { page, errors, context } = await openPage(browser, `${srv.base}/`);
  const dialogs = [];
  page.on("dialog", async (d) => { dialogs.push(d.message()); await d.dismiss(); });
  await waitForWidget(page);
  const baseline = await dangerous(page);
  const box = page.locator("#dus-search");
  for (const [, text] of HOSTILE) {
    await box.fill(text);
    // A synthetic paste event with the text on its clipboard data: handlers that read
    // clipboardData (if any) get the hostile text too.
    await box.evaluate((el, t) => {
      const dt = new DataTransfer();
      dt.setData("text/plain", t);
      dt.setData("text/html", t);
      el.dispatchEvent(new ClipboardEvent("paste", { clipboardData: dt, bubbles: true, cancelable: true }));
    }, text);
  }
  await box.fill("encryption");
  await page.locator(".dus-result").first().waitFor({ timeout: 2000 });
  await page.waitForTimeout(200);
  assert.deepEqual(dialogs, []);
  assert.deepEqual(await dangerous(page), baseline);
  assert.deepEqual(errors, []);
  await context.close();
});
