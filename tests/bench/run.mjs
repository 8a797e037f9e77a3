// The benchmarks of `cargo xtask bench` (which builds dist/ first): sizes of every output,
// load to interactive in headless Chromium, `search` and `assess` latency in Node and in
// Chromium, memory, the JS search libraries side by side, and the long fuzz run. Prints one
// markdown table with each figure beside its budget (/work/shared/DESIGN.md, "Budgets") and
// writes it, with the machine it ran on, to BENCHMARKS.md.
//
//   node tests/bench/run.mjs [--quick] [--no-fuzz] [--no-write]
//
// --quick: 5 load runs instead of 21, fuzz at a hundredth of the counts (a smoke run).
// --no-fuzz: skip the fuzz run (it needs a release build of the core's tests).
// --no-write: print only, leave BENCHMARKS.md alone.
//
// Timing is noisy on a 2-core machine (about ±50 ms between page loads): load figures are
// medians of 21 runs, each in a fresh browser context; latencies are taken after a warm-up
// pass over the same inputs.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { execFileSync, spawn, spawnSync } from "node:child_process";
import { pathToFileURL } from "node:url";
import { chromium } from "playwright-core";
import MiniSearch from "minisearch";
import Fuse from "fuse.js";
import { ROOT, DIST, startServer } from "../browser/helpers.mjs";
import { measureOutputs, SIZE_BUDGETS, kb, MB } from "./sizes.mjs";

const argv = new Set(process.argv.slice(2));
const QUICK = argv.has("--quick");
const LOAD_RUNS = QUICK ? 5 : 21;
const started = performance.now();
const loadAtStart = os.loadavg()[0];
const log = (msg) => process.stderr.write(`bench [${((performance.now() - started) / 1000).toFixed(0)} s] ${msg}\n`);

// Budgets, in ms and bytes (DESIGN.md).
const BUDGET = { loadMedianMs: 250, searchP95Ms: 1, assessMs: 1, memoryBytes: 32 * MB, recall: 0.9 };

// ---------------------------------------------------------------------------------------
// Small helpers.

function percentile(values, p) {
  const s = [...values].sort((a, b) => a - b);
  if (!s.length) return NaN;
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))];
}
const median = (v) => percentile(v, 50);
const ms = (x) => (x < 1 ? `${x.toFixed(3)} ms` : `${x.toFixed(1)} ms`);
const mb = (b) => `${(b / MB).toFixed(1)} MB`;
const pass = (ok) => (ok ? "PASS" : "**FAIL**");

const rows = [];
/** The slowest typed prefixes in Node: [ms, query]. */
let slowest = [];
/** One line of the table. `ok` undefined: no budget for this figure. */
function row(what, where, value, budget = "no budget", ok = undefined) {
  rows.push({ what, where, value, budget, result: ok === undefined ? "-" : pass(ok) });
}

/** Query lines of tests/search_queries.txt: { query, expected }. */
function labelledQueries() {
  return fs.readFileSync(path.join(ROOT, "tests", "search_queries.txt"), "utf8")
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith("#") && l.includes("=>"))
    .map((l) => {
      const i = l.lastIndexOf("=>");
      return {
        query: l.slice(0, i).trim(),
        expected: l.slice(i + 2).split(",").map((c) => c.trim()).filter(Boolean),
      };
    });
}

/** Every prefix of every query, as typed (by code point), the full query included. */
function typingSet(queries) {
  const out = [];
  for (const { query } of queries) {
    const chars = [...query];
    for (let n = 1; n <= chars.length; n++) out.push(chars.slice(0, n).join(""));
  }
  return out;
}

/** Inputs of `assess` a user makes: listed items out of and inside the Union, sanctioned and
 * embargoed destinations, catch-alls, electronic transfer, the guided questions. */
const ASSESS_INPUTS = [
  { entries: ["5A001.f.2"], from: "DE", to: "CN" },
  { entries: ["5A002.a"], from: "FR", to: "US" },
  { entries: ["5A002"], from: "DE", to: "RU" },
  { entries: ["4A005"], from: "NL", to: "AT" },
  { entries: ["5A004.a"], from: "DE", to: "NO", exportForm: "electronic" },
  { entries: ["1C350"], from: "IT", to: "CH" },
  { entries: ["9E003.a.1"], from: "FR", to: "JP", circumstance: "repair" },
  { entries: ["5A001.f", "5D001.e"], from: "DE", to: "AE", cyberSurveillance: true },
  { entries: [], from: "DE", to: "IR", concerns: { wmd: true } },
  { entries: [], from: "SE", to: "MM", cyberSurveillance: true, concerns: { humanRights: true } },
  { entries: [], from: "DE", to: "VE", telecomMonitoring: true },
  { entries: [], from: "AT", to: "BR" },
  { from: "DE", to: "CN", answers: { it_form: "equipment", mob_mobile: true, mob_identifiers: true } },
  { from: "DE", to: "US", answers: { it_form: "software", gen_public_domain: false } },
];

/** The checklist workload (issue 14): every top-level Annex I code for `checklist(code)`, and
 * for the 10 largest trees an `assess` whose `itemAnswers` answer every node of the tree
 * (yes, no and don't know in turn): the most a user can have answered in one walk. */
