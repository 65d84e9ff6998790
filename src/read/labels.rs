//! The labels of a report's fields: what people write for each, and which
//! field a cell's text (or a column's header path) labels.
//!
//! A text labels a field only when its words say that field and nothing
//! that makes it another quantity: `Trong đó: số DVCTT mức độ 4 có phát sinh
//! hồ sơ` is not the level-4 count, `Số DVCTT mức độ 3 và 4` is neither level.

use crate::text::{fold, label_key};
use crate::wording::Levels;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Field {
    Unit,
    UnitCode,
    Period,
    ReportDate,
    Total,
    Level3,
    Level4,
    DossierServices,
    Dossiers,
    OnlineDossiers,
    Ratio,
    /// The unit's own explanation (`Giải trình`): free text, optional.
    Explanation,
}

/// The labels people write for each field. Public: the README and the
/// submission form are checked against this table, and every one of them
/// labels its field (`every_listed_label_labels_its_field`).
pub const LABELS: &[(Field, &str)] = &[
    (Field::Unit, "Tên đơn vị"),
    (Field::Unit, "Đơn vị báo cáo"),
    (Field::Unit, "Cơ quan báo cáo"),
    (Field::UnitCode, "Mã đơn vị"),
    (Field::UnitCode, "Mã đơn vị báo cáo"),
    (Field::Period, "Kỳ báo cáo"),
    (Field::ReportDate, "Ngày báo cáo"),
    (Field::Total, "Tổng số thủ tục hành chính"),
    (Field::Total, "Tổng số TTHC"),
    (Field::Level3, "Số dịch vụ công trực tuyến mức độ 3"),
    (Field::Level3, "Số DVCTT mức độ 3"),
    (Field::Level3, "DVCTT một phần"),
    (Field::Level4, "Số dịch vụ công trực tuyến mức độ 4"),
    (Field::Level4, "Số DVCTT mức độ 4"),
    (Field::Level4, "DVCTT toàn trình"),
    (
        Field::DossierServices,
        "Số dịch vụ công trực tuyến có phát sinh hồ sơ",
    ),
    (Field::DossierServices, "Số DVCTT có phát sinh hồ sơ"),
    (Field::Dossiers, "Tổng số hồ sơ tiếp nhận"),
    (Field::Dossiers, "Tổng số hồ sơ"),
    (Field::OnlineDossiers, "Số hồ sơ tiếp nhận trực tuyến"),
    (Field::OnlineDossiers, "Số hồ sơ trực tuyến"),
    (Field::Ratio, "Tỷ lệ dịch vụ công trực tuyến mức độ 4"),
    (Field::Ratio, "Tỷ lệ DVCTT mức độ 4"),
    (Field::Ratio, "Tỷ lệ DVCTT toàn trình"),
    (Field::Explanation, "Giải trình"),
    (Field::Explanation, "Giải trình của đơn vị"),
    (Field::Explanation, "Giải trình (nếu có)"),
];

impl Field {
    /// The label the form uses and messages quote.
    pub fn label(self) -> &'static str {
        LABELS
            .iter()
            .find(|(f, _)| *f == self)
            .map(|(_, l)| *l)
            .expect("every field has a label")
    }

    /// `label` in a period's words (`Số dịch vụ công trực tuyến toàn
    /// trình` from 2022-Q3); the base words give `label` itself.
    pub fn label_in(self, levels: &Levels) -> String {
        match self {
            Field::Level3 => format!("Số dịch vụ công trực tuyến {}", levels.level3),
            Field::Level4 => format!("Số dịch vụ công trực tuyến {}", levels.level4),
            Field::Ratio => format!("Tỷ lệ dịch vụ công trực tuyến {}", levels.level4),
            _ => self.label().to_string(),
        }
    }

    pub fn is_number(self) -> bool {
        !matches!(
            self,
            Field::Unit | Field::UnitCode | Field::Period | Field::ReportDate | Field::Explanation
        )
    }

    /// A count of procedures, services or dossiers (a whole number; no
    /// percentage is one).
    pub fn is_count(self) -> bool {
        self.is_number() && self != Field::Ratio
    }
}

/// `%`, `(%)`, `Tỷ lệ`, `Tỷ lệ (%)`: a unit of measure (or a column's
/// heading) saying the figures beside it are percentages.
pub fn is_per_cent_unit(text: &str) -> bool {
    let key = label_key(text);
    let key = key.trim_end_matches(['%', ' ']).to_string();
    matches!(
        key.as_str(),
        "" | "ti le" | "dat" | "phan tram" | "ti le phan tram"
    ) && (text.contains('%') || key.starts_with("ti le") || key.contains("phan tram"))
        || key.starts_with("%")
}

