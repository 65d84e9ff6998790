//! How tall a row must be for its text, and how wide a column for a word.
//! Spreadsheet files store no computed row heights for wrapped text and
//! rust_xlsxwriter does not size rows: a row keeps its default height, one
//! line, unless we set one. So we measure the text as it prints, with Times
//! New Roman's advance widths (`widths.rs`) in the column's width as Excel
//! and LibreOffice draw it, and a row is taller only where its text really
//! wraps: `row_height` is the one rule every sheet's rows are sized by.

mod widths;

/// Points one line of 12-point Times New Roman takes in a wrapped cell,
/// with leading (Excel 13.5, LibreOffice up to 14 where a Vietnamese letter
/// comes from its fallback font), rounded up.
const LINE_POINTS: f64 = 15.0;
/// Room above and below the text in a cell, points.
const PAD_POINTS: f64 = 4.0;
/// The size the sheets' text is set in, and the default row is tall for.
pub const BODY_POINTS: f64 = 12.0;
/// How rust_xlsxwriter converts a width in character units to pixels (the
/// 7-pixel digit and 5 pixels of padding of the default column the
/// workbooks declare, 64 pixels: `sheets::workbook`); it writes
/// `(7w + 5) / 7` units.
const WRITER_DIGIT_PX: f64 = 7.0;
const WRITER_PAD_PX: f64 = 5.0;
/// Pixels of one written unit as Excel and LibreOffice draw it: the width of
/// a digit in the workbook's default font, Times New Roman 12 pt, half an
/// em of 16 pixels at 96 dpi.
const SHOWN_DIGIT_PX: f64 = 8.0;
/// Pixels of a column its text cannot use: the cell's inner margins on both
/// sides (Excel about 2 each, LibreOffice 1.3) and the grid line.
const CELL_MARGIN_PX: f64 = 6.0;
/// Text is measured this much wider than its advance widths: Excel may
/// round a letter to whole pixels, and a line that just fits must not wrap
/// there (its second line would be cut off in a one-line row). Vietnamese
/// letters are measured wider still (`widths.rs`).
const ROUNDING: f64 = 1.01;
/// Width in ems of a character `widths.rs` does not hold: wide enough for
/// any letter, so text in another script wraps early rather than late.
const UNKNOWN_EM: f64 = 1.0;

/// How a cell's text is set.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Font {
    pub size: f64,
    pub bold: bool,
}

impl Font {
    pub const BODY: Font = Font {
        size: BODY_POINTS,
        bold: false,
    };
    pub const BOLD: Font = Font {
        size: BODY_POINTS,
        bold: true,
    };
    /// A sheet's title.
    pub const TITLE: Font = Font {
        size: 14.0,
        bold: true,
    };
}

/// Code points up to the last `widths.rs` holds (`≥`, U+2265).
const BY_CODE_POINT_LEN: usize = 0x2266;
const NO_WIDTH: (u16, u16) = (u16::MAX, u16::MAX);

/// `widths::WIDTHS` indexed by code point: every letter of every cell is
/// measured, and a binary search per letter was a tenth of a run's time.
static BY_CODE_POINT: [(u16, u16); BY_CODE_POINT_LEN] = {
    let mut table = [NO_WIDTH; BY_CODE_POINT_LEN];
    let mut i = 0;
    while i < widths::WIDTHS.len() {
        let (c, regular, bold) = widths::WIDTHS[i];
        table[c as usize] = (regular, bold);
        i += 1;
    }
    table
};

/// Advance width of `c` in ems, Times New Roman.
fn em_width(c: char, bold: bool) -> f64 {
    match BY_CODE_POINT.get(c as usize) {
        Some(&(regular, heavy)) if (regular, heavy) != NO_WIDTH => {
            f64::from(if bold { heavy } else { regular }) / 2048.0
        }
        _ => UNKNOWN_EM,
    }
}

/// Width of `text` in pixels at 96 dpi, as measured for fitting.
fn text_px(text: &str, font: Font) -> f64 {
    let ems: f64 = text.chars().map(|c| em_width(c, font.bold)).sum();
    ems * font.size * 96.0 / 72.0 * ROUNDING
}

/// Pixels a column `width` units wide (as given to `set_column_width`) is
/// drawn with.
pub fn column_px(width: f64) -> f64 {
    ((width * WRITER_DIGIT_PX).round() + WRITER_PAD_PX) / WRITER_DIGIT_PX * SHOWN_DIGIT_PX
}

/// Usable pixels inside a cell spanning columns of these widths.
pub fn cell_px(widths: &[f64]) -> f64 {
    let px: f64 = widths.iter().map(|w| column_px(*w)).sum();
    (px - CELL_MARGIN_PX).max(1.0)
}

/// The column width (in the sheet's width units) that holds the widest of
/// `words` on one line at 12 points, never less than `least`: a code or a
/// rule id broken over two lines reads as two (`BLDTBX` / `H`).
pub fn width_for<'a>(words: impl IntoIterator<Item = &'a str>, least: f64) -> f64 {
    let px = words
        .into_iter()
        .map(|w| text_px(w, Font::BODY))
        .fold(0.0, f64::max);
    let units = (px + CELL_MARGIN_PX) / SHOWN_DIGIT_PX;
    ((units * WRITER_DIGIT_PX - WRITER_PAD_PX) / WRITER_DIGIT_PX)
        .ceil()
        .max(least)
}

