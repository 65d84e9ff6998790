//! dvctt: the quarterly consolidation of level-4 online public services
//! reported by Vietnam's ministries and provinces.
//!
//! The pipeline, one module per stage: `read` (a file into a `Submission`),
//! `roster` (who must report), `check` (what is wrong with a submission),
//! `intake` (a whole folder, every file accounted for), `baseline` and
//! `compare` (the previous quarter, the lagging units), `report` (the
//! workbooks, summary.json and the text summary). `produce` runs them in
//! that order, in memory, and makes the run `manifest`; `run` puts the
//! result in place, `verify` compares it with the report in place.

pub mod baseline;
pub mod check;
pub mod check_output;
pub mod cli;
pub mod collect;
pub mod compare;
pub mod config;
pub mod digest;
pub mod failure;
pub mod finding;
pub mod history;
pub mod intake;
pub mod legacy;
pub mod letter;
pub mod lock;
pub mod man;
pub mod manifest;
pub mod parse_error;
pub mod produce;
pub mod quarter;
pub mod read;
pub mod report;
pub mod reports_file;
pub mod roster;
pub mod run;
pub mod submission;
pub mod summary_file;
pub mod template;
pub mod text;
pub mod unusual;
pub mod verify;
pub mod wording;
