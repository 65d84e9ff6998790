//! The finished result of a quarter: every unit's status, figures,
//! comparison, flags and lagging reasons, the totals and the orders the
//! writers print, all decided once by `build`. Writers only render it.

use super::trend::Trend;
use super::{Band, Flag, Previous, Reason, Status};
use crate::finding::Finding;
use crate::intake::FileOutcome;
use crate::quarter::Quarter;
use crate::roster::Group;
use crate::submission::Figures;

#[derive(Debug)]
pub struct UnitReport {
    pub code: String,
    /// The short name, as lists of units print it.
    pub name: String,
    /// The body the unit is written to, "Kính gửi: …" (`roster::Unit::addressee`).
    pub addressee: String,
    pub group: Group,
    pub status: Status,
    pub file: Option<String>,
    pub figures: Option<Figures>,
    pub previous: Option<Previous>,
    /// Change of the ratio in percentage points.
    pub change_points: Option<f64>,
    pub flags: Vec<Flag>,
    pub reasons: Vec<Reason>,
    /// The reasons the lists print, worst first: `reasons`, but "under the
    /// target" left out where "under the target quarters in a row" says it
    /// with the count (both stay in summary.json).
    pub listed_reasons: Vec<Reason>,
    /// Where the ratio stands against the target and the very-low line.
    pub band: Band,
    /// A rejected report's first error, in Vietnamese: why it was not accepted.
    pub rejection: Option<String>,
    /// The rule of that first error: the short reason the signed list gives.
    pub rejected_by: Option<crate::finding::Rule>,
    /// The units (code, name) whose figures make up `previous`: more than one after a merger.
    pub previous_sources: Vec<(String, String)>,
    /// Whose figures `previous` is, as the comparison notes say it.
    pub previous_source: PreviousSource,
    /// The units (code, name) a part of which passed to this one since the
    /// previous quarter (or of which it is itself a part): not compared.
    pub structure_changed: Vec<(String, String)>,
    /// When the unit's report counts as received, against the deadline:
    /// the file used's, or its first report's when a correction kept it
    /// (`correction`).
    pub timeliness: Option<Timeliness>,
    /// The unit's earlier reports of the quarter that the file used replaced.
    pub correction: Option<Correction>,
    pub unusual: Option<crate::unusual::Unusual>,
    /// A flagged change (`ratio_jump`, `unusual_change`) that no reviewer
    /// accepted (`reports/unusual-accepted.txt`) and the unit did not explain
    /// (`Giải trình`): "chờ xác nhận".
    pub awaiting_confirmation: bool,
    /// The unit's figures count in the pooled figures, the totals' counts
    /// and the letter's lists: accepted, and not awaiting confirmation
    /// while `compare.unconfirmed` leaves such figures out.
    pub pooled: bool,
    /// What the unit's own feedback says of its figure while it awaits
    /// confirmation: left out until confirmed, or counted meanwhile.
    pub held_back: Option<super::HeldBack>,
    /// The same quarter a year before, where the history has it.
    pub year_ago: Option<super::past::YearAgo>,
    /// Quarters in a row under the target, this one counted (0: at or over
    /// it); None when this quarter has no ratio or its year no target.
    pub quarters_under_target: Option<u32>,
    /// The unit's own `Giải trình`, as typed (bounded), from its chosen file.
    pub explanation: Option<String>,
    /// The reason the reviewer gave on the unit's line for this quarter in
    /// `reports/unusual-accepted.txt`, when the line has one.
    pub reviewer_reason: Option<String>,
    /// The counts of the unit's procedure list, when it sent one.
    pub list: Option<crate::submission::ListCounts>,
    /// Where each value of the unit's file was read (empty with no file).
    pub sources: std::collections::BTreeMap<&'static str, crate::submission::Source>,
    /// The roster's contact address for the unit, when it has one.
    pub email: Option<String>,
    /// The ids of the units whose land this one is (`Roster::territory`):
    /// itself, or the provinces merged whole into it. The overview page's
    /// map draws the unit as their union.
    pub territory: Vec<String>,
}

