//! Vietnamese alphabetical order, as dictionaries and official lists sort
//! names: the letters a ă â b c d đ e ê g h i k l m n o ô ơ p q r s t u ư
//! v x y, case ignored, and tones only after the letters (no tone, huyền,
//! hỏi, ngã, sắc, nặng). Sorting by character code instead puts "Bộ Công
//! Thương" before "Bộ Công an" and "Bình Định" after "Bình Thuận".

use std::cmp::Ordering;
use unicode_normalization::UnicodeNormalization;

/// The letters in order, each with the marks that make it another letter.
const LETTERS: [(char, Option<char>); 29] = [
    ('a', None),
    ('a', Some('\u{306}')),
    ('a', Some('\u{302}')),
    ('b', None),
    ('c', None),
    ('d', None),
    ('đ', None),
    ('e', None),
    ('e', Some('\u{302}')),
    ('g', None),
    ('h', None),
    ('i', None),
    ('k', None),
    ('l', None),
    ('m', None),
    ('n', None),
    ('o', None),
    ('o', Some('\u{302}')),
    ('o', Some('\u{31B}')),
    ('p', None),
    ('q', None),
    ('r', None),
    ('s', None),
    ('t', None),
    ('u', None),
    ('u', Some('\u{31B}')),
    ('v', None),
    ('x', None),
    ('y', None),
];

/// The tones in order after no tone: huyền, hỏi, ngã, sắc, nặng.
const TONES: [char; 5] = ['\u{300}', '\u{309}', '\u{303}', '\u{301}', '\u{323}'];

/// What a name is compared by, most significant first: its letters (and
/// other characters) without tones or case, then its tones, then its case.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Key {
    letters: Vec<u32>,
    tones: Vec<u8>,
    cases: Vec<bool>,
}

/// `weight_of` each ASCII character without a mark, worked out once: file
/// names are sorted by, and searching the letters for each of their
/// characters was most of the time a run over 10,000 files spent sorting.
static ASCII_WEIGHTS: std::sync::LazyLock<[u32; 128]> = std::sync::LazyLock::new(|| {
    let mut weights = [0; 128];
    for (code, w) in (0u8..).zip(weights.iter_mut()) {
        *w = weight_of(char::from(code), None);
    }
    weights
});

/// A letter's place: spaces and punctuation first, then digits, then the
/// letters in the Vietnamese order, then any other letter by its code.
fn weight(base: char, mark: Option<char>) -> u32 {
    match (u8::try_from(base), mark) {
        (Ok(code), None) if code.is_ascii() => ASCII_WEIGHTS[usize::from(code)],
        _ => weight_of(base, mark),
    }
}

/// `weight`, worked out.
fn weight_of(base: char, mark: Option<char>) -> u32 {
    let lower = base.to_lowercase().next().unwrap_or(base);
    // A mark no Vietnamese letter takes (a foreign name's ç) is left aside.
    // Numbered as u32 from the start: a position cast down could truncate.
    let place = |wanted: (char, Option<char>)| {
        (0x200u32..)
            .zip(LETTERS.iter())
            .find(|(_, l)| **l == wanted)
            .map(|(weight, _)| weight)
    };
    if let Some(weight) = place((lower, mark)).or_else(|| place((lower, None))) {
        weight
    } else if let Some(d) = lower.to_digit(10) {
        0x100 + d
    } else if lower.is_alphabetic() {
        0x300 + (lower as u32).min(0xFFFF)
    } else {
        (lower as u32).min(0xFF)
    }
}

/// The key that sorts `name` in Vietnamese alphabetical order.
pub fn key(name: &str) -> Key {
    let mut key = Key {
        letters: Vec::new(),
        tones: Vec::new(),
        cases: Vec::new(),
    };
    let mut chars = name.nfd().peekable();
    while let Some(base) = chars.next() {
        let mut mark = None;
        let mut tone = 0u8;
        while let Some(&next) = chars.peek() {
            if let Some((t, _)) = (1u8..).zip(TONES.iter()).find(|(_, t)| **t == next) {
                tone = t;
            } else if matches!(next, '\u{306}' | '\u{302}' | '\u{31B}') {
                mark = Some(next);
            } else if unicode_normalization::char::is_combining_mark(next) {
                // Another mark: no Vietnamese letter carries it.
            } else {
                break;
            }
            chars.next();
        }
        key.letters.push(weight(base, mark));
        key.tones.push(tone);
        key.cases.push(base.is_uppercase());
    }
    key
}

