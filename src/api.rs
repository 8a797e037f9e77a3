//! The headless JS API (the contract in DESIGN.md): `datasetInfo`, `search`, `entry`,
//! `assess`, `mount`. Values cross as plain JS objects through serde-wasm-bindgen. Bad
//! input throws an `Error` whose message names the bad value; nothing here panics on input.

use js_sys::{Array, Reflect};
use serde::Serialize;
use wasm_bindgen::prelude::*;

use dualuse_core::assess::{self, AssessInput};
use dualuse_core::assess_input;
use dualuse_core::session::{self, Session};
use dualuse_core::views;

use crate::dataset;

fn to_js<T: Serialize>(value: &T) -> Result<JsValue, JsError> {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| JsError::new(&format!("could not convert the answer: {e}")))
}

fn describe(v: &JsValue) -> String {
    if let Some(s) = v.as_string() {
        let short: String = s.chars().take(40).collect();
        format!("\"{short}\"")
    } else if v.is_undefined() {
        "undefined".into()
    } else if v.is_null() {
        "null".into()
    } else if let Some(n) = v.as_f64() {
        n.to_string()
    } else if let Some(b) = v.as_bool() {
        b.to_string()
    } else if Array::is_array(v) {
        "an array".into()
    } else {
        "an object".into()
    }
}

/// `{ regulation, annexVersion, consolidatedAsOf, entryCount, source }`.
#[wasm_bindgen(js_name = datasetInfo)]
pub fn dataset_info() -> Result<JsValue, JsError> {
    to_js(&views::dataset_info(dataset()))
}

/// Best first: `[{ code, heading, score, snippet, highlights, why, ... }]`.
#[wasm_bindgen]
pub fn search(query: JsValue, limit: JsValue) -> Result<JsValue, JsError> {
    let Some(q) = query.as_string() else {
        return Err(JsError::new(&format!(
            "search: query must be a string, got {}",
            describe(&query)
        )));
    };
    let limit = if limit.is_undefined() || limit.is_null() {
        10
    } else {
        match limit.as_f64() {
            Some(n) if n.is_finite() && n >= 1.0 => n.min(50.0) as usize,
            _ => {
                return Err(JsError::new(&format!(
                    "search: limit must be a positive number, got {}",
                    describe(&limit)
                )))
            }
        }
    };
    let hits: Vec<_> = dualuse_core::search::search(dataset(), &q, limit)
        .iter()
        .map(views::search_hit)
        .collect();
    to_js(&hits)
}

/// Guidance for a query beyond the entries: things Annex I does not list (facial
/// recognition, military items ...) and false-friend warnings. An array of strings, in
/// `lang` ("en", the default, "de" or "fr").
#[wasm_bindgen]
pub fn notices(query: JsValue, lang: Option<String>) -> Result<JsValue, JsError> {
    let Some(q) = query.as_string() else {
        return Err(JsError::new(&format!(
            "notices: query must be a string, got {}",
            describe(&query)
        )));
    };
    let lang = match lang.as_deref().map(crate::i18n::Lang::parse) {
        None => "en",
        Some(Some(l)) => l.code(),
        Some(None) => {
            return Err(JsError::new(&format!(
                "notices: unknown language `{}` (expected en, de or fr)",
                lang.unwrap_or_default()
            )))
        }
    };
    to_js(&dualuse_core::search::notices_in(dataset(), &q, lang))
}

fn session_from(value: &JsValue, what: &str) -> Result<Session, JsError> {
    let session: Session = serde_wasm_bindgen::from_value(value.clone())
        .map_err(|e| JsError::new(&format!("{what}: {e}")))?;
    session
        .validate(dataset())
        .map_err(|e| JsError::new(&format!("{what}: {e}")))?;
    Ok(session)
}

/// The URL-fragment form of a session (`v1.` + compressed, checksummed, base64url).
#[wasm_bindgen(js_name = sessionLink)]
pub fn session_link(session: JsValue) -> Result<String, JsError> {
    Ok(session::encode_link(&session_from(
        &session,
        "sessionLink",
    )?))
}

/// Read a session link; a damaged or foreign link throws an Error that says what is wrong.
#[wasm_bindgen(js_name = readSessionLink)]
pub fn read_session_link(link: JsValue) -> Result<JsValue, JsError> {
    let Some(l) = link.as_string() else {
        return Err(JsError::new(&format!(
            "readSessionLink: link must be a string, got {}",
            describe(&link)
        )));
    };
    let s = session::decode_link(dataset(), &l).map_err(|e| JsError::new(&e))?;
    to_js(&s)
}

