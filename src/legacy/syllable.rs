//! Whether a word is a possible Vietnamese syllable: an onset, a vowel
//! nucleus (with its glides), a coda, and at most one tone, the tone one a
//! stop coda allows. Legacy-text detection uses it: a TCVN3 or VNI reading is
//! believed only when every word it changes becomes such a syllable, which
//! the European words that share those bytes (`År`, `Regissör`,
//! `ZWAGERSHÓÊN`) never do.

use unicode_normalization::UnicodeNormalization;

/// Grave, acute, tilde, hook above, dot below.
const TONES: [char; 5] = ['\u{300}', '\u{301}', '\u{303}', '\u{309}', '\u{323}'];
const ACUTE: char = '\u{301}';
const DOT_BELOW: char = '\u{323}';

/// The letters of the Vietnamese alphabet, without tones.
const LETTERS: &str = "aăâbcdđeêghiklmnoôơpqrstuưvxy";

/// Onsets, longest first so that `ngh` is tried before `ng` and `n`.
const ONSETS: [&str; 28] = [
    "ngh", "ng", "nh", "ch", "gh", "gi", "kh", "ph", "th", "tr", "qu", "b", "c", "d", "đ", "g",
    "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "x", "",
];

/// Codas; `k` ends the ethnic place names of the Central Highlands (`Đắk`).
const CODAS: [&str; 10] = ["ng", "nh", "ch", "c", "k", "m", "n", "p", "t", ""];

/// Codas after which only the acute or the dot below can be the tone.
const STOPS: [&str; 5] = ["c", "ch", "k", "p", "t"];

/// Nuclei that end a syllable (they end in a glide, or are `ia`/`ua`/`ưa`).
const OPEN: [&str; 32] = [
    "ai", "ao", "au", "ay", "âu", "ây", "eo", "êu", "ia", "iu", "oi", "ôi", "ơi", "ua", "ui", "ưa",
    "ưi", "ưu", "iêu", "yêu", "oai", "oao", "oay", "oeo", "uây", "uôi", "ươi", "ươu", "uya", "uyu",
    "uêu", "uai",
];

/// Nuclei that need a coda.
const CLOSED: [&str; 9] = ["ă", "â", "iê", "yê", "uô", "ươ", "uyê", "oă", "uâ"];

/// Nuclei with or without a coda.
const EITHER: [&str; 16] = [
    "a", "e", "ê", "i", "o", "ô", "ơ", "u", "ư", "y", "oa", "oe", "oo", "uê", "uy", "uơ",
];

pub fn is_syllable(word: &str) -> bool {
    let lower = word.to_lowercase();
    let tones: Vec<char> = lower.nfd().filter(|c| TONES.contains(c)).collect();
    if tones.len() > 1 {
        return false;
    }
    let base: String = lower.nfd().filter(|c| !TONES.contains(c)).nfc().collect();
    if base.is_empty() || !base.chars().all(|c| LETTERS.contains(c)) {
        return false;
    }
    let tone = tones.first().copied();
    ONSETS
        .iter()
        .filter(|onset| base.starts_with(*onset))
        .any(|onset| {
            let rest = &base[onset.len()..];
            CODAS
                .iter()
                .filter(|coda| rest.ends_with(*coda))
                .any(|coda| {
                    let nucleus = &rest[..rest.len() - coda.len()];
                    let allowed = if coda.is_empty() {
                        OPEN.contains(&nucleus) || EITHER.contains(&nucleus)
                    } else {
                        CLOSED.contains(&nucleus) || EITHER.contains(&nucleus)
                    };
                    let tone_fits =
                        !STOPS.contains(coda) || matches!(tone, Some(ACUTE) | Some(DOT_BELOW));
                    allowed && tone_fits
                })
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vietnamese_syllables_and_others() {
        let syllables = [
            "Tổng",
            "số",
            "thủ",
            "tục",
            "hành",
            "chính",
            "Nghệ",
            "Quảng",
            "giá",
            "gì",
            "Đắk",
            "Lắk",
            "trường",
            "khuya",
            "huyện",
            "người",
            "ĐỒNG",
            "Thừa",
            "Huế",
            "oanh",
            "y",
            "ổn",
            "xoong",
        ];
        for word in syllables {
            assert!(is_syllable(word), "{word}");
        }
        let others = [
            "Ềr",
            "Regissỗr",
            "CĨRNẶTCY",
            "trồs",
            "Mau1",
            "bb",
            "tổc",
            "hàt",
            "sốó",
            "Field",
            "oồng",
            "",
        ];
        for word in others {
            assert!(!is_syllable(word), "{word}");
        }
    }
}
