//! Text as people type it in Vietnamese spreadsheets: normal forms, folded keys
//! for matching labels and names, and numbers written the Vietnamese way.
//!
//! Everything that compares text goes through here, so that "Tổng số TTHC:",
//! "2. TONG SO TTHC" and a decomposed "Tổng số TTHC" all meet at one key.

use std::fmt::Write;
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// Unicode NFC, the form every stored and compared string is kept in.
pub fn nfc(s: &str) -> String {
    // Most text is composed already: checking is cheaper than composing.
    if unicode_normalization::is_nfc(s) {
        s.to_string()
    } else {
        s.nfc().collect()
    }
}

/// The most characters of a cell's text that are kept: every text from a
/// file is cut to this when it is read, before it is matched, stored or
/// quoted, so that no quote can fill a finding and no name can keep the
/// matching busy. No label, name or period is near this long.
pub const MAX_TEXT_CHARS: usize = 1_000;

/// `s` cut to at most `max` characters, the cut ones ending in `…`.
pub fn cut(s: &str, max: usize) -> String {
    match s.char_indices().nth(max) {
        None => s.to_string(),
        Some((end, _)) => {
            let kept = s[..end].char_indices().nth(max.saturating_sub(1));
            let end = kept.map_or(end, |(i, _)| i);
            format!("{}…", &s[..end])
        }
    }
}

/// Lower case, no diacritics (đ = d), one space between words, trimmed.
pub fn fold(s: &str) -> String {
    fold_by_table(s).unwrap_or_else(|| fold_decomposed(s))
}

/// Code points below this, and in Latin Extended Additional (the
/// Vietnamese letters, U+1E00..U+1EFF), fold by `FOLDED`.
const FOLDED_LOW: usize = 0x250;
const FOLDED_HIGH: std::ops::Range<usize> = 0x1e00..0x1f00;
/// In `FOLDED`: the character folds to nothing, or to more than one.
const FOLDS_TO_NOTHING: char = '\u{0}';
const FOLDS_TO_MORE: char = '\u{1}';

/// Each Latin and Vietnamese letter's fold, made once by `fold_decomposed`
/// itself: the labels of every sheet are folded many times over, and
/// decomposing each text was a fifth of the time a form took to read.
/// None of these code points is a combining mark, so folding a text of
/// them one letter at a time is folding it whole (`fold_table_agrees`).
static FOLDED: std::sync::LazyLock<Vec<char>> = std::sync::LazyLock::new(|| {
    (0..FOLDED_LOW)
        .chain(FOLDED_HIGH)
        .map(|code| {
            let Some(c) = char::from_u32(code as u32) else {
                return FOLDS_TO_MORE;
            };
            let mut one = String::new();
            push_folded(&mut one, c.to_string().nfd());
            let mut chars = one.chars();
            match (chars.next(), chars.next()) {
                (None, _) => FOLDS_TO_NOTHING,
                (Some(f), None) if f != FOLDS_TO_NOTHING && f != FOLDS_TO_MORE => f,
                _ => FOLDS_TO_MORE,
            }
        })
        .collect()
});

/// `fold` of a text of Latin and Vietnamese letters only, by `FOLDED`;
/// None for any other text.
fn fold_by_table(s: &str) -> Option<String> {
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    for c in s.chars() {
        let code = c as usize;
        let index = if code < FOLDED_LOW {
            code
        } else if FOLDED_HIGH.contains(&code) {
            code - FOLDED_HIGH.start + FOLDED_LOW
        } else {
            return None;
        };
        match FOLDED[index] {
            FOLDS_TO_NOTHING => {}
            FOLDS_TO_MORE => return None,
            ' ' => space = !out.is_empty(),
            f => {
                if space {
                    out.push(' ');
                    space = false;
                }
                out.push(f);
            }
        }
    }
    Some(out)
}

/// `fold` by decomposing the text: for every text.
fn fold_decomposed(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    push_folded(&mut out, s.nfd());
    collapse_spaces(&out)
}

/// Pushes the letters of a decomposed text, lower case, without their
/// marks and what reads as nothing, each space as one plain space.
fn push_folded(out: &mut String, decomposed: impl Iterator<Item = char>) {
    for c in decomposed {
        if is_combining_mark(c) || reads_as_nothing(c) {
            continue;
        }
        match c {
            'đ' | 'Đ' => out.push('d'),
            c if c.is_whitespace() => out.push(' '),
            c => out.extend(c.to_lowercase()),
        }
    }
}

