//! Every file of the submissions folder, read and checked, and each charged to
//! a unit: accepted, rejected with a reason, or named as not a submission.
//! Nothing in the folder is passed over.

use rayon::prelude::*;
use std::path::Path;

mod duplicates;

use crate::check::check;
use crate::cli::ArgumentError;
use crate::collect::names::{Named, units_named};
use crate::collect::{self, Hint, HintKind, Item, Origin, RunBudget};
use crate::config::Settings;
use crate::failure::Failure;
use crate::finding::{Finding, Rule, Severity, has_errors};
use crate::pool::Pool;
use crate::quarter::Quarter;
use crate::read::{ReadContext, Reading};
use crate::submission::{Figures, How, Period, Source, Submission};
use crate::text::escape;
use std::collections::BTreeMap;

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    Accepted,
    Rejected,
    NotSubmission,
    /// A unit's report that a later one of its own for the same quarter
    /// replaced (a correction): neither used nor an error.
    Replaced,
}

/// What became of one file.
#[derive(Debug)]
pub struct FileOutcome {
    pub file: String,
    pub unit: Option<String>,
    pub verdict: Verdict,
    pub submission: Option<Submission>,
    pub findings: Vec<Finding>,
    /// The date (Vietnam time) of the e-mail the file came attached to.
    pub received: Option<chrono::NaiveDate>,
    /// One of a unit's reports equal to another in period and report date,
    /// so that the files' times chose between them (the manifest records
    /// its time).
    pub settled_by_time: bool,
    /// For a file taken out of an archive or e-mail: the size and SHA-256
    /// of the bytes a reader wrote out (the manifest records them).
    pub digest: Option<(u64, String)>,
    /// For a `Replaced` file: the unit's later file that replaced it.
    pub replaced_by: Option<String>,
}

impl FileOutcome {
    /// Where each value of the file was read; the unit from the file's (or
    /// its folder's) name when its content named none.
    pub fn sources(&self) -> BTreeMap<&'static str, Source> {
        let mut sources = self
            .submission
            .as_ref()
            .map(Submission::sources)
            .unwrap_or_default();
        let named = [Rule::UnitFromFileName, Rule::UnitFromFolderName];
        if self.findings.iter().any(|f| named.contains(&f.rule)) {
            let source = Source {
                sheet: None,
                cell: None,
                how: How::FileName,
            };
            sources.insert("unit_name", source);
        }
        sources
    }

    /// The figures, for an accepted file.
    pub fn figures(&self) -> Option<Figures> {
        match self.verdict {
            Verdict::Accepted => self.submission.as_ref()?.counts.figures(),
            _ => None,
        }
    }
}

/// Everything `found` holds taken in: for each found thing, its outcomes
/// (an archive's or e-mail's own and those of everything it held). A batch
/// at a time: containers opened (by the pool's readers, in name order, each
/// charged to the run's `budget`), every workbook read by the pool in one go
/// (so each reader always has its next file waiting), then each checked. A
/// batch ends after `BATCH_UNPACKED` containers, so that no more than that
/// many are unpacked on disk at once. The job's own trouble unpacking (no
/// temporary space) stops the run, naming the path: never a unit's finding.
fn take_all(
    pool: &Pool,
    root: &Path,
    found: Vec<Item>,
    settings: &Settings,
    quarter: Option<Quarter>,
    today: chrono::NaiveDate,
) -> Result<Vec<Vec<FileOutcome>>, Failure> {
    let limits = &settings.config.limits;
    let mut budget = RunBudget::after(root, &found, limits)?;
    let context = read_context(settings, quarter, today);
    let mut taken = Vec::with_capacity(found.len());
    let mut found = found.into_iter().peekable();
    while found.peek().is_some() {
        let mut opened = Vec::new();
        let mut unpacked = 0;
        while opened.len() < BATCH && unpacked < BATCH_UNPACKED {
            let Some(item) = found.next() else { break };
            let one = match item {
                Item::File { path, origin } => {
                    collect::open(pool, &path, origin, limits, &mut budget, &context).map_err(
                        |trouble| Failure::TempSpace {
                            path: trouble.path,
                            reason: trouble.reason,
                        },
                    )?
                }
                decided => collect::Opened::single(decided),
            };
            unpacked += usize::from(one.unpacked());
            opened.push(one);
        }
        taken.extend(take_opened(pool, &opened, settings, quarter, today));
    }
    Ok(taken)
}

/// What the reader must know: the quarter, today, and that quarter's names
/// of the levels (its findings quote the labels in them).
fn read_context(
    settings: &Settings,
    quarter: Option<Quarter>,
    today: chrono::NaiveDate,
) -> ReadContext {
    let context = ReadContext::new(quarter, today);
    let levels = settings.wording.in_quarter(context.quarter).levels();
    context.with_levels(levels)
}

/// How many things found are taken in at once.
const BATCH: usize = 512;
/// How many unpacked archives or e-mails a batch may hold.
const BATCH_UNPACKED: usize = 2;

