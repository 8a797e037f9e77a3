// The record the exporter keeps: print, JSON and Markdown downloads, a link that restores
// the session, loading a record back, and no storage until the user opts in.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { startServer, launch, openPage, waitForWidget } from "./helpers.mjs";

let srv, browser;
before(async () => { srv = await startServer(); browser = await launch(); });
after(async () => { await browser?.close(); await srv?.close(); });

/** Walk a screening: search, describe, pick 5A001.f.2, DE -> EG, result; tick one step. */
async function screen(page) {
  await waitForWidget(page);
  await page.locator("#dus-search").fill("IMSI catcher");
  await page.locator(".dus-result-open").first().click();
  await page.locator("#dus-description").fill("Tactical IMSI catcher X-200");
  await page.locator("#dus-description").dispatchEvent("change");
  await page.locator(".dus-entry .dus-primary").first().click();
  await page.locator(".dus-item-step > .dus-actions .dus-primary").click();
  await page.locator("#dus-from").selectOption("DE");
  await page.locator("#dus-to").selectOption("EG");
  await page.locator(".dus-destination-step .dus-actions .dus-primary").click();
  await page.locator(".dus-verdict").waitFor();
  await page.locator("#dus-dd-0").check();
}

test("nothing is stored without consent; opting in saves, withdrawing removes everything", async () => {
  const { page, context } = await openPage(browser, `${srv.base}/?lang=en`);
  await screen(page);
  await page.getByRole("button", { name: "Copy a link to this session" }).click();
  const storedBefore = await page.evaluate(() => ({ local: localStorage.length, session: sessionStorage.length, cookie: document.cookie }));
  assert.deepEqual(storedBefore, { local: 0, session: 0, cookie: "" }, "no storage before opting in");
  await page.locator("#dus-consent").check();
  await page.getByRole("button", { name: "Save this session on this device" }).click();
  const keys = await page.evaluate(() => Object.keys(localStorage));
  assert.ok(keys.includes("dualuse-screener:consent"));
  assert.ok(keys.some((k) => k.startsWith("dualuse-screener:session:")), JSON.stringify(keys));
  await page.locator(".dus-saved li").first().waitFor();
  // A saved session is listed by its item and destination.
  assert.match(await page.locator(".dus-saved li").first().textContent(), /Tactical IMSI catcher X-200 → Egypt/);
  await page.locator("#dus-consent").uncheck();
  assert.equal(await page.evaluate(() => localStorage.length), 0, "withdrawing consent removes all");
  await context.close();
});

