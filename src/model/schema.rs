//! JSON Schema of the three kinds of YAML file, for editors (the YAML extension of VS Code
//! completes keys, shows the descriptions and underlines mistakes as one types). The
//! structure comes from the model itself (schemars reads the same serde attributes the
//! parser obeys); the Swedish descriptions and examples come from [`VOCABULARY`], and a
//! test makes sure every key of the model has one.

use std::path::Path;

use serde_json::{Map, Value};

use super::{Case, Meeting, Profile};

/// The kinds of file and the schema file each has.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    Case,
    Meeting,
    Profile,
}

impl FileKind {
    pub const ALL: [FileKind; 3] = [FileKind::Case, FileKind::Meeting, FileKind::Profile];

    /// The name used on the command line and in the schema file's name.
    pub fn name(self) -> &'static str {
        match self {
            FileKind::Case => "arende",
            FileKind::Meeting => "sammantrade",
            FileKind::Profile => "profil",
        }
    }

    pub fn file_name(self) -> String {
        format!("{}.schema.json", self.name())
    }

    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|kind| kind.name() == name)
    }
}

/// The first line of a new file in `folder` that names its schema for the editor, when
/// the project's `docs/schema/` lies in the folder or above it.
pub fn modeline(kind: FileKind, folder: &Path) -> Option<String> {
    let folder = std::path::absolute(folder).ok()?;
    let schema = Path::new("docs/schema").join(kind.file_name());
    let project = folder
        .ancestors()
        .find(|ancestor| ancestor.join(&schema).is_file())?;
    let depth = folder.strip_prefix(project).ok()?.components().count();
    let up = "../".repeat(depth);
    Some(format!(
        "# yaml-language-server: $schema={up}{}\n",
        schema.display()
    ))
}

/// The schema of `kind`, as pretty-printed JSON ending in a newline.
pub fn schema_text(kind: FileKind) -> String {
    let text = serde_json::to_string_pretty(&schema(kind)).unwrap_or_default();
    format!("{text}\n")
}

/// The schema of `kind`, described in Swedish.
pub fn schema(kind: FileKind) -> Value {
    let generator = schemars::generate::SchemaSettings::draft2020_12()
        .for_deserialize()
        .into_generator();
    let (root, title, description) = match kind {
        FileKind::Case => (
            generator.into_root_schema_for::<Case>(),
            "Ärende",
            "Ett ärende: förvaltningens tjänsteutlåtande till nämnden. paragraf gör en PDF av det.",
        ),
        FileKind::Meeting => (
            generator.into_root_schema_for::<Meeting>(),
            "Sammanträde",
            "Nämndens sammanträde: närvaro, justering och paragraferna i föredragningsordning. paragraf gör protokoll, protokollsutdrag, kallelse och anslag.",
        ),
        FileKind::Profile => (
            generator.into_root_schema_for::<Profile>(),
            "Profil",
            "Kommunens eller förvaltningens profil (profil.yaml): namn, logotyp, adressrad, rubriker, formuleringar, paragrafnumrering och dnr-mönster.",
        ),
    };
    let mut value = root.to_value();
    let root_type = value
        .get("title")
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_owned();
    if let Some(object) = value.as_object_mut() {
        describe_type(object, &root_type);
        object.insert("title".into(), title.into());
        object.insert("description".into(), description.into());
        if let Some(Value::Object(definitions)) = object.get_mut("$defs") {
            for (name, definition) in definitions.iter_mut() {
                if let Some(definition) = definition.as_object_mut() {
                    describe_type(definition, name);
                }
            }
        }
    }
    value
}

/// Replace the English doc comments schemars took from the model by the Swedish ones.
fn describe_type(definition: &mut Map<String, Value>, type_name: &str) {
    definition.remove("description");
    // The variants of an enum (paragrafnumrering, beslut) carry the model's comments too.
    for choice in ["oneOf", "anyOf"] {
        if let Some(Value::Array(variants)) = definition.get_mut(choice) {
            for variant in variants.iter_mut().filter_map(Value::as_object_mut) {
                variant.remove("description");
            }
        }
    }
    if let Some((_, description, _)) = lookup(type_name, "") {
        definition.insert("description".into(), (*description).into());
    }
    let Some(Value::Object(properties)) = definition.get_mut("properties") else {
        return;
    };
    for (field, property) in properties.iter_mut() {
        let Some(property) = property.as_object_mut() else {
            continue;
        };
        property.remove("description");
        if let Some((_, description, examples)) = lookup(type_name, field) {
            property.insert("description".into(), (*description).into());
            let examples: Vec<Value> = examples
                .iter()
                .filter_map(|yaml| serde_yaml::from_str(yaml).ok())
                .collect();
            if !examples.is_empty() {
                property.insert("examples".into(), Value::Array(examples));
            }
        }
    }
}

