//! Plural rules, number and date formats, language tags, placeholder filling, and the
//! language in the UI reducer.

use dualuse_screener::dataset;
use dualuse_screener::i18n::{
    fill, format_date, format_decimal, format_number, plural, sort_key, t, tf, tp, Lang, Plural,
};
use dualuse_screener::state::{Action, State};

#[test]
fn plural_rules_per_language() {
    for (lang, zero, one, two) in [
        (Lang::En, Plural::Other, Plural::One, Plural::Other),
        (Lang::De, Plural::Other, Plural::One, Plural::Other),
        // French: "one" covers 0 and 1.
        (Lang::Fr, Plural::One, Plural::One, Plural::Other),
    ] {
        assert_eq!(plural(lang, 0), zero, "{lang:?} 0");
        assert_eq!(plural(lang, 1), one, "{lang:?} 1");
        assert_eq!(plural(lang, 2), two, "{lang:?} 2");
        assert_eq!(plural(lang, 1_000), Plural::Other, "{lang:?} 1000");
    }
    assert_eq!(tp(Lang::En, "search.count", 1), "1 entry may apply.");
    assert!(tp(Lang::En, "search.count", 0).starts_with("0 entries"));
    assert!(
        tp(Lang::Fr, "search.count", 0).starts_with("0 poste peut"),
        "{}",
        tp(Lang::Fr, "search.count", 0)
    );
    assert!(tp(Lang::Fr, "search.count", 2).starts_with("2 postes peuvent"));
    assert!(tp(Lang::De, "search.count", 3).starts_with("3 Positionen"));
}

#[test]
fn thousands_separators_per_language() {
    assert_eq!(format_number(Lang::En, 1234), "1,234");
    assert_eq!(format_number(Lang::De, 1234), "1.234");
    assert_eq!(format_number(Lang::Fr, 1234), "1\u{202F}234");
    assert_eq!(format_number(Lang::En, 1_234_567), "1,234,567");
    assert_eq!(format_number(Lang::De, -1_234_567), "-1.234.567");
    assert_eq!(format_number(Lang::Fr, 999), "999");
    assert_eq!(format_number(Lang::En, 0), "0");
    assert_eq!(format_decimal(Lang::En, 1234.5), "1,234.5");
    assert_eq!(format_decimal(Lang::De, 1234.5), "1.234,5");
    assert_eq!(format_decimal(Lang::Fr, 0.25), "0,25");
    assert_eq!(format_decimal(Lang::De, 256.0), "256");
    // Counts in plural messages use them.
    assert!(tp(Lang::De, "app.dataset_count", 1234).contains("1.234 Positionen"));
    assert!(tp(Lang::Fr, "app.dataset_count", 1234).contains("1\u{202F}234 postes"));
    assert!(tp(Lang::En, "app.dataset_count", 1234).contains("1,234 Annex I entries"));
}

#[test]
fn dates_per_language() {
    assert_eq!(format_date(Lang::En, "2025-11-15"), "15 November 2025");
    assert_eq!(format_date(Lang::De, "2025-11-05"), "05.11.2025");
    assert_eq!(format_date(Lang::Fr, "2025-11-15"), "15 novembre 2025");
    assert_eq!(format_date(Lang::Fr, "2025-08-01"), "1er août 2025");
    assert_eq!(format_date(Lang::De, "not a date"), "not a date");
}

#[test]
fn language_tags() {
    assert_eq!(Lang::parse("de"), Some(Lang::De));
    assert_eq!(Lang::parse("de-AT"), Some(Lang::De));
    assert_eq!(Lang::parse("FR_ch"), Some(Lang::Fr));
    assert_eq!(Lang::parse(" en-GB "), Some(Lang::En));
    assert_eq!(Lang::parse("es"), None);
    assert_eq!(Lang::parse(""), None);
    assert_eq!(Lang::ALL.map(Lang::code), ["en", "de", "fr"]);
}

#[test]
fn lookups_fill_and_fall_back() {
    assert_eq!(t(Lang::En, "entry.pick"), "My item falls under this entry");
    assert_eq!(
        t(Lang::De, "entry.pick"),
        "Mein Gut fällt unter diese Position"
    );
    assert_eq!(
        tf(Lang::De, "picked.remove_label", &[("code", "5A002")]),
        "5A002 entfernen"
    );
    assert_eq!(fill("{a} and {b}", &[("a", "x")]), "x and {b}");
    assert_eq!(t(Lang::Fr, "no.such.key"), "\u{2047}");
    // The authorities' terms are there.
    assert!(t(Lang::De, "app.title").contains("Gütern mit doppeltem Verwendungszweck"));
    assert!(t(Lang::De, "next.general_authorisation_available")
        .contains("Allgemeinen Ausfuhrgenehmigung der Union"));
    assert!(t(Lang::De, "app.indicative").contains("Bundesamt für Wirtschaft und Ausfuhrkontrolle"));
    assert!(t(Lang::Fr, "app.title").contains("biens à double usage"));
    assert!(
        t(Lang::Fr, "verdict.authorisation_required.text").contains("autorisation d'exportation")
    );
    assert!(t(Lang::Fr, "verdict.general_authorisation_available.title")
        .contains("autorisation générale d'exportation de l'Union"));
}

#[test]
fn countries_sort_by_their_name_in_the_language() {
    let mut names = vec!["Zypern", "Österreich", "Oman", "Ägypten", "Albanien"];
    names.sort_by_key(|n| sort_key(n));
    assert_eq!(
        names,
        ["Ägypten", "Albanien", "Oman", "Österreich", "Zypern"]
    );
    let ds = dataset();
    assert!(ds
        .countries
        .iter()
        .all(|c| !c.name_de.is_empty() && !c.name_fr.is_empty()));
}

#[test]
fn the_language_is_state_and_survives_restart() {
    let s = State::new("DE").with_lang(Lang::Fr);
    assert_eq!(s.lang, Lang::Fr);
    let s = s.apply(dataset(), Action::SetLang(Lang::De));
    assert_eq!(s.lang, Lang::De);
    let s = s
        .apply(dataset(), Action::Query("imsi catcher".into()))
        .apply(dataset(), Action::Restart);
    assert_eq!(
        (s.lang, s.from.as_str(), s.query.as_str()),
        (Lang::De, "DE", "")
    );
    assert_eq!(State::new("FR").lang, Lang::En);
}
