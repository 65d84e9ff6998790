//! The draft letter `cong-van-<quarter>.docx` (#12 points 3-5): every figure
//! and every list of names it states is the report's, checked against
//! summary.json read independently; the 929 quarter says what the 929
//! appendix's own counts say; the words follow the period and the
//! Authority's own template.

mod awaiting;
mod held_back;
mod read_back;

use crate::support::*;
use calamine::{Data, Reader};
use read_back::*;

/// The 929 appendix as the committed baseline holds it: (name, total, level-4).
fn appendix_rows() -> Vec<(String, u64, u64)> {
    let mut book = calamine::open_workbook_auto(format!("{REPO}/reports/2019-Q4/baseline.xlsx"))
        .expect("baseline.xlsx opens");
    let sheet = book.sheet_names()[0].clone();
    let range = book.worksheet_range(&sheet).expect("the appendix sheet");
    range
        .rows()
        .filter(|r| r.len() >= 4 && matches!(r[0], Data::Float(_) | Data::Int(_)))
        .map(|r| {
            let count = |c: &Data| c.as_f64().expect("a count") as u64;
            (text(&r[1]), count(&r[2]), count(&r[3]))
        })
        .collect()
}

#[test]
fn the_929_quarter_letter_states_what_the_appendix_counts_say() {
    let rows = appendix_rows();
    assert_eq!(rows.len(), 83, "the appendix lists 20 + 63 units");
    // What the issue expects, from the appendix's own counts (not its printed ratios).
    let ratio = |r: &(String, u64, u64)| r.2 as f64 / r.1 as f64;
    let (ministries, provinces) = rows.split_at(20);
    let count = |rows: &[(String, u64, u64)], keep: &dyn Fn(f64) -> bool| {
        rows.iter().filter(|r| keep(ratio(r))).count()
    };
    assert_eq!(count(ministries, &|r| r >= 0.3), 4);
    assert_eq!(count(provinces, &|r| r >= 0.3), 4);
    assert_eq!(count(ministries, &|r| r < 0.05), 5);
    assert_eq!(count(provinces, &|r| r < 0.05), 14);
    let level4: u64 = rows.iter().map(|r| r.2).sum();
    let total: u64 = rows.iter().map(|r| r.1).sum();
    assert_eq!(vn_percent(level4 as f64 / total as f64), "11,50%");

    let wd = Workdir::new();
    // Filled the ways units fill them: some counts typed as Vietnamese text,
    // some labels in their short form.
    for (i, (name, total, level4)) in rows.iter().enumerate() {
        let mut form =
            Form::new(name, "Quý IV/2019", *total, *level4).set("Ngày báo cáo", t("06/01/2020"));
        if i % 3 == 0 && *total >= 1000 {
            let digits = total.to_string();
            let (thousands, rest) = digits.split_at(digits.len() - 3);
            form = form.set(
                "Tổng số thủ tục hành chính",
                t(&format!("{thousands}.{rest}")),
            );
        }
        if i % 4 == 1 {
            form = form.relabel("Tổng số thủ tục hành chính", "Tổng số TTHC");
        }
        form.save(&wd, &format!("submissions/{:02}.xlsx", i + 1));
    }
    wd.write(
        "dvctt.toml",
        b"[targets]\n2019 = 30\n\n[lagging]\nvery_low_percent = 5\n",
    );
    let out = wd.run_quarter("2019-Q4", &["--config", "dvctt.toml"]);
    assert_eq!(code(&out), 0, "{}{}", stdout(&out), stderr(&out));
    let summary = wd.summary("2019-Q4");
    let letter = letter(&wd, "2019-Q4");
    let text = whole(&letter);
    assert_letter_matches_summary(&text, &summary);
    // The issue's figures, as the letter words them.
    assert!(text.contains("đạt 11,50%"), "{text}");
    assert!(text.contains("Đạt chỉ tiêu 30% dịch vụ công trực tuyến mức độ 4: 4 bộ, cơ quan ("));
    assert!(text.contains("; 4 tỉnh, thành phố ("));
    assert!(text.contains("Tỷ lệ rất thấp (dưới 5%): 5 bộ, cơ quan ("));
    assert!(text.contains("; 14 tỉnh, thành phố ("));
    assert!(text.contains("83/83 đơn vị có báo cáo hợp lệ"), "{text}");
    // No quarter before: said so, no invented comparison.
    assert!(
        text.contains("chưa có số liệu quý trước để so sánh"),
        "{text}"
    );
    // Heading block: the period's issuer, number and date left blank, motto.
    for line in [
        "BỘ THÔNG TIN VÀ TRUYỀN THÔNG",
        "CỤC TIN HỌC HÓA",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Nơi nhận:",
        "TL. BỘ TRƯỞNG",
        "CỤC TRƯỞNG CỤC TIN HỌC HÓA",
    ] {
        assert!(letter.iter().any(|p| p == line), "{line} in {letter:?}");
    }
    let number = letter
        .iter()
        .find(|p| p.starts_with("Số:"))
        .expect("the number line");
    assert!(
        number.ends_with("/BTTTT-THH") && !number.chars().any(|c| c.is_ascii_digit()),
        "{number}"
    );
    let date = letter
        .iter()
        .find(|p| p.starts_with("Hà Nội, ngày"))
        .expect("the date line");
    assert!(
        date.ends_with("năm 2020"),
        "the letter of Q4/2019 goes out in 2020: {date}"
    );
    assert!(text.contains("V/v tình hình cung cấp dịch vụ công trực tuyến mức độ 4 Quý IV/2019"));
    assert!(text.contains("Phụ lục kèm theo (tệp phu-luc-2019-Q4.xlsx)"));
}

