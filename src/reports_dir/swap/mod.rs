//! A quarter's report as one set, all or nothing. The outputs are written
//! into a new folder beside the quarter's folder (`reports/.dvctt-<q>.new`),
//! with hard links to everything else the quarter's folder holds (a published
//! `baseline.xlsx`, a reviewer's notes, earlier reports under `truoc/`); the
//! two folders are then exchanged in one step (`renameat2(RENAME_EXCHANGE)`),
//! so whoever reads `reports/<q>/` sees the old set or the new one, never a
//! mix. The replaced outputs are then kept as `reports/<q>/truoc/<n>/`.
//!
//! A run killed at any point leaves either an unfinished `.new` folder (the
//! report in place is untouched) or the old report waiting to be archived;
//! `recover` finishes or undoes that at the start of the next run. Which of
//! the two a leftover `.new` folder is, is told by the marker file: it is
//! written into the new set and removed from the quarter's folder last.

use std::ffi::CString;
use std::io;
use std::os::unix::ffi::OsStrExt;
use std::path::{Path, PathBuf};

use super::ReportsError;
use super::atomic::{clear_leftovers, is_own_temporary, pause_for_tests, write_synced};
use super::{ARCHIVE, MARKER, TEMP_PREFIX};
use crate::quarter::Quarter;

mod archive;
mod same;
pub use archive::is_own_name;
use archive::{archive_old, clear_unfinished_archives, prune};
use same::entry_of;
pub use same::unchanged;

/// Entries of the quarter's folder carried into a new set, at most; and how
/// deep into its subfolders.
pub(super) const MAX_CARRIED: usize = 100_000;
const MAX_DEPTH: usize = 16;

/// What installing a report did.
#[derive(Debug, PartialEq, Eq)]
pub enum Installed {
    /// The report in place has the same bytes: nothing was touched.
    Unchanged,
    /// There was no report: the quarter's folder was created.
    First,
    /// The report in place was replaced and kept in the archive folder
    /// named (None: it had no outputs to keep); or why it is not kept yet.
    Replaced {
        archive: Result<Option<PathBuf>, String>,
    },
}

/// Puts `files` in place as `reports/<quarter>/`, all at once, keeping the
/// last `keep` replaced reports under `truoc/` (`reports.keep_replaced`).
pub fn install(
    reports: &Path,
    quarter: Quarter,
    files: &[(String, Vec<u8>)],
    keep: usize,
) -> Result<Installed, ReportsError> {
    let live = reports.join(quarter.to_string());
    if unchanged(&live, files) {
        return Ok(Installed::Unchanged);
    }
    let live_meta = std::fs::symlink_metadata(&live).ok();
    if live_meta.as_ref().is_some_and(|m| !m.is_dir()) {
        let e = io::Error::other("not a folder");
        return Err(ReportsError::io("thay", &live, e));
    }
    let new = temp_folder(reports, quarter, "new");
    // Room for the one this run adds, before the archive is carried into
    // the new set: an archive that only grew stopped every run of the
    // quarter after some 1,100 reruns.
    if live_meta.is_some() {
        prune(&live.join(ARCHIVE), keep.saturating_sub(1));
    }
    if let Err(e) = build(&new, live_meta.is_some().then_some(&live), files, quarter) {
        let _ = std::fs::remove_dir_all(&new);
        return Err(ReportsError::io("ghi", &live, e));
    }
    pause_for_tests();
    if live_meta.is_none() {
        std::fs::rename(&new, &live).map_err(|e| ReportsError::io("đổi tên", &new, e))?;
        sync_dir(reports);
        remove_marker(&live);
        return Ok(Installed::First);
    }
    let old = temp_folder(reports, quarter, "old");
    if let Err(e) = exchange(&new, &live, &old) {
        let _ = std::fs::remove_dir_all(&new);
        return Err(ReportsError::io("thay", &live, e));
    }
    sync_dir(reports);
    pause_for_tests();
    // The new report is in place: what fails from here on only delays the
    // archive, which the next run finishes.
    let archive = match new.exists() {
        // Named `.old` from here on: the marker is no longer needed to tell.
        true => std::fs::rename(&new, &old),
        false => Ok(()),
    }
    .and_then(|()| {
        pause_for_tests();
        archive_old(&old, &live, quarter, keep)
    });
    // While the old report is still called `.new`, the marker must stay.
    if !new.exists() {
        remove_marker(&live);
    }
    let archive = archive.map_err(|e| {
        tracing::warn!(error = %e, "the replaced report could not be archived yet");
        let left = if new.exists() { new } else { old };
        format!("{e}; nó còn ở {}, lần chạy sau sẽ lưu", left.display())
    });
    Ok(Installed::Replaced { archive })
}