/// Whose figures stand for a unit in the previous quarter (`Roster::lineage`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PreviousSource {
    /// Its own (or none: no lineage reaches back, a part of another unit
    /// passed to it).
    Own,
    /// One unit's under another code: the unit before it was renamed.
    Renamed { code: String, name: String },
    /// The sum of several units merged whole into it.
    Summed(Vec<(String, String)>),
}

impl PreviousSource {
    /// From the units (code, name) whose figures make up a unit's previous
    /// quarter, for the unit `code`.
    pub fn of(code: &str, sources: &[(String, String)]) -> PreviousSource {
        match sources {
            [(c, name)] if c != code => PreviousSource::Renamed {
                code: c.clone(),
                name: name.clone(),
            },
            [_, _, ..] => PreviousSource::Summed(sources.to_vec()),
            _ => PreviousSource::Own,
        }
    }
}

/// A unit's report that replaced earlier ones of its own (a correction).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Correction {
    /// The reports replaced, oldest first: each file's name and when it came in.
    pub replaced: Vec<(String, Option<Timeliness>)>,
    /// When the file used came in.
    pub sent: Option<Timeliness>,
    /// Lateness is the first report's: it came by the deadline, and the
    /// correction within `deadline.correction_days` after it.
    pub first_counts: bool,
    /// The last day a correction keeps the first report's date.
    pub correction_due: chrono::NaiveDate,
}

/// When a unit's report came in, against the deadline.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct Timeliness {
    /// What the date was taken from.
    pub basis: DateBasis,
    pub date: chrono::NaiveDate,
    pub due: chrono::NaiveDate,
    /// 0 when on time.
    pub days_late: i64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DateBasis {
    /// The report date written in the file.
    ReportDate,
    /// The `Date:` of the e-mail the file came attached to (Vietnam time),
    /// when no report date was written.
    EmailDate,
    /// The file's modification time, when no report date was written.
    FileModified,
}

impl UnitReport {
    pub fn ratio(&self) -> Option<f64> {
        self.figures.and_then(|f| f.ratio())
    }

    /// What moved, in words, for a flagged change: the unusual change's
    /// message, or the counts and the ratio's change in points.
    pub fn change_message(&self, level4: &str) -> Option<String> {
        if let Some(x) = self.unusual {
            return Some(x.message(level4));
        }
        let (now, before) = (self.figures?, self.previous?);
        let after = Previous {
            total: now.total,
            level4: now.level4,
        };
        Some(format!(
            "{}; tỷ lệ thay đổi {} điểm %",
            crate::unusual::Cause::between(before, after).vietnamese(level4),
            crate::unusual::vn_points(self.change_points?)
        ))
    }

    /// Days past the deadline, when the report came in late.
    pub fn days_late(&self) -> Option<i64> {
        self.timeliness.map(|t| t.days_late).filter(|d| *d > 0)
    }
}

#[derive(Debug, Clone, Default, PartialEq, serde::Serialize)]
pub struct Totals {
    pub expected: usize,
    pub submitted: usize,
    pub accepted: usize,
    pub rejected: usize,
    pub missing: usize,
    /// Σ level-4 ÷ Σ total over accepted units.
    pub pooled_ratio: Option<f64>,
    /// Mean of the accepted units' ratios.
    pub mean_ratio: Option<f64>,
    /// None when the year has no target.
    pub meeting_target: Option<usize>,
    /// Units under the "very low" line (`[lagging] very_low_percent`).
    pub below_very_low: usize,
    /// Units whose report (accepted or rejected) came in by the deadline.
    pub on_time: usize,
    pub late: usize,
    /// on_time ÷ expected.
    pub on_time_share: Option<f64>,
}

#[derive(Debug, Clone, Default, PartialEq, serde::Serialize)]
pub struct FileCounts {
    pub total: usize,
    pub accepted: usize,
    pub rejected: usize,
    pub not_submission: usize,
    /// A unit's earlier reports a correction of its own replaced.
    pub replaced: usize,
}

