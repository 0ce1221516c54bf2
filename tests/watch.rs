//! `paragraf watch`: a saved edit (of a case or a profile) rebuilds the PDFs it changes; a
//! broken save is reported and the watch goes on.

mod common;

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use common::*;

/// Kills the watch when the test ends, however it ends.
struct Watching(Child);

impl Drop for Watching {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// The next line of stdout that contains `part`, within a minute (a guard, not a timing).
fn wait_for(lines: &mpsc::Receiver<String>, part: &str) -> String {
    loop {
        match lines.recv_timeout(Duration::from_secs(60)) {
            Ok(line) if line.contains(part) => return line,
            Ok(_) => continue,
            Err(_) => panic!("no line with {part:?} from paragraf watch"),
        }
    }
}

/// Save seed 000's case `case` with one word added ("år"); its text before.
fn edit_a_word(case: &std::path::Path) -> String {
    let yaml = std::fs::read_to_string(case).unwrap();
    let edited = yaml.replacen(
        "I stadens budget för 2015",
        "I stadens budget för år 2015",
        1,
    );
    assert_ne!(edited, yaml);
    std::fs::write(case, edited).unwrap();
    yaml
}

#[test]
fn a_saved_edit_rebuilds_the_documents_it_changes() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("socialnamnden/2015-03-24");
    std::fs::create_dir_all(&folder).unwrap();
    for entry in std::fs::read_dir(repo().join("cases/socialnamnden/2015-03-24")).unwrap() {
        let path = entry.unwrap().path();
        std::fs::copy(&path, folder.join(path.file_name().unwrap())).unwrap();
    }
    let out = dir.path().join("ut");
    let mut child = Command::new(env!("CARGO_BIN_EXE_paragraf"))
        .args([
            "watch",
            dir.path().join("socialnamnden").to_str().unwrap(),
            "-o",
            out.to_str().unwrap(),
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    let _watching = Watching(child);
    let (sender, lines) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            if sender.send(line).is_err() {
                break;
            }
        }
    });
    assert!(wait_for(&lines, "byggt på").contains("6 filer ändrade"));
    let statement = out.join("2015-03-06_socialnamnden_tjansteutlatande_3.2-482-2014.pdf");
    assert!(!text(&statement).contains("I stadens budget för år 2015"));

    let case = folder.join("3.2-482-2014-fordelning-must.yaml");
    let yaml = edit_a_word(&case);
    let rebuilt = wait_for(&lines, "byggt på");
    assert!(rebuilt.contains("6 filer ändrade"), "{rebuilt}");
    assert!(text(&statement).contains("I stadens budget för år 2015"));

    // A broken save is reported; the watch goes on and picks up the repair.
    std::fs::write(
        &case,
        yaml.replacen("rubrik: Förslag", "rubrik: [Förslag", 1),
    )
    .unwrap();
    wait_for(&lines, "fel efter");
    std::fs::write(&case, &yaml).unwrap();
    assert!(wait_for(&lines, "byggt på").contains("6 filer ändrade"));
    assert!(!text(&statement).contains("I stadens budget för år 2015"));

    // A profile saved beside the meeting folder changes every document of the nämnd.
    std::fs::write(
        dir.path().join("socialnamnden/profil.yaml"),
        "kommun: Provby kommun\n",
    )
    .unwrap();
    assert!(wait_for(&lines, "byggt på").contains("6 filer ändrade"));
    assert!(text(&statement).starts_with("Provby kommun"));
}

/// `paragraf watch FOLDER -o OUT` with its stdout and stderr as lines.
fn start_watch(
    folder: &std::path::Path,
    out: &std::path::Path,
) -> (Watching, mpsc::Receiver<String>, mpsc::Receiver<String>) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_paragraf"))
        .args([
            "watch",
            folder.to_str().unwrap(),
            "-o",
            out.to_str().unwrap(),
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let lines = |stream: Box<dyn std::io::Read + Send>| {
        let (sender, lines) = mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stream).lines().map_while(Result::ok) {
                if sender.send(line).is_err() {
                    break;
                }
            }
        });
        lines
    };
    let stdout = lines(Box::new(child.stdout.take().unwrap()));
    let stderr = lines(Box::new(child.stderr.take().unwrap()));
    (Watching(child), stdout, stderr)
}

