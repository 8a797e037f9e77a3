//! Build dist/: the wasm (cargo), its JS glue (wasm-bindgen as a library), wasm-opt (npm's
//! binaryen), and the four outputs of DESIGN.md: site/, the single file, embed/, pkg/.

use std::fs;
use std::path::{Path, PathBuf};

use base64::Engine;
use sha2::{Digest, Sha256};

use crate::setup::run;

const CRATE_FILE: &str = "dualuse_screener";

fn write(path: impl AsRef<Path>, bytes: impl AsRef<[u8]>) -> Result<(), String> {
    let path = path.as_ref();
    if let Some(dir) = path.parent() {
        fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    }
    fs::write(path, bytes).map_err(|e| format!("{}: {e}", path.display()))
}

fn read(path: impl AsRef<Path>) -> Result<Vec<u8>, String> {
    fs::read(path.as_ref()).map_err(|e| format!("{}: {e}", path.as_ref().display()))
}

fn read_text(path: impl AsRef<Path>) -> Result<String, String> {
    fs::read_to_string(path.as_ref()).map_err(|e| format!("{}: {e}", path.as_ref().display()))
}

fn sha256_base64(bytes: &[u8]) -> String {
    base64::engine::general_purpose::STANDARD.encode(Sha256::digest(bytes))
}

