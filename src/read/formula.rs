//! The formulas a report's figures are computed by, evaluated where they are
//! plain arithmetic over the sheet's own cells (`=SUM(E8:E10)`,
//! `=SUBTOTAL(9,E8:E10)`, `=E8+E9-E10`, `=ROUND(E12/C12*100,2)`), so that a
//! result saved but never computed, or computed before its inputs changed,
//! is told from a true one: a spreadsheet program that never recalculated
//! (LibreOffice saving a script's file as `.xls` or `.ods`) saves 0 as the
//! figure. Anything else (other sheets, other functions, text in the
//! arithmetic) says nothing: the saved result stands.

use std::collections::HashSet;

use super::grid::{CellValue, Grid};

/// Cells a range may span and still be summed.
const MAX_RANGE_CELLS: u64 = 100_000;
/// Formulas referring to formulas, at most this deep.
const MAX_DEPTH: usize = 16;

#[derive(Debug, Clone, PartialEq)]
enum Token {
    Number(f64),
    Ref(u32, u32),
    /// A structured reference to an Excel table's column: `Bảng1[Tổng
    /// số]`, or `[Tổng số]` for the table holding the formula.
    Column(Option<String>, String),
    Name(String),
    Open,
    Close,
    Separator,
    Colon,
    Op(char),
    Percent,
}

/// `E8` → (7, 4); `$E$8` too.
fn cell_ref(text: &str) -> Option<(u32, u32)> {
    let t = text.replace('$', "");
    let letters: String = t.chars().take_while(|c| c.is_ascii_alphabetic()).collect();
    let digits = &t[letters.len()..];
    if letters.is_empty() || letters.len() > 3 || digits.is_empty() {
        return None;
    }
    if !digits.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let col = letters.chars().fold(0u32, |acc, c| {
        acc * 26 + (c.to_ascii_uppercase() as u32 - 'A' as u32 + 1)
    });
    let row: u32 = digits.parse().ok()?;
    Some((row.checked_sub(1)?, col.checked_sub(1)?))
}

/// The tokens of a formula; None for anything outside the small language
/// (strings, other sheets, structured references, array constants).
fn tokens(formula: &str) -> Option<Vec<Token>> {
    let text = formula.trim();
    let ods = text.starts_with("of:");
    let text = text.strip_prefix("of:").unwrap_or(text);
    let text = text.strip_prefix('=').unwrap_or(text);
    // `[.E8:.E10]`, `[.E8]`: an .ods reference to this sheet.
    let text = if ods {
        text.replace("[.", "").replace(":.", ":").replace(']', "")
    } else {
        text.to_string()
    };
    if text.contains(['!', '"', '{', '\'', '#', '@']) || (ods && text.contains('[')) {
        return None;
    }
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        match c {
            ' ' => i += 1,
            '(' => {
                out.push(Token::Open);
                i += 1;
            }
            '[' => {
                let end = chars[i..].iter().position(|c| *c == ']')? + i;
                let column: String = chars[i + 1..end].iter().collect();
                if column.contains(['[', ',']) {
                    return None;
                }
                out.push(Token::Column(None, column));
                i = end + 1;
            }
            ')' => {
                out.push(Token::Close);
                i += 1;
            }
            ',' | ';' => {
                out.push(Token::Separator);
                i += 1;
            }
            ':' => {
                out.push(Token::Colon);
                i += 1;
            }
            '%' => {
                out.push(Token::Percent);
                i += 1;
            }
            '+' | '-' | '*' | '/' => {
                out.push(Token::Op(c));
                i += 1;
            }
            c if c.is_ascii_digit() || c == '.' => {
                let start = i;
                while i < chars.len() && (chars[i].is_ascii_digit() || chars[i] == '.') {
                    i += 1;
                }
                let number: String = chars[start..i].iter().collect();
                out.push(Token::Number(number.parse().ok()?));
            }
            c if c.is_alphabetic() || c == '$' || c == '_' => {
                let start = i;
                while i < chars.len()
                    && (chars[i].is_alphanumeric() || matches!(chars[i], '$' | '_' | '.'))
                {
                    i += 1;
                }
                let word: String = chars[start..i].iter().collect();
                if chars.get(i) == Some(&'[') {
                    // `Bảng1[Tổng số]`: the table's name, then its column.
                    let end = chars[i..].iter().position(|c| *c == ']')? + i;
                    let column: String = chars[i + 1..end].iter().collect();
                    if column.contains(['[', ',']) {
                        return None;
                    }
                    out.push(Token::Column(Some(word), column));
                    i = end + 1;
                    continue;
                }
                match cell_ref(&word) {
                    Some((r, c)) if chars.get(i) != Some(&'(') => out.push(Token::Ref(r, c)),
                    _ => out.push(Token::Name(word.to_ascii_uppercase())),
                }
            }
            _ => return None,
        }
    }
    Some(out)
}

