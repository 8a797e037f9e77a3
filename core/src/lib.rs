//! dualuse-core: the pure core of dualuse-screener.
//!
//! Plain Rust with no DOM, no wasm-bindgen and no I/O: the data model, the data-file parser
//! and validator, the search index and query engine, the screening rules and the session
//! record. It builds and is tested on the host; the wasm crate and the build script depend
//! on it. The one exception, `compile::read_data_dir`, reads data/ for the host tools
//! (build.rs, validate-data) and is never called from the wasm.

pub mod annex;
pub mod assess;
pub mod assess_input;
pub mod catalogue;
pub mod checklist;
pub mod codes;
pub mod columns;
pub mod compile;
pub mod destinations;
pub mod import;
pub mod index;
pub mod messages;
pub mod model;
pub mod provenance;
pub mod query_hints;
pub mod questions;
pub mod records;
pub mod search;
pub mod session;
pub mod text;
pub mod views;

pub use model::Dataset;
