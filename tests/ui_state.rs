//! The UI reducer, natively: every state change is `State::apply`, a pure function.

use dualuse_core::assess::Verdict;
use dualuse_core::questions::Answer;
use dualuse_screener::dataset;
use dualuse_screener::state::{Action, Concern, State, Step};

fn run(actions: Vec<Action>) -> State {
    actions
        .into_iter()
        .fold(State::new("DE"), |s, a| s.apply(dataset(), a))
}

#[test]
fn typing_searches_and_picking_keeps_each_code_once() {
    let s = run(vec![
        Action::Query("imsi catcher".into()),
        Action::Pick("5A001.f.2".into()),
        Action::Pick("5A001.f.2".into()),
    ]);
    assert!(s
        .results
        .first()
        .is_some_and(|r| r.code.starts_with("5A001.f")));
    assert_eq!(s.picked, ["5A001.f.2"]);
    let s = s.apply(dataset(), Action::Unpick("5A001.f.2".into()));
    assert!(s.picked.is_empty());
}

#[test]
fn the_result_step_assesses_the_current_state_and_changes_follow() {
    let s = run(vec![
        Action::Pick("5A001.f.2".into()),
        Action::SetTo("CN".into()),
        Action::Go(Step::Result),
    ]);
    let a = s.assessment.clone().unwrap().unwrap();
    assert_eq!(a.verdict, Verdict::AuthorisationRequired);
    let s = s.apply(dataset(), Action::SetTo("US".into()));
    assert_eq!(
        s.assessment.unwrap().unwrap().verdict,
        Verdict::GeneralAuthorisationAvailable
    );
}

#[test]
fn answers_survive_going_back_and_restart_keeps_only_the_member_state() {
    let s = run(vec![
        Action::Answer("mob_mobile".into(), Answer::Yes),
        Action::SetConcern(Concern::HumanRights, true),
        Action::Go(Step::Result),
        Action::Go(Step::Item),
    ]);
    assert_eq!(s.answers.get("mob_mobile"), Some(&Answer::Yes));
    assert!(s.concerns.human_rights);
    let s = s.apply(dataset(), Action::Restart);
    assert!(s.answers.is_empty() && !s.concerns.human_rights && s.step == Step::Item);
    assert_eq!(s.from, "DE");
}

#[test]
fn bad_destination_input_becomes_a_message_not_a_panic() {
    let s = run(vec![Action::SetTo("ZZ".into()), Action::Go(Step::Result)]);
    let err = s.assessment.unwrap().unwrap_err();
    assert!(err.contains("ZZ"), "{err}");
}