/// Whether a label speaks of a percentage anywhere, its brackets included
/// (`Số DVCTT mức độ 4 (%)`, `… (tỷ lệ %)`), which `label_key` drops as a
/// unit of measure.
pub fn says_per_cent(text: &str) -> bool {
    let folded = fold(text);
    folded.contains('%')
        || folded.contains("ti le")
        || folded.contains("ty le")
        || folded.contains("phan tram")
}

/// What a text says, as a label.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Label {
    /// It labels this field.
    Field(Field),
    /// It speaks of this field's quantity but says something more that makes
    /// it another (`… có phát sinh hồ sơ`, `Trong đó …`, `… đủ điều kiện`):
    /// named in `label.unrecognised` when the field is found nowhere else.
    NearMiss(Field),
    None,
}

/// Text labels, compared by `label_key`, for the fields that are words.
const TEXT_LABELS: &[(Field, &str)] = &[
    (Field::Unit, "ten don vi"),
    (Field::Unit, "ten don vi bao cao"),
    (Field::Unit, "don vi bao cao"),
    (Field::Unit, "don vi"),
    (Field::Unit, "co quan bao cao"),
    (Field::Unit, "ten co quan"),
    (Field::Unit, "ten co quan bao cao"),
    (Field::Unit, "ten co quan don vi"),
    (Field::Unit, "co quan don vi"),
    (Field::Unit, "ten don vi co quan"),
    (Field::UnitCode, "ma don vi"),
    (Field::UnitCode, "ma don vi bao cao"),
    (Field::UnitCode, "ma co quan"),
    (Field::Period, "ky bao cao"),
    (Field::Period, "ky"),
    (Field::Period, "thoi ky bao cao"),
    (Field::ReportDate, "ngay bao cao"),
    (Field::Explanation, "giai trinh"),
    (Field::Explanation, "giai trinh cua don vi"),
    (Field::Explanation, "noi dung giai trinh"),
    (Field::Explanation, "y kien giai trinh"),
    (Field::Explanation, "giai trinh ly do"),
    (Field::Explanation, "ly do giai trinh"),
];

/// Words that make a count's label another quantity, or a note.
const QUALIFIERS: &[&str] = &[
    "trong do",
    "du dieu kien",
    "ghi chu",
    "ke hoach",
    "chua",
    "khong",
    "so voi",
    "tang",
    "giam",
    // Services integrated on the national portal: another count.
    "tich hop",
    "quoc gia",
];

/// The first words of a document's title (`BÁO CÁO …`, `SỐ LIỆU … THEO
/// LĨNH VỰC`, `TÌNH HÌNH …`): a title names quantities, it labels none.
const TITLE_WORDS: &[&str] = &["bao cao", "so lieu", "tong hop", "tinh hinh", "ket qua"];
/// A title is at least this many words (`Số liệu Quý IV/2019` is a
/// column's heading).
const MIN_TITLE_WORDS: usize = 6;

/// Texts longer than this are sentences (a note), never labels.
const MAX_LABEL_WORDS: usize = 18;

const LEVEL4: &[&str] = &[
    "muc do 4",
    "muc 4",
    "toan trinh",
    "md4",
    "md 4",
    "muc do iv",
    "cap do 4",
    "cap do iv",
];
const LEVEL3: &[&str] = &[
    "muc do 3",
    "muc 3",
    "mot phan",
    "md3",
    "md 3",
    "muc do iii",
    "cap do 3",
    "cap do iii",
];
/// Lower levels: named beside level 4 (`từ mức độ 2 đến mức độ 4`), a range.
const LOWER: &[&str] = &[
    "muc do 2",
    "muc 2",
    "muc do 1",
    "muc 1",
    "muc do ii",
    "cap do 2",
];

/// A key's words with punctuation apart (`Trong đó:` says `trong do`), one
/// space between, and a space at each end, for matching whole phrases.
/// Whether `spaced` (as `spaced_words` gives it) holds `phrase` as whole
/// words: `spaced.contains(" {phrase} ")` without building that string, as
/// this runs for every phrase on every text cell.
fn has_phrase(spaced: &str, phrase: &str) -> bool {
    // Each place the phrase occurs, overlaps included (`b b` in ` xb b b `
    // is whole words only at its second place), found by the standard
    // library's substring search: a loop over every byte was a twentieth
    // of the time it takes to read a form in the (unoptimised) tests.
    if phrase.is_empty() {
        return spaced.contains("  ");
    }
    let bytes = spaced.as_bytes();
    let step = phrase.chars().next().map_or(1, char::len_utf8);
    let mut from = 0;
    while let Some(found) = spaced.get(from..).and_then(|rest| rest.find(phrase)) {
        let at = from + found;
        if at > 0 && bytes[at - 1] == b' ' && bytes.get(at + phrase.len()) == Some(&b' ') {
            return true;
        }
        from = at + step;
    }
    false
}