/// Lines `text` takes when wrapped at word boundaries in `px` pixels; a word
/// longer than a line is broken, as spreadsheets do.
pub fn lines(text: &str, px: f64, font: Font) -> usize {
    let space = text_px(" ", font);
    text.split('\n')
        .map(|paragraph| {
            let mut count = 1;
            let mut used = 0.0;
            for word in paragraph.split(' ').filter(|w| !w.is_empty()) {
                let w = text_px(word, font);
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
    (lines.max(1) as f64 * LINE_POINTS * size / BODY_POINTS + PAD_POINTS).ceil()
}

/// The height a row needs for its cells (each its text, the usable pixels
/// of the columns it spans, `cell_px`, and its font), in points; None when
/// every text is one line of the body size, and the row keeps the default
/// height. A row is taller only where a text wraps in its width or is set
/// larger.
pub fn row_height<'a>(cells: impl IntoIterator<Item = (&'a str, f64, Font)>) -> Option<f64> {
    cells
        .into_iter()
        .filter_map(|(text, px, font)| {
            let lines = lines(text, px, font);
            (lines > 1 || font.size > BODY_POINTS).then(|| height(lines, font.size))
        })
        .reduce(f64::max)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_grow_with_text_and_shrink_with_width() {
        let cases = [
            ("Hà Nội", 30.0, 1),
            ("", 30.0, 1),
            ("Bộ Nông nghiệp và Phát triển nông thôn", 38.0, 1),
            ("Bộ Nông nghiệp và Phát triển nông thôn", 24.0, 2),
            ("Bộ Lao động - Thương binh và Xã hội", 38.0, 1),
            ("bên phải tên chỉ tiêu", 19.0, 1),
            (
                "Tổng số thủ tục hành chính: ô trống hoặc không phải là số, hãy nhập số",
                30.0,
                3,
            ),
            ("Tổng số thủ tục hành chính", 10.0, 3),
            ("dong-1\ndong-2", 30.0, 2),
        ];
        for (text, width, want) in cases {
            let got = lines(text, cell_px(&[width]), Font::BODY);
            assert_eq!(got, want, "{text:?} in {width}");
        }
    }

    /// Widths as Times New Roman has them (the table's widest, DejaVu
    /// Serif's, only where Liberation Serif 1.07 lacks the letter).
    #[test]
    fn letters_measure_as_times_new_roman() {
        let cases = [
            ('n', false, 0.5),
            ('n', true, 1139.0 / 2048.0),
            ('e', false, 909.0 / 2048.0),
            (' ', false, 0.25),
            ('ộ', false, 1233.0 / 2048.0),
            ('中', false, UNKNOWN_EM),
        ];
        for (c, bold, want) in cases {
            assert_eq!(em_width(c, bold), want, "{c} bold={bold}");
        }
        assert!(widths::WIDTHS.windows(2).all(|w| w[0].0 < w[1].0));
        // The table by code point holds every width and nothing else.
        for c in (0..=0x2300).filter_map(char::from_u32) {
            let want = match widths::WIDTHS.binary_search_by_key(&c, |(ch, _, _)| *ch) {
                Ok(i) => f64::from(widths::WIDTHS[i].1) / 2048.0,
                Err(_) => UNKNOWN_EM,
            };
            assert_eq!(em_width(c, false), want, "{c:?}");
        }
        assert_eq!(em_width('\u{1F600}', true), UNKNOWN_EM);
    }

    #[test]
    fn a_column_is_drawn_eight_pixels_a_unit_after_rust_xlsxwriter_s_padding() {
        // 38 units: rust_xlsxwriter writes (266 + 5) / 7 = 38.71 units,
        // which Excel and LibreOffice draw 8 pixels each.
        assert!((column_px(38.0) - 309.714).abs() < 0.01);
        assert!((cell_px(&[19.0, 19.0]) - (2.0 * column_px(19.0) - 6.0)).abs() < 1e-9);
    }

    #[test]
    fn a_width_for_the_words_holds_each_on_one_line() {
        for word in ["BLDTBXH", "value.formula_without_result", "T01"] {
            let width = width_for([word, "T01"], 4.0);
            assert_eq!(lines(word, cell_px(&[width]), Font::BODY), 1, "{word}");
            assert!(
                lines(word, cell_px(&[width - 1.0]), Font::BODY) > 1 || width == 4.0,
                "{word}: {width} is the least that holds it"
            );
        }
        assert_eq!(width_for(["T01"], 8.0), 8.0);
    }

    #[test]
    fn a_word_wider_than_the_cell_is_broken() {
        let file = "bao-cao-ket-qua-cung-cap-dich-vu-cong-truc-tuyen-quy-1-2020-ban-cuoi.xlsx";
        assert!(lines(file, cell_px(&[20.0]), Font::BODY) >= 3);
    }

    #[test]
    fn only_a_wrapped_or_larger_text_makes_a_row_taller() {
        let narrow = cell_px(&[24.0]);
        let one = [
            ("Bộ Công an", narrow, Font::BODY),
            ("T01", narrow, Font::BOLD),
        ];
        assert_eq!(row_height(one), None);
        let wraps = [
            ("Bộ Công an", narrow, Font::BODY),
            ("Bộ Nông nghiệp và Phát triển nông thôn", narrow, Font::BODY),
        ];
        assert_eq!(row_height(wraps), Some(height(2, 12.0)));
        let title = Font {
            size: 14.0,
            bold: true,
        };
        assert_eq!(
            row_height([("PHỤ LỤC", cell_px(&[80.0]), title)]),
            Some(height(1, 14.0))
        );
        assert_eq!(row_height([]), None);
    }
}
