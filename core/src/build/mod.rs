//! Build time: the data files of data/ to a validated `Dataset`. Runs on the host only, in
//! build.rs (the dataset embedded in the wasm), validate-data, xtask and the tests.
//!
//! - `records`: the record format the data files share (`key: value` blocks).
//! - `annex`: Annex I entries, their items and notes, from data/annex-i/.
//! - `destinations`: countries, UGEAs, sanctions, embargoes and authorities.
//! - `compile`: every file read, checked and put together; errors name file and line.
//! - `import`: the Annex I text from the consolidated Regulation to data/annex-i/.
//!
//! The guided questions and the checklist questions are still read by `compile_*` functions
//! in answer/questions.rs and answer/checklist.rs, beside the rules that evaluate them.

pub mod annex;
pub mod compile;
pub mod destinations;
pub mod import;
pub mod records;
