// The widget in English, German and French: the language from ?lang=, the browser or the
// host's `lang` attribute; switching inside the widget (?lang= rewritten in place on the
// standalone page); translated questions, countries and verdicts; the legal text marked as
// English only.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { DIST, startServer, launch, openPage, waitForWidget } from "./helpers.mjs";

let srv, browser;
const hostPage = `<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>Host</title>
<script type="module" src="/embed/dualuse-screener.js"></script></head>
<body><main><h1>Association</h1>
<dualuse-screener id="fr" lang="fr" from="FR"></dualuse-screener>
<dualuse-screener id="at" lang="de-AT"></dualuse-screener>
<dualuse-screener id="es" lang="es"></dualuse-screener></main></body></html>`;

before(async () => {
  fs.mkdirSync(path.join(DIST, "examples"), { recursive: true });
  fs.writeFileSync(path.join(DIST, "examples", "i18n-host.html"), hostPage);
  srv = await startServer();
  browser = await launch();
});
after(async () => {
  await browser?.close(); await srv?.close();
  fs.rmSync(path.join(DIST, "examples", "i18n-host.html"), { force: true });
});

test("?lang=de: German UI, English legal text marked as such", async () => {
  const { page, context, errors } = await openPage(browser, `${srv.base}/?lang=de`);
  await waitForWidget(page);
  assert.equal(await page.locator(".dus-root").getAttribute("lang"), "de");
  assert.equal(await page.evaluate(() => document.documentElement.lang), "de");
  assert.match(await page.locator("h1.dus-title").textContent(), /Gütern mit doppeltem Verwendungszweck/);
  assert.match(await page.locator(".dus-version").textContent(), /Verordnung \(EU\) 2021\/821 .*2025\/2003 .*15\.11\.2025/);
  assert.equal(await page.locator("label[for=dus-search]").textContent(), "Beschreiben Sie das Gut oder geben Sie eine Nummer aus Anhang I ein");
  await page.locator("#dus-search").fill("imsi catcher");
  await page.locator(".dus-result").first().waitFor();
  assert.match(await page.locator("#dus-search-status").textContent(), /Positionen? (kommt|kommen) in Betracht/);
  assert.match(await page.locator(".dus-why").first().textContent(), /^Gefunden über: /);
  assert.match(await page.locator(".dus-legal-note").first().textContent(), /Rechtstext nur auf Englisch/);
  assert.equal(await page.locator(".dus-snippet").first().getAttribute("lang"), "en");
  await page.locator(".dus-result-open").first().click();
  const entry = page.locator(".dus-entry");
  await entry.waitFor();
  assert.match(await entry.textContent(), /Rechtstext nur auf Englisch/);
  // 5A001.f.2 was compared with the consolidated text: no "check" mark in any language.
  assert.doesNotMatch(await entry.textContent(), /Mit dem amtlichen Text abgleichen/);
  assert.equal(await entry.locator(".dus-heading").getAttribute("lang"), "en");
  await entry.getByRole("button", { name: "Mein Gut fällt unter diese Position" }).click();
  // Guided questions in German, from data/questions.txt.
  await page.getByRole("button", { name: /^Abhören und Stören von Mobilfunk/ }).click();
  assert.match(await page.locator(".dus-question").first().textContent(), /Fängt das Gut Mobilfunkkommunikation/);
  assert.equal(await page.locator(".dus-question .dus-radio").nth(2).textContent(), "Weiß nicht");
  // Countries by their German names, in German alphabetical order.
  await page.getByRole("button", { name: "Weiter: Bestimmungsland und Verwendung" }).click();
  const to = await page.locator("#dus-to option").allTextContents();
  assert.ok(to.includes("Deutschland (DE)") && to.includes("Vereinigte Staaten (US)"), to.slice(0, 5).join());
  assert.ok(to.indexOf("Ägypten (EG)") < to.indexOf("Albanien (AL)"), "Ä sorts with A");
  await page.locator("#dus-from").selectOption("DE");
  await page.locator("#dus-to").selectOption("CN");
  await page.getByRole("button", { name: "Zum Ergebnis" }).click();
  await page.locator(".dus-verdict").waitFor();
  assert.equal(await page.locator(".dus-verdict-title").textContent(), "Genehmigungspflichtig");
  assert.match(await page.locator(".dus-verdict").textContent(), /Ausfuhrgenehmigung/);
  // The grounds read in German; only the citations inside them are marked English.
  assert.equal(await page.locator(".dus-grounds").getAttribute("lang"), null);
  assert.match(await page.locator(".dus-grounds").textContent(), /genehmigungspflichtig/);
  assert.match(await page.locator('.dus-grounds [lang="en"]').first().textContent(), /^Art\. 3\(1\)/);
  assert.match(await page.locator(".dus-result-step").textContent(), /Bundesamt für Wirtschaft und Ausfuhrkontrolle/);
  assert.deepEqual(errors, []);
  await context.close();
});

