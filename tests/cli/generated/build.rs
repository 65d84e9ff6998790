//! A `Spec` laid out as sheets, cell by cell, the way its features say.

use super::rng::Rng;
use super::spec::*;
use super::units::office;
use crate::support::{Sheet, V};

/// The fields a form's lines or columns give.
#[derive(Clone, Copy, Debug, PartialEq)]
enum F {
    Total,
    Level3,
    Level4,
    /// Level-4 services added this quarter (a part).
    Level4New,
    /// Level-4 services to date (`Lũy kế`: the whole).
    Level4ToDate,
    Ratio,
    DossierServices,
    Dossiers,
    Online,
}

/// Every sheet of the form: a cover note, last quarter's report hidden,
/// then the report.
pub fn build(spec: &Spec) -> Vec<Sheet> {
    let mut sheets = Vec::new();
    if spec.cover_sheet {
        sheets.push(
            Sheet::new("Công văn")
                .text(
                    0,
                    0,
                    "Kính gửi: Cục Tin học hóa - Bộ Thông tin và Truyền thông",
                )
                .text(
                    2,
                    0,
                    "Đơn vị gửi kèm báo cáo kết quả cung cấp dịch vụ công trực tuyến.",
                ),
        );
    }
    if spec.hidden_old == HiddenOld::Sheet {
        let mut old = spec.clone();
        old.now = spec.previous;
        old.hidden_old = HiddenOld::None;
        old.side_by_side = None;
        old.fault = Fault::None;
        old.parts = false;
        let mut sheet = report(&old, Quarter::Previous);
        sheet.name = "Quý IV-2019".to_string();
        sheets.push(sheet.hidden());
    }
    sheets.push(report(spec, Quarter::This));
    sheets
}

/// Which figures a value column (or a group of columns) holds.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Group {
    Now,
    Previous,
    Change,
    /// Last quarter's, in a hidden column the form kept.
    HiddenOld,
}

#[derive(Clone, Copy, PartialEq)]
enum Quarter {
    This,
    Previous,
}