fn spaced_words(key: &str) -> String {
    let mut spaced = String::with_capacity(key.len() + 8);
    for c in key.chars() {
        match c {
            ':' | ';' | '(' | ')' | '/' | '“' | '”' | '"' | '-' => spaced.push(' '),
            ',' => spaced.push_str(" , "),
            c => spaced.push(c),
        }
    }
    let mut out = String::with_capacity(spaced.len() + 2);
    out.push(' ');
    for word in spaced.split_whitespace() {
        out.push_str(word);
        out.push(' ');
    }
    if out.len() == 1 {
        out.push(' ');
    }
    out
}

thread_local! {
    static CLASSIFIED: std::cell::RefCell<std::collections::HashMap<String, Label>> = Default::default();
}

/// What `text` labels.
pub fn classify(text: &str) -> Label {
    super::memo::remembered(&CLASSIFIED, text, work_out_label)
}

fn work_out_label(text: &str) -> Label {
    match classify_key(&label_key(text)) {
        // A count labelled as a percentage is no count.
        Label::Field(field) if field.is_count() && says_per_cent(text) => Label::NearMiss(field),
        label => label,
    }
}

/// What a text already keyed by `label_key` labels.
pub fn classify_key(key: &str) -> Label {
    // `Tên cơ quan, đơn vị` and `Tên cơ quan đơn vị` are one label.
    let plain: String = key
        .split([',', ' ', '/'])
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    if let Some((field, _)) = TEXT_LABELS.iter().find(|(_, k)| *k == plain) {
        return Label::Field(*field);
    }
    // `TTHC`, `Thủ tục hành chính` alone head the count of procedures.
    if matches!(plain.as_str(), "tthc" | "thu tuc hanh chinh" | "so thu tuc") {
        return Label::Field(Field::Total);
    }
    // `Trong đó: số DVCTT mức độ 4` labels that field; the `Trong đó` says
    // it is within the line above, which its marks carry.
    if let Some(rest) = plain.strip_prefix("trong do ")
        && let Label::Field(field) = classify_key(rest)
    {
        return Label::Field(field);
    }
    let words: Vec<&str> = key.split(' ').collect();
    if key.is_empty() || words.len() > MAX_LABEL_WORDS {
        return Label::None;
    }
    if words.len() >= MIN_TITLE_WORDS && TITLE_WORDS.iter().any(|t| key.starts_with(t)) {
        return Label::None;
    }
    let spaced = spaced_words(key);
    let has = |phrase: &str| has_phrase(&spaced, phrase);
    let Some(field) = quantity(&spaced) else {
        return Label::None;
    };
    let qualifiers: Vec<&&str> = QUALIFIERS.iter().filter(|q| has(q)).collect();
    // `Trong đó: số hồ sơ tiếp nhận trực tuyến`, under the dossiers
    // received, is how the online dossiers are written.
    let online_within = field == (Field::OnlineDossiers, true) && qualifiers == [&"trong do"];
    if !qualifiers.is_empty() && !online_within {
        Label::NearMiss(field.0)
    } else if field.1 {
        Label::Field(field.0)
    } else {
        Label::NearMiss(field.0)
    }
}

