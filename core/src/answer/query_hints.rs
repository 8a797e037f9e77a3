//! Help for what the search cannot use as it stands: a number without its unit, a customs
//! tariff code (HS/CN), a US classification (EAR99, an ECCN of the 9x range), a CAS number
//! that no entry names. Each gets one line in English, German or French saying what it is
//! and what to do instead. The search itself uses [`cas_numbers`] (a CAS number finds the
//! entry that names it) and [`is_bare_number`] (a number scores only beside its unit or
//! context word).

use crate::model::Dataset;
use crate::text::{tokenize, Token};

/// What a query holds that the search cannot use as it stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum QueryHint {
    /// A number with no word beside it ("500"): it matches nothing on its own.
    BareNumber(String),
    /// A customs tariff code: HS (6 digits), CN (8) or TARIC (10), as typed.
    TariffCode(String),
    /// The US "EAR99".
    Ear99,
    /// A US ECCN of the 9x range ("5A992"), which Annex I does not have.
    UsEccn9x(String),
    /// A CAS number that no Annex I entry names.
    CasNotNamed(String),
}

/// Chapters of the Harmonized System run from 01 to 97.
fn hs_chapter(digits: &str) -> bool {
    digits
        .get(..2)
        .and_then(|c| c.parse::<u8>().ok())
        .is_some_and(|c| (1..=97).contains(&c))
}

fn digits_only(w: &str) -> bool {
    !w.is_empty() && w.bytes().all(|b| b.is_ascii_digit())
}

fn has_letter(w: &str) -> bool {
    w.chars().any(char::is_alphabetic)
}

/// The CAS registry numbers in `text` ("111-48-8"), with a valid check digit.
pub fn cas_numbers(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let b = text.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if !b[i].is_ascii_digit()
            || (i > 0 && (b[i - 1].is_ascii_alphanumeric() || b[i - 1] == b'-'))
        {
            i += 1;
            continue;
        }
        let start = i;
        let run = |from: usize| b[from..].iter().take_while(|c| c.is_ascii_digit()).count();
        let first = run(start);
        let mut end = start + first;
        let ok = (2..=7).contains(&first)
            && b.get(end) == Some(&b'-')
            && run(end + 1) == 2
            && b.get(end + 3) == Some(&b'-')
            && run(end + 4) == 1
            && !b
                .get(end + 5)
                .is_some_and(|c| c.is_ascii_alphanumeric() || *c == b'-');
        if ok {
            end += 5;
            let cas = &text[start..end];
            if cas_check_digit_ok(cas) && !out.iter().any(|c| c == cas) {
                out.push(cas.to_string());
            }
        }
        i = end.max(i + 1);
    }
    out
}

/// The last digit is the sum of the others, each times its place counted from the right,
/// modulo 10.
fn cas_check_digit_ok(cas: &str) -> bool {
    let digits: Vec<u32> = cas.chars().filter_map(|c| c.to_digit(10)).collect();
    let Some((check, rest)) = digits.split_last() else {
        return false;
    };
    let sum: u32 = rest
        .iter()
        .rev()
        .enumerate()
        .map(|(i, d)| (i as u32 + 1) * d)
        .sum();
    sum % 10 == *check
}

/// The Annex I nodes whose text or notes name this CAS number, in list order.
pub fn nodes_naming_cas(ds: &Dataset, cas: &str) -> Vec<u32> {
    let named = |text: &str| cas_numbers(text).iter().any(|c| c == cas);
    ds.nodes
        .iter()
        .enumerate()
        .filter(|(_, n)| {
            named(&n.text)
                || n.notes
                    .iter()
                    .any(|note| named(&crate::model::lines_to_plain(&note.lines)))
        })
        .map(|(i, _)| i as u32)
        .collect()
}

/// Words that say the number next to them is a tariff code.
const TARIFF_WORDS: &[&str] = &[
    "hs",
    "cn",
    "taric",
    "tariff",
    "customs",
    "zolltarif",
    "zolltarifnummer",
    "warennummer",
    "kn",
    "nc",
    "sh",
    "douane",
    "douanier",
    "nomenclature",
];

