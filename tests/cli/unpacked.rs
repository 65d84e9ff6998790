//! Archives and e-mails read whole and bounded (issue #22): opened by the
//! reader processes, every entry of the central directory and every
//! attachment of a message saved without its closing boundary accounted
//! for, one budget for everything a run takes in, the job's own trouble
//! never charged to a unit, and dates that say "unknown" deciding nothing.

use crate::support::*;
use std::process::Command;

/// `dvctt run` of the first quarter of 2020 on `submissions`, into `reports`.
const RUN_Q1: [&str; 7] = [
    "run",
    "--quarter",
    "2020-Q1",
    "--submissions",
    "submissions",
    "--reports",
    "reports",
];

/// `zip` with its end record saying it holds `count` entries.
fn end_record_says(mut zip: Vec<u8>, count: u16) -> Vec<u8> {
    let end = zip
        .windows(4)
        .rposition(|w| w == b"PK\x05\x06")
        .expect("an end record");
    zip[end + 8..end + 10].copy_from_slice(&count.to_le_bytes());
    zip[end + 10..end + 12].copy_from_slice(&count.to_le_bytes());
    zip
}

/// A message as `eml_of` writes it, but saved without its closing
/// boundary, as some mail clients save it.
fn eml_unclosed(date: &str, attachments: &[(&str, &[u8])]) -> Vec<u8> {
    let text = String::from_utf8(eml_of(date, attachments)).expect("ascii");
    let closed = "------=_Part_0_1234567890--\r\n";
    assert!(text.ends_with(closed));
    text.as_bytes()[..text.len() - closed.len()].to_vec()
}

/// `dvctt args` run from `wd` through `sh`, `setup` first (a `ulimit`, a
/// mount), with `env` set.
fn through_sh(
    wd: &Workdir,
    setup: &str,
    env: &[(&str, &str)],
    args: &[&str],
) -> std::process::Output {
    let mut command = dvctt_command("sh");
    command
        .arg("-c")
        .arg(format!("{setup}\nexec \"$0\" \"$@\""))
        .arg(BIN)
        .args(args)
        .current_dir(wd.path(""))
        .env("RUST_LOG", "warn");
    for (key, value) in env {
        command.env(key, value);
    }
    command.output().expect("sh")
}