function checklistWorkload(api) {
  const codes = fs.readFileSync(path.join(ROOT, "tests/annex-i-codes.txt"), "utf8")
    .split("\n").map((l) => l.trim()).filter((l) => l && !l.startsWith("#"));
  const nodesOf = (n) => [n, ...n.children.flatMap(nodesOf)];
  const trees = codes.map((c) => api.checklist(c)).filter(Boolean).map((t) => ({ code: t.code, nodes: nodesOf(t) }));
  const largest = [...trees].sort((a, b) => b.nodes.length - a.nodes.length).slice(0, 10);
  const turn = ["yes", "no", "unknown"];
  const assessInputs = largest.map((t) => ({
    from: "DE", to: "CN",
    itemAnswers: Object.fromEntries(t.nodes.map((n, i) => [n.code, turn[i % 3]])),
  }));
  const size = (t) => `${t.code} ${t.nodes.length}`;
  return { codes, assessInputs, largest: largest.slice(0, 3).map(size).join(", ") };
}

/** Rows for the checklist timings, the same in Node and Chromium. */
function checklistRows(where, work, checklistTimes, assessTimes) {
  const c95 = percentile(checklistTimes, 95), a95 = percentile(assessTimes, 95);
  row("`checklist(code)`, p50 / p95", where, `${ms(median(checklistTimes))} / ${ms(c95)} (${work.codes.length} entries x 5, max ${ms(Math.max(...checklistTimes))}; largest trees ${work.largest} nodes)`, "p95 <= 1 ms", c95 <= BUDGET.assessMs);
  row("`assess` with `itemAnswers` for a whole tree, p50 / p95", where, `${ms(median(assessTimes))} / ${ms(a95)} (the 10 largest trees, every node answered, x 20, max ${ms(Math.max(...assessTimes))})`, "p95 <= 5 ms", a95 <= 5);
}

/** The catalogue workload (issue 15): 10,000 rows from tests/fixtures/catalogue-labelled.tsv,
 * each made distinct by a word of three letters in its name, so no two rows read alike (the
 * worst case: nothing is searched once for many rows). */
const CATALOGUE_COLUMNS = { name: "name", description: "description", partNumber: "part_number", eccn: "eccn", classification: "classification" };
function catalogueRows() {
  const lines = fs.readFileSync(path.join(ROOT, "tests/fixtures/catalogue-labelled.tsv"), "utf8").split("\n").filter((l) => l && !l.startsWith("#"));
  const head = lines[0].split("\t");
  const base = lines.slice(1).map((l) => Object.fromEntries(l.split("\t").map((v, i) => [head[i], v])));
  const letter = (k) => String.fromCharCode(97 + (k % 26));
  return Array.from({ length: 10_000 }, (_, i) => {
    const r = { ...base[i % base.length] };
    r.name = `${r.name} ${letter(Math.floor(i / 676))}${letter(Math.floor(i / 26))}${letter(i)}`;
    return r;
  });
}

/** Rows for the catalogue timings, the same in Node and Chromium. */
function catalogueRowsReport(where, t1000, t10000) {
  row("`screenCatalogue` 1,000 rows, one call", where, ms(t1000), "reported");
  row("`screenCatalogue` 10,000 rows, chunks of 500", where, `${ms(t10000)} (distinct rows)`, "<= 10 s (Chromium)", t10000 <= 10_000);
}

/** Time `fn(input)` over `inputs` after one untimed warm-up pass; returns ms per call. */
function timeCalls(inputs, fn, passes = 1) {
  for (const x of inputs) fn(x);
  const times = [];
  for (let p = 0; p < passes; p++) {
    for (const x of inputs) {
      const t = performance.now();
      fn(x);
      times.push(performance.now() - t);
    }
  }
  return times;
}

// ---------------------------------------------------------------------------------------
// (a) Sizes.

function benchSizes() {
  log("sizes (brotli at quality 11 takes a few seconds)");
  for (const o of measureOutputs(DIST)) {
    const value = `${o.files} file(s): raw ${kb(o.raw)}, gzip ${kb(o.gzip)}, brotli ${kb(o.brotli)}`;
    if (o.key === "site") row("size, brotli", o.name, value, `brotli <= ${kb(SIZE_BUDGETS.siteBrotli)}`, o.brotli <= SIZE_BUDGETS.siteBrotli);
    else if (o.key === "single") row("size", o.name, value, `raw <= ${kb(SIZE_BUDGETS.singleFileRaw)}`, o.raw <= SIZE_BUDGETS.singleFileRaw);
    else row("size", o.name, value);
  }
}

// ---------------------------------------------------------------------------------------
// Node: the ES module of dist/pkg.

async function loadPkg() {
  const api = await import(pathToFileURL(path.join(DIST, "pkg", "dualuse_screener.js")).href);
  const t = performance.now();
  await api.default({ module_or_path: fs.readFileSync(path.join(DIST, "pkg", "dualuse_screener_bg.wasm")) });
  return { api, initMs: performance.now() - t };
}

function nearestExisting(api, code) {
  let c = code;
  while (!api.entry(c) && c.includes(".")) c = c.slice(0, c.lastIndexOf("."));
  return c;
}

