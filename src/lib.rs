//! dvctt: the quarterly consolidation of level-4 online public services
//! reported by Vietnam's ministries and provinces.
//!
//! The pipeline, one module per stage: `read` (a file into a `Submission`,
//! in the reader processes of `pool`), `check` (what is wrong with a
//! submission), `intake` (a whole folder, every file accounted for),
//! `baseline` and `history` (earlier quarters), `compare` (the finished
//! `QuarterReport`, every decision taken once), `report` (the files,
//! rendered only). `pipeline` runs them in that order, in memory, and makes
//! the run `manifest`; the commands (`cmd`) put the result in place under
//! `reports_dir`, or compare it with the report in place.

pub mod baseline;
pub mod check;
pub mod cli;
pub mod cmd;
pub mod collate;
pub mod collect;
pub mod compare;
pub mod config;
pub mod digest;
pub mod failure;
pub mod finding;
pub mod form;
pub mod history;
pub mod intake;
pub mod legacy;
pub mod letter_template;
pub mod man;
pub mod manifest;
pub mod parse_error;
pub mod pipeline;
pub mod pool;
pub mod quarter;
pub mod read;
pub mod regular_file;
pub mod report;
pub mod reports_dir;
pub mod roster;
pub mod submission;
pub mod text;
pub mod unusual;
pub mod wording;
