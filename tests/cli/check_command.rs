//! `dvctt check`: the same reading and checks on single files, nothing written.

use crate::support::*;

#[test]
fn check_prints_findings_and_writes_nothing() {
    let wd = Workdir::new();
    let good = Form::new("Long An", "Quý I/2020", 1798, 179).save(&wd, "la.xlsx");
    let bad = Form::new("Nam Định", "Quý I/2020", 1716, 1800).save(&wd, "nd.xlsx");
    let before: Vec<_> = std::fs::read_dir(wd.path(""))
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();

    let out = wd.run(&["check", "--quarter", "2020-Q1", good.to_str().unwrap()]);
    assert_eq!(code(&out), 0);
    assert!(
        stdout(&out).contains("la.xlsx: accepted [T80 Long An]"),
        "{}",
        stdout(&out)
    );

    let out = wd.run(&[
        "check",
        "--quarter",
        "2020-Q1",
        good.to_str().unwrap(),
        bad.to_str().unwrap(),
    ]);
    assert_eq!(code(&out), 3);
    let text = stdout(&out);
    assert!(text.contains("nd.xlsx: rejected [T36 Nam Định]"), "{text}");
    assert!(
        text.contains("error rule.level4_le_total Báo cáo!D8"),
        "{text}"
    );

    let out = wd.run(&["check", "--quarter", "2019-Q4", good.to_str().unwrap()]);
    assert_eq!(code(&out), 3);
    assert!(stdout(&out).contains("period.mismatch"));

    let after: Vec<_> = std::fs::read_dir(wd.path(""))
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(before, after, "check writes nothing");
}

#[test]
fn check_without_a_quarter_does_not_compare_periods() {
    let wd = Workdir::new();
    let file = Form::new("Long An", "Quý III/2021", 1798, 179).save(&wd, "la.xlsx");
    let out = wd.run(&["check", file.to_str().unwrap()]);
    assert_eq!(code(&out), 0, "{}", stdout(&out));
}

#[test]
fn check_of_a_missing_file_is_a_usage_error() {
    let wd = Workdir::new();
    let out = wd.run(&["check", "nowhere.xlsx"]);
    assert_eq!(code(&out), 2);
    assert!(stderr(&out).contains("nowhere.xlsx is not a file"));
}
