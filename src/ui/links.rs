//! Links out of the widget: plain anchors that only the user's click follows, in a new tab,
//! with no opener and no referrer (`rel="noopener noreferrer"`). The widget itself never
//! fetches them: it makes no request after load.

use yew::prelude::*;

/// An anchor to `href` showing `text`; `note` ("opens in a new tab") is read by screen
/// readers only.
pub fn external(href: &str, text: &str, note: &str) -> Html {
    html! {
        <a class="dus-external" href={href.to_string()} target="_blank" rel="noopener noreferrer">
            {text.to_string()}<span class="dus-sr-only">{format!(" {note}")}</span>
        </a>
    }
}

/// The web addresses of an authority as written in data/authorities.txt (`web: a.example;
/// b.example/path`), each as an https URL, or `None` for text that is not an address.
fn web_addresses(web: &str) -> Vec<(String, String)> {
    web.split(';')
        .map(str::trim)
        .filter(|w| {
            !w.is_empty()
                && w.contains('.')
                && !w.contains(char::is_whitespace)
                && w.chars()
                    .all(|c| c.is_ascii_alphanumeric() || "-._~/:%?=&#".contains(c))
        })
        .map(|w| {
            let href = if w.starts_with("https://") || w.starts_with("http://") {
                w.to_string()
            } else {
                format!("https://{w}")
            };
            let shown = w
                .trim_start_matches("https://")
                .trim_start_matches("http://")
                .trim_end_matches('/')
                .to_string();
            (href, shown)
        })
        .collect()
}

/// The authority's website(s) as anchors, separated by commas.
pub fn authority_web(web: &str, note: &str) -> Html {
    let links = web_addresses(web);
    html! {
        <>{for links.iter().enumerate().map(|(i, (href, shown))| html!{
            <>{if i > 0 { ", " } else { "" }}{external(href, shown, note)}</>
        })}</>
    }
}
