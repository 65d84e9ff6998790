//! Submissions as operators collect them (issue #16): one sub-folder per
//! unit, zipped attachments, saved e-mails, and what cannot be opened
//! charged to the unit its name gives, never `missing`.

use crate::support::*;

fn roster() -> dvctt::roster::Roster {
    dvctt::config::load(Some(std::path::Path::new(&format!("{REPO}/dvctt.toml"))))
        .expect("settings")
        .roster
}

/// `file` was not read (`rule`), and was charged by a name (`by`) to the
/// unit `code`, which is rejected, not missing.
fn assert_charged(s: &serde_json::Value, file: &str, rule: &str, by: &str, code: &str) {
    assert_eq!(rules_for(s, file), [rule, by], "{file}");
    assert_eq!(verdict(s, file), "rejected", "{file}");
    assert_eq!(unit(s, code)["status"], "rejected", "{code}");
}

/// totals.files counts every file, archive and entry once, each in one verdict.
fn assert_accounted(s: &serde_json::Value, total: u64) {
    let files = &s["totals"]["files"];
    assert_eq!(files["total"], total, "{files}");
    let parts = files["accepted"].as_u64().unwrap()
        + files["rejected"].as_u64().unwrap()
        + files["not_submission"].as_u64().unwrap();
    assert_eq!(parts, total);
    assert_eq!(s["files"].as_array().unwrap().len() as u64, total);
}

#[test]
fn one_folder_per_unit_for_a_whole_quarter() {
    let wd = Workdir::new();
    let roster = roster();
    let quarter = "2020-Q1".parse().unwrap();
    let units: Vec<_> = roster.units_in(quarter).collect();
    // A mail client's "save all attachments": one folder per unit, named by
    // the unit, every report called the same; two reports name no unit
    // inside, so only their folder says whose they are.
    for (i, unit) in units.iter().enumerate() {
        let form = Form::new(&unit.name, "Quý I/2020", 1000 + i as u64, 100 + i as u64);
        let form = if i % 40 == 7 {
            form.without("Tên đơn vị")
        } else {
            form
        };
        form.save(&wd, &format!("submissions/{}/bao-cao.xlsx", unit.name));
    }
    let out = wd.run_quarter("2020-Q1", &[]);
    assert_eq!(code(&out), 3, "{}", stderr(&out));
    let s = wd.summary("2020-Q1");
    assert_accounted(&s, units.len() as u64);
    assert_eq!(s["totals"]["missing"], 0);
    let list = sheet(
        &wd.path("reports/2020-Q1/don-vi-cham-2020-Q1.xlsx"),
        "Đơn vị chậm",
    );
    for (i, unit) in units.iter().enumerate() {
        let name = format!("{}/bao-cao.xlsx", unit.name);
        let got = crate::support::unit(&s, &unit.code);
        assert_eq!(got["file"], name.as_str(), "{}", unit.code);
        if i % 40 == 7 {
            assert_eq!(got["status"], "rejected", "{}", unit.code);
            let rules = rules_for(&s, &name);
            assert!(
                rules.contains(&"unit.from_folder_name".to_string()),
                "{rules:?}"
            );
            assert!(
                message_for(&s, &name, "unit.from_folder_name").contains(&unit.name),
                "{name}"
            );
            // Leadership's list says what is wrong with the report on the
            // unit's own row, not that the unit is unknown (new-user review).
            let row = list
                .iter()
                .find(|r| r.get(1).is_some_and(|c| c.to_string() == unit.name))
                .unwrap_or_else(|| panic!("{} in the lagging list", unit.name));
            assert_eq!(
                row[4].to_string(),
                "Báo cáo không hợp lệ: báo cáo không ghi tên đơn vị",
                "{row:?}"
            );
        } else {
            assert_eq!(got["status"], "accepted", "{}", unit.code);
            assert_eq!(got["total"], 1000 + i as u64);
            assert_eq!(got["level4"], 100 + i as u64);
        }
    }
}

