// screenCatalogue of the headless API (DESIGN.md), loaded in Node from dist/pkg: the shape of
// a row's result, the classification checks, chunks with `offset`, errors that name the row
// and the column, and the time for 10,000 rows (printed; tests/bench/run.mjs measures it).
import { test, before } from "node:test";
import assert from "node:assert/strict";
import { loadApi } from "./helpers.mjs";

let api;
before(async () => {
  api = await loadApi();
});

const columns = { name: "Product", description: "Text", partNumber: "PN", eccn: "ECCN", classification: "AL" };

test("screenCatalogue returns one result per row, as the contract says", () => {
  const rows = [
    { PN: "IMSI-4G", Product: "IMSI catcher tactical", Text: "Active cell site simulator, 2G/3G/4G" },
    { PN: 4711, Product: "Office chair", Text: "Mesh back, black", ECCN: "EAR99" },
    { Product: "Laser printer", Text: "Office laser printer A4, 40 ppm" },
    { Product: "Portable SSD 1 TB", Text: "AES 256-bit hardware encryption", ECCN: "5A992.c", AL: "N" },
    { Product: "Hardware security module", AL: "5A002.a.1", ECCN: "5A002.a" },
    { Product: "High speed camera", AL: "6A003.a.1, 4D002" },
    { Product: null, Text: "" },
  ];
  const out = api.screenCatalogue(rows, { columns });
  assert.equal(out.length, rows.length);
  for (const r of out) {
    for (const k of ["row", "status", "query", "candidates", "named", "cautions", "notices", "classification"]) assert.ok(k in r, `missing ${k}`);
    assert.ok(["likely_listed", "check", "no_match"].includes(r.status), r.status);
  }
  assert.deepEqual(out.map((r) => r.row), [0, 1, 2, 3, 4, 5, 6]);
  const [imsi, chair, printer, ssd, hsm, camera, empty] = out;
  assert.equal(imsi.status, "likely_listed");
  assert.match(imsi.candidates[0].code, /^5A001/);
  for (const k of ["code", "heading", "score", "snippet", "why"]) assert.ok(k in imsi.candidates[0], `candidate lacks ${k}`);
  assert.equal(chair.status, "no_match");
  assert.equal(chair.classification[0].finding, "ear99");
  assert.notEqual(printer.status, "likely_listed");
  assert.ok(printer.cautions.some((c) => c.kind === "false_friend"), JSON.stringify(printer.cautions));
  assert.ok(ssd.cautions.some((c) => c.kind === "cryptography_note"));
  assert.deepEqual(ssd.classification.map((c) => c.finding), ["declared_not_listed", "us_eccn_9x"]);
  assert.deepEqual(hsm.classification.map((c) => [c.column, c.finding, c.euCode]), [
    ["classification", "listed", "5A002.a.1"],
    ["eccn", "us_eccn", "5A002"],
  ]);
  assert.match(hsm.classification[1].text, /US list is not the EU list/);
  assert.match(hsm.classification[0].euHeading, /Information security/);
  assert.notEqual(hsm.status, "no_match", "the exporter's Annex I code keeps the row at check");
  assert.deepEqual(camera.classification.map((c) => c.finding), ["not_used", "unknown"]);
  assert.equal(empty.status, "check");
  assert.equal(empty.notices[0].kind, "nothing_to_search");
});

test("screenCatalogue screens in chunks and in the user's language", () => {
  const rows = [{ Product: "Laser printer" }, { Product: "Chaise de bureau" }];
  const out = api.screenCatalogue(rows, { columns, offset: 500, lang: "de" });
  assert.deepEqual(out.map((r) => r.row), [500, 501]);
  const caution = out[0].cautions.find((c) => c.kind === "false_friend");
  assert.match(caution.text, /„/, "a German caution");
});

test("screenCatalogue names what is wrong", () => {
  assert.throws(() => api.screenCatalogue("rows", { columns }), /rows must be an array of objects, got "rows"/);
  assert.throws(() => api.screenCatalogue([], {}), /options.columns must be an object/);
  assert.throws(() => api.screenCatalogue([], { columns: { partNumber: "PN" } }), /name the column that holds the item's name or its description/);
  assert.throws(() => api.screenCatalogue([], { columns: { name: 3 } }), /options.columns.name must be a column name \(a string\), got 3/);
  assert.throws(() => api.screenCatalogue([{ Product: "x" }, 42], { columns }), /row 1 must be an object of columns, got 42/);
  assert.throws(() => api.screenCatalogue([{ Product: { a: 1 } }], { columns, offset: 10 }), /row 10, column `Product` must be a string/);
  assert.throws(() => api.screenCatalogue([], { columns, offset: -1 }), /offset must be a whole number/);
  assert.throws(() => api.screenCatalogue([], { columns, lang: "xx" }), /unknown language `xx`/);
  assert.deepEqual(api.screenCatalogue([], { columns }), []);
  const huge = api.screenCatalogue([{ Product: "thermal camera ".repeat(10_000) }], { columns });
  assert.ok(huge[0].notices.some((n) => n.kind === "shortened"));
});

test("10,000 rows: time printed, not asserted (the bench measures it)", () => {
  const words = ["Thermal imaging camera 640x512 30 Hz", "Office chair mesh back", "Glass-lined reactor 6300 L",
    "Laptop 15.6 inch Core i7", "Triethyl phosphite 98 % 200 kg drum", "Garden pump 750 W", "Fibre optic gyro navigation grade",
    "LED desk lamp dimmable", "IMSI catcher tactical", "Carbon fibre 12K high strength"];
  const rows = Array.from({ length: 10_000 }, (_, i) => ({ PN: `A-${i}`, Product: words[i % words.length], Text: `batch ${Math.floor(i / words.length)} of stock ${i % 97}` }));
  let t = performance.now();
  let n = 0;
  for (let at = 0; at < rows.length; at += 500) n += api.screenCatalogue(rows.slice(at, at + 500), { columns, offset: at }).length;
  const chunked = performance.now() - t;
  assert.equal(n, 10_000);
  t = performance.now();
  const whole = api.screenCatalogue(rows, { columns }).length;
  const once = performance.now() - t;
  assert.equal(whole, 10_000);
  console.log(`screenCatalogue, 10,000 rows in Node: ${(chunked / 1000).toFixed(2)} s in chunks of 500, ${(once / 1000).toFixed(2)} s in one call`);
});
