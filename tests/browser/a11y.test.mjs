// Accessibility (WCAG 2.1 AA) of the widget in English, German and French: axe-core on every
// view, a full screening walked with the keyboard alone, no horizontal scroll on a 320 px
// wide screen, and what forced colours keep.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { AxeBuilder } from "@axe-core/playwright";
import { startServer, launch, openPage, waitForWidget } from "./helpers.mjs";

let srv, browser;
before(async () => { srv = await startServer(); browser = await launch(); });
after(async () => { await browser?.close(); await srv?.close(); });

const TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];
const LANGS = ["en", "de", "fr"];

/** axe on the widget only; returns "view: rule (n nodes)" strings for each violation. */
async function axe(page, view) {
  const result = await new AxeBuilder({ page }).include("#app").withTags(TAGS).analyze();
  return result.violations.map((v) =>
    `${view}: ${v.id} (${v.impact}) ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(" | ")}`);
}

/** Every view of a screening, each handed to `check(name)` once it is on screen. */
async function walkViews(page, check) {
  await check("start");
  await page.locator("#dus-search").fill("imsi catcher");
  await page.locator(".dus-result").first().waitFor();
  await check("search with results");
  await page.locator(".dus-result-open").first().click();
  await page.locator(".dus-entry").waitFor();
  await check("entry open");
  await page.locator(".dus-entry .dus-primary").click();
  await page.locator(".dus-picked li").first().waitFor();
  // Guided questions: every kind (yes/no, choice, number) with findings.
  await page.locator(".dus-topics button").nth(1).click(); // cyber
  await page.locator(".dus-question").first().waitFor();
  await check("questions: cyber-surveillance");
  const crypto = page.locator(".dus-topics button").nth(5);
  await crypto.click();
  await page.locator(".dus-question input[type=radio]").first().check();
  await page.locator(".dus-question input[type=number]").first().waitFor();
  await page.locator(".dus-question input[type=number]").first().fill("256");
  await page.locator(".dus-question input[type=number]").first().press("Tab");
  await page.locator(".dus-question select").first().selectOption("rsa");
  await page.locator(".dus-findings li").first().waitFor();
  await check("questions: encryption, answered, with findings");
  await page.locator(".dus-item-step .dus-actions .dus-primary").click();
  await page.locator("#dus-from").waitFor();
  await check("destination (empty)");
  await page.locator("#dus-from").selectOption("DE");
  await page.locator("#dus-to").selectOption("CN");
  await page.locator("#dus-cyber").check();
  await page.locator("#dus-rights").check();
  await check("destination (filled)");
  await page.locator(".dus-destination-step .dus-primary").click();
  await page.locator(".dus-verdict").waitFor();
  await check("result");
  // A second result: a general authorisation, no concerns.
  await page.locator(".dus-steps button").nth(1).click();
  await page.locator("#dus-rights").uncheck();
  await page.locator("#dus-to").selectOption("US");
  await page.locator(".dus-steps button").nth(2).click();
  await page.locator(".dus-verdict").waitFor();
  await check("result (general authorisation)");
}

for (const lang of LANGS) {
  test(`axe finds no WCAG 2.1 A/AA violation on any view (${lang})`, async () => {
    const { page, context, errors } = await openPage(browser, `${srv.base}/?lang=${lang}`);
    await waitForWidget(page);
    assert.equal(await page.locator(".dus-root").getAttribute("lang"), lang);
    const violations = [];
    const views = [];
    await walkViews(page, async (view) => {
      views.push(view);
      violations.push(...(await axe(page, `${lang} ${view}`)));
    });
    assert.equal(views.length, 9);
    assert.deepEqual(violations, [], violations.join("\n"));
    assert.deepEqual(errors, []);
    await context.close();
  });
}

test("the embed in a shadow root passes axe too (fr)", async () => {
  const { page, context } = await openPage(browser, `${srv.base}/`);
  await waitForWidget(page);
  await page.setContent(`<!doctype html><html lang="en"><head><title>Host</title>
    <script type="module" src="${srv.base}/embed/dualuse-screener.js"></script></head>
    <body><main><h1>Host</h1><dualuse-screener id="w" lang="fr" from="FR"></dualuse-screener></main></body></html>`);
  const w = page.locator("#w");
  await w.locator("#dus-search").waitFor({ timeout: 15000 });
  await w.locator("#dus-search").fill("drone");
  await w.locator(".dus-result").first().waitFor();
  const result = await new AxeBuilder({ page }).include("#w").withTags(TAGS).analyze();
  const v = result.violations.map((x) => `${x.id}: ${x.nodes.map((n) => n.target.join(" ")).join(" | ")}`);
  assert.deepEqual(v, [], v.join("\n"));
  await context.close();
});

