// Standalone page: the module from this site, started by boot.js (inlined here by xtask).
import init, * as dus from "{{GLUE}}";
{{BOOT}}
let dusCatalogue = null;
function dusLoadCatalogue() {
  if (!dusCatalogue) {
    dusCatalogue = import("{{CATALOGUE_GLUE}}").then(async (m) => {
      await m.default({ module_or_path: new URL("{{CATALOGUE_WASM}}", import.meta.url) });
      return m;
    });
  }
  return dusCatalogue;
}
dusStart(init, dus.mount, {{WASM}}, { main: dus, loadCatalogue: dusLoadCatalogue });
