//! The parts of an administrative document above its content: the heading
//! block's issuing body (the unit) and the title (the quarter).

use crate::quarter::Quarter;
use crate::text::fold;

/// `UBND TỈNH AN GIANG`, `ỦY BAN NHÂN DÂN THÀNH PHỐ HÀ NỘI`, `BỘ TƯ PHÁP`,
/// `BẢO HIỂM XÃ HỘI VIỆT NAM`: the body that issues the document (its first
/// line; the subordinate office is under it), without `UBND`.
pub fn issuing_body(text: &str) -> Option<String> {
    let mut lines = text.lines().map(str::trim).filter(|l| !l.is_empty());
    let first = lines.next()?;
    // `ỦY BAN NHÂN DÂN` on a line of its own, the province under it: the
    // body is both lines.
    let joined;
    let line = match lines.next() {
        Some(next) if is_bare_council(first) => {
            joined = format!("{first} {next}");
            joined.as_str()
        }
        _ => first,
    };
    let folded = fold(line);
    // A department that heads its report with its own name and its
    // province's on one line: `SỞ THÔNG TIN VÀ TRUYỀN THÔNG TỈNH BẮC NINH`
    // (alone, under the council's line, it names no province).
    let departments = [
        "ubnd ",
        "uy ban nhan dan ",
        "so thong tin va truyen thong ",
        "so tt&tt ",
        "so khoa hoc va cong nghe ",
        "so kh&cn ",
    ];
    // Words, not dashes: `BỘ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI` is seven.
    let words = folded
        .split(' ')
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .count();
    for prefix in departments {
        if folded.starts_with(prefix) && words <= 14 {
            let words = prefix.split(' ').filter(|w| !w.is_empty()).count();
            let rest: Vec<&str> = line.split_whitespace().skip(words).collect();
            return (!rest.is_empty()).then(|| rest.join(" "));
        }
    }
    let bodies = [
        "bo ",
        "bao hiem xa hoi viet nam",
        "van phong chinh phu",
        "thanh tra chinh phu",
        "ngan hang nha nuoc",
        "uy ban dan toc",
    ];
    let is_body = bodies.iter().any(|b| folded.starts_with(b)) && words <= 9;
    is_body.then(|| line.to_string())
}

/// The unit a report's title names: `BÁO CÁO CỦA BỘ NÔNG NGHIỆP VÀ PHÁT
/// TRIỂN NÔNG THÔN VỀ …`, `Báo cáo của UBND tỉnh An Giang về kết quả …`:
/// the words after `của`, up to what the report is about. None for any
/// other text.
pub fn unit_in_title(text: &str) -> Option<String> {
    let line = text.lines().map(str::trim).find(|l| !l.is_empty())?;
    let line = line.split_whitespace().collect::<Vec<_>>().join(" ");
    let folded = fold(&line);
    if !folded.starts_with("bao cao") || folded.split_whitespace().count() > 40 {
        return None;
    }
    // `fold` keeps one character for each, so positions carry over.
    let chars: Vec<char> = line.chars().collect();
    let folded_chars: Vec<char> = folded.chars().collect();
    if chars.len() != folded_chars.len() {
        return None;
    }
    let folded_text: String = folded_chars.iter().collect();
    let start = folded_text.find(" cua ")? + " cua ".len();
    let start_chars = folded_text[..start].chars().count();
    let rest: String = folded_chars[start_chars..].iter().collect();
    const ABOUT: &[&str] = &[
        " ve ",
        " tinh hinh",
        " ket qua",
        " quy ",
        " nam 20",
        " 3 thang",
        " (",
        " trong ",
        " cung cap",
        " thuc hien",
    ];
    let end = ABOUT
        .iter()
        .filter_map(|w| rest.find(w))
        .min()
        .unwrap_or(rest.len());
    let end_chars = rest[..end].chars().count();
    let unit: String = chars[start_chars..start_chars + end_chars].iter().collect();
    let unit = unit.trim().trim_end_matches([',', ':', '.']).trim();
    let words = unit.split_whitespace().count();
    ((2..=14).contains(&words)).then(|| unit.to_string())
}

/// Whether `text` is a document's place-and-date line with its date filled
/// in, `Bắc Ninh, ngày 05 tháng 4 năm 2020` (Decree 30's `Địa danh, ngày …
/// tháng … năm …`); not a line left blank for the signer (`Hà Nội, ngày …
/// tháng … năm 2020`) or any other text. Whether the date is a real one is
/// the report date's check (`value.not_date`).
pub fn is_place_date(text: &str) -> bool {
    let folded = fold(text.trim());
    let Some((place, date)) = folded.split_once(", ngay ") else {
        return false;
    };
    let place_words = place.split_whitespace().count();
    let is_place = (1..=6).contains(&place_words) && !place.chars().any(|c| c.is_ascii_digit());
    let number = |w: &str| !w.is_empty() && w.len() <= 4 && w.chars().all(|c| c.is_ascii_digit());
    let words: Vec<&str> = date.split_whitespace().collect();
    let is_date = matches!(words.as_slice(), [d, "thang", m, "nam", y] if number(d) && number(m) && number(y));
    is_place && is_date
}