/** recall@5 with the rule of tests/search_quality.rs: a result hits an expected code when it
 * is that code or one of its items; labels below the text we hold count at their entry. */
function recallAt5(queries, searchCodes, targets) {
  let hits = 0, total = 0;
  const misses = [];
  for (const { query, expected } of queries) {
    const got = searchCodes(query).slice(0, 5);
    for (const code of expected) {
      const target = targets.get(code);
      total += 1;
      if (got.some((c) => c === target || c.startsWith(target + "."))) hits += 1;
      else misses.push(query);
    }
  }
  return { recall: hits / total, hits, total, misses };
}

/** Latency (after a warm-up on the first `warm` queries) and recall@5 from the same calls. */
function timedRecall(queries, searchCodes, targets, warm) {
  for (const { query } of queries.slice(0, warm)) searchCodes(query);
  const times = [];
  const results = new Map();
  for (const { query } of queries) {
    const t = performance.now();
    results.set(query, searchCodes(query));
    times.push(performance.now() - t);
  }
  return [times, recallAt5(queries, (q) => results.get(q), targets)];
}

/** The Annex I nodes as documents for the JS libraries: walk entry() from every top-level
 * code through `items`. */
function documents(api) {
  const listFile = [path.join(ROOT, "tests", "annex-i-codes.txt"), "/work/shared/reference/annex-i-codes.txt"].find((f) => fs.existsSync(f));
  const codes = fs.readFileSync(listFile, "utf8").split("\n").map((l) => l.trim()).filter((l) => /^\d[A-E]\d{3}$/.test(l));
  const docs = [];
  let missing = 0;
  const notesText = (notes) => (notes || []).map((n) => `${n.label} ${(n.text || []).join(" ")}`).join(" ");
  const walk = (item, aliases) => {
    docs.push({ id: item.code, code: item.code, text: item.heading || item.text || "", notes: notesText(item.notes), aliases: (aliases || []).join("; ") });
    for (const child of item.items || []) walk(child, null);
  };
  for (const code of codes) {
    const e = api.entry(code);
    if (!e) { missing += 1; continue; }
    walk(e, e.aliases);
  }
  return { docs, entries: codes.length - missing, missing, listFile: path.relative(ROOT, listFile) };
}

