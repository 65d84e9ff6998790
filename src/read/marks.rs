//! What a text says of the figure beside or under it, apart from which
//! field it is: the period (`Kỳ này`, `Kỳ trước`, `Quý IV/2019`, a date
//! range, `Tăng (+), giảm (-)`), and the part (`mới trong quý`, `Cấp
//! huyện`, `Trong đó`) or the whole (`Lũy kế`, `Tổng cộng`). A figure is
//! its row and its column: its label, every level of its column's header
//! and its row's label each may say one of these.

use chrono::NaiveDate;

use crate::quarter::{Named, Quarter};
use crate::text::fold;

/// The period a text names for a figure.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Period {
    /// `Kỳ này`, `Kỳ báo cáo`, `Quý này`, `trong kỳ`.
    Current,
    /// `Kỳ trước`, `Quý trước`, `Năm trước`.
    Previous,
    /// `Cùng kỳ năm trước`.
    SameLastYear,
    Quarter(Quarter),
    /// `Quý IV` with no year: compared by its number.
    QuarterNumber(u8),
    /// `Năm 2019`: a year alone.
    Year(i32),
    /// `Đến 31/12/2019`, `tính đến ngày …`.
    Until(NaiveDate),
    /// `Từ 15/12/2019 đến 14/3/2020`.
    Window(NaiveDate, NaiveDate),
    /// `Tăng (+), giảm (-)`, `So sánh (%)`, `Chênh lệch`: a change, no figure.
    Change,
    /// `Kế hoạch`, `Mục tiêu`: what was planned, no figure.
    Plan,
    /// Two periods named at once.
    Unclear,
}

/// How a period mark stands to the quarter a report is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Relation {
    /// Says nothing of the period.
    Unmarked,
    /// This quarter's.
    This,
    /// Another period's.
    Other,
    /// No figure at all (a change, a plan).
    NoFigure,
}

impl Period {
    pub fn relation(self, quarter: Quarter) -> Relation {
        let calendar = (quarter.first_day(), quarter.last_day());
        match self {
            Period::Current => Relation::This,
            Period::Previous | Period::SameLastYear | Period::Unclear => Relation::Other,
            Period::Quarter(q) if q == quarter => Relation::This,
            Period::Quarter(_) => Relation::Other,
            Period::QuarterNumber(n) if n == quarter.number() => Relation::This,
            Period::QuarterNumber(_) => Relation::Other,
            Period::Year(y) if y == quarter.year() => Relation::Unmarked,
            Period::Year(_) => Relation::Other,
            Period::Window(a, b) if (a, b) == calendar || (a, b) == quarter.decree_09_window() => {
                Relation::This
            }
            Period::Window(..) => Relation::Other,
            // A cut-off in the quarter's last month (Decree 09's 14th, its
            // last day) or within a month after it (the report's own date);
            // one before it is another quarter's (`đến 31/12/2019`) or a
            // part of the quarter's (`đến 14/02/2020`), one later a
            // forecast.
            Period::Until(d)
                if d > quarter.last_day() - chrono::Duration::days(31)
                    && d <= quarter.last_day() + chrono::Duration::days(31) =>
            {
                Relation::This
            }
            Period::Until(_) => Relation::Other,
            Period::Change | Period::Plan => Relation::NoFigure,
        }
    }
}

/// Whether a figure is a part of the unit's whole, or the whole.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Scope {
    /// `Lũy kế`, `Tổng cộng`, `Toàn tỉnh`.
    Whole,
    /// `Cấp huyện`, `Trong đó`, a sector's row: the words that say which
    /// part.
    Part(String),
    /// `mới trong quý`, `tăng trong quý`, `phát sinh trong kỳ`: what the
    /// quarter added. For a count of what a unit has (procedures,
    /// services) a part; for a count of what the quarter brought (dossiers)
    /// the figure itself.
    Added(String),
    /// `Mới` alone: beside `Tổng` what the quarter added, beside `Cũ` or
    /// `Kỳ trước` the revised figure. The field's other candidates decide
    /// (see `decide`).
    New(String),
}

/// What one text says: its period and scope, each when it says one.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Said {
    pub period: Option<Period>,
    pub scope: Option<Scope>,
}

