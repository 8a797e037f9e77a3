//! The record the exporter keeps: session links (URL fragment), the JSON record with its
//! schema and dataset version, and the Markdown report.

use std::collections::BTreeMap;

use dualuse_core::assess::{Concerns, Resolution};
use dualuse_core::session::{
    check_record, decode_link, encode_link, make_record, markdown, AnswerValue, Record, Session,
};
use dualuse_screener::dataset;

fn typical() -> Session {
    Session {
        description: "Tactical IMSI catcher for police, model X-200".into(),
        searches: vec!["imsi catcher".into(), "5A001.f".into()],
        picked: vec!["5A001.f.2".into()],
        answers: BTreeMap::from([
            ("mob_mobile".to_string(), AnswerValue::Bool(true)),
            ("mob_identifiers".to_string(), AnswerValue::Bool(true)),
            ("it_form".to_string(), AnswerValue::Text("equipment".into())),
            ("cr_symmetric_bits".to_string(), AnswerValue::Number(256.0)),
            (
                "mob_operator".to_string(),
                AnswerValue::Text("unknown".into()),
            ),
        ]),
        cyber_surveillance: true,
        telecom_monitoring: Some(true),
        from: "DE".into(),
        to: "EG".into(),
        informed_by_authority: false,
        concerns: Concerns {
            human_rights: true,
            ..Default::default()
        },
        export_form: "goods".into(),
        ticks: vec![0, 2],
        candidates: [
            ("5A001.f.2".to_string(), Resolution::Yes),
            ("5D001".to_string(), Resolution::No),
            ("5E001".to_string(), Resolution::Open),
        ]
        .into_iter()
        .collect(),
        item_answers: Default::default(),
    }
}

#[test]
fn a_link_round_trips_the_whole_session_and_stays_short() {
    let s = typical();
    let link = encode_link(&s);
    println!("typical session link: {} characters", link.len());
    assert!(link.starts_with("v2."));
    assert!(link.len() < 400, "link is {} characters", link.len());
    assert!(
        link.chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_.".contains(c)),
        "URL-safe"
    );
    assert_eq!(decode_link(dataset(), &link).unwrap(), s);
    assert_eq!(decode_link(dataset(), &format!("#{link}")).unwrap(), s);
}

#[test]
fn damaged_or_foreign_links_give_a_clear_message() {
    let ds = dataset();
    let link = encode_link(&typical());
    let mut damaged: Vec<char> = link.chars().collect();
    let mid = damaged.len() / 2;
    damaged[mid] = if damaged[mid] == 'A' { 'B' } else { 'A' };
    let damaged: String = damaged.into_iter().collect();
    for (bad, expect) in [
        ("", "does not hold"),
        ("#section-2", "does not hold"),
        ("v1.!!!", "not valid base64url"),
        ("v1.AAAA", "damaged"),
        (damaged.as_str(), "damaged"),
        (&"v1.".repeat(10_000), "too long"),
    ] {
        let err = decode_link(ds, bad).unwrap_err();
        assert!(err.contains(expect), "{bad:.20}: {err}");
    }
    let mut foreign = typical();
    foreign.picked = vec!["5A999".into()];
    let err = decode_link(ds, &encode_link(&foreign)).unwrap_err();
    assert!(err.contains("5A999"), "{err}");
}

#[test]
fn the_json_record_round_trips_and_names_its_schema_and_dataset() {
    let ds = dataset();
    let record = make_record(ds, &typical(), "2026-11-30T10:00:00Z");
    let json = serde_json::to_string_pretty(&record).unwrap();
    assert!(json.contains("\"schema\": \"dualuse-screener/record\""));
    assert!(json.contains("\"schemaVersion\": 2"));
    assert!(json.contains("\"consolidatedAsOf\": \"2025-11-15\""));
    let back: Record = serde_json::from_str(&json).unwrap();
    assert_eq!(back, record);
    assert_eq!(
        check_record(ds, &back).unwrap(),
        Vec::<String>::new(),
        "nothing changed"
    );
}