fn quarter_of(wd: &Workdir, folder: &str, period: &str, units: &[(&str, u64, u64)]) {
    for (i, (name, total, level4)) in units.iter().enumerate() {
        Form::new(name, period, *total, *level4).save(wd, &format!("{folder}/{i:02}.xlsx"));
    }
}

#[test]
fn the_letter_compares_with_the_previous_quarter_and_names_missing_and_rejected_units() {
    let wd = Workdir::new();
    quarter_of(
        &wd,
        "q4",
        "Quý IV/2019",
        &[
            ("An Giang", 1900, 600),
            ("Bộ Y tế", 367, 57),
            ("Lào Cai", 2076, 100),
        ],
    );
    let out = wd.run_folder("2019-Q4", "q4");
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    quarter_of(
        &wd,
        "q1",
        "Quý I/2020",
        &[
            ("An Giang", 1915, 654),
            ("Bộ Y tế", 367, 120),
            ("Lào Cai", 2076, 40),
            ("Quảng Bình", 1611, 3),
        ],
    );
    // A total that lost a digit: the level-4 count is over it, rejected.
    Form::new("Kon Tum", "Quý I/2020", 18, 300).save(&wd, "q1/kt.xlsx");
    let out = wd.run_folder("2020-Q1", "q1");
    assert_eq!(code(&out), 3, "{}", stderr(&out));
    let summary = wd.summary("2020-Q1");
    let before = wd.summary("2019-Q4");
    let text = whole(&letter(&wd, "2020-Q1"));
    assert_letter_matches_summary(&text, &summary);

    // Quảng Bình is new this quarter and Kon Tum rejected: the national
    // figures stand on different units, so the letter gives last quarter's
    // figure without a change, and the change over the three units that
    // have both quarters, computed here from the files above.
    let then = pooled(&before);
    assert!(
        text.contains(&format!(
            "; Quý IV/2019: {} (tính trên các đơn vị có báo cáo hợp lệ quý đó, không cùng các đơn vị quý này)",
            vn_percent(then)
        )),
        "{text}"
    );
    assert!(!text.contains("điểm phần trăm so với"), "{text}");
    let common_before = (600.0 + 57.0 + 100.0) / (1900.0 + 367.0 + 2076.0);
    let common_now = (654.0 + 120.0 + 40.0) / (1915.0 + 367.0 + 2076.0);
    assert!(
        text.contains(&format!(
            "Tính trên cùng 3 đơn vị có báo cáo hợp lệ cả hai quý, tỷ lệ tăng từ {} lên {}.",
            vn_percent(common_before),
            vn_percent(common_now)
        )),
        "{text}"
    );
    // The lists checked above come from summary.json: make sure they hold these.
    assert_eq!(
        names(&summary, "II", |u| u["status"] == "rejected"),
        ["Kon Tum"]
    );
    assert!(names(&summary, "I", |u| u["status"] == "missing").contains(&"Bộ Quốc phòng".into()));
    assert!(
        text.contains("Kon Tum") && text.contains("Bộ Quốc phòng"),
        "{text}"
    );
}

