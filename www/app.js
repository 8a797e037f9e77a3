// Standalone page bootstrap: load the module, mount the widget. The language comes from
// ?lang= in the URL, else the browser, else English (the contract of DESIGN.md). Switching
// language inside the widget rewrites ?lang= in place (history.replaceState: no reload, no
// storage), so a reload or a shared link keeps the language.
import init, { mount } from "{{GLUE}}";

const LANGS = ["en", "de", "fr"];
const FAILED = {
  en: "The screener could not start: ",
  de: "Die Vorprüfung konnte nicht starten: ",
  fr: "L'outil de pré-examen n'a pas pu démarrer : ",
};
const TITLES = {
  en: "Dual-use export pre-screening (EU Regulation 2021/821)",
  de: "Vorprüfung für Güter mit doppeltem Verwendungszweck (Verordnung (EU) 2021/821)",
  fr: "Pré-examen des biens à double usage (règlement (UE) 2021/821)",
};

function pageLanguage() {
  const params = new URLSearchParams(location.search);
  const wanted = (params.get("lang") || navigator.language || "en").slice(0, 2).toLowerCase();
  return LANGS.includes(wanted) ? wanted : "en";
}

function showLanguage(lang) {
  document.documentElement.lang = lang;
  document.title = TITLES[lang] || TITLES.en;
}

async function start() {
  const root = document.getElementById("app");
  try {
    await init({ module_or_path: {{WASM}} });
    root.textContent = "";
    const lang = pageLanguage();
    showLanguage(lang);
    root.addEventListener("dus-lang", (e) => {
      const next = e.detail && e.detail.lang;
      if (!LANGS.includes(next)) return;
      const url = new URL(location.href);
      url.searchParams.set("lang", next);
      history.replaceState(history.state, "", url);
      showLanguage(next);
    });
    // The page has no heading of its own: the widget's title is its h1.
    mount(root, { lang, from: new URLSearchParams(location.search).get("from") || "", headingLevel: 1 });
  } catch (err) {
    root.textContent = (FAILED[pageLanguage()] || FAILED.en) + err.message;
  }
}
start();
