//! A file of the reports folder read safely: the folder is shared with
//! people and other tools, so a name the job writes (`summary.json`) may be
//! a pipe, a device or a huge file by the time it is read. Opened without
//! waiting (`O_NONBLOCK`, so a pipe answers at once), the opened file's own
//! type checked (no race with the name), and at most `max` bytes read.

use std::io::Read;
use std::os::unix::fs::OpenOptionsExt;
use std::path::Path;

/// The bytes of the regular file at `path`, of at most `max` bytes; None
/// when nothing is there. Anything else there (a pipe, a folder, a device)
/// or a larger file is an error, said in Vietnamese.
pub fn read(path: &Path, max: u64) -> std::io::Result<Option<Vec<u8>>> {
    let Some((file, meta)) = open_regular(path)? else {
        return Ok(None);
    };
    if meta.len() > max {
        return Err(std::io::Error::other(format!(
            "{} byte, lớn hơn giới hạn {} byte của tệp này",
            crate::text::vn_count(meta.len()),
            crate::text::vn_count(max)
        )));
    }
    let mut bytes = Vec::new();
    file.take(max + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > max {
        return Err(std::io::Error::other(format!(
            "lớn hơn giới hạn {} byte của tệp này",
            crate::text::vn_count(max)
        )));
    }
    Ok(Some(bytes))
}

/// The regular file at `path`, opened without waiting, with its metadata;
/// None when nothing is there, an error (in Vietnamese) when something else is.
pub fn open_regular(path: &Path) -> std::io::Result<Option<(std::fs::File, std::fs::Metadata)>> {
    let file = match std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK | libc::O_CLOEXEC)
        .open(path)
    {
        Ok(file) => file,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(e),
    };
    let meta = file.metadata()?;
    if !meta.is_file() {
        return Err(std::io::Error::other(
            "không phải tệp thông thường (thư mục, ống dẫn, thiết bị): không đọc",
        ));
    }
    Ok(Some((file, meta)))
}
