//! Whether a unit's `Giải trình` explains a held-back change: it must say
//! something. A cell that only looks filled in (a zero-width space, `-`,
//! `không`, `0`, a boolean, an error value) releases nothing.

use crate::text::{fold, is_invisible, reads_as_nothing, says_not_applicable};

/// What units type to fill a cell without saying anything, folded
/// (`text::fold`), besides the "not applicable" words (`text::says_not_applicable`).
const PLACEHOLDERS: &[&str] = &[
    "0",
    ".",
    "...",
    "…",
    "?",
    "na",
    "none",
    "nil",
    "null",
    "true",
    "false",
    "dung",
    "sai",
    "khong co giai trinh",
    "khong giai trinh",
    "chua co",
    "chua",
    "nothing",
    "ok",
];

/// Error values a spreadsheet shows for a formula that failed.
const ERROR_VALUES: &[&str] = &[
    "#n/a",
    "#div/0!",
    "#value!",
    "#ref!",
    "#name?",
    "#num!",
    "#null!",
    "#getting_data",
    "#spill!",
    "#calc!",
    "err:502",
    "err:504",
    "err:508",
    "err:522",
];

/// Whether `text` explains a change: words (at least one letter) left once
/// invisible characters are taken out, and neither a placeholder, a
/// "not applicable" word, a boolean nor an error value.
pub fn explains(text: &str) -> bool {
    let seen: String = text
        .chars()
        .filter(|c| !(reads_as_nothing(*c) || is_invisible(*c)))
        .collect();
    let key = fold(&seen);
    let key = key.trim_matches(|c: char| c.is_whitespace() || c == '.');
    !key.is_empty()
        && key.chars().any(char::is_alphabetic)
        && !says_not_applicable(&seen)
        && !PLACEHOLDERS.contains(&key)
        && !ERROR_VALUES.contains(&key)
}

#[cfg(test)]
mod tests {
    use super::explains;

    #[test]
    fn only_words_explain() {
        let empty = [
            "",
            " ",
            "\u{200b}",
            "\u{2060}",
            "\u{feff}\u{200d}",
            "-",
            "--",
            "–",
            "không",
            "Không.",
            "KHÔNG CÓ",
            "không có",
            "0",
            "x",
            "X",
            "N/A",
            "n/a",
            "(không)",
            "FALSE",
            "TRUE",
            "#N/A",
            "#VALUE!",
            "\u{ffff}",
            "123",
            "12,5",
            "không\u{200b}",
            "...",
        ];
        for text in empty {
            assert!(!explains(text), "{text:?} explains nothing");
        }
        let words = [
            "Cổng dịch vụ công mới đưa vào hoạt động",
            "Tỉnh rà soát lại danh mục",
            "\u{200b}Đã tích hợp 579 thủ tục",
            "Không có thay đổi về thủ tục, chỉ tích hợp thêm dịch vụ",
        ];
        for text in words {
            assert!(explains(text), "{text:?} explains");
        }
    }
}
