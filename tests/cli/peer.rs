//! Other projects' test workbooks (tests/data/peer/: calamine's and xlrd's,
//! written by Excel of every age, LibreOffice, WPS, Google Sheets, scripts)
//! as one quarter's submissions. The contract is `tests/data/peer/expected.tsv`:
//! for each file, what calamine itself does with it and what dvctt must make
//! of it. A file calamine reads is never refused for its form (`file.*`),
//! only for its content; a file calamine refuses gets the `file.*` rule that
//! says why; none holds Vietnamese text, so none is converted from TCVN3/VNI.

use crate::support::*;
use calamine::{Error, OdsError, Reader, XlsError, XlsbError, XlsxError, open_workbook_auto};
use std::collections::BTreeMap;
use std::path::PathBuf;

const CORPORA: [&str; 3] = ["calamine", "xlrd", "xlsxwriter"];

/// Every workbook of the corpora, by file name (names are unique across them).
fn corpus() -> BTreeMap<String, PathBuf> {
    let mut files = BTreeMap::new();
    for corpus in CORPORA {
        let dir = PathBuf::from(format!("{REPO}/tests/data/peer/{corpus}"));
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            let name = path.file_name().unwrap().to_string_lossy().to_string();
            if name.starts_with("LICENSE") {
                continue;
            }
            assert!(files.insert(name.clone(), path).is_none(), "{name} twice");
        }
    }
    files
}

/// One row of expected.tsv.
#[derive(Debug, PartialEq)]
struct Row {
    /// What calamine does opening the file and reading its first sheet:
    /// `opens`, `password`, `limit` (its own cell limit) or `damaged`.
    calamine: String,
    /// `content` (read; only content findings), or the `file.*` rule.
    dvctt: String,
    /// The legacy encoding converted, `-` for none.
    legacy: String,
}

fn table() -> BTreeMap<String, Row> {
    let text = std::fs::read_to_string(format!("{REPO}/tests/data/peer/expected.tsv")).unwrap();
    text.lines()
        .skip(1)
        .filter(|l| !l.trim().is_empty())
        .map(|line| {
            let cols: Vec<&str> = line.split('\t').collect();
            assert_eq!(cols.len(), 4, "{line}");
            let row = Row {
                calamine: cols[1].to_string(),
                dvctt: cols[2].to_string(),
                legacy: cols[3].to_string(),
            };
            (cols[0].to_string(), row)
        })
        .collect()
}

/// What calamine makes of the file, opened by its extension as
/// `open_workbook_auto` does, and its first sheet read.
fn calamine_verdict(path: &std::path::Path) -> &'static str {
    let password = |e: &Error| {
        matches!(
            e,
            Error::Xlsx(XlsxError::Password)
                | Error::Xls(XlsError::Password)
                | Error::Xlsb(XlsbError::Password)
                | Error::Ods(OdsError::Password)
        )
    };
    let judge = |e: Error| {
        if password(&e) {
            "password"
        } else if e.to_string().contains("Cell limit exceeded") {
            "limit"
        } else {
            "damaged"
        }
    };
    let mut book = match open_workbook_auto(path) {
        Ok(book) => book,
        Err(e) => return judge(e),
    };
    let Some(first) = book.sheet_names().first().cloned() else {
        return "damaged";
    };
    match book.worksheet_range(&first) {
        Ok(_) => "opens",
        Err(e) => judge(e),
    }
}

/// The dvctt outcome calamine's verdict calls for.
fn outcome_for(calamine: &str, name: &str) -> &'static str {
    let workbook = ["xlsx", "xlsm", "xls", "xlsb", "ods"]
        .iter()
        .any(|ext| name.to_ascii_lowercase().ends_with(&format!(".{ext}")));
    match calamine {
        "opens" => "content",
        "password" => "file.encrypted",
        "limit" => "file.too_large",
        _ if workbook => "file.unreadable",
        _ => "file.not_submission",
    }
}

#[test]
fn peer_table_is_what_calamine_does() {
    let files = corpus();
    let table = table();
    let mut derived = String::new();
    let mut wrong = Vec::new();
    for (name, path) in &files {
        let calamine = calamine_verdict(path);
        let dvctt = outcome_for(calamine, name);
        derived.push_str(&format!("{name}\t{calamine}\t{dvctt}\t-\n"));
        match table.get(name) {
            Some(row) if row.calamine == calamine && row.dvctt == dvctt => {}
            other => wrong.push(format!("{name}: table {other:?}, calamine {calamine}")),
        }
    }
    let listed: Vec<&String> = table.keys().filter(|n| !files.contains_key(*n)).collect();
    assert!(
        listed.is_empty(),
        "in the table, not in the corpus: {listed:?}"
    );
    assert!(
        wrong.is_empty(),
        "{wrong:#?}\nas calamine reads them:\n{derived}"
    );
}

#[test]
fn peer_corpus_through_the_binary() {
    let wd = Workdir::new();
    let files = corpus();
    for (name, path) in &files {
        wd.write(
            &format!("submissions/{name}"),
            &std::fs::read(path).unwrap(),
        );
    }
    let out = wd.run_quarter("2020-Q1", &[]);
    assert_eq!(code(&out), 3, "{}", stderr(&out));
    let s = wd.summary("2020-Q1");
    let table = table();

    let verdicts: BTreeMap<String, String> = s["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            let name = f["file"].as_str().unwrap().to_string();
            (name, f["verdict"].as_str().unwrap().to_string())
        })
        .collect();
    assert_eq!(
        verdicts.keys().collect::<Vec<_>>(),
        table.keys().collect::<Vec<_>>(),
        "every file accounted for, once"
    );
    assert_eq!(s["totals"]["files"]["total"], table.len());

    let mut wrong = Vec::new();
    for (name, row) in &table {
        let rules = rules_for(&s, name);
        let refusals: Vec<&String> = rules.iter().filter(|r| r.starts_with("file.")).collect();
        let converted = rules.iter().any(|r| r == "text.legacy_encoding");
        let verdict = &verdicts[name];
        let as_expected = match row.dvctt.as_str() {
            "content" => refusals.is_empty() && verdict != "not_submission",
            "file.not_submission" => rules == [row.dvctt.clone()] && verdict == "not_submission",
            rule => rules == [rule.to_string()] && verdict == "rejected",
        };
        if !as_expected || converted != (row.legacy != "-") {
            wrong.push(format!("{name}: expected {row:?}, got {verdict} {rules:?}"));
        }
    }
    assert!(wrong.is_empty(), "{wrong:#?}");
}
