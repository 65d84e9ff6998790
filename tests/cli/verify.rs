//! The run manifest and `dvctt verify` (#13 points 1-2): which bytes a
//! report was made from, and whether the report in place is still exactly
//! what those files give.

use crate::attacked::findings_on;
use crate::support::*;
use std::path::Path;

const TODAY: &str = "2020-04-15";

/// SHA-256 by the system's own tool, not by the program's code.
fn sha256sum(path: &Path) -> String {
    let out = std::process::Command::new("sha256sum")
        .arg(path)
        .output()
        .expect("sha256sum");
    String::from_utf8(out.stdout).unwrap()[..64].to_string()
}

fn manifest(wd: &Workdir) -> serde_json::Value {
    let bytes = std::fs::read(wd.path("reports/2020-Q1/manifest.json")).expect("manifest.json");
    serde_json::from_slice(&bytes).unwrap()
}

/// Two units (An Giang, Bộ Công an), a 2019-Q4 report run first so 2020-Q1
/// has a baseline, and a 2020-Q1 folder as operators fill it: a workbook, a
/// zip a ministry sent its report in, a cover letter.
fn quarter_with_history(wd: &Workdir) {
    small_roster(wd);
    let q4 = |unit: &str, total, level4| {
        Form::new(unit, "Quý IV/2019", total, level4).set("Ngày báo cáo", t("06/01/2020"))
    };
    q4("An Giang", 1800, 400).write_to(&wd.path("q4/an-giang.xlsx"));
    q4("Bộ Công an", 300, 90).write_to(&wd.path("q4/bca.xlsx"));
    let out = wd.on_day(
        "2020-01-15",
        &["run", "--quarter", "2019-Q4", "--submissions", "q4"],
    );
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    Form::new("An Giang", "Quý I/2020", 1850, 430).write_to(&wd.path("submissions/an-giang.xlsx"));
    let bca = Form::new("Bộ Công an", "Quý I/2020", 310, 95).bytes();
    wd.write(
        "submissions/bo-cong-an.zip",
        &zip_of(&[("bao-cao-quy-1.xlsx", &bca)]),
    );
    wd.write("submissions/cong-van.pdf", b"%PDF-1.4\n%cover letter\n");
    wd.write(
        "reports/unusual-accepted.txt",
        b"2020-Q1 T89 decree cut procedures\n",
    );
}

fn run(wd: &Workdir, day: &str) -> std::process::Output {
    wd.on_day(
        day,
        &[
            "run",
            "--quarter",
            "2020-Q1",
            "--submissions",
            "submissions",
        ],
    )
}

fn verify(wd: &Workdir) -> std::process::Output {
    // The clock's date, not the run's: verify must take the recorded one.
    wd.run(&[
        "verify",
        "--quarter",
        "2020-Q1",
        "--submissions",
        "submissions",
    ])
}

