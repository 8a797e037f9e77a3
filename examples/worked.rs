//! Print worked screening examples (for the issue notes and the handbook): `cargo run --example worked`.
use dualuse_core::assess::{assess, AssessInput, Concerns};
use dualuse_core::questions::Answer;

fn show(title: &str, input: AssessInput) {
    let ds = dualuse_screener::dataset();
    let a = assess(ds, &input).expect("valid input");
    println!(
        "### {title}\nverdict: {}\nUGEAs: {:?}\nentries: {:?}",
        a.verdict.as_str(),
        a.general_authorisations,
        a.entries.iter().map(|e| &e.code).collect::<Vec<_>>()
    );
    for g in &a.grounds {
        println!("- [{}] {}", g.rule, g.text);
    }
    if !a.due_diligence.is_empty() {
        println!("due diligence: {} steps", a.due_diligence.len());
    }
    println!("authority: {:?}\n", a.authority.map(|x| x.name));
}

fn main() {
    let ds = dualuse_screener::dataset();
    println!(
        "index bytes: {} of blob {}",
        postcard::to_allocvec(ds.index())
            .map(|v| v.len())
            .unwrap_or(0),
        dualuse_screener::dataset_blob_len()
    );
    let answers = |pairs: &[(&str, Answer)]| {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.clone()))
            .collect()
    };
    show(
        "IMSI catcher to a non-EU001 country (Egypt), from Germany",
        AssessInput {
            from: "DE".into(),
            to: "EG".into(),
            answers: answers(&[
                ("it_form", Answer::Choice("equipment".into())),
                ("mob_mobile", Answer::Yes),
                ("mob_content", Answer::No),
                ("mob_identifiers", Answer::Yes),
                ("mob_pmr_wlan", Answer::No),
                ("mob_operator", Answer::No),
                ("mob_dev_production", Answer::No),
            ]),
            ..Default::default()
        },
    );
    show(
        "Mass-market VPN app (AES-256), sold in app stores, to Brazil, from France",
        AssessInput {
            from: "FR".into(),
            to: "BR".into(),
            export_form: dualuse_core::assess::ExportForm::Electronic,
            answers: answers(&[
                ("it_form", Answer::Choice("software".into())),
                ("cr_dev_software", Answer::No),
                ("cr_confidentiality", Answer::Yes),
                ("cr_only_excluded", Answer::No),
                ("cr_symmetric_bits", Answer::Number(256.0)),
                ("cr_asymmetric", Answer::Choice("ecc".into())),
                ("cr_asymmetric_bits", Answer::Number(256.0)),
                ("cr_dormant", Answer::No),
                ("cr_function", Answer::Choice("security".into())),
                ("cr_retail", Answer::Yes),
                ("cr_user_fixed", Answer::Yes),
                ("cr_self_install", Answer::Yes),
                ("cr_details", Answer::Yes),
            ]),
            ..Default::default()
        },
    );
    show("Facial recognition system for a city police force, human-rights concern, to Egypt, from the Netherlands", AssessInput {
        from: "NL".into(), to: "EG".into(),
        concerns: Concerns { human_rights: true, ..Default::default() },
        answers: answers(&[("cs_designed", Answer::Yes), ("cs_covert", Answer::Yes), ("cs_persons", Answer::Yes), ("cs_ict", Answer::Yes)]),
        ..Default::default()
    });
}