/// One batch of `take_all`.
fn take_opened(
    pool: &Pool,
    opened: &[collect::Opened],
    settings: &Settings,
    quarter: Option<Quarter>,
    today: chrono::NaiveDate,
) -> Vec<Vec<FileOutcome>> {
    let files: Vec<(&Path, &str)> = opened
        .iter()
        .flat_map(|o| &o.items)
        .filter_map(|item| match item {
            Item::File { path, origin } => Some((path.as_path(), origin.name.as_str())),
            Item::Decided { .. } => None,
        })
        .collect();
    let mut readings = pool
        .read_all(&files, &read_context(settings, quarter, today))
        .into_iter();
    let paired: Vec<Vec<(&Item, Option<Reading>)>> = opened
        .iter()
        .map(|o| {
            o.items
                .iter()
                .map(|item| {
                    let reading = match item {
                        Item::File { .. } => {
                            Some(readings.next().expect("a reading for every file"))
                        }
                        Item::Decided { .. } => None,
                    };
                    (item, reading)
                })
                .collect()
        })
        .collect();
    paired
        .into_par_iter()
        .map(|items| {
            items
                .into_iter()
                .map(|(item, reading)| match (item, reading) {
                    (
                        Item::Decided {
                            origin,
                            rule,
                            message,
                            more,
                        },
                        _,
                    ) => take_decided(origin, (*rule, message), more, settings, quarter),
                    (Item::File { origin, .. }, reading) => take_read(
                        reading.expect("a reading for every file"),
                        origin,
                        settings,
                        quarter,
                    ),
                })
                .collect()
        })
        .collect()
}

/// Checks what was read of one file, as `dvctt check` and `dvctt run` both
/// do; without `quarter`, the sheet was chosen for the current reporting
/// quarter.
fn take_read(
    reading: Reading,
    origin: &Origin,
    settings: &Settings,
    quarter: Option<Quarter>,
) -> FileOutcome {
    let mut findings = reading.findings;
    let mut submission = reading.submission;
    let mut unit = None;
    if let Some(submission) = &mut submission {
        // An extracted file's own time is the extraction's: never used.
        if origin.extracted || origin.modified.is_some() {
            submission.modified = origin.modified;
        }
        // Dates that were not believed matter only where nothing in the
        // file dates it: then they are said.
        if submission.report_date.is_none() {
            for doubt in &origin.doubtful {
                findings.push(Finding::new(&origin.name, Rule::FileImplausibleTime, doubt));
            }
        }
        let checked = check(
            submission,
            &settings.roster,
            quarter,
            &settings.wording,
            &settings.config.checks,
        );
        unit = checked.unit;
        findings.extend(checked.findings);
    }
    // No unit in the content (or no content): the names may say whose it
    // is, so that even an unreadable file is charged to its unit.
    if unit.is_none() && !reading.not_submission {
        unit = unit_from_names(origin, settings, quarter, &mut findings);
    }
    let verdict = if reading.not_submission {
        Verdict::NotSubmission
    } else if has_errors(&findings) {
        Verdict::Rejected
    } else {
        Verdict::Accepted
    };
    outcome(origin, unit, verdict, submission, findings)
}

/// A thing not read: an error among what is said of it rejects it and
/// charges it to the unit its names give (so the unit is `rejected`, never
/// `missing`); warnings alone make it not a submission.
fn take_decided(
    origin: &Origin,
    (rule, message): (Rule, &str),
    more: &[(Rule, String)],
    settings: &Settings,
    quarter: Option<Quarter>,
) -> FileOutcome {
    let mut findings = vec![Finding::new(&origin.name, rule, message)];
    findings.extend(
        more.iter()
            .map(|(rule, message)| Finding::new(&origin.name, *rule, message)),
    );
    if findings.iter().all(|f| f.severity == Severity::Warning) {
        return outcome(origin, None, Verdict::NotSubmission, None, findings);
    }
    let unit = unit_from_names(origin, settings, quarter, &mut findings);
    outcome(origin, unit, Verdict::Rejected, None, findings)
}

fn outcome(
    origin: &Origin,
    unit: Option<String>,
    verdict: Verdict,
    submission: Option<Submission>,
    mut findings: Vec<Finding>,
) -> FileOutcome {
    for finding in &mut findings {
        finding.unit.clone_from(&unit);
    }
    FileOutcome {
        file: origin.name.clone(),
        unit,
        verdict,
        submission,
        findings,
        received: origin.received,
        settled_by_time: false,
        digest: origin.digest.clone(),
        replaced_by: None,
    }
}

