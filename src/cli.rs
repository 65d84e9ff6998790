//! The command line. The doc comments here are the `--help` text.

use clap::{Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

use crate::failure::Failure;
use crate::quarter::Quarter;

const RUN_EXIT_CODES: &str = "\
Mã thoát (exit code):
  0  đã ghi báo cáo tổng hợp, không báo cáo nào bị từ chối, không thay đổi
     nào chờ xác nhận
  3  đã ghi báo cáo tổng hợp, có việc cần người xử lý: có báo cáo bị từ chối
     (gửi mỗi đơn vị tệp phản hồi của mình trong phan-hoi/, địa chỉ ở
     phan-hoi/danh-sach.csv), hoặc có thay đổi bất thường chờ xác nhận (xác
     nhận trong reports/unusual-accepted.txt, hoặc chờ đơn vị giải trình)
  1  không ghi báo cáo (thư mục báo cáo của đơn vị không có hoặc rỗng, hoặc
     chỉ có báo cáo của kỳ khác, không đọc được số liệu quý trước, một lần chạy khác đang giữ khóa, báo cáo đang có
     nhận nhiều đơn vị hơn (xem --replace), không ghi được thư mục báo cáo,
     hoặc không giải nén được tệp nén, thư vào thư mục tạm TMPDIR); báo cáo
     đang có được giữ nguyên
  2  tham số hoặc cấu hình sai (dòng lệnh, một quý ngoài 2000-Q1 đến 9998-Q4
     hoặc chưa kết thúc, dvctt.toml, danh mục đơn vị, wording,
     reports/unusual-accepted.txt)";

const CHECK_EXIT_CODES: &str = "\
Mã thoát (exit code):
  0  mọi báo cáo đều hợp lệ (một tệp nén hay thư điện tử được tính theo
     các báo cáo trong đó)
  3  có báo cáo không hợp lệ, hoặc một tệp (thư mục, tệp nén, thư điện tử)
     đưa vào không chứa báo cáo hợp lệ nào (xem các dòng Lỗi)
  2  tham số sai, hoặc một tệp không tồn tại
  1  lỗi của máy chạy: không chạy được tiến trình đọc tệp, hoặc không giải
     nén được tệp nén, thư vào thư mục tạm TMPDIR";

const VERIFY_EXIT_CODES: &str = "\
Mã thoát (exit code):
  0  báo cáo đang có đúng là kết quả của các tệp đầu vào hiện nay
  3  không khớp: các dòng in ra nêu tệp đầu vào nào thêm, bớt, đổi và tệp
     kết quả nào khác
  1  không kết luận được (không có manifest.json, manifest không đọc được,
     quá lớn hoặc khác phiên bản, không đọc được thư mục báo cáo, một lần
     chạy khác đang giữ khóa)
  2  tham số hoặc cấu hình sai";

const OTHER_EXIT_CODES: &str = "\
Mã thoát (exit code):
  0  thành công
  1  không ghi được tệp
  2  tham số dòng lệnh hoặc tệp cấu hình sai";

/// `0.1.0 (bộ quy tắc phiên bản 4)`: what `--version` prints after the
/// name, the program's version and the meaning of its rules
/// (docs/rules.md), as manifest.json records them.
pub fn version() -> &'static str {
    static VERSION: std::sync::LazyLock<String> = std::sync::LazyLock::new(|| {
        format!(
            "{} (bộ quy tắc phiên bản {})",
            env!("CARGO_PKG_VERSION"),
            crate::manifest::RULESET_VERSION
        )
    });
    VERSION.as_str()
}

/// The command line as clap knows it, with the version line: what `main`
/// parses with, and what the man page and the completions are made from.
pub fn command() -> clap::Command {
    use clap::CommandFactory;
    Cli::command().version(version())
}

/// Headings and the help line in Vietnamese; clap's own words stay out.
const HELP_TEMPLATE: &str = "{about-with-newline}\nCách dùng: {usage}\n\n{all-args}{after-help}";

/// Tổng hợp báo cáo hằng quý về dịch vụ công trực tuyến mức độ 4 (DVCTT mức
/// độ 4) của các bộ, ngành, địa phương và lập danh sách đơn vị chưa đạt chỉ
/// tiêu.
#[derive(Debug, Parser)]
#[command(
    name = "dvctt",
    version,
    after_help = RUN_EXIT_CODES,
    help_template = HELP_TEMPLATE,
    override_usage = "dvctt [TÙY CHỌN] <LỆNH>",
    subcommand_help_heading = "Lệnh",
    subcommand_value_name = "LỆNH",
    next_help_heading = "Tùy chọn",
    disable_help_subcommand = true,
    disable_help_flag = true,
    disable_version_flag = true
)]
pub struct Cli {
    /// In trợ giúp này.
    #[arg(short = 'h', long = "help", global = true, action = clap::ArgAction::Help)]
    help: Option<bool>,

