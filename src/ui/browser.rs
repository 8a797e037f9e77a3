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

/// Open the print dialog, then tell `done` whether one opened. A browser fires
/// `beforeprint` for its dialog (at once in a page, a moment later in a frame); a sandboxed
/// frame without `allow-modals` ignores `print()` and fires nothing, which a second shows.
pub fn print(done: impl FnOnce(bool) + 'static) {
    let Ok(w) = window() else { return done(false) };
    let fired = std::rc::Rc::new(std::cell::Cell::new(false));
    let flag = fired.clone();
    let listener = wasm_bindgen::closure::Closure::<dyn FnMut(web_sys::Event)>::new(
        move |_: web_sys::Event| flag.set(true),
    );
    let _ = w.add_event_listener_with_callback("beforeprint", listener.as_ref().unchecked_ref());
    let _ = w.print();
    if fired.get() {
        let _ =
            w.remove_event_listener_with_callback("beforeprint", listener.as_ref().unchecked_ref());
        return done(true);
    }
    let w2 = w.clone();
    let check = wasm_bindgen::closure::Closure::once(move || {
        let _ = w2
            .remove_event_listener_with_callback("beforeprint", listener.as_ref().unchecked_ref());
        done(fired.get());
    });
    if w.set_timeout_with_callback_and_timeout_and_arguments_0(check.as_ref().unchecked_ref(), 1000)
        .is_ok()
    {
        // Runs once, after which the browser drops it.
        check.forget();
    }
}

/// Copy to the clipboard, then tell `done` whether it worked (a sandboxed frame without
/// `clipboard-write`, or a browser without the clipboard API, refuses). The caller also
/// shows the text.
pub fn copy(text: &str, done: impl FnOnce(bool) + 'static) {
    let clipboard = window().ok().and_then(|w| {
        let c = js_sys::Reflect::get(&w.navigator(), &JsValue::from_str("clipboard")).ok()?;
        (!c.is_undefined() && !c.is_null()).then(|| w.navigator().clipboard())
    });
    let Some(clipboard) = clipboard else {
        return done(false);
    };
    let promise = clipboard.write_text(text);
    wasm_bindgen_futures::spawn_local(async move {
        done(wasm_bindgen_futures::JsFuture::from(promise).await.is_ok());
    });
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

/// The page's URL fragment without `#` ("" when there is none).
pub fn fragment() -> String {
    window()
        .ok()
        .and_then(|w| w.location().hash().ok())
        .map(|h| h.trim_start_matches('#').to_string())
        .unwrap_or_default()
}

/// Put `fragment` in the page's address: a new history entry (`push`) or in place of the
/// current one. The fragment never leaves the device (it is not sent with requests).
pub fn write_fragment(fragment: &str, push: bool) {
    let Ok(w) = window() else { return };
    let Ok(history) = w.history() else { return };
    let url = format!("#{fragment}");
    let _ = if push {
        history.push_state_with_url(&JsValue::NULL, "", Some(&url))
    } else {
        history.replace_state_with_url(&JsValue::NULL, "", Some(&url))
    };
}

/// A window event listener, removed when dropped.
pub struct Listener {
    event: &'static str,
    callback: wasm_bindgen::closure::Closure<dyn FnMut(web_sys::Event)>,
}

impl Drop for Listener {
    fn drop(&mut self) {
        if let Ok(w) = window() {
            let _ = w.remove_event_listener_with_callback(
                self.event,
                self.callback.as_ref().unchecked_ref(),
            );
        }
    }
}

/// Call `f` with the new fragment (without `#`) whenever Back or Forward moves the page.
pub fn on_popstate(mut f: impl FnMut(String) + 'static) -> Option<Listener> {
    let w = window().ok()?;
    let callback = wasm_bindgen::closure::Closure::<dyn FnMut(web_sys::Event)>::new(
        move |_: web_sys::Event| f(fragment()),
    );
    w.add_event_listener_with_callback("popstate", callback.as_ref().unchecked_ref())
        .ok()?;
    Some(Listener {
        event: "popstate",
        callback,
    })
}

/// Run `work` once the page has painted and is idle for a moment (a timeout, so it also runs
/// where requestIdleCallback does not exist).
pub fn after_paint(delay_ms: i32, work: impl FnOnce() + 'static) {
    let Ok(w) = window() else { return };
    let task = wasm_bindgen::closure::Closure::once(work);
    if w.set_timeout_with_callback_and_timeout_and_arguments_0(
        task.as_ref().unchecked_ref(),
        delay_ms,
    )
    .is_ok()
    {
        // Runs once, after which the browser drops it.
        task.forget();
    }
}
