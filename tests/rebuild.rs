//! Rebuilds across runs: the output folder's cache (`.paragraf-cache.json`) lets a build
//! typeset only the documents whose inputs changed (a case, the profile, the logo, a
//! template), never trusting a file that is not what was written; and a build that fails
//! or is killed half-way leaves each file either as it was or as the new build made it.

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use common::*;
use paragraf::BuildOptions;

/// A copy of the Stockholm example nämnd (two cases, a meeting: five documents).
fn nämnd_copy() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let nämnd = dir.path().join("socialnamnden");
    copy_folder(&repo().join("cases/socialnamnden"), &nämnd);
    (dir, nämnd)
}

fn edit(path: &Path, from: &str, to: &str) {
    let text = std::fs::read_to_string(path).unwrap();
    assert!(text.contains(from), "{from:?} not in {}", path.display());
    std::fs::write(path, text.replacen(from, to, 1)).unwrap();
}

fn build_with(nämnd: &Path, out: &Path, options: &BuildOptions) -> paragraf::Report {
    paragraf::build(&[nämnd.to_path_buf()], out, options)
        .unwrap_or_else(|e| panic!("build failed:\n{e}"))
}

fn build(nämnd: &Path, out: &Path) -> paragraf::Report {
    build_with(nämnd, out, &BuildOptions::default())
}

/// The kinds of the documents typeset: `tjansteutlatande_3.2-482-2014`, `protokoll`, …
fn typeset(report: &paragraf::Report) -> Vec<String> {
    let mut kinds: Vec<String> = report
        .typeset
        .iter()
        .map(|stem| stem.splitn(3, '_').nth(2).unwrap().to_owned())
        .collect();
    kinds.sort();
    kinds
}

const ALL: [&str; 7] = [
    "handlingar",
    "handlingar-offentlig",
    "kallelse",
    "protokoll",
    "protokollsutdrag_p015_3.2-482-2014",
    "tjansteutlatande_3.2-482-2014",
    "tjansteutlatande_inriktning-av-medel-for-lokala-utvecklingsprojekt-och-studie",
];

/// Every file of `dir` with its bytes.
fn contents(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .map(|p| {
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            (name, std::fs::read(&p).unwrap())
        })
        .collect()
}

