//! The label catalogue: every fixed word or phrase the documents print that the profile's
//! other sections (`rubriker`, `formuleringar`, `anslag`, `sidfot`, `tjänsteskrivelse`,
//! `ärendeförteckning`) do not already name, each under one key with its Swedish default.
//! A profile overrides any of them under `etiketter`; a key not in the catalogue is an
//! error with the nearest key. The templates print labels only from here (a test reads
//! them for literals).

/// Key, default, and where it is printed.
pub const LABELS: &[(&str, &str, &str)] = &[
    // The documents' names: page header, PDF metadata, titles.
    (
        "protokoll",
        "Protokoll",
        "Protokollets namn i sidhuvudet och som rubrik.",
    ),
    (
        "protokoll_nr",
        "Protokoll nr",
        "Protokollets rubrik före dess nummer (protokollnummer).",
    ),
    (
        "omedelbart_justerade",
        "omedelbart justerade paragrafer",
        "Rubriken på protokollet över de omedelbart justerade paragraferna, efter en komma.",
    ),
    (
        "protokollsutdrag",
        "Protokollsutdrag",
        "Utdragets namn i sidhuvudet.",
    ),
    ("kallelse", "Kallelse", "Kallelsens namn i sidhuvudet."),
    (
        "kallelse_rubrik",
        "Kallelse och föredragningslista",
        "Kallelsens rubrik.",
    ),
    (
        "förslag_till_beslut",
        "Förslag till beslut",
        "I kallelsen, över ett ärendes förslag (ärendeförteckning.förslag_i_kallelsen).",
    ),
    ("anslag", "Anslag", "Anslagets namn i sidhuvudet."),
    (
        "anslag_titel",
        "Anslag om justerat protokoll",
        "Anslagets titel i PDF-filens uppgifter.",
    ),
    (
        "handlingar",
        "Handlingar",
        "Handlingarnas namn i sidhuvudet.",
    ),
    (
        "handlingar_rubrik",
        "Handlingar till sammanträdet",
        "Rubriken över handlingarnas innehållsförteckning, före datumet.",
    ),
    (
        "offentlig_version",
        "offentlig version",
        "Efter titeln på de offentliga handlingarna.",
    ),
    (
        "offentlig_version_text",
        "Offentlig version: handlingar i ärenden som omfattas av sekretess ingår inte, och personuppgifter är ersatta med",
        "Förklaringen i de offentliga handlingarna, före [personuppgift].",
    ),
    (
        "utelämnad_sekretess",
        "Omfattas av sekretess och ingår inte i den offentliga versionen.",
        "I de offentliga handlingarnas innehållsförteckning, för en handling i ett ärende under sekretess.",
    ),
    (
        "utelämnad_bilaga",
        "Ingår inte i den offentliga versionen: en bifogad fil publiceras bara när den är märkt offentlig.",
        "I de offentliga handlingarnas innehållsförteckning, för en filbilaga som inte är märkt offentlig.",
    ),
    (
        "ej_bifogad",
        "(ej bifogad)",
        "Efter en bilaga i tjänsteutlåtandets lista som inte är bifogad.",
    ),
    // A bilaga that is a file.
    (
        "bilaga",
        "Bilaga",
        "Före bilagans nummer (Bilaga 1) i sidhuvudet, rubriken och innehållsförteckningen.",
    ),
    (
        "bilaga_till",
        "till",
        "I en bildsidas alternativtext: Bilaga 1 till Tjänsteutlåtande …",
    ),
    (
        "bilaga_sida",
        "sida",
        "I en bildsidas alternativtext, före sidnumret: sida 1 av 3.",
    ),
    (
        "bilaga_av",
        "av",
        "I en bildsidas alternativtext, före antalet sidor: sida 1 av 3.",
    ),
    // The page header.
    (
        "sida",
        "Sida",
        "Före sidnumret i sidhuvudet och i innehållsförteckningar.",
    ),
    (
        "sammanträde",
        "Sammanträde",
        "Före sammanträdets datum i sidhuvudet och nyckelorden.",
    ),
    (
        "sammanträdesdatum",
        "Sammanträdesdatum",
        "Före sammanträdets datum i protokollets och utdragets sidhuvud.",
    ),
    (
        "fortsättning",
        "(forts.)",
        "Efter paragrafen i sidhuvudet på en sida som fortsätter den.",
    ),
    (
        "löptitel_protokoll",
        "protokoll",
        "I protokollets sidhuvud från sida 2: nämnden, protokoll, datum.",
    ),
    (
        "löptitel_kallelse",
        "sammanträde",
        "I kallelsens sidhuvud från sida 2: nämnden, sammanträde, datum.",
    ),
    (
        "löptitel_handlingar",
        "handlingar",
        "I handlingarnas sidhuvud från sida 2: nämnden, handlingar, datum.",
    ),
    // The protocol's first page.
    (
        "plats_och_tid",
        "Plats och tid",
        "Protokollets försättsblad.",
    ),
    ("beslutande", "Beslutande", "Protokollets försättsblad."),
    (
        "beslutande_i_bilaga",
        "Se bilaga, närvaro- och omröstningslista",
        "Försättsbladet när närvaron står i bilagan.",
    ),
    (
        "ersättare",
        "Ersättare",
        "Protokollets försättsblad: närvarande ersättare som inte tjänstgör.",
    ),
    ("frånvarande", "Frånvarande", "Protokollets försättsblad."),
    ("vakant", "Vakant", "En obesatt plats i förteckningen."),
    (
        "på_distans",
        "deltar på distans",
        "Efter namnet på den som deltar på distans (distans), med paragraferna.",
    ),
    (
        "kom_kl",
        "kom kl.",
        "Efter namnet på den som kom efter början (kom), före klockslaget.",
    ),
    (
        "gick_kl",
        "lämnade sammanträdet kl.",
        "Efter namnet på den som gick före slutet (gick), före klockslaget.",
    ),
    (
        "övriga_närvarande",
        "Övriga närvarande",
        "Protokollets försättsblad och bilaga.",
    ),
    (
        "utses_att_justera",
        "Utses att justera",
        "Protokollets försättsblad.",
    ),
    (
        "justeringens_plats_och_tid",
        "Justeringens plats och tid",
        "Protokollets försättsblad.",
    ),
    ("paragrafer", "Paragrafer", "Protokollets försättsblad."),
    (
        "justering",
        "Justering",
        "Försättsbladet på ett protokoll som justeras i delar: över varje justerings underskrifter, före dess paragrafer.",
    ),
    // Digital justering: the signers listed, with nothing to sign on by hand.
    (
        "justeras_digitalt",
        "Justeras digitalt",
        "Försättsbladet vid digital justering: rubriken över dem som skriver under.",
    ),
    (
        "digitala_underskrifter",
        "Protokollet skrivs under med elektroniska underskrifter, som finns i PDF-filen.",
        "Försättsbladet vid digital justering, under rubriken.",
    ),
    (
        "justerat_digitalt",
        "Justerat digitalt",
        "Utdraget vid digital justering, före justeringens datum.",
    ),
    (
        "signeras_digitalt_av",
        "Signeras digitalt av",
        "ANSLAG/BEVIS, anslaget och utdragets bestyrkande vid digital justering, före sekreterarens namn (i stället för Underskrift).",
    ),
    (
        "sekreterare",
        "Sekreterare",
        "Underskrifter i protokollet och kallelsen.",
    ),
    (
        "ordförande",
        "Ordförande",
        "Underskrifter i protokollet, utdraget och kallelsen.",
    ),
    ("justerande", "Justerande", "Underskrifter i protokollet."),
    ("justerare", "Justerare", "Underskrifter i utdraget."),
    (
        "med",
        "med",
        "Mellan justeraren och ersättaren: X med Y som ersättare.",
    ),
    (
        "som_ersättare",
        "som ersättare",
        "Efter justerarens ersättare.",
    ),
    ("och", "och", "Före det sista namnet i en uppräkning."),
    // A §.
    ("dnr", "Dnr", "Före paragrafens diarienummer."),
    (
        "stängda_dörrar",
        "Ärendet behandlas inom stängda dörrar.",
        "Under rubriken på en paragraf bakom stängda dörrar.",
    ),
    (
        "sekretess_i_webbkopian",
        "Ärendet omfattas av sekretess och visas inte i webbversionen.",
        "En hemlig paragraf i webbkopian.",
    ),
    (
        "sekretess",
        "Sekretess",
        "En hemlig paragraf i ärendeförteckningen i webbkopian.",
    ),
    (
        "information",
        "Information",
        "Rubriken över beslutsgången i ett informationsärende.",
    ),
    (
        "reservation_från",
        "Reservation från",
        "Rubriken över en skriftlig reservation, före namnet.",
    ),
    (
        "bilaga_reservation_från",
        "Bilaga: reservation från",
        "Rubriken över en skriftlig reservation som bilaga.",
    ),
    ("att", "att", "Före varje att-sats."),
    // Votes and the närvaro- och omröstningslista.
    ("ledamot", "Ledamot", "Omröstningstabellens första kolumn."),
    ("ja", "Ja", "Omröstningstabellen."),
    ("nej", "Nej", "Omröstningstabellen."),
    ("avstår", "Avstår", "Omröstningstabellen."),
    ("avstår_kort", "Avst.", "Närvaro- och omröstningslistan."),
    ("summa", "Summa", "Omröstningstabellens sista rad."),
    (
        "kryss",
        "X",
        "Markeringen i omröstningstabellen och närvaro- och omröstningslistan.",
    ),
    (
        "ledamot_eller_ersättare",
        "Ledamot / ersättare",
        "Närvaro- och omröstningslistans första kolumn.",
    ),
    ("parti", "Parti", "Närvaro- och omröstningslistan."),
    (
        "omröstning",
        "Omröstning",
        "Närvaro- och omröstningslistan, före paragrafen.",
    ),
    (
        "tjänstgör",
        "Tjg",
        "Närvaro- och omröstningslistan: tjänstgör.",
    ),
    (
        "tjänstgör_ej",
        "Ej tjg",
        "Närvaro- och omröstningslistan: tjänstgör inte.",
    ),
    (
        "ersättare_markering",
        "ersättare",
        "Förklaringen till stjärnan i närvaro- och omröstningslistan.",
    ),
    (
        "röster_i_bilagan",
        "Hur var och en röstade framgår av närvaro- och omröstningslistan (bilaga).",
        "I paragrafen när omröstningen står i bilagan.",
    ),
    (
        "närvarolista_bilaga",
        "Bilaga: närvaro- och omröstningslista",
        "Rubriken över bilagan.",
    ),
    // The protokollsutdrag.
    ("justerat", "Justerat", "Utdraget, före justeringens datum."),
    (
        "justerad_omedelbart",
        "Paragrafen justerad omedelbart",
        "Utdraget av en omedelbart justerad paragraf, före datumet.",
    ),
    // The kallelse and the packet.
    (
        "sammanträder",
        "sammanträder",
        "Kallelsen: nämnden sammanträder datum.",
    ),
    (
        "kallade_ledamöter",
        "Kallade ledamöter",
        "Kallelsen: ledamöterna som kallas, ur organets förteckning.",
    ),
    (
        "ersättare_för_kännedom",
        "Ersättare för kännedom",
        "Kallelsen: ersättarna, som får den för kännedom.",
    ),
    (
        "paragraf",
        "Paragraf",
        "Handlingarnas innehållsförteckning.",
    ),
    (
        "handling",
        "Handling",
        "Handlingarnas innehållsförteckning.",
    ),
    // An application table in a tjänsteutlåtande.
    ("tabell", "Tabell", "Före tabellens nummer."),
    ("sökande", "Sökande", "Ansökningstabellen."),
    ("sökt_belopp", "Sökt belopp", "Ansökningstabellen."),
    (
        "ansökningar",
        "ANSÖKNINGAR",
        "Ansökningstabellens vänstra kolumn.",
    ),
    (
        "förslag_på_fördelning",
        "FÖRSLAG PÅ FÖRDELNING",
        "Ansökningstabellens högra kolumn.",
    ),
];

