//! Swedish typography, done in Rust because Typst formats neither Swedish dates nor amounts:
//! a leaf every stage may use (messages need dates and amounts as much as documents do).

use chrono::{DateTime, Datelike, NaiveDate, Utc};

use crate::model::{
    AdjustmentDateStyle, DateStyle, Kronor, ParagraphNumber, ParagraphYear, PartyStyle,
    RunningDateStyle,
};

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

/// `12 450 tkr`: whole thousands, rounded half up, unbreakable.
pub fn tkr(kronor: Kronor) -> String {
    let thousands = kronor.0.saturating_add(500) / 1000;
    format!("{}{NBSP}tkr", amount(Kronor(thousands)))
}

/// `3,1 mnkr`: millions with one decimal, rounded half up, unbreakable.
pub fn mnkr(kronor: Kronor) -> String {
    let tenths = kronor.0.saturating_add(50_000) / 100_000;
    format!("{},{}{NBSP}mnkr", amount(Kronor(tenths / 10)), tenths % 10)
}

/// `35,8 %`: `part` as a share of `whole`, one decimal, unbreakable; `–` of nothing.
pub fn percent(part: u64, whole: u64) -> String {
    if whole == 0 {
        return "–".to_owned();
    }
    let tenths = (u128::from(part) * 1000 + u128::from(whole) / 2) / u128::from(whole);
    format!("{},{}{NBSP}%", tenths / 10, tenths % 10)
}

