// Shared helpers for the browser tests: a static server for dist/ on 127.0.0.1, Debian's
// chromium driven by playwright-core (never a browser a tool downloads), and a recorder of
// every request a page makes.
import http from "node:http";
import fs from "node:fs";
import path from "node:path";
import { chromium } from "playwright-core";

export const ROOT = path.resolve(import.meta.dirname, "../..");
export const DIST = path.join(ROOT, "dist");

const TYPES = {
  ".html": "text/html; charset=utf-8", ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8", ".css": "text/css; charset=utf-8",
  ".wasm": "application/wasm", ".json": "application/json",
};

/** The headless module of dist/pkg, initialised in Node (the JS API as scripts use it). */
export async function loadApi() {
  const api = await import(path.join(DIST, "pkg", "dualuse_screener.js"));
  await api.default({ module_or_path: fs.readFileSync(path.join(DIST, "pkg", "dualuse_screener_bg.wasm")) });
  return api;
}

/** Serve dist/ like `cargo xtask serve`: / is dist/site, /embed, /pkg, /examples beside it. */
export async function startServer() {
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, "http://x");
    const rel = decodeURIComponent(url.pathname).replace(/^\/+/, "");
    if (rel.split("/").some((p) => p === "..")) { res.writeHead(400).end(); return; }
    const top = rel.split("/")[0];
    const base = ["embed", "pkg", "examples", "dualuse-screener.html"].includes(top) ? DIST : path.join(DIST, "site");
    let file = path.join(base, rel);
    if (fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, "index.html");
    if (!fs.existsSync(file)) { res.writeHead(404).end("not found"); return; }
    res.writeHead(200, { "Content-Type": TYPES[path.extname(file)] || "application/octet-stream", "Cache-Control": "no-cache" });
    fs.createReadStream(file).pipe(res);
  });
  await new Promise((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address();
  return { server, base: `http://127.0.0.1:${port}`, close: () => new Promise((r) => server.close(r)) };
}

export async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
      "--disable-component-update", "--disable-sync", "--disable-default-apps", "--disable-extensions"],
  });
}

/** Open a page and record every request (URL) and every console error it makes. */
export async function openPage(browser, url, options = {}) {
  const context = await browser.newContext(options.context || {});
  const page = await context.newPage();
  const requests = [];
  const errors = [];
  page.on("request", (r) => requests.push(r.url()));
  page.on("pageerror", (e) => errors.push(String(e)));
  page.on("console", (m) => { if (m.type() === "error") errors.push(m.text()); });
  await page.goto(url, { waitUntil: "load" });
  return { context, page, requests, errors };
}

/** Wait until the widget is interactive: the search box is there. */
export async function waitForWidget(page, root = page) {
  await root.locator("#dus-search").first().waitFor({ state: "visible", timeout: 15000 });
}