/// The catalogue's keys, as the profile's schema knows them.
pub fn label_keys() -> &'static [&'static str] {
    static KEYS: std::sync::LazyLock<Vec<&'static str>> =
        std::sync::LazyLock::new(|| LABELS.iter().map(|(key, _, _)| *key).collect());
    &KEYS
}

/// The text of `key` as `overrides` (a profile's `etiketter`) words it, or the default.
/// A key the catalogue lacks is the code's mistake, never the user's: it prints as the
/// key, which a test would see.
pub fn label<'a>(
    overrides: &'a std::collections::BTreeMap<String, String>,
    key: &'a str,
) -> &'a str {
    overrides
        .get(key)
        .map(String::as_str)
        .or_else(|| default_label(key))
        .unwrap_or(key)
}

/// The default of `key`, if the catalogue has it.
pub fn default_label(key: &str) -> Option<&'static str> {
    LABELS
        .iter()
        .find(|(k, _, _)| *k == key)
        .map(|(_, default, _)| *default)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_key_once_and_every_default_printable() {
        let mut keys: Vec<&str> = label_keys().to_vec();
        keys.sort_unstable();
        let count = keys.len();
        keys.dedup();
        assert_eq!(keys.len(), count, "a key twice");
        assert!(
            LABELS
                .iter()
                .all(|(_, default, _)| !default.trim().is_empty())
        );
        assert_eq!(default_label("sida"), Some("Sida"));
        assert_eq!(default_label("sidan"), None);
    }
}