    /// In số phiên bản.
    #[arg(short = 'V', long = "version", action = clap::ArgAction::Version)]
    version: Option<bool>,

    /// Tệp cấu hình. Mặc định: dvctt.toml trong thư mục đang chạy nếu có,
    /// nếu không thì dùng giá trị mặc định.
    #[arg(long, global = true, value_name = "TỆP")]
    pub config: Option<PathBuf>,

    /// Dạng nhật ký ghi ra stderr (text hoặc json). RUST_LOG đặt mức ghi
    /// (mặc định: info).
    #[arg(
        long,
        global = true,
        value_enum,
        value_name = "DẠNG",
        default_value_t = LogFormat::Text,
        hide_default_value = true,
        hide_possible_values = true
    )]
    pub log_format: LogFormat,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LogFormat {
    Text,
    Json,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Đọc mọi tệp trong thư mục báo cáo của một quý, ghi bảng tổng hợp,
    /// danh sách đơn vị chưa đạt chỉ tiêu và summary.json.
    #[command(after_help = RUN_EXIT_CODES, help_template = HELP_TEMPLATE, next_help_heading = "Tùy chọn", override_usage = "dvctt run [TÙY CHỌN]")]
    Run(RunArgs),
    /// Đọc và kiểm tra từng tệp như khi tổng hợp, in ra những gì đọc được
    /// và kết quả, không ghi gì: đơn vị chạy lệnh này trước khi gửi báo cáo.
    #[command(after_help = CHECK_EXIT_CODES, help_template = HELP_TEMPLATE, next_help_heading = "Tùy chọn", override_usage = "dvctt check [TÙY CHỌN] <TỆP>...")]
    Check(CheckArgs),
    /// Kiểm tra báo cáo đang có của một quý có đúng là kết quả của các tệp
    /// đầu vào hiện nay không: tính lại trong bộ nhớ (không ghi gì) theo
    /// manifest.json và nêu mọi tệp đầu vào, tệp kết quả khác đi.
    #[command(after_help = VERIFY_EXIT_CODES, help_template = HELP_TEMPLATE, next_help_heading = "Tùy chọn", override_usage = "dvctt verify [TÙY CHỌN]")]
    Verify(VerifyArgs),
    /// Kiểm tra cấu hình (dvctt.toml, danh mục đơn vị, câu chữ); mã thoát 2
    /// nêu khóa sai và dòng của nó.
    #[command(after_help = OTHER_EXIT_CODES, help_template = HELP_TEMPLATE, next_help_heading = "Tùy chọn", override_usage = "dvctt config [TÙY CHỌN]")]
    Config(ConfigArgs),
    /// Ghi mẫu báo cáo: cho một đơn vị, cho mọi đơn vị, hoặc mẫu trống
    /// (đơn vị chọn trong danh sách).
    #[command(after_help = OTHER_EXIT_CODES, help_template = HELP_TEMPLATE, next_help_heading = "Tùy chọn", override_usage = "dvctt template [TÙY CHỌN] --out <THƯ MỤC>")]
    Template(TemplateArgs),
    /// In trang hướng dẫn (man page, dạng roff) ra stdout: của dvctt, hoặc
    /// của một lệnh (`dvctt man run > dvctt-run.1`).
    #[command(after_help = OTHER_EXIT_CODES, help_template = HELP_TEMPLATE, next_help_heading = "Tùy chọn", override_usage = "dvctt man [LỆNH] | dvctt man --out <THƯ MỤC>")]
    Man(ManArgs),
    /// In đoạn mã hoàn thành lệnh (completion) cho một shell ra stdout:
    /// `dvctt completions bash` (gói Debian đã cài sẵn cho bash, zsh, fish).
    #[command(after_help = OTHER_EXIT_CODES, help_template = HELP_TEMPLATE, next_help_heading = "Tùy chọn", override_usage = "dvctt completions <SHELL>")]
    Completions(CompletionsArgs),
    /// A reader process of `run` and `check`: reads the files it is sent
    /// over stdin (framed, see src/read/protocol.rs), never from arguments.
    #[command(name = "reader", hide = true)]
    Reader,
}

#[derive(Debug, clap::Args)]
pub struct ManArgs {
    /// Lệnh cần in trang hướng dẫn (run, check, verify, config, template,
    /// man, completions); không ghi thì in trang của dvctt.
    #[arg(value_name = "LỆNH", help_heading = "Tham số")]
    pub command: Option<String>,

