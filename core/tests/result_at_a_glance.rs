//! Issue 13, "read the result at a glance": grounds say their rule once (in every language),
//! the questions a result still asks are named, each general authorisation carries its duties,
//! and the not-listed guidance and false-friend cautions exist in German and French.

use std::collections::BTreeMap;
use std::path::Path;

use dualuse_core::assess::{assess, AssessInput, Verdict};
use dualuse_core::compile::{compile, read_data_dir};
use dualuse_core::messages::{ground_line, ground_text, Msg, Piece};
use dualuse_core::questions::Answer;
use dualuse_core::search::{data_notices_for, notices, notices_in, search, Notice};
use dualuse_core::Dataset;

fn files() -> Vec<(String, String)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../data");
    read_data_dir(&dir).expect("data/ is readable")
}

fn dataset() -> Dataset {
    let c = compile(&files());
    assert!(c.errors.is_empty(), "{:?}", c.errors);
    c.dataset.expect("the data compiles")
}

fn input(entries: &[&str], from: &str, to: &str) -> AssessInput {
    AssessInput {
        entries: entries.iter().map(|s| s.to_string()).collect(),
        from: from.into(),
        to: to.into(),
        ..AssessInput::default()
    }
}

fn text(g: &dualuse_core::messages::GroundText) -> String {
    g.pieces
        .iter()
        .map(|p| match p {
            Piece::Text(s) | Piece::Legal(s) => s.as_str(),
        })
        .collect()
}

#[test]
fn art_3_1_is_said_once_in_every_language() {
    let ds = dataset();
    let a = assess(&ds, &input(&["5A001.f"], "DE", "CN")).expect("assess");
    let g = a
        .grounds
        .iter()
        .find(|g| g.rule == "Art. 3(1)" && g.msg.id == "g.art3")
        .expect("the Art. 3(1) ground");
    for lang in ["en", "de", "fr"] {
        let gt = ground_text(&ds, lang, &g.rule, &g.msg);
        assert_eq!(gt.rule, None, "{lang}: no separate label");
        assert!(gt.lead, "{lang}: the text leads with the citation");
        assert!(
            matches!(&gt.pieces[0], Piece::Legal(s) if s.starts_with("Art. 3(1) of Regulation (EU) 2021/821; Annex I 5A001.f")),
            "{lang}: {:?}",
            gt.pieces
        );
        let line = ground_line(&ds, lang, &g.rule, &g.msg);
        assert_eq!(line.matches("Art. 3(1)").count(), 1, "{lang}: {line}");
    }
    assert_eq!(
        ground_line(&ds, "en", &g.rule, &g.msg),
        "Art. 3(1) of Regulation (EU) 2021/821; Annex I 5A001.f: the export of listed dual-use items requires an authorisation."
    );
}

#[test]
fn a_bracketed_citation_of_the_rule_goes_and_the_label_stays() {
    let ds = dataset();
    // Art. 4(2): "... notify your competent authority, which decides ... (Art. 4(2))."
    let mut i = input(&[], "DE", "CN");
    i.concerns.wmd = true;
    let a = assess(&ds, &i).expect("assess");
    let g = a
        .grounds
        .iter()
        .find(|g| g.msg.id == "g.art4_aware")
        .expect("the Art. 4(2) ground");
    assert!(
        g.text.contains("(Art. 4(2))"),
        "the API text keeps it: {}",
        g.text
    );
    for lang in ["en", "de", "fr"] {
        let gt = ground_text(&ds, lang, &g.rule, &g.msg);
        assert_eq!(gt.rule.as_deref(), Some("Art. 4(2)"), "{lang}");
        let t = text(&gt);
        assert!(!t.to_lowercase().contains("art. 4(2)"), "{lang}: {t}");
        assert!(t.ends_with('.') && !t.contains(" ."), "{lang}: {t}");
    }
    // Informed: "(Art. 4(1)(a) of Regulation (EU) 2021/821)" is the rule's citation.
    i.informed_by_authority = true;
    let a = assess(&ds, &i).expect("assess");
    let g = a
        .grounds
        .iter()
        .find(|g| g.msg.id == "g.art4_informed")
        .expect("the Art. 4(1)(a) ground");
    let line = ground_line(&ds, "de", &g.rule, &g.msg);
    assert_eq!(line.matches("4(1)(a)").count(), 1, "{line}");
    assert!(line.starts_with("Art. 4(1)(a): "), "{line}");
    // Annex IV, in French "(art. 11(1) du règlement (UE) 2021/821 ; annexe IV)": nested
    // brackets and the lower-case "art.".
    let a = assess(&ds, &input(&["5A004.a"], "DE", "FR")).expect("assess");
    let g = a
        .grounds
        .iter()
        .find(|g| g.msg.id == "g.annex_iv")
        .expect("the Annex IV ground");
    for lang in ["en", "de", "fr"] {
        let line = ground_line(&ds, lang, &g.rule, &g.msg);
        assert_eq!(
            line.to_lowercase().matches("art. 11(1)").count(),
            1,
            "{lang}: {line}"
        );
        assert!(!line.contains("2021/821"), "{lang}: {line}");
    }
}

