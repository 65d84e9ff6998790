//! A figure awaiting confirmation is shown the same everywhere (#23e):
//! under `compare.unconfirmed = "left_out"` the overview page's map,
//! legend, charts and headline do not count it at the target, the appendix
//! marks its ratio with a note, and it is not ranked (the others are ranked
//! without it); under `"included"` it is ranked. A change in points is the
//! difference of the two ratios as printed, in every output.

use crate::support::*;

/// Four provinces and a ministry. Quảng Ninh jumps 18,38% → 55,56% with
/// no explanation (waiting); An Giang and Đà Nẵng stay at the target; Hà
/// Nội moves 13,94% → 14,48% (+0,53 unrounded, +0,54 as printed).
fn quarter_with_a_waiting_jump(wd: &Workdir, config: &str) -> std::process::Output {
    wd.write(
        "roster.toml",
        "[[unit]]\ncode = \"T01\"\nname = \"Hà Nội\"\ngroup = \"II\"\n\n\
         [[unit]]\ncode = \"T22\"\nname = \"Quảng Ninh\"\ngroup = \"II\"\n\n\
         [[unit]]\ncode = \"T48\"\nname = \"Đà Nẵng\"\ngroup = \"II\"\n\n\
         [[unit]]\ncode = \"T89\"\nname = \"An Giang\"\ngroup = \"II\"\n\n\
         [[unit]]\ncode = \"BCA\"\nname = \"Bộ Công an\"\ngroup = \"I\"\n"
            .as_bytes(),
    );
    wd.write(
        "dvctt.toml",
        format!("roster = \"roster.toml\"\n[targets]\n2020 = 30\n{config}").as_bytes(),
    );
    let units = [
        ("Hà Nội", (1800, 251), (1810, 262)),
        ("Quảng Ninh", (1708, 314), (1710, 950)),
        ("Đà Nẵng", (1385, 451), (1390, 452)),
        ("An Giang", (1915, 654), (1915, 660)),
        ("Bộ Công an", (367, 57), (367, 58)),
    ];
    for (i, (name, q1, q2)) in units.iter().enumerate() {
        Form::new(name, "Quý I/2020", q1.0, q1.1)
            .set("Ngày báo cáo", t("05/04/2020"))
            .save(wd, &format!("in/2020-Q1/{i}.xlsx"));
        Form::new(name, "Quý II/2020", q2.0, q2.1)
            .set("Ngày báo cáo", t("05/07/2020"))
            .save(wd, &format!("in/2020-Q2/{i}.xlsx"));
    }
    let first = wd.on_day(
        "2020-04-15",
        &args("2020-Q1").each_ref().map(String::as_str),
    );
    assert_eq!(code(&first), 0, "{}", stderr(&first));
    wd.on_day(
        "2020-07-15",
        &args("2020-Q2").each_ref().map(String::as_str),
    )
}

fn args(q: &str) -> [String; 7] {
    [
        "run",
        "--quarter",
        q,
        "--submissions",
        &format!("in/{q}"),
        "--reports",
        "reports",
    ]
    .map(str::to_string)
}

fn lines_of(wd: &Workdir, file: &str, sheet_name: &str) -> Vec<String> {
    sheet(&wd.path(file), sheet_name)
        .iter()
        .map(|r| r.iter().map(text).collect::<Vec<_>>().join(" | "))
        .collect()
}

fn rank(s: &serde_json::Value, code: &str) -> Option<(u64, u64)> {
    let r = &unit(s, code)["rank"];
    r.as_object()
        .map(|r| (r["place"].as_u64().unwrap(), r["of"].as_u64().unwrap()))
}

