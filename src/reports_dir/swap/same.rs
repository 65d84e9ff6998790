//! Whether a report in place is the one a run would write, and whether an
//! archive already holds a replaced report: compared byte for byte, an
//! output folder (`phan-hoi/`) name by name, never blocking on a pipe.

use std::path::Path;

/// Whether `dir` already holds exactly these files' bytes, and each folder
/// among them (`phan-hoi/`) holds nothing else: a stale file there differs.
pub fn unchanged(dir: &Path, files: &[(String, Vec<u8>)]) -> bool {
    let mut folders: std::collections::BTreeMap<&str, Vec<&str>> = Default::default();
    for (name, _) in files {
        if let Some((folder, inner)) = name.split_once('/') {
            folders.entry(folder).or_default().push(inner);
        }
    }
    files
        .iter()
        .all(|(name, bytes)| same_bytes(&dir.join(name), bytes))
        && folders.iter().all(|(folder, names)| {
            std::fs::read_dir(dir.join(folder)).is_ok_and(|entries| entries.count() == names.len())
        })
}

/// The entry of the quarter's folder a file is written under: `phan-hoi`
/// for `phan-hoi/T95-2020-Q1.xlsx`.
pub(super) fn entry_of(name: &str) -> &str {
    name.split_once('/').map_or(name, |(folder, _)| folder)
}

/// `dir` holds exactly `names`, each with the bytes it has in `old`.
pub(super) fn same_set(dir: &Path, old: &Path, names: &[String]) -> bool {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return false;
    };
    entries.count() == names.len()
        && names.iter().all(|n| {
            let (kept, from) = (dir.join(n), old.join(n));
            match std::fs::symlink_metadata(&from) {
                // An output folder: the same names, each with the same bytes.
                Ok(meta) if meta.is_dir() => {
                    let Ok(inner) = std::fs::read_dir(&from) else {
                        return false;
                    };
                    let inner: Vec<String> = inner
                        .flatten()
                        .map(|e| e.file_name().to_string_lossy().into_owned())
                        .collect();
                    same_set(&kept, &from, &inner)
                }
                _ => crate::regular_file::read(&from, MAX_COMPARED_BYTES)
                    .is_ok_and(|b| b.is_some_and(|bytes| same_bytes(&kept, &bytes))),
            }
        })
}

/// The largest output compared byte for byte; a larger one is taken as
/// different (and so archived, never lost).
const MAX_COMPARED_BYTES: u64 = 1 << 30;

/// Never blocks on a pipe, never reads more than `bytes` holds.
fn same_bytes(path: &Path, bytes: &[u8]) -> bool {
    crate::regular_file::read(path, bytes.len() as u64).is_ok_and(|b| b.as_deref() == Some(bytes))
}
