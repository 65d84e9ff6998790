//! Assembling a quarter's result from the files read, the previous quarter
//! and the history: the one place the stages' outputs meet, and where every
//! decision the writers print is taken.

use chrono::{Duration, NaiveDate};

use super::result::{Decided, FileCounts, Totals};
use super::trend::Trend;
use super::{Correction, DateBasis, QuarterReport, Timeliness, UnitReport};
use super::{Flag, Previous, Reason, Status, band, compare, lagging_reasons, past};
use crate::baseline::Baseline;
use crate::config::Settings;
use crate::finding::Rule;
use crate::history::{Acceptances, History};
use crate::intake::{FileOutcome, Verdict};
use crate::quarter::Quarter;
use crate::roster::{Group, Lineage, Roster, Unit};

impl QuarterReport {
    pub fn build(
        quarter: Quarter,
        settings: &Settings,
        mut files: Vec<FileOutcome>,
        baseline: Option<Baseline>,
        history: &History,
        accepted: &Acceptances,
        feedback_issued: NaiveDate,
    ) -> QuarterReport {
        let config = &settings.config;
        // None: the year has no configured target; ratios are shown unjudged.
        let target = config.target_for(quarter.year);
        let very_low = config.lagging.very_low_percent / 100.0;
        let due =
            quarter.last_day() + Duration::days(i64::from(config.deadline.days_after_quarter_end));
        // A rejected report's finding pointed at the figure out of line
        // with last quarter's, before anything reads the findings.
        let level4_name = settings.wording.in_quarter(quarter).level4;
        for unit in settings.roster.units_in(quarter) {
            let (previous, _) = previous_for(
                unit,
                &settings.roster,
                baseline.as_ref(),
                quarter.previous(),
            );
            for file in files.iter_mut().filter(|f| {
                f.unit.as_deref() == Some(unit.code.as_str()) && f.verdict == Verdict::Rejected
            }) {
                super::blame::blame_against_previous(file, previous, &level4_name);
            }
        }
        let mut units = Vec::new();
        for unit in settings.roster.units_in(quarter) {
            let chosen = files.iter().find(|f| {
                f.unit.as_deref() == Some(unit.code.as_str())
                    && !matches!(f.verdict, Verdict::NotSubmission | Verdict::Replaced)
                    && !f.findings.iter().any(|x| x.rule == Rule::UnitDuplicate)
            });
            let status = match chosen.map(|f| f.verdict) {
                Some(Verdict::Accepted) => Status::Accepted,
                Some(_) => Status::Rejected,
                None => Status::Missing,
            };
            let figures = chosen.and_then(FileOutcome::figures);
            let (previous, previous_sources) = previous_for(
                unit,
                &settings.roster,
                baseline.as_ref(),
                quarter.previous(),
            );
            // A figure never confirmed is no baseline: compared with the
            // unit's last confirmed one instead, or with none (it waits).
            let before = quarter.previous();
            let previous_confirmed = previous_sources
                .iter()
                .all(|(c, _)| history.confirmed(c, before, accepted));
            let previous_pooled = previous.is_some()
                && previous_sources
                    .iter()
                    .all(|(c, _)| history.pooled_then(c, before));
            let (previous, compared_with) = match previous {
                Some(_) if !previous_confirmed => {
                    match past::last_confirmed(
                        history,
                        &settings.roster,
                        &unit.code,
                        before,
                        accepted,
                    ) {
                        Some((q, figures)) => (Some(figures), Some(q)),
                        None => (None, None),
                    }
                }
                other => (other, None),
            };
            let structure_changed = match settings.roster.lineage(&unit.code, quarter.previous()) {
                Lineage::StructureChanged(parts) => parts
                    .iter()
                    .map(|p| (p.code.clone(), p.name.clone()))
                    .collect(),
                Lineage::Sum(_) => Vec::new(),
            };
            // The flags judge the unrounded change; the change every output
            // prints is the difference of the two ratios as printed.
            let (change_points, mut flags) = match &figures {
                _ if !structure_changed.is_empty() => (None, vec![Flag::StructureChanged]),
                Some(_) if !previous_confirmed && previous.is_none() => {
                    (None, vec![Flag::PreviousUnconfirmed])
                }
                Some(f) => compare(f, previous.as_ref(), config),
                None => (None, Vec::new()),
            };
            let change_points = change_points.and(
                figures
                    .and_then(|f| f.ratio())
                    .zip(previous.and_then(|p| p.ratio()))
                    .map(|(now, before)| super::change_between(before, now).points),
            );
            let unusual = figures
                .as_ref()
                .zip(previous.as_ref())
                .and_then(|(now, before)| {
                    crate::unusual::assess(
                        now,
                        before,
                        &crate::unusual::past_changes(
                            history,
                            &settings.roster,
                            &unit.code,
                            accepted,
                        ),
                        accepted.contains(quarter, &unit.code),
                        &config.history,
                    )
                });
            if unusual.is_some() {
                flags.push(Flag::UnusualChange);
            }
            let correction_due = due + Duration::days(i64::from(config.deadline.correction_days));
            let correction = chosen.and_then(|f| correction(f, &files, due, correction_due));
            let timeliness = match &correction {
                Some(c) if c.first_counts => c.replaced[0].1,
                _ => chosen.and_then(|f| timeliness(f, due)),
            };
            let ratio = figures.and_then(|f| f.ratio());
            let roster = &settings.roster;
            let year_ago = past::year_ago(history, roster, &unit.code, quarter, ratio);
            let quarters_under_target =
                past::quarters_under_target(history, roster, config, &unit.code, quarter, ratio);
            let in_a_row =
                quarters_under_target.is_some_and(|n| n >= config.lagging.quarters_under_target);
            let explanation = chosen
                .and_then(|f| Some(f.submission.as_ref()?.explanation.as_ref()?.value.clone()));
            let awaiting_confirmation = status == Status::Accepted
                && flags.iter().any(|f| {
                    matches!(
                        f,
                        Flag::RatioJump | Flag::UnusualChange | Flag::PreviousUnconfirmed
                    )
                })
                && !accepted.contains(quarter, &unit.code)
                && !explanation.as_deref().is_some_and(super::explain::explains);
            let pooled = status == Status::Accepted
                && !(awaiting_confirmation
                    && config.compare.unconfirmed == crate::config::Unconfirmed::LeftOut);
            let mut reasons = lagging_reasons(status, ratio, &flags, target, very_low, in_a_row);
            if awaiting_confirmation && !pooled {
                reasons.push(Reason::AwaitingConfirmation);
            }
            let listed_reasons = super::flags::listed(&reasons);
            let previous_source = super::PreviousSource::of(&unit.code, &previous_sources);
            let band = band(ratio, target, very_low);
            // What a rejected report is told first: the reason the lagging list gives.
            let first_error = chosen
                .filter(|f| f.verdict == Verdict::Rejected)
                .and_then(|f| f.findings.iter().find(|x| x.is_error()));
            let rejection = first_error.map(|x| x.message.clone());
            let rejected_by = first_error.map(|x| x.rule);
            units.push(UnitReport {
                code: unit.code.clone(),
                name: unit.name.clone(),
                addressee: unit.addressee(),
                group: unit.group,
                status,
                file: chosen.map(|f| f.file.clone()),
                figures,
                previous,
                compared_with,
                previous_pooled,
                change_points,
                flags,
                reasons,
                listed_reasons,
                band,
                rejection,
                rejected_by,
                previous_sources,
                previous_source,
                structure_changed,
                timeliness,
                correction,
                unusual,
                year_ago,
                quarters_under_target,
                awaiting_confirmation,
                pooled,
                held_back: super::HeldBack::of(awaiting_confirmation, pooled),
                explanation,
                reviewer_reason: accepted.reason(quarter, &unit.code).map(str::to_string),
                list: chosen.and_then(|f| f.submission.as_ref()?.list),
                sources: chosen.map(FileOutcome::sources).unwrap_or_default(),
                email: unit.email.clone(),
                territory: settings
                    .roster
                    .territory(&unit.code)
                    .iter()
                    .map(|u| u.code.clone())
                    .collect(),
            });
        }
        let trend = Trend::build(quarter, &units, history, &settings.roster, target);
        let decided = decide(&units, &files, target, very_low);
        let resubmit_days = config.feedback.resubmit_days;
        QuarterReport {
            resubmit_days,
            unconfirmed: config.compare.unconfirmed,
            resubmission: super::Resubmission::new(feedback_issued, resubmit_days),
            decided,
            trend,
            quarter,
            target,
            very_low,
            due,
            units,
            files,
            baseline: baseline.map(|b| b.source),
            wording: settings.wording.in_quarter(quarter),
            letter: settings.letter.clone(),
        }
    }
}

