//! The heading block of an administrative document, described once: the
//! workbooks (`sheets::heading_block`) and the draft letter
//! (`letter::heading`) lay out the same lines in the same type. Decree
//! 30/2020/NĐ-CP, Appendix I: the parent body (cơ quan chủ quản) in upright
//! capitals, not bold; the issuing body in bold upright capitals; the
//! nation's name (Quốc hiệu) in bold capitals, 12-13 points; the motto
//! (Tiêu ngữ) bold, 13-14 points, a line under it as long as it is.

/// One line of the block as it is set.
#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    pub text: String,
    /// Points.
    pub size: f64,
    pub bold: bool,
    /// The rule under the motto, drawn as an underline.
    pub underline: bool,
}

/// The block: the issuing body on the left, the nation's name and motto on
/// the right, line by line from the top.
#[derive(Debug, Clone, PartialEq)]
pub struct HeadingBlock {
    pub left: Vec<Line>,
    pub right: Vec<Line>,
}

/// The issuing body's lines and the nation's name: 12 points.
const BODY_SIZE: f64 = 12.0;
/// The motto: 14 points (the decree's 13-14, the letter's body size).
const MOTTO_SIZE: f64 = 14.0;

/// The block for these lines (`issuer`: the parent bodies, then the issuing
/// body last; `nation`: the nation's name, then the motto), from the
/// period's words (`templates/wording.toml`) or the letter's template.
pub fn heading_block(issuer: &[String], nation: &[String]) -> HeadingBlock {
    let issuing = issuer.len().saturating_sub(1);
    let left = issuer
        .iter()
        .enumerate()
        .map(|(i, text)| Line {
            text: text.to_uppercase(),
            size: BODY_SIZE,
            bold: i == issuing,
            underline: false,
        })
        .collect();
    let right = nation
        .iter()
        .enumerate()
        .map(|(i, text)| match i {
            0 => Line {
                text: text.to_uppercase(),
                size: BODY_SIZE,
                bold: true,
                underline: false,
            },
            _ => Line {
                text: text.clone(),
                size: MOTTO_SIZE,
                bold: true,
                underline: true,
            },
        })
        .collect();
    HeadingBlock { left, right }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set_as(l: &Line) -> (&str, f64, bool, bool) {
        (l.text.as_str(), l.size, l.bold, l.underline)
    }

    fn strings(lines: &[&str]) -> Vec<String> {
        lines.iter().map(|l| l.to_string()).collect()
    }

    #[test]
    fn the_parent_body_is_plain_and_the_issuing_body_bold() {
        let block = heading_block(
            &strings(&["Bộ Thông tin và Truyền thông", "CỤC TIN HỌC HÓA"]),
            &strings(&[
                "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                "Độc lập - Tự do - Hạnh phúc",
            ]),
        );
        let left: Vec<_> = block.left.iter().map(set_as).collect();
        assert_eq!(
            left,
            [
                ("BỘ THÔNG TIN VÀ TRUYỀN THÔNG", 12.0, false, false),
                ("CỤC TIN HỌC HÓA", 12.0, true, false),
            ]
        );
        let right: Vec<_> = block.right.iter().map(set_as).collect();
        assert_eq!(
            right,
            [
                ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 12.0, true, false),
                ("Độc lập - Tự do - Hạnh phúc", 14.0, true, true),
            ]
        );
    }

    #[test]
    fn a_body_with_no_parent_is_bold_alone() {
        let block = heading_block(&strings(&["BỘ TƯ PHÁP"]), &[]);
        assert!(block.left[0].bold);
        assert!(block.right.is_empty());
        assert!(heading_block(&[], &[]).left.is_empty());
    }
}