/// The report sheet: heading block, title, who and when, the figures, notes.
fn report(spec: &Spec, quarter: Quarter) -> Sheet {
    let mut rng = Rng::new(spec.seed ^ 0x5EED);
    let c0 = spec.first_col;
    let name = rng.pick::<&str>(&["Báo cáo", "Sheet1", "BC quý", "Bieu mau"]);
    let mut sheet = Sheet::new(name);
    let unit = spec.unit();
    let body = unit.bodies[spec.name_pick % unit.bodies.len()];
    let name = unit.names[spec.name_pick % unit.names.len()];
    let (quarter_words, quarter_title) = match quarter {
        Quarter::This => ("Quý I/2020", "QUÝ I NĂM 2020"),
        Quarter::Previous => ("Quý IV/2019", "QUÝ IV NĂM 2019"),
    };
    let mut row = 0;
    if spec.heading_block {
        sheet = sheet
            .merge(0, c0, 0, c0 + 2, body)
            .merge(1, c0, 1, c0 + 2, office(unit, spec.name_pick))
            .text(2, c0, "Số: 125/BC-STTTT")
            .merge(0, c0 + 4, 0, c0 + 7, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
            .merge(1, c0 + 4, 1, c0 + 7, "Độc lập - Tự do - Hạnh phúc")
            .merge(2, c0 + 4, 2, c0 + 7, "Hà Nội, ngày 05 tháng 4 năm 2020");
        row = 4;
    }
    if spec.title {
        let mut title = "BÁO CÁO".to_string();
        if spec.unit_style == UnitStyle::Title {
            title.push_str(&format!(" CỦA {body} VỀ"));
        }
        title.push_str(" KẾT QUẢ CUNG CẤP DỊCH VỤ CÔNG TRỰC TUYẾN");
        match (spec.period_style, quarter) {
            (PeriodStyle::ThreeMonths, Quarter::This) => title.push_str(" 3 THÁNG ĐẦU NĂM 2020"),
            (PeriodStyle::Title, _) => title.push_str(&format!(" {quarter_title}")),
            _ if rng.chance(40) => title.push_str(&format!(" {quarter_title}")),
            _ => {}
        }
        sheet = sheet.merge(row, c0, row, c0 + 7, &title);
        row += 2;
    }
    // Who and when, as lines above the figures.
    let unit_label = match spec.wording {
        Wording::NoDiacritics => "Ten don vi",
        _ => *rng.pick(&["Tên đơn vị", "Đơn vị báo cáo", "Cơ quan báo cáo"]),
    };
    match spec.unit_style {
        UnitStyle::Label => {
            sheet = sheet.text(row, c0, unit_label).text(row, c0 + 1, name);
            row += 1;
        }
        UnitStyle::InCellLabel => {
            sheet = sheet.text(row, c0, &format!("{unit_label}: {name}"));
            row += 1;
        }
        _ => {}
    }
    if spec.unit_code {
        let code = unit.code.trim_start_matches('T');
        sheet = sheet.text(row, c0, "Mã đơn vị").text(row, c0 + 1, code);
        row += 1;
    }
    let period_value = match (spec.period_style, quarter) {
        (PeriodStyle::Window09, Quarter::This) => {
            "Từ ngày 15/12/2019 đến ngày 14/3/2020".to_string()
        }
        (PeriodStyle::WindowCalendar, Quarter::This) => {
            "Từ ngày 01/01/2020 đến ngày 31/03/2020".to_string()
        }
        _ if spec.period_note => format!("{quarter_words} (số liệu tính đến ngày 14/3/2020)"),
        _ => quarter_words.to_string(),
    };
    let period_value = period_value.as_str();
    match spec.period_style {
        PeriodStyle::Label | PeriodStyle::Window09 | PeriodStyle::WindowCalendar => {
            sheet = sheet
                .text(row, c0, "Kỳ báo cáo")
                .text(row, c0 + 1, period_value);
            row += 1;
        }
        PeriodStyle::InCellLabel => {
            sheet = sheet.text(row, c0, &format!("Kỳ báo cáo: {period_value}"));
            row += 1;
        }
        PeriodStyle::QuarterYear => {
            let (q, y) = match quarter {
                Quarter::This => ("I", "2020"),
                Quarter::Previous => ("IV", "2019"),
            };
            sheet = if rng.chance(50) {
                sheet
                    .text(row, c0, &format!("Quý: {q}"))
                    .text(row, c0 + 2, &format!("Năm: {y}"))
            } else {
                sheet
                    .text(row, c0, "Quý")
                    .text(row, c0 + 1, q)
                    .text(row, c0 + 2, "Năm")
                    .text(row, c0 + 3, y)
            };
            row += 1;
        }
        PeriodStyle::Title | PeriodStyle::ThreeMonths => {}
    }
    row += spec.gap_rows + 1;
    let (mut sheet, end) = match spec.geometry {
        Geometry::Rows => rows_body(spec, sheet, row, &mut rng),
        Geometry::InCell => in_cell_body(spec, sheet, row, &mut rng),
        Geometry::Columns => table_body(spec, sheet, row, &mut rng),
    };
    let mut row = end + 1;
    if spec.second_block {
        let figures = match quarter {
            Quarter::This => spec.now,
            Quarter::Previous => spec.previous,
        };
        sheet = sheet
            .text(row, c0, "II. TÌNH HÌNH TIẾP NHẬN HỒ SƠ")
            .row(
                row + 1,
                c0,
                &[
                    "Tổng số hồ sơ tiếp nhận",
                    "Số hồ sơ tiếp nhận trực tuyến",
                    "Tỷ lệ hồ sơ trực tuyến (%)",
                ],
            )
            .num(row + 2, c0, figures.dossiers as f64)
            .num(row + 2, c0 + 1, figures.online as f64)
            .text(
                row + 2,
                c0 + 2,
                &percent_text(figures.online as f64 / figures.dossiers as f64),
            );
        row += 4;
    }
    if spec.notes_below {
        sheet = sheet
            .text(
                row,
                c0,
                "Ghi chú: Số liệu tính đến ngày 14/3/2020, gồm cả 3 cấp.",
            )
            .text(row + 1, c0, "(*) Đã rà soát 25 thủ tục trong quý.");
        row += 3;
    }
    if spec.signature {
        sheet = sheet
            .text(row, c0, "Nơi nhận:")
            .text(row + 1, c0, "- Cục Tin học hóa (Bộ TT&TT);")
            .text(row + 2, c0, "- Lưu: VT.")
            .text(row, c0 + 4, "KT. GIÁM ĐỐC")
            .text(row + 1, c0 + 4, "PHÓ GIÁM ĐỐC")
            .text(row + 5, c0 + 4, "Nguyễn Văn An");
    }
    sheet
}

/// A label's words as the form's wording writes them.
fn label(spec: &Spec, field: F) -> String {
    use Wording::*;
    let (full, short, decree42) = match field {
        F::Total => (
            "Tổng số thủ tục hành chính",
            "Tổng số TTHC",
            "Tổng số TTHC đang thực hiện",
        ),
        F::Level3 => (
            "Số dịch vụ công trực tuyến mức độ 3",
            "Số DVCTT mức độ 3",
            "Số DVCTT một phần",
        ),
        F::Level4 => (
            "Số dịch vụ công trực tuyến mức độ 4",
            "Số DVCTT mức độ 4",
            "Số DVCTT toàn trình",
        ),
        F::Level4New => (
            "Số dịch vụ công trực tuyến mức độ 4 mới trong quý",
            "Số DVCTT mức độ 4 mới trong quý",
            "Số DVCTT toàn trình mới trong quý",
        ),
        F::Level4ToDate => (
            "Lũy kế số dịch vụ công trực tuyến mức độ 4",
            "Số DVCTT mức độ 4 lũy kế",
            "Số DVCTT toàn trình lũy kế",
        ),
        F::Ratio => (
            "Tỷ lệ dịch vụ công trực tuyến mức độ 4 (%)",
            "Tỷ lệ DVCTT mức độ 4 (%)",
            "Tỷ lệ DVCTT toàn trình (%)",
        ),
        F::DossierServices => (
            "Số dịch vụ công trực tuyến có phát sinh hồ sơ",
            "Số DVCTT có phát sinh hồ sơ",
            "Số DVCTT có phát sinh hồ sơ",
        ),
        F::Dossiers => (
            "Tổng số hồ sơ tiếp nhận",
            "Tổng số hồ sơ tiếp nhận",
            "Tổng số hồ sơ tiếp nhận",
        ),
        F::Online => (
            "Số hồ sơ tiếp nhận trực tuyến",
            "Số hồ sơ trực tuyến",
            "Số hồ sơ tiếp nhận trực tuyến",
        ),
    };
    let words = match spec.wording {
        Full => full.to_string(),
        Abbreviated => short.to_string(),
        Upper => short.to_uppercase(),
        NoDiacritics => strip_diacritics(short),
        Decree42 => decree42.to_string(),
    };
    broken(spec, &words)
}

/// A label as a cell wraps it when its writer pressed Alt+Enter: broken
/// before its third word.
fn broken(spec: &Spec, words: &str) -> String {
    if !spec.label_breaks {
        return words.to_string();
    }
    let parts: Vec<&str> = words.split(' ').collect();
    if parts.len() < 4 {
        return words.to_string();
    }
    format!("{}\n{}", parts[..2].join(" "), parts[2..].join(" "))
}

/// A level's short column header (`Mức độ 4`, `Toàn trình`).
fn level_leaf(spec: &Spec, field: F) -> String {
    let text = match (field, spec.wording) {
        (F::Level3, Wording::Decree42) => "Một phần",
        (F::Level4, Wording::Decree42) => "Toàn trình",
        (F::Level3, _) => "Mức độ 3",
        _ => "Mức độ 4",
    };
    match spec.wording {
        Wording::Upper => text.to_uppercase(),
        Wording::NoDiacritics => strip_diacritics(text),
        _ => text.to_string(),
    }
}

pub fn strip_diacritics(text: &str) -> String {
    const FROM: &str = "àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬÈÉẺẼẸÊỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢÙÚỦŨỤƯỪỨỬỮỰỲÝỶỸỴĐ";
    const TO: &str = "aaaaaaaaaaaaaaaaaeeeeeeeeeeeiiiiiooooooooooooooooouuuuuuuuuuuyyyyydAAAAAAAAAAAAAAAAAEEEEEEEEEEEIIIIIOOOOOOOOOOOOOOOOOUUUUUUUUUUUYYYYYD";
    text.chars()
        .map(|c| match FROM.chars().position(|f| f == c) {
            Some(i) => TO.chars().nth(i).expect("same length"),
            None => c,
        })
        .collect()
}

/// `1.961`: a whole number with the Vietnamese thousands separator.
fn dotted(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(c);
    }
    out
}

