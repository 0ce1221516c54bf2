//! What an attacker or a slip of the hand can do with the input, and what paragraf does
//! instead of reading a secret file, hanging, panicking or publishing personal data.

mod common;

use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

use common::*;

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// A nämnd folder with the anslag fixture's meeting in `2024-05-21/`.
fn committee() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("nämnd/2024-05-21");
    std::fs::create_dir_all(&folder).unwrap();
    let fixture = repo().join("tests/fixtures/anslag/2024-05-21");
    for name in ["arende.yaml", "sammantrade.yaml"] {
        std::fs::copy(fixture.join(name), folder.join(name)).unwrap();
    }
    (dir, folder)
}

#[cfg(unix)]
#[test]
fn links_out_of_the_folder_loops_and_fifos_are_refused_not_read() {
    use std::os::unix::fs::symlink;
    let (dir, folder) = committee();
    let secret = dir.path().join("hemlig.yaml");
    std::fs::write(&secret, "lösenord: HEMLIGT-123\n").unwrap();
    symlink(&secret, folder.join("z.yaml")).unwrap();
    symlink(dir.path().join("nämnd"), folder.join("slinga")).unwrap();
    let fifo = folder.join("rör.yaml");
    let made = Command::new("mkfifo").arg(&fifo).status().unwrap();
    assert!(made.success());
    let output = paragraf_in(dir.path(), &["check", "nämnd"]);
    let message = stderr(&output);
    assert_eq!(output.status.code(), Some(1), "{message}");
    assert!(
        !message.contains("HEMLIGT"),
        "a secret was read:\n{message}"
    );
    assert!(
        message.contains("z.yaml: länken leder utanför mappen som läses"),
        "{message}"
    );
    assert!(
        message.contains("slinga: länken leder till en mapp som redan läses"),
        "{message}"
    );
    assert!(
        message.contains("rör.yaml: är ingen vanlig fil"),
        "{message}"
    );
    // A FIFO given as the profile's logo is refused, not waited on.
    std::fs::remove_file(folder.join("z.yaml")).unwrap();
    std::fs::remove_file(folder.join("slinga")).unwrap();
    std::fs::remove_file(&fifo).unwrap();
    let logo = dir.path().join("nämnd/logo.png");
    assert!(
        Command::new("mkfifo")
            .arg(&logo)
            .status()
            .unwrap()
            .success()
    );
    std::fs::write(
        dir.path().join("nämnd/profil.yaml"),
        "logotyp: {fil: logo.png, alt: Logo}\n",
    )
    .unwrap();
    let output = paragraf_in(dir.path(), &["check", "nämnd"]);
    assert!(
        stderr(&output).contains("är ingen vanlig fil"),
        "{}",
        stderr(&output)
    );
    // A profile that is a link to one elsewhere is not read either.
    std::fs::remove_file(dir.path().join("nämnd/profil.yaml")).unwrap();
    std::fs::write(dir.path().join("annan.yaml"), "kommun: Annan\n").unwrap();
    symlink(
        dir.path().join("annan.yaml"),
        dir.path().join("nämnd/profil.yaml"),
    )
    .unwrap();
    let output = paragraf_in(&folder, &["check", "sammantrade.yaml"]);
    assert!(
        stderr(&output).contains("profilen leder utanför"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn a_meeting_named_from_inside_its_folder_is_checked() {
    let (_dir, folder) = committee();
    let output = paragraf_in(&folder, &["check", "sammantrade.yaml"]);
    assert!(output.status.success(), "{}", stderr(&output));
}

#[test]
fn git_revisions_cannot_become_options_and_absolute_paths_work() {
    let file = repo().join("cases/socialnamnden/2015-03-24/sammantrade.yaml");
    let out = tempfile::tempdir().unwrap();
    let injected = out.path().join("written-by-git");
    let option = format!("--output={}", injected.display());
    let output = paragraf_in(&repo(), &["diff", "--", &option, file.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1));
    assert!(!injected.exists(), "git wrote a file");
    let output = paragraf_in(
        &repo(),
        &["diff", "ingen-sådan-revision", file.to_str().unwrap()],
    );
    assert!(
        stderr(&output).contains("git: fatal:"),
        "{}",
        stderr(&output)
    );
    // An absolute path, from outside the repository's folder: git is run where the file is.
    if Command::new("git")
        .args(["rev-parse", "HEAD"])
        .current_dir(repo())
        .output()
        .is_ok_and(|o| o.status.success())
    {
        let output = paragraf_in(out.path(), &["diff", "HEAD", file.to_str().unwrap()]);
        assert!(output.status.success(), "{}", stderr(&output));
    }
}

#[test]
fn bidi_controls_in_a_decision_point_are_refused_at_their_place() {
    let (_dir, folder) = committee();
    let case = folder.join("arende.yaml");
    let text = std::fs::read_to_string(&case).unwrap().replace(
        "  - Kulturnämnden fördelar bidrag enligt förvaltningens förslag.",
        "  - Kulturnämnden beviljar \u{202E}000 001 kr.",
    );
    std::fs::write(&case, text).unwrap();
    let output = paragraf_in(&folder, &["check", "sammantrade.yaml"]);
    let message = stderr(&output);
    assert_eq!(output.status.code(), Some(1), "{message}");
    assert!(
        message.contains("arende.yaml:7:28: tecknet U+202E styr textens riktning"),
        "{message}"
    );
    // The line is shown with the character made harmless, not acted on by the terminal.
    assert!(!message.contains('\u{202E}'), "{message}");
}

#[test]
fn huge_amounts_paragraph_numbers_hex_and_far_dates_are_refused() {
    let (_dir, folder) = committee();
    let case = folder.join("arende.yaml");
    let original = std::fs::read_to_string(&case).unwrap();
    for (from, to, expected) in [
        (
            "sökt: 80 000",
            "sökt: 18446744073709551615",
            "orimligt stort",
        ),
        (
            "sökt: 80 000",
            "sökt: 0x10",
            "`0x10` läses som ett tal i annan talbas",
        ),
        (
            "datum: 2024-05-02",
            "datum: +262142-12-01",
            "året 262142 ligger utanför 1900–2200",
        ),
    ] {
        assert!(original.contains(from), "{from}");
        std::fs::write(&case, original.replace(from, to)).unwrap();
        let output = paragraf_in(&folder, &["check", "sammantrade.yaml"]);
        let message = stderr(&output);
        assert_eq!(output.status.code(), Some(1), "{to}: {message}");
        assert!(message.contains(expected), "{to}: {message}");
    }
    std::fs::write(&case, original).unwrap();
    let meeting = folder.join("sammantrade.yaml");
    let text = std::fs::read_to_string(&meeting)
        .unwrap()
        .replace("paragraf: 31", "paragraf: 4294967295");
    std::fs::write(&meeting, text).unwrap();
    let output = paragraf_in(&folder, &["check", "sammantrade.yaml"]);
    assert!(
        stderr(&output).contains("högst 99999"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn a_closed_stdout_ends_the_program_quietly() {
    // `paragraf textconv … | head -1`: the reader goes after the first line.
    let mut child = Command::new(env!("CARGO_BIN_EXE_paragraf"))
        .args([
            "textconv",
            "cases/kommunfullmaktige/2024-10-21/sammantrade.yaml",
        ])
        .current_dir(repo())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let status = child.wait().unwrap();
    assert_ne!(
        status.code(),
        Some(101),
        "paragraf panicked on a closed stdout"
    );
}

#[test]
fn the_web_copy_leaves_out_personal_data_however_it_is_written() {
    let (dir, folder) = committee();
    let case = folder.join("arende.yaml");
    let text = std::fs::read_to_string(&case)
        .unwrap()
        .replace(
            "rubrik: Bidrag till studieförbund 2024",
            "rubrik: Bidrag till Sara Nilsson\npersonuppgifter: [Sara Nilsson]",
        )
        .replace(
            "  Förvaltningen föreslår bidrag om totalt {{ summa.beviljat }}.",
            "  Förvaltningen föreslår bidrag om totalt {{ summa.beviljat }}. Kontakt: Sara\n  Nilsson, *Sara* Nilsson\n  och SARA NILSSON.",
        );
    std::fs::write(&case, text).unwrap();
    let out = dir.path().join("webb");
    let output = paragraf_in(
        &folder,
        &[
            "build",
            "--publish",
            "sammantrade.yaml",
            "-o",
            out.to_str().unwrap(),
        ],
    );
    assert!(output.status.success(), "{}", stderr(&output));
    for entry in std::fs::read_dir(&out).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().to_lowercase();
        assert!(
            !name.contains("nilsson"),
            "a file name carries the name: {name}"
        );
        // The PDFs as read, and the build's cache as it is.
        let text = if name.ends_with(".pdf") {
            common::text(&path)
        } else {
            std::fs::read_to_string(&path).unwrap()
        };
        assert!(!text.to_lowercase().contains("nilsson"), "{name}:\n{text}");
        assert!(
            !squeezed(&text).to_lowercase().contains("nilsson"),
            "{name}:\n{text}"
        );
    }
}

#[test]
fn a_secret_case_built_alone_stays_out_of_the_web_copy() {
    let case = repo().join("cases/kultur-och-fritidsnamnden/2024-09-17/08-skadestandsansprak.yaml");
    let out = tempfile::tempdir().unwrap();
    let output = paragraf_in(
        &repo(),
        &[
            "build",
            "--publish",
            case.to_str().unwrap(),
            "-o",
            out.path().to_str().unwrap(),
        ],
    );
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(
        stderr(&output).contains("omfattas av sekretess och utelämnas i webbkopian"),
        "{}",
        stderr(&output)
    );
    assert_eq!(std::fs::read_dir(out.path()).unwrap().count(), 0);
}

#[test]
fn a_case_alone_is_secret_by_a_yml_meeting_and_in_doubt_beside_a_broken_one() {
    let dir = tempfile::tempdir().unwrap();
    let nämnd = dir.path().join("kfn");
    copy_folder(&repo().join("cases/kultur-och-fritidsnamnden"), &nämnd);
    let folder = nämnd.join("2024-09-17");
    let case = folder.join("08-skadestandsansprak.yaml");
    let web_copy = |out: &str| {
        let out = dir.path().join(out);
        let output = paragraf_in(
            dir.path(),
            &[
                "build",
                "--publish",
                case.to_str().unwrap(),
                "-o",
                out.to_str().unwrap(),
            ],
        );
        (output, out)
    };
    // The meeting that marks the case secret, written as .yml.
    std::fs::rename(
        folder.join("sammantrade.yaml"),
        folder.join("sammantrade.yml"),
    )
    .unwrap();
    let (output, out) = web_copy("ut-yml");
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(
        stderr(&output).contains("utelämnas i webbkopian"),
        "{}",
        stderr(&output)
    );
    assert!(!out.exists() || std::fs::read_dir(&out).unwrap().count() == 0);
    // A meeting beside it that does not parse may be the one that marks it: no web copy.
    std::fs::write(
        folder.join("sammantrade.yml"),
        "nämnd: Kultur- och fritidsnämnden\ndatum: i höstas\nparagrafer: []\n",
    )
    .unwrap();
    let (output, out) = web_copy("ut-trasig");
    assert!(!output.status.success(), "{}", stderr(&output));
    assert!(
        stderr(&output)
            .contains("sammantrade.yml: går inte att läsa, och det kan vara ett sammanträde"),
        "{}",
        stderr(&output)
    );
    assert!(!out.exists() || std::fs::read_dir(&out).unwrap().count() == 0);
    // So does one that is not YAML at all: it cannot even be told to be a meeting.
    std::fs::write(
        folder.join("sammantrade.yml"),
        "nämnd: [Kultur\nparagrafer:\n  - ärende: 08-skadestandsansprak.yaml\n    sekretess: true\n",
    )
    .unwrap();
    let (output, _) = web_copy("ut-ingen-yaml");
    assert!(!output.status.success(), "{}", stderr(&output));
    assert!(
        stderr(&output).contains("det kan vara ett sammanträde"),
        "{}",
        stderr(&output)
    );
    // Its own copy is made: the doubt is about publishing it.
    let own = dir.path().join("ut-egen");
    let output = paragraf_in(
        dir.path(),
        &["build", case.to_str().unwrap(), "-o", own.to_str().unwrap()],
    );
    assert!(output.status.success(), "{}", stderr(&output));
}

/// A PDF whose attachments are `files` (name, stream content, filters).
fn pdf_with_attachments(files: &[(&str, Vec<u8>, Vec<&str>)]) -> Vec<u8> {
    use lopdf::{Dictionary, Document, Object, Stream, dictionary};
    let mut document = Document::with_version("1.7");
    let mut names = Vec::new();
    for (name, content, filters) in files {
        let mut dict = Dictionary::new();
        if !filters.is_empty() {
            let filters: Vec<Object> = filters
                .iter()
                .map(|f| Object::Name(f.as_bytes().to_vec()))
                .collect();
            dict.set("Filter", Object::Array(filters));
        }
        let stream = document.add_object(Stream::new(dict, content.clone()));
        let spec = document.add_object(dictionary! {
            "Type" => "Filespec",
            "F" => Object::string_literal(*name),
            "UF" => Object::string_literal(*name),
            "EF" => dictionary! { "F" => stream },
        });
        names.push(Object::string_literal(*name));
        names.push(Object::Reference(spec));
    }
    let pages = document.add_object(
        dictionary! { "Type" => "Pages", "Kids" => Vec::<Object>::new(), "Count" => 0 },
    );
    let catalog = document.add_object(dictionary! {
        "Type" => "Catalog",
        "Pages" => pages,
        "Names" => dictionary! { "EmbeddedFiles" => dictionary! { "Names" => names } },
    });
    document.trailer.set("Root", catalog);
    let mut bytes = Vec::new();
    document.save_to(&mut bytes).unwrap();
    bytes
}

#[test]
fn extract_refuses_bombs_and_clashing_names_and_writes_nothing() {
    let zlib = |data: &[u8]| miniz_oxide::deflate::compress_to_vec_zlib(data, 9);
    // 64 MiB of zeros, packed twice: a few kilobytes that would unpack into 64 MiB.
    let bomb = zlib(&zlib(&vec![0u8; 64 << 20]));
    assert!(bomb.len() < 200_000);
    for (case, files) in [
        (
            "bomb",
            vec![("a.yaml", bomb.clone(), vec!["FlateDecode", "FlateDecode"])],
        ),
        (
            "twice",
            vec![
                ("a.yaml", b"x: 1".to_vec(), vec![]),
                ("a.yaml", b"x: 2".to_vec(), vec![]),
            ],
        ),
        (
            "nested",
            vec![
                ("a", b"x: 1".to_vec(), vec![]),
                ("a/b.yaml", b"x: 2".to_vec(), vec![]),
            ],
        ),
    ] {
        let dir = tempfile::tempdir().unwrap();
        let pdf = dir.path().join("in.pdf");
        std::fs::write(&pdf, pdf_with_attachments(&files)).unwrap();
        let out = dir.path().join("ut");
        std::fs::create_dir(&out).unwrap();
        let output = paragraf_in(dir.path(), &["extract", "in.pdf", "-o", "ut"]);
        assert_eq!(output.status.code(), Some(1), "{case}: {}", stderr(&output));
        assert_eq!(
            std::fs::read_dir(&out).unwrap().count(),
            0,
            "{case}: something was written"
        );
    }
}

#[test]
fn two_cases_of_one_file_name_in_different_folders_are_both_attached_and_round_trip() {
    let (dir, folder) = committee();
    let nämnd = dir.path().join("nämnd");
    for sub in [folder.join("sub"), nämnd.join("sub")] {
        std::fs::create_dir_all(&sub).unwrap();
        std::fs::copy(folder.join("arende.yaml"), sub.join("a.yaml")).unwrap();
    }
    let b = std::fs::read_to_string(nämnd.join("sub/a.yaml"))
        .unwrap()
        .replace("KUN 2024/118", "KUN 2024/119");
    std::fs::write(nämnd.join("sub/a.yaml"), b).unwrap();
    let meeting = std::fs::read_to_string(folder.join("sammantrade.yaml"))
        .unwrap()
        .replace(
            "  - paragraf: 31\n    ärende: arende.yaml",
            "  - paragraf: 31\n    ärende: sub/a.yaml\n  - ärende: ../sub/a.yaml",
        );
    std::fs::write(folder.join("sammantrade.yaml"), meeting).unwrap();
    let (_out, pdfs) = build(&[folder.join("sammantrade.yaml")]);
    let protocol = pdf(&pdfs, "_protokoll.pdf");
    let names: Vec<String> = paragraf::extract::attachments(protocol)
        .unwrap()
        .into_iter()
        .map(|a| a.name)
        .collect();
    assert!(
        names.contains(&"2024-05-21/sub/a.yaml".to_owned()),
        "{names:?}"
    );
    assert!(names.contains(&"sub/a.yaml".to_owned()), "{names:?}");
    // An independent reader finds the same files embedded.
    let mut seen_by_poppler = embedded_files(protocol);
    let mut names_sorted = names.clone();
    seen_by_poppler.sort();
    names_sorted.sort();
    assert_eq!(seen_by_poppler, names_sorted);
    // Extracted, the files rebuild the same protocol.
    let back = tempfile::tempdir().unwrap();
    let output = paragraf_in(
        back.path(),
        &["extract", protocol.to_str().unwrap(), "-o", "."],
    );
    assert!(output.status.success(), "{}", stderr(&output));
    let (_again, rebuilt) = build(&[back.path().join("2024-05-21/sammantrade.yaml")]);
    assert_eq!(
        std::fs::read(pdf(&rebuilt, "_protokoll.pdf")).unwrap(),
        std::fs::read(protocol).unwrap()
    );
}

#[test]
fn two_handlingar_of_one_ärende_get_file_names_of_their_own() {
    let (_dir, folder) = committee();
    std::fs::copy(
        folder.join("arende.yaml"),
        folder.join("arende-bilaga.yaml"),
    )
    .unwrap();
    let (_out, pdfs) = build(std::slice::from_ref(&folder));
    let statements: Vec<&String> = pdfs
        .keys()
        .filter(|n| n.contains("tjansteutlatande"))
        .collect();
    assert_eq!(statements.len(), 2, "{statements:?}");
    assert!(
        statements
            .iter()
            .any(|n| n.ends_with("kun-2024-118_2024-05-21-arende-bilaga.pdf")),
        "{statements:?}"
    );
}

#[cfg(unix)]
#[test]
fn textconv_and_check_refuse_a_device_instead_of_reading_it_forever() {
    for command in ["textconv", "check"] {
        let output = paragraf_in(&repo(), &[command, "/dev/zero"]);
        assert_eq!(output.status.code(), Some(1), "{command}");
        assert!(
            stderr(&output).contains("är ingen vanlig fil"),
            "{command}: {}",
            stderr(&output)
        );
    }
}

#[test]
fn prose_nests_only_as_deep_as_every_document_can_set() {
    let depth_limit = paragraf::validate::MAX_PROSE_NESTING;
    let quotes = |n: usize| format!("{} djupt citat", ">".repeat(n));
    let lists = |n: usize| {
        (0..n)
            .map(|i| format!("{}- nivå {i}", "  ".repeat(i)))
            .collect::<Vec<_>>()
            .join("\n")
    };
    for (what, text, deep) in [
        ("quotes", quotes(depth_limit), false),
        ("lists", lists(depth_limit), false),
        ("quotes", quotes(18), true),
        ("lists", lists(40), true),
    ] {
        let (dir, folder) = committee();
        let case = folder.join("arende.yaml");
        let yaml = std::fs::read_to_string(&case).unwrap();
        let indented: String = text.lines().map(|l| format!("  {l}\n")).collect();
        let edited = yaml.replacen(
            "sammanfattning: |\n  Förvaltningen föreslår bidrag om totalt {{ summa.beviljat }}.\n",
            &format!("sammanfattning: |\n  Förvaltningen föreslår bidrag om totalt {{{{ summa.beviljat }}}}.\n\n{indented}"),
            1,
        );
        assert_ne!(edited, yaml);
        std::fs::write(&case, edited).unwrap();
        let meeting = folder.join("sammantrade.yaml");
        let check = paragraf_in(dir.path(), &["check", meeting.to_str().unwrap()]);
        if deep {
            assert!(!check.status.success(), "{what}: check passed");
            assert!(stderr(&check).contains("nästlade"), "{}", stderr(&check));
            assert!(
                stderr(&check).contains("arende.yaml:"),
                "{}",
                stderr(&check)
            );
            continue;
        }
        assert!(check.status.success(), "{what}: {}", stderr(&check));
        // What check passes, every document builds: alone, in the packet, as web copy.
        for web_copy in [false, true] {
            let out = dir.path().join(format!("ut-{web_copy}"));
            let options = paragraf::BuildOptions {
                web_copy,
                ..paragraf::BuildOptions::default()
            };
            let report = paragraf::build(std::slice::from_ref(&meeting), &out, &options)
                .unwrap_or_else(|e| panic!("{what} at depth {depth_limit}: {e}"));
            assert!(
                report
                    .written
                    .iter()
                    .any(|w| w.path.to_string_lossy().contains("handlingar")),
                "no packet"
            );
        }
    }
}
