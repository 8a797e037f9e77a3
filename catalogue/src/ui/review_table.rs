//! Screening (in chunks, with progress and cancel), the review list (keyboard first) and the
//! export.

use std::cell::Cell;

use wasm_bindgen::prelude::*;
use yew::prelude::*;

use super::source::truncate;
use super::{ask_widget, count, Bridge, ModelHandle};
use crate::model::{Action, Model, Stage, COLUMN_KINDS, PAGE_ROWS};
use crate::review::{export_cells, Decision, Filter, Order, Screened, Status};
use crate::text::{t, tf, Lang};

/// How long one call of `screenCatalogue` may hold the page: the chunk of rows adapts to it,
/// so the page paints and Cancel answers between two calls whatever the rows cost.
const CHUNK_MS: f64 = 80.0;
/// The first chunk, before the time per row is known, and the bounds of the adaptation.
const FIRST_CHUNK: usize = 50;
const CHUNK_BOUNDS: (usize, usize) = (10, 1000);

fn now_ms() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map_or(0.0, |p| p.now())
}

thread_local! {
    /// The run the user cancelled: its loop stops at the next chunk.
    static CANCELLED_RUN: Cell<u32> = const { Cell::new(0) };
}

/// `{ columns: { name: "<header>", ... } }` for `screenCatalogue`.
fn screen_options(model: &Model) -> JsValue {
    let headers = model.table().map(|t| t.headers.clone()).unwrap_or_default();
    let columns = js_sys::Object::new();
    for kind in COLUMN_KINDS {
        if let Some(h) = model.columns.get(kind).and_then(|i| headers.get(i)) {
            let _ = js_sys::Reflect::set(&columns, &kind.into(), &h.into());
        }
    }
    let options = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&options, &"columns".into(), &columns);
    options.into()
}

/// The chosen columns of some rows as JS objects keyed by header.
fn js_rows(model: &Model, from: usize, to: usize) -> JsValue {
    let out = js_sys::Array::new();
    let Some(table) = model.table() else {
        return out.into();
    };
    let chosen: Vec<usize> = COLUMN_KINDS
        .iter()
        .filter_map(|k| model.columns.get(k))
        .collect();
    for row in &table.rows[from..to] {
        let o = js_sys::Object::new();
        for &c in &chosen {
            let cell = row.get(c).map_or("", String::as_str);
            let _ = js_sys::Reflect::set(&o, &table.headers[c].as_str().into(), &cell.into());
        }
        out.push(&o);
    }
    out.into()
}

