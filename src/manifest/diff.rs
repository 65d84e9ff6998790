//! What `dvctt verify` finds: the manifest in place against the manifest of
//! a rerun from the inputs as they are now, and the outputs on disk against
//! both. Every line is for the operator, in Vietnamese.

use std::collections::BTreeMap;
use std::path::Path;

use super::{Manifest, SubmittedFile};

/// The largest output read back to compare: the job's own are a few MB.
const MAX_OUTPUT_BYTES: u64 = 1 << 30;

/// How many lines each section lists; the rest are counted. A manifest of
/// 350,000 entries edited away would otherwise print 350,000 lines.
pub const MAX_LINES_SHOWN: usize = 200;

/// How many entries of the report folder are looked at for files the
/// manifest does not list, and how deep.
const MAX_FOLDER_ENTRIES: usize = 10_000;
const MAX_FOLDER_DEPTH: usize = 4;

/// What differs; nothing at all means the report is what its inputs give.
#[derive(Debug, Default)]
pub struct Differences {
    /// Input files added, removed or changed since the manifest.
    pub inputs: Vec<String>,
    /// Outputs whose bytes on disk differ from the manifest or the rerun.
    pub outputs: Vec<String>,
    /// Not a difference by itself: another program or rule-set version.
    pub notes: Vec<String>,
}

impl Differences {
    pub fn matches(&self) -> bool {
        self.inputs.is_empty() && self.outputs.is_empty()
    }
}

/// `recorded` (the manifest in `dir`) against `rerun` (the manifest of the
/// rerun whose outputs are `rendered`) and the files in `dir`.
pub fn differences(
    recorded: &Manifest,
    rerun: &Manifest,
    rendered: &[(String, Vec<u8>)],
    dir: &Path,
) -> Differences {
    let mut found = Differences::default();
    submissions(&recorded.submissions, &rerun.submissions, &mut found.inputs);
    let reports = |m: &Manifest| -> BTreeMap<(String, String), String> {
        m.reports_inputs
            .iter()
            .map(|i| ((i.role.clone(), i.path.clone()), i.sha256.clone()))
            .collect()
    };
    compare_maps(
        &reports(recorded),
        &reports(rerun),
        &mut found.inputs,
        |(role, path)| format!("{} {}", reports_role(role), shown_report_path(role, path)),
    );
    let settings = |m: &Manifest| -> BTreeMap<String, String> {
        m.settings
            .iter()
            .map(|s| {
                let at = s
                    .path
                    .as_deref()
                    .map_or("bản có sẵn trong chương trình".to_string(), |p| {
                        format!("“{p}”")
                    });
                let sha = s.sha256.as_deref().unwrap_or("mặc định");
                (s.role.clone(), format!("{at}|{sha}"))
            })
            .collect()
    };
    compare_maps(
        &settings(recorded),
        &settings(rerun),
        &mut found.inputs,
        |role| settings_role(role).to_string(),
    );
    if recorded.dvctt_version != rerun.dvctt_version {
        found.notes.push(format!(
            "manifest do dvctt {} ghi, chương trình này là dvctt {}: kết quả tính lại có thể khác vì khác phiên bản",
            recorded.dvctt_version.escape_debug(),
            rerun.dvctt_version
        ));
    }
    if recorded.ruleset_version != rerun.ruleset_version {
        found.notes.push(format!(
            "manifest ghi bộ quy tắc phiên bản {}, chương trình này dùng phiên bản {}: các quy tắc kiểm tra đã đổi",
            recorded.ruleset_version, rerun.ruleset_version
        ));
    }
    found.outputs = outputs(recorded, rendered, dir);
    found.outputs.extend(unlisted(recorded, dir));
    found
}

/// Files in the report folder that are neither in the manifest nor the
/// job's own (the archive `truoc/`, its temporaries): a workbook put beside
/// the real one (`tong-hop-…-ban-sua.xlsx`) must not pass for part of it.
fn unlisted(recorded: &Manifest, dir: &Path) -> Vec<String> {
    let listed: std::collections::BTreeSet<&str> = recorded
        .outputs
        .iter()
        .map(|o| o.name.as_str())
        .chain([super::MANIFEST])
        .collect();
    let mut found = Vec::new();
    let mut budget = MAX_FOLDER_ENTRIES;
    walk_unlisted(dir, "", 0, &listed, &mut budget, &mut found);
    if budget == 0 {
        found.push(format!(
            "thư mục báo cáo có hơn {MAX_FOLDER_ENTRIES} mục: không xem hết được"
        ));
    }
    found
}