/// `UBND` or `ỦY BAN NHÂN DÂN` alone: the first line of a heading block
/// whose province stands on the next line (or in the cell under it).
pub fn is_bare_council(text: &str) -> bool {
    matches!(fold(text.trim()).as_str(), "ubnd" | "uy ban nhan dan")
}

/// The quarter a title names: `… QUÝ I NĂM 2020`, `… QUÝ 1/2020`, by the
/// same words a period cell is read by (`Quarter::named_in`): one
/// quarter with its year, `3 tháng đầu năm 2020` included; none when the
/// title names none, or two.
pub fn quarter_in_title(text: &str) -> Option<Quarter> {
    match Quarter::named_in(text) {
        crate::quarter::Named::One(q) => Some(q),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_issuing_body_and_the_titles_quarter() {
        let bodies = [
            ("UBND TỈNH AN GIANG", Some("TỈNH AN GIANG")),
            (
                "ỦY BAN NHÂN DÂN THÀNH PHỐ HÀ NỘI\nSỞ THÔNG TIN VÀ TRUYỀN THÔNG",
                Some("THÀNH PHỐ HÀ NỘI"),
            ),
            ("BỘ TƯ PHÁP", Some("BỘ TƯ PHÁP")),
            ("ỦY BAN NHÂN DÂN\nTỈNH LÀO CAI", Some("TỈNH LÀO CAI")),
            ("UBND\nTHÀNH PHỐ HUẾ\nSỞ THÔNG TIN", Some("THÀNH PHỐ HUẾ")),
            ("ỦY BAN NHÂN DÂN", None),
            (
                "SỞ THÔNG TIN VÀ TRUYỀN THÔNG TỈNH BẮC NINH",
                Some("TỈNH BẮC NINH"),
            ),
            ("Sở TT&TT Hà Nội", Some("Hà Nội")),
            ("SỞ THÔNG TIN VÀ TRUYỀN THÔNG", None),
            ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", None),
            ("Kính gửi: Bộ Thông tin và Truyền thông", None),
        ];
        for (text, want) in bodies {
            assert_eq!(issuing_body(text).as_deref(), want, "{text}");
        }
        assert_eq!(
            issuing_body("BỘ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI").as_deref(),
            Some("BỘ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI")
        );
        let titles = [
            (
                "BÁO CÁO CỦA BỘ NÔNG NGHIỆP VÀ PHÁT TRIỂN NÔNG THÔN VỀ KẾT QUẢ CUNG CẤP DVCTT",
                Some("BỘ NÔNG NGHIỆP VÀ PHÁT TRIỂN NÔNG THÔN"),
            ),
            (
                "Báo cáo của UBND tỉnh An Giang về tình hình cung cấp DVCTT quý I năm 2020",
                Some("UBND tỉnh An Giang"),
            ),
            (
                "BÁO CÁO CỦA UBND T.P HÀ NỘI KẾT QUẢ CUNG CẤP DỊCH VỤ CÔNG TRỰC TUYẾN QUÝ I NĂM 2020",
                Some("UBND T.P HÀ NỘI"),
            ),
            ("BÁO CÁO KẾT QUẢ CUNG CẤP DVCTT QUÝ I NĂM 2020", None),
            ("Số liệu của các sở", None),
        ];
        for (text, want) in titles {
            assert_eq!(unit_in_title(text).as_deref(), want, "{text}");
        }
        let q1 = Quarter::new(2020, 1);
        assert_eq!(
            quarter_in_title("BÁO CÁO KẾT QUẢ CUNG CẤP DVCTT QUÝ I NĂM 2020"),
            q1
        );
        assert_eq!(quarter_in_title("Báo cáo quý 1/2020"), q1);
        assert_eq!(quarter_in_title("BÁO CÁO NĂM 2020"), None);
        assert_eq!(
            quarter_in_title("BÁO CÁO TÌNH HÌNH CUNG CẤP DVCTT 3 THÁNG ĐẦU NĂM 2020"),
            q1
        );
        assert!(is_place_date("Bắc Ninh, ngày 05 tháng 4 năm 2020"));
        assert!(is_place_date(
            "Thành phố Hồ Chí Minh, ngày 7 tháng 04 năm 2020"
        ));
        // A date that cannot be is still the line: the report date says so.
        assert!(is_place_date("Hà Nội, ngày 31 tháng 2 năm 2020"));
        assert!(!is_place_date("Hà Nội, ngày … tháng … năm 2020"));
        assert!(!is_place_date("Số liệu tính đến ngày 05/04/2020"));
        assert!(!is_place_date("1. Tổng số, ngày 5 tháng 4 năm 2020"));
    }
}