/** What has focus, inside the page: id, tag, text, and whether a focus ring shows. */
async function focused(page) {
  return page.evaluate(() => {
    const el = document.activeElement;
    if (!el || el === document.body) return { tag: "body", id: "", text: "", ring: false, value: "" };
    const style = getComputedStyle(el);
    return {
      tag: el.tagName.toLowerCase(), id: el.id, type: el.type || "",
      text: (el.textContent || "").trim().replace(/\s+/g, " ").slice(0, 120),
      label: el.labels && el.labels[0] ? el.labels[0].textContent.trim() : "",
      value: el.value || "", checked: !!el.checked,
      ring: style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 2,
    };
  });
}

/** Press Tab until `match(focus)` holds; fail after `max` presses. */
async function tabTo(page, match, what, max = 80) {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press("Tab");
    const f = await focused(page);
    if (match(f)) return f;
  }
  assert.fail(`Tab never reached ${what}`);
}

/** Arrow down on a focused <select> until it holds `value`. */
async function arrowTo(page, value, max = 260) {
  for (let i = 0; i < max; i++) {
    if ((await focused(page)).value === value) return;
    await page.keyboard.press("ArrowDown");
  }
  assert.fail(`ArrowDown never reached ${value}`);
}

test("a full screening with the keyboard alone: query, entry, questions, destination, verdict", async () => {
  const { page, context, errors } = await openPage(browser, `${srv.base}/?lang=en`);
  await waitForWidget(page);
  // Focus order from the top: language, "Screen a catalogue", the three steps, then the
  // search box.
  const order = [];
  for (let i = 0; i < 6; i++) {
    await page.keyboard.press("Tab");
    const f = await focused(page);
    order.push(f.id || f.text);
    assert.ok(f.ring, `visible focus on ${f.id || f.text}`);
  }
  assert.deepEqual(order.map((x) => x.replace(/^\d/, "")), ["dus-lang", "Screen a catalogue", "Item", "Destination and use", "Result", "dus-search"]);
  // Typing: results are announced in the polite live region, focus stays in the box.
  await page.keyboard.type("imsi catcher", { delay: 10 });
  await page.locator(".dus-result").first().waitFor();
  assert.match(await page.locator("#dus-search-status").textContent(), /entries may apply|entry may apply/);
  assert.equal(await page.locator("#dus-search-status").getAttribute("aria-live"), "polite");
  assert.equal((await focused(page)).id, "dus-search", "search results do not steal focus");
  // Tab to the first result and open it with Enter: focus moves to the entry's heading.
  const first = await tabTo(page, (f) => f.tag === "button" && /^5A001/.test(f.text), "the first result");
  const code = first.text.split(" ")[0];
  await page.keyboard.press("Enter");
  await page.locator(".dus-entry").waitFor();
  assert.equal((await focused(page)).id, "dus-entry-title");
  // Shift+Tab goes back to the results, Tab returns into the entry.
  await page.keyboard.press("Shift+Tab");
  assert.equal((await focused(page)).tag, "button");
  await tabTo(page, (f) => f.text === "My item falls under this entry", "the pick button");
  await page.keyboard.press("Enter");
  await page.locator(".dus-picked li").first().waitFor();
  assert.match(await page.locator(".dus-picked").textContent(), new RegExp(code.replace(/\./g, "\\.")));
  // Close the entry with Space: focus returns to its search result.
  await tabTo(page, (f) => f.text === "Close", "Close");
  await page.keyboard.press("Space");
  await page.locator(".dus-entry").waitFor({ state: "detached" });
  assert.equal((await focused(page)).text.split(" ")[0], code, "focus back on the result that opened the entry");
  // Guided questions: open the mobile topic, answer with Space and arrow keys.
  await tabTo(page, (f) => /^Mobile interception/.test(f.text), "the mobile topic");
  await page.keyboard.press("Enter");
  assert.equal(await page.locator(".dus-topics button[aria-expanded=true]").count(), 1);
  const radio = await tabTo(page, (f) => f.type === "radio", "the first answer");
  assert.equal(radio.label, "Yes");
  await page.keyboard.press("Space");
  await page.locator(".dus-findings li").first().waitFor();
  // The next question appeared (asked only when the first is yes); arrows pick an answer.
  await tabTo(page, (f) => f.type === "radio", "the next question");
  await page.keyboard.press("ArrowRight");
  const answered = await focused(page);
  assert.ok(answered.checked && answered.label === "No", JSON.stringify(answered));
  // On to the destination: focus lands on the step heading.
  await tabTo(page, (f) => f.text === "Next: destination and use", "Next");
  await page.keyboard.press("Enter");
  await page.locator("#dus-from").waitFor();
  assert.equal((await focused(page)).id, "dus-step-title");
  await tabTo(page, (f) => f.id === "dus-from", "the Member State");
  await arrowTo(page, "DE");
  await page.keyboard.press("Tab");
  assert.equal((await focused(page)).id, "dus-to");
  await arrowTo(page, "CN");
  // The form of export: arrow keys move within the radio group.
  const goods = await tabTo(page, (f) => f.type === "radio", "the form of export");
  assert.equal(goods.label, "Goods shipped");
  await page.keyboard.press("ArrowDown");
  assert.match((await focused(page)).label, /^Software or technology/);
  await tabTo(page, (f) => f.id === "dus-cyber", "the cyber-surveillance box");
  await page.keyboard.press("Space");
  assert.ok((await focused(page)).checked);
  await page.keyboard.press("Shift+Tab");
  assert.match((await focused(page)).label, /^Software or technology/, "Shift+Tab goes back to the form");
  await tabTo(page, (f) => f.text === "See the result", "See the result");
  await page.keyboard.press("Enter");
  // The verdict: focused, and announced through the live region.
  await page.locator(".dus-verdict").waitFor();
  const verdict = await focused(page);
  assert.equal(verdict.id, "dus-verdict-title");
  assert.equal(verdict.text, "Authorisation required");
  const live = page.locator(".dus-root > [role=status]");
  assert.equal(await live.textContent(), "Result: Authorisation required");
  assert.ok((await live.boundingBox()).width <= 1, "the announcer is visually hidden");
  assert.match(await page.locator(".dus-grounds").textContent(), /Art\. 3\(1\)/);
  assert.ok(await page.locator(".dus-result-step").textContent().then((t) => /Due diligence/.test(t)));
  assert.deepEqual(errors, []);
  await context.close();
});

