//! Two files for one unit: which one is used; an earlier report of the
//! quarter it corrects is replaced (no error), and any other is rejected
//! with the finding that says why.

use std::time::SystemTime;

use super::{FileOutcome, Verdict};
use crate::finding::{Finding, Rule};
use crate::quarter::Quarter;
use crate::submission::Period;

/// Two files for one unit: one reporting the run's quarter beats one that
/// does not (last quarter's file sent again); then the later report date
/// wins (compared only when every such file has one); the modification time
/// decides only between files equal on both, then the file name. The others
/// are replaced when the one used corrects them (`corrects`), else rejected.
pub(super) fn settle_duplicates(outcomes: &mut [FileOutcome], quarter: Quarter) {
    let mut units: Vec<&String> = outcomes
        .iter()
        .filter(|o| o.verdict != Verdict::NotSubmission)
        .filter_map(|o| o.unit.as_ref())
        .collect();
    units.sort();
    units.dedup();
    let units: Vec<String> = units.into_iter().cloned().collect();
    for unit in units {
        let mut files: Vec<usize> = (0..outcomes.len())
            .filter(|&i| {
                outcomes[i].unit.as_ref() == Some(&unit)
                    && outcomes[i].verdict != Verdict::NotSubmission
            })
            .collect();
        if files.len() < 2 {
            continue;
        }
        let best_period = files
            .iter()
            .any(|&i| reports_quarter(&outcomes[i], quarter));
        let all_dated = files
            .iter()
            .filter(|&&i| reports_quarter(&outcomes[i], quarter) == best_period)
            .all(|&i| report_date(&outcomes[i]).is_some());
        // What decides before the files' times: the period, then the report
        // date when every candidate gives one.
        let key = |o: &FileOutcome| {
            let date = if all_dated { report_date(o) } else { None };
            (reports_quarter(o, quarter), date)
        };
        files.sort_by_key(|&i| {
            let o = &outcomes[i];
            (key(o), modified(o), o.file.clone())
        });
        let winner = *files.last().expect("two files or more");
        // The files that tie with the one used but for their times.
        let tied: Vec<usize> = files
            .iter()
            .copied()
            .filter(|&i| key(&outcomes[i]) == key(&outcomes[winner]))
            .collect();
        if tied.len() > 1 {
            for &i in &tied {
                outcomes[i].settled_by_time = true;
            }
        }
        let winner_name = outcomes[winner].file.clone();
        let by_name = charged_by_name(&outcomes[winner]);
        for &loser in &files[..files.len() - 1] {
            let why = why_kept(&outcomes[winner], &outcomes[loser], quarter, all_dated);
            if corrects(&outcomes[winner], &outcomes[loser], quarter, why) {
                let o = &mut outcomes[loser];
                o.verdict = Verdict::Replaced;
                o.replaced_by = Some(winner_name.clone());
                continue;
            }
            let o = &mut outcomes[loser];
            let mut message = format!(
                "Đơn vị đã gửi hơn một báo cáo cho kỳ này: dùng tệp “{}” ({why}), không dùng tệp “{}”.",
                winner_name, o.file
            );
            // A file that names no unit inside never displaces a report in
            // silence: say it was charged by its name only.
            if by_name {
                message.push_str(&format!(
                    " Cảnh báo: tệp “{winner_name}” không ghi tên đơn vị trong nội dung, chỉ được tính cho đơn vị theo tên tệp hoặc thư mục."
                ));
            }
            let mut finding = Finding::new(&o.file, Rule::UnitDuplicate, message);
            finding.unit = Some(unit.clone());
            o.findings.push(finding);
            o.verdict = Verdict::Rejected;
        }
    }
}

