//! The reports folder (`reports/`), the one module that knows its layout:
//! one run at a time on it (`lock`), a quarter's report put in place as one
//! set with the replaced one kept under `truoc/` (`swap`), files written so
//! that a killed run never leaves half of one (`atomic`), and what a rerun
//! reads back of the report in place and of earlier quarters (`in_place`,
//! `summary`). Every name the folder holds is defined here and nowhere else.

mod atomic;
pub mod in_place;
mod lock;
pub mod summary;
mod swap;

pub use atomic::write_atomically;
pub use in_place::InPlace;
pub use lock::RunLock;
pub use swap::{Installed, install, is_own_name, recover, unchanged};

use std::path::{Path, PathBuf};

use crate::quarter::Quarter;

/// The lock file a run holds on the reports folder.
pub const LOCK_FILE: &str = ".dvctt.lock";

/// The prefix of every temporary name the job gives, in the reports folder
/// and inside a quarter's: `.dvctt-<pid>-<n>.tmp`, `.dvctt-<q>.new`...
pub const TEMP_PREFIX: &str = ".dvctt-";

/// The folder, inside a quarter's folder, where replaced reports are kept.
pub const ARCHIVE: &str = "truoc";

/// In the quarter's folder from the swap until the swap is finished.
pub const MARKER: &str = ".dvctt-swap";

/// The quarter for machines, which the next quarter's run reads back.
pub const SUMMARY: &str = "summary.json";

/// What a run read and wrote, hashed (`manifest`), which `verify` reads.
pub const MANIFEST: &str = "manifest.json";

/// The folder of the feedback files to the units.
pub const FEEDBACK: &str = "phan-hoi";

/// The file where a reviewer accepts unusual changes as real.
pub const ACCEPTANCES: &str = "unusual-accepted.txt";

/// The published table an operator drops into a quarter's folder when the
/// job has no summary of its own for that quarter.
pub const PUBLISHED_TABLE: &str = "baseline.xlsx";

/// `reports/<quarter>`.
pub fn quarter_dir(reports: &Path, quarter: Quarter) -> PathBuf {
    reports.join(quarter.to_string())
}

/// The overview page's name in the quarter's folder.
pub fn overview_name(quarter: Quarter) -> String {
    format!("tong-quan-{quarter}.html")
}

/// The entries a run writes into the quarter's folder: the files `render`
/// gives, in its order, the `phan-hoi` folder (one entry, replaced whole),
/// then the run manifest (made from them by the run). What the report swap
/// puts in place, compares and archives.
pub fn output_names(quarter: Quarter) -> [String; 8] {
    [
        format!("tong-hop-{quarter}.xlsx"),
        format!("phu-luc-{quarter}.xlsx"),
        format!("don-vi-cham-{quarter}.xlsx"),
        format!("cong-van-{quarter}.docx"),
        overview_name(quarter),
        SUMMARY.to_string(),
        FEEDBACK.to_string(),
        MANIFEST.to_string(),
    ]
}

/// Why the reports folder stopped a run; the report in place is untouched.
#[derive(Debug, thiserror::Error)]
pub enum ReportsError {
    /// Another run holds the folder's lock.
    #[error(
        "một lần chạy dvctt khác ({}) đang làm việc trên thư mục báo cáo (khóa {}): chờ lần chạy đó xong rồi chạy lại",
        .pid.map_or("pid chưa ghi".to_string(), |p| format!("pid {p}")),
        .lock.display()
    )]
    Busy { lock: PathBuf, pid: Option<u32> },
    /// Reading or writing the folder failed; `action` is the Vietnamese
    /// verb (`ghi`, `tạo`, …).
    #[error("không {action} được {}: {source}; báo cáo đang có vẫn giữ nguyên", .path.display())]
    Io {
        action: &'static str,
        path: PathBuf,
        source: std::io::Error,
    },
    /// Something other than a lock file bears the lock's name.
    #[error(
        "{} không phải một tệp thường (là liên kết, thư mục, đường ống hay thiết bị): chương trình không dùng nó làm khóa; hãy xem nó là gì, xóa hoặc đổi tên nó rồi chạy lại",
        .0.display()
    )]
    NotALock(PathBuf),
}

impl ReportsError {
    /// An I/O failure on the reports folder; `action` is the Vietnamese verb.
    pub fn io(action: &'static str, path: &Path, source: std::io::Error) -> ReportsError {
        ReportsError::Io {
            action,
            path: path.to_path_buf(),
            source,
        }
    }
}

/// A file or folder the job writes outside a report's swap (the forms of
/// `template`) that could not be made.
#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    #[error("không tạo được thư mục {}: {source}", .path.display())]
    Folder {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("không ghi được {}: {source}", .path.display())]
    File {
        path: PathBuf,
        source: std::io::Error,
    },
}
