//! Unusual changes (issue #15): robust statistics over a unit's own
//! changes, the cause named in every output, the reviewer's acceptances
//! carried into later quarters. The simulation of years of quarters is in
//! `simulation.rs`.

use crate::support::*;
use dvctt::quarter::Quarter;

/// The quarters from 2019-Q1 on, `count` of them.
pub fn quarters_from_2019(count: usize) -> Vec<Quarter> {
    (0..count)
        .map(|i| Quarter::new(2019 + (i / 4) as i32, (i % 4) as u8 + 1).unwrap())
        .collect()
}

/// Runs one quarter on forms (unit name, total, level-4) sent on the
/// quarter's last day; `extra` is added to the command line.
pub fn run_one(wd: &Workdir, quarter: Quarter, units: &[(&str, u64, u64)], extra: &[&str]) {
    let dir = format!("in/{quarter}");
    for (i, (name, total, level4)) in units.iter().enumerate() {
        Form::new(name, &quarter.vietnamese(), *total, *level4)
            .set(
                "Ngày báo cáo",
                t(&quarter.last_day().format("%d/%m/%Y").to_string()),
            )
            .save(wd, &format!("{dir}/{i}.xlsx"));
    }
    let q = quarter.to_string();
    let mut args = vec![
        "run",
        "--quarter",
        &q,
        "--submissions",
        &dir,
        "--reports",
        "reports",
    ];
    args.extend_from_slice(extra);
    let out = wd.run(&args);
    assert!([0, 3].contains(&code(&out)), "{quarter}: {}", stderr(&out));
}

/// The unit's note in `So sánh quý trước`, and the opening tag of its row
/// in the sheet's XML (where its height is).
fn comparison_note(wd: &Workdir, quarter: &str, name: &str) -> (String, String) {
    let book = wd.path(&format!("reports/{quarter}/tong-hop-{quarter}.xlsx"));
    let rows = sheet(&book, "So sánh quý trước");
    let index = rows
        .iter()
        .position(|r| r.iter().any(|c| text(c) == name))
        .unwrap_or_else(|| panic!("{name} in So sánh quý trước"));
    // The title is in the first row, so the range starts at row 1.
    let tag = format!("<row r=\"{}\"", index + 1);
    let part = xml(&book, "xl/worksheets/sheet3.xml");
    let at = part.find(&tag).expect("the row in sheet3.xml");
    let row_tag = part[at..at + part[at..].find('>').unwrap()].to_string();
    (text(&rows[index][14]), row_tag)
}