/// The quantity a count's label speaks of, and whether it says nothing more.
fn quantity(spaced: &str) -> Option<(Field, bool)> {
    let has = |phrase: &str| has_phrase(spaced, phrase);
    let any = |phrases: &[&str]| phrases.iter().any(|p| has(p));
    let ratio = has("ti le");
    let level4 = any(LEVEL4);
    let level3 = any(LEVEL3);
    // `mức độ 3 và 4`, `từ mức độ 3 trở lên`: both levels, neither alone.
    let both = any(&["3 va 4", "3 va muc do 4", "3 , 4", "3 4"])
        || (level3 && level4)
        || (level3 && has("tro len"))
        || (level4 && any(LOWER));
    let services = any(&[
        "dich vu cong truc tuyen",
        "dvctt",
        "dvc truc tuyen",
        "dich vu cong",
        "dvc",
    ]);
    let received = has("phat sinh");
    let dossier = has("ho so");
    // `trực tuyến` outside `dịch vụ công trực tuyến`: dossiers sent online.
    let online = has("truc tuyen") && !any(&["dich vu cong truc tuyen", "dvc truc tuyen"]);
    let procedures = any(&["thu tuc hanh chinh", "tthc", "thu tuc"]);
    // A count's label says "how many" (`số`, `tổng`) or names a level; a
    // unit of measure (`thủ tục`, `hồ sơ`) alone labels nothing.
    // (`hồ sơ` folds to `ho so`: its `so` is not "how many".)
    let how_many = has("tong") || has("ti le") || spaced.replace(" ho so ", " ").contains(" so ");
    if !(how_many || level3 || level4) {
        return None;
    }
    if ratio {
        // The unit's level-4 ratio; any other ratio (of dossiers, of level 3)
        // is another quantity.
        let plain = level4 && !both && !level3 && !dossier && !received;
        return (level4 || services).then_some((Field::Ratio, plain));
    }
    if received {
        // Services of levels 3 and 4 that received dossiers; of one level only
        // it is another quantity.
        let plain = (services || level3 || level4) && (both || !(level3 || level4));
        return (services || dossier).then_some((Field::DossierServices, plain));
    }
    if dossier {
        if online {
            return Some((Field::OnlineDossiers, !level3 && !level4));
        }
        let plain = !level3 && !level4 && !services;
        return Some((
            Field::Dossiers,
            plain && (has("tong so") || has("tiep nhan")),
        ));
    }
    if both {
        return Some((Field::Level4, false));
    }
    // `Số TTHC (đạt) mức độ 4`: procedures at a level are that level's
    // services, as are `dịch vụ công` and a level's name alone.
    if level4 {
        return Some((Field::Level4, true));
    }
    if level3 {
        return Some((Field::Level3, true));
    }
    if procedures {
        // Procedures offered or received online, or of one level, are a
        // part of the total, never the total (attacker review: `Số TTHC
        // cung cấp trực tuyến` was read as it).
        let part = has("truc tuyen")
            || has("tiep nhan")
            || has("muc do")
            || any(&["muc 1", "muc 2", "muc 3", "muc 4"]);
        return Some((
            Field::Total,
            !services && !part && any(&["so", "tong so", "tong"]),
        ));
    }
    None
}

