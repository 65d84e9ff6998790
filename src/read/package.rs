//! The parts of an Office Open XML package (a zip), found the way calamine
//! finds them: part names compared without case and with `\` read as `/`
//! (some writers store `xl\workbook.xml`, tafia/calamine#530), and the main
//! document is the target of the package's `officeDocument` relationship in
//! `_rels/.rels`, wherever it lies (`workbook.xml` at the root of a minimal
//! package is as good as `xl/workbook.xml`).

use std::collections::BTreeMap;
use std::io::{Cursor, Read};

/// `_rels/.rels` larger than this is not read: a real one is under 1 KB.
const RELS_LIMIT: u64 = 1 << 20;

pub type Zip<'a> = zip::ZipArchive<Cursor<&'a [u8]>>;

/// The package's part names, by their folded form.
pub struct Parts {
    by_folded: BTreeMap<String, String>,
}

/// A part name as calamine compares it: `\` as `/`, ASCII case ignored.
fn folded(name: &str) -> String {
    name.replace('\\', "/").to_ascii_lowercase()
}

impl Parts {
    pub fn of(zip: &Zip) -> Parts {
        let by_folded = zip
            .file_names()
            .filter_map(|n| n.ok())
            .map(|n| (folded(&n), n.into_owned()))
            .collect();
        Parts { by_folded }
    }

    /// The stored name of the part at `path`, if the package has it.
    pub fn find(&self, path: &str) -> Option<&str> {
        self.by_folded.get(&folded(path)).map(String::as_str)
    }

    pub fn has(&self, path: &str) -> bool {
        self.find(path).is_some()
    }

    /// Reads the part at `path`, at most `limit` bytes of it, as text.
    pub fn read(&self, zip: &mut Zip, path: &str, limit: u64) -> Option<String> {
        let entry = zip.by_name(self.find(path)?).ok()?;
        let mut text = String::new();
        entry.take(limit).read_to_string(&mut text).ok()?;
        Some(text)
    }

    /// The main document's path (`xl/workbook.xml`, `workbook.xml`,
    /// `word/document.xml`…) as `_rels/.rels` names it, without a leading `/`.
    pub fn main_document(&self, zip: &mut Zip) -> Option<String> {
        let rels = self.read(zip, "_rels/.rels", RELS_LIMIT)?;
        let target = relationships(&rels)
            .into_iter()
            .find(|(kind, _)| kind.ends_with("/relationships/officeDocument"))
            .map(|(_, target)| target)?;
        Some(target.trim_start_matches('/').to_string())
    }
}

/// The (Type, Target) of each `<Relationship>` element of a `.rels` part.
fn relationships(xml: &str) -> Vec<(String, String)> {
    xml.split('<')
        .filter(|tag| {
            let name = tag.split_whitespace().next().unwrap_or("");
            name.rsplit(':').next() == Some("Relationship")
        })
        .filter_map(|tag| Some((attribute(tag, "Type")?, attribute(tag, "Target")?)))
        .collect()
}

/// Each `<Relationship>` of a `.rels` part by its Id: (Type, Target).
pub fn relationships_by_id(xml: &str) -> BTreeMap<String, (String, String)> {
    xml.split('<')
        .filter(|tag| {
            let name = tag.split_whitespace().next().unwrap_or("");
            name.rsplit(':').next() == Some("Relationship")
        })
        .filter_map(|tag| {
            Some((
                attribute(tag, "Id")?,
                (attribute(tag, "Type")?, attribute(tag, "Target")?),
            ))
        })
        .collect()
}

/// The value of attribute `name` in the text of one tag, either quote.
pub(super) fn attribute(tag: &str, name: &str) -> Option<String> {
    let mut rest = tag;
    while let Some(at) = rest.find(name) {
        let before = rest[..at].chars().next_back();
        let after = rest[at + name.len()..].trim_start();
        rest = &rest[at + name.len()..];
        if !before.is_some_and(char::is_whitespace) {
            continue;
        }
        let Some(value) = after.strip_prefix('=') else {
            continue;
        };
        let value = value.trim_start();
        let quote = value.chars().next()?;
        if quote != '"' && quote != '\'' {
            return None;
        }
        let value = &value[1..];
        return Some(unescape(&value[..value.find(quote)?]));
    }
    None
}

fn unescape(value: &str) -> String {
    value
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_relationships_as_writers_write_them() {
        let cases = [
            (
                r#"<Relationships xmlns="x"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#,
                "xl/workbook.xml",
            ),
            (
                "<Relationships>\n  <Relationship Id='r'\n   Type='http://purl.oclc.org/ooxml/officeDocument/relationships/officeDocument'\n   Target='/workbook.xml'/>\n</Relationships>",
                "/workbook.xml",
            ),
            (
                r#"<pr:Relationships><pr:Relationship Target="a&amp;b.xml" Type="t/relationships/officeDocument" Id="x"/></pr:Relationships>"#,
                "a&b.xml",
            ),
        ];
        for (xml, target) in cases {
            let found = relationships(xml);
            assert_eq!(found.len(), 1, "{xml}");
            assert_eq!(found[0].1, target, "{xml}");
        }
        // `TargetMode` is not `Target`, nor is `xType` `Type`.
        assert_eq!(
            attribute(r#"Relationship TargetMode="External" Target="t""#, "Target"),
            Some("t".to_string())
        );
        assert_eq!(attribute(r#"Relationship xType="a""#, "Type"), None);
    }

    #[test]
    fn part_names_fold_like_calamine() {
        assert_eq!(folded("xl\\Workbook.XML"), "xl/workbook.xml");
    }
}
