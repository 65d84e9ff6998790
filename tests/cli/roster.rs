//! Today's administrative map (issue #11): the 2025 reorganisation of
//! ministries (from 2025-Q2) and provinces (from 2025-Q3) through the binary,
//! GSO codes resolved by period, a run with no `--quarter`, and `dvctt
//! config` refusing rosters that would count a unit twice or loop.

use crate::support::*;

/// A form of `quarter` ("Quý I/2025"), reported on `date` ("05/04/2025").
fn form(name: &str, quarter: &str, date: &str, total: u64, level4: u64) -> Form {
    Form::new(name, quarter, total, level4).set("Ngày báo cáo", t(date))
}

/// Saves `forms` as a quarter's submissions, runs it (exit 0) and returns its summary.
fn run_forms(wd: &Workdir, quarter: &str, forms: &[Form]) -> serde_json::Value {
    for (i, f) in forms.iter().enumerate() {
        f.save(wd, &format!("in/{quarter}/{i}.xlsx"));
    }
    let out = wd.run_folder(quarter, &format!("in/{quarter}"));
    assert_eq!(code(&out), 0, "{quarter}: {}", stderr(&out));
    wd.summary(quarter)
}

fn row_of<'a>(rows: &'a [Vec<calamine::Data>], code: &str) -> &'a [calamine::Data] {
    rows.iter()
        .find(|r| r.len() > 2 && text(&r[1]) == code)
        .unwrap_or_else(|| panic!("no row for {code}"))
}

