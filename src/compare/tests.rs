//! The compare stage's decisions, table-driven: each case names what it
//! tests, and a failure names the case. The end-to-end tests through the
//! binary stay; these make a decision quick to test and to change.

use std::collections::BTreeMap;

use chrono::NaiveDate;

use super::build::{previous_for, timeliness};
use super::feedback::{Rank, ranks};
use super::flags::listed;
use super::{
    Band, DateBasis, Direction, Previous, PreviousSource, Reason, Status, UnitReport,
    change_between, lagging_reasons,
};
use crate::baseline::Baseline;
use crate::intake::{FileOutcome, Verdict};
use crate::quarter::Quarter;
use crate::roster::{Group, Lineage, Roster};
use crate::submission::{Figures, How, Located, Submission};

fn roster() -> Roster {
    Roster::parse(include_str!("../../templates/roster.toml")).expect("shipped roster")
}

fn q(s: &str) -> Quarter {
    s.parse().expect("quarter")
}

fn day(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date")
}

/// A unit of `group` with `status` and, when accepted, `level4` of `total`.
fn unit(code: &str, group: Group, status: Status, counts: Option<(u64, u64)>) -> UnitReport {
    UnitReport {
        code: code.to_string(),
        name: format!("Đơn vị {code}"),
        addressee: format!("Đơn vị {code}"),
        group,
        status,
        file: None,
        figures: counts.map(|(total, level4)| Figures::counts_only(total, level4)),
        previous: None,
        change_points: None,
        flags: Vec::new(),
        reasons: Vec::new(),
        listed_reasons: Vec::new(),
        band: Band::Unjudged,
        rejection: None,
        rejected_by: None,
        previous_sources: Vec::new(),
        previous_source: PreviousSource::Own,
        structure_changed: Vec::new(),
        timeliness: None,
        correction: None,
        unusual: None,
        awaiting_confirmation: false,
        pooled: status == Status::Accepted,
        held_back: None,
        year_ago: None,
        quarters_under_target: None,
        explanation: None,
        reviewer_reason: None,
        list: None,
        sources: BTreeMap::new(),
        email: None,
        territory: Vec::new(),
    }
}

#[test]
fn ranks_share_a_place_on_equal_ratios_and_skip_the_next() {
    use Group::{I, II};
    use Status::{Accepted, Missing, Rejected};
    // (unit, group, status, counts, the rank wanted)
    let cases = [
        ("A", I, Accepted, Some((100, 50)), Some((1, 4))),
        ("B", I, Accepted, Some((100, 30)), Some((2, 4))),
        // 3/10 is 30/100: the same place, and the next unit is fourth.
        ("C", I, Accepted, Some((10, 3)), Some((2, 4))),
        ("D", I, Accepted, Some((100, 10)), Some((4, 4))),
        // A rejected file's figures rank nowhere, nor count in `of`.
        ("E", I, Rejected, Some((100, 90)), None),
        ("F", I, Missing, None, None),
        // No procedures: no ratio, no rank.
        ("G", II, Accepted, Some((0, 0)), None),
        // Group II ranks apart.
        ("H", II, Accepted, Some((100, 1)), Some((1, 1))),
    ];
    let units: Vec<UnitReport> = cases
        .iter()
        .map(|(code, group, status, counts, _)| unit(code, *group, *status, *counts))
        .collect();
    for (case, got) in cases.iter().zip(ranks(&units)) {
        let want = case.4.map(|(place, of)| Rank { place, of });
        assert_eq!(got, want, "unit {}", case.0);
    }
}

#[test]
fn lagging_reasons_and_what_the_lists_print() {
    use Reason::*;
    let (target, very_low) = (Some(0.3), 0.05);
    // (case, status, ratio, level-4 fell, in a row, target, reasons, listed)
    type Case = (
        &'static str,
        Status,
        Option<f64>,
        bool,
        bool,
        Option<f64>,
        Vec<Reason>,
        Vec<Reason>,
    );
    let cases: Vec<Case> = vec![
        (
            "at the target",
            Status::Accepted,
            Some(0.3),
            false,
            false,
            target,
            vec![],
            vec![],
        ),
        (
            "missing",
            Status::Missing,
            None,
            false,
            false,
            target,
            vec![Missing],
            vec![Missing],
        ),
        (
            "under the target",
            Status::Accepted,
            Some(0.2),
            false,
            false,
            target,
            vec![BelowTarget],
            vec![BelowTarget],
        ),
        (
            "very low, fell",
            Status::Accepted,
            Some(0.01),
            true,
            false,
            target,
            vec![VeryLow, Level4Fell, BelowTarget],
            vec![VeryLow, Level4Fell, BelowTarget],
        ),
        (
            "in a row says under the target once",
            Status::Accepted,
            Some(0.2),
            false,
            true,
            target,
            vec![UnderTargetInARow, BelowTarget],
            vec![UnderTargetInARow],
        ),
        (
            "no target: only very low lags",
            Status::Accepted,
            Some(0.2),
            true,
            true,
            None,
            vec![],
            vec![],
        ),
        (
            "no target, very low",
            Status::Accepted,
            Some(0.01),
            false,
            true,
            None,
            vec![VeryLow],
            vec![VeryLow],
        ),
    ];
    for (case, status, ratio, fell, in_a_row, target, reasons, shown) in cases {
        let flags = match fell {
            true => vec![super::Flag::Level4Fell],
            false => vec![],
        };
        let got = lagging_reasons(status, ratio, &flags, target, very_low, in_a_row);
        assert_eq!(got, reasons, "{case}");
        assert_eq!(listed(&got), shown, "{case}: listed");
    }
}

