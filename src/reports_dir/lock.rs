//! One run at a time on a reports folder: an OS lock on `reports/.dvctt.lock`,
//! held for the whole run and released by the kernel however the process
//! ends, so there is no staleness to judge. The process id written inside is
//! only for the message a second run prints.

use std::fs::{File, OpenOptions, TryLockError};
use std::io::{Read, Write};
use std::os::unix::fs::{MetadataExt, OpenOptionsExt};
use std::path::{Path, PathBuf};

use super::ReportsError;

use super::LOCK_FILE;

/// How many times a lock on a file its holder had just removed is retried.
const ATTEMPTS: usize = 32;

/// Held while a run works on a reports folder; dropping it releases the lock.
#[derive(Debug)]
pub struct RunLock {
    path: PathBuf,
    // Kept open: closing the file releases the lock.
    _file: File,
}

impl RunLock {
    pub fn acquire(reports: &Path) -> Result<RunLock, ReportsError> {
        std::fs::create_dir_all(reports).map_err(|e| ReportsError::io("tạo", reports, e))?;
        let path = reports.join(LOCK_FILE);
        for _ in 0..ATTEMPTS {
            let mut file = open_lock(&path)?;
            match file.try_lock() {
                Ok(()) => {}
                Err(TryLockError::WouldBlock) => {
                    return Err(ReportsError::Busy {
                        lock: path,
                        pid: holder_pid(&mut file),
                    });
                }
                Err(TryLockError::Error(e)) => return Err(ReportsError::io("khóa", &path, e)),
            }
            // The run before may have removed the file on its way out after we
            // opened it: a lock on a removed file guards nothing, so take the
            // lock again on the file the path names now.
            if !names_this_file(&path, &file) {
                continue;
            }
            let written = file
                .set_len(0)
                .and_then(|()| writeln!(file, "{}", std::process::id()));
            written.map_err(|e| ReportsError::io("ghi", &path, e))?;
            return Ok(RunLock { path, _file: file });
        }
        Err(ReportsError::Busy {
            lock: path,
            pid: None,
        })
    }
}

impl Drop for RunLock {
    /// The file is removed while the lock is still held, so a run that opened
    /// it meanwhile sees it was removed and takes the lock anew.
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.path);
    }
}

/// The lock file, never through a link (a link named `.dvctt.lock` would
/// have the run truncate and write its target) and never anything but a
/// regular file (a pipe, a folder): those stop the run, named.
fn open_lock(path: &Path) -> Result<File, ReportsError> {
    let not_a_lock = || ReportsError::NotALock(path.to_path_buf());
    let opened = OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .custom_flags(libc::O_NOFOLLOW | libc::O_CLOEXEC | libc::O_NONBLOCK)
        .open(path);
    let file = match opened {
        Ok(file) => file,
        // ELOOP: the path is a symbolic link; EISDIR, ENXIO: a folder, a
        // pipe or socket with no reader.
        Err(e)
            if matches!(
                e.raw_os_error(),
                Some(libc::ELOOP | libc::EISDIR | libc::ENXIO)
            ) =>
        {
            return Err(not_a_lock());
        }
        Err(e) => return Err(ReportsError::io("mở khóa", path, e)),
    };
    match file.metadata() {
        Ok(meta) if meta.is_file() => Ok(file),
        Ok(_) => Err(not_a_lock()),
        Err(e) => Err(ReportsError::io("mở khóa", path, e)),
    }
}

fn names_this_file(path: &Path, file: &File) -> bool {
    match (std::fs::metadata(path), file.metadata()) {
        (Ok(on_path), Ok(held)) => on_path.dev() == held.dev() && on_path.ino() == held.ino(),
        _ => false,
    }
}

/// The pid the holder wrote, for the message only (it may not have written
/// it yet).
fn holder_pid(file: &mut File) -> Option<u32> {
    let mut text = String::new();
    file.take(32).read_to_string(&mut text).ok()?;
    text.trim().parse().ok()
}
