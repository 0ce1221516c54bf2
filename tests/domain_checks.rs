//! Each rule of the domain, on its own input in tests/domain (see its README).

mod common;

use std::process::Command;

use common::repo;

/// Run `paragraf check` on the rule's meeting and compare with its `expected`.
fn check_rule(rule: &str) {
    let folder = repo().join("tests/domain").join(rule);
    let expected = std::fs::read_to_string(folder.join("expected")).unwrap();
    let only_warnings = expected.lines().any(|l| l.starts_with("varning: "));
    let meeting = folder.join("2024-05-21/sammantrade.yaml");
    let output = Command::new(env!("CARGO_BIN_EXE_paragraf"))
        .arg("check")
        .arg(&meeting)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.success(), only_warnings, "{rule}:\n{stderr}");
    for line in expected.lines().filter(|l| !l.is_empty()) {
        assert!(
            stderr.contains(line),
            "{rule}: expected\n  {line}\nin\n{stderr}"
        );
    }
}

/// One test per folder of tests/domain.
macro_rules! rules {
    ($($test:ident => $folder:literal,)*) => {
        $(
            #[test]
            fn $test() {
                check_rule($folder);
            }
        )*

        #[test]
        fn every_folder_has_its_test() {
            let mut folders: Vec<String> = std::fs::read_dir(repo().join("tests/domain"))
                .unwrap()
                .map(|e| e.unwrap().path())
                .filter(|p| p.is_dir())
                .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
                .collect();
            folders.sort();
            let mut tested = vec![$($folder.to_owned()),*];
            tested.sort();
            assert_eq!(folders, tested);
        }
    };
}

rules! {
    more_than_half_the_seats_serve_in_each_paragraph => "quorum",
    a_meeting_not_yet_held_records_nothing_the_meeting_makes => "agenda-stage-with-decision",
    a_proposal_to_another_organ_has_no_appeal => "proposal-with-appeal",
    a_vote_needs_a_counter_proposal_and_a_yrkande_its_words => "vote-without-counter-proposal",
    a_vote_names_the_proposals_of_its_paragraph => "vote-for-an-unnamed-proposal",
    a_decision_point_is_more_than_a_conjunction => "decision-point-fragment",
    a_struck_item_belongs_to_no_protocol => "struck-item-in-the-protocol",
    a_point_without_paragraph_carries_nothing_of_one => "point-without-paragraph-as-a-paragraph",
    sub_items_are_lettered_together_and_give_their_own_dnr => "sub-items-contradicted",
    times_and_remote_paragraphs_fit_the_meeting => "times-and-distance",
    a_kommunalförbund_names_its_members => "federation-without-members",
    proposals_and_support_say_what_they_are => "proposal-and-support-misused",
    nobody_is_both_present_and_absent => "absent-and-present",
    an_administrative_appeal_names_instance_and_law => "appeal-without-instance",
    numbering_follows_the_years_earlier_meetings => "numbering-across-the-year",
    a_vote_counts_every_member_once_and_not_the_disqualified => "vote-incomplete",
    only_members_present_propose_vote_or_reserve => "member-not-present",
    anslag_within_two_days_of_justering => "anslag-posted-late",
    anslag_not_before_the_justering => "anslag-before-justering",
    anslag_not_before_its_part_of_the_justering => "anslag-before-its-justering-part",
    the_anslag_deadline_moves_past_a_weekend => "anslag-late-after-weekend",
    adjustment_within_14_days => "adjustment-after-14-days",
    adjustment_not_before_the_meeting => "adjustment-before-meeting",
    capped_only_above_the_maximum => "capped-within-maximum",
    capped_needs_a_maximum => "capped-without-maximum",
    amounts_are_whole_kronor => "decimal-amount",
    amounts_are_not_negative => "negative-amount",
    dates_exist => "invalid-date",
    dnr_follows_the_committees_pattern => "dnr-pattern",
    the_dnr_pattern_is_a_valid_regex => "dnr-pattern-invalid",
    application_numbers_are_unique => "duplicate-application-number",
    paragraph_numbers_are_unique => "duplicate-paragraph",
    granted_at_most_the_maximum => "granted-above-maximum",
    granted_at_most_the_request => "granted-above-requested",
    every_item_has_an_existing_case => "missing-case",
    reworded_points_exist => "reworded-point-missing",
    stated_totals_equal_the_rows => "stated-total-differs",
    the_statement_precedes_the_meeting => "statement-after-meeting",
    unusual_but_legal_gives_warnings => "warnings",
    only_those_serving_in_the_paragraph_propose_vote_or_reserve => "vote-by-someone-not-serving",
    a_seat_is_served_by_one_person_at_a_time => "seat-served-twice",
    every_paragraph_is_in_exactly_one_justering => "justering-parts",
    a_tie_needs_the_chairs_vote_and_an_item_a_title_and_decision => "tie-without-casting-vote",
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
