//! What a unit is asked to do about each finding, in the words it is sent.
//! The finding's message says what is wrong; this says how to put it right.

use crate::finding::Rule;

/// The request that goes with a finding of `rule`.
pub fn advice(rule: Rule) -> &'static str {
    use Rule::*;
    match rule {
        FileUnreadable | ArchiveRefused | FileNotRegular | FileUnreadEntries => {
            "Mở lại tệp bằng Excel, lưu dạng .xlsx và gửi lại."
        }
        FileTooLarge => "Xóa các trang tính, hình ảnh không cần thiết rồi gửi lại tệp nhỏ hơn.",
        FileEncrypted => "Bỏ mật khẩu của tệp rồi gửi lại.",
        FileOutsideFolder
        | FolderTooDeep
        | ArchiveOpened
        | ArchiveUnsafeName
        | ArchiveDirectoryMismatch
        | FileOverBudget => {
            "Gửi tệp báo cáo trực tiếp, không lồng trong nhiều thư mục hay tệp nén."
        }
        SheetNotRead => "Để báo cáo ở trang tính “Báo cáo”, đặt trước các trang tính khác.",
        FileNotSubmission => "Nếu đây là báo cáo, gửi lại theo mẫu báo cáo quý.",
        FileModifiedOutOfRange | ValueImplausibleDate | FileImplausibleTime => {
            "Kiểm tra và ghi đúng ngày báo cáo (dạng ngày/tháng/năm)."
        }
        TextLegacyEncoding => "Dùng phông chữ Unicode (Times New Roman) ở các kỳ sau.",
        UnitMissing | UnitUnknown | UnitAmbiguous | UnitCodeUnknown | UnitNameMismatch
        | UnitFromFileName | UnitFromFolderName => {
            "Ghi đúng tên và mã đơn vị theo danh mục ở ô “Đơn vị” và “Mã đơn vị” của mẫu báo cáo."
        }
        UnitInactive => "Báo cáo dưới tên đơn vị hiện nay theo danh mục.",
        UnitDuplicate => "Chỉ gửi một báo cáo mỗi kỳ; nếu gửi bản sửa, ghi rõ là bản thay thế.",
        PeriodMissing | PeriodUnrecognised | PeriodMismatch => {
            "Ghi kỳ báo cáo đúng quý, dạng “Quý I/2020”, và gửi báo cáo của đúng kỳ."
        }
        ValueMissing | ValueNotNumber | ValueNegative | ValueFraction | ValueNotDate => {
            "Điền số liệu bằng số nguyên không âm vào đúng ô (ghi 0 nếu không phát sinh) rồi gửi lại."
        }
        ValueNotApplicable => {
            "Chỉ tiêu này bắt buộc: ghi bằng số (ghi 0 nếu không có) rồi gửi lại."
        }
        ValueFormulaWithoutResult | ValueFormulaStale => {
            "Mở tệp bằng Excel để công thức được tính, lưu rồi gửi lại."
        }
        ValueOtherPeriod => {
            "Ghi số liệu của đúng kỳ báo cáo vào cột (hoặc dòng) của kỳ này rồi gửi lại."
        }
        ValuePart => {
            "Ghi tổng số của toàn đơn vị (lũy kế đến hết kỳ), không chỉ một phần, rồi gửi lại."
        }
        ValueMerged => "Bỏ gộp ô, ghi riêng số liệu của từng chỉ tiêu rồi gửi lại.",
        ValueHidden => "Bỏ ẩn hàng, cột hoặc trang tính, ghi số liệu vào ô hiển thị rồi gửi lại.",
        ValuePercentage => "Ghi số lượng bằng số nguyên, không ghi tỷ lệ phần trăm, rồi gửi lại.",
        ValueImplausible => "Kiểm tra lại số liệu (có thể thừa chữ số) rồi gửi lại.",
        TableTotalMismatch => {
            "Rà soát các dòng của bảng và dòng tổng cộng cho khớp nhau rồi gửi lại."
        }
        ValueConflict | SheetConflict | TableTotalMissing => {
            "Để mỗi chỉ tiêu một giá trị duy nhất (một dòng tổng cộng) rồi gửi lại."
        }
        TotalPositive
        | Level4LeTotal
        | Level34LeTotal
        | DossierServicesLeLevel34
        | OnlineLeDossiers => "Rà soát các số liệu liên quan cho khớp nhau rồi gửi lại.",
        RatioMismatch => "Kiểm tra lại tỷ lệ (số DVCTT chia tổng số thủ tục).",
        LabelUnrecognised => "Dùng đúng tên chỉ tiêu của mẫu báo cáo.",
        DetailCountMismatch | DetailDuplicateCode | DetailBadLevel => {
            "Rà soát danh mục thủ tục cho khớp với số liệu tổng hợp."
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_rule_has_advice() {
        for rule in crate::finding::Rule::ALL {
            let text = super::advice(*rule);
            assert!(text.ends_with('.'), "{rule}: {text}");
        }
    }
}
