//! What a run leaves behind: the workbooks, summary.json, the text summary,
//! the exit code; reproducible to the byte.

use crate::support::*;

fn sample(wd: &Workdir) {
    Form::new("An Giang", "Quý I/2020", 1915, 654).save(wd, "submissions/ag.xlsx");
    Form::new("Lào Cai", "Quý I/2020", 2076, 620).save(wd, "submissions/lc.xlsx");
    Form::new("Bộ Y tế", "Quý I/2020", 367, 57).save(wd, "submissions/byt.xlsx");
    Form::new("Quảng Bình", "Quý I/2020", 1611, 3).save(wd, "submissions/qb.xlsx");
}

#[test]
fn the_same_submissions_give_byte_identical_outputs() {
    let wd = Workdir::new();
    sample(&wd);
    wd.run_quarter("2020-Q1", &[]);
    let first: Vec<Vec<u8>> = OUTPUTS
        .iter()
        .map(|f| std::fs::read(wd.path(&format!("reports/2020-Q1/{f}"))).unwrap())
        .collect();
    std::thread::sleep(std::time::Duration::from_millis(1100));
    let out = wd.run_quarter("2020-Q1", &[]);
    assert_eq!(code(&out), 0);
    for (name, before) in OUTPUTS.iter().zip(first) {
        let after = std::fs::read(wd.path(&format!("reports/2020-Q1/{name}"))).unwrap();
        assert!(before == after, "{name} differs between runs");
    }
    assert!(
        stdout(&out).contains("giống hệt từng byte"),
        "the feedback folder too: {}",
        stdout(&out)
    );
}

