//! The commands, wired from the stages. Failures that stop a command are
//! values here; `main` turns them into one line on stderr and an exit code.

use std::path::Path;

use crate::cli::{CheckArgs, ConfigArgs, RunArgs, TemplateArgs};
use crate::config::Settings;
use crate::intake::{Verdict, take_argument};
use crate::lock::RunLock;
use crate::manifest::{MANIFEST, Manifest};
use crate::produce::{self, Produced, Sources};
use crate::quarter::Quarter;
use crate::read::Pool;
use crate::report::{self, InPlace, Installed, plain_summary};

pub use crate::failure::Failure;

mod written;
use written::{done, planned};

/// What a finished command found: `Rejected` exits 3.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Clean,
    Rejected,
}

/// The environment variable that fixes "today" for a test (or to re-run a
/// past day's cron job): `DVCTT_TODAY=2026-11-23`. Unset: the local date.
pub const TODAY_VARIABLE: &str = "DVCTT_TODAY";

/// The years `DVCTT_TODAY` may name: every date a run writes (the quarter
/// before, deadlines up to a year on) stays inside Excel's 1900-9999.
const TODAY_YEARS: std::ops::RangeInclusive<i32> = 1901..=9998;

/// Today's date, which picks the quarter a run with no `--quarter` reports.
pub fn today() -> Result<chrono::NaiveDate, Failure> {
    use chrono::Datelike;
    match std::env::var(TODAY_VARIABLE) {
        Ok(text) => chrono::NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d")
            .ok()
            .filter(|d| TODAY_YEARS.contains(&d.year()))
            .ok_or_else(|| {
                Failure::Usage(format!(
                    "{TODAY_VARIABLE}='{}' không phải là ngày viết dạng 2026-11-23, năm từ {} đến {}",
                    text.escape_debug(),
                    TODAY_YEARS.start(),
                    TODAY_YEARS.end()
                ))
            }),
        // Vietnam time, whatever zone the machine runs in.
        Err(_) => Ok(chrono::Utc::now()
            .with_timezone(
                &chrono::FixedOffset::east_opt(crate::collect::VIETNAM_OFFSET_SECONDS)
                    .expect("UTC+7 is a valid offset"),
            )
            .date_naive()),
    }
}

pub fn run(
    args: &RunArgs,
    settings: &Settings,
    today: chrono::NaiveDate,
) -> Result<Outcome, Failure> {
    let inputs = &args.inputs;
    let quarter = inputs.quarter_or_last(today)?;
    let submissions = inputs.submissions_of(quarter);
    tracing::info!(%quarter, submissions = %submissions.display(), dry_run = args.dry_run, "run started");
    produce::submissions_folder(&submissions)?;
    // Held until the run returns; a dry run writes nothing and needs none.
    let _lock = match args.dry_run {
        true => None,
        false => {
            let lock = RunLock::acquire(&inputs.reports)?;
            report::recover(&inputs.reports, keep_replaced(settings))?;
            Some(lock)
        }
    };
    let sources = Sources {
        submissions: &submissions,
        reports: &inputs.reports,
        baseline: inputs.baseline.as_deref(),
    };
    let Produced {
        report,
        mut rendered,
        manifest,
        baseline_warnings,
    } = produce::produce(&sources, settings, quarter, today)?;
    let dir = inputs.reports.join(quarter.to_string());
    keep_manifest_of_same_run(&dir, &manifest, &mut rendered, settings);
    let outcome = match report.any_rejected() {
        true => Outcome::Rejected,
        false => Outcome::Clean,
    };
    let (in_place, mut actions) = match InPlace::read(&dir) {
        Ok(Some(p)) => {
            let lines = p.changes(&report).lines(quarter);
            (Some(p), lines)
        }
        Ok(None) => (None, Vec::new()),
        Err(unreadable) => (None, vec![unreadable]),
    };
    let warnings = baseline_warnings
        .iter()
        .map(|w| format!("CẢNH BÁO: không dùng làm số liệu kỳ trước: {w}"));
    actions.splice(0..0, warnings);
    if let Some(problem) = report::letter_problem(&report) {
        let template = match &settings.config.letter.template {
            Some(path) => path.display().to_string(),
            None => "mẫu có sẵn".to_string(),
        };
        actions.insert(
            0,
            format!(
                "CẢNH BÁO: không soạn được dự thảo công văn, báo cáo vẫn được ghi không kèm công văn: mẫu {template} (khóa letter.template): {problem}"
            ),
        );
    }
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
        let installed =
            report::install(&inputs.reports, quarter, &rendered, keep_replaced(settings))?;
        actions.extend(done(&dir, &rendered, &installed));
    } else if report::unchanged(&dir, &rendered) {
        actions.extend(done(&dir, &rendered, &Installed::Unchanged));
    } else {
        actions.extend(planned(&dir, &rendered));
    }
    print!("{}", plain_summary(&report, &actions));
    Ok(outcome)
}

/// How many replaced reports a quarter keeps (`reports.keep_replaced`).
fn keep_replaced(settings: &Settings) -> usize {
    settings.config.reports.keep_replaced as usize
}

/// A report in place whose manifest differs from this run's only in the
/// run's date was made from the same inputs, with the same outputs: its
/// manifest is kept, so a rerun on another day changes nothing.
fn keep_manifest_of_same_run(
    dir: &Path,
    manifest: &Manifest,
    rendered: &mut [(String, Vec<u8>)],
    settings: &Settings,
) {
    let bound = crate::manifest::max_bytes(&settings.config.limits);
    let Ok(Some(bytes)) = crate::reports_file::read(&dir.join(MANIFEST), bound) else {
        return;
    };
    let Ok(in_place) = Manifest::parse(&bytes) else {
        return;
    };
    if in_place.same_but_date(manifest)
        && let Some((_, mine)) = rendered.iter_mut().find(|(name, _)| name == MANIFEST)
    {
        *mine = bytes;
    }
}