async function benchNode(queries, typing) {
  log("Node: load dist/pkg");
  const { api, initMs } = await loadPkg();
  row("init (compile + instantiate + decode dataset)", "Node", ms(initMs));

  log(`Node: search over ${queries.length} queries and ${typing.length} typed prefixes`);
  const full = timeCalls(queries.map((q) => q.query), (q) => api.search(q, 12));
  const typed = timeCalls(typing, (q) => api.search(q, 12));
  row("`search` full queries, p50 / p95", "Node", `${ms(median(full))} / ${ms(percentile(full, 95))} (${full.length} calls)`, "p95 <= 1 ms", percentile(full, 95) <= BUDGET.searchP95Ms);
  slowest = typing.map((q, i) => [typed[i], q]).sort((a, b) => b[0] - a[0]).slice(0, 8);
  row("`search` while typing (all prefixes), p50 / p95", "Node", `${ms(median(typed))} / ${ms(percentile(typed, 95))} (${typed.length} calls, max ${ms(Math.max(...typed))})`, "p95 <= 1 ms", percentile(typed, 95) <= BUDGET.searchP95Ms);

  log("Node: assess");
  for (const input of ASSESS_INPUTS) api.assess(input); // any throw here is a bug in this list
  const assessTimes = timeCalls(ASSESS_INPUTS, (x) => api.assess(x), 50);
  const aP95 = percentile(assessTimes, 95);
  row("`assess`, p50 / p95", "Node", `${ms(median(assessTimes))} / ${ms(aP95)} (${ASSESS_INPUTS.length} inputs x 50, max ${ms(Math.max(...assessTimes))})`, "<= 1 ms (p95)", aP95 <= BUDGET.assessMs);

  log("Node: checklist and assess with item answers");
  const work = checklistWorkload(api);
  checklistRows("Node", work, timeCalls(work.codes, (c) => api.checklist(c), 5), timeCalls(work.assessInputs, (x) => api.assess(x), 20));

  log("Node: screenCatalogue, 1,000 and 10,000 rows");
  const catalogue = catalogueRows();
  api.screenCatalogue(catalogue.slice(0, 50), { columns: CATALOGUE_COLUMNS }); // warm-up
  let tc = performance.now();
  api.screenCatalogue(catalogue.slice(1000, 2000), { columns: CATALOGUE_COLUMNS });
  const t1000 = performance.now() - tc;
  tc = performance.now();
  for (let at = 0; at < catalogue.length; at += 500) api.screenCatalogue(catalogue.slice(at, at + 500), { columns: CATALOGUE_COLUMNS, offset: at });
  catalogueRowsReport("Node", t1000, performance.now() - tc);

  log("Node: memory, in a fresh process that loads only dist/pkg");
  const tmp = path.join(os.tmpdir(), `dus-bench-typing-${process.pid}.json`);
  fs.writeFileSync(tmp, JSON.stringify(typing));
  const child = spawnSync(process.execPath, ["--expose-gc", path.join(import.meta.dirname, "node-memory.mjs"), DIST, tmp], { encoding: "utf8" });
  fs.rmSync(tmp, { force: true });
  if (child.status !== 0) throw new Error(`node-memory.mjs failed: ${child.stderr}`);
  const mem = JSON.parse(child.stdout);
  const total = mem.wasmAfter + mem.heapAfter;
  row("memory: wasm after load / after 1,000 searches", "Node", `${mb(mem.wasmAfterLoad)} / ${mb(mem.wasmAfter)}`);
  row("memory: JS heap used before load / after load / after 1,000 searches", "Node", `${mb(mem.heapBefore)} / ${mb(mem.heapAfterLoad)} / ${mb(mem.heapAfter)} (a fresh process, after gc; rss ${mb(mem.rss)})`);
  row("memory: wasm + JS heap after 1,000 searches", "Node", mb(total), "<= 32 MB", total <= BUDGET.memoryBytes);

  // (f) The JS libraries, over the same documents and queries.
  log("Node: MiniSearch and Fuse.js over the same documents");
  const { docs, entries, missing, listFile } = documents(api);
  const targets = new Map();
  for (const { expected } of queries) for (const c of expected) targets.set(c, nearestExisting(api, c));
  let t = performance.now();
  const mini = new MiniSearch({
    fields: ["code", "text", "notes", "aliases"],
    storeFields: ["code"],
    searchOptions: { prefix: true, fuzzy: 0.2, boost: { code: 3, aliases: 2, text: 1.5 } },
  });
  mini.addAll(docs);
  const miniBuildMs = performance.now() - t;
  t = performance.now();
  const fuse = new Fuse(docs, {
    keys: [{ name: "code", weight: 3 }, { name: "aliases", weight: 2 }, { name: "text", weight: 2 }, { name: "notes", weight: 1 }],
    threshold: 0.4,
    ignoreLocation: true,
  });
  const fuseBuildMs = performance.now() - t;
  const oursCodes = (q) => api.search(q, 5).map((h) => h.code);
  const miniCodes = (q) => mini.search(q).slice(0, 5).map((r) => r.code);
  const fuseCodes = (q) => fuse.search(q, { limit: 5 }).map((r) => r.item.code);
  const [oursTimes, ours] = timedRecall(queries, oursCodes, targets, queries.length);
  const [miniTimes, miniR] = timedRecall(queries, miniCodes, targets, queries.length);
  // Fuse.js takes tens of milliseconds a query: warm up on 20 queries only.
  const [fuseTimes, fuseR] = timedRecall(queries, fuseCodes, targets, 20);
  const docNote = `${docs.length} nodes of ${entries} entries`;
  for (const [name, times, r, extra] of [
    ["dualuse-core (ours)", oursTimes, ours, "index built on the first search"],
    ["MiniSearch 7 (prefix, fuzzy 0.2)", miniTimes, miniR, `index built in ${ms(miniBuildMs)}`],
    ["Fuse.js 7 (threshold 0.4, ignoreLocation)", fuseTimes, fuseR, `index built in ${ms(fuseBuildMs)}`],
  ]) {
    const p95 = percentile(times, 95);
    row(`${name}: search p50 / p95`, "Node", `${ms(median(times))} / ${ms(p95)} (${times.length} queries; ${extra})`, "p95 <= 1 ms", p95 <= BUDGET.searchP95Ms);
    row(`${name}: recall@5`, "Node", `${r.recall.toFixed(3)} (${r.hits}/${r.total} labels; ${docNote})`, ">= 0.90 (tests/search_quality.rs)", r.recall >= BUDGET.recall);
  }
  return { missing, listFile, docs: docs.length };
}

// ---------------------------------------------------------------------------------------
// Chromium.

/** The flags of tests/browser/helpers.mjs `launch()`, plus precise memory figures and gc(). */
async function launchBench() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
      "--disable-component-update", "--disable-sync", "--disable-default-apps", "--disable-extensions",
      "--enable-precise-memory-info", "--js-flags=--expose-gc"],
  });
}

/** Navigation start to the search box being in the document, visible and enabled, taken at
 * the first animation frame after it appears (performance.now() counts from navigation start). */
const WATCH_SEARCH_BOX = () => {
  const check = () => {
    const el = document.getElementById("dus-search");
    if (!el || el.disabled || el.readOnly || !el.getClientRects().length) return;
    const style = getComputedStyle(el);
    if (style.visibility === "hidden" || style.display === "none") return;
    observer.disconnect();
    const inDom = performance.now();
    requestAnimationFrame(() => { window.__dusInteractive = { inDom, frame: performance.now() }; });
  };
  const observer = new MutationObserver(check);
  observer.observe(document, { childList: true, subtree: true, attributes: true });
};

async function loadOnce(browser, url, checkUsable) {
  const context = await browser.newContext();
  await context.addInitScript(WATCH_SEARCH_BOX);
  const page = await context.newPage();
  await page.goto(url, { waitUntil: "commit" });
  await page.waitForFunction(() => window.__dusInteractive, null, { timeout: 20000, polling: 10 });
  const t = await page.evaluate(() => window.__dusInteractive);
  if (checkUsable) {
    // Usable, not only visible: typing gives results.
    await page.locator("#dus-search").pressSequentially("imsi", { delay: 5 });
    await page.locator(".dus-result").first().waitFor({ timeout: 5000 });
  }
  await context.close();
  return t.frame;
}

