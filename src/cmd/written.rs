//! What a run says on stdout it wrote, or would write with `--dry-run`:
//! each file at the top of the quarter's folder by name, the files of a
//! folder in it (`phan-hoi/`) as a count, not one line each.

use std::path::Path;

use crate::reports_dir::Installed;

type Rendered<'a> = Vec<&'a (String, Vec<u8>)>;

/// The files written at the top of the quarter's folder, and those of each
/// folder in it (`phan-hoi`), which the summary counts rather than lists.
fn by_folder(rendered: &[(String, Vec<u8>)]) -> (Rendered<'_>, Vec<(&str, Rendered<'_>)>) {
    let mut top = Vec::new();
    let mut inner: Vec<(&str, Rendered<'_>)> = Vec::new();
    for file in rendered {
        match file.0.split_once('/') {
            None => top.push(file),
            Some((folder, _)) => match inner.iter_mut().find(|(f, _)| *f == folder) {
                Some((_, files)) => files.push(file),
                None => inner.push((folder, vec![file])),
            },
        }
    }
    (top, inner)
}

/// `43 tệp phản hồi đơn vị và danh sách gửi danh-sach.csv`.
fn folder_contents(files: &Rendered<'_>) -> String {
    let workbooks = files.iter().filter(|(n, _)| n.ends_with(".xlsx")).count();
    let lists: Vec<&str> = files
        .iter()
        .filter(|(n, _)| !n.ends_with(".xlsx"))
        .filter_map(|(n, _)| n.rsplit_once('/').map(|(_, name)| name))
        .collect();
    format!(
        "{workbooks} tệp phản hồi đơn vị và danh sách gửi {}",
        lists.join(", ")
    )
}

/// What a dry run says it would write.
pub(super) fn planned(dir: &Path, rendered: &[(String, Vec<u8>)]) -> Vec<String> {
    let (top, inner) = by_folder(rendered);
    let verb = |path: &Path| match path.exists() {
        true => "sẽ thay",
        false => "sẽ ghi",
    };
    let mut lines: Vec<String> = top
        .iter()
        .map(|(name, bytes)| {
            let path = dir.join(name);
            format!("{} {} ({} byte)", verb(&path), path.display(), bytes.len())
        })
        .collect();
    for (folder, files) in inner {
        let path = dir.join(folder);
        let bytes: usize = files.iter().map(|(_, b)| b.len()).sum();
        lines.push(format!(
            "{} {}/: {} ({bytes} byte)",
            verb(&path),
            path.display(),
            folder_contents(&files)
        ));
    }
    lines.push("chạy thử (--dry-run): không ghi gì".to_string());
    lines
}

/// What a run says it wrote, or that it had nothing to write.
pub(super) fn done(
    dir: &Path,
    rendered: &[(String, Vec<u8>)],
    installed: &Installed,
) -> Vec<String> {
    if *installed == Installed::Unchanged {
        return vec![format!(
            "báo cáo {} đang có giống hệt từng byte: không ghi gì",
            dir.display()
        )];
    }
    let (top, inner) = by_folder(rendered);
    let mut lines: Vec<String> = top
        .iter()
        .map(|(name, _)| format!("đã ghi {}", dir.join(name).display()))
        .collect();
    for (folder, files) in inner {
        let path = dir.join(folder);
        lines.push(format!(
            "đã ghi {}/: {}",
            path.display(),
            folder_contents(&files)
        ));
    }
    if let Installed::Replaced { archive } = installed {
        tracing::info!(dir = %dir.display(), "replaced the earlier report of this quarter");
        lines.push(match archive {
            Ok(Some(kept)) => format!(
                "đã thay báo cáo trước; báo cáo cũ được giữ ở {}",
                kept.display()
            ),
            Ok(None) => "đã thay báo cáo trước".to_string(),
            Err(why) => format!("đã thay báo cáo trước; chưa lưu được báo cáo cũ: {why}"),
        });
    }
    lines
}
