//! The first two steps: the file (picked, dropped or pasted) and the columns that describe
//! the item, with a preview of the first rows.

use std::rc::Rc;

use yew::prelude::*;

use super::{count, Bridge, ModelHandle};
use crate::model::{Action, Columns, COLUMN_KINDS};
use crate::read::ReadOptions;
use crate::review::reviews_from_export;
use crate::text::{t, tf, Lang};
use crate::{guess_columns, read_file, read_pasted, Workbook};
use crate::{Delimiter, TextEncoding};

/// The action for a read file or pasted text: the first sheet's guess and, for an export of
/// an earlier screening, its decisions.
fn loaded(
    file_name: String,
    read: Result<Workbook, crate::ReadError>,
    l: Lang,
    bytes: Option<Rc<Vec<u8>>>,
) -> Action {
    match read {
        Err(e) => Action::Failed(tf(l, "failed", &[("why", &e.to_string())])),
        Ok(workbook) => {
            let (guess, reviews) = sheet_guess(&workbook, 0);
            Action::Loaded {
                file_name,
                notices: workbook.notices.iter().map(|n| n.to_string()).collect(),
                encoding: workbook.encoding.map(|e| e.label().to_string()),
                delimiter: workbook.delimiter.map(|d| match d {
                    crate::Delimiter::Tab => "tab".to_string(),
                    d => d.as_str().to_string(),
                }),
                workbook,
                guess,
                reviews,
                bytes,
            }
        }
    }
}

/// The column guess of a sheet and, when it is an export of ours, its reviews.
pub fn sheet_guess(
    workbook: &Workbook,
    sheet: usize,
) -> (crate::Guess, Option<Vec<crate::review::RowReview>>) {
    match workbook.sheets.get(sheet) {
        Some(t) => (
            guess_columns(&t.headers, &t.rows[..t.rows.len().min(50)]),
            reviews_from_export(&t.headers, &t.rows),
        ),
        None => (Default::default(), None),
    }
}

fn read_bytes(model: ModelHandle, l: Lang, file: web_sys::File) {
    let name = file.name();
    yew::platform::spawn_local(async move {
        let buffer = wasm_bindgen_futures::JsFuture::from(file.array_buffer()).await;
        let action = match buffer {
            Ok(buf) => {
                let bytes = js_sys::Uint8Array::new(&buf).to_vec();
                let read = read_file(&bytes, &name, ReadOptions::default());
                loaded(name.clone(), read, l, Some(Rc::new(bytes)))
            }
            Err(_) => Action::Failed(tf(l, "failed", &[("why", "the browser could not read it")])),
        };
        model.dispatch(action);
    });
}

#[derive(Properties, PartialEq)]
pub struct StepProps {
    pub model: ModelHandle,
    pub bridge: Bridge,
}

#[function_component(SourceStep)]
pub fn source_step(props: &StepProps) -> Html {
    let l = props.bridge.lang;
    let pasted = use_state(String::new);
    let dragging = use_state(|| false);
    let on_file = {
        let m = props.model.clone();
        Callback::from(move |e: Event| {
            let input: web_sys::HtmlInputElement = e.target_unchecked_into();
            if let Some(file) = input.files().and_then(|f| f.get(0)) {
                read_bytes(m.clone(), l, file);
            }
        })
    };
    let on_drop = {
        let m = props.model.clone();
        let dragging = dragging.clone();
        Callback::from(move |e: DragEvent| {
            e.prevent_default();
            dragging.set(false);
            if let Some(file) = e
                .data_transfer()
                .and_then(|d| d.files())
                .and_then(|f| f.get(0))
            {
                read_bytes(m.clone(), l, file);
            }
        })
    };
    let on_over = {
        let dragging = dragging.clone();
        Callback::from(move |e: DragEvent| {
            e.prevent_default();
            dragging.set(true);
        })
    };
    let on_leave = {
        let dragging = dragging.clone();
        Callback::from(move |_: DragEvent| dragging.set(false))
    };
    let on_paste_input = {
        let pasted = pasted.clone();
        Callback::from(move |e: InputEvent| {
            let area: web_sys::HtmlTextAreaElement = e.target_unchecked_into();
            pasted.set(area.value());
        })
    };
    let use_paste = {
        let m = props.model.clone();
        let pasted = pasted.clone();
        Callback::from(move |_| m.dispatch(loaded(String::new(), read_pasted(&pasted), l, None)))
    };
    html! {
        <section class="dus-cat-source">
            <p>{t(l, "intro")}</p>
            <div class={classes!("dus-cat-drop", dragging.then_some("dus-dragging"))}
                ondrop={on_drop} ondragover={on_over} ondragleave={on_leave}>
                <label for="dus-cat-file">{t(l, "file")}</label>
                <input id="dus-cat-file" type="file" accept=".csv,.tsv,.txt,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" onchange={on_file} />
                <p class="dus-muted">{t(l, "drop")}</p>
            </div>
            <label for="dus-cat-paste">{t(l, "paste")}</label>
            <textarea id="dus-cat-paste" rows="5" value={(*pasted).clone()} oninput={on_paste_input} />
            <p><button type="button" onclick={use_paste} disabled={pasted.trim().is_empty()}>{t(l, "use_paste")}</button></p>
            {error(&props.model)}
        </section>
    }
}

