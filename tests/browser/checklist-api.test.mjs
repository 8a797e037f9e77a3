// The checklist of the JS API (DESIGN.md: `checklist(code)`, `assess({ itemAnswers })`),
// loaded in Node from bytes like api.test.mjs: shapes, values read from the legal text, the
// three-valued outcome per entry, and errors that name the bad value.
import { test, before } from "node:test";
import assert from "node:assert/strict";
import { loadApi } from "./helpers.mjs";

let api;
before(async () => {
  api = await loadApi();
});

const find = (node, code) => {
  if (node.code === code) return node;
  for (const c of node.children) {
    const f = find(c, code);
    if (f) return f;
  }
  return null;
};

test("checklist returns the node tree of an entry or item, or null", () => {
  const t = api.checklist("6A003");
  for (const k of ["code", "text", "combine", "thresholds", "children", "releases", "certain"]) assert.ok(k in t, `missing ${k}`);
  assert.equal(t.code, "6A003");
  assert.equal(t.combine, "any");
  assert.equal(t.certain, true);
  assert.deepEqual(t.children.map((c) => c.code), ["6A003.a", "6A003.b"]);
  assert.equal(find(t, "6A003.b.1").combine, "all");
  assert.equal(find(t, "6A003.a.3").combine, "leaf");
  // "exceeding 1 000 000 frames/s": a number, its unit and comparator.
  assert.deepEqual(find(t, "6A003.a.4").thresholds, [
    { value: 1000000, unit: "frames/s", comparator: ">", text: "exceeding 1 000 000 frames/s" },
  ]);
  // The note that releases 6A003.b, with the key itemAnswers names it by.
  const b = find(t, "6A003.b");
  assert.equal(b.releases.length, 1);
  assert.equal(b.releases[0].label, "Note");
  assert.equal(b.releases[0].key, "Note to 6A003.b");
  assert.match(b.releases[0].text, /television broadcasting/);
  // Any level, any usual spelling.
  assert.equal(api.checklist("5a001j").combine, "all");
  const range = api.checklist("3A001.a.2.c").thresholds[0];
  assert.deepEqual([range.value, range.upper, range.unit, range.comparator], [218, 398, "K", "between"]);
  // What the widget cannot read with certainty, it says so.
  assert.equal(api.checklist("7E004.c.1").certain, false);
  assert.equal(api.checklist("6A999"), null);
  assert.equal(api.checklist("nonsense"), null);
  assert.throws(() => api.checklist(42), /code must be a string, got 42/);
});

test("checklist nodes and releases carry plain-language questions, in a language", () => {
  // data/checklist-questions.txt: a question for 2B001.b, none for 2B001.b.4.a.
  const t = api.checklist("2B001");
  const b = find(t, "2B001.b");
  assert.match(b.question.ask, /milling/);
  assert.equal("help" in b.question, false);
  assert.equal("question" in find(t, "2B001.b.4.a"), false);
  // A help where the term is hard; the law's words stay in `text`.
  const a = find(t, "2B001.a");
  assert.match(a.question.help, /Contouring control/);
  assert.match(a.text, /^Machine tools for turning/);
  // A release's question, by its itemAnswers key.
  const note = t.releases.find((r) => r.key === "Note 1 to 2B001");
  assert.match(note.question.ask, /gears/);
  // German and French; English by default.
  assert.match(find(api.checklist("2B001", "de"), "2B001.b").question.ask, /Fräsen/);
  assert.match(find(api.checklist("2B001", "fr"), "2B001.b").question.ask, /fraisage/);
  assert.equal(find(api.checklist("2B001", "en"), "2B001.b").question.ask, b.question.ask);
  assert.throws(() => api.checklist("2B001", "es"), /checklist: unknown language `es`/);
});

test("assess with itemAnswers names matched and open items and releases", () => {
  const met = api.assess({
    from: "DE",
    to: "CN",
    itemAnswers: { "3A234": "yes", "3A234.a": "yes", "3A234.b": "yes" },
  });
  assert.equal(met.verdict, "authorisation_required");
  assert.deepEqual(met.entries.map((e) => [e.code, e.open, e.matchedItems, e.openItems, e.releasedBy]), [
    ["3A234", false, ["3A234"], [], []],
  ]);

  // "Don't know" keeps the item open, counted as listed.
  const open = api.assess({ from: "DE", to: "CN", itemAnswers: { "3A234": "yes", "3A234.a": "unknown" } });
  assert.equal(open.verdict, "authorisation_required");
  assert.deepEqual(open.entries.map((e) => [e.code, e.open, e.openItems]), [["3A234", true, ["3A234"]]]);
  assert.ok(open.grounds.some((g) => g.rule === "open" && /3A234/.test(g.text)));

  // One "no" of an "all" rules the entry out.
  const out = api.assess({ from: "DE", to: "US", itemAnswers: { "3A234.b": "no" } });
  assert.deepEqual(out.entries, []);
  assert.equal(out.verdict, "no_authorisation_indicated");

  // A release applies when answered yes.
  const released = api.assess({
    from: "DE",
    to: "US",
    itemAnswers: { "6A003.a": "no", "6A003.b.4": "yes", "6A003.b.4.b": "yes", "Note to 6A003.b": "yes" },
  });
  assert.deepEqual(released.entries, []);
  assert.ok(released.grounds.some((g) => g.rule === "released" && /Note to 6A003\.b/.test(g.text)));

  // Without itemAnswers, entries carry none of the three fields.
  const plain = api.assess({ entries: ["6A003.b.4"], from: "DE", to: "CN" });
  assert.ok(!("matchedItems" in plain.entries[0]));

  assert.throws(() => api.assess({ to: "CN", itemAnswers: { "6A003.z": "yes" } }), /6A003\.z/);
  assert.throws(() => api.assess({ to: "CN", itemAnswers: { "6A003.b": "maybe" } }), /itemAnswers\["6A003\.b"\].*"maybe"/);
  assert.throws(() => api.assess({ to: "CN", itemAnswers: ["6A003"] }), /itemAnswers.*an array/);
});