/// Characters that take no room on screen or paper: zero-width spaces and
/// joiners, the byte-order mark, the soft hyphen, and the marks that only
/// steer the direction of text. A label typed with one reads as without it.
pub fn reads_as_nothing(c: char) -> bool {
    matches!(
        c,
        '\u{00ad}'
            | '\u{200b}'..='\u{200f}'
            | '\u{202a}'..='\u{202e}'
            | '\u{2060}'..='\u{2064}'
            | '\u{2066}'..='\u{2069}'
            | '\u{feff}'
    )
}

/// Full-width digits and signs (`１９６１`, typed with an East Asian input
/// method) as the ASCII ones they show as.
fn half_width(c: char) -> char {
    match c {
        '\u{ff10}'..='\u{ff19}' => char::from_u32(c as u32 - 0xff10 + u32::from(b'0')).unwrap_or(c),
        '\u{ff0c}' => ',',
        '\u{ff0e}' => '.',
        '\u{ff05}' => '%',
        '\u{ff0b}' => '+',
        '\u{ff0d}' => '-',
        c => c,
    }
}

fn collapse_spaces(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The key a label is compared by: folded, without a leading numbering
/// (`1.`, `III.`, `a)`), a trailing colon or a trailing unit in parentheses,
/// and with the spelling tỷ written as tỉ.
pub fn label_key(s: &str) -> String {
    let mut key = fold(s);
    loop {
        let before = key.clone();
        key = key.trim_end_matches([':', ' ', '.', '*']).to_string();
        if key.ends_with(')')
            && let Some(open) = key.rfind('(')
        {
            key.truncate(open);
        }
        if key == before {
            break;
        }
    }
    let mut words: Vec<&str> = key.split(' ').filter(|w| !w.is_empty()).collect();
    while words.first().is_some_and(|w| is_numbering(w)) {
        words.remove(0);
    }
    words
        .iter()
        .map(|w| match *w {
            "ty" => "ti",
            w => w,
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// `1.`, `2)`, `1.2.`, `III.`, `a)`, `-`: list markers people put before a label.
fn is_numbering(word: &str) -> bool {
    if word == "-" || word == "+" || word == "*" {
        return true;
    }
    let Some(body) = word
        .strip_suffix('.')
        .or_else(|| word.strip_suffix(')'))
        .filter(|b| !b.is_empty())
    else {
        return false;
    };
    let arabic = body.chars().all(|c| c.is_ascii_digit() || c == '.');
    let roman = body.chars().all(|c| matches!(c, 'i' | 'v' | 'x'));
    let letter = body.len() == 1 && body.chars().all(|c| c.is_ascii_lowercase());
    arabic || roman || letter
}

/// A number as typed in a Vietnamese spreadsheet.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TypedNumber {
    pub value: f64,
    /// The text ended with `%`.
    pub percent: bool,
}

/// Reads `1.961`, `1 961`, `38,45%`, `-3`, `1.234,5`, `12.5`. The dot groups
/// thousands when every group after it has three digits; otherwise it is a
/// decimal point. A lone comma is the Vietnamese decimal comma.
pub fn parse_number(s: &str) -> Option<TypedNumber> {
    if !spaces_group_thousands(s) {
        return None;
    }
    // A zero-width space inside `1​961` shows as `1961`; a mark that turns
    // the text's direction shows the digits reversed, so it is no number.
    if s.chars().any(|c| {
        matches!(
            c,
            '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}'
        )
    }) {
        return None;
    }
    let mut t: String = s
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{a0}' && *c != '\u{202f}')
        .filter(|c| !reads_as_nothing(*c))
        .map(half_width)
        .collect();
    let percent = t.ends_with('%');
    if percent {
        t.pop();
    }
    let negative = t.starts_with('-');
    let digits = t.trim_start_matches(['-', '+']);
    if digits.is_empty()
        || !digits
            .chars()
            .all(|c| c.is_ascii_digit() || c == '.' || c == ',')
        || !digits.starts_with(|c: char| c.is_ascii_digit())
    {
        return None;
    }
    let dots = digits.matches('.').count();
    let commas = digits.matches(',').count();
    let plain = match (dots, commas) {
        (0, 0) => digits.to_string(),
        (_, 0) if groups_of_three(digits, '.') => digits.replace('.', ""),
        (1, 0) => digits.to_string(),
        (0, _) if commas > 1 && groups_of_three(digits, ',') => digits.replace(',', ""),
        (0, 1) => digits.replace(',', "."),
        _ => {
            // Both separators: the last one is the decimal mark.
            let last_dot = digits.rfind('.')?;
            let last_comma = digits.rfind(',')?;
            let (group, decimal) = if last_comma > last_dot {
                ('.', ',')
            } else {
                (',', '.')
            };
            if digits.matches(decimal).count() != 1 {
                return None;
            }
            let (int_part, frac) = digits.split_once(decimal)?;
            if frac.contains(group) || !groups_of_three(int_part, group) {
                return None;
            }
            format!("{}.{}", int_part.replace(group, ""), frac)
        }
    };
    // 400 digits parse to infinity: not a number anyone wrote.
    let value: f64 = plain.parse().ok().filter(|v: &f64| v.is_finite())?;
    Some(TypedNumber {
        value: if negative { -value } else { value },
        percent,
    })
}

/// What units write in a figure's cell to say it does not apply to them,
/// folded (see `says_not_applicable`). Words meaning "none arose" that are
/// not here (`không phát sinh`) stay words where a number should be.
const NOT_APPLICABLE: &[&str] = &[
    "khong co",
    "khong ap dung",
    "khong",
    "n/a",
    "-",
    "--",
    "\u{2013}",
    "\u{2014}",
    "\u{2212}",
    "x",
];

/// Whether a cell's text says the figure does not apply: `không có`,
/// `Không áp dụng.`, `N/A`, `-`, `—`, `x`; any case, tones, spacing, a final
/// full stop or surrounding brackets aside.
/// The units of measure a figure's cell may carry after its number
/// (`1.800 thủ tục`, `300 dịch vụ`), folded. Any other word keeps the cell
/// words (`1900 dự kiến` is no figure).
const MEASURES: &[&str] = &[
    "thu tuc",
    "tthc",
    "thu tuc hanh chinh",
    "dich vu",
    "dvc",
    "dvctt",
    "ho so",
];

/// A number as `parse_number` reads it, or followed by its unit of measure
/// alone (`1.800 thủ tục`, `1 961 TTHC`).
pub fn parse_number_with_measure(text: &str) -> Option<TypedNumber> {
    if let Some(n) = parse_number(text) {
        return Some(n);
    }
    let words: Vec<&str> = text.split_whitespace().collect();
    let numeric = words
        .iter()
        .take_while(|w| w.chars().any(|c| c.is_ascii_digit()) || **w == "%")
        .count();
    if numeric == 0 || numeric == words.len() {
        return None;
    }
    let rest = fold(words[numeric..].join(" ").trim_end_matches('.'));
    MEASURES
        .contains(&rest.as_str())
        .then(|| parse_number(&words[..numeric].join(" ")))?
}

pub fn says_not_applicable(s: &str) -> bool {
    let folded = fold(s);
    let mut t = folded.trim_end_matches('.').trim();
    if let Some(inner) = t.strip_prefix('(').and_then(|t| t.strip_suffix(')')) {
        t = inner.trim();
    }
    NOT_APPLICABLE.contains(&t)
}

/// Whether the spaces inside a typed number group its thousands (`1 961`,
/// `12 345,5`, `38,45 %`): a first group of one to three digits, then
/// groups of exactly three. Anything else is two numbers in one cell
/// (`1907 163`, `2019 1800`), never one.
fn spaces_group_thousands(s: &str) -> bool {
    let mut parts: Vec<&str> = s
        .split(|c: char| c.is_whitespace() || c == '\u{a0}' || c == '\u{202f}')
        .filter(|p| !p.is_empty())
        .collect();
    if parts.last() == Some(&"%") {
        parts.pop();
    }
    if matches!(parts.first(), Some(&"-") | Some(&"+")) {
        parts.remove(0);
    }
    let Some((first, rest)) = parts.split_first() else {
        return true;
    };
    if rest.is_empty() {
        return true;
    }
    let digits = |p: &str| p.chars().all(|c| c.is_ascii_digit());
    let first = first.trim_start_matches(['-', '+']);
    let (middle, last) = rest.split_at(rest.len() - 1);
    let last = last[0];
    let last_group = last.get(..3).is_some_and(digits)
        && last[3..].strip_prefix([',', '.']).map_or(
            last.len() == 3 || &last[3..] == "%",
            |frac| {
                frac.trim_end_matches('%')
                    .chars()
                    .all(|c| c.is_ascii_digit())
            },
        );
    (1..=3).contains(&first.len())
        && digits(first)
        && middle.iter().all(|p| p.len() == 3 && digits(p))
        && last_group
}

/// `1.234.567`: a first group of one to three digits, then groups of exactly three.
fn groups_of_three(s: &str, sep: char) -> bool {
    let mut parts = s.split(sep);
    let first = parts.next().unwrap_or("");
    let rest: Vec<&str> = parts.collect();
    !rest.is_empty()
        && (1..=3).contains(&first.len())
        && first.chars().all(|c| c.is_ascii_digit())
        && rest
            .iter()
            .all(|p| p.len() == 3 && p.chars().all(|c| c.is_ascii_digit()))
}

/// `1.961`: a count written the Vietnamese way, for messages.
pub fn vn_count(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(c);
    }
    out
}

/// `38,45%`: a fraction as a Vietnamese percentage with two decimals.
pub fn vn_percent(fraction: f64) -> String {
    format!("{:.2}%", fraction * 100.0).replace('.', ",")
}

/// Text as it may be printed in a workbook cell, the letter or a CSV cell:
/// bidirectional controls and zero-width characters (which reorder or hide
/// what a reader sees: `\u{202e}` makes `xslx.exe` read `exe.xlsx`) and
/// control characters written escaped as `shown` writes them, line breaks
/// kept (a cell may hold several lines, and they forge nothing there).
pub fn visible(text: &str) -> std::borrow::Cow<'_, str> {
    let hidden = |c: char| c != '\n' && (c.is_control() || is_invisible(c));
    if !text.chars().any(hidden) {
        return std::borrow::Cow::Borrowed(text);
    }
    text.chars()
        .map(|c| match c {
            c if hidden(c) => c.escape_default().to_string(),
            c => c.to_string(),
        })
        .collect::<String>()
        .into()
}

/// Text from a submission as it may reach a terminal: control characters
/// (which could move the cursor or recolour the screen) written escaped.
pub fn shown(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            c if c.is_control() || is_invisible(c) => c.escape_default().to_string(),
            c => c.to_string(),
        })
        .collect()
}

