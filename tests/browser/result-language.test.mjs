// Issue 13, "work in German or French from start to end": every result view in German and
// French is in that language. Sessions covering each verdict (and the grounds behind them:
// due diligence, a Union general export authorisation, a notification, a sanctions ban, no
// authorisation, open candidates, concerns on a listed item, intra-EU, electronic export,
// a general authorisation's duties in "what to do next", questions still open) are
// opened from their link on the standalone page; one is walked by clicking in German. Every
// text node of the result step that is not inside an element marked lang="en" (the legal text
// of Annex I and the citations, which stay English as the banner says) is checked against
// English marker words. The verdict each session gets is asserted, so a flow that drifts to
// another verdict fails instead of silently testing less.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startServer, launch, openPage, waitForWidget, loadApi } from "./helpers.mjs";

let srv, browser, api;
before(async () => {
  srv = await startServer();
  browser = await launch();
  api = await loadApi();
});
after(async () => { await browser?.close(); await srv?.close(); });

// Words of English sentences that neither German nor French uses as words (not "was",
// "will", "union", "destination", which they do).
const ENGLISH = new RegExp(
  "(?<![\\p{L}\\p{N}])(" +
  "the|and|of|your|you|with|this|that|which|is|are|be|it|for|to|not|must|should|has|have|does|may|can|under|item|items|export|exports|authorisation|authorisations|listed|entry|entries|search|checked|released|consolidated|shown|answer|answers|none|whether|find|out|until|general|member|state|open" +
  ")(?![\\p{L}\\p{N}])", "iu");

const FLOWS = [
  { name: "authorisation required, cyber-surveillance due diligence", verdict: "authorisation_required",
    session: { picked: ["5A001.f.2"], from: "DE", to: "CN", cyberSurveillance: true }, dd: true },
  { name: "general authorisation available", verdict: "general_authorisation_available",
    session: { picked: ["5A002.a"], from: "DE", to: "US" } },
  { name: "notify the authority (Art. 4(2))", verdict: "notify_authority",
    session: { from: "DE", to: "CN", concerns: { wmd: true } } },
  { name: "prohibited (sanctions)", verdict: "prohibited",
    session: { picked: ["5A002.a"], from: "DE", to: "RU" } },
  { name: "no authorisation indicated", verdict: "no_authorisation_indicated",
    session: { from: "DE", to: "US" } },
  { name: "open candidates", verdict: "authorisation_required",
    session: { searches: ["5-axis milling machine"], from: "DE", to: "IN",
      candidates: { "2B001": "open", "2B201": "unknown" } } },
  { name: "concerns on a listed item, informed, sent electronically", verdict: "authorisation_required",
    session: { picked: ["5A001.f.2"], from: "FR", to: "EG", informedByAuthority: true, exportForm: "electronic",
      concerns: { humanRights: true, militaryEndUse: true, wmd: true } } },
  { name: "intra-EU transfer with an open candidate", verdict: "no_authorisation_indicated",
    session: { from: "DE", to: "FR", candidates: { "5A002.a": "unknown" } } },
  { name: "EU008 with its duties in full (what to do next)", verdict: "general_authorisation_available",
    session: { picked: ["5A002.a.3"], from: "FR", to: "BR" }, next: ".dus-ugea-duties li" },
  { name: "questions still open, named with a jump to each", verdict: "no_authorisation_indicated",
    session: { answers: { cs_designed: true }, from: "DE", to: "CN" }, next: ".dus-open-questions li" },
  { name: "non-listed to Iran, telecom monitoring", verdict: "authorisation_required",
    session: { from: "DE", to: "IR", cyberSurveillance: true, telecomMonitoring: true, concerns: { humanRights: true } } },
];

/** The text nodes of the result step outside lang="en", with the English ones picked out. */
async function englishOutsideLegalText(page) {
  return page.locator(".dus-result-step").evaluate((root, source) => {
    const re = new RegExp(source, "iu");
    const out = [];
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const text = n.textContent.trim();
      if (!text) continue;
      const el = n.parentElement;
      if (el.closest('[lang="en"]')) continue;
      if (el.closest("script, style")) continue;
      if (re.test(text)) out.push(text.slice(0, 160));
    }
    // Attributes a screen reader speaks count too.
    for (const el of root.querySelectorAll("[aria-label], [title], [placeholder]")) {
      if (el.closest('[lang="en"]')) continue;
      for (const a of ["aria-label", "title", "placeholder"]) {
        const v = el.getAttribute(a);
        if (v && re.test(v)) out.push(`@${a}: ${v.slice(0, 160)}`);
      }
    }
    return out;
  }, ENGLISH.source);
}

