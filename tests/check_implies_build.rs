//! The promise CI and pre-commit hooks rely on: whatever `check` passes, `build` builds.
//! Proved over every folder of examples and test inputs, and as a property over generated
//! cases and meetings: Markdown constructs, Unicode from many classes, dates, amounts,
//! § numbers and names, each value as a user might write it.

mod common;

use std::path::{Path, PathBuf};

use proptest::prelude::*;
use serde_json::Value;

use common::*;

/// `check`, then `build` when check passes: Err with the build's problems if check passed
/// and build did not.
fn check_then_build(paths: &[PathBuf]) -> Result<bool, String> {
    let inputs = match paragraf::load(paths) {
        Ok(inputs) => inputs,
        Err(e) => {
            if std::env::var("SHOW_CHECK").is_ok() {
                eprintln!("{e}");
            }
            return Ok(false);
        }
    };
    if let Err(e) = paragraf::check(&inputs) {
        if std::env::var("SHOW_CHECK").is_ok() {
            eprintln!("{e}");
        }
        return Ok(false);
    }
    // Every output a text can reach: the documents (the handlingar packet among them),
    // their web copies, and the published site.
    let out = tempfile::tempdir().unwrap();
    let web_copy = paragraf::BuildOptions {
        web_copy: true,
        ..paragraf::BuildOptions::default()
    };
    let site = paragraf::output::site::Site {
        on: chrono::NaiveDate::from_ymd_opt(2024, 12, 31).unwrap(),
        address: None,
    };
    paragraf::build(
        paths,
        &out.path().join("pdf"),
        &paragraf::BuildOptions::default(),
    )
    .and_then(|_| paragraf::build(paths, &out.path().join("webb"), &web_copy))
    .and_then(|_| {
        paragraf::publish(
            paths,
            &out.path().join("site"),
            &paragraf::BuildOptions::default(),
            &site,
        )
    })
    .map(|_| true)
    .map_err(|e| format!("check passed, build failed:\n{e}"))
}

/// Every folder that holds YAML files directly.
fn yaml_folders(root: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let mut folders = vec![root.to_path_buf()];
    while let Some(folder) = folders.pop() {
        let entries: Vec<PathBuf> = std::fs::read_dir(&folder)
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        if entries
            .iter()
            .any(|p| p.extension().is_some_and(|e| e == "yaml"))
        {
            found.push(folder.clone());
        }
        folders.extend(entries.into_iter().filter(|p| p.is_dir()));
    }
    found.sort();
    found
}

#[test]
fn every_example_and_test_folder_that_checks_builds() {
    let mut checked = 0;
    for root in [
        "cases",
        "tests/domain",
        "tests/fixtures",
        "tests/hostile-input",
    ] {
        for folder in yaml_folders(&repo().join(root)) {
            if check_then_build(std::slice::from_ref(&folder))
                .unwrap_or_else(|e| panic!("{}: {e}", folder.display()))
            {
                checked += 1;
            }
        }
    }
    assert!(checked > 10, "only {checked} folders passed check");
}

/// Characters from many classes: Swedish, syntax, other scripts, symbols, emoji, combining
/// marks, invisible and control characters, bidi overrides.
fn character() -> impl Strategy<Value = char> {
    let pools: Vec<&str> = vec![
        "abcåäöÅÄÖéxyz Q",
        "#$*_@<>[]\\/`=-+~'\"{}()%:;.,!?&|^",
        "0123456789§”–…",
        "ΑλφαЖжЯאבגعربي漢字かな한글",
        "→≤∑∞√€£¥©®™½¼",
        "😀🧠🎉👍🏽",
        "\u{301}\u{308}\u{200D}\u{AD}",
        "\u{200B}\u{202E}\u{2066}\u{7}\u{1B}\u{FEFF}",
    ];
    let pools: Vec<Vec<char>> = pools.iter().map(|p| p.chars().collect()).collect();
    // Mostly text a secretary writes, now and then anything: so that many generated
    // meetings pass check and reach the build.
    prop_oneof![
        2000 => proptest::sample::select(pools[0].clone()),
        150 => proptest::sample::select(pools[1].clone()),
        100 => proptest::sample::select(pools[2].clone()),
        1 => proptest::sample::select(pools[3..].concat()),
    ]
}

fn words() -> impl Strategy<Value = String> {
    proptest::collection::vec(character(), 1..30).prop_map(|c| c.into_iter().collect())
}

/// Markdown: headings of any level, lists, emphasis, links of any scheme, tables, code.
fn prose() -> impl Strategy<Value = String> {
    let block = prop_oneof![
        words(),
        (1usize..7, words()).prop_map(|(level, w)| format!("{} {w}", "#".repeat(level))),
        proptest::collection::vec(words(), 1..4)
            .prop_map(|items| items.iter().map(|i| format!("- {i}\n")).collect()),
        (words(), words()).prop_map(|(a, b)| format!("*{a}* **{b}**")),
        (
            words(),
            prop_oneof![
                12 => Just("https://a.se"),
                1 => Just("javascript:x"),
                1 => Just(""),
                6 => Just("mailto:a@b.se"),
                1 => Just("file:///etc")
            ]
        )
            .prop_map(|(w, url)| format!("[{w}]({url})")),
        (words(), words()).prop_map(|(a, b)| format!("| {a} | x |\n| --- | ---: |\n| {b} | 1 |\n")),
        words().prop_map(|w| format!("`{w}`")),
    ];
    proptest::collection::vec(block, 1..4).prop_map(|blocks| blocks.join("\n\n"))
}