#[test]
fn a_longer_citation_is_not_taken_for_the_rule() {
    let ds = dataset();
    // Rule "Art. 4(1)" must not cut "(Art. 4(1)(b))", nor "Art. 5" cut "(Art. 5(1))".
    let msg = Msg::new("g.listed_military_no_embargo");
    let line = ground_line(&ds, "en", "Art. 4(1)", &msg);
    assert!(line.contains("(Art. 4(1)(b))"), "{line}");
    let msg = Msg::new("g.art5_informed");
    let line = ground_line(&ds, "en", "Art. 5", &msg);
    assert!(line.contains("(Art. 5(1))"), "{line}");
    // Labels that are not citations are translated.
    let msg = Msg::new("g.released")
        .plain("code", "5A002.a")
        .cite("note", "Note 2");
    assert!(ground_line(&ds, "de", "released", &msg).starts_with("freigestellt: "));
}

#[test]
fn every_ground_of_many_screenings_names_its_rule_once() {
    let ds = dataset();
    let mut checked = 0;
    for (entries, to) in [
        (vec!["5A001.f"], "CN"),
        (vec!["5A002.a"], "US"),
        (vec!["5A002.a"], "RU"),
        (vec!["5A004.a"], "FR"),
        (vec![], "IR"),
        (vec![], "SY"),
        (vec!["5A001.j"], "EG"),
    ] {
        for informed in [false, true] {
            let mut i = input(&entries, "DE", to);
            i.informed_by_authority = informed;
            i.concerns.wmd = true;
            i.concerns.human_rights = true;
            i.cyber_surveillance = true;
            let a = assess(&ds, &i).expect("assess");
            for g in &a.grounds {
                if g.rule == "open" || g.rule == "released" {
                    continue;
                }
                for lang in ["en", "de", "fr"] {
                    let gt = ground_text(&ds, lang, &g.rule, &g.msg);
                    let t = text(&gt).to_lowercase();
                    let rule = g.rule.to_lowercase();
                    let times = t.matches(&rule).count() + usize::from(gt.rule.is_some());
                    // Said at least once, and the label never repeats a bracketed citation.
                    assert!(times >= 1, "{lang}: {} / {t}", g.rule);
                    if gt.rule.is_some() {
                        assert!(
                            !t.contains(&format!("({rule})")),
                            "{lang}: `{}` twice: {t}",
                            g.rule
                        );
                    }
                    checked += 1;
                }
            }
        }
    }
    assert!(checked > 50, "{checked}");
}

#[test]
fn the_questions_still_open_are_those_the_grounds_name() {
    let ds = dataset();
    // The cyber-surveillance definition half answered: the rest of its questions are open.
    let mut i = input(&[], "DE", "CN");
    i.answers = BTreeMap::from([("cs_designed".to_string(), Answer::Yes)]);
    let a = assess(&ds, &i).expect("assess");
    let open = a.open_questions();
    assert!(!open.is_empty(), "{:?}", a.grounds);
    assert!(!open.contains(&"cs_designed".to_string()), "{open:?}");
    for id in &open {
        let q = ds
            .questions
            .iter()
            .find(|q| &q.id == id)
            .expect("a question");
        assert_eq!(q.topic, "cyber", "{id}");
    }
    // Answered all yes: nothing left to ask.
    for id in &open {
        i.answers.insert(id.clone(), Answer::Yes);
    }
    let a = assess(&ds, &i).expect("assess");
    assert!(a.open_questions().is_empty(), "{:?}", a.open_questions());
    // A settled listed entry asks nothing.
    let a = assess(&ds, &input(&["5A002.a"], "DE", "US")).expect("assess");
    assert!(a.open_questions().is_empty());
}

