//! A saved e-mail (`.eml`): its attachments are taken like an archive's
//! entries, and its `Date:` is the day the report was received, in Vietnam
//! time (UTC+7), for judging timeliness when the workbook has no report date.

use chrono::{DateTime, Datelike, FixedOffset, NaiveDate};
use mail_parser::{MessageParser, MimeHeaders};
use std::path::Path;

use super::{Item, MAX_ENTRIES, Origin, Refused, VIETNAM_OFFSET_SECONDS, names::escape};
use crate::finding::Rule;

/// A `Date:` outside these years is a typo or a forgery, not a received date.
const PLAUSIBLE_YEARS: std::ops::RangeInclusive<i32> = 2000..=2100;

/// Opens the message at `path` (already within `limits.max_file_bytes`),
/// writing its attachments into `folder`.
pub fn open(path: &Path, origin: &Origin, folder: &Path) -> Result<(Item, Vec<Item>), Refused> {
    let bytes = std::fs::read(path)
        .map_err(|e| Refused::new(Rule::FileUnreadable, format!("Không đọc được tệp: {e}.")))?;
    let Some(message) = MessageParser::default().parse(&bytes) else {
        return Err(Refused::new(
            Rule::ArchiveRefused,
            "Tệp thư điện tử (.eml) bị hỏng, không đọc được.",
        ));
    };
    let received = message.date().and_then(|d| received_on(d.to_timestamp()));
    let attachments: Vec<_> = message.attachments().collect();
    if attachments.len() > MAX_ENTRIES {
        return Err(Refused::too_many("Thư có", attachments.len()));
    }
    let mut inner = Vec::new();
    let mut taken: Vec<String> = Vec::new();
    for (i, part) in attachments.iter().enumerate() {
        let raw = part
            .attachment_name()
            .map(|n| n.rsplit(['/', '\\']).next().unwrap_or(n).to_string())
            .filter(|n| !n.is_empty() && n != "." && n != "..")
            .unwrap_or_else(|| format!("tep-dinh-kem-{}", i + 1));
        let mut shown = escape(raw.as_bytes());
        // Two attachments of one name stay two files.
        if taken.contains(&shown) {
            shown = format!("{} ({})", shown, i + 1);
        }
        taken.push(shown.clone());
        let mut attachment = origin.inside(&[], &shown);
        attachment.received = received.or(origin.received);
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
