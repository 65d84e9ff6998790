//! Through LibreOffice, where it is installed: the corpus saved as `.ods` and
//! `.xls` reads the same, and the advice a finding gives, followed (the file
//! opened and saved again, the blank filled in), makes the finding go away.

use super::{Case, check_case, corpus, run_corpus};
use crate::support::*;

fn soffice_or_skip(test: &str) -> bool {
    let there = soffice_available();
    if !there {
        eprintln!("{test}: soffice is not on PATH, skipped");
    }
    there
}

/// The layouts LibreOffice must carry over: merged headers, a heading
/// block and title, in-cell values, a hidden sheet, a total row.
const CARRIED: [&str; 7] = ["T60", "T48", "T67", "T11", "T75", "T02", "T62"];

fn converted_corpus_reads_the_same(format: &str) {
    let wd = Workdir::new();
    let cases: Vec<Case> = corpus()
        .into_iter()
        .filter(|c| CARRIED.contains(&c.code))
        .collect();
    let originals: Vec<std::path::PathBuf> = cases
        .iter()
        .map(|case| wd.write(&format!("xlsx/{}", case.file), &book(&case.sheets)))
        .collect();
    let paths: Vec<&std::path::Path> = originals.iter().map(|p| p.as_path()).collect();
    let outs = soffice_convert_all(&paths, format, &wd.path("submissions"));
    let converted: Vec<Case> = cases
        .into_iter()
        .zip(outs)
        .map(|(case, out)| {
            let file = out
                .file_name()
                .expect("name")
                .to_string_lossy()
                .into_owned();
            Case {
                file: Box::leak(file.into_boxed_str()),
                ..case
            }
        })
        .collect();
    let s = run_corpus(&wd, &[]);
    let failures: Vec<String> = converted
        .iter()
        .filter_map(|c| check_case(&s, c).err())
        .collect();
    assert!(failures.is_empty(), "{format}:\n{}", failures.join("\n"));
}

#[test]
fn the_corpus_saved_as_ods_reads_the_same() {
    if soffice_or_skip("ods") {
        converted_corpus_reads_the_same("ods");
    }
}

#[test]
fn the_corpus_saved_as_xls_reads_the_same() {
    if soffice_or_skip("xls") {
        converted_corpus_reads_the_same("xls");
    }
}

/// The form's shape: labels, the total and level-4 inputs, and the ratio
/// as a formula that is blank until both are filled in.
fn form_with_ratio_formula(total: &str) -> Sheet {
    lines(
        who(Sheet::new("Báo cáo"), 1, "An Giang"),
        5,
        &[
            ("Tổng số thủ tục hành chính", "thủ tục", total),
            ("Số DVCTT mức độ 4", "dịch vụ", "754"),
            ("Tỷ lệ DVCTT mức độ 4", "%", ""),
        ],
    )
    .at(7, 3, V::F("=IF(D6>0,D7/D6,\"\")".into(), 0.0))
}

fn check_rules(wd: &Workdir, file: &std::path::Path) -> (String, Vec<String>) {
    let out = wd.run(&["check", "--quarter", "2020-Q1", file.to_str().unwrap()]);
    let text = stdout(&out);
    // A finding's line: `  Lỗi [Báo cáo!D7]: message (rule.id)`.
    let rules = text
        .lines()
        .filter(|l| l.starts_with("  Lỗi") || l.starts_with("  Lưu ý"))
        .filter_map(|l| {
            l.strip_suffix(')')?
                .rsplit_once(" (")
                .map(|(_, r)| r.to_string())
        })
        .collect();
    (text, rules)
}

/// #10 point 5: a blank input cell is `value.missing` alone (the ratio
/// formula that depends on it was computed to blank, not left uncomputed),
/// and filling it in, as the message says, ends the finding.
#[test]
fn a_blank_input_saved_by_libreoffice_is_missing_alone_and_filling_it_in_ends_it() {
    if !soffice_or_skip("blank input") {
        return;
    }
    let wd = Workdir::new();
    let blank = wd.write("in/blank.xlsx", &book(&[form_with_ratio_formula("")]));
    let filled = wd.write("in/filled.xlsx", &book(&[form_with_ratio_formula("1961")]));
    // One LibreOffice start for both: it is most of this test's time.
    let saved = soffice_convert_all(&[&blank, &filled], "xlsx", &wd.path("saved"));
    let (text, rules) = check_rules(&wd, &saved[0]);
    assert_eq!(rules, ["value.missing"], "{text}");
    assert!(
        text.contains("Chưa điền “Tổng số thủ tục hành chính”"),
        "{text}"
    );
    let (text, rules) = check_rules(&wd, &saved[1]);
    assert!(rules.is_empty(), "{text}");
    assert!(text.starts_with("filled.xlsx: HỢP LỆ\n"), "{text}");
}

/// A formula a script wrote and nothing computed is
/// `value.formula_without_result`; opening the file in LibreOffice and
/// saving it, as the message says, ends the finding and the value is read.
#[test]
fn a_formula_never_computed_is_said_and_saving_it_in_libreoffice_ends_it() {
    if !soffice_or_skip("formula") {
        return;
    }
    let wd = Workdir::new();
    let mut form =
        Form::new("An Giang", "Quý I/2020", 0, 754).set("Tổng số", V::F("=1900+61".into(), 0.0));
    form.saved_by_excel = false;
    let script = form.save(&wd, "in/script.xlsx");
    let (text, rules) = check_rules(&wd, &script);
    assert_eq!(rules, ["value.formula_without_result"], "{text}");
    let saved = soffice_convert(&script, "xlsx", &wd.path("saved"));
    let (text, rules) = check_rules(&wd, &saved);
    assert!(rules.is_empty(), "{text}");
    let folder = wd.folder("submissions");
    std::fs::copy(&saved, folder.join("script.xlsx")).expect("copy");
    let out = wd.run_quarter("2020-Q1", &[]);
    assert!(matches!(code(&out), 0 | 3), "{}", stderr(&out));
    assert_eq!(unit(&wd.summary("2020-Q1"), "T89")["total"], 1961);
}
