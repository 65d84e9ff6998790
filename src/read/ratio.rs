//! A typed ratio can be read more than one way: `1` is 1% or 100%, `0,5` is
//! 0.5% or 50%, `0.342` is 0.342%, 34.2% or (dot as thousands) 342%. The
//! reading taken is the one closest to the unit's own counts; without them,
//! a number above 1 is a percentage and one up to 1 a fraction.

use crate::text::parse_number;

/// The unit's ratio as a fraction (0.3845 for 38,45%). `value` and
/// `percent` are what the cell gave; `typed` is its text as typed, empty for
/// a number cell; `counts` are (total, level4) when both were read.
pub fn ratio_reading(value: f64, percent: bool, typed: &str, counts: Option<(u64, u64)>) -> f64 {
    let default = if percent || value > 1.0 {
        value / 100.0
    } else {
        value
    };
    let Some((total, level4)) = counts.filter(|(t, _)| *t > 0) else {
        return default;
    };
    let computed = level4 as f64 / total as f64;
    let mut numbers = vec![value];
    if let Some(decimal) = dot_as_decimal(typed) {
        numbers.push(decimal);
    }
    let mut readings = vec![default];
    for n in numbers {
        readings.push(n / 100.0);
        if !percent && n <= 1.0 {
            readings.push(n);
        }
    }
    readings
        .into_iter()
        .min_by(|a, b| (a - computed).abs().total_cmp(&(b - computed).abs()))
        .unwrap_or(default)
}

/// `0.342` read with the dot as a decimal point (the Vietnamese reading
/// takes it for thousands).
fn dot_as_decimal(typed: &str) -> Option<f64> {
    let t = typed.trim().trim_end_matches('%').trim();
    if t.matches('.').count() != 1 || t.contains(',') {
        return None;
    }
    let read = parse_number(t)?.value;
    let decimal: f64 = t.parse().ok()?;
    (read != decimal).then_some(decimal)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn takes_the_reading_the_counts_agree_with() {
        // (value as read, percent, typed, total, level4, want)
        let cases = [
            (1.0, false, "1", 1000, 10, 0.01),
            (1.0, false, "", 10, 10, 1.0),
            (0.5, false, "0,5", 1000, 5, 0.005),
            (0.5, false, "0,5", 1000, 500, 0.5),
            (342.0, false, "0.342", 100_000, 342, 0.00342),
            (342.0, false, "0.342", 1000, 342, 0.342),
            (38.45, true, "38,45%", 1961, 754, 0.3845),
            (0.3845, false, "", 1961, 754, 0.3845),
        ];
        for (value, percent, typed, total, level4, want) in cases {
            let got = ratio_reading(value, percent, typed, Some((total, level4)));
            assert!(
                (got - want).abs() < 1e-12,
                "{typed:?} {value}: got {got}, want {want}"
            );
        }
    }

    #[test]
    fn without_counts_a_number_above_one_is_a_percentage() {
        assert_eq!(ratio_reading(38.45, false, "38,45", None), 0.3845);
        assert_eq!(ratio_reading(0.3845, false, "", None), 0.3845);
    }
}