/// A count as the form types it.
fn count(spec: &Spec, field: F, n: u64) -> V {
    match spec.typing {
        Typing::Number => V::N(n as f64),
        Typing::Dots => V::T(dotted(n)),
        Typing::Spaces => V::T(dotted(n).replace('.', " ")),
        Typing::Measure => {
            let measure = match field {
                F::Total => "TTHC",
                F::Dossiers | F::Online => "hồ sơ",
                _ => "dịch vụ",
            };
            V::T(format!("{} {measure}", dotted(n)))
        }
    }
}

/// `13,02%`: a ratio as people type it.
fn percent_text(fraction: f64) -> String {
    format!("{:.2}%", fraction * 100.0).replace('.', ",")
}

/// The value a field's cell holds, for `figures`; a ratio as the form's
/// style writes it (a percentage-formatted cell is marked on the sheet).
fn value_of(spec: &Spec, field: F, figures: &Figures) -> V {
    match field {
        F::Total => count(spec, field, figures.total),
        F::Level3 => count(spec, field, figures.level3),
        F::Level4 | F::Level4ToDate => count(spec, field, figures.level4),
        F::Level4New => count(spec, field, figures.level4_new),
        F::DossierServices => count(spec, field, figures.dossier_services),
        F::Dossiers => count(spec, field, figures.dossiers),
        F::Online => count(spec, field, figures.online),
        F::Ratio => match spec.ratio {
            RatioStyle::PercentFormat => V::N(figures.ratio()),
            RatioStyle::Plain => V::T(format!("{:.2}", figures.ratio() * 100.0).replace('.', ",")),
            _ => V::T(percent_text(figures.ratio())),
        },
    }
}

fn number_of(field: F, f: &Figures) -> f64 {
    match field {
        F::Total => f.total as f64,
        F::Level3 => f.level3 as f64,
        F::Level4 | F::Level4ToDate => f.level4 as f64,
        F::Level4New => f.level4_new as f64,
        F::Ratio => f.ratio() * 100.0,
        F::DossierServices => f.dossier_services as f64,
        F::Dossiers => f.dossiers as f64,
        F::Online => f.online as f64,
    }
}

/// The lines of a `Rows` or `InCell` form, in order.
fn lines(spec: &Spec) -> Vec<F> {
    let mut lines = vec![F::Total];
    let level3_first = !spec.level4_first && spec.fault != Fault::MergedAcross;
    if spec.with_level3 && level3_first {
        lines.push(F::Level3);
    }
    if spec.fault == Fault::OnlyNew {
        lines.push(F::Level4New);
    } else {
        lines.push(F::Level4);
        if spec.parts {
            lines.push(F::Level4New);
        }
    }
    if spec.with_level3 && !level3_first {
        lines.push(F::Level3);
    }
    if spec.ratio != RatioStyle::None {
        lines.push(F::Ratio);
    }
    if spec.dossiers {
        lines.extend([F::DossierServices, F::Dossiers, F::Online]);
    }
    lines
}

