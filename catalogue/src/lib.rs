//! Reading and writing product catalogues for the catalogue view of dualuse-screener:
//! CSV (any common encoding and delimiter), Excel .xlsx and rows pasted from a spreadsheet
//! in; CSV, .xlsx and JSON out. Pure functions on bytes: no I/O, no dataset (this crate is
//! the second wasm module, loaded only when a user opens "Screen a catalogue").

pub mod columns;
pub mod limits;
pub mod model;
pub mod read;
pub mod review;
pub mod table;
pub mod text;
pub mod write;
mod xlsx_out;

#[cfg(target_arch = "wasm32")]
mod api;
/// The catalogue view (Yew), mounted by `mountCatalogue`.
#[cfg(target_arch = "wasm32")]
mod ui;

pub use columns::{guess_columns, Guess};
pub use read::{read_file, read_pasted, Delimiter, Notice, ReadError, ReadOptions, TextEncoding};
pub use table::{Table, Workbook};
pub use write::{detect_export, write_csv, write_json, write_xlsx, ExportColumns, WriteError};
