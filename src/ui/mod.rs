//! The Yew UI. One reducer (`crate::state::State`) holds everything; the components below
//! render it and dispatch actions. Mounted only through `api::mount`.

mod destination_step;
mod entry_view;
mod item_step;
mod result_step;
mod widgets;

use std::rc::Rc;

use wasm_bindgen::JsValue;
use yew::prelude::*;

use crate::dataset;
use crate::state::{Action, State, Step};

#[derive(Debug, Clone, PartialEq)]
pub struct Model(pub State);

impl Reducible for Model {
    type Action = Action;
    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        Rc::new(Model(self.0.clone().apply(dataset(), action)))
    }
}

pub type Dispatch = UseReducerDispatcher<Model>;

#[derive(Debug, Clone, PartialEq, Properties, Default)]
pub struct AppProps {
    /// The exporter's Member State (ISO code), preselected.
    #[prop_or_default]
    pub from: String,
    /// `cyber` opens on the cyber-surveillance questions.
    #[prop_or_default]
    pub focus: String,
}

impl AppProps {
    pub fn from_options(options: &JsValue) -> Result<AppProps, String> {
        let mut props = AppProps::default();
        if options.is_undefined() || options.is_null() {
            return Ok(props);
        }
        if !options.is_object() {
            return Err("options must be an object".into());
        }
        let get = |k: &str| {
            js_sys::Reflect::get(options, &JsValue::from_str(k))
                .ok()
                .and_then(|v| v.as_string())
        };
        if let Some(from) = get("from") {
            let code = from.trim().to_ascii_uppercase();
            if !code.is_empty() {
                if !dataset().country(&code).is_some_and(|c| c.eu) {
                    return Err(format!(
                        "`from` must be an EU Member State code, got \"{from}\""
                    ));
                }
                props.from = code;
            }
        }
        props.focus = get("focus").unwrap_or_default();
        Ok(props)
    }
}

#[function_component(App)]
pub fn app(props: &AppProps) -> Html {
    let from = props.from.clone();
    let focus = props.focus.clone();
    let model = use_reducer(move || {
        let mut s = State::new(&from);
        if focus == "cyber" {
            s.topic = Some("cyber".into());
        }
        Model(s)
    });
    let state = &model.0;
    let dispatch = model.dispatcher();
    let info = &dataset().info;
    let step_button = |step: Step, label: &str, n: u8| {
        let d = dispatch.clone();
        let current = state.step == step;
        html! {
            <li>
                <button type="button" class={classes!("dus-step", current.then_some("dus-step-current"))}
                    aria-current={current.then_some("step")}
                    onclick={Callback::from(move |_| d.dispatch(Action::Go(step)))}>
                    <span class="dus-step-n" aria-hidden="true">{n}</span>{label}
                </button>
            </li>
        }
    };
    html! {
        <div class="dus-root">
            <header class="dus-header">
                <h2 class="dus-title">{"Dual-use export pre-screening"}</h2>
                <p class="dus-version">{format!("{} · {} · consolidated text of {}", info.regulation, info.annex_version, info.consolidated_as_of)}</p>
                <p class="dus-privacy">{"Everything you type stays in this page: nothing is sent anywhere."}</p>
            </header>
            <nav aria-label="Screening steps">
                <ol class="dus-steps">
                    {step_button(Step::Item, "Item", 1)}
                    {step_button(Step::Destination, "Destination and use", 2)}
                    {step_button(Step::Result, "Result", 3)}
                </ol>
            </nav>
            <main class="dus-main">
                {match state.step {
                    Step::Item => html! { <item_step::ItemStep state={state.clone()} dispatch={dispatch.clone()} /> },
                    Step::Destination => html! { <destination_step::DestinationStep state={state.clone()} dispatch={dispatch.clone()} /> },
                    Step::Result => html! { <result_step::ResultStep state={state.clone()} dispatch={dispatch.clone()} /> },
                }}
            </main>
            <footer class="dus-footer">
                <p>{dualuse_core::assess::INDICATIVE}</p>
            </footer>
        </div>
    }
}