#[test]
fn the_2025_reorganisation_sums_whole_mergers_and_marks_the_split() {
    let wd = Workdir::new();
    // 2024-Q4: Thừa Thiên Huế, before it became Thành phố Huế (1 January 2025).
    let tth = form("Thừa Thiên Huế", "Quý IV/2024", "06/01/2025", 1650, 610);
    let s = run_forms(&wd, "2024-Q4", &[tth]);
    assert_eq!(unit(&s, "T46")["status"], "accepted");
    // 2025-Q1: the ministries as before 1 March 2025, the 63 provinces.
    let q1 = [
        form("Thành phố Huế", "Quý I/2025", "08/04/2025", 1660, 640),
        form("Bộ Tài chính", "Quý I/2025", "08/04/2025", 1018, 402),
        form("Bộ Kế hoạch và Đầu tư", "Quý I/2025", "08/04/2025", 61, 47),
        form("Bộ Nội vụ", "Quý I/2025", "08/04/2025", 96, 52),
        form(
            "Bộ Lao động - Thương binh và Xã hội",
            "Quý I/2025",
            "08/04/2025",
            118,
            69,
        ),
    ];
    let s = run_forms(&wd, "2025-Q1", &q1);
    assert_eq!(s["groups"]["I"]["expected"], 20);
    assert_eq!(s["groups"]["II"]["expected"], 63);
    // A rename keeps the history: Huế compares with Thừa Thiên Huế.
    let hue = unit(&s, "HUE-2025");
    assert_eq!(hue["previous"]["total"], 1650);
    assert_eq!(hue["previous"]["sources"], serde_json::json!(["T46"]));
    assert_eq!(hue["flags"], serde_json::json!([]));
    let rows = sheet(
        &wd.path("reports/2025-Q1/tong-hop-2025-Q1.xlsx"),
        "So sánh quý trước",
    );
    let note = text(&row_of(&rows, "HUE-2025")[14]);
    assert_eq!(
        note,
        "Số liệu quý trước là của Thừa Thiên Huế (tên trước đây)"
    );

    // 2025-Q2: today's ministries (Resolution 176 took effect on 1 March),
    // still the 63 provinces. Lào Cai writes its code the GSO way.
    let q2 = [
        form("Bộ Tài chính", "Quý II/2025", "07/07/2025", 1094, 455),
        // Fewer level-4 services than Bộ Nội vụ alone had: not a fall, a new structure.
        form("Bộ Nội vụ", "Quý II/2025", "07/07/2025", 170, 40),
        form("Lào Cai", "Quý II/2025", "07/07/2025", 1873, 702).set("Mã đơn vị", t("10")),
        form("Yên Bái", "Quý II/2025", "07/07/2025", 1702, 515).set("Mã đơn vị", t("15")),
        form("Hà Nam", "Quý II/2025", "07/07/2025", 1654, 610),
        form("Nam Định", "Quý II/2025", "07/07/2025", 1790, 655),
        form("Ninh Bình", "Quý II/2025", "07/07/2025", 1702, 598),
    ];
    let s = run_forms(&wd, "2025-Q2", &q2);
    assert_eq!(s["groups"]["I"]["expected"], 16);
    assert_eq!(s["groups"]["II"]["expected"], 63);
    assert_eq!(s["totals"]["accepted"], 7);
    // Bộ Tài chính absorbed Bộ Kế hoạch và Đầu tư whole: their sum.
    let btc = unit(&s, "BTC-2025");
    assert_eq!(btc["previous"]["total"], 1018 + 61);
    assert_eq!(btc["previous"]["level4"], 402 + 47);
    assert_eq!(
        btc["previous"]["sources"],
        serde_json::json!(["BTC", "BKHDT"])
    );
    assert_eq!(btc["flags"], serde_json::json!([]));
    // Bộ Nội vụ took most of Bộ Lao động - Thương binh và Xã hội: not comparable.
    let bnv = unit(&s, "BNV-2025");
    assert_eq!(bnv["status"], "accepted");
    assert_eq!(bnv["previous"], serde_json::Value::Null);
    assert_eq!(bnv["change_points"], serde_json::Value::Null);
    assert_eq!(bnv["flags"], serde_json::json!(["structure_changed"]));
    assert_eq!(
        bnv["structure_changed_from"],
        serde_json::json!(["BNV", "BLDTBXH"])
    );
    for l in s["lagging"].as_array().unwrap() {
        if l["code"] == "BNV-2025" {
            assert!(
                !l["reasons"]
                    .as_array()
                    .unwrap()
                    .contains(&"level4_fell".into())
            );
        }
    }
    let rows = sheet(
        &wd.path("reports/2025-Q2/tong-hop-2025-Q2.xlsx"),
        "So sánh quý trước",
    );
    let note = text(&row_of(&rows, "BNV-2025")[14]);
    assert!(
        note.contains("một phần của: Bộ Nội vụ, Bộ Lao động - Thương binh và Xã hội"),
        "{note}"
    );
    assert!(note.contains("không so sánh"), "{note}");
    assert_eq!(unit(&s, "T10")["status"], "accepted");
    assert_eq!(unit(&s, "T15")["status"], "accepted");

    // 2025-Q3: 34 provinces (Resolution 202 from 1 July). The new Lào Cai
    // writes 15, Yên Bái's code until last quarter; Ninh Bình writes its id.
    let q3 = [
        form("Lào Cai", "Quý III/2025", "06/10/2025", 3560, 1300).set("Mã đơn vị", t("15")),
        form("Ninh Bình", "Quý III/2025", "06/10/2025", 5100, 1900)
            .set("Mã đơn vị", t("NINHBINH-2025")),
        form("Bộ Nội vụ", "Quý III/2025", "06/10/2025", 172, 44),
    ];
    let s = run_forms(&wd, "2025-Q3", &q3);
    assert_eq!(s["groups"]["I"]["expected"], 16);
    assert_eq!(s["groups"]["II"]["expected"], 34);
    let lc = unit(&s, "LAOCAI-2025");
    assert_eq!(lc["status"], "accepted");
    assert_eq!(lc["previous"]["total"], 1873 + 1702);
    assert_eq!(lc["previous"]["level4"], 702 + 515);
    assert_eq!(lc["previous"]["sources"], serde_json::json!(["T10", "T15"]));
    let nb = unit(&s, "NINHBINH-2025");
    assert_eq!(nb["previous"]["total"], 1654 + 1790 + 1702);
    assert_eq!(nb["previous"]["level4"], 610 + 655 + 598);
    // Bộ Nội vụ compares with its own 2025-Q2 now.
    let bnv = unit(&s, "BNV-2025");
    assert_eq!(bnv["previous"]["total"], 170);
    assert_eq!(bnv["flags"], serde_json::json!([]));

    // Diễn biến follows lineage: Lào Cai's 2025-Q2 is the two provinces' sum,
    // marked; Bộ Nội vụ's series breaks after 2025-Q1.
    let book = wd.path("reports/2025-Q3/tong-hop-2025-Q3.xlsx");
    let rows = sheet(&book, "Diễn biến");
    let header = rows
        .iter()
        .find(|r| r.iter().any(|c| text(c) == "Quý II/2025") && text(&r[1]) == "Mã đơn vị")
        .expect("the units' header row");
    let col = |name: &str| header.iter().position(|c| text(c) == name).unwrap();
    let lc_row = row_of(&rows, "LAOCAI-2025");
    let q2_ratio = lc_row[col("Quý II/2025")]
        .as_f64()
        .expect("a 2025-Q2 ratio");
    assert!((q2_ratio - (702.0 + 515.0) / (1873.0 + 1702.0)).abs() < 1e-12);
    assert!(
        lc_row[col("Quý I/2025")].is_empty(),
        "neither reported in 2025-Q1"
    );
    let note = text(&lc_row[col("Ghi chú")]);
    assert_eq!(note, "Quý II/2025: tổng của Lào Cai, Yên Bái");
    let bnv_row = row_of(&rows, "BNV-2025");
    assert!(bnv_row[col("Quý I/2025")].is_empty(), "{bnv_row:?}");
    assert!(
        text(&bnv_row[col("Ghi chú")]).contains("Chuỗi số liệu ngắt sau Quý I/2025"),
        "{bnv_row:?}"
    );
}