/// A value while evaluating: a number, or the cells of a range.
enum Val {
    Number(f64),
    Cells(Vec<(u32, u32)>),
}

struct Evaluator<'g> {
    grid: &'g Grid,
    /// Formula cells being evaluated: a reference back is a cycle.
    open: HashSet<(u32, u32)>,
    /// The cell whose formula is being read (for `[Column]`).
    at: (u32, u32),
}

/// The value of the formula in the cell at `pos`, where it can be computed.
pub fn evaluate(grid: &Grid, pos: (u32, u32)) -> Option<f64> {
    Evaluator {
        grid,
        open: HashSet::new(),
        at: pos,
    }
    .cell_formula(pos)
}

impl Evaluator<'_> {
    fn cell_formula(&mut self, pos: (u32, u32)) -> Option<f64> {
        if self.open.len() >= MAX_DEPTH || !self.open.insert(pos) {
            return None;
        }
        let formula = self.grid.get(pos)?.formula.clone()?;
        let tokens = tokens(&formula)?;
        let outer = std::mem::replace(&mut self.at, pos);
        let mut parser = Parser {
            tokens: &tokens,
            at: 0,
        };
        // `=F20`, `=(F20)`: one cell's value is the formula's.
        let value = parser.expression(self).and_then(|v| number(self, v));
        self.open.remove(&pos);
        self.at = outer;
        match (value, parser.at == tokens.len()) {
            (Some(n), true) if n.is_finite() => Some(n),
            _ => None,
        }
    }

    /// A referenced cell as a number: blank is 0, a formula its own value
    /// where it can be computed (else its saved result); text is unknown.
    fn number_at(&mut self, pos: (u32, u32)) -> Option<f64> {
        let Some(cell) = self.grid.get(pos) else {
            return Some(0.0);
        };
        if self.open.contains(&pos) {
            // A formula that refers back to itself.
            return None;
        }
        if cell.formula.is_some() {
            if let Some(n) = self.cell_formula(pos) {
                return Some(n);
            }
            if cell.formula_without_result {
                return None;
            }
        }
        match &cell.value {
            CellValue::Number(n) => Some(*n),
            CellValue::Empty => Some(0.0),
            CellValue::Bool(b) => Some(f64::from(u8::from(*b))),
            _ => None,
        }
    }

    /// The sum of a range's numbers, as SUM takes them (text passed over);
    /// for SUBTOTAL, other subtotals passed over and, when `visible_only`,
    /// hidden rows.
    fn sum(&mut self, cells: &[(u32, u32)], subtotal: bool, visible_only: bool) -> Option<f64> {
        let mut total = 0.0;
        for &pos in cells {
            if visible_only && self.grid.row_hidden(pos.0) {
                continue;
            }
            let Some(cell) = self.grid.get(pos) else {
                continue;
            };
            if subtotal
                && cell
                    .formula
                    .as_deref()
                    .is_some_and(|f| f.to_ascii_uppercase().contains("SUBTOTAL("))
            {
                continue;
            }
            match &cell.value {
                CellValue::Text(_) | CellValue::Bool(_) if cell.formula.is_none() => {}
                _ => total += self.number_at(pos)?,
            }
        }
        Some(total)
    }

    /// The numbers of a range, as MAX and MIN take them (blanks and text
    /// passed over).
    fn numbers_in(&mut self, cells: &[(u32, u32)]) -> Option<Vec<f64>> {
        let mut out = Vec::new();
        for &pos in cells {
            let Some(cell) = self.grid.get(pos) else {
                continue;
            };
            match &cell.value {
                CellValue::Number(_) => out.push(self.number_at(pos)?),
                _ if cell.formula.is_some() => out.push(self.number_at(pos)?),
                _ => {}
            }
        }
        Some(out)
    }

    /// The data cells of a table's column: the named table, else the one
    /// holding the formula's cell.
    fn table_column(&self, table: Option<&str>, column: &str) -> Option<Vec<(u32, u32)>> {
        let within = |t: &&super::appearance::ListObject| {
            let ((r1, c1), (r2, c2)) = t.area;
            (r1..=r2).contains(&self.at.0) && (c1..=c2).contains(&self.at.1)
        };
        let list = match table {
            Some(name) => self
                .grid
                .tables
                .iter()
                .find(|t| t.name.eq_ignore_ascii_case(name))?,
            None => self.grid.tables.iter().find(within)?,
        };
        let index = list
            .columns
            .iter()
            .position(|c| c.trim().to_lowercase() == column.trim().to_lowercase())?;
        let col = list.first_col + index as u32;
        let (first, last) = list.data;
        if last < first || u64::from(last - first) > MAX_RANGE_CELLS {
            return None;
        }
        Some((first..=last).map(|row| (row, col)).collect())
    }

    fn call(&mut self, name: &str, args: Vec<Val>) -> Option<f64> {
        let name = name.trim_start_matches("_XLFN.");
        let numbers = |args: &[Val], this: &mut Self, subtotal: bool, visible: bool| {
            let mut total = 0.0;
            for arg in args {
                total += match arg {
                    Val::Number(n) => *n,
                    Val::Cells(cells) => this.sum(cells, subtotal, visible)?,
                };
            }
            Some(total)
        };
        match name {
            "SUM" => numbers(&args, self, false, false),
            "SUBTOTAL" => {
                let Some(Val::Number(kind)) = args.first() else {
                    return None;
                };
                match *kind as i64 {
                    9 => numbers(&args[1..], self, true, false),
                    109 => numbers(&args[1..], self, true, true),
                    _ => None,
                }
            }
            "ROUND" => {
                let [Val::Number(x), Val::Number(digits)] = args.as_slice() else {
                    return None;
                };
                let factor = 10f64.powi(*digits as i32);
                Some((x * factor).round() / factor)
            }
            "ABS" | "INT" if args.len() == 1 => {
                let x = number(self, args.into_iter().next()?)?;
                Some(if name == "ABS" { x.abs() } else { x.floor() })
            }
            "MAX" | "MIN" => {
                let mut found: Option<f64> = None;
                for arg in args {
                    let values = match arg {
                        Val::Number(n) => vec![n],
                        Val::Cells(cells) => self.numbers_in(&cells)?,
                    };
                    for v in values {
                        found = Some(match found {
                            None => v,
                            Some(f) if name == "MAX" => f.max(v),
                            Some(f) => f.min(v),
                        });
                    }
                }
                // No number at all: 0, as the spreadsheet shows.
                Some(found.unwrap_or(0.0))
            }
            _ => None,
        }
    }
}

