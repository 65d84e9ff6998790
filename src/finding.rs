//! Findings: what the job has to say about a file, as values. Errors reject a
//! submission, warnings keep it. Rule ids are stable API (docs/rules.md, summary.json).

use serde::Serialize;
use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }

    pub fn vietnamese(self) -> &'static str {
        match self {
            Severity::Error => "Lỗi",
            Severity::Warning => "Cảnh báo",
        }
    }
}

macro_rules! rules {
    ($($variant:ident => $id:literal, $severity:ident;)*) => {
        /// Every rule the job applies. The id is what users and scripts see.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum Rule { $($variant,)* }

        impl Rule {
            pub const ALL: &'static [Rule] = &[$(Rule::$variant,)*];

            pub fn id(self) -> &'static str {
                match self { $(Rule::$variant => $id,)* }
            }

            pub fn severity(self) -> Severity {
                match self { $(Rule::$variant => Severity::$severity,)* }
            }
        }
    };
}

rules! {
    FileUnreadable => "file.unreadable", Error;
    FileNotSubmission => "file.not_submission", Warning;
    FileTooLarge => "file.too_large", Error;
    FileEncrypted => "file.encrypted", Error;
    FileModifiedOutOfRange => "file.modified_out_of_range", Warning;
    TextLegacyEncoding => "text.legacy_encoding", Warning;
    UnitMissing => "unit.missing", Error;
    UnitUnknown => "unit.unknown", Error;
    UnitCodeUnknown => "unit.code_unknown", Warning;
    UnitNameMismatch => "unit.name_mismatch", Warning;
    UnitDuplicate => "unit.duplicate", Error;
    UnitInactive => "unit.inactive", Error;
    UnitFromFileName => "unit.from_file_name", Warning;
    UnitFromFolderName => "unit.from_folder_name", Warning;
    UnitAmbiguous => "unit.ambiguous", Error;
    FileNotRegular => "file.not_regular", Warning;
    FileOutsideFolder => "file.outside_folder", Error;
    FolderTooDeep => "folder.too_deep", Error;
    ArchiveOpened => "archive.opened", Warning;
    ArchiveUnsafeName => "archive.unsafe_name", Warning;
    FileUnreadEntries => "file.unread_entries", Warning;
    ArchiveRefused => "archive.refused", Error;
    ArchiveDirectoryMismatch => "archive.directory_mismatch", Warning;
    FileOverBudget => "file.over_budget", Error;
    FileImplausibleTime => "file.implausible_time", Warning;
    PeriodMissing => "period.missing", Error;
    PeriodUnrecognised => "period.unrecognised", Error;
    PeriodMismatch => "period.mismatch", Error;
    ValueMissing => "value.missing", Error;
    ValueNotNumber => "value.not_number", Error;
    ValueNotApplicable => "value.not_applicable", Error;
    ValueNegative => "value.negative", Error;
    ValueFraction => "value.fraction", Error;
    ValueFormulaWithoutResult => "value.formula_without_result", Error;
    ValueConflict => "value.conflict", Error;
    ValueOtherPeriod => "value.other_period", Error;
    ValuePart => "value.part", Error;
    ValueMerged => "value.merged", Error;
    ValueHidden => "value.hidden", Error;
    ValuePercentage => "value.percentage", Error;
    ValueFormulaStale => "value.formula_stale", Error;
    ValueImplausible => "value.implausible", Error;
    ValueNotDate => "value.not_date", Warning;
    ValueImplausibleDate => "value.implausible_date", Warning;
    LabelUnrecognised => "label.unrecognised", Warning;
    TableTotalMissing => "table.total_missing", Error;
    TableTotalMismatch => "table.total_mismatch", Error;
    SheetConflict => "sheet.conflict", Error;
    SheetNotRead => "sheet.not_read", Warning;
    TotalPositive => "rule.total_positive", Error;
    Level4LeTotal => "rule.level4_le_total", Error;
    Level34LeTotal => "rule.level34_le_total", Error;
    DossierServicesLeLevel34 => "rule.dossier_services_le_level34", Error;
    OnlineLeDossiers => "rule.online_le_dossiers", Error;
    RatioMismatch => "ratio.mismatch", Warning;
    DetailCountMismatch => "detail.count_mismatch", Error;
    DetailDuplicateCode => "detail.duplicate_code", Error;
    DetailBadLevel => "detail.bad_level", Error;
}

