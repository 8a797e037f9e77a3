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

/// Issue 13: search, see the listed entries on top, never press "My item falls under this
/// entry", click Next, choose the destination, ask for the result.
fn walk_without_choosing(query: &str, to: &str) -> State {
    run(vec![
        Action::Query(query.into()),
        Action::Go(Step::Destination),
        Action::SetTo(to.into()),
        Action::Go(Step::Result),
    ])
}

#[test]
fn leaving_the_item_step_keeps_the_strong_results_as_open_candidates() {
    use dualuse_core::assess::Resolution;
    let s = run(vec![
        Action::Query("IMSI catcher".into()),
        Action::Go(Step::Destination),
    ]);
    assert_eq!(s.candidates.get("5A001.f.2"), Some(&Resolution::Open));
    assert!(
        s.candidates.len() <= dualuse_core::search::SHOWN_TOP,
        "{:?}",
        s.candidates
    );
    // The query that showed them is kept for the record.
    assert!(s.searches.iter().any(|q| q == "IMSI catcher"));
    // Typing alone (no Next) makes no candidates: the live search shows every keystroke.
    let typed = run(vec![Action::Query("IMSI catcher".into())]);
    assert!(typed.candidates.is_empty());
}

#[test]
fn an_imsi_catcher_to_china_left_unclassified_is_not_green() {
    let s = walk_without_choosing("IMSI catcher", "CN");
    assert_eq!(s.step, Step::Result);
    let a = s.assessment.unwrap().unwrap();
    assert_eq!(a.verdict, Verdict::AuthorisationRequired);
    assert!(a.entries.iter().any(|e| e.code == "5A001.f.2" && e.open));
    assert!(a
        .grounds
        .iter()
        .any(|g| g.rule == "open" && g.text.contains("5A001.f.2")));
}

#[test]
fn a_milling_machine_to_india_left_unclassified_is_not_green_until_ruled_out() {
    use dualuse_core::assess::Resolution;
    let s = walk_without_choosing("5-axis milling machine", "IN");
    let a = s.assessment.clone().unwrap().unwrap();
    assert_ne!(a.verdict, Verdict::NoAuthorisationIndicated);
    // 2B001 (or its milling item 2B001.b, as the ranking has it) stays open.
    assert!(
        a.entries
            .iter()
            .any(|e| e.code.starts_with("2B001") && e.open),
        "{:?}",
        a.entries
    );
    // "Don't know" keeps it open too.
    let first = s.candidates.keys().next().unwrap().clone();
    let s = s.apply(
        dataset(),
        Action::AnswerCandidate(first, Resolution::Unknown),
    );
    assert_eq!(
        s.assessment.clone().unwrap().unwrap().verdict,
        Verdict::AuthorisationRequired
    );
    // Ruling out every candidate it showed settles the classification: not listed.
    let codes: Vec<String> = s.candidates.keys().cloned().collect();
    let s = codes.into_iter().fold(s, |s, c| {
        s.apply(dataset(), Action::AnswerCandidate(c, Resolution::No))
    });
    assert_eq!(
        s.assessment.unwrap().unwrap().verdict,
        Verdict::NoAuthorisationIndicated
    );
}

#[test]
fn no_result_without_a_destination() {
    let s = run(vec![
        Action::Pick("5A001.f.2".into()),
        Action::Go(Step::Result),
    ]);
    assert_eq!(s.step, Step::Destination);
    assert!(s.destination_missing);
    assert!(s.assessment.is_none());
    let s = s.apply(dataset(), Action::SetTo("CN".into()));
    assert!(!s.destination_missing);
    let s = s.apply(dataset(), Action::Go(Step::Result));
    assert_eq!(s.step, Step::Result);
    assert!(s.assessment.unwrap().is_ok());
}

#[test]
fn a_saved_session_keeps_its_candidates_and_opens_on_the_destination_step_without_one() {
    use dualuse_core::assess::Resolution;
    let s = run(vec![
        Action::Query("5-axis milling machine".into()),
        Action::Go(Step::Destination),
        Action::AnswerCandidate("2B201".into(), Resolution::No),
    ]);
    let session = s.session();
    assert_eq!(session.candidates.get("2B201"), Some(&Resolution::No));
    assert!(session.candidates.len() >= 2, "{:?}", session.candidates);
    let loaded = State::new("DE").apply(dataset(), Action::LoadSession(session.clone(), None));
    assert_eq!(loaded.candidates, s.candidates);
    assert_eq!(loaded.step, Step::Destination, "no destination: no result");
    let mut with_to = session;
    with_to.to = "IN".into();
    let loaded = State::new("DE").apply(dataset(), Action::LoadSession(with_to, None));
    assert_eq!(loaded.step, Step::Result);
    assert_ne!(
        loaded.assessment.unwrap().unwrap().verdict,
        Verdict::NoAuthorisationIndicated
    );
}

