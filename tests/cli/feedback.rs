//! The hand-over to the units (#12): a feedback workbook for each unit that
//! has something to hear (`phan-hoi/<code>-<quarter>.xlsx`) and the sending
//! list (`phan-hoi/danh-sach.csv`), written with the rest of the report.

use crate::support::*;
use calamine::Data;

mod further_back;
mod rerun;

/// Six units, with e-mails; one name carries a comma and quotes (the CSV
/// must quote it), one address starts with `=` (the CSV must neutralise it).
const ROSTER: &str = r#"
[[unit]]
code = "BCA"
name = "Bộ Công an"
group = "I"
email = "vanthu@bocongan.gov.vn"

[[unit]]
code = "BQP"
name = "Bộ Quốc phòng, \"Văn phòng\""
group = "I"

[[unit]]
code = "T89"
name = "An Giang"
group = "II"
email = "stttt@angiang.gov.vn"

[[unit]]
code = "T74"
name = "Bình Dương"
group = "II"
email = "sotttt@binhduong.gov.vn"

[[unit]]
code = "T01"
name = "Hà Nội"
group = "II"
city = true
email = "=cmd@hanoi.gov.vn"

[[unit]]
code = "T44"
name = "Quảng Bình"
group = "II"
"#;

/// What the period cell of Bình Dương's file says: text a spreadsheet
/// would run if it were written as a formula.
const FORMULA_TEXT: &str = "=HYPERLINK(\"http://x.vn\",\"bấm\")";

/// The day of the first run (`DVCTT_TODAY`); reports are due 10/04/2020.
const DAY: &str = "2020-04-15";

fn setup() -> Workdir {
    let wd = Workdir::new();
    wd.write("roster.toml", ROSTER.as_bytes());
    wd.write("dvctt.toml", b"roster = \"roster.toml\"\n");
    // The previous quarter, every unit but the one that will be missing.
    let q4 = [
        ("BCA", "Bộ Công an", 1000, 400),
        ("T89", "An Giang", 1915, 800),
        ("T74", "Bình Dương", 2220, 201),
        ("T01", "Hà Nội", 1818, 640),
        ("T44", "Quảng Bình", 1611, 120),
    ];
    for (code, name, total, level4) in q4 {
        Form::new(name, "Quý IV/2019", total, level4).save(&wd, &format!("q4/{code}.xlsx"));
    }
    let out = wd.on_day(
        "2020-01-15",
        &[
            "run",
            "--quarter",
            "2019-Q4",
            "--submissions",
            "q4",
            "--reports",
            "reports",
        ],
    );
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    // Bộ Công an: 52,00% but 30% more procedures (a flag, nothing else).
    Form::new("Bộ Công an", "Quý I/2020", 1300, 676).save(&wd, "submissions/bca.xlsx");
    // An Giang: clean, at 41,78%, level-4 up, total unchanged.
    Form::new("An Giang", "Quý I/2020", 1915, 800).save(&wd, "submissions/ag.xlsx");
    // Hà Nội: accepted at 35,20%, but writes its ratio as 30%.
    Form::new("Hà Nội", "Quý I/2020", 1818, 640)
        .set("Tỷ lệ DVCTT mức độ 4", t("30%"))
        .save(&wd, "submissions/hn.xlsx");
    // Bình Dương: rejected, more level-4 services than procedures, and a
    // period that looks like a formula.
    Form::new("Bình Dương", "Quý I/2020", 2220, 2500)
        .set("Kỳ báo cáo", t(FORMULA_TEXT))
        .save(&wd, "submissions/bd.xlsx");
    // Quảng Bình: accepted, unchanged, under the 30% target (7,76%).
    Form::new("Quảng Bình", "Quý I/2020", 1611, 125).save(&wd, "submissions/qb.xlsx");
    // Bộ Quốc phòng sends nothing.
    wd
}

