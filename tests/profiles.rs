//! Profiles: the two shipped ones (Stockholms stad for the seeds, Ekby kommun for the
//! example meeting) each give their documents their own name, logo, address line,
//! headings, wordings and dates; a broken logo is an error at its line in the profile.

mod common;

use std::path::Path;
use std::process::Command;

use common::*;

/// Whether the first page shows `colour` (the logo's) in its top left quarter, as a
/// reader sees it: rendered by pdftoppm at 30 dpi.
fn logo_shown(pdf: &Path, colour: [u8; 3]) -> bool {
    let output = Command::new("pdftoppm")
        .args(["-r", "30", "-f", "1", "-l", "1"])
        .arg(pdf)
        .output()
        .expect("pdftoppm runs (poppler-utils)");
    // A binary PPM: "P6", width, height, 255, then RGB rows.
    let ppm = output.stdout;
    let header: Vec<&[u8]> = ppm.splitn(5, |b| b.is_ascii_whitespace()).collect();
    let number = |i: usize| -> usize { std::str::from_utf8(header[i]).unwrap().parse().unwrap() };
    let (width, height) = (number(1), number(2));
    let pixels = header[4];
    (0..height / 4).any(|y| {
        (0..width / 2).any(|x| {
            let at = (y * width + x) * 3;
            pixels[at..at + 3]
                .iter()
                .zip(colour)
                .all(|(&p, c)| p.abs_diff(c) < 12)
        })
    })
}

fn attached(pdf: &Path) -> Vec<String> {
    paragraf::extract::attachments(pdf)
        .unwrap()
        .into_iter()
        .map(|a| a.name)
        .collect()
}

#[test]
fn stockholms_profile_gives_the_seed_documents_its_name_logo_and_address() {
    let (_out, pdfs) = build(&[seed_meeting()]);
    let statement = pdf(&pdfs, "tjansteutlatande");
    let extract = pdf(&pdfs, "protokollsutdrag");
    for document in [statement, extract] {
        let text = text(document);
        assert!(text.starts_with("Stockholms stad "), "{text}");
        assert!(text.contains("stockholm.se"), "{text}");
        assert!(logo_shown(document, [0x0b, 0x4d, 0x8c]));
        let names = attached(document);
        assert!(
            names.contains(&"profil.yaml".to_owned()) && names.contains(&"logotyp.svg".to_owned()),
            "{names:?}"
        );
    }
    let extract = text(extract);
    for expected in [
        "Beslutsgång Ordföranden konstaterar att det finns ett förslag till beslut",
        "Vid protokollet",
        "Rätt utdraget intygar",
        "Sammanträdesdatum 2015-03-24",
    ] {
        assert!(extract.contains(expected), "{expected:?} in {extract}");
    }
}

#[test]
fn ekbys_profile_words_the_example_meeting_its_own_way() {
    let meeting = repo().join("cases/kultur-och-fritidsnamnden/2024-09-17/sammantrade.yaml");
    let (_out, pdfs) = build(&[meeting]);
    let extract = pdf(&pdfs, "protokollsutdrag_p001");
    assert!(logo_shown(extract, [30, 110, 60]));
    assert!(attached(extract).contains(&"logotyp.png".to_owned()));
    let extract = text(extract);
    for expected in [
        "Ekby kommun Kultur- och fritidsnämnden",
        "Sammanträdesdatum 17 september 2024",
        "Beskrivning av ärendet",
        "Handläggning Nämnden beslutar enligt förvaltningens förslag.",
        "Protokollförare",
        "Utdragsbestyrkande",
        "Ekby kommun · Kultur- och fritidsförvaltningen",
    ] {
        assert!(extract.contains(expected), "{expected:?} in {extract}");
    }
    for stockholm in ["Rätt utdraget intygar", "Vid protokollet", "Beslutsgång"] {
        assert!(!extract.contains(stockholm), "{stockholm:?} in {extract}");
    }
    let statement = text(pdf(&pdfs, "tjansteutlatande_kfn-2024-201"));
    assert!(
        statement.contains("Förslag till beslut 1.")
            && !statement.contains("Förvaltningens förslag till beslut"),
        "{statement}"
    );
}

/// A nämnd folder with `profile` as its profil.yaml and seed 001's case in
/// `beredning/arende.yaml`.
fn committee(profile: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("profil.yaml"), profile).unwrap();
    let folder = dir.path().join("beredning");
    std::fs::create_dir(&folder).unwrap();
    std::fs::copy(seed_001_case(), folder.join("arende.yaml")).unwrap();
    dir
}