/// Issue 13: a tariff code, a US classification or a bare number gets one line of help (in
/// the UI's language, rendered from the hint) and no results; a CAS number finds its entry.
#[test]
fn codes_the_search_cannot_use_get_help_and_no_noise() {
    let s = run(vec![Action::Query("8471 30".into())]);
    assert!(s.results.is_empty());
    assert_eq!(s.hints.len(), 1);
    assert!(s.hints[0].text("de").contains("Zolltarifnummer"));
    assert!(s.hints[0].text("fr").contains("nomenclature douanière"));
    assert!(
        s.notices.is_empty(),
        "the data notices do not repeat the hint"
    );
    let s = s.apply(dataset(), Action::Query("5D992".into()));
    assert!(s.results.is_empty());
    assert!(s.hints[0].text("en").contains("5D002"));
    let s = s.apply(dataset(), Action::Query("500".into()));
    assert!(s.results.is_empty());
    assert_eq!(s.hints[0].kind(), "number");
    let s = s.apply(dataset(), Action::Query("111-48-8".into()));
    assert_eq!(s.results.first().map(|r| r.code.as_str()), Some("1C350.1"));
    assert!(s.hints.is_empty());
}

/// Issue 13: Back and Forward restore the step and the session a history entry holds; the
/// fragment round-trips; a plain copied link (no step) still reads; the step rule holds.
#[test]
fn history_entries_restore_their_step_and_session() {
    use dualuse_screener::state::{history_fragment, read_fragment};
    let item = run(vec![
        Action::Query("IMSI catcher".into()),
        Action::Pick("5A001.f.2".into()),
    ]);
    let on_item = history_fragment(&item);
    assert!(on_item.starts_with("v2.") && on_item.ends_with("~item"));
    let dest = item.clone().apply(dataset(), Action::Go(Step::Destination));
    let on_dest = history_fragment(&dest);
    assert!(on_dest.ends_with("~destination"));
    let result = run(vec![
        Action::Pick("5A001.f.2".into()),
        Action::SetTo("CN".into()),
        Action::Go(Step::Result),
    ]);
    // Back from the result to the item step: the step and the query come back.
    let (session, step) = read_fragment(dataset(), &format!("#{on_item}")).unwrap();
    assert_eq!(step, Some(Step::Item));
    let back = result.apply(dataset(), Action::Restore(session, Step::Item));
    assert_eq!(back.step, Step::Item);
    assert_eq!(back.picked, ["5A001.f.2"]);
    assert_eq!(back.query, "IMSI catcher");
    assert!(!back.results.is_empty());
    assert!(back.assessment.is_none());
    assert!(
        back.session_message.is_none(),
        "Back is no 'session loaded'"
    );
    // Forward to the result of a session without a destination lands on the destination.
    let (session, _) = read_fragment(dataset(), &on_dest).unwrap();
    let fwd = back.apply(dataset(), Action::Restore(session, Step::Result));
    assert_eq!(fwd.step, Step::Destination);
    // A copied link has no step; a damaged step says so.
    let link = dualuse_core::session::encode_link(&dest.session());
    assert_eq!(read_fragment(dataset(), &link).unwrap().1, None);
    assert!(read_fragment(dataset(), &format!("{link}~elsewhere"))
        .unwrap_err()
        .contains("elsewhere"));
}

