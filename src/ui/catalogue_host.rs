//! Where the catalogue view ("Screen a catalogue") lives. Its code is a second module
//! (crate dualuse-catalogue) that the page, the embed or the single file loads only when the
//! user opens it: this component renders the place for it, asks the host loader for it with
//! a `dus-open-catalogue` event, and turns the view's `dus-catalogue` events (close, open an
//! entry or its checklist) into actions. A visitor who never opens it loads none of it.

use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use yew::prelude::*;

use super::{Dispatch, Ui};
use crate::i18n::{t, Lang};
use crate::state::Action;

#[derive(Properties, PartialEq)]
pub struct CatalogueHostProps {
    pub hidden: bool,
    pub dispatch: Dispatch,
}

/// What the catalogue view asks of the widget (`detail` of its `dus-catalogue` event).
fn action_of(detail: &wasm_bindgen::JsValue) -> Option<Action> {
    let get = |k: &str| {
        js_sys::Reflect::get(detail, &k.into())
            .ok()
            .and_then(|v| v.as_string())
    };
    match get("action")?.as_str() {
        "close" => Some(Action::CloseCatalogue),
        "entry" => Some(Action::FromCatalogue(get("code")?, false)),
        "checklist" => Some(Action::FromCatalogue(get("code")?, true)),
        _ => None,
    }
}

#[function_component(CatalogueHost)]
pub fn catalogue_host(props: &CatalogueHostProps) -> Html {
    let ui = use_context::<Ui>().unwrap_or(Ui {
        lang: Lang::En,
        heading: 2,
    });
    let place = use_node_ref();
    {
        let place = place.clone();
        let d = props.dispatch.clone();
        let lang = ui.lang.code();
        let loading = t(ui.lang, "catalogue.loading");
        // Once, when the place is in the document: ask the loader, listen to the view.
        use_effect_with((), move |_| {
            let el = place.cast::<web_sys::Element>();
            let listener =
                Closure::<dyn Fn(web_sys::CustomEvent)>::new(move |e: web_sys::CustomEvent| {
                    if let Some(a) = action_of(&e.detail()) {
                        d.dispatch(a);
                    }
                });
            if let Some(el) = &el {
                // Not Yew's: the loader replaces this text by the view or by why it failed.
                el.set_text_content(Some(loading));
                let _ = el.add_event_listener_with_callback(
                    "dus-catalogue",
                    listener.as_ref().unchecked_ref(),
                );
                let init = web_sys::CustomEventInit::new();
                init.set_bubbles(true);
                init.set_composed(true);
                let detail = js_sys::Object::new();
                let _ = js_sys::Reflect::set(&detail, &"lang".into(), &lang.into());
                init.set_detail(&detail);
                if let Ok(ev) =
                    web_sys::CustomEvent::new_with_event_init_dict("dus-open-catalogue", &init)
                {
                    let _ = el.dispatch_event(&ev);
                }
            }
            move || {
                if let Some(el) = el {
                    let _ = el.remove_event_listener_with_callback(
                        "dus-catalogue",
                        listener.as_ref().unchecked_ref(),
                    );
                }
            }
        });
    }
    let l = ui.lang;
    html! {
        <section id="dus-catalogue" class="dus-catalogue-host" hidden={props.hidden}
            aria-label={t(l, "catalogue.title")}>
            // Its children belong to the catalogue module, never to this component's render.
            <div class="dus-catalogue-mount" ref={place}></div>
        </section>
    }
}