fn error(model: &ModelHandle) -> Html {
    match &model.error {
        Some(e) => html! { <p class="dus-error" role="alert">{e}</p> },
        None => html! {},
    }
}

fn column_select(model: &ModelHandle, l: Lang, kind: &'static str, headers: &[String]) -> Html {
    let id = format!("dus-cat-col-{kind}");
    let current = model.columns.get(kind);
    let m = model.clone();
    let onchange = Callback::from(move |e: Event| {
        let s: web_sys::HtmlSelectElement = e.target_unchecked_into();
        m.dispatch(Action::SetColumn(kind, s.value().parse().ok()));
    });
    html! {
        <p class="dus-field">
            <label for={id.clone()}>{t(l, &format!("col.{kind}"))}</label>
            <select id={id} {onchange}>
                <option value="" selected={current.is_none()}>{t(l, "col.none")}</option>
                {for headers.iter().enumerate().map(|(i, h)| html! {
                    <option value={i.to_string()} selected={current == Some(i)}>{h}</option>
                })}
            </select>
        </p>
    }
}

fn preview(columns: &Columns, table: &crate::Table, l: Lang) -> Html {
    let chosen = |i: usize| COLUMN_KINDS.iter().any(|k| columns.get(k) == Some(i));
    html! {
        <div class="dus-cat-scroll" tabindex="0" role="region" aria-label={t(l, "preview")}>
            <table class="dus-cat-preview">
                <caption>{t(l, "preview")}</caption>
                <thead><tr>{for table.headers.iter().enumerate().map(|(i, h)| html! {
                    <th scope="col" class={classes!(chosen(i).then_some("dus-chosen"))}>{h}</th>
                })}</tr></thead>
                <tbody>{for table.rows.iter().take(5).map(|r| html! {
                    <tr>{for r.iter().map(|c| html! { <td>{truncate(c, 80)}</td> })}</tr>
                })}</tbody>
            </table>
        </div>
    }
}

pub fn truncate(s: &str, max: usize) -> String {
    match s.char_indices().nth(max) {
        Some((i, _)) => format!("{}…", &s[..i]),
        None => s.to_string(),
    }
}

