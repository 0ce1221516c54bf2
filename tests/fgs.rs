//! `archive --format fgs`: one FGS 2.0 / E-ARK SIP package per meeting. Every METS and
//! ERMS file is valid against the schemas the package carries (xmllint, offline), every
//! checksum and size in the METS files is the file's, the same input gives the same bytes,
//! and the DILCIS Board's validator finds no error but its known SIP14 (when
//! `PARAGRAF_EARK_VALIDATE` names `../shared/tools/eark-validate`, as `.ci/run` does).

mod common;
#[path = "common/signing.rs"]
mod signing;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use common::{page_text, repo};
use paragraf::sign::Role;

fn paragraf(args: &[&str], epoch: Option<&str>) -> std::process::Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_paragraf"));
    command.args(args).current_dir(repo());
    match epoch {
        Some(epoch) => command.env("SOURCE_DATE_EPOCH", epoch),
        None => command.env_remove("SOURCE_DATE_EPOCH"),
    };
    command.output().expect("paragraf runs")
}

/// The packages of `inputs`, archived into a fresh folder.
fn packages(inputs: &[&str], epoch: Option<&str>) -> (tempfile::TempDir, Vec<PathBuf>) {
    let out = tempfile::tempdir().expect("temp dir");
    let out_arg = out.path().to_string_lossy().into_owned();
    let mut args = vec!["archive"];
    args.extend(inputs);
    args.extend(["--format", "fgs", "-o", &out_arg]);
    let output = paragraf(&args, epoch);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let mut folders: Vec<PathBuf> = std::fs::read_dir(out.path())
        .expect("output")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.is_dir())
        .collect();
    folders.sort();
    (out, folders)
}

fn every_file(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut files = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(folder) = stack.pop() {
        for entry in std::fs::read_dir(&folder).expect("folder").flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let name = path
                    .strip_prefix(dir)
                    .expect("inside")
                    .to_string_lossy()
                    .into_owned();
                files.insert(name, std::fs::read(&path).expect("file"));
            }
        }
    }
    files
}

