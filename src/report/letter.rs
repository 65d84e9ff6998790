//! `cong-van-<quarter>.docx`: the draft letter that goes out with the
//! appendix, like Letter 929/BTTTT-THH. The words come from the letter
//! template (`crate::letter_template`), the figures from the finished report; this
//! module fills the template's context and lays the blocks out in the format
//! of Decree 30/2020/NĐ-CP: A4, Times New Roman, the two-column heading
//! block without borders, the signature block with the name left blank.

use docx_rs::{
    AlignmentType, Docx, Header, LineSpacing, PageMargin, PageNum, Paragraph, Run, RunFonts,
    SpecialIndentType, Table, TableCell, TableCellMargins, TableLayoutType, TableRow, WidthType,
};

use crate::compare::{PreviousPooled, QuarterReport, UnitReport};
use crate::letter_template::{Blocks, CommonContext, Context, GroupContext, PreviousContext};
use crate::roster::Group;
use crate::text::{vn_count, vn_percent};

/// A4, in twentieths of a point.
const PAGE: (u32, u32) = (11906, 16838);
/// Decree 30/2020/NĐ-CP, appendix I: top and bottom 20-25 mm, left 30-35 mm,
/// right 15-20 mm. 1 mm = 56.7 twips.
const MARGIN_TOP: i32 = 1134; // 20 mm
const MARGIN_BOTTOM: i32 = 1134; // 20 mm
const MARGIN_LEFT: i32 = 1701; // 30 mm
const MARGIN_RIGHT: i32 = 851; // 15 mm
const TEXT_WIDTH: usize = PAGE.0 as usize - MARGIN_LEFT as usize - MARGIN_RIGHT as usize;
/// The heading block reaches a little into the side margins, as the
/// administrative letters commonly do, so that `BỘ THÔNG TIN VÀ TRUYỀN THÔNG` and the
/// motto's first line each fit on one line at 12 pt.
const HEADING_INTO_LEFT_MARGIN: usize = 425; // 7.5 mm
const HEADING_INTO_RIGHT_MARGIN: usize = 283; // 5 mm
const HEADING_WIDTH: usize = TEXT_WIDTH + HEADING_INTO_LEFT_MARGIN + HEADING_INTO_RIGHT_MARGIN;
/// Its left column (issuing body, number, subject).
const LEFT_COLUMN: usize = 4500;
/// Space left and right inside a cell of the two-column blocks.
const CELL_PADDING: usize = 57; // 1 mm
/// The body's first-line indent: 1 cm to 1.27 cm.
const FIRST_LINE: i32 = 624; // 11 mm
/// Font sizes in half-points.
const BODY: usize = 28; // 14 pt
const HEADING: usize = 24; // 12 pt
const SUBJECT: usize = 24; // 12 pt
const RECIPIENTS_LIST: usize = 22; // 11 pt
const FONT: &str = "Times New Roman";

/// What the letter is given from the report: figures in Vietnamese style.
pub fn context(report: &QuarterReport) -> Context {
    let quarter = report.quarter;
    let words = &report.wording;
    let totals = report.totals(None);
    let share = |f: f64| format!("{}%", short_number(f * 100.0));
    let previous = report.previous_pooled().map(previous_context);
    Context {
        quarter: quarter.vietnamese(),
        quarter_number: quarter.roman().to_string(),
        year: quarter.year,
        level4: words.level4.clone(),
        issuer: words.issuer.clone(),
        nation: words.nation.clone(),
        ministry: words.ministry.clone(),
        letter_code: words.letter_code.clone(),
        target: report.target.map(share),
        very_low: share(report.very_low),
        pooled: totals.pooled_ratio.map(vn_percent),
        previous,
        expected: totals.expected,
        accepted: totals.accepted,
        ministries: group(report, Group::I),
        provinces: group(report, Group::II),
        appendix_file: crate::reports_dir::output_names(quarter)[1].clone(),
        letter_year: quarter.plus(1).year,
        drafter: words.drafter().to_string(),
        unconfirmed: report
            .awaiting_confirmation()
            .iter()
            .map(|u| u.name.clone())
            .collect(),
        unconfirmed_left_out: report.unconfirmed == crate::config::Unconfirmed::LeftOut,
    }
}

