//! The Yew UI. One reducer (`crate::state::State`) holds everything; the components below
//! render it and dispatch actions. Mounted only through `api::mount`.
//!
//! Every word on screen comes from `crate::i18n` (i18n/en.txt, de.txt, fr.txt); the legal
//! text and the core's grounds stay English and are marked `lang="en"`. Focus moves to the
//! new heading when the step changes, to the entry when one opens and to the verdict when it
//! appears; search results and the verdict are also announced through polite live regions.

mod browser;
mod catalogue_host;
mod checklist_view;
mod destination_step;
mod entry_view;
mod item_step;
mod links;
mod record;
mod result_step;
mod sources;
mod widgets;

use std::rc::Rc;

use wasm_bindgen::{JsCast, JsValue};
use web_sys::HtmlSelectElement;
use yew::prelude::*;

use crate::dataset;
use crate::i18n::{format_date, t, tf, tp, Lang};
use crate::state::{Action, CatalogueView, State, Step};

#[derive(Debug, Clone, PartialEq)]
pub struct Model(pub State);

impl Reducible for Model {
    type Action = Action;
    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        Rc::new(Model(self.0.clone().apply(dataset(), action)))
    }
}

pub type Dispatch = UseReducerDispatcher<Model>;

/// What every component needs besides the state: the language and the level of the
/// widget's top heading (2 by default: a host page has its own h1).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Ui {
    pub lang: Lang,
    pub heading: u8,
}

impl Ui {
    /// The tag of a heading `depth` levels below the widget's title ("h3" ...).
    pub fn h(&self, depth: u8) -> String {
        format!("h{}", (self.heading + depth).min(6))
    }
}

/// The host page's address for copied links (`linkBase`), empty when not given.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct LinkBase(pub String);

#[derive(Debug, Clone, PartialEq, Properties, Default)]
pub struct AppProps {
    /// The exporter's Member State (ISO code), preselected.
    #[prop_or_default]
    pub from: String,
    /// `cyber` opens on the cyber-surveillance questions.
    #[prop_or_default]
    pub focus: String,
    /// The UI language (`lang` option: "en", "de", "fr", or a tag such as "de-AT"; any
    /// other language gives English).
    #[prop_or_default]
    pub lang: Lang,
    /// The level of the widget's title heading, 1 to 4 (`headingLevel` option); 2 by default.
    #[prop_or(2)]
    pub heading_level: u8,
    /// A session link (`session` option: the page's URL fragment) to restore.
    #[prop_or_default]
    pub session: String,
    /// `history: "fragment"`: keep the session and the step in the page's URL fragment, one
    /// history entry per step, so Back, Forward and reload work (the standalone page and the
    /// single file; an embed only when the host sets `history="fragment"`). Otherwise the
    /// widget never touches the page's history.
    #[prop_or_default]
    pub history: bool,
    /// `linkBase`: the address of the host page where the widget lives; "Copy link" points
    /// there (with the session in the fragment) instead of to the widget's own document.
    #[prop_or_default]
    pub link_base: String,
}

impl AppProps {
    pub fn from_options(options: &JsValue) -> Result<AppProps, String> {
        let mut props = AppProps {
            heading_level: 2,
            ..AppProps::default()
        };
        if options.is_undefined() || options.is_null() {
            return Ok(props);
        }
        if !options.is_object() {
            return Err("options must be an object".into());
        }
        let value = |k: &str| js_sys::Reflect::get(options, &JsValue::from_str(k)).ok();
        let get = |k: &str| value(k).and_then(|v| v.as_string());
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
        props.session = get("session").unwrap_or_default();
        props.history = match get("history").unwrap_or_default().trim() {
            "" | "none" => false,
            "fragment" => true,
            other => {
                return Err(format!(
                    "`history` must be \"fragment\" or \"none\", got \"{other}\""
                ))
            }
        };
        if let Some(base) = get("linkBase").map(|b| b.trim().to_string()) {
            if !base.is_empty() {
                if !(base.starts_with("https://") || base.starts_with("http://"))
                    || base.contains(char::is_whitespace)
                {
                    return Err(format!(
                        "`linkBase` must be an http(s) address, got \"{base}\""
                    ));
                }
                props.link_base = base.split('#').next().unwrap_or_default().to_string();
            }
        }
        // A host page's language may be any: one we do not have means English, not an error.
        props.lang = get("lang")
            .and_then(|l| Lang::parse(&l))
            .unwrap_or_default();
        if let Some(level) = value("headingLevel").filter(|v| !v.is_undefined() && !v.is_null()) {
            match level.as_f64() {
                Some(n) if (1.0..=4.0).contains(&n) && n.fract() == 0.0 => {
                    props.heading_level = n as u8
                }
                _ => {
                    return Err(format!(
                        "`headingLevel` must be 1, 2, 3 or 4, got {}",
                        level.as_string().unwrap_or_else(|| format!("{level:?}"))
                    ))
                }
            }
        }
        Ok(props)
    }
}

