//! `.xls` and `.ods` with one stray value far from the report (issue #9,
//! point 5). calamine builds these formats' sheets whole, from the first to
//! the last cell: a near stray reads like any report; a far one gets a
//! finding naming the far cell and what to do, never a bare "too large".
//! Each stray note spells `WordDocument` and `EncryptionInfo`, which once
//! made a valid .xls pass for a Word or an encrypted file (#9, point 5).
//! The workbooks are written as xlsx and converted by LibreOffice, as units
//! who use it send them; without `soffice` on PATH the test fails, unless
//! `DVCTT_SKIP_RENDER=1` says to skip it.

use crate::support::*;
use std::path::Path;

/// A unit's form with a stray note, converted to `to`; `far` is the far
/// cell the finding must name, None when the file must read.
struct Case {
    unit: &'static str,
    level4: u64,
    stray: (u32, u16),
    to: &'static str,
    far: Option<&'static str>,
}

fn form(unit: &str, level4: u64) -> Form {
    Form::new(unit, "Quý I/2020", 1915, level4)
}

#[test]
fn xls_and_ods_with_a_stray_value_read_or_say_which_cell() {
    if !require_soffice("xls_and_ods_with_a_stray_value_read_or_say_which_cell") {
        return;
    }
    let wd = Workdir::new();
    let staging = wd.folder("xlsx");
    let case = |unit, level4, stray, to, far| Case {
        unit,
        level4,
        stray,
        to,
        far,
    };
    let cases = [
        // A note spelling the stream names of Word and encrypted files
        // (stored as UTF-16, as they are in a directory entry): the kind
        // comes from the directory, not from the bytes.
        case("An Giang", 654, (400, 40), "xls", None),
        case("Bắc Giang", 321, (65_535, 255), "xls", Some("IV65536")),
        case("Bắc Kạn", 210, (2_000, 300), "ods", None),
        case(
            "Bạc Liêu",
            123,
            (1_048_575, 16_383),
            "ods",
            Some("XFD1048576"),
        ),
    ];
    for to in ["xls", "ods"] {
        let mut files = Vec::new();
        for (i, c) in cases.iter().enumerate().filter(|(_, c)| c.to == to) {
            let xlsx = staging.join(format!("case-{i}.xlsx"));
            let (row, col) = c.stray;
            let note = t("Số liệu: WordDocument, EncryptionInfo, EncryptedPackage");
            let bytes = form(c.unit, c.level4).cell(row, col, note).bytes();
            std::fs::write(&xlsx, bytes).unwrap();
            files.push(xlsx);
        }
        let paths: Vec<&Path> = files.iter().map(|p| p.as_path()).collect();
        soffice_convert_all(&paths, to, &wd.folder("submissions"));
    }
    let out = wd.run_quarter("2020-Q1", &[]);
    assert_eq!(code(&out), 3, "{}", stderr(&out));
    let s = wd.summary("2020-Q1");
    for (i, c) in cases.iter().enumerate() {
        let (unit_name, level4, far) = (c.unit, c.level4, c.far);
        let file = format!("case-{i}.{}", c.to);
        let rules = rules_for(&s, &file);
        match far {
            None => {
                assert!(
                    !rules.iter().any(|r| r.starts_with("file.")),
                    "{file} ({unit_name}): {rules:?}"
                );
                let read = s["units"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .find(|u| u["file"] == file.as_str())
                    .unwrap_or_else(|| panic!("{file} read for no unit"));
                assert_eq!(read["level4"], level4, "{file}");
            }
            Some(far) => {
                assert_eq!(rules, ["file.too_large"], "{file}");
                let message = s["findings"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .find(|f| f["file"] == file.as_str())
                    .unwrap()["message"]
                    .as_str()
                    .unwrap()
                    .to_string();
                assert!(
                    message.contains(far) && message.contains("A1") && message.contains(".xlsx"),
                    "{file}: {message}"
                );
            }
        }
    }
}