/// The unit the nearest name that names one gives (the file's, then the
/// archive's or e-mail's, then the folders'), with the finding that says
/// so; a name naming two reporting units stops the search with
/// `unit.ambiguous`.
fn unit_from_names(
    origin: &Origin,
    settings: &Settings,
    quarter: Option<Quarter>,
    findings: &mut Vec<Finding>,
) -> Option<String> {
    let file = origin.name.as_str();
    for hint in &origin.hints {
        let (rule, what) = match hint.kind {
            HintKind::File => (Rule::UnitFromFileName, "tên tệp"),
            HintKind::Folder => (Rule::UnitFromFolderName, "tên thư mục"),
        };
        match units_named(&settings.roster, &hint.text, quarter) {
            Named::Nobody => continue,
            Named::One(unit) => {
                findings.push(Finding::new(
                    file,
                    rule,
                    format!(
                        "Không xác định được đơn vị từ nội dung tệp; theo {what} “{}”, tệp được tính cho {} ({}).",
                        hint.text, unit.name, unit.code
                    ),
                ));
                return Some(unit.code.clone());
            }
            Named::Several(units) => {
                let named: Vec<String> = units
                    .iter()
                    .map(|u| format!("{} ({})", u.name, u.code))
                    .collect();
                findings.push(Finding::new(
                    file,
                    Rule::UnitAmbiguous,
                    format!(
                        "Không xác định được đơn vị từ nội dung tệp, và {what} “{}” nêu nhiều đơn vị: {}. Tệp không được tính cho đơn vị nào; đề nghị ghi tên đơn vị trong báo cáo.",
                        hint.text,
                        named.join(", ")
                    ),
                ));
                return None;
            }
        }
    }
    None
}

/// What `dvctt check` makes of one argument: a folder walked, an archive or
/// e-mail opened, a workbook read; named as the operator wrote it.
pub fn take_argument(
    pool: &Pool,
    path: &Path,
    settings: &Settings,
    quarter: Option<Quarter>,
    today: chrono::NaiveDate,
) -> Result<Vec<FileOutcome>, Failure> {
    let shown = escape(path.as_os_str().as_encoded_bytes());
    let meta = std::fs::metadata(path).map_err(|source| ArgumentError::NoSuchPath {
        shown: shown.clone(),
        source,
    })?;
    let name = path
        .file_name()
        .map_or(shown, |n| escape(n.as_encoded_bytes()));
    let kind = if meta.is_dir() {
        HintKind::Folder
    } else {
        HintKind::File
    };
    let origin = Origin {
        name: name.clone(),
        hints: vec![Hint { text: name, kind }],
        ..Origin::default()
    };
    let found = if meta.is_dir() {
        collect::walk(path, &origin, settings.config.limits.max_files)?
    } else if meta.is_file() {
        vec![Item::File {
            path: path.to_path_buf(),
            origin,
        }]
    } else {
        vec![collect::not_regular(origin, &meta.file_type())]
    };
    Ok(take_all(pool, path, found, settings, quarter, today)?
        .into_iter()
        .flatten()
        .collect())
}

/// Reads everything in `dir` and its sub-folders, in name order, archives
/// and e-mails opened. Errors only when the folder itself cannot be listed.
pub fn take_folder(
    pool: &Pool,
    dir: &Path,
    settings: &Settings,
    quarter: Quarter,
    today: chrono::NaiveDate,
) -> Result<Taken, Failure> {
    let found = collect::walk(dir, &Origin::default(), settings.config.limits.max_files)?;
    let entries: Vec<Listed> = found
        .iter()
        .map(|item| Listed {
            name: item.origin().name.clone(),
            path: match item {
                Item::File { path, .. } => Some(path.clone()),
                Item::Decided { .. } => None,
            },
            outcomes: 0..0,
        })
        .collect();
    let taken =
        entries
            .into_iter()
            .zip(take_all(pool, dir, found, settings, Some(quarter), today)?);
    let mut outcomes = Vec::new();
    let mut listed = Vec::new();
    for (mut entry, mut gave) in taken {
        entry.outcomes = outcomes.len()..outcomes.len() + gave.len();
        outcomes.append(&mut gave);
        listed.push(entry);
    }
    duplicates::settle_duplicates(&mut outcomes, quarter);
    Ok(Taken { outcomes, listed })
}

/// A submissions folder taken in: every outcome, and the folder's entries
/// as the walk found them, each with the outcomes it gave.
#[derive(Debug)]
pub struct Taken {
    pub outcomes: Vec<FileOutcome>,
    pub listed: Vec<Listed>,
}

/// One entry of the submissions folder: a file (its path, to hash), or a
/// thing not read (a pipe, a link out of the folder); its outcomes are
/// itself, or a container's own and those of everything it held.
#[derive(Debug)]
pub struct Listed {
    pub name: String,
    pub path: Option<std::path::PathBuf>,
    pub outcomes: std::ops::Range<usize>,
}

impl Taken {
    /// The quarters the folder's files report, when none reports `quarter`
    /// and some report another: a folder of the wrong quarter (last
    /// quarter's run again, a folder copied under the wrong name), which
    /// must stop the run before a single unit is charged with it. None
    /// otherwise, a folder of unreadable or undated files included.
    pub fn wrong_quarter(&self, quarter: Quarter) -> Option<Vec<Quarter>> {
        let mut reported: Vec<Quarter> = self
            .outcomes
            .iter()
            .filter_map(|o| match &o.submission.as_ref()?.period.as_ref()?.value {
                Period::Quarter(q) => Some(*q),
                Period::Unrecognised(_) => None,
            })
            .collect();
        reported.sort();
        reported.dedup();
        (!reported.is_empty() && !reported.contains(&quarter)).then_some(reported)
    }
}
