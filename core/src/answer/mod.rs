//! Answer time: from a `Dataset` to what the user sees. Runs in the browser (the wasm) as
//! well as in the native tests; no I/O.
//!
//! - `search`, `index`, `query_hints`: a query to ranked entries.
//! - `questions`, `checklist`: the guided questions and an entry's checklist, and what the
//!   answers establish.
//! - `assess` (and `assess_input`, its input from the JS API): the verdict, stage by stage.
//! - `catalogue`: a whole product list screened row by row.
//! - `views`: the JS API's shapes; `messages`: the texts in three languages;
//!   `session`, `provenance`: the record of a screening and its sources.

pub mod assess;
pub mod assess_input;
pub mod catalogue;
pub mod checklist;
pub mod index;
pub mod messages;
pub mod provenance;
pub mod query_hints;
pub mod questions;
pub mod search;
pub mod session;
pub mod views;
