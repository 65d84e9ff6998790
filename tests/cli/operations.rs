//! Running unattended for years: config, deadlines, unusual figures, dry
//! runs, machine logs, a roster that changes. (One run at a time and
//! interrupted runs: `report_set`.)

use crate::support::*;
use std::time::Duration;

#[test]
fn config_print_shows_every_default_and_bad_values_name_key_and_line() {
    let wd = Workdir::new();
    let out = wd.run(&["config", "--print"]);
    assert_eq!(code(&out), 0);
    let text = stdout(&out);
    for key in [
        "[targets]",
        "2020 = 30.0",
        "total_change_percent = 10.0",
        "ratio_rise_points = 25.0",
        "unconfirmed = \"left_out\"",
        "ratio_tolerance_points = 0.01",
        "very_low_percent = 5.0",
        "days_after_quarter_end = 10",
        "correction_days = 10",
        "max_file_bytes = 20971520",
        // Issue #15: the modified z-score's threshold, no longer a sigma.
        "unusual_threshold = 3.5",
        "unusual_min_changes = 4",
        "unusual_min_points = 5.0",
        "unusual_min_count = 5",
        "unusual_mad_floor_points = 0.5",
        "# roster: the built-in copy",
    ] {
        assert!(text.contains(key), "{key} missing from:\n{text}");
    }
    let cases: [(&str, &str); 7] = [
        ("[targets]\n2020 = 30\n2021 = 130\n", "dòng 3: targets.2021"),
        (
            "\n[compare]\ntotal_change_percent = -3\n",
            "dòng 3: compare.total_change_percent",
        ),
        ("[deadline]\ndays = 10\n", "dòng 2: unknown field `days`"),
        (
            "[limits]\nmax_file_bytes = \"big\"\n",
            "dòng 2: invalid type",
        ),
        (
            "[history]\nunusual_mad_floor_points = 0\n",
            "dòng 2: history.unusual_mad_floor_points",
        ),
        (
            "[history]\nunusual_threshold = -1\n",
            "dòng 2: history.unusual_threshold",
        ),
        (
            "[history]\nunusual_min_points = nan\n",
            "dòng 2: history.unusual_min_points",
        ),
    ];
    for (toml, want) in cases {
        wd.write("bad.toml", toml.as_bytes());
        let out = wd.run(&["config", "--config", "bad.toml"]);
        assert_eq!(code(&out), 2, "{toml}");
        let err = stderr(&out);
        assert!(err.contains(want), "{toml:?}: {err}");
        assert_eq!(err.trim().lines().count(), 1, "one line: {err}");
    }
}

