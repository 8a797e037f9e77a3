// "Screen a catalogue": the widget renders a place for the catalogue view and asks for it
// with a `dus-open-catalogue` event; its code (crate dualuse-catalogue) is loaded now, once,
// and mounted there. It screens rows through the main module's `screenCatalogue`; nothing
// leaves the page. Inlined by xtask into the page's start-up code and into embed.js.
async function dusOpenCatalogue(place, lang, main, loadCatalogue) {
  try {
    const catalogue = await loadCatalogue();
    if (!place.isConnected) return; // closed while it loaded
    place.textContent = "";
    const handle = catalogue.mountCatalogue(place, {
      lang: lang || "en",
      screen: (rows, options) => main.screenCatalogue(rows, options),
      datasetInfo: () => main.datasetInfo(),
    });
    // Closed: the widget removes the place; the view's own app goes with it (after the
    // click that closed it has finished).
    place.addEventListener("dus-catalogue", (e) => {
      if (e.detail && e.detail.action === "close") setTimeout(() => handle.unmount(), 0);
    });
  } catch (err) {
    place.textContent = "The catalogue screening could not start: " + err.message;
  }
}

// Loads the catalogue module (its ES module glue and wasm, by URL) once, on first use: the
// page's and the embed's loader. The single file builds its own from the inlined module.
function dusCatalogueLoader(glue, wasm) {
  let loaded = null;
  return () => {
    if (!loaded) {
      loaded = import(glue).then(async (m) => {
        await m.default({ module_or_path: wasm });
        return m;
      });
    }
    return loaded;
  };
}