fn walk_unlisted(
    dir: &Path,
    prefix: &str,
    depth: usize,
    listed: &std::collections::BTreeSet<&str>,
    budget: &mut usize,
    found: &mut Vec<String>,
) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut names: Vec<std::ffi::OsString> = Vec::new();
    for entry in entries.flatten() {
        if *budget == 0 {
            return;
        }
        *budget -= 1;
        names.push(entry.file_name());
    }
    names.sort();
    for name in names {
        use std::os::unix::ffi::OsStrExt;
        let shown = format!("{prefix}{}", crate::text::escape(name.as_bytes()));
        let path = dir.join(&name);
        let is_dir = std::fs::symlink_metadata(&path).is_ok_and(|m| m.is_dir());
        // The archive's own folders are history, not looked into; a name
        // the job did not write is never trusted for its prefix.
        if listed.contains(shown.as_str()) {
            continue;
        }
        // `truoc/` itself is looked into, for what else was put there; the
        // job's other own names are passed over.
        let own = crate::reports_dir::is_own_name(prefix, &name, is_dir);
        let look_into = match own {
            true => prefix.is_empty() && is_dir,
            false => is_dir && depth < MAX_FOLDER_DEPTH,
        };
        if look_into {
            walk_unlisted(
                &path,
                &format!("{shown}/"),
                depth + 1,
                listed,
                budget,
                found,
            );
        } else if !own {
            found.push(format!(
                "{shown}: có trong thư mục báo cáo nhưng manifest.json không ghi: không phải tệp của báo cáo này"
            ));
        }
    }
}

fn submissions(recorded: &[SubmittedFile], now: &[SubmittedFile], lines: &mut Vec<String>) {
    let by_name = |files: &[SubmittedFile]| -> BTreeMap<String, SubmittedFile> {
        files.iter().map(|f| (f.name.clone(), f.clone())).collect()
    };
    let (before, after) = (by_name(recorded), by_name(now));
    for (name, was) in &before {
        match after.get(name) {
            None => lines.push(format!("đã bị xóa: tệp báo cáo “{name}”")),
            Some(is) if (was.size, &was.sha256) != (is.size, &is.sha256) => {
                lines.push(format!(
                    "đã thay đổi: tệp báo cáo “{name}” (manifest: {}; nay: {})",
                    fingerprint(was),
                    fingerprint(is)
                ))
            }
            Some(is) if times(was) != times(is) => lines.push(format!(
                "đã thay đổi thời điểm sửa tệp: tệp báo cáo “{name}” (thời điểm sửa tệp đã được dùng: để xét nộp đúng hạn khi báo cáo không ghi ngày, hoặc để chọn giữa hai báo cáo cùng ngày của một đơn vị)"
            )),
            Some(is) => verdicts(was, is, lines),
        }
    }
    for name in after.keys().filter(|n| !before.contains_key(*n)) {
        lines.push(format!("thêm mới: tệp báo cáo “{name}”"));
    }
}

/// What the manifest says of a file unchanged since, and of what it held,
/// against what the rerun decides: a verdict or a unit edited into the
/// manifest (a rejected file made `accepted`, one unit's file given to
/// another) is named, never passed over because the bytes are the same.
fn verdicts(was: &SubmittedFile, is: &SubmittedFile, lines: &mut Vec<String>) {
    let (recorded, rerun) = (said(was), said(is));
    let shown = |s: Option<&Said>| match s {
        None => "không có".to_string(),
        Some((verdict, unit, _)) => format!(
            "{}, đơn vị {}",
            verdict.unwrap_or("không đọc"),
            unit.unwrap_or("không có")
        ),
    };
    let names: std::collections::BTreeSet<&str> =
        recorded.keys().chain(rerun.keys()).copied().collect();
    for name in names {
        let (a, b) = (recorded.get(name), rerun.get(name));
        if a != b {
            lines.push(format!(
                "manifest.json ghi khác kết quả tính lại: tệp “{}” (manifest: {}; tính lại: {})",
                name.escape_debug(),
                shown(a),
                shown(b)
            ));
        }
    }
}

