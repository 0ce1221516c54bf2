//! Bad input gets a clear error (file, line, column), never a panic, hang or huge
//! allocation. The corpus is tests/hostile-input: NAME.yaml beside NAME.expected.

mod common;

use std::path::Path;
use std::process::Output;

use common::{paragraf_in, repo};

/// `paragraf check PATH`, killed (and failed) if it hangs.
fn check(path: &Path) -> Output {
    paragraf_in(&repo(), &["check", path.to_str().unwrap()])
}

#[test]
fn every_file_of_the_corpus_gets_its_message() {
    let corpus = repo().join("tests/hostile-input");
    let mut files: Vec<_> = std::fs::read_dir(&corpus)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .collect();
    files.sort();
    assert!(files.len() >= 11, "the corpus is there");
    for file in files {
        let expected = std::fs::read_to_string(file.with_extension("expected"))
            .unwrap_or_else(|_| panic!("{} has no .expected file", file.display()));
        let output = check(&file);
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(
            !stderr.contains("panicked"),
            "{}: panic\n{stderr}",
            file.display()
        );
        if expected.trim() == "ok" {
            assert!(
                output.status.success(),
                "{} must be accepted:\n{stderr}",
                file.display()
            );
            continue;
        }
        assert_eq!(
            output.status.code(),
            Some(1),
            "{}:\n{stderr}",
            file.display()
        );
        assert!(
            output.stdout.is_empty(),
            "{}: stdout on failure",
            file.display()
        );
        for line in expected.lines().filter(|l| !l.is_empty()) {
            assert!(
                stderr.contains(line),
                "{}: expected\n  {line}\nin\n{stderr}",
                file.display()
            );
        }
    }
}

#[test]
fn a_multi_megabyte_file_is_refused_before_it_is_parsed() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("stor.yaml");
    let line = format!("# {}\n", "x".repeat(1000));
    std::fs::write(&path, line.repeat(6 * 1024)).unwrap();
    let output = check(&path);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("stor.yaml: filen är större än 4 MiB"),
        "{stderr}"
    );
}

#[cfg(unix)]
#[test]
fn a_link_out_of_the_committee_folder_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let meeting_folder = dir.path().join("nämnd/2015-03-24");
    std::fs::create_dir_all(&meeting_folder).unwrap();
    let outside = dir.path().join("hemligt.yaml");
    std::fs::copy(
        repo().join("tests/hostile-input/number-as-text.yaml"),
        &outside,
    )
    .unwrap();
    std::os::unix::fs::symlink(&outside, meeting_folder.join("arende.yaml")).unwrap();
    std::fs::write(
        meeting_folder.join("sammantrade.yaml"),
        "nämnd: Socialnämnden\ndatum: 2015-03-24\nsekreterare: {namn: L}\nparagrafer:\n  - paragraf: 1\n    ärende: arende.yaml\n",
    )
    .unwrap();
    let output = check(&meeting_folder.join("sammantrade.yaml"));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("sammantrade.yaml:6:13: ärendet arende.yaml ligger utanför nämndens mapp"),
        "{stderr}"
    );
}
