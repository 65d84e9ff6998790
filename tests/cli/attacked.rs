//! Inputs an attacker built to crash a run, stop its report, or lose a
//! submission (the hardening notes): each is answered by a finding, and the
//! rest of the quarter is reported.

use crate::support::*;

fn findings_on<'a>(s: &'a serde_json::Value, file: &str) -> Vec<&'a serde_json::Value> {
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
    let rules: Vec<_> = findings_on(&s, "thu-long.eml")
        .iter()
        .map(|f| f["rule"].as_str().unwrap().to_string())
        .collect();
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

fn file_names(s: &serde_json::Value) -> Vec<String> {
    s["files"]
        .as_array()
        .expect("files")
        .iter()
        .map(|f| f["file"].as_str().expect("name").to_string())
        .collect()
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
fn a_lock_that_is_a_link_a_pipe_or_a_folder_stops_the_run_and_writes_nothing_through_it() {
    let form = Form::new("An Giang", "Quý I/2020", 1915, 654).bytes();
    for what in ["link", "pipe", "folder"] {
        let wd = Workdir::new();
        wd.write("submissions/ag.xlsx", &form);
        let precious = wd.write("precious.txt", b"do not touch\n");
        let lock = wd.folder("reports").join(".dvctt.lock");
        match what {
            "link" => std::os::unix::fs::symlink(&precious, &lock).unwrap(),
            "pipe" => assert!(
                std::process::Command::new("mkfifo")
                    .arg(&lock)
                    .status()
                    .unwrap()
                    .success()
            ),
            _ => std::fs::create_dir(&lock).unwrap(),
        }
        let out = wd.run_quarter("2020-Q1", &[]);
        assert_eq!(code(&out), 1, "{what}: {}", stderr(&out));
        let err = stderr(&out);
        assert!(
            err.contains("không phải một tệp thường") && err.contains(".dvctt.lock"),
            "{what}: {err}"
        );
        assert_eq!(err.trim().lines().count(), 1, "{what}: {err}");
        assert_eq!(std::fs::read(&precious).unwrap(), b"do not touch\n");
        assert!(!wd.path("reports/2020-Q1").exists(), "{what}");
    }
}

fn rules_of(s: &serde_json::Value, file: &str) -> Vec<String> {
    findings_on(s, file)
        .iter()
        .map(|f| f["rule"].as_str().unwrap().to_string())
        .collect()
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
    assert_eq!(rules_of(&s, "tong.zip/a.zip"), ["archive.opened"]);
    assert_eq!(rules_of(&s, "tong.zip/b.zip"), ["archive.opened"]);
    assert_eq!(rules_of(&s, "tong.zip/c.zip"), ["archive.refused"]);
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
        rules_of(&s, "tong.zip/a.zip"),
        ["archive.opened"],
        "{}",
        stderr(&out)
    );
    assert_eq!(rules_of(&s, "tong.zip/b.zip"), ["archive.refused"]);
    let message = findings_on(&s, "tong.zip/b.zip")[0]["message"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(
        message.contains("600") && message.contains("398"),
        "{message}"
    );
}

fn mkfifo(path: &std::path::Path) {
    let made = std::process::Command::new("mkfifo").arg(path).status();
    assert!(made.unwrap().success());
}

/// The run's output, or a failure if it has not ended within a minute (it
/// would wait on a pipe forever).
fn run_within_a_minute(wd: &Workdir, extra: &[&str]) -> std::process::Output {
    use wait_timeout::ChildExt;
    let mut child = wd
        .quarter_command(std::path::Path::new(BIN), "2020-Q1", extra)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let ended = child
        .wait_timeout(std::time::Duration::from_secs(60))
        .unwrap();
    if ended.is_none() {
        child.kill().unwrap();
        child.wait().unwrap();
        panic!("the run waited on a pipe in the reports folder");
    }
    child.wait_with_output().unwrap()
}

#[test]
fn pipes_in_the_reports_folder_never_hang_a_run() {
    let form = Form::new("An Giang", "Quý I/2020", 1915, 654).bytes();
    for extra in [&[][..], &["--dry-run"][..]] {
        let wd = Workdir::new();
        wd.write("submissions/ag.xlsx", &form);
        // The report in place's summary, and the quarter before's.
        mkfifo(&wd.folder("reports/2020-Q1").join("summary.json"));
        mkfifo(&wd.folder("reports/2019-Q4").join("summary.json"));
        let out = run_within_a_minute(&wd, extra);
        assert_eq!(code(&out), 0, "{extra:?}: {}", stderr(&out));
        if extra.is_empty() {
            // The pipe is the replaced report's: archived, never read.
            assert_eq!(unit(&wd.summary("2020-Q1"), "T89")["status"], "accepted");
        }
    }
    // The reviewer's list of accepted figures, a file the operator keeps:
    // one that cannot be read is exit 2, at once.
    let wd = Workdir::new();
    wd.write("submissions/ag.xlsx", &form);
    mkfifo(&wd.folder("reports").join("unusual-accepted.txt"));
    let out = run_within_a_minute(&wd, &[]);
    assert_eq!(code(&out), 2, "{}", stderr(&out));
    assert!(
        stderr(&out).contains("không phải tệp thông thường"),
        "{}",
        stderr(&out)
    );
}

/// `zip` with every entry's DOS date and time zeroed (month 0: no date), as
/// some tools write it: in the local headers and the central directory.
fn without_dos_dates(mut zip: Vec<u8>) -> Vec<u8> {
    let mut i = 0;
    while i + 4 <= zip.len() {
        match &zip[i..i + 4] {
            b"PK\x03\x04" => zip[i + 10..i + 14].fill(0),
            b"PK\x01\x02" => zip[i + 12..i + 16].fill(0),
            _ => {}
        }
        i += 1;
    }
    zip
}

// 2020-04-05 10:00 in Hà Nội (03:00 UTC): before the 10/04 deadline.
const APRIL_5: u64 = 1_586_055_600;

#[test]
fn an_extracted_workbook_with_no_date_of_its_own_takes_its_container_s_time() {
    let wd = Workdir::new();
    let long_an = Form::new("Long An", "Quý I/2020", 1798, 179)
        .without("Ngày báo cáo")
        .bytes();
    let zip = wd.write(
        "submissions/long-an.zip",
        &without_dos_dates(zip_of(&[("bc.xlsx", &long_an)])),
    );
    set_modified(&zip, APRIL_5);
    let ca_mau = Form::new("Cà Mau", "Quý I/2020", 2015, 300)
        .without("Ngày báo cáo")
        .bytes();
    let eml = wd.write(
        "submissions/ca-mau.eml",
        &eml_of("khong phai ngay", &[("bc.xlsx", &ca_mau)]),
    );
    set_modified(&eml, APRIL_5);
    let out = wd.run_quarter("2020-Q1", &[]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let s = wd.summary("2020-Q1");
    for code in ["T80", "T96"] {
        let got = &unit(&s, code)["timeliness"];
        // The container's time, never the extraction's (today).
        assert_eq!(got["basis"], "file_modified", "{code}");
        assert_eq!(got["date"], "2020-04-05", "{code}");
        assert_eq!(got["days_late"], 0, "{code}");
    }
}

#[test]
fn two_reports_equal_in_every_date_are_settled_by_name_and_not_called_later() {
    let wd = Workdir::new();
    let form = Form::new("An Giang", "Quý I/2020", 1915, 654).without("Ngày báo cáo");
    let first = form.save(&wd, "submissions/an-giang-1.xlsx");
    let second = form.save(&wd, "submissions/an-giang-2.xlsx");
    set_modified(&first, APRIL_5);
    set_modified(&second, APRIL_5);
    let out = wd.run_quarter("2020-Q1", &[]);
    assert_eq!(code(&out), 3, "{}", stderr(&out));
    let s = wd.summary("2020-Q1");
    // The names decide: the later name is used.
    assert_eq!(unit(&s, "T89")["file"], "an-giang-2.xlsx");
    let loser = findings_on(&s, "an-giang-1.xlsx");
    let message = loser
        .iter()
        .find(|f| f["rule"] == "unit.duplicate")
        .expect("unit.duplicate")["message"]
        .as_str()
        .unwrap();
    assert!(!message.contains("(gửi sau)"), "{message}");
    assert!(message.contains("chọn theo tên tệp"), "{message}");
}

#[test]
fn a_file_s_time_is_judged_in_vietnam_time_whatever_the_machine_s_zone() {
    // 2020-04-10 20:00 UTC is 03:00 on the 11th in Hà Nội: a day late.
    let modified = 1_586_548_800;
    let form = Form::new("An Giang", "Quý I/2020", 1915, 654).without("Ngày báo cáo");
    let mut summaries = Vec::new();
    for zone in ["UTC", "Asia/Ho_Chi_Minh", "America/Los_Angeles"] {
        let wd = Workdir::new();
        let file = form.save(&wd, "submissions/an-giang.xlsx");
        set_modified(&file, modified);
        let out = wd
            .quarter_command(std::path::Path::new(BIN), "2020-Q1", &[])
            .env("TZ", zone)
            .output()
            .unwrap();
        assert_eq!(code(&out), 0, "{zone}: {}", stderr(&out));
        let s = wd.summary("2020-Q1");
        let got = &unit(&s, "T89")["timeliness"];
        assert_eq!(got["basis"], "file_modified", "{zone}");
        assert_eq!(got["date"], "2020-04-11", "{zone}");
        assert_eq!(got["days_late"], 1, "{zone}");
        summaries.push(std::fs::read(wd.path("reports/2020-Q1/summary.json")).unwrap());
    }
    assert_eq!(summaries[0], summaries[1]);
    assert_eq!(summaries[0], summaries[2]);
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
        assert_eq!(rules_of(&s, "tong-hop.zip"), ["archive.opened"], "{stray}");
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
        rules_of(&s, "bao-cao-bac-ninh.dat"),
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
    assert_eq!(rules_of(&s, "tong.zip"), ["archive.refused"]);

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
    assert_eq!(rules_of(&s, "a-link.xlsx"), ["file.not_submission"]);
    let message = findings_on(&s, "a-link.xlsx")[0]["message"]
        .as_str()
        .unwrap();
    assert!(message.contains("“an-giang.xlsx”"), "{message}");
    assert_eq!(s["totals"]["files"]["total"], 2);
}

#[test]
fn a_file_left_under_a_temporary_folder_s_name_is_moved_aside_not_blocking() {
    let wd = Workdir::new();
    Form::new("An Giang", "Quý I/2020", 1915, 654).save(&wd, "submissions/ag.xlsx");
    wd.write("reports/.dvctt-2020-Q1.new", b"someone's file");
    let out = wd.run_logging(
        &[
            "run",
            "--quarter",
            "2020-Q1",
            "--submissions",
            "submissions",
            "--reports",
            "reports",
        ],
        "warn",
    );
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert!(stderr(&out).contains("moved aside"), "{}", stderr(&out));
    assert_eq!(
        std::fs::read(wd.path("reports/.dvctt-2020-Q1.new.bo-qua-1")).unwrap(),
        b"someone's file"
    );
    assert_eq!(unit(&wd.summary("2020-Q1"), "T89")["status"], "accepted");
}

#[test]
fn a_baseline_that_cannot_be_read_is_a_warning_when_found_and_exit_1_when_named() {
    let form = Form::new("An Giang", "Quý I/2020", 1915, 654);
    for what in ["damaged", "pipe", "folder"] {
        let make = |path: &std::path::Path| match what {
            "damaged" => std::fs::write(path, b"PK\x03\x04 cut short").unwrap(),
            "pipe" => mkfifo(path),
            _ => std::fs::create_dir(path).unwrap(),
        };
        // Found on its own under reports/: a warning, the run goes on.
        let wd = Workdir::new();
        form.save(&wd, "submissions/ag.xlsx");
        make(&wd.folder("reports/2019-Q4").join("baseline.xlsx"));
        let out = run_within_a_minute(&wd, &[]);
        assert_eq!(code(&out), 0, "{what}: {}", stderr(&out));
        assert!(
            stdout(&out).contains("CẢNH BÁO: không dùng làm số liệu kỳ trước"),
            "{what}: {}",
            stdout(&out)
        );
        assert_eq!(wd.summary("2020-Q1")["baseline"], serde_json::Value::Null);
        // Named by the operator: exit 1, no report.
        let wd = Workdir::new();
        form.save(&wd, "submissions/ag.xlsx");
        make(&wd.path("truoc.xlsx"));
        let out = run_within_a_minute(&wd, &["--baseline", "truoc.xlsx"]);
        assert_eq!(code(&out), 1, "{what}: {}", stderr(&out));
        assert!(
            stderr(&out).contains("truoc.xlsx"),
            "{what}: {}",
            stderr(&out)
        );
        assert!(!wd.path("reports/2020-Q1").exists(), "{what}");
    }
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
        rules_of(&s, dak_lak_file),
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
fn what_bears_an_output_s_name_but_was_not_written_by_the_job_is_archived_not_deleted() {
    let wd = Workdir::new();
    Form::new("An Giang", "Quý I/2020", 1915, 654).save(&wd, "submissions/ag.xlsx");
    // Someone's folder named summary.json, with a note inside, and a link
    // named like the lagging list, in the quarter's folder before any run.
    wd.write("reports/2020-Q1/summary.json/ghi-chu.txt", b"note");
    let target = wd.write("elsewhere/ds.xlsx", b"someone's list");
    std::os::unix::fs::symlink(&target, wd.path("reports/2020-Q1/don-vi-cham-2020-Q1.xlsx"))
        .unwrap();
    let out = wd.run_quarter("2020-Q1", &[]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert_eq!(unit(&wd.summary("2020-Q1"), "T89")["status"], "accepted");
    let kept = wd.path("reports/2020-Q1/truoc/1");
    assert_eq!(
        std::fs::read(kept.join("summary.json/ghi-chu.txt")).unwrap(),
        b"note"
    );
    let link = kept.join("don-vi-cham-2020-Q1.xlsx");
    assert!(std::fs::symlink_metadata(&link).unwrap().is_symlink());
    assert_eq!(std::fs::read_link(&link).unwrap(), target);
    // Never written through: the link's target is as it was.
    assert_eq!(std::fs::read(&target).unwrap(), b"someone's list");
}