/// A file's verdict, unit and digest, as a manifest says them.
type Said<'a> = (Option<&'a str>, Option<&'a str>, Option<&'a str>);

/// What a manifest says of a file and of each entry it held, by name.
fn said(file: &SubmittedFile) -> BTreeMap<&str, Said<'_>> {
    let own = (
        file.verdict.as_deref(),
        file.unit.as_deref(),
        file.sha256.as_deref(),
    );
    let entries = file.entries.iter().map(|e| {
        let said = (
            Some(e.verdict.as_str()),
            e.unit.as_deref(),
            e.sha256.as_deref(),
        );
        (e.name.as_str(), said)
    });
    std::iter::once((file.name.as_str(), own))
        .chain(entries)
        .collect()
}

fn fingerprint(file: &SubmittedFile) -> String {
    match (&file.sha256, file.size) {
        (Some(sha), Some(size)) => format!("{} byte, SHA-256 {}…", size, &sha[..sha.len().min(12)]),
        (None, Some(size)) => format!("{size} byte"),
        _ => "không phải tệp đọc được".to_string(),
    }
}

/// Every modification time the manifest records for the file and its entries.
fn times(file: &SubmittedFile) -> Vec<(&str, Option<&str>)> {
    std::iter::once((file.name.as_str(), file.modified.as_deref()))
        .chain(
            file.entries
                .iter()
                .map(|e| (e.name.as_str(), e.modified.as_deref())),
        )
        .collect()
}

fn compare_maps<K: Ord + Clone>(
    before: &BTreeMap<K, String>,
    after: &BTreeMap<K, String>,
    lines: &mut Vec<String>,
    what: impl Fn(&K) -> String,
) {
    for (key, was) in before {
        match after.get(key) {
            None => lines.push(format!("đã bị xóa hoặc không còn dùng được: {}", what(key))),
            Some(is) if is != was => lines.push(format!("đã thay đổi: {}", what(key))),
            Some(_) => {}
        }
    }
    for key in after.keys().filter(|k| !before.contains_key(*k)) {
        lines.push(format!("thêm mới: {}", what(key)));
    }
}

fn reports_role(role: &str) -> &'static str {
    match role {
        "baseline" => "số liệu quý trước",
        "history" => "số liệu các quý trước",
        "acceptances" => "tệp xác nhận thay đổi bất thường",
        "baseline_file" => "tệp số liệu kỳ trước (--baseline)",
        _ => "tệp đầu vào",
    }
}

fn shown_report_path(role: &str, path: &str) -> String {
    let path = path.escape_debug();
    match role {
        "baseline_file" => format!("“{path}”"),
        _ => format!("“<thư mục báo cáo>/{path}”"),
    }
}

fn settings_role(role: &str) -> &'static str {
    match role {
        "config" => "tệp cấu hình",
        "roster" => "danh mục đơn vị",
        "wording" => "tệp lời văn (wording)",
        "letter" => "mẫu công văn (letter.template)",
        _ => "tệp thiết lập",
    }
}