/// Issue 13: the result names the questions still open; "go to the question" returns to the
/// item step with the question's topic open and the question to focus, once.
#[test]
fn a_question_still_open_is_one_jump_away() {
    let s = run(vec![
        Action::OpenTopic(Some("cyber".into())),
        Action::Answer("cs_designed".into(), Answer::Yes),
        Action::OpenTopic(None),
        Action::SetTo("CN".into()),
        Action::Go(Step::Result),
    ]);
    let a = s.assessment.clone().unwrap().unwrap();
    let open = a.open_questions();
    let first = open.first().expect("questions still open").clone();
    let s = s.apply(dataset(), Action::JumpToQuestion(first.clone()));
    assert_eq!(s.step, Step::Item);
    assert_eq!(s.topic.as_deref(), Some("cyber"));
    assert_eq!(s.focus_question.as_deref(), Some(first.as_str()));
    assert!(s.assessment.is_none(), "no verdict off the result step");
    // Answering clears the jump (focus moves once), and the answer counts.
    let s = s.apply(dataset(), Action::Answer(first.clone(), Answer::Yes));
    assert_eq!(s.focus_question, None);
    let s = s.apply(dataset(), Action::Go(Step::Destination));
    let s = s.apply(dataset(), Action::Go(Step::Result));
    let after = s.assessment.clone().unwrap().unwrap().open_questions();
    assert!(!after.contains(&first), "{after:?}");
    // An id that is no question changes nothing.
    let before = s.clone();
    let s = s.apply(dataset(), Action::JumpToQuestion("no_such_question".into()));
    assert_eq!(s.step, before.step);
    assert_eq!(s.focus_question, None);
}

/// Issue 13: the notices of a query are kept as data and render in the language of the
/// moment, so switching language after a search switches them too.
#[test]
fn notices_follow_the_ui_language() {
    let s = run(vec![Action::Query("gps jammer".into())]);
    assert!(!s.notices.is_empty());
    let texts =
        |lang: &str| -> Vec<String> { s.notices.iter().map(|n| n.text(dataset(), lang)).collect() };
    assert!(texts("en").iter().any(|t| t.contains("jamming of mobile")));
    assert!(texts("de").iter().any(|t| t.contains("Mobilfunkdiensten")));
    assert!(texts("fr").iter().any(|t| t.contains("brouillage")));
}

mod checklist_walk {
    use super::*;
    use dualuse_core::checklist::{node_states, ItemAnswer, Status};

    /// The item the user checks is in question: opening its checklist makes it a candidate
    /// (unless one of its family is already), so a walk left open is never a green light.
    #[test]
    fn the_item_checked_is_a_candidate() {
        let s = run(vec![Action::OpenChecklist("6A005.d".into())]);
        assert_eq!(
            s.candidates.get("6A005.d"),
            Some(&dualuse_core::assess::Resolution::Open)
        );
        let s = s.apply(dataset(), Action::OpenChecklist("6A005".into()));
        assert_eq!(s.candidates.len(), 1, "{:?}", s.candidates);
        let s = [
            Action::Go(Step::Destination),
            Action::SetTo("US".into()),
            Action::Go(Step::Result),
        ]
        .into_iter()
        .fold(s, |s, a| s.apply(dataset(), a));
        let a = s.assessment.clone().unwrap().unwrap();
        assert_ne!(a.verdict, Verdict::NoAuthorisationIndicated);
    }

    #[test]
    fn answering_an_entrys_checklist_reaches_the_verdict_at_item_level() {
        let s = run(vec![
            Action::Query("6A003".into()),
            Action::Open("6A003".into()),
            Action::OpenChecklist("6a003".into()),
        ]);
        // The code is read as the data spells it; unknown codes open nothing.
        assert_eq!(s.checklist.as_deref(), Some("6A003"));
        assert_eq!(
            s.clone()
                .apply(dataset(), Action::OpenChecklist("6A999".into()))
                .checklist
                .as_deref(),
            Some("6A003")
        );
        let s = [
            Action::AnswerItem("6A003.b.4".into(), ItemAnswer::Yes),
            Action::AnswerItem("6A003.b.4.b".into(), ItemAnswer::Yes),
            // Not a node or release of the data: ignored, never sent to `assess`.
            Action::AnswerItem("6A003.z".into(), ItemAnswer::Yes),
            Action::CloseChecklist,
            Action::Go(Step::Destination),
            Action::SetTo("CN".into()),
            Action::Go(Step::Result),
        ]
        .into_iter()
        .fold(s, |s, a| s.apply(dataset(), a));
        assert_eq!(s.checklist, None);
        assert_eq!(s.open_code.as_deref(), Some("6A003"));
        assert_eq!(s.item_answers.len(), 2);
        assert_eq!(s.assess_input().item_answers, s.item_answers);
        let a = s.assessment.clone().unwrap().unwrap();
        assert_eq!(a.verdict, Verdict::AuthorisationRequired);
        assert!(a.entries.iter().any(|e| e.code == "6A003.b.4.b"));
        let items = a.entries.iter().find_map(|e| e.items.clone()).unwrap();
        assert_eq!(items.matched, ["6A003.b.4.b"]);
        assert!(a.grounds.iter().any(|g| g.text.contains("6A003.b.4.b")));
        // The search showed 6A003: the item met settles it, nothing is left open.
        assert!(
            a.grounds.iter().all(|g| g.rule != "open"),
            "{:?}",
            a.grounds
        );
    }

