// The example association page (www/examples/index.html): a strict host CSP with a nonce,
// hostile global CSS, two themed widgets, attribute changes, and the iframe fallback.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startServer, launch, openPage } from "./helpers.mjs";

let srv, browser;
before(async () => { srv = await startServer(); browser = await launch(); });
after(async () => { await browser?.close(); await srv?.close(); });

async function openExample() {
  const opened = await openPage(browser, `${srv.base}/examples/index.html`);
  const violations = [];
  await opened.page.exposeFunction("reportViolation", (v) => violations.push(v));
  await opened.page.evaluate(() => document.addEventListener("securitypolicyviolation", (e) => window.reportViolation(`${e.violatedDirective} ${e.blockedURI}`)));
  await opened.page.locator("#members #dus-search").waitFor({ timeout: 15000 });
  await opened.page.locator("#cyber #dus-search").waitFor({ timeout: 15000 });
  return { ...opened, violations };
}

test("under the host's nonce CSP both widgets work, themed, and nothing leaves the origin", async () => {
  const { page, requests, errors, violations, context } = await openExample();
  await page.locator("#members #dus-search").fill("IMSI catcher");
  await page.locator("#members .dus-result").first().waitFor();
  assert.equal(await page.locator("#cyber .dus-result").count(), 0);
  const accent = (sel) => page.locator(sel).evaluate((el) => getComputedStyle(el.shadowRoot.querySelector(".dus-host")).getPropertyValue("--dus-accent").trim());
  assert.equal(await accent("#members"), "#7a1f5c");
  assert.equal(await accent("#cyber"), "#5fd08f", "a dark widget takes the host's --dus-accent-dark");
  const theme = await page.locator("#cyber").evaluate((el) => el.shadowRoot.querySelector(".dus-host").dataset.theme);
  assert.equal(theme, "dark");
  for (const r of requests) assert.ok(r.startsWith(srv.base), `request outside the origin: ${r}`);
  assert.deepEqual(violations, []);
  assert.deepEqual(errors, []);
  await context.close();
});

test("changing an attribute re-renders the widget with the new setting", async () => {
  const { page, context } = await openExample();
  await page.locator("#members").evaluate((el) => el.setAttribute("from", "FR"));
  const next = page.locator("#members .dus-item-step .dus-primary").last();
  await next.waitFor();
  await next.click();
  await page.locator("#members #dus-from").waitFor();
  assert.equal(await page.locator("#members #dus-from").inputValue(), "FR");
  await context.close();
});

test("the iframe fallback works sandboxed, without any host script, and sizes itself", async () => {
  const { page, requests, context } = await openExample();
  const frame = page.frameLocator("#frame");
  await frame.locator("#dus-search").waitFor({ timeout: 15000 });
  await frame.locator("#dus-search").fill("drone");
  await frame.locator(".dus-result").first().waitFor();
  await page.waitForFunction(() => parseInt(document.getElementById("frame").style.height || "0", 10) > 300);
  const frameRequests = requests.filter((r) => r.includes("frame.html"));
  assert.equal(frameRequests.length, 1, "the frame is one self-contained file");
  await context.close();
});

test("reaching a result tells the host page the verdict and codes, and no user text", async () => {
  const { page, context } = await openExample();
  const events = [];
  await page.exposeFunction("recordResult", (d) => events.push(d));
  await page.evaluate(() => document.addEventListener("dualuse-result", (e) => window.recordResult(e.detail)));
  const w = page.locator("#members");
  await w.locator("#dus-search").fill("secret-project-name 5A001.f.2");
  await w.locator("#dus-search").fill("5A001.f.2");
  await w.locator(".dus-result-open").first().click();
  await w.locator(".dus-entry .dus-primary").first().click();
  await w.locator(".dus-item-step > .dus-actions .dus-primary").click();
  await w.locator("#dus-to").selectOption("US");
  await w.locator(".dus-destination-step .dus-actions .dus-primary").click();
  await w.locator(".dus-verdict").waitFor();
  await page.waitForFunction(() => document.title.startsWith("Result:"));
  assert.equal(events.length, 1);
  assert.deepEqual(events[0], { verdict: "general_authorisation_available", entries: ["5A001.f.2"], generalAuthorisations: ["EU001"] });
  assert.ok(!JSON.stringify(events[0]).includes("secret"), "no user text in the event");
  await context.close();
});

test("changing lang or theme on the element keeps what the user entered", async () => {
  const { page, context } = await openExample();
  const w = page.locator("#members");
  await w.locator("#dus-search").fill("5A002.a.1");
  await w.locator(".dus-result-open").first().click();
  await w.locator(".dus-entry .dus-primary").first().click();
  await w.locator(".dus-picked .dus-code").first().waitFor();
  await page.locator("#members").evaluate((el) => { el.setAttribute("lang", "fr"); el.setAttribute("theme", "dark"); });
  await page.waitForFunction(() => document.getElementById("members").shadowRoot.querySelector(".dus-root")?.getAttribute("lang") === "fr");
  assert.equal(await w.locator(".dus-picked .dus-code").first().textContent(), "5A002.a.1");
  assert.equal(await page.locator("#members").evaluate((el) => el.shadowRoot.querySelector(".dus-host").dataset.theme), "dark");
  await context.close();
});