/// Focus the first element of `ids` that exists inside `root` (headings carry tabindex=-1).
pub fn focus_first(root: &NodeRef, selectors: &[String]) {
    let Some(root) = root.cast::<web_sys::Element>() else {
        return;
    };
    for sel in selectors {
        if let Ok(Some(el)) = root.query_selector(sel) {
            if let Ok(el) = el.dyn_into::<web_sys::HtmlElement>() {
                let _ = el.focus();
                return;
            }
        }
    }
}

/// Tell the page the user switched language: a `dus-lang` event (bubbling, crossing the
/// shadow root) with `detail.lang`. The standalone page updates ?lang= with it.
fn announce_lang(root: &NodeRef, lang: Lang) {
    let Some(el) = root.cast::<web_sys::Element>() else {
        return;
    };
    let detail = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&detail, &"lang".into(), &lang.code().into());
    let init = web_sys::CustomEventInit::new();
    init.set_bubbles(true);
    init.set_composed(true);
    init.set_detail(&detail);
    if let Ok(event) = web_sys::CustomEvent::new_with_event_init_dict("dus-lang", &init) {
        let _ = el.dispatch_event(&event);
    }
}

/// The `dus-result` event (bubbling, crossing the shadow root): `{ verdict, entries,
/// generalAuthorisations }`. The embed loader re-dispatches it as `dualuse-result`.
fn announce_result(root: &NodeRef, verdict: &str, codes: &[String], ugeas: &[String]) {
    let Some(el) = root.cast::<web_sys::Element>() else {
        return;
    };
    let list = |items: &[String]| {
        items
            .iter()
            .map(|s| JsValue::from_str(s))
            .collect::<js_sys::Array>()
    };
    let detail = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&detail, &"verdict".into(), &verdict.into());
    let _ = js_sys::Reflect::set(&detail, &"entries".into(), &list(codes));
    let _ = js_sys::Reflect::set(&detail, &"generalAuthorisations".into(), &list(ugeas));
    let init = web_sys::CustomEventInit::new();
    init.set_bubbles(true);
    init.set_composed(true);
    init.set_detail(&detail);
    if let Ok(event) = web_sys::CustomEvent::new_with_event_init_dict("dus-result", &init) {
        let _ = el.dispatch_event(&event);
    }
}

