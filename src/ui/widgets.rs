//! Small shared pieces: highlighted snippets, the unverified mark, text lines, the
//! "legal text in English" note, labels for the core's match reasons, country names.

use dualuse_core::model::Country;
use yew::prelude::*;

use crate::i18n::{t, tf, Lang};

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

pub fn unverified_mark(lang: Lang, verified: bool) -> Html {
    if verified {
        html! {}
    } else {
        html! { <span class="dus-unverified" title={t(lang, "unverified.title")}>{t(lang, "unverified.mark")}</span> }
    }
}

/// A defined term that shows its definition on demand (entry reader, checklist walk).
pub fn definition(lang: Lang, def: &dualuse_core::views::DefinitionView) -> Html {
    html! {
        <details class="dus-term"><summary><span lang="en">{&def.term}</span>{unverified_mark(lang, def.verified)}</summary><div lang="en">{text_lines(&def.text)}</div></details>
    }
}

/// Lines of a note or definition; indented lines become list-like paragraphs.
pub fn text_lines(lines: &[String]) -> Html {
    let mut out: Vec<Html> = Vec::new();
    let mut rows: Vec<Vec<String>> = Vec::new();
    for l in lines.iter().filter(|l| !l.trim().is_empty()) {
        let line = l.trim();
        // A table of the annex (2E003.f), kept as `| a | b |` rows.
        if line.starts_with('|') {
            let cells: Vec<String> = line
                .trim_matches('|')
                .split('|')
                .map(|c| c.trim().to_string())
                .collect();
            if !cells.iter().all(|c| c.chars().all(|ch| ch == '-')) {
                rows.push(cells);
            }
            continue;
        }
        if !rows.is_empty() {
            out.push(table(std::mem::take(&mut rows)));
        }
        let indent = (l.len() - l.trim_start().len()) / 2;
        out.push(html! { <p class={format!("dus-line dus-indent-{}", indent.min(4))}>{line}</p> });
    }
    if !rows.is_empty() {
        out.push(table(rows));
    }
    out.into_iter().collect()
}

fn table(rows: Vec<Vec<String>>) -> Html {
    let mut rows = rows.into_iter();
    let head = rows.next().unwrap_or_default();
    html! {
        <div class="dus-table-wrap"><table class="dus-table">
            <thead><tr>{for head.iter().map(|c| html!{ <th scope="col">{c}</th> })}</tr></thead>
            <tbody>{for rows.map(|r| html!{ <tr>{for r.iter().map(|c| html!{ <td>{c}</td> })}</tr> })}</tbody>
        </table></div>
    }
}

/// In German and French: the legal text below is English (the only text we hold).
pub fn legal_note(lang: Lang) -> Html {
    if lang == Lang::En {
        html! {}
    } else {
        html! { <p class="dus-legal-note">{t(lang, "legal.english_only")}</p> }
    }
}

/// The core's reasons for a search hit ("legal text", "synonym: stingray", "spelling: a → b"),
/// in the UI language; an unknown reason is shown as it is.
pub fn why_label(lang: Lang, why: &str) -> String {
    if let Some(term) = why.strip_prefix("synonym: ") {
        return tf(lang, "why.synonym_of", &[("term", term)]);
    }
    if let Some(rest) = why.strip_prefix("spelling: ") {
        if let Some((typed, found)) = rest.split_once(" → ") {
            return tf(lang, "why.spelling", &[("typed", typed), ("found", found)]);
        }
    }
    match why {
        "code" => t(lang, "why.code"),
        "synonym" => t(lang, "why.synonym"),
        "plain-language alias" => t(lang, "why.alias"),
        "legal text" => t(lang, "why.text"),
        "note" => t(lang, "why.note"),
        "defined term" => t(lang, "why.defined_term"),
        "parent item" => t(lang, "why.parent"),
        other => other,
    }
    .to_string()
}

/// A country's name in the UI language (English when the data lacks it).
pub fn country_name(lang: Lang, c: &Country) -> &str {
    let name = match lang {
        Lang::En => &c.name_en,
        Lang::De => &c.name_de,
        Lang::Fr => &c.name_fr,
    };
    if name.is_empty() {
        &c.name_en
    } else {
        name
    }
}