/// Each output against the manifest and the rerun, by name.
fn outputs(recorded: &Manifest, rendered: &[(String, Vec<u8>)], dir: &Path) -> Vec<String> {
    let recorded: BTreeMap<&str, &str> = recorded
        .outputs
        .iter()
        .map(|o| (o.name.as_str(), o.sha256.as_str()))
        .collect();
    let rerun: BTreeMap<&str, String> = rendered
        .iter()
        .filter(|(name, _)| name != super::MANIFEST)
        .map(|(name, bytes)| (name.as_str(), crate::digest::sha256_hex(bytes)))
        .collect();
    let mut names: Vec<&str> = recorded.keys().chain(rerun.keys()).copied().collect();
    names.sort();
    names.dedup();
    let mut lines = Vec::new();
    for name in names {
        let on_disk = match crate::regular_file::read(&dir.join(name), MAX_OUTPUT_BYTES) {
            Ok(Some(bytes)) => Ok(Some(crate::digest::sha256_hex(&bytes))),
            Ok(None) => Ok(None),
            Err(e) => Err(e.to_string()),
        };
        let mut why = Vec::new();
        match (&on_disk, recorded.get(name)) {
            (Err(e), _) => why.push(format!("không đọc được ({e})")),
            (Ok(None), _) => why.push("không còn trong thư mục báo cáo".to_string()),
            (Ok(Some(_)), None) => why.push("manifest.json không ghi tệp này".to_string()),
            (Ok(Some(disk)), Some(sha)) if disk != sha => why.push(
                "tệp đang có khác bản ghi trong manifest.json (đã bị sửa hoặc thay sau khi ghi)"
                    .to_string(),
            ),
            _ => {}
        }
        match (&on_disk, rerun.get(name)) {
            (Ok(Some(disk)), Some(fresh)) if disk != fresh => why.push(
                "tính lại từ các tệp đầu vào hiện nay cho kết quả khác tệp đang có".to_string(),
            ),
            (_, None) => why.push("lần tính lại không tạo tệp này".to_string()),
            _ => {}
        }
        if !why.is_empty() {
            lines.push(format!("{name}: {}", why.join("; ")));
        }
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The sample quarter's manifest, as committed.
    fn sample() -> Manifest {
        Manifest::parse(include_bytes!("../../reports/2020-Q1/manifest.json")).expect("manifest")
    }

    #[test]
    fn every_input_added_removed_changed_or_edited_is_named() {
        type Edit = fn(&mut Manifest);
        // (case, what the rerun finds changed, the line it must say; None: nothing)
        let cases: [(&str, Edit, Option<&str>); 7] = [
            ("unchanged", |_| {}, None),
            (
                "a file's bytes",
                |m| m.submissions[0].sha256 = Some("0".repeat(64)),
                Some("đã thay đổi: tệp báo cáo “"),
            ),
            (
                "a file removed",
                |m| {
                    m.submissions.remove(0);
                },
                Some("đã bị xóa: tệp báo cáo “"),
            ),
            (
                "a file added",
                |m| {
                    let mut extra = m.submissions[0].clone();
                    extra.name = "zz-moi.xlsx".to_string();
                    m.submissions.push(extra);
                },
                Some("thêm mới: tệp báo cáo “zz-moi.xlsx”"),
            ),
            (
                "a verdict edited into the manifest, the bytes the same",
                |m| m.submissions[0].verdict = Some("rejected".to_string()),
                Some("manifest.json ghi khác kết quả tính lại: tệp “"),
            ),
            (
                "the roster changed",
                |m| {
                    let roster = m.settings.iter_mut().find(|s| s.role == "roster");
                    roster.expect("a roster entry").sha256 = Some("1".repeat(64));
                },
                Some("đã thay đổi: danh mục đơn vị"),
            ),
            (
                "the previous quarter's summary changed",
                |m| m.reports_inputs[0].sha256 = "2".repeat(64),
                Some("đã thay đổi: số liệu quý trước “<thư mục báo cáo>/2019-Q4/"),
            ),
        ];
        let dir = tempfile::tempdir().expect("temp dir");
        for (case, edit, line) in cases {
            let recorded = sample();
            let mut rerun = recorded.clone();
            edit(&mut rerun);
            let found = differences(&recorded, &rerun, &[], dir.path());
            match line {
                None => assert!(found.inputs.is_empty(), "{case}: {:?}", found.inputs),
                Some(line) => {
                    assert_eq!(found.inputs.len(), 1, "{case}: {:?}", found.inputs);
                    assert!(
                        found.inputs[0].starts_with(line),
                        "{case}: {:?}",
                        found.inputs
                    );
                }
            }
            // No output is on disk here: every one the manifest lists is named.
            assert_eq!(found.outputs.len(), recorded.outputs.len(), "{case}");
            assert!(!found.matches(), "{case}");
        }
    }

    #[test]
    fn another_program_or_rule_set_is_a_note_not_a_difference() {
        let recorded = sample();
        let mut rerun = recorded.clone();
        rerun.dvctt_version = "9.9.9".to_string();
        rerun.ruleset_version += 1;
        let dir = tempfile::tempdir().expect("temp dir");
        let found = differences(&recorded, &rerun, &[], dir.path());
        assert!(found.inputs.is_empty(), "{:?}", found.inputs);
        assert_eq!(found.notes.len(), 2, "{:?}", found.notes);
    }
}