/// The JSON record (schema `dualuse-screener/record`, version 2; docs/record-schema.md) of a
/// session, its labels and texts in `lang` ("en", the default, "de" or "fr").
#[wasm_bindgen]
pub fn record(
    session: JsValue,
    created_at: JsValue,
    lang: Option<String>,
) -> Result<JsValue, JsError> {
    let s = session_from(&session, "record")?;
    let when = created_at.as_string().unwrap_or_default();
    let lang = match lang.as_deref().map(crate::i18n::Lang::parse) {
        None => "en",
        Some(Some(l)) => l.code(),
        Some(None) => {
            return Err(JsError::new(&format!(
                "record: unknown language `{}` (expected en, de or fr)",
                lang.unwrap_or_default()
            )))
        }
    };
    to_js(&session::make_record_in(dataset(), &s, &when, lang))
}

/// Check a loaded record; returns the list of what changed since it was made.
#[wasm_bindgen(js_name = checkRecord)]
pub fn check_record(record: JsValue) -> Result<JsValue, JsError> {
    let r: session::Record = serde_wasm_bindgen::from_value(record)
        .map_err(|e| JsError::new(&format!("checkRecord: not a record: {e}")))?;
    to_js(&session::check_record(dataset(), &r).map_err(|e| JsError::new(&e))?)
}

/// The Markdown report of a record, with the verdict recomputed on the dataset in force, in
/// `lang` ("en", the default, "de" or "fr").
#[wasm_bindgen(js_name = recordMarkdown)]
pub fn record_markdown(record: JsValue, lang: Option<String>) -> Result<String, JsError> {
    let r: session::Record = serde_wasm_bindgen::from_value(record)
        .map_err(|e| JsError::new(&format!("recordMarkdown: not a record: {e}")))?;
    let lang = match lang
        .as_deref()
        .map(|l| crate::i18n::Lang::parse(l).map(|l| l.code()))
    {
        None => "en",
        Some(Some(code)) => code,
        Some(None) => {
            return Err(JsError::new(&format!(
                "recordMarkdown: unknown language `{}` (expected en, de or fr)",
                lang.unwrap_or_default()
            )))
        }
    };
    let assessment = assess::assess(dataset(), &r.session.assess_input()).ok();
    Ok(session::markdown(dataset(), &r, assessment.as_ref(), lang))
}

/// The checklist of an entry or item: `{ code, text, combine, lead, thresholds: [{ value,
/// unit, comparator, upper?, text }], children, releases: [{ key, label, text, question? }],
/// certain, question? }`, or `null` when there is no such code. `question` is `{ ask, help? }`,
/// the plain-language lead of data/checklist-questions.txt where there is one, in `lang`
/// ("en", the default, "de" or "fr").
#[wasm_bindgen]
pub fn checklist(code: JsValue, lang: Option<String>) -> Result<JsValue, JsError> {
    let Some(c) = code.as_string() else {
        return Err(JsError::new(&format!(
            "checklist: code must be a string, got {}",
            describe(&code)
        )));
    };
    let lang = match lang.as_deref().map(crate::i18n::Lang::parse) {
        None => "en",
        Some(Some(l)) => l.code(),
        Some(None) => {
            return Err(JsError::new(&format!(
                "checklist: unknown language `{}` (expected en, de or fr)",
                lang.unwrap_or_default()
            )))
        }
    };
    match dualuse_core::checklist::checklist_in(dataset(), &c, lang) {
        Some(tree) => to_js(&tree),
        None => Ok(JsValue::NULL),
    }
}

/// The plain-language handbook: `[{ key, heading, text }]`.
#[wasm_bindgen]
pub fn handbook() -> Result<JsValue, JsError> {
    to_js(&views::handbook(dataset()))
}

/// The entry or item with this code, or `null`.
#[wasm_bindgen]
pub fn entry(code: JsValue) -> Result<JsValue, JsError> {
    let Some(c) = code.as_string() else {
        return Err(JsError::new(&format!(
            "entry: code must be a string, got {}",
            describe(&code)
        )));
    };
    match views::entry(dataset(), &c) {
        Some(view) => to_js(&view),
        None => Ok(JsValue::NULL),
    }
}

/// Read the `assess` input of the contract (missing fields mean false or empty). The input
/// type is `AssessInput`, read through serde: its fields' readers and their messages, which
/// name the field path and the bad value, are in dualuse_core::assess_input.
pub fn parse_assess_input(input: &JsValue) -> Result<AssessInput, JsError> {
    let read = assess_input::read(serde_wasm_bindgen::Deserializer::from(input.clone()))
        .map_err(|e| JsError::new(&format!("assess: {}", e.0)))?;
    let questions = &dataset().questions;
    if let Some(key) = read
        .answers
        .keys()
        .find(|k| !questions.iter().any(|q| &q.id == *k))
    {
        return Err(JsError::new(&format!(
            "assess: unknown question `{key}` in `answers`"
        )));
    }
    Ok(read)
}