impl Said {
    pub fn is_empty(&self) -> bool {
        self.period.is_none() && self.scope.is_none()
    }
}

/// Words padded with a space at each end, punctuation apart, for matching
/// whole phrases.
fn spaced(text: &str) -> String {
    let folded: String = fold(text)
        .chars()
        .map(|c| if c.is_alphanumeric() { c } else { ' ' })
        .collect();
    // `Kì` is `Kỳ` spelt the other way (as `tỉ` is `tỷ`).
    let words: Vec<&str> = folded
        .split_whitespace()
        .map(|w| if w == "ki" { "ky" } else { w })
        .collect();
    format!(" {} ", words.join(" "))
}

fn has(spaced: &str, phrase: &str) -> bool {
    spaced.contains(&format!(" {phrase} "))
}

/// Words padded like `spaced`, lower case with their diacritics: `mới`
/// (new) is not `môi` (`Tài nguyên và Môi trường`) nor `mỗi`, which fold
/// alike.
fn spaced_accented(text: &str) -> String {
    let lower: String = crate::text::nfc(text)
        .to_lowercase()
        .chars()
        .filter(|c| !crate::text::reads_as_nothing(*c))
        .map(|c| if c.is_alphanumeric() { c } else { ' ' })
        .collect();
    format!(
        " {} ",
        lower.split_whitespace().collect::<Vec<_>>().join(" ")
    )
}

/// Words that say a figure is another period's: the previous report's
/// (`Kỳ trước`, `Số liệu cũ`, `Đã báo cáo`, `Đầu kỳ`) or the first version of
/// a revised one (`Trước điều chỉnh`, `Báo cáo lần 1`).
const EARLIER: &[&str] = &[
    "ky truoc",
    "quy truoc",
    "nam truoc",
    "ky bao cao truoc",
    "lan truoc",
    "ky lien ke truoc",
    "lien ke truoc",
    "so lieu cu",
    "da bao cao",
    "dau ky",
    "thoi diem dau ky",
    "truoc ra soat",
    "truoc dieu chinh",
    "truoc cap nhat",
    "truoc bo sung",
    "lan 1",
    "lan dau",
    "ban dau",
];

/// Words that say a figure is the revised, current one (`Số liệu mới`,
/// `Cập nhật`, `Sau điều chỉnh`, `Báo cáo lần 2`).
const REVISED: &[&str] = &[
    "so lieu moi",
    "cap nhat",
    "sau dieu chinh",
    "dieu chinh",
    "sau ra soat",
    "sau cap nhat",
    "sau bo sung",
    "lan 2",
    "lan 3",
    "lan cuoi",
    "moi nhat",
];

/// What the quarter added to a count (a part of what a unit has).
const ADDED: &[&str] = &[
    "moi trong quy",
    "moi trong ky",
    "moi trong nam",
    "moi trong thang",
    "tang moi",
    "tang them",
    "tang trong quy",
    "tang trong ky",
    "phat sinh trong quy",
    "phat sinh trong ky",
    "phat sinh moi",
    "so tang",
    "cung cap moi",
    "xay dung moi",
    "trien khai moi",
    "bo sung trong quy",
    "bo sung trong ky",
    "bo sung moi",
    "dua vao",
    "trien khai trong",
    "nang cap trong",
];

/// Words that make a figure something other than its field's whole: a kind
/// of service among them (`có thanh toán trực tuyến`, `dùng chung`), a
/// level or body among many (`Cấp huyện`, `của các sở`), a state (`ngừng
/// cung cấp`), or another quantity of them (`lượt truy cập`, `bình quân`).
const PART: &[&str] = &[
    "cap tinh",
    "cap huyen",
    "cap xa",
    "cap so",
    "cap bo",
    "cap trung uong",
    "cap thanh pho",
    "cap quan",
    "cap phuong",
    "cap thi xa",
    "cap co so",
    "trong do",
    "thanh toan",
    "dung chung",
    "nang cap",
    "cua cac so",
    "danh gia",
    "dat yeu cau",
    "ngung",
    "tam dung",
    "luot",
    "truy cap",
    "binh quan",
    "trung binh",
];

