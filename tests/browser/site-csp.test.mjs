// The standalone page ships a strict CSP: no remote origin, default-src 'none', scripts from
// 'self' only, connect-src 'self' (for its own .wasm). A request it did not plan is blocked.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { DIST, startServer, launch, openPage, waitForWidget } from "./helpers.mjs";

let srv, browser;
before(async () => { srv = await startServer(); browser = await launch(); });
after(async () => { await browser?.close(); await srv?.close(); });

test("the page's CSP is strict and blocks a request to another origin", async () => {
  const html = fs.readFileSync(path.join(DIST, "site", "index.html"), "utf8");
  const csp = html.match(/http-equiv="Content-Security-Policy" content="([^"]+)"/)[1];
  assert.match(csp, /default-src 'none'/);
  assert.match(csp, /script-src 'self' 'wasm-unsafe-eval'/);
  assert.match(csp, /connect-src 'self'/);
  assert.doesNotMatch(csp, /https?:|'unsafe-inline'|'unsafe-eval'/);
  const { page, context } = await openPage(browser, `${srv.base}/`);
  await waitForWidget(page);
  const outcome = await page.evaluate(async () => {
    const seen = [];
    document.addEventListener("securitypolicyviolation", (e) => seen.push(e.violatedDirective));
    let blocked = false;
    try { await fetch("http://example.invalid/x"); } catch { blocked = true; }
    const img = new Image(); img.src = "http://127.0.0.1:9/pixel.png";
    await new Promise((r) => setTimeout(r, 200));
    return { blocked, seen };
  });
  assert.ok(outcome.blocked);
  assert.ok(outcome.seen.includes("connect-src"), JSON.stringify(outcome.seen));
  assert.ok(outcome.seen.includes("img-src"), JSON.stringify(outcome.seen));
  await context.close();
});
