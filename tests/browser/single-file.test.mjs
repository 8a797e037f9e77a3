// The single file (dist/dualuse-screener.html): works opened straight from disk, under its
// own CSP (connect-src 'none'), and requests nothing but the document itself.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import path from "node:path";
import fs from "node:fs";
import { pathToFileURL } from "node:url";
import { DIST, launch, openPage, waitForWidget } from "./helpers.mjs";

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const file = path.join(DIST, "dualuse-screener.html");

test("opened from file:// it loads, searches, and requests nothing but itself", async () => {
  const url = pathToFileURL(file).href;
  const { page, requests, errors, context } = await openPage(browser, url);
  await waitForWidget(page);
  await page.locator("#dus-search").pressSequentially("encrpytion", { delay: 15 });
  await page.locator(".dus-result").first().waitFor();
  const codes = await page.locator(".dus-result .dus-code").allTextContents();
  assert.ok(codes.some((c) => c.startsWith("5A002") || c.startsWith("5D002")), `got ${codes}`);
  assert.deepEqual(requests, [url], "the document is the only request");
  assert.deepEqual(errors, []);
  await context.close();
});

test("its CSP forbids every connection, and a request the page did not plan is blocked", async () => {
  const html = fs.readFileSync(file, "utf8");
  const csp = html.match(/http-equiv="Content-Security-Policy" content="([^"]+)"/)[1];
  assert.match(csp, /default-src 'none'/);
  assert.doesNotMatch(csp, /connect-src/, "connect-src falls back to default-src 'none'");
  assert.doesNotMatch(csp, /https?:/, "no remote origin anywhere");
  const url = pathToFileURL(file).href;
  const { page, context } = await openPage(browser, url);
  await waitForWidget(page);
  const violations = [];
  await page.exposeFunction("reportViolation", (v) => violations.push(v));
  await page.evaluate(() => document.addEventListener("securitypolicyviolation", (e) => window.reportViolation(e.violatedDirective)));
  const blocked = await page.evaluate(async () => {
    try { await fetch("http://127.0.0.1:9/leak"); return false; } catch { return true; }
  });
  assert.ok(blocked, "fetch to another origin must fail");
  await page.waitForTimeout(200);
  assert.ok(violations.some((v) => v.startsWith("connect-src")), `violations: ${violations}`);
  await context.close();
});