/// A plan, a target, a forecast or a roadmap: no figure of what is.
fn says_plan(s: &str) -> bool {
    let any = |phrases: &[&str]| phrases.iter().any(|p| has(s, p));
    // `Kế hoạch` is a plan, `Kế hoạch và Đầu tư` a ministry's name.
    (any(&["ke hoach"]) && !any(&["ke hoach va dau tu", "ke hoach dau tu"]))
        || any(&[
            "muc tieu",
            "chi tieu giao",
            "chi tieu nam",
            "du kien",
            "phan dau",
            "lo trinh",
            "dang xay dung",
            "can nang cap",
            "se cung cap",
        ])
        // `Chỉ tiêu số DVCTT …` is a target; `Chỉ tiêu số 3` an indicator's
        // number.
        || s.split(" chi tieu so ")
            .nth(1)
            .is_some_and(|rest| rest.split(' ').next().is_some_and(|w| !w.chars().all(|c| c.is_ascii_digit())))
}

thread_local! {
    static SAID: std::cell::RefCell<std::collections::HashMap<String, Said>> = Default::default();
}

/// What `text` says of a figure's period and scope.
pub fn said(text: &str) -> Said {
    super::memo::remembered(&SAID, text, work_out_said)
}

fn work_out_said(text: &str) -> Said {
    let s = spaced(text);
    let any = |phrases: &[&str]| phrases.iter().any(|p| has(&s, p));
    // Words that fold into others' are matched with their diacritics, or
    // folded only when the whole text is written without any.
    let accented = spaced_accented(text);
    let plain = text.is_ascii();
    let word = |with: &str, without: &str| {
        if plain {
            has(&s, without)
        } else {
            has(&accented, with)
        }
    };
    let change = any(&["so sanh", "chenh lech", "so voi", "bien dong"])
        || (word("tăng", "tang") && word("giảm", "giam"));
    // `Cũ` (old) is not `cụ` nor `củ`; `Trước` alone heads the earlier figure.
    let earlier = any(EARLIER)
        || word("cũ", "cu")
        || matches!(s.trim(), "truoc" | "so lieu truoc" | "bao cao truoc");
    let revised = any(REVISED);
    let period = if change {
        Some(Period::Change)
    } else if says_plan(&s) {
        Some(Period::Plan)
    } else if any(&["cung ky", "cung ky nam truoc"]) {
        Some(Period::SameLastYear)
    } else if earlier {
        Some(Period::Previous)
    } else {
        named_period(text, &s).or(revised.then_some(Period::Current))
    };
    let new = word("mới", "moi");
    let scope = if any(ADDED) {
        Some(Scope::Added(text.trim().to_string()))
    } else if new && !revised {
        Some(Scope::New(text.trim().to_string()))
    } else if any(PART) {
        Some(Scope::Part(text.trim().to_string()))
    } else if any(&[
        "luy ke",
        "tong cong",
        "toan tinh",
        "toan thanh pho",
        "toan nganh",
        "toan bo",
    ]) {
        Some(Scope::Whole)
    } else {
        None
    };
    Said { period, scope }
}

/// A period named by quarter words, dates or a year; `Kỳ này` and its kin.
fn named_period(text: &str, s: &str) -> Option<Period> {
    let words_now = [
        "ky nay",
        "quy nay",
        "ky bao cao",
        "trong ky",
        "thuc hien trong ky",
    ]
    .iter()
    .any(|p| has(s, p));
    let by_words = match Quarter::named_in(text) {
        Named::One(q) => Some(Period::Quarter(q)),
        Named::Unclear => {
            let has_year = s
                .split(' ')
                .any(|w| w.len() == 4 && w.chars().all(|c| c.is_ascii_digit()));
            match Quarter::number_without_year(text) {
                Some(n) if !has_year => Some(Period::QuarterNumber(n)),
                _ => Some(Period::Unclear),
            }
        }
        Named::Nothing => None,
    };
    if by_words.is_some() {
        return by_words;
    }
    let dates = crate::quarter::dates_in(text);
    match dates.as_slice() {
        [a, b] => return Some(Period::Window(*a, *b)),
        [d] => return Some(Period::Until(*d)),
        [] => {}
        _ => return Some(Period::Unclear),
    }
    if words_now {
        return Some(Period::Current);
    }
    let years: Vec<i32> = s
        .split(' ')
        .filter(|w| w.len() == 4 && w.chars().all(|c| c.is_ascii_digit()))
        .filter_map(|w| w.parse().ok())
        .filter(|y| (1990..=2100).contains(y))
        .collect();
    match years.as_slice() {
        [y] => Some(Period::Year(*y)),
        [] => None,
        _ => Some(Period::Unclear),
    }
}

