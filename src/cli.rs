//! The command line. The doc comments here are the `--help` text.

use clap::{Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

use crate::quarter::Quarter;

const EXIT_CODES: &str = "\
Exit codes:
  0  report written, no submission rejected
  3  report written, some submission rejected (see the sheet 'Kiểm tra dữ liệu')
  1  no report written (the submissions folder is missing or empty, a baseline
     could not be read, another run holds the lock, the report in place
     accepted more units (see --replace), or the reports folder could not be
     written); the report in place is untouched
  2  bad arguments or config (the command line, dvctt.toml, the roster, the
     wording, reports/unusual-accepted.txt)";

/// Consolidates the quarterly reports of level-4 online public services
/// (DVCTT mức độ 4) sent by ministries and provinces, and lists the units
/// lagging behind the target.
#[derive(Debug, Parser)]
#[command(name = "dvctt", version, after_help = EXIT_CODES)]
pub struct Cli {
    /// Settings file. Default: dvctt.toml in the working folder if present,
    /// else the built-in defaults.
    #[arg(long, global = true, value_name = "FILE")]
    pub config: Option<PathBuf>,

    /// Log format on stderr. RUST_LOG sets the level (default: info).
    #[arg(long, global = true, value_enum, default_value_t = LogFormat::Text)]
    pub log_format: LogFormat,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LogFormat {
    Text,
    Json,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Reads every file of a quarter's submissions folder and writes the
    /// consolidated workbook, the lagging list and summary.json.
    #[command(after_help = EXIT_CODES)]
    Run(RunArgs),
    /// Reads and checks single files as the quarterly run would, prints the
    /// findings and writes nothing: what a unit runs before sending.
    #[command(after_help = EXIT_CODES)]
    Check(CheckArgs),
    /// Checks the settings (dvctt.toml, the roster, the wording); exit 2 names
    /// the bad key and its line.
    Config(ConfigArgs),
    /// Writes the submission form: for one unit, for every unit, or blank
    /// (the unit chosen from a drop-down).
    Template(TemplateArgs),
    /// Reads one file within limits and prints what was read as JSON: how
    /// `run` and `check` read each file, in a process of its own.
    #[command(name = "read-one", hide = true)]
    ReadOne(ReadOneArgs),
}

#[derive(Debug, clap::Args)]
pub struct ReadOneArgs {
    /// The name the file is known by in findings.
    #[arg(long)]
    pub name: String,
    /// The limits, as JSON.
    #[arg(long)]
    pub limits: String,
    /// The quarter being run and the run's date, as JSON.
    #[arg(long)]
    pub context: String,
    pub path: PathBuf,
}

#[derive(Debug, clap::Args)]
pub struct TemplateArgs {
    /// The quarter the form is for; left for the unit to write when not given.
    #[arg(long)]
    pub quarter: Option<Quarter>,

    /// The unit's code: its name and code are filled in.
    #[arg(long, value_name = "CODE", conflicts_with = "all")]
    pub unit: Option<String>,

    /// One form per unit of the roster (valid in --quarter when given).
    #[arg(long)]
    pub all: bool,

    /// Where the forms go.
    #[arg(long, value_name = "DIR")]
    pub out: PathBuf,
}

#[derive(Debug, clap::Args)]
pub struct ConfigArgs {
    /// Print the effective config, every default filled in.
    #[arg(long)]
    pub print: bool,
}

#[derive(Debug, clap::Args)]
pub struct RunArgs {
    /// The quarter, as 2020-Q1. Default: the quarter that ended most recently
    /// before today, so a cron line needs no arguments.
    #[arg(long)]
    pub quarter: Option<Quarter>,

    /// The folder of submissions. Default: submissions/<quarter>.
    #[arg(long, value_name = "DIR")]
    pub submissions: Option<PathBuf>,

    /// Where reports go, one folder per quarter. The previous quarter's
    /// summary.json (or baseline.xlsx) is read from here.
    #[arg(long, value_name = "DIR", default_value = "reports")]
    pub reports: PathBuf,

    /// The previous quarter's figures from a workbook in the appendix layout
    /// (or a summary.json), instead of reports/<previous quarter>/.
    #[arg(long, value_name = "FILE")]
    pub baseline: Option<PathBuf>,

    /// Do everything but write: print what would be written.
    #[arg(long)]
    pub dry_run: bool,

    /// Replace the quarter's report even when it accepted more units than
    /// this run does (the replaced report is kept under truoc/).
    #[arg(long)]
    pub replace: bool,
}

#[derive(Debug, clap::Args)]
pub struct CheckArgs {
    /// The quarter the files should report; unchecked when not given.
    #[arg(long)]
    pub quarter: Option<Quarter>,

    /// The files to check: workbooks, folders (walked), `.zip` archives or saved `.eml` e-mails.
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,
}
