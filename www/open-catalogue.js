// "Screen a catalogue": the widget renders a place for the catalogue view and asks for it
// with a `dus-open-catalogue` event; its code (crate dualuse-catalogue) is loaded now, once,
// and mounted there. It screens rows through the main module's `screenCatalogue`; nothing
// leaves the page. Inlined by xtask into the page's start-up code and into embed.js.
async function dusOpenCatalogue(place, lang, main, loadCatalogue) {
  try {
    const catalogue = await loadCatalogue();
    if (!place.isConnected) return; // closed while it loaded
    place.textContent = "";
    catalogue.mountCatalogue(place, {
      lang: lang || "en",
      screen: (rows, options) => main.screenCatalogue(rows, options),
      datasetInfo: () => main.datasetInfo(),
    });
  } catch (err) {
    place.textContent = "The catalogue screening could not start: " + err.message;
  }
}