/// One field a row: `STT | Chỉ tiêu | ĐVT | values | Ghi chú`.
fn rows_body(spec: &Spec, mut sheet: Sheet, top: u32, rng: &mut Rng) -> (Sheet, u32) {
    let c0 = spec.first_col;
    let mut col = c0;
    let stt = spec.numbering.then(|| {
        col += 1;
        col - 1
    });
    let label_col = col;
    col += if spec.merged_labels { 2 } else { 1 };
    let measure = spec.measure_column.then(|| {
        col += 1;
        col - 1
    });
    let mut values: Vec<(u16, Group)> = Vec::new();
    match spec.side_by_side {
        Some(s) => {
            let order = if s.this_first {
                [Group::Now, Group::Previous]
            } else {
                [Group::Previous, Group::Now]
            };
            for c in order {
                values.push((col, c));
                col += 1;
            }
            if s.change {
                values.push((col, Group::Change));
                col += 1;
            }
        }
        None => {
            values.push((col, Group::Now));
            col += 1;
        }
    }
    // Last quarter's column, kept hidden right of this quarter's.
    if spec.hidden_old == HiddenOld::Column {
        values.push((col, Group::HiddenOld));
        col += 1;
    }
    let note = spec.note_column.then_some(col);
    // A header row wherever a column needs words to say what it holds.
    let header = spec.side_by_side.is_some() || spec.numbering || rng.chance(50);
    let mut row = top;
    let (prev_head, now_head, change_head) = match spec.side_by_side {
        Some(s) => PERIOD_HEADERS[s.style],
        None => (
            "Quý IV/2019",
            *rng.pick(&["Số liệu", "Kết quả", "Số lượng"]),
            "",
        ),
    };
    let unmarked_hidden = spec.fault == Fault::OnlyHidden || rng.chance(40);
    if header {
        if let Some(c) = stt {
            sheet = sheet.text(row, c, "STT");
        }
        sheet = sheet.text(
            row,
            label_col,
            rng.pick::<&str>(&["Chỉ tiêu", "Nội dung", "Nội dung báo cáo"]),
        );
        if spec.merged_labels {
            sheet = sheet.merge(row, label_col, row, label_col + 1, "Chỉ tiêu");
        }
        if let Some(c) = measure {
            sheet = sheet.text(row, c, rng.pick::<&str>(&["Đơn vị tính", "ĐVT"]));
        }
        for (c, kind) in &values {
            let text = match kind {
                Group::Now => now_head,
                Group::Previous => prev_head,
                Group::Change => change_head,
                Group::HiddenOld if unmarked_hidden => now_head,
                Group::HiddenOld => "Quý IV/2019",
            };
            sheet = sheet.text(row, *c, text);
        }
        if let Some(c) = note {
            sheet = sheet.text(row, c, "Ghi chú");
        }
        row += 1;
        if spec.column_numbers {
            let last = note.unwrap_or(col - 1);
            for (i, c) in (c0..=last).enumerate() {
                sheet = sheet.text(row, c, &format!("({})", i + 1));
            }
            row += 1;
        }
    }
    for c in values.iter().filter(|(_, k)| *k == Group::HiddenOld) {
        sheet = sheet.hide_col(c.0);
    }
    let mut n = 0;
    let mut total_row = None;
    for field in lines(spec) {
        let sub_line = field == F::Level4New && spec.fault != Fault::OnlyNew;
        // Last quarter's line, hidden above this one.
        if spec.hidden_old == HiddenOld::Rows && matches!(field, F::Total | F::Level4) {
            let words = match rng.range(0, 2) {
                0 => format!("{} (Quý IV/2019)", label(spec, field)),
                1 => format!("{} kỳ trước", label(spec, field)),
                _ => label(spec, field),
            };
            sheet = sheet.text(row, label_col, &words);
            for (c, kind) in &values {
                if matches!(kind, Group::Now | Group::HiddenOld) {
                    sheet = sheet.at(row, *c, value_of(spec, field, &spec.previous));
                }
            }
            sheet = sheet.hide_row(row);
            row += 1;
        }
        if let Some(c) = stt {
            if sub_line {
                sheet = sheet.text(row, c, "-");
            } else {
                n += 1;
                sheet = sheet.text(row, c, &n.to_string());
            }
        }
        let words = if sub_line && rng.chance(50) {
            format!("Trong đó: {}", label(spec, field))
        } else {
            label(spec, field)
        };
        sheet = sheet.text(row, label_col, &words);
        if spec.merged_labels {
            sheet = sheet.merge(row, label_col, row, label_col + 1, &words);
        }
        if let Some(c) = measure {
            let unit = match field {
                F::Total => "thủ tục",
                F::Ratio => "%",
                F::Dossiers | F::Online => "hồ sơ",
                _ => "dịch vụ",
            };
            sheet = sheet.text(row, c, unit);
        }
        for (c, kind) in &values {
            let value = match kind {
                Group::Now if spec.fault == Fault::BlankThis => V::Empty,
                Group::Now if spec.fault == Fault::PercentInCount && field == F::Level4 => {
                    V::T("37%".into())
                }
                Group::Now if spec.fault == Fault::OnlyHidden && field == F::Level4 => V::Empty,
                Group::Now | Group::HiddenOld
                    if spec.fault == Fault::MergedAcross && field == F::Level4 =>
                {
                    V::Empty
                }
                Group::Now => value_of(spec, field, &spec.now),
                Group::HiddenOld if spec.fault == Fault::OnlyHidden && field == F::Level4 => {
                    value_of(spec, field, &spec.now)
                }
                Group::HiddenOld | Group::Previous => value_of(spec, field, &spec.previous),
                Group::Change => change(spec, field),
            };
            if spec.ratio == RatioStyle::PercentFormat
                && field == F::Ratio
                && let V::N(x) = value
            {
                sheet = sheet.percent(row, *c, x);
            } else {
                sheet = sheet.at(row, *c, value);
            }
        }
        // A note; a bare number only under a `Ghi chú` heading that says
        // it is one.
        if let Some(c) = note {
            if rng.chance(50) {
                sheet = sheet.text(row, c, "Tăng 12 so với quý trước");
            } else if header && rng.chance(30) {
                sheet = sheet.num(row, c, 12.0);
            }
        }
        if field == F::Total {
            total_row = Some(row);
        }
        if field == F::Level4 && spec.fault == Fault::MergedAcross {
            let total = total_row.expect("the total's line is first");
            let (c, _) = values
                .iter()
                .find(|(_, k)| *k == Group::Now)
                .expect("value column");
            let text = match value_of(spec, F::Total, &spec.now) {
                V::N(x) => x.to_string(),
                V::T(t) => t,
                _ => String::new(),
            };
            sheet = sheet.merge(total, *c, row, *c, &text);
        }
        row += 1;
        // The total's lines per level of government, unlabelled as fields.
        if field == F::Total && spec.sub_rows {
            let parts = split(&spec.now, 3, rng);
            let before = split(&spec.previous, 3, rng);
            for (i, words) in ["- Cấp tỉnh", "- Cấp huyện", "- Cấp xã"].iter().enumerate()
            {
                sheet = sheet.text(row, label_col, words);
                for (c, kind) in &values {
                    let v = match kind {
                        Group::Now if spec.fault == Fault::BlankThis => continue,
                        Group::Now => parts[i].total,
                        Group::Previous | Group::HiddenOld => before[i].total,
                        Group::Change => continue,
                    };
                    sheet = sheet.num(row, *c, v as f64);
                }
                row += 1;
            }
        }
        if field == F::Level4 && spec.sub_lines {
            let subs = [
                (
                    "Trong đó: số DVCTT mức độ 4 có phát sinh hồ sơ",
                    V::N((spec.now.level4 / 2) as f64),
                ),
                ("Tỷ lệ hồ sơ trực tuyến (%)", V::T("35,2%".into())),
            ];
            for (words, value) in subs {
                sheet = sheet.text(row, label_col, words);
                for (c, kind) in &values {
                    if *kind == Group::Now {
                        sheet = sheet.at(row, *c, value.clone());
                    }
                }
                row += 1;
            }
        }
    }
    (sheet, row)
}

