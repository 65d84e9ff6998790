//! One unit's feedback workbook: a document to send as printed (A4
//! portrait), holding only that unit's data: what was received and the
//! verdict, the values read with their cells, the comparison with the
//! previous quarter, its place in its group, every finding with what to do,
//! and the day a corrected report is asked for by.

use rust_xlsxwriter::{Format, FormatAlign, Worksheet, XlsxError};

use super::advice::advice;
use super::values::{read_values, typed_at};
use crate::compare::{Flag, Place, PreviousSource, QuarterReport, Status, UnitReport};
use crate::finding::Rule;
use crate::intake::{FileOutcome, Verdict};
use crate::report::lagging::list_name;
use crate::report::sheets::{
    Font, Out, Pages, Styles, heading_block, keep_with_next, layout, prose, table,
};
use crate::roster::Group;
use crate::submission::Submission;

/// Portrait A4: the columns add up to the printable width.
const WIDTHS: [f64; 6] = [5.0, 30.0, 13.0, 13.0, 13.0, 19.0];
const LAST: u16 = 5;

pub fn workbook(report: &QuarterReport, unit: &UnitReport) -> Result<Vec<u8>, String> {
    let fail = |e: XlsxError| format!("không tạo được tệp phản hồi của {}: {e}", unit.code);
    let mut book = crate::report::sheets::workbook(report).map_err(fail)?;
    let title = format!("Phản hồi {} {}", unit.name, report.quarter.vietnamese());
    book.set_properties(&crate::report::sheets::properties(report, &title).map_err(fail)?);
    let styles = Styles::new();
    let section = crate::report::sheets::base()
        .set_bold()
        .set_text_wrap()
        .set_align(FormatAlign::Top);
    // Whom it is addressed to: centred, and wrapped, for an addressee the
    // roster gives at length.
    let addressee = crate::report::sheets::base()
        .set_bold()
        .set_text_wrap()
        .set_align(FormatAlign::Center)
        .set_align(FormatAlign::Top);
    let sheet = book.add_worksheet().set_name("Phản hồi").map_err(fail)?;
    let page = Page {
        report,
        unit,
        sheet,
        styles: &styles,
        section: &section,
        addressee: &addressee,
        sections: 0,
        findings_section: 0,
    };
    page.write().map_err(fail)?;
    book.save_to_buffer().map_err(fail)
}

struct Page<'a> {
    report: &'a QuarterReport,
    unit: &'a UnitReport,
    sheet: &'a mut Worksheet,
    styles: &'a Styles,
    /// A section's heading, left-aligned.
    section: &'a Format,
    /// The `Kính gửi:` line.
    addressee: &'a Format,
    /// Sections written so far: a unit with no file has no values section.
    sections: usize,
    /// The number of the findings' section, which the text refers to.
    findings_section: usize,
}

impl<'a> Page<'a> {
    fn write(mut self) -> Result<(), XlsxError> {
        let words = &self.report.wording;
        let mut row = heading_block(self.sheet, words, &WIDTHS, 2)? + 1;
        let title = format!(
            "PHẢN HỒI KẾT QUẢ TỔNG HỢP BÁO CÁO DỊCH VỤ CÔNG TRỰC TUYẾN {} {}",
            words.level4.to_uppercase(),
            self.report.quarter.vietnamese().to_uppercase()
        );
        self.prose(row, &title, Kind::Title)?;
        self.prose(
            row + 1,
            &format!("Kính gửi: {}", self.unit.addressee),
            Kind::Addressee,
        )?;
        row += 3;
        row = self.received(row)?;
        row = self.values(row)?;
        row = self.comparison(row)?;
        row = self.findings(row)?;
        row = self.deadline(row)?;
        let pages = Pages::Flow {
            repeat: None,
            last: row,
        };
        layout(self.sheet, &WIDTHS, false, pages)
    }

    fn prose(&mut self, row: u32, text: &str, kind: Kind) -> Result<(), XlsxError> {
        let s = self.styles;
        let (format, font) = match kind {
            Kind::Title => (&s.title, Font::TITLE),
            Kind::Addressee => (self.addressee, Font::BOLD),
            Kind::Section => (self.section, Font::BOLD),
            Kind::Text => (&s.wrap, Font::BODY),
            Kind::Italic => (&s.italic, Font::BODY),
        };
        prose(self.sheet, row, (0, LAST), &WIDTHS, text, format, font)
    }