/// A nämnd folder whose profile's logo is `fil`, with the file `logo` (name and bytes).
fn committee_with_logo(fil: &str, logo: Option<(&str, &[u8])>) -> tempfile::TempDir {
    let dir = committee(&format!(
        "kommun: Provby kommun\nlogotyp:\n  fil: {fil}\n  alt: Provby\n"
    ));
    if let Some((name, bytes)) = logo {
        std::fs::write(dir.path().join(name), bytes).unwrap();
    }
    dir
}

/// `paragraf ARGS` run in `folder`.
fn paragraf_in(folder: &Path, args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_paragraf"))
        .args(args)
        .current_dir(folder)
        .output()
        .unwrap()
}

/// `paragraf build` of the committee's case into a fresh folder: its stderr, and whether
/// the output folder stayed empty.
fn build_fails(dir: &Path) -> (String, bool) {
    let out = tempfile::tempdir().unwrap();
    let output = paragraf_in(
        dir,
        &[
            "build",
            "beredning/arende.yaml",
            "-o",
            out.path().to_str().unwrap(),
        ],
    );
    assert_eq!(output.status.code(), Some(1));
    let empty = std::fs::read_dir(out.path()).unwrap().next().is_none();
    (String::from_utf8_lossy(&output.stderr).into_owned(), empty)
}

#[test]
fn a_logo_that_is_not_an_image_is_an_error_at_its_line_and_nothing_is_written() {
    for (name, bytes) in [
        ("logo.png", b"#import \"/etc/passwd\"\n".as_slice()),
        ("logo.png", b"\x89PNG\r\n\x1a\nnot really".as_slice()),
        (
            "logo.svg",
            b"<svg xmlns=\"http://www.w3.org/2000/svg\"><unclosed".as_slice(),
        ),
    ] {
        let dir = committee_with_logo(name, Some((name, bytes)));
        let (stderr, empty) = build_fails(dir.path());
        assert!(
            stderr.contains("profil.yaml:3:8")
                && stderr.contains(&format!("logotypen {name} är ingen bild")),
            "{stderr}"
        );
        assert!(empty, "a file was written");
    }
}

#[test]
fn a_logo_outside_the_profiles_folder_or_missing_is_refused() {
    for fil in ["../logo.svg", "/etc/passwd", "saknas.png"] {
        let dir = committee_with_logo(fil, None);
        let (stderr, empty) = build_fails(dir.path());
        assert!(
            stderr.contains("profil.yaml:3:8") && stderr.contains("logotypen"),
            "{fil}: {stderr}"
        );
        assert!(empty);
    }
}

#[test]
fn a_wording_with_a_value_it_cannot_have_is_an_error_at_its_line() {
    let dir = committee("formuleringar:\n  reservation: '{ledamot} reserverar sig, {datum}.'\n");
    let (stderr, empty) = build_fails(dir.path());
    assert!(
        stderr.contains("profil.yaml:2:16: {datum} finns inte i formuleringen reservation; den kan använda: {ledamot}"),
        "{stderr}"
    );
    assert!(empty);
}

#[test]
fn check_reads_a_profile_given_or_found_even_with_no_case_beside_it() {
    let output = paragraf_in(&repo(), &["check", "cases/socialnamnden/profil.yaml"]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("profil.yaml"), "datumformat: kort\n").unwrap();
    let output = paragraf_in(dir.path(), &["check", "."]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("profil.yaml:1:14"), "{stderr}");
}

#[test]
fn a_case_named_from_inside_its_folder_finds_the_profile_above() {
    let dir = committee("kommun: Provby kommun\n");
    let out = tempfile::tempdir().unwrap();
    let output = paragraf_in(
        &dir.path().join("beredning"),
        &["build", "arende.yaml", "-o", out.path().to_str().unwrap()],
    );
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(text(&only_file(out.path())).starts_with("Provby kommun"));
}

