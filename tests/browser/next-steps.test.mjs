// Issue 13, "read the result at a glance": under the verdict, "what to do next" names the
// authorisation, the competent authority with a plain link to its website, a Union general
// authorisation's conditions in full (registration or notification before first use,
// reporting, items and destinations, the Annex II text in English), and the questions still
// open, each with a button that takes the user to that question. Grounds say their rule
// once. The not-listed guidance and the false-friend cautions of the search come in the UI
// language.
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

// An HF radio (5A001.b.2) from Germany to the United States: EU001 covers it.
const HF_RADIO = { picked: ["5A001.b.2"], from: "DE", to: "US" };

async function result(session, lang = "en") {
  const opened = await openPage(browser, `${srv.base}/?lang=${lang}#${api.sessionLink(session)}`);
  await opened.page.locator(".dus-verdict").waitFor({ timeout: 15000 });
  return opened;
}

test("a UGEA case: the authority with its link, the duties before first use, the Annex II text", async () => {
  const { page, context, requests, errors } = await result(HF_RADIO);
  const afterLoad = requests.length;
  assert.match(await page.locator(".dus-verdict").getAttribute("class"), /dus-verdict-general_authorisation_available\b/);
  // Read at a glance: the verdict, then what to do next, before the grounds.
  const order = await page.locator(".dus-result-step").evaluate((root) =>
    [".dus-verdict", ".dus-next", ".dus-grounds"].map((s) => [...root.querySelectorAll("*")].indexOf(root.querySelector(s))));
  assert.ok(order[0] >= 0 && order[0] < order[1] && order[1] < order[2], `order ${order}`);
  const next = page.locator(".dus-next");
  assert.match(await next.locator(".dus-next-what").textContent(), /Union general export authorisation below/);
  // The authority of the exporter's Member State, with a plain link to its website.
  const authority = next.locator(".dus-authority");
  assert.match(await authority.textContent(), /Competent authority \(Germany\): Bundesamt für Wirtschaft und Ausfuhrkontrolle \(BAFA\)/);
  const link = authority.locator("a");
  assert.equal(await link.count(), 1);
  assert.equal(await link.getAttribute("href"), "https://bafa.de");
  assert.equal(await link.getAttribute("rel"), "noopener noreferrer");
  assert.equal(await link.getAttribute("target"), "_blank");
  // EU001 and what using it requires.
  const ugea = next.locator('.dus-ugea[data-ugea="EU001"]');
  assert.equal(await ugea.count(), 1);
  assert.match(await ugea.locator("[id^=dus-ugea-]").first().textContent(), /Using EU001/);
  const duties = await ugea.locator(".dus-ugea-duties li").evaluateAll((ls) => ls.map((l) => [l.dataset.duty, l.textContent]));
  const duty = (d) => duties.find(([k]) => k === d)?.[1] ?? "";
  assert.match(duty("register-if-required"), /Register before the first use if your Member State requires it/);
  assert.match(duty("notify-within-30-days-after"), /Notify your competent authority of the first use within 30 days after the first export/);
  assert.match(duty("customs-declaration"), /customs declaration .*EU001/);
  assert.match(duty("report-national"), /Report on its use/);
  // What bars it, the items and the destinations, in full.
  assert.match(await ugea.locator(".dus-ugea-bars").textContent(), /chemical, biological or nuclear weapons/);
  assert.match(await ugea.textContent(), /every item of Annex I, except.*Annex II Section I/s);
  assert.match(await ugea.locator(".dus-ugea-destinations").textContent(), /Australia.*Canada.*Japan.*United Kingdom.*United States/);
  // The Annex II wording, in English, folded.
  const details = ugea.locator("details.dus-annex-ii");
  assert.equal(await details.getAttribute("lang"), "en");
  assert.equal(await details.evaluate((d) => d.open), false);
  await details.locator("summary").click();
  assert.equal(await details.evaluate((d) => d.open), true);
  const annex = await details.textContent();
  assert.match(annex, /Annex II, Section A/);
  assert.match(annex, /This authorisation covers all dual-use items specified in any entry in Annex I/);
  assert.match(annex, /register prior to the first use of this authorisation/);
  // The grounds say Art. 3(1) once.
  const art3 = (await page.locator(".dus-grounds li").allTextContents()).find((g) => /Art\. 3\(1\)/.test(g));
  assert.ok(art3, "an Art. 3(1) ground");
  assert.equal(art3.match(/Art\. 3\(1\)/g).length, 1, art3);
  assert.match(art3, /^Art\. 3\(1\) of Regulation \(EU\) 2021\/821; Annex I 5A001\.b\.2: the export of listed dual-use items requires an authorisation\.$/);
  assert.deepEqual(requests.slice(afterLoad), [], "no request after load (opening the text included)");
  assert.deepEqual(errors, []);
  await context.close();
});

test("the same in German and French: duties and authority in the language, the Annex II text marked English", async () => {
  for (const [lang, re, name] of [["de", /Registrieren Sie sich vor der ersten Nutzung/, /Zuständige Behörde \(Deutschland\)/],
    ["fr", /Enregistrez-vous avant la première utilisation/, /Autorité compétente \(Allemagne\)/]]) {
    const { page, context } = await result(HF_RADIO, lang);
    const next = page.locator(".dus-next");
    assert.match(await next.locator(".dus-ugea-duties").textContent(), re);
    assert.match(await next.locator(".dus-authority").textContent(), name);
    assert.equal(await next.locator("details.dus-annex-ii").getAttribute("lang"), "en");
    assert.equal(await next.locator("details.dus-annex-ii summary").getAttribute("lang"), lang);
    await context.close();
  }
});