    /// The next section's numbered heading.
    fn section(&mut self, row: u32, title: &str) -> Result<(), XlsxError> {
        self.sections += 1;
        let heading = format!("{}. {title}", self.sections);
        keep_with_next(row);
        self.prose(row, &heading, Kind::Section)
    }

    /// Several lines of text, one row each. Returns the row after them.
    fn lines(&mut self, mut row: u32, lines: &[String]) -> Result<u32, XlsxError> {
        for line in lines {
            self.prose(row, line, Kind::Text)?;
            row += 1;
        }
        Ok(row)
    }

    /// What was received, when, and the verdict.
    fn received(&mut self, row: u32) -> Result<u32, XlsxError> {
        self.section(row, "Báo cáo đã nhận")?;
        let (unit, report) = (self.unit, self.report);
        let files: Vec<&FileOutcome> = report
            .files
            .iter()
            .filter(|f| f.unit.as_deref() == Some(unit.code.as_str()))
            .collect();
        let mut row = row + 1;
        if !files.is_empty() {
            let rows = files
                .iter()
                .enumerate()
                .map(|(i, f)| {
                    let chosen = unit.file.as_deref() == Some(f.file.as_str());
                    let verdict = match f.verdict {
                        Verdict::Accepted => "Hợp lệ",
                        Verdict::Rejected => "Không hợp lệ",
                        Verdict::NotSubmission => "Không phải báo cáo",
                        Verdict::Replaced => "Đã thay bằng bản sửa",
                    };
                    let (date, basis) = match sent_at(unit, &f.file, chosen) {
                        Some(t) => (day(t.date), t.basis.vietnamese()),
                        None => (String::new(), ""),
                    };
                    let corrected_on = unit
                        .correction
                        .as_ref()
                        .and_then(|c| c.sent)
                        .map_or(String::new(), |t| format!(" ngày {}", day(t.date)));
                    let note = match (chosen, f.verdict) {
                        (true, Verdict::Accepted) => "Báo cáo được dùng để tổng hợp".to_string(),
                        (true, _) | (false, Verdict::NotSubmission) => String::new(),
                        (false, Verdict::Replaced) => format!(
                            "Đã thay bằng bản sửa{corrected_on} (tệp “{}”)",
                            f.replaced_by.as_deref().unwrap_or_default()
                        ),
                        (false, _) => "Không dùng (đơn vị gửi nhiều báo cáo)".to_string(),
                    };
                    vec![
                        Out::Index(i + 1),
                        Out::Text(f.file.clone()),
                        Out::Text(date),
                        Out::Text(basis.to_string()),
                        Out::Text(verdict.to_string()),
                        Out::Text(note),
                    ]
                })
                .collect();
            let headers = [
                "TT",
                "Tệp",
                "Ngày nộp",
                "Căn cứ ngày nộp",
                "Kết quả",
                "Ghi chú",
            ];
            row = table(self.sheet, self.styles, row, &WIDTHS, &headers, rows)?;
        }
        let due = report.due.format("%d/%m/%Y");
        let mut lines = vec![match unit.status {
            Status::Accepted => {
                "Kết quả: báo cáo hợp lệ, số liệu đã được đưa vào bảng tổng hợp.".to_string()
            }
            Status::Rejected => format!(
                "Kết quả: báo cáo không hợp lệ, số liệu chưa được đưa vào bảng tổng hợp. Lý do: {}",
                unit.rejection
                    .as_deref()
                    .unwrap_or("xem các lỗi nêu dưới đây")
            ),
            Status::Missing => {
                format!("Kết quả: chưa nhận được báo cáo của đơn vị (hạn nộp ngày {due}).")
            }
        }];
        lines.extend(unit.held_back.map(|h| h.vietnamese().to_string()));
        match (&unit.correction, unit.timeliness) {
            (Some(c), Some(first)) if c.first_counts => lines.push(format!(
                "Báo cáo nộp đúng hạn: báo cáo đầu tiên nộp ngày {} (hạn nộp ngày {due}), bản sửa gửi{} trong thời hạn gửi bản sửa (đến ngày {}).",
                day(first.date),
                c.sent.map_or(String::new(), |t| format!(" ngày {}", day(t.date))),
                day(c.correction_due),
            )),
            (_, Some(t)) => lines.push(match t.days_late {
                0 => format!("Báo cáo nộp đúng hạn (hạn nộp ngày {due})."),
                d => format!("Báo cáo nộp muộn {d} ngày (hạn nộp ngày {due})."),
            }),
            (_, None) => {}
        }
        if let Some(c) = unit.correction.as_ref().filter(|c| !c.first_counts) {
            let first_on_time = c.replaced[0].1.is_some_and(|t| t.days_late == 0);
            if first_on_time {
                lines.push(format!(
                    "Bản sửa gửi sau thời hạn gửi bản sửa (đến ngày {}), nên thời gian nộp được tính theo bản sửa.",
                    day(c.correction_due)
                ));
            }
        }
        self.lines(row, &lines).map(|r| r + 1)
    }