#[test]
fn a_change_is_read_between_the_two_figures_as_printed() {
    // (before, now, points, direction)
    let cases = [
        (0.1150, 0.1418, 2.68, Direction::Up),
        (0.1418, 0.1150, -2.68, Direction::Down),
        // 11,50% and 11,50% as printed: no change, whatever the digits after.
        (0.115_04, 0.114_96, 0.0, Direction::Same),
        // 30,00% against 29,99%: a fall of 0,01, never "no change".
        (0.3, 0.299_94, -0.01, Direction::Down),
        (0.0, 1.0, 100.0, Direction::Up),
    ];
    for (before, now, points, direction) in cases {
        let got = change_between(before, now);
        assert_eq!(
            (got.points, got.direction),
            (points, direction),
            "{before} → {now}"
        );
    }
    assert_eq!(Direction::Up.as_str(), "tang");
    assert_eq!(Direction::Down.as_str(), "giam");
    assert_eq!(Direction::Same.as_str(), "khong_doi");
}

#[test]
fn whose_figures_the_previous_quarter_is() {
    let pair = |c: &str| (c.to_string(), format!("Đơn vị {c}"));
    let cases = [
        ("own", vec![pair("T01")], PreviousSource::Own),
        ("none", vec![], PreviousSource::Own),
        (
            "renamed",
            vec![pair("T46")],
            PreviousSource::Renamed {
                code: "T46".to_string(),
                name: "Đơn vị T46".to_string(),
            },
        ),
        (
            "merged",
            vec![pair("T01"), pair("T02")],
            PreviousSource::Summed(vec![pair("T01"), pair("T02")]),
        ),
    ];
    for (case, sources, want) in cases {
        assert_eq!(PreviousSource::of("T01", &sources), want, "{case}");
    }
}

/// A province merged whole from several: its previous quarter is their sum,
/// only when every one of them has figures (a partial sum reads as a fall).
#[test]
fn a_merged_unit_s_previous_quarter_sums_every_predecessor() {
    let roster = roster();
    let quarter = q("2025-Q3");
    let (merged, parts) = roster
        .units_in(quarter)
        .find_map(|u| match roster.lineage(&u.code, quarter.previous()) {
            Lineage::Sum(parts) if parts.len() > 1 => Some((u, parts)),
            _ => None,
        })
        .expect("the shipped roster merges provinces in 2025-Q3");
    let figures: BTreeMap<String, Previous> = parts
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let n = u64::try_from(i).expect("few parts") + 1;
            (
                p.code.clone(),
                Previous {
                    total: 1000 * n,
                    level4: 100 * n,
                },
            )
        })
        .collect();
    let n = u64::try_from(parts.len()).expect("few parts");
    let sum = Previous {
        total: 1000 * n * (n + 1) / 2,
        level4: 100 * n * (n + 1) / 2,
    };
    let baseline = |units: BTreeMap<String, Previous>| Baseline {
        units,
        ..Baseline::default()
    };
    let mut one_missing = figures.clone();
    one_missing.remove(&parts[0].code);
    let cases = [
        ("every part", Some(baseline(figures)), Some(sum)),
        ("a part missing", Some(baseline(one_missing)), None),
        ("no baseline", None, None),
    ];
    for (case, baseline, want) in cases {
        let (got, sources) = previous_for(merged, &roster, baseline.as_ref(), quarter.previous());
        assert_eq!(got, want, "{case}");
        assert_eq!(sources.len(), parts.len(), "{case}: every part named");
        assert!(
            matches!(
                PreviousSource::of(&merged.code, &sources),
                PreviousSource::Summed(_)
            ),
            "{case}"
        );
    }
}

#[test]
fn lateness_is_judged_by_the_report_date_then_the_mail_then_the_file() {
    let due = day("2020-04-10");
    let located = |d: &str| Located {
        value: day(d),
        sheet: "Báo cáo".to_string(),
        row: 1,
        col: 1,
        how: How::RightOfLabel,
        typed: None,
    };
    // 2020-04-12 17:30 UTC is 2020-04-13 in Vietnam.
    let modified = std::time::UNIX_EPOCH + std::time::Duration::from_secs(1_586_712_600);
    // (case, report date, e-mail date, modified, basis, date, days late)
    type Case = (
        &'static str,
        Option<&'static str>,
        Option<&'static str>,
        bool,
        Option<(DateBasis, &'static str, i64)>,
    );
    let cases: [Case; 5] = [
        (
            "on time",
            Some("2020-04-10"),
            None,
            true,
            Some((DateBasis::ReportDate, "2020-04-10", 0)),
        ),
        (
            "late by the report date",
            Some("2020-04-15"),
            Some("2020-04-01"),
            true,
            Some((DateBasis::ReportDate, "2020-04-15", 5)),
        ),
        (
            "the mail's date without one",
            None,
            Some("2020-04-11"),
            true,
            Some((DateBasis::EmailDate, "2020-04-11", 1)),
        ),
        (
            "the file's time in Vietnam",
            None,
            None,
            true,
            Some((DateBasis::FileModified, "2020-04-13", 3)),
        ),
        ("nothing to judge by", None, None, false, None),
    ];
    for (case, report_date, received, has_modified, want) in cases {
        let file = FileOutcome {
            file: "a.xlsx".to_string(),
            unit: Some("T89".to_string()),
            verdict: Verdict::Accepted,
            submission: Some(Submission {
                report_date: report_date.map(located),
                modified: has_modified.then_some(modified),
                ..Submission::default()
            }),
            findings: Vec::new(),
            received: received.map(day),
            settled_by_time: false,
            digest: None,
            replaced_by: None,
        };
        let got = timeliness(&file, due).map(|t| (t.basis, t.date, t.days_late));
        let want = want.map(|(basis, date, late)| (basis, day(date), late));
        assert_eq!(got, want, "{case}");
    }
}
