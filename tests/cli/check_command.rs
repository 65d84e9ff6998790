//! `dvctt check`: the same reading and checks on single files, nothing written.

use crate::support::*;

/// The cell a form's row was written to, as findings name it.
fn cell_of(form: &Form, label: &str) -> String {
    let i = form
        .rows
        .iter()
        .position(|r| r.0 == label)
        .unwrap_or_else(|| panic!("row {label}"));
    let col = (b'A' + form.value_col as u8) as char;
    format!("{}!{col}{}", form.sheet, form.first_row + i as u32 + 1)
}

#[test]
fn check_shows_what_it_read_and_writes_nothing() {
    let wd = Workdir::new();
    // Laid out lower and further right than the form: the cells shown must follow.
    let mut form = Form::new("Long An", "Quý I/2020", 1798, 179);
    form.first_row = 6;
    form.value_col = 5;
    let good = form.save(&wd, "la.xlsx");
    let bad = Form::new("Nam Định", "Quý I/2020", 1716, 1800).save(&wd, "nd.xlsx");
    let before: Vec<_> = std::fs::read_dir(wd.path(""))
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();

    let out = wd.run(&["check", "--quarter", "2020-Q1", good.to_str().unwrap()]);
    assert_eq!(code(&out), 0);
    let text = stdout(&out);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines[0], "la.xlsx: HỢP LỆ", "{text}");
    for want in [
        format!(
            "  Đơn vị: Long An (mã T80)  [{}]",
            cell_of(&form, "Tên đơn vị")
        ),
        format!(
            "  Kỳ báo cáo: Quý I/2020  [{}]",
            cell_of(&form, "Kỳ báo cáo")
        ),
        format!(
            "  Ngày báo cáo: 05/04/2020  [{}]",
            cell_of(&form, "Ngày báo cáo")
        ),
        format!(
            "  Tổng số TTHC: 1.798  [{}]",
            cell_of(&form, "Tổng số thủ tục hành chính")
        ),
        format!(
            "  Số DVCTT mức độ 4: 179  [{}]",
            cell_of(&form, "Số dịch vụ công trực tuyến mức độ 4")
        ),
        "  Số DVCTT mức độ 3: để trống".to_string(),
        // 179 / 1798 = 9.955...%
        "  Tỷ lệ tính từ số liệu: 9,96% (179 / 1.798)".to_string(),
    ] {
        assert!(lines.contains(&want.as_str()), "{want:?} in\n{text}");
    }

    let out = wd.run(&[
        "check",
        "--quarter",
        "2020-Q1",
        good.to_str().unwrap(),
        bad.to_str().unwrap(),
    ]);
    assert_eq!(code(&out), 3);
    let text = stdout(&out);
    assert!(
        text.contains("nd.xlsx: KHÔNG HỢP LỆ\n  Đơn vị: Nam Định (mã T36)"),
        "{text}"
    );
    let error = text
        .lines()
        .find(|l| l.starts_with("  Lỗi [Báo cáo!D8]: "))
        .unwrap_or_else(|| panic!("the error and its cell: {text}"));
    assert!(error.ends_with("(rule.level4_le_total)"), "{error}");
    assert!(
        !text.contains("accepted") && !text.contains("rejected"),
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
fn check_without_a_quarter_warns_when_the_period_is_not_the_current_one() {
    let wd = Workdir::new();
    let now = dvctt::quarter::Quarter::last_ended(chrono::Local::now().date_naive());
    let old = now.previous();
    // A unit that still reports today (Long An merged into Tây Ninh in 2025).
    let file = Form::new("Hà Nội", &old.vietnamese(), 1798, 179).save(&wd, "hn.xlsx");
    let out = wd.run(&["check", file.to_str().unwrap()]);
    assert_eq!(
        code(&out),
        0,
        "a warning, not a rejection: {}",
        stdout(&out)
    );
    let want = format!(
        "CẢNH BÁO: báo cáo ghi {}, nhưng kỳ báo cáo hiện nay là {}",
        old.vietnamese(),
        now.vietnamese()
    );
    assert!(stdout(&out).contains(&want), "{}", stdout(&out));

    let file = Form::new("Hà Nội", &now.vietnamese(), 1798, 179).save(&wd, "now.xlsx");
    let out = wd.run(&["check", file.to_str().unwrap()]);
    assert_eq!(code(&out), 0);
    assert!(!stdout(&out).contains("CẢNH BÁO"), "{}", stdout(&out));
}

#[test]
fn check_help_gives_check_s_own_exit_codes_in_vietnamese() {
    let wd = Workdir::new();
    let help = stdout(&wd.run(&["check", "--help"]));
    assert!(help.contains("Cách dùng: dvctt check"), "{help}");
    assert!(help.contains("0  mọi báo cáo đều hợp lệ"), "{help}");
    assert!(help.contains("3  có báo cáo không hợp lệ"), "{help}");
    // How an archive or an e-mail counts (new-user review: help said a file
    // that is no report was exit 3, but a zip of good reports is 0).
    assert!(help.contains("tệp nén hay thư điện tử được tính"), "{help}");
    assert!(
        !help.contains("report written") && !help.contains("đã ghi báo cáo tổng hợp"),
        "run's codes are not check's: {help}"
    );
    for english in ["Usage:", "Options:", "Print help", "[default:"] {
        assert!(!help.contains(english), "{english} in {help}");
    }
}

#[test]
fn check_of_a_missing_file_is_a_usage_error() {
    let wd = Workdir::new();
    let out = wd.run(&["check", "nowhere.xlsx"]);
    assert_eq!(code(&out), 2);
    // Said in Vietnamese alone (new-user review: the system's English
    // "No such file or directory" was appended).
    assert!(
        stderr(&out).contains("không có tệp hay thư mục nowhere.xlsx"),
        "{}",
        stderr(&out)
    );
    assert!(!stderr(&out).contains("os error"), "{}", stderr(&out));
}

/// Text typed in a cell is data: a line break, a line separator or a bidi
/// override in it cannot forge a verdict line of `check`'s output.
#[test]
fn cell_text_cannot_forge_a_line_of_check_s_output() {
    let wd = Workdir::new();
    let forged = "Xyz\nla.xlsx: HỢP LỆ\u{2028}nd.xlsx: HỢP LỆ\u{202e}\u{1b}[2K";
    let file = Form::new("Long An", "Quý I/2020", 1798, 179)
        .set("Tên đơn vị", t(forged))
        .save(&wd, "xa.xlsx");
    let out = wd.run(&["check", "--quarter", "2020-Q1", file.to_str().unwrap()]);
    let text = stdout(&out);
    // One file, one verdict line: nothing the unit typed starts a line.
    let verdicts: Vec<&str> = text
        .split(['\n', '\u{2028}', '\u{2029}'])
        .filter(|l| l.ends_with(": HỢP LỆ") || l.ends_with(": KHÔNG HỢP LỆ"))
        .collect();
    assert_eq!(verdicts, ["xa.xlsx: KHÔNG HỢP LỆ"], "{text}");
    assert!(
        !text.contains('\u{1b}') && !text.contains('\u{202e}'),
        "{text}"
    );
    assert!(text.contains("\\u{2028}"), "{text}");
}

#[test]
fn check_names_the_levels_in_the_words_of_the_quarter_asked_when_the_period_is_unreadable() {
    let wd = Workdir::new();
    // A period nobody can read: the levels follow --quarter, else today's quarter.
    let file = Form::new("Hà Nội", "Quý V năm nay", 1798, 179).save(&wd, "hn.xlsx");
    let out = wd.run(&["check", "--quarter", "2020-Q1", file.to_str().unwrap()]);
    let text = stdout(&out);
    assert!(text.contains("  Số DVCTT mức độ 4: 179"), "{text}");
    assert!(text.contains("  Số DVCTT mức độ 3: để trống"), "{text}");
    assert!(!text.contains("toàn trình"), "{text}");
    // A warning is a "Cảnh báo", the one word for it everywhere: 620 / 2076 is 29.87%, not 30%.
    let warned = Form::new("Lào Cai", "Quý I/2020", 2076, 620)
        .set("Tỷ lệ DVCTT mức độ 4", t("30%"))
        .save(&wd, "lc.xlsx");
    let out = wd.run(&["check", "--quarter", "2020-Q1", warned.to_str().unwrap()]);
    let shown = stdout(&out);
    let warning = shown
        .lines()
        .find(|l| l.ends_with("(ratio.mismatch)"))
        .unwrap_or_else(|| panic!("{shown}"));
    assert!(warning.starts_with("  Cảnh báo ["), "{warning}");
    // A form without a date says so, like every other line.
    let undated = Form::new("Hà Nội", "Quý I/2020", 1798, 179)
        .without("Ngày báo cáo")
        .save(&wd, "undated.xlsx");
    let out = wd.run(&["check", "--quarter", "2020-Q1", undated.to_str().unwrap()]);
    assert!(
        stdout(&out).contains("  Ngày báo cáo: không có\n"),
        "{}",
        stdout(&out)
    );

    // Without --quarter: today's words (the 2022 decree's, since 2022-Q3).
    let out = wd.run(&["check", file.to_str().unwrap()]);
    let text = stdout(&out);
    assert!(text.contains("  Số DVCTT toàn trình: 179"), "{text}");
    assert!(text.contains("  Số DVCTT một phần: để trống"), "{text}");
}

#[test]
fn argument_mistakes_are_one_vietnamese_line_and_exit_2() {
    let wd = Workdir::new();
    // A misspelt option: named, with clap's suggestion.
    let out = wd.run(&["run", "--quartr", "2020-Q1"]);
    assert_eq!(code(&out), 2);
    assert_eq!(
        stderr(&out),
        "dvctt: không có tùy chọn '--quartr' (có phải ý là --quarter?); xem thêm: dvctt --help\n"
    );
    // A bad value: a quarter that does not exist.
    let out = wd.run(&["check", "--quarter", "2020-Q5", "a.xlsx"]);
    assert_eq!(code(&out), 2);
    assert_eq!(
        stderr(&out),
        "dvctt: '2020-Q5' không phải là một quý: --quarter viết dạng NĂM-QSỐ, ví dụ 2020-Q1; xem thêm: dvctt --help\n"
    );
    // A missing argument.
    let out = wd.run(&["template"]);
    assert_eq!(code(&out), 2);
    assert!(
        stderr(&out).starts_with("dvctt: thiếu --out"),
        "{}",
        stderr(&out)
    );
    for out in [
        wd.run(&["run", "--quartr", "2020-Q1"]),
        wd.run(&["template"]),
        wd.run(&["frob"]),
    ] {
        for english in ["error:", "Usage", "For more information", "unexpected"] {
            assert!(!stderr(&out).contains(english), "{}", stderr(&out));
        }
    }
    // Help and version are clap's, on stdout, exit 0.
    let out = wd.run(&["--version"]);
    assert_eq!((code(&out), stdout(&out).starts_with("dvctt ")), (0, true));
    let out = wd.run(&["run", "--help"]);
    assert_eq!(code(&out), 0);
    assert!(stdout(&out).contains("Cách dùng: dvctt run"));
}