impl Rule {
    /// Why a file was rejected, in a few Vietnamese words for leadership
    /// (the lagging list); the message to the unit says it in full.
    pub fn short_reason(self) -> &'static str {
        use Rule::*;
        match self {
            FileUnreadable | ArchiveRefused => "không đọc được tệp",
            FileTooLarge => "tệp quá lớn",
            FileEncrypted => "tệp đặt mật khẩu",
            FileOutsideFolder => "tệp nằm ngoài thư mục báo cáo",
            FolderTooDeep => "tệp nằm trong thư mục lồng quá sâu",
            FileOverBudget => "tệp nén, thư có quá nhiều tệp, không đọc hết",
            // Said on the unit's own row (the file was charged to it by its
            // name): what the report lacks, not that the unit is unknown.
            UnitMissing => "báo cáo không ghi tên đơn vị",
            UnitAmbiguous => "không xác định được đơn vị",
            UnitUnknown => "tên đơn vị không có trong danh mục",
            UnitDuplicate => "gửi nhiều báo cáo, dùng báo cáo gửi sau",
            UnitInactive => "đơn vị không còn trong danh mục kỳ này",
            PeriodMissing => "không ghi kỳ báo cáo",
            PeriodUnrecognised => "không đọc được kỳ báo cáo",
            PeriodMismatch => "sai kỳ báo cáo",
            ValueMissing => "thiếu số liệu",
            ValueNotNumber | ValueNotDate => "số liệu không phải là số",
            ValueNotApplicable => "số liệu bắt buộc ghi “không áp dụng”",
            ValueNegative => "số liệu âm",
            ValueFraction => "số liệu không phải số nguyên",
            ValueFormulaWithoutResult => "công thức chưa tính",
            ValueConflict => "một số liệu ghi hai giá trị khác nhau",
            ValueOtherPeriod => "chỉ có số liệu của kỳ khác",
            ValuePart => "chỉ có số liệu một phần",
            ValueMerged => "ô gộp qua hai chỉ tiêu",
            ValueHidden => "số liệu nằm ở ô bị ẩn",
            ValuePercentage => "số lượng ghi dưới dạng tỷ lệ",
            ValueFormulaStale => "công thức chưa tính lại",
            ValueImplausible => "số liệu vượt mức hợp lý",
            TableTotalMismatch => "dòng tổng không khớp các dòng",
            TableTotalMissing => "bảng nhiều dòng không có dòng tổng cộng",
            SheetConflict => "hai trang tính ghi số liệu khác nhau",
            TotalPositive => "tổng số thủ tục bằng 0",
            Level4LeTotal | Level34LeTotal => "số dịch vụ công lớn hơn tổng số thủ tục",
            DossierServicesLeLevel34 => "số dịch vụ có phát sinh hồ sơ lớn hơn số dịch vụ công",
            OnlineLeDossiers => "số hồ sơ trực tuyến lớn hơn số hồ sơ tiếp nhận",
            DetailCountMismatch | DetailDuplicateCode | DetailBadLevel => {
                "danh mục thủ tục không khớp số liệu"
            }
            FileNotSubmission
            | FileModifiedOutOfRange
            | TextLegacyEncoding
            | UnitCodeUnknown
            | UnitNameMismatch
            | UnitFromFileName
            | UnitFromFolderName
            | FileNotRegular
            | ArchiveOpened
            | ArchiveDirectoryMismatch
            | FileImplausibleTime
            | SheetNotRead
            | ArchiveUnsafeName
            | FileUnreadEntries
            | ValueImplausibleDate
            | LabelUnrecognised
            | RatioMismatch => "có cảnh báo",
        }
    }
}

impl<'de> serde::Deserialize<'de> for Rule {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Rule, D::Error> {
        let id = String::deserialize(d)?;
        Rule::ALL
            .iter()
            .copied()
            .find(|r| r.id() == id)
            .ok_or_else(|| serde::de::Error::custom(format!("unknown rule '{id}'")))
    }
}

impl Serialize for Rule {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.id())
    }
}

impl fmt::Display for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

/// The longest message a finding keeps: with the file name and the cell it
/// stays far below a workbook cell's 32,767 characters.
pub const MAX_MESSAGE_CHARS: usize = 8_000;

/// One thing found in one file. `cell` is `Báo cáo!D11` when a cell is to blame.
#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize)]
pub struct Finding {
    pub file: String,
    pub unit: Option<String>,
    pub cell: Option<String>,
    pub rule: Rule,
    pub severity: Severity,
    pub message: String,
    /// The cell's text as the unit typed it, when the finding is about a
    /// value that was there (the feedback file quotes it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub typed: Option<String>,
    /// What the unit wrote for the same figure last quarter, when the
    /// comparison pointed the finding at that figure (`compare::blame`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub previous: Option<String>,
}

impl Finding {
    /// `message` is cut to `MAX_MESSAGE_CHARS`: a finding always fits a cell.
    pub fn new(file: &str, rule: Rule, message: impl Into<String>) -> Finding {
        Finding {
            file: file.to_string(),
            unit: None,
            cell: None,
            rule,
            severity: rule.severity(),
            message: crate::text::cut(&crate::text::nfc(&message.into()), MAX_MESSAGE_CHARS),
            typed: None,
            previous: None,
        }
    }

    pub fn at(mut self, cell: Option<String>) -> Finding {
        self.cell = cell;
        self
    }

    /// The text typed in the cell, cut like a message; none for an empty
    /// cell (a formula without a saved result shows nothing).
    pub fn typed(mut self, typed: String) -> Finding {
        self.typed = (!typed.is_empty()).then(|| crate::text::cut(&typed, MAX_MESSAGE_CHARS));
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

pub fn has_errors(findings: &[Finding]) -> bool {
    findings.iter().any(Finding::is_error)
}
