//! The UI's words in English, German and French.
//!
//! One file per language in `i18n/` (`en.txt`, `de.txt`, `fr.txt`), embedded with
//! `include_str!` and parsed once on first use: `key = value` lines, `#` comments, `{name}`
//! placeholders, plural forms as `key.one` / `key.other`. Compiled on every target, so the
//! catalogues, plural rules and number formats are tested natively (tests/i18n.rs,
//! tests/i18n_keys.rs). The legal text and the grounds the core writes stay English; the UI
//! says so in German and French.

use std::collections::HashMap;
use std::sync::OnceLock;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, PartialOrd, Ord)]
pub enum Lang {
    #[default]
    En,
    De,
    Fr,
}

impl Lang {
    pub const ALL: [Lang; 3] = [Lang::En, Lang::De, Lang::Fr];

    /// The BCP 47 code: "en", "de", "fr".
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::De => "de",
            Lang::Fr => "fr",
        }
    }

    /// The language's name in itself, for the language switch.
    pub fn native_name(self) -> &'static str {
        match self {
            Lang::En => "English",
            Lang::De => "Deutsch",
            Lang::Fr => "Français",
        }
    }

    /// "de", "DE", "de-AT", "fr_CH" ...; `None` for any other language.
    pub fn parse(tag: &str) -> Option<Lang> {
        let primary = tag.trim().split(['-', '_']).next()?.to_ascii_lowercase();
        Lang::ALL.into_iter().find(|l| l.code() == primary)
    }

    /// The translation file's text.
    pub fn source(self) -> &'static str {
        match self {
            Lang::En => include_str!("../i18n/en.txt"),
            Lang::De => include_str!("../i18n/de.txt"),
            Lang::Fr => include_str!("../i18n/fr.txt"),
        }
    }
}

/// Parse a translation file: `(key, value, line)` in file order, or `line: what is wrong`
/// (the same format as the core's message catalogues, so one parser reads both).
pub use dualuse_core::messages::parse_catalog;

fn catalog(lang: Lang) -> &'static HashMap<&'static str, &'static str> {
    static CATALOGS: [OnceLock<HashMap<&'static str, &'static str>>; 3] =
        [OnceLock::new(), OnceLock::new(), OnceLock::new()];
    CATALOGS[lang as usize].get_or_init(|| {
        // A malformed file is caught by tests/i18n_keys.rs; at run time keep what parses.
        lang.source()
            .lines()
            .filter_map(|l| {
                let l = l.trim();
                (!l.starts_with('#'))
                    .then(|| l.split_once(" = "))
                    .flatten()
                    .map(|(k, v)| (k.trim(), v.trim()))
            })
            .collect()
    })
}

/// The text for `key` in `lang`; English when the language lacks it, the key itself when
/// English does too (tests make sure neither happens).
pub fn t(lang: Lang, key: &str) -> &'static str {
    if let Some(v) = catalog(lang).get(key) {
        return v;
    }
    if let Some(v) = catalog(Lang::En).get(key) {
        return v;
    }
    // A missing key shows as "⁇" rather than failing; tests/i18n_keys.rs keeps this unseen.
    "\u{2047}"
}