#[test]
fn an_unusual_change_names_what_moved_in_every_output() {
    let wd = Workdir::new();
    // Hà Nội: 44 more services a quarter over 2,202 procedures (2 points),
    // then the list is cut to 1,890 with the services unchanged.
    // Đà Nẵng: 14 more a quarter over 1,398 (1 point), then 168 at once.
    // Bộ Giao thông vận tải: 9 more a quarter over 500 (1.8 points), then
    // none: a unit that held still is not unusual.
    let quarters = quarters_from_2019(6);
    for (i, q) in quarters.iter().enumerate() {
        let i = i as u64;
        let last = i == 5;
        let units = [
            (
                "Hà Nội",
                if last { 1890 } else { 2202 },
                925 + 44 * i.min(4),
            ),
            ("Đà Nẵng", 1398, if last { 504 } else { 280 + 14 * i }),
            ("Bộ Giao thông vận tải", 500, 100 + 9 * i.min(4)),
        ];
        run_one(&wd, *q, &units, &[]);
    }
    let s = wd.summary("2020-Q2");
    let hn = &unit(&s, "T01")["unusual"];
    assert_eq!(hn["cause"]["part"], "total", "{hn}");
    assert_eq!(hn["cause"]["text"], "Tổng số TTHC giảm 14%: 2.202 → 1.890");
    // 1,101 / 1,890 − 1,101 / 2,202, all of it from the total.
    let moved = (1101.0 / 1890.0 - 1101.0 / 2202.0) * 100.0;
    let total_effect = hn["cause"]["total_effect_points"].as_f64().unwrap();
    assert!((total_effect - moved).abs() < 1e-9, "{hn}");
    assert_eq!(hn["cause"]["level4_effect_points"], 0.0);
    assert_eq!(hn["past_changes"], 4);
    assert_eq!(hn["accepted"], false);
    let dn = &unit(&s, "T48")["unusual"];
    assert_eq!(dn["cause"]["part"], "level4", "{dn}");
    assert_eq!(dn["cause"]["text"], "Số DVCTT mức độ 4 tăng 168: 336 → 504");
    let bgtvt = unit(&s, "BGTVT");
    assert!(bgtvt["unusual"].is_null(), "{bgtvt}");
    assert_eq!(bgtvt["change_points"], 0.0);

    let (note, row) = comparison_note(&wd, "2020-Q2", "Hà Nội");
    assert!(
        note.contains(
            "Thay đổi bất thường so với các quý trước: Tổng số TTHC giảm 14%: 2.202 → 1.890; \
             tỷ lệ thay đổi +8,25 điểm %, thường +2,00 điểm % (trung vị của 4 quý trước)"
        ),
        "{note}"
    );
    // The note runs to several lines, and the row is as tall as they are.
    assert!(row.contains(r#"customHeight="1""#), "{row}");
    let (note, _) = comparison_note(&wd, "2020-Q2", "Đà Nẵng");
    assert!(note.contains("Số DVCTT mức độ 4 tăng 168"), "{note}");
    let (note, plain) = comparison_note(&wd, "2020-Q2", "Bộ Giao thông vận tải");
    assert_eq!(note, "");
    // Points tall, from the row's `ht` (none: the default height).
    let height = |tag: &str| {
        tag.split("ht=\"")
            .nth(1)
            .and_then(|rest| rest.split('"').next())
            .map_or(15.0, |h| h.parse::<f64>().unwrap())
    };
    assert!(height(&row) > height(&plain) + 15.0, "{row} / {plain}");

    let out = wd.run_folder("2020-Q2", "in/2020-Q2");
    let text = stdout(&out);
    assert!(
        text.contains("2020-Q2 T01 (Hà Nội): Tổng số TTHC giảm 14%: 2.202 → 1.890"),
        "{text}"
    );
    assert!(text.contains("2020-Q2 T48 (Đà Nẵng): Số DVCTT mức độ 4 tăng 168: 336 → 504"));
    assert!(!text.contains("BGTVT"), "{text}");
}

#[test]
fn the_old_sigma_key_still_loads_as_the_threshold() {
    let wd = Workdir::new();
    wd.write("old.toml", b"[history]\nunusual_sigma = 4.0\n");
    let out = wd.run(&["config", "--config", "old.toml", "--print"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert!(
        stdout(&out).contains("unusual_threshold = 4.0"),
        "{}",
        stdout(&out)
    );
    // A bad value under the former name is found on its line all the same.
    wd.write("bad.toml", b"# old file\n[history]\nunusual_sigma = -1\n");
    let out = wd.run(&["config", "--config", "bad.toml"]);
    assert_eq!(code(&out), 2, "{}", stderr(&out));
    assert!(
        stderr(&out).contains("dòng 3: history.unusual_threshold"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn an_accepted_jump_is_left_out_of_later_quarters_statistics() {
    let wd = Workdir::new();
    // Two units alike: 2 points a quarter over 1,000 procedures, 12 points
    // at once in 2020-Q2, 2 points in 2020-Q3, 15 points in 2020-Q4. The
    // reviewer accepts Hà Nội's first jump, not Hải Phòng's.
    let level4 = [100, 120, 140, 160, 180, 300, 320, 470];
    let quarters = quarters_from_2019(level4.len());
    for (q, l4) in quarters.iter().zip(level4) {
        if q.to_string() == "2020-Q3" {
            wd.write("reports/unusual-accepted.txt", b"2020-Q2 T01 new portal\n");
        }
        run_one(
            &wd,
            *q,
            &[("Hà Nội", 1000, l4), ("Hải Phòng", 1000, l4)],
            &[],
        );
    }
    let q2 = wd.summary("2020-Q2");
    assert_eq!(unit(&q2, "T01")["unusual"]["past_changes"], 4);
    assert_eq!(unit(&q2, "T31")["unusual"]["past_changes"], 4);
    // After the jump, an ordinary quarter is ordinary for both.
    let q3 = wd.summary("2020-Q3");
    assert!(unit(&q3, "T01")["unusual"].is_null());
    // Hải Phòng's 2020-Q2 was never confirmed: 2020-Q3 is compared with
    // its last confirmed figure (2020-Q1's), and waits again.
    let hp3 = unit(&q3, "T31");
    assert_eq!(hp3["previous"]["quarter"], "2020-Q1", "{hp3}");
    assert_eq!(hp3["awaiting_confirmation"], true, "{hp3}");
    // The next jump is unusual for both; Hà Nội's statistics no longer
    // count the accepted one: five changes of 2 points.
    let q4 = wd.summary("2020-Q4");
    let hn = &unit(&q4, "T01")["unusual"];
    assert_eq!(hn["past_changes"], 5, "{hn}");
    assert_eq!(
        hn["median_points"]
            .as_f64()
            .map(|m| (m * 1e6).round() / 1e6),
        Some(2.0)
    );
    assert_eq!(
        hn["mad_points"].as_f64().map(|m| (m * 1e6).round() / 1e6),
        Some(0.0)
    );
    assert!(
        (hn["mean_points"].as_f64().unwrap() - 2.0).abs() < 1e-9,
        "{hn}"
    );
    let hp = &unit(&q4, "T31")["unusual"];
    assert_eq!(hp["past_changes"], 6, "{hp}");
    assert!(
        (hp["mean_points"].as_f64().unwrap() - 22.0 / 6.0).abs() < 1e-9,
        "{hp}"
    );
}

#[test]
fn a_small_unit_s_ordinary_growth_is_never_unusual_and_its_jump_is() {
    let wd = Workdir::new();
    // Issue #23: 27 procedures, 2 or 3 level-4 services added now and
    // then, none in most quarters (median and MAD of its changes 0): each
    // addition is 7 to 11 points. Then, in the last quarter, 8 at once.
    let added = [0, 0, 0, 2, 0, 0, 3, 0, 0, 2, 0, 3, 8];
    let quarters = quarters_from_2019(added.len());
    let mut level4 = 5;
    for (q, add) in quarters.iter().zip(added) {
        level4 += add;
        run_one(&wd, *q, &[("Bộ Ngoại giao", 27, level4)], &[]);
    }
    let flagged: Vec<String> = quarters
        .iter()
        .filter(|q| !unit(&wd.summary(&q.to_string()), "BNG")["unusual"].is_null())
        .map(ToString::to_string)
        .collect();
    assert_eq!(flagged, ["2022-Q1"], "only the jump of 8 services");
}