    /// Ghi mọi trang (dvctt.1, dvctt-run.1, …) vào thư mục này thay vì in
    /// một trang ra stdout.
    #[arg(long, value_name = "THƯ MỤC", conflicts_with = "command")]
    pub out: Option<PathBuf>,
}

#[derive(Debug, clap::Args)]
pub struct CompletionsArgs {
    /// Shell: bash, zsh, fish, elvish hoặc powershell.
    #[arg(
        value_name = "SHELL",
        help_heading = "Tham số",
        hide_possible_values = true
    )]
    pub shell: clap_complete::Shell,
}

#[derive(Debug, clap::Args)]
pub struct TemplateArgs {
    /// Quý của mẫu, dạng 2020-Q1; không ghi thì đơn vị tự điền kỳ báo cáo.
    #[arg(long, value_name = "QUÝ")]
    pub quarter: Option<Quarter>,

    /// Mã đơn vị (ví dụ T01 là Hà Nội; danh sách mã trong
    /// templates/roster.toml): mẫu điền sẵn tên và mã. Đơn vị phải còn báo
    /// cáo trong quý của mẫu (không có --quarter: hiện nay).
    #[arg(long, value_name = "MÃ", conflicts_with = "all")]
    pub unit: Option<String>,

    /// Mỗi đơn vị trong danh mục một mẫu (các đơn vị còn hoạt động trong
    /// --quarter nếu có).
    #[arg(long)]
    pub all: bool,

    /// Thư mục ghi mẫu.
    #[arg(long, value_name = "THƯ MỤC")]
    pub out: PathBuf,
}

#[derive(Debug, clap::Args)]
pub struct ConfigArgs {
    /// In cấu hình đang dùng, đủ mọi giá trị mặc định.
    #[arg(long)]
    pub print: bool,
}

/// Which quarter and where its files are: the same for `run` and `verify`,
/// so that `verify` is given exactly what the run was.
#[derive(Debug, clap::Args)]
pub struct QuarterInputs {
    /// Quý tổng hợp, dạng 2020-Q1. Mặc định: quý vừa kết thúc trước hôm
    /// nay, nên dòng cron không cần tham số.
    #[arg(long, value_name = "QUÝ")]
    pub quarter: Option<Quarter>,

    /// Thư mục báo cáo của các đơn vị. Mặc định: submissions/<quý>.
    #[arg(long, value_name = "THƯ MỤC")]
    pub submissions: Option<PathBuf>,

    /// Nơi ghi báo cáo tổng hợp, mỗi quý một thư mục. Số liệu quý trước
    /// (summary.json hoặc baseline.xlsx) cũng đọc từ đây. Mặc định: reports.
    #[arg(
        long,
        value_name = "THƯ MỤC",
        default_value = "reports",
        hide_default_value = true
    )]
    pub reports: PathBuf,

    /// Số liệu quý trước từ một bảng theo mẫu phụ lục (hoặc một
    /// summary.json), thay cho reports/<quý trước>/. Với verify, mặc định
    /// là tệp lần chạy đã dùng (ghi trong manifest.json).
    #[arg(long, value_name = "TỆP")]
    pub baseline: Option<PathBuf>,

    /// Cho chạy một quý chưa kết thúc (chạy thử, ví dụ với --dry-run):
    /// các đơn vị còn đang báo cáo nên báo cáo tổng hợp chưa đầy đủ.
    #[arg(long)]
    pub allow_open_quarter: bool,
}

/// The first and last quarters a command takes: every date a run writes
/// (the due day, up to a year after the quarter; the resubmission deadline)
/// then has four digits, as summary.json's schema and Excel require.
pub const FIRST_QUARTER: Quarter = Quarter {
    year: 2000,
    number: 1,
};
pub const LAST_QUARTER: Quarter = Quarter {
    year: 9998,
    number: 4,
};

