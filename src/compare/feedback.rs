//! Who is written back to, and what is decided for it: which units get a
//! feedback file, each unit's place in its group, and the day by which a
//! corrected report is asked for. Decided here once; the feedback writer
//! only prints it.

use chrono::{Datelike, Days, NaiveDate};

use super::{Flag, QuarterReport, Status, UnitReport};
use crate::finding::{Finding, Severity};
use crate::quarter::Quarter;
use crate::roster::Group;

/// A unit's place among its group's accepted units, by ratio, highest
/// first; units with the same ratio share a place (1, 2, 2, 4).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct Rank {
    pub place: usize,
    pub of: usize,
}

/// What the unit's own feedback tells it of a figure awaiting confirmation
/// (`UnitReport::awaiting_confirmation`): whether it counts in the national
/// figures meanwhile, as `compare.unconfirmed` decided for the letter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HeldBack {
    /// Left out of the pooled figures and the letter's lists until a
    /// reviewer accepts the change or the unit explains it.
    LeftOut,
    /// Counted while it awaits confirmation (`compare.unconfirmed = "included"`).
    Counted,
}

impl HeldBack {
    /// For a unit whose change awaits confirmation: counted or not as the
    /// pooled figures count it. None when nothing awaits.
    pub fn of(awaiting_confirmation: bool, pooled: bool) -> Option<HeldBack> {
        match (awaiting_confirmation, pooled) {
            (false, _) => None,
            (true, false) => Some(HeldBack::LeftOut),
            (true, true) => Some(HeldBack::Counted),
        }
    }

    /// The sentence the unit reads: where its figure stands, and what
    /// settles it (its explanation, or the reviewer's confirmation).
    pub fn vietnamese(self) -> &'static str {
        match self {
            HeldBack::LeftOut => {
                "Số liệu quý này của đơn vị thay đổi bất thường so với quý trước và đang chờ xác nhận, nên chưa được tính vào số liệu chung của cả nước (tỷ lệ chung, số đơn vị đạt chỉ tiêu và các danh sách trong công văn) cho đến khi được xác nhận. Nếu số liệu đúng, đề nghị đơn vị gửi lại báo cáo có ghi lý do thay đổi ở mục “Giải trình”, hoặc gửi văn bản giải trình để cơ quan tổng hợp xác nhận; nếu chưa đúng, đề nghị gửi lại báo cáo đã sửa."
            }
            HeldBack::Counted => {
                "Số liệu quý này của đơn vị thay đổi bất thường so với quý trước và đang chờ xác nhận; trong khi chờ, số liệu vẫn được tính vào số liệu chung của cả nước (tỷ lệ chung, số đơn vị đạt chỉ tiêu và các danh sách trong công văn), công văn có ghi rõ việc này. Nếu số liệu đúng, đề nghị đơn vị gửi lại báo cáo có ghi lý do thay đổi ở mục “Giải trình”, hoặc gửi văn bản giải trình để cơ quan tổng hợp xác nhận; nếu chưa đúng, đề nghị gửi lại báo cáo đã sửa."
            }
        }
    }
}

/// When the quarter's feedback was issued and the day a corrected report
/// is asked for by (`feedback.resubmit_days` after it).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct Resubmission {
    pub issued: NaiveDate,
    pub by: NaiveDate,
}

impl Resubmission {
    pub fn new(issued: NaiveDate, days: u32) -> Resubmission {
        // A run's date at the end of the calendar (DVCTT_TODAY=262143-12-31)
        // has no later day: the last one there is.
        let by = issued
            .checked_add_days(Days::new(u64::from(days)))
            .unwrap_or(NaiveDate::MAX);
        Resubmission { issued, by }
    }
}

/// The day the quarter's feedback is issued on when no report in place has
/// issued it: the run's date (`today`: `DVCTT_TODAY`, else the date in
/// Vietnam) for the quarter that ended last, the quarter's own run day
/// (`run_day` of the month after it) for an older one, so that replaying an
/// old quarter never asks for corrections by a day years after it.
pub fn issue_day(quarter: Quarter, today: NaiveDate, run_day: u32) -> NaiveDate {
    if quarter >= Quarter::last_ended(today) {
        return today;
    }
    let month_after = quarter.last_day() + Days::new(1);
    month_after
        .with_day(run_day)
        .unwrap_or(month_after)
        .min(today)
}

