// Issue 15: "Screen a catalogue" in the browser, privately. The view's code is a second
// module fetched only when opened (site, embed) or inlined (single file); a file is read,
// screened row by row, reviewed with the keyboard, exported and re-opened, and nothing but
// the widget's own files is ever requested.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { startServer, launch, openPage, waitForWidget, DIST } from "./helpers.mjs";

let srv, browser;
before(async () => { srv = await startServer(); browser = await launch(); });
after(async () => { await browser?.close(); await srv?.close(); });

// A German Excel export: Windows-1252, semicolons, umlauts.
const GERMAN_CSV = Buffer.from(
  "Artikelnummer;Bezeichnung;Beschreibung\r\n" +
  "WK-640;Wärmebildkamera;Ungekühlte Wärmebildkamera mit Mikrobolometer-Focal-Plane-Array, 640 x 480\r\n" +
  "BS-1;Bürostuhl;Drehstuhl mit Armlehnen, schwarz\r\n" +
  "FM-5;5-Achs-Fräsmaschine;CNC milling machine, 5 axes, positioning accuracy 3 µm\r\n" +
  "LS-2;Lötstation;Lötstation 80 W für Elektronikwerkstatt\r\n",
  "latin1",
);

async function openCatalogue(page) {
  await page.getByRole("button", { name: "Screen a catalogue" }).click();
  await page.locator("#dus-cat-file").waitFor({ state: "attached", timeout: 20000 });
}

async function screenGermanCsv(page) {
  await page.locator("#dus-cat-file").setInputFiles({ name: "katalog.csv", mimeType: "text/csv", buffer: GERMAN_CSV });
  await page.locator("#dus-cat-col-name").waitFor();
  // The guess: the name column is "Bezeichnung", the part number "Artikelnummer".
  assert.equal(await page.locator("#dus-cat-col-name option:checked").textContent(), "Bezeichnung");
  assert.equal(await page.locator("#dus-cat-col-partNumber option:checked").textContent(), "Artikelnummer");
  assert.match(await page.locator(".dus-cat-setup").textContent(), /windows-1252/i);
  // Read as UTF-8 instead, the umlauts break and the reader says so; back to Windows-1252.
  await page.locator("#dus-cat-encoding").selectOption("UTF-8");
  await page.getByRole("button", { name: "Read again" }).click();
  await page.locator(".dus-cat-setup").getByText("not valid UTF-8").waitFor();
  assert.match(await page.locator(".dus-cat-preview").textContent(), /\uFFFD/);
  await page.locator("#dus-cat-encoding").selectOption("windows-1252");
  await page.getByRole("button", { name: "Read again" }).click();
  await page.waitForFunction(() => /Wärmebildkamera/.test(document.querySelector(".dus-cat-preview").textContent));
  await page.getByRole("button", { name: "Screen 4 rows" }).click();
  await page.locator(".dus-cat-table tbody tr").nth(3).waitFor();
  await page.waitForFunction(() => !document.querySelector("#dus-cat-progress"));
}

test("site: the catalogue module is fetched only when opened; a German CSV is screened, reviewed with the keyboard, exported and re-opened", async () => {
  const { page, requests, errors, context } = await openPage(browser, `${srv.base}/?lang=en`, { context: { acceptDownloads: true } });
  await waitForWidget(page);
  assert.ok(!requests.some((r) => r.includes("catalogue")), "nothing of the catalogue before it is opened");
  const afterLoad = requests.length;
  await openCatalogue(page);
  const fetched = requests.slice(afterLoad);
  assert.ok(fetched.some((r) => /dualuse_catalogue\.[0-9a-f]+\.js$/.test(r)), `glue fetched: ${fetched}`);
  assert.ok(fetched.some((r) => /dualuse_catalogue_bg\.[0-9a-f]+\.wasm$/.test(r)), `wasm fetched: ${fetched}`);
  for (const r of fetched) assert.ok(r.startsWith(srv.base), `only the site's own files: ${r}`);
  const opened = requests.length;

  await screenGermanCsv(page);
  const rows = page.locator(".dus-cat-table tbody tr");
  assert.equal(await rows.count(), 4);
  const statusOf = async (i) => (await rows.nth(i).locator(".dus-ck-status").textContent()).trim();
  for (let i = 0; i < 4; i++) assert.match(await statusOf(i), /likely listed|check|no match/);
  assert.match(await rows.nth(0).textContent(), /6A00[23]/, "the thermal camera gets a camera entry among its candidates");
  assert.match(await rows.nth(2).textContent(), /2B001/, "the 5-axis milling machine gets 2B001 among its candidates");

  // Keyboard review: the first row has the focus stop; N marks it not listed, ↓ moves on,
  // C confirms the first candidate of the second row... for the chair, N again.
  await rows.nth(1).focus();
  await page.keyboard.press("n");
  await page.keyboard.press("ArrowUp");
  assert.equal(await page.evaluate(() => document.activeElement.dataset.row), "0");
  await page.keyboard.press("c");
  assert.match(await rows.nth(0).textContent(), /Listed: 6A00/);
  assert.match(await rows.nth(1).textContent(), /Not listed/);
  await rows.nth(1).locator("input[type=text]").fill("standard office furniture");
  await rows.nth(1).locator("input[type=text]").press("Tab");

  // Filter: rows not decided.
  await page.locator("#dus-cat-filter").selectOption("undecided");
  assert.equal(await rows.count(), 2);
  await page.locator("#dus-cat-filter").selectOption("all");

  // Export (semicolon CSV), then open the export again: the decisions come back.
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "CSV (;)" }).click()]);
  const file = path.join(os.tmpdir(), `dus-export-${process.pid}.csv`);
  await download.saveAs(file);
  const exported = fs.readFileSync(file, "utf8");
  assert.match(exported.split(/\r?\n/)[0], /Artikelnummer;Bezeichnung;Beschreibung;Status;Decision;Candidates;Note;Dataset version;Dataset date/);
  assert.match(exported, /Bürostuhl/, "umlauts survive (UTF-8 with BOM)");
  assert.match(exported, /not listed;.*standard office furniture/);

  await page.getByRole("button", { name: "Screen another file" }).click();
  await page.locator("#dus-cat-file").setInputFiles(file);
  await page.locator(".dus-cat-setup").getByText("decisions and notes are restored").waitFor();
  await page.getByRole("button", { name: "Screen 4 rows" }).click();
  await page.waitForFunction(() => !document.querySelector("#dus-cat-progress") && document.querySelectorAll(".dus-cat-table tbody tr").length === 4);
  assert.match(await rows.nth(1).textContent(), /Not listed/);
  assert.equal(await rows.nth(1).locator("input[type=text]").inputValue(), "standard office furniture");

  // Open an entry from a row: the widget shows it, and "Back to the catalogue" returns to the
  // same review.
  await rows.nth(0).locator(".dus-cat-candidates button").first().click();
  await page.getByRole("button", { name: "Back to the catalogue" }).click();
  assert.match(await rows.nth(0).textContent(), /Listed: 6A00/);

  assert.deepEqual(requests.slice(opened), [], "nothing requested after the catalogue module loaded");
  assert.deepEqual(errors, []);
  fs.rmSync(file, { force: true });
  await context.close();
});

