//! Report dates: as typed, and whether one can be believed.

use chrono::NaiveDate;

use super::context::{EARLIEST_DAYS, ReadContext};
use crate::quarter::Quarter;

/// Why a report date cannot be right: after the run's date, or long before
/// its quarter began. None when it can.
pub fn implausible(date: NaiveDate, quarter: Quarter, context: &ReadContext) -> Option<String> {
    let earliest = quarter.first_day() - chrono::Duration::days(EARLIEST_DAYS);
    if date > context.today {
        Some(format!(
            "sau ngày chạy tổng hợp ({})",
            context.today.format("%d/%m/%Y")
        ))
    } else if date < earliest {
        Some(format!(
            "quá xa trước khi {} bắt đầu ({})",
            quarter.vietnamese(),
            quarter.first_day().format("%d/%m/%Y")
        ))
    } else {
        None
    }
}

/// `05/04/2020`, `5-4-2020`, `ngày 05 tháng 04 năm 2020`.
pub fn parse_date_text(text: &str) -> Option<NaiveDate> {
    let numbers: Vec<u32> = text
        .split(|c: char| !c.is_ascii_digit())
        .filter(|s| !s.is_empty())
        .map(|s| s.parse().ok())
        .collect::<Option<_>>()?;
    match numbers.as_slice() {
        [d, m, y] if *y >= 1900 => NaiveDate::from_ymd_opt(*y as i32, *m, *d),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_dates_as_written() {
        let d = NaiveDate::from_ymd_opt(2020, 4, 5);
        assert_eq!(parse_date_text("05/04/2020"), d);
        assert_eq!(parse_date_text("ngày 05 tháng 04 năm 2020"), d);
        assert_eq!(parse_date_text("tháng 4"), None);
    }
}
