//! Calendar arithmetic on UTC minutes since 1970, parsed from fixed byte positions.
//!
//! Tweet times are stored as `u32` minutes since the Unix epoch (enough until the
//! year 10 136), account creation dates as `i32` days.

use serde::{Deserialize, Serialize};

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
pub fn days_from_civil(year: i32, month: u32, day: u32) -> i32 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = month as i32;
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + day as i32 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The date of a day number: `(year, month, day)`.
pub fn civil_from_days(days: i32) -> (i32, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let year = yoe + era * 400 + i32::from(month <= 2);
    (year, month, day)
}

fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

fn digits(bytes: &[u8]) -> Option<u32> {
    if bytes.is_empty() || bytes.len() > 9 {
        return None;
    }
    bytes.iter().try_fold(0u32, |acc, &b| b.is_ascii_digit().then(|| acc * 10 + u32::from(b - b'0')))
}

fn checked_days(year: u32, month: u32, day: u32) -> Option<i32> {
    let year = i32::try_from(year).ok()?;
    ((1..=12).contains(&month) && day >= 1 && day <= days_in_month(year, month))
        .then(|| days_from_civil(year, month, day))
}

fn minutes(days: i32, hour: u32, minute: u32) -> Option<u32> {
    if hour > 23 || minute > 59 || days < 0 {
        return None;
    }
    u32::try_from(days).ok()?.checked_mul(1440)?.checked_add(hour * 60 + minute)
}

/// `YYYY-MM-DD`, as in `account_creation_date`.
pub fn parse_date(bytes: &[u8]) -> Option<i32> {
    let b = bytes.get(..10)?;
    if b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    checked_days(digits(&b[..4])?, digits(&b[5..7])?, digits(&b[8..10])?)
}

/// `YYYY-MM-DD HH:MM`, as in `tweet_time`; trailing seconds are tolerated and dropped.
pub fn parse_tweet_time(bytes: &[u8]) -> Option<u32> {
    let days = parse_date(bytes)?;
    let t = bytes.get(10..16)?;
    if t[0] != b' ' && t[0] != b'T' || t[3] != b':' {
        return None;
    }
    minutes(days, digits(&t[1..3])?, digits(&t[4..6])?)
}

/// FiveThirtyEight's `publish_date`: `M/D/YYYY H:MM`, or `M/D/YY H:MM` after a
/// spreadsheet re-saved the file (two-digit years are 20YY: the data is 2009–2018).
pub fn parse_us_date_time(bytes: &[u8]) -> Option<u32> {
    let text = std::str::from_utf8(bytes).ok()?.trim();
    let (date, time) = text.split_once(' ')?;
    let mut date_parts = date.split('/');
    let month = digits(date_parts.next()?.as_bytes())?;
    let day = digits(date_parts.next()?.as_bytes())?;
    let year_text = date_parts.next()?;
    let year = match (digits(year_text.as_bytes())?, year_text.len()) {
        (y, 2) => 2000 + y,
        (y, 4) => y,
        _ => return None,
    };
    let mut time_parts = time.trim().split(':');
    let hour = digits(time_parts.next()?.as_bytes())?;
    let minute = digits(time_parts.next()?.as_bytes())?;
    minutes(checked_days(year, month, day)?, hour, minute)
}

/// `YYYY-MM-DD HH:MM`.
pub fn format_minutes(minutes: u32) -> String {
    let (y, m, d) = civil_from_days((minutes / 1440) as i32);
    let in_day = minutes % 1440;
    format!("{y:04}-{m:02}-{d:02} {:02}:{:02}", in_day / 60, in_day % 60)
}

/// `YYYY-MM-DD`.
pub fn format_day(days: i32) -> String {
    let (y, m, d) = civil_from_days(days);
    format!("{y:04}-{m:02}-{d:02}")
}

/// `YYYY-MM`.
pub fn format_month(days: i32) -> String {
    let (y, m, _) = civil_from_days(days);
    format!("{y:04}-{m:02}")
}

/// 0 = Monday … 6 = Sunday (1970-01-01 was a Thursday).
pub fn weekday(days: i32) -> usize {
    (days + 3).rem_euclid(7) as usize
}

/// The Monday that starts the ISO week holding `days`.
pub fn week_start(days: i32) -> i32 {
    days - weekday(days) as i32
}

/// The first day of the month holding `days`.
pub fn month_start(days: i32) -> i32 {
    let (y, m, _) = civil_from_days(days);
    days_from_civil(y, m, 1)
}

/// A time window in minutes since 1970: `from` included, `to` excluded.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Range {
    pub from: u32,
    pub to: u32,
}

impl Range {
    pub fn contains(&self, minutes: u32) -> bool {
        self.from <= minutes && minutes < self.to
    }

    /// Whole days from `YYYY-MM-DD` to `YYYY-MM-DD`, both included.
    pub fn from_days(from: &str, to: &str) -> Option<Range> {
        let from = parse_date(from.as_bytes())?;
        let to = parse_date(to.as_bytes())?;
        let (from, to) = (from.min(to), from.max(to));
        Some(Range { from: u32::try_from(from).ok()? * 1440, to: (u32::try_from(to).ok()? + 1) * 1440 })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_every_day_of_four_centuries() {
        for days in -100_000..100_000 {
            let (y, m, d) = civil_from_days(days);
            assert_eq!(days_from_civil(y, m, d), days);
        }
    }

    #[test]
    fn parses_release_times() {
        let t = parse_tweet_time(b"2017-08-06 08:15").unwrap();
        assert_eq!(format_minutes(t), "2017-08-06 08:15");
        assert_eq!(parse_tweet_time(b"2017-02-29 08:15"), None);
        assert_eq!(parse_tweet_time(b"2017-08-06"), None);
        assert_eq!(parse_tweet_time(b"2017-08-06 24:00"), None);
        assert_eq!(parse_tweet_time("2017-08-06 0٨:15".as_bytes()), None);
        assert_eq!(format_day(parse_date(b"2015-11-06").unwrap()), "2015-11-06");
    }

    #[test]
    fn parses_fivethirtyeight_dates() {
        let full = parse_us_date_time(b"10/1/2017 19:58").unwrap();
        assert_eq!(format_minutes(full), "2017-10-01 19:58");
        assert_eq!(parse_us_date_time(b"10/1/17 19:58"), Some(full));
        assert_eq!(parse_us_date_time(b"13/1/17 19:58"), None);
        assert_eq!(parse_us_date_time(b"10/1/171 19:58"), None);
    }

    #[test]
    fn weeks_start_on_monday() {
        let thursday = parse_date(b"1970-01-01").unwrap();
        assert_eq!(weekday(thursday), 3);
        assert_eq!(format_day(week_start(parse_date(b"2020-09-13").unwrap())), "2020-09-07");
        assert_eq!(format_day(month_start(parse_date(b"2020-09-13").unwrap())), "2020-09-01");
    }
}
