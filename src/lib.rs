//! dualuse-screener: the dataset embedded at build time, the headless JS API and the Yew UI.
//!
//! The pure core lives in the `dualuse-core` crate (core/). This crate adds only what needs
//! the compiled data or the browser: `dataset()` here; `api` and `ui` on wasm32 only.

use std::sync::OnceLock;

pub use dualuse_core as core;
pub use dualuse_core::Dataset;

static BLOB: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/dataset.bin"));
static DATASET: OnceLock<Dataset> = OnceLock::new();

/// The embedded dataset, decoded on first use.
pub fn dataset() -> &'static Dataset {
    DATASET.get_or_init(|| {
        Dataset::from_bytes(BLOB).expect("build.rs wrote a blob this code can read")
    })
}

/// Size of the embedded blob in bytes (for benchmarks and size reports).
pub fn dataset_blob_len() -> usize {
    BLOB.len()
}

pub mod i18n;
pub mod state;

#[cfg(target_arch = "wasm32")]
pub mod api;
#[cfg(target_arch = "wasm32")]
pub mod ui;