#[test]
fn a_waiting_unit_is_shown_waiting_everywhere_and_not_ranked() {
    let wd = Workdir::new();
    let out = quarter_with_a_waiting_jump(&wd, "");
    // A change waits for a person: exit 3, something to do.
    assert_eq!(code(&out), 3, "{}{}", stdout(&out), stderr(&out));
    let s = wd.summary("2020-Q2");
    assert_eq!(unit(&s, "T22")["awaiting_confirmation"], true);
    assert_eq!(s["groups"]["II"]["meeting_target"], 2, "{}", s["groups"]);

    // The page: Quảng Ninh coloured and named as waiting, not at target.
    let page = std::fs::read_to_string(wd.path("reports/2020-Q2/tong-quan-2020-Q2.html")).unwrap();
    assert!(
        page.contains("<g class=\"unit awaiting\" data-code=\"T22\""),
        "the map"
    );
    assert!(page.contains("<div class=\"bar-row awaiting\" data-code=\"T22\""));
    assert!(page.contains("Quảng Ninh: 55,56% (chờ xác nhận)"));
    let legend = &page[page.find("class=\"legend\"").unwrap()..];
    let legend = &legend[..legend.find("</ul>").unwrap()];
    assert!(
        legend.contains("Đạt chỉ tiêu (từ 30% trở lên): <b>2</b>")
            && legend.contains("An Giang, Đà Nẵng</div>"),
        "{legend}"
    );
    assert!(
        legend
            .contains("Chờ xác nhận (thay đổi bất thường, chưa tính vào số liệu chung): <b>1</b>")
            && legend.contains("Quảng Ninh</div>"),
        "{legend}"
    );

    // The appendix, in the file sent and in the internal workbook.
    for file in ["phu-luc-2020-Q2.xlsx", "tong-hop-2020-Q2.xlsx"] {
        let lines = lines_of(&wd, &format!("reports/2020-Q2/{file}"), "Phụ lục");
        assert!(
            lines
                .iter()
                .any(|l| l.contains("| Quảng Ninh (*) | 1.710 | 950 |")
                    || l.contains("| Quảng Ninh (*) | 1710 | 950 |")),
            "{file}: {lines:#?}"
        );
        assert!(
            lines.iter().any(|l| l.contains(
                "(*) Tỷ lệ thay đổi bất thường so với quý trước, đang chờ xác nhận; chưa tính vào số liệu chung: Quảng Ninh."
            )),
            "{file}: {lines:#?}"
        );
    }

    // Ranked without it: 1, 2, 3 of 3; it is told why it has no rank.
    assert_eq!(rank(&s, "T22"), None);
    assert_eq!(rank(&s, "T89"), Some((1, 3)));
    assert_eq!(rank(&s, "T48"), Some((2, 3)));
    assert_eq!(rank(&s, "T01"), Some((3, 3)));
    let fb = lines_of(&wd, "reports/2020-Q2/phan-hoi/T22-2020-Q2.xlsx", "Phản hồi").join("\n");
    assert!(
        fb.contains("chưa xếp hạng") && fb.contains("số liệu chờ xác nhận"),
        "{fb}"
    );
    assert!(!fb.contains("xếp thứ"), "{fb}");

    // Points as the printed ratios give them: 13,94% → 14,48% is +0,54,
    // 18,38% → 55,56% is +37,18 (unrounded +0,53 and +37,17).
    assert_eq!(unit(&s, "T01")["change_points"], 0.54);
    assert_eq!(unit(&s, "T22")["change_points"], 37.18);
    assert!(
        stdout(&out).contains("tỷ lệ thay đổi +37,18 điểm %"),
        "{}",
        stdout(&out)
    );
    // The comparison sheet's row of Hà Nội, and its own feedback's ratio row.
    for (file, sheet_name, row_has) in [
        ("tong-hop-2020-Q2.xlsx", "So sánh quý trước", "T01"),
        ("phan-hoi/T01-2020-Q2.xlsx", "Phản hồi", "Tỷ lệ"),
    ] {
        let rows = sheet(&wd.path(&format!("reports/2020-Q2/{file}")), sheet_name);
        let row = rows
            .iter()
            .find(|r| r.iter().any(|c| text(c) == row_has))
            .unwrap_or_else(|| panic!("{file}: {row_has}"));
        assert!(
            row.iter()
                .any(|c| matches!(c, calamine::Data::Float(f) if (*f - 0.54).abs() < 1e-9)),
            "{file}: {row:?}"
        );
    }
    assert!(page.contains(">+0,54</td>"), "the page's table");
}

#[test]
fn an_included_waiting_unit_is_ranked_and_counted() {
    let wd = Workdir::new();
    let out = quarter_with_a_waiting_jump(&wd, "[compare]\nunconfirmed = \"included\"\n");
    // Counted meanwhile, it still waits for a person: exit 3.
    assert_eq!(code(&out), 3, "{}{}", stdout(&out), stderr(&out));
    let s = wd.summary("2020-Q2");
    assert_eq!(rank(&s, "T22"), Some((1, 4)));
    assert_eq!(rank(&s, "T89"), Some((2, 4)));
    assert_eq!(s["groups"]["II"]["meeting_target"], 3, "{}", s["groups"]);
    let page = std::fs::read_to_string(wd.path("reports/2020-Q2/tong-quan-2020-Q2.html")).unwrap();
    assert!(page.contains("<g class=\"unit at-target\" data-code=\"T22\""));
    let lines = lines_of(&wd, "reports/2020-Q2/phu-luc-2020-Q2.xlsx", "Phụ lục");
    assert!(
        lines
            .iter()
            .any(|l| l.contains("trong khi chờ vẫn được tính vào số liệu chung: Quảng Ninh.")),
        "{lines:#?}"
    );
}
