// Issue 13: trustworthy provenance. An entry shows its source document, date and whether it
// was compared with the consolidated text, with a plain link to the official text; the data
// file and line and the maintainers' notes never reach the user. The result links the
// competent authority's website the same way. No link is followed by the widget itself.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startServer, launch, openPage, waitForWidget } from "./helpers.mjs";

let srv, browser;
before(async () => { srv = await startServer(); browser = await launch(); });
after(async () => { await browser?.close(); await srv?.close(); });

const MAINTAINER_ONLY = /data\/annex|\.txt\b|\.json\b|:\d+\)|xtask|tests\/reference|dkmcustoms|second, independent parse|\/work\//;

async function checkLink(a) {
  assert.equal(await a.getAttribute("rel"), "noopener noreferrer");
  assert.equal(await a.getAttribute("target"), "_blank");
}

test("an entry shows its source, date, comparison and the official text, never file:line", async () => {
  const { page, requests, context } = await openPage(browser, `${srv.base}/?lang=en`);
  await waitForWidget(page);
  const afterLoad = requests.length;
  await page.locator("#dus-search").fill("IMSI catcher");
  await page.locator(".dus-result-open").first().click();
  const source = page.locator(".dus-entry .dus-source");
  await source.waitFor();
  const text = await source.textContent();
  assert.match(text, /Source: Regulation \(EU\) 2021\/821/);
  assert.match(text, /as of 15 November 2025/);
  assert.match(text, /Compared word for word with the consolidated text/);
  assert.doesNotMatch(await page.locator(".dus-entry").textContent(), MAINTAINER_ONLY);
  const a = source.locator("a");
  assert.equal(await a.getAttribute("href"), "http://data.europa.eu/eli/reg/2021/821/oj");
  assert.match(await a.textContent(), /Official text on EUR-Lex/);
  await checkLink(a);
  // An entry whose wording is in doubt says so, without the maintainers' note.
  await page.locator("#dus-search").fill("9B105");
  await page.locator(".dus-result-open").first().click();
  await page.locator(".dus-entry-title", { hasText: "9B105" }).waitFor();
  const doubtful = await page.locator(".dus-entry").textContent();
  assert.match(doubtful, /Not confirmed word for word/);
  assert.doesNotMatch(doubtful, MAINTAINER_ONLY);
  assert.deepEqual(requests.slice(afterLoad), [], "showing links makes no request");
  await context.close();
});

test("the result links the competent authority's website as a plain anchor (DE, FR)", async () => {
  for (const [lang, from, href] of [["de", "DE", "https://bafa.de"], ["fr", "BE", "https://economie.wallonie.be"]]) {
    const { page, requests, context } = await openPage(browser, `${srv.base}/?lang=${lang}`);
    await waitForWidget(page);
    const afterLoad = requests.length;
    await page.locator(".dus-item-step > .dus-actions .dus-primary").click();
    await page.locator("#dus-from").selectOption(from);
    await page.locator("#dus-to").selectOption("US");
    await page.locator(".dus-destination-step .dus-actions .dus-primary").click();
    await page.locator(".dus-verdict").waitFor();
    const a = page.locator(`.dus-authority a[href="${href}"]`);
    assert.equal(await a.count(), 1, `${lang}: a link to ${href}`);
    await checkLink(a);
    assert.deepEqual(requests.slice(afterLoad), [], "no request after load");
    await context.close();
  }
});
