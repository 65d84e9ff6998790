//! What the overview page says, read back from the browser and held against
//! summary.json: every unit's figures, the headline figures, the lists in
//! the report's order, sorting, and text from a submission shown as text.

use super::browser::{Opening, browser};
use super::{Ran, count, percent, run_in, sample, sample_probe, strings};
use crate::support::*;
use serde_json::Value;

fn unit_status_word(status: &str) -> &'static str {
    match status {
        "accepted" => "Hợp lệ",
        "rejected" => "Không hợp lệ",
        "missing" => "Chưa nộp",
        other => panic!("status {other}"),
    }
}

/// `+2,68`, `-0,40`, `0,00`.
fn points(p: f64) -> String {
    let rounded = (p * 100.0).round() / 100.0;
    let sign = match rounded {
        r if r > 0.0 => "+",
        r if r < 0.0 => "-",
        _ => "",
    };
    format!("{sign}{:.2}", rounded.abs()).replace('.', ",")
}

/// The cells the units' table must show for `unit`, worked out from
/// summary.json alone.
fn expected_row(ran: &Ran, index: usize, unit: &Value) -> Vec<String> {
    let s = &ran.summary;
    let code = unit["code"].as_str().expect("code");
    let accepted = unit["status"] == "accepted";
    let findings = |severity: &str| {
        s["findings"]
            .as_array()
            .expect("findings")
            .iter()
            .filter(|f| f["unit"] == code && f["severity"] == severity)
            .count()
            .to_string()
    };
    let or_dash = |v: Option<String>| v.unwrap_or_else(|| "-".to_string());
    let figure = |key: &str| or_dash(unit[key].as_u64().filter(|_| accepted).map(count));
    let feedback = strings(&s["feedback"]["units"]);
    vec![
        (index + 1).to_string(),
        code.to_string(),
        unit["name"].as_str().expect("name").to_string(),
        unit["group"].as_str().expect("group").to_string(),
        figure("total"),
        figure("level4"),
        or_dash(unit["ratio"].as_f64().filter(|_| accepted).map(percent)),
        or_dash(unit["previous"]["ratio"].as_f64().map(percent)),
        or_dash(
            unit["change_points"]
                .as_f64()
                .filter(|_| accepted)
                .map(points),
        ),
        unit_status_word(unit["status"].as_str().expect("status")).to_string(),
        findings("error"),
        findings("warning"),
        if feedback.iter().any(|f| f == code) {
            code.to_string()
        } else {
            String::new()
        },
    ]
}

#[test]
fn every_units_figures_are_shown_as_the_summary_says() {
    let Some(browser) = browser() else { return };
    let ran = sample();
    let probe = sample_probe(&browser);
    let rows = probe["units"].as_array().expect("the units' rows");
    assert_eq!(rows.len(), ran.units().len(), "one row per unit");
    for (i, (row, unit)) in rows.iter().zip(ran.units()).enumerate() {
        assert_eq!(row["code"], unit["code"], "roster order");
        assert_eq!(
            strings(&row["cells"]),
            expected_row(ran, i, unit),
            "{}",
            unit["name"]
        );
    }
    // Bạc Liêu's report was rejected: no figure of it is shown as valid.
    let bac_lieu = rows.iter().find(|r| r["code"] == "T95").expect("T95");
    assert_eq!(strings(&bac_lieu["cells"])[4..7], ["-", "-", "-"]);
    // The hint that the headers sort shows only where scripts run.
    assert_eq!(probe["hintShown"], true);
}

/// Σ level 4 ÷ Σ total over `units`' figures `now` or `previous`.
fn pooled(units: &[&Value], previous: bool) -> f64 {
    let pick = |u: &Value, key: &str| {
        let from = if previous { &u["previous"] } else { u };
        from[key].as_u64().expect("a figure") as f64
    };
    let level4: f64 = units.iter().map(|u| pick(u, "level4")).sum();
    let total: f64 = units.iter().map(|u| pick(u, "total")).sum();
    level4 / total
}