test("switching language inside the page rewrites ?lang= without a reload and keeps the work", async () => {
  const { page, context, requests } = await openPage(browser, `${srv.base}/?lang=en&from=DE`);
  await waitForWidget(page);
  await page.evaluate(() => { window.__marker = 42; });
  await page.locator("#dus-search").fill("5A002");
  await page.locator(".dus-result").first().waitFor();
  const before = requests.length;
  // With the keyboard: English → Deutsch → Français.
  await page.locator("#dus-lang").focus();
  await page.keyboard.press("ArrowDown");
  await page.locator(".dus-root[lang=de]").waitFor();
  assert.equal(new URL(page.url()).searchParams.get("lang"), "de");
  await page.keyboard.press("ArrowDown");
  await page.locator(".dus-root[lang=fr]").waitFor();
  assert.equal(await page.evaluate(() => window.__marker), 42, "no reload");
  assert.equal(new URL(page.url()).searchParams.get("lang"), "fr");
  assert.equal(new URL(page.url()).searchParams.get("from"), "DE", "other parameters kept");
  assert.equal(await page.evaluate(() => document.documentElement.lang), "fr");
  assert.match(await page.evaluate(() => document.title), /biens à double usage/);
  assert.equal(await page.locator("#dus-search").inputValue(), "5A002", "the query survives");
  assert.equal(await page.locator("label[for=dus-search]").textContent(), "Décrivez le bien ou saisissez un code de l'annexe I");
  assert.equal(await page.locator("#dus-lang").evaluate((el) => document.activeElement === el), true, "focus stays on the switch");
  assert.deepEqual(requests.slice(before), [], "no request");
  assert.equal(await page.evaluate(() => Object.keys(localStorage).length + Object.keys(sessionStorage).length + document.cookie.length), 0, "no storage");
  // The French verdict and its announcement.
  await page.getByRole("button", { name: "Suivant\u00a0: destination et utilisation" }).click();
  await page.locator("#dus-to").selectOption("US");
  const usLabel = await page.locator("#dus-to option[value=US]").textContent();
  assert.equal(usLabel, "États-Unis (US)");
  await page.getByRole("button", { name: "Voir le résultat" }).click();
  await page.locator(".dus-verdict").waitFor();
  assert.match(await page.locator(".dus-root > [role=status]").textContent(), /^Résultat\s:\s/);
  // Reload: the language stays, from the URL, and so does the result (the session and step
  // are in the fragment).
  await page.reload();
  await page.locator(".dus-verdict").waitFor({ timeout: 15000 });
  assert.equal(await page.locator(".dus-root").getAttribute("lang"), "fr");
  await context.close();
});

test("no ?lang=: the browser's language, else English", async () => {
  for (const [locale, want] of [["de-DE", "de"], ["fr-CA", "fr"], ["es-ES", "en"]]) {
    const { page, context } = await openPage(browser, `${srv.base}/`, { context: { locale } });
    await waitForWidget(page);
    assert.equal(await page.locator(".dus-root").getAttribute("lang"), want, locale);
    await context.close();
  }
});

test("embed: the host's lang attribute sets the language, and wins when it changes", async () => {
  const { page, context, errors } = await openPage(browser, `${srv.base}/examples/i18n-host.html`);
  for (const id of ["fr", "at", "es"]) await page.locator(`#${id}`).locator("#dus-search").waitFor({ timeout: 15000 });
  assert.equal(await page.locator("#fr .dus-root").getAttribute("lang"), "fr");
  assert.equal(await page.locator("#at .dus-root").getAttribute("lang"), "de");
  assert.equal(await page.locator("#es .dus-root").getAttribute("lang"), "en", "a language we lack gives English");
  assert.equal(await page.locator("#fr #dus-lang").inputValue(), "fr");
  // The user switches one widget; the host's attribute changes later and wins.
  await page.locator("#fr #dus-lang").selectOption("en");
  await page.locator("#fr .dus-root[lang=en]").waitFor();
  assert.equal(new URL(page.url()).search, "", "an embed never touches the host's URL");
  await page.evaluate(() => document.getElementById("fr").setAttribute("lang", "de"));
  await page.locator("#fr .dus-root[lang=de]").waitFor({ timeout: 15000 });
  assert.match(await page.locator("#fr .dus-title").textContent(), /Vorprüfung/);
  assert.deepEqual(errors, []);
  await context.close();
});

test("French: plural of zero is singular, and the questions read in French", async () => {
  const { page, context } = await openPage(browser, `${srv.base}/?lang=fr`);
  await waitForWidget(page);
  await page.getByRole("button", { name: /^Chiffrement et sécurité de l'information/ }).click();
  assert.match(await page.locator(".dus-question").first().textContent(), /Le bien utilise-t-il la cryptographie/);
  await page.locator(".dus-question input[type=radio]").first().check();
  await page.locator(".dus-question select").first().waitFor();
  const options = await page.locator(".dus-question select").first().locator("option").allTextContents();
  assert.equal(options[0], "Je ne sais pas");
  assert.ok(options.some((o) => o.startsWith("Fondé sur la factorisation")), options.join(" / "));
  await page.locator("#dus-search").fill("zzqxw qqvvkj");
  assert.match(await page.locator("#dus-search-status").textContent(), /^Aucun poste ne correspond/);
  await context.close();
});
