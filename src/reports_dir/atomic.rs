//! Writing a file so that a killed run never leaves half of it: the bytes go
//! to a temporary file beside it, which is then renamed over it. Files are
//! created with the process umask (0644 normally), like any other tool's.

use std::fs::OpenOptions;
use std::io::Write;
use std::path::{Path, PathBuf};

use super::{TEMP_PREFIX, WriteError};

pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), WriteError> {
    let dir = path.parent().unwrap_or(Path::new("."));
    let fail = |source| WriteError::File {
        path: path.to_path_buf(),
        source,
    };
    let temp = create_temp(dir).map_err(fail)?;
    let written = write_synced(&temp, bytes).and_then(|()| {
        pause_for_tests();
        std::fs::rename(&temp, path)
    });
    if let Err(e) = written {
        let _ = std::fs::remove_file(&temp);
        return Err(fail(e));
    }
    Ok(())
}

/// Writes a new file (failing if it exists) and flushes it to the disk.
pub fn write_synced(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let mut file = OpenOptions::new().write(true).create_new(true).open(path)?;
    file.write_all(bytes)?;
    file.sync_all()
}

/// A free temporary name in `dir`, unique to this process.
fn create_temp(dir: &Path) -> std::io::Result<PathBuf> {
    let pid = std::process::id();
    for n in 0..1000 {
        let path = dir.join(format!("{TEMP_PREFIX}{pid}-{n}.tmp"));
        if !path.exists() && path.symlink_metadata().is_err() {
            return Ok(path);
        }
    }
    Err(std::io::Error::other("no free temporary name"))
}

/// Whether `name` is one `write_atomically` gives its temporary file:
/// `.dvctt-<pid>-<n>.tmp`. No other name is the job's to remove, whatever
/// it starts with (a reviewer's `.dvctt-ghi-chu.txt`).
pub fn is_own_temporary(name: &str) -> bool {
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    name.strip_prefix(TEMP_PREFIX)
        .and_then(|n| n.strip_suffix(".tmp"))
        .and_then(|n| n.split_once('-'))
        .is_some_and(|(pid, n)| digits(pid) && digits(n))
}

/// Removes temporary files a killed run left in `dir`.
pub fn clear_leftovers(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if is_own_temporary(&name) {
            tracing::warn!(file = %entry.path().display(), "removing a temporary file left by an interrupted run");
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// `DVCTT_PAUSE_BEFORE_RENAME_MS` holds back each rename of a written file
/// and each step of the report swap, so tests can kill a run mid-write or
/// run a second one against it.
pub fn pause_for_tests() {
    if let Some(ms) = std::env::var("DVCTT_PAUSE_BEFORE_RENAME_MS")
        .ok()
        .and_then(|v| v.parse::<u64>().ok())
    {
        std::thread::sleep(std::time::Duration::from_millis(ms.min(60_000)));
    }
}
