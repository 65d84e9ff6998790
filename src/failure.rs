//! Why a command stopped without doing its work: one variant per stage's
//! error, each a type of its own with `From` into `Failure`. The variant
//! alone decides the exit code, whichever command met it; `main` prints the
//! message, which names the bad value and the path, as one line on stderr.

use std::path::PathBuf;

use crate::quarter::Quarter;

#[derive(Debug, thiserror::Error)]
pub enum Failure {
    /// Exit 2: the command line (or `DVCTT_TODAY`) asks for what cannot be.
    #[error(transparent)]
    Argument(#[from] crate::cli::ArgumentError),
    /// Exit 2: `dvctt.toml`, the roster, the wording or the letter template.
    #[error(transparent)]
    Config(#[from] crate::config::ConfigError),
    /// Exit 2: `reports/unusual-accepted.txt`, which the reviewer keeps.
    #[error(transparent)]
    Acceptances(#[from] crate::history::AcceptancesError),
    /// Exit 1: the submissions folder (or a folder `check` was given) is
    /// missing, cannot be listed, or is past the run's limits.
    #[error(transparent)]
    Folder(#[from] crate::collect::FolderError),
    /// Exit 1: the submissions folder holds nothing at all.
    #[error(
        "thư mục {} không có tệp nào: không có gì để tổng hợp, không ghi báo cáo",
        .0.display()
    )]
    EmptyFolder(PathBuf),
    /// Exit 1: no file of the submissions folder reports the run's quarter
    /// and some report another: the wrong folder, stopped before any unit
    /// is charged with it.
    #[error(
        "thư mục {} không có báo cáo nào của kỳ {quarter}; các tệp trong đó báo cáo kỳ {}: có thể đã chọn nhầm thư mục hoặc nhầm kỳ (--quarter); không ghi báo cáo",
        .dir.display(),
        .reported.iter().map(|q| q.to_string()).collect::<Vec<_>>().join(", ")
    )]
    WrongQuarter {
        dir: PathBuf,
        quarter: Quarter,
        reported: Vec<Quarter>,
    },
    /// Exit 1: the job's own trouble taking an archive or e-mail apart: its
    /// temporary folder could not be made or written (no space, no
    /// permission, no `$TMPDIR`). No unit is charged; nothing is written.
    #[error(
        "không giải nén được tệp nén hoặc thư vào thư mục tạm {}: {reason}; đây là lỗi của máy chạy, không phải của đơn vị: kiểm tra chỗ trống và quyền ghi của thư mục tạm (biến TMPDIR) rồi chạy lại; không ghi báo cáo",
        .path.display()
    )]
    TempSpace { path: PathBuf, reason: String },
    /// Exit 1: the reader processes could not be started.
    #[error(transparent)]
    Pool(#[from] crate::pool::StartError),
    /// Exit 1: the baseline the operator named (`--baseline`) cannot serve.
    #[error(transparent)]
    Baseline(#[from] crate::baseline::BaselineError),
    /// Exit 1: a file of the report could not be made.
    #[error(transparent)]
    Render(#[from] crate::report::RenderError),
    /// Exit 1: the reports folder: another run holds its lock, or reading or
    /// writing it failed; the report in place is untouched.
    #[error(transparent)]
    Reports(#[from] crate::reports_dir::ReportsError),
    /// Exit 1: `verify` cannot tell whether the report matches.
    #[error(transparent)]
    CannotTell(#[from] crate::cmd::verify::CannotTell),
    /// Exit 1: a file `template` writes could not be made or written.
    #[error(transparent)]
    Output(#[from] crate::reports_dir::WriteError),
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
    /// 2 for what the operator must correct (arguments, settings, the
    /// reviewer's file), 1 for everything that stopped the work itself.
    pub fn exit_code(&self) -> u8 {
        match self {
            Failure::Argument(_) | Failure::Config(_) | Failure::Acceptances(_) => 2,
            Failure::Folder(_)
            | Failure::EmptyFolder(_)
            | Failure::WrongQuarter { .. }
            | Failure::TempSpace { .. }
            | Failure::Pool(_)
            | Failure::Baseline(_)
            | Failure::Render(_)
            | Failure::Reports(_)
            | Failure::CannotTell(_)
            | Failure::Output(_)
            | Failure::WouldWorsen { .. } => 1,
        }
    }
}