/// `{ verdict, grounds, generalAuthorisations, entries, dueDiligence, authority, ... }`.
#[wasm_bindgen]
pub fn assess(input: JsValue) -> Result<JsValue, JsError> {
    let parsed = parse_assess_input(&input)?;
    let result = assess::assess(dataset(), &parsed)
        .map_err(|e| JsError::new(&format!("assess: {}", e.0)))?;
    to_js(&views::assessment(&result))
}

/// A mounted widget; `unmount()` removes it.
#[wasm_bindgen]
pub struct MountHandle {
    app: Option<yew::AppHandle<crate::ui::App>>,
}

#[wasm_bindgen]
impl MountHandle {
    /// Apply new options (`lang`, `from`, `focus`) to the mounted widget, keeping what the
    /// user entered: the embed calls it when the host changes an attribute.
    pub fn update(&mut self, options: JsValue) -> Result<(), JsError> {
        let props = crate::ui::AppProps::from_options(&options)
            .map_err(|e| JsError::new(&format!("update: {e}")))?;
        if let Some(app) = self.app.as_mut() {
            app.update(props);
        }
        Ok(())
    }

    pub fn unmount(&mut self) {
        if let Some(app) = self.app.take() {
            app.destroy();
        }
    }
}

/// A deliberate panic, for the browser test that a crash shows a message with a reset
/// button instead of a dead page. Not part of the API contract.
#[wasm_bindgen(js_name = "__testPanic")]
pub fn test_panic() {
    panic!("deliberate panic requested by __testPanic");
}

fn install_panic_hook() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        std::panic::set_hook(Box::new(|info| {
            web_sys::console::error_1(&JsValue::from_str(&format!("dualuse-screener: {info}")));
        }))
    });
}

/// Mount the UI into `element`. Options: `{ lang, from, focus, session, headingLevel,
/// history, linkBase }`.
#[wasm_bindgen]
pub fn mount(element: JsValue, options: JsValue) -> Result<MountHandle, JsError> {
    let element: web_sys::Element = element.dyn_into().map_err(|v| {
        JsError::new(&format!(
            "mount: first argument must be a DOM element, got {}",
            describe(&v)
        ))
    })?;
    install_panic_hook();
    let props = crate::ui::AppProps::from_options(&options)
        .map_err(|e| JsError::new(&format!("mount: {e}")))?;
    let app = yew::Renderer::<crate::ui::App>::with_root_and_props(element, props).render();
    Ok(MountHandle { app: Some(app) })
}

/// Rows one `screenCatalogue` call takes at most: a UI screens in chunks (`offset`).
const MAX_CATALOGUE_ROWS: u32 = 100_000;

/// A cell of a row as text: strings as they are, numbers and booleans written out, null and
/// undefined empty; anything else names the row and the column.
fn cell_text(row: &JsValue, column: &str, at: usize) -> Result<Option<String>, JsError> {
    let v = Reflect::get(row, &JsValue::from_str(column)).map_err(|_| {
        JsError::new(&format!(
            "screenCatalogue: cannot read `{column}` of row {at}"
        ))
    })?;
    if let Some(s) = v.as_string() {
        Ok(Some(s))
    } else if v.is_null() || v.is_undefined() {
        Ok(None)
    } else if let Some(n) = v.as_f64() {
        Ok(Some(n.to_string()))
    } else if let Some(b) = v.as_bool() {
        Ok(Some(b.to_string()))
    } else {
        Err(JsError::new(&format!(
            "screenCatalogue: row {at}, column `{column}` must be a string, a number, a boolean or null, got {}",
            describe(&v)
        )))
    }
}

/// `options.columns`: which keys of the rows describe the item.
fn catalogue_columns(options: &JsValue) -> Result<dualuse_core::catalogue::Columns, JsError> {
    let columns = if options.is_object() && !Array::is_array(options) {
        Reflect::get(options, &JsValue::from_str("columns")).unwrap_or(JsValue::UNDEFINED)
    } else {
        JsValue::UNDEFINED
    };
    if !columns.is_object() || Array::is_array(&columns) {
        return Err(JsError::new(&format!(
            "screenCatalogue: options.columns must be an object such as {{ name: \"Product\", description: \"Text\" }}, got {}",
            describe(&columns)
        )));
    }
    let key = |k: &str| -> Result<Option<String>, JsError> {
        let v = Reflect::get(&columns, &JsValue::from_str(k)).unwrap_or(JsValue::UNDEFINED);
        if v.is_undefined() || v.is_null() {
            return Ok(None);
        }
        v.as_string().map(Some).ok_or_else(|| {
            JsError::new(&format!(
                "screenCatalogue: options.columns.{k} must be a column name (a string), got {}",
                describe(&v)
            ))
        })
    };
    Ok(dualuse_core::catalogue::Columns {
        name: key("name")?,
        description: key("description")?,
        part_number: key("partNumber")?,
        eccn: key("eccn")?,
        classification: key("classification")?,
    })
}

