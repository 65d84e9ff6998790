//! One integration binary: every test runs the built `dvctt` on workbooks it
//! writes, and reads the outputs back.

// Truncating casts in the tests are the rows and columns of the small
// workbooks they write and counts of a few thousand forms at most.
#![allow(clippy::cast_possible_truncation)]

mod support;

mod absent_unit;
mod addressee;
mod appendix_round_trip;
mod attacked;
mod attacked_dates;
mod attacked_reports;
mod blame;
mod check_command;
mod collected;
mod comparison;
mod corrections;
mod empties;
mod explanations;
mod feedback;
mod files;
mod form;
mod further_back;
mod generated;
mod held_back;
mod hostile;
mod layouts;
mod letter;
mod looks;
mod operations;
mod outputs;
mod package;
mod page;
mod peer;
mod pool;
mod property;
mod quarter_bounds;
mod reading;
mod real_files;
mod render;
mod report_set;
mod roster;
mod rules;
mod run_guards;
mod simulation;
mod stray_cells;
mod unpacked;
mod unusual;
mod verify;
mod words;
mod workbook_format;