fn lookup(type_name: &str, field: &str) -> Option<&'static Entry> {
    let key = match field {
        "" => type_name.to_owned(),
        field => format!("{type_name}.{field}"),
    };
    VOCABULARY.iter().find(|(k, _, _)| *k == key)
}

/// `Type.field` (or `Type` for the type itself), its Swedish description, and examples
/// written as YAML.
type Entry = (&'static str, &'static str, &'static [&'static str]);

/// Every key of the YAML files in Swedish, the secretary's language.
pub const VOCABULARY: &[Entry] = &[
    // Ärende
    (
        "Case.nämnd",
        "Nämnden som ärendet ska till.",
        &["Socialnämnden"],
    ),
    (
        "Case.förvaltning",
        "Förvaltningen som skriver tjänsteutlåtandet.",
        &["Socialförvaltningen"],
    ),
    (
        "Case.avdelning",
        "Avdelning eller enhet under förvaltningen, under dess namn i sidhuvudet.",
        &["Avdelningen för stadsövergripande sociala frågor"],
    ),
    ("Case.handläggare", "Handläggaren: namn och telefon.", &[]),
    (
        "Case.till",
        "Mottagaren (\"Till\"); utan den nämnden.",
        &["Socialnämnden"],
    ),
    (
        "Case.sammanträde",
        "Sammanträdet tjänsteutlåtandet skrivs till (ÅÅÅÅ-MM-DD).",
        &["2015-03-24"],
    ),
    (
        "Case.datum",
        "Tjänsteutlåtandets datum (ÅÅÅÅ-MM-DD).",
        &["2015-03-06"],
    ),
    (
        "Case.dnr",
        "Diarienumret, som registratorn gav ärendet. Profilens dnr_mönster kontrolleras.",
        &["3.2-482/2014"],
    ),
    (
        "Case.rubrik",
        "Ärendets rubrik, som den står i protokollet.",
        &["Förslag till fördelning av medel till lokala utvecklingsprojekt"],
    ),
    (
        "Case.förslag_till_beslut",
        "Förvaltningens förslag till beslut, en punkt per rad. Tom bara för ett informationsärende.",
        &["[Socialnämnden godkänner förvaltningens förslag., Paragrafen justeras omedelbart.]"],
    ),
    (
        "Case.underskrifter",
        "De som undertecknar tjänsteutlåtandet, i ordning.",
        &[],
    ),
    (
        "Case.sammanfattning",
        "Sammanfattningen (Markdown). Den blir också ärendebeskrivningen i protokollet. {{ summa.beviljat }} och {{ tabell.id.sökt }} ger tabellernas summor.",
        &[],
    ),
    (
        "Case.avsnitt",
        "Tjänsteutlåtandets avsnitt efter sammanfattningen: rubrik, text och tabeller.",
        &[],
    ),
    (
        "Case.tabeller",
        "Ansökningstabeller, var och en under ett id som avsnitten och texten använder.",
        &[],
    ),
    (
        "Case.bilagor",
        "Bilagornas namn, i ordning.",
        &["[Slutrapport Farsta]"],
    ),
    (
        "Case.personuppgifter",
        "Namn på privatpersoner och andra personuppgifter som byts ut i webbversionen (--publish).",
        &["[Anna Andersson]"],
    ),
    ("CaseOfficer", "Handläggaren av ärendet.", &[]),
    (
        "CaseOfficer.namn",
        "Handläggarens namn.",
        &["Cecilia Löfgren"],
    ),
    (
        "CaseOfficer.telefon",
        "Handläggarens telefonnummer.",
        &["08-508 25 908"],
    ),
    ("Person", "En person med namn och titel.", &[]),
    ("Person.namn", "Personens namn.", &["Gillis Hammar"]),
    (
        "Person.titel",
        "Titel eller roll, under namnet.",
        &["Förvaltningschef"],
    ),
    (
        "Section",
        "Ett avsnitt: rubrik, text och tabellerna efter texten.",
        &[],
    ),
    ("Section.rubrik", "Avsnittets rubrik.", &["Bakgrund"]),
    ("Section.text", "Avsnittets text (Markdown).", &[]),
    (
        "Section.tabeller",
        "Id för de tabeller (under tabeller:) som visas efter texten.",
        &["[lokala]"],
    ),
    (
        "ApplicationTable",
        "En tabell med ansökningar och förvaltningens förslag för var och en; summorna räknas ut.",
        &[],
    ),
    (
        "ApplicationTable.rubrik",
        "Tabellens rubrik, efter \"Tabell N: \".",
        &["Lokala utvecklingsprojekt"],
    ),
    (
        "ApplicationTable.maxbelopp",
        "Det mesta en ansökan kan beviljas; förslaget maxbelopp ger detta belopp.",
        &["500000"],
    ),
    (
        "ApplicationTable.summa_sökt",
        "Summan av sökta belopp som den står i ett annat dokument; kontrolleras mot raderna.",
        &["\"8 045 580\""],
    ),
    (
        "ApplicationTable.summa_beviljat",
        "Summan av förslagen som den står i ett annat dokument; kontrolleras mot raderna.",
        &["\"2 669 520\""],
    ),
    (
        "ApplicationTable.ansökningar",
        "Ansökningarna, i tabellens ordning.",
        &[],
    ),
    ("Application", "En ansökan och förvaltningens förslag.", &[]),
    ("Application.nr", "Ansökans nummer i tabellen.", &["1"]),
    (
        "Application.titel",
        "Projektets namn, i fetstil först i vänsterspalten.",
        &["Våga anmäla våga vittna"],
    ),
    (
        "Application.beskrivning",
        "Beskrivningen av ansökan (Markdown).",
        &[],
    ),
    (
        "Application.sökande",
        "Den som söker.",
        &["Farsta stadsdelsförvaltning"],
    ),
    (
        "Application.sökt",
        "Sökt belopp i hela kronor.",
        &["250000", "\"250 000\""],
    ),
    (
        "Application.förslag",
        "Förvaltningens förslag: ett belopp, avslag, maxbelopp (tabellens) eller hänvisning (annan finansiering).",
        &["250000", "avslag", "maxbelopp", "hänvisning"],
    ),
    (
        "Application.motivering",
        "Motiveringen under förslaget (Markdown).",
        &[],
    ),
    // Sammanträde
    (
        "Meeting.nämnd",
        "Nämnden som sammanträder.",
        &["Socialnämnden"],
    ),
    (
        "Meeting.datum",
        "Sammanträdets datum (ÅÅÅÅ-MM-DD).",
        &["2015-03-24"],
    ),
    (
        "Meeting.plats",
        "Var sammanträdet hålls.",
        &["Stadshuset, sammanträdesrum Norrby"],
    ),
    (
        "Meeting.tid",
        "Tiden, som protokollet anger den.",
        &["kl. 13.00–15.30"],
    ),
    (
        "Meeting.kallelsedatum",
        "Dagen kallelsen skickas; utan den sammanträdets datum.",
        &["2015-03-17"],
    ),
    (
        "Meeting.beslutande",
        "Ledamöter som deltar i besluten, tjänstgörande ersättare inräknade.",
        &[],
    ),
    (
        "Meeting.ersättare",
        "Närvarande ersättare som inte tjänstgör.",
        &[],
    ),
    (
        "Meeting.övriga_närvarande",
        "Övriga närvarande: tjänstepersoner, föredragande.",
        &[],
    ),
    (
        "Meeting.ordförande",
        "Ordföranden, som justerar protokollet.",
        &[],
    ),
    (
        "Meeting.sekreterare",
        "Sekreteraren, som för protokollet.",
        &[],
    ),
    (
        "Meeting.justerare",
        "De som utses att justera protokollet.",
        &[],
    ),
    (
        "Meeting.justering",
        "När och var protokollet justeras.",
        &[],
    ),
    (
        "Meeting.anslag",
        "Anslaget om att protokollet är justerat.",
        &[],
    ),
    (
        "Meeting.utdragsbestyrkande",
        "Bestyrkandet under ett protokollsutdrag vid detta sammanträde; utan den profilens.",
        &["Rätt utdraget intygar"],
    ),
    (
        "Meeting.personuppgifter",
        "Personuppgifter i sammanträdets egen text som byts ut i webbversionen.",
        &[],
    ),
    (
        "Meeting.paragrafer",
        "Paragraferna i föredragningsordning.",
        &[],
    ),
    (
        "Member",
        "En ledamot eller ersättare vid sammanträdet.",
        &[],
    ),
    ("Member.namn", "Namnet.", &["Anna Ek"]),
    ("Member.parti", "Partiets förkortning.", &["S"]),
    (
        "Member.roll",
        "ordförande eller vice ordförande; tom för en ledamot.",
        &["ordförande", "vice ordförande"],
    ),
    (
        "Member.ersätter",
        "För en tjänstgörande ersättare: ledamoten som ersätts.",
        &["Dan Berg (L)"],
    ),
    ("Attendee", "Någon närvarande som inte är ledamot.", &[]),
    ("Attendee.namn", "Namnet.", &["Helena Strand"]),
    ("Attendee.titel", "Titel.", &["förvaltningschef"]),
    (
        "Attendee.paragrafer",
        "Paragraferna personen var med på, om inte hela sammanträdet.",
        &["§ 2", "§§ 15–16"],
    ),
    ("Adjustment", "Justeringen av protokollet.", &[]),
    (
        "Adjustment.datum",
        "Dagen protokollet justeras (ÅÅÅÅ-MM-DD).",
        &["2015-03-30"],
    ),
    (
        "Adjustment.plats",
        "Var protokollet justeras.",
        &["Socialförvaltningen"],
    ),
    ("Notice", "Anslaget på anslagstavlan.", &[]),
    (
        "Notice.datum",
        "Dagen anslaget sätts upp; utan den justeringsdagen.",
        &["2015-03-31"],
    ),
    (
        "Notice.förvaringsplats",
        "Var det justerade protokollet förvaras.",
        &["Socialförvaltningen, Swedenborgsgatan 20"],
    ),
    ("Item", "En paragraf i protokollet.", &[]),
    (
        "Item.paragraf",
        "Paragrafens nummer; utan den numret efter föregående paragraf.",
        &["15", "\"15 a\""],
    ),
    (
        "Item.ärende",
        "Ärendefilen, relativt sammanträdesfilen.",
        &[
            "3.2-482-2014-fordelning-must.yaml",
            "../beredning/ärende.yaml",
        ],
    ),
    (
        "Item.beslut",
        "Beslutet, om det inte är ärendets förslag: alla punkter som lista, eller bara de omformulerade punkterna efter nummer.",
        &["{3: Paragrafen justeras omedelbart.}"],
    ),
    (
        "Item.beslutsgång",
        "Egen text om beslutsgången; utan den skrivs den ut från yrkanden och omröstning (Markdown).",
        &[],
    ),
    (
        "Item.omedelbar_justering",
        "Paragrafen justeras omedelbart vid sammanträdet.",
        &["true"],
    ),
    (
        "Item.expediering",
        "Vilka som får protokollsutdraget.",
        &["[Stadsdelsnämnderna]"],
    ),
    (
        "Item.sekretess",
        "Paragrafen omfattas av sekretess (OSL) och lämnas utanför webbversionen.",
        &["true"],
    ),
    (
        "Item.information",
        "Ett informationsärende: nämnden tar del av informationen, inget beslutas.",
        &["true"],
    ),
    (
        "Item.yrkanden",
        "Andra förslag än förvaltningens, i den ordning de lades fram.",
        &[],
    ),
    (
        "Item.omröstning",
        "Votering med namnupprop mellan två förslag.",
        &[],
    ),
    (
        "Item.reservationer",
        "Ledamöter som reserverar sig mot beslutet.",
        &[],
    ),
    (
        "Item.protokollsanteckningar",
        "Protokollsanteckningar från ledamöter.",
        &[],
    ),
    (
        "Item.jäv",
        "Ledamöter som anmält jäv och inte deltar i ärendet.",
        &["[Jonas Falk]"],
    ),
    ("Motion", "Ett yrkande vid sammanträdet.", &[]),
    (
        "Motion.av",
        "Ledamoten som yrkar, med namnet som under beslutande.",
        &["Bo Ström"],
    ),
    (
        "Motion.yrkande",
        "Vad som yrkas, som en att-sats.",
        &["att ärendet återremitteras"],
    ),
    (
        "Vote",
        "En votering: vad ja och nej står för och hur var och en röstade.",
        &[],
    ),
    (
        "Vote.ja",
        "Förslaget en ja-röst gäller.",
        &["förvaltningens förslag"],
    ),
    (
        "Vote.nej",
        "Förslaget en nej-röst gäller.",
        &["Bo Ströms yrkande"],
    ),
    ("Vote.röster", "Ledamöterna efter hur de röstade.", &[]),
    ("Ballots", "Rösterna.", &[]),
    ("Ballots.ja", "De som röstade ja.", &["[Anna Ek, Eva Berg]"]),
    ("Ballots.nej", "De som röstade nej.", &["[Bo Ström]"]),
    ("Ballots.avstår", "De som avstod.", &["[Lisa Ek]"]),
    ("Reservation", "En reservation mot beslutet.", &[]),
    (
        "Reservation.av",
        "Ledamoten som reserverar sig.",
        &["Bo Ström"],
    ),
    (
        "Reservation.motivering",
        "Skriftlig motivering (Markdown), som bilaga till paragrafen.",
        &[],
    ),
    ("MinuteNote", "En protokollsanteckning.", &[]),
    (
        "MinuteNote.av",
        "Ledamoten som gör anteckningen.",
        &["Eva Berg"],
    ),
    ("MinuteNote.text", "Anteckningens text (Markdown).", &[]),
    (
        "Decision",
        "Beslutet: alla punkter, eller de omformulerade punkterna efter nummer.",
        &[],
    ),
    // Profil
    (
        "Profile.kommun",
        "Kommunen, över förvaltningens eller nämndens namn på första sidan.",
        &["Stockholms stad"],
    ),
    (
        "Profile.logotyp",
        "Logotypen överst till vänster på första sidan.",
        &[],
    ),
    (
        "Profile.adressrad",
        "En rad längst ned på varje sida: webbadress, postadress, telefon.",
        &["stockholm.se"],
    ),
    (
        "Profile.dnr_mönster",
        "Ett reguljärt uttryck som varje dnr ska följa.",
        &["'^\\d+(\\.\\d+)*-\\d+/\\d{4}$'"],
    ),
    (
        "Profile.paragrafnumrering",
        "per_sammanträde: från § 1 vid varje sammanträde. löpande_per_år: vidare från årets tidigare sammanträden.",
        &["per_sammanträde", "löpande_per_år"],
    ),
    (
        "Profile.paragrafprefix",
        "Organets förkortning före paragraftecknet, som i \"KFN § 7\".",
        &["KFN"],
    ),
    (
        "Profile.datumformat",
        "iso: 2015-03-24. lång: 24 mars 2015. Gäller sidhuvuden och daterade rader.",
        &["iso", "lång"],
    ),
    (
        "Profile.rubriker",
        "Rubriker som är desamma i alla handlingar.",
        &[],
    ),
    (
        "Profile.formuleringar",
        "Fasta formuleringar i sammanträdets handlingar.",
        &[],
    ),
    (
        "Logo",
        "Logotypen: en bildfil och dess text för skärmläsare.",
        &[],
    ),
    (
        "Logo.fil",
        "PNG, JPEG eller SVG (högst 1 MiB), i profilens mapp eller under den.",
        &["logotyp.svg"],
    ),
    (
        "Logo.alt",
        "Text som beskriver logotypen för den som inte ser den.",
        &["Stockholms stad"],
    ),
    ("Headings", "Rubriker.", &[]),
    (
        "Headings.förslag_till_beslut",
        "Rubriken över förslaget i tjänsteutlåtandet.",
        &["Förvaltningens förslag till beslut"],
    ),
    (
        "Headings.sammanfattning",
        "Rubriken över sammanfattningen.",
        &["Sammanfattning"],
    ),
    ("Headings.bilagor", "Rubriken över bilagorna.", &["Bilagor"]),
    (
        "Headings.ärendet",
        "Rubriken över ärendebeskrivningen i en paragraf.",
        &["Ärendet"],
    ),
    (
        "Headings.beslutsgång",
        "Rubriken över beslutsgången i en paragraf.",
        &["Beslutsgång"],
    ),
    (
        "Headings.expediering",
        "Rubriken över expedieringen i en paragraf.",
        &["Expediering"],
    ),
    ("Wordings", "Fasta formuleringar.", &[]),
    (
        "Wordings.utdragsbestyrkande",
        "Bestyrkandet under ett protokollsutdrag.",
        &["Rätt utdraget intygar", "Utdragsbestyrkande"],
    ),
    (
        "Wordings.vid_protokollet",
        "Över sekreterarens underskrift.",
        &["Vid protokollet"],
    ),
    (
        "Wordings.beslutsgång",
        "Beslutsgången när det finns ett enda förslag.",
        &[
            "Ordföranden konstaterar att det finns ett förslag till beslut och det är förvaltningens. Ordföranden finner att nämnden beslutar enligt förvaltningens förslag.",
        ],
    ),
    (
        "Wordings.information",
        "Vad nämnden gör med ett informationsärende.",
        &["Nämnden tar del av informationen."],
    ),
    (
        "Wordings.jäv",
        "När ledamöter anmäler jäv: {ledamöter}.",
        &["'{ledamöter} anmäler jäv och deltar inte i handläggningen av ärendet.'"],
    ),
    (
        "Wordings.yrkande",
        "Ett yrkande vid sammanträdet: {ledamot}, {yrkande}.",
        &["'{ledamot} yrkar {yrkande}.'"],
    ),
    (
        "Wordings.förslagen",
        "Förslagen som finns: {antal}, {förslag}.",
        &["'Ordföranden konstaterar att det finns {antal} förslag till beslut: {förslag}.'"],
    ),
    (
        "Wordings.proposition",
        "Ordföranden ställer förslagen mot varandra: {förslag} (det som vinner).",
        &[
            "Ordföranden ställer förslagen mot varandra och finner att nämnden beslutar enligt {förslag}.",
        ],
    ),
    (
        "Wordings.votering",
        "Votering begärs och propositionsordningen: {ja}, {nej}.",
        &[
            "'Votering begärs. Nämnden godkänner följande propositionsordning: Ja-röst för {ja}. Nej-röst för {nej}.'",
        ],
    ),
    (
        "Wordings.omröstningsresultat",
        "Voteringens utfall: {ja}, {nej} (\"4 ja-röster\"), {avstår} (\", 1 ledamot avstår\").",
        &["Omröstningen utfaller med {ja} mot {nej}{avstår}."],
    ),
    (
        "Wordings.utslagsröst",
        "När rösterna är lika och ordföranden har utslagsröst.",
        &["Rösterna är lika och ordföranden använder sin utslagsröst."],
    ),
    (
        "Wordings.beslutat",
        "Vad nämnden beslutat efter voteringen: {förslag}.",
        &["Nämnden har därmed beslutat enligt {förslag}."],
    ),
    (
        "Wordings.reservation",
        "En reservation: {ledamot}.",
        &["'{ledamot} reserverar sig mot beslutet.'"],
    ),
    (
        "Wordings.skriftlig_reservation",
        "En reservation med skriftlig motivering, som blir bilaga: {ledamot}.",
        &["'{ledamot} reserverar sig mot beslutet med en skriftlig reservation, se bilaga.'"],
    ),
    ("Numbering", "Hur paragraferna numreras.", &[]),
    ("DateStyle", "Hur datum skrivs.", &[]),
];