/// `a` against `b` in Vietnamese alphabetical order; equal names by code.
pub fn compare(a: &str, b: &str) -> Ordering {
    key(a).cmp(&key(b)).then_with(|| a.cmp(b))
}

/// The key as text that sorts the same way by character code (for a
/// browser's script to compare with `<`): letters, then tones, then case.
pub fn sort_text(name: &str) -> String {
    let k = key(name);
    // Above the basic plane, so that a browser comparing UTF-16 units
    // orders them as numbers; the separator below every letter.
    let letters = k.letters.iter().map(|w| char::from_u32(0x10001 + w));
    let tones = k.tones.iter().map(|t| char::from(b'0' + t));
    let cases = k.cases.iter().map(|c| if *c { '1' } else { '0' });
    letters
        .flatten()
        .chain(['\u{10000}'])
        .chain(tones)
        .chain(['\u{10000}'])
        .chain(cases)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ascii_weights_are_the_worked_out_ones() {
        for c in (0u8..128).map(char::from) {
            assert_eq!(weight(c, None), weight_of(c, None), "{c:?}");
            assert_eq!(
                weight(c, Some('\u{302}')),
                weight_of(c, Some('\u{302}')),
                "{c:?}"
            );
        }
        assert_eq!(weight('ơ', None), weight_of('ơ', None));
    }

    fn sorted(names: &[&str]) -> Vec<String> {
        let mut out: Vec<String> = names.iter().map(|s| s.to_string()).collect();
        out.sort_by(|a, b| compare(a, b));
        out
    }

    #[test]
    fn letters_first_then_tones() {
        assert_eq!(
            sorted(&[
                "Bình Thuận",
                "Bình Định",
                "Bạc Liêu",
                "Bắc Giang",
                "Bà Rịa - Vũng Tàu"
            ]),
            [
                "Bà Rịa - Vũng Tàu",
                "Bạc Liêu",
                "Bắc Giang",
                "Bình Định",
                "Bình Thuận"
            ]
        );
        assert_eq!(
            sorted(&[
                "Bộ Công Thương",
                "Bộ Công an",
                "Bộ Y tế",
                "Bảo hiểm xã hội Việt Nam"
            ]),
            [
                "Bảo hiểm xã hội Việt Nam",
                "Bộ Công an",
                "Bộ Công Thương",
                "Bộ Y tế"
            ]
        );
        // Đ after every D; Ư after U, Ơ after Ô after O.
        assert_eq!(
            sorted(&["Đà Nẵng", "Điện Biên", "Dương", "Hà Nội", "Cà Mau"]),
            ["Cà Mau", "Dương", "Đà Nẵng", "Điện Biên", "Hà Nội"]
        );
        assert_eq!(
            sorted(&["ư", "u", "ơ", "ô", "o"]),
            ["o", "ô", "ơ", "u", "ư"]
        );
        // Tones: ngang, huyền, hỏi, ngã, sắc, nặng.
        assert_eq!(
            sorted(&["má", "mạ", "mã", "mả", "mà", "ma"]),
            ["ma", "mà", "mả", "mã", "má", "mạ"]
        );
        // A tone decides only between the same letters.
        assert_eq!(
            sorted(&["Hà Tĩnh", "Hà Nam", "Hải Dương", "Hà Giang"]),
            ["Hà Giang", "Hà Nam", "Hà Tĩnh", "Hải Dương"]
        );
    }

    #[test]
    fn the_text_key_sorts_as_the_key() {
        let names = [
            "Bình Thuận",
            "Bình Định",
            "Bạc Liêu",
            "Bộ Công Thương",
            "Bộ Công an",
            "Bộ",
            "Bo",
        ];
        let mut by_text: Vec<&str> = names.to_vec();
        by_text.sort_by_key(|n| sort_text(n));
        let mut by_key: Vec<&str> = names.to_vec();
        by_key.sort_by(|a, b| compare(a, b));
        assert_eq!(by_text, by_key);
    }
}