test("320 px wide: no horizontal scroll on any view, in German (the longest words)", async () => {
  const { page, context } = await openPage(browser, `${srv.base}/?lang=de`, { context: { viewport: { width: 320, height: 640 } } });
  await waitForWidget(page);
  const wide = [];
  await walkViews(page, async (view) => {
    const { scroll, client } = await page.evaluate(() => ({
      scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth,
    }));
    if (scroll > client) wide.push(`${view}: ${scroll} > ${client}`);
  });
  assert.deepEqual(wide, []);
  await context.close();
});

test("the checklist walk with plain-language questions and a definition opened: axe-clean, 320 px, keyboard (de)", async () => {
  const { page, context, errors } = await openPage(browser, `${srv.base}/?lang=de`, { context: { viewport: { width: 320, height: 640 } } });
  await waitForWidget(page);
  await page.locator("#dus-search").fill("2B001");
  await page.locator('.dus-result-open[data-code="2B001"]').click();
  await page.locator("#dus-check").click();
  const ck = page.locator("#dus-checklist");
  await ck.waitFor();
  // The plain question in German names the fieldset; its help follows; the law stays English.
  const milling = ck.locator('fieldset[data-key="2B001.b"]');
  assert.match(await milling.locator("legend").textContent(), /Werkzeugmaschine zum Fräsen/);
  assert.equal(await ck.locator('li[data-code="2B001.b"] > .dus-ck-text').getAttribute("lang"), "en");
  assert.match(await ck.locator('fieldset[data-key="2B001.a"] .dus-ck-help').textContent(), /Bahnsteuerung/);
  // A defined term of the entry's words, opened with the keyboard.
  const term = ck.locator('li[data-code="2B001"] > .dus-ck-terms details').first();
  await term.locator("summary").focus();
  await page.keyboard.press("Enter");
  assert.ok(await term.evaluate((d) => d.open));
  assert.ok((await term.locator("div[lang=en]").textContent()).length > 20);
  const violations = await axe(page, "de checklist 2B001");
  assert.deepEqual(violations, [], violations.join("\n"));
  const { scroll, client } = await page.evaluate(() => ({
    scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth,
  }));
  assert.ok(scroll <= client, `${scroll} > ${client}`);
  assert.deepEqual(errors, []);
  await context.close();
});

