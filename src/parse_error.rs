//! Clap's own parse errors in Vietnamese: the operator and the units read
//! Vietnamese, and clap words its errors in English. Help and version pass
//! through as clap prints them; any kind not worded here keeps clap's text.

use clap::error::{ContextKind, ContextValue, ErrorKind};

/// One Vietnamese line for a parse error, or None for help/version and
/// the rare kinds left to clap.
pub fn vietnamese(error: &clap::Error) -> Option<String> {
    let context = |kind: ContextKind| -> String {
        match error.get(kind) {
            Some(ContextValue::String(s)) => s.clone(),
            Some(ContextValue::Strings(v)) => v.join(", "),
            Some(other) => other.to_string(),
            None => String::new(),
        }
    };
    let arg = context(ContextKind::InvalidArg);
    let value = crate::text::shown(&context(ContextKind::InvalidValue));
    let text = match error.kind() {
        ErrorKind::UnknownArgument => {
            let hint = match context(ContextKind::SuggestedArg) {
                s if s.is_empty() => String::new(),
                s => format!(" (có phải ý là {s}?)"),
            };
            format!("không có tùy chọn '{}'{hint}", crate::text::shown(&arg))
        }
        ErrorKind::InvalidSubcommand => {
            let sub = crate::text::shown(&context(ContextKind::InvalidSubcommand));
            format!("không có lệnh '{sub}': các lệnh là run, check, config, template")
        }
        ErrorKind::InvalidValue => match context(ContextKind::ValidValue) {
            valid if valid.is_empty() => format!("{arg} cần một giá trị"),
            valid => format!("giá trị '{value}' của {arg} không hợp lệ: chọn một trong {valid}"),
        },
        ErrorKind::ValueValidation if arg.starts_with("--quarter") => {
            format!("'{value}' không phải là một quý: --quarter viết dạng NĂM-QSỐ, ví dụ 2020-Q1")
        }
        ErrorKind::ValueValidation => format!("giá trị '{value}' của {arg} không hợp lệ"),
        ErrorKind::MissingRequiredArgument => format!("thiếu {arg}"),
        ErrorKind::MissingSubcommand => "thiếu lệnh: run, check, config hoặc template".to_string(),
        ErrorKind::ArgumentConflict => match context(ContextKind::PriorArg) {
            other if other == arg => format!("{arg} chỉ ghi một lần"),
            other => format!("không dùng {arg} cùng với {other}"),
        },
        ErrorKind::TooManyValues => {
            format!("{arg} chỉ ghi một lần, một giá trị")
        }
        _ => return None,
    };
    Some(format!("{text}; xem thêm: dvctt --help"))
}