/// A name as it may be shown anywhere: valid UTF-8 as it is, control and
/// invisible formatting characters as `\n`, `\t` or `\u{202e}`, bytes that
/// are not UTF-8 as `\xNN`, and a backslash doubled so that no escape can be
/// typed into a name.
pub fn escape(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len());
    // A name not in NFC (macOS saves names decomposed) is shown composed,
    // so it names its unit like any other, and marked, so that it never
    // looks the same as the composed name beside it. The mark cannot be
    // typed: a backslash in a name is shown doubled.
    if bytes
        .utf8_chunks()
        .any(|chunk| !unicode_normalization::is_nfc(chunk.valid()))
    {
        out.push_str(NOT_NFC_MARK);
    }
    for chunk in bytes.utf8_chunks() {
        for c in nfc(chunk.valid()).chars() {
            match c {
                '\\' => out.push_str("\\\\"),
                '\n' => out.push_str("\\n"),
                '\r' => out.push_str("\\r"),
                '\t' => out.push_str("\\t"),
                c if c.is_control() || is_invisible(c) => {
                    let _ = write!(out, "\\u{{{:x}}}", c as u32);
                }
                c => out.push(c),
            }
        }
        for b in chunk.invalid() {
            let _ = write!(out, "\\x{b:02X}");
        }
    }
    out
}