test("a copied link restores the whole session; a damaged one gives a message and an empty session", async () => {
  const { page, context } = await openPage(browser, `${srv.base}/?lang=en`);
  await screen(page);
  const verdict = await page.locator(".dus-verdict-title").textContent();
  await page.getByRole("button", { name: "Copy a link to this session" }).click();
  const link = await page.locator("#dus-link").inputValue();
  assert.match(link, /#v2\.[A-Za-z0-9_-]+$/);
  console.log(`session link: ${link.length - link.indexOf("#")} characters after #`);
  const other = await context.newPage();
  await other.goto(link);
  await other.locator(".dus-verdict").waitFor({ timeout: 15000 });
  assert.equal(await other.locator(".dus-verdict-title").textContent(), verdict);
  assert.ok(await other.locator("#dus-dd-0").isChecked(), "ticks come back");
  const damaged = link.slice(0, -6) + "AAAAAA";
  const third = await context.newPage();
  await third.goto(damaged);
  await waitForWidget(third);
  assert.match(await third.locator(".dus-session-message").textContent(), /damaged|does not/);
  assert.equal(await third.locator(".dus-verdict").count(), 0);
  await context.close();
});

test("JSON and Markdown downloads hold the record, and a JSON record loads back", async () => {
  const { page, context } = await openPage(browser, `${srv.base}/?lang=en`);
  await screen(page);
  const [json] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Download JSON" }).click()]);
  const jsonPath = path.join(os.tmpdir(), `dus-${Date.now()}.json`);
  await json.saveAs(jsonPath);
  const record = JSON.parse(fs.readFileSync(jsonPath, "utf8"));
  assert.equal(record.schema, "dualuse-screener/record");
  assert.equal(record.schemaVersion, 2);
  // Evidence: the verdict and grounds, what was checked, the sources' dates, labels as shown.
  assert.equal(record.lang, "en");
  assert.equal(record.result.verdict, "authorisation_required");
  assert.equal(record.result.verdictLabel, "Authorisation required");
  assert.ok(record.result.grounds.some((g) => g.rule.includes("Art. 3(1)")));
  assert.ok(record.result.checked.length > 0);
  assert.ok(record.result.dueDiligence[0].done, "the ticked step");
  assert.equal(record.sources.find((s) => s.source === "annex-i").asOf, "2025-11-15");
  assert.ok(record.entries.some((e) => e.code === "5A001.f.2" && !e.open));
  // The entries the search showed and the user did not settle stay open, in both lists.
  const open = record.candidates.filter((c) => c.state === "open").map((c) => c.code);
  assert.deepEqual(record.entries.filter((e) => e.open).map((e) => e.code), open);
  assert.equal(record.dataset.consolidatedAsOf, "2025-11-15");
  assert.equal(record.session.description, "Tactical IMSI catcher X-200");
  assert.deepEqual(record.session.picked, ["5A001.f.2"]);
  const [md] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Download Markdown" }).click()]);
  const mdText = fs.readFileSync(await md.path(), "utf8");
  for (const s of ["# Dual-use export pre-screening record", "Tactical IMSI catcher X-200", "5A001.f.2", "Egypt (EG)", "Art. 3(1)", "- [x]"]) assert.ok(mdText.includes(s), `Markdown lacks ${s}`);
  const fresh = await context.newPage();
  await fresh.goto(`${srv.base}/?lang=en`);
  await waitForWidget(fresh);
  // A record loads from the first step (a result needs a destination, so it is not there).
  await fresh.locator("#dus-load").setInputFiles(jsonPath);
  await fresh.locator(".dus-session-message").waitFor();
  await fresh.locator(".dus-verdict").waitFor();
  assert.match(await fresh.locator(".dus-verdict-title").textContent(), /Authorisation required/);
  await context.close();
});

test("the printed report shows every section and leaves the controls out", async () => {
  const { page, context } = await openPage(browser, `${srv.base}/?lang=en`);
  await screen(page);
  await page.emulateMedia({ media: "print" });
  const summary = page.locator(".dus-print-only");
  assert.ok(await summary.isVisible());
  const text = await page.locator(".dus-result-step").textContent();
  for (const s of ["Tactical IMSI catcher X-200", "IMSI catcher", "5A001.f.2", "Authorisation required", "Art. 3(1)", "Record of this screening", "Indicative"]) {
    assert.ok(text.includes(s), `print lacks ${s}`);
  }
  assert.equal(await page.locator(".dus-steps").isVisible(), false, "no navigation chrome");
  assert.equal(await page.locator(".dus-record .dus-actions").isVisible(), false);
  const pdf = await page.pdf({ format: "A4" });
  const pages = (pdf.toString("latin1").match(/\/Type\s*\/Page[^s]/g) || []).length;
  console.log(`printed report: ${pages} A4 pages, ${pdf.length} bytes`);
  assert.ok(pages >= 1);
  await context.close();
});

test("a crash inside the wasm shows a message with a reset button, not a dead page", async () => {
  const { page, context } = await openPage(browser, `${srv.base}/?lang=en`);
  await waitForWidget(page);
  // An uncaught panic, as one in an event handler would be: it reaches window as a
  // WebAssembly.RuntimeError.
  await page.evaluate(async () => {
    const app = [...document.scripts].map((s) => s.src).find((s) => s.includes("/app."));
    const glueName = (await (await fetch(app)).text()).match(/from "\.\/(dualuse_screener\.[0-9a-f]+\.js)"/)[1];
    const m = await import(`./${glueName}`);
    setTimeout(() => m.__testPanic(), 0);
  });
  await page.locator(".dus-crash").waitFor({ timeout: 5000 });
  assert.match(await page.locator(".dus-crash").textContent(), /Nothing was sent/);
  await page.getByRole("button", { name: "Start again" }).click();
  await waitForWidget(page);
  await page.locator("#dus-search").fill("drone");
  await page.locator(".dus-result").first().waitFor();
  await context.close();
});