/// `dvctt config`: checks the settings, and with `--print` shows them.
/// The count of units today is the one a run of today's quarter expects.
pub fn config(
    args: &ConfigArgs,
    settings: &Settings,
    today: chrono::NaiveDate,
) -> Result<Outcome, Failure> {
    if args.print {
        print!("{}", settings.config.to_toml());
    } else {
        let now = Quarter::last_ended(today);
        println!(
            "Cấu hình hợp lệ: {} đơn vị trong danh mục, {} đơn vị báo cáo {}",
            settings.roster.units().len(),
            settings.roster.units_in(now).count(),
            now.vietnamese()
        );
    }
    Ok(Outcome::Clean)
}

/// `dvctt template`: the submission forms.
pub fn template(args: &TemplateArgs, settings: &Settings) -> Result<Outcome, Failure> {
    args.quarter.map(crate::cli::within_bounds).transpose()?;
    let roster = &settings.roster;
    let units: Vec<Option<&crate::roster::Unit>> = match (&args.unit, args.all) {
        (Some(code), _) => {
            let unit = roster.by_code(code).ok_or_else(|| {
                let by_name = roster
                    .units()
                    .iter()
                    .find(|u| crate::text::fold(&u.name) == crate::text::fold(code))
                    .map_or(String::new(), |u| format!(" ({} có mã {})", u.name, u.code));
                Failure::Usage(format!(
                    "mã đơn vị '{}' không có trong danh mục{by_name}; --unit nhận mã đơn vị, xem danh sách mã trong templates/roster.toml hoặc trang tính 'Danh sách đơn vị' của mẫu báo cáo",
                    crate::report::shown(code)
                ))
            })?;
            refuse_out_of_period(roster, unit, args.quarter)?;
            vec![Some(unit)]
        }
        (None, true) => match args.quarter {
            Some(q) => roster.units_in(q).map(Some).collect(),
            None => roster.current().map(Some).collect(),
        },
        (None, false) => vec![None],
    };
    std::fs::create_dir_all(&args.out).map_err(|e| {
        Failure::NoReport(format!(
            "không tạo được thư mục {}: {e}",
            args.out.display()
        ))
    })?;
    for unit in units {
        let bytes = crate::template::form_workbook(settings, args.quarter, unit)
            .and_then(|mut book| book.save_to_buffer())
            .map_err(|e| Failure::NoReport(format!("không tạo được mẫu báo cáo: {e}")))?;
        let path = args
            .out
            .join(crate::template::file_name(args.quarter, unit));
        report::write_atomically(&path, &bytes).map_err(Failure::NoReport)?;
        println!("Đã ghi {}", path.display());
    }
    Ok(Outcome::Clean)
}

/// A form for a unit that does not report in the form's quarter (today's,
/// without `--quarter`) would be filed under a unit nobody collects: refused,
/// naming the unit that succeeds it and how to ask for an old quarter.
fn refuse_out_of_period(
    roster: &crate::roster::Roster,
    unit: &crate::roster::Unit,
    quarter: Option<Quarter>,
) -> Result<(), Failure> {
    let reports = match quarter {
        Some(q) => unit.valid_in(q),
        None => unit.valid_to.is_none(),
    };
    if reports {
        return Ok(());
    }
    let span = match (unit.valid_from, unit.valid_to) {
        (Some(from), Some(to)) => format!("từ {} đến {}", from.vietnamese(), to.vietnamese()),
        (None, Some(to)) => format!("đến {}", to.vietnamese()),
        (Some(from), None) => format!("từ {}", from.vietnamese()),
        (None, None) => "mọi quý".to_string(),
    };
    let now = match roster.successor_of(&unit.code) {
        Some(next) if quarter.is_none() => format!(
            "; nay là {} (mã {}): dùng --unit {}",
            next.name, next.code, next.code
        ),
        _ => String::new(),
    };
    let old = unit
        .valid_to
        .or(unit.valid_from)
        .map_or(String::new(), |q| {
            format!("; mẫu cho kỳ cũ: thêm --quarter {q} (một quý đơn vị còn báo cáo)")
        });
    let which = quarter.map_or("hiện nay".to_string(), |q| {
        format!("trong {}", q.vietnamese())
    });
    Err(Failure::Usage(format!(
        "đơn vị {} (mã {}) không báo cáo {which}: chỉ báo cáo {span}{now}{old}",
        unit.name, unit.code
    )))
}

/// The reader processes every file of a command goes through.
fn start_pool(settings: &Settings) -> Result<Pool, Failure> {
    Pool::start(&settings.config.limits).map_err(|e| Failure::NoReport(e.0))
}

pub fn check(
    args: &CheckArgs,
    settings: &Settings,
    today: chrono::NaiveDate,
) -> Result<Outcome, Failure> {
    args.quarter.map(crate::cli::within_bounds).transpose()?;
    let pool = start_pool(settings)?;
    let mut outcome = Outcome::Clean;
    for path in &args.files {
        // No log lines here: a unit reads check's own Vietnamese output.
        let files = take_argument(&pool, path, settings, args.quarter, today)?;
        let now = Quarter::last_ended(today);
        for file in &files {
            print!(
                "{}",
                crate::check_output::describe(file, settings, args.quarter, now)
            );
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
