//! The labels of a report's fields: what people write for each, and which
//! field a cell's text labels.

use crate::text::label_key;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
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
}

/// The labels people write for each field. Public: the README and the
/// submission form are checked against this table.
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

    pub fn is_number(self) -> bool {
        !matches!(
            self,
            Field::Unit | Field::UnitCode | Field::Period | Field::ReportDate
        )
    }
}

/// The field a cell's text labels, if any: the longest label it contains,
/// compared by `label_key`, at word boundaries.
pub fn field_of(text: &str, keys: &[(Field, String)]) -> Option<Field> {
    let key = format!(" {} ", label_key(text));
    keys.iter()
        .filter(|(_, label)| key.contains(&format!(" {label} ")))
        .max_by_key(|(_, label)| label.len())
        .map(|(f, _)| *f)
}

pub fn label_keys() -> Vec<(Field, String)> {
    LABELS.iter().map(|(f, l)| (*f, label_key(l))).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn longest_label_wins() {
        let keys = label_keys();
        let cases = [
            (
                "Tổng số hồ sơ tiếp nhận trực tuyến",
                Some(Field::OnlineDossiers),
            ),
            ("Tổng số hồ sơ", Some(Field::Dossiers)),
            ("2. Tổng số hồ sơ tiếp nhận (hồ sơ):", Some(Field::Dossiers)),
            ("Tỷ lệ DVCTT toàn trình", Some(Field::Ratio)),
            (
                "Tỉ lệ dịch vụ công trực tuyến mức độ 4 (%)",
                Some(Field::Ratio),
            ),
            ("Mã đơn vị báo cáo", Some(Field::UnitCode)),
            ("Tên đơn vị báo cáo", Some(Field::Unit)),
            ("Số DVCTT có phát sinh hồ sơ", Some(Field::DossierServices)),
            ("Đơn vị tính", None),
            ("STT", None),
        ];
        for (text, want) in cases {
            assert_eq!(field_of(text, &keys), want, "{text}");
        }
    }
}
