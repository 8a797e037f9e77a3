// Issue 14, the checklist walk: from an entry, "Check my item against 6A003" opens the entry's
// own conditions, each item in the law's words with its thresholds picked out and yes / no /
// don't know as keyboard radios; a branch the answers decide folds and shows its outcome;
// the outcome names the item met, and the verdict then names it too.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startServer, launch, openPage, waitForWidget } from "./helpers.mjs";

let srv, browser;
before(async () => { srv = await startServer(); browser = await launch(); });
after(async () => { await browser?.close(); await srv?.close(); });

const focused = (locator) => locator.evaluate((el) => el.getRootNode().activeElement === el);

test("6A003 walked by keyboard to an item met, its outcome, then a verdict naming the item", async () => {
  const { page, context, requests, errors } = await openPage(browser, `${srv.base}/?lang=en`);
  await waitForWidget(page);
  const afterLoad = requests.length;
  await page.locator("#dus-search").fill("6A003");
  await page.locator('.dus-result-open[data-code="6A003"]').click();
  const check = page.getByRole("button", { name: "Check my item against 6A003" });
  await check.focus();
  await page.keyboard.press("Enter");
  const title = page.locator("#dus-ck-title");
  await title.waitFor();
  assert.equal(await title.textContent(), "Check your item against 6A003");
  assert.ok(await focused(title), "the checklist's title takes the focus");
  const ck = page.locator("#dus-checklist");
  // The law's words, in English; thresholds picked out with what they catch.
  assert.equal(await ck.locator(".dus-ck-text").first().getAttribute("lang"), "en");
  const thresholds = await ck.locator(".dus-ck-thresholds li").allTextContents();
  assert.ok(thresholds.some((t) => /more is caught/.test(t)), thresholds.join(" | "));
  assert.ok(thresholds.some((t) => /less is caught/.test(t)), thresholds.join(" | "));
  // The note that releases 6A003.b, with its text and its plain-language question
  // (data/checklist-questions.txt), the fieldset's name.
  const note = ck.locator(".dus-note-releases").filter({ hasText: "television broadcasting" }).first();
  const tv = "Is it a television or video camera specially designed for television broadcasting?";
  assert.equal(await note.getByRole("group", { name: tv }).count(), 1);
  // A node with a question asks it; one without asks whether the item meets its code.
  assert.equal(await ck.getByRole("group", { name: /^Is it an imaging camera with a focal plane array/ }).getAttribute("data-key"), "6A003.b.4");
  assert.equal(await ck.getByRole("group", { name: "Does your item meet 6A003.b.1.a.1?", exact: true }).count(), 1);

  const meets = (code) => ck.locator(`fieldset[data-key="${code}"]`);
  const b4 = ck.locator('li[data-code="6A003.b.4"]');
  await meets("6A003.b.4").getByRole("radio", { name: "Yes" }).focus();
  await page.keyboard.press("Space");
  assert.ok(await meets("6A003.b.4").getByRole("radio", { name: "Yes" }).isChecked());
  // Still open: its items stay unfolded.
  assert.ok(await b4.locator(":scope > details").evaluate((d) => d.open));
  assert.match(await ck.locator(".dus-ck-outcome").textContent(), /Still open/);

  // "Don't know" first (arrow keys move within the group), then "Yes".
  const b4b = meets("6A003.b.4.b");
  await b4b.getByRole("radio", { name: "Don't know" }).focus();
  await page.keyboard.press("Space");
  assert.ok(await b4b.getByRole("radio", { name: "Don't know" }).isChecked());
  assert.ok(await b4.locator(":scope > details").evaluate((d) => d.open));
  // From the last choice the arrow wraps to "Yes" (hidden once its branch folds).
  await page.keyboard.press("ArrowRight");
  assert.ok(await ck.locator('fieldset[data-key="6A003.b.4.b"] input').first().isChecked());

  // Decided: 6A003.b.4 and everything above it fold, showing the outcome; the focus moves to
  // the outermost folded branch instead of vanishing with the radio.
  assert.equal(await b4.locator(":scope > details").evaluate((d) => d.open), false);
  assert.match(await b4.locator(":scope > .dus-ck-head").textContent(), /6A003\.b\.4 met/);
  const top = ck.locator(".dus-ck-tree > li > details > summary");
  assert.match(await top.textContent(), /Items of 6A003 \(met\)/);
  assert.ok(await focused(top), "focus on the folded branch's summary");
  assert.match(await ck.locator(".dus-ck-outcome").textContent(), /Your item meets: 6A003\.b\.4\.b/);
  // Enter on the summary unfolds it again (native details).
  await page.keyboard.press("Enter");
  assert.ok(await ck.locator(".dus-ck-tree > li > details").evaluate((d) => d.open));

  // Back to the entry: focus on the button that opened the checklist.
  await ck.getByRole("button", { name: "Back to the entry" }).click();
  assert.ok(await focused(check));
  await page.getByRole("button", { name: "Next: destination and use" }).click();
  await page.locator("#dus-from").selectOption("DE");
  await page.locator("#dus-to").selectOption("CN");
  await page.getByRole("button", { name: "See the result" }).click();
  const verdict = page.locator(".dus-verdict");
  await verdict.waitFor({ timeout: 15000 });
  assert.match(await verdict.textContent(), /Authorisation required/);
  assert.match(await page.locator(".dus-grounds").textContent(), /Your answers meet the text of 6A003\.b\.4\.b/);
  // The session link keeps the answers (v3).
  assert.match(new URL(page.url()).hash, /^#v3\./);
  assert.deepEqual(errors, []);
  assert.deepEqual(requests.slice(afterLoad), []);
  await context.close();
});
