//! The archive of replaced reports, `truoc/` in a quarter's folder: each
//! replaced report kept whole under the next number, the last
//! `reports.keep_replaced` of them kept, numbers that never wrap, and the
//! names that are the archive's own (for `verify`).

use std::io;
use std::path::{Path, PathBuf};

use super::super::atomic::pause_for_tests;
use super::super::{ARCHIVE, MARKER, TEMP_PREFIX};
use super::same::same_set;
use super::{MAX_CARRIED, carry, sync_dir};
use crate::quarter::Quarter;

/// The largest number an archive of `truoc/` is given: a run a second for
/// thirty million years. A larger name is not an archive (someone else's,
/// never counted, pruned or renamed); an archive numbered this, planted or
/// not, makes the archives be numbered again from 1 before the next one,
/// so a number never wraps to one already there.
const MAX_ARCHIVE_NUMBER: u64 = 1_000_000_000_000_000;

/// Keeps the outputs of the replaced report `old` as `live/truoc/<n>/` (the
/// next free number), keeps the last `keep` archives, and removes `old`,
/// which then holds only links.
pub(super) fn archive_old(
    old: &Path,
    live: &Path,
    quarter: Quarter,
    keep: usize,
) -> io::Result<Option<PathBuf>> {
    // Whatever bears an output's name is kept, whatever it is (a folder, a
    // link, a pipe someone put there): `old` is removed after this.
    let outputs: Vec<String> = super::super::output_names(quarter)
        .into_iter()
        .filter(|n| std::fs::symlink_metadata(old.join(n)).is_ok())
        .collect();
    if outputs.is_empty() {
        std::fs::remove_dir_all(old).map_err(at(old))?;
        return Ok(None);
    }
    let archives = live.join(ARCHIVE);
    std::fs::create_dir_all(&archives).map_err(at(&archives))?;
    clear_unfinished_archives(&archives);
    let mut latest = archive_numbers(&archives)?.last().copied();
    // A run killed after archiving but before removing `old` archived it already.
    let kept = latest
        .map(|n| archives.join(n.to_string()))
        .filter(|dir| same_set(dir, old, &outputs));
    let archive = match kept {
        Some(dir) => dir,
        None => {
            if latest == Some(MAX_ARCHIVE_NUMBER) {
                latest = renumber(&archives)?;
            }
            let n = latest.map_or(1, |n| n + 1);
            let part = archives.join(format!("{TEMP_PREFIX}{n}.part"));
            std::fs::create_dir(&part).map_err(at(&part))?;
            let mut budget = MAX_CARRIED;
            for name in &outputs {
                let (from, to) = (old.join(name), part.join(name));
                if std::fs::symlink_metadata(&from)?.is_dir() {
                    carry(&from, &to, 0, &mut budget)?;
                } else {
                    // A link is linked as itself, never followed.
                    std::fs::hard_link(&from, &to).or_else(|_| {
                        let meta = std::fs::symlink_metadata(&from)?;
                        if meta.is_symlink() {
                            std::os::unix::fs::symlink(std::fs::read_link(&from)?, &to)
                        } else if meta.is_file() {
                            std::fs::copy(&from, &to).map(|_| ())
                        } else {
                            // Copying a pipe would wait for a writer.
                            std::fs::hard_link(&from, &to)
                        }
                    })?;
                }
            }
            sync_dir(&part);
            let dir = archives.join(n.to_string());
            std::fs::rename(&part, &dir).map_err(at(&dir))?;
            sync_dir(&archives);
            tracing::info!(archive = %dir.display(), "kept the replaced report");
            dir
        }
    };
    pause_for_tests();
    remove_whole(old, &gone_name(old)).map_err(at(old))?;
    prune(&archives, keep);
    Ok(Some(archive))
}

/// Where a folder goes to be removed: `<name>.gone` beside it.
pub(super) fn gone_name(dir: &Path) -> PathBuf {
    let mut name = dir.as_os_str().to_owned();
    name.push(".gone");
    PathBuf::from(name)
}

/// Removes `dir` under another name, `gone`, in one rename first: a run
/// killed while removing it leaves part of it under `gone`, which is only
/// ever removed, never under its own name, where what was left of a
/// replaced report would be taken for a report still to archive (a second,
/// partial archive).
pub(super) fn remove_whole(dir: &Path, gone: &Path) -> io::Result<()> {
    if std::fs::symlink_metadata(gone).is_ok_and(|m| m.is_dir()) {
        std::fs::remove_dir_all(gone)?;
    }
    std::fs::rename(dir, gone)?;
    std::fs::remove_dir_all(gone)
}