#[test]
fn a_run_leaves_only_its_outputs() {
    let wd = Workdir::new();
    sample(&wd);
    wd.run_quarter("2020-Q1", &[]);
    let mut names: Vec<String> = std::fs::read_dir(wd.path("reports/2020-Q1"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    let mut want: Vec<String> = OUTPUTS.iter().map(|s| s.to_string()).collect();
    want.push("phan-hoi".to_string());
    want.sort();
    assert_eq!(names, want, "no temporary file is left");
}

#[test]
fn the_workbook_has_every_sheet_and_the_overview_adds_up() {
    let wd = Workdir::new();
    sample(&wd);
    wd.run_quarter("2020-Q1", &[]);
    let book = wd.path("reports/2020-Q1/tong-hop-2020-Q1.xlsx");
    let names = calamine::open_workbook_auto(&book).map(|b| {
        use calamine::Reader;
        b.sheet_names()
    });
    assert_eq!(
        names.unwrap(),
        [
            "Phụ lục",
            "Tổng quan",
            "So sánh quý trước",
            "Số liệu chi tiết",
            "Diễn biến",
            "Đơn vị chậm",
            "Đơn vị nộp muộn",
            "Danh mục thủ tục",
            "Kiểm tra dữ liệu",
            "Tệp đã nhận",
            "Nguồn số liệu",
            "Số liệu biểu đồ"
        ]
    );
    // The findings sheet goes to units: Vietnamese headers, the rule id last.
    let checks = sheet(&book, "Kiểm tra dữ liệu");
    let header: Vec<String> = checks[2].iter().map(text).collect();
    assert_eq!(
        header,
        [
            "TT",
            "Tệp",
            "Mã đơn vị",
            "Ô",
            "Loại",
            "Nội dung",
            "Mã quy tắc"
        ]
    );
    // The levels in 2020's words.
    let lists = sheet(&book, "Danh mục thủ tục");
    let header: Vec<String> = lists[2].iter().map(text).collect();
    assert_eq!(header[5..], ["DVCTT mức độ 3", "DVCTT mức độ 4"]);
    let overview = sheet(&book, "Tổng quan");
    let row = |label: &str| {
        overview
            .iter()
            .find(|r| text(&r[0]).starts_with(label))
            .unwrap_or_else(|| panic!("row {label}"))
            .clone()
    };
    let expected = row("Số đơn vị phải báo cáo");
    assert_eq!(
        [
            expected[1].as_f64(),
            expected[2].as_f64(),
            expected[3].as_f64()
        ],
        [Some(20.0), Some(63.0), Some(83.0)]
    );
    let accepted = row("Số báo cáo hợp lệ");
    assert_eq!(accepted[3].as_f64(), Some(4.0));
    let pooled = row("Tỷ lệ chung")[3].as_f64().unwrap();
    assert!(
        (pooled - (654.0 + 620.0 + 57.0 + 3.0) / (1915.0 + 2076.0 + 367.0 + 1611.0)).abs() < 1e-12
    );
    let meeting = row("Số đơn vị đạt chỉ tiêu 30%");
    assert_eq!(
        meeting[3].as_f64(),
        Some(1.0),
        "only An Giang: Lào Cai's 29.87% is not 30%"
    );
    let very_low = row("Số đơn vị dưới 5%");
    assert_eq!(very_low[3].as_f64(), Some(1.0));

    // The appendix marks units with no figures.
    let appendix = sheet(&book, "Phụ lục");
    let ha_noi = appendix
        .iter()
        .find(|r| r.len() > 4 && text(&r[1]) == "Hà Nội")
        .unwrap();
    assert_eq!(text(&ha_noi[4]), "Chưa nộp");
    assert!(
        appendix
            .iter()
            .any(|r| text(&r[0]).starts_with("I. BỘ, CƠ QUAN NGANG BỘ"))
    );
    assert!(appendix.iter().any(|r| text(&r[0]) == "Ghi chú:"));
}

#[test]
fn the_lagging_list_is_a_document_of_units_under_the_target() {
    let wd = Workdir::new();
    sample(&wd);
    // Rejected: more level-4 services than procedures.
    Form::new("Hà Nội", "Quý I/2020", 10, 20).save(&wd, "submissions/hn.xlsx");
    wd.run_quarter("2020-Q1", &[]);
    let book = wd.path("reports/2020-Q1/don-vi-cham-2020-Q1.xlsx");
    let names = calamine::open_workbook_auto(&book).map(|b| {
        use calamine::Reader;
        b.sheet_names()
    });
    assert_eq!(names.unwrap(), ["Đơn vị chậm", "Đơn vị nộp muộn"]);
    let rows = sheet(&book, "Đơn vị chậm");
    let all_text: Vec<String> = rows.iter().flatten().map(text).collect();
    // A document: heading block, title, quarter, target, signatures.
    for want in [
        "BỘ THÔNG TIN VÀ TRUYỀN THÔNG",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "DANH SÁCH ĐƠN VỊ CHƯA ĐẠT CHỈ TIÊU CUNG CẤP DỊCH VỤ CÔNG TRỰC TUYẾN MỨC ĐỘ 4",
        "Quý I/2020",
        "NGƯỜI LẬP BIỂU",
        "THỦ TRƯỞNG ĐƠN VỊ",
    ] {
        assert!(all_text.iter().any(|t| t == want), "{want} missing");
    }
    assert!(
        all_text
            .iter()
            .any(|t| t.starts_with("Chỉ tiêu năm 2020:") && t.contains("30%"))
    );
    // Nothing it does not hold, no English.
    for t in &all_text {
        for word in ["sheet", "Kiểm tra dữ liệu", "late", "missing", "rejected"] {
            assert!(!t.contains(word), "{word:?} in {t:?}");
        }
    }
    let find = |name: &str| {
        rows.iter()
            .find(|r| r.len() > 5 && text(&r[1]) == name)
            .cloned()
    };
    let qb = find("Quảng Bình").expect("Quảng Bình lags");
    // 3 / 1611 = 0.19%: under 5% and under 30%.
    assert!((qb[3].as_f64().unwrap() - 3.0 / 1611.0).abs() < 1e-12);
    assert!(text(&qb[4]).contains("rất thấp") && text(&qb[4]).contains("Chưa đạt chỉ tiêu 30%"));
    let lc = find("Lào Cai").expect("Lào Cai lags: 620 / 2076 = 29.87%");
    assert_eq!(text(&lc[4]), "Chưa đạt chỉ tiêu 30%");
    assert!(
        find("An Giang").is_none(),
        "654 / 1915 = 34.15% meets the target"
    );
    assert_eq!(text(&find("Điện Biên").unwrap()[4]), "Chưa nộp báo cáo");
    let hn = find("Hà Nội").expect("a rejected unit lags");
    // Level 4 (20) over the total (10): a short reason for leadership, not the
    // full message to the unit (that stays in `Kiểm tra dữ liệu` and summary.json).
    assert_eq!(
        text(&hn[4]),
        "Báo cáo không hợp lệ: số dịch vụ công lớn hơn tổng số thủ tục"
    );
    // Numbered 1..n, as many as summary.json lists.
    let numbers: Vec<f64> = rows
        .iter()
        .filter(|r| r.len() > 5 && !text(&r[1]).is_empty())
        .filter_map(|r| r[0].as_f64())
        .collect();
    let s = wd.summary("2020-Q1");
    let listed = s["lagging"].as_array().unwrap().len();
    assert_eq!(numbers, (1..=listed).map(|n| n as f64).collect::<Vec<_>>());
    // 83 units: An Giang and Bộ Y tế (57 / 367 = 15.5%: under) ... only An Giang meets it.
    assert_eq!(listed, 83 - 1);
    let reasons = &s["lagging"]
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["code"] == "T01")
        .unwrap();
    assert_eq!(reasons["reasons"], serde_json::json!(["rejected"]));
    assert!(reasons["rejection"].as_str().unwrap().contains("(20)"));
}

#[test]
fn exit_codes_tell_the_operator_what_to_do() {
    let wd = Workdir::new();
    sample(&wd);
    assert_eq!(code(&wd.run_quarter("2020-Q1", &[])), 0);
    Form::new("Hà Nội", "Quý I/2020", 10, 20).save(&wd, "submissions/hn.xlsx");
    assert_eq!(code(&wd.run_quarter("2020-Q1", &[])), 3);

    let out = wd.run(&["run", "--quarter", "2020-Q1", "--submissions", "nowhere"]);
    assert_eq!(code(&out), 1);
    assert!(
        stderr(&out).contains("không có thư mục báo cáo của các đơn vị nowhere"),
        "{}",
        stderr(&out)
    );
    assert!(
        !wd.path("reports/2020-Q1/summary.json").exists()
            || wd.summary("2020-Q1")["quarter"] == "2020-Q1"
    );

    let out = wd.run(&["run", "--quarter", "2020-Q5"]);
    assert_eq!(code(&out), 2);
    wd.write("bad.toml", b"[targets]\n2020 = 130\n");
    let out = wd.run_quarter("2020-Q1", &["--config", "bad.toml"]);
    assert_eq!(code(&out), 2);
    assert!(stderr(&out).contains("targets.2020"), "{}", stderr(&out));

    let help = wd.run(&["run", "--help"]);
    assert!(
        stdout(&help)
            .contains("3  đã ghi báo cáo tổng hợp, có việc cần người xử lý: có báo cáo bị từ chối"),
        "{}",
        stdout(&help)
    );
}

#[test]
fn help_and_readme_agree_on_what_goes_to_the_units_and_cron_logs_to_a_file() {
    let wd = Workdir::new();
    let help = stdout(&wd.run(&["run", "--help"]));
    let readme = std::fs::read_to_string(format!("{REPO}/README.md")).unwrap();
    // Exit 3: each unit its own file in phan-hoi/, addresses in the list;
    // never an internal sheet, never an English word.
    let exit3 = help
        .split("\n  3  ")
        .nth(1)
        .and_then(|rest| rest.split("\n  1  ").next())
        .unwrap_or_else(|| panic!("exit 3 in --help: {help}"));
    let readme3 = readme
        .lines()
        .find(|l| l.starts_with("| 3 |"))
        .expect("exit 3 in the README");
    for both in ["phan-hoi/", "phan-hoi/danh-sach.csv"] {
        assert!(
            exit3.contains(both) && readme3.contains(both),
            "{exit3} / {readme3}"
        );
    }
    assert!(
        !exit3.contains("sheet") && !exit3.contains("Kiểm tra dữ liệu"),
        "{exit3}"
    );
    // The cron line mails the Vietnamese summary and keeps the log in a file.
    let cron = readme
        .lines()
        .find(|l| l.starts_with("0 6 15 1,4,7,10 *"))
        .expect("the README's cron line");
    assert!(
        cron.ends_with("dvctt run 2>>/var/log/dvctt/dvctt.log"),
        "{cron}"
    );
}

#[test]
fn with_no_quarter_the_last_ended_quarter_is_run() {
    let today = chrono::Local::now().date_naive();
    let quarter = dvctt::quarter::Quarter::last_ended(today);
    let wd = Workdir::new();
    let period = quarter.vietnamese();
    Form::new("An Giang", &period, 1915, 654).save(&wd, &format!("submissions/{quarter}/ag.xlsx"));
    let out = wd.run(&["run"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert_eq!(
        wd.summary(&quarter.to_string())["quarter"],
        quarter.to_string()
    );
}

#[test]
fn stdout_summarises_the_run_for_cron_mail() {
    let wd = Workdir::new();
    sample(&wd);
    Form::new("Hà Nội", "Quý I/2020", 10, 20).save(&wd, "submissions/hn.xlsx");
    let text = stdout(&wd.run_quarter("2020-Q1", &[]));
    assert!(
        text.contains("Đơn vị: 4 hợp lệ, 1 không hợp lệ, 78 chưa nộp"),
        "{text}"
    );
    // Findings grouped by unit, in the words the unit is sent; no rule ids.
    let hn = text
        .find("  Hà Nội (T01):\n    - Lỗi, tệp hn.xlsx: ")
        .unwrap_or_else(|| panic!("Hà Nội's findings: {text}"));
    assert!(
        text[hn..].lines().nth(1).unwrap().contains("(20)"),
        "{text}"
    );
    assert!(!text.contains("rule."), "{text}");
    // Lagging: 78 missing, 1 rejected; of the 4 accepted, Lào Cai (29.87%),
    // Bộ Y tế (15.53%) and Quảng Bình (0.19%) are under 30%, Quảng Bình under 5%.
    assert!(
        text.contains(
            "Đơn vị chưa đạt chỉ tiêu: 82 (chưa nộp 78, không hợp lệ 1, có tỷ lệ dưới chỉ tiêu 3, trong đó dưới 5%: 1)"
        ),
        "{text}"
    );
    // What to do next: chase the 78 missing (named), send Hà Nội its findings;
    // nothing unusual to review without a previous quarter.
    let to_do = &text[text.find("Việc cần làm:\n").expect("a to-do section")..];
    let items: Vec<&str> = to_do
        .lines()
        .skip(1)
        .take_while(|l| l.starts_with("  - "))
        .collect();
    assert_eq!(items.len(), 2, "{to_do}");
    assert!(
        items[0].starts_with("  - Đôn đốc 78 đơn vị chưa nộp báo cáo: ")
            && items[0].contains("Điện Biên"),
        "{to_do}"
    );
    assert!(
        items[1].contains("không hợp lệ") && items[1].ends_with(": Hà Nội."),
        "{to_do}"
    );
    assert!(
        text.contains("đã ghi reports/2020-Q1/tong-hop-2020-Q1.xlsx"),
        "{text}"
    );
    for english in ["units:", "accepted", "rejected", "missing", "wrote"] {
        assert!(!text.contains(english), "{english:?} in {text}");
    }
}

#[test]
fn the_shipped_sample_report_is_what_the_job_writes_today() {
    let wd = Workdir::new();
    let copy = |from: &str, to: &str| {
        std::fs::create_dir_all(wd.path(to)).unwrap();
        for entry in std::fs::read_dir(format!("{REPO}/{from}")).unwrap() {
            let entry = entry.unwrap();
            std::fs::copy(entry.path(), wd.path(to).join(entry.file_name())).unwrap();
        }
    };
    copy("submissions/2020-Q1", "submissions");
    copy("reports/2019-Q4", "reports/2019-Q4");
    // On the day the shipped report issued its feedback: the deadline
    // in the feedback files is counted from it.
    let shipped: serde_json::Value = serde_json::from_slice(
        &std::fs::read(format!("{REPO}/reports/2020-Q1/summary.json")).unwrap(),
    )
    .unwrap();
    let issued = shipped["feedback"]["issued"]
        .as_str()
        .expect("feedback.issued");
    let out = wd.on_day(
        issued,
        &[
            "--config",
            &format!("{REPO}/dvctt.toml"),
            "run",
            "--quarter",
            "2020-Q1",
            "--submissions",
            "submissions",
        ],
    );
    assert_eq!(code(&out), 3, "{}", stderr(&out));
    let folder = |dir: String| -> Vec<(String, Vec<u8>)> {
        let mut files: Vec<(String, Vec<u8>)> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| {
                let e = e.unwrap();
                let name = e.file_name().to_string_lossy().into_owned();
                (name, std::fs::read(e.path()).unwrap())
            })
            .collect();
        files.sort();
        files
    };
    let fresh = folder(wd.path("reports/2020-Q1/phan-hoi").display().to_string());
    let shipped = folder(format!("{REPO}/reports/2020-Q1/phan-hoi"));
    assert_eq!(
        fresh.iter().map(|f| &f.0).collect::<Vec<_>>(),
        shipped.iter().map(|f| &f.0).collect::<Vec<_>>(),
        "rerun the README's first command"
    );
    for ((name, fresh), (_, shipped)) in fresh.iter().zip(&shipped) {
        assert!(
            fresh == shipped,
            "phan-hoi/{name} is stale: rerun the README's first command"
        );
    }
    for name in OUTPUTS {
        let fresh = std::fs::read(wd.path(&format!("reports/2020-Q1/{name}"))).unwrap();
        let shipped = std::fs::read(format!("{REPO}/reports/2020-Q1/{name}")).unwrap();
        // The manifest's run date is the day the test runs; paths to the
        // baseline may differ between the two runs. The rest must not.
        let unstable = match name {
            "manifest.json" => Some("run_date"),
            "summary.json" => Some("baseline"),
            _ => None,
        };
        if let Some(key) = unstable {
            let strip = |b: &[u8]| {
                let mut v: serde_json::Value = serde_json::from_slice(b).unwrap();
                v[key] = serde_json::Value::Null;
                v
            };
            assert_eq!(
                strip(&fresh),
                strip(&shipped),
                "rerun the README's first command"
            );
        } else {
            assert!(
                fresh == shipped,
                "{name} is stale: rerun the README's first command"
            );
        }
    }
}

#[test]
fn a_form_written_twice_is_byte_identical() {
    // The sample generator (examples/samples.rs) writes its submissions with
    // this helper: fixed document dates keep `cargo run --example samples`
    // from rewriting unchanged files.
    let form = Form::new("An Giang", "Quý I/2020", 1915, 654);
    let first = form.bytes();
    std::thread::sleep(std::time::Duration::from_millis(1100));
    assert!(first == form.bytes());
}

#[test]
fn a_year_without_a_target_lists_units_to_watch_not_units_below_a_target() {
    let wd = Workdir::new();
    // 2021 has no target in dvctt.toml: 3 / 1611 = 0.19% is under the 5% very-low line.
    Form::new("Quảng Bình", "Quý I/2021", 1611, 3).save(&wd, "submissions/qb.xlsx");
    Form::new("Lào Cai", "Quý I/2021", 2076, 620).save(&wd, "submissions/lc.xlsx");
    let out = wd.run_quarter("2021-Q1", &[]);
    let mail = stdout(&out);
    assert!(!mail.contains("chưa đạt chỉ tiêu"), "{mail}");
    let expected = wd.summary("2021-Q1")["lagging"].as_array().unwrap().len();
    assert!(
        mail.contains(&format!(
            "Đơn vị cần chú ý (năm 2021 chưa có chỉ tiêu): {expected} (chưa nộp {}, không hợp lệ 0, tỷ lệ dưới 5%: 1)",
            expected - 1
        )),
        "{mail}"
    );
    let rows = sheet(
        &wd.path("reports/2021-Q1/tong-hop-2021-Q1.xlsx"),
        "Đơn vị chậm",
    );
    let words: Vec<String> = rows.iter().flatten().map(text).collect();
    assert!(
        words.iter().any(|w| w
            == "DANH SÁCH ĐƠN VỊ CÓ TỶ LỆ DỊCH VỤ CÔNG TRỰC TUYẾN MỨC ĐỘ 4 RẤT THẤP, CHƯA NỘP HOẶC NỘP BÁO CÁO KHÔNG HỢP LỆ"),
        "{words:?}"
    );
    assert!(!words.iter().any(|w| w.contains("CHƯA ĐẠT CHỈ TIÊU")));
    // Lào Cai (29.87%) is not very low and 2021 has no target: not listed.
    assert!(!words.iter().any(|w| w == "Lào Cai"), "{words:?}");
}

#[test]
fn the_authority_is_named_as_it_was_called_in_each_period() {
    // Cục Tin học hóa until 2022-Q2; Cục Chuyển đổi số quốc gia of Bộ TT&TT
    // (Decree 48/2022/NĐ-CP) from 2022-Q3; of Bộ KH&CN (Resolution
    // 176/2025/QH15, from 1 March 2025) from 2025-Q1.
    let heading = |wd: &Workdir, q: &str| -> Vec<String> {
        let rows = sheet(
            &wd.path(&format!("reports/{q}/tong-hop-{q}.xlsx")),
            "Phụ lục",
        );
        rows.iter()
            .flatten()
            .map(crate::support::text)
            .filter(|c| !c.is_empty())
            .collect()
    };
    let wd = Workdir::new();
    for (q, period) in [
        ("2022-Q2", "Quý II/2022"),
        ("2022-Q3", "Quý III/2022"),
        ("2024-Q4", "Quý IV/2024"),
        ("2025-Q1", "Quý I/2025"),
        ("2025-Q2", "Quý II/2025"),
    ] {
        Form::new("Hà Nội", period, 1611, 800).save(&wd, &format!("submissions/{q}/hn.xlsx"));
        let out = wd.run_folder(q, &format!("submissions/{q}"));
        assert!(matches!(code(&out), 0 | 3), "{q}: {}", stderr(&out));
        assert!(!stdout(&out).contains("chưa được xác nhận"), "{q}");
    }
    let expect = [
        (
            "2022-Q2",
            "BỘ THÔNG TIN VÀ TRUYỀN THÔNG",
            "CỤC TIN HỌC HÓA",
            "/BTTTT-THH của Bộ Thông tin",
        ),
        (
            "2022-Q3",
            "BỘ THÔNG TIN VÀ TRUYỀN THÔNG",
            "CỤC CHUYỂN ĐỔI SỐ QUỐC GIA",
            "/BTTTT-CĐSQG của Bộ Thông tin",
        ),
        (
            "2024-Q4",
            "BỘ THÔNG TIN VÀ TRUYỀN THÔNG",
            "CỤC CHUYỂN ĐỔI SỐ QUỐC GIA",
            "/BTTTT-CĐSQG của Bộ Thông tin",
        ),
        (
            "2025-Q1",
            "BỘ KHOA HỌC VÀ CÔNG NGHỆ",
            "CỤC CHUYỂN ĐỔI SỐ QUỐC GIA",
            "/BKHCN-CĐSQG của Bộ Khoa học",
        ),
        (
            "2025-Q2",
            "BỘ KHOA HỌC VÀ CÔNG NGHỆ",
            "CỤC CHUYỂN ĐỔI SỐ QUỐC GIA",
            "/BKHCN-CĐSQG của Bộ Khoa học",
        ),
    ];
    for (q, ministry, agency, number) in expect {
        let rows = sheet(
            &wd.path(&format!("reports/{q}/tong-hop-{q}.xlsx")),
            "Phụ lục",
        );
        assert_eq!(text(&rows[0][0]), ministry, "{q}");
        assert_eq!(text(&rows[1][0]), agency, "{q}");
        let cells = heading(&wd, q);
        assert!(cells.iter().any(|c| c.contains(number)), "{q}: {cells:?}");
    }
    // Group I's note by period: Ủy ban Dân tộc became a ministry (Bộ Dân tộc
    // và Tôn giáo) from 2025-Q2, the roster's first quarter of the new ministries.
    assert!(
        heading(&wd, "2025-Q1")
            .join("\n")
            .contains("Ủy ban Dân tộc")
    );
    assert!(
        !heading(&wd, "2025-Q2")
            .join("\n")
            .contains("Ủy ban Dân tộc")
    );
    assert!(
        heading(&wd, "2022-Q2")
            .join("\n")
            .contains("Ủy ban Dân tộc")
    );
}

#[test]
fn wording_marked_unconfirmed_is_named_in_the_run_s_to_do_list() {
    let wd = Workdir::new();
    let shipped = std::fs::read_to_string(format!("{REPO}/templates/wording.toml")).unwrap();
    let marked = format!(
        "{shipped}\n[[period]]\nfrom = \"2026-Q1\"\nunconfirmed = \"tên cơ quan ở đầu trang\"\n"
    );
    wd.write("wording.toml", marked.as_bytes());
    wd.write("dvctt.toml", b"wording = \"wording.toml\"\n");
    Form::new("Hà Nội", "Quý I/2026", 1611, 800).save(&wd, "submissions/hn.xlsx");
    let text = stdout(&wd.run_quarter("2026-Q1", &[]));
    assert!(
        text.contains(
            "  - Kiểm tra lời văn chưa được xác nhận trước khi gửi: tên cơ quan ở đầu trang"
        ),
        "{text}"
    );
    // The shipped words are all confirmed: nothing to check.
    let wd = Workdir::new();
    sample(&wd);
    let text = stdout(&wd.run_quarter("2020-Q1", &[]));
    assert!(!text.contains("chưa được xác nhận"), "{text}");
}