/// `winner` is a correction of `loser`, which it replaces with no error:
/// both report the quarter, a later date shows `winner` was sent later (the
/// report date, or the files' times when one has none), and `winner` names
/// its unit inside (a file charged by its name alone never displaces a
/// report in silence). Two reports of one date settled by the files' times
/// are not: which was saved last is no sign of which the unit meant, so the
/// other is rejected with the finding that says how it was decided.
fn corrects(winner: &FileOutcome, loser: &FileOutcome, quarter: Quarter, why: &str) -> bool {
    reports_quarter(winner, quarter)
        && reports_quarter(loser, quarter)
        && why == SENT_LATER
        && !charged_by_name(winner)
}

const SENT_LATER: &str = "gửi sau";
const SAVED_LATER: &str = "cùng ngày báo cáo, tệp này được lưu sau";

/// What made `winner` the file used rather than `loser`, as the finding says
/// it: "sent later" only when a date says so, never when the name decided.
fn why_kept(
    winner: &FileOutcome,
    loser: &FileOutcome,
    quarter: Quarter,
    all_dated: bool,
) -> &'static str {
    if reports_quarter(winner, quarter) != reports_quarter(loser, quarter) {
        return "đúng kỳ báo cáo";
    }
    if all_dated && report_date(winner) != report_date(loser) {
        return SENT_LATER;
    }
    match (modified(winner), modified(loser)) {
        // Both dated the same day: the file saved later, by the files' times.
        (Some(w), Some(l)) if w != l && all_dated => SAVED_LATER,
        (Some(w), Some(l)) if w != l => SENT_LATER,
        _ => "không biết tệp nào gửi sau, nên chọn theo tên tệp",
    }
}

/// The file says it reports `quarter`.
fn reports_quarter(o: &FileOutcome, quarter: Quarter) -> bool {
    o.submission
        .as_ref()
        .and_then(|s| s.period.as_ref())
        .is_some_and(|p| p.value == Period::Quarter(quarter))
}

fn charged_by_name(o: &FileOutcome) -> bool {
    o.findings
        .iter()
        .any(|f| matches!(f.rule, Rule::UnitFromFileName | Rule::UnitFromFolderName))
}

fn report_date(o: &FileOutcome) -> Option<chrono::NaiveDate> {
    o.submission.as_ref()?.report_date.as_ref().map(|d| d.value)
}

