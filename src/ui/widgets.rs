//! Small shared pieces: highlighted snippets, the unverified mark, text lines.

use yew::prelude::*;

/// `text` with the byte ranges `marks` wrapped in <mark>.
pub fn highlighted(text: &str, marks: &[(usize, usize)]) -> Html {
    let mut out = Vec::new();
    let mut pos = 0;
    for &(s, e) in marks {
        if s < pos || e > text.len() || !text.is_char_boundary(s) || !text.is_char_boundary(e) {
            continue;
        }
        out.push(html! { {&text[pos..s]} });
        out.push(html! { <mark>{&text[s..e]}</mark> });
        pos = e;
    }
    out.push(html! { {&text[pos..]} });
    out.into_iter().collect()
}

pub fn unverified_mark(verified: bool) -> Html {
    if verified {
        html! {}
    } else {
        html! { <span class="dus-unverified" title="This wording was written from knowledge of the regulation and has not yet been compared with the Official Journal.">{"Check against the official text"}</span> }
    }
}

/// Lines of a note or definition; indented lines become list-like paragraphs.
pub fn text_lines(lines: &[String]) -> Html {
    lines
        .iter()
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let indent = (l.len() - l.trim_start().len()) / 2;
            html! { <p class={format!("dus-line dus-indent-{}", indent.min(4))}>{l.trim()}</p> }
        })
        .collect()
}
