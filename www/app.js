// Standalone page: the module from this site, started by boot.js (inlined here by xtask).
import init, * as dus from "{{GLUE}}";
{{BOOT}}
const dusLoadCatalogue = dusCatalogueLoader(
  new URL("{{CATALOGUE_GLUE}}", import.meta.url).href,
  new URL("{{CATALOGUE_WASM}}", import.meta.url),
);
dusStart(init, dus.mount, {{WASM}}, { main: dus, loadCatalogue: dusLoadCatalogue });