/// Whether a table row's label is a total: the whole label, after its
/// numbering and punctuation, is one of the total words (`Tổng cộng`,
/// `Cộng`, `Toàn tỉnh` …), never the first word of another (`Công Thương`,
/// `Tổng cục Thuế`, `Cộng đồng`).
pub fn is_total_label(text: &str) -> bool {
    const EXACT: &[&str] = &[
        "tong cong",
        "tong so",
        "tong",
        "cong",
        "toan tinh",
        "toan thanh pho",
        "toan bo",
        "toan nganh",
        "tong cong toan tinh",
        "tong cong toan nganh",
        "tong cong toan thanh pho",
        "cong toan tinh",
        "tong so toan tinh",
        "tong so chung",
        "tong hop chung",
        "cong chung",
        "tong chung",
        "σ",
        "∑",
    ];
    // Words that may follow the total's own (`Toàn tỉnh Bắc Ninh`,
    // `Tổng cộng các cấp`), never another kind of row's.
    const OPEN: &[&str] = &["tong cong", "toan tinh", "toan thanh pho", "toan nganh"];
    let words = words_of(text);
    // `Tổng số TTHC toàn tỉnh`: a count of the whole province.
    let of_the_whole = words.starts_with("tong ")
        && ["toan tinh", "toan thanh pho", "toan nganh"]
            .iter()
            .any(|w| words.ends_with(&format!(" {w}")));
    EXACT.contains(&words.as_str())
        || of_the_whole
        || OPEN
            .iter()
            .any(|p| words.starts_with(&format!("{p} ")) && !words.contains(" trong do "))
}

/// How grand a total row's words are: 3 for the whole (`Tổng cộng chung`,
/// `Toàn tỉnh`, `Σ`), 1 for a group's (`Cộng`, `Cộng cấp huyện`), 2 for
/// the plain `Tổng cộng`, `Tổng số`. Among several total rows the grandest
/// is the table's.
pub fn total_rank(text: &str) -> u8 {
    let key = words_of(text);
    let has = |w: &str| format!(" {key} ").contains(&format!(" {w} "));
    if has("chung")
        || [
            "toan tinh",
            "toan thanh pho",
            "toan nganh",
            "toan bo",
            "σ",
            "∑",
        ]
        .iter()
        .any(|w| has(w))
    {
        3
    } else if key == "cong"
        || key.starts_with("cong ")
        || ["cap tinh", "cap huyen", "cap xa", "nhom"]
            .iter()
            .any(|w| has(w))
    {
        1
    } else {
        2
    }
}