/// What a change column holds: the difference, or `So sánh (%)`.
fn change(spec: &Spec, field: F) -> V {
    let now = number_of(field, &spec.now);
    let before = number_of(field, &spec.previous);
    match spec.side_by_side.map(|s| s.style) {
        Some(1) if before > 0.0 => V::T(format!("{:.1}%", now / before * 100.0).replace('.', ",")),
        _ if field == F::Ratio => V::T(format!("{:+.2}", now - before).replace('.', ",")),
        _ => V::N(now - before),
    }
}

/// `Tổng số TTHC: 1.961`, one line a cell.
fn in_cell_body(spec: &Spec, mut sheet: Sheet, top: u32, rng: &mut Rng) -> (Sheet, u32) {
    let col = spec.first_col;
    let text_of = |field: F, v: V| match v {
        V::N(x) if field == F::Ratio && spec.ratio == RatioStyle::PercentFormat => percent_text(x),
        V::N(x) => x.to_string(),
        V::T(t) => t,
        _ => String::new(),
    };
    // Last quarter's lines kept in a hidden column to the right.
    if spec.hidden_old == HiddenOld::Column {
        let hidden = col + 3;
        for (row, field) in (top..).zip(lines(spec)) {
            let value = if spec.fault == Fault::OnlyHidden && field == F::Level4 {
                value_of(spec, field, &spec.now)
            } else {
                value_of(spec, field, &spec.previous)
            };
            sheet = sheet.text(
                row,
                hidden,
                &format!("{}: {}", label(spec, field), text_of(field, value)),
            );
        }
        sheet = sheet.hide_col(hidden);
    }
    let mut row = top;
    for (i, field) in lines(spec).into_iter().enumerate() {
        let value = match field {
            F::Level4 if spec.fault == Fault::PercentInCount => "37%".to_string(),
            F::Level4 if spec.fault == Fault::OnlyHidden => continue,
            _ => text_of(field, value_of(spec, field, &spec.now)),
        };
        let number = if spec.numbering {
            format!("{}. ", i + 1)
        } else {
            String::new()
        };
        let sep = *rng.pick(&[": ", ": ", " - "]);
        sheet = sheet.text(
            row,
            col,
            &format!("{number}{}{sep}{value}", label(spec, field)),
        );
        row += 1;
    }
    (sheet, row)
}