#[test]
fn the_headline_figures_are_the_reports_on_like_for_like_units() {
    let Some(browser) = browser() else { return };
    let ran = sample();
    let probe = sample_probe(&browser);
    let cards = strings(&probe["cards"]);
    let totals = &ran.summary["totals"];
    let card = |start: &str| {
        cards
            .iter()
            .find(|c| c.starts_with(start))
            .unwrap_or_else(|| panic!("no card '{start}' in {cards:?}"))
            .clone()
    };
    assert!(card("Báo cáo hợp lệ").contains(&format!(
        "{}/{} đơn vị",
        totals["accepted"], totals["expected"]
    )));
    let nation = card("Tỷ lệ DVCTT mức độ 4 chung cả nước");
    assert!(nation.contains(&percent(totals["pooled_ratio"].as_f64().unwrap())));
    // Each group's ratio, and its change worked out here over the units
    // accepted now that had figures last quarter (not all of them did).
    for (group, label) in [
        ("I", "Bộ, cơ quan ngang bộ (nhóm I)"),
        ("II", "Tỉnh, thành phố (nhóm II)"),
    ] {
        let text = card(label);
        let g = &ran.summary["groups"][group];
        assert!(
            text.contains(&format!("{}/{} hợp lệ", g["accepted"], g["expected"])),
            "{text}"
        );
        assert!(
            text.contains(&percent(g["pooled_ratio"].as_f64().unwrap())),
            "{text}"
        );
        let both: Vec<&Value> = ran
            .units()
            .iter()
            .filter(|u| u["group"] == group && u["status"] == "accepted")
            .filter(|u| u["previous"].is_object())
            .collect();
        let (before, now) = (pooled(&both, true), pooled(&both, false));
        assert!(now > before, "the sample's figures rose");
        let said = format!(
            "trên cùng {} đơn vị hợp lệ cả hai quý: tăng từ {} lên {}",
            both.len(),
            percent(before),
            percent(now)
        );
        assert!(text.contains(&said), "'{said}' in '{text}'");
    }
    assert!(card("Đạt chỉ tiêu 30%").contains(&format!("{} đơn vị", totals["meeting_target"])));
    assert!(card("Nộp đúng hạn").contains(&format!(
        "{}/{} đơn vị",
        totals["on_time"], totals["expected"]
    )));
}