#[test]
fn a_second_build_of_the_same_input_typesets_and_rewrites_nothing() {
    let (_dir, nämnd) = nämnd_copy();
    let out = tempfile::tempdir().unwrap();
    assert_eq!(typeset(&build(&nämnd, out.path())), ALL);
    let modified = |p: &Path| std::fs::metadata(p).unwrap().modified().unwrap();
    let before: Vec<_> = std::fs::read_dir(out.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .map(|p| (modified(&p), p))
        .collect();
    let again = build(&nämnd, out.path());
    assert!(again.typeset.is_empty(), "{:?}", again.typeset);
    assert_eq!(again.reused, 7);
    assert!(again.written.iter().all(|w| !w.changed));
    for (time, path) in before {
        assert_eq!(
            modified(&path),
            time,
            "{} was written again",
            path.display()
        );
    }
}

#[test]
fn an_edited_case_typesets_exactly_the_documents_that_show_or_attach_it() {
    let (_dir, nämnd) = nämnd_copy();
    let out = tempfile::tempdir().unwrap();
    build(&nämnd, out.path());
    let case = nämnd.join("2015-03-24/3.2-482-2014-fordelning-must.yaml");
    edit(
        &case,
        "I stadens budget för 2015",
        "I stadens budget för år 2015",
    );
    // Its statement and extract show it; protocol and kallelse attach it; the packets
    // hold its statement.
    assert_eq!(
        typeset(&build(&nämnd, out.path())),
        [
            "handlingar",
            "handlingar-offentlig",
            "kallelse",
            "protokoll",
            "protokollsutdrag_p015_3.2-482-2014",
            "tjansteutlatande_3.2-482-2014"
        ]
    );
    let statement = out
        .path()
        .join("2015-03-06_socialnamnden_tjansteutlatande_3.2-482-2014.pdf");
    assert!(text(&statement).contains("I stadens budget för år 2015"));
    // The case in preparation is on no meeting: only its own statement.
    let preparation = nämnd.join("beredning/inriktning-mul-2025-redovisning-lum-2023.yaml");
    edit(&preparation, "studieresor", "studieresor och studiebesök");
    assert_eq!(typeset(&build(&nämnd, out.path())), [ALL[6]]);
}

#[test]
fn the_profile_and_its_logo_typeset_every_document_of_the_nämnd() {
    let (_dir, nämnd) = nämnd_copy();
    let out = tempfile::tempdir().unwrap();
    build(&nämnd, out.path());
    edit(&nämnd.join("logotyp.svg"), "#0b4d8c", "#0b4d8d");
    assert_eq!(typeset(&build(&nämnd, out.path())), ALL);
    let profile = nämnd.join("profil.yaml");
    let text = std::fs::read_to_string(&profile).unwrap();
    std::fs::write(&profile, text + "löptextdatum: veckodag\n").unwrap();
    assert_eq!(typeset(&build(&nämnd, out.path())), ALL);
    assert!(build(&nämnd, out.path()).typeset.is_empty());
}

/// A profile's own font file shapes every page even where it is not attached (PDF/A-2b
/// attaches nothing): a new version of it typesets the nämnd again, and the rebuilt folder
/// is what a build from nothing makes.
#[test]
fn a_profiles_changed_font_file_typesets_again_where_it_is_not_attached() {
    let dir = tempfile::tempdir().unwrap();
    let nämnd = dir.path().join("raddningstjansten-storsjon");
    copy_folder(&repo().join("cases/raddningstjansten-storsjon"), &nämnd);
    let options = BuildOptions {
        conformance: paragraf::typeset::Conformance::parse("a-2b").unwrap(),
        ..BuildOptions::default()
    };
    let out = tempfile::tempdir().unwrap();
    let first = build_with(&nämnd, out.path(), &options);
    // The regular face's file now holds the italic: the running text comes out slanted.
    let fonts = nämnd.join("typsnitt");
    std::fs::copy(
        fonts.join("DejaVuSerif-Italic.ttf"),
        fonts.join("DejaVuSerif.ttf"),
    )
    .unwrap();
    let again = build_with(&nämnd, out.path(), &options);
    assert_eq!(again.typeset, first.typeset);
    let fresh = tempfile::tempdir().unwrap();
    build_with(&nämnd, fresh.path(), &options);
    let pdfs = |dir: &Path| {
        let mut all = contents(dir);
        all.retain(|name, _| name.ends_with(".pdf"));
        all
    };
    assert_ne!(pdfs(out.path()), BTreeMap::new());
    assert!(
        pdfs(out.path()) == pdfs(fresh.path()),
        "the rebuilt PDFs differ from fresh ones"
    );
}

#[test]
fn a_template_typesets_the_documents_made_with_it_and_the_style_all() {
    let (dir, nämnd) = nämnd_copy();
    let out = tempfile::tempdir().unwrap();
    build(&nämnd, out.path());
    let templates = dir.path().join("mallar");
    std::fs::create_dir(&templates).unwrap();
    let kallelse = std::fs::read_to_string(repo().join("templates/typst/kallelse.typ.j2")).unwrap();
    std::fs::write(
        templates.join("kallelse.typ.j2"),
        kallelse + "\nVälkomna!\n",
    )
    .unwrap();
    let options = BuildOptions {
        templates: Some(templates.clone()),
        ..BuildOptions::default()
    };
    assert_eq!(
        typeset(&build_with(&nämnd, out.path(), &options)),
        ["handlingar", "handlingar-offentlig", "kallelse"]
    );
    let style = std::fs::read_to_string(repo().join("templates/typst/paragraf.typ")).unwrap();
    std::fs::write(templates.join("paragraf.typ"), style + "\n// ändrad\n").unwrap();
    assert_eq!(typeset(&build_with(&nämnd, out.path(), &options)), ALL);
}

#[test]
fn without_its_cache_a_build_typesets_again_and_writes_the_same_bytes() {
    let (_dir, nämnd) = nämnd_copy();
    let out = tempfile::tempdir().unwrap();
    build(&nämnd, out.path());
    let before = contents(out.path());
    std::fs::remove_file(out.path().join(paragraf::cache::CACHE_FILE)).unwrap();
    let again = build(&nämnd, out.path());
    assert_eq!(typeset(&again), ALL);
    assert!(again.written.iter().all(|w| !w.changed));
    assert_eq!(contents(out.path()), before);
    // `force` does the same with the cache there.
    let options = BuildOptions {
        force: true,
        ..BuildOptions::default()
    };
    assert_eq!(typeset(&build_with(&nämnd, out.path(), &options)), ALL);
}

#[test]
fn a_file_that_is_not_what_was_written_is_made_again() {
    let (_dir, nämnd) = nämnd_copy();
    let out = tempfile::tempdir().unwrap();
    build(&nämnd, out.path());
    let protocol = out.path().join("2015-03-24_socialnamnden_protokoll.pdf");
    let good = std::fs::read(&protocol).unwrap();
    // Same size, one byte changed: the size alone would not tell.
    let mut bad = good.clone();
    bad[good.len() / 2] ^= 0x20;
    std::fs::write(&protocol, &bad).unwrap();
    let again = build(&nämnd, out.path());
    assert_eq!(typeset(&again), ["protokoll"]);
    assert_eq!(std::fs::read(&protocol).unwrap(), good);
    // A cache that is not JSON is no cache.
    std::fs::write(out.path().join(paragraf::cache::CACHE_FILE), b"{trasig").unwrap();
    assert_eq!(typeset(&build(&nämnd, out.path())), ALL);
}

fn set_modified(path: &Path, time: std::time::SystemTime) {
    let file = std::fs::File::options().write(true).open(path).unwrap();
    file.set_modified(time).unwrap();
}

#[test]
fn a_file_is_trusted_by_its_size_and_time_only_when_the_cache_is_newer() {
    let (_dir, nämnd) = nämnd_copy();
    let out = tempfile::tempdir().unwrap();
    build(&nämnd, out.path());
    let protocol = out.path().join("2015-03-24_socialnamnden_protokoll.pdf");
    let cache = out.path().join(paragraf::cache::CACHE_FILE);
    let good = std::fs::read(&protocol).unwrap();
    // One byte changed, the size and modification time kept.
    let tamper = || {
        let time = std::fs::metadata(&protocol).unwrap().modified().unwrap();
        let mut bad = good.clone();
        bad[good.len() / 2] ^= 0x20;
        std::fs::write(&protocol, &bad).unwrap();
        set_modified(&protocol, time);
        time
    };
    // Changed within the clock's resolution of its writing (the cache no newer than the
    // file): its bytes are read, and it is made again.
    let time = tamper();
    set_modified(&cache, time);
    assert_eq!(typeset(&build(&nämnd, out.path())), ["protokoll"]);
    assert_eq!(std::fs::read(&protocol).unwrap(), good);
    // With the cache newer than the file, the recorded size and time are taken as the
    // file's identity and it is not read: as with make, a change that keeps both is not
    // seen; `force` makes everything again.
    let time = tamper();
    set_modified(&cache, time + std::time::Duration::from_secs(2));
    assert!(build(&nämnd, out.path()).typeset.is_empty());
    let options = BuildOptions {
        force: true,
        ..BuildOptions::default()
    };
    build_with(&nämnd, out.path(), &options);
    assert_eq!(std::fs::read(&protocol).unwrap(), good);
}

/// The examples with every profile's address line changed: every PDF differs from the
/// examples' own.
fn changed_examples(dir: &Path) -> PathBuf {
    let cases = dir.join("cases");
    copy_folder(&repo().join("cases"), &cases);
    for nämnd in std::fs::read_dir(&cases).unwrap() {
        let profile = nämnd.unwrap().path().join("profil.yaml");
        let text = std::fs::read_to_string(&profile).unwrap();
        let text: String = text
            .lines()
            .filter(|line| !line.starts_with("adressrad:"))
            .map(|line| format!("{line}\n"))
            .collect();
        std::fs::write(&profile, text + "adressrad: En ny adress · 123 45 Orten\n").unwrap();
    }
    cases
}

#[test]
fn a_build_that_fails_half_way_leaves_every_file_as_it_was() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("ut");
    paragraf::build(&[repo().join("cases")], &out, &BuildOptions::default()).unwrap();
    let before = contents(&out);
    // Every document changes, and one extract in the middle of the batch cannot be
    // typeset: the PDFs made before it must not reach the folder.
    let cases = changed_examples(dir.path());
    let templates = dir.path().join("mallar");
    std::fs::create_dir(&templates).unwrap();
    let extract =
        std::fs::read_to_string(repo().join("templates/typst/protokollsutdrag.typ.j2")).unwrap();
    std::fs::write(
        templates.join("protokollsutdrag.typ.j2"),
        extract + "\n{% if item.paragraph_plain == \"§ 7\" and committee == \"Kultur- och fritidsnämnden\" %}#panic(\"avsiktligt fel\"){% endif %}\n",
    )
    .unwrap();
    let options = BuildOptions {
        templates: Some(templates),
        ..BuildOptions::default()
    };
    let error = paragraf::build(&[cases], &out, &options).unwrap_err();
    assert!(error.to_string().contains("avsiktligt fel"), "{error}");
    assert_eq!(contents(&out), before, "the output folder changed");
}