/** Milliseconds from typing a query into a freshly loaded page, `waitMs` after it became
 * interactive, to its first result shown. */
async function firstSearch(browser, url, waitMs) {
  const context = await browser.newContext();
  await context.addInitScript(WATCH_SEARCH_BOX);
  const page = await context.newPage();
  await page.goto(url, { waitUntil: "commit" });
  await page.waitForFunction(() => window.__dusInteractive, null, { timeout: 20000, polling: 10 });
  await page.waitForTimeout(waitMs);
  const t = await page.evaluate(() => new Promise((resolve) => {
    const box = document.getElementById("dus-search");
    const start = performance.now();
    const seen = new MutationObserver(() => {
      if (document.querySelector(".dus-result")) { seen.disconnect(); resolve(performance.now() - start); }
    });
    seen.observe(document, { childList: true, subtree: true });
    box.value = "imsi catcher";
    box.dispatchEvent(new Event("input", { bubbles: true }));
  }));
  await context.close();
  return t;
}

async function benchLoad(browser) {
  const srv = await startServer();
  const targets = [
    ["dist/site over http://127.0.0.1", `${srv.base}/`],
    ["dist/dualuse-screener.html over file://", pathToFileURL(path.join(DIST, "dualuse-screener.html")).href],
  ];
  try {
    for (const [name, url] of targets) {
      log(`Chromium: load to interactive, ${name}, ${LOAD_RUNS} runs`);
      await loadOnce(browser, url, true); // warm-up (disk cache of the OS, not the browser's), not counted
      const times = [];
      for (let i = 0; i < LOAD_RUNS; i++) times.push(await loadOnce(browser, url, false));
      const med = median(times);
      row("load to interactive, median / p95", `Chromium, ${name}`, `${ms(med)} / ${ms(percentile(times, 95))} (${LOAD_RUNS} runs, min ${ms(Math.min(...times))})`, "median <= 250 ms", med <= BUDGET.loadMedianMs);
    }
    // The search index is built just after the first paint (or by the first search, if that
    // comes sooner): how long the first query waits, typed at once and typed a second later.
    const [name, url] = targets[0];
    for (const waitMs of [0, 1000]) {
      const first = [];
      for (let i = 0; i < Math.min(LOAD_RUNS, 7); i++) first.push(await firstSearch(browser, url, waitMs));
      row(`first search, typed ${waitMs ? "1 s" : "at once"} after load, median`, `Chromium, ${name}`, `${ms(median(first))} (${first.length} runs, max ${ms(Math.max(...first))})`, "reported", true);
    }
  } finally {
    await srv.close();
  }
}

async function benchInChromium(browser, queries, typing) {
  // Cross-origin isolation gives performance.now() 5 µs resolution instead of 100 µs.
  const srv = await startServer();
  srv.server.prependListener("request", (_req, res) => {
    res.setHeader("Cross-Origin-Opener-Policy", "same-origin");
    res.setHeader("Cross-Origin-Embedder-Policy", "require-corp");
  });
  const glue = fs.readdirSync(path.join(DIST, "site")).find((f) => /^dualuse_screener\.[0-9a-f]+\.js$/.test(f) || f === "dualuse_screener.js");
  const context = await browser.newContext();
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  try {
    log("Chromium: search, assess and memory on the standalone page's own module");
    await page.goto(`${srv.base}/`);
    await page.locator("#dus-search").waitFor({ state: "visible", timeout: 20000 });
    const work = checklistWorkload((await loadPkg()).api);
    const out = await page.evaluate(async ({ glue, full, typing, assessInputs, work, catalogue, catalogueColumns }) => {
      // The page's module instance (same URL, so the same module): what the widget uses.
      const m = await import(`/${glue}`);
      const w = await m.default();
      const memory = () => { if (window.gc) window.gc(); return { wasm: w.memory.buffer.byteLength, heap: performance.memory.usedJSHeapSize }; };
      const afterLoad = memory();
      const time = (inputs, fn, passes = 1) => {
        for (const x of inputs) fn(x);
        const times = [];
        for (let p = 0; p < passes; p++) for (const x of inputs) { const t = performance.now(); fn(x); times.push(performance.now() - t); }
        return times;
      };
      const fullTimes = time(full, (q) => m.search(q, 12));
      const typedTimes = time(typing, (q) => m.search(q, 12));
      const assessTimes = time(assessInputs, (x) => m.assess(x), 50);
      const checklistTimes = time(work.codes, (c) => m.checklist(c), 5);
      const itemAssessTimes = time(work.assessInputs, (x) => m.assess(x), 20);
      // The catalogue as a UI screens it: chunks of 500 rows, yielding to the page between them.
      m.screenCatalogue(catalogue.slice(0, 50), { columns: catalogueColumns });
      let tc = performance.now();
      m.screenCatalogue(catalogue.slice(1000, 2000), { columns: catalogueColumns });
      const catalogue1000 = performance.now() - tc;
      tc = performance.now();
      for (let at = 0; at < catalogue.length; at += 500) {
        m.screenCatalogue(catalogue.slice(at, at + 500), { columns: catalogueColumns, offset: at });
        await new Promise((r) => setTimeout(r, 0));
      }
      const catalogue10000 = performance.now() - tc;
      for (let i = 0; i < 1000; i++) m.search(typing[i % typing.length], 12);
      const after = memory();
      return { isolated: crossOriginIsolated, fullTimes, typedTimes, assessTimes, checklistTimes, itemAssessTimes, catalogue1000, catalogue10000, afterLoad, after };
    }, { glue, full: queries.map((q) => q.query), typing, assessInputs: ASSESS_INPUTS, work, catalogue: catalogueRows(), catalogueColumns: CATALOGUE_COLUMNS });
    const where = `Chromium${out.isolated ? "" : " (not isolated: 100 µs timer)"}`;
    const f95 = percentile(out.fullTimes, 95), t95 = percentile(out.typedTimes, 95), a95 = percentile(out.assessTimes, 95);
    row("`search` full queries, p50 / p95", where, `${ms(median(out.fullTimes))} / ${ms(f95)} (${out.fullTimes.length} calls)`, "p95 <= 1 ms", f95 <= BUDGET.searchP95Ms);
    row("`search` while typing (all prefixes), p50 / p95", where, `${ms(median(out.typedTimes))} / ${ms(t95)} (${out.typedTimes.length} calls, max ${ms(Math.max(...out.typedTimes))})`, "p95 <= 1 ms", t95 <= BUDGET.searchP95Ms);
    row("`assess`, p50 / p95", where, `${ms(median(out.assessTimes))} / ${ms(a95)} (${ASSESS_INPUTS.length} inputs x 50, max ${ms(Math.max(...out.assessTimes))})`, "<= 1 ms (p95)", a95 <= BUDGET.assessMs);
    checklistRows(where, work, out.checklistTimes, out.itemAssessTimes);
    catalogueRowsReport(where, out.catalogue1000, out.catalogue10000);
    row("memory: wasm after load / after 1,000 searches", where, `${mb(out.afterLoad.wasm)} / ${mb(out.after.wasm)}`);
    row("memory: JS heap used after load / after 1,000 searches", where, `${mb(out.afterLoad.heap)} / ${mb(out.after.heap)} (performance.memory, after gc)`);
    const total = out.after.wasm + out.after.heap;
    row("memory: wasm + JS heap after 1,000 searches", where, mb(total), "<= 32 MB", total <= BUDGET.memoryBytes);
    if (errors.length) throw new Error(`page errors: ${errors.join("; ")}`);
  } finally {
    await context.close();
    await srv.close();
  }
}