fn run_on(wd: &Workdir, day: &str) -> std::process::Output {
    wd.quarter_command(std::path::Path::new(BIN), "2020-Q1", &[])
        .env("DVCTT_TODAY", day)
        .output()
        .expect("run dvctt")
}

/// `dvctt config` with `config` as dvctt.toml refuses it with exit 2, saying `why`.
fn refused(wd: &Workdir, config: &str, why: &str) {
    wd.write("dvctt.toml", config.as_bytes());
    let out = wd.run(&["config"]);
    assert_eq!(code(&out), 2, "{config}");
    assert!(stderr(&out).contains(why), "{config}: {}", stderr(&out));
}

fn feedback_names(wd: &Workdir, dir: &str) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(wd.path(dir))
        .unwrap_or_else(|e| panic!("{dir}: {e}"))
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

fn book(wd: &Workdir, code: &str) -> Vec<Vec<Data>> {
    sheet(&wd.feedback_path("2020-Q1", code), "Phản hồi")
}

/// Every cell's text, row by row.
fn texts(rows: &[Vec<Data>]) -> Vec<Vec<String>> {
    rows.iter().map(|r| r.iter().map(text).collect()).collect()
}

/// The row whose second cell is `label` (a table row: TT, then the label).
fn row<'a>(rows: &'a [Vec<String>], label: &str) -> &'a [String] {
    rows.iter()
        .find(|r| r.get(1).is_some_and(|c| c == label))
        .unwrap_or_else(|| panic!("no row {label}: {rows:?}"))
}