#[test]
fn the_lists_and_charts_follow_the_reports_order() {
    let Some(browser) = browser() else { return };
    let ran = sample();
    let dom = browser.dom(&ran.page(), Opening::default());
    let codes_in = |section: &str| -> Vec<String> {
        let start = dom
            .find(&format!("id=\"{section}\""))
            .unwrap_or_else(|| panic!("section {section}"));
        let end = start + dom[start..].find("</section>").expect("its end");
        dom[start..end]
            .split("<tr data-code=\"")
            .skip(1)
            .map(|s| s[..s.find('"').unwrap()].to_string())
            .collect()
    };
    let summary_codes = |key: &str| -> Vec<String> {
        ran.summary[key]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["code"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(codes_in("don-vi-cham"), summary_codes("lagging"));
    assert_eq!(codes_in("nop-muon"), summary_codes("late"));
    let probe = sample_probe(&browser);
    // The charts: each group's units, those without a valid report first,
    // then by ratio, lowest first (as the workbook's).
    for chart in probe["bars"].as_array().unwrap() {
        let group = chart["group"].as_str().unwrap();
        let mut want: Vec<&Value> = ran.units().iter().filter(|u| u["group"] == group).collect();
        want.sort_by(|a, b| {
            let key = |u: &Value| u["ratio"].as_f64().filter(|_| u["status"] == "accepted");
            match (key(a), key(b)) {
                (None, None) => std::cmp::Ordering::Equal,
                (None, Some(_)) => std::cmp::Ordering::Less,
                (Some(_), None) => std::cmp::Ordering::Greater,
                (Some(x), Some(y)) => x.total_cmp(&y),
            }
        });
        let want: Vec<&str> = want.iter().map(|u| u["code"].as_str().unwrap()).collect();
        assert_eq!(strings(&chart["codes"]), want, "chart of group {group}");
    }
}

#[test]
fn the_units_table_sorts_by_a_column_and_back() {
    let Some(browser) = browser() else { return };
    let ran = sample();
    let probe = sample_probe(&browser);
    let position = |code: &str| ran.units().iter().position(|u| u["code"] == code).unwrap();
    let ratio = |code: &str| {
        let u = &ran.units()[position(code)];
        u["ratio"].as_f64().filter(|_| u["status"] == "accepted")
    };
    // Ascending, then descending: units without a ratio last both ways,
    // ties in roster order.
    for (key, descending) in [("byRatio", false), ("byRatioAgain", true)] {
        let got = strings(&probe[key]["codes"]);
        assert_eq!(got.len(), ran.units().len(), "{key}");
        let with: Vec<&String> = got.iter().filter(|c| ratio(c).is_some()).collect();
        let without = &got[with.len()..];
        assert!(
            without.iter().all(|c| ratio(c).is_none()),
            "{key}: blanks last"
        );
        assert!(
            without
                .windows(2)
                .all(|w| position(&w[0]) < position(&w[1])),
            "{key}: blanks in roster order"
        );
        for pair in with.windows(2) {
            let (a, b) = (ratio(pair[0]).unwrap(), ratio(pair[1]).unwrap());
            let ordered = if descending { a >= b } else { a <= b };
            assert!(ordered, "{key}: {} then {}", pair[0], pair[1]);
        }
        let want = if descending {
            "descending"
        } else {
            "ascending"
        };
        assert_eq!(probe[key]["ariaSort"], want);
    }
    // By name: Vietnamese alphabetical order (a ă â, d đ, tones after the
    // letters), not the roster's nor the character codes'.
    let by_name = strings(&probe["byName"]["codes"]);
    let provinces: Vec<&str> = by_name
        .iter()
        .map(|c| &ran.units()[position(c)])
        .filter(|u| u["group"] == "II")
        .map(|u| u["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        provinces[..14],
        [
            "An Giang",
            "Bà Rịa - Vũng Tàu",
            "Bạc Liêu",
            "Bắc Giang",
            "Bắc Kạn",
            "Bắc Ninh",
            "Bến Tre",
            "Bình Dương",
            "Bình Định",
            "Bình Phước",
            "Bình Thuận",
            "Cà Mau",
            "Cao Bằng",
            "Cần Thơ",
        ]
    );
    assert_eq!(provinces.last(), Some(&"Yên Bái"));
}

#[test]
fn text_from_a_submission_is_shown_never_run() {
    let Some(browser) = browser() else { return };
    let wd = Workdir::new();
    let hostile = "<script>document.title='x'</script><img src=x onerror=alert(1)> \u{202e}đã sửa";
    Form::new("Kon Tum", "Quý I/2020", 1000, 20)
        .set("Giải trình", t(hostile))
        .save(&wd, "submissions/kon-tum.xlsx");
    let ran = run_in(&wd, "2020-Q1");
    let html = ran.html();
    assert!(!html.contains("<script>document"), "escaped in the page");
    assert!(!html.contains("<img"), "no element from the submission");
    assert!(
        !html.contains('\u{202e}'),
        "the bidi override is shown escaped"
    );
    let probe = browser.probe(&ran.page(), Opening::default());
    let text = probe["text"].as_str().unwrap();
    assert!(
        text.contains("Đơn vị: <script>document.title='x'</script><img src=x onerror=alert(1)> \\u{202e}đã sửa"),
        "shown as the unit typed it, the override escaped"
    );
    assert!(probe["resources"].as_array().unwrap().is_empty());
}
