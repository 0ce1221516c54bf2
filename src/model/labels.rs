//! The label catalogue: every fixed word or phrase the documents and the published web
//! pages print that the profile's other sections (`rubriker`, `formuleringar`, `anslag`,
//! `sidfot`, `tjänsteskrivelse`, `ärendeförteckning`) do not already name, each under one
//! key with its Swedish default. A profile overrides any of them under `etiketter`; a key
//! not in the catalogue is an error with the nearest key. A few labels take values in
//! braces ([`PLACEHOLDERS`]), which the templates fill in; the others print as they stand.
//! The templates print labels only from here (a test reads them for literals).

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
        "Utdragets namn i sidhuvudet. Också på webbsidorna.",
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
        "Före sammanträdets datum i protokollets och utdragets sidhuvud. Också på webbsidorna.",
    ),
    (
        "beslutsdatum",
        "Beslutsdatum",
        "Delegeringsbeslut: i stället för Sammanträdesdatum, i sidhuvudet, ANSLAG/BEVIS och anslaget. Också på webbsidorna.",
    ),
    (
        "delegeringsbeslut",
        "Delegeringsbeslut",
        "Rubriken på ett protokoll över delegeringsbeslut (`slag: delegeringsbeslut`), i sidhuvudet och på webbsidorna.",
    ),
    (
        "beslut_delegeringsbeslut",
        "Beslut",
        "Delegeringsbeslut: rubriken över paragrafens beslut, i stället för rubriker.beslut (organets beslut). Också på webbsidorna.",
    ),
    (
        "delegeringspunkt",
        "Delegeringspunkt",
        "Delegeringsbeslut: före punkten i delegationsordningen, under paragrafens rubrik. Också på webbsidorna.",
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
        "Protokollets försättsblad. Också på webbsidorna.",
    ),
    (
        "beslutande",
        "Beslutande",
        "Protokollets försättsblad. Också på webbsidorna.",
    ),
    (
        "beslutande_i_bilaga",
        "Se bilaga, närvaro- och omröstningslista",
        "Försättsbladet när närvaron står i bilagan.",
    ),
    (
        "beslutande_i_listan",
        "Se närvaro- och omröstningslista",
        "Försättsbladet när närvaron står i listan före paragraferna (omröstningslistans_plats).",
    ),
    (
        "beslutande_se_sida",
        "Se sid {sida}",
        "Försättsbladet när närvaron står på en senare sida (närvarolista: se_sida); {sida} är sidans nummer.",
    ),
    (
        "ersättare",
        "Ersättare",
        "Protokollets försättsblad: närvarande ersättare som inte tjänstgör. Också på webbsidorna.",
    ),
    (
        "frånvarande",
        "Frånvarande",
        "Protokollets försättsblad. Också på webbsidorna.",
    ),
    (
        "vakant",
        "Vakant",
        "En obesatt plats i förteckningen. Också på webbsidorna.",
    ),
    // Phrases inside the generated beslutsgång.
    (
        "med_instämmande",
        "med instämmande av {ledamöter}",
        "Beslutsgången, efter ett yrkande som andra instämde i: {ledamöter}.",
    ),
    (
        "yrkandet_från",
        "yrkandet från {ledamot}",
        "Beslutsgången, när förslagen räknas upp: ett yrkande och {ledamot} som lade det.",
    ),
    (
        "till_förmån_för",
        "till förmån för {förslag}",
        "Beslutsgången, efter en reservation: {förslag} (till_förmån_för).",
    ),
    (
        "röst_antal",
        "{antal} {sida}-röst",
        "Omröstningens utfall, en röst: {antal} (1), {sida} (ja eller nej).",
    ),
    (
        "röster_antal",
        "{antal} {sida}-röster",
        "Omröstningens utfall, flera röster: {antal}, {sida} (ja eller nej).",
    ),
    (
        "ledamot_avstår",
        "{antal} ledamot avstår",
        "Omröstningens utfall, när en ledamot avstår: {antal} (1).",
    ),
    (
        "ledamöter_avstår",
        "{antal} ledamöter avstår",
        "Omröstningens utfall, när flera avstår: {antal}.",
    ),
    (
        "tjänstgörande_ersättare_för",
        "tjänstgörande ersättare för {ledamot}",
        "Försättsbladet, efter en tjänstgörande ersättare: {ledamot} (den ersatta ledamoten), eller {ledamot_med_parti} (med partiet i profilens form).",
    ),
    (
        "ers_för",
        "ers. för {ledamot}",
        "Närvaro- och omröstningslistan, efter en ersättare som tjänstgör: {ledamot} (de ersatta), eller {ledamot_med_parti}.",
    ),
    (
        "vakant_plats",
        "vakant plats",
        "I stället för den ersatta ledamoten, när ersättaren tjänstgör på en obesatt plats.",
    ),
    (
        "ersättare_frånvarande",
        "ersättare",
        "Efter en frånvarande ersättare i förteckningen över frånvarande.",
    ),
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
        "gick_före_beslutet",
        "lämnade sammanträdet före beslutet i {paragraf}",
        "Efter namnet på den som gick under en paragraf, före dess beslut (gick_före_beslutet): {paragraf} (§ 5).",
    ),
    (
        "observatörer",
        "Observatörer",
        "Protokollets försättsblad och bilaga, över observatörerna (observatörer). Också på webbsidorna.",
    ),
    (
        "revisorer",
        "Revisorer",
        "Protokollets försättsblad och bilaga, över revisorerna (revisorer). Också på webbsidorna.",
    ),
    (
        "fackliga_företrädare",
        "Fackliga företrädare",
        "Protokollets försättsblad och bilaga, över de fackliga företrädarna (fackliga_företrädare). Också på webbsidorna.",
    ),
    (
        "övriga_närvarande",
        "Övriga närvarande",
        "Protokollets försättsblad och bilaga. Också på webbsidorna.",
    ),
    (
        "valkrets",
        "Valkrets {valkrets}",
        "I ett fullmäktige valt i flera valkretsar: mellanrubriken över varje valkrets ledamöter och ersättare i protokollets listor, närvaro- och omröstningslistan och kallelsens sändlista: {valkrets} (Norra, som ledamoter.yaml skriver valkretsen). Också på webbsidorna.",
    ),
    (
        "utses_att_justera",
        "Utses att justera",
        "Protokollets försättsblad.",
    ),
    (
        "justeringens_plats_och_tid",
        "Justeringens plats och tid",
        "Protokollets försättsblad. Också på webbsidorna.",
    ),
    (
        "paragrafer",
        "Paragrafer",
        "Protokollets försättsblad. Också på webbsidorna.",
    ),
    (
        "justering",
        "Justering",
        "Utdragets webbsida: rubriken över vem som justerade. Försättsbladet på ett protokoll som justeras i delar: över varje justerings underskrifter, före dess paragrafer.",
    ),
    // Digital justering: the signers listed, with nothing to sign on by hand.
    (
        "justeras_digitalt",
        "Justeras digitalt",
        "Försättsbladet vid digital justering: rubriken över dem som skriver under. Också på webbsidorna.",
    ),
    (
        "digitala_underskrifter",
        "Protokollet skrivs under med elektroniska underskrifter, som finns i PDF-filen.",
        "Försättsbladet vid digital justering, under rubriken.",
    ),
    (
        "justerat_digitalt",
        "Justerat digitalt",
        "Utdraget vid digital justering, före justeringens datum. Också på webbsidorna.",
    ),
    (
        "signeras_digitalt_av",
        "Signeras digitalt av",
        "ANSLAG/BEVIS, anslaget och utdragets bestyrkande vid digital justering, före sekreterarens namn (i stället för Underskrift).",
    ),
    (
        "medlem_i_kommunen",
        "kommunen",
        "Vem som får överklaga en kommuns beslut, {medlem} i laglighetsprövningens text: \"Den som är medlem i kommunen …\". Anslaget, utdraget och webben.",
    ),
    (
        "medlem_i_regionen",
        "regionen",
        "Detsamma för en regions beslut: \"… medlem i regionen …\".",
    ),
    (
        "medlem_i_någon_av",
        "någon av {samverkande}",
        "Detsamma för en gemensam nämnd: \"… medlem i någon av kommunerna Ekby och Norrby …\".",
    ),
    (
        "samverkande_kommuner",
        "kommunerna {namn}",
        "De kommuner som har en gemensam nämnd ({samverkande} i formuleringarna): \"kommunerna Ekby och Norrby\".",
    ),
    (
        "samverkande_regioner",
        "regionerna {namn}",
        "Detsamma när regioner har nämnden.",
    ),
    (
        "sekreterare",
        "Sekreterare",
        "Underskrifter i protokollet och kallelsen. Också på webbsidorna.",
    ),
    (
        "beslutsfattare",
        "Beslutsfattare",
        "Delegeringsbeslut: på försättsbladet och vid underskriften, i stället för Ordförande. Också på webbsidorna.",
    ),
    (
        "på_delegation_av",
        "På delegation av",
        "Delegeringsbeslut: på försättsbladet, före organet som har delegerat beslutanderätten.",
    ),
    (
        "ordförande",
        "Ordförande",
        "Underskrifter i protokollet, utdraget och kallelsen. Också på webbsidorna.",
    ),
    (
        "justerande",
        "Justerande",
        "Underskrifter i protokollet. Också på webbsidorna.",
    ),
    (
        "justerare",
        "Justerare",
        "Underskrifter i utdraget. Också på webbsidorna.",
    ),
    (
        "med",
        "med",
        "Mellan justeraren och ersättaren: X med Y som ersättare. Också på webbsidorna.",
    ),
    (
        "som_ersättare",
        "som ersättare",
        "Efter justerarens ersättare. Också på webbsidorna.",
    ),
    ("och", "och", "Före det sista namnet i en uppräkning."),
    // A §.
    (
        "dnr",
        "Dnr",
        "Före paragrafens diarienummer. Också på webbsidorna.",
    ),
    (
        "stängda_dörrar",
        "Ärendet behandlas inom stängda dörrar.",
        "Under rubriken på en paragraf bakom stängda dörrar. Också på webbsidorna.",
    ),
    (
        "utgår",
        "Utgår",
        "I kallelsens ärendelista, efter ett ärende som utgått (`utgår`), före skälet.",
    ),
    (
        "sekretess_i_webbkopian",
        "Ärendet omfattas av sekretess och visas inte i webbversionen.",
        "En hemlig paragraf i webbkopian. Också på webbsidorna.",
    ),
    (
        "sekretess",
        "Sekretess",
        "En hemlig paragraf i ärendeförteckningen i webbkopian.",
    ),
    (
        "information",
        "Information",
        "Rubriken över beslutsgången i ett informationsärende. Också på webbsidorna.",
    ),
    (
        "reservation_från",
        "Reservation från",
        "Rubriken över en skriftlig reservation, före namnet. Också på webbsidorna.",
    ),
    (
        "bilaga_reservation_från",
        "Bilaga: reservation från",
        "Rubriken över en skriftlig reservation som bilaga. Också på webbsidorna.",
    ),
    ("att", "att", "Före varje att-sats."),
    // Votes and the närvaro- och omröstningslista.
    (
        "ledamot",
        "Ledamot",
        "Omröstningstabellens första kolumn. Också på webbsidorna.",
    ),
    ("ja", "Ja", "Omröstningstabellen. Också på webbsidorna."),
    ("nej", "Nej", "Omröstningstabellen. Också på webbsidorna."),
    (
        "avstår",
        "Avstår",
        "Omröstningstabellen. Också på webbsidorna.",
    ),
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
        "Närvaro- och omröstningslistan, före paragrafen. Också på webbsidorna.",
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
        "närvarande_kort",
        "N",
        "Närvaro- och omröstningslistan per plats (närvarolista_form): ledamoten är närvarande.",
    ),
    (
        "frånvarande_kort",
        "F",
        "Närvaro- och omröstningslistan per plats: ledamoten är frånvarande.",
    ),
    (
        "tjänstgörande_ersättare",
        "Tjänstgörande ersättare",
        "Närvaro- och omröstningslistan per plats: ersättaren som tjänstgjorde på platsen.",
    ),
    (
        "ersättare_ej_tjänstgörande",
        "Närvarande ersättare som inte tjänstgjort",
        "Närvaro- och omröstningslistan per plats: under tabellen, ersättarna som var där utan att tjänstgöra.",
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
    (
        "närvarolista_rubrik",
        "Närvaro- och omröstningslista",
        "Rubriken över närvaro- och omröstningslistan när den står före paragraferna (omröstningslistans_plats) eller på sidan efter försättsbladet (närvarolista: se_sida).",
    ),
    (
        "röster_i_listan",
        "Hur var och en röstade framgår av närvaro- och omröstningslistan före paragraferna.",
        "I paragrafen när omröstningen står i listan före paragraferna (omröstningslistans_plats).",
    ),
    // The protokollsutdrag.
    (
        "justerat",
        "Justerat",
        "Utdraget, före justeringens datum. Också på webbsidorna.",
    ),
    (
        "justerad_omedelbart",
        "Paragrafen justerad omedelbart",
        "Utdraget av en omedelbart justerad paragraf, före datumet. Också på webbsidorna.",
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
    // The published web pages (`paragraf publish`): every page's frame.
    (
        "hoppa_till_innehållet",
        "Hoppa till innehållet",
        "Webbsidorna: länken förbi sidhuvudet, för den som använder tangentbord eller skärmläsare.",
    ),
    (
        "anslagstavla",
        "Anslagstavla",
        "Webbsidorna: anslagstavlans rubrik och sidtitel, länken dit i menyn och flödets titel.",
    ),
    (
        "anslagstavlan",
        "Anslagstavlan",
        "Webbsidorna: menyns namn för skärmläsare, och flödets avsändare när profilen inte har någon kommun.",
    ),
    (
        "tidigare_anslag",
        "Tidigare anslag",
        "Webbsidorna: arkivsidans rubrik och sidtitel, och länkarna dit.",
    ),
    (
        "prenumerera",
        "Prenumerera (Atom)",
        "Webbsidornas meny: länken till anslagstavlans flöde.",
    ),
    (
        "anslagstavlans_flöde",
        "Anslagstavlans flöde",
        "Webbsidorna: flödets namn, som webbläsare och flödesläsare visar.",
    ),
    (
        "webbsidans_sidfot",
        "Sidan är gjord av paragraf ur samma uppgifter som handlingarna i PDF. Personuppgifter är ersatta med {personuppgift} och ärenden med sekretess visas bara med sin rubrik.",
        "Webbsidornas sidfot; {personuppgift} är det som står i stället för en personuppgift.",
    ),
    // The anslagstavla and its feed.
    (
        "anslagstavla_inledning",
        "Anslag om justerade protokoll som är uppsatta {datum}, det senaste först. Ett anslag sitter uppe till och med sista dagen att överklaga.",
        "Anslagstavlan, under rubriken; {datum} är dagen sidan visar.",
    ),
    (
        "tidigare_anslag_inledning",
        "Anslag om justerade protokoll vars tid för överklagande hade gått ut {datum}, det senaste först.",
        "Arkivsidan, under rubriken; {datum} är dagen sidan visar.",
    ),
    (
        "anslagen_uppsatta_nu",
        "Anslagen som är uppsatta nu",
        "Arkivsidan: länken till anslagstavlan.",
    ),
    (
        "inga_anslag",
        "Inga anslag är uppsatta {datum}.",
        "Anslagstavlan när inget anslag är uppsatt; {datum} är dagen sidan visar.",
    ),
    (
        "inga_tidigare_anslag",
        "Det finns inga tidigare anslag.",
        "Arkivsidan när den är tom.",
    ),
    (
        "anslag_på_webben",
        "{organnamn}: protokoll från sammanträdet {sammanträdesdatum}",
        "Anslagstavlan: rubriken över ett anslag.",
    ),
    (
        "anslag_på_webben_delegeringsbeslut",
        "{organnamn}: protokoll över delegeringsbeslut {sammanträdesdatum}",
        "Anslagstavlan: rubriken över ett anslag om delegeringsbeslut.",
    ),
    (
        "tiden_för_överklagande_gick_ut",
        "Tiden för att överklaga genom laglighetsprövning gick ut den {sista_dag}.",
        "Arkivsidan, vid ett anslag vars tid för överklagande har gått ut.",
    ),
    (
        "läs_protokollet",
        "Läs protokollet",
        "Anslagstavlan: länken till protokollets webbsida.",
    ),
    (
        "protokollet_som_pdf",
        "Protokollet som PDF",
        "Anslagstavlan och protokollets webbsida: länken till protokollets webbkopia.",
    ),
    (
        "anslaget_som_pdf",
        "Anslaget som PDF",
        "Anslagstavlan: länken till anslaget.",
    ),
    (
        "så_överklagar_du",
        "Så överklagar du ett beslut",
        "Anslagstavlan och arkivsidan: rubriken över hur man överklagar.",
    ),
    (
        "så_överklagar_du_text",
        "Den som är medlem i kommunen eller regionen kan överklaga ett beslut genom laglighetsprövning enligt 13 kap. kommunallagen; ett kommunalförbunds beslut kan den överklaga som är medlem i någon av förbundets medlemskommuner eller -regioner, och en gemensam nämnds beslut den som är medlem i någon av de kommuner eller regioner som har nämnden. Vem som får överklaga står vid varje anslag. Överklagandet skickas till förvaltningsrätten och ska ha kommit in senast tre veckor från den dag då anslaget om att protokollet är justerat sattes upp. Den sista dagen står vid varje anslag.\n\n\
         I överklagandet ska du ange vilket beslut du överklagar och varför du anser att det strider mot lag: att det inte gäller en angelägenhet för kommunen eller regionen, att det har kommit till på fel sätt, att organet har överskridit sina befogenheter eller att beslutet strider mot lag eller annan författning.\n\n\
         Vissa beslut överklagas i stället genom förvaltningsbesvär av den som beslutet angår. Hur det går till står i beslutet, som skickas till den som berörs. Anslaget säger vilka paragrafer det gäller.\n\n\
         Protokollet finns att läsa där anslaget säger att det förvaras, och här som webbkopia.",
        "Anslagstavlan och arkivsidan: hur man överklagar, under rubriken. Markdown; en tom rad börjar ett nytt stycke.",
    ),
    (
        "flöde_undertitel",
        "Anslag om justerade protokoll",
        "Anslagstavlans flöde: undertiteln.",
    ),
    (
        "flöde_anslag",
        "{organnamn}: protokoll från sammanträdet {sammanträdesdatum} är justerat",
        "Anslagstavlans flöde: ett anslags titel.",
    ),
    (
        "flöde_anslag_delegeringsbeslut",
        "{organnamn}: protokoll över delegeringsbeslut {sammanträdesdatum} är justerat",
        "Anslagstavlans flöde: titeln på ett anslag om delegeringsbeslut.",
    ),
    (
        "flöde_anslag_text",
        "Anslaget är uppsatt {uppsatt} och tas ned {nedtaget}. Sista dag att överklaga är {sista_dag}.",
        "Anslagstavlans flöde: efter anslagets text.",
    ),
    // The facts of an anslag on the web.
    (
        "sista_dag_att_överklaga",
        "Sista dag att överklaga",
        "Ett anslag på webben: först bland uppgifterna.",
    ),
    (
        "sista_dagen_att_överklaga_var",
        "Sista dagen att överklaga var",
        "Ett anslag på arkivsidan: först bland uppgifterna.",
    ),
    ("organ", "Organ", "Ett anslag på webben."),
    (
        "protokollet_justerat",
        "Protokollet justerat",
        "Ett anslag på webben: justeringens datum.",
    ),
    (
        "anslaget_uppsatt",
        "Anslaget uppsatt",
        "Ett anslag på webben: dagen det sattes upp.",
    ),
    (
        "anslaget_sattes_upp",
        "Anslaget sattes upp",
        "Ett anslag på arkivsidan: dagen det sattes upp.",
    ),
    (
        "anslaget_tas_ned",
        "Anslaget tas ned",
        "Ett anslag på webben: dagen det tas ned.",
    ),
    (
        "anslaget_togs_ned",
        "Anslaget togs ned",
        "Ett anslag på arkivsidan: dagen det togs ned.",
    ),
    (
        "protokollet_förvaras",
        "Protokollet förvaras",
        "Ett anslag på webben: var protokollet finns.",
    ),
    // The protocol's and the extract's web pages.
    (
        "webbkopia_utan_personuppgifter",
        "webbkopia utan personuppgifter",
        "Protokollets och utdragets webbsidor, efter länken till PDF-filen.",
    ),
    (
        "sammanträdet",
        "Sammanträdet",
        "Protokollets webbsida: rubriken över plats, tid och paragrafer.",
    ),
    (
        "underskrifter",
        "Underskrifter",
        "Protokollets webbsida: rubriken över sekreterare, ordförande och justerare.",
    ),
    (
        "sekretess_på_webben",
        "(sekretess)",
        "Protokollets webbsida: efter rubriken på en hemlig paragraf i ärendeförteckningen.",
    ),
    (
        "pdf",
        "PDF",
        "Protokollets webbsida: länken till ett utdrag som PDF.",
    ),
    (
        "utdrag_från_sammanträdet",
        "{organnamn}, protokollsutdrag från sammanträdet {sammanträdesdatum}",
        "Utdragets webbsida, överst.",
    ),
    (
        "utdrag_ur_delegeringsbeslut",
        "{organnamn}, protokollsutdrag, delegeringsbeslut {sammanträdesdatum}",
        "Webbsidan för ett utdrag ur ett protokoll över delegeringsbeslut, överst.",
    ),
    (
        "anslaget_om_justeringen",
        "Anslaget om att protokollet är justerat",
        "Utdragets webbsida: länken till anslaget.",
    ),
    (
        "tiden_för_överklagande_räknas",
        "{anslaget}: tiden för överklagande räknas från den dag det sattes upp.",
        "Utdragets webbsida, under hur man överklagar; {anslaget} är länken till anslaget.",
    ),
    (
        "utdragets_handlingar",
        "Handlingar",
        "Utdragets webbsida: rubriken över länkarna till PDF-filen och protokollet.",
    ),
    (
        "utdraget_som_pdf",
        "Protokollsutdraget som PDF",
        "Utdragets webbsida: länken till utdragets webbkopia.",
    ),
    (
        "hela_protokollet",
        "Hela protokollet från sammanträdet {sammanträdesdatum}",
        "Utdragets webbsida: länken till protokollets webbsida.",
    ),
    (
        "hela_protokollet_delegeringsbeslut",
        "Hela protokollet över delegeringsbeslut {sammanträdesdatum}",
        "Webbsidan för ett utdrag ur ett protokoll över delegeringsbeslut: länken till protokollets webbsida.",
    ),
    (
        "omröstningsutfall",
        "{ja} ja, {nej} nej, {avstår} avstår",
        "Webbsidorna: omröstningstabellens rubrik, efter Omröstning och paragrafen.",
    ),
    (
        "röst",
        "Röst",
        "Webbsidorna: omröstningstabellens andra kolumn.",
    ),
];

/// The values in braces each label that takes any may use (`{datum}`); the others print
/// as they stand, and a value in braces there is an error.
pub const PLACEHOLDERS: &[(&str, &[&str])] = &[
    ("webbsidans_sidfot", &["personuppgift"]),
    ("anslagstavla_inledning", &["datum"]),
    ("tidigare_anslag_inledning", &["datum"]),
    ("inga_anslag", &["datum"]),
    ("anslag_på_webben", &["organnamn", "sammanträdesdatum"]),
    (
        "anslag_på_webben_delegeringsbeslut",
        &["organnamn", "sammanträdesdatum"],
    ),
    ("tiden_för_överklagande_gick_ut", &["sista_dag"]),
    ("flöde_anslag", &["organnamn", "sammanträdesdatum"]),
    (
        "flöde_anslag_delegeringsbeslut",
        &["organnamn", "sammanträdesdatum"],
    ),
    ("flöde_anslag_text", &["uppsatt", "nedtaget", "sista_dag"]),
    (
        "utdrag_från_sammanträdet",
        &["organnamn", "sammanträdesdatum"],
    ),
    ("tiden_för_överklagande_räknas", &["anslaget"]),
    ("hela_protokollet", &["sammanträdesdatum"]),
    ("hela_protokollet_delegeringsbeslut", &["sammanträdesdatum"]),
    (
        "utdrag_ur_delegeringsbeslut",
        &["organnamn", "sammanträdesdatum"],
    ),
    ("omröstningsutfall", &["ja", "nej", "avstår"]),
    ("medlem_i_någon_av", &["samverkande"]),
    ("samverkande_kommuner", &["namn"]),
    ("samverkande_regioner", &["namn"]),
    (
        "tjänstgörande_ersättare_för",
        &["ledamot", "ledamot_med_parti"],
    ),
    ("ers_för", &["ledamot", "ledamot_med_parti"]),
    ("med_instämmande", &["ledamöter"]),
    ("gick_före_beslutet", &["paragraf"]),
    ("valkrets", &["valkrets"]),
    ("yrkandet_från", &["ledamot"]),
    ("till_förmån_för", &["förslag"]),
    ("beslutande_se_sida", &["sida"]),
    ("röst_antal", &["antal", "sida"]),
    ("röster_antal", &["antal", "sida"]),
    ("ledamot_avstår", &["antal"]),
    ("ledamöter_avstår", &["antal"]),
];

/// The values `key` may use; none for a label printed as it stands.
pub fn placeholders(key: &str) -> &'static [&'static str] {
    PLACEHOLDERS
        .iter()
        .find(|(k, _)| *k == key)
        .map_or(&[], |(_, values)| values)
}

