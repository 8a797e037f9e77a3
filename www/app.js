// Standalone page: the module from this site, started by boot.js (inlined here by xtask).
import init, { mount } from "{{GLUE}}";
{{BOOT}}
dusStart(init, mount, {{WASM}});
