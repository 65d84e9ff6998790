//! Further back than the previous quarter (#13 point 4): the same quarter a
//! year before, through a merger too, and the quarters in a row a unit has
//! been under the target, a lagging reason from `[lagging]
//! quarters_under_target` on. The history is what the job itself leaves
//! under `reports/`: a past quarter's summary.json, written here by hand.

use crate::support::*;
use calamine::Data;

/// `reports/<quarter>/summary.json` as an earlier run leaves it, with the
/// accepted units (code, total, level-4).
pub fn past_summary(wd: &Workdir, quarter: &str, units: &[(&str, u64, u64)]) {
    let units: Vec<serde_json::Value> = units
        .iter()
        .map(|(code, total, level4)| {
            serde_json::json!({
                "code": code, "status": "accepted", "total": total, "level4": level4
            })
        })
        .collect();
    let json = serde_json::json!({ "schema_version": 1, "quarter": quarter, "units": units });
    wd.write(
        &format!("reports/{quarter}/summary.json"),
        serde_json::to_string_pretty(&json).unwrap().as_bytes(),
    );
}

/// A sheet's header row (the one whose first cell is `TT`) and the rows
/// under it.
pub fn table_of(rows: &[Vec<Data>]) -> (Vec<String>, Vec<Vec<Data>>) {
    let at = rows
        .iter()
        .position(|r| r.first().is_some_and(|c| text(c) == "TT"))
        .expect("a header row starting with TT");
    let header = rows[at].iter().map(text).collect();
    (header, rows[at + 1..].to_vec())
}

/// The cell of `row` under the header that starts with `header`.
pub fn under<'a>(header: &[String], row: &'a [Data], starts: &str) -> &'a Data {
    let col = header
        .iter()
        .position(|h| h.starts_with(starts))
        .unwrap_or_else(|| panic!("no column {starts:?} in {header:?}"));
    &row[col]
}

pub fn row_named<'a>(rows: &'a [Vec<Data>], name: &str) -> Option<&'a Vec<Data>> {
    rows.iter().find(|r| r.iter().any(|c| text(c) == name))
}

fn lagging_of<'a>(s: &'a serde_json::Value, code: &str) -> Option<&'a serde_json::Value> {
    s["lagging"]
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["code"] == code)
}

fn close(value: &serde_json::Value, want: f64) {
    let got = value
        .as_f64()
        .unwrap_or_else(|| panic!("{value} is no number"));
    assert!((got - want).abs() < 1e-9, "{got} != {want}");
}