#[test]
fn a_record_made_with_another_dataset_says_what_changed() {
    let ds = dataset();
    let mut record = make_record(ds, &typical(), "2025-01-01T00:00:00Z");
    record.dataset.consolidated_as_of = "2024-11-15".into();
    record.cited_entries[0].digest = "0000000000000000".into();
    let changes = check_record(ds, &record).unwrap();
    assert!(
        changes.iter().any(|c| c.contains("2024-11-15")),
        "{changes:?}"
    );
    assert!(
        changes
            .iter()
            .any(|c| c.contains("5A001.f.2") && c.contains("changed")),
        "{changes:?}"
    );
    record.schema = "something-else".into();
    assert!(check_record(ds, &record).is_err());
}

#[test]
fn the_markdown_report_has_every_section() {
    let ds = dataset();
    let s = typical();
    let record = make_record(ds, &s, "2026-11-30T10:00:00Z");
    let a = dualuse_core::assess::assess(ds, &s.assess_input()).unwrap();
    let md = markdown(ds, &record, Some(&a), "en");
    for needle in [
        "# Dual-use export pre-screening record",
        "IMSI catcher for police",
        "\"imsi catcher\"",
        "### Answers",
        "don't know",
        "## Candidate entries",
        "5A001.f.2",
        "### Entries the search showed",
        "| 5A001.f.2 | yes |",
        "| 5D001 | no |",
        "| 5E001 | not answered: open |",
        "## Destination and use",
        "Egypt (EG)",
        "## Result: ",
        "Art. 3(1)",
        "- [x]",
        "- [ ]",
        "Competent authority",
        "Indicative",
        "2025/2003",
    ] {
        assert!(md.contains(needle), "missing {needle:?} in\n{md}");
    }
}

/// Issue 14: the checklist answers go into the report with what they establish.
#[test]
fn the_markdown_report_lists_the_checklist_answers() {
    use dualuse_core::checklist::ItemAnswer;
    let ds = dataset();
    let mut s = typical();
    for (key, a) in [
        ("6A003.a", ItemAnswer::No),
        ("6A003.b.4", ItemAnswer::Yes),
        ("6A003.b.4.b", ItemAnswer::Yes),
        ("Note to 6A003.b", ItemAnswer::No),
        ("6A003.b.4.a", ItemAnswer::Unknown),
    ] {
        s.item_answers.insert(key.into(), a);
    }
    let record = make_record(ds, &s, "2026-11-30T10:00:00Z");
    let a = dualuse_core::assess::assess(ds, &s.assess_input()).unwrap();
    let md = markdown(ds, &record, Some(&a), "en");
    for needle in [
        "### Checklist of 6A003",
        "| 6A003.b.4.b | Incorporating \"focal plane arrays\"",
        "| 6A003.a | ",
        "| Note to 6A003.b |  | no |",
        "| 6A003.b.4.a | Incorporating \"focal plane arrays\" specified in 6A002.a.3.a. to 6A002.a.3.e.; | don't know |",
        "- Items met: 6A003.b.4.b",
    ] {
        assert!(md.contains(needle), "missing {needle:?} in\n{md}");
    }
    let de = markdown(ds, &record, Some(&a), "de");
    assert!(de.contains("### Checkliste zu 6A003"), "{de}");
}

#[test]
fn a_record_made_before_candidates_were_kept_still_loads() {
    let ds = dataset();
    let record = make_record(ds, &typical(), "2026-11-30T10:00:00Z");
    let mut json: serde_json::Value = serde_json::to_value(&record).unwrap();
    json["session"]
        .as_object_mut()
        .unwrap()
        .remove("candidates");
    let back: Record = serde_json::from_value(json).unwrap();
    assert!(back.session.candidates.is_empty());
    assert!(check_record(ds, &back).is_ok());
}

#[test]
fn a_record_with_a_candidate_that_is_no_code_is_refused_by_name() {
    let mut s = typical();
    s.candidates.insert("5A999".into(), Resolution::Open);
    let err = s.validate(dataset()).unwrap_err();
    assert!(err.contains("5A999") && err.contains("candidates"), "{err}");
}