/// The service levels a text names (`mức độ 4`, `toàn trình`, `3 và 4`).
pub fn levels_named(text: &str) -> Vec<Field> {
    let spaced = spaced_words(&label_key(text));
    let has = |phrase: &str| has_phrase(&spaced, phrase);
    let mut levels = Vec::new();
    if LEVEL3.iter().any(|p| has(p)) || has("3 va 4") {
        levels.push(Field::Level3);
    }
    if LEVEL4.iter().any(|p| has(p)) {
        levels.push(Field::Level4);
    }
    levels
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every text and phrase of up to six characters from a small alphabet
    /// (spaces, one-byte and multi-byte letters): the search finds a phrase
    /// exactly where a check at every byte does.
    #[test]
    fn has_phrase_agrees_with_a_check_at_every_byte() {
        fn at_every_byte(spaced: &str, phrase: &str) -> bool {
            let bytes = spaced.as_bytes();
            (0..bytes.len()).any(|at| {
                bytes[at] == b' '
                    && bytes[at + 1..].starts_with(phrase.as_bytes())
                    && bytes.get(at + 1 + phrase.len()) == Some(&b' ')
            })
        }
        let alphabet = [' ', 'b', 'đ', 'ồ'];
        let strings = |len: u32| {
            (0..alphabet.len().pow(len)).map(move |mut n| {
                (0..len)
                    .map(|_| {
                        let c = alphabet[n % alphabet.len()];
                        n /= alphabet.len();
                        c
                    })
                    .collect::<String>()
            })
        };
        let texts: Vec<String> = (0..=6).flat_map(strings).collect();
        let phrases: Vec<String> = (0..=3).flat_map(strings).collect();
        for text in &texts {
            for phrase in &phrases {
                assert_eq!(
                    has_phrase(text, phrase),
                    at_every_byte(text, phrase),
                    "{text:?} {phrase:?}"
                );
            }
        }
    }

    #[test]
    fn a_count_labelled_as_a_percentage_is_no_count() {
        for text in [
            "Số DVCTT mức độ 4 (%)",
            "Số DVCTT mức độ 4 (tỷ lệ %)",
            "Tổng số TTHC (%)",
        ] {
            assert!(matches!(classify(text), Label::NearMiss(_)), "{text}");
        }
        assert_eq!(classify("Số DVCTT mức độ 4"), Label::Field(Field::Level4));
        for unit in ["%", "(%)", "Tỷ lệ", "Tỷ lệ (%)", "Đạt (%)"] {
            assert!(is_per_cent_unit(unit), "{unit}");
        }
        for other in ["dịch vụ", "thủ tục", "Đạt", ""] {
            assert!(!is_per_cent_unit(other), "{other}");
        }
    }

    proptest::proptest! {
        #[test]
        fn a_phrase_is_found_as_whole_words_only(
            text in "[a-d ,:()0-9ô]{0,24}",
            phrase in "[a-d ô]{1,6}",
        ) {
            let spaced = spaced_words(&text);
            proptest::prop_assert_eq!(
                has_phrase(&spaced, &phrase),
                spaced.contains(&format!(" {phrase} "))
            );
        }
    }

    #[test]
    fn names_the_levels_a_text_speaks_of() {
        use Field::*;
        let cases: [(&str, &[Field]); 4] = [
            ("Số DVCTT mức độ 4 có phát sinh hồ sơ", &[Level4]),
            ("Số DVCTT mức độ 3 và 4", &[Level3]),
            ("Số DVCTT một phần", &[Level3]),
            ("Tổng số TTHC", &[]),
        ];
        for (text, want) in cases {
            assert_eq!(levels_named(text), want, "{text}");
        }
    }

    #[test]
    fn every_listed_label_labels_its_field() {
        for (field, label) in LABELS {
            assert_eq!(classify(label), Label::Field(*field), "{label}");
        }
    }

    #[test]
    fn labels_say_their_field_and_nothing_else() {
        use Field::*;
        let cases = [
            (
                "Tổng số hồ sơ tiếp nhận trực tuyến",
                Label::Field(OnlineDossiers),
            ),
            (
                "2. Tổng số hồ sơ tiếp nhận (hồ sơ):",
                Label::Field(Dossiers),
            ),
            (
                "Tỉ lệ dịch vụ công trực tuyến mức độ 4 (%)",
                Label::Field(Ratio),
            ),
            ("Mã đơn vị báo cáo", Label::Field(UnitCode)),
            ("Tên đơn vị báo cáo", Label::Field(Unit)),
            ("Số DVCTT có phát sinh hồ sơ", Label::Field(DossierServices)),
            (
                "Số DVCTT mức độ 3, 4 có phát sinh hồ sơ",
                Label::Field(DossierServices),
            ),
            ("Số DVCTT mức 4", Label::Field(Level4)),
            (
                "Số dịch vụ công trực tuyến toàn trình",
                Label::Field(Level4),
            ),
            ("Số DVCTT một phần", Label::Field(Level3)),
            ("SO DVCTT MUC DO 4", Label::Field(Level4)),
            ("Mức độ 4", Label::Field(Level4)),
            ("Toàn trình", Label::Field(Level4)),
            ("Tổng số TTHC đang thực hiện", Label::Field(Total)),
            (
                "Trong đó: số DVCTT mức độ 4 có phát sinh hồ sơ",
                Label::NearMiss(DossierServices),
            ),
            (
                "Số DVCTT mức độ 4 có phát sinh hồ sơ",
                Label::NearMiss(DossierServices),
            ),
            ("Trong đó: Số DVCTT mức độ 4", Label::NearMiss(Level4)),
            ("Số DVCTT mức độ 3 và 4", Label::NearMiss(Level4)),
            ("Số DVCTT từ mức độ 3 trở lên", Label::NearMiss(Level4)),
            ("Số DVCTT mức độ 3 trở lên", Label::NearMiss(Level4)),
            (
                "Số DVCTT mức độ 4 đã tích hợp trên Cổng Dịch vụ công quốc gia",
                Label::NearMiss(Level4),
            ),
            (
                "Trong đó: số hồ sơ tiếp nhận trực tuyến",
                Label::Field(OnlineDossiers),
            ),
            (
                "SỐ LIỆU DVCTT MỨC ĐỘ 4 THEO LĨNH VỰC - QUÝ I/2020",
                Label::None,
            ),
            ("BÁO CÁO TỶ LỆ DVCTT MỨC ĐỘ 4 QUÝ I/2020", Label::None),
            (
                "Số TTHC đủ điều kiện cung cấp DVCTT mức độ 4",
                Label::NearMiss(Level4),
            ),
            ("Tỷ lệ hồ sơ trực tuyến", Label::None),
            ("Số TTHC cung cấp DVCTT", Label::NearMiss(Total)),
            ("Đơn vị tính", Label::None),
            ("STT", Label::None),
            ("Nội dung", Label::None),
            ("Ghi chú", Label::None),
            ("thủ tục", Label::None),
            ("hồ sơ", Label::None),
            ("dịch vụ", Label::None),
        ];
        for (text, want) in cases {
            assert_eq!(classify(text), want, "{text}");
        }
    }
}
