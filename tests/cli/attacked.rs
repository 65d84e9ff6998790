//! Inputs an attacker built to crash a run, stop its report, or lose a
//! submission (the hardening notes): each is answered by a finding, and the
//! rest of the quarter is reported.

use crate::support::*;

pub fn findings_on<'a>(s: &'a serde_json::Value, file: &str) -> Vec<&'a serde_json::Value> {
    s["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .filter(|f| f["file"] == file)
        .collect()
}

/// A message holding a message holding a message… `levels` deep, written
/// by hand the way the attacker's script wrote it (no boundaries at all).
fn nested_messages(levels: usize) -> Vec<u8> {
    let level = "From: a@b\r\nDate: Sun, 05 Apr 2020 09:00:00 +0700\r\nMIME-Version: 1.0\r\nContent-Type: message/rfc822\r\n\r\n";
    let mut m = level.repeat(levels);
    m.push_str("From: a@b\r\n\r\nhello\r\n");
    m.into_bytes()
}

#[test]
fn a_message_nested_fifty_thousand_deep_is_refused_and_the_quarter_reported() {
    let wd = Workdir::new();
    let deep = nested_messages(50_000);
    assert!(deep.len() > 1_000_000);
    wd.write("submissions/thu-long.eml", &deep);
    let report = Form::new("An Giang", "Quý I/2020", 1915, 654).bytes();
    wd.write("submissions/an-giang.xlsx", &report);
    let out = wd.run_quarter("2020-Q1", &[]);
    // The deep message is rejected (no unit in its name), the report written.
    assert_eq!(code(&out), 3, "{}", stderr(&out));
    let s = wd.summary("2020-Q1");
    let rules = rules_for(&s, "thu-long.eml");
    assert!(rules.contains(&"archive.refused".to_string()), "{rules:?}");
    assert_eq!(unit(&s, "T89")["status"], "accepted");
    assert_eq!(unit(&s, "T89")["total"], 1915);
}

#[test]
fn a_message_nested_a_few_deep_is_still_opened() {
    // Three forwards are what a real chain of forwards looks like; the
    // innermost holds no workbook, so the chain opens and nothing is refused
    // for depth at the top.
    let wd = Workdir::new();
    wd.write("submissions/chuyen-tiep.eml", &nested_messages(3));
    let out = wd.run_quarter("2020-Q1", &[]);
    let s = wd.summary("2020-Q1");
    assert_eq!(
        rules_for(&s, "chuyen-tiep.eml"),
        ["archive.opened"],
        "{}",
        stderr(&out)
    );
}

/// A forward as a mail client writes it: the original message attached as
/// `message/rfc822`, with no file name, holding the workbook.
fn forwarded(original: &[u8]) -> Vec<u8> {
    let boundary = "fwd-boundary-42";
    let mut m = Vec::new();
    m.extend_from_slice(b"From: vanthu@example.gov.vn\r\nTo: thh@example.gov.vn\r\n");
    m.extend_from_slice(
        b"Subject: Fwd: Bao cao quy I\r\nDate: Wed, 08 Apr 2020 10:00:00 +0700\r\n",
    );
    m.extend_from_slice(b"MIME-Version: 1.0\r\n");
    m.extend_from_slice(
        format!("Content-Type: multipart/mixed; boundary=\"{boundary}\"\r\n\r\n").as_bytes(),
    );
    m.extend_from_slice(
        format!("--{boundary}\r\nContent-Type: text/plain\r\n\r\nChuyen tiep.\r\n").as_bytes(),
    );
    m.extend_from_slice(format!("--{boundary}\r\nContent-Type: message/rfc822\r\n\r\n").as_bytes());
    m.extend_from_slice(original);
    m.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
    m
}

