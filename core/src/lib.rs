//! dualuse-core: the pure core of dualuse-screener.
//!
//! Plain Rust with no DOM, no wasm-bindgen and no I/O: the data model, the data-file parser
//! and validator, the search index and query engine, the screening rules and the session
//! record. It builds and is tested on the host; the wasm crate and the build script depend
//! on it. The one exception, `compile::read_data_dir` (build time), reads data/ for the host tools
//! (build.rs, validate-data) and is never called from the wasm.

// Two halves, each a folder: what runs at build time (data files to a validated Dataset) and
// what answers at run time (Dataset to answers). Both stand on the data model and the code
// helpers below. The modules keep their paths at the top (`dualuse_core::assess`, ...).
pub mod answer;
pub mod build;

pub mod codes;
pub mod model;
pub mod text;

pub use answer::{
    assess, assess_input, catalogue, checklist, index, messages, provenance, query_hints,
    questions, search, session, views,
};
pub use build::{annex, compile, destinations, import, records};
pub use model::columns;

pub use model::Dataset;
