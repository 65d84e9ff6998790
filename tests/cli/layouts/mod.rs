//! The layout corpus (#8): reports laid out the way Vietnamese offices lay
//! them out, each written here cell by cell and read through one `dvctt run`
//! (one unit per file), each asserting the exact figures read, and the exact
//! findings. Every expected figure is what the file says.

use crate::support::*;

mod libreoffice;
mod lines;
mod row_and_column;
mod second_review;
mod sheets;
mod tables;
mod ungoverned;

/// What a file must give.
pub enum Want {
    /// Accepted with (total, level4, level3) and exactly these findings.
    Read(u64, u64, Option<u64>, &'static [&'static str]),
    /// Rejected with exactly these findings.
    Rejected(&'static [&'static str]),
}

pub struct Case {
    pub file: &'static str,
    pub code: &'static str,
    pub sheets: Vec<Sheet>,
    pub want: Want,
}

pub fn case(file: &'static str, code: &'static str, sheet: Sheet, want: Want) -> Case {
    Case {
        file,
        code,
        sheets: vec![sheet],
        want,
    }
}

pub fn corpus() -> Vec<Case> {
    let mut cases = lines::cases();
    cases.extend(tables::cases());
    cases.extend(sheets::cases());
    cases
}

pub fn check_case(s: &serde_json::Value, case: &Case) -> Result<(), String> {
    let u = unit(s, case.code);
    let mut rules = rules_for(s, case.file);
    rules.retain(|r| r != "unit.from_file_name");
    let sorted = |v: &[&str]| {
        let mut v: Vec<String> = v.iter().map(|r| r.to_string()).collect();
        v.sort();
        v
    };
    let mut got = rules.clone();
    got.sort();
    let problem = match &case.want {
        Want::Read(total, level4, level3, want_rules) => {
            let figures = (
                u["total"].as_u64(),
                u["level4"].as_u64(),
                u["level3"].as_u64(),
            );
            if u["status"] != "accepted" || u["file"] != case.file {
                Some(format!(
                    "{} not accepted: {:?}",
                    u["status"],
                    findings_of(s, case.file)
                ))
            } else if figures != (Some(*total), Some(*level4), *level3) {
                Some(format!(
                    "read {figures:?}, want {:?}",
                    (total, level4, level3)
                ))
            } else if got != sorted(want_rules) {
                Some(format!("findings {:?}", findings_of(s, case.file)))
            } else {
                None
            }
        }
        Want::Rejected(want_rules) => {
            if u["status"] != "rejected" {
                Some(format!(
                    "{} with {:?}",
                    u["status"],
                    findings_of(s, case.file)
                ))
            } else if got != sorted(want_rules) {
                Some(format!("findings {:?}", findings_of(s, case.file)))
            } else {
                None
            }
        }
    };
    match problem {
        Some(p) => Err(format!("{}: {p}", case.file)),
        None => Ok(()),
    }
}

