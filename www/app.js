// Standalone page bootstrap: load the module, mount the widget. The language comes from
// ?lang= in the URL, else the browser, else English (the contract of DESIGN.md).
import init, { mount } from "{{GLUE}}";

function pageLanguage() {
  const wanted = new URLSearchParams(location.search).get("lang")
    || (navigator.language || "en").slice(0, 2);
  return ["en", "de", "fr"].includes(wanted) ? wanted : "en";
}

async function start() {
  const root = document.getElementById("app");
  try {
    await init({ module_or_path: {{WASM}} });
    root.textContent = "";
    const lang = pageLanguage();
    document.documentElement.lang = lang;
    mount(root, { lang, from: new URLSearchParams(location.search).get("from") || "" });
  } catch (err) {
    root.textContent = "The screener could not start: " + err.message;
  }
}
start();