// ---------------------------------------------------------------------------------------
// Fuzz: core/tests/fuzz.rs in a release build, with large case counts.

const FUZZ_PLAN = [
  // [test name filter, FUZZ_CASES, what]
  ["cheap::normalize_code_never_panics_and_is_idempotent", 1_000_000, "code normaliser"],
  ["cheap::parse_expr_never_panics", 1_000_000, "rule expression parser"],
  ["cheap::parse_records_never_panics_on_any_text", 100_000, "data-file record parser"],
  ["cheap::compile_never_panics_on_a_mutated_small_corpus", 20_000, "compile, mutated small corpus (cases / 2)"],
  ["heavy::search_never_panics_and_stays_fast", 20_000, "search, arbitrary queries"],
  ["heavy::search_of_every_prefix_never_panics", 10_000, "search, every prefix (cases / 8, up to 80 searches each)"],
  ["heavy::entry_view_never_panics", 100_000, "entry view, arbitrary codes"],
  ["heavy::assess_returns_ok_or_err_never_panics", 50_000, "assess, arbitrary input"],
  ["heavy::compile_never_panics_on_mutated_full_data", 20_000, "compile, mutated full data/ (cases / 64)"],
];

/** Run one fuzz property; resolves to { status, out, secs }. */
function runFuzz(exe, name, cases) {
  return new Promise((resolve) => {
    const t = performance.now();
    const child = spawn(exe, ["--exact", name, "--test-threads", "1"], { cwd: path.join(ROOT, "core"), env: { ...process.env, FUZZ_CASES: String(cases) } });
    let out = "";
    child.stdout.on("data", (d) => { out += d; });
    child.stderr.on("data", (d) => { out += d; });
    child.on("close", (status) => resolve({ status, out, secs: (performance.now() - t) / 1000 }));
  });
}