/// One field a column, under a header one to three rows deep.
fn table_body(spec: &Spec, mut sheet: Sheet, top: u32, rng: &mut Rng) -> (Sheet, u32) {
    let c0 = spec.first_col;
    let mut col = c0;
    let tt = spec.numbering.then(|| {
        col += 1;
        col - 1
    });
    let first = col;
    col += 1;
    // The fields of one period's group of columns.
    let mut fields = vec![F::Total];
    if spec.with_level3 && !spec.level4_first {
        fields.push(F::Level3);
    }
    match (spec.parts, spec.fault) {
        (_, Fault::OnlyNew) => fields.push(F::Level4New),
        (true, _) => fields.extend([F::Level4New, F::Level4ToDate]),
        _ => fields.push(F::Level4),
    }
    if spec.with_level3 && spec.level4_first {
        fields.push(F::Level3);
    }
    if spec.ratio != RatioStyle::None {
        fields.push(F::Ratio);
    }
    let mut columns: Vec<(u16, F, Group)> = Vec::new();
    let groups: Vec<Group> = match spec.side_by_side {
        Some(s) if s.this_first => vec![Group::Now, Group::Previous],
        Some(_) => vec![Group::Previous, Group::Now],
        None => vec![Group::Now],
    };
    for g in &groups {
        for f in &fields {
            if *g == Group::Now
                && spec.hidden_old == HiddenOld::Column
                && matches!(f, F::Level4 | F::Level4ToDate)
            {
                columns.push((col, *f, Group::HiddenOld));
                col += 1;
            }
            columns.push((col, *f, *g));
            col += 1;
        }
    }
    if spec.side_by_side.is_some_and(|s| s.change) {
        for f in fields.iter().filter(|f| **f != F::Ratio) {
            columns.push((col, *f, Group::Change));
            col += 1;
        }
    }
    let note = spec.note_column.then_some(col);
    let depth = if spec.parts && spec.header_depth == 3 {
        2
    } else {
        spec.header_depth
    };
    let depth = if spec.side_by_side.is_some() {
        2
    } else {
        depth
    };
    let header_rows = depth;
    let last_header = top + header_rows - 1;
    let first_head = match spec.data_rows {
        DataRows::Single if spec.unit_style == UnitStyle::Column => {
            *rng.pick(&["Tên cơ quan, đơn vị", "Tên đơn vị", "Đơn vị"])
        }
        DataRows::PeriodRows { .. } => *rng.pick(&["Kỳ báo cáo", "Thời gian", "Kỳ"]),
        DataRows::Levels { .. } => "Cấp",
        _ => *rng.pick(&["Nội dung", "Lĩnh vực", "Đơn vị", "Tên đơn vị"]),
    };
    // Down the whole band: TT, the first column, a note.
    let down = |sheet: Sheet, c: u16, text: &str| {
        if header_rows == 1 {
            sheet.text(top, c, text)
        } else {
            sheet.merge(top, c, last_header, c, text)
        }
    };
    if let Some(c) = tt {
        sheet = down(sheet, c, rng.pick::<&str>(&["TT", "STT"]));
    }
    sheet = down(sheet, first, first_head);
    if let Some(c) = note {
        sheet = down(sheet, c, "Ghi chú");
    }
    let (prev_head, now_head, change_head) = spec
        .side_by_side
        .map_or(("", "", ""), |s| PERIOD_HEADERS[s.style]);
    if spec.side_by_side.is_some() {
        // A period's name merged over its group; full labels under it.
        for g in [Group::Now, Group::Previous, Group::Change] {
            let cols: Vec<u16> = columns
                .iter()
                .filter(|(_, _, k)| *k == g || (g == Group::Now && *k == Group::HiddenOld))
                .map(|(c, _, _)| *c)
                .collect();
            let (Some(a), Some(b)) = (cols.first(), cols.last()) else {
                continue;
            };
            let text = match g {
                Group::Now => now_head,
                Group::Previous => prev_head,
                _ => change_head,
            };
            sheet = if a == b {
                sheet.text(top, *a, text)
            } else {
                sheet.merge(top, *a, top, *b, text)
            };
        }
        for (c, f, k) in &columns {
            let text = match k {
                Group::HiddenOld => format!("{} (Quý IV/2019)", label(spec, *f)),
                _ => label(spec, *f),
            };
            sheet = sheet.text(top + 1, *c, &text);
        }
    } else {
        let heads: Vec<(u16, F, bool)> = columns
            .iter()
            .map(|(c, f, g)| (*c, *f, *g == Group::HiddenOld))
            .collect();
        sheet = field_headers(spec, sheet, top, depth, &heads, rng);
    }
    for (c, _, k) in &columns {
        if *k == Group::HiddenOld {
            sheet = sheet.hide_col(*c);
        }
    }
    let mut row = last_header + 1;
    if spec.column_numbers {
        let last = note.unwrap_or(col - 1);
        for (i, c) in (c0..=last).enumerate() {
            sheet = sheet.text(row, c, &format!("({})", i + 1));
        }
        row += 1;
    }
    // The data rows: (first column's words, figures, hidden).
    let unit = spec.unit();
    let name = unit.names[spec.name_pick % unit.names.len()];
    // (first column's words, this quarter's figures, last quarter's, hidden)
    let mut data: Vec<(String, Figures, Figures, bool)> = Vec::new();
    let whole_word = |w: usize| -> String {
        let word = TOTAL_WORDS[w % TOTAL_WORDS.len()];
        // A ministry's whole is never `Toàn tỉnh`.
        match (unit.ministry, word) {
            (true, "Toàn tỉnh" | "Toàn thành phố") => "Toàn ngành".to_string(),
            (false, "Toàn ngành") => "Toàn tỉnh".to_string(),
            _ => word.to_string(),
        }
    };
    let mut total_at = None;
    match spec.data_rows {
        DataRows::Single => {
            let words = match spec.unit_style {
                UnitStyle::Column => name.to_string(),
                _ => rng.pick(&[name, "Toàn tỉnh", "Tổng cộng", ""]).replace(
                    "Toàn tỉnh",
                    if unit.ministry {
                        "Toàn ngành"
                    } else {
                        "Toàn tỉnh"
                    },
                ),
            };
            if spec.hidden_old == HiddenOld::Rows {
                data.push((words.clone(), spec.previous, spec.previous, true));
            }
            data.push((words, spec.now, spec.previous, false));
            // A breakdown line under the whole.
            if spec.sub_rows {
                let parts = split(&spec.now, 2, rng);
                let before = split(&spec.previous, 2, rng);
                data.push((
                    "Trong đó: cấp huyện, cấp xã".to_string(),
                    parts[1],
                    before[1],
                    false,
                ));
            }
        }
        DataRows::Sectors {
            count,
            total_word,
            total_first,
        } => {
            let mut names: Vec<&str> = Vec::new();
            while names.len() < count {
                let s = *rng.pick(unit.sectors);
                if !names.contains(&s) {
                    names.push(s);
                }
            }
            let parts = split(&spec.now, count, rng);
            let before = split(&spec.previous, count, rng);
            let rows: Vec<(String, Figures, Figures, bool)> = names
                .iter()
                .zip(parts.into_iter().zip(before))
                .map(|(n, (f, b))| (n.to_string(), f, b, false))
                .collect();
            let whole = (whole_word(total_word), spec.now, spec.previous, false);
            if spec.hidden_old == HiddenOld::Rows {
                data.push((whole_word(total_word), spec.previous, spec.previous, true));
            }
            if spec.fault == Fault::TwoTotals {
                let mut other = spec.now;
                other.total += 13;
                data.extend(rows);
                total_at = Some(data.len());
                data.push(whole);
                data.push((whole_word(total_word + 1), other, spec.previous, false));
            } else if spec.fault == Fault::NoTotal {
                data.extend(rows);
            } else if total_first {
                total_at = Some(data.len());
                data.push(whole);
                data.extend(rows);
            } else {
                data.extend(rows);
                total_at = Some(data.len());
                data.push(whole);
            }
        }
        DataRows::Levels { total_word } => {
            let levels: &[&str] = if unit.ministry {
                &["Cấp trung ương", "Cấp tỉnh", "Cấp huyện"]
            } else {
                &["Cấp tỉnh", "Cấp huyện", "Cấp xã"]
            };
            let parts = split(&spec.now, 3, rng);
            let before = split(&spec.previous, 3, rng);
            if spec.hidden_old == HiddenOld::Rows {
                data.push((whole_word(total_word), spec.previous, spec.previous, true));
            }
            for (l, (f, b)) in levels.iter().zip(parts.into_iter().zip(before)) {
                data.push((l.to_string(), f, b, false));
            }
            total_at = Some(data.len());
            data.push((whole_word(total_word), spec.now, spec.previous, false));
        }
        DataRows::PeriodRows { this_first } => {
            let (p, n, _) = PERIOD_HEADERS[rng.index(PERIOD_HEADERS.len())];
            let rows = [(p.to_string(), spec.previous), (n.to_string(), spec.now)];
            let order = if this_first { [1, 0] } else { [0, 1] };
            for i in order {
                data.push((rows[i].0.clone(), rows[i].1, rows[i].1, false));
            }
        }
    }
    // Rows the total row adds up (1-based, as a formula names them).
    let summed: Vec<u32> = (0..data.len())
        .filter(|i| Some(*i) != total_at && !data[*i].3)
        .map(|i| row + i as u32 + 1)
        .collect();
    for (i, (words, figures, before, hidden)) in data.iter().enumerate() {
        if let Some(c) = tt {
            sheet = sheet.text(row, c, &(i + 1).to_string());
        }
        if !words.is_empty() {
            sheet = sheet.text(row, first, words);
        }
        let is_total = total_at == Some(i);
        for (c, f, k) in &columns {
            let value = cell(
                spec,
                *f,
                *k,
                (figures, before),
                is_total,
                data_kind_single(spec),
            );
            let value = match (value, spec.total_formula) {
                (Some(v), Some(function))
                    if is_total
                        && *k == Group::Now
                        && matches!(
                            f,
                            F::Total | F::Level3 | F::Level4 | F::Level4ToDate | F::Level4New
                        ) =>
                {
                    let col = crate::support::col_name(*c);
                    let (a, b) = (summed[0], summed[summed.len() - 1]);
                    let formula = match function {
                        "SUM" => format!("=SUM({col}{a}:{col}{b})"),
                        _ => format!("=SUBTOTAL(9,{col}{a}:{col}{b})"),
                    };
                    let result = if spec.fault == Fault::StaleFormula && *f != F::Total {
                        0.0
                    } else {
                        number_of(*f, figures)
                    };
                    let _ = v;
                    V::F(formula, result)
                }
                (Some(v), _) => v,
                (None, _) => V::Empty,
            };
            // The ratio computed by the sheet from its own cells.
            let group_col = |field: &[F]| {
                columns
                    .iter()
                    .find(|(_, g, k)| field.contains(g) && *k == Group::Now)
                    .map(|(c, _, _)| *c)
            };
            let value = match (
                value,
                group_col(&[F::Total]),
                group_col(&[F::Level4, F::Level4ToDate]),
            ) {
                (V::N(x), Some(t), Some(l))
                    if *f == F::Ratio
                        && spec.ratio_formula
                        && spec.typing == Typing::Number
                        && *k == Group::Now =>
                {
                    let (t, l) = (crate::support::col_name(t), crate::support::col_name(l));
                    let r = row + 1;
                    match spec.ratio {
                        RatioStyle::PercentFormat => V::F(format!("={l}{r}/{t}{r}"), x),
                        _ => V::F(format!("=ROUND({l}{r}/{t}{r}*100,2)"), x),
                    }
                }
                (v, _, _) => v,
            };
            if spec.ratio == RatioStyle::PercentFormat
                && *f == F::Ratio
                && let V::N(x) | V::F(_, x) = &value
            {
                let x = *x;
                sheet = match value {
                    V::F(formula, _) => sheet.at(row, *c, V::F(formula, x)).percent_only(row, *c),
                    _ => sheet.percent(row, *c, x),
                };
            } else {
                sheet = sheet.at(row, *c, value);
            }
        }
        if *hidden {
            sheet = sheet.hide_row(row);
        }
        row += 1;
    }
    (sheet, row)
}