#[function_component(App)]
pub fn app(props: &AppProps) -> Html {
    let from = props.from.clone();
    let focus = props.focus.clone();
    let lang = props.lang;
    let link = props.session.trim().trim_start_matches('#').to_string();
    let model = use_reducer(move || {
        let mut s = State::new(&from).with_lang(lang);
        if focus == "cyber" {
            s.topic = Some("cyber".into());
        }
        // A link made by "Copy link" restores the whole session; a damaged or foreign one
        // leaves an empty session and says why.
        // A history entry the widget wrote (with its step: a reload, Back into the page)
        // restores quietly.
        if !link.is_empty() {
            let action = match crate::state::read_fragment(dataset(), &link) {
                Ok((session, Some(step))) => Action::Restore(session, step),
                Ok((session, None)) => {
                    Action::LoadSession(session, Some(t(lang, "record.loaded").to_string()))
                }
                Err(e) => Action::SessionError(e),
            };
            s = s.apply(dataset(), action);
        }
        Model(s)
    });
    let state = &model.0;
    let dispatch = model.dispatcher();
    let root = use_node_ref();
    let ui = Ui {
        lang: state.lang,
        heading: props.heading_level.clamp(1, 4),
    };
    let l = ui.lang;

    // The search index is built on the first search (it is not shipped, to keep the
    // download small): build it just after the first paint, so the first keystroke does not
    // wait for it. Every widget on a page shares the one index.
    use_effect_with((), |_| {
        browser::after_paint(100, || {
            crate::dataset().index();
        });
    });

    // The host's `lang` wins: a new prop replaces the language chosen inside.
    {
        let d = dispatch.clone();
        let first = use_mut_ref(|| true);
        use_effect_with(props.lang, move |lang| {
            if !std::mem::replace(&mut *first.borrow_mut(), false) {
                d.dispatch(Action::SetLang(*lang));
            }
        });
    }
    // A new `from` (the host changed the attribute) preselects that Member State.
    {
        let d = dispatch.clone();
        let first = use_mut_ref(|| true);
        use_effect_with(props.from.clone(), move |from| {
            if !std::mem::replace(&mut *first.borrow_mut(), false) && !from.is_empty() {
                d.dispatch(Action::SetFrom(from.clone()));
            }
        });
    }
    // `history: "fragment"`: each step is a history entry holding the session and the step
    // in the fragment (never sent anywhere); other changes replace the current entry. Back
    // and Forward (popstate) restore the entry's step and session.
    {
        // The opening state of a fresh page (nothing entered, first step) writes nothing.
        let blank = state.step == Step::Item
            && state.session()
                == dualuse_core::session::Session {
                    from: state.from.clone(),
                    export_form: state.session().export_form,
                    ..Default::default()
                };
        let fragment = props
            .history
            .then(|| (crate::state::history_fragment(state), state.step, blank));
        let written = use_mut_ref(|| None::<Step>);
        use_effect_with(fragment, move |f| {
            if let Some((fragment, step, blank)) = f {
                let before = *written.borrow();
                let current = browser::fragment();
                // Back/Forward (or a reload) already show this entry: nothing to write.
                if current != *fragment && !(*blank && current.is_empty()) {
                    // A new step is a new entry; other changes replace the current one.
                    let push = before.is_some_and(|b| b != *step);
                    browser::write_fragment(fragment, push);
                }
                *written.borrow_mut() = Some(*step);
            }
        });
    }
    {
        let d = dispatch.clone();
        let from = props.from.clone();
        use_effect_with(props.history, move |on| {
            let listener = on.then(|| {
                browser::on_popstate(move |hash| {
                    if hash.is_empty() {
                        let session = dualuse_core::session::Session {
                            from: from.clone(),
                            ..Default::default()
                        };
                        d.dispatch(Action::Restore(session, Step::Item));
                    } else if let Ok((session, step)) =
                        crate::state::read_fragment(dataset(), &hash)
                    {
                        d.dispatch(Action::Restore(session, step.unwrap_or(Step::Result)));
                    }
                })
            });
            move || drop(listener)
        });
    }
    // A new step: focus its heading (the verdict on the result step), never on first render.
    {
        let root = root.clone();
        let shown = use_mut_ref(|| state.step);
        use_effect_with(
            (
                state.step,
                state.destination_missing,
                state.focus_question.clone(),
            ),
            move |(step, missing, question)| {
                // A jump from the result's "questions still open": onto that question (its
                // field, the answer chosen, or its first choice), else the questions' heading.
                if let (Step::Item, Some(id)) = (step, question) {
                    *shown.borrow_mut() = *step;
                    focus_first(
                        &root,
                        &[
                            format!("#dus-q-{id}"),
                            format!("input[name=\"dus-q-{id}\"]:checked"),
                            format!("input[name=\"dus-q-{id}\"]"),
                            "#dus-questions-title".to_string(),
                            "#dus-step-title".to_string(),
                        ],
                    );
                } else if *shown.borrow() != *step {
                    *shown.borrow_mut() = *step;
                    let mut targets = Vec::new();
                    if *step == Step::Result {
                        targets.push("#dus-verdict-title".to_string());
                    }
                    // Sent here because the result needs a destination: to the list itself.
                    if *step == Step::Destination && *missing {
                        targets.push("#dus-to".to_string());
                    }
                    targets.push("#dus-step-title".to_string());
                    focus_first(&root, &targets);
                }
            },
        );
    }

    // A verdict reached: tell the host page (no user text, only the verdict and the codes).
    {
        let root = root.clone();
        let summary = match (&state.step, &state.assessment) {
            (Step::Result, Some(Ok(a))) => Some((
                a.verdict.as_str(),
                a.entries.iter().map(|e| e.code.clone()).collect::<Vec<_>>(),
                a.general_authorisations.clone(),
            )),
            _ => None,
        };
        use_effect_with(summary, move |summary| {
            if let Some((verdict, codes, ugeas)) = summary {
                announce_result(&root, verdict, codes, ugeas);
            }
        });
    }

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
    let on_lang = {
        let d = dispatch.clone();
        let root = root.clone();
        Callback::from(move |e: Event| {
            let value = e.target_unchecked_into::<HtmlSelectElement>().value();
            if let Some(lang) = Lang::parse(&value) {
                d.dispatch(Action::SetLang(lang));
                announce_lang(&root, lang);
            }
        })
    };
    let last_word = |s: &str| s.rsplit(' ').next().unwrap_or("").to_string();
    let version = tf(
        l,
        "app.version",
        &[
            ("regulation", &last_word(&info.regulation)),
            ("delegated", &last_word(&info.annex_version)),
            ("date", &format_date(l, &info.consolidated_as_of)),
        ],
    );
    // Announced once the verdict is there; the result step also moves focus onto it.
    let announcement = match (&state.step, &state.assessment) {
        (Step::Result, Some(Ok(a))) => tf(
            l,
            "result.announce",
            &[("verdict", result_step::verdict_text(l, a.verdict).0)],
        ),
        (Step::Result, Some(Err(_))) => t(l, "result.error").to_string(),
        _ => String::new(),
    };
    let title_tag = ui.h(0);
    html! {
        <ContextProvider<Ui> context={ui}>
        <ContextProvider<LinkBase> context={LinkBase(props.link_base.clone())}>
        <div class="dus-root" lang={l.code()} ref={root.clone()}>
            <div class="dus-header">
                <div class="dus-topbar">
                    <@{title_tag} class="dus-title">{t(l, "app.title")}</@>
                    <div class="dus-lang">
                        <label for="dus-lang">{t(l, "lang.label")}</label>
                        <select id="dus-lang" onchange={on_lang}>
                            {for Lang::ALL.iter().map(|x| html!{
                                <option value={x.code()} lang={x.code()} selected={*x == l}>{x.native_name()}</option>
                            })}
                        </select>
                    </div>
                </div>
                <p class="dus-version">{version}</p>
                {if state.catalogue == CatalogueView::Closed {
                    let d = dispatch.clone();
                    html! { <p class="dus-catalogue-open"><button type="button" onclick={Callback::from(move |_| d.dispatch(Action::OpenCatalogue))}>{t(l, "catalogue.open")}</button>{" "}<span class="dus-muted">{t(l, "catalogue.open_hint")}</span></p> }
                } else { html! {} }}
                <p class="dus-privacy">{t(l, "app.privacy")}</p>
            </div>
            {if let Some(m) = &state.session_message { html!{ <p class="dus-session-message" role="status" lang="en">{m}</p> } } else { html!{} }}
            {match state.catalogue {
                CatalogueView::Closed => html! {},
                view => html! { <catalogue_host::CatalogueHost hidden={view == CatalogueView::Behind} dispatch={dispatch.clone()} /> },
            }}
            {if state.catalogue == CatalogueView::Behind {
                let d = dispatch.clone();
                html! { <p class="dus-back-bar"><button type="button" onclick={Callback::from(move |_| d.dispatch(Action::BackToCatalogue))}>{t(l, "catalogue.back")}</button></p> }
            } else { html! {} }}
            if state.catalogue != CatalogueView::Open {
            <nav class="dus-steps-nav" aria-label={t(l, "steps.nav")}>
                <ol class="dus-steps">
                    {step_button(Step::Item, t(l, "steps.item"), 1)}
                    {step_button(Step::Destination, t(l, "steps.destination"), 2)}
                    {step_button(Step::Result, t(l, "steps.result"), 3)}
                </ol>
            </nav>
            <div class="dus-main">
                {match state.step {
                    Step::Item => html! { <item_step::ItemStep state={state.clone()} dispatch={dispatch.clone()} root={root.clone()} /> },
                    Step::Destination => html! { <destination_step::DestinationStep state={state.clone()} dispatch={dispatch.clone()} root={root.clone()} /> },
                    Step::Result => html! { <result_step::ResultStep state={state.clone()} dispatch={dispatch.clone()} root={root.clone()} /> },
                }}
            </div>
            }
            <div class="dus-sr-only" role="status" aria-live="polite" aria-atomic="true">{announcement}</div>
            <div class="dus-footer">
                <p>{t(l, "app.indicative")}</p>
                {if l != Lang::En { html!{ <p>{t(l, "legal.english_only")}</p> } } else { html!{} }}
                <p class="dus-muted">{tp(l, "app.dataset_count", info.entry_count as u64)}</p>
            </div>
        </div>
        </ContextProvider<LinkBase>>
        </ContextProvider<Ui>>
    }
}