#[test]
fn a_folder_removed_and_made_again_is_still_watched_and_warnings_are_said_once() {
    let dir = tempfile::tempdir().unwrap();
    let committee = dir.path().join("socialnamnden");
    let folder = committee.join("2015-03-24");
    let copy = |to: &std::path::Path, edit: &str| {
        std::fs::create_dir_all(to).unwrap();
        for entry in std::fs::read_dir(repo().join("cases/socialnamnden/2015-03-24")).unwrap() {
            let path = entry.unwrap().path();
            let text = std::fs::read_to_string(&path).unwrap().replacen(
                "I stadens budget för 2015",
                edit,
                1,
            );
            std::fs::write(to.join(path.file_name().unwrap()), text).unwrap();
        }
    };
    copy(&folder, "I stadens budget för 2015");
    let out = dir.path().join("ut");
    let (_watching, stdout, stderr) = start_watch(&committee, &out);
    wait_for(&stdout, "byggt på");
    // The meeting names no ordförande: warned about after the first build…
    wait_for(&stderr, "ordförande eller justerare saknas");
    // … and not again after a save that leaves the warnings as they were.
    let case = folder.join("3.2-482-2014-fordelning-must.yaml");
    let yaml = std::fs::read_to_string(&case).unwrap();
    std::fs::write(
        &case,
        yaml.replacen(
            "I stadens budget för 2015",
            "I stadens budget för år 2015",
            1,
        ),
    )
    .unwrap();
    wait_for(&stdout, "byggt på");
    std::thread::sleep(Duration::from_millis(300));
    let repeated: Vec<String> = stderr.try_iter().filter(|l| l.contains("saknas")).collect();
    assert!(repeated.is_empty(), "warnings said again: {repeated:?}");
    // `git checkout` removes the folder and makes it again: the watch sees the new files.
    std::fs::remove_dir_all(&folder).unwrap();
    wait_for(&stdout, "byggt på");
    copy(&folder, "I stadens budget för året 2015");
    let statement = out.join("2015-03-06_socialnamnden_tjansteutlatande_3.2-482-2014.pdf");
    let started = std::time::Instant::now();
    while !text(&statement).contains("I stadens budget för året 2015") {
        assert!(
            started.elapsed() < Duration::from_secs(60),
            "the remade folder was not rebuilt"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
    // The watched folder itself, removed and made again.
    std::fs::remove_dir_all(&committee).unwrap();
    std::thread::sleep(Duration::from_millis(300));
    copy(&folder, "I stadens budget för detta år 2015");
    let started = std::time::Instant::now();
    while !text(&statement).contains("I stadens budget för detta år 2015") {
        assert!(
            started.elapsed() < Duration::from_secs(60),
            "the remade watched folder was not rebuilt"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
}

#[test]
fn a_watch_writing_beside_its_yaml_still_sees_a_saved_edit() {
    // `watch DIR -o DIR`: the PDFs go into the folder the YAML is in.
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("socialnamnden/2015-03-24");
    copy_folder(&repo().join("cases/socialnamnden/2015-03-24"), &folder);
    let committee = dir.path().join("socialnamnden");
    let (_watching, stdout, _stderr) = start_watch(&committee, &committee);
    assert!(wait_for(&stdout, "byggt på").contains("6 filer ändrade"));
    edit_a_word(&folder.join("3.2-482-2014-fordelning-must.yaml"));
    let rebuilt = wait_for(&stdout, "byggt på");
    assert!(rebuilt.contains("6 filer ändrade"), "{rebuilt}");
    // The build's own writing does not set off another build.
    assert!(
        stdout.recv_timeout(Duration::from_secs(2)).is_err(),
        "the watch rebuilt on its own output"
    );
}