fn sha256(bytes: &[u8]) -> String {
    use sha2::Digest;
    sha2::Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Validate `file` against `schema` with xmllint, offline: the METS schema's import of
/// xlink from loc.gov is served from the package's own copy through a catalog.
fn xmllint(package: &Path, file: &str, schema: &str) {
    let catalog = package.join("catalog.tmp.xml");
    let xlink = package.join("schemas/xlink.xsd");
    std::fs::write(
        &catalog,
        format!(
            r#"<?xml version="1.0"?>
<catalog xmlns="urn:oasis:names:tc:entity:xmlns:xml:catalog">
  <system systemId="http://www.loc.gov/standards/xlink/xlink.xsd" uri="file://{}"/>
  <uri name="http://www.loc.gov/standards/xlink/xlink.xsd" uri="file://{}"/>
</catalog>"#,
            xlink.display(),
            xlink.display()
        ),
    )
    .expect("catalog");
    let output = Command::new("xmllint")
        .args(["--noout", "--nonet", "--schema"])
        .arg(package.join(schema))
        .arg(package.join(file))
        .env("XML_CATALOG_FILES", &catalog)
        .output()
        .expect("xmllint runs (Debian: libxml2-utils)");
    let _ = std::fs::remove_file(&catalog);
    assert!(
        output.status.success(),
        "{file} against {schema}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
}

/// Every file a METS lists (FLocat or mdRef) exists beside it with the size and SHA-256
/// it gives. Returns the paths listed.
fn checksums_hold(mets: &Path) -> Vec<String> {
    let text = std::fs::read_to_string(mets).expect("METS");
    let document = roxmltree::Document::parse(&text).expect("METS is XML");
    let xlink = "http://www.w3.org/1999/xlink";
    let folder = mets.parent().expect("folder");
    let mut listed = Vec::new();
    for node in document.descendants() {
        let (size, checksum, href) = match node.tag_name().name() {
            "file" => {
                let flocat = node
                    .children()
                    .find(|c| c.tag_name().name() == "FLocat")
                    .expect("a file has an FLocat");
                (
                    node.attribute("SIZE"),
                    node.attribute("CHECKSUM"),
                    flocat.attribute((xlink, "href")),
                )
            }
            "mdRef" => (
                node.attribute("SIZE"),
                node.attribute("CHECKSUM"),
                node.attribute((xlink, "href")),
            ),
            _ => continue,
        };
        let href = href.expect("href");
        assert_eq!(node.attribute("CHECKSUMTYPE"), Some("SHA-256"));
        let bytes = std::fs::read(folder.join(href)).unwrap_or_else(|_| panic!("{href} exists"));
        assert_eq!(
            size,
            Some(bytes.len().to_string().as_str()),
            "size of {href}"
        );
        assert_eq!(
            checksum,
            Some(sha256(&bytes).as_str()),
            "checksum of {href}"
        );
        listed.push(href.to_owned());
    }
    listed
}

#[test]
fn every_meeting_gets_a_schema_valid_package_whose_checksums_hold() {
    let (_out, folders) = packages(&["cases"], None);
    // One package per meeting of the examples.
    assert!(folders.len() >= 7, "{folders:?}");
    for package in &folders {
        xmllint(package, "METS.xml", "schemas/mets.xsd");
        xmllint(package, "representations/rep1/METS.xml", "schemas/mets.xsd");
        xmllint(
            package,
            "metadata/descriptive/erms.xml",
            "schemas/ERMS_v3.xsd",
        );
        let root = checksums_hold(&package.join("METS.xml"));
        let data = checksums_hold(&package.join("representations/rep1/METS.xml"));
        // Everything in the package is listed by one of the two METS files.
        let files = every_file(package);
        let mut listed: Vec<String> = root
            .into_iter()
            .chain(data.iter().map(|d| format!("representations/rep1/{d}")))
            .chain(["METS.xml".to_owned()])
            .collect();
        listed.sort();
        assert_eq!(files.keys().cloned().collect::<Vec<_>>(), listed);
        assert!(data.iter().all(|d| d.ends_with(".pdf")) && !data.is_empty());
    }
}

#[test]
fn the_erms_names_the_arkivbildare_each_arende_its_beslut_and_handlingar() {
    let (_out, folders) = packages(&["cases/kultur-och-fritidsnamnden/2024-09-17"], None);
    let [package] = folders.as_slice() else {
        panic!("one meeting, one package: {folders:?}");
    };
    assert_eq!(
        package.file_name().and_then(|n| n.to_str()),
        Some("kultur-och-fritidsnamnden-2024-09-17")
    );
    let text =
        std::fs::read_to_string(package.join("metadata/descriptive/erms.xml")).expect("ERMS");
    let erms = roxmltree::Document::parse(&text).expect("XML");
    let named = |name: &'static str| {
        erms.descendants()
            .filter(move |n| n.tag_name().name() == name)
    };
    let creator = named("identification").next().and_then(|n| n.text());
    assert_eq!(creator, Some("Kultur- och fritidsnämnden, Ekby kommun"));
    let cases: Vec<_> = named("aggregation")
        .filter(|n| n.attribute("aggregationType") == Some("caseFile"))
        .collect();
    assert_eq!(cases.len(), 13, "an ärende per item with diarienummer");
    for case in &cases {
        let dnr = case.attribute("systemIdentifier").expect("dnr");
        let records: Vec<_> = case
            .children()
            .filter(|n| n.tag_name().name() == "record")
            .collect();
        let kinds: Vec<_> = records
            .iter()
            .filter_map(|r| r.attribute("recordType"))
            .collect();
        assert!(kinds.contains(&"Tjänsteutlåtande"), "{dnr}: {kinds:?}");
        assert!(kinds.contains(&"Protokollsutdrag"), "{dnr}: {kinds:?}");
        // The beslut: decided at the meeting, by the nämnd, with its §.
        let action = case
            .children()
            .find(|n| n.tag_name().name() == "action")
            .unwrap_or_else(|| panic!("{dnr} has its beslut"));
        let date = action
            .descendants()
            .find(|n| n.tag_name().name() == "actionDate")
            .and_then(|n| n.text());
        assert_eq!(date, Some("2024-09-17T00:00:00"));
        let kind = action
            .children()
            .find(|n| n.tag_name().name() == "actionType")
            .and_then(|n| n.text())
            .unwrap_or_default();
        assert!(kind.starts_with("Beslut § "), "{kind}");
        // Each handling's file is in the package.
        for record in records {
            let path = record
                .descendants()
                .find(|n| n.tag_name().name() == "appendix")
                .and_then(|n| n.attribute("path"))
                .expect("file reference");
            assert!(package.join(path).is_file(), "{path}");
        }
    }
    // The one item handled under sekretess is marked so, with its handlingar.
    let secret: Vec<_> = cases
        .iter()
        .filter(|case| {
            case.children()
                .any(|n| n.tag_name().name() == "securityClass" && n.text() == Some("Sekretess"))
        })
        .collect();
    assert_eq!(secret.len(), 1);
    assert!(
        secret[0]
            .children()
            .filter(|n| n.tag_name().name() == "record")
            .all(|r| r.children().any(|n| n.tag_name().name() == "securityClass"))
    );
    // The protokoll, kallelse and anslag are the meeting's own.
    let meeting = named("aggregation")
        .find(|n| n.attribute("aggregationType") == Some("file"))
        .expect("the meeting's handlingar");
    let kinds: Vec<_> = meeting
        .children()
        .filter_map(|n| n.attribute("recordType"))
        .collect();
    for kind in ["Protokoll", "Kallelse", "Anslag"] {
        assert!(kinds.contains(&kind), "{kinds:?}");
    }
}

#[test]
fn the_same_input_gives_the_same_bytes_and_the_date_is_the_documents_or_source_date_epoch() {
    let input = ["cases/socialnamnden"];
    let (first, a) = packages(&input, None);
    let (second, b) = packages(&input, None);
    assert_eq!(a.len(), b.len());
    for (a, b) in a.iter().zip(&b) {
        assert_eq!(every_file(a), every_file(b));
    }
    drop((first, second));
    let (_out, dated) = packages(&input, Some("1735689600"));
    let mets = std::fs::read_to_string(dated[0].join("METS.xml")).expect("METS");
    assert!(
        mets.contains(r#"CREATEDATE="2025-01-01T00:00:00""#),
        "{mets}"
    );
}

/// The DILCIS Board's validator, when CI names it: structure WellFormed and no Error but
/// SIP14 (which eark-validator 1.1.3 gives every schema-valid package; see
/// ../shared/tools/README.md).
#[test]
fn the_dilcis_validator_finds_no_error_but_its_known_sip14() {
    let Some(validator) = std::env::var_os("PARAGRAF_EARK_VALIDATE") else {
        // In CI the validator must run: a missing one is a failure, not a pass.
        assert!(
            std::env::var_os("CI").is_none(),
            "CI is set but PARAGRAF_EARK_VALIDATE is not: .ci/run could not install the E-ARK validator"
        );
        eprintln!("PARAGRAF_EARK_VALIDATE not set: the E-ARK validator is not run here");
        return;
    };
    let (_out, folders) = packages(&["cases"], None);
    for package in &folders {
        eark_validate(Path::new(&validator), package);
    }
}

/// The DILCIS Board's validator `validator` on `package`: structure WellFormed and no
/// Error but SIP14.
fn eark_validate(validator: &Path, package: &Path) {
    let output = Command::new(validator)
        .arg(package)
        .output()
        .expect("eark-validate runs");
    let stdout = String::from_utf8_lossy(&output.stdout);
    let json = stdout
        .lines()
        .rfind(|l| l.starts_with('{'))
        .unwrap_or_else(|| panic!("a JSON report: {stdout}"));
    let report: serde_json::Value = serde_json::from_str(json).expect("JSON");
    assert_eq!(
        report["structure"]["status"], "WellFormed",
        "{package:?}: {json}"
    );
    let mut errors = Vec::new();
    let mut collect = |messages: &serde_json::Value| {
        for message in messages.as_array().into_iter().flatten() {
            if message["severity"] == "Error" && message["rule_id"] != "SIP14" {
                errors.push(message.clone());
            }
        }
    };
    collect(&report["structure"]["messages"]);
    for result in report["metadata"]
        .as_object()
        .into_iter()
        .flat_map(|m| m.values())
    {
        collect(&result["messages"]);
    }
    assert!(errors.is_empty(), "{package:?}: {errors:#?}");
}

/// Text from YAML is text in the XML: markup in a rubrik or a beslut stays characters,
/// and the files still validate.
#[test]
fn markup_in_the_yaml_is_escaped_in_every_xml_file() {
    let dir = tempfile::tempdir().expect("temp dir");
    let nämnd = dir.path().join("kfn");
    common::copy_folder(&repo().join("cases/kultur-och-fritidsnamnden"), &nämnd);
    let case = nämnd.join("2024-09-17/01-delarsrapport.yaml");
    let hostile = r#"Delårsrapport </title><x:a xmlns:x="y"/> & "citat" ]]> <!-- &amp;"#;
    let text = std::fs::read_to_string(&case).expect("case");
    let edited = text.replacen(
        "rubrik: Delårsrapport januari–augusti 2024",
        &format!("rubrik: '{hostile}'"),
        1,
    );
    assert_ne!(edited, text);
    std::fs::write(&case, edited).expect("edited");
    let (_out, folders) = packages(&[nämnd.to_str().expect("path")], None);
    let package = &folders[0];
    xmllint(
        package,
        "metadata/descriptive/erms.xml",
        "schemas/ERMS_v3.xsd",
    );
    xmllint(package, "METS.xml", "schemas/mets.xsd");
    let erms =
        std::fs::read_to_string(package.join("metadata/descriptive/erms.xml")).expect("ERMS");
    let document = roxmltree::Document::parse(&erms).expect("XML");
    let titles: Vec<&str> = document
        .descendants()
        .filter(|n| n.tag_name().name() == "title")
        .filter_map(|n| n.text())
        .collect();
    assert!(titles.contains(&hostile), "{titles:?}");
    assert!(
        !document
            .descendants()
            .any(|n| n.tag_name().namespace() == Some("y")),
        "no element from the YAML"
    );
}

/// A protocol of delegeringsbeslut was made at no sammanträde: its package says what it is.
#[test]
fn a_package_of_delegation_decisions_is_labelled_as_such() {
    let (_out, folders) = packages(&["cases/kultur-och-fritidsnamnden/2024-10-03"], None);
    let [package] = folders.as_slice() else {
        panic!("one protocol, one package: {folders:?}");
    };
    let about = std::fs::read_to_string(package.join("documentation/om-paketet.txt"))
        .expect("documentation");
    let erms =
        std::fs::read_to_string(package.join("metadata/descriptive/erms.xml")).expect("ERMS");
    let label = "Kultur- och fritidsnämnden, Ekby kommun, delegeringsbeslut 2024-10-03";
    assert!(about.contains(label), "{about}");
    assert!(erms.contains(&format!("<title>{label}</title>")), "{erms}");
    assert!(!about.contains("sammanträde") && !erms.contains("sammanträde 2024"));
}

#[test]
fn two_meetings_of_one_organ_name_and_day_get_two_packages() {
    // Two municipalities' Socialnämnden meeting on 2015-03-24.
    let dir = tempfile::tempdir().unwrap();
    for municipality in ["a", "b"] {
        common::copy_folder(
            &repo().join("cases/socialnamnden"),
            &dir.path().join(municipality).join("socialnamnden"),
        );
    }
    let input = dir.path().to_string_lossy().into_owned();
    let (_out, folders) = packages(&[&input], None);
    let meetings: Vec<&PathBuf> = folders
        .iter()
        .filter(|f| f.to_string_lossy().contains("2015-03-24"))
        .collect();
    assert_eq!(meetings.len(), 2, "{folders:?}");
    for package in meetings {
        let data = checksums_hold(&package.join("representations/rep1/METS.xml"));
        let files = every_file(&package.join("representations/rep1/data"));
        // The package's own PDFs, every one listed: none of the other meeting's.
        assert_eq!(files.len(), data.len(), "{}: {data:?}", package.display());
        let erms = std::fs::read_to_string(package.join("metadata/descriptive/erms.xml")).unwrap();
        assert_eq!(erms.matches("<erms:agent ").count().max(1), 1, "{erms}");
    }
}

/// A protocol with a diarienummer of its own (`dnr` of the meeting) prints it in its
/// header and files the meeting's own handlingar under it in the ERMS.
#[test]
fn the_protocols_own_dnr_is_printed_and_filed() {
    let (_out, folders) = packages(&["cases/regionstyrelsen"], None);
    let package = folders.first().expect("a package");
    let erms =
        String::from_utf8(std::fs::read(package.join("metadata/descriptive/erms.xml")).unwrap())
            .unwrap();
    let file = erms
        .split("aggregationType=\"file\"")
        .nth(1)
        .expect("the meeting's own file");
    assert!(
        file.contains("<extraId extraIdType=\"diarienummer\">RS 2024-0012</extraId>"),
        "{erms}"
    );
    let protocol =
        package.join("representations/rep1/data/2024-11-26_regionstyrelsen_protokoll.pdf");
    let protocol = if protocol.exists() {
        protocol
    } else {
        every_file(package)
            .keys()
            .find(|k| k.ends_with("_protokoll.pdf"))
            .map(|k| package.join(k))
            .expect("the protocol")
    };
    assert!(page_text(&protocol, 1).contains("Dnr RS 2024-0012"));
}

/// Whether no file is in `dir` (folders made before a failure may be).
fn no_file(dir: &Path) -> bool {
    !dir.exists() || every_file(dir).is_empty()
}

#[test]
fn a_protocol_signed_digitally_goes_into_the_package_signed_and_a_tampered_one_stops_it() {
    let dir = tempfile::tempdir().expect("temp dir");
    let built = paragraf::build(
        &[repo().join("cases/kultur-och-fritidsnamnden")],
        &dir.path().join("ut"),
        &paragraf::BuildOptions::default(),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let protocol = built
        .written
        .iter()
        .map(|w| w.path.clone())
        .find(|p| {
            p.to_string_lossy()
                .ends_with("2024-09-17_kultur-och-fritidsnamnden_protokoll.pdf")
        })
        .expect("the protocol");
    let name = protocol.file_name().expect("name").to_owned();
    // Signed by the ordförande and the justerare on the day of the justering.
    let ca = signing::Ca::new(1, "Ekby kommuns CA");
    let once = signing::signed_at(
        &std::fs::read(&protocol).expect("PDF"),
        &ca.signer(2, "Maria Lind"),
        Role::Chair,
        "D:20240924100000+02'00'",
    );
    let twice = signing::signed_at(
        &once,
        &ca.signer(3, "Erik Berg"),
        Role::Adjuster,
        "D:20240924110000+02'00'",
    );
    let signed_folder = dir.path().join("underskrivna");
    std::fs::create_dir(&signed_folder).expect("folder");
    std::fs::write(signed_folder.join(&name), &twice).expect("written");
    let anchor = dir.path().join("ca.pem");
    std::fs::write(&anchor, ca.pem()).expect("written");

    let archive = |out: &Path, anchor: &Path| {
        paragraf(
            &[
                "archive",
                "cases/kultur-och-fritidsnamnden",
                "--format",
                "fgs",
                "--underskrivna",
                signed_folder.to_str().expect("path"),
                "--betrodd",
                anchor.to_str().expect("path"),
                "-o",
                out.to_str().expect("path"),
            ],
            None,
        )
    };
    let out = dir.path().join("leverans");
    let output = archive(&out, &anchor);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let package = out.join("kultur-och-fritidsnamnden-2024-09-17");
    let packaged = package.join("representations/rep1/data").join(&name);
    assert_eq!(
        std::fs::read(&packaged).expect("packaged"),
        twice,
        "the signed file"
    );
    // Its checksum in both METS, the files schema-valid, and the validator content.
    checksums_hold(&package.join("METS.xml"));
    checksums_hold(&package.join("representations/rep1/METS.xml"));
    xmllint(&package, "METS.xml", "schemas/mets.xsd");
    xmllint(
        &package,
        "representations/rep1/METS.xml",
        "schemas/mets.xsd",
    );
    xmllint(
        &package,
        "metadata/descriptive/erms.xml",
        "schemas/ERMS_v3.xsd",
    );
    if let Some(validator) = std::env::var_os("PARAGRAF_EARK_VALIDATE") {
        eark_validate(Path::new(&validator), &package);
    }
    // The ERMS says the protocol is signed, by whom, and no other handling is.
    let text =
        std::fs::read_to_string(package.join("metadata/descriptive/erms.xml")).expect("ERMS");
    let erms = roxmltree::Document::parse(&text).expect("XML");
    let signed_records: Vec<_> = erms
        .descendants()
        .filter(|n| n.tag_name().name() == "record")
        .filter(|r| r.children().any(|n| n.tag_name().name() == "eSignatures"))
        .collect();
    let [record] = signed_records.as_slice() else {
        panic!("one signed record: {text}");
    };
    assert_eq!(record.attribute("recordType"), Some("Protokoll"));
    let notes: Vec<&str> = record
        .descendants()
        .filter(|n| n.tag_name().name() == "note")
        .filter_map(|n| n.text())
        .collect();
    assert_eq!(notes.len(), 2, "{notes:?}");
    assert!(
        notes[0].starts_with(
            "PAdES-underskrift av Maria Lind som ordförande (2024-09-24 10:00:00 +02:00)"
        ) && notes[0].contains("leder till det betrodda Ekby kommuns CA"),
        "{notes:?}"
    );
    assert!(notes[1].contains("Erik Berg som justerare"), "{notes:?}");
    let present = record
        .descendants()
        .filter(|n| n.tag_name().name() == "eSignature" && n.attribute("present") == Some("true"))
        .count();
    assert_eq!(present, 2);
    let about = std::fs::read_to_string(package.join("documentation/om-paketet.txt"))
        .expect("documentation");
    assert!(
        about.contains(&format!(
            "{}  Protokoll, 2024-09-17, underskriven digitalt",
            name.to_string_lossy()
        )),
        "{about}"
    );
    // verify agrees on the packaged file.
    let verdict =
        paragraf::verify::verify(&packaged, &paragraf::verify::Trust::default()).expect("verified");
    assert!(
        matches!(verdict, paragraf::verify::Finding::Signed(..)),
        "{verdict:?}"
    );

    // Fail closed: each of these stops the delivery, naming the file, and writes nothing.
    let refused = |why: &str| {
        let out = dir.path().join("vägrad");
        let output = archive(&out, &anchor);
        let said = String::from_utf8_lossy(&output.stderr).into_owned();
        assert!(!output.status.success(), "{said}");
        assert!(said.contains(why), "{said}");
        assert!(no_file(&out), "nothing written: {said}");
        said
    };
    // A byte of paragraf's revision changed after signing.
    let mut tampered = twice.clone();
    let at = tampered
        .windows(12)
        .position(|w| w == b"CreatorTool>")
        .expect("the XMP's creator tool");
    tampered[at + 12] ^= 0x01;
    std::fs::write(signed_folder.join(&name), &tampered).expect("written");
    let said = refused("läggs inte i leveransen: ÄNDRAD");
    assert!(said.contains(&*name.to_string_lossy()), "{said}");
    // A change appended after the signatures.
    let mut appended = twice.clone();
    appended.extend_from_slice(b"\n1 0 obj\n(BEVILJAT)\nendobj\n");
    std::fs::write(signed_folder.join(&name), &appended).expect("written");
    refused("läggs inte i leveransen");
    // Signers who lead to none of the trusted certificates.
    std::fs::write(signed_folder.join(&name), &twice).expect("written");
    let stranger = dir.path().join("annan-ca.pem");
    std::fs::write(&stranger, signing::Ca::new(9, "Någon annans CA").pem()).expect("written");
    let out = dir.path().join("vägrad");
    let output = archive(&out, &stranger);
    assert!(!output.status.success());
    assert!(
        String::from_utf8_lossy(&output.stderr).contains("INTE till något betrott"),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(no_file(&out));
    // A PDF that is no document of the delivery.
    std::fs::write(signed_folder.join("okänd.pdf"), &twice).expect("written");
    refused("ingen handling i leveransen heter så");
}

/// A protocol justerat digitally says its signatures are in the file: archived with
/// `--underskrivna` but without a signed copy there, the delivery says so.
#[test]
fn a_digital_protocol_without_its_signed_copy_is_named_in_a_warning() {
    let dir = tempfile::tempdir().expect("temp dir");
    let signed = dir.path().join("underskrivna");
    std::fs::create_dir(&signed).expect("folder");
    let out = dir.path().join("ut");
    let output = paragraf(
        &[
            "archive",
            "cases/regionstyrelsen",
            "--format",
            "fgs",
            "--underskrivna",
            &signed.to_string_lossy(),
            "-o",
            &out.to_string_lossy(),
        ],
        None,
    );
    let said = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{said}");
    assert!(
        said.contains("2024-11-26_regionstyrelsen_protokoll.pdf justeras digitalt men finns inte underskriven här"),
        "{said}"
    );
}
