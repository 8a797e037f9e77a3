//! Build time: the data files of data/ to a validated `Dataset`. Runs on the host only, in
//! build.rs (the dataset embedded in the wasm), validate-data, xtask and the tests.
//!
//! - `records`: the record format the data files share (`key: value` blocks).
//! - `annex`: Annex I entries, their items and notes, from data/annex-i/.
//! - `destinations`: countries, UGEAs, sanctions, embargoes and authorities.
//! - `question_files`: the guided questions and the screening rules.
//! - `checklist_files`: the checklist's overrides and plain-language questions.
//! - `compile`: every file read, checked and put together; errors name file and line.
//! - `import`: the Annex I text from the consolidated Regulation to data/annex-i/.
//!
//! Build time may use answer/ (the rule language's parser, the checklist built from the
//! text, to check the data against them); answer/ never uses build/.

pub mod annex;
pub mod checklist_files;
pub mod compile;
pub mod destinations;
pub mod import;
pub mod question_files;
pub mod records;
