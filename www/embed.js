// <dualuse-screener> custom element. Two lines on any page:
//   <script type="module" src="/path/to/dualuse-screener.js"></script>
//   <dualuse-screener lang="de" from="DE"></dualuse-screener>
// The wasm is loaded once, lazily, for every instance on the page. Each instance renders
// into its own shadow root, so host CSS cannot break it and its CSS cannot leak.
const GLUE = new URL("{{GLUE}}", import.meta.url);
const WASM = new URL("{{WASM_FILE}}", import.meta.url);
const CSS = {{CSS}};

let modulePromise = null;
function loadModule() {
  if (!modulePromise) {
    modulePromise = import(GLUE.href).then(async (m) => {
      await m.default({ module_or_path: WASM });
      return m;
    });
  }
  return modulePromise;
}

{{OPEN_CATALOGUE}}
const loadCatalogue = dusCatalogueLoader(
  new URL("{{CATALOGUE_GLUE}}", import.meta.url).href,
  new URL("{{CATALOGUE_WASM}}", import.meta.url),
);

let sheet = null;
function styleSheet() {
  if (!sheet) {
    sheet = new CSSStyleSheet();
    sheet.replaceSync(CSS);
  }
  return sheet;
}

class DualUseScreener extends HTMLElement {
  static observedAttributes = ["lang", "from", "focus", "theme", "link-base"];

  connectedCallback() {
    if (!this.shadowRoot) {
      const root = this.attachShadow({ mode: "open" });
      root.adoptedStyleSheets = [styleSheet()];
    }
    this.render();
  }

  disconnectedCallback() {
    this.unmountWidget();
  }

  // `history="fragment"`: the host asks the widget to keep its session and step in the
  // page's fragment (Back, Forward, reload); otherwise it never touches the page's history.
  // `link-base`: the address of the page the widget lives on (relative to this page); a
  // copied link points there, and the widget restores a session from that page's fragment.
  options() {
    const history = this.getAttribute("history") === "fragment" ? "fragment" : "none";
    const base = this.getAttribute("link-base");
    const linkBase = base === null ? "" : new URL(base || location.href, location.href).href;
    const ours = (history === "fragment" || linkBase) && /^#v[12]\./.test(location.hash);
    return {
      lang: this.getAttribute("lang") || document.documentElement.lang || "en",
      from: this.getAttribute("from") || "",
      focus: this.getAttribute("focus") || "",
      history,
      linkBase,
      session: ours ? location.hash : "",
    };
  }

  // A changed attribute updates the mounted widget in place: the user's answers stay.
  attributeChangedCallback(name, oldValue, newValue) {
    if (oldValue === newValue || !this.isConnected || !this.shadowRoot) return;
    const host = this.shadowRoot.querySelector(".dus-host");
    if (name === "theme" && host) {
      host.dataset.theme = newValue || "light";
    } else if (this.handle) {
      try { this.handle.update(this.options()); } catch (err) { console.error(err); }
    } else {
      this.render();
    }
  }

  unmountWidget() {
    if (this.handle) {
      this.handle.unmount();
      this.handle = null;
    }
  }

  async render() {
    const ticket = (this.ticket = (this.ticket || 0) + 1);
    const container = document.createElement("div");
    container.className = "dus-host";
    container.dataset.theme = this.getAttribute("theme") || "light";
    container.textContent = "Loading the control list…";
    this.shadowRoot.replaceChildren(container);
    try {
      const m = await loadModule();
      if (ticket !== this.ticket) return; // a newer render won
      this.unmountWidget();
      container.textContent = "";
      this.handle = m.mount(container, this.options());
      container.addEventListener("dus-open-catalogue", async (e) => {
        dusOpenCatalogue(e.target, e.detail && e.detail.lang, await loadModule(), loadCatalogue);
      });
      container.addEventListener("dus-result", (e) => {
        this.dispatchEvent(new CustomEvent("dualuse-result", { detail: e.detail, bubbles: true, composed: true }));
      });
    } catch (err) {
      container.textContent = "The screener could not start: " + err.message;
    }
  }
}

// A panic aborts the shared wasm instance: every widget on the page shows a message and a
// reset button instead of freezing.
window.addEventListener("error", (e) => {
  if (!(e.error instanceof WebAssembly.RuntimeError)) return;
  for (const el of document.querySelectorAll("dualuse-screener")) {
    if (!el.shadowRoot) continue;
    const box = document.createElement("div");
    box.className = "dus-host dus-crash";
    box.setAttribute("role", "alert");
    const p = document.createElement("p");
    p.textContent = "Something went wrong inside the screener. Nothing was sent anywhere.";
    const b = document.createElement("button");
    b.type = "button";
    b.textContent = "Start again";
    b.addEventListener("click", () => location.reload());
    box.append(p, b);
    el.shadowRoot.replaceChildren(box);
  }
});

if (!customElements.get("dualuse-screener")) {
  customElements.define("dualuse-screener", DualUseScreener);
}