fn decide(
    units: &[UnitReport],
    files: &[FileOutcome],
    target: Option<f64>,
    very_low: f64,
) -> Decided {
    let in_group =
        |g: Group| -> Vec<&UnitReport> { units.iter().filter(|u| u.group == g).collect() };
    let all: Vec<&UnitReport> = units.iter().collect();
    let count = |v: Verdict| files.iter().filter(|f| f.verdict == v).count();
    Decided {
        totals: [
            totals(&all, target, very_low),
            totals(&in_group(Group::I), target, very_low),
            totals(&in_group(Group::II), target, very_low),
        ],
        file_counts: FileCounts {
            total: files.len(),
            accepted: count(Verdict::Accepted),
            rejected: count(Verdict::Rejected),
            not_submission: count(Verdict::NotSubmission),
            replaced: count(Verdict::Replaced),
        },
        lagging: lagging_order(units),
        late: late_order(units),
        ranked: [ranked(units, Group::I), ranked(units, Group::II)],
        feedback: (0..units.len())
            .filter(|i| {
                let code = Some(units[*i].code.as_str());
                let findings: Vec<&crate::finding::Finding> = files
                    .iter()
                    .filter(|f| f.verdict != Verdict::Replaced)
                    .flat_map(|f| &f.findings)
                    .filter(|f| f.unit.as_deref() == code)
                    .collect();
                super::feedback::needs_feedback(&units[*i], &findings)
            })
            .collect(),
        places: super::feedback::places(units),
    }
}