/// Yield to the page for one task: it paints the progress and takes a click on Cancel. A
/// message to ourselves, not a timer: nested timers wait at least 4 ms each.
async fn next_task() {
    let tick = js_sys::Promise::new(&mut |resolve, _| {
        let sent = web_sys::MessageChannel::new().ok().is_some_and(|channel| {
            channel.port1().set_onmessage(Some(&resolve));
            channel.port2().post_message(&JsValue::NULL).is_ok()
        });
        if !sent {
            if let Some(w) = web_sys::window() {
                let _ = w.set_timeout_with_callback(&resolve);
            }
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(tick).await;
}

/// Screen every row of the sheet, a chunk at a time, yielding to the page in between.
pub fn start(model: ModelHandle, bridge: Bridge) {
    // The run this loop belongs to: Start numbers it (the handle may show the new state at
    // once or at the next render, so it is taken before).
    let run = model.run + 1;
    model.dispatch(Action::Start);
    let snapshot: Model = (*model).clone();
    let options = screen_options(&snapshot);
    let total = snapshot.row_count();
    yew::platform::spawn_local(async move {
        let mut from = 0;
        let mut chunk = FIRST_CHUNK;
        while from < total {
            next_task().await;
            if CANCELLED_RUN.with(Cell::get) == run {
                return;
            }
            let to = (from + chunk).min(total);
            let started = now_ms();
            let result = bridge
                .screen(&js_rows(&snapshot, from, to), &options)
                .and_then(|v| {
                    serde_wasm_bindgen::from_value::<Vec<serde_json::Value>>(v)
                        .map_err(|e| e.to_string())
                });
            // The next chunk takes about CHUNK_MS at the pace of this one.
            let per_row = (now_ms() - started).max(0.01) / (to - from) as f64;
            chunk = ((CHUNK_MS / per_row) as usize).clamp(CHUNK_BOUNDS.0, CHUNK_BOUNDS.1);
            match result {
                Ok(values) => {
                    let rows = values.iter().map(Screened::from_json).collect();
                    model.dispatch(Action::Screened { run, from, rows });
                }
                Err(why) => {
                    model.dispatch(Action::ScreenFailed(tf(
                        bridge.lang,
                        "screen_failed",
                        &[("why", &why)],
                    )));
                    return;
                }
            }
            from = to;
        }
    });
}

fn status_label(l: Lang, s: Option<&Screened>) -> (&'static str, &'static str) {
    match s.map(|s| s.status) {
        Some(Status::LikelyListed) => ("dus-matched", t(l, "status.likely_listed")),
        Some(Status::Check) => ("dus-open", t(l, "status.check")),
        Some(Status::NoMatch) => ("dus-ruled-out", t(l, "status.no_match")),
        None => ("dus-muted", t(l, "status.none")),
    }
}

/// The item as the user's columns describe it (name, then description).
fn item_text(model: &Model, row: usize) -> (String, String) {
    let cell = |kind: &str| {
        model
            .columns
            .get(kind)
            .and_then(|c| model.table()?.rows.get(row)?.get(c).cloned())
            .unwrap_or_default()
    };
    (cell("name"), cell("description"))
}

/// Move the keyboard focus to a row of the list.
fn focus_row(root: &NodeRef, row: usize) {
    if let Some(el) = root.cast::<web_sys::Element>().and_then(|r| {
        r.query_selector(&format!("tr[data-row=\"{row}\"]"))
            .ok()
            .flatten()
    }) {
        let _ = el.unchecked_into::<web_sys::HtmlElement>().focus();
    }
}

#[derive(Properties, PartialEq)]
pub struct ReviewProps {
    pub model: ModelHandle,
    pub bridge: Bridge,
    pub root: NodeRef,
}

fn row_view(p: &ReviewProps, row: usize, focusable: bool, page: &[usize]) -> Html {
    let model = &p.model;
    let l = p.bridge.lang;
    let screened = model.screened.get(row).and_then(Option::as_ref);
    let review = &model.reviews[row];
    let (class, status) = status_label(l, screened);
    let (name, description) = item_text(model, row);
    let first = model.first_candidate(row);
    let dispatch = |a: Action| {
        let m = model.clone();
        Callback::from(move |_: MouseEvent| m.dispatch(a.clone()))
    };
    let widget = |action: &'static str, code: String| {
        let root = p.root.clone();
        Callback::from(move |_: MouseEvent| {
            if let Some(el) = root.cast::<web_sys::Element>() {
                ask_widget(&el, action, &code);
            }
        })
    };
    let onkeydown = {
        let m = model.clone();
        let root = p.root.clone();
        let page = page.to_vec();
        let first = first.clone();
        Callback::from(move |e: KeyboardEvent| {
            // Keys act on the row itself, not while typing a note inside it (Yew delegates
            // events, so the row is told by the target's tag, not by currentTarget).
            let on_row = e
                .target()
                .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                .is_some_and(|el| el.tag_name() == "TR");
            if !on_row {
                return;
            }
            let at = page.iter().position(|&r| r == row).unwrap_or(0);
            let go = |to: usize| {
                m.dispatch(Action::Focus(to));
                focus_row(&root, to);
            };
            match e.key().as_str() {
                "ArrowDown" if at + 1 < page.len() => go(page[at + 1]),
                "ArrowUp" if at > 0 => go(page[at - 1]),
                "c" | "C" => {
                    if let Some(code) = &first {
                        m.dispatch(Action::Decide(row, Decision::Listed(code.clone())))
                    }
                }
                "r" | "R" => {
                    if let Some(code) = &first {
                        m.dispatch(Action::Reject(row, code.clone()))
                    }
                }
                "n" | "N" => m.dispatch(Action::Decide(row, Decision::NotListed)),
                "u" | "U" => m.dispatch(Action::Decide(row, Decision::Open)),
                "Enter" => {
                    if let (Some(code), Some(el)) = (&first, root.cast::<web_sys::Element>()) {
                        ask_widget(&el, "entry", code);
                    }
                }
                _ => return,
            }
            e.prevent_default();
        })
    };
    let on_note = {
        let m = model.clone();
        Callback::from(move |e: Event| {
            let input: web_sys::HtmlInputElement = e.target_unchecked_into();
            m.dispatch(Action::SetNote(row, input.value()));
        })
    };
    let decided = match &review.decision {
        Decision::Open => t(l, "decided.open").to_string(),
        Decision::Listed(code) => tf(l, "decided.listed", &[("code", code)]),
        Decision::NotListed => t(l, "decided.not_listed").to_string(),
    };
    html! {
        <tr data-row={row.to_string()} tabindex={if focusable { "0" } else { "-1" }} {onkeydown}
            onfocus={{ let m = model.clone(); Callback::from(move |_: FocusEvent| if m.focus != Some(row) { m.dispatch(Action::Focus(row)) }) }}>
            <td>{row + 1}</td>
            <td><strong>{truncate(&name, 120)}</strong>{if description.is_empty() { html!{} } else { html!{ <span class="dus-muted">{" "}{truncate(&description, 160)}</span> } }}</td>
            <td><span class={classes!("dus-ck-status", class)}>{status}</span></td>
            <td>{screened.map(|s| html! {
                <ul class="dus-cat-candidates">
                    {for s.candidates.iter().map(|c| html! {
                        <li class={classes!(review.rejected.contains(&c.code).then_some("dus-rejected"))}>
                            <button type="button" class="dus-link" onclick={widget("entry", c.code.clone())} aria-label={tf(l, "open_entry", &[("code", &c.code)])}>{&c.code}</button>
                            {" "}<span lang="en">{truncate(&c.heading, 100)}</span>
                            {if review.rejected.contains(&c.code) { html!{ <em>{" ("}{t(l, "rejected")}{")"}</em> } } else { html!{} }}
                            {if c.why.is_empty() { html!{} } else { html!{ <span class="dus-muted">{" — "}{c.why.join(", ")}</span> } }}
                            {c.caution.as_ref().map(|x| html!{ <p class="dus-caution">{x}</p> }).unwrap_or_default()}
                        </li>
                    })}
                    {for s.cautions.iter().chain(&s.notices).map(|x| html! { <li class="dus-caution">{x}</li> })}
                </ul>
            }).unwrap_or_default()}</td>
            <td>
                <p>{decided}</p>
                <div class="dus-actions">
                    {first.as_ref().map(|code| html! { <>
                        <button type="button" onclick={dispatch(Action::Decide(row, Decision::Listed(code.clone())))}>{tf(l, "confirm", &[("code", code)])}</button>
                        <button type="button" onclick={dispatch(Action::Reject(row, code.clone()))}>{tf(l, "reject", &[("code", code)])}</button>
                        <button type="button" onclick={widget("checklist", code.clone())}>{t(l, "checklist")}</button>
                    </> }).unwrap_or_default()}
                    <button type="button" onclick={dispatch(Action::Decide(row, Decision::NotListed))}>{t(l, "not_listed")}</button>
                    {if review.decision == Decision::Open { html!{} } else { html!{ <button type="button" onclick={dispatch(Action::Decide(row, Decision::Open))}>{t(l, "undo")}</button> } }}
                </div>
                <label class="dus-sr-only" for={format!("dus-cat-note-{row}")}>{t(l, "note")}</label>
                <input id={format!("dus-cat-note-{row}")} type="text" placeholder={t(l, "note")} value={review.note.clone()} onchange={on_note} />
            </td>
        </tr>
    }
}

fn summary(model: &Model, l: Lang) -> String {
    let n = |s: Status| {
        model
            .screened
            .iter()
            .flatten()
            .filter(|x| x.status == s)
            .count()
    };
    let decided = model
        .reviews
        .iter()
        .filter(|r| r.decision != Decision::Open)
        .count();
    count(
        l,
        "summary",
        &[
            ("likely", n(Status::LikelyListed)),
            ("check", n(Status::Check)),
            ("none", n(Status::NoMatch)),
            ("decided", decided),
        ],
    )
}

fn controls(model: &ModelHandle, l: Lang) -> Html {
    let on_filter = {
        let m = model.clone();
        Callback::from(move |e: Event| {
            let s: web_sys::HtmlSelectElement = e.target_unchecked_into();
            let f = match s.value().as_str() {
                "undecided" => Filter::Undecided,
                v => Status::parse(v).map_or(Filter::All, Filter::Status),
            };
            m.dispatch(Action::SetFilter(f));
        })
    };
    let on_order = {
        let m = model.clone();
        Callback::from(move |e: Event| {
            let s: web_sys::HtmlSelectElement = e.target_unchecked_into();
            m.dispatch(Action::SetOrder(if s.value() == "status" {
                Order::Status
            } else {
                Order::File
            }));
        })
    };
    let filter_value = match model.filter {
        Filter::All => "all",
        Filter::Undecided => "undecided",
        Filter::Status(s) => s.as_str(),
    };
    html! {
        <div class="dus-cat-controls">
            <p class="dus-field">
                <label for="dus-cat-filter">{t(l, "filter")}</label>
                <select id="dus-cat-filter" onchange={on_filter}>
                    {for [("all", t(l, "filter.all")), ("likely_listed", t(l, "status.likely_listed")), ("check", t(l, "status.check")), ("no_match", t(l, "status.no_match")), ("undecided", t(l, "filter.undecided"))]
                        .into_iter().map(|(v, label)| html! { <option value={v} selected={v == filter_value}>{label}</option> })}
                </select>
            </p>
            <p class="dus-field">
                <label for="dus-cat-order">{t(l, "order")}</label>
                <select id="dus-cat-order" onchange={on_order}>
                    <option value="file" selected={model.order == Order::File}>{t(l, "order.file")}</option>
                    <option value="status" selected={model.order == Order::Status}>{t(l, "order.status")}</option>
                </select>
            </p>
        </div>
    }
}

/// The export's header and rows: the user's columns, then the tool's.
fn export_table(model: &Model, bridge: &Bridge) -> (Vec<String>, Vec<Vec<String>>) {
    let Some(table) = model.table() else {
        return (Vec::new(), Vec::new());
    };
    let (version, date) = bridge.dataset();
    // A re-opened export already holds the tool's columns: replace them, don't repeat them.
    let own = crate::detect_export(&table.headers).map_or(table.headers.len(), |c| c.user_columns);
    let headers = crate::write::export_headers(&table.headers[..own]);
    let rows = table
        .rows
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let mut out: Vec<String> = (0..own)
                .map(|c| r.get(c).cloned().unwrap_or_default())
                .collect();
            out.extend(export_cells(
                model.screened.get(i).and_then(Option::as_ref),
                &model.reviews[i],
            ));
            out.push(version.clone());
            out.push(date.clone());
            out
        })
        .collect();
    (headers, rows)
}