/// A label's words, folded, without numbering or punctuation.
fn words_of(text: &str) -> String {
    crate::text::label_key(text)
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || c == 'σ' || c == '∑' {
                c
            } else {
                ' '
            }
        })
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Whether a row's label names a place (`Huyện Duy Tiên`, `Thành phố Phủ
/// Lý`, `Quận 1`, `Xã …`): a row of a unit's district or commune, not a
/// share of its procedures.
pub fn is_place(text: &str) -> bool {
    let key = crate::text::label_key(text);
    const PLACES: &[&str] = &[
        "huyen ",
        "quan ",
        "thi xa ",
        "thanh pho ",
        "tp ",
        "tp. ",
        "xa ",
        "phuong ",
        "thi tran ",
    ];
    PLACES.iter().any(|p| key.starts_with(p))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(y: i32, n: u8) -> Quarter {
        Quarter::new(y, n).expect("a quarter")
    }

    #[test]
    fn the_grandest_total_by_its_words() {
        let cases = [
            ("Tổng cộng chung", 3),
            ("Cộng chung", 3),
            ("Toàn tỉnh", 3),
            ("TỔNG CỘNG TOÀN TỈNH", 3),
            ("Σ", 3),
            ("Tổng cộng", 2),
            ("Tổng cộng (I+II)", 2),
            ("Tổng số", 2),
            ("Cộng", 1),
            ("Cộng:", 1),
            ("Cộng cấp huyện", 1),
            ("Tổng cấp tỉnh", 1),
        ];
        for (text, rank) in cases {
            assert_eq!(total_rank(text), rank, "{text}");
        }
        for text in [
            "Tổng số chung",
            "Tổng hợp chung",
            "Σ",
            "Tổng số TTHC toàn tỉnh",
        ] {
            assert!(is_total_label(text), "{text}");
        }
        assert!(!is_total_label("Tổng hợp các sở"));
    }

    #[test]
    fn reads_the_period_and_part_a_header_or_label_says() {
        let q1 = q(2020, 1);
        let cases: [(&str, Relation, Option<Scope>); 22] = [
            ("Kỳ trước", Relation::Other, None),
            ("Kỳ này", Relation::This, None),
            ("Kỳ báo cáo", Relation::This, None),
            ("Quý IV/2019", Relation::Other, None),
            ("Quý I/2020", Relation::This, None),
            ("Kỳ này (Quý I/2020)", Relation::This, None),
            ("Kỳ trước (Quý IV/2019)", Relation::Other, None),
            ("Thực hiện Quý IV năm 2019", Relation::Other, None),
            ("Tăng (+), giảm (-)", Relation::NoFigure, None),
            ("So sánh (%)", Relation::NoFigure, None),
            ("Chênh lệch", Relation::NoFigure, None),
            ("Cùng kỳ năm trước", Relation::Other, None),
            ("Kế hoạch năm 2020", Relation::NoFigure, None),
            (
                "Từ ngày 15/12/2019 đến ngày 14/3/2020",
                Relation::This,
                None,
            ),
            ("Từ 01/01/2020 đến 31/03/2020", Relation::This, None),
            ("Từ 01/10/2019 đến 31/12/2019", Relation::Other, None),
            ("Số liệu đến 31/12/2019", Relation::Other, None),
            ("Quý IV", Relation::Other, None),
            (
                "Mới trong quý",
                Relation::Unmarked,
                Some(Scope::Added("Mới trong quý".into())),
            ),
            ("Lũy kế", Relation::Unmarked, Some(Scope::Whole)),
            (
                "Cấp huyện",
                Relation::Unmarked,
                Some(Scope::Part("Cấp huyện".into())),
            ),
            ("Số DVCTT mức độ 4", Relation::Unmarked, None),
        ];
        for (text, relation, scope) in cases {
            let said = said(text);
            let got = said.period.map_or(Relation::Unmarked, |p| p.relation(q1));
            assert_eq!((got, said.scope), (relation, scope), "{text}");
        }
    }

    #[test]
    fn the_decree_09_window_runs_from_the_15th_to_the_14th() {
        let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).expect("a day");
        assert_eq!(
            q(2020, 1).decree_09_window(),
            (d(2019, 12, 15), d(2020, 3, 14))
        );
        assert_eq!(
            q(2020, 3).decree_09_window(),
            (d(2020, 6, 15), d(2020, 9, 14))
        );
    }

    #[test]
    fn a_total_row_is_its_whole_label_never_a_prefix() {
        let totals = [
            "Tổng cộng",
            "TỔNG CỘNG",
            "Cộng:",
            "Cộng",
            "Toàn tỉnh",
            "Tổng số",
            "Tổng",
            "Tổng cộng (1+2+3)",
            "Toàn ngành",
            "Toàn thành phố",
            "III. Tổng cộng",
            "Toàn tỉnh Bắc Ninh",
        ];
        for text in totals {
            assert!(is_total_label(text), "{text}");
        }
        let others = [
            "Công Thương",
            "Sở Công Thương",
            "Tổng cục Thuế",
            "Cộng đồng dân tộc",
            "Tổng hợp các sở",
            "Cấp tỉnh",
            "Trong đó: cấp huyện",
            "Tổng số TTHC",
        ];
        for text in others {
            assert!(!is_total_label(text), "{text}");
        }
    }
}