/// Whether a table's one data row (or a row per quarter) holds the figures.
fn data_kind_single(spec: &Spec) -> bool {
    matches!(
        spec.data_rows,
        DataRows::Single | DataRows::PeriodRows { .. }
    )
}

/// A table cell: the field's value in a data row of `figures`, in a column
/// of `group`; None for a cell left blank.
fn cell(
    spec: &Spec,
    f: F,
    group: Group,
    (figures, before): (&Figures, &Figures),
    is_total: bool,
    single: bool,
) -> Option<V> {
    let whole_row = is_total || single;
    match group {
        Group::Change => Some(V::N(number_of(f, figures) - number_of(f, before))),
        Group::Now if spec.fault == Fault::BlankThis => None,
        Group::Now
            if spec.fault == Fault::OnlyHidden && matches!(f, F::Level4 | F::Level4ToDate) =>
        {
            None
        }
        Group::HiddenOld if spec.fault == Fault::OnlyHidden => Some(value_of(spec, f, &spec.now)),
        Group::Previous | Group::HiddenOld => Some(value_of(spec, f, before)),
        Group::Now
            if spec.fault == Fault::PercentInCount
                && matches!(f, F::Level4 | F::Level4ToDate)
                && whole_row =>
        {
            Some(V::T("37%".into()))
        }
        Group::Now if spec.fault == Fault::TotalMismatch && is_total && f == F::Total => {
            Some(count(spec, f, figures.total + 7))
        }
        Group::Now => Some(value_of(spec, f, figures)),
    }
}

