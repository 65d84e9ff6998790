//! The page's changes awaiting confirmation (#23): every waiting change,
//! `ratio_jump` and `unusual_change` alike, the same units in the same order
//! as the stdout summary's list and "Việc cần làm"; none a reviewer accepted
//! or the unit explained.

use super::browser::{Opening, browser};
use super::{Ran, strings};
use crate::support::*;
use crate::unusual::{quarters_from_2019, run_one};

#[test]
fn the_page_lists_every_change_awaiting_confirmation_as_stdout_does() {
    let Some(browser) = browser() else { return };
    let wd = Workdir::new();
    // Five calm quarters (2019-Q1 to 2020-Q1) for Đà Nẵng, Bộ Công an and
    // Hà Nội; Bộ Tư pháp reports from 2020-Q1 only (no history to judge).
    let quarters = quarters_from_2019(6);
    for (i, q) in quarters[..5].iter().enumerate() {
        let i = i as u64;
        let mut units = vec![
            ("Đà Nẵng", 1398, 280 + 14 * i),
            ("Bộ Công an", 367, 57 + i),
            ("Hà Nội", 2202, 925 + 44 * i),
        ];
        if i == 4 {
            units.push(("Bộ Tư pháp", 400, 40));
        }
        run_one(&wd, *q, &units, &[]);
    }
    // 2020-Q2: four jumps, two of them waiting.
    let forms = [
        // 10% → 45%: a ratio jump, with no history to call it unusual.
        Form::new("Bộ Tư pháp", "Quý II/2020", 400, 180),
        // 24,04% → 36,05%: unusual for it, under the 25-point jump.
        Form::new("Đà Nẵng", "Quý II/2020", 1398, 504),
        // 16,62% → 68,12%: explained in its file, so confirmed.
        Form::new("Bộ Công an", "Quý II/2020", 367, 250).set(
            "Giải trình",
            t("Đã đưa 189 dịch vụ lên Cổng dịch vụ công của Bộ"),
        ),
        // 50,05% → 80%: accepted by the reviewer below.
        Form::new("Hà Nội", "Quý II/2020", 2202, 1762),
    ];
    for (i, form) in forms.into_iter().enumerate() {
        form.set("Ngày báo cáo", t("30/06/2020"))
            .save(&wd, &format!("in/2020-Q2/{i}.xlsx"));
    }
    wd.write(
        "reports/unusual-accepted.txt",
        b"2020-Q2 T01 cong dich vu cong moi\n",
    );
    let out = wd.run_folder("2020-Q2", "in/2020-Q2");
    assert!([0, 3].contains(&code(&out)), "{}", stderr(&out));
    let ran = Ran {
        dir: wd.path(""),
        quarter: "2020-Q2".to_string(),
        summary: wd.summary("2020-Q2"),
    };

    // Both kinds of flag are among the waiting, and neither settled one.
    let flags = |code: &str| -> Vec<String> {
        let flags = &unit(&ran.summary, code)["flags"];
        serde_json::from_value(flags.clone()).expect("flags")
    };
    assert!(flags("BTP").contains(&"ratio_jump".to_string()));
    assert!(!flags("BTP").contains(&"unusual_change".to_string()));
    assert!(flags("T48").contains(&"unusual_change".to_string()));
    assert!(!flags("T48").contains(&"ratio_jump".to_string()));
    for settled in ["BCA", "T01"] {
        assert!(
            flags(settled).contains(&"ratio_jump".to_string()),
            "{settled}"
        );
    }
    let waiting: Vec<&str> = ran
        .units()
        .iter()
        .filter(|u| u["awaiting_confirmation"] == true)
        .map(|u| u["code"].as_str().unwrap())
        .collect();
    assert_eq!(waiting, ["BTP", "T48"]);

    // stdout's list, right under the heading line, and "Việc cần làm".
    let printed = stdout(&out);
    let lines: Vec<&str> = printed.lines().collect();
    assert!(lines[1].contains("chờ xác nhận"), "{printed}");
    let stdout_codes: Vec<&str> = lines[2..]
        .iter()
        .take_while(|l| l.starts_with("    2020-Q2 "))
        .map(|l| l.split_whitespace().nth(1).unwrap())
        .collect();
    assert_eq!(stdout_codes, waiting, "{printed}");
    assert!(
        printed.contains("Xác nhận 2 thay đổi bất thường đang chờ")
            && printed.contains(": Bộ Tư pháp, Đà Nẵng."),
        "{printed}"
    );

    // The page: the same units in the same order, what moved for each,
    // and the headline's count.
    let dom = browser.dom(&ran.page(), Opening::default());
    let start = dom.find("id=\"bat-thuong\"").expect("the section");
    let section = &dom[start..start + dom[start..].find("</section>").expect("its end")];
    let rows: Vec<&str> = section.split("<tr data-code=\"").skip(1).collect();
    let page_codes: Vec<&str> = rows.iter().map(|r| &r[..r.find('"').unwrap()]).collect();
    assert_eq!(page_codes, waiting, "{section}");
    assert!(
        section.contains("Thay đổi bất thường chờ xác nhận (2)"),
        "{section}"
    );
    assert!(
        rows[0].contains("Số DVCTT mức độ 4 tăng 140: 40 → 180; tỷ lệ thay đổi +35,00 điểm %"),
        "{}",
        rows[0]
    );
    assert!(
        rows[1].contains("Số DVCTT mức độ 4 tăng 168"),
        "{}",
        rows[1]
    );
    assert!(
        section.contains("chưa được tính vào tỷ lệ chung"),
        "left out by default: {section}"
    );
    let probe = browser.probe(&ran.page(), Opening::default());
    let cards = strings(&probe["cards"]);
    let card = cards
        .iter()
        .find(|c| c.starts_with("Thay đổi bất thường chờ xác nhận"))
        .unwrap_or_else(|| panic!("{cards:?}"));
    assert!(card.contains("2 đơn vị"), "{card}");
}