#[test]
fn unit_code_15_is_yen_bai_in_2020_and_lao_cai_in_2026() {
    let wd = Workdir::new();
    // The unit's name left out: only the code says whose report it is.
    for (quarter, period, date, id, name) in [
        ("2020-Q1", "Quý I/2020", "06/04/2020", "T15", "Yên Bái"),
        (
            "2026-Q3",
            "Quý III/2026",
            "06/10/2026",
            "LAOCAI-2025",
            "Lào Cai",
        ),
    ] {
        let path = form("", period, date, 1500, 500)
            .without("Tên đơn vị")
            .set("Mã đơn vị", t("15"))
            .save(&wd, &format!("{quarter}.xlsx"));
        let out = wd.run(&["check", "--quarter", quarter, path.to_str().unwrap()]);
        let printed = stdout(&out);
        assert!(
            printed.contains(&format!("HỢP LỆ\n  Đơn vị: {name} (mã {id})")),
            "{quarter}: {printed}"
        );
    }
}

#[test]
fn a_run_with_no_quarter_on_2026_11_23_reports_2026_q3_with_today_s_units() {
    let wd = Workdir::new();
    form("Lào Cai", "Quý III/2026", "05/10/2026", 3600, 1500)
        .save(&wd, "submissions/2026-Q3/lao-cai.xlsx");
    form(
        "Bộ Khoa học và Công nghệ",
        "Quý III/2026",
        "05/10/2026",
        420,
        300,
    )
    .save(&wd, "submissions/2026-Q3/bo-khcn.xlsx");
    let out = wd.on_day("2026-11-23", &["run"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let s = wd.summary("2026-Q3");
    assert_eq!(s["quarter"], "2026-Q3");
    assert_eq!(s["totals"]["expected"], 16 + 34);
    assert_eq!(unit(&s, "LAOCAI-2025")["status"], "accepted");
    assert_eq!(unit(&s, "BKHCN-2025")["status"], "accepted");
    // No target is configured for 2026 (none has a source): ratios, no judgement.
    assert_eq!(s["target"], serde_json::Value::Null);
    assert_eq!(s["target_percent"], serde_json::Value::Null);
    assert_eq!(s["totals"]["meeting_target"], serde_json::Value::Null);
    let reasons: Vec<&serde_json::Value> = s["lagging"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|l| l["reasons"].as_array().unwrap())
        .collect();
    assert!(
        !reasons.contains(&&serde_json::json!("below_target")),
        "{reasons:?}"
    );
    // With no target only the very-low line makes an accepted unit lag:
    // Lào Cai's 1.500 of 3.600 (41,7%) is over it, so it is not listed.
    assert!(
        !s["lagging"]
            .as_array()
            .unwrap()
            .iter()
            .any(|l| l["code"] == "LAOCAI-2025"),
        "{}",
        s["lagging"]
    );
    let book = wd.path("reports/2026-Q3/tong-hop-2026-Q3.xlsx");
    let lagging = words_of(&book, "Đơn vị chậm");
    assert!(
        lagging
            .iter()
            .any(|w| w.starts_with("Năm 2026 chưa có chỉ tiêu về tỷ lệ")),
        "{lagging:?}"
    );
    let overview = words_of(&book, "Tổng quan");
    assert!(
        overview
            .iter()
            .any(|w| w == "Số đơn vị đạt chỉ tiêu (chưa có chỉ tiêu)")
    );
    // A target configured for the year is used: Lào Cai (1.500 of 3.600) is under 50%.
    wd.write("dvctt.toml", b"[targets]\n2026 = 50\n");
    let out = wd.on_day("2026-11-23", &["run"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let s = wd.summary("2026-Q3");
    assert_eq!(s["target"], 0.5);
    assert_eq!(s["target_percent"], 50.0);
    let lc = s["lagging"]
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["code"] == "LAOCAI-2025")
        .expect("Lào Cai lags");
    assert_eq!(lc["reasons"], serde_json::json!(["below_target"]));
    std::fs::remove_file(wd.path("dvctt.toml")).unwrap();
    // A day that is not a date is refused, not guessed.
    let out = wd.on_day("23/11/2026", &["run"]);
    assert_eq!(code(&out), 2);
    assert!(stderr(&out).contains("DVCTT_TODAY"), "{}", stderr(&out));

    // The forms for today's units.
    let out = wd.run(&["template", "--all", "--out", "forms"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let mut files: Vec<String> = std::fs::read_dir(wd.path("forms"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    files.sort();
    assert_eq!(files.len(), 50);
    for expected in [
        "mau-bao-cao-LAOCAI-2025.xlsx",
        "mau-bao-cao-T01.xlsx",
        "mau-bao-cao-HUE-2025.xlsx",
        "mau-bao-cao-BNNMT-2025.xlsx",
        "mau-bao-cao-BHXH.xlsx",
    ] {
        assert!(files.iter().any(|f| f == expected), "{expected}: {files:?}");
    }
    assert!(!files.iter().any(|f| f == "mau-bao-cao-T15.xlsx"));
    let lc = sheet(&wd.path("forms/mau-bao-cao-LAOCAI-2025.xlsx"), "Báo cáo");
    assert!(lc.iter().flatten().any(|c| text(c) == "Lào Cai"));
}

#[test]
fn config_refuses_each_broken_roster_in_one_line() {
    let unit = |code: &str, name: &str, gso: &str, extra: &str| {
        format!(
            "[[unit]]\ncode = \"{code}\"\nname = \"{name}\"\ngroup = \"II\"\ngso = \"{gso}\"\n{extra}\n"
        )
    };
    let cases = [
        (
            // BKHDT's figures would be counted twice: the issue's own example.
            "[[unit]]\ncode = \"BKHDT\"\nname = \"Bộ Kế hoạch và Đầu tư\"\ngroup = \"I\"\n\
             [[unit]]\ncode = \"BTC\"\nname = \"Bộ Tài chính\"\ngroup = \"I\"\npredecessors = [\"BKHDT\"]\n"
                .to_string(),
            "BKHDT (Bộ Kế hoạch và Đầu tư) là tiền thân của BTC (Bộ Tài chính) nhưng cả hai cùng báo cáo trong cùng các quý",
        ),
        (
            unit("T15", "Yên Bái", "15", "") + &unit("T15", "Lào Cai", "10", ""),
            "mã 'T15' dùng hai lần: Yên Bái và Lào Cai",
        ),
        (
            unit("T15", "Yên Bái", "15", "valid_to = \"2025-Q3\"")
                + &unit("LC", "Lào Cai", "15", "valid_from = \"2025-Q3\""),
            "mã GSO 15 ứng với hai đơn vị trong cùng các quý: T15 (Yên Bái) và LC (Lào Cai)",
        ),
        (
            unit("A", "Hà Tây", "28", "valid_to = \"2020-Q4\"\npredecessors = [\"B\"]")
                + &unit("B", "Hà Nội", "01", "valid_from = \"2021-Q1\"\npredecessors = [\"A\"]"),
            "các đơn vị tiền thân tạo thành vòng: A → B → A",
        ),
        (
            // A BEL in a name would ring in the cron mail.
            unit("T89", "An\\u0007Giang", "89", ""),
            "T89: tên đơn vị 'An\\u{7}Giang' trống hoặc có ký tự điều khiển",
        ),
    ];
    for (roster, want) in cases {
        let wd = Workdir::new();
        wd.write("roster.toml", roster.as_bytes());
        wd.write("dvctt.toml", b"roster = \"roster.toml\"\n");
        let out = wd.run(&["config"]);
        assert_eq!(code(&out), 2, "{roster}");
        let err = stderr(&out);
        assert_eq!(err.lines().count(), 1, "{err}");
        assert!(err.contains(want), "{roster}\ngave: {err}");
    }
    // The shipped roster passes.
    let wd = Workdir::new();
    let out = wd.run(&["config"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
}

/// The rows of a sheet as text, for looking words up.
fn words_of(path: &std::path::Path, name: &str) -> Vec<String> {
    sheet(path, name).iter().flatten().map(text).collect()
}

#[test]
fn the_words_switch_from_muc_do_4_to_toan_trinh_at_2022_q3() {
    let wd = Workdir::new();
    for (quarter, period, date) in [
        ("2022-Q2", "Quý II/2022", "06/07/2022"),
        ("2022-Q3", "Quý III/2022", "06/10/2022"),
    ] {
        // Written in the old words whatever the period: the reader takes both.
        form("An Giang", period, date, 2000, 500)
            .set("Số dịch vụ công trực tuyến mức độ 4", V::N(500.0))
            .save(&wd, &format!("in/{quarter}/ag.xlsx"));
        form("Bến Tre", period, date, 1800, 200)
            .relabel("Số dịch vụ công trực tuyến mức độ 4", "Số DVCTT toàn trình")
            .save(&wd, &format!("in/{quarter}/bt.xlsx"));
        let out = wd.run_folder(quarter, &format!("in/{quarter}"));
        assert_eq!(code(&out), 0, "{quarter}: {}", stderr(&out));
        assert_eq!(
            unit(&wd.summary(quarter), "T83")["level4"],
            200,
            "{quarter}"
        );
    }
    let book = |q: &str| wd.path(&format!("reports/{q}/tong-hop-{q}.xlsx"));
    let before = words_of(&book("2022-Q2"), "Phụ lục");
    let after = words_of(&book("2022-Q3"), "Phụ lục");
    let has = |words: &[String], w: &str| words.iter().any(|x| x == w);
    assert!(has(
        &before,
        "TỶ LỆ DỊCH VỤ CÔNG TRỰC TUYẾN MỨC ĐỘ 4 CỦA CÁC BỘ, NGÀNH, ĐỊA PHƯƠNG"
    ));
    assert!(has(
        &after,
        "TỶ LỆ DỊCH VỤ CÔNG TRỰC TUYẾN TOÀN TRÌNH CỦA CÁC BỘ, NGÀNH, ĐỊA PHƯƠNG"
    ));
    assert!(has(&before, "Số dịch vụ công trực tuyến mức độ 4"));
    assert!(has(&after, "Số dịch vụ công trực tuyến toàn trình"));
    assert!(
        !after.iter().any(|w| w.to_lowercase().contains("mức độ 4")),
        "{after:?}"
    );
    // The heading block: Bộ Thông tin và Truyền thông both times (it merged in 2025).
    assert!(has(&after, "BỘ THÔNG TIN VÀ TRUYỀN THÔNG"));
    let lagging = words_of(&book("2022-Q3"), "Đơn vị chậm");
    // 2022 has no target in the default config: the title says what the list holds.
    assert!(has(
        &lagging,
        "DANH SÁCH ĐƠN VỊ CÓ TỶ LỆ DỊCH VỤ CÔNG TRỰC TUYẾN TOÀN TRÌNH RẤT THẤP, CHƯA NỘP HOẶC NỘP BÁO CÁO KHÔNG HỢP LỆ"
    ));
    assert!(has(&lagging, "Tỷ lệ DVCTT toàn trình"));
    let lagging = words_of(&book("2022-Q2"), "Đơn vị chậm");
    assert!(has(&lagging, "Tỷ lệ DVCTT mức độ 4"));

    // The forms: the period's words on the labels, and a filled 2022-Q3 form reads back.
    for (quarter, label) in [
        ("2022-Q2", "Số DVCTT mức độ 4"),
        ("2022-Q3", "Số DVCTT toàn trình"),
    ] {
        let out = wd.run(&[
            "template",
            "--quarter",
            quarter,
            "--unit",
            "T89",
            "--out",
            "forms",
        ]);
        assert_eq!(code(&out), 0, "{}", stderr(&out));
        let path = wd.path(&format!("forms/mau-bao-cao-T89-{quarter}.xlsx"));
        let rows = sheet(&path, dvctt::form::REPORT_SHEET);
        let (r, _) = dvctt::form::cell_of(dvctt::read::Field::Level4);
        assert_eq!(text(&rows[r as usize][1]), label, "{quarter}");
    }
    let settings = dvctt::config::load(Some(std::path::Path::new(&format!("{REPO}/dvctt.toml"))))
        .expect("settings");
    let mut book = dvctt::form::form_workbook(
        &settings,
        "2022-Q3".parse().ok(),
        settings.roster.by_code("T89"),
    )
    .expect("form");
    let sheet1 = book
        .worksheet_from_name(dvctt::form::REPORT_SHEET)
        .expect("sheet");
    for (field, value) in [
        (dvctt::read::Field::Total, 2100.0),
        (dvctt::read::Field::Level3, 900.0),
        (dvctt::read::Field::Level4, 640.0),
    ] {
        let (r, c) = dvctt::form::cell_of(field);
        sheet1.write_number(r, c, value).expect("fill");
    }
    // As a spreadsheet program saves it: the ratio's result, and the date.
    let (r, c) = dvctt::form::cell_of(dvctt::read::Field::Ratio);
    sheet1.set_formula_result(r, c, (640.0_f64 / 2100.0).to_string());
    let (r, c) = dvctt::form::cell_of(dvctt::read::Field::ReportDate);
    let date = rust_xlsxwriter::ExcelDateTime::from_ymd(2022, 10, 6).unwrap();
    let format = rust_xlsxwriter::Format::new().set_num_format("dd/mm/yyyy");
    sheet1
        .write_datetime_with_format(r, c, &date, &format)
        .expect("date");
    let path = wd.write("filled.xlsx", &book.save_to_buffer().expect("xlsx"));
    let out = wd.run(&["check", "--quarter", "2022-Q3", path.to_str().unwrap()]);
    let printed = stdout(&out);
    assert!(
        printed.contains("HỢP LỆ\n  Đơn vị: An Giang (mã T89)"),
        "{printed}"
    );
    // check names the levels in the words of the quarter the file reports.
    assert!(printed.contains("  Số DVCTT toàn trình: 640"), "{printed}");
}

#[test]
fn the_heading_block_names_the_ministry_of_the_period() {
    let wd = Workdir::new();
    form("Hà Nội", "Quý I/2025", "07/04/2025", 2000, 900).save(&wd, "in/2025-Q1/hn.xlsx");
    form("Hà Nội", "Quý II/2025", "07/07/2025", 2000, 950).save(&wd, "in/2025-Q2/hn.xlsx");
    for q in ["2025-Q1", "2025-Q2"] {
        let out = wd.run_folder(q, &format!("in/{q}"));
        assert_eq!(code(&out), 0, "{}", stderr(&out));
    }
    let heading = |q: &str| {
        let rows = sheet(
            &wd.path(&format!("reports/{q}/tong-hop-{q}.xlsx")),
            "Phụ lục",
        );
        (text(&rows[0][0]), text(&rows[1][0]))
    };
    // The 2025-Q1 report goes out in April 2025, after Resolution
    // 176/2025/QH15 (1 March) moved Cục Chuyển đổi số quốc gia (so named
    // since Decree 48/2022/NĐ-CP) to Bộ Khoa học và Công nghệ.
    for q in ["2025-Q1", "2025-Q2"] {
        assert_eq!(
            heading(q),
            (
                "BỘ KHOA HỌC VÀ CÔNG NGHỆ".into(),
                "CỤC CHUYỂN ĐỔI SỐ QUỐC GIA".into()
            ),
            "{q}"
        );
    }
}

/// A roster of `levels` "diamond" reorganisations, one a quarter from
/// 2010-Q1: at each level two units, both made of both units of the level
/// before (two paths to every unit below: 2^levels paths in all); the last
/// level, two provinces, reports from 2020-Q1 on; a ministry beside them.
fn diamond_roster(levels: usize) -> String {
    let mut text = "[[unit]]\ncode = \"BX\"\nname = \"Bộ X\"\ngroup = \"I\"\n".to_string();
    let first: dvctt::quarter::Quarter = "2010-Q1".parse().unwrap();
    for level in 0..=levels {
        let from = first.plus(level as u32);
        for side in ["A", "B"] {
            text.push_str(&format!(
                "[[unit]]\ncode = \"{side}{level}\"\nname = \"Tỉnh {side} đời {level}\"\ngroup = \"II\"\n"
            ));
            if level > 0 {
                text.push_str(&format!(
                    "valid_from = \"{from}\"\npredecessors = [\"A{}\", \"B{}\"]\n",
                    level - 1,
                    level - 1
                ));
            }
            if level < levels {
                text.push_str(&format!("valid_to = \"{from}\"\n"));
            }
        }
    }
    text
}

#[test]
fn issue_22_lineage_is_checked_in_time_linear_in_the_roster() {
    let wd = Workdir::new();
    wd.write("dvctt.toml", b"roster = \"roster.toml\"\n");
    // 40 levels: 2^40 paths, walked once each unit.
    wd.write("roster.toml", diamond_roster(40).as_bytes());
    let started = std::time::Instant::now();
    let out = wd.on_day("2020-04-15", &["config"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert!(
        stdout(&out).contains("83 đơn vị trong danh mục"),
        "{}",
        stdout(&out)
    );
    // A run walks every unit's lineage, each quarter back.
    Form::new("Tỉnh A đời 40", "Quý I/2020", 100, 40).save(&wd, "submissions/a.xlsx");
    let out = wd.run_quarter("2020-Q1", &[]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert_eq!(unit(&wd.summary("2020-Q1"), "A40")["status"], "accepted");
    assert!(
        started.elapsed() < std::time::Duration::from_secs(60),
        "{:?}",
        started.elapsed()
    );
}

#[test]
fn issue_22_a_lineage_past_its_depth_bound_is_refused_in_one_line() {
    let wd = Workdir::new();
    wd.write("dvctt.toml", b"roster = \"roster.toml\"\n");
    // A unit renamed every quarter for 51 years: 204 links.
    wd.write("roster.toml", diamond_roster(204).as_bytes());
    let out = wd.on_day("2020-04-15", &["config"]);
    assert_eq!(code(&out), 2, "{}", stdout(&out));
    let said = stderr(&out);
    assert!(said.contains("dài hơn 200 cấp"), "{said}");
    assert_eq!(said.lines().count(), 1, "{said}");
    // 200 links is within the bound.
    wd.write("roster.toml", diamond_roster(200).as_bytes());
    let out = wd.on_day("2020-04-15", &["config"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
}

/// A roster with no unit in one group (a province running it over its own
/// departments, or the ministries alone) is a report like any other: the
/// overview's chart of that group is left out, never an error that stops
/// the run.
#[test]
fn a_roster_with_one_group_only_is_reported() {
    for (name, group, id) in [("An Giang", "II", "T89"), ("Bộ Công an", "I", "BCA")] {
        let wd = Workdir::new();
        wd.write(
            "roster.toml",
            format!("[[unit]]\ncode = \"{id}\"\nname = \"{name}\"\ngroup = \"{group}\"\n")
                .as_bytes(),
        );
        wd.write("dvctt.toml", b"roster = \"roster.toml\"\n");
        Form::new(name, "Quý I/2020", 1915, 654).save(&wd, "submissions/a.xlsx");
        let out = wd.run_quarter("2020-Q1", &[]);
        assert_eq!(code(&out), 0, "{name}: {}", stderr(&out));
        let s = wd.summary("2020-Q1");
        assert_eq!(unit(&s, id)["level4"], 654, "{name}");
        let charts = sheet(
            &wd.path("reports/2020-Q1/tong-hop-2020-Q1.xlsx"),
            "Số liệu biểu đồ",
        );
        assert!(
            charts.iter().flatten().any(|c| text(c).starts_with(name)),
            "{name}: the group's chart data"
        );
    }
}
