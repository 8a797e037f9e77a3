// The standalone page (dist/site): loads, searches while typing, opens an entry, walks a
// screening to a verdict, and makes no request after load.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startServer, launch, openPage, waitForWidget } from "./helpers.mjs";

let srv, browser;
before(async () => { srv = await startServer(); browser = await launch(); });
after(async () => { await browser?.close(); await srv?.close(); });

test("typing a query shows matching entries while typing, and nothing is requested after load", async () => {
  const { page, requests, errors, context } = await openPage(browser, `${srv.base}/`);
  await waitForWidget(page);
  const afterLoad = requests.length;
  await page.locator("#dus-search").pressSequentially("IMSI catcher", { delay: 20 });
  const first = page.locator(".dus-result .dus-code").first();
  await first.waitFor();
  assert.match(await first.textContent(), /^5A001/);
  assert.match(await page.locator(".dus-snippet").first().innerHTML(), /<mark>/i);
  await page.waitForTimeout(300);
  assert.deepEqual(requests.slice(afterLoad), [], "no network request after load");
  assert.deepEqual(errors, []);
  // Every request during load stayed on the page's own origin.
  for (const r of requests) assert.ok(r.startsWith(srv.base), `unexpected request ${r}`);
  await context.close();
});

test("opening a result shows the legal text with items, notes and the dataset version", async () => {
  const { page, context } = await openPage(browser, `${srv.base}/`);
  await waitForWidget(page);
  await page.locator("#dus-search").fill("5A004");
  await page.locator(".dus-result-open").first().click();
  const entry = page.locator(".dus-entry");
  await entry.waitFor();
  const text = await entry.textContent();
  assert.match(text, /5A004/);
  assert.match(text, /Extract raw data/i);
  assert.match(text, /Note 2/);
  assert.match(await page.locator(".dus-version").textContent(), /2025\/2003/);
  // 5A004 was compared with the consolidated text: no warning mark.
  assert.doesNotMatch(text, /Check against the official text/);
  // 3B501 keeps a place in doubt: the mark, and the note saying what to read.
  await page.locator("#dus-search").fill("3B501");
  await page.locator(".dus-result-open").first().click();
  await page.locator(".dus-entry-title", { hasText: "3B501" }).waitFor();
  const doubtful = await page.locator(".dus-entry").textContent();
  assert.match(doubtful, /Check against the official text/);
  assert.match(doubtful, /Minimum Resolvable Feature size/);
  await context.close();
});

test("a screening walked with the keyboard and mouse ends in a verdict with grounds", async () => {
  const { page, context } = await openPage(browser, `${srv.base}/?lang=en`);
  await waitForWidget(page);
  await page.locator("#dus-search").fill("5A001.f.2");
  await page.locator(".dus-result-open").first().click();
  await page.getByRole("button", { name: "My item falls under this entry" }).click();
  await page.getByRole("button", { name: "Next: destination and use" }).click();
  await page.locator("#dus-from").selectOption("DE");
  await page.locator("#dus-to").selectOption("CN");
  await page.getByRole("button", { name: "See the result" }).click();
  const verdict = page.locator(".dus-verdict");
  await verdict.waitFor();
  assert.match(await verdict.textContent(), /Authorisation required/);
  const grounds = await page.locator(".dus-grounds").textContent();
  assert.match(grounds, /Art\. 3\(1\)/);
  assert.match(await page.locator(".dus-result-step").textContent(), /BAFA|Bundesamt/);
  await context.close();
});