test("the catalogue view: axe-clean at every step, 320 px without horizontal scroll, keyboard review (de)", async () => {
  const { page, context, errors } = await openPage(browser, `${srv.base}/?lang=de`, { context: { viewport: { width: 320, height: 640 } } });
  await waitForWidget(page);
  const violations = [];
  const wide = [];
  const check = async (view) => {
    violations.push(...(await axe(page, `de catalogue ${view}`)));
    const { scroll, client } = await page.evaluate(() => ({
      scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth,
    }));
    if (scroll > client) wide.push(`${view}: ${scroll} > ${client}`);
  };
  await page.getByRole("button", { name: "Katalog prüfen" }).click();
  await page.locator("#dus-cat-paste").waitFor();
  await check("source");
  await page.locator("#dus-cat-paste").fill("Artikel\tBeschreibung\nIMSI-Catcher\tAbfangen von Teilnehmerkennungen im Mobilfunk\nBürostuhl\tDrehstuhl");
  await page.getByRole("button", { name: "Eingefügte Zeilen verwenden" }).click();
  await page.locator("#dus-cat-col-name").waitFor();
  await check("columns");
  await page.getByRole("button", { name: "2 Zeilen prüfen" }).click();
  await page.waitForFunction(() => !document.querySelector("#dus-cat-progress") && document.querySelectorAll(".dus-cat-table tbody tr").length === 2);
  await check("review");
  // Keyboard only: Tab reaches the list's one row stop; N decides, ↓ moves on.
  let reached = false;
  for (let i = 0; i < 40 && !reached; i++) {
    await page.keyboard.press("Tab");
    reached = await page.evaluate(() => document.activeElement.tagName === "TR");
  }
  assert.ok(reached, "Tab reaches the rows");
  await page.keyboard.press("n");
  await page.keyboard.press("ArrowDown");
  assert.equal(await page.evaluate(() => document.activeElement.dataset.row), "1");
  assert.match(await page.locator(".dus-cat-table tbody tr").first().textContent(), /Nicht gelistet/);
  await check("review, decided");
  assert.deepEqual(violations, [], violations.join("\n"));
  assert.deepEqual(wide, []);
  assert.deepEqual(errors, []);
  await context.close();
});

test("200 % zoom (a 640 px viewport at twice the scale) reflows without horizontal scroll", async () => {
  const { page, context } = await openPage(browser, `${srv.base}/?lang=fr`,
    { context: { viewport: { width: 640, height: 400 }, deviceScaleFactor: 2 } });
  await waitForWidget(page);
  const wide = [];
  await walkViews(page, async (view) => {
    const w = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    if (w > 0) wide.push(`${view}: ${w}px too wide`);
  });
  assert.deepEqual(wide, []);
  await context.close();
});

test("forced colours keep the current step and focus visible; reduced motion is honoured", async () => {
  const { page, context } = await openPage(browser, `${srv.base}/?lang=en`);
  await waitForWidget(page);
  await page.emulateMedia({ forcedColors: "active", reducedMotion: "reduce" });
  const current = await page.locator(".dus-step-current").evaluate((el) => {
    const s = getComputedStyle(el);
    return { width: s.borderTopWidth, underline: s.textDecorationLine };
  });
  assert.equal(current.width, "3px");
  assert.match(current.underline, /underline/);
  await page.keyboard.press("Tab");
  assert.ok((await focused(page)).ring);
  const motion = await page.evaluate(() => matchMedia("(prefers-reduced-motion: reduce)").matches);
  assert.ok(motion);
  await context.close();
});