/// Finishes or undoes what a killed run left, for every quarter, and removes
/// its temporary files (its own names only: `.dvctt-<pid>-<n>.tmp`,
/// `.dvctt-<n>.part`, the swap's marker, never another `.dvctt-…` name).
/// Called under the lock, before anything is read.
pub fn recover(reports: &Path, keep: usize) -> Result<(), ReportsError> {
    let entries = match std::fs::read_dir(reports) {
        Ok(entries) => entries,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(ReportsError::io("đọc", reports, e)),
    };
    let mut quarters = std::collections::BTreeSet::new();
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let quarter = name
            .strip_prefix(TEMP_PREFIX)
            .and_then(|n| {
                n.strip_suffix(".new")
                    .or_else(|| n.strip_suffix(".old"))
                    .or_else(|| n.strip_suffix(".old.gone"))
            })
            .unwrap_or(&name);
        if let Ok(q) = quarter.parse::<Quarter>() {
            quarters.insert(q);
        }
    }
    for quarter in quarters {
        let live = reports.join(quarter.to_string());
        recover_quarter(reports, quarter, keep).map_err(|e| ReportsError::io("dọn", &live, e))?;
    }
    Ok(())
}

fn recover_quarter(reports: &Path, quarter: Quarter, keep: usize) -> io::Result<()> {
    let live = reports.join(quarter.to_string());
    let (new, old) = (
        temp_folder(reports, quarter, "new"),
        temp_folder(reports, quarter, "old"),
    );
    let gone = archive::gone_name(&old);
    // The job only ever makes these as folders: anything else under the
    // name (a file, a link) is someone else's, moved aside, never removed.
    for path in [&new, &old, &gone] {
        set_aside_if_not_folder(path)?;
    }
    // What is left of a replaced report a killed run was removing, after
    // archiving it.
    if gone.exists() {
        tracing::warn!(dir = %gone.display(), "removing what an interrupted run had left of an archived report");
        std::fs::remove_dir_all(&gone)?;
    }
    if old.exists() && !live.exists() {
        tracing::warn!(dir = %live.display(), "putting back a report an interrupted run had moved aside");
        std::fs::rename(&old, &live)?;
    }
    if new.exists() {
        if live.join(MARKER).exists() {
            tracing::warn!(dir = %live.display(), "finishing the swap an interrupted run had made");
            std::fs::rename(&new, &old)?;
        } else {
            tracing::warn!(dir = %new.display(), "removing a report an interrupted run had not put in place");
            std::fs::remove_dir_all(&new)?;
        }
    }
    if old.exists() {
        archive_old(&old, &live, quarter, keep)?;
    }
    remove_marker(&live);
    clear_leftovers(&live);
    clear_unfinished_archives(&live.join(ARCHIVE));
    Ok(())
}

/// Renames what `path` names to `<path>.bo-qua-<n>` (the first free n)
/// when it is there and is not a folder the job made.
fn set_aside_if_not_folder(path: &Path) -> io::Result<()> {
    let Ok(meta) = std::fs::symlink_metadata(path) else {
        return Ok(());
    };
    if meta.is_dir() {
        return Ok(());
    }
    let mut name = path.as_os_str().to_owned();
    name.push(".bo-qua-");
    let aside = (1..)
        .map(|n| {
            let mut numbered = name.clone();
            numbered.push(n.to_string());
            PathBuf::from(numbered)
        })
        .find(|p| std::fs::symlink_metadata(p).is_err())
        .expect("a free name");
    std::fs::rename(path, &aside)?;
    tracing::warn!(
        path = %path.display(),
        moved_to = %aside.display(),
        "a file, not a folder, had the name of a run's temporary folder: moved aside, not removed"
    );
    Ok(())
}

fn temp_folder(reports: &Path, quarter: Quarter, kind: &str) -> PathBuf {
    reports.join(format!("{TEMP_PREFIX}{quarter}.{kind}"))
}