    /// The values read from the file used, each with its sheet and cell.
    fn values(&mut self, row: u32) -> Result<u32, XlsxError> {
        let Some(submission) = self.submission() else {
            return Ok(row);
        };
        self.section(row, "Số liệu đã đọc từ báo cáo")?;
        let rows = read_values(submission, &self.report.wording)
            .into_iter()
            .enumerate()
            .map(|(i, (label, value, at))| {
                let (sheet, cell, how) = at.map_or((String::new(), String::new(), ""), |at| at);
                vec![
                    Out::Index(i + 1),
                    Out::Text(label),
                    value,
                    Out::Text(sheet),
                    Out::Text(cell),
                    Out::Text(how.to_string()),
                ]
            })
            .collect();
        let headers = ["TT", "Chỉ tiêu", "Giá trị", "Trang tính", "Ô", "Cách đọc"];
        let end = table(self.sheet, self.styles, row + 1, &WIDTHS, &headers, rows)?;
        Ok(end + 1)
    }

    /// The figures against the previous quarter's, the flags, the place in
    /// the group and why the unit is on the lagging list.
    fn comparison(&mut self, row: u32) -> Result<u32, XlsxError> {
        let (unit, report) = (self.unit, self.report);
        self.section(row, "So sánh và xếp hạng")?;
        let mut row = row + 1;
        let level4 = format!("Số {}", report.wording.dvctt4());
        if let (Some(now), Some(before)) = (unit.figures, unit.previous) {
            // Counts are bounded far below i64 by the reader (whole numbers to 1e15).
            let count = |at: usize, label: String, before: u64, now: u64| {
                vec![
                    Out::Index(at),
                    Out::Text(label),
                    Out::Count(before),
                    Out::Count(now),
                    // Counts are bounded far below i64 by the reader (whole numbers to 1e15).
                    Out::Change(now as i64 - before as i64),
                    Out::Empty,
                ]
            };
            let ratio = |r: Option<f64>| r.map_or(Out::Empty, Out::Percent);
            let rows = vec![
                count(1, "Tổng số TTHC".into(), before.total, now.total),
                count(2, level4, before.level4, now.level4),
                vec![
                    Out::Index(3),
                    Out::Text("Tỷ lệ".into()),
                    ratio(before.ratio()),
                    ratio(now.ratio()),
                    unit.change_points.map_or(Out::Empty, Out::Points),
                    Out::Text("Thay đổi tính bằng điểm phần trăm".into()),
                ],
            ];
            let headers = [
                "TT",
                "Chỉ tiêu",
                "Quý trước",
                "Quý này",
                "Thay đổi",
                "Ghi chú",
            ];
            row = table(self.sheet, self.styles, row, &WIDTHS, &headers, rows)?;
        }
        let mut lines: Vec<String> = Vec::new();
        // No previous figure is said once, here, and not again among the
        // notes (the flag); a renamed unit's previous name with it.
        if unit.figures.is_some() && unit.previous.is_none() {
            lines.push(match &unit.previous_source {
                PreviousSource::Renamed { name, .. } => format!(
                    "Không có số liệu quý trước của đơn vị (kể cả dưới tên trước đây {name}) để so sánh."
                ),
                _ => "Không có số liệu quý trước của đơn vị để so sánh.".into(),
            });
        }
        if let Some(y) = &unit.year_ago {
            lines.push(year_ago_line(y, unit.ratio(), &report.wording.dvctt4()));
        }
        lines.extend(
            unit.comparison_notes(&report.wording, &[Flag::NoPrevious])
                .iter()
                .map(|n| format!("- {n}.")),
        );
        if let Some(n) = unit.quarters_under_target.filter(|n| *n >= 2) {
            lines.push(format!(
                "Tỷ lệ của đơn vị dưới chỉ tiêu {n} quý liên tiếp (kể cả quý này)."
            ));
        }
        if let Some(text) = &unit.explanation {
            lines.push(format!("Giải trình của đơn vị (như đơn vị ghi): “{text}”"));
        }
        if let Some(place) = report.place(&unit.code) {
            let group = match unit.group {
                Group::I => "bộ, cơ quan (nhóm I)",
                Group::II => "tỉnh, thành phố trực thuộc Trung ương (nhóm II)",
            };
            lines.push(match place {
                Place::Ranked(rank) => format!(
                    "Tỷ lệ của đơn vị xếp thứ {}/{} trong các {group} có báo cáo hợp lệ, xếp từ cao xuống thấp.",
                    rank.place, rank.of
                ),
                Place::AwaitingConfirmation => format!(
                    "Tỷ lệ của đơn vị chưa xếp hạng trong các {group}: số liệu chờ xác nhận."
                ),
            });
        }
        let reasons = unit.reason_texts(report.target, report.very_low, &report.wording);
        if !reasons.is_empty() {
            lines.push(format!(
                "Đơn vị có tên trong {} của quý: {}.",
                list_name(report.target, &report.wording.level4),
                reasons.join("; ")
            ));
        }
        self.lines(row, &lines).map(|r| r + 1)
    }