test("single file: the catalogue works from file:// with no request at all", async () => {
  const url = pathToFileURL(path.join(DIST, "dualuse-screener.html")).href + "?lang=en";
  const { page, requests, errors, context } = await openPage(browser, url);
  await waitForWidget(page);
  await openCatalogue(page);
  await page.locator("#dus-cat-paste").fill("Product\tDescription\nIMSI catcher\tInterception of mobile subscriber identities\nGarden hose\t25 m PVC hose");
  await page.getByRole("button", { name: "Use the pasted rows" }).click();
  await page.getByRole("button", { name: "Screen 2 rows" }).click();
  await page.waitForFunction(() => !document.querySelector("#dus-cat-progress") && document.querySelectorAll(".dus-cat-table tbody tr").length === 2);
  assert.match(await page.locator(".dus-cat-table tbody tr").nth(0).textContent(), /5A001/);
  // Closed, the widget is back; opened again, the view starts afresh.
  await page.getByRole("button", { name: "Close the catalogue" }).click();
  await page.locator("#dus-search").waitFor();
  await openCatalogue(page);
  assert.equal(await page.locator(".dus-cat-table").count(), 0);
  assert.deepEqual(requests.filter((r) => !r.startsWith("file:")), [], "no request beyond the file itself");
  assert.deepEqual(errors, []);
  await context.close();
});

test("embed: the catalogue module comes from the embed's own folder", async () => {
  const { page, requests, errors, context } = await openPage(browser, `${srv.base}/examples/`);
  const host = page.locator("dualuse-screener").first();
  await waitForWidget(page, host);
  await host.getByRole("button", { name: /Screen a catalogue|Katalog prüfen|Examiner un catalogue/ }).click();
  await host.locator("#dus-cat-file").waitFor({ state: "attached", timeout: 20000 });
  assert.ok(requests.some((r) => r.endsWith("/embed/dualuse-screener-catalogue.wasm")), `${requests}`);
  for (const r of requests) assert.ok(r.startsWith(srv.base), `unexpected request ${r}`);
  assert.deepEqual(errors, []);
  await context.close();
});

test("hostile files get a clear message and the view keeps working", async () => {
  const { page, errors, context } = await openPage(browser, `${srv.base}/?lang=en`);
  await waitForWidget(page);
  await openCatalogue(page);
  const alert = page.locator(".dus-cat-source [role=alert]");
  const cases = [
    [{ name: "photo.csv", mimeType: "text/csv", buffer: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]) }, /not a spreadsheet|binary/],
    [{ name: "empty.csv", mimeType: "text/csv", buffer: Buffer.alloc(0) }, /empty/],
    [{ name: "fake.xlsx", mimeType: "application/octet-stream", buffer: Buffer.from("PK\u0003\u0004 not really a zip") }, /damaged|not an Excel/],
    [{ name: "wide.csv", mimeType: "text/csv", buffer: Buffer.from("a" + ",a".repeat(1_000_000) + "\n1\n") }, /columns/],
    [{ name: "quote.csv", mimeType: "text/csv", buffer: Buffer.from('name;description\n"unclosed;x\nsecond;row\n') }, /quote/],
  ];
  for (const [file, message] of cases) {
    await page.locator("#dus-cat-file").setInputFiles(file);
    // Reading is asynchronous: wait until the alert names this file's problem.
    await page.waitForFunction((source) => new RegExp(source).test(document.querySelector(".dus-cat-source [role=alert]")?.textContent || ""), message.source, { timeout: 10000 })
      .catch(() => {});
    assert.match(await alert.textContent(), message, file.name);
  }
  // After all that, a good file still reads.
  await page.locator("#dus-cat-file").setInputFiles({ name: "ok.csv", mimeType: "text/csv", buffer: Buffer.from("Name,Description\nLaser,Fibre laser 300 W\n") });
  await page.locator("#dus-cat-col-name").waitFor();
  assert.deepEqual(errors, []);
  await context.close();
});