#[test]
fn the_same_units_in_both_quarters_give_the_change_in_points() {
    let wd = Workdir::new();
    quarter_of(
        &wd,
        "q4",
        "Quý IV/2019",
        &[("An Giang", 1900, 600), ("Bộ Y tế", 367, 57)],
    );
    assert_eq!(code(&wd.run_folder("2019-Q4", "q4")), 0);
    quarter_of(
        &wd,
        "q1",
        "Quý I/2020",
        &[("An Giang", 1915, 500), ("Bộ Y tế", 367, 57)],
    );
    let out = wd.run_folder("2020-Q1", "q1");
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let text = whole(&letter(&wd, "2020-Q1"));
    // 657 / 2267 = 28,98% then, 557 / 2282 = 24,41% now: 4,57 points down.
    let then: f64 = 657.0 / 2267.0;
    let now: f64 = 557.0 / 2282.0;
    let printed = |r: f64| (r * 10_000.0).round() / 100.0;
    let change = format!("{:.2}", printed(then) - printed(now)).replace('.', ",");
    assert_eq!(change, "4,57");
    assert!(
        text.contains(&format!(
            "đạt {}, giảm {change} điểm phần trăm so với Quý IV/2019 ({})",
            vn_percent(now),
            vn_percent(then)
        )),
        "{text}"
    );
    assert!(!text.contains("Tính trên cùng"), "{text}");
}

#[test]
fn a_quarter_without_a_target_says_so_in_the_period_s_words() {
    let wd = Workdir::new();
    quarter_of(
        &wd,
        "submissions",
        "Quý III/2025",
        &[("Bộ Tư pháp", 300, 120), ("Bộ Y tế", 400, 10)],
    );
    let out = wd.run_quarter("2025-Q3", &[]);
    assert!(matches!(code(&out), 0 | 3), "{}", stderr(&out));
    let letter = letter(&wd, "2025-Q3");
    let text = whole(&letter);
    assert!(text.contains("Năm 2025 chưa có chỉ tiêu"), "{text}");
    assert!(!text.contains("Đạt chỉ tiêu"), "{text}");
    assert!(
        text.contains("toàn trình") && !text.contains("mức độ 4"),
        "{text}"
    );
    assert!(
        letter.iter().any(|p| p == "BỘ KHOA HỌC VÀ CÔNG NGHỆ"),
        "{letter:?}"
    );
    assert!(text.contains("/BKHCN-CĐSQG"), "{text}");
    assert!(
        letter
            .iter()
            .any(|p| p == "CỤC TRƯỞNG CỤC CHUYỂN ĐỔI SỐ QUỐC GIA"),
        "{letter:?}"
    );
    assert!(text.contains("Lưu: VT, CĐSQG."), "{text}");
    assert!(
        text.contains("Bộ Khoa học và Công nghệ đã tổng hợp"),
        "{text}"
    );
    let summary = wd.summary("2025-Q3");
    let low = names(&summary, "I", |u| {
        accepted_ratio(u).is_some_and(|r| r < 0.05)
    });
    assert_eq!(low, ["Bộ Y tế"]);
    assert!(
        text.contains("Tỷ lệ rất thấp (dưới 5%): 1 bộ, cơ quan (Bộ Y tế)"),
        "{text}"
    );
}