/// The new set in `new`: the marker, the outputs, and links to everything
/// else the quarter's folder holds — never an output of the replaced report
/// that this run does not write (a letter its template could not make):
/// that would be a mixed set.
fn build(
    new: &Path,
    live: Option<&PathBuf>,
    files: &[(String, Vec<u8>)],
    quarter: Quarter,
) -> io::Result<()> {
    if new.exists() {
        std::fs::remove_dir_all(new)?;
    }
    std::fs::create_dir(new)?;
    write_synced(&new.join(MARKER), b"")?;
    for (name, bytes) in files {
        let path = new.join(name);
        if let Some(folder) = path.parent().filter(|p| *p != new && !p.exists()) {
            std::fs::create_dir_all(folder)?;
        }
        write_synced(&path, bytes)?;
    }
    let folders: std::collections::BTreeSet<&str> = files
        .iter()
        .filter(|(n, _)| n.contains('/'))
        .map(|(n, _)| entry_of(n))
        .collect();
    for folder in folders {
        sync_dir(&new.join(folder));
    }
    if let Some(live) = live {
        let mut budget = MAX_CARRIED;
        for entry in std::fs::read_dir(live)? {
            let name = entry?.file_name();
            // An output folder is replaced whole: a stale file in it is not carried.
            let ours = files.iter().any(|(n, _)| name.as_os_str() == entry_of(n))
                || crate::reports_dir::output_names(quarter)
                    .iter()
                    .any(|n| name.as_os_str() == n.as_str());
            // Only the job's own temporaries are left behind: any other
            // name (a reviewer's `.dvctt-ghi-chu.txt`) is carried.
            let temporary = name == MARKER || is_own_temporary(&name.to_string_lossy());
            if !ours && !temporary {
                carry(&live.join(&name), &new.join(&name), 0, &mut budget)?;
            }
        }
    }
    sync_dir(new);
    Ok(())
}

/// `to` becomes another name of `from`: files hard-linked (copied where the
/// file system cannot link), folders walked, symbolic links recreated.
pub(super) fn carry(from: &Path, to: &Path, depth: usize, budget: &mut usize) -> io::Result<()> {
    if depth > MAX_DEPTH {
        let e = format!("thư mục lồng quá {MAX_DEPTH} cấp không giữ được bên cạnh báo cáo");
        return Err(io::Error::other(e));
    }
    *budget = budget.checked_sub(1).ok_or_else(|| {
        io::Error::other(format!(
            "không giữ được hơn {MAX_CARRIED} tệp bên cạnh báo cáo"
        ))
    })?;
    let meta = std::fs::symlink_metadata(from)?;
    if meta.is_file() {
        std::fs::hard_link(from, to).or_else(|_| std::fs::copy(from, to).map(|_| ()))
    } else if meta.is_symlink() {
        std::os::unix::fs::symlink(std::fs::read_link(from)?, to)
    } else if meta.is_dir() {
        std::fs::create_dir(to)?;
        std::fs::set_permissions(to, meta.permissions())?;
        for entry in std::fs::read_dir(from)? {
            let name = entry?.file_name();
            carry(&from.join(&name), &to.join(&name), depth + 1, budget)?;
        }
        Ok(())
    } else {
        // A pipe, socket or device: another name for the same node.
        std::fs::hard_link(from, to)
    }
}

/// Swaps two folders in one step. Where the file system cannot, the quarter's
/// folder is moved aside to `aside` first (`recover` moves it back if the run
/// is killed in between).
fn exchange(new: &Path, live: &Path, aside: &Path) -> io::Result<()> {
    let c = |p: &Path| CString::new(p.as_os_str().as_bytes()).map_err(io::Error::other);
    let (a, b) = (c(new)?, c(live)?);
    // The system call rather than glibc's wrapper, so a static (musl) build
    // links too. SAFETY: both are valid NUL-terminated paths that outlive
    // the call.
    let done = unsafe {
        libc::syscall(
            libc::SYS_renameat2,
            libc::AT_FDCWD,
            a.as_ptr(),
            libc::AT_FDCWD,
            b.as_ptr(),
            libc::RENAME_EXCHANGE,
        )
    };
    if done == 0 {
        return Ok(());
    }
    let e = io::Error::last_os_error();
    if !matches!(e.raw_os_error(), Some(libc::EINVAL | libc::ENOSYS)) {
        return Err(e);
    }
    tracing::warn!(error = %e, "the file system cannot exchange two folders: swapping in two renames");
    std::fs::rename(live, aside)?;
    std::fs::rename(new, live).inspect_err(|_| {
        let _ = std::fs::rename(aside, live);
    })
}

fn remove_marker(live: &Path) {
    let _ = std::fs::remove_file(live.join(MARKER));
}

/// Best effort: a file system that cannot sync a folder still keeps the order
/// of renames.
pub(super) fn sync_dir(dir: &Path) {
    if let Ok(f) = std::fs::File::open(dir) {
        let _ = f.sync_all();
    }
}

#[cfg(test)]
mod tests;
