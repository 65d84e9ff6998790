//! One run at a time on a reports folder: a lock file holding the process id.
//! A lock left by a process that is gone (killed, machine restarted) is taken
//! over with a warning.

use std::fs::OpenOptions;
use std::io::Write;
use std::path::{Path, PathBuf};

pub const LOCK_FILE: &str = ".dvctt.lock";

/// Held while a run writes; the lock file goes when this is dropped.
#[derive(Debug)]
pub struct RunLock {
    path: PathBuf,
}

impl RunLock {
    pub fn acquire(reports: &Path) -> Result<RunLock, String> {
        std::fs::create_dir_all(reports)
            .map_err(|e| format!("cannot create {}: {e}", reports.display()))?;
        let path = reports.join(LOCK_FILE);
        for _ in 0..2 {
            match OpenOptions::new().write(true).create_new(true).open(&path) {
                Ok(mut file) => {
                    writeln!(file, "{}", std::process::id())
                        .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
                    return Ok(RunLock { path });
                }
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                    let holder = std::fs::read_to_string(&path).unwrap_or_default();
                    let pid = holder.trim().parse::<u32>().ok();
                    if pid.is_some_and(is_running) {
                        return Err(format!(
                            "another dvctt run (pid {}) is working on {}: wait for it to finish, or remove {} if no dvctt is running",
                            pid.unwrap_or_default(),
                            reports.display(),
                            path.display()
                        ));
                    }
                    tracing::warn!(
                        lock = %path.display(),
                        pid = holder.trim(),
                        "taking over a lock left by a run that is no longer running"
                    );
                    std::fs::remove_file(&path).map_err(|e| {
                        format!("cannot remove the stale lock {}: {e}", path.display())
                    })?;
                }
                Err(e) => return Err(format!("cannot create the lock {}: {e}", path.display())),
            }
        }
        Err(format!(
            "cannot take the lock {}: another run took it first",
            path.display()
        ))
    }
}

impl Drop for RunLock {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.path);
    }
}

/// Whether a process with this id exists. Where that cannot be told (no
/// /proc), it is taken to be running: refusing is the safe side.
fn is_running(pid: u32) -> bool {
    if pid == std::process::id() {
        return true;
    }
    let proc = Path::new("/proc");
    if !proc.is_dir() {
        return true;
    }
    proc.join(pid.to_string()).exists()
}
