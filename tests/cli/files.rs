//! Every file of the folder ends as accepted, rejected with a reason, or named
//! as not a submission; a broken file never stops the others.

use crate::support::*;

fn verdicts(s: &serde_json::Value) -> Vec<(String, String)> {
    s["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["file"].as_str().unwrap().to_string(),
                f["verdict"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

fn message_for(s: &serde_json::Value, file: &str) -> String {
    s["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["file"] == file)
        .map(|f| f["message"].as_str().unwrap().to_string())
        .collect::<Vec<_>>()
        .join(" | ")
}

#[test]
fn broken_and_stray_files_are_each_accounted_for() {
    let wd = Workdir::new();
    let good = Form::new("An Giang", "Quý I/2020", 1915, 654).bytes();
    wd.write("submissions/an-giang.xlsx", &good);
    wd.write("submissions/empty.xlsx", b"");
    wd.write("submissions/truncated.xlsx", &good[..good.len() / 2]);
    wd.write("submissions/notes.pdf", b"%PDF-1.4\n%....");
    wd.write("submissions/~$an-giang.xlsx", b"\x0bNguyen Van A");
    wd.write("submissions/readme.txt", "Báo cáo quý I".as_bytes());
    let mut docx = std::io::Cursor::new(Vec::new());
    {
        use std::io::Write;
        let mut zip = zip::ZipWriter::new(&mut docx);
        zip.start_file(
            "word/document.xml",
            zip::write::SimpleFileOptions::default(),
        )
        .unwrap();
        zip.write_all(b"<w:document/>").unwrap();
        zip.finish().unwrap();
    }
    wd.write("submissions/cong-van.docx", docx.get_ref());
    wd.write("submissions/word-as-excel.xls", docx.get_ref());
    let encrypted = compound_file(&[("EncryptionInfo", b"\x04\x00"), ("EncryptedPackage", b"")]);
    wd.write("submissions/locked.xlsx", &encrypted);
    // A workbook whose name hides it: read by content.
    wd.write(
        "submissions/bao-cao-bac-ninh.dat",
        &Form::new("Bắc Ninh", "Quý I/2020", 1907, 135).bytes(),
    );
    // A sub-folder is walked: an Excel lock file inside is still one.
    wd.write("submissions/old/~$bao-cao.xlsx", b"\x0bNguyen Van A");

    let out = wd.run_quarter("2020-Q1", &[]);
    assert_eq!(code(&out), 3, "{}", stderr(&out));
    let s = wd.summary("2020-Q1");
    let got = verdicts(&s);
    let want = [
        ("an-giang.xlsx", "accepted"),
        ("bao-cao-bac-ninh.dat", "accepted"),
        ("cong-van.docx", "not_submission"),
        ("empty.xlsx", "rejected"),
        ("locked.xlsx", "rejected"),
        ("notes.pdf", "not_submission"),
        ("old/~$bao-cao.xlsx", "not_submission"),
        ("readme.txt", "not_submission"),
        ("truncated.xlsx", "rejected"),
        ("word-as-excel.xls", "rejected"),
        ("~$an-giang.xlsx", "not_submission"),
    ];
    let want: Vec<(String, String)> = want
        .iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect();
    assert_eq!(got, want);
    assert_eq!(s["totals"]["files"]["total"], 11);
    assert_eq!(s["totals"]["files"]["accepted"], 2);
    assert_eq!(s["totals"]["files"]["rejected"], 4);
    assert_eq!(s["totals"]["files"]["not_submission"], 5);

    assert_eq!(rules_for(&s, "empty.xlsx"), ["file.unreadable"]);
    assert!(message_for(&s, "empty.xlsx").contains("Tệp rỗng"));
    assert!(message_for(&s, "truncated.xlsx").contains("cắt cụt"));
    assert_eq!(rules_for(&s, "locked.xlsx"), ["file.encrypted"]);
    assert!(message_for(&s, "locked.xlsx").contains("mật khẩu"));
    assert!(message_for(&s, "word-as-excel.xls").contains("Word"));
    assert_eq!(rules_for(&s, "notes.pdf"), ["file.not_submission"]);
    assert!(message_for(&s, "~$an-giang.xlsx").contains("khóa tạm"));
    assert!(message_for(&s, "old/~$bao-cao.xlsx").contains("khóa tạm"));
    assert_eq!(unit(&s, "T89")["status"], "accepted");
    assert_eq!(unit(&s, "T27")["status"], "accepted");
    assert_eq!(unit(&s, "T01")["status"], "missing");
}

#[test]
fn a_later_report_replaces_an_earlier_one_and_both_are_named() {
    let wd = Workdir::new();
    Form::new("Cà Mau", "Quý I/2020", 2015, 300)
        .set("Ngày báo cáo", t("02/04/2020"))
        .save(&wd, "submissions/ca-mau-v2.xlsx");
    Form::new("Tỉnh Cà Mau", "Quý I/2020", 2015, 333)
        .set("Ngày báo cáo", V::Date(2020, 4, 9))
        .save(&wd, "submissions/ca-mau-corrected.xlsx");
    let out = wd.run_quarter("2020-Q1", &[]);
    // A correction (#23): the earlier report replaced, no error.
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let s = wd.summary("2020-Q1");
    let ca_mau = unit(&s, "T96");
    assert_eq!(ca_mau["status"], "accepted");
    assert_eq!(ca_mau["file"], "ca-mau-corrected.xlsx");
    assert_eq!(ca_mau["level4"], 333);
    assert_eq!(verdict(&s, "ca-mau-v2.xlsx"), "replaced");
    assert!(rules_for(&s, "ca-mau-v2.xlsx").is_empty());
}

#[test]
fn without_report_dates_the_later_modified_file_wins() {
    let wd = Workdir::new();
    let older = Form::new("Cà Mau", "Quý I/2020", 2015, 300)
        .without("Ngày báo cáo")
        .save(&wd, "submissions/z-first.xlsx");
    let newer = Form::new("Cà Mau", "Quý I/2020", 2015, 310)
        .without("Ngày báo cáo")
        .save(&wd, "submissions/a-second.xlsx");
    set_modified(&older, 1_585_000_000);
    set_modified(&newer, 1_586_000_000);
    wd.run_quarter("2020-Q1", &[]);
    let s = wd.summary("2020-Q1");
    assert_eq!(unit(&s, "T96")["file"], "a-second.xlsx");
    assert_eq!(verdict(&s, "z-first.xlsx"), "replaced");
}

#[test]
fn a_file_for_another_quarter_never_beats_one_for_this_quarter() {
    let wd = Workdir::new();
    // Bạc Liêu sends this quarter's file, then last quarter's again: no
    // report dates, the old one modified later.
    let right = Form::new("Bạc Liêu", "Quý I/2020", 1523, 420)
        .without("Ngày báo cáo")
        .save(&wd, "submissions/bac-lieu-q1.xlsx");
    let resent = Form::new("Bạc Liêu", "Quý IV/2019", 1520, 380)
        .without("Ngày báo cáo")
        .save(&wd, "submissions/bac-lieu-q4-2019.xlsx");
    set_modified(&right, 1_585_900_000);
    set_modified(&resent, 1_586_300_000);
    // Cà Mau: last quarter's file carries a later report date than this one.
    Form::new("Cà Mau", "Quý I/2020", 2015, 310)
        .set("Ngày báo cáo", t("03/04/2020"))
        .save(&wd, "submissions/ca-mau.xlsx");
    Form::new("Cà Mau", "Quý IV/2019", 2015, 290)
        .set("Ngày báo cáo", t("08/04/2020"))
        .save(&wd, "submissions/ca-mau-cu.xlsx");
    let out = wd.run_quarter("2020-Q1", &[]);
    assert_eq!(code(&out), 3, "{}", stderr(&out));
    let s = wd.summary("2020-Q1");
    let bac_lieu = unit(&s, "T95");
    assert_eq!(bac_lieu["status"], "accepted");
    assert_eq!(bac_lieu["file"], "bac-lieu-q1.xlsx");
    assert_eq!(bac_lieu["level4"], 420);
    let mut rules = rules_for(&s, "bac-lieu-q4-2019.xlsx");
    rules.sort();
    assert_eq!(rules, ["period.mismatch", "unit.duplicate"]);
    let message = s["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["file"] == "bac-lieu-q4-2019.xlsx" && f["rule"] == "unit.duplicate")
        .unwrap()["message"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(
        message.contains("dùng tệp “bac-lieu-q1.xlsx” (đúng kỳ báo cáo)"),
        "{message}"
    );
    let ca_mau = unit(&s, "T96");
    assert_eq!(ca_mau["file"], "ca-mau.xlsx");
    assert_eq!(ca_mau["level4"], 310);
    assert!(rules_for(&s, "ca-mau-cu.xlsx").contains(&"unit.duplicate".to_string()));
}

#[test]
fn a_unit_that_sent_nothing_is_missing_and_lagging() {
    let wd = Workdir::new();
    Form::new("An Giang", "Quý I/2020", 1915, 654).save(&wd, "submissions/ag.xlsx");
    Form::new("Hà Nội", "Quý I/2020", 1818, 2000).save(&wd, "submissions/hn.xlsx");
    wd.run_quarter("2020-Q1", &[]);
    let s = wd.summary("2020-Q1");
    assert_eq!(s["totals"]["expected"], 83);
    assert_eq!(s["totals"]["submitted"], 2);
    assert_eq!(s["totals"]["accepted"], 1);
    assert_eq!(s["totals"]["rejected"], 1);
    assert_eq!(s["totals"]["missing"], 81);
    let ha_noi = unit(&s, "T01");
    assert_eq!(ha_noi["status"], "rejected");
    assert!(ha_noi["total"].is_null());
    let lagging = s["lagging"].as_array().unwrap();
    let reasons = |code: &str| {
        lagging
            .iter()
            .find(|l| l["code"] == code)
            .map(|l| l["reasons"].clone())
    };
    assert_eq!(reasons("BCA"), Some(serde_json::json!(["missing"])));
    assert_eq!(reasons("T01"), Some(serde_json::json!(["rejected"])));
    assert_eq!(reasons("T89"), None);
    // Missing units come first, worst reason first.
    assert_eq!(lagging[0]["reasons"][0], "missing");
    assert_eq!(lagging.last().unwrap()["reasons"][0], "rejected");
}
