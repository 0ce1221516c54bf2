//! Swedish typography, done in Rust because Typst formats neither Swedish dates nor amounts:
//! a leaf every stage may use (messages need dates and amounts as much as documents do).

use chrono::{Datelike, NaiveDate};

use crate::model::{DateStyle, Kronor, ParagraphNumber, RunningDateStyle};

/// The no-break space that holds amounts, `§ 15` and `kr` together on one line.
pub const NBSP: char = '\u{a0}';

const MONTHS: [&str; 12] = [
    "januari",
    "februari",
    "mars",
    "april",
    "maj",
    "juni",
    "juli",
    "augusti",
    "september",
    "oktober",
    "november",
    "december",
];

/// `8 652 580` with no-break spaces between the thousands.
pub fn amount(kronor: Kronor) -> String {
    let digits = kronor.0.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 * 2);
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(NBSP);
        }
        out.push(digit);
    }
    out
}

/// `8 652 580 kr`, unbreakable.
pub fn kronor(kronor: Kronor) -> String {
    format!("{}{NBSP}kr", amount(kronor))
}

/// `6 mars 2015`, the form of running text.
pub fn long_date(date: NaiveDate) -> String {
    format!(
        "{} {} {}",
        date.day(),
        MONTHS[date.month0() as usize],
        date.year()
    )
}

const WEEKDAYS: [&str; 7] = [
    "måndagen",
    "tisdagen",
    "onsdagen",
    "torsdagen",
    "fredagen",
    "lördagen",
    "söndagen",
];

/// A date in running text as the profile writes it: `8 mars 2023` or `onsdagen den 8 mars
/// 2023`.
pub fn running_date(style: RunningDateStyle, date: NaiveDate) -> String {
    match style {
        RunningDateStyle::Long => long_date(date),
        RunningDateStyle::Weekday => format!(
            "{} den {}",
            WEEKDAYS[date.weekday().num_days_from_monday() as usize],
            long_date(date)
        ),
    }
}

/// A date as the profile writes dates in headers and dated lines.
pub fn date(style: DateStyle, date: NaiveDate) -> String {
    match style {
        DateStyle::Iso => short_date(date),
        DateStyle::Long => long_date(date),
    }
}

/// `2015-03-24`, the form of headers.
pub fn short_date(date: NaiveDate) -> String {
    date.format("%Y-%m-%d").to_string()
}

/// `§ 15`, `§ 15 a`, or with the organ's prefix `SN § 13`; unbreakable.
pub fn paragraph(prefix: Option<&str>, number: ParagraphNumber) -> String {
    let plain = format!(
        "§{NBSP}{}",
        number.to_string().replace(' ', &NBSP.to_string())
    );
    match prefix {
        Some(prefix) => format!("{prefix}{NBSP}{plain}"),
        None => plain,
    }
}

/// `§ 12`, `§§ 1–13`, `§§ 12–18, 20, 21 a`: a run of three or more whole numbers as a
/// range, with the organ's prefix if it has one. The one way a list of §§ is written.
pub fn paragraph_list(prefix: Option<&str>, numbers: &[ParagraphNumber]) -> String {
    let tie = |n: &ParagraphNumber| n.to_string().replace(' ', &NBSP.to_string());
    let mut pieces: Vec<String> = Vec::new();
    let mut i = 0;
    while i < numbers.len() {
        let mut end = i;
        while end + 1 < numbers.len()
            && numbers[end].sub.is_none()
            && numbers[end + 1].sub.is_none()
            && numbers[end + 1].number == numbers[end].number + 1
        {
            end += 1;
        }
        if end >= i + 2 {
            pieces.push(format!("{}–{}", numbers[i].number, numbers[end].number));
            i = end + 1;
        } else {
            pieces.push(tie(&numbers[i]));
            i += 1;
        }
    }
    let signs = if numbers.len() == 1 { "§" } else { "§§" };
    let plain = format!("{signs}{NBSP}{}", pieces.join(", "));
    match prefix {
        Some(prefix) => format!("{prefix}{NBSP}{plain}"),
        None => plain,
    }
}

/// The genitive of a name: Socialnämnden → Socialnämndens, Kommunfullmäktige →
/// Kommunfullmäktiges; a name ending in s, x or z takes no extra s.
pub fn genitive(name: &str) -> String {
    match name.chars().last() {
        Some('s' | 'x' | 'z' | 'S' | 'X' | 'Z') | None => name.to_owned(),
        Some(_) => format!("{name}s"),
    }
}