#[test]
fn issue_22_a_zip_whose_end_record_undercounts_loses_no_entry() {
    let wd = Workdir::new();
    let an_giang = Form::new("An Giang", "Quý I/2020", 1915, 654).bytes();
    let ha_noi = Form::new("Hà Nội", "Quý I/2020", 1818, 200).bytes();
    let zip = zip_of(&[("an-giang.xlsx", &an_giang), ("ha-noi.xlsx", &ha_noi)]);
    // `unzip -l` and Python's zipfile list both; the record says 1.
    wd.write("submissions/hai-don-vi.zip", &end_record_says(zip, 1));
    let out = wd.run_quarter("2020-Q1", &[]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let s = wd.summary("2020-Q1");
    assert_eq!(
        file_names(&s),
        [
            "hai-don-vi.zip",
            "hai-don-vi.zip/an-giang.xlsx",
            "hai-don-vi.zip/ha-noi.xlsx"
        ]
    );
    for code in ["T89", "T01"] {
        assert_eq!(unit(&s, code)["status"], "accepted", "{code}");
    }
    assert_eq!(
        rules_for(&s, "hai-don-vi.zip"),
        ["archive.opened", "archive.directory_mismatch"]
    );
    let said = message_for(&s, "hai-don-vi.zip", "archive.directory_mismatch");
    assert!(
        said.contains("khai 1 tệp") && said.contains("có 2"),
        "{said}"
    );
    assert!(message_for(&s, "hai-don-vi.zip", "archive.opened").contains("chứa 2 tệp"));
    // `check` sees the same two.
    let out = wd.run(&[
        "check",
        "--quarter",
        "2020-Q1",
        "submissions/hai-don-vi.zip",
    ]);
    assert_eq!(code(&out), 0, "{}", stdout(&out));
    assert!(
        stdout(&out).contains("hai-don-vi.zip/ha-noi.xlsx: HỢP LỆ"),
        "{}",
        stdout(&out)
    );
}

#[test]
fn issue_22_an_e_mail_without_its_closing_boundary_is_decoded_whole() {
    let wd = Workdir::new();
    let bac_ninh = Form::new("Bắc Ninh", "Quý I/2020", 1907, 135).bytes();
    let ca_mau = Form::new("Cà Mau", "Quý I/2020", 2015, 300).bytes();
    let ha_nam = Form::new("Hà Nam", "Quý I/2020", 1650, 120).bytes();
    let date = "Thu, 09 Apr 2020 08:00:00 +0700";
    wd.write(
        "submissions/bac-ninh.eml",
        &eml_unclosed(date, &[("bao-cao.xlsx", &bac_ninh)]),
    );
    // Two attachments, the last one unclosed: both decoded.
    wd.write(
        "submissions/hai-tep.eml",
        &eml_unclosed(date, &[("ha-nam.xlsx", &ha_nam), ("ca-mau.xlsx", &ca_mau)]),
    );
    let out = wd.run_quarter("2020-Q1", &[]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let s = wd.summary("2020-Q1");
    assert_eq!(verdict(&s, "bac-ninh.eml/bao-cao.xlsx"), "accepted");
    assert_eq!(unit(&s, "T27")["level4"], 135);
    assert_eq!(verdict(&s, "hai-tep.eml/ha-nam.xlsx"), "accepted");
    assert_eq!(verdict(&s, "hai-tep.eml/ca-mau.xlsx"), "accepted");
    assert_eq!(unit(&s, "T96")["level4"], 300);
    assert_eq!(unit(&s, "T35")["level4"], 120);
}

#[test]
fn issue_22_two_attachments_of_one_name_are_never_shown_alike() {
    let wd = Workdir::new();
    let report = Form::new("An Giang", "Quý I/2020", 1915, 654).bytes();
    // The second `bc.xlsx` must not take the name the third one has.
    wd.write(
        "thu.eml",
        &eml_of(
            "Thu, 09 Apr 2020 08:00:00 +0700",
            &[
                ("bc.xlsx", &report),
                ("bc (2).xlsx", b"ghi chu"),
                ("bc.xlsx", b"ghi chu khac"),
            ],
        ),
    );
    let out = wd.run(&["check", "--quarter", "2020-Q1", "thu.eml"]);
    let text = stdout(&out);
    let names: Vec<&str> = text
        .lines()
        .filter(|l| l.starts_with("thu.eml/"))
        .map(|l| l.split(": ").next().unwrap())
        .collect();
    assert_eq!(
        names,
        [
            "thu.eml/bc.xlsx",
            "thu.eml/bc (2).xlsx",
            "thu.eml/bc (3).xlsx"
        ],
        "{text}"
    );
}

#[test]
fn issue_22_no_temporary_space_is_the_job_s_trouble_never_a_unit_s() {
    let wd = Workdir::new();
    let report = Form::new("An Giang", "Quý I/2020", 1915, 654).bytes();
    wd.write("submissions/an-giang.zip", &zip_of(&[("bc.xlsx", &report)]));
    Form::new("Cà Mau", "Quý I/2020", 2015, 300).save(&wd, "submissions/ca-mau.xlsx");
    let args = RUN_Q1;
    // No $TMPDIR at all: exit 1, the path named, nothing written, the same
    // line on every run.
    let missing = wd.path("no-such-tmp");
    let missing = missing.to_str().unwrap();
    let first = through_sh(&wd, "", &[("TMPDIR", missing)], &args);
    assert_eq!(code(&first), 1, "{}", stderr(&first));
    let said = stderr(&first);
    assert!(
        said.contains(missing) && said.contains("không phải của đơn vị"),
        "{said}"
    );
    assert!(!wd.path("reports/2020-Q1").exists());
    let again = through_sh(&wd, "", &[("TMPDIR", missing)], &args);
    assert_eq!(stderr(&again), said);
    // `check` says the same.
    let out = through_sh(
        &wd,
        "",
        &[("TMPDIR", missing)],
        &["check", "--quarter", "2020-Q1", "submissions/an-giang.zip"],
    );
    assert_eq!(code(&out), 1, "{}", stderr(&out));
    assert!(!stdout(&out).contains("KHÔNG HỢP LỆ"), "{}", stdout(&out));
    // A $TMPDIR that is full: a file system of one page.
    let full = wd.folder("full-tmp");
    let full = full.to_str().unwrap();
    let mount = format!("mount -t tmpfs -o size=4k none '{full}' || exit 97");
    let out = Command::new("unshare")
        .args(["-Urm", "sh", "-c"])
        .arg(format!("{mount}\nexec \"$0\" \"$@\""))
        .arg(BIN)
        .args(args)
        .current_dir(wd.path(""))
        .env("RUST_LOG", "warn")
        .env("TMPDIR", full)
        .output()
        .expect("unshare (util-linux)");
    assert_eq!(code(&out), 1, "{}", stderr(&out));
    let said = stderr(&out);
    assert!(said.contains("No space left on device"), "{said}");
    assert!(said.contains(full), "{said}");
    assert!(!wd.path("reports/2020-Q1").exists());
    // With room, the same files give the report: An Giang accepted.
    let out = wd.run_quarter("2020-Q1", &[]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert_eq!(unit(&wd.summary("2020-Q1"), "T89")["status"], "accepted");
}

#[test]
fn issue_22_dates_that_say_unknown_decide_no_lateness() {
    let wd = Workdir::new();
    // Due 10/04/2020. No report dates: the dates around the file decide.
    let undated = |unit: &str, total: u64| {
        Form::new(unit, "Quý I/2020", total, 100)
            .without("Ngày báo cáo")
            .bytes()
    };
    // 25/04/2020 08:00 in Hà Nội: the time every container was saved.
    let saved = 1_587_776_400;
    let bare = wd.write("submissions/long-an.xlsx", &undated("Long An", 1798));
    set_modified(&bare, saved);
    // The same kind of file zipped by a tool that writes the zip format's
    // zero date: the zip's own time decides, as for the bare file.
    let zero = zip_saved_at(
        &[("bc.xlsx", &undated("An Giang", 1915))],
        (1980, 1, 1, 0, 0),
    );
    set_modified(&wd.write("submissions/an-giang.zip", &zero), saved);
    // Before the quarter began: unknown too.
    let early = zip_saved_at(&[("bc.xlsx", &undated("Cà Mau", 2015))], (2019, 6, 1, 9, 0));
    set_modified(&wd.write("submissions/ca-mau.zip", &early), saved);
    // E-mails dated 2000 and 2100: the file's own time decides.
    for (name, unit, date) in [
        (
            "bac-ninh.eml",
            "Bắc Ninh",
            "Sat, 01 Jan 2000 08:00:00 +0700",
        ),
        ("ha-nam.eml", "Hà Nam", "Fri, 01 Jan 2100 08:00:00 +0700"),
    ] {
        let eml = eml_of(date, &[("bc.xlsx", &undated(unit, 1650))]);
        set_modified(&wd.write(&format!("submissions/{name}"), &eml), saved);
    }
    let out = wd.on_day("2020-04-30", &RUN_Q1);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let s = wd.summary("2020-Q1");
    for (code, file, basis) in [
        ("T80", "long-an.xlsx", "file_modified"),
        ("T89", "an-giang.zip/bc.xlsx", "file_modified"),
        ("T96", "ca-mau.zip/bc.xlsx", "file_modified"),
        ("T27", "bac-ninh.eml/bc.xlsx", "file_modified"),
        ("T35", "ha-nam.eml/bc.xlsx", "file_modified"),
    ] {
        let got = unit(&s, code);
        assert_eq!(got["file"], file, "{code}");
        assert_eq!(got["timeliness"]["basis"], basis, "{code}");
        assert_eq!(got["timeliness"]["date"], "2020-04-25", "{code}");
        assert_eq!(got["timeliness"]["days_late"], 15, "{code}");
    }
    assert!(rules_for(&s, "long-an.xlsx").is_empty());
    for (file, says) in [
        ("an-giang.zip/bc.xlsx", "01/01/1980 00:00"),
        ("ca-mau.zip/bc.xlsx", "trước khi Quý I/2020 bắt đầu"),
        ("bac-ninh.eml/bc.xlsx", "01/01/2000"),
        ("ha-nam.eml/bc.xlsx", "sau ngày chạy tổng hợp"),
    ] {
        assert_eq!(rules_for(&s, file), ["file.implausible_time"], "{file}");
        let message = message_for(&s, file, "file.implausible_time");
        assert!(message.contains(says), "{file}: {message}");
    }
    assert!(
        message_for(&s, "ha-nam.eml", "archive.opened").contains("không được dùng"),
        "{}",
        message_for(&s, "ha-nam.eml", "archive.opened")
    );
    // A report that gives its own date says nothing of the zip's.
    let dated = Form::new("Hậu Giang", "Quý I/2020", 1700, 170).bytes();
    wd.write(
        "submissions/hau-giang.zip",
        &zip_saved_at(&[("bc.xlsx", &dated)], (1980, 1, 1, 0, 0)),
    );
    let out = wd.on_day("2020-04-30", &RUN_Q1);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let s = wd.summary("2020-Q1");
    assert!(rules_for(&s, "hau-giang.zip/bc.xlsx").is_empty());
    assert_eq!(unit(&s, "T93")["timeliness"]["basis"], "report_date");
}

/// A message with `bytes` of header lines before its attachment.
fn eml_with_headers(bytes: usize, attachment: &[u8]) -> Vec<u8> {
    let mut headers = String::with_capacity(bytes + 100);
    let mut i = 0;
    while headers.len() < bytes {
        headers.push_str(&format!("X-Tieu-De-{i}: {}\r\n", "a".repeat(60)));
        i += 1;
    }
    let body = eml_of(
        "Thu, 09 Apr 2020 08:00:00 +0700",
        &[("bc.xlsx", attachment)],
    );
    let mut message = headers.into_bytes();
    message.extend_from_slice(&body);
    message
}

#[test]
fn issue_22_an_e_mail_of_twenty_megabytes_of_headers_under_a_1g_address_space() {
    let wd = Workdir::new();
    let report = Form::new("Bắc Ninh", "Quý I/2020", 1907, 135).bytes();
    let eml = eml_with_headers(20_000_000, &report);
    assert!(eml.len() < 20 * 1024 * 1024, "within limits.max_file_bytes");
    wd.write("submissions/bac-ninh.eml", &eml);
    Form::new("Cà Mau", "Quý I/2020", 2015, 300).save(&wd, "submissions/ca-mau.xlsx");
    let started = std::time::Instant::now();
    let out = through_sh(&wd, "ulimit -v 1048576 || exit 97", &[], &RUN_Q1);
    assert!(started.elapsed() < std::time::Duration::from_secs(120));
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let s = wd.summary("2020-Q1");
    assert_eq!(unit(&s, "T96")["status"], "accepted");
    // Parsed by a reader, whose 1 GB it fits in: the attachment is read.
    assert_eq!(verdict(&s, "bac-ninh.eml/bc.xlsx"), "accepted");
    assert_eq!(unit(&s, "T27")["level4"], 135);
    // Under a reader's cap it does not fit in, only the e-mail is charged.
    wd.write("small.toml", b"[limits]\nmax_memory_bytes = 67108864\n");
    std::fs::remove_dir_all(wd.path("reports")).unwrap();
    let out = wd.run_quarter("2020-Q1", &["--config", "small.toml"]);
    assert_eq!(code(&out), 3, "{}", stderr(&out));
    let s = wd.summary("2020-Q1");
    assert_eq!(rules_for(&s, "bac-ninh.eml")[0], "file.too_large");
    assert_eq!(unit(&s, "T27")["status"], "rejected");
    assert_eq!(unit(&s, "T96")["status"], "accepted");
}

#[test]
fn issue_22_one_budget_counts_what_archives_hold() {
    let wd = Workdir::new();
    wd.write("limits.toml", b"[limits]\nmax_files = 10\n");
    let names: Vec<String> = (0..1000).map(|i| format!("ghi-chu-{i:04}.txt")).collect();
    let entries: Vec<(&str, &[u8])> = names.iter().map(|n| (n.as_str(), &b"x"[..])).collect();
    let notes = zip_of(&entries);
    wd.write("submissions/a.zip", &notes);
    wd.write("submissions/b-ha-noi.zip", &notes);
    let out = wd.run_quarter("2020-Q1", &["--config", "limits.toml"]);
    assert_eq!(code(&out), 3, "{}", stderr(&out));
    let s = wd.summary("2020-Q1");
    // Two zips and eight entries: ten items, never 2,002.
    assert_eq!(s["totals"]["files"]["total"], 10);
    assert_eq!(verdict(&s, "a.zip/ghi-chu-0007.txt"), "not_submission");
    assert_eq!(verdict(&s, "a.zip"), "rejected");
    let said = message_for(&s, "a.zip", "file.over_budget");
    assert!(
        said.contains("992 tệp")
            && said.contains("“a.zip/ghi-chu-0008.txt”")
            && said.contains("và 982 tệp khác"),
        "{said}"
    );
    // The second zip is named whole, and charged to the unit its name gives.
    assert_eq!(
        rules_for(&s, "b-ha-noi.zip")[..2],
        ["archive.opened", "file.over_budget"]
    );
    assert!(message_for(&s, "b-ha-noi.zip", "file.over_budget").contains("1.000 tệp"));
    assert_eq!(unit(&s, "T01")["status"], "rejected");
    // The folder's own files past the byte budget: no quarter's folder.
    wd.write("bytes.toml", b"[limits]\nmax_total_bytes = 10000\n");
    std::fs::remove_dir_all(wd.path("reports")).unwrap();
    let out = wd.run_quarter("2020-Q1", &["--config", "bytes.toml"]);
    assert_eq!(code(&out), 1, "{}", stderr(&out));
    assert!(
        stderr(&out).contains("limits.max_total_bytes"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn issue_22_seventy_zips_under_the_default_limits() {
    let wd = Workdir::new();
    // As attacked: 70 zips of 1,000 entries each, 70,070 items in all.
    let long = "ghi-chu-bo-sung-".repeat(8);
    let names: Vec<String> = (0..1000).map(|i| format!("{long}{i:04}.txt")).collect();
    let entries: Vec<(&str, &[u8])> = names.iter().map(|n| (n.as_str(), &b"x"[..])).collect();
    let zip = zip_of(&entries);
    for k in 0..70 {
        wd.write(&format!("submissions/bo-sung-{k:02}.zip"), &zip);
    }
    Form::new("Cà Mau", "Quý I/2020", 2015, 300).save(&wd, "submissions/ca-mau.xlsx");
    let args = RUN_Q1;
    let started = std::time::Instant::now();
    let out = through_sh(
        &wd,
        "ulimit -v 1048576 || exit 97",
        &[("DVCTT_TODAY", "2020-04-15")],
        &args,
    );
    let took = started.elapsed();
    assert_eq!(code(&out), 3, "{}", stderr(&out));
    assert!(took < std::time::Duration::from_secs(300), "{took:?}");
    let s = wd.summary("2020-Q1");
    // 10,000 items (limits.max_files): the 71 files of the folder and 9,929 entries.
    assert_eq!(s["totals"]["files"]["total"], 10_000);
    assert_eq!(unit(&s, "T96")["status"], "accepted");
    assert!(rules_for(&s, "bo-sung-69.zip").contains(&"file.over_budget".to_string()));
    // What the job wrote it reads back: verify, and the next quarter.
    let out = through_sh(
        &wd,
        "",
        &[("DVCTT_TODAY", "2020-04-15")],
        &[
            "verify",
            "--quarter",
            "2020-Q1",
            "--submissions",
            "submissions",
            "--reports",
            "reports",
        ],
    );
    assert_eq!(code(&out), 0, "{}{}", stdout(&out), stderr(&out));
    assert!(stdout(&out).contains("KHỚP"), "{}", stdout(&out));
    Form::new("Cà Mau", "Quý II/2020", 2020, 310).save(&wd, "q2/ca-mau.xlsx");
    let out = wd.run(&[
        "run",
        "--quarter",
        "2020-Q2",
        "--submissions",
        "q2",
        "--reports",
        "reports",
    ]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert!(
        !stdout(&out).contains("không dùng làm số liệu kỳ trước"),
        "{}",
        stdout(&out)
    );
    assert_eq!(
        unit(&wd.summary("2020-Q2"), "T96")["previous"]["level4"],
        300
    );
}
