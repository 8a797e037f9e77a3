//! The sources a result rests on, each with its as-of date, and a warning when the
//! sanctions or embargo data is more than six months older than the device's date.

use yew::prelude::*;

use crate::i18n::{format_date, t, tf, Lang};

#[derive(Properties, PartialEq)]
pub struct SourcesProps {
    pub lang: Lang,
}

#[function_component(Sources)]
pub fn sources(props: &SourcesProps) -> Html {
    let l = props.lang;
    let today = super::browser::now_iso();
    let sources = dualuse_core::provenance::source_dates(crate::dataset(), &today);
    let name = |s: &str| match s {
        "annex-i" => t(l, "source.annex-i"),
        "ugea" => t(l, "source.ugea"),
        "sanctions" => t(l, "source.sanctions"),
        "embargoes" => t(l, "source.embargoes"),
        _ => t(l, "source.authorities"),
    };
    html! {
        <section class="dus-sources" aria-labelledby="dus-r-sources">
            <h3 id="dus-r-sources">{t(l, "result.sources")}</h3>
            <ul>{for sources.iter().map(|s| html!{
                <li>{tf(l, "result.source_line", &[("source", name(s.source)), ("date", &format_date(l, &s.as_of))])}</li>
            })}</ul>
            {for sources.iter().filter(|s| s.stale).map(|s| html!{
                <p class="dus-stale" role="note">{tf(l, "result.stale", &[("source", name(s.source)), ("date", &format_date(l, &s.as_of))])}</p>
            })}
        </section>
    }
}
