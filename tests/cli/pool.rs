//! The reader pool and the bounds of the main process (#9): every file from
//! outside — submissions, the previous quarter's table, older quarters — is
//! read by reader processes started from the pinned executable, and nothing a
//! file holds can stop the run, overflow a cell or hang it.

use crate::hostile::rezip;
use crate::support::*;
use std::time::{Duration, SystemTime};

const BOMB: &str = "tests/data/fuzz/ods-repeated-cells-oom.ods";

/// A small memory limit, so that the ods bomb dies fast.
const TIGHT: &[u8] = b"[limits]\nmax_memory_bytes = 268435456\nmax_seconds = 20\nreaders = 1\n";

fn bomb() -> Vec<u8> {
    std::fs::read(format!("{REPO}/{BOMB}")).expect("the fuzzer's ods bomb")
}

fn good(unit: &str) -> Form {
    Form::new(unit, "Quý I/2020", 1000, 300)
}

fn finding<'a>(s: &'a serde_json::Value, file: &str, rule: &str) -> &'a serde_json::Value {
    s["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .find(|f| f["file"] == file && f["rule"] == rule)
        .unwrap_or_else(|| panic!("{file}: no {rule} in {:#}", s["findings"]))
}

/// The shared string `from` of a form's workbook replaced by `to` (beyond
/// what a spreadsheet program lets anyone type, as a crafted file does).
fn with_text(form: &Form, from: &str, to: &str) -> Vec<u8> {
    rezip(
        &form.bytes(),
        |name, content| match name {
            "xl/sharedStrings.xml" => String::from_utf8(content)
                .unwrap()
                .replace(from, to)
                .into_bytes(),
            _ => content,
        },
        &[],
    )
}

#[test]
fn the_binary_under_another_name_still_reads_in_its_pool() {
    let wd = Workdir::new();
    let renamed = wd.path("tonghop");
    copy_binary(&renamed);
    wd.write("limits.toml", TIGHT);
    // The bomb is read first by the only reader: the worker it kills must be
    // replaced for the two good files after it.
    wd.write("submissions/0-bomb.ods", &bomb());
    good("Hà Nội").save(&wd, "submissions/1-ha-noi.xlsx");
    good("Cà Mau").save(&wd, "submissions/2-ca-mau.xlsx");
    let out = wd
        .quarter_command(&renamed, "2020-Q1", &["--config", "limits.toml"])
        .output()
        .unwrap();
    assert_eq!(code(&out), 3, "{}", stderr(&out));
    let s = wd.summary("2020-Q1");
    assert_eq!(rules_for(&s, "0-bomb.ods"), ["file.too_large"]);
    assert_eq!(unit(&s, "T01")["status"], "accepted");
    assert_eq!(unit(&s, "T96")["status"], "accepted");
}