/// `1 fil`, `3 filer`: a count with the noun in the number it takes.
pub fn count(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

/// A number as running text writes it: one to twelve in words (`två`, `tolv`; `ett` for
/// one, as for a neuter noun like `förslag`), larger ones in digits.
pub fn number_in_words_neuter(n: usize) -> String {
    const WORDS: [&str; 12] = [
        "ett", "två", "tre", "fyra", "fem", "sex", "sju", "åtta", "nio", "tio", "elva", "tolv",
    ];
    match n.checked_sub(1).and_then(|i| WORDS.get(i)) {
        Some(word) => (*word).to_owned(),
        None => n.to_string(),
    }
}

/// `date` when its year is one a protocol can have (as for the dates in the YAML), else
/// why not, in Swedish.
pub fn plausible_year(date: NaiveDate) -> Result<NaiveDate, String> {
    let years = crate::model::text_rules::YEARS;
    if years.contains(&i64::from(date.year())) {
        Ok(date)
    } else {
        Err(format!(
            "året {} ligger utanför {}–{}; kontrollera datumet",
            date.year(),
            years.start(),
            years.end()
        ))
    }
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

/// The justering's date as the profile writes it: in its own form if it has one, else as
/// dates in headers (`header`).
pub fn adjustment_date(
    header: DateStyle,
    style: Option<AdjustmentDateStyle>,
    day: NaiveDate,
) -> String {
    match style {
        None => date(header, day),
        Some(AdjustmentDateStyle::Iso) => short_date(day),
        Some(AdjustmentDateStyle::Long) => long_date(day),
        Some(AdjustmentDateStyle::Weekday) => running_date(RunningDateStyle::Weekday, day),
    }
}

/// A document named in running text with its date: `ett tjänsteutlåtande daterat 6 mars
/// 2015`, `en tjänsteskrivelse daterad 5 september 2024`, `förvaltningens yttrande daterat
/// …`. The article and the participle agree with the noun (neuter for -ande/-ende and a
/// few words, common otherwise); a kind that opens with a genitive takes no article.
pub fn dated_document(kind: &str, date: NaiveDate) -> String {
    const NEUTER: &[&str] = &["pm", "memo", "förslag", "underlag", "yttrande", "utlåtande"];
    let kind = uncapitalized(kind.trim());
    let noun = kind
        .split_whitespace()
        .last()
        .unwrap_or_default()
        .to_lowercase();
    let neuter = noun.ends_with("ande")
        || noun.ends_with("ende")
        || NEUTER.iter().any(|n| noun.ends_with(n));
    let genitive = kind.split_whitespace().count() > 1
        && kind
            .split_whitespace()
            .next()
            .is_some_and(|w| w.ends_with('s'));
    let (article, dated) = if neuter {
        ("ett ", "daterat")
    } else {
        ("en ", "daterad")
    };
    let article = if genitive { "" } else { article };
    format!("{article}{kind} {dated} {}", long_date(date))
}

/// From one day to another, as the profile writes dates: `2023-04-12 – 2023-05-04`, or
/// `12 april – 4 maj 2023` (the year once when both days share it).
pub fn date_range(style: DateStyle, from: NaiveDate, to: NaiveDate) -> String {
    match style {
        DateStyle::Long if from.year() == to.year() => format!(
            "{} {} – {}",
            from.day(),
            MONTHS[from.month0() as usize],
            long_date(to)
        ),
        style => format!("{} – {}", date(style, from), date(style, to)),
    }
}

/// A date as the profile writes dates in headers and dated lines.
pub fn date(style: DateStyle, date: NaiveDate) -> String {
    match style {
        DateStyle::Iso => short_date(date),
        DateStyle::Long => long_date(date),
    }
}

/// The calendar day in Sweden at `at`: CET, and CEST from 01.00 UTC on the last Sunday of
/// March to 01.00 UTC on the last Sunday of October (EU directive 2000/84/EC).
pub fn day_in_sweden(at: DateTime<Utc>) -> NaiveDate {
    let last_sunday = |month: u32| {
        let last = NaiveDate::from_ymd_opt(at.year(), month, 31)?;
        let back = chrono::Days::new(u64::from(last.weekday().num_days_from_sunday()));
        Some(last.checked_sub_days(back)?.and_hms_opt(1, 0, 0)?.and_utc())
    };
    let summer = matches!((last_sunday(3), last_sunday(10)), (Some(start), Some(end)) if start <= at && at < end);
    let offset = chrono::Duration::hours(if summer { 2 } else { 1 });
    (at + offset).date_naive()
}

/// `2015-03-24`, the form of headers.
pub fn short_date(date: NaiveDate) -> String {
    date.format("%Y-%m-%d").to_string()
}

/// How a § is written: the organ's prefix before the sign (`SN § 13`), the meeting's year
/// after the number (`§ 63/24`). The default is the bare `§ 13` of messages.
#[derive(Debug, Clone, Default)]
pub struct ParagraphForm<'a> {
    pub prefix: Option<&'a str>,
    /// `/24` or `/2024`.
    pub suffix: Option<String>,
}

impl<'a> ParagraphForm<'a> {
    /// The form of the §§ of a meeting held on `date`.
    pub fn new(prefix: Option<&'a str>, year: ParagraphYear, date: NaiveDate) -> Self {
        let suffix = match year {
            ParagraphYear::None => None,
            ParagraphYear::TwoDigits => Some(format!("/{:02}", date.year().rem_euclid(100))),
            ParagraphYear::FourDigits => Some(format!("/{}", date.year())),
        };
        ParagraphForm { prefix, suffix }
    }

    /// The same without the organ's prefix: a list inside the organ's own protocol.
    pub fn unprefixed(&self) -> Self {
        ParagraphForm {
            prefix: None,
            suffix: self.suffix.clone(),
        }
    }

    /// `signs` and `numbers` with the prefix before and the year after, unbreakable.
    fn write(&self, signs: &str, numbers: &str) -> String {
        let suffix = self.suffix.as_deref().unwrap_or_default();
        let plain = format!("{signs}{NBSP}{numbers}{suffix}");
        match self.prefix {
            Some(prefix) => format!("{prefix}{NBSP}{plain}"),
            None => plain,
        }
    }
}

/// `§ 15`, `§ 15 a`, `SN § 13`, `§ 63/24`: as `form` writes a §; unbreakable.
pub fn paragraph(form: &ParagraphForm, number: ParagraphNumber) -> String {
    form.write("§", &number.to_string().replace(' ', &NBSP.to_string()))
}

/// `§ 12`, `§§ 118–119`, `§§ 12–18, 20 och 21 a`: a run of two or more whole numbers as
/// a range, the last piece after "och", in `form` (the year once, after the last number:
/// `§§ 63–65/24`). The one way a list of §§ is written.
pub fn paragraph_list(form: &ParagraphForm, numbers: &[ParagraphNumber]) -> String {
    let tie = |n: &ParagraphNumber| n.to_string().replace(' ', &NBSP.to_string());
    // `b` comes right after `a`: the next number, or the next sub-item (15, 15 a, 15 b, 16).
    let follows = |a: &ParagraphNumber, b: &ParagraphNumber| {
        let next_letter = |letter: Option<char>| match letter {
            None => Some('a'),
            Some(letter) => char::from_u32(letter as u32 + 1),
        };
        match b.sub {
            None => b.number == a.number + 1,
            Some(letter) => {
                (b.number == a.number && next_letter(a.sub) == Some(letter))
                    || (b.number == a.number + 1 && letter == 'a')
            }
        }
    };
    let mut pieces: Vec<String> = Vec::new();
    let mut i = 0;
    while i < numbers.len() {
        let mut end = i;
        while end + 1 < numbers.len() && follows(&numbers[end], &numbers[end + 1]) {
            end += 1;
        }
        // A range runs between whole §§ and holds the sub-items within it (`1–4` holds
        // 2 a and 2 b), as a ParagraphList reads it.
        while end > i && numbers[end].sub.is_some() {
            end -= 1;
        }
        if end > i && numbers[i].sub.is_none() {
            pieces.push(format!("{}–{}", numbers[i].number, numbers[end].number));
            i = end + 1;
        } else {
            pieces.push(tie(&numbers[i]));
            i += 1;
        }
    }
    let signs = if numbers.len() == 1 { "§" } else { "§§" };
    let listed = match pieces.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} och {last}", rest.join(", ")),
        _ => pieces.join(", "),
    };
    form.write(signs, &listed)
}

