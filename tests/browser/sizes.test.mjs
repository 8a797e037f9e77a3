// Size budgets (DESIGN.md, "Budgets"; ARCHITECTURE.md says why the site's is 640 KB): the
// standalone page's files every visitor loads at most 640 KB brotli, the catalogue module
// (loaded when opened) at most 500 KB, the single-file page at most 2 MB. Prints every output's raw, gzip and brotli size.
import { test } from "node:test";
import assert from "node:assert/strict";
import { DIST } from "./helpers.mjs";
import path from "node:path";
import { measure, siteFiles, SIZE_BUDGETS, kb } from "../bench/sizes.mjs";

// Only what the budgets need (brotli at quality 11 costs about a second a megabyte);
// `cargo xtask bench` measures every output.
const byKey = {
  site: { name: "dist/site (all files a visitor loads)", ...measure(siteFiles(DIST).page, { gzip: false }) },
  catalogue: { name: "dist/site catalogue module (loaded when opened)", ...measure(siteFiles(DIST).catalogue, { gzip: false }) },
  single: { name: "dist/dualuse-screener.html", ...measure([path.join(DIST, "dualuse-screener.html")], { brotli: false }) },
};
for (const o of Object.values(byKey)) {
  console.log(`# ${o.name}: ${o.files} file(s), raw ${kb(o.raw)}, gzip ${kb(o.gzip)}, brotli ${kb(o.brotli)}`);
}

test(`dist/site, all files a visitor loads, brotli, is at most ${kb(SIZE_BUDGETS.siteBrotli)}`, () => {
  const { brotli } = byKey.site;
  assert.ok(brotli <= SIZE_BUDGETS.siteBrotli, `dist/site is ${kb(brotli)} brotli, over the budget of ${kb(SIZE_BUDGETS.siteBrotli)}`);
});

test(`dist/dualuse-screener.html is at most ${kb(SIZE_BUDGETS.singleFileRaw)}`, () => {
  const { raw } = byKey.single;
  assert.ok(raw <= SIZE_BUDGETS.singleFileRaw, `the single file is ${kb(raw)}, over the budget of ${kb(SIZE_BUDGETS.singleFileRaw)}`);
});

test(`the catalogue view is a module of its own (glue and wasm), at most ${kb(SIZE_BUDGETS.catalogueBrotli)} brotli`, () => {
  assert.equal(byKey.catalogue.files, 2, "dist/site holds the catalogue's glue and wasm");
  assert.ok(byKey.site.files >= 4);
  assert.ok(byKey.catalogue.brotli <= SIZE_BUDGETS.catalogueBrotli, `the catalogue module is ${kb(byKey.catalogue.brotli)} brotli`);
});
