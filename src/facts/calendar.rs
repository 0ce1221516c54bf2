//! Swedish dates that the law counts: public holidays (lag 1989:253), the days equated with
//! them for deadlines (lag 1930:173: midsommar-, jul- and nyårsafton), and the anslag's
//! dates under Kommunallagen.

use chrono::{Datelike, Duration, NaiveDate, Weekday};

/// Easter Sunday of `year` (Gregorian; the anonymous algorithm of Meeus, Jones, Butcher).
pub fn easter(year: i32) -> NaiveDate {
    let a = year % 19;
    let b = year / 100;
    let c = year % 100;
    let d = b / 4;
    let e = b % 4;
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15) % 30;
    let i = c / 4;
    let k = c % 4;
    let l = (32 + 2 * e + 2 * i - h - k) % 7;
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let day = (h + l - 7 * m + 114) % 31 + 1;
    date(year, month as u32, day as u32)
}

fn date(year: i32, month: u32, day: u32) -> NaiveDate {
    // Every caller passes a day that exists (fixed holidays, or Easter's own result).
    NaiveDate::from_ymd_opt(year, month, day).unwrap_or_default()
}

/// The first `weekday` on or after `from`.
fn first_on_or_after(from: NaiveDate, weekday: Weekday) -> NaiveDate {
    let ahead = (7 + weekday.num_days_from_monday() - from.weekday().num_days_from_monday()) % 7;
    from + Duration::days(i64::from(ahead))
}

/// Midsommarafton: the Friday between 19 and 25 June.
pub fn midsummer_eve(year: i32) -> NaiveDate {
    first_on_or_after(date(year, 6, 19), Weekday::Fri)
}

/// The public holidays of `year` and the eves the law equates with them, with names.
pub fn holidays(year: i32) -> Vec<(NaiveDate, &'static str)> {
    let easter = easter(year);
    let midsummer_eve = midsummer_eve(year);
    vec![
        (date(year, 1, 1), "nyårsdagen"),
        (date(year, 1, 6), "trettondedag jul"),
        (easter - Duration::days(2), "långfredagen"),
        (easter, "påskdagen"),
        (easter + Duration::days(1), "annandag påsk"),
        (date(year, 5, 1), "första maj"),
        (easter + Duration::days(39), "Kristi himmelsfärds dag"),
        (easter + Duration::days(49), "pingstdagen"),
        (date(year, 6, 6), "Sveriges nationaldag"),
        (midsummer_eve, "midsommarafton"),
        (midsummer_eve + Duration::days(1), "midsommardagen"),
        (
            first_on_or_after(date(year, 10, 31), Weekday::Sat),
            "alla helgons dag",
        ),
        (date(year, 12, 24), "julafton"),
        (date(year, 12, 25), "juldagen"),
        (date(year, 12, 26), "annandag jul"),
        (date(year, 12, 31), "nyårsafton"),
    ]
}

/// Whether a deadline may end on `day`: not a Saturday, Sunday, public holiday or one of
/// the eves equated with them.
pub fn is_working_day(day: NaiveDate) -> bool {
    !matches!(day.weekday(), Weekday::Sat | Weekday::Sun)
        && !holidays(day.year())
            .iter()
            .any(|(holiday, _)| *holiday == day)
}

/// A deadline that falls on a day it may not end on moves to the next working day
/// (lag 1930:173).
pub fn deadline(day: NaiveDate) -> NaiveDate {
    let mut day = day;
    while !is_working_day(day) {
        day += Duration::days(1);
    }
    day
}

/// Appeals (laglighetsprövning, KL 13 kap. 5 §) run three weeks from the day the anslag
/// was posted; the anslag stays up that long.
pub fn appeal_deadline(posted: NaiveDate) -> NaiveDate {
    deadline(posted + Duration::weeks(3))
}

