// Page start-up shared by the standalone page (app.js) and the single-file builds: load the
// module, mount the widget, keep ?lang= in step with the widget's language switch, restore a
// session from the URL fragment, and turn a crash into a message with a reset button.
// The language comes from ?lang=, else the browser, else English (DESIGN.md contract).
const DUS_LANGS = ["en", "de", "fr"];
const DUS_TEXT = {
  en: { failed: "The screener could not start: ", crashed: "Something went wrong inside the screener. Nothing was sent anywhere.", reset: "Start again", title: "Dual-use export pre-screening (EU Regulation 2021/821)" },
  de: { failed: "Die Vorprüfung konnte nicht starten: ", crashed: "In der Vorprüfung ist ein Fehler aufgetreten. Es wurde nichts gesendet.", reset: "Neu beginnen", title: "Vorprüfung für Güter mit doppeltem Verwendungszweck (Verordnung (EU) 2021/821)" },
  fr: { failed: "L'outil de pré-examen n'a pas pu démarrer : ", crashed: "Une erreur s'est produite dans l'outil de pré-examen. Rien n'a été envoyé.", reset: "Recommencer", title: "Pré-examen des biens à double usage (règlement (UE) 2021/821)" },
};

function dusLanguage() {
  const wanted = (new URLSearchParams(location.search).get("lang") || navigator.language || "en").slice(0, 2).toLowerCase();
  return DUS_LANGS.includes(wanted) ? wanted : "en";
}

function dusShowLanguage(lang) {
  document.documentElement.lang = lang;
  document.title = DUS_TEXT[lang].title;
}

// A panic aborts the wasm instance; the next call into it throws a RuntimeError. Replace the
// dead widget by a message and a reset button instead of leaving a frozen page.
function dusCrashed(root, lang) {
  const text = DUS_TEXT[lang] || DUS_TEXT.en;
  const box = document.createElement("div");
  box.className = "dus-crash";
  box.setAttribute("role", "alert");
  const p = document.createElement("p");
  p.textContent = text.crashed;
  const button = document.createElement("button");
  button.type = "button";
  button.textContent = text.reset;
  button.addEventListener("click", () => location.reload());
  box.append(p, button);
  root.replaceChildren(box);
  button.focus();
}

{{OPEN_CATALOGUE}}
// options: reportHeight (the iframe fallback), main (the module's exports the catalogue view
// uses) and loadCatalogue (loads the catalogue module once).
async function dusStart(init, mount, wasmSource, options = {}) {
  const root = document.getElementById("app");
  const lang = dusLanguage();
  try {
    await init({ module_or_path: await wasmSource });
    root.textContent = "";
    dusShowLanguage(lang);
    const params = new URLSearchParams(location.search);
    root.dataset.theme = params.get("theme") === "dark" ? "dark" : "light";
    root.addEventListener("dus-lang", (e) => {
      const next = e.detail && e.detail.lang;
      if (!DUS_LANGS.includes(next)) return;
      const url = new URL(location.href);
      url.searchParams.set("lang", next);
      history.replaceState(history.state, "", url);
      dusShowLanguage(next);
    });
    window.addEventListener("error", (e) => {
      if (e.error instanceof WebAssembly.RuntimeError) dusCrashed(root, document.documentElement.lang);
    });
    window.addEventListener("unhandledrejection", (e) => {
      if (e.reason instanceof WebAssembly.RuntimeError) dusCrashed(root, document.documentElement.lang);
    });
    // The page has no heading of its own: the widget's title is its h1.
    // The page (standalone or single file) keeps the session and the step in its fragment,
    // one history entry per step: Back, Forward and reload work. The iframe fallback leaves
    // the host's joint history alone unless its address asks (?history=fragment), and takes
    // ?link-base= (the host page's address) for the links it copies.
    const framed = Boolean(options.reportHeight);
    mount(root, {
      lang,
      from: params.get("from") || "",
      focus: params.get("focus") || "",
      session: /^#v[12]\./.test(location.hash) ? location.hash : "",
      headingLevel: 1,
      history: framed ? (params.get("history") === "fragment" ? "fragment" : "none") : "fragment",
      linkBase: framed ? params.get("link-base") || "" : "",
    });
    if (options.loadCatalogue) {
      root.addEventListener("dus-open-catalogue", (e) => dusOpenCatalogue(e.target, e.detail && e.detail.lang, options.main, options.loadCatalogue));
    }
    if (options.reportHeight) {
      new ResizeObserver(() => parent.postMessage({ type: "dualuse-screener:height", height: document.documentElement.scrollHeight }, "*")).observe(document.body);
    }
  } catch (err) {
    root.textContent = (DUS_TEXT[lang] || DUS_TEXT.en).failed + err.message;
  }
}
