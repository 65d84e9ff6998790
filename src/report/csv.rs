//! CSV as spreadsheet programs and mail merges read it: RFC 4180 quoting,
//! CRLF line ends, and a cell that a spreadsheet would take for a formula
//! (`=`, `+`, `-`, `@`, a tab or a carriage return first) written with a
//! leading apostrophe, so text from a submission or the roster is never run.

/// The byte order mark Excel needs to read the file as UTF-8.
pub const BOM: &str = "\u{feff}";

/// One cell: neutralised when it could start a formula, quoted when it
/// holds a comma, a quote or a line break.
pub fn cell(text: &str) -> String {
    // What reorders or hides text is shown escaped, as in the workbooks;
    // a tab or carriage return first still makes the cell neutralised.
    let text = match text.chars().next() {
        Some(first @ ('\t' | '\r')) => format!("{first}{}", crate::text::visible(&text[1..])),
        _ => crate::text::visible(text).into_owned(),
    };
    let neutral = match text.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{text}"),
        _ => text.to_string(),
    };
    if neutral.contains([',', '"', '\r', '\n']) {
        format!("\"{}\"", neutral.replace('"', "\"\""))
    } else {
        neutral
    }
}

/// One record, its cells escaped, ended by CRLF.
pub fn record<S: AsRef<str>>(cells: &[S]) -> String {
    let cells: Vec<String> = cells.iter().map(|c| cell(c.as_ref())).collect();
    format!("{}\r\n", cells.join(","))
}

#[cfg(test)]
mod tests {
    #[test]
    fn cells_are_quoted_and_formulas_neutralised() {
        let cases = [
            ("Hà Nội", "Hà Nội"),
            ("", ""),
            ("a,b", "\"a,b\""),
            ("say \"hi\"", "\"say \"\"hi\"\"\""),
            ("two\nlines", "\"two\nlines\""),
            ("=HYPERLINK(\"x\")", "\"'=HYPERLINK(\"\"x\"\")\""),
            ("+84 24", "'+84 24"),
            ("-1", "'-1"),
            ("@SUM(A1)", "'@SUM(A1)"),
            ("\tx", "'\tx"),
            ("\rx", "\"'\rx\""),
            ("a=b", "a=b"),
            ("x\u{202e}y\u{200b}", "x\\u{202e}y\\u{200b}"),
        ];
        for (text, want) in cases {
            assert_eq!(super::cell(text), want, "{text:?}");
        }
        assert_eq!(super::record(&["a", "b,c"]), "a,\"b,c\"\r\n");
    }
}
