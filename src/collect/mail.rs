//! A saved e-mail (`.eml`): its attachments are taken like an archive's
//! entries, and its `Date:` is the day the report was received, in Vietnam
//! time (UTC+7), for judging timeliness when the workbook has no report date.

use chrono::{DateTime, Datelike, FixedOffset, NaiveDate};
use mail_parser::{Message, MessageParser, MimeHeaders, PartType};
use std::path::Path;

use super::{Budget, Item, MAX_ENTRIES, Origin, Refused, VIETNAM_OFFSET_SECONDS, names::escape};
use crate::config::LimitsConfig;
use crate::finding::Rule;

/// A `Date:` outside these years is a typo or a forgery, not a received date.
const PLAUSIBLE_YEARS: std::ops::RangeInclusive<i32> = 2000..=2100;

/// Messages inside one message past this depth (a forward of a forward of
/// a forward…) are a forgery: the message is refused. The parser itself
/// nests without recursion, but the parsed tree would be dropped
/// recursively: 50,000 levels overflow the stack (see `dismantle`).
pub const MAX_MESSAGE_DEPTH: usize = 8;

/// Opens the message at `path` (already within `limits.max_file_bytes`),
/// writing its attachments into `folder`.
pub fn open(
    path: &Path,
    origin: &Origin,
    folder: &Path,
    limits: &LimitsConfig,
    budget: &mut Budget,
) -> Result<(Item, Vec<Item>), Refused> {
    let bytes = std::fs::read(path)
        .map_err(|e| Refused::new(Rule::FileUnreadable, format!("Không đọc được tệp: {e}.")))?;
    let Some(message) = MessageParser::default().parse(&bytes) else {
        return Err(Refused::new(
            Rule::ArchiveRefused,
            "Tệp thư điện tử (.eml) bị hỏng, không đọc được.",
        ));
    };
    let taken = take_attachments(&message, origin, folder, limits, budget);
    dismantle(message);
    taken
}

fn take_attachments(
    message: &Message<'_>,
    origin: &Origin,
    folder: &Path,
    limits: &LimitsConfig,
    budget: &mut Budget,
) -> Result<(Item, Vec<Item>), Refused> {
    if depth(message) > MAX_MESSAGE_DEPTH {
        return Err(Refused::new(
            Rule::ArchiveRefused,
            format!(
                "Tệp thư điện tử (.eml) chứa thư lồng trong thư quá {MAX_MESSAGE_DEPTH} cấp: không được mở. Đề nghị gửi trực tiếp bảng tính Excel."
            ),
        ));
    }
    let received = message.date().and_then(|d| received_on(d.to_timestamp()));
    let attachments: Vec<_> = message.attachments().collect();
    if attachments.len() > MAX_ENTRIES {
        return Err(Refused::too_many(
            "Thư có",
            attachments.len(),
            budget.entries,
        ));
    }
    let unpacked = attachments
        .iter()
        .map(|part| part.contents().len() as u64)
        .fold(0u64, u64::saturating_add);
    budget.take(unpacked, attachments.len(), "Thư", limits)?;
    let mut inner = Vec::new();
    let mut taken: Vec<String> = Vec::new();
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
        let mut shown = escape(raw.as_bytes());
        // Two attachments of one name stay two files.
        if taken.contains(&shown) {
            shown = format!("{} ({})", shown, i + 1);
        }
        taken.push(shown.clone());
        let mut attachment = origin.inside(&[], &shown);
        attachment.received = received.or(origin.received);
        attachment.extracted = true;
        let target = folder.join(format!("{i}"));
        match std::fs::write(&target, part.contents()) {
            Ok(()) => inner.push(Item::File {
                path: target,
                origin: attachment,
            }),
            Err(e) => inner.push(Item::decided(
                attachment,
                Rule::FileUnreadable,
                format!("Không lưu được tệp đính kèm (thư mục tạm: {e})."),
            )),
        }
    }
    let date = match received {
        Some(day) => format!("thư gửi ngày {}", day.format("%d/%m/%Y")),
        None => "không đọc được ngày gửi hợp lệ của thư".to_string(),
    };
    let container = super::opened(origin, &format!("Tệp thư điện tử ({date})"), &inner);
    Ok((container, inner))
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

/// The day a message sent at `timestamp` (Unix seconds) was received in
/// Vietnam; None outside the years a report of this job can be sent in.
fn received_on(timestamp: i64) -> Option<NaiveDate> {
    let zone = FixedOffset::east_opt(VIETNAM_OFFSET_SECONDS)?;
    let at = DateTime::from_timestamp(timestamp, 0)?;
    let day = at.with_timezone(&zone).date_naive();
    PLAUSIBLE_YEARS.contains(&day.year()).then_some(day)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_late_evening_in_hanoi_is_already_the_next_day() {
        // 2020-04-10 17:30 UTC is 00:30 on the 11th in Hà Nội.
        let at = DateTime::parse_from_rfc3339("2020-04-10T17:30:00Z").unwrap();
        assert_eq!(
            received_on(at.timestamp()),
            NaiveDate::from_ymd_opt(2020, 4, 11)
        );
        assert_eq!(received_on(i64::MAX), None);
        let year_9999 = DateTime::parse_from_rfc3339("9999-01-01T00:00:00Z").unwrap();
        assert_eq!(received_on(year_9999.timestamp()), None);
        assert_eq!(received_on(0), None);
    }
}
