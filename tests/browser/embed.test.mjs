// The embed (dist/embed): two lines on a host page give a <dualuse-screener> in a shadow
// root; two instances stay independent; host CSS does not get in; nothing leaves the origin.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { DIST, startServer, launch, openPage } from "./helpers.mjs";

let srv, browser;
const hostPage = `<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>Host</title>
<style>* { font-family: Comic Sans MS, cursive !important; color: red !important; } input { display: none !important; }</style>
<script type="module" src="/embed/dualuse-screener.js"></script></head>
<body><h1>Trade association</h1>
<dualuse-screener id="a" from="DE"></dualuse-screener>
<dualuse-screener id="b" from="FR" theme="dark"></dualuse-screener></body></html>`;

before(async () => {
  fs.mkdirSync(path.join(DIST, "examples"), { recursive: true });
  fs.writeFileSync(path.join(DIST, "examples", "test-host.html"), hostPage);
  srv = await startServer();
  browser = await launch();
});
after(async () => { await browser?.close(); await srv?.close(); fs.rmSync(path.join(DIST, "examples", "test-host.html"), { force: true }); });

test("two widgets on a hostile host page work independently inside shadow roots", async () => {
  const { page, requests, errors, context } = await openPage(browser, `${srv.base}/examples/test-host.html`);
  const a = page.locator("#a");
  const b = page.locator("#b");
  await a.locator("#dus-search").waitFor({ timeout: 15000 });
  await b.locator("#dus-search").waitFor({ timeout: 15000 });
  assert.ok(await page.evaluate(() => !!document.getElementById("a").shadowRoot));
  // Host CSS hid every input on the page; the widget's search box is still visible.
  assert.ok(await a.locator("#dus-search").isVisible());
  const loadCount = requests.length;
  await a.locator("#dus-search").fill("drone");
  await a.locator(".dus-result").first().waitFor();
  assert.equal(await b.locator(".dus-result").count(), 0, "typing in one widget leaves the other alone");
  const colour = await a.locator(".dus-title").evaluate((el) => getComputedStyle(el).color);
  assert.notEqual(colour, "rgb(255, 0, 0)", "host CSS must not reach inside the widget");
  assert.deepEqual(requests.slice(loadCount), [], "no request after load");
  const wasmLoads = requests.filter((r) => r.endsWith(".wasm"));
  assert.equal(wasmLoads.length, 1, "the wasm is loaded once for all instances");
  for (const r of requests) assert.ok(r.startsWith(srv.base), `unexpected request ${r}`);
  assert.deepEqual(errors, []);
  await context.close();
});