/// `options.offset` (the index of the first row in the whole list, for chunked calls) and
/// `options.lang`.
fn catalogue_offset_and_lang(options: &JsValue) -> Result<(usize, &'static str), JsError> {
    let get = |k: &str| Reflect::get(options, &JsValue::from_str(k)).unwrap_or(JsValue::UNDEFINED);
    let offset = get("offset");
    let offset = if offset.is_undefined() || offset.is_null() {
        0
    } else {
        match offset.as_f64() {
            Some(n) if n.is_finite() && n >= 0.0 && n.fract() == 0.0 && n < 1e12 => n as usize,
            _ => {
                return Err(JsError::new(&format!(
                    "screenCatalogue: options.offset must be a whole number of 0 or more, got {}",
                    describe(&offset)
                )))
            }
        }
    };
    let lang = get("lang");
    let lang = match lang.as_string() {
        None if lang.is_undefined() || lang.is_null() => "en",
        Some(l) => match crate::i18n::Lang::parse(&l) {
            Some(l) => l.code(),
            None => {
                return Err(JsError::new(&format!(
                    "screenCatalogue: unknown language `{l}` (expected en, de or fr)"
                )))
            }
        },
        None => {
            return Err(JsError::new(&format!(
                "screenCatalogue: options.lang must be \"en\", \"de\" or \"fr\", got {}",
                describe(&lang)
            )))
        }
    };
    Ok((offset, lang))
}

/// Screen a product list: `rows` is an array of objects (the user's columns), `options` is
/// `{ columns: { name, description, partNumber, eccn, classification }, offset, lang }`.
/// Returns one `{ row, status, query, candidates, named, cautions, notices, classification }`
/// per row (DESIGN.md). A UI screens a long list in chunks, passing `offset`.
#[wasm_bindgen(js_name = screenCatalogue)]
pub fn screen_catalogue(rows: JsValue, options: JsValue) -> Result<JsValue, JsError> {
    if !Array::is_array(&rows) {
        return Err(JsError::new(&format!(
            "screenCatalogue: rows must be an array of objects, got {}",
            describe(&rows)
        )));
    }
    let rows = Array::from(&rows);
    if rows.length() > MAX_CATALOGUE_ROWS {
        return Err(JsError::new(&format!(
            "screenCatalogue: {} rows in one call; screen at most {MAX_CATALOGUE_ROWS} at a time (use options.offset)",
            rows.length()
        )));
    }
    let columns = catalogue_columns(&options)?;
    let (offset, lang) = catalogue_offset_and_lang(&options)?;
    let named: Vec<&str> = [
        &columns.name,
        &columns.description,
        &columns.part_number,
        &columns.eccn,
        &columns.classification,
    ]
    .into_iter()
    .flatten()
    .map(String::as_str)
    .collect();
    let ds = dataset();
    thread_local! {
        // Stemmed once per page: a UI calls in chunks of a few hundred rows.
        static NAMES: std::rc::Rc<dualuse_core::catalogue::Names> =
            std::rc::Rc::new(dualuse_core::catalogue::Names::new(dataset()));
    }
    let names = NAMES.with(std::rc::Rc::clone);
    let mut screener = dualuse_core::catalogue::Screener::with_names(ds, names, &columns)
        .map_err(|e| JsError::new(&format!("screenCatalogue: {}", e.0)))?;
    let mut out = Vec::with_capacity(rows.length() as usize);
    let mut row = dualuse_core::catalogue::Row::new();
    for (i, value) in rows.iter().enumerate() {
        let at = offset + i;
        if !value.is_object() || Array::is_array(&value) {
            return Err(JsError::new(&format!(
                "screenCatalogue: row {at} must be an object of columns, got {}",
                describe(&value)
            )));
        }
        row.clear();
        for column in &named {
            if let Some(text) = cell_text(&value, column, at)? {
                row.insert(column.to_string(), text);
            }
        }
        let result = screener.screen(&row);
        out.push(dualuse_core::catalogue::row_view(ds, &result, at, lang));
    }
    to_js(&out)
}