#[test]
fn a_forwarded_message_s_workbook_is_read() {
    let wd = Workdir::new();
    let report = Form::new("Bắc Ninh", "Quý I/2020", 1907, 135).bytes();
    let original = eml_of(
        "Tue, 07 Apr 2020 09:00:00 +0700",
        &[("bao-cao-bac-ninh.xlsx", &report)],
    );
    wd.write("submissions/fwd.eml", &forwarded(&original));
    let out = wd.run_quarter("2020-Q1", &[]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let s = wd.summary("2020-Q1");
    let bac_ninh = unit(&s, "T27");
    assert_eq!(bac_ninh["status"], "accepted");
    assert_eq!(
        bac_ninh["file"],
        "fwd.eml/tep-dinh-kem-1.eml/bao-cao-bac-ninh.xlsx"
    );
    assert_eq!(
        (bac_ninh["total"].clone(), bac_ninh["level4"].clone()),
        (1907.into(), 135.into())
    );
}

#[test]
fn names_too_long_for_a_cell_are_cut_and_the_report_written() {
    let wd = Workdir::new();
    let report = Form::new("An Giang", "Quý I/2020", 1915, 654).bytes();
    // 33,000 characters: more than a cell holds.
    let long = format!("ghi-chu-{}.txt", "x".repeat(33_000));
    wd.write(
        "submissions/bao-cao-an-giang.zip",
        &zip_of(&[("BaoCao.xlsx", &report), (&long, b"ghi chu")]),
    );
    // 5,500 control characters, each shown as six (`\u{1}`): 33,000 again.
    let controls = format!("{}.txt", "\u{1}".repeat(5_500));
    wd.write(
        "submissions/thu.eml",
        &eml_of("Wed, 08 Apr 2020 10:00:00 +0700", &[(&controls, b"x")]),
    );
    let out = wd.run_quarter("2020-Q1", &[]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let s = wd.summary("2020-Q1");
    assert_eq!(unit(&s, "T89")["status"], "accepted");
    let names = file_names(&s);
    let cut: Vec<_> = names.iter().filter(|n| n.ends_with(']')).collect();
    assert_eq!(cut.len(), 2, "{names:?}");
    for name in &cut {
        assert!(name.chars().count() <= 1024, "{}", name.chars().count());
        assert!(name.contains("…[#"), "{name}");
    }
    assert!(
        cut.iter()
            .any(|n| n.starts_with("bao-cao-an-giang.zip/ghi-chu-xxx"))
    );
    assert!(cut.iter().any(|n| n.starts_with("thu.eml/\\u{1}\\u{1}")));
    // The workbook holds them too, cut the same way.
    let book = wd.path("reports/2020-Q1/tong-hop-2020-Q1.xlsx");
    let cells: Vec<String> = sheet(&book, "Kiểm tra dữ liệu")
        .iter()
        .flatten()
        .map(text)
        .collect();
    for name in &cut {
        assert!(
            cells.iter().any(|c| c == *name),
            "{name} in the findings sheet"
        );
    }
}

#[test]
fn zips_inside_a_zip_share_one_unpacked_size_budget() {
    let wd = Workdir::new();
    wd.write("limits.toml", b"[limits]\nmax_unzipped_bytes = 1000000\n");
    // Each inner zip unpacks to 400,000 bytes: two fit in 1,000,000 with the
    // outer zip's own few kilobytes, the third does not.
    let zeros = vec![0u8; 400_000];
    let inner = zip_of(&[("ghi-chu.txt", &zeros)]);
    let outer = zip_of(&[("a.zip", &inner), ("b.zip", &inner), ("c.zip", &inner)]);
    assert!(outer.len() < 10_000);
    wd.write("submissions/tong.zip", &outer);
    Form::new("Cà Mau", "Quý I/2020", 2015, 300).save(&wd, "submissions/ca-mau.xlsx");
    let out = wd.run_quarter("2020-Q1", &["--config", "limits.toml"]);
    assert_eq!(code(&out), 3, "{}", stderr(&out));
    let s = wd.summary("2020-Q1");
    assert_eq!(rules_for(&s, "tong.zip/a.zip"), ["archive.opened"]);
    assert_eq!(rules_for(&s, "tong.zip/b.zip"), ["archive.opened"]);
    assert_eq!(rules_for(&s, "tong.zip/c.zip"), ["archive.refused"]);
    let message = findings_on(&s, "tong.zip/c.zip")[0]["message"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(
        message.contains("400.000") && message.contains("dùng chung"),
        "{message}"
    );
    assert_eq!(unit(&s, "T96")["status"], "accepted");
}

#[test]
fn zips_inside_a_zip_share_one_entry_count() {
    let wd = Workdir::new();
    let names: Vec<String> = (0..600).map(|i| format!("ghi-chu-{i}.txt")).collect();
    let entries: Vec<(&str, &[u8])> = names.iter().map(|n| (n.as_str(), &b"x"[..])).collect();
    let inner = zip_of(&entries);
    wd.write(
        "submissions/tong.zip",
        &zip_of(&[("a.zip", &inner), ("b.zip", &inner)]),
    );
    let out = wd.run_quarter("2020-Q1", &[]);
    let s = wd.summary("2020-Q1");
    // 2 of the 1,000 entries go to the outer zip, 600 to a.zip: b.zip's 600 do not fit.
    assert_eq!(
        rules_for(&s, "tong.zip/a.zip"),
        ["archive.opened"],
        "{}",
        stderr(&out)
    );
    assert_eq!(rules_for(&s, "tong.zip/b.zip"), ["archive.refused"]);
    let message = findings_on(&s, "tong.zip/b.zip")[0]["message"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(
        message.contains("600") && message.contains("398"),
        "{message}"
    );
}

#[test]
fn a_zip_of_reports_holding_a_part_name_of_a_document_is_still_an_archive() {
    let an_giang = Form::new("An Giang", "Quý I/2020", 1915, 654).bytes();
    let ca_mau = Form::new("Cà Mau", "Quý I/2020", 2015, 300).bytes();
    for stray in [
        "content.xml",
        "mimetype",
        "[Content_Types].xml",
        "word/document.xml",
    ] {
        let wd = Workdir::new();
        wd.write(
            "submissions/tong-hop.zip",
            &zip_of(&[
                ("an-giang.xlsx", &an_giang),
                ("ca-mau.xlsx", &ca_mau),
                (stray, b"<x/>"),
            ]),
        );
        let out = wd.run_quarter("2020-Q1", &[]);
        assert_eq!(code(&out), 0, "{stray}: {}", stderr(&out));
        let s = wd.summary("2020-Q1");
        assert_eq!(rules_for(&s, "tong-hop.zip"), ["archive.opened"], "{stray}");
        assert_eq!(
            unit(&s, "T89")["file"],
            "tong-hop.zip/an-giang.xlsx",
            "{stray}"
        );
        assert_eq!(unit(&s, "T89")["total"], 1915, "{stray}");
        assert_eq!(unit(&s, "T96")["total"], 2015, "{stray}");
    }
    // A workbook saved under another name is still read as the workbook.
    let wd = Workdir::new();
    wd.write("submissions/an-giang.bak", &an_giang);
    let out = wd.run_quarter("2020-Q1", &[]);
    let s = wd.summary("2020-Q1");
    assert_eq!(unit(&s, "T89")["file"], "an-giang.bak", "{}", stderr(&out));
}

#[test]
fn a_zip_past_the_file_size_limit_is_refused_before_its_entries_are_listed() {
    let wd = Workdir::new();
    wd.write("limits.toml", b"[limits]\nmax_file_bytes = 100000\n");
    // 3,000 stored entries: about 200 KB, past the 100,000-byte limit, under
    // a name that does not say zip.
    let names: Vec<String> = (0..3000).map(|i| format!("{i:04}.txt")).collect();
    let entries: Vec<(&str, &[u8])> = names.iter().map(|n| (n.as_str(), &b"x"[..])).collect();
    let zip = zip_of(&entries);
    assert!(zip.len() > 100_000);
    wd.write("submissions/bao-cao-bac-ninh.dat", &zip);
    let out = wd.run_quarter("2020-Q1", &["--config", "limits.toml"]);
    assert_eq!(code(&out), 3, "{}", stderr(&out));
    let s = wd.summary("2020-Q1");
    assert_eq!(
        rules_for(&s, "bao-cao-bac-ninh.dat"),
        ["file.too_large", "unit.from_file_name"]
    );
}

/// `zip` with the `n`th occurrence of `from` in entry names (local header
/// and central directory alike) spelled `to`, of the same length.
fn renamed(mut zip: Vec<u8>, from: &[u8], to: &[u8]) -> Vec<u8> {
    assert_eq!(from.len(), to.len());
    let mut i = 0;
    while i + from.len() <= zip.len() {
        if &zip[i..i + from.len()] == from {
            zip[i..i + from.len()].copy_from_slice(to);
        }
        i += 1;
    }
    zip
}

#[test]
fn two_zip_entries_of_one_name_are_never_one_silently() {
    let an_giang = Form::new("An Giang", "Quý I/2020", 1915, 654).bytes();
    let ca_mau = Form::new("Cà Mau", "Quý I/2020", 2015, 300).bytes();
    // Entry names of the same length, made equal after the zip is written.
    let wd = Workdir::new();
    let zip = zip_of(&[("bc-1.xlsx", &an_giang), ("bc-2.xlsx", &ca_mau)]);
    wd.write(
        "submissions/tong.zip",
        &renamed(zip, b"bc-2.xlsx", b"bc-1.xlsx"),
    );
    let out = wd.run_quarter("2020-Q1", &[]);
    assert_eq!(code(&out), 3, "{}", stderr(&out));
    let s = wd.summary("2020-Q1");
    assert_eq!(rules_for(&s, "tong.zip"), ["archive.refused"]);

    // `x/./a.xlsx` and `x/a.xlsx`: two entries, shown as two names.
    let wd = Workdir::new();
    wd.write(
        "submissions/tong.zip",
        &zip_of(&[("x/./a.xlsx", &an_giang), ("x/a.xlsx", &ca_mau)]),
    );
    let out = wd.run_quarter("2020-Q1", &[]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let s = wd.summary("2020-Q1");
    let mut files = vec![
        unit(&s, "T89")["file"].as_str().unwrap().to_string(),
        unit(&s, "T96")["file"].as_str().unwrap().to_string(),
    ];
    files.sort();
    assert_eq!(files, ["tong.zip/x/a (2).xlsx", "tong.zip/x/a.xlsx"]);
}

#[test]
fn a_file_reached_by_a_link_and_directly_is_read_once() {
    let wd = Workdir::new();
    Form::new("An Giang", "Quý I/2020", 1915, 654).save(&wd, "submissions/an-giang.xlsx");
    // Sorted before the file itself: the link must still not be the one read.
    std::os::unix::fs::symlink("an-giang.xlsx", wd.path("submissions/a-link.xlsx")).unwrap();
    let out = wd.run_quarter("2020-Q1", &[]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let s = wd.summary("2020-Q1");
    assert_eq!(unit(&s, "T89")["status"], "accepted");
    assert_eq!(unit(&s, "T89")["file"], "an-giang.xlsx");
    assert_eq!(rules_for(&s, "a-link.xlsx"), ["file.not_submission"]);
    let message = findings_on(&s, "a-link.xlsx")[0]["message"]
        .as_str()
        .unwrap();
    assert!(message.contains("“an-giang.xlsx”"), "{message}");
    assert_eq!(s["totals"]["files"]["total"], 2);
}

#[test]
fn decomposed_names_name_their_unit_and_never_look_like_composed_ones() {
    use unicode_normalization::UnicodeNormalization;
    let wd = Workdir::new();
    // As macOS saves them: "Đắk Lắk" and "Hà Nội" decomposed.
    let dak_lak: String = "Đắk Lắk".nfd().collect();
    let ha_noi: String = "bao-cao-Hà-Nội.xlsx".nfd().collect();
    assert_ne!(dak_lak, "Đắk Lắk");
    // A broken file: only its folder's name can say whose it is.
    wd.write(&format!("submissions/{dak_lak}/bc.xlsx"), b"not a workbook");
    // Two files whose names look alike, one composed, one not.
    wd.write(&format!("submissions/{ha_noi}"), b"not a workbook either");
    wd.write("submissions/bao-cao-Hà-Nội.xlsx", b"nor this");
    // A line separator in a name.
    wd.write("submissions/ghi\u{2028}chu.txt", b"x");
    let out = wd.run_quarter("2020-Q1", &[]);
    assert_eq!(code(&out), 3, "{}", stderr(&out));
    let s = wd.summary("2020-Q1");
    let dak_lak_file = "\\{NFD}Đắk Lắk/bc.xlsx";
    assert_eq!(
        rules_for(&s, dak_lak_file),
        ["file.unreadable", "unit.from_folder_name"],
        "{}",
        s["files"]
    );
    assert_eq!(unit(&s, "T66")["status"], "rejected");
    let names = file_names(&s);
    assert!(
        names.contains(&"bao-cao-Hà-Nội.xlsx".to_string()),
        "{names:?}"
    );
    assert!(
        names.contains(&"\\{NFD}bao-cao-Hà-Nội.xlsx".to_string()),
        "{names:?}"
    );
    assert!(
        names.contains(&"ghi\\u{2028}chu.txt".to_string()),
        "{names:?}"
    );
}

#[test]
fn a_workbook_carrying_another_workbook_inside_its_zip_says_so() {
    use std::io::Write;
    let wd = Workdir::new();
    let report = Form::new("An Giang", "Quý I/2020", 1915, 654).bytes();
    let hidden = Form::new("Cà Mau", "Quý I/2020", 2015, 300).bytes();
    let mut cursor = std::io::Cursor::new(report);
    {
        let mut zip = zip::ZipWriter::new_append(&mut cursor).unwrap();
        zip.start_file("bao-cao-x.xlsx", zip::write::SimpleFileOptions::default())
            .unwrap();
        zip.write_all(&hidden).unwrap();
        zip.finish().unwrap();
    }
    wd.write("submissions/an-giang.xlsx", cursor.get_ref());
    let out = wd.run_quarter("2020-Q1", &[]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let s = wd.summary("2020-Q1");
    assert_eq!(unit(&s, "T89")["status"], "accepted");
    assert_eq!(rules_for(&s, "an-giang.xlsx"), ["file.unread_entries"]);
    let message = findings_on(&s, "an-giang.xlsx")[0]["message"]
        .as_str()
        .unwrap();
    assert!(message.contains("“bao-cao-x.xlsx”"), "{message}");
    // The workbook inside is not read: its unit is missing, not accepted.
    assert_eq!(unit(&s, "T96")["status"], "missing");
}