/// A pooled ratio against the quarter before, as the letter says it (the
/// overview page says each group's the same way): the change and its
/// direction as `compare` decided them, in the letter's words.
pub(super) fn previous_context(p: PreviousPooled) -> PreviousContext {
    PreviousContext {
        quarter: p.quarter.vietnamese(),
        pooled: vn_percent(p.ratio),
        change: p
            .change
            .map(|c| format!("{:.2}", c.points.abs()).replace('.', ",")),
        direction: p.change.map(|c| c.direction.as_str()),
        common: p.common.filter(|_| !p.same_units).map(|c| CommonContext {
            units: c.units,
            before: vn_percent(c.before),
            now: vn_percent(c.now),
            direction: c.direction.as_str(),
        }),
    }
}

fn group(report: &QuarterReport, group: Group) -> GroupContext {
    let totals = report.totals(Some(group));
    let standing = report.standing(group);
    let names = |units: &[&UnitReport]| units.iter().map(|u| u.name.clone()).collect();
    GroupContext {
        expected: totals.expected,
        accepted: totals.accepted,
        at_target: names(&standing.at_target),
        very_low: names(&standing.very_low),
        missing: names(&standing.missing),
        rejected: names(&standing.rejected),
    }
}

/// `30`, `12,5`, `1.961`: a number as few digits as it needs, Vietnamese style.
fn short_number(x: f64) -> String {
    let rounded = (x * 100.0).round() / 100.0;
    if rounded.fract() == 0.0 && rounded >= 0.0 {
        return vn_count(rounded as u64);
    }
    let text = format!("{rounded:.2}");
    text.trim_end_matches('0').replace('.', ",")
}

/// The letter's bytes. The same report gives the same bytes: the document's
/// dates are the quarter's last day (as the workbooks'), docx-rs writes fixed
/// zip times (1980), and its paragraph ids restart for every document.
pub fn document(report: &QuarterReport) -> Result<Vec<u8>, String> {
    let mut blocks = report
        .letter
        .render(&context(report))
        .map_err(|e| format!("mẫu công văn: {e}"))?;
    // Names and words reach the letter from the roster and the wording: what
    // reorders or hides text is shown escaped, as in the workbooks.
    for line in blocks.values_mut().flatten() {
        if let std::borrow::Cow::Owned(shown) = crate::text::visible(line) {
            *line = shown;
        }
    }
    let day = format!("{}T00:00:00Z", report.quarter.last_day().format("%Y-%m-%d"));
    let docx = layout(&blocks).created_at(&day).updated_at(&day);
    let mut bytes = std::io::Cursor::new(Vec::new());
    docx.build()
        .pack(&mut bytes)
        .map_err(|e| format!("công văn: {e}"))?;
    Ok(bytes.into_inner())
}

fn layout(blocks: &Blocks) -> Docx {
    let lines = |name: &str| blocks.get(name).cloned().unwrap_or_default();
    let mut doc = Docx::new()
        .page_size(PAGE.0, PAGE.1)
        .page_margin(PageMargin {
            top: MARGIN_TOP,
            left: MARGIN_LEFT,
            bottom: MARGIN_BOTTOM,
            right: MARGIN_RIGHT,
            header: 720,
            footer: 720,
            gutter: 0,
        })
        .default_fonts(
            RunFonts::new()
                .ascii(FONT)
                .hi_ansi(FONT)
                .cs(FONT)
                .east_asia(FONT),
        )
        .default_size(BODY)
        // Decree 30: pages numbered from 1 at the top centre, the first page's not shown.
        .header(
            Header::new().add_paragraph(
                Paragraph::new()
                    .add_page_num(PageNum::new())
                    .align(AlignmentType::Center)
                    .size(HEADING),
            ),
        )
        .first_header(Header::new())
        .title_pg()
        .add_table(heading(blocks));
    doc = recipients(&lines("kinh_gui"))
        .into_iter()
        .fold(doc, |d, p| d.add_paragraph(p));
    let body = lines("noi_dung");
    for (i, line) in body.iter().enumerate() {
        let spacing = LineSpacing::new()
            .before(if i == 0 { 240 } else { 0 })
            .after(100)
            .line(276);
        // The last two paragraphs (the last request and `Trân trọng./.`)
        // are kept with the signature block, whole: the last page always
        // carries body text above `Nơi nhận` and the signer.
        let closing = i + 2 >= body.len();
        doc = doc.add_paragraph(
            para(line, BODY, Style::Plain)
                .keep_next(closing)
                .keep_lines(closing)
                .align(AlignmentType::Both)
                .indent(
                    None,
                    Some(SpecialIndentType::FirstLine(FIRST_LINE)),
                    None,
                    None,
                )
                .line_spacing(spacing),
        );
    }
    doc.add_table(signature(blocks))
}