/// Hand the bytes to the browser as a download (a blob: URL; nothing leaves the device).
fn download(bytes: &[u8], name: &str, mime: &str) -> Result<(), JsValue> {
    let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(bytes));
    let opts = web_sys::BlobPropertyBag::new();
    opts.set_type(mime);
    let blob = web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &opts)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob)?;
    let doc = web_sys::window()
        .and_then(|w| w.document())
        .ok_or("no document")?;
    let a: web_sys::HtmlAnchorElement = doc.create_element("a")?.unchecked_into();
    a.set_href(&url);
    a.set_download(name);
    a.click();
    web_sys::Url::revoke_object_url(&url)
}

/// The export in one format: "csv" (comma), "csv;" (semicolon, for German and French
/// Excel), "xlsx" or "json".
fn export(m: &ModelHandle, bridge: &Bridge, format: &str) {
    let (headers, rows) = export_table(m, bridge);
    let name = &m.file_name;
    let base = name.rsplit_once('.').map_or(name.as_str(), |(b, _)| b);
    let stem = format!(
        "{}-screened",
        if base.is_empty() { "catalogue" } else { base }
    );
    let written = match format {
        "xlsx" => crate::write_xlsx(&headers, &rows, "Screened").map(|b| {
            (
                b,
                "xlsx",
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            )
        }),
        "json" => crate::write_json(&headers, &rows).map(|b| (b, "json", "application/json")),
        "csv;" => crate::write_csv(&headers, &rows, crate::Delimiter::Semicolon)
            .map(|b| (b, "csv", "text/csv")),
        _ => crate::write_csv(&headers, &rows, crate::Delimiter::Comma)
            .map(|b| (b, "csv", "text/csv")),
    };
    match written {
        Ok((bytes, ext, mime)) => {
            let _ = download(&bytes, &format!("{stem}.{ext}"), mime);
        }
        Err(e) => m.dispatch(Action::Failed(e.to_string())),
    }
}