/// The lagging units, worst reason first, then lowest ratio, then roster order.
fn lagging_order(units: &[UnitReport]) -> Vec<usize> {
    let mut out: Vec<usize> = (0..units.len())
        .filter(|i| !units[*i].reasons.is_empty())
        .collect();
    out.sort_by(|ia, ib| {
        let (a, b) = (&units[*ia], &units[*ib]);
        a.reasons[0]
            .cmp(&b.reasons[0])
            .then(
                a.ratio()
                    .unwrap_or(-1.0)
                    .total_cmp(&b.ratio().unwrap_or(-1.0)),
            )
            .then(ia.cmp(ib))
    });
    out
}

/// The units whose report came in late, latest first, then in roster order.
fn late_order(units: &[UnitReport]) -> Vec<usize> {
    let mut out: Vec<usize> = (0..units.len())
        .filter(|i| units[*i].days_late().is_some())
        .collect();
    out.sort_by_key(|i| std::cmp::Reverse(units[*i].days_late()));
    out
}

/// A group's units for the charts: without valid figures first (roster
/// order), then by ratio, lowest first.
fn ranked(units: &[UnitReport], group: Group) -> Vec<usize> {
    let mut out: Vec<usize> = (0..units.len())
        .filter(|i| units[*i].group == group)
        .collect();
    out.sort_by(|a, b| {
        let ratio = |i: &usize| units[*i].ratio().unwrap_or(-1.0);
        ratio(a).total_cmp(&ratio(b))
    });
    out
}