#[test]
fn a_unit_under_target_three_quarters_running_is_listed_for_it() {
    let wd = Workdir::new();
    // The target is 30% in 2019 and 2020; none for 2018.
    // Đà Nẵng (T48): 40% in 2019-Q2, then 20%, 25%, and 28% now: three in a row.
    // Bắc Ninh (T27): 35% in 2019-Q3, then 20%, and 21% now: two.
    // Quảng Bình (T44): under every quarter but no figure in 2019-Q3: two.
    // Cần Thơ (T92): under in 2018-Q4 (no target that year) and every
    // quarter of 2019, and now: five (2019-Q1 … 2020-Q1).
    // Hà Nội (T01): over the target now: none, whatever came before.
    past_summary(&wd, "2018-Q4", &[("T92", 1000, 100)]);
    past_summary(&wd, "2019-Q1", &[("T92", 1000, 110), ("T44", 1000, 100)]);
    past_summary(
        &wd,
        "2019-Q2",
        &[
            ("T48", 1000, 400),
            ("T92", 1000, 120),
            ("T44", 1000, 100),
            ("T01", 2000, 200),
        ],
    );
    past_summary(
        &wd,
        "2019-Q3",
        &[
            ("T48", 1000, 200),
            ("T27", 1000, 350),
            ("T92", 1000, 130),
            ("T01", 2000, 200),
        ],
    );
    past_summary(
        &wd,
        "2019-Q4",
        &[
            ("T48", 1000, 250),
            ("T27", 1000, 200),
            ("T92", 1000, 140),
            ("T44", 1000, 100),
            ("T01", 2000, 200),
        ],
    );
    for (file, name, total, level4) in [
        ("dn.xlsx", "Đà Nẵng", 1000, 280),
        ("bn.xlsx", "Bắc Ninh", 1000, 210),
        ("qb.xlsx", "Quảng Bình", 1000, 100),
        ("ct.xlsx", "Cần Thơ", 1000, 150),
        ("hn.xlsx", "Hà Nội", 2000, 700),
    ] {
        Form::new(name, "Quý I/2020", total, level4).save(&wd, &format!("submissions/{file}"));
    }
    wd.write("n3.toml", b"[lagging]\nquarters_under_target = 3\n");
    let out = wd.run_quarter("2020-Q1", &["--config", "n3.toml"]);
    assert!([0, 3].contains(&code(&out)), "{}", stderr(&out));
    let s = wd.summary("2020-Q1");
    let counts: Vec<(&str, serde_json::Value)> = ["T48", "T27", "T44", "T92", "T01"]
        .iter()
        .map(|c| (*c, unit(&s, c)["quarters_under_target"].clone()))
        .collect();
    assert_eq!(
        counts,
        [
            ("T48", 3.into()),
            ("T27", 2.into()),
            ("T44", 2.into()),
            ("T92", 5.into()),
            ("T01", 0.into())
        ]
    );
    // A unit that sent nothing has no run to count.
    assert!(unit(&s, "T89")["quarters_under_target"].is_null());
    let reasons = |code: &str| lagging_of(&s, code).map(|l| l["reasons"].clone());
    assert_eq!(
        reasons("T48").unwrap(),
        serde_json::json!(["under_target_in_a_row", "below_target"])
    );
    assert_eq!(
        reasons("T92").unwrap(),
        serde_json::json!(["under_target_in_a_row", "below_target"])
    );
    // Two quarters with N = 3: under the target, not under it three in a row.
    assert_eq!(reasons("T27").unwrap(), serde_json::json!(["below_target"]));
    assert_eq!(reasons("T44").unwrap(), serde_json::json!(["below_target"]));
    assert!(reasons("T01").is_none());
    assert_eq!(lagging_of(&s, "T27").unwrap()["quarters_under_target"], 2);
    // Three in a row comes before "under the target" alone.
    let order: Vec<&str> = s["lagging"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|l| l["code"].as_str())
        .filter(|c| ["T48", "T27", "T92"].contains(c))
        .collect();
    assert_eq!(order, ["T92", "T48", "T27"]);

    // The signed list says it, with the count, in its own column too.
    let book = wd.path("reports/2020-Q1/don-vi-cham-2020-Q1.xlsx");
    let (header, rows) = table_of(&sheet(&book, "Đơn vị chậm"));
    let dn = row_named(&rows, "Đà Nẵng").expect("Đà Nẵng lags");
    assert_eq!(
        text(under(&header, dn, "Lý do")),
        "Chưa đạt chỉ tiêu 30% trong 3 quý liên tiếp"
    );
    assert_eq!(under(&header, dn, "Số quý liên tiếp").as_f64(), Some(3.0));
    let bn = row_named(&rows, "Bắc Ninh").expect("Bắc Ninh lags");
    assert_eq!(text(under(&header, bn, "Lý do")), "Chưa đạt chỉ tiêu 30%");
    assert_eq!(under(&header, bn, "Số quý liên tiếp").as_f64(), Some(2.0));
    // The comparison sheet has the column as well.
    let book = wd.path("reports/2020-Q1/tong-hop-2020-Q1.xlsx");
    let (header, rows) = table_of(&sheet(&book, "So sánh quý trước"));
    let ct = row_named(&rows, "Cần Thơ").unwrap();
    assert_eq!(under(&header, ct, "Số quý liên tiếp").as_f64(), Some(5.0));
    let hn = row_named(&rows, "Hà Nội").unwrap();
    assert_eq!(text(under(&header, hn, "Số quý liên tiếp")), "");

    // With the default N = 2, two quarters are enough.
    let out = wd.run_quarter("2020-Q1", &[]);
    assert!([0, 3].contains(&code(&out)), "{}", stderr(&out));
    let s = wd.summary("2020-Q1");
    assert_eq!(
        lagging_of(&s, "T27").unwrap()["reasons"],
        serde_json::json!(["under_target_in_a_row", "below_target"])
    );
}

#[test]
fn quarters_under_target_out_of_range_is_refused_with_its_key() {
    let wd = Workdir::new();
    Form::new("Đà Nẵng", "Quý I/2020", 1000, 280).save(&wd, "submissions/dn.xlsx");
    for bad in ["1", "101"] {
        wd.write(
            "bad.toml",
            format!("[lagging]\nquarters_under_target = {bad}\n").as_bytes(),
        );
        let out = wd.run_quarter("2020-Q1", &["--config", "bad.toml"]);
        assert_eq!(code(&out), 2, "{bad}: {}", stderr(&out));
        assert!(
            stderr(&out).contains("lagging.quarters_under_target"),
            "{}",
            stderr(&out)
        );
    }
}