/// `text` with its first letter in upper case: `nämnden` → `Nämnden`.
pub fn capitalized(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// `text` with its first letter in lower case, for a name inside a sentence:
/// `Kommunstyrelsen` → `kommunstyrelsen`.
pub fn uncapitalized(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// `A`, `A och B`, `A, B och C`.
pub fn join_and<S: AsRef<str>>(items: &[S]) -> String {
    match items {
        [] => String::new(),
        [one] => one.as_ref().to_owned(),
        [init @ .., last] => {
            let init: Vec<&str> = init.iter().map(AsRef::as_ref).collect();
            format!("{} och {}", init.join(", "), last.as_ref())
        }
    }
}

/// Tie what Swedish typography keeps on one line in text the user typed: thousands groups
/// (`3 000 000`), an amount and its unit (`750 000 kr`), `§ 15` and `kl. 13.00`.
pub fn tie_amounts(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    for (i, &c) in chars.iter().enumerate() {
        if c == ' ' && i > 0 && i + 1 < chars.len() && ties(&chars[..i], &chars[i + 1..]) {
            out.push(NBSP);
        } else {
            out.push(c);
        }
    }
    out
}

fn ties(before: &[char], after: &[char]) -> bool {
    let Some(&prev) = before.last() else {
        return false;
    };
    let is_digit = |c: Option<&char>| c.is_some_and(char::is_ascii_digit);
    let boundary = |c: Option<&char>| !c.is_some_and(|c| c.is_alphanumeric());
    let thousands_group =
        after.len() >= 3 && after[..3].iter().all(char::is_ascii_digit) && !is_digit(after.get(3));
    let unit = after.starts_with(&['k', 'r']) && boundary(after.get(2));
    let clock = before.ends_with(&['k', 'l', '.']) && boundary(before.iter().rev().nth(3));
    (prev.is_ascii_digit() && (thousands_group || unit))
        || ((prev == '§' || clock) && is_digit(after.first()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_and_dates() {
        assert_eq!(kronor(Kronor(8_652_580)), "8\u{a0}652\u{a0}580\u{a0}kr");
        assert_eq!(amount(Kronor(424_000)), "424\u{a0}000");
        assert_eq!(amount(Kronor(950)), "950");
        assert_eq!(amount(Kronor(0)), "0");
        assert_eq!(
            long_date(NaiveDate::from_ymd_opt(2015, 3, 6).unwrap()),
            "6 mars 2015"
        );
        assert_eq!(
            short_date(NaiveDate::from_ymd_opt(2015, 3, 6).unwrap()),
            "2015-03-06"
        );
        assert_eq!(genitive("Socialnämnden"), "Socialnämndens");
        let n = ParagraphNumber::parse;
        assert_eq!(paragraph(None, n("15").unwrap()), "§\u{a0}15");
        assert_eq!(
            paragraph(Some("SN"), n("15 a").unwrap()),
            "SN\u{a0}§\u{a0}15\u{a0}a"
        );
        assert_eq!(
            paragraph_list(None, &[n("12").unwrap(), n("13 a").unwrap()]),
            "§§\u{a0}12, 13\u{a0}a"
        );
        let list: Vec<ParagraphNumber> = [12, 13, 14, 15, 16, 17, 18, 20]
            .into_iter()
            .map(ParagraphNumber::new)
            .collect();
        assert_eq!(
            paragraph_list(Some("KS"), &list),
            "KS\u{a0}§§\u{a0}12–18, 20"
        );
        assert_eq!(paragraph_list(None, &list[..2]), "§§\u{a0}12, 13");
        assert_eq!(paragraph_list(None, &list[..1]), "§\u{a0}12");
        assert_eq!(genitive("Kommunfullmäktige"), "Kommunfullmäktiges");
        assert_eq!(
            running_date(
                RunningDateStyle::Weekday,
                NaiveDate::from_ymd_opt(2023, 3, 8).unwrap()
            ),
            "onsdagen den 8 mars 2023"
        );
        assert_eq!(
            genitive("Stadsdelsnämnderna Järvas"),
            "Stadsdelsnämnderna Järvas"
        );
    }

    #[test]
    fn ties_amounts_units_and_paragraph_signs_only() {
        assert_eq!(
            tie_amounts("ca 3 000 000 kr för § 15 år 2015 och 12 krukor"),
            "ca 3\u{a0}000\u{a0}000\u{a0}kr för §\u{a0}15 år 2015 och 12 krukor"
        );
        assert_eq!(
            tie_amounts("kl. 13.00 och spökl. 3"),
            "kl.\u{a0}13.00 och spökl. 3"
        );
        assert_eq!(tie_amounts("projekt 12 och 13"), "projekt 12 och 13");
        assert_eq!(tie_amounts("år 2015 1234"), "år 2015 1234");
    }
}