#[cfg(test)]
mod tests {
    use super::*;

    /// Every property of every object in `schema`, as `Type.field`, and every type.
    fn keys(schema: &Value) -> Vec<(String, Option<String>)> {
        let mut found = Vec::new();
        let mut visit = |name: &str, definition: &Value| {
            found.push((name.to_owned(), None));
            if let Some(Value::Object(properties)) = definition.get("properties") {
                for (field, property) in properties {
                    found.push((
                        format!("{name}.{field}"),
                        property
                            .get("description")
                            .and_then(Value::as_str)
                            .map(str::to_owned),
                    ));
                }
            }
        };
        visit("", schema);
        if let Some(Value::Object(definitions)) = schema.get("$defs") {
            for (name, definition) in definitions {
                visit(name, definition);
            }
        }
        found
    }

    #[test]
    fn every_key_has_a_swedish_description_and_every_entry_a_key() {
        let mut used = Vec::new();
        for kind in FileKind::ALL {
            let schema = schema(kind);
            assert!(schema.get("description").is_some());
            let root = match kind {
                FileKind::Case => "Case",
                FileKind::Meeting => "Meeting",
                FileKind::Profile => "Profile",
            };
            for (key, description) in keys(&schema) {
                let key = match key.strip_prefix('.') {
                    Some(field) => format!("{root}.{field}"),
                    None if key.is_empty() => continue,
                    None => key,
                };
                if key.contains('.') {
                    assert!(description.is_some(), "{key} has no description");
                }
                used.push(key);
            }
        }
        for (key, _, examples) in VOCABULARY {
            assert!(used.contains(&key.to_string()), "{key} is in no schema");
            for example in *examples {
                let value = serde_yaml::from_str::<Value>(example);
                assert!(
                    value
                        .as_ref()
                        .is_ok_and(|v| !v.is_object() || key.ends_with("beslut")),
                    "{key}: {example} is not a value of its own (quote it)"
                );
            }
        }
    }
}
