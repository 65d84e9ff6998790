//! The commands, wired from the stages. Failures that stop a command are
//! values here; `main` turns them into one line on stderr and an exit code.

use std::path::Path;

use crate::baseline;
use crate::cli::{CheckArgs, ConfigArgs, RunArgs, TemplateArgs};
use crate::config::Settings;
use crate::finding::Finding;
use crate::history;
use crate::intake::{FileOutcome, Verdict, take_argument, take_folder};
use crate::lock::RunLock;
use crate::quarter::Quarter;
use crate::report::{self, InPlace, Installed, QuarterReport, plain_summary};

pub use crate::failure::Failure;

/// What a finished command found: `Rejected` exits 3.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Clean,
    Rejected,
}

/// The environment variable that fixes "today" for a test (or to re-run a
/// past day's cron job): `DVCTT_TODAY=2026-11-23`. Unset: the local date.
pub const TODAY_VARIABLE: &str = "DVCTT_TODAY";

/// Today's date, which picks the quarter a run with no `--quarter` reports.
pub fn today() -> Result<chrono::NaiveDate, Failure> {
    match std::env::var(TODAY_VARIABLE) {
        Ok(text) => chrono::NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").map_err(|_| {
            Failure::Usage(format!(
                "{TODAY_VARIABLE}='{}' is not a date written 2026-11-23",
                text.escape_debug()
            ))
        }),
        Err(_) => Ok(chrono::Local::now().date_naive()),
    }
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
    if folder_is_empty(&submissions)? {
        return Err(Failure::EmptyFolder(submissions));
    }
    // Held until the run returns; a dry run writes nothing and needs none.
    let _lock = match args.dry_run {
        true => None,
        false => {
            let lock = RunLock::acquire(&args.reports)?;
            report::recover(&args.reports)?;
            Some(lock)
        }
    };
    let files = take_folder(&submissions, settings, quarter, today).map_err(Failure::NoReport)?;
    if files.is_empty() {
        return Err(Failure::EmptyFolder(submissions));
    }
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
    let outcome = match report.any_rejected() {
        true => Outcome::Rejected,
        false => Outcome::Clean,
    };
    let dir = args.reports.join(quarter.to_string());
    let (in_place, mut actions) = match InPlace::read(&dir) {
        Ok(Some(p)) => {
            let lines = p.changes(&report).lines(quarter);
            (Some(p), lines)
        }
        Ok(None) => (None, Vec::new()),
        Err(unreadable) => (None, vec![unreadable]),
    };
    let before = in_place.as_ref().map_or(0, InPlace::accepted);
    let after = report.totals(None).accepted;
    if before > after && !args.replace {
        actions.push(format!(
            "không thay báo cáo {}: báo cáo đang có chấp nhận {before} đơn vị, lần chạy này {after} (thêm --replace để thay)",
            dir.display()
        ));
        print!("{}", plain_summary(&report, &actions));
        return Err(Failure::WouldWorsen {
            quarter,
            before,
            after,
        });
    }
    if !args.dry_run {
        let installed = report::install(&args.reports, quarter, &rendered)?;
        actions.extend(done(&dir, &rendered, &installed));
    } else if report::unchanged(&dir, &rendered) {
        actions.extend(done(&dir, &rendered, &Installed::Unchanged));
    } else {
        actions.extend(planned(&dir, &rendered));
    }
    print!("{}", plain_summary(&report, &actions));
    Ok(outcome)
}

/// Whether the folder holds no entry at all. Listed once more by the intake;
/// this only keeps an empty folder from taking the lock.
fn folder_is_empty(dir: &Path) -> Result<bool, Failure> {
    let mut entries = std::fs::read_dir(dir).map_err(|e| {
        Failure::NoReport(format!(
            "cannot read the submissions folder {}: {e}",
            dir.display()
        ))
    })?;
    Ok(entries.next().is_none())
}

/// What a dry run says it would write.
fn planned(dir: &Path, rendered: &[(String, Vec<u8>)]) -> Vec<String> {
    let mut lines: Vec<String> = rendered
        .iter()
        .map(|(name, bytes)| {
            let path = dir.join(name);
            let verb = match path.exists() {
                true => "sẽ thay",
                false => "sẽ ghi",
            };
            format!("{verb} {} ({} byte)", path.display(), bytes.len())
        })
        .collect();
    lines.push("chạy thử (--dry-run): không ghi gì".to_string());
    lines
}

/// What a run says it wrote, or that it had nothing to write.
fn done(dir: &Path, rendered: &[(String, Vec<u8>)], installed: &Installed) -> Vec<String> {
    if *installed == Installed::Unchanged {
        return vec![format!(
            "báo cáo {} đang có giống hệt từng byte: không ghi gì",
            dir.display()
        )];
    }
    let mut lines: Vec<String> = rendered
        .iter()
        .map(|(name, _)| format!("đã ghi {}", dir.join(name).display()))
        .collect();
    if let Installed::Replaced { archive } = installed {
        tracing::info!(dir = %dir.display(), "replaced the earlier report of this quarter");
        lines.push(match archive {
            Ok(Some(kept)) => format!(
                "đã thay báo cáo trước; báo cáo cũ được giữ ở {}",
                kept.display()
            ),
            Ok(None) => "đã thay báo cáo trước".to_string(),
            Err(why) => format!("đã thay báo cáo trước; chưa lưu được báo cáo cũ: {why}"),
        });
    }
    lines
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
            None => roster.current().map(Some).collect(),
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
        let files = take_argument(path, settings, args.quarter, today).map_err(Failure::Usage)?;
        for file in &files {
            print!("{}", describe(file, settings));
        }
        // A rejected file, or nothing accepted (a PDF, an empty archive), fails.
        if files.iter().any(|f| f.verdict == Verdict::Rejected)
            || !files.iter().any(|f| f.verdict == Verdict::Accepted)
        {
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