#[test]
fn the_manifest_records_every_input_and_output_with_its_sha256() {
    let wd = Workdir::new();
    quarter_with_history(&wd);
    let out = run(&wd, TODAY);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let m = manifest(&wd);
    assert_eq!(m["manifest_version"], 1);
    assert_eq!(m["ruleset_version"], 6);
    assert_eq!(m["dvctt_version"], env!("CARGO_PKG_VERSION"));
    assert_eq!(m["quarter"], "2020-Q1");
    assert_eq!(m["run_date"], TODAY);
    // Every file of the folder, in name order, as the file system has it.
    let files = m["submissions"].as_array().unwrap();
    let names: Vec<&str> = files.iter().map(|f| f["name"].as_str().unwrap()).collect();
    assert_eq!(names, ["an-giang.xlsx", "bo-cong-an.zip", "cong-van.pdf"]);
    for f in files {
        let path = wd.path(&format!("submissions/{}", f["name"].as_str().unwrap()));
        assert_eq!(f["sha256"], sha256sum(&path), "{f}");
        assert_eq!(f["size"], std::fs::metadata(&path).unwrap().len(), "{f}");
    }
    assert_eq!(files[0]["verdict"], "accepted");
    assert_eq!(files[0]["unit"], "T89");
    // The zip is not itself a report; what it held is, charged to the ministry.
    assert_eq!(files[1]["verdict"], "not_submission");
    let entries = files[1]["entries"].as_array().unwrap();
    assert_eq!(entries.len(), 1, "{entries:?}");
    assert_eq!(entries[0]["name"], "bo-cong-an.zip/bao-cao-quy-1.xlsx");
    assert_eq!(entries[0]["verdict"], "accepted");
    assert_eq!(entries[0]["unit"], "BCA");
    assert_eq!(files[2]["verdict"], "not_submission");
    assert!(files[2]["unit"].is_null());
    // Every file has a report date: no modification time is an input.
    assert!(files.iter().all(|f| f.get("modified").is_none()));
    // The previous quarter and the reviewer's file, relative to reports/.
    let inputs = m["reports_inputs"].as_array().unwrap();
    assert_eq!(inputs.len(), 2, "{inputs:?}");
    assert_eq!(inputs[0]["role"], "baseline");
    assert_eq!(inputs[0]["path"], "2019-Q4/summary.json");
    assert_eq!(
        inputs[0]["sha256"],
        sha256sum(&wd.path("reports/2019-Q4/summary.json"))
    );
    assert_eq!(inputs[1]["role"], "acceptances");
    assert_eq!(inputs[1]["path"], "unusual-accepted.txt");
    assert_eq!(
        inputs[1]["sha256"],
        sha256sum(&wd.path("reports/unusual-accepted.txt"))
    );
    // The settings: two files given, the wording and the letter built in.
    let settings = m["settings"].as_array().unwrap();
    let roles: Vec<&str> = settings
        .iter()
        .map(|s| s["role"].as_str().unwrap())
        .collect();
    assert_eq!(roles, ["config", "letter", "roster", "wording"]);
    let role = |r: &str| settings.iter().find(|s| s["role"] == r).unwrap();
    assert_eq!(role("config")["path"], "dvctt.toml");
    assert_eq!(role("config")["sha256"], sha256sum(&wd.path("dvctt.toml")));
    assert_eq!(role("roster")["path"], "roster.toml");
    assert_eq!(role("roster")["sha256"], sha256sum(&wd.path("roster.toml")));
    for (built_in, shipped) in [("wording", "wording.toml"), ("letter", "cong-van.j2")] {
        let s = role(built_in);
        assert_eq!(s["built_in"], true, "{s}");
        assert!(s["path"].is_null(), "{s}");
        let copy = Path::new(REPO).join("templates").join(shipped);
        assert_eq!(s["sha256"], sha256sum(&copy), "{s}");
    }
    // Every other file of the report, by the bytes on disk.
    let outputs = m["outputs"].as_array().unwrap();
    // The files of the feedback folder by their path inside the report.
    let mut written: Vec<String> = Vec::new();
    for entry in std::fs::read_dir(wd.path("reports/2020-Q1")).unwrap() {
        let entry = entry.unwrap();
        let name = entry.file_name().into_string().unwrap();
        if entry.file_type().unwrap().is_dir() {
            for inner in std::fs::read_dir(entry.path()).unwrap() {
                let inner = inner.unwrap().file_name().into_string().unwrap();
                written.push(format!("{name}/{inner}"));
            }
        } else if name != "manifest.json" {
            written.push(name);
        }
    }
    written.sort();
    let names: Vec<&str> = outputs
        .iter()
        .map(|o| o["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, written);
    for o in outputs {
        let path = wd.path(&format!("reports/2020-Q1/{}", o["name"].as_str().unwrap()));
        assert_eq!(o["sha256"], sha256sum(&path), "{o}");
        assert_eq!(o["size"], std::fs::metadata(&path).unwrap().len(), "{o}");
    }
    // Nothing of this machine: no absolute path anywhere.
    let text = std::fs::read_to_string(wd.path("reports/2020-Q1/manifest.json")).unwrap();
    assert!(!text.contains(wd.path("").to_str().unwrap()), "{text}");
    assert!(!text.contains("\"/"), "{text}");
}

#[test]
fn a_rerun_writes_the_same_manifest_and_another_day_keeps_the_report_in_place() {
    let wd = Workdir::new();
    quarter_with_history(&wd);
    assert_eq!(code(&run(&wd, TODAY)), 0);
    let first = std::fs::read(wd.path("reports/2020-Q1/manifest.json")).unwrap();
    let out = run(&wd, "2020-05-02");
    assert!(
        stdout(&out).contains("giống hệt từng byte"),
        "{}",
        stdout(&out)
    );
    let again = std::fs::read(wd.path("reports/2020-Q1/manifest.json")).unwrap();
    assert!(first == again, "the manifest changed on a rerun");
    assert!(!wd.path("reports/2020-Q1/truoc").exists());
    // A real change on a later day is a new report, made on that day.
    wd.write("submissions/cong-van-2.pdf", b"%PDF-1.4\n%second letter\n");
    assert_eq!(code(&run(&wd, "2020-05-02")), 0);
    assert_eq!(manifest(&wd)["run_date"], "2020-05-02");
    // The replaced report keeps its own manifest beside it.
    let kept = wd.path("reports/2020-Q1/truoc/1/manifest.json");
    assert!(std::fs::read(kept).unwrap() == first);
}

#[test]
fn verify_passes_untouched_and_names_each_input_changed_added_or_removed() {
    let wd = Workdir::new();
    quarter_with_history(&wd);
    assert_eq!(code(&run(&wd, TODAY)), 0);
    let out = verify(&wd);
    assert_eq!(code(&out), 0, "{}{}", stdout(&out), stderr(&out));
    assert!(
        stdout(&out).contains("KHỚP: báo cáo đang có đúng từng byte"),
        "{}",
        stdout(&out)
    );
    assert!(
        stdout(&out).contains("ngày chạy 15/04/2020"),
        "{}",
        stdout(&out)
    );

    // One submission replaced by a corrected one.
    Form::new("An Giang", "Quý I/2020", 1850, 600).write_to(&wd.path("submissions/an-giang.xlsx"));
    let out = verify(&wd);
    assert_eq!(code(&out), 3, "{}{}", stdout(&out), stderr(&out));
    let text = stdout(&out);
    assert!(
        text.contains("đã thay đổi: tệp báo cáo “an-giang.xlsx”"),
        "{text}"
    );
    assert!(text.contains("KHÔNG KHỚP"), "{text}");
    // The figures changed, so the rerun's workbook is not the one in place.
    assert!(text.contains("tong-hop-2020-Q1.xlsx: tính lại"), "{text}");
    assert!(!text.contains("bo-cong-an.zip"), "{text}");

    // Accepted by a new run; then a file added.
    assert_eq!(code(&run(&wd, TODAY)), 0);
    assert_eq!(code(&verify(&wd)), 0);
    wd.write("submissions/ghi-chu.pdf", b"%PDF-1.4\n%a note\n");
    let out = verify(&wd);
    assert_eq!(code(&out), 3, "{}", stdout(&out));
    assert!(
        stdout(&out).contains("thêm mới: tệp báo cáo “ghi-chu.pdf”"),
        "{}",
        stdout(&out)
    );
    std::fs::remove_file(wd.path("submissions/ghi-chu.pdf")).unwrap();
    assert_eq!(code(&verify(&wd)), 0);

    // One removed.
    std::fs::remove_file(wd.path("submissions/cong-van.pdf")).unwrap();
    let out = verify(&wd);
    assert_eq!(code(&out), 3, "{}", stdout(&out));
    assert!(
        stdout(&out).contains("đã bị xóa: tệp báo cáo “cong-van.pdf”"),
        "{}",
        stdout(&out)
    );

    // An input of the reports folder: the reviewer's file edited.
    wd.write("submissions/cong-van.pdf", b"%PDF-1.4\n%cover letter\n");
    assert_eq!(code(&verify(&wd)), 0);
    wd.write(
        "reports/unusual-accepted.txt",
        b"2020-Q1 T89 decree\n2020-Q1 BCA\n",
    );
    let out = verify(&wd);
    assert_eq!(code(&out), 3, "{}", stdout(&out));
    assert!(
        stdout(&out).contains(
            "đã thay đổi: tệp xác nhận thay đổi bất thường “<thư mục báo cáo>/unusual-accepted.txt”"
        ),
        "{}",
        stdout(&out)
    );
}

#[test]
fn verify_names_an_output_edited_after_the_run() {
    let wd = Workdir::new();
    quarter_with_history(&wd);
    assert_eq!(code(&run(&wd, TODAY)), 0);
    // Someone opens the lagging list and saves it again, one byte changed.
    let path = wd.path("reports/2020-Q1/don-vi-cham-2020-Q1.xlsx");
    let mut bytes = std::fs::read(&path).unwrap();
    let last = bytes.len() - 1;
    bytes[last] ^= 0x20;
    std::fs::write(&path, &bytes).unwrap();
    let out = verify(&wd);
    assert_eq!(code(&out), 3, "{}{}", stdout(&out), stderr(&out));
    let text = stdout(&out);
    assert!(
        text.contains("don-vi-cham-2020-Q1.xlsx: tệp đang có khác bản ghi trong manifest.json"),
        "{text}"
    );
    assert!(text.contains("cho kết quả khác tệp đang có"), "{text}");
    // No input changed, and the other outputs are as recorded.
    assert!(!text.contains("Tệp đầu vào khác"), "{text}");
    assert!(!text.contains("tong-hop"), "{text}");
    assert!(!text.contains("summary.json"), "{text}");
    // An output gone is named too.
    std::fs::remove_file(wd.path("reports/2020-Q1/summary.json")).unwrap();
    let out = verify(&wd);
    assert_eq!(code(&out), 3);
    assert!(
        stdout(&out).contains("summary.json: không còn trong thư mục báo cáo"),
        "{}",
        stdout(&out)
    );
}

#[test]
fn verify_cannot_tell_without_a_manifest_it_can_read() {
    let wd = Workdir::new();
    quarter_with_history(&wd);
    // No report of the quarter at all.
    let out = verify(&wd);
    assert_eq!(code(&out), 1, "{}", stdout(&out));
    assert!(
        stderr(&out).contains("không có reports/2020-Q1/manifest.json"),
        "{}",
        stderr(&out)
    );
    assert_eq!(code(&run(&wd, TODAY)), 0);
    let path = wd.path("reports/2020-Q1/manifest.json");
    let cases: [(&dyn Fn(), &str); 4] = [
        (
            &|| std::fs::write(&path, b"{\"manifest_version\": 1, \"quart").unwrap(),
            "không phải JSON hợp lệ",
        ),
        (
            &|| std::fs::write(&path, b"{\"manifest_version\": 7}").unwrap(),
            "phiên bản manifest 7, chương trình này chỉ đọc phiên bản 1",
        ),
        (
            &|| std::fs::write(&path, b"[1, 2]").unwrap(),
            "không có trường manifest_version",
        ),
        (
            // Sparse, nothing on disk: one byte more than a manifest of
            // `limits.max_files` (10,000) items at 16 KiB each can be.
            &|| {
                std::fs::File::create(&path)
                    .unwrap()
                    .set_len(10_000 * (16 << 10) + 1)
                    .unwrap()
            },
            "lớn hơn giới hạn",
        ),
    ];
    for (make, said) in cases {
        make();
        let out = verify(&wd);
        assert_eq!(code(&out), 1, "{said}: {}", stdout(&out));
        let err = stderr(&out);
        assert!(err.contains(said), "{said}: {err}");
        assert!(err.contains("không kết luận được"), "{err}");
        assert!(!err.contains("panicked"), "{err}");
        assert_eq!(err.lines().count(), 1, "{err}");
    }
    // The manifest of another quarter put in this one's place.
    std::fs::remove_file(&path).unwrap();
    assert_eq!(code(&run(&wd, TODAY)), 0);
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(
        &path,
        text.replace("\"quarter\": \"2020-Q1\"", "\"quarter\": \"2019-Q4\""),
    )
    .unwrap();
    let out = verify(&wd);
    assert_eq!(code(&out), 1);
    assert!(
        stderr(&out).contains("ghi quý '2019-Q4'"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn a_file_judged_by_its_modification_time_records_it_and_verify_sees_it_change() {
    let wd = Workdir::new();
    quarter_with_history(&wd);
    let undated = wd.path("submissions/an-giang.xlsx");
    Form::new("An Giang", "Quý I/2020", 1850, 430)
        .without("Ngày báo cáo")
        .write_to(&undated);
    // 2020-04-09 20:30 UTC is 2020-04-10 03:30 in Vietnam.
    set_modified(&undated, 1_586_464_200);
    assert_eq!(code(&run(&wd, TODAY)), 0);
    let m = manifest(&wd);
    assert_eq!(m["submissions"][0]["modified"], "2020-04-10T03:30:00+07:00");
    assert_eq!(code(&verify(&wd)), 0);
    // Saved again a day later, same bytes: a day late now.
    set_modified(&undated, 1_586_464_200 + 86_400);
    let out = verify(&wd);
    assert_eq!(code(&out), 3, "{}", stdout(&out));
    assert!(
        stdout(&out).contains("đã thay đổi thời điểm sửa tệp: tệp báo cáo “an-giang.xlsx”"),
        "{}",
        stdout(&out)
    );
}

/// Two reports of one unit with the same report date are settled by the
/// files' times (attacker review: a `touch` changed the figures used and the
/// manifest had not recorded the times, so verify named no input).
#[test]
fn two_reports_of_one_date_record_the_times_that_settled_them() {
    let wd = Workdir::new();
    quarter_with_history(&wd);
    std::fs::remove_file(wd.path("submissions/an-giang.xlsx")).unwrap();
    let a = wd.path("submissions/an-giang-a.xlsx");
    let b = wd.path("submissions/an-giang-b.xlsx");
    Form::new("An Giang", "Quý I/2020", 1850, 430).write_to(&a);
    Form::new("An Giang", "Quý I/2020", 1850, 520).write_to(&b);
    set_modified(&a, 1_586_464_200 + 3_600);
    set_modified(&b, 1_586_464_200);
    assert_eq!(code(&run(&wd, TODAY)), 3);
    // The same report date: a, saved an hour after b, is used, and the
    // finding says why.
    let s = wd.summary("2020-Q1");
    assert_eq!(unit(&s, "T89")["level4"], 430);
    assert!(
        findings_on(&s, "an-giang-b.xlsx")
            .iter()
            .any(|f| f["message"]
                .as_str()
                .unwrap()
                .contains("(cùng ngày báo cáo, tệp này được lưu sau)")),
        "{s}"
    );
    let m = manifest(&wd);
    let recorded: Vec<_> = m["submissions"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["name"].as_str().unwrap().starts_with("an-giang-"))
        .map(|f| f["modified"].as_str().unwrap_or("none").to_string())
        .collect();
    assert_eq!(
        recorded,
        ["2020-04-10T04:30:00+07:00", "2020-04-10T03:30:00+07:00"]
    );
    assert_eq!(code(&verify(&wd)), 0);
    // b saved again later: it would now be the one used.
    set_modified(&b, 1_586_464_200 + 7_200);
    let out = verify(&wd);
    assert_eq!(code(&out), 3, "{}", stdout(&out));
    assert!(
        stdout(&out).contains("đã thay đổi thời điểm sửa tệp: tệp báo cáo “an-giang-b.xlsx”"),
        "{}",
        stdout(&out)
    );
}

#[test]
fn the_shipped_sample_report_verifies_from_a_copy_elsewhere() {
    let wd = Workdir::new();
    let copy = |from: &str| {
        let to = wd.folder(from);
        for entry in std::fs::read_dir(Path::new(REPO).join(from)).unwrap() {
            let entry = entry.unwrap();
            if entry.file_type().unwrap().is_file() {
                std::fs::copy(entry.path(), to.join(entry.file_name())).unwrap();
            }
        }
    };
    for folder in [
        "submissions/2020-Q1",
        "reports/2019-Q4",
        "reports/2020-Q1",
        "reports/2020-Q1/phan-hoi",
    ] {
        copy(folder);
    }
    for file in [
        "dvctt.toml",
        "templates/roster.toml",
        "templates/wording.toml",
    ] {
        wd.write(file, &std::fs::read(Path::new(REPO).join(file)).unwrap());
    }
    // As a fresh clone: every file's times are the copy's.
    let out = wd.run(&["verify", "--quarter", "2020-Q1"]);
    assert_eq!(code(&out), 0, "{}{}", stdout(&out), stderr(&out));
    assert!(stdout(&out).contains("KHỚP"), "{}", stdout(&out));
}

#[test]
fn verify_waits_for_no_run_a_run_in_progress_is_exit_1() {
    let wd = Workdir::new();
    quarter_with_history(&wd);
    assert_eq!(code(&run(&wd, TODAY)), 0);
    // A run that replaces the report, held mid-swap with the lock.
    wd.write("submissions/ghi-chu.pdf", b"%PDF-1.4\n%a note\n");
    let mut running = start_run(&wd.path(""), 20_000);
    wait_for("the new report folder", || {
        wd.path("reports/.dvctt-2020-Q1.new").exists()
    });
    let out = verify(&wd);
    running.kill().unwrap();
    running.wait().unwrap();
    assert_eq!(code(&out), 1, "{}", stdout(&out));
    let err = stderr(&out);
    assert!(
        err.contains(&format!("pid {}", running.id())) && err.contains("reports/.dvctt.lock"),
        "{err}"
    );
    assert!(stdout(&out).is_empty(), "{}", stdout(&out));
}

#[test]
fn a_baseline_given_on_the_command_line_is_recorded_and_read_again_by_verify() {
    let wd = Workdir::new();
    quarter_with_history(&wd);
    // The previous quarter's figures from a file the operator keeps elsewhere.
    let published = std::fs::read(wd.path("reports/2019-Q4/summary.json")).unwrap();
    std::fs::remove_dir_all(wd.path("reports/2019-Q4")).unwrap();
    wd.write("published/q4.json", &published);
    let out = wd.on_day(
        TODAY,
        &[
            "run",
            "--quarter",
            "2020-Q1",
            "--submissions",
            "submissions",
            "--baseline",
            "published/q4.json",
        ],
    );
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let inputs = manifest(&wd)["reports_inputs"].clone();
    let given = inputs
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["role"] == "baseline_file")
        .unwrap_or_else(|| panic!("{inputs}"));
    assert_eq!(given["path"], "published/q4.json");
    assert_eq!(given["sha256"], sha256sum(&wd.path("published/q4.json")));
    // verify takes it from the manifest, with no --baseline of its own.
    assert_eq!(code(&verify(&wd)), 0);
    let edited = String::from_utf8(published)
        .unwrap()
        .replace("\"level4\": 400", "\"level4\": 410");
    wd.write("published/q4.json", edited.as_bytes());
    let out = verify(&wd);
    assert_eq!(code(&out), 3, "{}", stdout(&out));
    assert!(
        stdout(&out).contains("đã thay đổi: tệp số liệu kỳ trước (--baseline) “published/q4.json”"),
        "{}",
        stdout(&out)
    );
}

#[test]
fn a_file_over_the_size_limit_is_recorded_by_its_size_only() {
    let wd = Workdir::new();
    quarter_with_history(&wd);
    let mut config = std::fs::read_to_string(wd.path("dvctt.toml")).unwrap();
    config.push_str("\n[limits]\nmax_file_bytes = 100000\n");
    wd.write("dvctt.toml", config.as_bytes());
    // A scanned report saved as a workbook: never opened by the run.
    wd.write("submissions/an-giang-scan.xlsx", &vec![b'P'; 100_001]);
    let out = run(&wd, TODAY);
    assert_eq!(code(&out), 3, "{}", stderr(&out));
    let m = manifest(&wd);
    let big = m["submissions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["name"] == "an-giang-scan.xlsx")
        .unwrap()
        .clone();
    assert_eq!(big["size"], 100_001, "{big}");
    assert!(big["sha256"].is_null(), "{big}");
    assert_eq!(big["verdict"], "rejected", "{big}");
    // The one under the limit is hashed.
    let small = &m["submissions"][1];
    assert_eq!(small["name"], "an-giang.xlsx");
    assert_eq!(
        small["sha256"],
        sha256sum(&wd.path("submissions/an-giang.xlsx"))
    );
    assert_eq!(code(&verify(&wd)), 0);
    // Grown past the limit the other way: still named.
    wd.write("submissions/an-giang-scan.xlsx", &vec![b'P'; 100_002]);
    let out = verify(&wd);
    assert_eq!(code(&out), 3);
    assert!(
        stdout(&out).contains("đã thay đổi: tệp báo cáo “an-giang-scan.xlsx” (manifest: 100001 byte; nay: 100002 byte)"),
        "{}",
        stdout(&out)
    );
}

/// Files beside the report that its manifest does not list are named and
/// the report does not match: a workbook put next to the real one must not
/// pass for part of it. The archive `truoc/` is the job's own.
#[test]
fn verify_names_files_in_the_report_folder_the_manifest_does_not_list() {
    let wd = Workdir::new();
    quarter_with_history(&wd);
    assert_eq!(code(&run(&wd, TODAY)), 0);
    std::fs::create_dir_all(wd.path("reports/2020-Q1/truoc/1")).unwrap();
    wd.write("reports/2020-Q1/truoc/1/summary.json", b"{}");
    let out = verify(&wd);
    assert_eq!(code(&out), 0, "{}{}", stdout(&out), stderr(&out));
    let forged = std::fs::read(wd.path("reports/2020-Q1/tong-hop-2020-Q1.xlsx")).unwrap();
    wd.write("reports/2020-Q1/tong-hop-2020-Q1-ban-sua.xlsx", &forged);
    wd.write("reports/2020-Q1/phan-hoi/T89-ban-khac.xlsx", &forged);
    let out = verify(&wd);
    assert_eq!(code(&out), 3, "{}{}", stdout(&out), stderr(&out));
    let text = stdout(&out);
    for name in [
        "tong-hop-2020-Q1-ban-sua.xlsx",
        "phan-hoi/T89-ban-khac.xlsx",
    ] {
        assert!(
            text.contains(&format!(
                "{name}: có trong thư mục báo cáo nhưng manifest.json không ghi"
            )),
            "{name}: {text}"
        );
    }
    assert!(!text.contains("truoc"), "{text}");
    assert!(text.contains("KHÔNG KHỚP"), "{text}");
}

/// A hand-edited manifest naming a file outside its folder is refused
/// (exit 1) before anything is opened; a manifest edited to remove every
/// file lists the first differences and counts the rest.
#[test]
fn verify_refuses_names_outside_the_folder_and_caps_what_it_lists() {
    let wd = Workdir::new();
    quarter_with_history(&wd);
    assert_eq!(code(&run(&wd, TODAY)), 0);
    let path = wd.path("reports/2020-Q1/manifest.json");
    let good = manifest(&wd);
    for (field, name) in [
        ("outputs", "/etc/hostname"),
        ("outputs", "../../../etc/passwd"),
        ("outputs", "phan-hoi/../../x"),
        ("reports_inputs", "/etc/passwd"),
    ] {
        let mut m = good.clone();
        let key = if field == "outputs" { "name" } else { "path" };
        m[field][0][key] = serde_json::Value::from(name);
        std::fs::write(&path, serde_json::to_vec_pretty(&m).unwrap()).unwrap();
        let out = verify(&wd);
        assert_eq!(code(&out), 1, "{name}: {}{}", stdout(&out), stderr(&out));
        let err = stderr(&out);
        assert!(
            err.contains("manifest không hợp lệ") && err.contains(field),
            "{name}: {err}"
        );
    }
    // 1,000 submissions recorded that are not there: 200 lines and a count.
    let mut m = good.clone();
    let entry = m["submissions"][0].clone();
    let many: Vec<serde_json::Value> = (0..1000)
        .map(|i| {
            let mut e = entry.clone();
            e["name"] = serde_json::Value::from(format!("da-xoa-{i:04}.xlsx"));
            e
        })
        .collect();
    m["submissions"].as_array_mut().unwrap().extend(many);
    std::fs::write(&path, serde_json::to_vec_pretty(&m).unwrap()).unwrap();
    let out = verify(&wd);
    assert_eq!(code(&out), 3, "{}", stderr(&out));
    let text = stdout(&out);
    let listed = text.lines().filter(|l| l.contains("da-xoa-")).count();
    assert_eq!(listed, 200, "{text}");
    assert!(text.contains("… và 800 dòng khác"), "{text}");
}

/// The manifest in place, edited by `edit`, written back.
fn doctor(wd: &Workdir, edit: impl FnOnce(&mut serde_json::Value)) {
    let mut m = manifest(wd);
    edit(&mut m);
    let bytes = serde_json::to_vec_pretty(&m).unwrap();
    std::fs::write(wd.path("reports/2020-Q1/manifest.json"), bytes).unwrap();
}

fn file_in<'a>(m: &'a mut serde_json::Value, name: &str) -> &'a mut serde_json::Value {
    m["submissions"]
        .as_array_mut()
        .unwrap()
        .iter_mut()
        .find(|f| f["name"] == name)
        .unwrap_or_else(|| panic!("{name} in the manifest"))
}

#[test]
fn issue_22_verify_checks_what_the_manifest_says_of_each_file() {
    let wd = Workdir::new();
    quarter_with_history(&wd);
    wd.write("submissions/hong.xlsx", b"not a workbook");
    assert_eq!(code(&run(&wd, TODAY)), 3);
    let untouched = std::fs::read(wd.path("reports/2020-Q1/manifest.json")).unwrap();
    assert_eq!(code(&verify(&wd)), 0);
    type Edit = fn(&mut serde_json::Value);
    let cases: [(Edit, &str); 4] = [
        // A rejected file said to be accepted.
        (
            |m| file_in(m, "hong.xlsx")["verdict"] = "accepted".into(),
            "“hong.xlsx” (manifest: accepted, đơn vị không có; tính lại: rejected, đơn vị không có)",
        ),
        // One unit's file said to be another's.
        (
            |m| file_in(m, "an-giang.xlsx")["unit"] = "BCA".into(),
            "“an-giang.xlsx” (manifest: accepted, đơn vị BCA; tính lại: accepted, đơn vị T89)",
        ),
        // Inside an archive too.
        (
            |m| file_in(m, "bo-cong-an.zip")["entries"][0]["verdict"] = "rejected".into(),
            "“bo-cong-an.zip/bao-cao-quy-1.xlsx” (manifest: rejected, đơn vị BCA; tính lại: accepted, đơn vị BCA)",
        ),
        // The bytes the entry unpacked to.
        (
            |m| file_in(m, "bo-cong-an.zip")["entries"][0]["sha256"] = "0".repeat(64).into(),
            "“bo-cong-an.zip/bao-cao-quy-1.xlsx”",
        ),
    ];
    for (edit, said) in cases {
        doctor(&wd, edit);
        let out = verify(&wd);
        assert_eq!(code(&out), 3, "{said}: {}", stdout(&out));
        let text = stdout(&out);
        assert!(
            text.contains("manifest.json ghi khác kết quả tính lại"),
            "{text}"
        );
        assert!(text.contains(said), "{said}: {text}");
        assert!(text.contains("KHÔNG KHỚP"), "{text}");
        std::fs::write(wd.path("reports/2020-Q1/manifest.json"), &untouched).unwrap();
    }
    // The entry's size and digest are those of the bytes unpacked.
    let m = manifest(&wd);
    let entry = &m["submissions"][1]["entries"][0];
    let bca = Form::new("Bộ Công an", "Quý I/2020", 310, 95).bytes();
    assert_eq!(entry["size"], bca.len());
    let unpacked = wd.write("unpacked.xlsx", &bca);
    assert_eq!(entry["sha256"], sha256sum(&unpacked));
    assert_eq!(code(&verify(&wd)), 0);
}

#[test]
fn issue_22_names_the_job_did_not_write_are_refused_by_verify_and_kept_by_a_rerun() {
    let wd = Workdir::new();
    quarter_with_history(&wd);
    assert_eq!(code(&run(&wd, TODAY)), 0);
    let live = wd.path("reports/2020-Q1");
    let doctored = std::fs::read(live.join("tong-hop-2020-Q1.xlsx")).unwrap();
    // A prefix is no proof of whose a file is.
    wd.write(
        "reports/2020-Q1/.dvctt-ghi-chu.txt",
        "Ghi chú của chuyên viên".as_bytes(),
    );
    wd.write("reports/2020-Q1/.dvctt-tong-hop-2020-Q1.xlsx", &doctored);
    wd.write(
        "reports/2020-Q1/phan-hoi/.dvctt-T89-2020-Q1.xlsx",
        &doctored,
    );
    wd.write("reports/2020-Q1/truoc/ghi-chu.txt", b"note");
    wd.write("reports/2020-Q1/truoc/7/summary.json", b"{}");
    let out = verify(&wd);
    assert_eq!(code(&out), 3, "{}", stdout(&out));
    let text = stdout(&out);
    for name in [
        ".dvctt-ghi-chu.txt",
        ".dvctt-tong-hop-2020-Q1.xlsx",
        "phan-hoi/.dvctt-T89-2020-Q1.xlsx",
        "truoc/ghi-chu.txt",
    ] {
        assert!(
            text.contains(&format!(
                "{name}: có trong thư mục báo cáo nhưng manifest.json không ghi"
            )),
            "{name}: {text}"
        );
    }
    // An archive of the job's is history, not looked into.
    assert!(!text.contains("truoc/7"), "{text}");
    // A rerun that replaces the report keeps the note, never removes it.
    Form::new("An Giang", "Quý I/2020", 1850, 440).write_to(&wd.path("submissions/an-giang.xlsx"));
    assert_eq!(code(&run(&wd, TODAY)), 0);
    assert_eq!(
        std::fs::read_to_string(live.join(".dvctt-ghi-chu.txt")).unwrap(),
        "Ghi chú của chuyên viên"
    );
    assert!(live.join(".dvctt-tong-hop-2020-Q1.xlsx").exists());
    assert!(
        live.join("truoc/8/phan-hoi/.dvctt-T89-2020-Q1.xlsx")
            .exists()
    );
}