/// A name with its party as the profile writes it: `Bo Ström (M)`, `Bo Ström, M` or
/// `Bo Ström`. The one way a document names a member. `Bo Ström, M` is a list's form:
/// in a sentence (`in_text`) the party stays in parentheses, where a comma would run
/// into the sentence's own ("Bo Ström, M, Eva Ek, S och …").
pub fn with_party(style: PartyStyle, in_text: bool, name: &str, party: Option<&str>) -> String {
    match (style, party) {
        (PartyStyle::Comma, Some(party)) if !in_text => format!("{name}, {party}"),
        (PartyStyle::Parentheses | PartyStyle::Comma, Some(party)) => {
            format!("{name} ({party})")
        }
        _ => name.to_owned(),
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
    join_with(items, "och")
}

/// `A`, `A eller B`, `A, B eller C`.
pub fn join_or<S: AsRef<str>>(items: &[S]) -> String {
    join_with(items, "eller")
}

fn join_with<S: AsRef<str>>(items: &[S], last_word: &str) -> String {
    match items {
        [] => String::new(),
        [one] => one.as_ref().to_owned(),
        [init @ .., last] => {
            let init: Vec<&str> = init.iter().map(AsRef::as_ref).collect();
            format!("{} {last_word} {}", init.join(", "), last.as_ref())
        }
    }
}

/// The units an amount is never parted from: `75,0 mnkr`, `12 450 tkr`, `2,5 %`.
const UNITS: &[&str] = &[
    "kr",
    "kronor",
    "tkr",
    "mkr",
    "Mkr",
    "mnkr",
    "mdkr",
    "miljoner",
    "miljarder",
    "%",
    "procent",
];

/// Whether `word` (punctuation around it aside) is a weekday or month, which Swedish
/// typography never hyphenates (`månda-gen`).
pub fn is_unhyphenated_word(word: &str) -> bool {
    let word = word.trim_matches(|c: char| !c.is_alphanumeric());
    let lower = word.to_lowercase();
    MONTHS.contains(&lower.as_str())
        || WEEKDAYS
            .iter()
            .any(|day| *day == lower || day.strip_suffix("en") == Some(lower.as_str()))
}

/// Tie what Swedish typography keeps on one line in text the user typed: thousands groups
/// (`3 000 000`), an amount and its unit (`750 000 kr`, `75,0 mnkr`, `2,5 %`), `§ 15` and
/// `kl. 13.00`, a date (`6 mars 2015`), a spaced en dash to the word before it (a line
/// never starts with the dash), and a range of numbers or dates whole (`15 november 2024 –
/// 6 december 2024`).
pub fn tie_amounts(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for (i, c) in text.char_indices() {
        if c == ' ' && ties(&text[..i], &text[i + 1..]) {
            out.push(NBSP);
        } else {
            out.push(c);
        }
    }
    out
}

/// Whether the space between `before` and `after` is one Swedish typography ties.
fn ties(before: &str, after: &str) -> bool {
    let Some(prev) = before.chars().next_back() else {
        return false;
    };
    let digits = |s: &str, n: usize| {
        s.len() >= n
            && s.as_bytes()[..n].iter().all(u8::is_ascii_digit)
            && !s.as_bytes().get(n).is_some_and(u8::is_ascii_digit)
    };
    // A word ends where no letter or digit follows (or precedes) it.
    let boundary = |c: Option<char>| !c.is_some_and(char::is_alphanumeric);
    let word_after = |word: &str| {
        after
            .strip_prefix(word)
            .is_some_and(|rest| boundary(rest.chars().next()))
    };
    let word_before = |word: &str| {
        before
            .strip_suffix(word)
            .is_some_and(|rest| boundary(rest.chars().next_back()))
    };
    let thousands_group = digits(after, 3);
    let unit = UNITS.iter().any(|unit| word_after(unit));
    let clock = word_before("kl.");
    // A date: `6 mars 2015` on one line.
    let month_after = MONTHS.iter().any(|month| word_after(month));
    let month_before = MONTHS.iter().any(|month| word_before(month));
    let year_after = digits(after, 4);
    let spaced_dash = after.starts_with("– ") || after == "–";
    // A range of numbers or dates (`2024 – 16 oktober`) is not broken after its dash either.
    let range_end = before.strip_suffix(" –").is_some_and(|from| {
        from.ends_with(|c: char| c.is_ascii_digit())
            || MONTHS.iter().any(|month| {
                from.strip_suffix(month)
                    .is_some_and(|rest| boundary(rest.chars().next_back()))
            })
    }) && after.starts_with(|c: char| c.is_ascii_digit());
    (prev.is_ascii_digit() && (thousands_group || unit || month_after))
        || ((prev == '§' || clock) && after.starts_with(|c: char| c.is_ascii_digit()))
        || (month_before && year_after)
        || spaced_dash
        || range_end
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_day_in_sweden_follows_summer_time() {
        let day = |text: &str| {
            let at = DateTime::parse_from_rfc3339(text).map(|t| t.with_timezone(&Utc));
            at.map(|at| short_date(day_in_sweden(at)))
                .unwrap_or_default()
        };
        // Winter: UTC+1.
        assert_eq!(day("2024-11-28T22:59:59Z"), "2024-11-28");
        assert_eq!(day("2024-11-28T23:00:00Z"), "2024-11-29");
        // Summer: UTC+2, from the last Sunday of March (2024-03-31) to that of October
        // (2024-10-27), each at 01.00 UTC.
        assert_eq!(day("2024-06-10T22:00:00Z"), "2024-06-11");
        assert_eq!(day("2024-03-31T00:59:59Z"), "2024-03-31");
        assert_eq!(day("2024-10-26T22:30:00Z"), "2024-10-27");
        assert_eq!(day("2024-10-27T22:30:00Z"), "2024-10-27");
    }

    #[test]
    fn amounts_and_dates() {
        assert_eq!(kronor(Kronor(8_652_580)), "8\u{a0}652\u{a0}580\u{a0}kr");
        assert_eq!(amount(Kronor(424_000)), "424\u{a0}000");
        assert_eq!(amount(Kronor(950)), "950");
        assert_eq!(amount(Kronor(0)), "0");
        assert_eq!(count(1, "fil", "filer"), "1 fil");
        assert_eq!(count(0, "fil", "filer"), "0 filer");
        assert_eq!(tkr(Kronor(12_449_600)), "12\u{a0}450\u{a0}tkr");
        assert_eq!(mnkr(Kronor(3_093_520)), "3,1\u{a0}mnkr");
        assert_eq!(mnkr(Kronor(75_000_000)), "75,0\u{a0}mnkr");
        assert_eq!(percent(3_093_520, 8_652_580), "35,8\u{a0}%");
        assert_eq!(percent(1, 0), "–");
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
        let plain = ParagraphForm::default();
        let ks = ParagraphForm {
            prefix: Some("KS"),
            suffix: None,
        };
        assert_eq!(paragraph(&plain, n("15").unwrap()), "§\u{a0}15");
        assert_eq!(
            paragraph(
                &ParagraphForm {
                    prefix: Some("SN"),
                    suffix: None
                },
                n("15 a").unwrap()
            ),
            "SN\u{a0}§\u{a0}15\u{a0}a"
        );
        assert_eq!(
            paragraph_list(&plain, &[n("12").unwrap(), n("13 a").unwrap()]),
            "§§\u{a0}12 och 13\u{a0}a"
        );
        let list: Vec<ParagraphNumber> = [12, 13, 14, 15, 16, 17, 18, 20]
            .into_iter()
            .map(ParagraphNumber::new)
            .collect();
        assert_eq!(paragraph_list(&ks, &list), "KS\u{a0}§§\u{a0}12–18 och 20");
        assert_eq!(paragraph_list(&plain, &list[..2]), "§§\u{a0}12–13");
        let apart: Vec<ParagraphNumber> = [167, 171, 172, 174]
            .into_iter()
            .map(ParagraphNumber::new)
            .collect();
        assert_eq!(
            paragraph_list(&plain, &apart[..3]),
            "§§\u{a0}167 och 171–172"
        );
        assert_eq!(
            paragraph_list(&plain, &[apart[0], apart[1], apart[3]]),
            "§§\u{a0}167, 171 och 174"
        );
        assert_eq!(paragraph_list(&plain, &list[..1]), "§\u{a0}12");
        let lettered: Vec<ParagraphNumber> = ["1", "2 a", "2 b", "3", "4", "6 a", "6 b"]
            .into_iter()
            .filter_map(n)
            .collect();
        assert_eq!(
            paragraph_list(&plain, &lettered),
            "§§\u{a0}1–4, 6\u{a0}a och 6\u{a0}b"
        );
        assert_eq!(
            paragraph_list(&plain, &lettered[1..4]),
            "§§\u{a0}2\u{a0}a, 2\u{a0}b och 3"
        );
        let year = NaiveDate::from_ymd_opt(2020, 5, 4).unwrap();
        let short = ParagraphForm::new(Some("KS"), ParagraphYear::TwoDigits, year);
        assert_eq!(paragraph(&short, n("63").unwrap()), "KS\u{a0}§\u{a0}63/20");
        assert_eq!(
            paragraph_list(&short.unprefixed(), &list[..3]),
            "§§\u{a0}12–14/20"
        );
        let long = ParagraphForm::new(None, ParagraphYear::FourDigits, year);
        assert_eq!(paragraph(&long, n("7 a").unwrap()), "§\u{a0}7\u{a0}a/2020");
        let m = Some("M");
        assert_eq!(
            with_party(PartyStyle::Parentheses, false, "Bo Ström", m),
            "Bo Ström (M)"
        );
        assert_eq!(
            with_party(PartyStyle::Comma, false, "Bo Ström", m),
            "Bo Ström, M"
        );
        assert_eq!(
            with_party(PartyStyle::Comma, true, "Bo Ström", m),
            "Bo Ström (M)"
        );
        assert_eq!(
            with_party(PartyStyle::None, true, "Bo Ström", m),
            "Bo Ström"
        );
        assert_eq!(
            with_party(PartyStyle::Comma, false, "Bo Ström", None),
            "Bo Ström"
        );
        assert_eq!(genitive("Kommunfullmäktige"), "Kommunfullmäktiges");
        let day = NaiveDate::from_ymd_opt(2015, 3, 6).unwrap();
        let later = NaiveDate::from_ymd_opt(2015, 5, 4).unwrap();
        assert_eq!(
            date_range(DateStyle::Long, day, later),
            "6 mars – 4 maj 2015"
        );
        assert_eq!(
            date_range(DateStyle::Iso, day, later),
            "2015-03-06 – 2015-05-04"
        );
        assert_eq!(
            dated_document("Tjänsteutlåtande", day),
            "ett tjänsteutlåtande daterat 6 mars 2015"
        );
        assert_eq!(
            dated_document("Tjänsteskrivelse", day),
            "en tjänsteskrivelse daterad 6 mars 2015"
        );
        assert_eq!(
            dated_document("Förvaltningens yttrande", day),
            "förvaltningens yttrande daterat 6 mars 2015"
        );
        assert_eq!(
            running_date(
                RunningDateStyle::Weekday,
                NaiveDate::from_ymd_opt(2023, 3, 8).unwrap()
            ),
            "onsdagen den 8 mars 2023"
        );
        let monday = NaiveDate::from_ymd_opt(2022, 3, 21).unwrap();
        assert_eq!(
            adjustment_date(DateStyle::Iso, Some(AdjustmentDateStyle::Weekday), monday),
            "måndagen den 21 mars 2022"
        );
        assert_eq!(
            adjustment_date(DateStyle::Long, None, monday),
            "21 mars 2022"
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
        assert_eq!(
            tie_amounts("den 6 mars 2015, i mars 2016 och 3 majs"),
            "den 6\u{a0}mars\u{a0}2015, i mars\u{a0}2016 och 3 majs"
        );
        assert_eq!(tie_amounts("år 2015 1234"), "år 2015 1234");
    }

    #[test]
    fn a_spaced_dash_stays_with_the_word_before_it() {
        assert_eq!(
            tie_amounts("15 november – 6 december 2024"),
            "15\u{a0}november\u{a0}–\u{a0}6\u{a0}december\u{a0}2024"
        );
        // A range of dates or numbers is never broken at its dash.
        assert_eq!(
            tie_amounts("tiden 25 september 2024 – 16 oktober 2024."),
            "tiden 25\u{a0}september\u{a0}2024\u{a0}–\u{a0}16\u{a0}oktober\u{a0}2024."
        );
        assert_eq!(tie_amounts("år 2024 – 2026"), "år 2024\u{a0}–\u{a0}2026");
        assert_eq!(
            tie_amounts("ett val – eller två"),
            "ett val\u{a0}– eller två"
        );
        // A hyphen or an unspaced range is no spaced dash.
        assert_eq!(tie_amounts("A - B och §§ 1–2"), "A - B och §§\u{a0}1–2");
    }
}