/// The anslag must be posted no later than the second day after justering (KL 8 kap. 12 §);
/// a statutory time like any other, so a weekend or holiday moves it (lag 1930:173).
pub fn latest_posting(adjusted: NaiveDate) -> NaiveDate {
    deadline(adjusted + Duration::days(2))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap_or_default()
    }

    #[test]
    fn easter_and_midsummer_of_known_years() {
        let easter_days = [
            (2015, "2015-04-05"),
            (2024, "2024-03-31"),
            (2025, "2025-04-20"),
            (2026, "2026-04-05"),
            (2027, "2027-03-28"),
            (2028, "2028-04-16"),
            (2029, "2029-04-01"),
            (2030, "2030-04-21"),
        ];
        for (year, day) in easter_days {
            assert_eq!(easter(year), d(day), "easter {year}");
        }
        let midsummer_eves = [
            (2015, "2015-06-19"),
            (2024, "2024-06-21"),
            (2025, "2025-06-20"),
            (2026, "2026-06-19"),
            (2027, "2027-06-25"),
            (2028, "2028-06-23"),
            (2029, "2029-06-22"),
            (2030, "2030-06-21"),
        ];
        for (year, day) in midsummer_eves {
            assert_eq!(midsummer_eve(year), d(day), "midsommarafton {year}");
        }
    }

    #[test]
    fn holidays_of_2024() {
        let names: Vec<(String, &str)> = holidays(2024)
            .into_iter()
            .map(|(day, name)| (day.to_string(), name))
            .collect();
        for expected in [
            ("2024-03-29", "långfredagen"),
            ("2024-04-01", "annandag påsk"),
            ("2024-05-09", "Kristi himmelsfärds dag"),
            ("2024-05-19", "pingstdagen"),
            ("2024-06-22", "midsommardagen"),
            ("2024-11-02", "alla helgons dag"),
        ] {
            assert!(
                names.contains(&(expected.0.to_owned(), expected.1)),
                "{expected:?}"
            );
        }
    }

    #[test]
    fn deadlines_move_past_weekends_holidays_and_eves() {
        assert_eq!(
            deadline(d("2024-05-08")),
            d("2024-05-08"),
            "a Wednesday stays"
        );
        assert_eq!(
            deadline(d("2024-05-09")),
            d("2024-05-10"),
            "Kristi himmelsfärds dag"
        );
        assert_eq!(
            deadline(d("2024-06-21")),
            d("2024-06-24"),
            "midsommarafton, then the weekend"
        );
        assert_eq!(
            deadline(d("2024-12-24")),
            d("2024-12-27"),
            "julafton, juldagen, annandag jul"
        );
        assert_eq!(
            deadline(d("2025-12-31")),
            d("2026-01-02"),
            "nyårsafton and nyårsdagen"
        );
        assert_eq!(deadline(d("2026-01-03")), d("2026-01-05"), "a Saturday");
        assert_eq!(
            deadline(d("2015-04-03")),
            d("2015-04-07"),
            "långfredagen to annandag påsk"
        );
    }

    #[test]
    fn the_anslag_of_a_meeting() {
        // Posted Tuesday 2015-03-31: three weeks on is Tuesday 2015-04-21.
        assert_eq!(appeal_deadline(d("2015-03-31")), d("2015-04-21"));
        // Posted 2024-05-31: three weeks on is midsommarafton 2024-06-21, so Monday the 24th.
        assert_eq!(appeal_deadline(d("2024-05-31")), d("2024-06-24"));
        assert_eq!(latest_posting(d("2024-05-28")), d("2024-05-30"));
        // Justerat Friday 2026-05-22: the second day is a Sunday, so Monday may still post.
        assert_eq!(latest_posting(d("2026-05-22")), d("2026-05-25"));
        // Justerat 2024-12-22: julafton, juldagen, annandag jul, then Friday the 27th.
        assert_eq!(latest_posting(d("2024-12-22")), d("2024-12-27"));
    }
}