fn modified(o: &FileOutcome) -> Option<SystemTime> {
    o.submission.as_ref()?.modified
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::submission::{How, Located, Submission};

    /// A unit's file: its period, report date and modification time (in
    /// seconds), each optional.
    struct File {
        name: &'static str,
        period: Option<&'static str>,
        date: Option<&'static str>,
        modified: Option<u64>,
    }

    fn at<T>(value: T) -> Located<T> {
        Located {
            value,
            sheet: "Báo cáo".to_string(),
            row: 1,
            col: 1,
            how: How::RightOfLabel,
            typed: None,
        }
    }

    fn outcome(f: &File) -> FileOutcome {
        let submission = Submission {
            file: f.name.to_string(),
            period: f
                .period
                .map(|p| at(Period::Quarter(p.parse().expect("quarter")))),
            report_date: f
                .date
                .map(|d| at(chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").expect("date"))),
            modified: f
                .modified
                .map(|s| SystemTime::UNIX_EPOCH + std::time::Duration::from_secs(s)),
            ..Submission::default()
        };
        FileOutcome {
            file: f.name.to_string(),
            unit: Some("T89".to_string()),
            verdict: Verdict::Accepted,
            submission: Some(submission),
            findings: Vec::new(),
            received: None,
            settled_by_time: false,
            digest: None,
            replaced_by: None,
        }
    }

    const fn file(
        name: &'static str,
        period: Option<&'static str>,
        date: Option<&'static str>,
        modified: Option<u64>,
    ) -> File {
        File {
            name,
            period,
            date,
            modified,
        }
    }

    #[test]
    fn one_file_per_unit_is_used_and_the_others_say_why() {
        let q1 = Some("2020-Q1");
        // (case, the unit's files, the one used, why the others are not)
        let cases = [
            (
                "the quarter's report beats last quarter's sent again",
                vec![
                    file("a.xlsx", Some("2019-Q4"), Some("2020-04-09"), Some(20)),
                    file("b.xlsx", q1, Some("2020-04-01"), Some(10)),
                ],
                "b.xlsx",
                "đúng kỳ báo cáo",
            ),
            (
                "the later report date wins",
                vec![
                    file("a.xlsx", q1, Some("2020-04-09"), Some(10)),
                    file("b.xlsx", q1, Some("2020-04-01"), Some(20)),
                ],
                "a.xlsx",
                "gửi sau",
            ),
            (
                "the same date: the file saved later",
                vec![
                    file("a.xlsx", q1, Some("2020-04-09"), Some(20)),
                    file("b.xlsx", q1, Some("2020-04-09"), Some(10)),
                ],
                "a.xlsx",
                "cùng ngày báo cáo, tệp này được lưu sau",
            ),
            (
                "a file without a date: times decide, not dates",
                vec![
                    file("a.xlsx", q1, Some("2020-04-09"), Some(10)),
                    file("b.xlsx", q1, None, Some(20)),
                ],
                "b.xlsx",
                "gửi sau",
            ),
            (
                "nothing tells: the name decides, and says so",
                vec![
                    file("b.xlsx", q1, None, None),
                    file("a.xlsx", q1, None, None),
                ],
                "b.xlsx",
                "không biết tệp nào gửi sau, nên chọn theo tên tệp",
            ),
        ];
        for (case, files, used, why) in cases {
            let mut outcomes: Vec<FileOutcome> = files.iter().map(outcome).collect();
            settle_duplicates(&mut outcomes, "2020-Q1".parse().expect("quarter"));
            // The same files, the one used charged by its name only: never a
            // silent replacement.
            let mut by_name: Vec<FileOutcome> = files.iter().map(outcome).collect();
            for o in by_name.iter_mut().filter(|o| o.file == used) {
                o.findings
                    .push(Finding::new(used, Rule::UnitFromFileName, "theo tên tệp"));
            }
            settle_duplicates(&mut by_name, "2020-Q1".parse().expect("quarter"));
            for o in by_name.iter().filter(|o| o.file != used) {
                assert_eq!(o.verdict, Verdict::Rejected, "{case}, by name: {}", o.file);
            }
            for o in &outcomes {
                let rejected = o.findings.iter().find(|f| f.rule == Rule::UnitDuplicate);
                match o.file == used {
                    true => {
                        assert_eq!(o.verdict, Verdict::Accepted, "{case}: {}", o.file);
                        assert!(rejected.is_none(), "{case}: {}", o.file);
                    }
                    // A correction: the earlier report replaced, no error.
                    false if why == "gửi sau" => {
                        assert_eq!(o.verdict, Verdict::Replaced, "{case}: {}", o.file);
                        assert_eq!(o.replaced_by.as_deref(), Some(used), "{case}");
                        assert!(rejected.is_none(), "{case}: {}", o.file);
                    }
                    false => {
                        assert_eq!(o.verdict, Verdict::Rejected, "{case}: {}", o.file);
                        let message = &rejected.expect("a unit.duplicate finding").message;
                        assert!(
                            message.contains(&format!("dùng tệp “{used}” ({why})")),
                            "{case}: {message}"
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn files_of_other_units_or_not_submissions_are_left_alone() {
        let q1 = Some("2020-Q1");
        let mut outcomes: Vec<FileOutcome> = [
            file("a.xlsx", q1, None, Some(1)),
            file("b.xlsx", q1, None, Some(2)),
            file("c.pdf", None, None, Some(3)),
        ]
        .iter()
        .map(outcome)
        .collect();
        outcomes[1].unit = Some("T01".to_string());
        outcomes[2].verdict = Verdict::NotSubmission;
        settle_duplicates(&mut outcomes, "2020-Q1".parse().expect("quarter"));
        for o in &outcomes {
            assert!(o.findings.is_empty(), "{}", o.file);
        }
        assert_eq!(outcomes[2].verdict, Verdict::NotSubmission);
    }
}
