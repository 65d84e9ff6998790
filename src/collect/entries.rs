//! What a reader found in an archive or e-mail, made into things found:
//! each entry named inside its container, its dates judged against the
//! run's quarter and date, the container's own decision, and the entries
//! past the run's budget named in one finding.

use chrono::{DateTime, NaiveDate, NaiveDateTime, TimeZone};
use std::path::Path;

use super::unpack::Listing;
use super::{Item, Origin};
use crate::config::LimitsConfig;
use crate::finding::Rule;
use crate::quarter::vietnam;
use crate::read::ReadContext;
use crate::text::vn_count;

/// The zip format's zero date: what a tool writes when it has no time.
const ZIP_ZERO_DATE: (i32, u32, u32) = (1980, 1, 1);

/// The container's item and its entries' items, in the container's order.
pub(super) fn items(
    listing: &Listing,
    origin: &Origin,
    folder: &Path,
    context: &ReadContext,
    limits: &LimitsConfig,
    is_mail: bool,
) -> (Item, Vec<Item>) {
    let (received, mail_doubt, what) = match (is_mail, listing.sent) {
        (false, _) => (None, None, "Tệp nén zip".to_string()),
        (true, None) => (
            None,
            None,
            "Tệp thư điện tử (không đọc được ngày gửi của thư)".to_string(),
        ),
        (true, Some(sent)) => match sent_day(sent, context) {
            Ok(day) => (
                Some(day),
                None,
                format!("Tệp thư điện tử (thư gửi ngày {})", day.format("%d/%m/%Y")),
            ),
            Err(why) => (
                None,
                Some(format!(
                    "Ngày gửi ghi trong thư “{}” {why}: không dùng để xét nộp đúng hạn.",
                    origin.name
                )),
                format!("Tệp thư điện tử (ngày gửi ghi trong thư {why}, không được dùng)"),
            ),
        },
    };
    let mut inner = Vec::new();
    for listed in &listing.entries {
        let Some((file_part, folders)) = listed.parts.split_last() else {
            continue;
        };
        let mut entry = origin.inside(folders, file_part);
        entry.extracted = true;
        if is_mail {
            entry.received = received.or(origin.received);
            entry.doubtful.extend(mail_doubt.clone());
        }
        if let Some(saved) = listed.saved {
            match saved_time(saved, context) {
                Ok(time) => entry.modified = Some(time),
                Err(why) => entry.doubtful.push(format!(
                    "Thời điểm lưu tệp ghi trong tệp nén ({}) {why}: không dùng để xét nộp đúng hạn; dùng thời điểm của tệp chứa nó.",
                    saved.format("%d/%m/%Y %H:%M")
                )),
            }
        }
        entry.digest = listed.sha256.clone().map(|sha| (listed.size, sha));
        inner.push(match (&listed.file, &listed.decided) {
            (_, Some((rule, message))) => Item::decided(entry, *rule, message.clone()),
            (Some(file), None) => Item::File {
                path: folder.join(file),
                origin: entry,
            },
            (None, None) => Item::decided(
                entry,
                Rule::FileUnreadable,
                "Tệp trong tệp nén không giải nén được.",
            ),
        });
    }
    let held = listing.entries.len() as u64 + listing.unread_count;
    let mut more = listing.notes.clone();
    if listing.unread_count > 0 {
        more.push((Rule::FileOverBudget, over_budget(listing, origin, limits)));
    }
    let container = Item::Decided {
        origin: origin.clone(),
        rule: Rule::ArchiveOpened,
        message: format!(
            "{what}: chứa {} tệp, mỗi tệp được xét riêng (tên “{}/…”).",
            vn_count(held),
            origin.name
        ),
        more,
    };
    (container, inner)
}