#[test]
fn a_killed_build_leaves_each_file_old_or_new_and_the_next_build_finishes() {
    let dir = tempfile::tempdir().unwrap();
    let (old, new) = (dir.path().join("gammal"), dir.path().join("ny"));
    let cases = changed_examples(dir.path());
    let run = |input: &Path, out: &Path| {
        Command::new(env!("CARGO_BIN_EXE_paragraf"))
            .arg("build")
            .arg(input)
            .arg("-o")
            .arg(out)
            .output()
            .unwrap()
    };
    assert!(run(&repo().join("cases"), &old).status.success());
    assert!(run(&cases, &new).status.success());
    let (old_files, new_files) = (contents(&old), contents(&new));
    for delay in [50, 300, 900, 1800] {
        let out = dir.path().join(format!("ut-{delay}"));
        copy_folder(&old, &out);
        let mut child = Command::new(env!("CARGO_BIN_EXE_paragraf"))
            .arg("build")
            .arg(&cases)
            .arg("-o")
            .arg(&out)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(std::time::Duration::from_millis(delay));
        child.kill().unwrap(); // SIGKILL: no chance to clean up
        child.wait().unwrap();
        for (name, bytes) in contents(&out) {
            if name.ends_with(".tmp") || name == paragraf::cache::CACHE_FILE {
                continue;
            }
            assert!(
                old_files.get(&name) == Some(&bytes) || new_files.get(&name) == Some(&bytes),
                "{name} is neither the old nor the new file after a kill at {delay} ms"
            );
        }
        // The next build removes the killed one's temporary files and finishes the job.
        assert!(run(&cases, &out).status.success());
        let after = contents(&out);
        assert!(
            after.keys().all(|name| !name.ends_with(".tmp")),
            "{:?}",
            after.keys()
        );
        let pdfs = |files: &BTreeMap<String, Vec<u8>>| -> Vec<(String, Vec<u8>)> {
            files
                .iter()
                .filter(|(name, _)| name.ends_with(".pdf"))
                .map(|(n, b)| (n.clone(), b.clone()))
                .collect()
        };
        assert_eq!(pdfs(&after), pdfs(&new_files));
    }
}

