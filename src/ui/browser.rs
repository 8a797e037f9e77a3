//! The few browser services the record needs: download, clipboard, print, the clock, and
//! this device's storage (used only after the user opts in). Every function fails quietly
//! with a message, never a panic.

use wasm_bindgen::{JsCast, JsValue};

fn window() -> Result<web_sys::Window, String> {
    web_sys::window().ok_or_else(|| "no browser window".to_string())
}

/// Offer `text` as a file download (a local blob: nothing is sent anywhere).
pub fn download(filename: &str, mime: &str, text: &str) -> Result<(), String> {
    let doc = window()?.document().ok_or("no document")?;
    let parts = js_sys::Array::of1(&JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options)
        .map_err(|_| "could not make the file")?;
    let url =
        web_sys::Url::create_object_url_with_blob(&blob).map_err(|_| "could not make the file")?;
    let a: web_sys::HtmlAnchorElement = doc
        .create_element("a")
        .map_err(|_| "no link")?
        .dyn_into()
        .map_err(|_| "no link")?;
    a.set_href(&url);
    a.set_download(filename);
    a.click();
    let _ = web_sys::Url::revoke_object_url(&url);
    Ok(())
}

pub fn print() {
    if let Ok(w) = window() {
        let _ = w.print();
    }
}

/// Copy to the clipboard when the browser allows it (the caller also shows the text).
pub fn copy(text: &str) {
    if let Ok(w) = window() {
        let _ = w.navigator().clipboard().write_text(text);
    }
}

/// The page's address without its fragment.
pub fn page_address() -> String {
    window()
        .ok()
        .and_then(|w| w.location().href().ok())
        .map(|h| h.split('#').next().unwrap_or("").to_string())
        .unwrap_or_default()
}

/// Now, as an ISO 8601 UTC timestamp.
pub fn now_iso() -> String {
    js_sys::Date::new_0()
        .to_iso_string()
        .as_string()
        .unwrap_or_default()
}

/// A JS value as pretty JSON text.
pub fn to_json(value: &JsValue) -> Result<String, String> {
    js_sys::JSON::stringify_with_replacer_and_space(value, &JsValue::NULL, &JsValue::from_f64(2.0))
        .ok()
        .and_then(|s| s.as_string())
        .ok_or_else(|| "could not write the record".to_string())
}

pub fn from_json(text: &str) -> Result<JsValue, String> {
    js_sys::JSON::parse(text).map_err(|_| "this file is not JSON".to_string())
}

/// This device's storage. Only ever touched after the user opted in.
pub mod device {
    use super::window;

    pub const CONSENT_KEY: &str = "dualuse-screener:consent";
    pub const SESSION_PREFIX: &str = "dualuse-screener:session:";

    fn storage() -> Option<web_sys::Storage> {
        window().ok()?.local_storage().ok()?
    }

    /// Whether the user opted in earlier. Reading the flag is the one access made without
    /// consent, and it stores nothing.
    pub fn consented() -> bool {
        storage()
            .and_then(|s| s.get_item(CONSENT_KEY).ok().flatten())
            .is_some()
    }

    pub fn set_consent(on: bool) {
        let Some(s) = storage() else { return };
        if on {
            let _ = s.set_item(CONSENT_KEY, "yes");
        } else {
            // Withdrawing consent removes everything this widget stored.
            for (key, _) in list_raw(&s) {
                let _ = s.remove_item(&key);
            }
            let _ = s.remove_item(CONSENT_KEY);
        }
    }

    fn list_raw(s: &web_sys::Storage) -> Vec<(String, String)> {
        let n = s.length().unwrap_or(0);
        (0..n)
            .filter_map(|i| s.key(i).ok().flatten())
            .filter(|k| k.starts_with(SESSION_PREFIX))
            .filter_map(|k| s.get_item(&k).ok().flatten().map(|v| (k, v)))
            .collect()
    }

    /// Saved sessions: (storage key, the saved link text), newest first.
    pub fn list() -> Vec<(String, String)> {
        let Some(s) = storage() else {
            return Vec::new();
        };
        let mut out = list_raw(&s);
        out.sort_by(|a, b| b.0.cmp(&a.0));
        out
    }

    pub fn save(name: &str, link: &str) -> Result<(), String> {
        if !consented() {
            return Err("saving needs your consent first".into());
        }
        let s = storage().ok_or("this browser offers no storage")?;
        s.set_item(&format!("{SESSION_PREFIX}{name}"), link)
            .map_err(|_| "the browser refused to store it".to_string())
    }

    pub fn delete(key: &str) {
        if let Some(s) = storage() {
            if key.starts_with(SESSION_PREFIX) {
                let _ = s.remove_item(key);
            }
        }
    }
}