/// Every label of the catalogue, in `overrides`' words (a profile's `etiketter`) where it
/// has its own.
pub fn all(
    overrides: &std::collections::BTreeMap<String, String>,
) -> std::collections::BTreeMap<&'static str, String> {
    LABELS
        .iter()
        .map(|(key, default, _)| {
            let text = overrides.get(*key).map_or(*default, String::as_str);
            (*key, text.to_owned())
        })
        .collect()
}

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

    #[test]
    fn a_default_uses_every_value_its_label_may_use_and_no_other() {
        use crate::model::{Piece, pieces};
        for (key, _) in PLACEHOLDERS {
            assert!(
                default_label(key).is_some(),
                "{key} is not in the catalogue"
            );
        }
        for (key, default, _) in LABELS {
            let mut used: Vec<&str> = pieces(default)
                .into_iter()
                .filter_map(|piece| match piece {
                    Piece::Value(name) => Some(name),
                    Piece::Text(_) => None,
                })
                .collect();
            used.sort_unstable();
            // `{ledamot_med_parti}` is the other form of `{ledamot}`, for a profile to choose.
            let mut allowed: Vec<&str> = (placeholders(key).iter().copied())
                .filter(|value| !value.ends_with("_med_parti"))
                .collect();
            allowed.sort_unstable();
            assert_eq!(used, allowed, "{key}");
        }
    }
}
