//! How tall a row must be for its wrapped text. Spreadsheet files store no
//! computed row heights for wrapped text and rust_xlsxwriter does not size
//! rows, so a row keeps its default height and long text prints over the
//! rows below. We measure the text with Times New Roman's metrics instead,
//! rounding up so that a real renderer never needs more lines than we gave.

/// Points one line of 12-point Times New Roman takes, with leading.
const LINE_POINTS: f64 = 15.0;
/// Room above and below the text in a cell, points.
const PAD_POINTS: f64 = 4.0;
/// Pixels of one unit of column width (the default font's digit) and of the
/// cell's own padding, at 96 dpi, as Excel and LibreOffice lay columns out.
const PX_PER_WIDTH_UNIT: f64 = 7.0;
const PX_PER_WIDTH_PAD: f64 = 5.0;
/// Pixels per em at 12 points.
const PX_PER_EM_12: f64 = 16.0;
/// Kept free inside a cell, pixels: borders and the renderer's margins.
const CELL_MARGIN_PX: f64 = 8.0;

/// Advance width of a character in ems, Times New Roman regular, rounded up
/// (diacritics do not widen a letter). Bold is 10% wider.
fn em_width(c: char) -> f64 {
    let base = c.to_lowercase().next().unwrap_or(c);
    let base = strip_diacritic(base);
    match c {
        ' ' => 0.25,
        '.' | ',' | ':' | ';' | '\'' | '!' | '|' => 0.28,
        '(' | ')' | '[' | ']' | '/' | '-' | 'i' | 'j' | 'l' | 't' | 'f' | 'I' | 'J' => 0.34,
        'r' | 's' => 0.42,
        'm' => 0.8,
        'w' => 0.74,
        'M' | 'W' | 'Đ' | 'Ư' | 'Ơ' | '%' | '&' | '@' => 0.94,
        '0'..='9' => 0.5,
        _ if c.is_uppercase() => match base {
            'i' | 'j' => 0.4,
            'm' | 'w' => 0.94,
            _ => 0.74,
        },
        _ if c.is_alphabetic() => match base {
            'i' | 'j' | 'l' | 't' | 'f' => 0.34,
            'r' | 's' => 0.42,
            'm' => 0.8,
            'w' => 0.74,
            _ => 0.52,
        },
        _ => 0.6,
    }
}

/// The base letter of a Vietnamese letter with a diacritic, for its width.
fn strip_diacritic(c: char) -> char {
    const GROUPS: [(&str, char); 7] = [
        ("àáảãạăằắẳẵặâầấẩẫậ", 'a'),
        ("èéẻẽẹêềếểễệ", 'e'),
        ("ìíỉĩị", 'i'),
        ("òóỏõọôồốổỗộơờớởỡợ", 'o'),
        ("ùúủũụưừứửữự", 'u'),
        ("ỳýỷỹỵ", 'y'),
        ("đ", 'd'),
    ];
    GROUPS
        .iter()
        .find(|(set, _)| set.contains(c))
        .map_or(c, |(_, b)| *b)
}

/// Width of `text` in pixels at `size` points.
fn text_px(text: &str, size: f64, bold: bool) -> f64 {
    let ems: f64 = text.chars().map(em_width).sum();
    ems * PX_PER_EM_12 * size / 12.0 * if bold { 1.1 } else { 1.0 }
}

/// Usable pixels inside a cell spanning columns of these widths.
pub fn cell_px(widths: &[f64]) -> f64 {
    let px: f64 = widths
        .iter()
        .map(|w| w * PX_PER_WIDTH_UNIT + PX_PER_WIDTH_PAD)
        .sum();
    (px - CELL_MARGIN_PX).max(1.0)
}

/// The column width (in the sheet's width units) that holds the widest of
/// `words` on one line at 12 points, never less than `least`: a code or a
/// rule id broken over two lines reads as two (`BLDTBX` / `H`).
pub fn width_for<'a>(words: impl IntoIterator<Item = &'a str>, least: f64) -> f64 {
    let px = words
        .into_iter()
        .map(|w| text_px(w, 12.0, false))
        .fold(0.0, f64::max);
    ((px + CELL_MARGIN_PX - PX_PER_WIDTH_PAD) / PX_PER_WIDTH_UNIT)
        .ceil()
        .max(least)
}

/// Lines `text` takes when wrapped at word boundaries in `px` pixels; a word
/// longer than a line is broken, as spreadsheets do.
pub fn lines(text: &str, px: f64, size: f64, bold: bool) -> usize {
    let space = text_px(" ", size, bold);
    text.split('\n')
        .map(|paragraph| {
            let mut count = 1;
            let mut used = 0.0;
            for word in paragraph.split(' ').filter(|w| !w.is_empty()) {
                let w = text_px(word, size, bold);
                let needed = if used > 0.0 { used + space + w } else { w };
                if needed <= px {
                    used = needed;
                } else if used == 0.0 {
                    // A word wider than the cell breaks over lines of its own.
                    let extra = (w / px).ceil() as usize;
                    count += extra - 1;
                    used = w - (extra - 1) as f64 * px;
                } else {
                    count += 1;
                    let extra = (w / px).ceil().max(1.0) as usize;
                    count += extra - 1;
                    used = w - (extra - 1) as f64 * px;
                }
            }
            count
        })
        .sum()
}

/// Row height in points for this many lines at `size` points.
pub fn height(lines: usize, size: f64) -> f64 {
    (lines.max(1) as f64 * LINE_POINTS * size / 12.0 + PAD_POINTS).ceil()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_grow_with_text_and_shrink_with_width() {
        let cases = [
            ("Hà Nội", 30.0, 1),
            ("", 30.0, 1),
            (
                "Tổng số thủ tục hành chính: ô trống hoặc không phải là số, hãy nhập số",
                30.0,
                3,
            ),
            ("Tổng số thủ tục hành chính", 10.0, 4),
            ("dong-1\ndong-2", 30.0, 2),
        ];
        for (text, width, want) in cases {
            let got = lines(text, cell_px(&[width]), 12.0, false);
            assert!(
                got >= want && got <= want + 1,
                "{text:?} in {width}: {got} lines, want about {want}"
            );
        }
    }

    #[test]
    fn a_width_for_the_words_holds_each_on_one_line() {
        for word in ["BLDTBXH", "value.formula_without_result", "T01"] {
            let width = width_for([word, "T01"], 4.0);
            assert_eq!(lines(word, cell_px(&[width]), 12.0, false), 1, "{word}");
        }
        assert_eq!(width_for(["T01"], 8.0), 8.0);
    }

    #[test]
    fn a_word_wider_than_the_cell_is_broken() {
        let file = "bao-cao-ket-qua-cung-cap-dich-vu-cong-truc-tuyen-quy-1-2020-ban-cuoi.xlsx";
        assert!(lines(file, cell_px(&[20.0]), 12.0, false) >= 3);
    }
}