struct Parser<'t> {
    tokens: &'t [Token],
    at: usize,
}

impl Parser<'_> {
    fn peek(&self) -> Option<&Token> {
        self.tokens.get(self.at)
    }

    fn next(&mut self) -> Option<Token> {
        let t = self.tokens.get(self.at).cloned();
        self.at += 1;
        t
    }

    fn expression(&mut self, ev: &mut Evaluator) -> Option<Val> {
        let mut left = self.term(ev)?;
        while let Some(Token::Op(op @ ('+' | '-'))) = self.peek().cloned() {
            self.at += 1;
            let right = self.term(ev)?;
            let (a, b) = (number(ev, left)?, number(ev, right)?);
            left = Val::Number(if op == '+' { a + b } else { a - b });
        }
        Some(left)
    }

    fn term(&mut self, ev: &mut Evaluator) -> Option<Val> {
        let mut left = self.factor(ev)?;
        while let Some(Token::Op(op @ ('*' | '/'))) = self.peek().cloned() {
            self.at += 1;
            let right = self.factor(ev)?;
            let (a, b) = (number(ev, left)?, number(ev, right)?);
            left = Val::Number(if op == '*' {
                a * b
            } else if b == 0.0 {
                return None;
            } else {
                a / b
            });
        }
        Some(left)
    }

    fn factor(&mut self, ev: &mut Evaluator) -> Option<Val> {
        let mut value = match self.next()? {
            Token::Op('-') => {
                let inner = self.factor(ev)?;
                Val::Number(-number(ev, inner)?)
            }
            Token::Op('+') => self.factor(ev)?,
            Token::Number(n) => Val::Number(n),
            Token::Open => {
                let inner = self.expression(ev)?;
                (self.next()? == Token::Close).then_some(inner)?
            }
            Token::Ref(r, c) => match self.peek() {
                Some(Token::Colon) => {
                    self.at += 1;
                    let Some(Token::Ref(r2, c2)) = self.next() else {
                        return None;
                    };
                    let (r0, r1) = (r.min(r2), r.max(r2));
                    let (c0, c1) = (c.min(c2), c.max(c2));
                    let size = u64::from(r1 - r0 + 1) * u64::from(c1 - c0 + 1);
                    if size > MAX_RANGE_CELLS {
                        return None;
                    }
                    Val::Cells(
                        (r0..=r1)
                            .flat_map(|row| (c0..=c1).map(move |col| (row, col)))
                            .collect(),
                    )
                }
                _ => Val::Cells(vec![(r, c)]),
            },
            Token::Column(table, column) => Val::Cells(ev.table_column(table.as_deref(), &column)?),
            Token::Name(name) => {
                if self.next()? != Token::Open {
                    return None;
                }
                let mut args = Vec::new();
                if self.peek() == Some(&Token::Close) {
                    self.at += 1;
                } else {
                    loop {
                        args.push(self.expression(ev)?);
                        match self.next()? {
                            Token::Separator => {}
                            Token::Close => break,
                            _ => return None,
                        }
                    }
                }
                Val::Number(ev.call(&name, args)?)
            }
            _ => return None,
        };
        if self.peek() == Some(&Token::Percent) {
            self.at += 1;
            value = Val::Number(number(ev, value)? / 100.0);
        }
        Some(value)
    }
}