/// Replace `{name}` placeholders.
pub fn fill(template: &str, args: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(template.len() + 16);
    let mut rest = template;
    while let Some(start) = rest.find('{') {
        out.push_str(&rest[..start]);
        let after = &rest[start + 1..];
        match after.find('}') {
            Some(end) => {
                let name = &after[..end];
                match args.iter().find(|(k, _)| *k == name) {
                    Some((_, v)) => out.push_str(v),
                    None => {
                        out.push('{');
                        out.push_str(name);
                        out.push('}');
                    }
                }
                rest = &after[end + 1..];
            }
            None => {
                out.push_str(&rest[start..]);
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

/// `t` with placeholders filled.
pub fn tf(lang: Lang, key: &str, args: &[(&str, &str)]) -> String {
    fill(t(lang, key), args)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Plural {
    One,
    Other,
}

/// The CLDR plural category of an integer count: English and German use "one" for 1 only,
/// French for 0 and 1.
pub fn plural(lang: Lang, n: u64) -> Plural {
    match (lang, n) {
        (Lang::Fr, 0 | 1) | (Lang::En | Lang::De, 1) => Plural::One,
        _ => Plural::Other,
    }
}

/// `key.one` or `key.other` by `count`, with `{count}` formatted for the language.
pub fn tp(lang: Lang, key: &str, count: u64) -> String {
    tpf(lang, key, count, &[])
}

/// `tp` with further placeholders.
pub fn tpf(lang: Lang, key: &str, count: u64, args: &[(&str, &str)]) -> String {
    let form = match plural(lang, count) {
        Plural::One => "one",
        Plural::Other => "other",
    };
    let n = format_number(lang, count as i64);
    let mut all: Vec<(&str, &str)> = vec![("count", n.as_str())];
    all.extend_from_slice(args);
    fill(t(lang, &format!("{key}.{form}")), &all)
}

/// The thousands separator: "," in English, "." in German, a narrow no-break space
/// (U+202F, as CLDR and `Intl.NumberFormat("fr")` have it) in French.
pub fn thousands_separator(lang: Lang) -> &'static str {
    match lang {
        Lang::En => ",",
        Lang::De => ".",
        Lang::Fr => "\u{202F}",
    }
}

/// An integer with the language's thousands separator: 1,234 / 1.234 / 1 234.
pub fn format_number(lang: Lang, n: i64) -> String {
    let digits = n.unsigned_abs().to_string();
    let sep = thousands_separator(lang);
    let mut out = String::new();
    if n < 0 {
        out.push('-');
    }
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push_str(sep);
        }
        out.push(c);
    }
    out
}

/// A decimal number as the language writes it (decimal comma in German and French),
/// without trailing zeros: 12.5 / 12,5; integers as `format_number`.
pub fn format_decimal(lang: Lang, x: f64) -> String {
    if !x.is_finite() {
        return x.to_string();
    }
    if x.fract() == 0.0 && x.abs() < 1e15 {
        return format_number(lang, x as i64);
    }
    let s = format!("{:.6}", x.abs());
    let s = s.trim_end_matches('0').trim_end_matches('.');
    let (int, frac) = s.split_once('.').unwrap_or((s, ""));
    let mut out = format_number(lang, int.parse::<i64>().unwrap_or(0));
    if x < 0.0 {
        out.insert(0, '-');
    }
    if !frac.is_empty() {
        out.push_str(if lang == Lang::En { "." } else { "," });
        out.push_str(frac);
    }
    out
}

/// An ISO date (YYYY-MM-DD) as the language writes it: 15 November 2025, 15.11.2025,
/// 15 novembre 2025. Anything else comes back unchanged.
pub fn format_date(lang: Lang, iso: &str) -> String {
    let parts: Vec<&str> = iso.split('-').collect();
    let [y, m, d] = parts.as_slice() else {
        return iso.to_string();
    };
    let (Ok(_), Ok(month), Ok(day)) = (y.parse::<u32>(), m.parse::<usize>(), d.parse::<u32>())
    else {
        return iso.to_string();
    };
    if !(1..=12).contains(&month) || !(1..=31).contains(&day) {
        return iso.to_string();
    }
    const EN: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    const FR: [&str; 12] = [
        "janvier",
        "février",
        "mars",
        "avril",
        "mai",
        "juin",
        "juillet",
        "août",
        "septembre",
        "octobre",
        "novembre",
        "décembre",
    ];
    match lang {
        Lang::En => format!("{day} {} {y}", EN[month - 1]),
        Lang::De => format!("{day:02}.{month:02}.{y}"),
        Lang::Fr if day == 1 => format!("1er {} {y}", FR[month - 1]),
        Lang::Fr => format!("{day} {} {y}", FR[month - 1]),
    }
}

/// A key for sorting names in the language's alphabetical order, close enough for country
/// lists: case and the common Latin diacritics are ignored (Ä sorts with A, É with E).
pub fn sort_key(s: &str) -> String {
    s.chars()
        .flat_map(|c| c.to_lowercase())
        .map(|c| match c {
            'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' => 'a',
            'ç' | 'č' | 'ć' => 'c',
            'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ė' => 'e',
            'ì' | 'í' | 'î' | 'ï' => 'i',
            'ñ' | 'ń' => 'n',
            'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' => 'o',
            'ù' | 'ú' | 'û' | 'ü' => 'u',
            'ý' | 'ÿ' => 'y',
            'š' | 'ś' => 's',
            'ž' | 'ź' | 'ż' => 'z',
            'ł' => 'l',
            'œ' => 'o',
            'æ' => 'a',
            'ß' => 's',
            other => other,
        })
        .filter(|c| c.is_alphanumeric() || *c == ' ')
        .collect()
}

/// The placeholders `{name}` in a text, sorted and deduplicated.
pub use dualuse_core::messages::placeholders;