/// The cache as JSON, to tamper with.
fn cache_json(out: &Path) -> serde_json::Value {
    serde_json::from_slice(&std::fs::read(out.join(paragraf::cache::CACHE_FILE)).unwrap()).unwrap()
}

#[test]
fn a_cache_entry_naming_another_file_or_none_is_not_trusted() {
    let (dir, nämnd) = nämnd_copy();
    let out = dir.path().join("ut");
    build(&nämnd, &out);
    let json = cache_json(&out);
    let documents = json["documents"].as_object().unwrap();
    let protocol = documents
        .keys()
        .find(|k| k.ends_with("_protokoll"))
        .unwrap()
        .clone();
    let kallelse = documents
        .keys()
        .find(|k| k.ends_with("_kallelse"))
        .unwrap()
        .clone();
    let outside = dir.path().join("utanför.pdf");
    std::fs::copy(out.join(format!("{kallelse}.pdf")), &outside).unwrap();
    for files in [
        // The kallelse's PDF, with its true size and checksum, as if it were the protocol's.
        json["documents"][&kallelse]["files"].clone(),
        // A file outside the output folder, likewise.
        serde_json::json!([{ "name": "../utanför.pdf", "size": json["documents"][&kallelse]["files"][0]["size"], "sha256": json["documents"][&kallelse]["files"][0]["sha256"] }]),
        // No file at all.
        serde_json::json!([]),
    ] {
        let mut tampered = json.clone();
        tampered["documents"][&protocol]["files"] = files.clone();
        std::fs::write(
            out.join(paragraf::cache::CACHE_FILE),
            serde_json::to_vec(&tampered).unwrap(),
        )
        .unwrap();
        std::fs::remove_file(out.join(format!("{protocol}.pdf"))).unwrap();
        let report = build(&nämnd, &out);
        assert!(
            out.join(format!("{protocol}.pdf")).is_file(),
            "the protocol was not made again with {files}"
        );
        assert!(
            report.typeset.contains(&protocol),
            "{files}: {:?}",
            report.typeset
        );
    }
}

#[cfg(unix)]
#[test]
fn a_cache_file_that_is_a_fifo_or_a_link_to_a_device_is_no_cache() {
    let (dir, nämnd) = nämnd_copy();
    let out = dir.path().join("ut");
    build(&nämnd, &out);
    let cache = out.join(paragraf::cache::CACHE_FILE);
    for make in ["fifo", "link"] {
        std::fs::remove_file(&cache).unwrap();
        match make {
            "fifo" => assert!(
                Command::new("mkfifo")
                    .arg(&cache)
                    .status()
                    .unwrap()
                    .success()
            ),
            _ => std::os::unix::fs::symlink("/dev/zero", &cache).unwrap(),
        }
        // A build that hangs on the file fails here.
        let output = paragraf_in(
            dir.path(),
            &[
                "build",
                nämnd.to_str().unwrap(),
                "-o",
                out.to_str().unwrap(),
            ],
        );
        let status = output.status;
        assert!(status.success(), "{make}");
        assert!(
            std::fs::symlink_metadata(&cache).unwrap().is_file(),
            "{make}"
        );
    }
}