/// A value as one number: a single cell's, never a range's.
fn number(ev: &mut Evaluator, value: Val) -> Option<f64> {
    match value {
        Val::Number(n) => Some(n),
        Val::Cells(cells) if cells.len() == 1 => ev.number_at(cells[0]),
        Val::Cells(_) => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::read::grid::RawCell;
    use calamine::Data;

    fn grid(cells: &[((u32, u32), Data, Option<&str>)]) -> Grid {
        Grid::from_cells(
            "Báo cáo",
            cells.iter().map(|(pos, value, formula)| RawCell {
                pos: *pos,
                value: value.clone(),
                formula: formula.map(str::to_string),
                font: None,
            }),
            false,
        )
    }

    #[test]
    fn computes_what_reports_compute_and_nothing_else() {
        let g = grid(&[
            ((7, 4), Data::Float(10.0), None),
            ((8, 4), Data::Float(20.0), None),
            ((9, 4), Data::String("ghi chú".into()), None),
            ((10, 4), Data::Float(0.0), Some("SUM(E8:E10)")),
            (
                (11, 4),
                Data::Float(0.0),
                Some("of:=SUBTOTAL(9;[.E8:.E10])"),
            ),
            ((12, 4), Data::Float(0.0), Some("=E8+E9*2-E11")),
            ((13, 4), Data::Float(0.0), Some("ROUND(E8/E9*100,2)")),
            ((14, 4), Data::Float(0.0), Some("Sheet2!E8")),
            ((15, 4), Data::Float(0.0), Some("E8+E10")),
            ((16, 4), Data::Float(0.0), Some("VLOOKUP(E8,A1:B2,2)")),
            ((17, 4), Data::Float(0.0), Some("E18+1")),
            (
                (18, 4),
                Data::Float(0.0),
                Some("SUM($E$8:$E$9)+SUBTOTAL(9,E8:E12)"),
            ),
            ((19, 4), Data::Float(0.0), Some("E8")),
            ((20, 4), Data::Float(0.0), Some("=($E$9)")),
            ((21, 4), Data::Float(0.0), Some("MAX(E8:E10)")),
            ((22, 4), Data::Float(0.0), Some("INT(E9/3)")),
            ((23, 4), Data::Float(0.0), Some("MIN(E8,E9)")),
            ((24, 4), Data::Float(0.0), Some("COUNTIF(E8:E9,\">5\")")),
            ((25, 4), Data::Float(0.0), Some("SUM(E:E)")),
        ]);
        let cases = [
            ((10, 4), Some(30.0)),
            ((11, 4), Some(30.0)),
            ((12, 4), Some(20.0)),
            ((13, 4), Some(50.0)),
            ((14, 4), None),
            ((15, 4), None),
            ((16, 4), None),
            ((17, 4), None),
            // E8:E9, then E8:E12 with the subtotal in E12 passed over
            // and the text in E10 too: 30 + (10 + 20 + 30).
            ((18, 4), Some(90.0)),
            // One cell, MAX (text passed over), INT, MIN; COUNTIF and
            // whole columns are not computed.
            ((19, 4), Some(10.0)),
            ((20, 4), Some(20.0)),
            ((21, 4), Some(20.0)),
            ((22, 4), Some(6.0)),
            ((23, 4), Some(10.0)),
            ((24, 4), None),
            ((25, 4), None),
        ];
        for (pos, want) in cases {
            assert_eq!(evaluate(&g, pos), want, "{pos:?}");
        }
    }
}