async function benchFuzz() {
  log("fuzz: building the release test binary");
  const build = spawnSync("cargo", ["test", "--release", "-p", "dualuse-core", "--test", "fuzz", "--no-run", "--message-format=json"], { cwd: ROOT, encoding: "utf8", maxBuffer: 1 << 28 });
  if (build.status !== 0) {
    row("fuzz", "release build", "the fuzz suite did not build", "no panic", false);
    process.stderr.write(build.stderr);
    return;
  }
  const exe = build.stdout.split("\n").filter(Boolean).map((l) => { try { return JSON.parse(l); } catch { return {}; } })
    .find((m) => m.reason === "compiler-artifact" && m.target?.name === "fuzz" && m.executable)?.executable;
  // One property per core at a time; the timing benchmarks are over by now.
  const results = new Array(FUZZ_PLAN.length);
  let next = 0;
  const worker = async () => {
    while (next < FUZZ_PLAN.length) {
      const i = next++;
      const [name, full] = FUZZ_PLAN[i];
      const cases = QUICK ? Math.max(100, Math.round(full / 100)) : full;
      log(`fuzz: ${name} with FUZZ_CASES=${cases}`);
      results[i] = { cases, ...(await runFuzz(exe, name, cases)) };
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, os.availableParallelism()) }, worker));
  FUZZ_PLAN.forEach(([name, , what], i) => {
    const { cases, status, out, secs } = results[i];
    const ok = status === 0;
    row(`fuzz: ${what}`, "native, release", `FUZZ_CASES=${cases.toLocaleString("en")} in ${secs.toFixed(0)} s`, "never panics, bounded time", ok);
    if (!ok) {
      const why = out.split("\n").filter((l) => /panicked|minimal failing|Test failed|took|overflow/.test(l)).slice(0, 4).join("\n");
      process.stderr.write(`fuzz: ${name} FAILED\n${why}\n`);
    }
  });
}

// ---------------------------------------------------------------------------------------

function machine(chromiumVersion) {
  const cpuinfo = fs.readFileSync("/proc/cpuinfo", "utf8");
  const model = (cpuinfo.match(/^model name\s*:\s*(.+)$/m) || [, "unknown"])[1].trim();
  let nproc;
  try { nproc = execFileSync("nproc", { encoding: "utf8" }).trim(); } catch { nproc = String(os.availableParallelism()); }
  return { date: new Date().toISOString().replace(/\.\d+Z$/, "Z"), nproc, model, node: process.version, chromium: chromiumVersion, memory: mb(os.totalmem()) };
}

function table() {
  const head = "| measure | where | value | budget | result |\n|---|---|---|---|---|\n";
  return head + rows.map((r) => `| ${r.what} | ${r.where} | ${r.value} | ${r.budget} | ${r.result} |`).join("\n") + "\n";
}

/** The catalogue view as a user drives it (issue 15): a CSV of the 10,000 distinct rows
 * picked in "Screen a catalogue", screened through the view's chunks; the time from the
 * click to the last row, and the longest gap between two animation frames meanwhile (the
 * page stays responsive when it stays short). */
