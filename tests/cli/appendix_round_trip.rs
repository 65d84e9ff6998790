//! 83 submissions carrying the figures of the 929 appendix give back the
//! appendix: the same rows, counts and ratios, in the same order.

use crate::support::*;
use calamine::Data;

fn submit_929(wd: &Workdir, period: &str) -> Vec<AppendixRow> {
    let rows = appendix_929();
    for (i, row) in rows.iter().enumerate() {
        Form::new(&row.name, period, row.total, row.level4)
            .set("Ngày báo cáo", t("06/01/2020"))
            .save(wd, &format!("submissions/{:02}.xlsx", i + 1));
    }
    rows
}

#[test]
fn phu_luc_has_the_83_rows_of_the_929_appendix_in_order() {
    let wd = Workdir::new();
    let rows = submit_929(&wd, "Quý IV/2019");
    let out = wd.run_quarter("2019-Q4", &[]);
    assert_eq!(code(&out), 0, "{}{}", stdout(&out), stderr(&out));

    let book = wd.path("reports/2019-Q4/tong-hop-2019-Q4.xlsx");
    let sheet = sheet(&book, "Phụ lục");
    // Data rows: a whole-number TT, a name, two counts, a ratio.
    let data: Vec<&Vec<Data>> = sheet
        .iter()
        .filter(|r| matches!(r.first(), Some(Data::Float(_) | Data::Int(_))) && r.len() >= 5)
        .collect();
    assert_eq!(data.len(), 83);
    for (got, want) in data.iter().zip(&rows) {
        let name = text(&got[1]);
        assert_eq!(
            dvctt::roster::name_key(&name),
            dvctt::roster::name_key(&want.name),
            "row {name}"
        );
        assert_eq!(got[2].as_f64(), Some(want.total as f64), "{name} total");
        assert_eq!(got[3].as_f64(), Some(want.level4 as f64), "{name} level-4");
        let ratio = got[4].as_f64().expect("ratio is a number");
        assert!(
            (ratio - want.level4 as f64 / want.total as f64).abs() < 1e-12,
            "{name} ratio"
        );
        // The printed ratio of the letter, to its two decimals (it printed "30%" for 29.6%
        // and 29.9%: those are the rounding the job must not decide by).
        let printed: f64 = want.printed_ratio.trim_end_matches('%').parse().unwrap();
        assert!(
            (ratio * 100.0 - printed).abs() <= 0.5,
            "{name}: {ratio} vs {printed}"
        );
    }
    // TT restarts per section: each section holds its group's rows.
    let groups: Vec<&str> = rows.iter().map(|r| r.group.as_str()).collect();
    assert_eq!(groups, [["I"; 20].as_slice(), &["II"; 63]].concat());
    assert_eq!(data[0][0].as_f64(), Some(1.0));
    assert_eq!(data[20][0].as_f64(), Some(1.0));
    assert_eq!(data[82][0].as_f64(), Some(63.0));
}

#[test]
fn totals_use_unrounded_ratios() {
    let wd = Workdir::new();
    let rows = submit_929(&wd, "Quý IV/2019");
    wd.run_quarter("2019-Q4", &[]);
    let s = wd.summary("2019-Q4");
    let totals = &s["totals"];
    assert_eq!(totals["expected"], 83);
    assert_eq!(totals["accepted"], 83);
    // The letter counts 5 ministries and 5 provinces at 30%, from rounded ratios;
    // Bộ TT&TT (61/206 = 29.61%) and Lào Cai (620/2076 = 29.87%) are below it.
    assert_eq!(s["groups"]["I"]["meeting_target"], 4);
    assert_eq!(s["groups"]["II"]["meeting_target"], 4);
    // The letter: 5 ministries and 14 provinces under 5%.
    assert_eq!(s["groups"]["I"]["below_very_low"], 5);
    assert_eq!(s["groups"]["II"]["below_very_low"], 14);
    assert_eq!(s["groups"]["II"]["very_low_percent"], 5.0);
    let total: u64 = rows.iter().map(|r| r.total).sum();
    let level4: u64 = rows.iter().map(|r| r.level4).sum();
    let pooled = totals["pooled_ratio"].as_f64().unwrap();
    assert!((pooled - level4 as f64 / total as f64).abs() < 1e-12);
    let lagging = s["lagging"].as_array().unwrap();
    let lao_cai = lagging
        .iter()
        .find(|l| l["code"] == "T10")
        .expect("Lào Cai lags");
    assert_eq!(lao_cai["reasons"], serde_json::json!(["below_target"]));
    assert!(
        lagging.iter().all(|l| l["code"] != "T89"),
        "An Giang (34.15%) meets the target"
    );
}
