//! Vietnamese text in the legacy font encodings older provincial files still
//! carry: TCVN3 (ABC, the `.Vn…` fonts) and VNI (the `VNI-…` fonts). Excel
//! shows them right with those fonts, but the stored text is Windows-1252
//! letters: `Tæng sè thñ tôc hµnh chÝnh`, `Toång soá thuû tuïc haønh chính`.
//!
//! Text that is already Unicode is never converted: a string is only a
//! candidate when every character is one Windows-1252 can hold and at least
//! one is a letter Vietnamese never uses.

use unicode_normalization::UnicodeNormalization;

mod encode;
mod syllable;

pub use encode::{encode_tcvn3, encode_vni};
use syllable::is_syllable;

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Encoding {
    Tcvn3,
    Vni,
}

impl Encoding {
    pub fn name(self) -> &'static str {
        match self {
            Encoding::Tcvn3 => "TCVN3 (ABC)",
            Encoding::Vni => "VNI",
        }
    }

    /// The encoding a font name implies: `.VnTime`, `.VnArialH` → TCVN3;
    /// `VNI-Times` → VNI.
    pub fn of_font(font: &str) -> Option<Encoding> {
        let f = font.trim().to_ascii_lowercase();
        if f.starts_with(".vn") {
            Some(Encoding::Tcvn3)
        } else if f.starts_with("vni-") || f.starts_with("vni ") {
            Some(Encoding::Vni)
        } else {
            None
        }
    }
}

/// Bytes 0xA0..=0xFF of TCVN 5712 (VN1, whose upper half ABC fonts use).
const TCVN3_HIGH: [char; 96] = [
    '\u{a0}', 'Ă', 'Â', 'Ê', 'Ô', 'Ơ', 'Ư', 'Đ', 'ă', 'â', 'ê', 'ô', 'ơ', 'ư', 'đ', 'Ặ', //
    '\u{300}', '\u{309}', '\u{303}', '\u{301}', '\u{323}', 'à', 'ả', 'ã', 'á', 'ạ', 'Ẳ', 'ằ', 'ẳ',
    'ẵ', 'ắ', 'Ẵ', //
    'Ắ', 'Ầ', 'Ẩ', 'Ẫ', 'Ấ', 'Ề', 'ặ', 'ầ', 'ẩ', 'ẫ', 'ấ', 'ậ', 'è', 'Ể', 'ẻ', 'ẽ', //
    'é', 'ẹ', 'ề', 'ể', 'ễ', 'ế', 'ệ', 'ì', 'ỉ', 'Ễ', 'Ế', 'Ồ', 'ĩ', 'í', 'ị', 'ò', //
    'Ổ', 'ỏ', 'õ', 'ó', 'ọ', 'ồ', 'ổ', 'ỗ', 'ố', 'ộ', 'ờ', 'ở', 'ỡ', 'ớ', 'ợ', 'ù', //
    'Ỗ', 'ủ', 'ũ', 'ú', 'ụ', 'ừ', 'ử', 'ữ', 'ứ', 'ự', 'ỳ', 'ỷ', 'ỹ', 'ý', 'ỵ', 'Ố',
];

/// Windows-1252's 0x80..=0x9F; None where it has no character.
const CP1252_80: [Option<char>; 32] = [
    Some('€'),
    None,
    Some('‚'),
    Some('ƒ'),
    Some('„'),
    Some('…'),
    Some('†'),
    Some('‡'),
    Some('ˆ'),
    Some('‰'),
    Some('Š'),
    Some('‹'),
    Some('Œ'),
    None,
    Some('Ž'),
    None,
    None,
    Some('‘'),
    Some('’'),
    Some('“'),
    Some('”'),
    Some('•'),
    Some('–'),
    Some('—'),
    Some('˜'),
    Some('™'),
    Some('š'),
    Some('›'),
    Some('œ'),
    None,
    Some('ž'),
    Some('Ÿ'),
];

/// The byte Windows-1252 stores a character as.
// The cases cast what fits a byte: 0..=0xFF, and 0x80 + an index into
// `CP1252_80`'s 32 entries.
#[allow(clippy::cast_possible_truncation)]
fn cp1252_byte(c: char) -> Option<u8> {
    match c as u32 {
        0..=0x7F | 0xA0..=0xFF => Some(c as u32 as u8),
        _ => CP1252_80
            .iter()
            .position(|x| *x == Some(c))
            .map(|i| 0x80 + i as u8),
    }
}

