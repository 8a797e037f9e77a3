// Issue 13, "no false green light", walked by clicking as a new user would on the standalone
// page: search, see the listed entries on top, never press "My item falls under this entry",
// click Next, answer the question about the candidates (or leave it), choose the destination,
// see the result. The result must not be green; it must say what to find out. No result
// without a destination. Nothing is requested after load.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startServer, launch, openPage, waitForWidget } from "./helpers.mjs";

let srv, browser;
before(async () => { srv = await startServer(); browser = await launch(); });
after(async () => { await browser?.close(); await srv?.close(); });

async function searchAndNext(page, query) {
  await page.locator("#dus-search").fill(query);
  await page.locator(".dus-result").first().waitFor();
  await page.getByRole("button", { name: "Next: destination and use" }).click();
  await page.locator(".dus-destination-step").waitFor();
}

async function chooseAndSee(page, to) {
  await page.locator("#dus-from").selectOption("DE");
  await page.locator("#dus-to").selectOption(to);
  await page.getByRole("button", { name: "See the result" }).click();
  await page.locator(".dus-verdict").waitFor();
}

test("IMSI catcher to China, candidate left unanswered: not green, says what to find out", async () => {
  const { page, requests, errors, context } = await openPage(browser, `${srv.base}/?lang=en`);
  await waitForWidget(page);
  const afterLoad = requests.length;
  await searchAndNext(page, "IMSI catcher");
  // The destination step asks about the entries the search showed.
  const ask = page.getByRole("group", { name: "Does your item fall under 5A001.f.2?" });
  await ask.waitFor();
  assert.equal(await ask.getByRole("radio").count(), 3, "yes / no / don't know");
  await chooseAndSee(page, "CN");
  const verdict = page.locator(".dus-verdict");
  assert.doesNotMatch(await verdict.getAttribute("class"), /no_authorisation_indicated/);
  assert.match(await verdict.textContent(), /Authorisation required/);
  assert.match(await page.locator(".dus-open-classification").textContent(), /find out whether your item falls under .*5A001\.f\.2/);
  const grounds = await page.locator(".dus-grounds").textContent();
  assert.match(grounds, /Your search showed 5A001\.f\.2 and you have not said/);
  assert.deepEqual(requests.slice(afterLoad), [], "no network request after load");
  assert.deepEqual(errors, []);
  await context.close();
});

test("IMSI catcher to China answered with the keyboard: \"don't know\" keeps it open, not green", async () => {
  const { page, context } = await openPage(browser, `${srv.base}/?lang=en`);
  await waitForWidget(page);
  await searchAndNext(page, "IMSI catcher");
  const ask = page.getByRole("group", { name: "Does your item fall under 5A001.f.2?" });
  // Keyboard: focus the first radio ("Yes") and move with the arrow keys to "Don't know".
  await ask.getByRole("radio", { name: "Yes" }).focus();
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("ArrowDown");
  assert.equal(await ask.getByRole("radio", { name: "Don't know" }).isChecked(), true);
  await chooseAndSee(page, "CN");
  assert.doesNotMatch(await page.locator(".dus-verdict").getAttribute("class"), /no_authorisation_indicated/);
  assert.match(await page.locator(".dus-grounds").textContent(), /you answered "don't know" to whether your item falls under it/);
  await context.close();
});

test("5-axis milling machine to India, candidates left open: not green; ruled out one by one it may be", async () => {
  const { page, requests, context } = await openPage(browser, `${srv.base}/?lang=en`);
  await waitForWidget(page);
  const afterLoad = requests.length;
  await searchAndNext(page, "5-axis milling machine");
  const candidates = page.locator(".dus-candidate");
  await candidates.first().waitFor();
  const codes = await candidates.evaluateAll((els) => els.map((e) => e.dataset.code));
  assert.ok(codes.some((c) => c.startsWith("2B001")), `2B001 is asked about: ${codes}`);
  await chooseAndSee(page, "IN");
  const verdict = page.locator(".dus-verdict");
  assert.doesNotMatch(await verdict.getAttribute("class"), /no_authorisation_indicated/);
  assert.match(await verdict.textContent(), /Authorisation required/);
  assert.match(await page.locator(".dus-open-classification").textContent(), /2B001/);
  // Back to the question: answering "No" for every candidate settles the classification.
  await page.getByRole("button", { name: "Change destination and use" }).click();
  // (A "no" to 2B001 settles its item 2B001.b too: that question then goes away.)
  for (const code of codes) {
    const group = page.getByRole("group", { name: `Does your item fall under ${code}?`, exact: true });
    if (await group.count()) await group.getByRole("radio", { name: "No", exact: true }).check();
  }
  assert.equal(await page.locator(".dus-candidate input[value=no]:not(:checked)").count(), 0);
  await page.getByRole("button", { name: "See the result" }).click();
  await page.locator(".dus-verdict").waitFor();
  assert.match(await page.locator(".dus-verdict").getAttribute("class"), /no_authorisation_indicated/);
  assert.equal(await page.locator(".dus-open-classification").count(), 0);
  assert.deepEqual(requests.slice(afterLoad), [], "no network request after load");
  await context.close();
});

test("no result without a destination: the step stays and says so, in German too", async () => {
  const { page, context } = await openPage(browser, `${srv.base}/?lang=de`);
  await waitForWidget(page);
  await page.locator("#dus-search").fill("IMSI catcher");
  await page.locator(".dus-result").first().waitFor();
  // The step list's "Result" button, straight from the item step.
  await page.locator(".dus-steps button").nth(2).click();
  const alert = page.locator("#dus-to-missing");
  await alert.waitFor();
  assert.match(await alert.textContent(), /Bestimmungsland/);
  assert.equal(await page.locator(".dus-verdict").count(), 0);
  assert.equal(await page.locator("#dus-to").getAttribute("aria-invalid"), "true");
  assert.equal(await page.evaluate(() => document.activeElement?.id), "dus-to");
  assert.match(await page.locator(".dus-candidates").textContent(), /Fällt Ihr Gut unter 5A001\.f\.2\?/);
  await page.locator("#dus-to").selectOption("CN");
  assert.equal(await alert.count(), 0);
  await page.getByRole("button", { name: "Zum Ergebnis" }).click();
  await page.locator(".dus-verdict").waitFor();
  assert.doesNotMatch(await page.locator(".dus-verdict").getAttribute("class"), /no_authorisation_indicated/);
  await context.close();
});
