//! A saved e-mail (`.eml`), opened in a reader process: its attachments are
//! taken like an archive's entries, and its `Date:` goes back to the run,
//! which judges whether it can stand for the day the report was received.
//!
//! Decoded as Python's `email` and `mail-parser` agree: a message whose
//! last boundary was never closed (`--XX--` missing, as some mail clients
//! save it) has its open parts closed at the end of the file, so the last
//! attachment is decoded like the others, never left as base64 text.

use mail_parser::{Message, MessageParser, MimeHeaders, PartType};

use super::names::unique;
use super::unpack::{Extractor, Listed, Unpack};
use super::{MAX_ENTRIES, Refused};
use crate::config::LimitsConfig;
use crate::finding::Rule;
use crate::text::escape;

/// Messages inside one message past this depth (a forward of a forward of
/// a forward…) are a forgery: the message is refused. The parser itself
/// nests without recursion, but the parsed tree would be dropped
/// recursively: 50,000 levels overflow the stack (see `dismantle`).
pub const MAX_MESSAGE_DEPTH: usize = 8;

/// Opens the message `bytes` (already within `limits.max_file_bytes`),
/// writing its attachments out through `out`.
pub fn open(
    bytes: &[u8],
    request: &Unpack,
    limits: &LimitsConfig,
    out: &mut Extractor,
) -> Result<bool, Refused> {
    let broken = || {
        Refused::new(
            Rule::ArchiveRefused,
            "Tệp thư điện tử (.eml) bị hỏng, không đọc được.",
        )
    };
    let first = MessageParser::default().parse(bytes).ok_or_else(broken)?;
    let closers = unclosed(&first, bytes);
    if closers.is_empty() {
        let taken = take_attachments(&first, request, limits, out);
        dismantle(first);
        return taken;
    }
    dismantle(first);
    let mut closed = bytes.to_vec();
    for boundary in closers {
        closed.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
    }
    let message = MessageParser::default().parse(&closed).ok_or_else(broken)?;
    let taken = take_attachments(&message, request, limits, out);
    dismantle(message);
    taken
}

/// The boundaries of the message's multipart parts that are never closed
/// in `bytes`, the innermost (last opened) first. The closing lines are
/// gathered in one pass: a message of thousands of parts costs one scan,
/// never one per part.
fn unclosed(message: &Message<'_>, bytes: &[u8]) -> Vec<String> {
    let closed: std::collections::HashSet<&[u8]> = bytes
        .split(|&b| b == b'\n')
        .map(|line| line.trim_ascii_end())
        .filter_map(|line| line.strip_prefix(b"--")?.strip_suffix(b"--"))
        .collect();
    let mut open: Vec<String> = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for part in &message.parts {
        if !matches!(part.body, PartType::Multipart(_)) {
            continue;
        }
        let Some(boundary) = part
            .content_type()
            .and_then(|t| t.attribute("boundary"))
            .filter(|b| !b.is_empty() && !b.contains(['\r', '\n']))
        else {
            continue;
        };
        if !closed.contains(boundary.as_bytes()) && seen.insert(boundary) {
            open.push(boundary.to_string());
        }
    }
    open.reverse();
    open
}

fn take_attachments(
    message: &Message<'_>,
    request: &Unpack,
    limits: &LimitsConfig,
    out: &mut Extractor,
) -> Result<bool, Refused> {
    if depth(message) > MAX_MESSAGE_DEPTH {
        return Err(Refused::new(
            Rule::ArchiveRefused,
            format!(
                "Tệp thư điện tử (.eml) chứa thư lồng trong thư quá {MAX_MESSAGE_DEPTH} cấp: không được mở. Đề nghị gửi trực tiếp bảng tính Excel."
            ),
        ));
    }
    out.listing.sent = message.date().map(|d| d.to_timestamp());
    let attachments: Vec<_> = message.attachments().collect();
    if attachments.len() > MAX_ENTRIES {
        return Err(Refused::too_many(
            "Thư có",
            attachments.len(),
            request.budget.entries,
        ));
    }
    let unpacked = attachments
        .iter()
        .map(|part| part.contents().len() as u64)
        .fold(0u64, u64::saturating_add);
    let mut budget = request.budget.clone();
    budget.take(unpacked, attachments.len(), "Thư", limits)?;
    out.listing.used = super::Budget {
        bytes: unpacked,
        entries: attachments.len(),
    };
    let mut taken = std::collections::HashSet::new();
    for (i, part) in attachments.iter().enumerate() {
        let raw = part
            .attachment_name()
            .map(|n| n.rsplit(['/', '\\']).next().unwrap_or(n).to_string())
            .filter(|n| !n.is_empty() && n != "." && n != "..")
            .unwrap_or_else(|| format!("tep-dinh-kem-{}", i + 1));
        // A forwarded message is an e-mail of its own: named so that it is
        // opened as one (within `MAX_NESTING`), never read as plain text.
        let raw = if part.is_message() && !raw.to_ascii_lowercase().ends_with(".eml") {
            format!("{raw}.eml")
        } else {
            raw
        };
        // Two attachments of one name stay two files, shown as two names.
        let parts = unique(vec![escape(raw.as_bytes())], &mut taken);
        let contents = part.contents();
        let size = contents.len() as u64;
        if !out.room(size) {
            out.unread(&parts.join("/"));
            continue;
        }
        out.write(i, contents, size, Listed::new(parts));
    }
    Ok(true)
}

/// How many messages deep the deepest message inside `message` lies (0: no
/// message inside), counted without recursion.
fn depth(message: &Message<'_>) -> usize {
    let mut deepest = 0;
    let mut pending = vec![(message, 0usize)];
    while let Some((message, level)) = pending.pop() {
        deepest = deepest.max(level);
        if level > MAX_MESSAGE_DEPTH {
            break;
        }
        for part in &message.parts {
            if let PartType::Message(inner) = &part.body {
                pending.push((inner, level + 1));
            }
        }
    }
    deepest
}

/// Drops a parsed message without recursion: messages nested thousands deep
/// would otherwise be dropped one stack frame per level.
fn dismantle(message: Message<'_>) {
    let mut pending = vec![message];
    while let Some(mut message) = pending.pop() {
        for part in &mut message.parts {
            if let PartType::Message(_) = &part.body {
                let body = std::mem::replace(&mut part.body, PartType::Multipart(Vec::new()));
                if let PartType::Message(inner) = body {
                    pending.push(inner);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_unclosed_boundary_is_closed_innermost_first() {
        let text = "Content-Type: multipart/mixed; boundary=\"OUT\"\r\n\r\n--OUT\r\nContent-Type: multipart/alternative; boundary=\"IN\"\r\n\r\n--IN\r\nContent-Type: text/plain\r\n\r\nhi\r\n";
        let message = MessageParser::default().parse(text.as_bytes()).unwrap();
        assert_eq!(unclosed(&message, text.as_bytes()), ["IN", "OUT"]);
        let closed = format!("{text}--IN--\r\n--OUT--\r\n");
        let message = MessageParser::default().parse(closed.as_bytes()).unwrap();
        assert!(unclosed(&message, closed.as_bytes()).is_empty());
    }
}