/// The header band over one period's field columns, `depth` rows deep:
/// group headers merged over the columns they span (a hidden column inside
/// a span is under it too), each column's own words under its deepest
/// group, merged down to the band's last row.
fn field_headers(
    spec: &Spec,
    mut sheet: Sheet,
    top: u32,
    depth: u32,
    columns: &[(u16, F, bool)],
    rng: &mut Rng,
) -> Sheet {
    let last = top + depth - 1;
    let span = |pick: &dyn Fn(F) -> bool| -> Option<(u16, u16)> {
        let cols: Vec<u16> = columns
            .iter()
            .filter(|(_, f, h)| !h && pick(*f))
            .map(|(c, _, _)| *c)
            .collect();
        Some((*cols.iter().min()?, *cols.iter().max()?))
    };
    // (layer, first col, last col, words, the kind of leaf under it)
    let mut groups: Vec<(u32, u16, u16, String, &str)> = Vec::new();
    match depth {
        1 => {}
        2 => {
            if let Some((a, b)) = span(&|f| matches!(f, F::Level3 | F::Level4))
                && a != b
            {
                let words = match spec.wording {
                    Wording::NoDiacritics => "So DVCTT",
                    Wording::Upper => "SỐ DVCTT",
                    _ => *rng.pick(&["Dịch vụ công trực tuyến", "Số DVCTT", "Số lượng DVCTT"]),
                };
                groups.push((0, a, b, words.to_string(), "level"));
            }
            if let Some((a, b)) = span(&|f| matches!(f, F::Level4New | F::Level4ToDate)) {
                groups.push((0, a, b, label(spec, F::Level4), "part"));
            }
        }
        _ => {
            if let Some((a, b)) = span(&|f| matches!(f, F::Total | F::Level3 | F::Level4)) {
                let words = match spec.wording {
                    Wording::NoDiacritics => "So luong TTHC",
                    Wording::Upper => "SỐ LƯỢNG TTHC",
                    _ => "Số lượng TTHC",
                };
                groups.push((0, a, b, words.to_string(), "procedures"));
            }
            if let Some((a, b)) = span(&|f| matches!(f, F::Level3 | F::Level4)) {
                let words = match spec.wording {
                    Wording::NoDiacritics => "Trong do",
                    _ => "Trong đó",
                };
                groups.push((1, a, b, words.to_string(), "level"));
            }
        }
    }
    for (layer, a, b, words, _) in &groups {
        let r = top + layer;
        sheet = if a == b {
            sheet.text(r, *a, words)
        } else {
            sheet.merge(r, *a, r, *b, words)
        };
    }
    for (c, f, hidden) in columns {
        let over: Vec<&(u32, u16, u16, String, &str)> = groups
            .iter()
            .filter(|(_, a, b, _, _)| (*a..=*b).contains(c))
            .collect();
        let deepest = over.iter().max_by_key(|g| g.0);
        let row = top + deepest.map_or(0, |g| g.0 + 1);
        let mut words = match deepest.map(|g| g.4) {
            Some("level") if matches!(f, F::Level3 | F::Level4) => level_leaf(spec, *f),
            Some("part") if *f == F::Level4New => rng
                .pick(&[
                    "Mới trong quý",
                    "Trong đó: mới trong quý",
                    "Tăng mới trong kỳ",
                ])
                .to_string(),
            Some("part") if *f == F::Level4ToDate => rng
                .pick(&["Lũy kế", "Lũy kế đến nay", "Tổng số"])
                .to_string(),
            Some("procedures") if *f == F::Total => "Tổng số".to_string(),
            Some(_) if matches!(f, F::Level3 | F::Level4) => level_leaf(spec, *f),
            _ => label(spec, *f),
        };
        if *hidden {
            words.push_str(" (Quý IV/2019)");
        }
        sheet = if row == last {
            sheet.text(row, *c, &words)
        } else {
            sheet.merge(row, *c, last, *c, &words)
        };
    }
    sheet
}

/// `figures` split into `count` rows (sectors, levels of government) that
/// add up to it, each row's level 3 and 4 within its total.
fn split(figures: &Figures, count: usize, rng: &mut Rng) -> Vec<Figures> {
    let cut = |n: u64, rng: &mut Rng| -> Vec<u64> {
        let mut parts = Vec::new();
        let mut left = n;
        for i in 0..count {
            let part = if i + 1 == count {
                left
            } else {
                rng.range(0, left / 2)
            };
            parts.push(part);
            left -= part;
        }
        parts
    };
    let level3 = cut(figures.level3, rng);
    let level4 = cut(figures.level4, rng);
    let new = cut(figures.level4_new, rng);
    let extra = cut(figures.total - figures.level3 - figures.level4, rng);
    let dossiers = cut(figures.dossiers, rng);
    (0..count)
        .map(|i| Figures {
            total: level3[i] + level4[i] + extra[i],
            level3: level3[i],
            level4: level4[i],
            level4_new: new[i],
            dossier_services: 0,
            dossiers: dossiers[i],
            online: 0,
        })
        .collect()
}