/// The character Windows-1252 shows for a byte.
pub fn cp1252_char(b: u8) -> char {
    match b {
        0x80..=0x9F => CP1252_80[usize::from(b - 0x80)].unwrap_or(char::from(b)),
        _ => char::from(b),
    }
}

/// Latin-1 letters Unicode Vietnamese uses; the rest of Windows-1252's
/// upper half points to a legacy encoding.
const VIETNAMESE_LATIN1: &str = "ÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝàáâãèéêìíòóôõùúý";

/// Whether `text` could be legacy-encoded at all: not plain ASCII, and every
/// character one Windows-1252 holds (real Unicode Vietnamese mostly is not).
pub fn could_be_legacy(text: &str) -> bool {
    !text.is_ascii() && text.chars().all(|c| cp1252_byte(c).is_some())
}

/// A character that can only be a legacy letter: Windows-1252's 0xA1..=0xFF
/// less the Latin-1 letters Unicode Vietnamese uses. Windows-1252's
/// 0x80..=0x9F (curly quotes, dashes, `…`) are not: neither TCVN3 nor VNI
/// puts a letter there, so they say nothing about the encoding.
fn is_evidence(c: char) -> bool {
    (0xA1..=0xFF).contains(&(c as u32)) && !VIETNAMESE_LATIN1.contains(c)
}

/// The encoding `text` is in, when it looks legacy; `font` decides when given.
///
/// Without a font, a reading is believed only on real evidence: the text
/// holds a character Unicode Vietnamese never uses, every word the reading
/// changes becomes a Vietnamese syllable, and the result is more plausible
/// as Vietnamese than the text as written is in a Latin-script language —
/// two or more words so changed, or one that is no word of any such
/// language as written (`Hµ`, `chÝnh`: a symbol inside, or a capital
/// inside a word).
pub fn detect(text: &str, font: Option<&str>) -> Option<Encoding> {
    if !text.chars().all(|c| cp1252_byte(c).is_some()) {
        return None;
    }
    if let Some(encoding) = font.and_then(Encoding::of_font) {
        // The font says legacy; plain ASCII reads the same either way.
        return (!text.is_ascii()).then_some(encoding);
    }
    if !text.chars().any(is_evidence) {
        return None;
    }
    let believed = |encoding: Encoding| {
        let changed = changed_words(text, encoding)?;
        let foreign_as_written = changed.iter().any(|word| !latin_word(word));
        (changed.len() >= 2 || foreign_as_written).then_some(encoding)
    };
    match (believed(Encoding::Tcvn3), believed(Encoding::Vni)) {
        (Some(tcvn3), Some(vni)) => {
            // Both readings are Vietnamese: the one with fewer oddities,
            // and VNI when its marks all follow vowels.
            let (t, v) = (oddities(&decode(text, tcvn3)), oddities(&decode(text, vni)));
            Some(if v < t || (v == t && marks_follow_vowels(text)) {
                vni
            } else {
                tcvn3
            })
        }
        (one, other) => one.or(other),
    }
}

/// The words (as written) that reading `text` in `encoding` changes; None
/// when one of them does not become a Vietnamese syllable.
fn changed_words(text: &str, encoding: Encoding) -> Option<Vec<&str>> {
    let words = text.split(|c: char| {
        c.is_whitespace()
            || c.is_ascii_punctuation()
            || cp1252_byte(c).is_some_and(|b| (0x80..=0xA0).contains(&b))
    });
    let mut changed = Vec::new();
    for word in words.filter(|w| !w.is_empty()) {
        let decoded = decode(word, encoding);
        if decoded == word {
            continue;
        }
        if !is_syllable(&decoded) {
            return None;
        }
        changed.push(word);
    }
    Some(changed)
}

/// Whether `word` as written could be a word of a Latin-script language:
/// letters only (no `µ`, `¶`, `¾`, `ª`), no two accented letters running
/// (`öôø`: VNI's vowel, hat and tone), and capitals only at its start or
/// throughout.
fn latin_word(word: &str) -> bool {
    let chars: Vec<char> = word.chars().collect();
    if chars
        .windows(2)
        .any(|w| !w[0].is_ascii() && !w[1].is_ascii())
    {
        return false;
    }
    let letters = word.chars().all(|c| {
        c.is_ascii_alphabetic() || ((0xC0..=0xFF).contains(&(c as u32)) && c != '×' && c != '÷')
    });
    let rest_upper = word.chars().skip(1).filter(|c| c.is_uppercase()).count();
    let rest = word.chars().count().saturating_sub(1);
    letters && (rest_upper == 0 || rest_upper == rest)
}

