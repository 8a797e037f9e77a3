// Issue 13: Back, Forward and reload on the standalone page and the single file (the
// session and step live in the URL fragment, which never leaves the device); embeds leave
// the host's history alone unless asked (history="fragment"); the iframe fallback as the
// README shows it can print and copy, and says so where a stricter sandbox blocks either;
// a copied link points to the host page given as link-base.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import path from "node:path";
import { startServer, launch, openPage, waitForWidget, DIST } from "./helpers.mjs";

let srv, browser;
before(async () => { srv = await startServer(); browser = await launch(); });
after(async () => { await browser?.close(); await srv?.close(); });

const step = (page) => page.locator(".dus-step-current").textContent();

async function walk(page) {
  await waitForWidget(page);
  await page.locator("#dus-search").fill("IMSI catcher");
  await page.locator(".dus-result-open").first().click();
  await page.locator(".dus-entry .dus-primary").first().click();
  await page.locator(".dus-item-step > .dus-actions .dus-primary").click();
  await page.locator("#dus-from").selectOption("DE");
  await page.locator("#dus-to").selectOption("CN");
  await page.locator(".dus-destination-step .dus-actions .dus-primary").click();
  await page.locator(".dus-verdict").waitFor();
}

test("standalone page: Back and Forward move between the steps; reload keeps the session", async () => {
  const { page, requests, context } = await openPage(browser, `${srv.base}/?lang=en`);
  await waitForWidget(page);
  const afterLoad = requests.length;
  assert.equal(new URL(page.url()).hash, "", "an untouched page keeps its address");
  await walk(page);
  assert.match(new URL(page.url()).hash, /^#v2\.[A-Za-z0-9_-]+~result$/);
  const verdict = await page.locator(".dus-verdict-title").textContent();
  await page.goBack();
  await page.locator(".dus-destination-step").waitFor();
  assert.match(await step(page), /Destination/);
  assert.equal(await page.locator("#dus-to").inputValue(), "CN", "the destination stays");
  await page.goBack();
  await page.locator(".dus-item-step").waitFor();
  assert.equal(await page.locator("#dus-search").inputValue(), "IMSI catcher", "the last search comes back");
  await page.goForward();
  await page.locator(".dus-destination-step").waitFor();
  await page.goForward();
  await page.locator(".dus-verdict").waitFor();
  assert.equal(await page.locator(".dus-verdict-title").textContent(), verdict);
  await page.reload();
  await page.locator(".dus-verdict").waitFor({ timeout: 15000 });
  assert.equal(await page.locator(".dus-verdict-title").textContent(), verdict, "reload keeps the result");
  assert.equal(await page.locator(".dus-session-message").count(), 0, "a reload is no 'session restored'");
  const stored = await page.evaluate(() => localStorage.length + sessionStorage.length + document.cookie.length);
  assert.equal(stored, 0, "no storage without opt-in");
  const after = requests.slice(afterLoad).filter((r) => !r.startsWith(srv.base));
  assert.deepEqual(after, [], "nothing leaves the page");
  await context.close();
});

test("single file from disk: reload keeps the session and step", async () => {
  const { page, context } = await openPage(browser, "file://" + path.join(DIST, "dualuse-screener.html") + "?lang=en");
  await walk(page);
  await page.goBack();
  await page.locator(".dus-destination-step").waitFor();
  await page.reload();
  await page.locator(".dus-destination-step").waitFor({ timeout: 15000 });
  assert.equal(await page.locator("#dus-to").inputValue(), "CN");
  await context.close();
});

test("an embed keeps its own state and leaves the host's history alone unless asked", async () => {
  const { page, context } = await openPage(browser, `${srv.base}/examples/`);
  const w = page.locator("#members");
  await waitForWidget(page, w);
  const before = await page.evaluate(() => ({ length: history.length, hash: location.hash }));
  await w.locator(".dus-item-step > .dus-actions .dus-primary").click();
  await w.locator("#dus-to").selectOption("US");
  await w.locator(".dus-destination-step .dus-actions .dus-primary").click();
  await w.locator(".dus-verdict").waitFor();
  assert.deepEqual(await page.evaluate(() => ({ length: history.length, hash: location.hash })), before);
  // Asked: history="fragment".
  await page.evaluate(() => {
    const el = document.createElement("dualuse-screener");
    el.id = "asked";
    el.setAttribute("history", "fragment");
    el.setAttribute("lang", "en");
    document.body.append(el);
  });
  const a = page.locator("#asked");
  await waitForWidget(page, a);
  await a.locator(".dus-item-step > .dus-actions .dus-primary").click();
  await a.locator(".dus-destination-step").waitFor();
  assert.match(await page.evaluate(() => location.hash), /~destination$/);
  await page.goBack();
  await a.locator(".dus-item-step").waitFor();
  await context.close();
});

function host(src, sandbox, allow) {
  return `<!doctype html><title>host</title><iframe id="f" src="${src}" sandbox="${sandbox}" ${allow ? `allow="${allow}"` : ""} style="width:100%;height:900px"></iframe>`;
}

async function frameResult(page) {
  const f = page.frameLocator("#f");
  await f.locator("#dus-search").waitFor({ timeout: 15000 });
  await f.locator(".dus-item-step > .dus-actions .dus-primary").click();
  await f.locator("#dus-to").selectOption("US");
  await f.locator(".dus-destination-step .dus-actions .dus-primary").click();
  await f.locator(".dus-verdict").waitFor();
  return f;
}

test("iframe as the README shows it: print works, a copied link points to link-base", async () => {
  const { page, context } = await openPage(browser, `${srv.base}/embed/`);
  const src = `${srv.base}/embed/frame.html?lang=en&link-base=${encodeURIComponent("https://assoc.example/export-check")}`;
  await page.setContent(host(src, "allow-scripts allow-downloads allow-modals allow-popups allow-popups-to-escape-sandbox", "clipboard-write"));
  const f = await frameResult(page);
  await f.getByRole("button", { name: "Print or save as PDF" }).click();
  await page.waitForTimeout(1500);
  assert.equal(await f.locator(".dus-blocked").count(), 0, "printing is allowed");
  await f.getByRole("button", { name: "Copy a link to this session" }).click();
  assert.match(await f.locator("#dus-link").inputValue(), /^https:\/\/assoc\.example\/export-check#v2\./);
  await context.close();
});

test("iframe with a stricter sandbox: blocked printing and clipboard are said, with the download", async () => {
  const { page, context } = await openPage(browser, `${srv.base}/embed/`);
  await page.setContent(host(`${srv.base}/embed/frame.html?lang=de`, "allow-scripts allow-downloads", ""));
  const f = await frameResult(page);
  await f.getByRole("button", { name: "Drucken oder als PDF speichern" }).click();
  const blocked = f.locator(".dus-blocked");
  await blocked.waitFor({ timeout: 5000 });
  assert.match(await blocked.textContent(), /Druckdialog/);
  assert.ok(await blocked.getByRole("button", { name: "Markdown herunterladen" }).isVisible());
  await f.getByRole("button", { name: "Link zu dieser Sitzung kopieren" }).click();
  await f.locator(".dus-blocked", { hasText: "Zwischenablage" }).waitFor({ timeout: 5000 });
  await context.close();
});
