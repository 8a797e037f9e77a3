//! The catalogue view (wasm32 only): pick, drop or paste a catalogue; choose the columns that
//! describe the item; screen every row through the main module's `screenCatalogue`, in
//! chunks, with progress and cancel; review row by row with the keyboard; export. State in
//! one reducer (`Model::reduce`), small function components.

mod review_table;
mod source;

use wasm_bindgen::prelude::*;
use yew::prelude::*;

use crate::model::{Model, Stage};
use crate::text::{t, tf, Lang};

/// What the widget gives the view: its language and the main module's functions.
#[derive(Clone)]
pub struct Bridge {
    pub lang: Lang,
    screen: js_sys::Function,
    dataset_info: js_sys::Function,
}

impl PartialEq for Bridge {
    fn eq(&self, other: &Self) -> bool {
        self.lang == other.lang && self.screen == other.screen
    }
}

fn function(options: &JsValue, name: &str) -> Result<js_sys::Function, JsError> {
    js_sys::Reflect::get(options, &name.into())
        .ok()
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok())
        .ok_or_else(|| {
            JsError::new(&format!(
                "mountCatalogue: options.{name} must be a function"
            ))
        })
}

impl Bridge {
    /// `screenCatalogue(rows, options)` of the main module.
    pub fn screen(&self, rows: &JsValue, options: &JsValue) -> Result<JsValue, String> {
        self.screen
            .call2(&JsValue::NULL, rows, options)
            .map_err(|e| {
                e.dyn_ref::<js_sys::Error>()
                    .map(|e| String::from(e.message()))
                    .unwrap_or_else(|| format!("{e:?}"))
            })
    }

    /// The dataset's version and date, for the export.
    pub fn dataset(&self) -> (String, String) {
        let info = self
            .dataset_info
            .call0(&JsValue::NULL)
            .unwrap_or(JsValue::NULL);
        let get = |k: &str| {
            js_sys::Reflect::get(&info, &k.into())
                .ok()
                .and_then(|v| v.as_string())
                .unwrap_or_default()
        };
        (get("annexVersion"), get("consolidatedAsOf"))
    }
}

/// Tell the widget around the view what the user asked: close, or open an entry or its
/// checklist (the widget keeps this view, hidden, until the user comes back).
pub fn ask_widget(from: &web_sys::Element, action: &str, code: &str) {
    let detail = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&detail, &"action".into(), &action.into());
    let _ = js_sys::Reflect::set(&detail, &"code".into(), &code.into());
    let init = web_sys::CustomEventInit::new();
    init.set_bubbles(true);
    init.set_detail(&detail);
    if let Ok(e) = web_sys::CustomEvent::new_with_event_init_dict("dus-catalogue", &init) {
        let _ = from.dispatch_event(&e);
    }
}

#[derive(Properties, PartialEq)]
struct AppProps {
    bridge: Bridge,
}

#[function_component(CatalogueApp)]
fn catalogue_app(props: &AppProps) -> Html {
    let model = use_reducer(Model::default);
    let bridge = &props.bridge;
    let l = bridge.lang;
    let root = use_node_ref();
    let close = {
        let root = root.clone();
        Callback::from(move |_| {
            if let Some(el) = root.cast::<web_sys::Element>() {
                ask_widget(&el, "close", "");
            }
        })
    };
    html! {
        <div class="dus-catalogue" ref={root.clone()}>
            <div class="dus-topbar">
                <h2 id="dus-cat-title" tabindex="-1">{t(l, "title")}</h2>
                <button type="button" onclick={close}>{t(l, "close")}</button>
            </div>
            <p class="dus-muted">{t(l, "indicative")}</p>
            {match model.stage {
                Stage::Source => html! { <source::SourceStep model={model.clone()} bridge={bridge.clone()} /> },
                Stage::Setup => html! { <source::SetupStep model={model.clone()} bridge={bridge.clone()} /> },
                Stage::Screening | Stage::Review => html! {
                    <review_table::ReviewStep model={model.clone()} bridge={bridge.clone()} root={root.clone()} />
                },
            }}
        </div>
    }
}

/// What `mountCatalogue` returns: the mounted view, until `unmount()`.
#[wasm_bindgen]
pub struct CatalogueHandle {
    app: Option<yew::AppHandle<CatalogueApp>>,
}

#[wasm_bindgen]
impl CatalogueHandle {
    pub fn unmount(&mut self) {
        if let Some(app) = self.app.take() {
            app.destroy();
        }
    }
}

/// Mount the catalogue view into `element`. `options`: `{ lang, screen(rows, options),
/// datasetInfo() }` (the main module's functions, see www/open-catalogue.js).
#[wasm_bindgen(js_name = mountCatalogue)]
pub fn mount_catalogue(
    element: web_sys::Element,
    options: JsValue,
) -> Result<CatalogueHandle, JsError> {
    let lang = js_sys::Reflect::get(&options, &"lang".into())
        .ok()
        .and_then(|v| v.as_string())
        .unwrap_or_default();
    let bridge = Bridge {
        lang: Lang::parse(&lang),
        screen: function(&options, "screen")?,
        dataset_info: function(&options, "datasetInfo")?,
    };
    let app =
        yew::Renderer::<CatalogueApp>::with_root_and_props(element, AppProps { bridge }).render();
    Ok(CatalogueHandle { app: Some(app) })
}

impl Reducible for Model {
    type Action = crate::model::Action;

    fn reduce(self: std::rc::Rc<Self>, action: Self::Action) -> std::rc::Rc<Self> {
        std::rc::Rc::new((*self).clone().apply(action))
    }
}

/// Rc'd model handle passed to the steps.
pub type ModelHandle = UseReducerHandle<Model>;

/// `tf` with a count formatted plainly.
fn count(l: Lang, key: &str, pairs: &[(&str, usize)]) -> String {
    let owned: Vec<(String, String)> = pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    let args: Vec<(&str, &str)> = owned
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    tf(l, key, &args)
}