fn totals(units: &[&UnitReport], target: Option<f64>, very_low: f64) -> Totals {
    let count = |s: Status| units.iter().filter(|u| u.status == s).count();
    // A figure awaiting confirmation is left out when the config says so.
    let accepted: Vec<crate::submission::Figures> = units
        .iter()
        .filter(|u| u.pooled)
        .filter_map(|u| u.figures)
        .collect();
    let ratios: Vec<f64> = accepted.iter().filter_map(|f| f.ratio()).collect();
    let sum_total: u64 = accepted.iter().map(|f| f.total).sum();
    let sum_level4: u64 = accepted.iter().map(|f| f.level4).sum();
    let timely = |late: bool| {
        units
            .iter()
            .filter(|u| u.timeliness.is_some_and(|t| (t.days_late > 0) == late))
            .count()
    };
    Totals {
        expected: units.len(),
        submitted: count(Status::Accepted) + count(Status::Rejected),
        accepted: count(Status::Accepted),
        rejected: count(Status::Rejected),
        missing: count(Status::Missing),
        pooled_ratio: (sum_total > 0).then(|| sum_level4 as f64 / sum_total as f64),
        mean_ratio: (!ratios.is_empty()).then(|| ratios.iter().sum::<f64>() / ratios.len() as f64),
        meeting_target: target.map(|target| ratios.iter().filter(|&&r| r >= target).count()),
        below_very_low: ratios.iter().filter(|&&r| r < very_low).count(),
        on_time: timely(false),
        late: timely(true),
        on_time_share: (!units.is_empty()).then(|| timely(false) as f64 / units.len() as f64),
    }
}

/// The previous quarter's figures for a unit: its own, or the sum of the
/// units merged whole into it (`Roster::lineage`). None unless every one of
/// them has figures (a partial sum would read as a fall), and none when a
/// part of another unit passed to it (its sources are then the empty list).
pub(super) fn previous_for(
    unit: &Unit,
    roster: &Roster,
    baseline: Option<&Baseline>,
    previous_quarter: Quarter,
) -> (Option<Previous>, Vec<(String, String)>) {
    let Lineage::Sum(units) = roster.lineage(&unit.code, previous_quarter) else {
        return (None, Vec::new());
    };
    let sources: Vec<(String, String)> = units
        .iter()
        .map(|u| (u.code.clone(), u.name.clone()))
        .collect();
    let Some(baseline) = baseline else {
        return (None, sources);
    };
    let figures: Option<Vec<&Previous>> =
        sources.iter().map(|(c, _)| baseline.units.get(c)).collect();
    let sum = figures.filter(|f| !f.is_empty()).map(|f| Previous {
        total: f.iter().map(|p| p.total).sum(),
        level4: f.iter().map(|p| p.level4).sum(),
    });
    (sum, sources)
}

/// The reports of `chosen`'s unit that it replaced, when it replaced any:
/// the first counts for lateness when it came by `due` and `chosen` by
/// `correction_due`.
fn correction(
    chosen: &FileOutcome,
    files: &[FileOutcome],
    due: NaiveDate,
    correction_due: NaiveDate,
) -> Option<Correction> {
    let mut replaced: Vec<(String, Option<Timeliness>)> = files
        .iter()
        .filter(|f| f.verdict == Verdict::Replaced && f.replaced_by.as_ref() == Some(&chosen.file))
        .map(|f| (f.file.clone(), timeliness(f, due)))
        .collect();
    if replaced.is_empty() {
        return None;
    }
    // Oldest first; a report with no date at all last.
    replaced.sort_by_key(|(file, t)| (t.is_none(), t.map(|t| t.date), file.clone()));
    let sent = timeliness(chosen, due);
    let first_on_time = replaced[0].1.is_some_and(|t| t.days_late == 0);
    let first_counts = first_on_time && sent.is_some_and(|t| t.date <= correction_due);
    Some(Correction {
        replaced,
        sent,
        first_counts,
        correction_due,
    })
}

/// On time or late, by the report date written in the file, else by the
/// date of the e-mail it came attached to, else by the file's modification time.
pub(super) fn timeliness(file: &FileOutcome, due: NaiveDate) -> Option<Timeliness> {
    let submission = file.submission.as_ref()?;
    let (basis, date) = match (&submission.report_date, file.received) {
        (Some(d), _) => (DateBasis::ReportDate, d.value),
        (None, Some(received)) => (DateBasis::EmailDate, received),
        (None, None) => {
            // Vietnam time, whatever zone the machine runs in.
            let day = crate::quarter::vietnam_day(submission.modified?);
            (DateBasis::FileModified, day)
        }
    };
    Some(Timeliness {
        basis,
        date,
        due,
        days_late: (date - due).num_days().max(0),
    })
}
