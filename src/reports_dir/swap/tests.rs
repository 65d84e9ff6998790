//! The states a run killed in the middle of a swap leaves, and what the next
//! run's `recover` makes of them.

use super::*;

fn quarter() -> Quarter {
    Quarter::new(2020, 1).unwrap()
}

/// Every output of a report whose figures are `figure`.
fn report(figure: &str) -> Vec<(String, Vec<u8>)> {
    let q = quarter();
    let mut files: Vec<(String, Vec<u8>)> = crate::reports_dir::output_names(q)
        .into_iter()
        .filter(|n| n != crate::reports_dir::FEEDBACK)
        .map(|n| (n.clone(), format!("{n} {figure}").into_bytes()))
        .collect();
    for unit in ["T01", "T02", "T03"] {
        let name = format!("{}/{unit}-{q}.xlsx", crate::reports_dir::FEEDBACK);
        files.push((name, format!("{unit} {figure}").into_bytes()));
    }
    files
}

fn numbers(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .flatten()
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    names
}

/// Copies the files of `from` (one level of folders) to `to`, the ones
/// `keep` says.
fn copy_some(from: &Path, to: &Path, keep: &dyn Fn(&str) -> bool) {
    std::fs::create_dir_all(to).unwrap();
    for name in numbers(from) {
        let path = from.join(&name);
        if path.is_dir() {
            copy_some(&path, &to.join(&name), keep);
        } else if keep(&name) {
            std::fs::copy(&path, to.join(&name)).unwrap();
        }
    }
}

/// A reports folder where the report of 654 was replaced by that of 700
/// (kept as `truoc/1`): the folder, and the quarter's.
fn replaced_once() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let q = quarter();
    let live = dir.path().join(q.to_string());
    assert_eq!(
        install(dir.path(), q, &report("654"), 5).unwrap(),
        Installed::First
    );
    let replaced = install(dir.path(), q, &report("700"), 5).unwrap();
    assert!(matches!(
        replaced,
        Installed::Replaced {
            archive: Ok(Some(_))
        }
    ));
    assert_eq!(numbers(&live.join(ARCHIVE)), ["1"]);
    (dir, live)
}

#[test]
fn a_replaced_report_partly_removed_is_never_archived_again() {
    let (dir, live) = replaced_once();
    let (reports, q) = (dir.path(), quarter());
    let first = report("654");
    // Killed while removing the replaced report, after archiving it: what
    // is left of it, some files gone, under the name it is removed under.
    let gone = archive::gone_name(&temp_folder(reports, q, "old"));
    copy_some(&live.join(ARCHIVE).join("1"), &gone, &|n: &str| {
        !n.starts_with("tong-hop") && n != "T02-2020-Q1.xlsx"
    });
    recover(reports, 5).unwrap();
    assert!(!gone.exists(), "what was left is removed");
    assert_eq!(
        numbers(&live.join(ARCHIVE)),
        ["1"],
        "no second, partial archive"
    );
    assert!(unchanged(&live.join(ARCHIVE).join("1"), &first));
    assert!(unchanged(&live, &report("700")));
    assert_eq!(numbers(reports), ["2020-Q1"]);
    // The rerun finds its report in place.
    assert_eq!(
        install(reports, q, &report("700"), 5).unwrap(),
        Installed::Unchanged
    );
}

#[test]
fn a_replaced_report_not_yet_removed_is_archived_once() {
    let (dir, live) = replaced_once();
    let (reports, q) = (dir.path(), quarter());
    // Killed after archiving, before the replaced report was removed.
    let old = temp_folder(reports, q, "old");
    copy_some(&live.join(ARCHIVE).join("1"), &old, &|_| true);
    recover(reports, 5).unwrap();
    assert!(!old.exists());
    assert_eq!(numbers(&live.join(ARCHIVE)), ["1"]);
    // Not yet archived at all: archived as the next.
    copy_some(&live.join(ARCHIVE).join("1"), &old, &|_| true);
    std::fs::write(old.join(format!("tong-hop-{q}.xlsx")), b"other").unwrap();
    recover(reports, 5).unwrap();
    assert_eq!(numbers(&live.join(ARCHIVE)), ["1", "2"]);
}

#[test]
fn pruning_leaves_whole_archives_under_numbers() {
    let dir = tempfile::tempdir().unwrap();
    let reports = dir.path();
    let q = quarter();
    let live = reports.join(q.to_string());
    for figure in ["1", "2", "3", "4", "5"] {
        install(reports, q, &report(figure), 2).unwrap();
    }
    assert_eq!(numbers(&live.join(ARCHIVE)), ["3", "4"]);
    assert!(unchanged(&live.join(ARCHIVE).join("4"), &report("4")));
    // Killed while pruning: the archive being removed is an unfinished one.
    let part = live.join(ARCHIVE).join(format!("{TEMP_PREFIX}3.part"));
    copy_some(&live.join(ARCHIVE).join("3"), &part, &|n: &str| {
        n.starts_with("don-vi")
    });
    std::fs::remove_dir_all(live.join(ARCHIVE).join("3")).unwrap();
    recover(reports, 2).unwrap();
    assert_eq!(numbers(&live.join(ARCHIVE)), ["4"]);
}