#[test]
fn a_zip_holding_one_unit_s_report_is_read() {
    let wd = Workdir::new();
    let report = Form::new("An Giang", "Quý I/2020", 1915, 654).bytes();
    wd.write(
        "submissions/bao-cao-an-giang.zip",
        &zip_of(&[("BaoCao_Q1_2020.xlsx", &report)]),
    );
    let out = wd.run_quarter("2020-Q1", &[]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let s = wd.summary("2020-Q1");
    assert_accounted(&s, 2);
    let inner = "bao-cao-an-giang.zip/BaoCao_Q1_2020.xlsx";
    assert_eq!(verdict(&s, inner), "accepted");
    assert_eq!(verdict(&s, "bao-cao-an-giang.zip"), "not_submission");
    assert_eq!(rules_for(&s, "bao-cao-an-giang.zip"), ["archive.opened"]);
    let an_giang = unit(&s, "T89");
    assert_eq!(an_giang["status"], "accepted");
    assert_eq!(an_giang["file"], inner);
    assert_eq!(
        (an_giang["total"].clone(), an_giang["level4"].clone()),
        (1915.into(), 654.into())
    );
}

#[test]
fn a_zip_holding_three_units_reports_and_a_note() {
    let wd = Workdir::new();
    let an_giang = Form::new("An Giang", "Quý I/2020", 1915, 654).bytes();
    let ha_noi = Form::new("Hà Nội", "Quý I/2020", 1818, 200).bytes();
    let bo_y_te = Form::new("Bộ Y tế", "Quý I/2020", 650, 12).bytes();
    let zip = zip_of(&[
        ("an-giang.xlsx", &an_giang),
        ("Ha Noi/bao cao quy 1.xlsx", &ha_noi),
        ("byt.xlsx", &bo_y_te),
        ("ghi-chu.txt", "Gửi kèm báo cáo ba đơn vị".as_bytes()),
    ]);
    wd.write("submissions/tong-hop.zip", &zip);
    let out = wd.run_quarter("2020-Q1", &[]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let s = wd.summary("2020-Q1");
    assert_accounted(&s, 5);
    assert_eq!(
        file_names(&s),
        [
            "tong-hop.zip",
            "tong-hop.zip/an-giang.xlsx",
            "tong-hop.zip/Ha Noi/bao cao quy 1.xlsx",
            "tong-hop.zip/byt.xlsx",
            "tong-hop.zip/ghi-chu.txt",
        ]
    );
    assert_eq!(verdict(&s, "tong-hop.zip/ghi-chu.txt"), "not_submission");
    for (code, total, level4) in [("T89", 1915, 654), ("T01", 1818, 200), ("BYT", 650, 12)] {
        let u = unit(&s, code);
        assert_eq!(u["status"], "accepted", "{code}");
        assert_eq!(
            (u["total"].clone(), u["level4"].clone()),
            (total.into(), level4.into())
        );
    }
}

#[test]
fn a_zip_bomb_is_refused_before_inflating_and_its_unit_is_rejected() {
    let wd = Workdir::new();
    wd.write("limits.toml", b"[limits]\nmax_unzipped_bytes = 1000000\n");
    // 4 MB of zeros deflate to a few kilobytes; the limit is 1 MB.
    let zeros = vec![0u8; 4_000_000];
    let bomb = zip_of(&[("bao-cao.xlsx", &zeros)]);
    assert!(bomb.len() < 50_000);
    wd.write("submissions/bao-cao-ha-nam.zip", &bomb);
    Form::new("Cà Mau", "Quý I/2020", 2015, 300).save(&wd, "submissions/ca-mau.xlsx");
    let out = wd.run_quarter("2020-Q1", &["--config", "limits.toml"]);
    assert_eq!(code(&out), 3, "{}", stderr(&out));
    let s = wd.summary("2020-Q1");
    assert_accounted(&s, 2);
    assert_charged(
        &s,
        "bao-cao-ha-nam.zip",
        "archive.refused",
        "unit.from_file_name",
        "T35",
    );
    let message = message_for(&s, "bao-cao-ha-nam.zip", "archive.refused");
    assert!(
        message.contains("4.000.000") && message.contains("limits.max_unzipped_bytes"),
        "{message}"
    );

    assert_eq!(unit(&s, "T96")["status"], "accepted");
}

#[test]
fn a_zip_entry_named_out_of_the_folder_is_never_written_or_read() {
    let wd = Workdir::new();
    let evil = Form::new("Hà Nội", "Quý I/2020", 1818, 200).bytes();
    let good = Form::new("An Giang", "Quý I/2020", 1915, 654).bytes();
    let zip = zip_of(&[("../../ha-noi.xlsx", &evil), ("an-giang.xlsx", &good)]);
    wd.write("submissions/bao-cao.zip", &zip);
    let out = wd.run_quarter("2020-Q1", &[]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let s = wd.summary("2020-Q1");
    assert_accounted(&s, 3);
    let unsafe_name = "bao-cao.zip/../../ha-noi.xlsx";
    assert_eq!(verdict(&s, unsafe_name), "not_submission");
    assert_eq!(rules_for(&s, unsafe_name), ["archive.unsafe_name"]);
    assert_eq!(unit(&s, "T01")["status"], "missing");
    assert_eq!(unit(&s, "T89")["status"], "accepted");
    assert!(!wd.path("ha-noi.xlsx").exists());
}

#[test]
fn a_zip_inside_a_zip_is_opened_once_and_no_deeper() {
    let wd = Workdir::new();
    let ca_mau = Form::new("Cà Mau", "Quý I/2020", 2015, 300).bytes();
    let hau_giang = Form::new("Hậu Giang", "Quý I/2020", 1700, 170).bytes();
    let inner = zip_of(&[("bao-cao.xlsx", &ca_mau)]);
    let deepest = zip_of(&[("hau-giang.xlsx", &hau_giang)]);
    let middle = zip_of(&[("hau-giang.zip", &deepest)]);
    wd.write(
        "submissions/gui-lai.zip",
        &zip_of(&[("ca-mau.zip", &inner), ("lan-2.zip", &middle)]),
    );
    let out = wd.run_quarter("2020-Q1", &[]);
    assert_eq!(code(&out), 3, "{}", stderr(&out));
    let s = wd.summary("2020-Q1");
    assert_accounted(&s, 5);
    let ca_mau_file = "gui-lai.zip/ca-mau.zip/bao-cao.xlsx";
    assert_eq!(verdict(&s, ca_mau_file), "accepted");
    assert_eq!(unit(&s, "T96")["file"], ca_mau_file);
    assert_eq!(unit(&s, "T96")["level4"], 300);
    // Three levels down: refused, and charged to the unit its name gives.
    let deep = "gui-lai.zip/lan-2.zip/hau-giang.zip";
    assert_charged(&s, deep, "archive.refused", "unit.from_file_name", "T93");
}

#[test]
fn an_e_mail_s_attachment_is_read_and_its_date_decides_timeliness() {
    let wd = Workdir::new();
    // Due 10/04/2020 (quarter end + 10 days). Neither report has a date.
    let bac_ninh = Form::new("Bắc Ninh", "Quý I/2020", 1907, 135)
        .without("Ngày báo cáo")
        .bytes();
    let ca_mau = Form::new("Cà Mau", "Quý I/2020", 2015, 300)
        .without("Ngày báo cáo")
        .bytes();
    // 23:30 in Hà Nội on the 10th: on time.
    wd.write(
        "submissions/Bac Ninh gui bao cao.eml",
        &eml_of(
            "Fri, 10 Apr 2020 23:30:00 +0700",
            &[("bao-cao.xlsx", &bac_ninh)],
        ),
    );
    // 17:30 UTC on the 10th is 00:30 on the 11th in Hà Nội: one day late.
    wd.write(
        "submissions/ca-mau.eml",
        &eml_of(
            "Fri, 10 Apr 2020 17:30:00 +0000",
            &[("BC_Q1.xlsx", &ca_mau)],
        ),
    );
    let out = wd.run_quarter("2020-Q1", &[]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let s = wd.summary("2020-Q1");
    assert_accounted(&s, 4);
    assert_eq!(verdict(&s, "ca-mau.eml"), "not_submission");
    assert!(message_for(&s, "ca-mau.eml", "archive.opened").contains("11/04/2020"));
    let on_time = unit(&s, "T27");
    assert_eq!(on_time["file"], "Bac Ninh gui bao cao.eml/bao-cao.xlsx");
    assert_eq!(on_time["status"], "accepted");
    assert_eq!(on_time["timeliness"]["basis"], "email_date");
    assert_eq!(on_time["timeliness"]["date"], "2020-04-10");
    assert_eq!(on_time["timeliness"]["days_late"], 0);
    let late = unit(&s, "T96");
    assert_eq!(late["file"], "ca-mau.eml/BC_Q1.xlsx");
    assert_eq!(late["timeliness"]["basis"], "email_date");
    assert_eq!(late["timeliness"]["date"], "2020-04-11");
    assert_eq!(late["timeliness"]["days_late"], 1);
}

#[test]
fn a_rar_is_charged_to_its_unit_as_rejected() {
    let wd = Workdir::new();
    let mut rar = b"Rar!\x1a\x07\x01\x00".to_vec();
    rar.extend(vec![0x33; 200]);
    wd.write("submissions/Bao cao Quang Ninh Q1.rar", &rar);
    wd.write(
        "submissions/Hà Giang/bao-cao.7z",
        b"7z\xbc\xaf\x27\x1c\x00\x04rest",
    );
    let out = wd.run_quarter("2020-Q1", &[]);
    assert_eq!(code(&out), 3, "{}", stderr(&out));
    let s = wd.summary("2020-Q1");
    assert_accounted(&s, 2);
    let rar_name = "Bao cao Quang Ninh Q1.rar";
    assert_charged(
        &s,
        rar_name,
        "archive.refused",
        "unit.from_file_name",
        "T22",
    );
    assert!(message_for(&s, rar_name, "archive.refused").contains("RAR"));
    assert_eq!(unit(&s, "T22")["file"], rar_name);
    let seven = "Hà Giang/bao-cao.7z";
    assert_charged(&s, seven, "archive.refused", "unit.from_folder_name", "T02");
}

#[test]
fn a_pipe_in_the_folder_is_not_opened() {
    let wd = Workdir::new();
    wd.write("limits.toml", b"[limits]\nmax_seconds = 60\n");
    Form::new("An Giang", "Quý I/2020", 1915, 654).save(&wd, "submissions/an-giang.xlsx");
    let fifo = wd.path("submissions/bao-cao-ha-noi.xlsx");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .expect("mkfifo");
    assert!(made.success());
    let started = std::time::Instant::now();
    let out = wd.run_quarter("2020-Q1", &["--config", "limits.toml"]);
    // Opening the pipe would block until the reader's deadline (2 × 60 s).
    assert!(started.elapsed() < std::time::Duration::from_secs(30));
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let s = wd.summary("2020-Q1");
    assert_accounted(&s, 2);
    assert_eq!(verdict(&s, "bao-cao-ha-noi.xlsx"), "not_submission");
    assert_eq!(rules_for(&s, "bao-cao-ha-noi.xlsx"), ["file.not_regular"]);
    assert!(message_for(&s, "bao-cao-ha-noi.xlsx", "file.not_regular").contains("FIFO"));

    // `check` on the pipe itself does not block either.
    let out = wd.run(&["check", fifo.to_str().unwrap()]);
    assert_eq!(code(&out), 3);
    assert!(
        stdout(&out).contains("file.not_regular"),
        "{}",
        stdout(&out)
    );
}

#[test]
fn a_link_is_followed_inside_the_folder_only() {
    let wd = Workdir::new();
    let outside = Form::new("Hà Nội", "Quý I/2020", 1818, 200).save(&wd, "elsewhere/ha-noi.xlsx");
    Form::new("Cà Mau", "Quý I/2020", 2015, 300)
        .save(&wd, "submissions/kho/2020/ca-mau/bao-cao.xlsx");
    std::os::unix::fs::symlink(&outside, wd.path("submissions/ha-noi.xlsx")).unwrap();
    // A folder link inside: read once, through whichever path comes first.
    std::os::unix::fs::symlink("kho/2020/ca-mau", wd.path("submissions/Cà Mau")).unwrap();
    let out = wd.run_quarter("2020-Q1", &[]);
    assert_eq!(code(&out), 3, "{}", stderr(&out));
    let s = wd.summary("2020-Q1");
    assert_accounted(&s, 3);
    assert_eq!(
        rules_for(&s, "ha-noi.xlsx"),
        ["file.outside_folder", "unit.from_file_name"]
    );
    let ha_noi = unit(&s, "T01");
    assert_eq!(ha_noi["status"], "rejected");
    assert!(ha_noi["total"].is_null(), "never read: {ha_noi}");
    assert_eq!(unit(&s, "T96")["file"], "Cà Mau/bao-cao.xlsx");
    assert_eq!(unit(&s, "T96")["level4"], 300);
    assert_eq!(verdict(&s, "kho/2020/ca-mau"), "not_submission");
}

#[test]
fn names_are_shown_escaped_and_never_forge_lines_or_merge() {
    use std::os::unix::ffi::OsStrExt;
    let wd = Workdir::new();
    let forged = "x\n  BCA: accepted\nrejected files: none.xlsx";
    wd.write(&format!("submissions/{forged}"), b"");
    let folder = wd.folder("submissions");
    let report = Form::new("Cà Mau", "Quý I/2020", 2015, 300)
        .without("Tên đơn vị")
        .bytes();
    for raw in [&b"bao-cao-\xff.xlsx"[..], &b"bao-cao-\xfe.xlsx"[..]] {
        std::fs::write(folder.join(std::ffi::OsStr::from_bytes(raw)), &report).unwrap();
    }
    let out = wd.run_quarter("2020-Q1", &[]);
    assert_eq!(code(&out), 3, "{}", stderr(&out));
    let text = stdout(&out);
    assert!(
        !text
            .lines()
            .any(|l| l.starts_with("  BCA") || l.starts_with("rejected files: none")),
        "{text}"
    );
    assert!(
        text.contains("x\\n  BCA: accepted\\nrejected files: none.xlsx"),
        "{text}"
    );
    let s = wd.summary("2020-Q1");
    assert_accounted(&s, 3);
    let names = file_names(&s);
    assert!(
        names.contains(&"bao-cao-\\xFE.xlsx".to_string()),
        "{names:?}"
    );
    assert!(
        names.contains(&"bao-cao-\\xFF.xlsx".to_string()),
        "{names:?}"
    );
    // The finding sheet of the workbook shows the same names.
    let book = wd.path("reports/2020-Q1/tong-hop-2020-Q1.xlsx");
    let shown: Vec<String> = sheet(&book, "Kiểm tra dữ liệu")
        .iter()
        .flat_map(|row| row.iter().map(crate::support::text))
        .collect();
    assert!(shown.iter().any(|c| c == "bao-cao-\\xFF.xlsx"), "{shown:?}");
    assert!(shown.iter().any(|c| c == "bao-cao-\\xFE.xlsx"), "{shown:?}");
    assert!(!shown.iter().any(|c| c.contains('\n') && c.contains("BCA")));
}

#[test]
fn the_addressee_in_a_file_name_is_not_the_sender() {
    let wd = Workdir::new();
    // No unit inside: the name says Hà Nam sends to Bộ TT&TT.
    Form::new("Hà Nam", "Quý I/2020", 1650, 120)
        .without("Tên đơn vị")
        .save(&wd, "submissions/BaoCao_HaNam_gui_BoTTTT.xlsx");
    Form::new("Bộ Thông tin và Truyền thông", "Quý I/2020", 400, 80)
        .save(&wd, "submissions/bao-cao-bo-tttt.xlsx");
    // Two reporting units in one name, none inside: no pick.
    Form::new("Hà Nam", "Quý I/2020", 1650, 120)
        .without("Tên đơn vị")
        .save(&wd, "submissions/bao-cao-ha-nam-ha-noi.xlsx");
    let out = wd.run_quarter("2020-Q1", &[]);
    assert_eq!(code(&out), 3, "{}", stderr(&out));
    let s = wd.summary("2020-Q1");
    let addressed = "BaoCao_HaNam_gui_BoTTTT.xlsx";
    assert!(rules_for(&s, addressed).contains(&"unit.from_file_name".to_string()));
    assert!(message_for(&s, addressed, "unit.from_file_name").contains("Hà Nam (T35)"));
    assert_eq!(unit(&s, "T35")["file"], addressed);
    let ministry = unit(&s, "BTTTT");
    assert_eq!(ministry["status"], "accepted");
    assert_eq!(ministry["file"], "bao-cao-bo-tttt.xlsx");
    assert!(rules_for(&s, "bao-cao-bo-tttt.xlsx").is_empty());
    let both = "bao-cao-ha-nam-ha-noi.xlsx";
    assert_eq!(verdict(&s, both), "rejected");
    assert!(rules_for(&s, both).contains(&"unit.ambiguous".to_string()));
    let message = message_for(&s, both, "unit.ambiguous");
    assert!(
        message.contains("Hà Nam (T35)") && message.contains("Hà Nội (T01)"),
        "{message}"
    );
    assert_eq!(unit(&s, "T01")["status"], "missing");
}

#[test]
fn a_file_charged_by_its_name_never_displaces_a_report_in_silence() {
    let wd = Workdir::new();
    Form::new("Cà Mau", "Quý I/2020", 2015, 300)
        .set("Ngày báo cáo", t("02/04/2020"))
        .save(&wd, "submissions/so-tttt.xlsx");
    // Later, naming no unit inside: charged to Cà Mau by its name.
    Form::new("Cà Mau", "Quý I/2020", 2015, 333)
        .without("Tên đơn vị")
        .set("Ngày báo cáo", t("09/04/2020"))
        .save(&wd, "submissions/bao-cao-ca-mau.xlsx");
    wd.run_quarter("2020-Q1", &[]);
    let s = wd.summary("2020-Q1");
    assert_eq!(rules_for(&s, "so-tttt.xlsx"), ["unit.duplicate"]);
    let message = message_for(&s, "so-tttt.xlsx", "unit.duplicate");
    assert!(
        message.contains("bao-cao-ca-mau.xlsx") && message.contains("theo tên tệp"),
        "{message}"
    );
}

#[test]
fn check_takes_a_folder_an_archive_and_an_e_mail() {
    let wd = Workdir::new();
    let an_giang = Form::new("An Giang", "Quý I/2020", 1915, 654).bytes();
    let ha_noi = Form::new("Hà Nội", "Quý I/2020", 1818, 2000).bytes();
    wd.write("gui/An Giang/bc.xlsx", &an_giang);
    wd.write("an-giang.zip", &zip_of(&[("bc.xlsx", &an_giang)]));
    wd.write(
        "thu.eml",
        &eml_of("Thu, 09 Apr 2020 08:00:00 +0700", &[("bc.xlsx", &an_giang)]),
    );
    wd.write("ha-noi.zip", &zip_of(&[("bc.xlsx", &ha_noi)]));
    for (arg, line) in [
        ("gui", "gui/An Giang/bc.xlsx: HỢP LỆ"),
        ("an-giang.zip", "an-giang.zip/bc.xlsx: HỢP LỆ"),
        ("thu.eml", "thu.eml/bc.xlsx: HỢP LỆ"),
    ] {
        let out = wd.run(&["check", "--quarter", "2020-Q1", arg]);
        assert_eq!(code(&out), 0, "{arg}: {}", stdout(&out));
        assert!(
            stdout(&out).lines().any(|l| l == line),
            "{arg}: {}",
            stdout(&out)
        );
        assert!(
            stdout(&out).contains("  Đơn vị: An Giang (mã T89)"),
            "{arg}: {}",
            stdout(&out)
        );
    }
    let out = wd.run(&["check", "--quarter", "2020-Q1", "ha-noi.zip"]);
    assert_eq!(code(&out), 3);
    let text = stdout(&out);
    assert!(
        text.contains("ha-noi.zip/bc.xlsx: KHÔNG HỢP LỆ\n  Đơn vị: Hà Nội (mã T01)"),
        "{text}"
    );
    assert!(text.contains("(rule.level4_le_total)"), "{text}");
}

#[test]
fn an_archive_past_a_limit_is_refused_and_charged_by_its_name() {
    let wd = Workdir::new();
    wd.write("limits.toml", b"[limits]\nmax_file_bytes = 100000\n");
    // One entry of 200,000 bytes: the archive is small, the entry is not.
    let big = vec![b'0'; 200_000];
    wd.write(
        "submissions/bao-cao-bac-ninh.zip",
        &zip_of(&[("bc.xlsx", &big)]),
    );
    // 1,001 entries: more than an archive may hold.
    let names: Vec<String> = (0..1001).map(|i| format!("{i}.txt")).collect();
    let entries: Vec<(&str, &[u8])> = names.iter().map(|n| (n.as_str(), &b"x"[..])).collect();
    wd.write("submissions/Ca Mau.zip", &zip_of(&entries));
    // A password on the entry: the general-purpose flag's encryption bit,
    // set as a zip tool sets it, in the local and the central header.
    let mut locked = zip_of(&[("bao-cao.xlsx", b"not really encrypted")]);
    locked[6] |= 1;
    let central = locked
        .windows(4)
        .position(|w| w == b"PK\x01\x02")
        .expect("central directory");
    locked[central + 8] |= 1;
    wd.write("submissions/Hà Nội/gui-lai.zip", &locked);
    let out = wd.run_quarter("2020-Q1", &["--config", "limits.toml"]);
    assert_eq!(code(&out), 3, "{}", stderr(&out));
    let s = wd.summary("2020-Q1");
    assert_accounted(&s, 5);
    let entry = "bao-cao-bac-ninh.zip/bc.xlsx";
    assert_charged(&s, entry, "file.too_large", "unit.from_file_name", "T27");
    assert!(message_for(&s, entry, "file.too_large").contains("limits.max_file_bytes"));

    assert_charged(
        &s,
        "Ca Mau.zip",
        "archive.refused",
        "unit.from_file_name",
        "T96",
    );
    assert!(message_for(&s, "Ca Mau.zip", "archive.refused").contains("1.001"));

    let encrypted = "Hà Nội/gui-lai.zip/bao-cao.xlsx";
    assert_charged(
        &s,
        encrypted,
        "file.encrypted",
        "unit.from_folder_name",
        "T01",
    );
}

#[test]
fn a_folder_too_deep_is_charged_to_the_unit_its_name_gives() {
    let wd = Workdir::new();
    Form::new("Hà Nội", "Quý I/2020", 1818, 200)
        .save(&wd, "submissions/Hà Nội/1/2/3/4/5/6/7/8/bc.xlsx");
    Form::new("An Giang", "Quý I/2020", 1915, 654)
        .save(&wd, "submissions/An Giang/1/2/3/4/5/6/7/bc.xlsx");
    // Deep in folders that name no one, the file's own name says whose it
    // is (attacker review: Lai Châu was "chưa nộp" and the operator was told
    // to chase a report it had sent).
    Form::new("Lai Châu", "Quý I/2020", 1300, 100)
        .save(&wd, "submissions/a/b/c/d/e/f/g/h/i/j/lai-chau.xlsx");
    let out = wd.run_quarter("2020-Q1", &[]);
    assert_eq!(code(&out), 3, "{}", stderr(&out));
    let s = wd.summary("2020-Q1");
    assert_accounted(&s, 3);
    assert_eq!(unit(&s, "T89")["file"], "An Giang/1/2/3/4/5/6/7/bc.xlsx");
    assert_eq!(unit(&s, "T89")["status"], "accepted");
    let deep = "Hà Nội/1/2/3/4/5/6/7/8/bc.xlsx";
    assert_charged(&s, deep, "folder.too_deep", "unit.from_folder_name", "T01");
    let deeper = "a/b/c/d/e/f/g/h/i/j/lai-chau.xlsx";
    let list = sheet(
        &wd.path("reports/2020-Q1/don-vi-cham-2020-Q1.xlsx"),
        "Đơn vị chậm",
    );
    let row = list
        .iter()
        .find(|r| r.get(1).is_some_and(|c| *c == "Lai Châu"))
        .expect("Lai Châu in the lagging list");
    assert_eq!(
        row[4].to_string(),
        "Báo cáo không hợp lệ: tệp nằm trong thư mục lồng quá sâu"
    );
    assert_charged(&s, deeper, "folder.too_deep", "unit.from_file_name", "T12");
    assert_eq!(unit(&s, "T12")["status"], "rejected");
}

#[test]
fn a_zip_entry_s_saved_time_stands_for_its_modification_time() {
    let wd = Workdir::new();
    // No report date: the entry's time in the zip (12/04/2020 08:00, read as
    // Vietnam time) decides, two days after the 10/04 deadline.
    let report = Form::new("Long An", "Quý I/2020", 1798, 179)
        .without("Ngày báo cáo")
        .bytes();
    wd.write(
        "submissions/long-an.zip",
        &zip_saved_at(&[("bc.xlsx", &report)], (2020, 4, 12, 8, 0)),
    );
    let out = wd.run_quarter("2020-Q1", &[]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let s = wd.summary("2020-Q1");
    let long_an = unit(&s, "T80");
    assert_eq!(long_an["file"], "long-an.zip/bc.xlsx");
    assert_eq!(long_an["timeliness"]["basis"], "file_modified");
    assert_eq!(long_an["timeliness"]["date"], "2020-04-12");
    assert_eq!(long_an["timeliness"]["days_late"], 2);
}

#[test]
fn a_folder_of_more_files_than_the_limit_is_not_read() {
    let wd = Workdir::new();
    wd.write("limits.toml", b"[limits]\nmax_files = 50\n");
    // 50 files, some in sub-folders: read.
    for i in 0..50 {
        wd.write(&format!("submissions/kho/{}/{i}.txt", i % 3), b"ghi chu");
    }
    let out = wd.run_quarter("2020-Q1", &["--config", "limits.toml"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert_accounted(&wd.summary("2020-Q1"), 50);
    // One more: no report at all.
    wd.write("submissions/kho/51.txt", b"ghi chu");
    std::fs::remove_dir_all(wd.path("reports")).unwrap();
    let out = wd.run_quarter("2020-Q1", &["--config", "limits.toml"]);
    assert_eq!(code(&out), 1);
    assert!(
        stderr(&out).contains("có hơn 50 tệp (limits.max_files)"),
        "{}",
        stderr(&out)
    );
    assert!(!wd.path("reports/2020-Q1").exists());
}

#[test]
fn files_a_mac_adds_are_not_reports() {
    let wd = Workdir::new();
    let report = Form::new("Đồng Tháp", "Quý I/2020", 1880, 300).bytes();
    // macOS "Compress": the report, and its resource data under __MACOSX.
    let zip = zip_of(&[
        ("bao-cao.xlsx", &report),
        (
            "__MACOSX/._bao-cao.xlsx",
            b"\x00\x05\x16\x07\x00\x02\x00\x00Mac OS X",
        ),
    ]);
    wd.write("submissions/dong-thap.zip", &zip);
    // Copied from a Mac's USB stick.
    wd.write(
        "submissions/._dong-thap.xlsx",
        b"\x00\x05\x16\x07\x00\x02\x00\x00Mac OS X",
    );
    let out = wd.run_quarter("2020-Q1", &[]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let s = wd.summary("2020-Q1");
    assert_accounted(&s, 4);
    for companion in ["dong-thap.zip/__MACOSX/._bao-cao.xlsx", "._dong-thap.xlsx"] {
        assert_eq!(verdict(&s, companion), "not_submission");
        assert!(message_for(&s, companion, "file.not_submission").contains("máy Mac"));
    }
    assert_eq!(unit(&s, "T87")["file"], "dong-thap.zip/bao-cao.xlsx");
    assert_eq!(unit(&s, "T87")["level4"], 300);
}
