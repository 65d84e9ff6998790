//! Dates an attacker (or an ordinary archive tool) can make wrong: a file
//! taken out of a zip or e-mail with no time of its own, two reports equal
//! in every date, a machine in another time zone (the hardening notes).

use crate::attacked::findings_on;
use crate::support::*;

/// `zip` with every entry's DOS date and time zeroed (month 0: no date), as
/// some tools write it: in the local headers and the central directory.
fn without_dos_dates(mut zip: Vec<u8>) -> Vec<u8> {
    let mut i = 0;
    while i + 4 <= zip.len() {
        match &zip[i..i + 4] {
            b"PK\x03\x04" => zip[i + 10..i + 14].fill(0),
            b"PK\x01\x02" => zip[i + 12..i + 16].fill(0),
            _ => {}
        }
        i += 1;
    }
    zip
}

// 2020-04-05 10:00 in Hà Nội (03:00 UTC): before the 10/04 deadline.
const APRIL_5: u64 = 1_586_055_600;

#[test]
fn an_extracted_workbook_with_no_date_of_its_own_takes_its_container_s_time() {
    let wd = Workdir::new();
    let long_an = Form::new("Long An", "Quý I/2020", 1798, 179)
        .without("Ngày báo cáo")
        .bytes();
    let zip = wd.write(
        "submissions/long-an.zip",
        &without_dos_dates(zip_of(&[("bc.xlsx", &long_an)])),
    );
    set_modified(&zip, APRIL_5);
    let ca_mau = Form::new("Cà Mau", "Quý I/2020", 2015, 300)
        .without("Ngày báo cáo")
        .bytes();
    let eml = wd.write(
        "submissions/ca-mau.eml",
        &eml_of("khong phai ngay", &[("bc.xlsx", &ca_mau)]),
    );
    set_modified(&eml, APRIL_5);
    let out = wd.run_quarter("2020-Q1", &[]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let s = wd.summary("2020-Q1");
    for code in ["T80", "T96"] {
        let got = &unit(&s, code)["timeliness"];
        // The container's time, never the extraction's (today).
        assert_eq!(got["basis"], "file_modified", "{code}");
        assert_eq!(got["date"], "2020-04-05", "{code}");
        assert_eq!(got["days_late"], 0, "{code}");
    }
}

#[test]
fn two_reports_equal_in_every_date_are_settled_by_name_and_not_called_later() {
    let wd = Workdir::new();
    let form = Form::new("An Giang", "Quý I/2020", 1915, 654).without("Ngày báo cáo");
    let first = form.save(&wd, "submissions/an-giang-1.xlsx");
    let second = form.save(&wd, "submissions/an-giang-2.xlsx");
    set_modified(&first, APRIL_5);
    set_modified(&second, APRIL_5);
    let out = wd.run_quarter("2020-Q1", &[]);
    assert_eq!(code(&out), 3, "{}", stderr(&out));
    let s = wd.summary("2020-Q1");
    // The names decide: the later name is used.
    assert_eq!(unit(&s, "T89")["file"], "an-giang-2.xlsx");
    let loser = findings_on(&s, "an-giang-1.xlsx");
    let message = loser
        .iter()
        .find(|f| f["rule"] == "unit.duplicate")
        .expect("unit.duplicate")["message"]
        .as_str()
        .unwrap();
    assert!(!message.contains("(gửi sau)"), "{message}");
    assert!(message.contains("chọn theo tên tệp"), "{message}");
}

#[test]
fn a_file_s_time_is_judged_in_vietnam_time_whatever_the_machine_s_zone() {
    // 2020-04-10 20:00 UTC is 03:00 on the 11th in Hà Nội: a day late.
    let modified = 1_586_548_800;
    let form = Form::new("An Giang", "Quý I/2020", 1915, 654).without("Ngày báo cáo");
    let mut summaries = Vec::new();
    for zone in ["UTC", "Asia/Ho_Chi_Minh", "America/Los_Angeles"] {
        let wd = Workdir::new();
        let file = form.save(&wd, "submissions/an-giang.xlsx");
        set_modified(&file, modified);
        let out = wd
            .quarter_command(std::path::Path::new(BIN), "2020-Q1", &[])
            .env("TZ", zone)
            .output()
            .unwrap();
        assert_eq!(code(&out), 0, "{zone}: {}", stderr(&out));
        let s = wd.summary("2020-Q1");
        let got = &unit(&s, "T89")["timeliness"];
        assert_eq!(got["basis"], "file_modified", "{zone}");
        assert_eq!(got["date"], "2020-04-11", "{zone}");
        assert_eq!(got["days_late"], 1, "{zone}");
        summaries.push(std::fs::read(wd.path("reports/2020-Q1/summary.json")).unwrap());
    }
    assert_eq!(summaries[0], summaries[1]);
    assert_eq!(summaries[0], summaries[2]);
}

/// A run's date whose quarter or deadlines fall outside Excel's years is
/// refused at the start, naming the variable (attacker review: year 0 ran
/// to the workbook and failed there with an internal message).
#[test]
fn a_run_date_outside_excel_s_years_is_refused_at_the_start() {
    let wd = Workdir::new();
    Form::new("An Giang", "Quý I/2020", 1915, 654).save(&wd, "submissions/ag.xlsx");
    for today in ["0000-01-01", "0001-01-01", "1900-06-30", "9999-12-31"] {
        let out = wd.on_day(
            today,
            &[
                "run",
                "--quarter",
                "2020-Q1",
                "--submissions",
                "submissions",
            ],
        );
        assert_eq!(code(&out), 2, "{today}: {}", stderr(&out));
        assert!(
            stderr(&out).contains(&format!("DVCTT_TODAY='{today}'")),
            "{today}: {}",
            stderr(&out)
        );
        assert!(!wd.path("reports/2020-Q1").exists(), "{today}");
    }
    // The first day taken: (a quarter that ends long after it is run only
    // when asked for, #22).
    let out = wd.on_day(
        "1901-01-01",
        &[
            "run",
            "--quarter",
            "2020-Q1",
            "--submissions",
            "submissions",
            "--allow-open-quarter",
        ],
    );
    assert_ne!(code(&out), 2, "{}", stderr(&out));
}
