// The headless JS API of dist/pkg (the contract of DESIGN.md), loaded in Node from bytes:
// names, shapes, and errors that name the bad value.
import { test, before } from "node:test";
import assert from "node:assert/strict";
import { loadApi } from "./helpers.mjs";

let api;
before(async () => {
  api = await loadApi();
});

test("datasetInfo names the regulation and the Annex I version", () => {
  const info = api.datasetInfo();
  assert.equal(info.regulation, "Regulation (EU) 2021/821");
  assert.match(info.annexVersion, /2025\/2003/);
  assert.equal(info.consolidatedAsOf, "2025-11-15");
  assert.ok(info.entryCount >= 380, `entryCount ${info.entryCount}`);
  assert.equal(typeof info.source, "string");
});

test("search returns { code, heading, score, snippet } best first", () => {
  const hits = api.search("IMSI catcher", 5);
  assert.ok(hits.length > 0 && hits.length <= 5);
  for (const h of hits) for (const k of ["code", "heading", "score", "snippet"]) assert.ok(k in h, `missing ${k}`);
  assert.match(hits[0].code, /^5A001\.f/);
  for (let i = 1; i < hits.length; i++) assert.ok(hits[i - 1].score >= hits[i].score);
  assert.deepEqual(api.search("", 5), []);
  assert.ok(Array.isArray(api.search("x".repeat(1 << 20), 5)), "a 1 MB query returns");
  assert.throws(() => api.search(42, 5), /query must be a string, got 42/);
});

test("entry works at every level and returns null for unknown codes", () => {
  for (const code of ["5A001", "5A001.f", "5A001.f.1", "5a001f1"]) {
    const e = api.entry(code);
    assert.ok(e, code);
    for (const k of ["code", "heading", "items", "notes", "regime", "annexIV", "sectionI", "related", "verified", "source"]) assert.ok(k in e, `${code}: missing ${k}`);
  }
  assert.equal(api.entry("5A001.f.1").code, "5A001.f.1");
  assert.equal(api.entry("5A004.a").annexIV, true);
  assert.equal(api.entry("5A001.f").annexIV, false);
  assert.equal(api.entry("5A999"), null);
  assert.equal(api.entry("nonsense"), null);
});

test("assess follows the contract and names bad values", () => {
  const r = api.assess({ entries: ["5A001.f.2"], from: "DE", to: "CN" });
  assert.equal(r.verdict, "authorisation_required");
  for (const k of ["verdict", "grounds", "generalAuthorisations", "entries", "dueDiligence", "authority"]) assert.ok(k in r, `missing ${k}`);
  assert.ok(r.grounds.some((g) => /Art\. 3\(1\)/.test(g.rule + g.text)));
  assert.equal(r.authority.memberState, "DE");
  assert.ok(r.dueDiligence.length > 0, "cyber-surveillance entries bring due diligence");
  assert.deepEqual(api.assess({ entries: ["5A001.f.2"], from: "DE", to: "US" }).generalAuthorisations, ["EU001"]);
  assert.throws(() => api.assess({ entries: ["5A999"], to: "CN" }), /5A999/);
  assert.throws(() => api.assess({ entries: [], to: "XX" }), /XX/);
  assert.throws(() => api.assess({ cyberSurveillance: "yes" }), /cyberSurveillance.*"yes"/);
  assert.throws(() => api.assess("DE"), /input must be an object/);
});

test("assess: no verdict without a destination, and candidates the search showed are never a green light", () => {
  assert.throws(() => api.assess({ entries: ["5A001.f.2"], from: "DE" }), /missing `to`/);
  assert.throws(() => api.assess({ from: "DE", to: "" }), /missing `to`/);
  const open = api.assess({ from: "DE", to: "CN", candidates: { "5A001.f.2": "open", "5D001": null } });
  assert.equal(open.verdict, "authorisation_required");
  assert.ok(open.entries.some((e) => e.code === "5A001.f.2" && e.open));
  assert.ok(open.grounds.some((g) => g.rule === "open" && /find out whether it does/i.test(g.text)));
  const ruledOut = api.assess({ from: "DE", to: "IN", candidates: { "2B001": "no", "2B201": "no" } });
  assert.equal(ruledOut.verdict, "no_authorisation_indicated");
  assert.throws(() => api.assess({ to: "CN", candidates: { "5A999": "open" } }), /5A999.*candidates/);
  assert.throws(() => api.assess({ to: "CN", candidates: { "2B001": "maybe" } }), /candidates\.2B001.*"maybe"/);
  assert.throws(() => api.assess({ to: "CN", candidates: ["2B001"] }), /`candidates` must be an object/);
});