/// A value as written in YAML for a date, an amount or a § number: sane, odd or absurd.
fn scalar() -> impl Strategy<Value = String> {
    prop_oneof![
        1 => (1800i32..2300, 1u32..13, 1u32..29).prop_map(|(y, m, d)| format!("{y:04}-{m:02}-{d:02}")),
        1 => Just("+262142-12-01".to_owned()),
        1 => any::<u64>().prop_map(|n| n.to_string()),
        1 => Just("0x10".to_owned()),
        1 => Just("4294967295".to_owned()),
        60 => (1000u64..2_000_000).prop_map(|n| n.to_string()),
    ]
}

/// A § number: mostly one a meeting has, sometimes anything.
fn paragraph() -> impl Strategy<Value = String> {
    prop_oneof![20 => (1u32..500).prop_map(|n| n.to_string()), 2 => Just("15 a".to_owned()), 1 => scalar()]
}

/// A proposal: refused, a small amount, or any value.
fn proposal() -> impl Strategy<Value = String> {
    prop_oneof![2 => Just("avslag".to_owned()), 2 => (0u64..1000).prop_map(|n| n.to_string()), 1 => scalar()]
}

/// A date: mostly the day before the meeting, sometimes anything.
fn date() -> impl Strategy<Value = String> {
    prop_oneof![12 => Just("2024-05-02".to_owned()), 1 => scalar()]
}

/// Generated meetings tried, and those that passed check (and so were built).
static TRIED: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
static BUILT: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn a_generated_meeting_that_checks_builds(
        title in words(),
        name in words(),
        summary in prose(),
        description in prose(),
        note in prose(),
        date in date(),
        amount in proposal(),
        requested in scalar(),
        paragraph in paragraph(),
    ) {
        let row = yaml_map(vec![
            ("nr", Value::from(1)),
            ("beskrivning", Value::from(description)),
            ("sökande", Value::from(name.clone())),
            ("sökt", Value::from(requested)),
            ("förslag", Value::from(amount)),
        ]);
        let case = yaml_map(vec![
            ("nämnd", Value::from("Kulturnämnden")),
            ("förvaltning", Value::from("Kulturförvaltningen")),
            ("handläggare", yaml_map(vec![("namn", Value::from(name.clone()))])),
            ("datum", Value::from(date.clone())),
            ("dnr", Value::from("KUN 2024/1")),
            ("rubrik", Value::from(title.clone())),
            ("förslag_till_beslut", Value::Array(vec![Value::from(title)])),
            ("sammanfattning", Value::from(summary)),
            ("avsnitt", Value::Array(vec![yaml_map(vec![
                ("rubrik", Value::from("Ansökningar")),
                ("tabeller", Value::Array(vec![Value::from("t")])),
            ])])),
            ("tabeller", yaml_map(vec![("t", yaml_map(vec![
                ("rubrik", Value::from("Tabell")),
                ("ansökningar", Value::Array(vec![row])),
            ]))])),
        ]);
        let meeting = yaml_map(vec![
            ("nämnd", Value::from("Kulturnämnden")),
            ("datum", Value::from("2024-05-21")),
            ("beslutande", Value::Array(vec![
                yaml_map(vec![("namn", Value::from(name.clone())), ("roll", Value::from("ordförande"))]),
                yaml_map(vec![("namn", Value::from("Bo Ström"))]),
            ])),
            ("ordförande", yaml_map(vec![("namn", Value::from(name))])),
            ("sekreterare", yaml_map(vec![("namn", Value::from("Per Lind"))])),
            ("justerare", Value::Array(vec![yaml_map(vec![("namn", Value::from("Bo Ström"))])])),
            ("justering", yaml_map(vec![("datum", Value::from("2024-05-28"))])),
            ("anslag", yaml_map(vec![("förvaringsplats", Value::from("Kulturförvaltningen"))])),
            ("paragrafer", Value::Array(vec![
                yaml_map(vec![
                    ("paragraf", Value::from(paragraph)),
                    ("ärende", Value::from("arende.yaml")),
                    ("protokollsanteckningar", Value::Array(vec![yaml_map(vec![
                        ("av", Value::from("Bo Ström")),
                        ("text", Value::from(note)),
                    ])])),
                ]),
            ])),
        ]);
        let dir = tempfile::tempdir().unwrap();
        let folder = dir.path().join("2024-05-21");
        std::fs::create_dir(&folder).unwrap();
        std::fs::write(folder.join("arende.yaml"), serde_saphyr::to_string(&case).unwrap()).unwrap();
        std::fs::write(folder.join("sammantrade.yaml"), serde_saphyr::to_string(&meeting).unwrap()).unwrap();
        let result = check_then_build(&[folder]);
        prop_assert!(result.is_ok(), "{}", result.unwrap_err());
        TRIED.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        if result == Ok(true) {
            BUILT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        }
    }
}

#[test]
fn generated_meetings_reach_the_build() {
    // The property above runs in its own test; run it here too and count, so that a
    // generator that only makes invalid input (and so proves nothing) fails.
    a_generated_meeting_that_checks_builds();
    let built = BUILT.load(std::sync::atomic::Ordering::Relaxed);
    let tried = TRIED.load(std::sync::atomic::Ordering::Relaxed);
    println!("{built} of {tried} generated meetings passed check and were built");
    // A generator that mostly makes what check refuses proves little about build.
    assert!(
        built * 2 >= tried && tried > 0,
        "only {built} of {tried} generated meetings passed check"
    );
}