async function benchCatalogueView(browser) {
  log("Chromium: the catalogue view, 10,000 rows of a CSV file");
  const rows = catalogueRows();
  const cols = Object.values(CATALOGUE_COLUMNS);
  const cell = (v) => (/[",\n]/.test(v ?? "") ? `"${String(v).replace(/"/g, '""')}"` : v ?? "");
  const csv = [cols.join(","), ...rows.map((r) => cols.map((c) => cell(r[c])).join(","))].join("\n");
  const srv = await startServer();
  const context = await browser.newContext();
  const page = await context.newPage();
  try {
    await page.goto(`${srv.base}/?lang=en`);
    await page.locator("#dus-search").waitFor({ state: "visible", timeout: 20000 });
    await page.getByRole("button", { name: "Screen a catalogue" }).click();
    await page.locator("#dus-cat-file").setInputFiles({ name: "catalogue.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
    await page.locator("#dus-cat-col-name").waitFor();
    await page.evaluate(() => {
      window.__gaps = [];
      let last = performance.now();
      const tick = (t) => { window.__gaps.push(t - last); last = t; if (!window.__stop) requestAnimationFrame(tick); };
      requestAnimationFrame(tick);
    });
    const t0 = Date.now();
    await page.getByRole("button", { name: /^Screen 10000 rows$/ }).click();
    await page.waitForFunction(() => !document.querySelector("#dus-cat-progress"), null, { timeout: 120000, polling: 100 });
    const took = Date.now() - t0;
    const gaps = await page.evaluate(() => { window.__stop = true; return window.__gaps.slice(1); });
    row("catalogue view: 10,000 rows of a CSV, click to last row", "Chromium, dist/site", `${ms(took)} (chunks of about 80 ms, a message task between them)`, "<= 10 s", took <= 10_000);
    row("catalogue view: longest gap between frames while screening", "Chromium, dist/site", `${ms(Math.max(...gaps))} (p95 ${ms(percentile(gaps, 95))}, ${gaps.length} frames)`, "reported");
  } finally {
    await context.close();
    await srv.close();
  }
}

/** The checklist walk in the page (issue 14) on the largest trees: from "Check my item" to
 * the tree on screen, and from a click on an answer to the second frame after it (the
 * answer painted, with what it folds). */
async function benchChecklistWalk(browser) {
  log("Chromium: the checklist walk on the largest trees");
  const srv = await startServer();
  const context = await browser.newContext();
  const page = await context.newPage();
  try {
    await page.goto(`${srv.base}/?lang=en`);
    await page.locator("#dus-search").waitFor({ state: "visible", timeout: 20000 });
    for (const code of ["6A005", "3A001"]) {
      await page.locator("#dus-search").fill(code);
      await page.locator(`.dus-result-open[data-code="${code}"]`).click();
      const open = await page.evaluate(async () => {
        const t = performance.now();
        document.querySelector("#dus-check").click();
        await new Promise((res) => requestAnimationFrame(() => requestAnimationFrame(res)));
        return performance.now() - t;
      });
      const nodes = await page.locator("#dus-checklist .dus-ck-node").count();
      const answers = [];
      for (let i = 0; i < 60; i += 3) {
        answers.push(await page.evaluate(async (i) => {
          const radio = document.querySelectorAll("#dus-checklist input[type=radio]")[i];
          const t = performance.now();
          radio.click();
          await new Promise((res) => requestAnimationFrame(() => requestAnimationFrame(res)));
          return performance.now() - t;
        }, i));
      }
      row(`checklist walk of ${code} (${nodes} nodes): open / answer to paint, median (max)`, "Chromium, dist/site", `${ms(open)} / ${ms(median(answers))} (${ms(Math.max(...answers))}; ${answers.length} answers, two frames included)`, "reported");
      await page.getByRole("button", { name: "Back to the entry" }).click();
    }
  } finally {
    await context.close();
    await srv.close();
  }
}

async function main() {
  const queries = labelledQueries();
  const typing = typingSet(queries);
  benchSizes();
  const lib = await benchNode(queries, typing);
  const browser = await launchBench();
  let chromiumVersion;
  try {
    chromiumVersion = browser.version();
    await benchLoad(browser);
    await benchInChromium(browser, queries, typing);
    await benchChecklistWalk(browser);
    await benchCatalogueView(browser);
  } finally {
    await browser.close();
  }
  if (!argv.has("--no-fuzz")) await benchFuzz();

  const m = machine(chromiumVersion);
  const md = `# Benchmarks

Measured by \`cargo xtask bench\` (\`tests/bench/run.mjs\`) on ${m.date}${QUICK ? " (--quick: fewer runs, a smoke test only)" : ""}.

Machine: ${m.nproc} cores (\`nproc\`), ${m.model}, ${m.memory} RAM; Node ${m.node}; Chromium ${m.chromium} (headless, Debian).
Load average (1 min) at the start ${loadAtStart.toFixed(2)}, at the end ${os.loadavg()[0].toFixed(2)}: above ${m.nproc}, other work shared the CPUs and the timings are inflated.
Budgets: /work/shared/DESIGN.md, "Budgets" (1 KB = 1,000 bytes, 1 MB = 1,000,000 bytes).

${table()}
How it is measured:

- Sizes: every file of the output compressed on its own (gzip level 9, brotli quality 11), as a server sends them.
- Load to interactive: navigation start to the first animation frame in which \`#dus-search\` is in the document,
  visible and enabled (\`performance.now()\` in the page), ${LOAD_RUNS} runs after one warm-up, each in a fresh browser context.
- \`search\`: the ${queries.length} queries of tests/search_queries.txt (the text before \`=>\`), and all ${typing.length} prefixes
  of them as typed; limit 12 (the widget's). One untimed warm-up pass first. Node calls dist/pkg; Chromium calls the
  standalone page's own module instance from \`page.evaluate\` (the page served cross-origin isolated, so the timer
  resolution is 5 µs).
- \`assess\`: ${ASSESS_INPUTS.length} typical inputs (listed items to third countries, sanctioned and embargoed destinations, intra-EU Annex IV,
  catch-alls, telecom monitoring, guided answers), 50 passes each.
- \`checklist(code)\`: every top-level code of tests/annex-i-codes.txt, 5 passes; \`assess\` with \`itemAnswers\`: for the 10
  largest checklist trees, every node answered (yes, no, don't know in turn), from DE to CN, 20 passes each.
- Memory: \`WebAssembly.Memory\` buffer size, and the JS heap after gc: \`process.memoryUsage().heapUsed\` of a fresh Node
  process that loads only dist/pkg (tests/bench/node-memory.mjs; Node's own baseline included), and
  \`performance.memory.usedJSHeapSize\` (\`--enable-precise-memory-info\`) of the standalone page in Chromium.
- The JS libraries index the same documents, one per Annex I node walked through \`entry()\` from the codes of
  ${lib.listFile}${lib.missing ? ` (${lib.missing} of them not in the data)` : ""}: code, heading or item text, notes, and the entry's aliases. Ours also indexes the
  parent item's text, defined terms and the vocabulary of synonyms, which the JS libraries do not get. recall@5 counts
  a result as a hit when it is the expected code or one of its items (as tests/search_quality.rs does). Their latency
  is over the full queries, limit 5.
- Fuzz: \`core/tests/fuzz.rs\` in a release build, one property per core at a time, with \`FUZZ_CASES\` as shown
  (the time of each is its own wall time, two running side by side).

The slowest typed prefixes in Node (where the search time goes):

${slowest.map(([t, q]) => `- ${ms(t)}: \`${q.replace(/`/g, "'")}\``).join("\n")}
`;
  process.stdout.write(`\n${table()}`);
  if (!argv.has("--no-write")) {
    fs.writeFileSync(path.join(ROOT, "BENCHMARKS.md"), md);
    log("wrote BENCHMARKS.md");
  }
  log(`done in ${((performance.now() - started) / 1000).toFixed(0)} s`);
  const failed = rows.filter((r) => r.result !== "-" && r.result !== "PASS");
  if (failed.length) log(`${failed.length} figure(s) over budget: ${failed.map((r) => `${r.what} (${r.where})`).join("; ")}`);
}

main().catch((e) => { console.error(e); process.exit(1); });