/// A tariff code in the tokens starting at `i`: 6, 8 or 10 digits in one token, or a
/// heading of 4 digits followed by groups of 2 ("8471 30", "8471.30.00"), or 4 digits after a
/// tariff word ("HS 8471"). Returns the code as typed and how many tokens it takes.
fn tariff_at(text: &str, tokens: &[Token], i: usize) -> Option<(String, usize)> {
    let w = tokens[i].word.as_str();
    if !digits_only(w) || !hs_chapter(w) {
        return None;
    }
    if [6, 8, 10].contains(&w.len()) {
        return Some((w.to_string(), 1));
    }
    if w.len() != 4 {
        return None;
    }
    let mut n = 1;
    while n < 4
        && tokens.get(i + n).is_some_and(|t| {
            t.word.len() == 2
                && digits_only(&t.word)
                && text[tokens[i + n - 1].end..t.start]
                    .chars()
                    .all(|c| c == ' ' || c == '.')
        })
    {
        n += 1;
    }
    let after_word = i > 0 && TARIFF_WORDS.contains(&tokens[i - 1].word.as_str());
    (n > 1 || after_word).then(|| (text[tokens[i].start..tokens[i + n - 1].end].to_string(), n))
}

/// Whether the token at `i` is a number with no word beside it (a neighbour that holds a
/// letter), so it cannot be matched as a value with its unit or context.
pub fn is_bare_number(words: &[String], i: usize) -> bool {
    digits_only(&words[i])
        && !(i > 0 && has_letter(&words[i - 1]))
        && !words.get(i + 1).is_some_and(|w| has_letter(w))
}

/// What the query holds that the search cannot use, each once, in the order typed.
pub fn query_hints(ds: &Dataset, query: &str) -> Vec<QueryHint> {
    let query: String = query.chars().take(256).collect();
    let mut out: Vec<QueryHint> = Vec::new();
    let push = |h: QueryHint, out: &mut Vec<QueryHint>| {
        if !out.contains(&h) {
            out.push(h);
        }
    };
    let cas = cas_numbers(&query);
    for c in &cas {
        if nodes_naming_cas(ds, c).is_empty() {
            push(QueryHint::CasNotNamed(c.clone()), &mut out);
        }
    }
    // The search reads the query without its CAS numbers; so do the hints.
    let mut rest = query.clone();
    for c in &cas {
        rest = rest.replace(c.as_str(), " ");
    }
    let tokens = tokenize(&rest);
    let words: Vec<String> = tokens.iter().map(|t| t.word.clone()).collect();
    let mut i = 0;
    while i < tokens.len() {
        let w = words[i].as_str();
        if let Some((code, n)) = tariff_at(&rest, &tokens, i) {
            push(QueryHint::TariffCode(code), &mut out);
            i += n;
            continue;
        }
        if w == "ear99" {
            push(QueryHint::Ear99, &mut out);
        } else if is_eccn_9x(w) {
            push(QueryHint::UsEccn9x(w.to_ascii_uppercase()), &mut out);
        } else if is_bare_number(&words, i) {
            push(QueryHint::BareNumber(w.to_string()), &mut out);
        }
        i += 1;
    }
    out
}

/// "5a992", "5d992", "3a991", "0a998": a digit, a group letter A to E, then 9 and two
/// digits. Annex I numbers its entries below 900 in every group, so none is an EU code.
fn is_eccn_9x(w: &str) -> bool {
    let b = w.as_bytes();
    b.len() == 5
        && b[0].is_ascii_digit()
        && (b'a'..=b'e').contains(&b[1])
        && b[2] == b'9'
        && b[3..].iter().all(u8::is_ascii_digit)
}

