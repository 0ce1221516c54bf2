//! Each rule of the domain, on its own input in tests/domain (see its README).

mod common;

use std::process::Command;

use common::repo;

#[test]
fn every_rule_reports_its_message_at_its_place() {
    let domain = repo().join("tests/domain");
    let mut rules: Vec<_> = std::fs::read_dir(&domain)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir())
        .collect();
    rules.sort();
    assert!(rules.len() >= 18, "the rules are there");
    for rule in rules {
        let expected = std::fs::read_to_string(rule.join("expected")).unwrap();
        let only_warnings = expected.lines().any(|l| l.starts_with("varning: "));
        let meeting = rule.join("2024-05-21/sammantrade.yaml");
        let output = Command::new(env!("CARGO_BIN_EXE_paragraf"))
            .arg("check")
            .arg(&meeting)
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(
            output.status.success(),
            only_warnings,
            "{}:\n{stderr}",
            rule.display()
        );
        for line in expected.lines().filter(|l| !l.is_empty()) {
            assert!(
                stderr.contains(line),
                "{}: expected\n  {line}\nin\n{stderr}",
                rule.display()
            );
        }
    }
}

#[test]
fn the_valid_variant_passes_without_a_word() {
    // The base every rule folder departs from, with nothing broken.
    let dir = tempfile::tempdir().unwrap();
    let meeting_folder = dir.path().join("2024-05-21");
    std::fs::create_dir_all(&meeting_folder).unwrap();
    let source = repo().join("tests/domain/duplicate-paragraph/2024-05-21");
    std::fs::copy(
        source.join("arende.yaml"),
        meeting_folder.join("arende.yaml"),
    )
    .unwrap();
    let meeting = std::fs::read_to_string(source.join("sammantrade.yaml")).unwrap();
    let single = meeting.rsplit_once("  - paragraf: 31").unwrap().0;
    std::fs::write(meeting_folder.join("sammantrade.yaml"), single).unwrap();
    let output = Command::new(env!("CARGO_BIN_EXE_paragraf"))
        .arg("check")
        .arg(meeting_folder.join("sammantrade.yaml"))
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stderr}");
    assert!(
        !stderr.contains("varning") && !stderr.contains("fel"),
        "{stderr}"
    );
}