/// With decisions as att-satser, the förvaltning's proposal has the protocol's lead line
/// ("Socialnämnden beslutar") over its points, as the § has; numbered points have none,
/// in the PDF and on the web.
#[test]
fn att_satser_stand_under_the_organs_lead_line() {
    let dir = committee("paragraf: {beslutspunkter: att-satser}\n");
    let (_out, pdfs) = build(&[dir.path().join("beredning/arende.yaml")]);
    let statement = text(only_pdf(&pdfs));
    assert!(
        statement.contains("Socialnämnden beslutar att "),
        "{statement}"
    );
    let dir = committee("paragraf: {beslutspunkter: numrerade}\n");
    let (_out, pdfs) = build(&[dir.path().join("beredning/arende.yaml")]);
    let statement = text(only_pdf(&pdfs));
    assert!(!statement.contains("Socialnämnden beslutar"), "{statement}");
    // A point that brings its own "att" would print "att att …": check warns at it.
    let dir = committee("paragraf: {beslutspunkter: att-satser}\n");
    let case = dir.path().join("beredning/arende.yaml");
    let text = std::fs::read_to_string(&case).unwrap();
    let own_att = text.replace(
        "  - Socialnämnden godkänner redovisning",
        "  - att godkänna redovisning",
    );
    assert_ne!(own_att, text);
    std::fs::write(&case, own_att).unwrap();
    let output = paragraf_in(dir.path(), &["check", "beredning/arende.yaml"]);
    let said = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{said}");
    assert!(
        said.contains("arende.yaml:15:5: beslutspunkt 1 börjar med ”att”, som profilens att-satser redan skriver före varje punkt"),
        "{said}"
    );
}

fn only_pdf(pdfs: &std::collections::BTreeMap<String, std::path::PathBuf>) -> &Path {
    assert_eq!(pdfs.len(), 1, "{pdfs:?}");
    pdfs.values()
        .next()
        .map(|p| p.as_path())
        .unwrap_or(Path::new(""))
}

/// A nämnd folder whose profile sets its text in `family` from the font file `fil`
/// holding `bytes`.
fn committee_with_font(family: &str, fil: &str, bytes: &[u8]) -> tempfile::TempDir {
    let dir = committee(&format!(
        "kommun: Provby kommun\ntypsnitt:\n  brödtext: {family}\n  filer: [{fil}]\n"
    ));
    std::fs::write(dir.path().join(fil), bytes).unwrap();
    dir
}

fn dejavu_serif() -> Vec<u8> {
    std::fs::read(repo().join("cases/raddningstjansten-storsjon/typsnitt/DejaVuSerif.ttf")).unwrap()
}

#[test]
fn the_municipalitys_own_font_file_sets_the_text_and_is_embedded() {
    let dir = committee_with_font("DejaVu Serif", "eget.ttf", &dejavu_serif());
    let (_out, pdfs) = build(&[dir.path().join("beredning/arende.yaml")]);
    let fonts = fonts(only_pdf(&pdfs));
    assert!(
        fonts
            .iter()
            .any(|(name, embedded)| name.ends_with("+DejaVuSerif") && *embedded),
        "{fonts:?}"
    );
    // The example kommunalförbund's documents, too, each carrying the files (beside its
    // YAML) so that `verify` can build it again.
    let (_out, pdfs) = build(&[repo().join("cases/raddningstjansten-storsjon")]);
    for (name, path) in &pdfs {
        assert!(
            common::fonts(path)
                .iter()
                .any(|(f, _)| f.contains("DejaVuSerif")),
            "{name}"
        );
        let attached = embedded_files(path);
        assert!(
            attached
                .iter()
                .any(|f| f.ends_with("typsnitt/DejaVuSerif-Bold.ttf")),
            "{name}: {attached:?}"
        );
    }
}

#[test]
fn a_font_file_that_is_no_font_forbids_embedding_or_lacks_the_family_is_refused_at_its_line() {
    let dir = committee_with_font("Provby Text", "eget.ttf", b"#import \"/etc/passwd\"\n");
    let (stderr, empty) = build_fails(dir.path());
    assert!(
        stderr.contains("profil.yaml:4:11") && stderr.contains("eget.ttf är ingen typsnittsfil"),
        "{stderr}"
    );
    assert!(empty);
    // fsType 0x0002: Restricted License embedding.
    let mut restricted = dejavu_serif();
    let tables = u16::from_be_bytes([restricted[4], restricted[5]]) as usize;
    let os2 = (0..tables)
        .map(|t| 12 + 16 * t)
        .find(|&r| &restricted[r..r + 4] == b"OS/2")
        .map(|r| u32::from_be_bytes(restricted[r + 8..r + 12].try_into().unwrap()) as usize)
        .unwrap();
    restricted[os2 + 8..os2 + 10].copy_from_slice(&2u16.to_be_bytes());
    let dir = committee_with_font("DejaVu Serif", "eget.ttf", &restricted);
    let (stderr, empty) = build_fails(dir.path());
    assert!(
        stderr.contains("profil.yaml:4:11") && stderr.contains("Restricted License"),
        "{stderr}"
    );
    assert!(empty);
    // A family the file does not have.
    let dir = committee_with_font("DejaVu Serf", "eget.ttf", &dejavu_serif());
    let (stderr, empty) = build_fails(dir.path());
    assert!(
        stderr.contains("profil.yaml:3:13") && stderr.contains("menade du DejaVu Serif?"),
        "{stderr}"
    );
    assert!(empty);
}