/// An I/O error said with the path it happened on.
pub(super) fn at(path: &Path) -> impl FnOnce(io::Error) -> io::Error + '_ {
    move |e| io::Error::new(e.kind(), format!("{}: {e}", path.display()))
}

/// The number of an archive folder's name: digits only, no leading zero,
/// from 1 to `MAX_ARCHIVE_NUMBER`; anything else is not an archive.
fn archive_number(name: &std::ffi::OsStr) -> Option<u64> {
    let name = name.to_str()?;
    if name.is_empty() || name.starts_with('0') || !name.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    name.parse()
        .ok()
        .filter(|n| (1..=MAX_ARCHIVE_NUMBER).contains(n))
}

/// The archives' numbers, smallest first.
fn archive_numbers(archives: &Path) -> io::Result<Vec<u64>> {
    let mut numbers: Vec<u64> = std::fs::read_dir(archives)
        .map_err(at(archives))?
        .flatten()
        .filter(|e| e.file_type().is_ok_and(|t| t.is_dir()))
        .filter_map(|e| archive_number(&e.file_name()))
        .collect();
    numbers.sort_unstable();
    Ok(numbers)
}

/// Numbers the archives 1, 2, … in their order (each renamed to a number no
/// larger than its own, so never onto another); the last number given.
fn renumber(archives: &Path) -> io::Result<Option<u64>> {
    let numbers = archive_numbers(archives)?;
    for (new, old) in (1u64..).zip(&numbers) {
        if new != *old {
            let to = archives.join(new.to_string());
            std::fs::rename(archives.join(old.to_string()), &to).map_err(at(&to))?;
        }
    }
    tracing::warn!(dir = %archives.display(), "archives numbered again from 1");
    Ok((!numbers.is_empty()).then_some(numbers.len() as u64))
}

/// Removes all but the last `keep` archives. Best effort: an archive that
/// cannot be removed is left and said, never a run stopped for it.
pub(super) fn prune(archives: &Path, keep: usize) {
    let Ok(numbers) = archive_numbers(archives) else {
        return;
    };
    for n in &numbers[..numbers.len().saturating_sub(keep)] {
        let dir = archives.join(n.to_string());
        // Removed as an unfinished archive: a run killed meanwhile leaves
        // no partial archive under a number.
        let gone = archives.join(format!("{TEMP_PREFIX}{n}.part"));
        match remove_whole(&dir, &gone) {
            Ok(()) => {
                tracing::info!(archive = %dir.display(), "removed an archive past reports.keep_replaced")
            }
            Err(e) => {
                tracing::warn!(archive = %dir.display(), error = %e, "could not remove an archive past reports.keep_replaced")
            }
        }
    }
}

/// Whether a name in a quarter's folder is the job's own besides the
/// outputs a manifest lists: the archive folder (`truoc/`, whose numbered
/// archives and unfinished one are its own, anything else put there is
/// not) and the swap's marker. `parent` is the path above it, `""` or
/// `"truoc/"`. Nothing else is, whatever its name starts with.
pub fn is_own_name(parent: &str, name: &std::ffi::OsStr, is_dir: bool) -> bool {
    match parent {
        "" => (name == ARCHIVE && is_dir) || name == MARKER,
        _ if parent == format!("{ARCHIVE}/") => {
            is_dir
                && (archive_number(name).is_some()
                    || is_unfinished_archive(&name.to_string_lossy()))
        }
        _ => false,
    }
}

/// The name an archive has while it is being made: `.dvctt-<n>.part`.
pub(crate) fn is_unfinished_archive(name: &str) -> bool {
    name.strip_prefix(TEMP_PREFIX)
        .and_then(|n| n.strip_suffix(".part"))
        .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
}

pub(super) fn clear_unfinished_archives(archives: &Path) {
    let Ok(entries) = std::fs::read_dir(archives) else {
        return;
    };
    for entry in entries.flatten() {
        if is_unfinished_archive(&entry.file_name().to_string_lossy()) {
            tracing::warn!(dir = %entry.path().display(), "removing an archive an interrupted run had not finished");
            let _ = std::fs::remove_dir_all(entry.path());
        }
    }
}
