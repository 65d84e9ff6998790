//! The range of every config number and the shape of every config string:
//! what `dvctt config` refuses, so that no config it accepts can make a run
//! panic.

use super::Config;

impl Config {
    /// The first impossible value, as (dotted key, what is wrong). Every
    /// number has a range: no config this accepts can make a run panic
    /// (a property test in tests/cli/property.rs tries).
    pub(super) fn validate(&self) -> Result<(), (String, String)> {
        for (year, target) in &self.targets {
            if year
                .parse::<i32>()
                .map_or(true, |y| !(1900..=9999).contains(&y))
            {
                return Err((
                    format!("targets.{year}"),
                    format!("'{year}' không phải là một năm"),
                ));
            }
            if !(0.0..=100.0).contains(target) {
                return Err((
                    format!("targets.{year}"),
                    format!("{target} không phải là phần trăm từ 0 đến 100"),
                ));
            }
        }
        let non_negative = [
            (
                "compare.total_change_percent",
                self.compare.total_change_percent,
            ),
            ("compare.ratio_rise_points", self.compare.ratio_rise_points),
            (
                "checks.ratio_tolerance_points",
                self.checks.ratio_tolerance_points,
            ),
            ("lagging.very_low_percent", self.lagging.very_low_percent),
            ("history.unusual_threshold", self.history.unusual_threshold),
            (
                "history.unusual_min_points",
                self.history.unusual_min_points,
            ),
        ];
        for (key, value) in non_negative {
            if !(value >= 0.0 && value.is_finite()) {
                return Err((key.to_string(), format!("{value}: phải là số từ 0 trở lên")));
            }
        }
        if self.lagging.very_low_percent > 100.0 {
            return Err((
                "lagging.very_low_percent".into(),
                "phải là phần trăm từ 0 đến 100".into(),
            ));
        }
        let ranges = [
            (
                "deadline.days_after_quarter_end",
                u64::from(self.deadline.days_after_quarter_end),
                0,
                366,
            ),
            (
                "deadline.correction_days",
                u64::from(self.deadline.correction_days),
                0,
                366,
            ),
            (
                "feedback.resubmit_days",
                u64::from(self.feedback.resubmit_days),
                1,
                366,
            ),
            ("feedback.run_day", u64::from(self.feedback.run_day), 1, 28),
            (
                "limits.max_file_bytes",
                self.limits.max_file_bytes,
                1,
                1 << 32,
            ),
            (
                "limits.max_unzipped_bytes",
                self.limits.max_unzipped_bytes,
                1,
                1 << 36,
            ),
            ("limits.max_cells", self.limits.max_cells, 1, 100_000_000),
            (
                "checks.max_procedures",
                self.checks.max_procedures,
                1,
                1_000_000_000,
            ),
            ("limits.max_files", self.limits.max_files, 1, 100_000),
            (
                "limits.max_total_bytes",
                self.limits.max_total_bytes,
                1,
                1 << 40,
            ),
            (
                "limits.max_memory_bytes",
                self.limits.max_memory_bytes,
                64 << 20,
                1 << 40,
            ),
            ("limits.max_seconds", self.limits.max_seconds, 1, 86_400),
            ("limits.readers", u64::from(self.limits.readers), 0, 64),
            (
                "reports.keep_replaced",
                u64::from(self.reports.keep_replaced),
                1,
                1_000,
            ),
            (
                "lagging.quarters_under_target",
                u64::from(self.lagging.quarters_under_target),
                2,
                100,
            ),
            (
                "history.unusual_min_changes",
                u64::from(self.history.unusual_min_changes),
                2,
                1_000,
            ),
            (
                "history.unusual_min_count",
                self.history.unusual_min_count,
                0,
                1_000_000,
            ),
        ];
        for (key, value, low, high) in ranges {
            if !(low..=high).contains(&value) {
                return Err((key.into(), format!("{value}: phải từ {low} đến {high}")));
            }
        }
        if !(self.history.unusual_mad_floor_points > 0.0
            && self.history.unusual_mad_floor_points <= 100.0)
        {
            return Err((
                "history.unusual_mad_floor_points".into(),
                "phải lớn hơn 0 và không quá 100 điểm".into(),
            ));
        }
        let upper = [
            (
                "compare.total_change_percent",
                self.compare.total_change_percent,
                1e6,
            ),
            (
                "compare.ratio_rise_points",
                self.compare.ratio_rise_points,
                100.0,
            ),
            (
                "checks.ratio_tolerance_points",
                self.checks.ratio_tolerance_points,
                100.0,
            ),
            (
                "history.unusual_threshold",
                self.history.unusual_threshold,
                1e6,
            ),
            (
                "history.unusual_min_points",
                self.history.unusual_min_points,
                100.0,
            ),
        ];
        for (key, value, high) in upper {
            if value > high {
                return Err((key.into(), format!("{value}: không được lớn hơn {high}")));
            }
        }
        Ok(())
    }
}