/// The one finding naming the entries past the run's budget.
fn over_budget(listing: &Listing, origin: &Origin, limits: &LimitsConfig) -> String {
    const SHOWN: usize = 10;
    let shown: Vec<String> = listing
        .unread
        .iter()
        .take(SHOWN)
        .map(|n| format!("“{}/{n}”", origin.name))
        .collect();
    let rest = listing.unread_count.saturating_sub(shown.len() as u64);
    let rest = match rest {
        0 => String::new(),
        n => format!(" và {} tệp khác", vn_count(n)),
    };
    format!(
        "Lần chạy đã nhận đủ {} tệp (limits.max_files) hoặc {} byte (limits.max_total_bytes), tính cả các tệp trong tệp nén và thư: {} tệp trong tệp này không được đọc: {}{rest}. Đề nghị gửi riêng từng báo cáo; nếu số tệp của quý đúng là nhiều như vậy, người vận hành nâng giới hạn trong dvctt.toml.",
        vn_count(limits.max_files),
        vn_count(limits.max_total_bytes),
        vn_count(listing.unread_count),
        shown.join(", ")
    )
}

/// The day (Vietnam time) a message sent at `sent` (seconds since 1970)
/// arrived, when it can stand for the day the report was received: not
/// after the run's date, not long before the quarter (the bounds a report
/// date is held to); else why not.
fn sent_day(sent: i64, context: &ReadContext) -> Result<NaiveDate, String> {
    let zone = vietnam();
    let Some(at) = DateTime::from_timestamp(sent, 0) else {
        return Err("không phải một ngày có thật".to_string());
    };
    let day = at.with_timezone(&zone).date_naive();
    match crate::read::implausible(day, context.quarter, context) {
        None => Ok(day),
        Some(why) => Err(format!("({}) {why}", day.format("%d/%m/%Y"))),
    }
}

/// A zip entry's saved time (local time, taken as Vietnam time) when it can
/// stand for the time the report was saved: within the quarter or after it,
/// and not after the run's date. The zip format's zero date (1980-01-01),
/// or any time before the quarter began, means "unknown".
fn saved_time(
    saved: NaiveDateTime,
    context: &ReadContext,
) -> Result<std::time::SystemTime, String> {
    let day = saved.date();
    let zero = NaiveDate::from_ymd_opt(ZIP_ZERO_DATE.0, ZIP_ZERO_DATE.1, ZIP_ZERO_DATE.2);
    if Some(day) == zero {
        return Err("là ngày “không rõ” của định dạng zip".to_string());
    }
    if day < context.quarter.first_day() {
        return Err(format!(
            "trước khi {} bắt đầu ({})",
            context.quarter.vietnamese(),
            context.quarter.first_day().format("%d/%m/%Y")
        ));
    }
    if day > context.today {
        return Err(format!(
            "sau ngày chạy tổng hợp ({})",
            context.today.format("%d/%m/%Y")
        ));
    }
    let zone = vietnam();
    let at = zone
        .from_local_datetime(&saved)
        .single()
        .ok_or_else(|| "không phải một thời điểm có thật".to_string())?;
    Ok(at.into())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn context() -> ReadContext {
        let today = NaiveDate::from_ymd_opt(2020, 4, 15).unwrap();
        ReadContext::new("2020-Q1".parse().ok(), today)
    }

    #[test]
    fn dates_that_say_unknown_are_not_believed() {
        let at = |s: &str| NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap();
        let cases = [
            ("1980-01-01 00:00", false),
            ("2019-12-31 23:59", false),
            ("2020-01-01 00:00", true),
            ("2020-04-12 08:00", true),
            ("2020-04-15 23:00", true),
            ("2020-04-16 00:00", false),
            ("2107-12-31 23:59", false),
        ];
        for (saved, believed) in cases {
            assert_eq!(
                saved_time(at(saved), &context()).is_ok(),
                believed,
                "{saved}"
            );
        }
        let sent = |s: &str| DateTime::parse_from_rfc3339(s).unwrap().timestamp();
        // 17:30 UTC on the 10th is the 11th in Hà Nội.
        assert_eq!(
            sent_day(sent("2020-04-10T17:30:00Z"), &context()),
            Ok(NaiveDate::from_ymd_opt(2020, 4, 11).unwrap())
        );
        for doubtful in [
            "2000-01-01T00:00:00Z",
            "2100-01-01T00:00:00Z",
            "2020-04-16T00:00:00+07:00",
        ] {
            assert!(sent_day(sent(doubtful), &context()).is_err(), "{doubtful}");
        }
        assert!(sent_day(i64::MAX, &context()).is_err());
    }
}