/// VNI writes tones and hats as characters after their vowel, so in VNI
/// text every such character follows a vowel; in TCVN3 the same bytes are
/// vowels of their own and mostly follow consonants.
fn marks_follow_vowels(text: &str) -> bool {
    const MARKS: &str = "ùøûõïâáàåãäêéèúüëÙØÛÕÏÂÁÀÅÃÄÊÉÈÚÜË";
    const VOWELS: &str = "aeiouyAEIOUYôöÔÖ";
    let chars: Vec<char> = text.chars().collect();
    let mut marks = 0;
    for (i, c) in chars.iter().enumerate() {
        if MARKS.contains(*c) {
            if i == 0 || !VOWELS.contains(chars[i - 1]) {
                return false;
            }
            marks += 1;
        }
    }
    marks > 0
}

/// How un-Vietnamese a decoded text is: words with two tones (a syllable has
/// one), a vowel written twice running (`oồ`: a VNI mark read as TCVN3), and
/// letters left that Vietnamese does not use.
fn oddities(text: &str) -> usize {
    let base = |c: char| {
        c.nfd()
            .next()
            .and_then(|b| b.to_lowercase().next())
            .unwrap_or(c)
    };
    const TONES: [char; 5] = ['\u{300}', '\u{301}', '\u{303}', '\u{309}', '\u{323}'];
    text.split_whitespace()
        .map(|word| {
            let tones = word.nfd().filter(|c| TONES.contains(c)).count();
            let foreign = word.chars().any(|c| {
                let code = c as u32;
                (0xA0..=0xFF).contains(&code) && !VIETNAMESE_LATIN1.contains(c)
            });
            let letters: Vec<char> = word.chars().map(base).collect();
            let doubled = letters
                .windows(2)
                .any(|w| w[0] == w[1] && "aeiouy".contains(w[0]));
            usize::from(tones > 1) + usize::from(foreign) + usize::from(doubled)
        })
        .sum()
}

pub fn decode(text: &str, encoding: Encoding) -> String {
    let out: String = match encoding {
        Encoding::Tcvn3 => text
            .chars()
            .map(|c| match cp1252_byte(c) {
                Some(b) if b >= 0xA0 => TCVN3_HIGH[usize::from(b - 0xA0)],
                _ => c,
            })
            .collect(),
        Encoding::Vni => decode_vni(text),
    };
    out.nfc().collect()
}

/// A VNI mark: the combining marks it stands for (hat or breve, then tone).
fn vni_mark(c: char, base: char) -> Option<&'static str> {
    let lower = c.to_lowercase().next()?;
    let base = base.to_lowercase().next()?;
    let tone = match lower {
        'ù' => Some("\u{301}"),
        'ø' => Some("\u{300}"),
        'û' => Some("\u{309}"),
        'õ' => Some("\u{303}"),
        'ï' => Some("\u{323}"),
        _ => None,
    };
    if tone.is_some() {
        return tone;
    }
    match (lower, base) {
        ('â', 'a' | 'e' | 'o') => Some("\u{302}"),
        ('á', 'a' | 'e' | 'o') => Some("\u{302}\u{301}"),
        ('à', 'a' | 'e' | 'o') => Some("\u{302}\u{300}"),
        ('å', 'a' | 'e' | 'o') => Some("\u{302}\u{309}"),
        ('ã', 'a' | 'e' | 'o') => Some("\u{302}\u{303}"),
        ('ä', 'a' | 'e' | 'o') => Some("\u{302}\u{323}"),
        ('ê', 'a') => Some("\u{306}"),
        ('é', 'a') => Some("\u{306}\u{301}"),
        ('è', 'a') => Some("\u{306}\u{300}"),
        ('ú', 'a') => Some("\u{306}\u{309}"),
        ('ü', 'a') => Some("\u{306}\u{303}"),
        ('ë', 'a') => Some("\u{306}\u{323}"),
        _ => None,
    }
}