fn export_buttons(model: &ModelHandle, bridge: &Bridge) -> Html {
    let button = |label: &'static str, format: &'static str| {
        let m = model.clone();
        let bridge = bridge.clone();
        let onclick = Callback::from(move |_: MouseEvent| export(&m, &bridge, format));
        html! { <button type="button" {onclick}>{label}</button> }
    };
    html! {
        <p class="dus-actions">
            {button("CSV (,)", "csv")}
            {button("CSV (;)", "csv;")}
            {button("Excel (.xlsx)", "xlsx")}
            {button("JSON", "json")}
        </p>
    }
}

#[function_component(ReviewStep)]
pub fn review_step(p: &ReviewProps) -> Html {
    let model = &p.model;
    let l = p.bridge.lang;
    let total = model.row_count();
    let screening = model.stage == Stage::Screening;
    let cancel = {
        let run = model.run;
        let m = model.clone();
        Callback::from(move |_| {
            CANCELLED_RUN.with(|c| c.set(run));
            m.dispatch(Action::Cancel);
        })
    };
    let visible = model.visible();
    let page: Vec<usize> = visible
        .iter()
        .copied()
        .skip(model.page * PAGE_ROWS)
        .take(PAGE_ROWS)
        .collect();
    let focus = model
        .focus
        .filter(|f| page.contains(f))
        .or(page.first().copied());
    let pages = visible.len().div_ceil(PAGE_ROWS);
    let go_page = |to: usize| {
        let m = model.clone();
        Callback::from(move |_: MouseEvent| m.dispatch(Action::Page(to)))
    };
    let restart = {
        let m = model.clone();
        Callback::from(move |_| m.dispatch(Action::Restart))
    };
    html! {
        <section class="dus-cat-review">
            <p><strong>{&model.file_name}</strong></p>
            {if screening { html! {
                <div class="dus-cat-progress">
                    <label for="dus-cat-progress">{count(l, "screening", &[("done", model.done), ("count", total)])}</label>
                    <progress id="dus-cat-progress" max={total.to_string()} value={model.done.to_string()}></progress>
                    <button type="button" onclick={cancel}>{t(l, "cancel")}</button>
                </div>
            } } else { html! {} }}
            {if model.cancelled { html! { <p class="dus-caution" role="status">{count(l, "cancelled", &[("done", model.done), ("count", total)])}</p> } } else { html! {} }}
            {model.error.as_ref().map(|e| html! { <p class="dus-error" role="alert">{e}</p> }).unwrap_or_default()}
            <p role="status" class="dus-cat-summary">{summary(model, l)}</p>
            // The list comes once the screening is done (or cancelled): rendering it after
            // every chunk would cost the page more than the screening itself.
            if !screening {
            {controls(model, l)}
            <p class="dus-muted">{t(l, "keys")}</p>
            <div class="dus-cat-scroll">
                <table class="dus-cat-table">
                    <thead><tr>
                        <th scope="col">{t(l, "th.row")}</th>
                        <th scope="col">{t(l, "th.item")}</th>
                        <th scope="col">{t(l, "th.status")}</th>
                        <th scope="col">{t(l, "th.candidates")}</th>
                        <th scope="col">{t(l, "th.decision")}</th>
                    </tr></thead>
                    <tbody>{for page.iter().map(|&r| row_view(p, r, Some(r) == focus, &page))}</tbody>
                </table>
            </div>
            {if pages > 1 { html! {
                <p class="dus-actions">
                    <span>{count(l, "more_rows", &[("shown", page.len()), ("count", visible.len())])}</span>
                    <button type="button" disabled={model.page == 0} onclick={go_page(model.page.saturating_sub(1))}>{t(l, "prev_page")}</button>
                    <button type="button" disabled={model.page + 1 >= pages} onclick={go_page(model.page + 1)}>{t(l, "next_page")}</button>
                </p>
            } } else { html! {} }}
            <section class="dus-cat-export" aria-labelledby="dus-cat-export">
                <h3 id="dus-cat-export">{t(l, "export")}</h3>
                <p class="dus-muted">{t(l, "export_hint")}</p>
                {export_buttons(model, &p.bridge)}
            </section>
            }
            <p><button type="button" onclick={restart}>{t(l, "another")}</button></p>
        </section>
    }
}