#[test]
fn the_authority_s_own_template_words_the_letter() {
    let wd = Workdir::new();
    quarter_of(&wd, "submissions", "Quý I/2020", &[("An Giang", 1915, 654)]);
    let shipped = std::fs::read_to_string(format!("{REPO}/templates/cong-van.j2")).unwrap();
    let edited = shipped.replace("Trân trọng./.", "Xin trân trọng cảm ơn./.");
    assert_ne!(edited, shipped);
    wd.write("mau/cong-van.j2", edited.as_bytes());
    wd.write("dvctt.toml", b"[letter]\ntemplate = \"mau/cong-van.j2\"\n");
    let out = wd.run_quarter("2020-Q1", &["--config", "dvctt.toml"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let text = whole(&letter(&wd, "2020-Q1"));
    assert!(text.contains("Xin trân trọng cảm ơn./."), "{text}");
    assert!(!text.contains("\nTrân trọng./."), "{text}");

    // A misspelt value stops `config` and `run` (exit 2), naming the key and the line.
    let broken = shipped.replace("{{ pooled }}", "{{ pooled_ratio }}");
    wd.write("mau/cong-van.j2", broken.as_bytes());
    let line = broken
        .lines()
        .position(|l| l.contains("pooled_ratio"))
        .unwrap()
        + 1;
    for args in [
        &["--config", "dvctt.toml", "config"][..],
        &[
            "--config",
            "dvctt.toml",
            "run",
            "--quarter",
            "2020-Q1",
            "--submissions",
            "submissions",
            "--reports",
            "other",
        ],
    ] {
        let out = wd.run(args);
        assert_eq!(code(&out), 2, "{args:?}: {}", stderr(&out));
        let err = stderr(&out);
        assert!(
            err.contains("letter.template") && err.contains(&format!("dòng {line}")),
            "{err}"
        );
    }
    assert!(!wd.path("other").exists(), "nothing written");
    // A template that is not a letter's words (too big) is refused unread.
    // A template that is not a letter's words is refused; a file past the
    // bound of every settings file is not even read whole.
    for (size, said) in [
        (300 * 1024, "lớn hơn 262144 byte"),
        (16 * 1024 * 1024 + 1, "lớn hơn giới hạn 16.777.216 byte"),
    ] {
        wd.write("mau/cong-van.j2", &vec![b' '; size]);
        let out = wd.run(&["--config", "dvctt.toml", "config"]);
        assert_eq!(code(&out), 2, "{}", stderr(&out));
        assert!(stderr(&out).contains(said), "{size}: {}", stderr(&out));
    }
}

#[test]
fn the_letter_is_listed_with_the_report_and_by_a_dry_run() {
    let wd = Workdir::new();
    quarter_of(&wd, "submissions", "Quý I/2020", &[("An Giang", 1915, 654)]);
    let out = wd.run_quarter("2020-Q1", &["--dry-run"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert!(
        stdout(&out).contains("reports/2020-Q1/cong-van-2020-Q1.docx"),
        "{}",
        stdout(&out)
    );
    assert!(!wd.path("reports/2020-Q1/cong-van-2020-Q1.docx").exists());
    let out = wd.run_quarter("2020-Q1", &[]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert!(
        stdout(&out).contains("đã ghi reports/2020-Q1/cong-van-2020-Q1.docx"),
        "{}",
        stdout(&out)
    );
    // The letter is a Word document in Decree 30's page setup.
    let path = wd.path("reports/2020-Q1/cong-van-2020-Q1.docx");
    let document = xml(&path, "word/document.xml");
    assert!(
        document.contains(r#"<w:pgSz w:w="11906" w:h="16838""#),
        "A4"
    );
    assert!(
        document.contains(r#"w:top="1134""#) && document.contains(r#"w:left="1701""#),
        "margins"
    );
    assert!(xml(&path, "word/styles.xml").contains("Times New Roman"));
    let core = xml(&path, "docProps/core.xml");
    assert_eq!(
        core.matches("2020-03-31T00:00:00Z").count(),
        2,
        "the quarter's last day, not the clock: {core}"
    );
}

/// A template `config` accepts can still fail on one quarter's data (a
/// value it names only in a branch the checks never take). That costs the
/// letter only: the appendix, the lists, the summary and the manifest are
/// written, stdout says why the letter is missing, and the letter of the
/// report it replaces is not carried into the new set.
#[test]
fn a_template_that_fails_on_the_quarter_s_data_costs_the_letter_only() {
    let wd = Workdir::new();
    quarter_of(&wd, "submissions", "Quý I/2020", &[("An Giang", 1915, 654)]);
    let shipped = std::fs::read_to_string(format!("{REPO}/templates/cong-van.j2")).unwrap();
    wd.write("mau/cong-van.j2", shipped.as_bytes());
    wd.write("dvctt.toml", b"[letter]\ntemplate = \"mau/cong-van.j2\"\n");
    let out = wd.run_quarter("2020-Q1", &["--config", "dvctt.toml"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let letter_path = wd.path("reports/2020-Q1/cong-van-2020-Q1.docx");
    assert!(letter_path.exists());

    // 62 provinces are missing here; the checks' sample data never has two.
    let trap = shipped.replace(
        "{% block trich_yeu %}",
        "{% block trich_yeu %}{% if provinces.missing|length > 1 %}{{ nobody }}{% endif %}",
    );
    assert_ne!(trap, shipped);
    wd.write("mau/cong-van.j2", trap.as_bytes());
    let out = wd.run(&["--config", "dvctt.toml", "config"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let out = wd.run_quarter("2020-Q1", &["--config", "dvctt.toml"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let said = stdout(&out);
    assert!(
        said.contains("CẢNH BÁO: không soạn được dự thảo công văn")
            && said.contains("mau/cong-van.j2")
            && said.contains("letter.template"),
        "{said}"
    );
    assert!(
        !letter_path.exists(),
        "the replaced report's letter was carried"
    );
    assert!(wd.path("reports/2020-Q1/tong-hop-2020-Q1.xlsx").exists());
    assert_eq!(unit(&wd.summary("2020-Q1"), "T89")["status"], "accepted");
    let manifest: serde_json::Value =
        serde_json::from_slice(&std::fs::read(wd.path("reports/2020-Q1/manifest.json")).unwrap())
            .unwrap();
    assert!(!manifest.to_string().contains("cong-van-2020-Q1.docx"));
    let out = wd.run(&[
        "--config",
        "dvctt.toml",
        "verify",
        "--quarter",
        "2020-Q1",
        "--submissions",
        "submissions",
    ]);
    assert_eq!(code(&out), 0, "{}{}", stdout(&out), stderr(&out));
}

#[test]
fn names_are_listed_in_vietnamese_alphabetical_order() {
    // Character-code order would give "Bộ Công Thương, Bộ Công an" and
    // "Bình Thuận, Bình Định, Bạc Liêu"; Vietnamese order puts a before T
    // whatever the case, Đ after every D, and tones after the letters.
    let wd = Workdir::new();
    quarter_of(
        &wd,
        "submissions",
        "Quý I/2020",
        &[
            ("Bộ Công Thương", 1000, 400),
            ("Bộ Công an", 1000, 400),
            ("Bình Thuận", 1000, 400),
            ("Bình Định", 1000, 400),
            ("Bạc Liêu", 1000, 400),
            ("Đà Nẵng", 1000, 400),
            ("Cà Mau", 1000, 400),
        ],
    );
    // Two rejected, the wrong way round by character code.
    Form::new("Hưng Yên", "Quý I/2020", 100, 500).save(&wd, "submissions/hy.xlsx");
    Form::new("Hà Nội", "Quý I/2020", 100, 500).save(&wd, "submissions/hn.xlsx");
    let out = wd.run_quarter("2020-Q1", &[]);
    assert_eq!(code(&out), 3, "{}", stderr(&out));
    let text = whole(&letter(&wd, "2020-Q1"));
    assert!(text.contains("(Bộ Công an, Bộ Công Thương)"), "{text}");
    assert!(
        text.contains("(Bạc Liêu, Bình Định, Bình Thuận, Cà Mau, Đà Nẵng)"),
        "{text}"
    );
    let mail = stdout(&out);
    assert!(
        mail.contains("để sửa và gửi lại: Hà Nội, Hưng Yên."),
        "{mail}"
    );
    let hn = mail.find("  Hà Nội (T01):").expect("Hà Nội's findings");
    let hy = mail.find("  Hưng Yên (T33):").expect("Hưng Yên's findings");
    assert!(hn < hy, "{mail}");
    // The missing ones: a before ă before â (Bảo before Bắc, Cao before
    // Cần), letters before tones (Giáo dục before Giao thông).
    let chase = mail
        .lines()
        .find(|l| l.contains("chưa nộp báo cáo:"))
        .expect("the missing units");
    assert!(
        chase.contains(": An Giang, Bà Rịa - Vũng Tàu, Bảo hiểm xã hội Việt Nam, Bắc Giang, Bắc Kạn, Bắc Ninh, Bến Tre, Bình Dương, Bình Phước, Bộ Giáo dục và Đào tạo, Bộ Giao thông vận tải,")
            && chase.contains("Cao Bằng, Cần Thơ, Đắk Lắk")
            && chase.ends_with("Vĩnh Long, Vĩnh Phúc, Yên Bái."),
        "{chase}"
    );
}