/// Each unit's rank (None: no accepted ratio), in the order of `units`.
pub(super) fn ranks(units: &[UnitReport]) -> Vec<Option<Rank>> {
    let ratios = |g: Group| -> Vec<f64> {
        units
            .iter()
            .filter(|u| u.group == g && u.status == Status::Accepted)
            .filter_map(UnitReport::ratio)
            .collect()
    };
    let groups = [ratios(Group::I), ratios(Group::II)];
    units
        .iter()
        .map(|u| {
            let ratio = u.ratio().filter(|_| u.status == Status::Accepted)?;
            let group = &groups[super::result::group_index(u.group)];
            Some(Rank {
                place: 1 + group.iter().filter(|r| **r > ratio).count(),
                of: group.len(),
            })
        })
        .collect()
}

/// The flags that ask something of the unit. `no_previous` and
/// `structure_changed` are about the Authority's data, not the unit's
/// figures: alone they send no feedback.
pub fn asks_the_unit(flag: Flag) -> bool {
    !matches!(flag, Flag::NoPrevious | Flag::StructureChanged)
}

/// Whether a unit is written back to: it is missing or lagging, a file
/// charged to it has a finding, or its figures are flagged.
pub(super) fn needs_feedback(unit: &UnitReport, findings: &[&Finding]) -> bool {
    unit.status == Status::Missing
        || !unit.reasons.is_empty()
        || !findings.is_empty()
        || unit.flags.iter().any(|f| asks_the_unit(*f))
}

impl QuarterReport {
    /// Every finding of every file charged to the unit `code`, file by
    /// file, but those of its reports a correction replaced: what still
    /// holds is said of the file used.
    pub fn findings_of(&self, code: &str) -> Vec<&Finding> {
        self.files
            .iter()
            .filter(|f| f.verdict != crate::intake::Verdict::Replaced)
            .flat_map(|f| f.findings.iter())
            .filter(|f| f.unit.as_deref() == Some(code))
            .collect()
    }

    /// How many errors and warnings the unit's files have.
    pub fn finding_counts(&self, code: &str) -> (usize, usize) {
        let findings = self.findings_of(code);
        let count = |s: Severity| findings.iter().filter(|f| f.severity == s).count();
        (count(Severity::Error), count(Severity::Warning))
    }

    /// The units written back to, in roster order.
    pub fn feedback_units(&self) -> Vec<&UnitReport> {
        self.pick(&self.decided.feedback)
    }

    /// The unit's place in its group, when it has an accepted ratio.
    pub fn rank(&self, code: &str) -> Option<Rank> {
        let at = self.units.iter().position(|u| u.code == code)?;
        self.decided.ranks.get(at).copied().flatten()
    }

    /// The same report with its feedback issued on `issued` instead, the
    /// deadline for corrected reports counted from it (see docs/outputs.md).
    pub fn feedback_issued_on(mut self, issued: NaiveDate) -> QuarterReport {
        self.resubmission = Resubmission::new(issued, self.resubmit_days);
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_figure_awaiting_confirmation_is_held_back_as_it_is_pooled() {
        let cases = [
            (false, true, None),
            (false, false, None),
            (true, false, Some(HeldBack::LeftOut)),
            (true, true, Some(HeldBack::Counted)),
        ];
        for (awaiting, pooled, want) in cases {
            assert_eq!(HeldBack::of(awaiting, pooled), want, "{awaiting} {pooled}");
        }
    }

    #[test]
    fn the_deadline_is_counted_from_the_issue_date() {
        let day = |d: u32| NaiveDate::from_ymd_opt(2020, 4, d).unwrap();
        let cases = [
            (day(15), 10, day(25)),
            (day(30), 1, NaiveDate::from_ymd_opt(2020, 5, 1).unwrap()),
            (NaiveDate::MAX, 366, NaiveDate::MAX),
        ];
        for (issued, days, by) in cases {
            assert_eq!(Resubmission::new(issued, days).by, by, "{issued} + {days}");
        }
    }

    #[test]
    fn a_replayed_quarter_is_issued_on_its_own_run_day() {
        let date = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
        let q = |y, n| Quarter::new(y, n).unwrap();
        let cases = [
            // The quarter that ended last: the run's date, late or early.
            (q(2020, 1), date(2020, 4, 15), date(2020, 4, 15)),
            (q(2020, 1), date(2020, 6, 30), date(2020, 6, 30)),
            (q(2020, 1), date(2020, 4, 2), date(2020, 4, 2)),
            // An older quarter: the 15th of the month after it.
            (q(2020, 2), date(2026, 12, 7), date(2020, 7, 15)),
            (q(2019, 4), date(2020, 7, 1), date(2020, 1, 15)),
        ];
        for (quarter, today, issued) in cases {
            assert_eq!(
                issue_day(quarter, today, 15),
                issued,
                "{quarter} on {today}"
            );
        }
    }
}