    #[test]
    fn decided_branches_fold_and_only_what_matters_stays_open() {
        let s = run(vec![Action::OpenChecklist("6A003".into())]);
        let states = |s: &State| node_states(dataset(), "6A003", &s.item_answers).unwrap();
        let before = states(&s);
        assert_eq!(before["6A003"].status, Status::Open);
        assert_eq!(before["6A003.b.4"].status, Status::Open);
        // "Imaging cameras as follows:" is met by meeting one of its items: not asked.
        assert!(!before["6A003.b"].asks && before["6A003.b.4"].asks);
        let s = s.apply(
            dataset(),
            Action::AnswerItem("6A003.b.4".into(), ItemAnswer::Yes),
        );
        assert_eq!(states(&s)["6A003.b.4"].status, Status::Open);
        let s = s.apply(
            dataset(),
            Action::AnswerItem("6A003.b.4.b".into(), ItemAnswer::Yes),
        );
        let after = states(&s);
        // 6A003.b.4 has "any of the following": one item met decides it, and its parents.
        for code in ["6A003.b.4.b", "6A003.b.4", "6A003.b", "6A003"] {
            assert_eq!(after[code].status, Status::Met, "{code}");
        }
        // A note answered "yes" releases its item: decided too, as released.
        let s = s.apply(
            dataset(),
            Action::AnswerItem("Note to 6A003.b".into(), ItemAnswer::Yes),
        );
        let released = states(&s);
        assert!(released["6A003.b"].released);
        assert_eq!(released["6A003.b"].status, Status::NotMet);
        // "Don't know" keeps a node open, never rules it out.
        let s = s
            .apply(
                dataset(),
                Action::AnswerItem("Note to 6A003.b".into(), ItemAnswer::No),
            )
            .apply(
                dataset(),
                Action::AnswerItem("6A003.b.4.b".into(), ItemAnswer::Unknown),
            );
        assert_eq!(states(&s)["6A003.b.4"].status, Status::Open);
        let s = s.apply(
            dataset(),
            Action::AnswerItem("6A003.b.4".into(), ItemAnswer::No),
        );
        assert_eq!(states(&s)["6A003.b.4"].status, Status::NotMet);
    }

    #[test]
    fn reset_clears_the_answers_within_the_code_only_and_restart_clears_all() {
        let s = run(vec![
            Action::OpenChecklist("6A003".into()),
            Action::AnswerItem("6A003.a".into(), ItemAnswer::No),
            Action::AnswerItem("6A003.b.4".into(), ItemAnswer::Yes),
            Action::AnswerItem("Note to 6A003.b".into(), ItemAnswer::Unknown),
            Action::AnswerItem("3A234".into(), ItemAnswer::Yes),
        ]);
        assert_eq!(s.item_answers.len(), 4);
        let b = s
            .clone()
            .apply(dataset(), Action::ResetChecklist("6A003.b".into()));
        assert_eq!(
            b.item_answers.keys().collect::<Vec<_>>(),
            ["3A234", "6A003.a"]
        );
        let all = s
            .clone()
            .apply(dataset(), Action::ResetChecklist("6A003".into()));
        assert_eq!(all.item_answers.keys().collect::<Vec<_>>(), ["3A234"]);
        let restarted = s.apply(dataset(), Action::Restart);
        assert!(restarted.item_answers.is_empty() && restarted.checklist.is_none());
    }

    #[test]
    fn checklist_answers_travel_in_the_session_link() {
        let s = run(vec![
            Action::AnswerItem("6A003.b.4".into(), ItemAnswer::Yes),
            Action::AnswerItem("Note to 6A003.b".into(), ItemAnswer::No),
            Action::SetTo("CN".into()),
        ]);
        let fragment = dualuse_screener::state::history_fragment(&s);
        assert!(fragment.starts_with("v3."));
        let (session, step) = dualuse_screener::state::read_fragment(dataset(), &fragment).unwrap();
        assert_eq!(step, Some(Step::Item));
        let restored = State::new("DE").apply(dataset(), Action::LoadSession(session, None));
        assert_eq!(restored.item_answers, s.item_answers);
        assert_eq!(restored.step, Step::Result);
    }
}
