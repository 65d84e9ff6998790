//! Unicode to the legacy encodings, as the Windows-1252 strings a cell
//! holds: for tests and tools that need files typed the old way.

use unicode_normalization::UnicodeNormalization;

use super::{TCVN3_HIGH, cp1252_char, vni_letter, vni_mark};

/// Unicode to TCVN3, as a Windows-1252 string (what a cell holds): for tests
/// and tools. Letters TCVN3 has no capital for are written in lower case, as
/// the `.VnTimeH` fonts expect.
pub fn encode_tcvn3(text: &str) -> String {
    text.nfc()
        .map(|c| {
            let find = |c: char| TCVN3_HIGH.iter().position(|x| *x == c).filter(|i| *i > 0);
            match find(c).or_else(|| c.to_lowercase().next().and_then(find)) {
                // `TCVN3_HIGH` has 96 entries: 0xA0 + i is a byte.
                #[allow(clippy::cast_possible_truncation)]
                Some(i) => cp1252_char(0xA0 + i as u8),
                None => c,
            }
        })
        .collect()
}

/// Unicode to VNI, as a Windows-1252 string: for tests and tools.
pub fn encode_vni(text: &str) -> String {
    let mut out = String::new();
    for c in text.nfc() {
        if c.is_ascii() {
            out.push(c);
            continue;
        }
        if let Some(own) = "ôÔöÖñÑíÍìÌæÆóÓòÒîÎ"
            .chars()
            .find(|x| vni_letter(*x) == Some(c))
        {
            out.push(own);
            continue;
        }
        let parts: Vec<char> = c.nfd().collect();
        let (base, marks) = (parts[0], &parts[1..]);
        let (horn, rest): (Vec<char>, Vec<char>) = marks.iter().partition(|m| **m == '\u{31b}');
        let base = match (base, horn.is_empty()) {
            ('o', false) => 'ô',
            ('O', false) => 'Ô',
            ('u', false) => 'ö',
            ('U', false) => 'Ö',
            (b, _) => b,
        };
        let wanted: String = rest.iter().collect();
        let upper = base.is_uppercase();
        let mark = "ùøûõïâáàåãäêéèúüë".chars().find(|m| {
            vni_mark(*m, if "ôöÔÖ".contains(base) { 'u' } else { base })
                .is_some_and(|x| x.nfd().eq(wanted.chars()))
        });
        out.push(base);
        match mark {
            Some(m) if upper => out.extend(m.to_uppercase()),
            Some(m) => out.push(m),
            None => out.push_str(&wanted),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::legacy::{Encoding, decode};

    #[test]
    fn encoders_and_decoders_agree() {
        for text in [
            "Tổng số thủ tục hành chính",
            "Số dịch vụ công trực tuyến mức độ 4",
            "Thừa Thiên Huế",
            "Đắk Lắk",
            "Bà Rịa - Vũng Tàu",
        ] {
            assert_eq!(
                decode(&encode_tcvn3(text), Encoding::Tcvn3).to_lowercase(),
                text.to_lowercase()
            );
            assert_eq!(decode(&encode_vni(text), Encoding::Vni), text);
        }
        assert_eq!(
            encode_tcvn3("Tổng số thủ tục hành chính"),
            "Tæng sè thñ tôc hµnh chÝnh"
        );
        assert_eq!(encode_vni("Hà Nội"), "Haø Noäi");
    }
}