test("EU008: registration before first use and notification 10 days before the first export", async () => {
  const { page, context } = await result({ picked: ["5A002.a.3"], from: "FR", to: "BR" });
  const ugea = page.locator('.dus-ugea[data-ugea="EU008"]');
  assert.match(await ugea.locator('[data-duty="register"]').textContent(), /Register with your competent authority before the first use/);
  assert.match(await ugea.locator('[data-duty="notify-10-days-before"]').textContent(), /at least 10 days before the first export/);
  assert.match(await ugea.locator(".dus-ugea-destinations").textContent(), /every country except .*China/);
  assert.match(await page.locator(".dus-authority a").getAttribute("href"), /^https:\/\/sbdu\.entreprises\.gouv\.fr$/);
  await context.close();
});

test("authorisation required: an individual licence from the authority, no UGEA block", async () => {
  const { page, context } = await result({ picked: ["5A001.f.2"], from: "DE", to: "CN", cyberSurveillance: true });
  const next = page.locator(".dus-next");
  assert.match(await next.locator(".dus-next-what").textContent(), /Apply for an individual export authorisation/);
  assert.equal(await next.locator(".dus-ugea").count(), 0);
  assert.equal(await next.locator(".dus-authority a[href='https://bafa.de']").count(), 1);
  await context.close();
});

test("a question still open: named in the language, and its button moves focus onto it", async () => {
  for (const lang of ["en", "de"]) {
    const { page, context } = await result({ answers: { cs_designed: true }, from: "DE", to: "CN" }, lang);
    const items = page.locator(".dus-open-questions li");
    assert.ok(await items.count() >= 1, "questions still open are listed");
    const id = await items.first().getAttribute("data-question");
    const asked = (await items.first().locator(".dus-open-question").textContent()).trim();
    // The button names the question it goes to.
    const button = items.first().locator("button.dus-jump");
    assert.match(await button.getAttribute("aria-label"), new RegExp(asked.slice(0, 20).replace(/[.*+?^${}()|[\]\\]/g, "\\$&")));
    await button.click();
    await page.locator(".dus-item-step").waitFor();
    await page.waitForFunction((id) => {
      const a = document.activeElement;
      return a && (a.id === `dus-q-${id}` || a.getAttribute("name") === `dus-q-${id}`);
    }, id, { timeout: 5000 });
    const legend = await page.locator(".dus-question", { has: page.locator(`[name="dus-q-${id}"], #dus-q-${id}`) }).locator(".dus-ask").textContent();
    assert.equal(legend.trim(), asked, "the result names the question as the item step asks it");
    if (lang === "de") assert.doesNotMatch(asked, /\b(the|your|does|is)\b/i, asked);
    await context.close();
  }
});

test("search notices and false-friend cautions in German and French; the API takes a language", async () => {
  assert.match(api.notices("gps jammer").join("\n"), /covers jamming of mobile telecommunication services only/);
  assert.match(api.notices("gps jammer", "de").join("\n"), /„gps jammer“: 5A001\.f\.3 erfasst nur das Stören von Mobilfunkdiensten/);
  assert.match(api.notices("facial recognition", "fr").join("\n"), /reconnaissance faciale/);
  assert.throws(() => api.notices("gps jammer", "es"), /unknown language `es`/);
  for (const [lang, notice, caution] of [["de", /Mobilfunkdiensten/, /Mobilfunkdiensten/], ["fr", /brouillage/, /brouillage/]]) {
    const { page, context } = await openPage(browser, `${srv.base}/?lang=${lang}`);
    await waitForWidget(page);
    await page.locator("#dus-search").fill("gps jammer");
    const notices = page.locator(".dus-notices");
    await notices.waitFor();
    assert.match(await notices.textContent(), notice);
    assert.equal(await notices.locator('[lang="en"]').count(), 0, "nothing English in the notices");
    const cautions = await page.locator(".dus-result .dus-caution").allTextContents();
    assert.ok(cautions.some((c) => caution.test(c)), cautions.join("\n"));
    assert.equal(await page.locator('.dus-result .dus-caution [lang="en"]').count(), 0);
    // Not-listed guidance, from the German and French terms too.
    await page.locator("#dus-search").fill(lang === "de" ? "Gesichtserkennung" : "reconnaissance faciale");
    await page.waitForFunction((l) => /2024\/2659/.test(document.querySelector(".dus-notices")?.textContent || ""), lang);
    assert.match(await page.locator(".dus-notices").textContent(), lang === "de" ? /Empfehlung \(EU\) 2024\/2659/ : /recommandation \(UE\) 2024\/2659/);
    // Switching the language re-renders the notices in the new one.
    await page.locator("select").filter({ has: page.locator('option[value="en"]') }).first().selectOption("en");
    await page.waitForFunction(() => /Recommendation \(EU\) 2024\/2659/.test(document.querySelector(".dus-notices")?.textContent || ""));
    await context.close();
  }
});