/// `Kính gửi:` then the recipients, one a line, aligned after the label;
/// a single recipient stays on the label's line.
fn recipients(lines: &[String]) -> Vec<Paragraph> {
    const LIST_AT: i32 = 2268; // 40 mm from the margin
    const LABEL_WIDTH: i32 = 1247; // 22 mm
    let Some((label, list)) = lines.split_first() else {
        return Vec::new();
    };
    let first = list.first().map(String::as_str).unwrap_or_default();
    let mut out = vec![
        Paragraph::new()
            .add_run(Run::new().add_text(label).size(BODY))
            .add_run(Run::new().add_tab().add_text(first).size(BODY))
            .indent(
                Some(LIST_AT),
                Some(SpecialIndentType::Hanging(LABEL_WIDTH)),
                None,
                None,
            )
            .line_spacing(LineSpacing::new().before(240).after(0)),
    ];
    for line in list.iter().skip(1) {
        out.push(
            para(line, BODY, Style::Plain)
                .align(AlignmentType::Left)
                .indent(Some(LIST_AT), None, None, None),
        );
    }
    out
}

#[derive(Clone, Copy)]
enum Style {
    Plain,
    Bold,
    Italic,
    BoldItalic,
    BoldUnderlined,
}

fn para(text: &str, size: usize, style: Style) -> Paragraph {
    let run = Run::new().add_text(text).size(size);
    let run = match style {
        Style::Plain => run,
        Style::Bold => run.bold(),
        Style::Italic => run.italic(),
        Style::BoldItalic => run.bold().italic(),
        Style::BoldUnderlined => run.bold().underline("single"),
    };
    Paragraph::new()
        .add_run(run)
        .line_spacing(LineSpacing::new().before(0).after(0))
}

fn centred(lines: &[String], style_of: impl Fn(usize) -> (usize, Style)) -> Vec<Paragraph> {
    lines
        .iter()
        .enumerate()
        .map(|(i, l)| {
            let (size, style) = style_of(i);
            para(l, size, style).align(AlignmentType::Center)
        })
        .collect()
}

fn cell(paragraphs: Vec<Paragraph>, width: usize) -> TableCell {
    let cell = TableCell::new().width(width, WidthType::Dxa);
    match paragraphs.is_empty() {
        // A cell needs a paragraph to be valid.
        true => cell.add_paragraph(Paragraph::new()),
        false => paragraphs.into_iter().fold(cell, |c, p| c.add_paragraph(p)),
    }
}

fn two_columns(rows: Vec<(Vec<Paragraph>, Vec<Paragraph>)>) -> Table {
    let right = HEADING_WIDTH - LEFT_COLUMN;
    let rows = rows
        .into_iter()
        // A block never splits across pages: split, the room left to sign
        // ran onto a page of its own, blank but for its number.
        .map(|(l, r)| TableRow::new(vec![cell(l, LEFT_COLUMN), cell(r, right)]).cant_split())
        .collect();
    Table::without_borders(rows)
        .set_grid(vec![LEFT_COLUMN, right])
        .width(HEADING_WIDTH, WidthType::Dxa)
        .layout(TableLayoutType::Fixed)
        .margins(
            TableCellMargins::new()
                .margin_left(CELL_PADDING, WidthType::Dxa)
                .margin_right(CELL_PADDING, WidthType::Dxa),
        )
        .indent(-(HEADING_INTO_LEFT_MARGIN as i32))
}