/// A short content hash for cache-busting file names.
fn content_hash(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .take(5)
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// gzip as small as zopfli makes it (5 iterations: more gain under 0.5 % and cost seconds).
fn gzip(bytes: &[u8]) -> Vec<u8> {
    let options = zopfli::Options {
        iteration_count: std::num::NonZeroU64::new(5).expect("not zero"),
        ..Default::default()
    };
    let mut out = Vec::new();
    zopfli::compress(options, zopfli::Format::Gzip, bytes, &mut out).expect("writing to memory");
    out
}

/// JSON string literal for embedding text in JS.
fn js_string(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            '<' => out.push_str("\\u003c"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

pub fn build_all() -> Result<(), String> {
    let started = std::time::Instant::now();
    run(
        "cargo",
        &[
            "build",
            "--release",
            "--target",
            "wasm32-unknown-unknown",
            "-p",
            "dualuse-screener",
            "--lib",
        ],
        &[],
    )?;
    let wasm_in = PathBuf::from(format!(
        "target/wasm32-unknown-unknown/release/{CRATE_FILE}.wasm"
    ));
    let bindgen_out = PathBuf::from("target/bindgen");
    let _ = fs::remove_dir_all(&bindgen_out);
    let mut bindgen = wasm_bindgen_cli_support::Bindgen::new();
    bindgen
        .input_path(&wasm_in)
        .web(true)
        .map_err(|e| format!("wasm-bindgen: {e}"))?
        .typescript(true)
        .remove_name_section(true)
        .remove_producers_section(true);
    bindgen
        .generate(&bindgen_out)
        .map_err(|e| format!("wasm-bindgen: {e}"))?;
    let wasm_path = bindgen_out.join(format!("{CRATE_FILE}_bg.wasm"));
    optimise(&wasm_path)?;

    let glue = read_text(bindgen_out.join(format!("{CRATE_FILE}.js")))?;
    let wasm = read(&wasm_path)?;
    let css = read_text("www/styles.css")?;
    let catalogue = build_catalogue()?;
    let _ = fs::remove_dir_all("dist");

    // dist/pkg: the headless ES module, wasm-bindgen's default names (the contract).
    write(format!("dist/pkg/{CRATE_FILE}.js"), &glue)?;
    write(format!("dist/pkg/{CRATE_FILE}_bg.wasm"), &wasm)?;
    for extra in [
        format!("{CRATE_FILE}.d.ts"),
        format!("{CRATE_FILE}_bg.wasm.d.ts"),
    ] {
        if let Ok(bytes) = fs::read(bindgen_out.join(&extra)) {
            write(format!("dist/pkg/{extra}"), bytes)?;
        }
    }
    write("dist/pkg/package.json", format!("{{\n  \"name\": \"dualuse-screener\",\n  \"type\": \"module\",\n  \"main\": \"{CRATE_FILE}.js\",\n  \"types\": \"{CRATE_FILE}.d.ts\"\n}}\n"))?;

    for (name, bytes) in [
        (format!("{CATALOGUE_FILE}.js"), catalogue.glue.as_bytes()),
        (format!("{CATALOGUE_FILE}_bg.wasm"), &catalogue.wasm[..]),
    ] {
        write(format!("dist/pkg/catalogue/{name}"), bytes)?;
    }

    build_site(&glue, &wasm, &css, &catalogue)?;
    let packed = Packed {
        main: gzip(&wasm),
        catalogue: gzip(&catalogue.wasm),
    };
    build_single_file(
        &glue,
        &css,
        &catalogue,
        &packed,
        "dist/dualuse-screener.html",
        false,
    )?;
    build_single_file(
        &glue,
        &css,
        &catalogue,
        &packed,
        "dist/embed/frame.html",
        true,
    )?;
    build_embed(&glue, &wasm, &css, &catalogue)?;
    copy_examples()?;
    report_sizes()?;
    println!(
        "xtask: dist/ built in {:.1} s",
        started.elapsed().as_secs_f64()
    );
    Ok(())
}

const CATALOGUE_FILE: &str = "dualuse_catalogue";

/// The catalogue view's module (crate dualuse-catalogue), loaded only when a user opens it:
/// an ES module glue for the site, the embed and pkg/, and a classic-script glue that the
/// single file inlines (a module cannot be imported from inline text under its CSP).
struct Catalogue {
    glue: String,
    wasm: Vec<u8>,
    script_glue: String,
}

fn build_catalogue() -> Result<Catalogue, String> {
    run(
        "cargo",
        &[
            "build",
            "--release",
            "--target",
            "wasm32-unknown-unknown",
            "-p",
            "dualuse-catalogue",
            "--lib",
        ],
        &[],
    )?;
    let wasm_in = PathBuf::from(format!(
        "target/wasm32-unknown-unknown/release/{CATALOGUE_FILE}.wasm"
    ));
    let bindgen = |out: &Path, script: bool| -> Result<(), String> {
        let _ = fs::remove_dir_all(out);
        let mut b = wasm_bindgen_cli_support::Bindgen::new();
        b.input_path(&wasm_in);
        if script {
            b.no_modules(true)
                .and_then(|b| b.no_modules_global("dusCatalogueModule"))
        } else {
            b.web(true)
        }
        .map_err(|e| format!("wasm-bindgen: {e}"))?
        .remove_name_section(true)
        .remove_producers_section(true)
        .generate(out)
        .map_err(|e| format!("wasm-bindgen: {e}"))
    };
    let (module_out, script_out) = (
        PathBuf::from("target/bindgen-catalogue"),
        PathBuf::from("target/bindgen-catalogue-script"),
    );
    bindgen(&module_out, false)?;
    bindgen(&script_out, true)?;
    let wasm_path = module_out.join(format!("{CATALOGUE_FILE}_bg.wasm"));
    // Both glues bind the same wasm (same imports, same exports): one optimised binary.
    if read(&wasm_path)? != read(script_out.join(format!("{CATALOGUE_FILE}_bg.wasm")))? {
        return Err("xtask: the catalogue's module and script bindings differ".into());
    }
    optimise(&wasm_path)?;
    Ok(Catalogue {
        glue: read_text(module_out.join(format!("{CATALOGUE_FILE}.js")))?,
        wasm: read(&wasm_path)?,
        script_glue: read_text(script_out.join(format!("{CATALOGUE_FILE}.js")))?,
    })
}

/// wasm-opt from npm's binaryen (Debian's is too old for wasm-bindgen 0.2.130's output).
fn optimise(wasm: &Path) -> Result<(), String> {
    let tool = Path::new("node_modules/.bin/wasm-opt");
    if !tool.exists() {
        println!("xtask: node_modules/.bin/wasm-opt missing; skipping wasm-opt");
        return Ok(());
    }
    let w = wasm.to_string_lossy().into_owned();
    run(
        tool.to_str().unwrap_or("wasm-opt"),
        &[
            "-Oz",
            "--enable-bulk-memory",
            "--enable-nontrapping-float-to-int",
            "--enable-sign-ext",
            "--enable-mutable-globals",
            "--enable-reference-types",
            "--enable-multivalue",
            "--strip-debug",
            "--strip-producers",
            &w,
            "-o",
            &w,
        ],
        &[],
    )
}

/// The page's start-up code (www/boot.js) with the catalogue opener it shares with embed.js.
fn boot_js() -> Result<String, String> {
    Ok(read_text("www/boot.js")?
        .replace("{{OPEN_CATALOGUE}}", &read_text("www/open-catalogue.js")?))
}

fn page(csp: &str, style: &str, script: &str) -> Result<String, String> {
    Ok(read_text("www/index.html")?
        .replace("{{CSP}}", csp)
        .replace("{{STYLE}}", style)
        .replace("{{SCRIPT}}", script))
}

fn build_site(glue: &str, wasm: &[u8], css: &str, catalogue: &Catalogue) -> Result<(), String> {
    let glue_name = format!("{CRATE_FILE}.{}.js", content_hash(glue.as_bytes()));
    let wasm_name = format!("{CRATE_FILE}_bg.{}.wasm", content_hash(wasm));
    let css_name = format!("style.{}.css", content_hash(css.as_bytes()));
    let cat_glue_name = format!(
        "{CATALOGUE_FILE}.{}.js",
        content_hash(catalogue.glue.as_bytes())
    );
    let cat_wasm_name = format!("{CATALOGUE_FILE}_bg.{}.wasm", content_hash(&catalogue.wasm));
    let app = read_text("www/app.js")?
        .replace("{{BOOT}}", &boot_js()?)
        .replace("{{GLUE}}", &format!("./{glue_name}"))
        .replace(
            "{{WASM}}",
            &format!("new URL(\"./{wasm_name}\", import.meta.url)"),
        )
        .replace("{{CATALOGUE_GLUE}}", &format!("./{cat_glue_name}"))
        .replace("{{CATALOGUE_WASM}}", &format!("./{cat_wasm_name}"));
    let app_name = format!("app.{}.js", content_hash(app.as_bytes()));
    write(format!("dist/site/{glue_name}"), glue)?;
    write(format!("dist/site/{wasm_name}"), wasm)?;
    write(format!("dist/site/{cat_glue_name}"), &catalogue.glue)?;
    write(format!("dist/site/{cat_wasm_name}"), &catalogue.wasm)?;
    write(format!("dist/site/{css_name}"), css)?;
    write(format!("dist/site/{app_name}"), &app)?;
    // connect-src 'self' only for the module's own .wasm fetch.
    let csp = "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'";
    let html = page(
        csp,
        &format!("<link rel=\"stylesheet\" href=\"{css_name}\">"),
        &format!("<script type=\"module\" src=\"{app_name}\"></script>"),
    )?;
    write("dist/site/index.html", html)
}

/// One self-contained HTML file. `frame`: the iframe fallback for hosts that allow no
/// script; it also reports its height to the parent page for auto-height.
/// The two wasm modules as the single file carries them (gzip, inflated in the page).
struct Packed {
    main: Vec<u8>,
    catalogue: Vec<u8>,
}

fn build_single_file(
    glue: &str,
    css: &str,
    catalogue: &Catalogue,
    packed: &Packed,
    out: &str,
    frame: bool,
) -> Result<(), String> {
    let wasm_b64 = base64::engine::general_purpose::STANDARD.encode(&packed.main);
    let cat_b64 = base64::engine::general_purpose::STANDARD.encode(&packed.catalogue);
    // The glue and the start-up code in one inline module: the wasm travels as gzip+base64
    // and is inflated with DecompressionStream, so nothing is fetched, even from file://.
    // The catalogue view travels the same way, its glue as a classic script wrapped in a
    // function: none of it runs, nor is its wasm inflated, until the user opens it.
    let boot = format!(
        "{}\nfunction dusInflate(b64) {{ const packed = Uint8Array.fromBase64 ? Uint8Array.fromBase64(b64) : (() => {{ const s = atob(b64); const b = new Uint8Array(s.length); for (let i = 0; i < s.length; i++) b[i] = s.charCodeAt(i); return b; }})(); return new Response(new Blob([packed]).stream().pipeThrough(new DecompressionStream(\"gzip\"))).arrayBuffer(); }}\nconst dusBytes = dusInflate(\"{wasm_b64}\");\nlet dusCatalogueLoaded = null;\nfunction dusLoadCatalogue() {{ if (!dusCatalogueLoaded) dusCatalogueLoaded = (async () => {{ const m = (() => {{ {}\n; return dusCatalogueModule; }})(); await m({{ module_or_path: await dusInflate(document.getElementById(\"dus-catalogue-gz\").textContent) }}); return m; }})(); return dusCatalogueLoaded; }}\ndusStart(__wbg_init, mount, dusBytes, {{ reportHeight: {frame}, main: {{ screenCatalogue: (...a) => screenCatalogue(...a), datasetInfo: (...a) => datasetInfo(...a) }}, loadCatalogue: dusLoadCatalogue }});\n",
        boot_js()?,
        catalogue.script_glue
    );
    let script = format!("{glue}\n{boot}");
    let csp = format!(
        "default-src 'none'; script-src 'sha256-{}' 'wasm-unsafe-eval'; style-src 'sha256-{}'; img-src data:; base-uri 'none'; form-action 'none'",
        sha256_base64(script.as_bytes()),
        sha256_base64(css.as_bytes())
    );
    let html = page(
        &csp,
        &format!("<style>{css}</style>"),
        // The catalogue module's wasm waits in a data block (never run, outside the CSP's
        // scripts): the page's script stays small to parse, and it is read only when opened.
        &format!("<script type=\"module\">{script}</script>\n<script type=\"application/octet-stream\" id=\"dus-catalogue-gz\">{cat_b64}</script>"),
    )?;
    write(out, html)
}

fn build_embed(glue: &str, wasm: &[u8], css: &str, catalogue: &Catalogue) -> Result<(), String> {
    let loader = read_text("www/embed.js")?
        .replace("{{GLUE}}", "./dualuse-screener-core.js")
        .replace("{{WASM_FILE}}", "./dualuse-screener-core.wasm")
        .replace("{{OPEN_CATALOGUE}}", &read_text("www/open-catalogue.js")?)
        .replace("{{CATALOGUE_GLUE}}", "./dualuse-screener-catalogue.js")
        .replace("{{CATALOGUE_WASM}}", "./dualuse-screener-catalogue.wasm")
        .replace("{{CSS}}", &js_string(css));
    write("dist/embed/dualuse-screener.js", loader)?;
    write("dist/embed/dualuse-screener-core.js", glue)?;
    write("dist/embed/dualuse-screener-core.wasm", wasm)?;
    write("dist/embed/dualuse-screener-catalogue.js", &catalogue.glue)?;
    write(
        "dist/embed/dualuse-screener-catalogue.wasm",
        &catalogue.wasm,
    )
}

fn copy_examples() -> Result<(), String> {
    let dir = Path::new("www/examples");
    let Ok(entries) = fs::read_dir(dir) else {
        return Ok(());
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_file() {
            write(Path::new("dist/examples").join(e.file_name()), read(&p)?)?;
        }
    }
    Ok(())
}

fn dir_size(dir: &Path) -> u64 {
    fs::read_dir(dir)
        .map(|rd| {
            rd.flatten()
                .map(|e| {
                    if e.path().is_dir() {
                        dir_size(&e.path())
                    } else {
                        e.metadata().map(|m| m.len()).unwrap_or(0)
                    }
                })
                .sum()
        })
        .unwrap_or(0)
}

fn report_sizes() -> Result<(), String> {
    let single = fs::metadata("dist/dualuse-screener.html")
        .map(|m| m.len())
        .unwrap_or(0);
    println!(
        "xtask: sizes (raw): site/ {} KB, single file {} KB, embed/ {} KB, pkg/ {} KB (brotli figures: cargo xtask bench)",
        dir_size(Path::new("dist/site")) / 1024,
        single / 1024,
        dir_size(Path::new("dist/embed")) / 1024,
        dir_size(Path::new("dist/pkg")) / 1024
    );
    Ok(())
}
