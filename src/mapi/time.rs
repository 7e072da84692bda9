//! FILETIME (100 ns ticks since 1601-01-01 UTC) ↔ ISO 8601, exact to the tick.

const TICKS_PER_SECOND: u64 = 10_000_000;
const SECONDS_PER_DAY: u64 = 86_400;
/// Days from 1601-01-01 to 1970-01-01.
const DAYS_1601_TO_1970: i64 = 134_774;

/// `2024-05-01T10:20:30.1234567Z` for a FILETIME; `None` past year 9999.
pub fn format_filetime(ticks: u64) -> Option<String> {
    let seconds = ticks / TICKS_PER_SECOND;
    let fraction = ticks % TICKS_PER_SECOND;
    let days = i64::try_from(seconds / SECONDS_PER_DAY)
        .ok()?
        .checked_sub(DAYS_1601_TO_1970)?;
    let rem = seconds % SECONDS_PER_DAY;
    let (y, m, d) = civil_from_days(days);
    if y > 9999 {
        return None;
    }
    let mut out = format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}",
        rem / 3600,
        (rem / 60) % 60,
        rem % 60
    );
    if fraction != 0 {
        let digits = format!("{fraction:07}");
        out.push('.');
        out.push_str(digits.trim_end_matches('0'));
    }
    out.push('Z');
    Some(out)
}

/// The FILETIME of an ISO 8601 UTC time as written by [`format_filetime`]
/// (fraction of 0 to 7 digits, `Z` required).
pub fn parse_filetime(text: &str) -> Option<u64> {
    let text = text.strip_suffix(['Z', 'z'])?;
    let (date, time) = text.split_once(['T', 't', ' '])?;
    let mut date_parts = date.splitn(3, '-');
    let y: i64 = number(date_parts.next()?, 4)?;
    let m: u32 = number(date_parts.next()?, 2)?;
    let d: u32 = number(date_parts.next()?, 2)?;
    let (clock, fraction) = match time.split_once('.') {
        Some((clock, fraction)) => (clock, fraction),
        None => (time, ""),
    };
    let mut clock_parts = clock.splitn(3, ':');
    let hh: u64 = number(clock_parts.next()?, 2)?;
    let mm: u64 = number(clock_parts.next()?, 2)?;
    let ss: u64 = number(clock_parts.next()?, 2)?;
    if !(1601..=9999).contains(&y) || !(1..=12).contains(&m) || d == 0 || d > days_in_month(y, m) {
        return None;
    }
    if hh > 23 || mm > 59 || ss > 59 || fraction.len() > 7 {
        return None;
    }
    let ticks_fraction = if fraction.is_empty() {
        0
    } else {
        if !fraction.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        format!("{fraction:0<7}").parse::<u64>().ok()?
    };
    let days = u64::try_from(days_from_civil(y, m, d).checked_add(DAYS_1601_TO_1970)?).ok()?;
    // hh < 24, mm < 60, ss < 60 were checked above
    let clock = hh
        .checked_mul(3600)?
        .checked_add(mm.checked_mul(60)?)?
        .checked_add(ss)?;
    let seconds = days.checked_mul(SECONDS_PER_DAY)?.checked_add(clock)?;
    seconds
        .checked_mul(TICKS_PER_SECOND)?
        .checked_add(ticks_fraction)
}

fn number<T: std::str::FromStr>(text: &str, width: usize) -> Option<T> {
    if text.len() != width || !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    text.parse().ok()
}

fn days_in_month(y: i64, m: u32) -> u32 {
    match m {
        2 if y % 4 == 0 && (y % 100 != 0 || y % 400 == 0) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Hinnant's algorithm).
/// Only called with years 1601–9999, so no step comes near overflowing.
#[allow(clippy::arithmetic_side_effects)]
fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(m);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(d) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The date of a day count since 1970-01-01. Only called with counts from a
/// `u64` FILETIME (|z| < 2^26 days), so no step comes near overflowing.
#[allow(clippy::arithmetic_side_effects)]
fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    (
        y,
        u32::try_from(m).unwrap_or(1),
        u32::try_from(d).unwrap_or(1),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn epoch_and_known_dates() {
        assert_eq!(format_filetime(0).unwrap(), "1601-01-01T00:00:00Z");
        // 1970-01-01 is 116444736000000000 ticks.
        assert_eq!(
            format_filetime(116_444_736_000_000_000).unwrap(),
            "1970-01-01T00:00:00Z"
        );
        assert_eq!(
            parse_filetime("1970-01-01T00:00:00Z"),
            Some(116_444_736_000_000_000)
        );
    }

    #[test]
    fn round_trips_to_the_tick() {
        for ticks in [
            1,
            9_999_999,
            133_596_000_001_234_567,
            2_650_467_743_999_999_999,
        ] {
            let text = format_filetime(ticks).unwrap();
            assert_eq!(parse_filetime(&text), Some(ticks), "{text}");
        }
        assert_eq!(
            format_filetime(133_596_000_001_234_567).unwrap(),
            "2024-05-08T00:00:00.1234567Z"
        );
    }

    #[test]
    fn rejects_nonsense() {
        assert_eq!(parse_filetime("2024-02-30T00:00:00Z"), None);
        assert_eq!(parse_filetime("2024-01-01T00:00:00"), None);
        assert_eq!(parse_filetime("2024-01-01T00:00:00.12345678Z"), None);
        assert_eq!(format_filetime(u64::MAX), None);
    }
}