for (const lang of ["de", "fr"]) {
  for (const flow of FLOWS) {
    test(`${lang}: ${flow.name}: no English outside the legal text and citations`, async () => {
      const link = api.sessionLink(flow.session);
      const { page, requests, errors, context } = await openPage(browser, `${srv.base}/?lang=${lang}#${link}`);
      await page.locator(".dus-verdict").waitFor({ timeout: 15000 });
      const afterLoad = requests.length;
      assert.match(await page.locator(".dus-verdict").getAttribute("class"), new RegExp(`dus-verdict-${flow.verdict}\\b`));
      if (flow.dd) assert.ok(await page.locator(".dus-dd li").count() >= 4, "the due-diligence steps show");
      // What to do next is there (and so checked), with what the flow is about.
      assert.ok(await page.locator(".dus-next .dus-next-what").count() === 1, "what to do next shows");
      if (flow.next) assert.ok(await page.locator(`.dus-next ${flow.next}`).count() >= 1, `${flow.next} shows`);
      // Open every handbook topic so its text is rendered as a user reads it.
      for (const d of await page.locator(".dus-result-step details").all()) await d.evaluate((e) => { e.open = true; });
      const english = await englishOutsideLegalText(page);
      assert.deepEqual(english, [], `English in the ${lang} result:\n${english.join("\n")}`);
      // The grounds are there and read in the language (not an empty list that passes).
      const grounds = await page.locator(".dus-grounds li").allTextContents();
      assert.ok(grounds.length > 0, "grounds show");
      assert.deepEqual(requests.slice(afterLoad), [], "no request after load");
      assert.deepEqual(errors, []);
      await context.close();
    });
  }
}

test("the check catches English: citations unmarked, or an English page, are caught", async () => {
  const link = api.sessionLink(FLOWS[6].session);
  const { page, context } = await openPage(browser, `${srv.base}/?lang=de#${link}`);
  await page.locator(".dus-verdict").waitFor({ timeout: 15000 });
  assert.deepEqual(await englishOutsideLegalText(page), []);
  // Take the lang="en" off the citations inside the grounds: they are English, so the check
  // must now object (the words are real English, not German or French).
  await page.locator(".dus-grounds").evaluate((g) => g.querySelectorAll('[lang="en"]').forEach((e) => e.removeAttribute("lang")));
  const caught = await englishOutsideLegalText(page);
  assert.ok(caught.length > 0, "unmarked citations are caught");
  await context.close();
  // The English page, with the widget's own lang taken off, is caught all over.
  const en = await openPage(browser, `${srv.base}/?lang=en#${link}`);
  await en.page.locator(".dus-verdict").waitFor({ timeout: 15000 });
  await en.page.evaluate(() => document.querySelectorAll('[lang="en"]').forEach((e) => e.removeAttribute("lang")));
  assert.ok((await englishOutsideLegalText(en.page)).length > 10, "the English result is caught");
  await en.context.close();
});

test("de, by clicking: IMSI-Catcher, falls under it, to China: German grounds and handbook", async () => {
  const { page, context } = await openPage(browser, `${srv.base}/?lang=de`);
  await waitForWidget(page);
  await page.locator("#dus-search").fill("IMSI-Catcher");
  await page.locator(".dus-result").first().waitFor();
  await page.locator(".dus-item-step .dus-actions button, .dus-item-step button.dus-next").last().click();
  await page.locator(".dus-destination-step").waitFor();
  const first = page.locator(".dus-candidate").first();
  await first.waitFor();
  await first.getByRole("radio").first().check();
  await page.locator("#dus-from").selectOption("DE");
  await page.locator("#dus-to").selectOption("CN");
  await page.locator(".dus-destination-step .dus-actions button").last().click();
  await page.locator(".dus-verdict").waitFor();
  assert.match(await page.locator(".dus-verdict").getAttribute("class"), /authorisation_required/);
  const grounds = (await page.locator(".dus-grounds").textContent()).replace(/\s+/g, " ");
  assert.match(grounds, /Ausfuhr gelisteter Güter mit doppeltem Verwendungszweck ist genehmigungspflichtig/);
  assert.match(await page.locator(".dus-handbook").textContent(), /Was als Ausfuhr gilt/);
  const english = await englishOutsideLegalText(page);
  assert.deepEqual(english, [], english.join("\n"));
  await context.close();
});