/// What the command line (or the environment standing for it) asks for
/// that cannot be: exit 2, whichever command.
#[derive(Debug, thiserror::Error)]
pub enum ArgumentError {
    #[error(
        "quý {0} nằm ngoài các quý chương trình tổng hợp được, từ {FIRST_QUARTER} đến {LAST_QUARTER}"
    )]
    OutOfBounds(Quarter),
    #[error(
        "{} chưa kết thúc (hôm nay {}, quý kết thúc ngày {}): các đơn vị còn đang báo cáo; thêm --allow-open-quarter để chạy thử",
        .quarter.vietnamese(),
        .today.format("%d/%m/%Y"),
        .quarter.last_day().format("%d/%m/%Y")
    )]
    OpenQuarter {
        quarter: Quarter,
        today: chrono::NaiveDate,
    },
    /// `DVCTT_TODAY` (`variable`) holds no date of the years a run may have.
    #[error(
        "{variable}='{}' không phải là ngày viết dạng 2026-11-23, năm từ {} đến {}",
        .text.escape_debug(),
        .years.start(),
        .years.end()
    )]
    BadToday {
        variable: &'static str,
        text: String,
        years: std::ops::RangeInclusive<i32>,
    },
    /// `--unit` names no unit; `by_name` says whose name it is, if anyone's.
    #[error(
        "mã đơn vị '{}' không có trong danh mục{by_name}; --unit nhận mã đơn vị, xem danh sách mã trong templates/roster.toml hoặc trang tính 'Danh sách đơn vị' của mẫu báo cáo",
        crate::text::shown(.code)
    )]
    UnknownUnit { code: String, by_name: String },
    /// `--unit` names a unit that does not report in the form's quarter:
    /// `which` that quarter, `span` when it reports, `hints` what to ask.
    #[error("đơn vị {name} (mã {code}) không báo cáo {which}: chỉ báo cáo {span}{hints}")]
    NotReporting {
        name: String,
        code: String,
        which: String,
        span: String,
        hints: String,
    },
    /// A file or folder `check` was given is not there or not readable.
    #[error("{}", match .source.kind() {
        std::io::ErrorKind::NotFound => format!("không có tệp hay thư mục {shown}"),
        std::io::ErrorKind::PermissionDenied => format!("không có quyền đọc {shown}"),
        _ => format!("không mở được {shown} ({source})"),
    })]
    NoSuchPath {
        shown: String,
        source: std::io::Error,
    },
}

/// `quarter` when it is within `FIRST_QUARTER` to `LAST_QUARTER`; else
/// exit 2 saying so.
pub fn within_bounds(quarter: Quarter) -> Result<Quarter, Failure> {
    if (FIRST_QUARTER..=LAST_QUARTER).contains(&quarter) {
        return Ok(quarter);
    }
    Err(ArgumentError::OutOfBounds(quarter).into())
}

impl QuarterInputs {
    /// The quarter asked for, else the one that ended last before `today`:
    /// within the bounds, and ended by `today` unless the operator allows
    /// an open one (exit 2 otherwise: units are still reporting, and a
    /// report of it would tell every one of them it has sent nothing).
    pub fn quarter_or_last(&self, today: chrono::NaiveDate) -> Result<Quarter, Failure> {
        let quarter = within_bounds(self.quarter.unwrap_or_else(|| Quarter::last_ended(today)))?;
        if quarter.last_day() >= today && !self.allow_open_quarter {
            return Err(ArgumentError::OpenQuarter { quarter, today }.into());
        }
        Ok(quarter)
    }

    /// The submissions folder given, else `submissions/<quarter>`.
    pub fn submissions_of(&self, quarter: Quarter) -> PathBuf {
        self.submissions
            .clone()
            .unwrap_or_else(|| std::path::Path::new("submissions").join(quarter.to_string()))
    }
}

#[derive(Debug, clap::Args)]
pub struct RunArgs {
    #[command(flatten)]
    pub inputs: QuarterInputs,

    /// Làm mọi việc trừ ghi tệp: in ra những gì sẽ ghi.
    #[arg(long)]
    pub dry_run: bool,

    /// Thay báo cáo của quý cả khi báo cáo đang có nhận nhiều đơn vị hơn
    /// lần chạy này (báo cáo bị thay được giữ trong truoc/).
    #[arg(long)]
    pub replace: bool,
}

#[derive(Debug, clap::Args)]
pub struct VerifyArgs {
    #[command(flatten)]
    pub inputs: QuarterInputs,
}

#[derive(Debug, clap::Args)]
pub struct CheckArgs {
    /// Quý mà các tệp phải báo cáo, dạng 2020-Q1. Không ghi thì kỳ ghi trong
    /// tệp được so với quý vừa kết thúc và chỉ cảnh báo khi khác.
    #[arg(long, value_name = "QUÝ")]
    pub quarter: Option<Quarter>,

    /// Các tệp cần kiểm tra: bảng tính, thư mục (đọc cả thư mục con), tệp
    /// `.zip` hoặc thư điện tử lưu dạng `.eml`.
    #[arg(required = true, value_name = "TỆP", help_heading = "Tham số")]
    pub files: Vec<PathBuf>,
}