/// "Read as": the encoding and separator the reader chose, offered to change when it
/// guessed wrong (text files only), and the file read again from the bytes kept.
#[function_component(ReadAs)]
fn read_as(props: &StepProps) -> Html {
    let model = &props.model;
    let l = props.bridge.lang;
    let encoding = use_state_eq(|| model.encoding.clone().unwrap_or_default());
    let delimiter = use_state_eq(|| model.delimiter.clone().unwrap_or_default());
    let Some(bytes) = model.bytes.clone() else {
        return html! {};
    };
    let select = |state: &UseStateHandle<String>| {
        let state = state.clone();
        Callback::from(move |e: Event| {
            let s: web_sys::HtmlSelectElement = e.target_unchecked_into();
            state.set(s.value());
        })
    };
    let reread = {
        let m = model.clone();
        let (encoding, delimiter) = (encoding.clone(), delimiter.clone());
        Callback::from(move |_| {
            let options = ReadOptions {
                encoding: TextEncoding::from_label(&encoding),
                delimiter: Delimiter::parse(&delimiter),
            };
            let read = read_file(&bytes, &m.file_name, options);
            m.dispatch(loaded(m.file_name.clone(), read, l, Some(bytes.clone())));
        })
    };
    html! {
        <div class="dus-cat-controls">
            <p class="dus-field">
                <label for="dus-cat-encoding">{t(l, "encoding")}</label>
                <select id="dus-cat-encoding" onchange={select(&encoding)}>
                    {for TextEncoding::ALL.iter().map(|e| html! {
                        <option value={e.label()} selected={e.label().eq_ignore_ascii_case(&encoding)}>{e.label()}</option>
                    })}
                </select>
            </p>
            <p class="dus-field">
                <label for="dus-cat-delimiter">{t(l, "delimiter")}</label>
                <select id="dus-cat-delimiter" onchange={select(&delimiter)}>
                    {for [",", ";", "tab", "|"].into_iter().map(|v| html! {
                        <option value={v} selected={v == *delimiter}>{v}</option>
                    })}
                </select>
            </p>
            <p><button type="button" onclick={reread}>{t(l, "reread")}</button></p>
        </div>
    }
}

#[function_component(SetupStep)]
pub fn setup_step(props: &StepProps) -> Html {
    let l = props.bridge.lang;
    let model = &props.model;
    let Some(table) = model.table() else {
        return html! {};
    };
    let sheets = model.workbook.sheets.len();
    let on_sheet = {
        let m = model.clone();
        Callback::from(move |e: Event| {
            let s: web_sys::HtmlSelectElement = e.target_unchecked_into();
            if let Ok(i) = s.value().parse::<usize>() {
                let (guess, reviews) = sheet_guess(&m.workbook, i);
                m.dispatch(Action::SetSheet(i, guess, reviews));
            }
        })
    };
    let start = {
        let m = model.clone();
        let bridge = props.bridge.clone();
        Callback::from(move |_| super::review_table::start(m.clone(), bridge.clone()))
    };
    let restart = {
        let m = model.clone();
        Callback::from(move |_| m.dispatch(Action::Restart))
    };
    let how = [
        model.encoding.clone(),
        model.delimiter.clone().map(|d| format!("“{d}”")),
    ]
    .into_iter()
    .flatten()
    .collect::<Vec<_>>()
    .join(", ");
    html! {
        <section class="dus-cat-setup">
            <p><strong>{&model.file_name}</strong>{if how.is_empty() { String::new() } else { format!(" · {}: {how}", t(l, "read_as")) }}</p>
            {for model.notices.iter().map(|n| html! { <p class="dus-caution" lang="en">{n}</p> })}
            <ReadAs model={model.clone()} bridge={props.bridge.clone()} />
            {if model.restored { html! { <p class="dus-note" role="status">{t(l, "restored")}</p> } } else { html! {} }}
            {if sheets > 1 { html! {
                <p class="dus-field">
                    <label for="dus-cat-sheet">{t(l, "sheet")}</label>
                    <select id="dus-cat-sheet" onchange={on_sheet}>
                        {for model.workbook.sheets.iter().enumerate().map(|(i, s)| html! {
                            <option value={i.to_string()} selected={i == model.sheet}>{s.sheet.clone().unwrap_or_default()}</option>
                        })}
                    </select>
                </p>
            } } else { html! {} }}
            <fieldset class="dus-cat-columns">
                <legend>{t(l, "columns")}</legend>
                <p class="dus-muted">{t(l, "columns_hint")}</p>
                {for COLUMN_KINDS.iter().map(|k| column_select(model, l, k, &table.headers))}
            </fieldset>
            {preview(&model.columns, table, l)}
            {if model.columns.usable() { html! {} } else { html! { <p class="dus-error" role="alert">{t(l, "need_column")}</p> } }}
            <p class="dus-actions">
                <button type="button" class="dus-primary" onclick={start} disabled={!model.columns.usable()}>{count(l, "screen", &[("count", table.rows.len())])}</button>
                <button type="button" onclick={restart}>{t(l, "another")}</button>
            </p>
            {error(model)}
        </section>
    }
}