/// Issuing body over number over subject, left; nation's name and motto
/// over place and date, right. The issuing body and the motto are set as
/// `heading` describes them for the workbooks too.
fn heading(blocks: &Blocks) -> Table {
    let get = |name: &str| blocks.get(name).cloned().unwrap_or_default();
    let block = super::heading::heading_block(&get("co_quan"), &get("quoc_hieu"));
    let set = |lines: &[super::heading::Line]| -> Vec<Paragraph> {
        lines
            .iter()
            .map(|l| {
                let style = match (l.bold, l.underline) {
                    (true, true) => Style::BoldUnderlined,
                    (true, false) => Style::Bold,
                    (false, _) => Style::Plain,
                };
                // docx sizes are half-points.
                para(&l.text, (l.size * 2.0) as usize, style).align(AlignmentType::Center)
            })
            .collect()
    };
    let (left_top, right_top) = (set(&block.left), set(&block.right));
    let number = centred(&get("so"), |_| (HEADING, Style::Plain));
    let date = centred(&get("dia_danh"), |_| (BODY, Style::Italic));
    let subject = centred(&get("trich_yeu"), |_| (SUBJECT, Style::Plain));
    two_columns(vec![
        (left_top, right_top),
        (space_before(number, 160), space_before(date, 160)),
        (space_before(subject, 80), Vec::new()),
    ])
}

/// `Nơi nhận` left (its label bold italic 12 pt, the list 11 pt), the
/// signer's title right, bold, with room to sign and the name left blank.
fn signature(blocks: &Blocks) -> Table {
    let get = |name: &str| blocks.get(name).cloned().unwrap_or_default();
    let recipients: Vec<Paragraph> = get("noi_nhan")
        .iter()
        .enumerate()
        .map(|(i, l)| match i {
            0 => para(l, SUBJECT, Style::BoldItalic),
            _ => para(l, RECIPIENTS_LIST, Style::Plain),
        })
        .collect();
    let mut title = centred(&get("chuc_vu"), |_| (BODY, Style::Bold));
    // Room for the signature and the seal; the name is written by hand.
    for _ in 0..3 {
        title.push(Paragraph::new());
    }
    two_columns(vec![(
        space_before(recipients, 240),
        space_before(title, 240),
    )])
}

/// Space over the first paragraph, twips.
fn space_before(paragraphs: Vec<Paragraph>, before: u32) -> Vec<Paragraph> {
    paragraphs
        .into_iter()
        .enumerate()
        .map(|(i, p)| match i {
            0 => p.line_spacing(LineSpacing::new().before(before).after(0)),
            _ => p,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::letter_template::LetterTemplate;

    fn packed(blocks: &Blocks) -> Vec<u8> {
        let mut bytes = std::io::Cursor::new(Vec::new());
        layout(blocks).build().pack(&mut bytes).unwrap();
        bytes.into_inner()
    }

    /// docx-rs numbers paragraphs from a per-thread counter: a second letter
    /// written by the same process must still come out byte for byte the same.
    #[test]
    fn two_letters_in_one_process_are_byte_identical() {
        let blocks = LetterTemplate::shipped()
            .render(&Context::sample(true))
            .unwrap();
        let first = packed(&blocks);
        let _other = packed(
            &LetterTemplate::shipped()
                .render(&Context::sample(false))
                .unwrap(),
        );
        assert!(first == packed(&blocks));
    }

    #[test]
    fn short_numbers_drop_needless_decimals() {
        let cases = [
            (30.0, "30"),
            (12.5, "12,5"),
            (5.25, "5,25"),
            (1961.0, "1.961"),
        ];
        for (x, want) in cases {
            assert_eq!(short_number(x), want, "{x}");
        }
    }
}