#[derive(Debug)]
pub struct QuarterReport {
    pub quarter: Quarter,
    /// The year's target (None: none configured, "chưa có chỉ tiêu") and the
    /// "very low" line, as fractions.
    pub target: Option<f64>,
    pub very_low: f64,
    /// The day reports were due.
    pub due: chrono::NaiveDate,
    pub units: Vec<UnitReport>,
    pub files: Vec<FileOutcome>,
    pub baseline: Option<String>,
    pub wording: crate::wording::Wording,
    /// The draft letter's words (templates/cong-van.j2 or the config's copy).
    pub letter: crate::letter_template::LetterTemplate,
    pub trend: Trend,
    /// `feedback.resubmit_days`, and the deadline counted with it from the
    /// day the feedback is issued (an input to `build`).
    pub(super) resubmit_days: u32,
    pub resubmission: super::feedback::Resubmission,
    /// `compare.unconfirmed`: whether figures awaiting confirmation are
    /// left out of the pooled figures (the letter says which).
    pub unconfirmed: crate::config::Unconfirmed,
    /// Decided once by `build`, in the order the writers print them.
    pub(super) decided: Decided,
}

/// What `build` works out from the units once, so that no writer sorts,
/// sums or judges: every sheet, the summary and the terminal agree.
#[derive(Debug, Default)]
pub(super) struct Decided {
    /// Nationally, group I, group II.
    pub(super) totals: [Totals; 3],
    pub(super) file_counts: FileCounts,
    /// Indices into `units`: the lagging list's order, the late list's,
    /// and each group's charts' (group I, group II).
    pub(super) lagging: Vec<usize>,
    pub(super) late: Vec<usize>,
    pub(super) ranked: [Vec<usize>; 2],
    /// Indices into `units`: the units sent a feedback file, roster order.
    pub(super) feedback: Vec<usize>,
    /// Each unit's place in its group, in the order of `units`.
    pub(super) ranks: Vec<Option<super::feedback::Rank>>,
}

impl QuarterReport {
    /// Every finding, file by file in name order.
    pub fn findings(&self) -> impl Iterator<Item = &Finding> {
        self.files.iter().flat_map(|f| f.findings.iter())
    }

    pub(super) fn pick(&self, indices: &[usize]) -> Vec<&UnitReport> {
        indices.iter().map(|i| &self.units[*i]).collect()
    }

    /// The lagging units, worst reason first, then lowest ratio, then roster order.
    pub fn lagging(&self) -> Vec<&UnitReport> {
        self.pick(&self.decided.lagging)
    }

    /// A group's units for the charts: those without valid figures first
    /// (roster order), then by ratio, lowest first.
    pub fn ranked(&self, group: Group) -> Vec<&UnitReport> {
        self.pick(&self.decided.ranked[group_index(group)])
    }

    /// The units whose report came in after the deadline, latest first,
    /// then in roster order. Their own list: lateness alone is not lagging.
    pub fn late(&self) -> Vec<&UnitReport> {
        self.pick(&self.decided.late)
    }

    /// A group's totals, or the nation's with `None`.
    pub fn totals(&self, group: Option<Group>) -> Totals {
        let at = group.map_or(0, |g| 1 + group_index(g));
        self.decided.totals[at].clone()
    }

    pub fn file_counts(&self) -> FileCounts {
        self.decided.file_counts.clone()
    }

    /// The units whose flagged change awaits confirmation, roster order:
    /// the one list of changes to review, wherever it is shown (stdout,
    /// "Việc cần làm", the overview page).
    pub fn awaiting_confirmation(&self) -> Vec<&UnitReport> {
        self.units
            .iter()
            .filter(|u| u.awaiting_confirmation)
            .collect()
    }

    /// Some file was rejected: the run exits 3.
    pub fn any_rejected(&self) -> bool {
        self.decided.file_counts.rejected > 0
    }
}

pub(super) fn group_index(group: Group) -> usize {
    match group {
        Group::I => 0,
        Group::II => 1,
    }
}