fn findings_of(s: &serde_json::Value, file: &str) -> Vec<String> {
    s["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .filter(|f| f["file"] == file)
        .map(|f| format!("{} {}: {}", f["rule"], f["cell"], f["message"]))
        .collect()
}

/// Writes the corpus to `submissions/` and runs the quarter. With
/// `DVCTT_LAYOUT_SEEDS` set to a folder, the workbooks are also left there
/// (`fuzz/seed.sh` seeds the fuzzer with them).
pub fn run_corpus(wd: &Workdir, cases: &[Case]) -> serde_json::Value {
    let seeds = std::env::var_os("DVCTT_LAYOUT_SEEDS").map(std::path::PathBuf::from);
    for case in cases {
        let bytes = book(&case.sheets);
        if let Some(seeds) = &seeds {
            std::fs::write(seeds.join(case.file), &bytes).expect("a seed written");
        }
        wd.write(&format!("submissions/{}", case.file), &bytes);
    }
    let out = wd.run_quarter("2020-Q1", &[]);
    assert!(matches!(code(&out), 0 | 3), "{}", stderr(&out));
    wd.summary("2020-Q1")
}

/// Runs `cases` in `wd` and fails naming every case not read as wanted;
/// the summary, for what a test asserts further.
pub fn assert_read_as_wanted(wd: &Workdir, cases: &[Case]) -> serde_json::Value {
    let s = run_corpus(wd, cases);
    let failures: Vec<String> = cases
        .iter()
        .filter_map(|c| check_case(&s, c).err())
        .collect();
    assert!(
        failures.is_empty(),
        "{} cases misread:\n{}",
        failures.len(),
        failures.join("\n")
    );
    s
}

#[test]
fn every_layout_of_the_corpus_reads_its_figures_or_its_finding() {
    let wd = Workdir::new();
    let cases = corpus();
    assert!(
        cases.len() >= 40,
        "the corpus holds {} layouts",
        cases.len()
    );
    assert_read_as_wanted(&wd, &cases);
}

#[test]
fn every_figure_says_where_it_was_read_in_summary_json_and_the_workbook() {
    let wd = Workdir::new();
    let cases: Vec<Case> = corpus()
        .into_iter()
        .filter(|c| ["T89", "T60", "T48"].contains(&c.code))
        .collect();
    let s = run_corpus(&wd, &cases);
    let source = |code: &str, field: &str| {
        let src = &unit(&s, code)["sources"][field];
        (
            src["sheet"].as_str().unwrap_or("").to_string(),
            src["cell"].as_str().unwrap_or("").to_string(),
            src["how"].as_str().unwrap_or("").to_string(),
        )
    };
    // (unit, field, cell, how): numbered lines from row 6 with values in D;
    // `Kỳ báo cáo: Quý I/2020` in A2; the heading block in A1, the title in
    // A5, the data row under the header in row 8.
    let expected = [
        ("T89", "total", "D6", "right_of_label"),
        ("T89", "level4", "D8", "right_of_label"),
        ("T60", "period", "A2", "in_label_cell"),
        ("T48", "unit_name", "A1", "heading_block"),
        ("T48", "period", "A5", "title"),
        ("T48", "total", "C8", "under_header"),
        ("T48", "level4", "E8", "under_header"),
    ];
    for (code, field, cell, how) in expected {
        let want = ("Báo cáo".to_string(), cell.to_string(), how.to_string());
        assert_eq!(source(code, field), want, "{code} {field}");
    }
    let trace = sheet(
        &wd.path("reports/2020-Q1/tong-hop-2020-Q1.xlsx"),
        "Nguồn số liệu",
    );
    let row = trace
        .iter()
        .find(|r| text(&r[1]) == "T48" && text(&r[3]).starts_with("Số DVCTT mức độ 4"))
        .expect("Đà Nẵng's level-4 row in the trace sheet");
    assert_eq!(
        (text(&row[4]), text(&row[5]), text(&row[6])),
        ("Báo cáo".into(), "E8".into(), "dưới tiêu đề cột".into())
    );
}

#[test]
fn findings_quote_the_value_as_the_unit_typed_it() {
    let wd = Workdir::new();
    let cases: Vec<Case> = corpus()
        .into_iter()
        .filter(|c| ["T40", "T36", "T54"].contains(&c.code))
        .collect();
    let s = run_corpus(&wd, &cases);
    let messages = findings_of(&s, "39-nghe-an.xlsx");
    assert!(messages[0].contains("ghi “1,818”"), "{messages:?}");
    let messages = findings_of(&s, "38-nam-dinh.xlsx");
    assert!(
        messages[0].contains("ghi (“0,5”, đọc là 50,00%)"),
        "{messages:?}"
    );
}

/// `dvctt check` chooses the sheet of the current reporting quarter when
/// no quarter is given: the last that ended before the run's date. Here
/// last quarter's sheet lacks its total, so which one was read shows.
#[test]
fn check_without_a_quarter_chooses_the_sheet_of_the_current_reporting_quarter() {
    let wd = Workdir::new();
    let report = |name: &str, period: &str, total: &str| {
        lines(
            Sheet::new(name)
                .row(1, 1, &["Tên đơn vị", "", "Kon Tum"])
                .row(2, 1, &["Kỳ báo cáo", "", period]),
            5,
            &[
                ("Tổng số TTHC", "thủ tục", total),
                ("Số DVCTT mức độ 4", "dịch vụ", "142"),
            ],
        )
    };
    let file = wd.write(
        "kon-tum.xlsx",
        &book(&[
            report("Quý IV", "Quý IV/2019", ""),
            report("Quý I", "Quý I/2020", "1400"),
        ]),
    );
    let check = |today: &str| stdout(&wd.on_day(today, &["check", file.to_str().unwrap()]));
    // On 10 April 2020 the current quarter is Quý I/2020: its sheet, complete.
    let april = check("2020-04-10");
    assert!(april.starts_with("kon-tum.xlsx: HỢP LỆ\n"), "{april}");
    // On 10 January 2020 it is Quý IV/2019: that sheet, without its total.
    let january = check("2020-01-10");
    assert!(
        january.starts_with("kon-tum.xlsx: KHÔNG HỢP LỆ\n"),
        "{january}"
    );
    let missing_there = |l: &str| l.starts_with("  Lỗi [Quý IV!") && l.ends_with("(value.missing)");
    assert!(january.lines().any(missing_there), "{january}");
}

/// The run's date bounds a report date: one after it is not believed.
#[test]
fn a_report_date_after_the_runs_date_is_implausible_and_not_used() {
    let wd = Workdir::new();
    let form = lines(
        who(Sheet::new("Báo cáo"), 1, "Ninh Bình").row(3, 1, &["Ngày báo cáo", "", "20/04/2020"]),
        6,
        &[
            ("Tổng số TTHC", "thủ tục", "1500"),
            ("Số DVCTT mức độ 4", "dịch vụ", "450"),
        ],
    );
    let file = wd.write("nb.xlsx", &book(&[form]));
    let run = |today: &str| {
        let out = wd.on_day(
            today,
            &["check", "--quarter", "2020-Q1", file.to_str().unwrap()],
        );
        stdout(&out)
    };
    assert!(run("2020-04-15").contains("value.implausible_date"));
    assert!(!run("2020-04-25").contains("value.implausible_date"));
}

/// The place-and-date line under the heading (`Bắc Ninh, ngày 05 tháng 4
/// năm 2020`) is the report's date where no label gives one (new-user
/// review: lateness fell back to the file's time); a labelled date wins over
/// it, and a line left blank for the signer gives none.
#[test]
fn the_place_and_date_line_is_the_report_date_where_no_label_gives_one() {
    let wd = Workdir::new();
    let heading = |province: &str, date_line: &str| {
        Sheet::new("Báo cáo")
            .row(0, 0, &[&format!("UBND TỈNH {province}")])
            .row(1, 0, &["SỞ THÔNG TIN VÀ TRUYỀN THÔNG", "", "", date_line])
            .text(3, 0, "BÁO CÁO KẾT QUẢ CUNG CẤP DVCTT QUÝ I NĂM 2020")
            .row(5, 0, &["Tổng số TTHC", "1800"])
            .row(6, 0, &["Số DVCTT mức độ 4", "300"])
    };
    let files = [
        (
            "bn.xlsx",
            heading("BẮC NINH", "Bắc Ninh, ngày 14 tháng 4 năm 2020"),
        ),
        (
            "hn.xlsx",
            heading("HÀ NAM", "Hà Nam, ngày … tháng … năm 2020"),
        ),
        // Two date lines that differ: neither is taken (attacker review: the
        // first was, without a word); one that is no day is said and dropped.
        (
            "bg.xlsx",
            heading("BẮC GIANG", "Bắc Giang, ngày 05 tháng 4 năm 2020").row(
                2,
                3,
                &["Bắc Giang, ngày 12 tháng 4 năm 2020"],
            ),
        ),
        (
            "ls.xlsx",
            heading("LẠNG SƠN", "Lạng Sơn, ngày 31 tháng 2 năm 2020"),
        ),
        (
            "hd.xlsx",
            heading("HẢI DƯƠNG", "Hải Dương, ngày 14 tháng 4 năm 2020").row(
                9,
                0,
                &["Ngày báo cáo", "06/04/2020"],
            ),
        ),
    ];
    for (file, sheet) in files {
        wd.write(&format!("submissions/{file}"), &book(&[sheet]));
    }
    let out = wd.on_day(
        "2020-04-20",
        &[
            "run",
            "--quarter",
            "2020-Q1",
            "--submissions",
            "submissions",
        ],
    );
    assert_eq!(code(&out), 3, "{}{}", stdout(&out), stderr(&out));
    let s = wd.summary("2020-Q1");
    let timeliness = |code: &str| unit(&s, code)["timeliness"].clone();
    // Bắc Ninh: 14/04, four days after the 10th.
    assert_eq!(timeliness("T27")["basis"], "report_date");
    assert_eq!(timeliness("T27")["date"], "2020-04-14");
    assert_eq!(timeliness("T27")["days_late"], 4);
    assert_eq!(
        unit(&s, "T27")["sources"]["report_date"]["how"],
        "date_line"
    );
    assert_eq!(unit(&s, "T27")["sources"]["report_date"]["cell"], "D2");
    // Hà Nam: the line was left blank, the file's time decides.
    assert_eq!(timeliness("T35")["basis"], "file_modified");
    assert_eq!(rules_for(&s, "bg.xlsx"), ["value.conflict"]);
    assert_eq!(unit(&s, "T24")["status"], "rejected");
    assert_eq!(rules_for(&s, "ls.xlsx"), ["value.not_date"]);
    assert_eq!(timeliness("T20")["basis"], "file_modified");
    // Hải Dương: the labelled 06/04 is the date.
    assert_eq!(timeliness("T30")["date"], "2020-04-06");
    assert_eq!(timeliness("T30")["days_late"], 0);
}