/// VNI's letters of their own: ơ ư đ and the i and ỵ with tones.
fn vni_letter(c: char) -> Option<char> {
    Some(match c {
        'ô' => 'ơ',
        'Ô' => 'Ơ',
        'ö' => 'ư',
        'Ö' => 'Ư',
        'ñ' => 'đ',
        'Ñ' => 'Đ',
        'í' => 'í',
        'Í' => 'Í',
        'ì' => 'ì',
        'Ì' => 'Ì',
        'æ' => 'ỉ',
        'Æ' => 'Ỉ',
        'ó' => 'ĩ',
        'Ó' => 'Ĩ',
        'ò' => 'ị',
        'Ò' => 'Ị',
        'î' => 'ỵ',
        'Î' => 'Ỵ',
        _ => return None,
    })
}

fn decode_vni(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        let letter = vni_letter(c).unwrap_or(c);
        out.push(letter);
        // Hats and breves go on a, e, o only (vni_mark knows); ơ and ư,
        // like u and y, take tones only.
        let base = if "ơưƠƯ".contains(letter) {
            'u'
        } else {
            letter
        };
        if "aeouyAEOUYơưƠƯ".contains(letter)
            && let Some(&next) = chars.peek()
            && let Some(marks) = vni_mark(next, base)
        {
            out.push_str(marks);
            chars.next();
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_real_legacy_strings() {
        let cases = [
            (
                "Tæng sè thñ tôc hµnh chÝnh",
                Encoding::Tcvn3,
                "Tổng số thủ tục hành chính",
            ),
            ("Hµ Néi", Encoding::Tcvn3, "Hà Nội"),
            ("B¶o Th¾ng", Encoding::Tcvn3, "Bảo Thắng"),
            // ư is its own byte (0xAD, a soft hyphen in Windows-1252).
            ("M\u{ad}êng Kh\u{ad}¬ng", Encoding::Tcvn3, "Mường Khương"),
            (
                "Toång soá thuû tuïc haønh chính",
                Encoding::Vni,
                "Tổng số thủ tục hành chính",
            ),
            ("Haø Noäi", Encoding::Vni, "Hà Nội"),
            ("Xin chaøo caùc baïn", Encoding::Vni, "Xin chào các bạn"),
            ("Tröôøng", Encoding::Vni, "Trường"),
            ("Ñoàng Thaùp", Encoding::Vni, "Đồng Tháp"),
        ];
        for (legacy, encoding, unicode) in cases {
            assert_eq!(detect(legacy, None), Some(encoding), "{legacy}");
            assert_eq!(decode(legacy, encoding), unicode, "{legacy}");
        }
    }

    #[test]
    fn unicode_is_never_converted() {
        for text in [
            "Hồ Chí Minh",
            "Cà Mau",
            "Tây Ninh",
            "Tổng số TTHC",
            "1.961",
            "Bộ TT&TT",
            "Đà Nẵng",
            "Quý I/2020",
        ] {
            assert_eq!(detect(text, None), None, "{text}");
        }
        assert_eq!(detect("Cà Mau", Some("Times New Roman")), None);
    }

    #[test]
    fn punctuation_and_other_languages_are_no_evidence() {
        for text in [
            // Windows-1252 punctuation: quotes, dashes, the ellipsis.
            "“Cà Mau”",
            "Tây Ninh…",
            "‘Bến Tre’ – Quý I/2020 — số liệu…",
            // Swedish, German, French, Spanish, Danish.
            "År",
            "Regissör",
            "ELECTORAL DIVISION OF SOMERSET EAST ; FIELD-CÓRNËTCY No. 5, ZWAGERSHÓÊN.",
            "Größe der Tabelle: Blätter",
            "Noël à Saint-Étienne",
            "Año de publicación",
            "Søren på øen",
            // One foreign letter in a word that is a word as written.
            "Tæng",
        ] {
            assert_eq!(detect(text, None), None, "{text}");
        }
    }

    #[test]
    fn the_font_decides_when_the_characters_cannot() {
        // "Tây" in VNI is "Taây": no letter foreign to Vietnamese.
        assert_eq!(detect("Taây Ninh", None), None);
        assert_eq!(detect("Taây Ninh", Some("VNI-Times")), Some(Encoding::Vni));
        assert_eq!(decode("Taây Ninh", Encoding::Vni), "Tây Ninh");
        assert_eq!(detect("Cµ Mau", Some(".VnTime")), Some(Encoding::Tcvn3));
    }
}
