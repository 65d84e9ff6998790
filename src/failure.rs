//! Why a command stopped without doing its work. The variant says what kind
//! of failure it is and so decides the exit code; `main` prints the message
//! as one line on stderr.

use std::path::{Path, PathBuf};

use crate::quarter::Quarter;

#[derive(Debug, thiserror::Error)]
pub enum Failure {
    /// Exit 2: the command line, the settings or a file the operator keeps
    /// (roster, wording, `reports/unusual-accepted.txt`) is wrong.
    #[error("{0}")]
    Usage(String),
    /// Exit 1: no report was written (the submissions folder or a baseline
    /// could not be read, the report could not be built).
    #[error("{0}")]
    NoReport(String),
    /// Exit 1: the submissions folder holds nothing at all.
    #[error(
        "thư mục {} không có tệp nào: không có gì để tổng hợp, không ghi báo cáo",
        .0.display()
    )]
    EmptyFolder(PathBuf),
    /// Exit 1: another run holds the reports folder's lock.
    #[error(
        "một lần chạy dvctt khác ({}) đang làm việc trên thư mục báo cáo (khóa {}): chờ lần chạy đó xong rồi chạy lại",
        .pid.map_or("pid chưa ghi".to_string(), |p| format!("pid {p}")),
        .lock.display()
    )]
    Busy { lock: PathBuf, pid: Option<u32> },
    /// Exit 1: reading or writing the reports folder failed; the report in
    /// place is untouched.
    #[error("không {action} được {}: {source}; báo cáo đang có vẫn giữ nguyên", .path.display())]
    Reports {
        action: &'static str,
        path: PathBuf,
        source: std::io::Error,
    },
    /// Exit 1: the job's own trouble taking an archive or e-mail apart: its
    /// temporary folder could not be made or written (no space, no
    /// permission, no `$TMPDIR`). No unit is charged; nothing is written.
    #[error(
        "không giải nén được tệp nén hoặc thư vào thư mục tạm {}: {reason}; đây là lỗi của máy chạy, không phải của đơn vị: kiểm tra chỗ trống và quyền ghi của thư mục tạm (biến TMPDIR) rồi chạy lại; không ghi báo cáo",
        .path.display()
    )]
    TempSpace { path: PathBuf, reason: String },
    /// Exit 1: the run would replace a report that accepted more units.
    #[error(
        "báo cáo {quarter} đang có chấp nhận {before} đơn vị, lần chạy này chỉ {after}: không thay báo cáo; chạy lại với --replace nếu đúng là muốn thay"
    )]
    WouldWorsen {
        quarter: Quarter,
        before: usize,
        after: usize,
    },
}

impl Failure {
    pub fn exit_code(&self) -> u8 {
        match self {
            Failure::Usage(_) => 2,
            Failure::NoReport(_)
            | Failure::EmptyFolder(_)
            | Failure::Busy { .. }
            | Failure::Reports { .. }
            | Failure::TempSpace { .. }
            | Failure::WouldWorsen { .. } => 1,
        }
    }

    /// An I/O failure on the reports folder; `action` is the Vietnamese verb
    /// (`ghi`, `tạo`, …).
    pub fn reports(action: &'static str, path: &Path, source: std::io::Error) -> Failure {
        Failure::Reports {
            action,
            path: path.to_path_buf(),
            source,
        }
    }
}