#[test]
fn a_binary_replaced_during_the_run_changes_nothing() {
    let wd = Workdir::new();
    let installed = wd.path("bin/dvctt");
    std::fs::create_dir_all(wd.path("bin")).unwrap();
    copy_binary(&installed);
    wd.write("limits.toml", TIGHT);
    wd.write("submissions/0-bomb.ods", &bomb());
    good("Hà Nội").save(&wd, "submissions/1-ha-noi.xlsx");
    let mut run = wd
        .quarter_command(&installed, "2020-Q1", &["--config", "limits.toml"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    // Once the reader holds the bomb, a deploy renames a new file over the
    // binary; the reader replacing the one the bomb kills must still be
    // this binary.
    for _ in 0..200 {
        if !children(run.id()).is_empty() {
            break;
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    let deployed = wd.write("bin/dvctt.new", b"#!/bin/sh\nexit 1\n");
    std::fs::rename(&deployed, &installed).unwrap();
    assert_eq!(run.wait().unwrap().code(), Some(3));
    let s = wd.summary("2020-Q1");
    assert_eq!(rules_for(&s, "0-bomb.ods"), ["file.too_large"]);
    assert_eq!(unit(&s, "T01")["status"], "accepted");
}

/// Copies the binary with `cp`, so that no write handle to the copy is ever
/// open in this process: a child another test thread forks meanwhile would
/// inherit it, and running the copy would fail with "Text file busy".
fn copy_binary(to: &std::path::Path) {
    let status = std::process::Command::new("cp")
        .arg(BIN)
        .arg(to)
        .status()
        .unwrap();
    assert!(status.success());
}

/// The processes whose parent is `parent`.
fn children(parent: u32) -> Vec<u32> {
    std::fs::read_dir("/proc")
        .unwrap()
        .flatten()
        .filter_map(|e| e.file_name().to_str()?.parse::<u32>().ok())
        .filter(|pid| {
            std::fs::read_to_string(format!("/proc/{pid}/stat")).is_ok_and(|stat| {
                let after_name = &stat[stat.rfind(')').unwrap_or(0) + 1..];
                after_name.split_whitespace().nth(1) == Some(&parent.to_string())
            })
        })
        .collect()
}

#[test]
fn file_names_that_look_like_options_are_read_as_names() {
    let wd = Workdir::new();
    good("Hà Nội").save(&wd, "submissions/-- Ha Noi.xlsx");
    good("Cà Mau").save(&wd, "submissions/--help.xlsx");
    Form::new("An Giang", "Quý I/2020", 812, 95).save(&wd, "submissions/-v");
    let out = wd.run_quarter("2020-Q1", &[]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let s = wd.summary("2020-Q1");
    assert_eq!(unit(&s, "T01")["status"], "accepted");
    assert_eq!(unit(&s, "T96")["status"], "accepted");
    assert_eq!(unit(&s, "T89")["total"], 812);
    assert_eq!(unit(&s, "T89")["level4"], 95);
    assert_eq!(s["totals"]["files"]["accepted"], 3);
}

#[test]
fn a_reader_over_its_deadline_is_killed_and_only_its_file_charged() {
    let wd = Workdir::new();
    // Memory enough for the bomb to keep building cells past one second.
    wd.write(
        "slow.toml",
        b"[limits]\nmax_memory_bytes = 4294967296\nmax_seconds = 1\nreaders = 1\n",
    );
    wd.write("submissions/a-bomb.ods", &bomb());
    good("Hà Nội").save(&wd, "submissions/b-ha-noi.xlsx");
    let out = wd.run_quarter("2020-Q1", &["--config", "slow.toml"]);
    assert_eq!(code(&out), 3, "{}", stderr(&out));
    assert!(stderr(&out).contains("Overran"), "{}", stderr(&out));
    let s = wd.summary("2020-Q1");
    let f = finding(&s, "a-bomb.ods", "file.too_large");
    assert!(
        f["message"]
            .as_str()
            .unwrap()
            .contains("limits.max_seconds")
    );
    assert_eq!(unit(&s, "T01")["status"], "accepted");
}

#[test]
fn readers_die_with_the_run() {
    let wd = Workdir::new();
    wd.write(
        "slow.toml",
        b"[limits]\nmax_memory_bytes = 4294967296\nmax_seconds = 600\nreaders = 2\n",
    );
    wd.write("submissions/a-bomb.ods", &bomb());
    wd.write("submissions/b-bomb.ods", &bomb());
    let mut run = wd
        .quarter_command(BIN.as_ref(), "2020-Q1", &["--config", "slow.toml"])
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let mut readers = Vec::new();
    for _ in 0..100 {
        readers = children(run.id());
        if readers.len() == 2 {
            break;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    assert_eq!(readers.len(), 2, "two reader processes");
    std::thread::sleep(Duration::from_millis(300));
    run.kill().unwrap();
    run.wait().unwrap();
    let alive = |pid: &u32| {
        std::fs::read_to_string(format!("/proc/{pid}/stat")).is_ok_and(|s| {
            !s[s.rfind(')').unwrap_or(0) + 1..]
                .trim_start()
                .starts_with('Z')
        })
    };
    for _ in 0..100 {
        if !readers.iter().any(alive) {
            break;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    assert!(!readers.iter().any(alive), "readers outlived the run");
}

#[test]
fn long_texts_are_cut_and_the_report_is_still_written() {
    let wd = Workdir::new();
    // Excel allows 32,767 characters in a cell: the quote of this one would
    // have made a finding longer than a cell may hold.
    let period = format!("Quý {}", "I".repeat(32_707));
    assert_eq!(period.chars().count(), 32_711);
    good("Hà Nội")
        .set("Kỳ báo cáo", t(&period))
        .save(&wd, "submissions/ha-noi.xlsx");
    // A hundred million characters of unit name: read, cut, matched at once.
    let placeholder = "Tên đơn vị rất dài";
    let huge = format!("Cà Mau {}", "x".repeat(100_000_000));
    wd.write(
        "submissions/huge-name.xlsx",
        &with_text(&good(placeholder), placeholder, &huge),
    );
    let out = wd.run_quarter("2020-Q1", &[]);
    assert_eq!(code(&out), 3, "{}", stderr(&out));
    let s = wd.summary("2020-Q1");
    let period_finding = finding(&s, "ha-noi.xlsx", "period.unrecognised");
    let message = period_finding["message"].as_str().unwrap();
    assert!(message.contains("…"), "the quote is cut: {message}");
    assert!(message.chars().count() < 2_000, "{}", message.len());
    assert_eq!(unit(&s, "T01")["status"], "rejected");
    for f in s["findings"].as_array().unwrap() {
        assert!(f["message"].as_str().unwrap().chars().count() < 32_767);
    }
    let rules = rules_for(&s, "huge-name.xlsx");
    assert!(rules.contains(&"unit.unknown".to_string()), "{rules:?}");
    // The workbook holds every finding, each within a cell's limit.
    let checks = sheet(
        &wd.path("reports/2020-Q1/tong-hop-2020-Q1.xlsx"),
        "Kiểm tra dữ liệu",
    );
    assert!(
        checks
            .iter()
            .flatten()
            .any(|c| text(c).contains("Quý IIII") && text(c).contains('…'))
    );
}

#[test]
fn a_modification_time_beyond_the_calendar_is_a_finding() {
    // tmpfs keeps any time a program sets; ext4 would clamp it to 2446.
    let shm = tempfile::tempdir_in("/dev/shm").expect("a folder on tmpfs");
    let wd = Workdir::new();
    let submissions = shm.path().join("submissions");
    let path = submissions.join("ha-noi.xlsx");
    std::fs::create_dir_all(&submissions).unwrap();
    good("Hà Nội").without("Ngày báo cáo").write_to(&path);
    let far = SystemTime::UNIX_EPOCH + Duration::from_secs(1_000_000_000_000_000);
    std::fs::File::options()
        .write(true)
        .open(&path)
        .unwrap()
        .set_modified(far)
        .unwrap();
    assert_eq!(std::fs::metadata(&path).unwrap().modified().unwrap(), far);
    let out = wd.run(&[
        "run",
        "--quarter",
        "2020-Q1",
        "--submissions",
        submissions.to_str().unwrap(),
        "--reports",
        "reports",
    ]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let s = wd.summary("2020-Q1");
    finding(&s, "ha-noi.xlsx", "file.modified_out_of_range");
    assert_eq!(unit(&s, "T01")["status"], "accepted");
}

#[test]
fn a_nan_or_infinite_ratio_is_a_finding_on_its_cell() {
    let wd = Workdir::new();
    let files = [
        ("ha-noi.xlsx", "Hà Nội", "T01", "NaN"),
        ("ca-mau.xlsx", "Cà Mau", "T96", "inf"),
    ];
    for (file, name, _, saved) in files {
        // rust_xlsxwriter cannot write these; a crafted file can.
        let form = good(name).set("Tỷ lệ DVCTT mức độ 4", t("RATIO-HERE"));
        let bytes = rezip(
            &form.bytes(),
            |part, content| {
                if part != "xl/worksheets/sheet1.xml" {
                    return content;
                }
                let xml = String::from_utf8(content).unwrap();
                let index = shared_index(&form, "RATIO-HERE");
                xml.replace(
                    &format!(r#" t="s"><v>{index}</v>"#),
                    &format!("><v>{saved}</v>"),
                )
                .into_bytes()
            },
            &[],
        );
        let path = wd.write(&format!("submissions/{file}"), &bytes);
        let saved_cell = format!("><v>{saved}</v>");
        assert!(xml(&path, "xl/worksheets/sheet1.xml").contains(&saved_cell));
    }
    let out = wd.run_quarter("2020-Q1", &[]);
    let s = wd.summary("2020-Q1");
    for (file, _, code_, _) in files {
        let rules = rules_for(&s, file);
        assert!(!rules.contains(&"file.unreadable".to_string()), "{rules:?}");
        assert_eq!(
            rules,
            ["value.not_number"],
            "{file}: the ratio cell's finding"
        );
        assert_ne!(unit(&s, code_)["status"], "missing", "{file}");
        let f = &s["findings"]
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["file"] == file)
            .unwrap();
        assert!(f["cell"].as_str().unwrap().starts_with("Báo cáo!D"), "{f}");
    }
    assert!(matches!(code(&out), 0 | 3), "{}", stderr(&out));
}

/// The index of `text` among the form's shared strings.
fn shared_index(form: &Form, text: &str) -> usize {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("form.xlsx");
    form.write_to(&path);
    xml(&path, "xl/sharedStrings.xml")
        .split("<si>")
        .skip(1)
        .position(|si| si.contains(text))
        .expect("the text is a shared string")
}

#[test]
fn a_bomb_or_a_pipe_as_the_previous_table_is_a_warning() {
    for kind in ["bomb", "fifo"] {
        let wd = Workdir::new();
        wd.write("limits.toml", TIGHT);
        let table = wd.path("reports/2019-Q4/baseline.xlsx");
        std::fs::create_dir_all(table.parent().unwrap()).unwrap();
        match kind {
            "bomb" => std::fs::write(&table, bomb()).unwrap(),
            _ => {
                let made = std::process::Command::new("mkfifo").arg(&table).status();
                assert!(made.unwrap().success(), "mkfifo");
            }
        }
        // An older quarter's table, the bomb again: history passes over it.
        wd.write("reports/2019-Q3/baseline.xlsx", &bomb());
        good("Hà Nội").save(&wd, "submissions/ha-noi.xlsx");
        let out = wd.run_quarter("2020-Q1", &["--config", "limits.toml"]);
        assert_eq!(code(&out), 0, "{kind}: {}", stderr(&out));
        let warning = stdout(&out);
        assert!(
            warning.contains("CẢNH BÁO: không dùng làm số liệu kỳ trước")
                && warning.contains("2019-Q4/baseline.xlsx"),
            "{kind}: {warning}"
        );
        if kind == "fifo" {
            assert!(warning.contains("không phải tệp thông thường"), "{warning}");
        }
        let s = wd.summary("2020-Q1");
        assert_eq!(s["baseline"], serde_json::Value::Null, "{kind}");
        assert_eq!(unit(&s, "T01")["status"], "accepted", "{kind}");
    }
}

#[test]
fn an_empty_previous_summary_is_a_warning_not_a_baseline() {
    let wd = Workdir::new();
    wd.write("reports/2019-Q4/summary.json", br#"{"units": []}"#);
    let rows = appendix_929();
    let ha_noi = rows
        .iter()
        .find(|r| r.name == "Hà Nội")
        .expect("Hà Nội in 929");
    Form::new("Hà Nội", "Quý I/2020", ha_noi.total, ha_noi.level4)
        .save(&wd, "submissions/ha-noi.xlsx");
    let out = wd.run_quarter("2020-Q1", &[]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert!(
        stdout(&out).contains("2019-Q4/summary.json: không có đơn vị nào được chấp nhận"),
        "{}",
        stdout(&out)
    );
    assert_eq!(wd.summary("2020-Q1")["baseline"], serde_json::Value::Null);

    // With the published table beside it, the table is the baseline.
    std::fs::copy(
        format!("{REPO}/reports/2019-Q4/baseline.xlsx"),
        wd.path("reports/2019-Q4/baseline.xlsx"),
    )
    .unwrap();
    let out = wd.run_quarter("2020-Q1", &[]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let s = wd.summary("2020-Q1");
    assert!(s["baseline"].as_str().unwrap().ends_with("baseline.xlsx"));
    assert_eq!(unit(&s, "T01")["previous"]["total"], ha_noi.total);
    assert_eq!(unit(&s, "T01")["previous"]["level4"], ha_noi.level4);
    assert!(stdout(&out).contains("không có đơn vị nào được chấp nhận"));
}

mod any_config {
    use super::*;
    use proptest::prelude::*;

    const HUGE: &[&str] = &[
        "-1",
        "4294967296",
        "9223372036854775807",
        "nan",
        "inf",
        "1e300",
    ];

    /// Each key: values at the edges of what `config` should take, and
    /// values beyond them (that it should refuse, or take and survive).
    const KEYS: &[(&str, &str, &[&str], &[&str])] = &[
        ("targets", "2020", &["0", "30.5", "100"], HUGE),
        (
            "compare",
            "total_change_percent",
            &["0", "10", "1000000"],
            HUGE,
        ),
        ("compare", "ratio_rise_points", &["0", "25", "100"], HUGE),
        (
            "checks",
            "ratio_tolerance_points",
            &["0", "0.01", "100"],
            HUGE,
        ),
        ("lagging", "very_low_percent", &["0", "5", "100"], HUGE),
        (
            "deadline",
            "days_after_quarter_end",
            &["0", "10", "366"],
            &["367", "100000000", "4294967295"],
        ),
        (
            "deadline",
            "correction_days",
            &["0", "10", "366"],
            &["367", "-1"],
        ),
        (
            "feedback",
            "resubmit_days",
            &["1", "10", "366"],
            &["0", "367", "4294967296"],
        ),
        (
            "limits",
            "max_file_bytes",
            &["1", "20971520", "4294967296"],
            &["0", "4294967297"],
        ),
        (
            "limits",
            "max_unzipped_bytes",
            &["1", "209715200", "68719476736"],
            &["0"],
        ),
        (
            "limits",
            "max_cells",
            &["1", "200000", "100000000"],
            &["0", "100000001"],
        ),
        (
            "limits",
            "max_memory_bytes",
            &["67108864", "1073741824"],
            &["0", "1"],
        ),
        (
            "limits",
            "max_seconds",
            &["1", "60", "86400"],
            &["0", "86401"],
        ),
        ("limits", "readers", &["0", "1", "3"], &["65", "4294967295"]),
        // The two files each run reads: one budget that still takes both.
        (
            "limits",
            "max_files",
            &["2", "10000", "100000"],
            &["0", "100001"],
        ),
        (
            "limits",
            "max_total_bytes",
            &["100000", "4294967296", "1099511627776"],
            &["0", "1099511627777"],
        ),
        (
            "history",
            "unusual_threshold",
            &["0", "3.5", "1000000"],
            HUGE,
        ),
        ("history", "unusual_min_points", &["0", "5", "100"], HUGE),
        (
            "history",
            "unusual_mad_floor_points",
            &["0.01", "0.5", "100"],
            &["0", "-1", "100.5", "nan", "inf"],
        ),
        (
            "history",
            "unusual_min_changes",
            &["2", "4", "1000"],
            &["0", "1001"],
        ),
        (
            "history",
            "unusual_min_count",
            &["0", "5", "1000000"],
            &["-1", "1000001"],
        ),
        (
            "reports",
            "keep_replaced",
            &["1", "20", "1000"],
            &["0", "1001"],
        ),
    ];

    /// A config with every key at one of its edges, and (in half the cases) one
    /// key beyond.
    fn config() -> impl Strategy<Value = String> {
        let edges: Vec<_> = KEYS
            .iter()
            .map(|(_, _, edges, _)| prop::sample::select(edges.to_vec()))
            .collect();
        // Half the configs have no key beyond its edges, so that enough reach `run`.
        let beyond = (0..KEYS.len() * 2, any::<prop::sample::Index>());
        (edges, beyond).prop_map(|(values, (which, pick))| {
            let mut text = String::new();
            let mut current = "";
            for (i, ((section, name, _, beyond), value)) in KEYS.iter().zip(values).enumerate() {
                if *section != current {
                    text.push_str(&format!("[{section}]\n"));
                    current = section;
                }
                let value = if i == which { pick.get(beyond) } else { value };
                text.push_str(&format!("{name} = {value}\n"));
            }
            text
        })
    }

    /// Whatever `dvctt config` accepts, `run` finishes without a panic: a
    /// report (0 or 3), never exit 101.
    #[test]
    fn no_config_that_config_accepts_makes_run_panic() {
        let accepted = std::cell::Cell::new(0);
        // A fixed seed: the count of accepted configs asserted below must not
        // depend on the luck of the draw.
        let mut runner = proptest::test_runner::TestRunner::new_with_rng(
            ProptestConfig {
                cases: 48,
                ..ProptestConfig::default()
            },
            proptest::test_runner::TestRng::deterministic_rng(
                proptest::test_runner::RngAlgorithm::ChaCha,
            ),
        );
        let result = runner.run(&config(), |text| {
            let wd = Workdir::new();
            wd.write("dvctt.toml", text.as_bytes());
            good("Hà Nội").save(&wd, "submissions/ha-noi.xlsx");
            good("Cà Mau")
                .without("Ngày báo cáo")
                .save(&wd, "submissions/ca-mau.xlsx");
            let checked = wd.run(&["config"]);
            prop_assert!(matches!(code(&checked), 0 | 2), "{}", stderr(&checked));
            if code(&checked) == 2 {
                prop_assert!(stderr(&checked).contains("dòng "), "{}", stderr(&checked));
                return Ok(());
            }
            accepted.set(accepted.get() + 1);
            let out = wd.run_quarter("2020-Q1", &[]);
            prop_assert!(matches!(code(&out), 0 | 3), "{text}\n{}", stderr(&out));
            let s = wd.summary("2020-Q1");
            prop_assert_eq!(s["totals"]["files"]["total"].as_u64(), Some(2));
            Ok(())
        });
        result.unwrap();
        // The property says something only when many configs got to `run`.
        assert!(
            accepted.get() >= 6,
            "only {} configs accepted",
            accepted.get()
        );
    }

    #[test]
    fn a_deadline_past_the_calendar_is_refused_by_config() {
        let wd = Workdir::new();
        wd.write(
            "dvctt.toml",
            b"[deadline]\ndays_after_quarter_end = 100000000\n",
        );
        let out = wd.run(&["config"]);
        assert_eq!(code(&out), 2);
        assert!(
            stderr(&out).contains("dòng 2: deadline.days_after_quarter_end"),
            "{}",
            stderr(&out)
        );
        let out = wd.run(&["config", "--print"]);
        assert_eq!(code(&out), 2);
    }
}

#[test]
fn a_list_of_thousands_of_bad_rows_gets_a_bounded_number_of_findings() {
    let wd = Workdir::new();
    // 3,000 procedures: every level unreadable, the code typed the same on
    // every row (a column filled down by mistake), names long as in life.
    let rows: Vec<(String, String, V)> = (0..3_000)
        .map(|i| {
            let name = format!("Thủ tục cấp giấy phép số {i} {}", "rất dài ".repeat(20));
            ("1.001234".to_string(), name, t("cao"))
        })
        .collect();
    Form {
        list: Some(rows),
        ..Form::new("An Giang", "Quý I/2020", 3_000, 0)
    }
    .save(&wd, "submissions/an-giang.xlsx");
    let out = wd.run_quarter("2020-Q1", &[]);
    assert_eq!(code(&out), 3, "{}", stderr(&out));
    let s = wd.summary("2020-Q1");
    assert_eq!(unit(&s, "T89")["list"]["procedures"], 3_000);
    let messages = |rule: &str| -> Vec<String> {
        s["findings"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|f| f["file"] == "an-giang.xlsx" && f["rule"] == rule)
            .map(|f| f["message"].as_str().unwrap().to_string())
            .collect()
    };
    let bad_levels = messages("detail.bad_level");
    assert_eq!(bad_levels.len(), 26);
    assert!(
        bad_levels[25].contains("còn 2.975 dòng khác"),
        "{}",
        bad_levels[25]
    );
    let duplicates = messages("detail.duplicate_code");
    assert_eq!(duplicates.len(), 26);
    assert!(
        duplicates[25].contains("còn 2.974 dòng khác"),
        "{}",
        duplicates[25]
    );
}

#[test]
fn files_queued_behind_a_dying_reader_are_sent_again_never_charged() {
    let wd = Workdir::new();
    wd.write("limits.toml", TIGHT);
    // One reader, each file queued behind the one it reads: the bomb kills
    // it with the second bomb and a good file waiting; each bomb is charged,
    // the good files are read by the reader that replaces it.
    wd.write("submissions/0-bomb.ods", &bomb());
    wd.write("submissions/1-bomb.ods", &bomb());
    good("Hà Nội").save(&wd, "submissions/2-ha-noi.xlsx");
    wd.write("submissions/3-bomb.ods", &bomb());
    good("Cà Mau").save(&wd, "submissions/4-ca-mau.xlsx");
    let out = wd.run_quarter("2020-Q1", &["--config", "limits.toml"]);
    assert_eq!(code(&out), 3, "{}", stderr(&out));
    let s = wd.summary("2020-Q1");
    for bomb in ["0-bomb.ods", "1-bomb.ods", "3-bomb.ods"] {
        assert_eq!(rules_for(&s, bomb), ["file.too_large"], "{bomb}");
    }
    assert_eq!(rules_for(&s, "2-ha-noi.xlsx"), Vec::<String>::new());
    assert_eq!(rules_for(&s, "4-ca-mau.xlsx"), Vec::<String>::new());
    assert_eq!(unit(&s, "T01")["level4"], 300);
    assert_eq!(unit(&s, "T96")["status"], "accepted");
}
