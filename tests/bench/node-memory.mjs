// Run by tests/bench/run.mjs in a fresh Node process (with --expose-gc), so the figures are
// those of dist/pkg alone: the wasm memory and the JS heap before loading the module, after
// loading it, and after 1,000 searches. Prints one JSON object.
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";

const [dist, queriesJson] = process.argv.slice(2);
const typing = JSON.parse(fs.readFileSync(queriesJson, "utf8"));
const heap = () => { globalThis.gc(); return process.memoryUsage().heapUsed; };
const heapBefore = heap();
const api = await import(pathToFileURL(path.join(dist, "pkg", "dualuse_screener.js")).href);
const wasm = await api.default({ module_or_path: fs.readFileSync(path.join(dist, "pkg", "dualuse_screener_bg.wasm")) });
const wasmAfterLoad = wasm.memory.buffer.byteLength;
const heapAfterLoad = heap();
for (let i = 0; i < 1000; i++) api.search(typing[i % typing.length], 12);
const wasmAfter = wasm.memory.buffer.byteLength;
const heapAfter = heap();
process.stdout.write(JSON.stringify({ heapBefore, wasmAfterLoad, heapAfterLoad, wasmAfter, heapAfter, rss: process.memoryUsage().rss }));