/// Issue 13: the record stands as evidence (schema version 2, docs/record-schema.md): the
/// verdict and its grounds, what was checked, the entries and candidates decided and left
/// open, the answers in the order asked with their labels as shown, the sources' dates.
#[test]
fn a_v2_record_carries_what_a_person_reads_as_evidence() {
    let ds = dataset();
    let s = typical();
    let r = dualuse_core::session::make_record_in(ds, &s, "2026-11-30T10:00:00Z", "de");
    assert_eq!(r.schema_version, 2);
    assert_eq!(r.lang, "de");
    let result = r.result.as_ref().expect("a destination gives a result");
    assert_eq!(result.verdict, "authorisation_required");
    assert_eq!(result.verdict_label, "Genehmigungspflichtig");
    assert!(result.grounds.iter().any(|g| g.rule.contains("Art. 3(1)")));
    assert!(!result.checked.is_empty());
    assert_eq!(result.due_diligence.iter().filter(|d| d.done).count(), 2);
    assert_eq!(result.authority.as_ref().unwrap().member_state, "DE");
    // Answers in the questionnaire's order, with the question and the answer as shown.
    let order: Vec<usize> = r
        .answers
        .iter()
        .map(|a| ds.questions.iter().position(|q| q.id == a.id).unwrap())
        .collect();
    assert!(order.windows(2).all(|w| w[0] < w[1]), "{order:?}");
    assert_eq!(r.answers.len(), s.answers.len());
    let unknown = r.answers.iter().find(|a| a.id == "mob_operator").unwrap();
    assert_eq!(unknown.answer, "weiß nicht");
    assert!(r
        .answers
        .iter()
        .all(|a| !a.question.is_empty() && a.question != a.id));
    // Candidates: the settled ones and the one left open.
    let open: Vec<&str> = r
        .candidates
        .iter()
        .filter(|c| c.state == "open")
        .map(|c| c.code.as_str())
        .collect();
    assert_eq!(open, ["5E001"]);
    assert!(r.entries.iter().any(|e| e.code == "5A001.f.2" && !e.open));
    // The sources' as-of dates.
    let annex = r.sources.iter().find(|x| x.source == "annex-i").unwrap();
    assert_eq!(annex.as_of, "2025-11-15");
    for source in ["ugea", "sanctions", "embargoes", "authorities"] {
        assert!(
            r.sources
                .iter()
                .any(|x| x.source == source && !x.as_of.is_empty()),
            "{source}"
        );
    }
    // It round-trips as JSON.
    let json = serde_json::to_string(&r).unwrap();
    assert!(json.contains("\"verdictLabel\"") && json.contains("\"annexIV\""));
    assert_eq!(serde_json::from_str::<Record>(&json).unwrap(), r);
}

/// A record saved as schema version 1 (before the evidence fields) still loads.
#[test]
fn a_saved_v1_record_still_loads() {
    let ds = dataset();
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/record-v1.json"
    ))
    .unwrap();
    let r: Record = serde_json::from_str(&text).unwrap();
    assert_eq!(r.schema_version, 1);
    assert!(r.result.is_none() && r.answers.is_empty());
    assert_eq!(r.session.picked, ["5A001.f.2"]);
    assert!(r.session.candidates.is_empty());
    let changes = check_record(ds, &r).unwrap();
    // Its digest is a placeholder: the widget says the text changed, and still loads it.
    assert!(
        changes.iter().any(|c| c.contains("5A001.f.2")),
        "{changes:?}"
    );
    let a = dualuse_core::assess::assess(ds, &r.session.assess_input()).unwrap();
    assert!(markdown(ds, &r, Some(&a), "en").contains("Tactical IMSI catcher X-200"));
    // A newer schema than this tool reads is refused, naming it.
    let mut newer = r.clone();
    newer.schema_version = 3;
    assert!(check_record(ds, &newer).unwrap_err().contains('3'));
}

#[test]
fn an_answer_the_changed_questions_no_longer_accept_is_dropped_and_named() {
    let ds = dualuse_screener::dataset();
    let q = ds
        .questions
        .iter()
        .find(|q| !q.choices.is_empty())
        .expect("a choice question");
    let mut session = dualuse_core::session::Session::default();
    session.to = "US".into();
    session.answers.insert(
        q.id.clone(),
        dualuse_core::session::AnswerValue::Text("a-choice-that-no-longer-exists".into()),
    );
    session.answers.insert(
        q.id.clone() + "-gone",
        dualuse_core::session::AnswerValue::Bool(true),
    );
    let link = dualuse_core::session::encode_link(&session);
    let back = dualuse_core::session::decode_link(ds, &link).expect("the session still opens");
    assert!(back.answers.is_empty(), "{:?}", back.answers);
    let mut again = session.clone();
    let dropped = again.drop_outdated_answers(ds);
    assert_eq!(dropped.len(), 2, "{dropped:?}");
    assert!(dropped.iter().any(|m| m.contains(&q.id)), "{dropped:?}");
}