impl QueryHint {
    /// A short name of the kind: `number`, `tariff`, `ear99`, `eccn9x`, `cas`.
    pub fn kind(&self) -> &'static str {
        match self {
            QueryHint::BareNumber(_) => "number",
            QueryHint::TariffCode(_) => "tariff",
            QueryHint::Ear99 => "ear99",
            QueryHint::UsEccn9x(_) => "eccn9x",
            QueryHint::CasNotNamed(_) => "cas",
        }
    }

    /// The one line shown for the hint, in `lang` ("en", "de", "fr"; others give English).
    pub fn text(&self, lang: &str) -> String {
        let lang = match lang {
            "de" | "fr" => lang,
            _ => "en",
        };
        match self {
            QueryHint::BareNumber(n) => match lang {
                "de" => format!("Eine Zahl allein findet nichts: Geben Sie sie mit ihrer Einheit oder dem Wort daneben ein, z. B. „{n} W“, „{n} MHz“ oder „{n} bit“."),
                "fr" => format!("Un nombre seul ne trouve rien : saisissez-le avec son unité ou le mot qui l'accompagne, par exemple « {n} W », « {n} MHz » ou « {n} bit »."),
                _ => format!("A number alone matches nothing: type it with its unit or the word beside it, such as \"{n} W\", \"{n} MHz\" or \"{n} bit\"."),
            },
            QueryHint::TariffCode(c) => match lang {
                "de" => format!("„{c}“ sieht aus wie eine Zolltarifnummer (HS/KN). Sie entscheidet nicht über die Dual-Use-Kontrolle: Anhang I erfasst Güter nach ihren technischen Merkmalen. Beschreiben Sie das Gut oder geben Sie eine Nummer aus Anhang I ein, etwa 5A002."),
                "fr" => format!("« {c} » ressemble à un code de la nomenclature douanière (SH/NC). Il ne décide pas du contrôle des biens à double usage : l'annexe I désigne les biens par leurs caractéristiques techniques. Décrivez le bien ou saisissez un code de l'annexe I, par exemple 5A002."),
                _ => format!("\"{c}\" looks like a customs tariff code (HS/CN). It does not decide dual-use control: Annex I lists items by their technical characteristics. Describe the item or type an Annex I code such as 5A002."),
            },
            QueryHint::Ear99 => match lang {
                "de" => "EAR99 ist eine US-Einstufung: Das Gut unterliegt den US Export Administration Regulations, steht aber auf keiner Nummer der US Commerce Control List. Über die EU-Liste sagt sie nichts: Beschreiben Sie das Gut oder geben Sie eine Nummer aus Anhang I ein.".into(),
                "fr" => "EAR99 est une classification américaine : le bien relève des Export Administration Regulations des États-Unis mais d'aucune rubrique de la Commerce Control List. Elle ne dit pas si la liste de l'UE le contrôle : décrivez le bien ou saisissez un code de l'annexe I.".into(),
                _ => "EAR99 is a US classification: the item is subject to the US Export Administration Regulations but on no entry of the US Commerce Control List. It does not tell whether the EU list controls it: describe the item or type an Annex I code.".into(),
            },
            QueryHint::UsEccn9x(e) => {
                let group = &e[..2];
                // 5A992, 5D992, 5E992: US mass-market encryption; in the EU 5A002/5D002/5E002
                // and the Cryptography Note decide.
                let crypto = e.starts_with('5') && &e[2..] == "992";
                let eu = format!("{group}002");
                match (lang, crypto) {
                    ("de", true) => format!("{e} ist eine US-ECCN der 9x-Gruppe (in den USA nur zur Terrorismusbekämpfung kontrolliert); Anhang I kennt keine solche Nummer. Prüfen Sie das Gut anhand von {eu} und der Kryptotechnik-Anmerkung (Anmerkung 3 zu Kategorie 5 Teil 2)."),
                    ("de", false) => format!("{e} ist eine US-ECCN der 9x-Gruppe (in den USA nur zur Terrorismusbekämpfung kontrolliert); Anhang I kennt keine solche Nummer. Prüfen Sie das Gut anhand der EU-Nummern derselben Kategorie und Gattung ({group}…)."),
                    ("fr", true) => format!("{e} est un ECCN américain de la série 9x (contrôlé par les États-Unis pour la seule lutte contre le terrorisme) ; l'annexe I n'a pas de telle rubrique. Classez le bien d'après {eu} et la note sur la cryptographie (note 3 de la catégorie 5, partie 2)."),
                    ("fr", false) => format!("{e} est un ECCN américain de la série 9x (contrôlé par les États-Unis pour la seule lutte contre le terrorisme) ; l'annexe I n'a pas de telle rubrique. Classez le bien d'après les rubriques de l'UE de la même catégorie et du même groupe ({group}…)."),
                    (_, true) => format!("{e} is a US ECCN of the 9x range (controlled by the US for anti-terrorism reasons only); Annex I has no such entry. Classify the item against {eu} and the Cryptography Note (Note 3 to Category 5 Part 2)."),
                    (_, false) => format!("{e} is a US ECCN of the 9x range (controlled by the US for anti-terrorism reasons only); Annex I has no such entry. Classify the item against the EU entries of the same category and group ({group}…)."),
                }
            }
            QueryHint::CasNotNamed(c) => match lang {
                "de" => format!("Keine Nummer in Anhang I nennt CAS {c}. Suchen Sie auch nach dem Namen des Stoffs und prüfen Sie, ob ein gelisteter Ausgangsstoff oder ein Gemisch erfasst ist (1C350, 1C450)."),
                "fr" => format!("Aucune rubrique de l'annexe I ne cite le CAS {c}. Cherchez aussi le nom du produit chimique et vérifiez si un précurseur ou un mélange listé s'applique (1C350, 1C450)."),
                _ => format!("No Annex I entry names CAS {c}. Search by the chemical's name as well, and check whether a listed precursor or mixture applies (1C350, 1C450)."),
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cas_numbers_need_their_shape_and_check_digit() {
        assert_eq!(
            cas_numbers("Thiodiglycol (CAS 111-48-8);"),
            vec!["111-48-8"]
        );
        assert_eq!(
            cas_numbers("(CAS 25497-30-7, 124-73-2, 27336-23-8)"),
            vec!["25497-30-7", "124-73-2", "27336-23-8"]
        );
        // A wrong check digit, a date, a longer run: not CAS numbers.
        assert!(cas_numbers("111-48-9").is_empty());
        assert!(cas_numbers("2025-09-15").is_empty());
        assert!(cas_numbers("1-11-48-8").is_empty());
        assert!(cas_numbers("111-48-8-1").is_empty());
    }

    #[test]
    fn bare_numbers_are_those_without_a_word_beside_them() {
        let w = |s: &str| tokenize(s).into_iter().map(|t| t.word).collect::<Vec<_>>();
        assert!(is_bare_number(&w("500"), 0));
        assert!(!is_bare_number(&w("500 W laser"), 0));
        assert!(!is_bare_number(&w("aes 256"), 1));
        assert!(is_bare_number(&w("8471 30"), 1));
    }

    #[test]
    fn tariff_codes_take_their_usual_shapes() {
        let find = |q: &str| {
            let t = tokenize(q);
            (0..t.len()).find_map(|i| tariff_at(q, &t, i)).map(|x| x.0)
        };
        assert_eq!(find("8471 30").as_deref(), Some("8471 30"));
        assert_eq!(find("8471.30.00").as_deref(), Some("8471.30.00"));
        assert_eq!(find("84713000").as_deref(), Some("84713000"));
        assert_eq!(find("HS 8471").as_deref(), Some("8471"));
        assert_eq!(
            find("8471").as_deref(),
            None,
            "four digits alone may be a value"
        );
        assert_eq!(find("5 000 ppm"), None);
        assert_eq!(find("99999999"), None, "no chapter 99");
    }

    #[test]
    fn eccns_of_the_9x_range_are_not_eu_codes() {
        assert!(is_eccn_9x("5a992"));
        assert!(is_eccn_9x("5d992"));
        assert!(is_eccn_9x("3a991"));
        assert!(!is_eccn_9x("5a002"));
        assert!(!is_eccn_9x("5a9921"));
    }

    #[test]
    fn every_hint_reads_in_three_languages() {
        for h in [
            QueryHint::BareNumber("500".into()),
            QueryHint::TariffCode("8471 30".into()),
            QueryHint::Ear99,
            QueryHint::UsEccn9x("5A992".into()),
            QueryHint::UsEccn9x("4A994".into()),
            QueryHint::CasNotNamed("64-17-5".into()),
        ] {
            let [en, de, fr] = ["en", "de", "fr"].map(|l| h.text(l));
            assert!(en != de && de != fr && en != fr, "{h:?}");
            assert_eq!(h.text("es"), en);
        }
    }
}