#[test]
fn late_reports_are_counted_and_named_with_their_days() {
    let wd = Workdir::new();
    // Due 10/04/2020.
    Form::new("An Giang", "Quý I/2020", 1915, 654)
        .set("Ngày báo cáo", t("10/04/2020"))
        .save(&wd, "submissions/ag.xlsx");
    Form::new("Bộ Y tế", "Quý I/2020", 367, 120)
        .set("Ngày báo cáo", t("17/04/2020"))
        .save(&wd, "submissions/byt.xlsx");
    let undated = Form::new("Đà Nẵng", "Quý I/2020", 1398, 500)
        .without("Ngày báo cáo")
        .save(&wd, "submissions/dn.xlsx");
    // Modified on 2020-04-13 at noon UTC: three days late, whatever the zone.
    let f = std::fs::File::options().write(true).open(&undated).unwrap();
    f.set_modified(std::time::UNIX_EPOCH + Duration::from_secs(1_586_779_200))
        .unwrap();
    let out = wd.run_quarter("2020-Q1", &[]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let s = wd.summary("2020-Q1");
    assert_eq!(unit(&s, "T89")["timeliness"]["days_late"], 0);
    assert_eq!(unit(&s, "T89")["timeliness"]["basis"], "report_date");
    assert_eq!(unit(&s, "BYT")["timeliness"]["days_late"], 7);
    assert_eq!(unit(&s, "T48")["timeliness"]["basis"], "file_modified");
    assert_eq!(unit(&s, "T48")["timeliness"]["days_late"], 3);
    assert_eq!(unit(&s, "T48")["timeliness"]["due"], "2020-04-10");
    assert_eq!(s["groups"]["I"]["late"], 1);
    assert_eq!(s["groups"]["II"]["on_time"], 1);
    assert_eq!(s["groups"]["II"]["late"], 1);
    assert_eq!(s["totals"]["missing"], 80);
    let share = s["groups"]["II"]["on_time_share"].as_f64().unwrap();
    assert!((share - 1.0 / 63.0).abs() < 1e-12);
    // Bộ Y tế (120 / 367 = 32.7%) is over the target: late, not lagging.
    let lagging = s["lagging"].as_array().unwrap();
    assert!(
        lagging.iter().all(|l| l["code"] != "BYT"),
        "lateness alone is no reason to lag"
    );
    let late: Vec<(&str, i64)> = s["late"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| {
            (
                l["code"].as_str().unwrap(),
                l["days_late"].as_i64().unwrap(),
            )
        })
        .collect();
    assert_eq!(late, [("BYT", 7), ("T48", 3)], "latest first");

    let book = wd.path("reports/2020-Q1/don-vi-cham-2020-Q1.xlsx");
    let named = |rows: &[Vec<calamine::Data>], name: &str| {
        rows.iter()
            .find(|r| r.len() > 5 && text(&r[1]) == name)
            .cloned()
    };
    let lagging_rows = sheet(&book, "Đơn vị chậm");
    assert!(named(&lagging_rows, "Bộ Y tế").is_none());
    let late_rows = sheet(&book, "Đơn vị nộp muộn");
    let byt = named(&late_rows, "Bộ Y tế").expect("Bộ Y tế is on the late list");
    assert_eq!(text(&byt[3]), "17/04/2020");
    assert_eq!(byt[4].as_f64(), Some(7.0));
    assert_eq!(text(&byt[5]), "Ngày ghi trong báo cáo");
    let dn = named(&late_rows, "Đà Nẵng").expect("Đà Nẵng is on the late list");
    assert_eq!(dn[4].as_f64(), Some(3.0));
    assert!(text(&dn[5]).starts_with("Ngày sửa tệp"));
    assert!(
        named(&late_rows, "An Giang").is_none(),
        "on the day is on time"
    );
    let overview = sheet(
        &wd.path("reports/2020-Q1/tong-hop-2020-Q1.xlsx"),
        "Tổng quan",
    );
    let late = overview
        .iter()
        .find(|r| text(&r[0]) == "Số đơn vị nộp muộn")
        .unwrap();
    assert_eq!(late[3].as_f64(), Some(2.0));

    // The deadline is a rule in the config.
    wd.write("lenient.toml", b"[deadline]\ndays_after_quarter_end = 20\n");
    wd.run_quarter("2020-Q1", &["--config", "lenient.toml"]);
    assert_eq!(wd.summary("2020-Q1")["totals"]["late"], 0);
}

fn run_history(wd: &Workdir, quarters: &[(&str, &str, u64)]) {
    for (quarter, period, level4) in quarters {
        let dir = format!("in/{quarter}");
        let due_date = {
            let q: dvctt::quarter::Quarter = quarter.parse().unwrap();
            q.last_day().format("%d/%m/%Y").to_string()
        };
        Form::new("Hà Nội", period, 2000, *level4)
            .set("Ngày báo cáo", t(&due_date))
            .save(wd, &format!("{dir}/hn.xlsx"));
        let out = wd.run_folder(quarter, &dir);
        // 3 when a change waits for confirmation, else nothing to do.
        let want = match waiting(&wd.summary(quarter)).is_empty() {
            true => 0,
            false => 3,
        };
        assert_eq!(code(&out), want, "{quarter}: {}", stderr(&out));
    }
}

#[test]
fn an_unusual_change_is_flagged_until_a_reviewer_accepts_it() {
    let wd = Workdir::new();
    // Two points a quarter, give or take, for a year and a half...
    run_history(
        &wd,
        &[
            ("2019-Q1", "Quý I/2019", 200),
            ("2019-Q2", "Quý II/2019", 240),
            ("2019-Q3", "Quý III/2019", 285),
            ("2019-Q4", "Quý IV/2019", 320),
            ("2020-Q1", "Quý I/2020", 362),
            // ...then nine points at once.
            ("2020-Q2", "Quý II/2020", 542),
        ],
    );
    let s = wd.summary("2020-Q2");
    let hn = unit(&s, "T01");
    assert_eq!(hn["flags"], serde_json::json!(["unusual_change"]));
    assert_eq!(hn["unusual"]["accepted"], false);
    let out = wd.run_folder("2020-Q2", "in/2020-Q2");
    assert!(
        stdout(&out).contains("Thay đổi bất thường cần xem xét"),
        "{}",
        stdout(&out)
    );
    assert!(
        unit(&wd.summary("2020-Q1"), "T01")["unusual"].is_null(),
        "a usual change"
    );

    wd.write(
        "reports/unusual-accepted.txt",
        b"# reviewed by the Authority\n2020-Q2 T01 new portal\n",
    );
    let out = wd.run_folder("2020-Q2", "in/2020-Q2");
    assert!(!stdout(&out).contains("unusual changes to review"));
    let s = wd.summary("2020-Q2");
    assert_eq!(unit(&s, "T01")["unusual"]["accepted"], true);
    let rows = sheet(
        &wd.path("reports/2020-Q2/tong-hop-2020-Q2.xlsx"),
        "So sánh quý trước",
    );
    let row = rows
        .iter()
        .find(|r| r.iter().any(|c| text(c) == "Hà Nội"))
        .unwrap();
    // Ghi chú (column O) keeps the flag; the reviewer's note sits beside it.
    assert!(text(&row[14]).contains("(đã xác nhận)"), "{row:?}");
    assert_eq!(text(&row[15]), "Người rà soát xác nhận: new portal");
}

#[test]
fn a_dry_run_writes_nothing_and_says_what_it_would() {
    let wd = Workdir::new();
    Form::new("An Giang", "Quý I/2020", 1915, 654).save(&wd, "submissions/ag.xlsx");
    let out = wd.run_quarter("2020-Q1", &["--dry-run"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let text = stdout(&out);
    assert!(
        text.contains("sẽ ghi reports/2020-Q1/tong-hop-2020-Q1.xlsx ("),
        "{text}"
    );
    assert!(
        text.contains("sẽ ghi reports/2020-Q1/summary.json ("),
        "{text}"
    );
    assert!(text.contains("Đơn vị: 1 hợp lệ"), "{text}");
    assert!(
        !wd.path("reports").exists(),
        "nothing written, not even a folder"
    );
    wd.run_quarter("2020-Q1", &[]);
    Form::new("An Giang", "Quý I/2020", 1915, 700).save(&wd, "submissions/ag.xlsx");
    let before = std::fs::read(wd.path("reports/2020-Q1/summary.json")).unwrap();
    let text = stdout(&wd.run_quarter("2020-Q1", &["--dry-run"]));
    assert!(
        text.contains("sẽ thay reports/2020-Q1/summary.json"),
        "{text}"
    );
    assert_eq!(
        std::fs::read(wd.path("reports/2020-Q1/summary.json")).unwrap(),
        before
    );
    assert!(!wd.path("reports/2020-Q1/truoc").exists());
}

#[test]
fn json_logs_carry_every_finding_with_its_rule() {
    let wd = Workdir::new();
    Form::new("An Giang", "Quý IV/2019", 1915, 654).save(&wd, "submissions/ag.xlsx");
    // One report of the quarter: a folder of another quarter's alone stops early.
    Form::new("Hà Nội", "Quý I/2020", 1818, 900).save(&wd, "submissions/hn.xlsx");
    let json_run = |level: &str| {
        wd.run_logging(
            &[
                "--log-format",
                "json",
                "run",
                "--quarter",
                "2020-Q1",
                "--submissions",
                "submissions",
            ],
            level,
        )
    };
    let json_lines = |out: &std::process::Output| -> Vec<serde_json::Value> {
        stderr(out)
            .lines()
            .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("not JSON: {l}: {e}")))
            .collect()
    };
    let out = json_run("info");
    let events = json_lines(&out);
    let finding = events
        .iter()
        .find(|e| e["fields"]["rule"] == "period.mismatch")
        .expect("a finding event");
    assert_eq!(finding["fields"]["file"], "ag.xlsx");
    assert_eq!(finding["fields"]["unit"], "T89");
    // RUST_LOG sets the level.
    let quiet = json_run("error");
    assert_eq!(stderr(&quiet), "");
    // A rejection is a WARN event of its own: RUST_LOG=warn still shows it.
    let warn = json_lines(&json_run("warn"));
    assert!(
        warn.iter().any(|e| e["level"] == "WARN"
            && e["fields"]["message"] == "file rejected"
            && e["fields"]["file"] == "ag.xlsx"
            && e["fields"]["rule"] == "period.mismatch"),
        "{warn:?}"
    );
    // The line a failed run ends with is JSON too.
    for level in ["info", "off"] {
        let out = wd.run_logging(
            &[
                "--log-format",
                "json",
                "run",
                "--quarter",
                "2020-Q1",
                "--submissions",
                "nowhere",
            ],
            level,
        );
        assert_eq!(code(&out), 1);
        let last = json_lines(&out).pop().expect("a fatal line");
        assert_eq!(last["level"], "ERROR", "{last}");
        assert_eq!(last["fields"]["exit_code"], 1, "{last}");
        assert!(
            last["fields"]["message"]
                .as_str()
                .unwrap()
                .contains("nowhere")
        );
    }
}

#[test]
fn a_command_line_mistake_is_json_too_when_json_logs_were_asked_for() {
    let wd = Workdir::new();
    for args in [
        &["--log-format", "json", "run", "--quarter", "2020-Q9"][..],
        &["--log-format=json", "run", "--no-such-option"][..],
        &[
            "check",
            "--quarter",
            "2020-Q9",
            "--log-format",
            "json",
            "x.xlsx",
        ][..],
    ] {
        let out = wd.run(args);
        assert_eq!(code(&out), 2, "{args:?}");
        let err = stderr(&out);
        let lines: Vec<&str> = err.lines().collect();
        assert_eq!(lines.len(), 1, "{args:?}: {lines:?}");
        let line: serde_json::Value = serde_json::from_str(lines[0])
            .unwrap_or_else(|e| panic!("{args:?}: not JSON: {}: {e}", lines[0]));
        assert_eq!(line["level"], "ERROR");
        assert_eq!(line["fields"]["exit_code"], 2);
        assert!(!line["fields"]["message"].as_str().unwrap().is_empty());
    }
    // Asked for text (the default), it is the one Vietnamese line.
    let out = wd.run(&["run", "--quarter", "2020-Q9"]);
    assert!(stderr(&out).starts_with("dvctt: "), "{}", stderr(&out));
}

/// The shipped roster's 2020 units, with two mergers after 2020-Q1: Hà
/// Giang and Tuyên Quang form a new Tuyên Quang (T08M); Hà Nam and Ninh Bình
/// form a new Ninh Bình (T37M); Bộ Tài chính absorbs Bộ Kế hoạch và Đầu tư
/// (BTCM).
fn merged_roster() -> String {
    let shipped = std::fs::read_to_string(format!("{REPO}/templates/roster.toml")).unwrap();
    let mut text = String::new();
    for block in shipped.split("\n[[unit]]\n").skip(1) {
        if block.contains("valid_from = \"2025") {
            continue;
        }
        let mut block: String = block
            .lines()
            .filter(|l| !l.starts_with("valid_to") && !l.starts_with('#'))
            .map(|l| format!("{l}\n"))
            .collect();
        for code in [
            "\"T02\"",
            "\"T08\"",
            "\"T35\"",
            "\"T37\"",
            "\"BKHDT\"",
            "\"BTC\"",
        ] {
            if block.starts_with(&format!("code = {code}")) {
                block.push_str("valid_to = \"2020-Q1\"\n");
            }
        }
        text.push_str("\n[[unit]]\n");
        text.push_str(&block);
    }
    text.push_str(
        "\n[[unit]]\ncode = \"T08M\"\nname = \"Tuyên Quang\"\ngroup = \"II\"\nvalid_from = \"2020-Q2\"\npredecessors = [\"T02\", \"T08\"]\n\n\
         [[unit]]\ncode = \"T37M\"\nname = \"Ninh Bình\"\ngroup = \"II\"\nvalid_from = \"2020-Q2\"\npredecessors = [\"T35\", \"T37\"]\n\n\
         [[unit]]\ncode = \"BTCM\"\nname = \"Bộ Tài chính\"\ngroup = \"I\"\nvalid_from = \"2020-Q2\"\npredecessors = [\"BTC\", \"BKHDT\"]\n",
    );
    text
}

#[test]
fn mergers_across_a_quarter_boundary_sum_the_predecessors() {
    let wd = Workdir::new();
    wd.write("roster.toml", merged_roster().as_bytes());
    wd.write("dvctt.toml", b"roster = \"roster.toml\"\n");
    let q1 = [
        ("Hà Giang", 2053, 121),
        ("Tuyên Quang", 1933, 150),
        ("Hà Nam", 2372, 414),
        ("Ninh Bình", 1818, 319),
        ("Bộ Tài chính", 914, 307),
        ("Bộ Kế hoạch và Đầu tư", 60, 45),
    ];
    for (i, (name, total, level4)) in q1.iter().enumerate() {
        Form::new(name, "Quý I/2020", *total, *level4).save(&wd, &format!("in/q1/{i}.xlsx"));
    }
    let out = wd.run(&["run", "--quarter", "2020-Q1", "--submissions", "in/q1"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert_eq!(wd.summary("2020-Q1")["totals"]["expected"], 83);

    Form::new("Tuyên Quang", "Quý II/2020", 3986, 400)
        .set("Ngày báo cáo", t("05/07/2020"))
        .save(&wd, "in/q2/tq.xlsx");
    Form::new("Bộ Tài chính", "Quý II/2020", 974, 360)
        .set("Ngày báo cáo", t("05/07/2020"))
        .save(&wd, "in/q2/btc.xlsx");
    Form::new("Hà Giang", "Quý II/2020", 2053, 130)
        .set("Ngày báo cáo", t("05/07/2020"))
        .save(&wd, "in/q2/hg.xlsx");
    let out = wd.run(&["run", "--quarter", "2020-Q2", "--submissions", "in/q2"]);
    assert_eq!(code(&out), 3, "{}", stderr(&out));
    let s = wd.summary("2020-Q2");
    assert_eq!(s["totals"]["expected"], 83 - 6 + 3);
    let tq = unit(&s, "T08M");
    assert_eq!(tq["status"], "accepted");
    assert_eq!(tq["previous"]["total"], 2053 + 1933);
    assert_eq!(tq["previous"]["level4"], 121 + 150);
    assert_eq!(tq["previous"]["sources"], serde_json::json!(["T02", "T08"]));
    assert_eq!(tq["flags"], serde_json::json!([]));
    let btc = unit(&s, "BTCM");
    assert_eq!(btc["previous"]["total"], 914 + 60);
    assert_eq!(btc["previous"]["level4"], 307 + 45);
    // The merged unit that did not report.
    let nb = unit(&s, "T37M");
    assert_eq!(nb["status"], "missing");
    assert_eq!(nb["previous"]["total"], 2372 + 1818);
    let lagging = s["lagging"].as_array().unwrap();
    assert!(
        lagging
            .iter()
            .any(|l| l["code"] == "T37M" && l["reasons"][0] == "missing")
    );
    assert!(
        s["units"]
            .as_array()
            .unwrap()
            .iter()
            .all(|u| u["code"] != "T02" && u["code"] != "BKHDT")
    );
    // A file from a unit merged away.
    assert_eq!(rules_for(&s, "hg.xlsx"), ["unit.inactive"]);
    let message = s["findings"][0]["message"].as_str().unwrap();
    assert!(message.contains("Tuyên Quang báo cáo thay"), "{message}");
    // The comparison sheet says so.
    let rows = sheet(
        &wd.path("reports/2020-Q2/tong-hop-2020-Q2.xlsx"),
        "So sánh quý trước",
    );
    let row = rows
        .iter()
        .find(|r| r.len() > 14 && text(&r[1]) == "T08M")
        .unwrap();
    assert!(
        text(&row[14]).contains("Số liệu quý trước là tổng của: Hà Giang, Tuyên Quang"),
        "{row:?}"
    );
}

#[test]
fn config_says_how_many_units_report_in_the_current_quarter() {
    let wd = Workdir::new();
    // Counted from the roster file itself: every [[unit]], and those whose
    // valid_from/valid_to ("YYYY-Qn", comparable as text) cover the quarter.
    let roster: toml::Value =
        toml::from_str(&std::fs::read_to_string(format!("{REPO}/templates/roster.toml")).unwrap())
            .unwrap();
    let units = roster["unit"].as_array().unwrap();
    let in_quarter = |q: &str| {
        units
            .iter()
            .filter(|u| u.get("valid_from").is_none_or(|f| f.as_str().unwrap() <= q))
            .filter(|u| u.get("valid_to").is_none_or(|t| t.as_str().unwrap() >= q))
            .count()
    };
    for (today, quarter, words) in [
        ("2020-04-15", "2020-Q1", "Quý I/2020"),
        ("2026-11-23", "2026-Q3", "Quý III/2026"),
    ] {
        let out = dvctt_command(BIN)
            .arg("config")
            .current_dir(wd.path(""))
            .env("DVCTT_TODAY", today)
            .output()
            .unwrap();
        assert_eq!(code(&out), 0, "{}", stderr(&out));
        assert_eq!(
            stdout(&out),
            format!(
                "Cấu hình hợp lệ: {} đơn vị trong danh mục, {} đơn vị báo cáo {words}\n",
                units.len(),
                in_quarter(quarter)
            )
        );
    }
    // Letter 929's appendix: 83 units (20 ministries, 63 provinces) in 2020.
    assert_eq!(in_quarter("2020-Q1"), 83);
}