    /// Every finding of every file charged to the unit.
    fn findings(&mut self, row: u32) -> Result<u32, XlsxError> {
        let (unit, report) = (self.unit, self.report);
        let findings = report.findings_of(&unit.code);
        if findings.is_empty() && unit.status == Status::Missing {
            return Ok(row);
        }
        self.section(row, "Nội dung cần kiểm tra, sửa")?;
        self.findings_section = self.sections;
        if findings.is_empty() {
            let none = "Không có lỗi hay cảnh báo về tệp báo cáo.".to_string();
            return self.lines(row + 1, &[none]).map(|r| r + 1);
        }
        // The unit's own files, looked in first: a finding's file is almost
        // always one of them, and a quarter can hold thousands of files.
        let own: Vec<_> = report
            .files
            .iter()
            .filter(|f| f.unit.as_deref() == Some(&unit.code))
            .collect();
        let several = own.len() > 1;
        let rows = findings
            .iter()
            .enumerate()
            .map(|(i, f)| {
                let place = match (&f.cell, several) {
                    (Some(cell), true) => format!("{}: {cell}", f.file),
                    (Some(cell), false) => cell.clone(),
                    (None, true) => f.file.clone(),
                    (None, false) => String::new(),
                };
                let typed = f.typed.clone().or_else(|| {
                    let s = own
                        .iter()
                        .copied()
                        .find(|o| o.file == f.file)
                        .or_else(|| self.report.files.iter().find(|o| o.file == f.file))?
                        .submission
                        .as_ref()?;
                    typed_at(s, f.cell.as_deref()?)
                });
                // Last quarter's figure beside what was written; a count
                // check the comparison pointed at one figure asks to check it.
                let typed = match (typed.filter(|t| !t.is_empty()), &f.previous) {
                    (Some(t), Some(before)) => format!("{t} (quý trước: {before})"),
                    (None, Some(before)) => format!("quý trước: {before}"),
                    (t, None) => t.unwrap_or_default(),
                };
                let advice = match (&f.previous, &f.cell, f.rule) {
                    (Some(before), Some(cell), Rule::Level4LeTotal | Rule::Level34LeTotal) => {
                        format!(
                            "Kiểm tra lại số liệu ở ô {cell} (quý trước: {before}) rồi gửi lại."
                        )
                    }
                    _ => advice(f.rule).to_string(),
                };
                vec![
                    Out::Index(i + 1),
                    Out::Text(f.message.clone()),
                    Out::Text(f.severity.vietnamese().to_string()),
                    Out::Text(place),
                    Out::Text(typed),
                    Out::Text(advice),
                ]
            })
            .collect();
        let headers = [
            "TT",
            "Nội dung",
            "Loại",
            "Vị trí (ô)",
            "Giá trị đã ghi",
            "Đề nghị",
        ];
        let end = table(self.sheet, self.styles, row + 1, &WIDTHS, &headers, rows)?;
        Ok(end + 1)
    }