#[test]
fn every_ugea_says_what_using_it_requires() {
    let ds = dataset();
    let duties = |code: &str| {
        ds.ugeas
            .iter()
            .find(|u| u.code == code)
            .unwrap_or_else(|| panic!("{code}"))
            .duties
            .clone()
    };
    for u in &ds.ugeas {
        assert!(
            u.duties.iter().any(|d| d == "customs-declaration"),
            "{}",
            u.code
        );
        assert!(
            u.duties.iter().any(|d| d.starts_with("notify-")),
            "{}: a notification of first use",
            u.code
        );
        assert!(
            u.duties.iter().any(|d| d.starts_with("register")),
            "{}: registration",
            u.code
        );
        assert!(
            u.duties.iter().any(|d| d.starts_with("report-")),
            "{}: reporting",
            u.code
        );
    }
    assert!(duties("EU001").contains(&"register-if-required".to_string()));
    assert!(duties("EU001").contains(&"notify-within-30-days-after".to_string()));
    assert!(duties("EU008").contains(&"register".to_string()));
    assert!(duties("EU008").contains(&"notify-10-days-before".to_string()));
    assert!(duties("EU007").contains(&"icp".to_string()));
    assert!(duties("EU007").contains(&"notify-30-days-before".to_string()));
    assert!(duties("EU003").contains(&"initial-authorisation-reference".to_string()));
    // The HF radio of the browser test: EU001 for 5A001.b.2 from Germany to the US.
    let a = assess(&ds, &input(&["5A001.b.2"], "DE", "US")).expect("assess");
    assert_eq!(a.verdict, Verdict::GeneralAuthorisationAvailable);
    assert_eq!(a.general_authorisations, vec!["EU001".to_string()]);
    // Unknown or missing duties fail the build, naming the file.
    let with = |from: &str, to: &str| -> Vec<String> {
        let mut files = files();
        let f = files
            .iter_mut()
            .find(|(p, _)| p.ends_with("ugea.txt"))
            .expect("ugea.txt");
        assert!(f.1.contains(from));
        f.1 = f.1.replacen(from, to, 1);
        compile(&files)
            .errors
            .iter()
            .map(|e| e.to_string())
            .collect()
    };
    let errors = with(
        "duties: register-if-required",
        "duties: register-when-asked",
    );
    assert!(
        errors
            .iter()
            .any(|e| e.contains("ugea.txt:") && e.contains("unknown duty `register-when-asked`")),
        "{errors:?}"
    );
    let errors = with(
        "duties: register-if-required, notify-within-30-days-after, customs-declaration, report-national\n",
        "",
    );
    assert!(
        errors.iter().any(|e| e.contains("needs `duties:`")),
        "{errors:?}"
    );
}

#[test]
fn false_friend_cautions_exist_in_german_and_french() {
    let ds = dataset();
    let mut n = 0;
    for v in ds.vocabulary.iter().filter(|v| v.false_friend) {
        let Some(en) = v.note.as_deref() else {
            continue;
        };
        for lang in ["de", "fr"] {
            let t = v.note_in(lang).expect("a note");
            assert_ne!(t, en, "line {}: {lang} is the English", v.line);
        }
        n += 1;
    }
    assert!(n > 80, "{n} false friends with notes");
    // A search result's caution and the notice, in the language asked for.
    let hits = search(&ds, "gps jammer", 10);
    let hit = hits
        .iter()
        .find(|h| h.caution.is_some())
        .expect("a caution");
    let v = &ds.vocabulary[hit.caution_term.expect("its line") as usize];
    assert_eq!(v.note_in("en"), hit.caution.as_deref());
    assert!(v.note_in("de").unwrap().contains("Mobilfunk"));
    let de = notices_in(&ds, "gps jammer", "de");
    assert!(
        de.iter()
            .any(|n| n.starts_with("„gps jammer“: 5A001.f.3 erfasst nur")),
        "{de:?}"
    );
    let fr = notices_in(&ds, "gps jammer", "fr");
    assert!(fr.iter().any(|n| n.contains("brouillage")), "{fr:?}");
    // English stays the default of `notices`.
    assert_eq!(
        notices(&ds, "gps jammer"),
        notices_in(&ds, "gps jammer", "en")
    );
    assert!(notices(&ds, "gps jammer")
        .iter()
        .any(|n| n.contains("covers jamming of mobile")));
}

#[test]
fn not_listed_guidance_comes_in_the_language() {
    let ds = dataset();
    let found = data_notices_for(&ds, "facial recognition camera");
    assert!(
        found.iter().any(|n| matches!(n, Notice::NotListed(_))),
        "{found:?}"
    );
    let de = notices_in(&ds, "facial recognition camera", "de");
    assert!(de.iter().any(|n| n.contains("Gesichts")), "{de:?}");
    let fr = notices_in(&ds, "facial recognition camera", "fr");
    assert!(
        fr.iter().any(|n| n.contains("reconnaissance faciale")),
        "{fr:?}"
    );
    // The German terms call it up too.
    let de = notices_in(&ds, "Gesichtserkennung", "de");
    assert!(
        de.iter().any(|n| n.contains("Empfehlung (EU) 2024/2659")),
        "{de:?}"
    );
}

#[test]
fn a_false_friend_without_its_translations_fails_the_build() {
    let with = |edit: &dyn Fn(&str) -> String| -> Vec<String> {
        let mut files = files();
        let f = files
            .iter_mut()
            .find(|(p, _)| p.ends_with("vocabulary.txt"))
            .expect("vocabulary.txt");
        f.1 = edit(&f.1);
        compile(&files)
            .errors
            .iter()
            .map(|e| e.to_string())
            .collect()
    };
    let errors = with(&|s| {
        s.replacen(
            " | fr: le 5A001.f.3 ne vise que le brouillage des services de télécommunications mobiles",
            "",
            1,
        )
    });
    assert!(
        errors
            .iter()
            .any(|e| e.contains("vocabulary.txt:") && e.contains("needs its French")),
        "{errors:?}"
    );
    let errors = with(&|s| s.replacen(" | de: 5A001.f.3 erfasst", " | es: 5A001.f.3 erfasst", 1));
    assert!(
        errors
            .iter()
            .any(|e| e.contains("expected `| de: note` or `| fr: note`")),
        "{errors:?}"
    );
}
