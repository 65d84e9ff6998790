//! The commands, wired from the stages. Failures that stop a command are
//! values here; `main` turns them into one line on stderr and an exit code.

use std::path::Path;

use crate::baseline;
use crate::cli::{CheckArgs, ConfigArgs, RunArgs, TemplateArgs};
use crate::config::Settings;
use crate::finding::Finding;
use crate::history;
use crate::intake::{FileOutcome, Verdict, take_file, take_folder};
use crate::lock::RunLock;
use crate::quarter::Quarter;
use crate::report::{self, QuarterReport, plain_summary};

/// Why a command stopped without doing its work.
#[derive(Debug, thiserror::Error)]
pub enum Failure {
    /// Exit 2: the operator's arguments or settings are wrong.
    #[error("{0}")]
    Usage(String),
    /// Exit 1: no report was written.
    #[error("{0}")]
    NoReport(String),
}

impl Failure {
    pub fn exit_code(&self) -> u8 {
        match self {
            Failure::Usage(_) => 2,
            Failure::NoReport(_) => 1,
        }
    }
}

/// What a finished command found: `Rejected` exits 3.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Clean,
    Rejected,
}

pub fn run(
    args: &RunArgs,
    settings: &Settings,
    today: chrono::NaiveDate,
) -> Result<Outcome, Failure> {
    let quarter = args.quarter.unwrap_or_else(|| Quarter::last_ended(today));
    let submissions = args
        .submissions
        .clone()
        .unwrap_or_else(|| Path::new("submissions").join(quarter.to_string()));
    tracing::info!(%quarter, submissions = %submissions.display(), dry_run = args.dry_run, "run started");
    if !submissions.is_dir() {
        return Err(Failure::NoReport(format!(
            "the submissions folder {} does not exist",
            submissions.display()
        )));
    }
    // Held until the run returns; a dry run writes nothing and needs none.
    let _lock = match args.dry_run {
        true => None,
        false => Some(RunLock::acquire(&args.reports).map_err(Failure::Usage)?),
    };
    let files = take_folder(&submissions, settings, quarter, today).map_err(Failure::NoReport)?;
    log_findings(&files);
    let baseline = baseline::load(
        args.baseline.as_deref(),
        &args.reports,
        quarter,
        &settings.roster,
    )
    .map_err(Failure::NoReport)?;
    let history = history::load(&args.reports, quarter, &settings.roster, baseline.as_ref());
    let accepted = history::Acceptances::load(&args.reports).map_err(Failure::Usage)?;
    let report = QuarterReport::build(quarter, settings, files, baseline, &history, &accepted)
        .map_err(Failure::Usage)?;
    let rendered = report::render(&report).map_err(Failure::NoReport)?;
    let dir = args.reports.join(quarter.to_string());
    let replaced = dir.join("summary.json").is_file();
    let mut actions = Vec::new();
    if args.dry_run {
        for (name, bytes) in &rendered {
            let verb = if dir.join(name).exists() {
                "would replace"
            } else {
                "would write"
            };
            actions.push(format!(
                "{verb} {} ({} bytes)",
                dir.join(name).display(),
                bytes.len()
            ));
        }
        actions.push("dry run: nothing was written".to_string());
    } else {
        report::clear_leftovers(&dir);
        for path in report::write(&dir, &rendered).map_err(Failure::NoReport)? {
            actions.push(format!("wrote {}", path.display()));
        }
        if replaced {
            tracing::info!(dir = %dir.display(), "replaced the earlier report of this quarter");
            actions.push(format!("replaced the earlier report of {quarter}"));
        }
    }
    print!("{}", plain_summary(&report, &actions));
    Ok(if report.any_rejected() {
        Outcome::Rejected
    } else {
        Outcome::Clean
    })
}

/// `dvctt config`: checks the settings, and with `--print` shows them.
pub fn config(args: &ConfigArgs, settings: &Settings) -> Result<Outcome, Failure> {
    if args.print {
        print!("{}", settings.config.to_toml());
    } else {
        println!(
            "config OK: {} units in the roster",
            settings.roster.units().len()
        );
    }
    Ok(Outcome::Clean)
}

/// `dvctt template`: the submission forms.
pub fn template(args: &TemplateArgs, settings: &Settings) -> Result<Outcome, Failure> {
    let roster = &settings.roster;
    let units: Vec<Option<&crate::roster::Unit>> = match (&args.unit, args.all) {
        (Some(code), _) => {
            let unit = roster.by_code(code).ok_or_else(|| {
                Failure::Usage(format!("unit code '{code}' is not in the roster"))
            })?;
            vec![Some(unit)]
        }
        (None, true) => match args.quarter {
            Some(q) => roster.units_in(q).map(Some).collect(),
            None => roster
                .units()
                .iter()
                .filter(|u| u.valid_to.is_none())
                .map(Some)
                .collect(),
        },
        (None, false) => vec![None],
    };
    std::fs::create_dir_all(&args.out)
        .map_err(|e| Failure::NoReport(format!("cannot create {}: {e}", args.out.display())))?;
    for unit in units {
        let bytes = crate::template::form_workbook(settings, args.quarter, unit)
            .and_then(|mut book| book.save_to_buffer())
            .map_err(|e| Failure::NoReport(format!("cannot build the form: {e}")))?;
        let path = args
            .out
            .join(crate::template::file_name(args.quarter, unit));
        report::write_atomically(&path, &bytes).map_err(Failure::NoReport)?;
        println!("wrote {}", path.display());
    }
    Ok(Outcome::Clean)
}

pub fn check(
    args: &CheckArgs,
    settings: &Settings,
    today: chrono::NaiveDate,
) -> Result<Outcome, Failure> {
    let mut outcome = Outcome::Clean;
    for path in &args.files {
        if !path.is_file() {
            return Err(Failure::Usage(format!("{} is not a file", path.display())));
        }
        let name = path.file_name().map_or_else(
            || path.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        );
        let file = take_file(path, &name, settings, args.quarter, today);
        print!("{}", describe(&file, settings));
        if file.verdict != Verdict::Accepted {
            outcome = Outcome::Rejected;
        }
    }
    Ok(outcome)
}

fn describe(file: &FileOutcome, settings: &Settings) -> String {
    let unit = file
        .unit
        .as_deref()
        .and_then(|c| settings.roster.by_code(c))
        .map_or(String::new(), |u| format!(" [{} {}]", u.code, u.name));
    let verdict = match file.verdict {
        Verdict::Accepted => "accepted",
        Verdict::Rejected => "rejected",
        Verdict::NotSubmission => "not a submission",
    };
    let mut out = format!("{}: {verdict}{unit}\n", file.file);
    for f in &file.findings {
        let cell = f.cell.as_deref().map_or(String::new(), |c| format!(" {c}"));
        out.push_str(&format!(
            "  {} {}{cell}: {}\n",
            f.severity.as_str(),
            f.rule,
            f.message
        ));
    }
    out
}

fn log_findings(files: &[FileOutcome]) {
    for f in files.iter().flat_map(|f| &f.findings) {
        let Finding {
            file,
            unit,
            cell,
            rule,
            severity,
            ..
        } = f;
        tracing::info!(
            rule = rule.id(),
            severity = severity.as_str(),
            file = file.as_str(),
            unit = unit.as_deref().unwrap_or(""),
            cell = cell.as_deref().unwrap_or(""),
            "finding"
        );
    }
}