fn all_text(rows: &[Vec<String>]) -> String {
    rows.iter()
        .flatten()
        .cloned()
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn which_units_get_a_feedback_file() {
    let wd = setup();
    let out = run_on(&wd, DAY);
    assert_eq!(code(&out), 3, "{}", stderr(&out));
    // Flag (BCA), missing (BQP), rejected (T74), warning (T01), lagging
    // (T44); An Giang, clean, gets none.
    assert_eq!(
        feedback_names(&wd, "reports/2020-Q1/phan-hoi"),
        [
            "BCA-2020-Q1.xlsx",
            "BQP-2020-Q1.xlsx",
            "T01-2020-Q1.xlsx",
            "T44-2020-Q1.xlsx",
            "T74-2020-Q1.xlsx",
            "danh-sach.csv"
        ]
    );
    let s = wd.summary("2020-Q1");
    assert_eq!(
        s["feedback"],
        serde_json::json!({"issued": "2020-04-15", "resubmit_by": "2020-04-25",
                           "units": ["BCA", "BQP", "T74", "T01", "T44"]})
    );
    // The summary counts the folder's files, and names it, in one line.
    let text = stdout(&out);
    assert!(
        text.contains("phan-hoi/: 5 tệp phản hồi đơn vị và danh sách gửi danh-sach.csv"),
        "{text}"
    );
    assert!(!text.contains("T44-2020-Q1.xlsx"), "{text}");
}

#[test]
fn a_feedback_file_gives_figures_with_cells_findings_rank_and_deadline() {
    let wd = setup();
    run_on(&wd, DAY);
    let hn = texts(&book(&wd, "T01"));
    let all = all_text(&hn);
    // Addressed to the city's people's committee, not to a place.
    assert!(
        all.contains("Kính gửi: Ủy ban nhân dân thành phố Hà Nội"),
        "{all}"
    );
    assert!(all.contains("Quý I/2020"));
    assert!(all.contains("CỤC TIN HỌC HÓA"), "the heading block");
    // What was received and when: the report date the file gives.
    let received = row(&hn, "hn.xlsx");
    assert_eq!(received[2], "05/04/2020");
    assert_eq!(received[4], "Hợp lệ");
    // The figures as read, each with its sheet and cell: Form::new writes
    // the name, period, date, total and level-4 in D4 to D8, the ratio
    // added under them in D9.
    let total = row(&hn, "Tổng số TTHC");
    assert_eq!(&total[2..5], ["1818", "Báo cáo", "D7"]);
    let level4 = row(&hn, "Số DVCTT mức độ 4");
    assert_eq!(&level4[2..5], ["640", "Báo cáo", "D8"]);
    assert_eq!(&row(&hn, "Tên đơn vị")[2..5], ["Hà Nội", "Báo cáo", "D4"]);
    // A figure the form leaves blank is said so, not "không có" (what a unit
    // writes for a figure that does not apply: new-user review).
    assert_eq!(row(&hn, "Số hồ sơ trực tuyến")[2], "để trống");
    // The comparison: 640/1818 both quarters, no change.
    let ratio = row(&hn, "Tỷ lệ");
    let now = 640.0 / 1818.0;
    assert!((ratio[2].parse::<f64>().unwrap() - now).abs() < 1e-12);
    assert!((ratio[3].parse::<f64>().unwrap() - now).abs() < 1e-12);
    // Its place: 35,20% is second of the three provinces accepted
    // (An Giang 41,78%, Quảng Bình 7,76%; Bình Dương rejected).
    assert!(all.contains("xếp thứ 2/3"), "{all}");
    // The finding: the cell, the value as typed, what is wrong and what to do.
    let finding = hn
        .iter()
        .find(|r| r.iter().any(|c| c == "Cảnh báo"))
        .unwrap_or_else(|| panic!("no finding row: {all}"));
    assert_eq!(finding[3], "Báo cáo!D9");
    assert_eq!(finding[4], "30%");
    assert!(
        finding[1].contains("30%") && finding[1].contains("35,20%"),
        "{finding:?}"
    );
    assert!(!finding[5].is_empty());
    // The deadline: ten days (the default) from the run's date.
    assert!(all.contains("trước ngày 25/04/2020"), "{all}");

    // Bình Dương: rejected, each error with the cell and what was typed.
    let bd = texts(&book(&wd, "T74"));
    let all = all_text(&bd);
    assert!(all.contains("báo cáo không hợp lệ"), "{all}");
    let over = bd
        .iter()
        .find(|r| r.get(3).is_some_and(|c| c == "Báo cáo!D8"))
        .unwrap_or_else(|| panic!("no D8 finding: {all}"));
    assert_eq!(over[2], "Lỗi");
    // As written in its cell, last quarter's count beside it (#23).
    assert_eq!(over[4], "2500 (quý trước: 201)");
    let period = bd
        .iter()
        .find(|r| r.get(3).is_some_and(|c| c == "Báo cáo!D5"))
        .unwrap_or_else(|| panic!("no D5 finding: {all}"));
    assert_eq!(period[4], FORMULA_TEXT);
    assert!(!all.contains("xếp thứ"), "a rejected report has no place");
    assert!(all.contains("sửa các lỗi") && all.contains("trước ngày 25/04/2020"));

    // Bộ Quốc phòng: missing, asked for its report by the same day.
    let bqp = all_text(&texts(&book(&wd, "BQP")));
    assert!(bqp.contains("chưa nhận được báo cáo"), "{bqp}");
    assert!(
        bqp.contains("gửi báo cáo Quý I/2020 trước ngày 25/04/2020"),
        "{bqp}"
    );

    // Bộ Công an: only flagged, first of the one ministry accepted.
    let bca = all_text(&texts(&book(&wd, "BCA")));
    assert!(bca.contains("Tổng số TTHC thay đổi nhiều"), "{bca}");
    assert!(bca.contains("xếp thứ 1/1"), "{bca}");
}

#[test]
fn a_feedback_file_holds_nothing_of_another_unit() {
    let wd = setup();
    run_on(&wd, DAY);
    let units = [
        ("BCA", "Bộ Công an", [1300.0, 676.0]),
        ("BQP", "Bộ Quốc phòng", [f64::NAN, f64::NAN]),
        ("T74", "Bình Dương", [2220.0, 2500.0]),
        ("T01", "Hà Nội", [1818.0, 640.0]),
        ("T44", "Quảng Bình", [1611.0, 125.0]),
        ("T89", "An Giang", [1915.0, 800.0]),
    ];
    for (code, _, _) in units.iter().filter(|(c, _, _)| *c != "T89") {
        let rows = book(&wd, code);
        for (other, name, figures) in units.iter().filter(|(c, _, _)| c != code) {
            for cell in rows.iter().flatten() {
                let shown = text(cell);
                assert!(
                    !shown.contains(name),
                    "{code}'s file names {other}: {shown}"
                );
                if let Data::Float(v) = cell {
                    assert!(!figures.contains(v), "{code}'s file has {other}'s {v}");
                }
            }
        }
    }
}

#[test]
fn formula_looking_text_is_written_as_a_string() {
    let wd = setup();
    run_on(&wd, DAY);
    let rows = book(&wd, "T74");
    let cells: Vec<&Data> = rows
        .iter()
        .flatten()
        .filter(|c| text(c) == FORMULA_TEXT)
        .collect();
    assert!(!cells.is_empty(), "the period as typed is shown");
    assert!(cells.iter().all(|c| matches!(c, Data::String(_))));
    let path = wd.path("reports/2020-Q1/phan-hoi/T74-2020-Q1.xlsx");
    assert!(
        !xml(&path, "xl/worksheets/sheet1.xml").contains("<f>"),
        "no formula"
    );
}

#[test]
fn the_sending_list_is_a_csv_excel_and_mail_merges_read() {
    let wd = setup();
    run_on(&wd, DAY);
    let bytes = std::fs::read(wd.path("reports/2020-Q1/phan-hoi/danh-sach.csv")).unwrap();
    assert!(
        bytes.starts_with(b"\xEF\xBB\xBF"),
        "UTF-8 with a byte order mark"
    );
    let text = String::from_utf8(bytes[3..].to_vec()).unwrap();
    let lines: Vec<&str> = text.split_terminator("\r\n").collect();
    assert_eq!(
        lines,
        [
            "Mã đơn vị,Tên đơn vị,Kết quả,Số lỗi,Số cảnh báo,Tệp phản hồi,Hạn gửi lại,Thư điện tử,Kính gửi",
            "BCA,Bộ Công an,Hợp lệ,0,0,BCA-2020-Q1.xlsx,25/04/2020,vanthu@bocongan.gov.vn,Bộ Công an",
            "BQP,\"Bộ Quốc phòng, \"\"Văn phòng\"\"\",Chưa nộp,0,0,BQP-2020-Q1.xlsx,25/04/2020,,\"Bộ Quốc phòng, \"\"Văn phòng\"\"\"",
            "T74,Bình Dương,Không hợp lệ,2,0,T74-2020-Q1.xlsx,25/04/2020,sotttt@binhduong.gov.vn,Ủy ban nhân dân tỉnh Bình Dương",
            "T01,Hà Nội,Hợp lệ,0,1,T01-2020-Q1.xlsx,25/04/2020,'=cmd@hanoi.gov.vn,Ủy ban nhân dân thành phố Hà Nội",
            "T44,Quảng Bình,Hợp lệ,0,0,T44-2020-Q1.xlsx,25/04/2020,,Ủy ban nhân dân tỉnh Quảng Bình",
        ]
    );
    // Every file the list names is there, and every feedback file is listed.
    let listed: Vec<String> = lines[1..]
        .iter()
        .map(|l| {
            let file = l.split(',').find(|c| c.ends_with(".xlsx"));
            file.unwrap_or_else(|| panic!("no file in {l}")).to_string()
        })
        .collect();
    let mut files: Vec<String> = feedback_names(&wd, "reports/2020-Q1/phan-hoi");
    files.retain(|f| f.ends_with(".xlsx"));
    let mut listed_sorted = listed.clone();
    listed_sorted.sort();
    assert_eq!(listed_sorted, files);
}

#[test]
fn the_roster_refuses_an_address_that_is_not_one() {
    for bad in ["vanthu", "a@b", "a@b.vn, c@d.vn", "văn@thư.vn"] {
        let wd = Workdir::new();
        let roster = format!(
            "[[unit]]\ncode = \"T89\"\nname = \"An Giang\"\ngroup = \"II\"\nemail = \"{bad}\"\n"
        );
        wd.write("roster.toml", roster.as_bytes());
        refused(&wd, "roster = \"roster.toml\"\n", "T89: thư điện tử");
    }
}

#[test]
fn resubmit_days_sets_the_deadline_and_is_bounded() {
    let wd = setup();
    wd.write(
        "dvctt.toml",
        b"roster = \"roster.toml\"\n[feedback]\nresubmit_days = 5\n",
    );
    let out = run_on(&wd, DAY);
    assert_eq!(code(&out), 3, "{}", stderr(&out));
    assert_eq!(
        wd.summary("2020-Q1")["feedback"]["resubmit_by"],
        "2020-04-20"
    );
    assert!(all_text(&texts(&book(&wd, "T44"))).contains("trước ngày 20/04/2020"));
    for bad in ["0", "367"] {
        let config = format!("roster = \"roster.toml\"\n[feedback]\nresubmit_days = {bad}\n");
        refused(&wd, &config, "feedback.resubmit_days");
    }
}

#[test]
fn no_previous_quarter_alone_sends_no_feedback() {
    let wd = Workdir::new();
    wd.write("roster.toml", ROSTER.as_bytes());
    wd.write("dvctt.toml", b"roster = \"roster.toml\"\n");
    // An Giang at 41,78% with no earlier quarter anywhere: flag no_previous
    // only. Every other unit is missing and hears about it.
    Form::new("An Giang", "Quý I/2020", 1915, 800).save(&wd, "submissions/ag.xlsx");
    let out = run_on(&wd, DAY);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert_eq!(
        unit(&wd.summary("2020-Q1"), "T89")["flags"],
        serde_json::json!(["no_previous"])
    );
    let names = feedback_names(&wd, "reports/2020-Q1/phan-hoi");
    assert!(
        !names.contains(&"T89-2020-Q1.xlsx".to_string()),
        "{names:?}"
    );
    assert_eq!(names.len(), 6, "five missing units and the list: {names:?}");
}

#[test]
fn a_replayed_quarter_dates_its_feedback_from_its_own_run_day() {
    // The sample quarter replayed years later: the units are asked for
    // corrections ten days after the quarter's run day (15/04/2020), never
    // ten days after the replay.
    let wd = setup();
    let out = run_on(&wd, "2026-12-07");
    assert_eq!(code(&out), 3, "{}", stderr(&out));
    let summary = wd.summary("2020-Q1");
    assert_eq!(summary["feedback"]["issued"], "2020-04-15");
    assert_eq!(summary["feedback"]["resubmit_by"], "2020-04-25");
    let all = all_text(&texts(&book(&wd, "T44")));
    assert!(all.contains("trước ngày 25/04/2020"), "{all}");
    assert!(!all.contains("2026"), "{all}");
    // The run day is a setting, bounded.
    let wd = setup();
    wd.write(
        "dvctt.toml",
        b"roster = \"roster.toml\"\n[feedback]\nrun_day = 20\n",
    );
    assert_eq!(code(&run_on(&wd, "2026-12-07")), 3);
    assert_eq!(wd.summary("2020-Q1")["feedback"]["issued"], "2020-04-20");
    for bad in ["0", "29"] {
        let config = format!("roster = \"roster.toml\"\n[feedback]\nrun_day = {bad}\n");
        refused(&wd, &config, "feedback.run_day");
    }
}