/// A packet of a profile whose headings are set in its own face stamps its pages in that
/// face too.
#[test]
fn a_packet_in_the_municipalitys_own_face_is_stamped_in_it() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("kommunstyrelsens-arbetsutskott");
    copy_folder(
        &repo().join("cases/kommunstyrelsens-arbetsutskott"),
        &folder,
    );
    let profile = folder.join("profil.yaml");
    let text = std::fs::read_to_string(&profile).unwrap().replace(
        "typsnitt:\n  brödtext: Carlito\n  rubriker: Carlito\n",
        "typsnitt:\n  brödtext: DejaVu Serif\n  rubriker: DejaVu Serif\n  filer: [eget.ttf]\n",
    );
    std::fs::write(&profile, text).unwrap();
    std::fs::write(folder.join("eget.ttf"), dejavu_serif()).unwrap();
    let (_out, pdfs) = build(&[folder]);
    let packet = pdf(&pdfs, "_handlingar.pdf");
    let kallelse = page_text(packet, 2);
    assert!(kallelse.contains("Handlingar, sida 2 (4)"), "{kallelse}");
    let statement = page_text(packet, 3);
    assert!(
        statement.contains("KSAU § 63 · Handlingar, sida 3 (4)"),
        "{statement}"
    );
}

/// A profile reached from a meeting (`2024-10-21/../profil.yaml`) and from its cases
/// (`arenden/../profil.yaml`) is one file: its mistake is reported once, at its own path.
#[test]
fn a_profiles_mistake_is_reported_once() {
    let (_dir, folder) = edited_example("kommunfullmaktige", "profil.yaml", |text| {
        text.replace("närvarolista: automatisk", "närvarolista: ibland")
    });
    let output = paragraf_in(&folder, &["check", "."]);
    let said = String::from_utf8_lossy(&output.stderr);
    assert!(!output.status.success());
    assert_eq!(said.matches("`ibland` går inte här").count(), 1, "{said}");
    assert!(
        said.contains("fel: ./profil.yaml:19:15: närvarolista"),
        "{said}"
    );
}

/// A build renders each organ's profile once: every document of one profile view gets the
/// very same `profil.typ`, and no document gets another view's (the module is looked up by
/// the view, so a wrong lookup would hand one nämnd's words to another).
#[test]
fn each_document_gets_its_own_organs_profile_module_made_once() {
    let inputs = paragraf::load(&[repo().join("cases")]).expect("the examples load");
    let planned = paragraf::plan(&inputs).expect("the examples plan");
    let renderer = paragraf::render::Renderer::new(&paragraf::render::Templates::built_in())
        .expect("templates");
    let module_of = |source: &paragraf::render::TypstSource| {
        source
            .images
            .iter()
            .find(|(name, _)| name == paragraf::render::identity::MODULE)
            .map(|(_, bytes)| bytes.clone())
            .expect("every document is served its profile module")
    };
    let mut seen: Vec<(
        std::sync::Arc<paragraf::derive::ProfileView>,
        std::sync::Arc<[u8]>,
    )> = Vec::new();
    for document in planned
        .iter()
        .filter(|p| !matches!(p.document.view, paragraf::derive::View::Packet(_)))
    {
        let source = renderer
            .render(&document.document, true, false)
            .expect("rendered");
        let module = module_of(&source);
        let view = &document.document.profile.0;
        assert_eq!(
            &*module,
            paragraf::render::identity::module(view).as_bytes(),
            "{}: the module of its own organ's view",
            document.stem
        );
        match seen.iter().find(|(v, _)| std::sync::Arc::ptr_eq(v, view)) {
            Some((_, first)) => assert!(
                std::sync::Arc::ptr_eq(first, &module),
                "{}: made again for a view already made",
                document.stem
            ),
            None => seen.push((view.clone(), module)),
        }
    }
    let distinct: std::collections::BTreeSet<&[u8]> = seen.iter().map(|(_, m)| &**m).collect();
    assert!(
        distinct.len() > 3,
        "the examples have several organs: {}",
        distinct.len()
    );
}