/// The longest name shown (in characters, escapes counted as written): a
/// zip entry or attachment name may be 65,000 bytes, each control character
/// escaped to six, and a workbook cell holds at most 32,767 characters.
pub const MAX_SHOWN_CHARS: usize = 1024;

/// `name` (already escaped) within `MAX_SHOWN_CHARS`: a longer one keeps its
/// beginning and ends with `…[#` and a fingerprint of the whole name `]`, so
/// two long names that begin alike still never look the same.
pub fn bounded(name: String) -> String {
    if name.chars().count() <= MAX_SHOWN_CHARS {
        return name;
    }
    // FNV-1a: fixed, so the same name is shown the same on every run.
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for b in name.bytes() {
        hash = (hash ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
    }
    let tail = format!("[#{hash:016x}]");
    let kept = cut(&name, MAX_SHOWN_CHARS - tail.chars().count());
    format!("{kept}{tail}")
}

/// Characters that change how a text reads without showing, or show as
/// nothing: the whole Unicode "format" class (Cf: zero-width spaces and
/// joiners, the bidirectional marks, overrides and isolates, the Arabic
/// letter mark, the soft hyphen, the byte-order mark, the invisible
/// operators, the interlinear annotation marks, tag characters), the line
/// and paragraph separators (a new line to many terminals and mail
/// readers), the variation selectors and the combining grapheme joiner, the
/// Hangul and Braille fillers that print as a blank (a name of them looks
/// empty), and the noncharacters. The one rule for text people read: names
/// refused by `dvctt config`, cell text escaped in print (`visible`) and on
/// a terminal (`shown`), names escaped (`escape`).
pub fn is_invisible(c: char) -> bool {
    // Below U+0600 only the soft hyphen and the combining grapheme joiner
    // are any of these, and Vietnamese
    // letters all sit there or in Latin Extended Additional (U+1E00..U+1EFF),
    // which has none. The table lookup is a function the compiler copies
    // into this crate (it is small), so in the dev profile every call copied
    // the 50 KB table onto the stack: a third of the CPU time of a run over
    // 10,000 archive entries. `the_fast_path_agrees_with_the_table` checks
    // every code point it answers for.
    if c < '\u{600}' || ('\u{1e00}'..='\u{1eff}').contains(&c) {
        return c == '\u{ad}' || c == '\u{34f}';
    }
    in_invisible_classes(c)
}

/// `is_invisible` without its fast path: what the fast path is checked
/// against.
fn in_invisible_classes(c: char) -> bool {
    use unicode_general_category::{GeneralCategory, get_general_category};
    let code = c as u32;
    matches!(
        get_general_category(c),
        GeneralCategory::Format
            | GeneralCategory::LineSeparator
            | GeneralCategory::ParagraphSeparator
    ) || matches!(
        c,
        '\u{034f}'
            | '\u{115f}'
            | '\u{1160}'
            | '\u{180b}'..='\u{180f}'
            | '\u{2800}'
            | '\u{3164}'
            | '\u{fe00}'..='\u{fe0f}'
            | '\u{ffa0}'
            | '\u{fdd0}'..='\u{fdef}'
            | '\u{e0000}'..='\u{e007f}'
            | '\u{e0100}'..='\u{e01ef}'
    ) || code & 0xfffe == 0xfffe
}

/// Why a settings file (TOML) does not parse, in one line for stderr:
/// `dòng 5: invalid type: string "có", expected a boolean`. The parser's
/// own text draws the line under the place over several lines.
pub fn toml_problem(text: &str, error: &toml::de::Error) -> String {
    let message = error.message().trim().replace('\n', " ");
    match error.span() {
        Some(span) => format!("dòng {}: {message}", line_at(text, span.start)),
        None => message,
    }
}

/// The line (from 1) that the byte `offset` of `text` is on.
fn line_at(text: &str, offset: usize) -> usize {
    text[..offset.min(text.len())].matches('\n').count() + 1
}

/// Put before a name that was not in Unicode NFC (see `escape`).
pub const NOT_NFC_MARK: &str = "\\{NFD}";

#[cfg(test)]
mod tests {
    #[test]
    fn not_applicable_spellings() {
        let cases = [
            ("không có", true),
            ("Không có", true),
            ("KHÔNG ÁP DỤNG", true),
            ("Không áp dụng.", true),
            ("không", true),
            ("(không có)", true),
            ("N/A", true),
            ("n/a", true),
            ("-", true),
            ("--", true),
            ("–", true),
            ("—", true),
            ("x", true),
            ("X", true),
            // Decomposed Unicode, as some files hold it.
            ("kho\u{302}ng co\u{301}", true),
            ("0", false),
            ("", false),
            ("không phát sinh", false),
            ("chưa có số liệu", false),
            ("xx", false),
            ("-5", false),
            ("có", false),
        ];
        for (text, expected) in cases {
            assert_eq!(super::says_not_applicable(text), expected, "{text:?}");
        }
    }

    use super::*;

    #[test]
    fn cut_keeps_short_text_and_marks_a_cut() {
        assert_eq!(cut("Hà Nội", 6), "Hà Nội");
        assert_eq!(cut("Hà Nội", 3), "Hà…");
        assert_eq!(cut("Hà Nội", 3).chars().count(), 3);
        assert_eq!(cut("", 0), "");
        assert_eq!(parse_number(&"9".repeat(400)), None);
    }

    #[test]
    fn folds_case_diacritics_and_spaces() {
        let cases = [
            ("Tổng  số TTHC", "tong so tthc"),
            ("Đơn vị báo cáo", "don vi bao cao"),
            ("ĐẮK LẮK", "dak lak"),
            ("To\u{302}\u{309}ng so\u{302}\u{301}", "tong so"),
        ];
        for (input, want) in cases {
            assert_eq!(fold(input), want, "fold({input:?})");
        }
    }

    #[test]
    fn label_keys_ignore_numbering_colons_units_and_ty_spelling() {
        let cases = [
            (
                "1. Tổng số thủ tục hành chính:",
                "tong so thu tuc hanh chinh",
            ),
            ("III. Tên đơn vị", "ten don vi"),
            ("Tổng số TTHC (thủ tục)", "tong so tthc"),
            ("Tỷ lệ DVCTT mức độ 4 (%)", "ti le dvctt muc do 4"),
            ("Tỉ lệ DVCTT mức độ 4", "ti le dvctt muc do 4"),
            ("a) Kỳ báo cáo :", "ky bao cao"),
            ("2.1. Số DVCTT mức độ 3", "so dvctt muc do 3"),
            ("Số DVCTT mức độ 4", "so dvctt muc do 4"),
        ];
        for (input, want) in cases {
            assert_eq!(label_key(input), want, "label_key({input:?})");
        }
    }

    #[test]
    fn writes_vietnamese_numbers() {
        assert_eq!(vn_count(1961), "1.961");
        assert_eq!(vn_count(1234567), "1.234.567");
        assert_eq!(vn_count(12), "12");
        assert_eq!(vn_percent(0.3845), "38,45%");
    }

    #[test]
    fn parses_vietnamese_numbers() {
        let cases: [(&str, Option<(f64, bool)>); 24] = [
            ("1.961", Some((1961.0, false))),
            ("1 961", Some((1961.0, false))),
            ("1\u{a0}961", Some((1961.0, false))),
            ("38,45%", Some((38.45, true))),
            ("38,45", Some((38.45, false))),
            ("38.45", Some((38.45, false))),
            ("1.234.567", Some((1234567.0, false))),
            ("1.234,5", Some((1234.5, false))),
            ("1,234.5", Some((1234.5, false))),
            ("-3", Some((-3.0, false))),
            ("12.5", Some((12.5, false))),
            ("abc", None),
            ("", None),
            ("1.2.3", None),
            ("1 234 567", Some((1234567.0, false))),
            ("12 345,5", Some((12345.5, false))),
            ("38,45 %", Some((38.45, true))),
            ("- 3", Some((-3.0, false))),
            (" 1961 ", Some((1961.0, false))),
            // Two numbers in one cell are no number (attacker review: they
            // were joined, `1907 163` read as 1.907.163).
            ("1907 163", None),
            ("2019 1800", None),
            ("300 25", None),
            ("18 00", None),
            ("1 80", None),
        ];
        for (input, want) in cases {
            let got = parse_number(input).map(|n| (n.value, n.percent));
            assert_eq!(got, want, "parse_number({input:?})");
        }
    }
}

#[cfg(test)]
mod shown_tests {
    #[test]
    fn what_reorders_or_hides_text_is_escaped_in_print_lines_are_kept() {
        let cases = [
            ("Hà Nội", "Hà Nội"),
            ("Tăng\u{202e}gnoc", "Tăng\\u{202e}gnoc"),
            ("a\u{200b}b\u{feff}", "a\\u{200b}b\\u{feff}"),
            ("hai\ndòng", "hai\ndòng"),
            ("tab\there\u{1b}[31m", "tab\\there\\u{1b}[31m"),
            ("x\u{2066}y\u{2069}", "x\\u{2066}y\\u{2069}"),
        ];
        for (text, want) in cases {
            assert_eq!(super::visible(text), want, "{text:?}");
        }
    }

    #[test]
    fn one_rule_for_what_does_not_show() {
        let hidden = [
            '\u{00ad}',
            '\u{034f}',
            '\u{061c}',
            '\u{115f}',
            '\u{1160}',
            '\u{180e}',
            '\u{200b}',
            '\u{200e}',
            '\u{2028}',
            '\u{202e}',
            '\u{2060}',
            '\u{2064}',
            '\u{206a}',
            '\u{2066}',
            '\u{2800}',
            '\u{3164}',
            '\u{fe0f}',
            '\u{feff}',
            '\u{ffa0}',
            '\u{fff9}',
            '\u{fffb}',
            '\u{fffe}',
            '\u{ffff}',
            '\u{fdd0}',
            '\u{e0001}',
            '\u{e0041}',
            '\u{e0100}',
            '\u{1fffe}',
            '\u{110bd}',
        ];
        for c in hidden {
            assert!(super::is_invisible(c), "U+{:04X}", c as u32);
        }
        for c in "Hà Nội Đắk Lắk ỦY BAN - . , ( ) % & 0123 \u{a0}\u{300}".chars() {
            assert!(!super::is_invisible(c), "U+{:04X}", c as u32);
        }
        assert_eq!(super::shown("a\u{061c}b"), "a\\u{61c}b");
    }

    #[test]
    fn the_fast_path_agrees_with_the_table() {
        // Elsewhere is_invisible is the table; every code point of the
        // table's lookup costs 17 s unoptimised (it copies the table).
        let fast = ('\u{0}'..'\u{600}').chain('\u{1e00}'..='\u{1eff}');
        for c in fast {
            assert_eq!(
                super::is_invisible(c),
                super::in_invisible_classes(c),
                "U+{:04X}",
                c as u32
            );
        }
    }

    #[test]
    fn control_characters_are_shown_escaped() {
        assert_eq!(super::shown("a\u{1b}[31mb\tc"), "a\\u{1b}[31mb\\tc");
        assert_eq!(super::shown("Hà Nội"), "Hà Nội");
        // A line separator or a bidi override would forge or reorder a line.
        assert_eq!(
            super::shown("x\u{2028}HỢP LỆ\u{202e}y"),
            "x\\u{2028}HỢP LỆ\\u{202e}y"
        );
    }

    #[test]
    fn escapes_what_could_forge_or_hide() {
        let cases: &[(&[u8], &str)] = &[
            (b"an-giang.xlsx", "an-giang.xlsx"),
            ("Hà Nội.xlsx".as_bytes(), "Hà Nội.xlsx"),
            (b"a\nok: accepted.xlsx", "a\\nok: accepted.xlsx"),
            (b"bad\xff.xlsx", "bad\\xFF.xlsx"),
            (b"bad\xfe.xlsx", "bad\\xFE.xlsx"),
            (b"bad\\xFF.xlsx", "bad\\\\xFF.xlsx"),
            ("x\u{202e}xslx.exe".as_bytes(), "x\\u{202e}xslx.exe"),
            (b"tab\there", "tab\\there"),
        ];
        for (raw, shown) in cases {
            assert_eq!(super::escape(raw), *shown);
        }
    }
}

#[cfg(test)]
mod fold_tests {
    use super::{FOLDED_HIGH, FOLDED_LOW, fold, fold_decomposed};

    /// Every code point the table covers, and every text of up to four
    /// characters over letters, spaces of all kinds, what reads as
    /// nothing, a letter that folds to two, a combining mark and a letter
    /// outside the table: the table folds as decomposing does.
    #[test]
    fn fold_table_agrees() {
        for code in (0..FOLDED_LOW).chain(FOLDED_HIGH) {
            let Some(c) = char::from_u32(code as u32) else {
                continue;
            };
            let text = format!(" {c}a{c} ");
            assert_eq!(fold(&text), fold_decomposed(&text), "{c:?}");
        }
        let alphabet = [
            ' ', '\u{a0}', '\t', 'Đ', 'ồ', 'A', '\u{ad}', 'İ', '\u{301}', 'x', '中', '\u{200b}',
        ];
        let mut texts = vec![String::new()];
        for _ in 0..4 {
            let longer: Vec<String> = texts
                .iter()
                .flat_map(|t| alphabet.iter().map(move |c| format!("{t}{c}")))
                .collect();
            for text in &longer {
                assert_eq!(fold(text), fold_decomposed(text), "{text:?}");
            }
            texts = longer;
        }
        assert_eq!(fold("  TỔNG  Số\u{a0}TTHC "), "tong so tthc");
        assert_eq!(fold("Đắk Lắk"), "dak lak");
    }
}
