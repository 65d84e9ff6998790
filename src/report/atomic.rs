//! Writing a report file so that a killed run never leaves half of it: the
//! bytes go to a temporary file beside it, which is then renamed over it.

use std::io::Write;
use std::path::Path;

pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), String> {
    let dir = path.parent().unwrap_or(Path::new("."));
    let fail = |e: &dyn std::fmt::Display| format!("cannot write {}: {e}", path.display());
    let mut temp = tempfile::Builder::new()
        .prefix(TEMP_PREFIX)
        .suffix(".tmp")
        .tempfile_in(dir)
        .map_err(|e| fail(&e))?;
    temp.write_all(bytes).map_err(|e| fail(&e))?;
    temp.as_file().sync_all().map_err(|e| fail(&e))?;
    pause_for_tests();
    temp.persist(path).map_err(|e| fail(&e.error))?;
    Ok(())
}

/// Prefix of the temporary files, so a run can clear those a killed run left.
pub const TEMP_PREFIX: &str = ".dvctt-";

/// Removes temporary files a killed run left in `dir`.
pub fn clear_leftovers(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.starts_with(TEMP_PREFIX) && name.ends_with(".tmp") {
            tracing::warn!(file = %entry.path().display(), "removing a temporary file left by an interrupted run");
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// `DVCTT_PAUSE_BEFORE_RENAME_MS` holds each written file back before its
/// rename, so tests can kill a run mid-write or run a second one against it.
fn pause_for_tests() {
    if let Some(ms) = std::env::var("DVCTT_PAUSE_BEFORE_RENAME_MS")
        .ok()
        .and_then(|v| v.parse::<u64>().ok())
    {
        std::thread::sleep(std::time::Duration::from_millis(ms));
    }
}