#[test]
fn the_same_quarter_last_year_is_shown_beside_the_previous_one() {
    let wd = Workdir::new();
    past_summary(&wd, "2019-Q1", &[("T48", 1250, 250), ("T01", 2000, 900)]);
    past_summary(&wd, "2019-Q4", &[("T48", 1000, 250), ("T01", 2000, 600)]);
    Form::new("Đà Nẵng", "Quý I/2020", 1000, 280).save(&wd, "submissions/dn.xlsx");
    Form::new("Hà Nội", "Quý I/2020", 2000, 700).save(&wd, "submissions/hn.xlsx");
    Form::new("Bắc Ninh", "Quý I/2020", 800, 200).save(&wd, "submissions/bn.xlsx");
    let out = wd.run_quarter("2020-Q1", &[]);
    assert!([0, 3].contains(&code(&out)), "{}", stderr(&out));
    let s = wd.summary("2020-Q1");
    let dn = &unit(&s, "T48");
    // 250 / 1,250 = 20% a year before; 28% now: +8 points.
    assert_eq!(dn["year_ago"]["quarter"], "2019-Q1");
    assert_eq!(dn["year_ago"]["total"], 1250);
    assert_eq!(dn["year_ago"]["level4"], 250);
    close(&dn["year_ago"]["ratio"], 0.2);
    close(&dn["year_ago"]["change_points"], 8.0);
    assert_eq!(dn["year_ago"]["sources"], serde_json::json!(["T48"]));
    // Beside the previous quarter, which stays as it was.
    close(&dn["previous"]["ratio"], 0.25);
    close(&dn["change_points"], 3.0);
    let hn = unit(&s, "T01");
    // 900 / 2,000 = 45% then, 35% now.
    close(&hn["year_ago"]["change_points"], -10.0);
    // Bắc Ninh has no figure a year before: nothing is made up.
    assert!(unit(&s, "T27")["year_ago"].is_null());

    let book = wd.path("reports/2020-Q1/tong-hop-2020-Q1.xlsx");
    let (header, rows) = table_of(&sheet(&book, "So sánh quý trước"));
    assert!(
        header
            .iter()
            .any(|h| h == "Tỷ lệ Quý I/2019 (cùng kỳ năm trước)"),
        "{header:?}"
    );
    let dn = row_named(&rows, "Đà Nẵng").unwrap();
    let ratio = under(&header, dn, "Tỷ lệ Quý I/2019").as_f64().unwrap();
    assert!((ratio - 0.2).abs() < 1e-12, "{ratio}");
    let points = under(&header, dn, "Thay đổi so với cùng kỳ")
        .as_f64()
        .unwrap();
    assert!((points - 8.0).abs() < 1e-9, "{points}");
    let hn = row_named(&rows, "Hà Nội").unwrap();
    let points = under(&header, hn, "Thay đổi so với cùng kỳ")
        .as_f64()
        .unwrap();
    assert!((points + 10.0).abs() < 1e-9, "{points}");
    let bn = row_named(&rows, "Bắc Ninh").unwrap();
    assert_eq!(text(under(&header, bn, "Tỷ lệ Quý I/2019")), "");
}

#[test]
fn the_same_quarter_last_year_of_a_merged_ministry_is_its_parts_sum() {
    let wd = Workdir::new();
    // Bộ Giao thông vận tải merged whole into Bộ Xây dựng in 2025-Q2: a year
    // before 2025-Q3, the two reported apart.
    past_summary(&wd, "2024-Q3", &[("BXD", 300, 60), ("BGTVT", 500, 140)]);
    past_summary(&wd, "2025-Q2", &[("BXD-2025", 800, 240)]);
    Form::new("Bộ Xây dựng", "Quý III/2025", 780, 273)
        .set("Ngày báo cáo", t("06/10/2025"))
        .save(&wd, "submissions/bxd.xlsx");
    let out = wd.run_quarter("2025-Q3", &[]);
    assert!([0, 3].contains(&code(&out)), "{}", stderr(&out));
    let s = wd.summary("2025-Q3");
    let bxd = unit(&s, "BXD-2025");
    assert_eq!(bxd["status"], "accepted", "{bxd}");
    let year_ago = &bxd["year_ago"];
    assert_eq!(year_ago["quarter"], "2024-Q3");
    assert_eq!(year_ago["total"], 800);
    assert_eq!(year_ago["level4"], 200);
    assert_eq!(year_ago["sources"], serde_json::json!(["BXD", "BGTVT"]));
    // 273 / 780 = 35% against 200 / 800 = 25%.
    close(&year_ago["change_points"], 10.0);
    // 2025 has no target: no run to count.
    assert!(bxd["quarters_under_target"].is_null());

    let book = wd.path("reports/2025-Q3/tong-hop-2025-Q3.xlsx");
    let (header, rows) = table_of(&sheet(&book, "So sánh quý trước"));
    let row = row_named(&rows, "Bộ Xây dựng").unwrap();
    let ratio = under(&header, row, "Tỷ lệ Quý III/2024").as_f64().unwrap();
    assert!((ratio - 0.25).abs() < 1e-12, "{ratio}");
    let note = text(under(&header, row, "Ghi chú"));
    assert!(
        note.contains("Số liệu Quý III/2024 là tổng của: Bộ Xây dựng, Bộ Giao thông vận tải"),
        "{note}"
    );
}