    /// The day a corrected report is asked for by. Returns the last row written.
    fn deadline(&mut self, row: u32) -> Result<u32, XlsxError> {
        let (unit, report) = (self.unit, self.report);
        let by = report.resubmission.by.format("%d/%m/%Y");
        // An accepted unit's errors can only be on files not used (a draft
        // it replaced): it is asked to resend only if its figures are wrong.
        let n = self.findings_section;
        let ask = match unit.status {
            Status::Accepted if unit.held_back.is_some() => format!(
                "Đề nghị đơn vị gửi giải trình về thay đổi nêu ở mục 1 (hoặc báo cáo đã sửa, nếu số liệu chưa đúng) trước ngày {by}."
            ),
            Status::Missing => format!(
                "Đề nghị đơn vị gửi báo cáo {} trước ngày {by}.",
                report.quarter.vietnamese()
            ),
            Status::Rejected => format!(
                "Đề nghị đơn vị sửa các lỗi nêu ở mục {n} và gửi lại báo cáo trước ngày {by}."
            ),
            Status::Accepted => format!(
                "Nếu số liệu trên chưa đúng, đề nghị đơn vị gửi lại báo cáo đã sửa trước ngày {by}; nếu đúng, đề nghị lưu ý các nội dung trên ở các kỳ sau."
            ),
        };
        self.section(row, "Thời hạn gửi lại")?;
        // The request and the line under it are one block on one page.
        keep_with_next(row + 1);
        self.prose(row + 1, &ask, Kind::Text)?;
        // A unit that sent nothing is told nothing of a file it sent.
        let read_from = match unit.status {
            Status::Missing => "",
            _ => "; số liệu và vị trí ô là như đọc được từ tệp đơn vị gửi",
        };
        let issued = format!(
            "Phản hồi lập ngày {} từ kết quả tổng hợp tự động{read_from}.",
            report.resubmission.issued.format("%d/%m/%Y")
        );
        self.prose(row + 2, &issued, Kind::Italic)?;
        Ok(row + 2)
    }

    /// The submission of the file used for the unit (accepted or rejected).
    fn submission(&self) -> Option<&'a Submission> {
        let (unit, report): (&'a UnitReport, &'a QuarterReport) = (self.unit, self.report);
        let file = unit.file.as_deref()?;
        report
            .files
            .iter()
            .find(|f| f.file == file)?
            .submission
            .as_ref()
    }
}

/// `dd/mm/yyyy`.
fn day(date: chrono::NaiveDate) -> String {
    date.format("%d/%m/%Y").to_string()
}

/// When the unit's file `file` came in: the file used's own date (not the
/// first report's a correction kept), or a replaced report's.
fn sent_at(unit: &UnitReport, file: &str, chosen: bool) -> Option<crate::compare::Timeliness> {
    match (&unit.correction, chosen) {
        (Some(c), true) => c.sent,
        (Some(c), false) => c.replaced.iter().find(|(f, _)| f == file)?.1,
        (None, true) => unit.timeliness,
        (None, false) => None,
    }
}

enum Kind {
    Title,
    Addressee,
    Section,
    Text,
    Italic,
}

/// The same quarter a year before, in one line: its figures and the change
/// of the ratio since, as decided on the compare side.
fn year_ago_line(y: &crate::compare::YearAgo, now: Option<f64>, level4: &str) -> String {
    let ratio = y
        .figures
        .ratio()
        .map_or("không tính được".to_string(), crate::text::vn_percent);
    let change = match (now, y.change_points) {
        (Some(_), Some(points)) => format!(
            "; tỷ lệ quý này thay đổi {}{} điểm phần trăm",
            if points > 0.0 { "+" } else { "" },
            format!("{points:.2}").replace('.', ",")
        ),
        _ => String::new(),
    };
    format!(
        "Cùng kỳ năm trước ({}): tổng số TTHC {}, số {level4} {}, tỷ lệ {ratio}{change}.",
        y.quarter.vietnamese(),
        crate::text::vn_count(y.figures.total),
        crate::text::vn_count(y.figures.level4),
    )
}
