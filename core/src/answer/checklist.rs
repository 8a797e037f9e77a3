//! Every Annex I entry's own conditions as a checklist, read from the legal text.
//!
//! Nothing here is stored in the blob: the structure of a node is derived on demand from its
//! words and its items (pure, no DOM), plus the few corrections of
//! `data/checklist-overrides.txt` (compiled into `Dataset::checklist_overrides`).
//!
//! - [`structure`]: how a node's items decide whether it is met (`combine`: any, all, or a
//!   leaf), from its lead-in ("having any of the following", "as follows", "both of the
//!   following" ...) and the "and"/"or" closing its last-but-one item; `certain` is false
//!   where the two disagree or there is no lead-in to read.
//! - [`thresholds`]: the numbers of an item with their unit and comparator ("exceeding
//!   1 000 W" is `> 1000 W`; "between 75 mm and 650 mm" a range).
//! - [`releases`]: the notes that release a node ("... does not control ...").
//! - [`evaluate`]: three-valued (Kleene) evaluation of a node under the user's answers:
//!   met, not met or open; "don't know" never rules out; a release applies only when
//!   answered "yes".

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::codes::is_within;
pub use crate::model::checklist_data::{Combine, Leads, Override, LEAD_LANGS};
use crate::model::{lines_to_plain, Dataset, NoteKind};

impl Combine {
    pub fn as_str(self) -> &'static str {
        match self {
            Combine::Any => "any",
            Combine::All => "all",
            Combine::Leaf => "leaf",
        }
    }

    pub fn parse(s: &str) -> Option<Combine> {
        match s {
            "any" => Some(Combine::Any),
            "all" => Some(Combine::All),
            "leaf" => Some(Combine::Leaf),
            _ => None,
        }
    }
}

/// Lead-in phrases, longest first within each kind. "as follows" introduces a list of kinds
/// of item (any one of them is caught); the others list characteristics.
const LEADS: &[(&str, Combine)] = &[
    ("having all of the following", Combine::All),
    ("all of the following", Combine::All),
    ("all the following", Combine::All),
    ("both of the following", Combine::All),
    ("each of the following", Combine::All),
    ("having any of the following", Combine::Any),
    ("any one of the following", Combine::Any),
    ("at least one of the following", Combine::Any),
    ("one or more of the following", Combine::Any),
    ("any of the following", Combine::Any),
    ("either of the following", Combine::Any),
    ("as follows", Combine::Any),
];

/// The lead-in "as follows": its items name kinds of item, so meeting one of them meets the
/// node's own words too.
pub const AS_FOLLOWS: &str = "as follows";

/// A lead-in that does not say "any" or "all" ("with the following characteristics"): the
/// items' connector decides.
pub const THE_FOLLOWING: &str = "the following";

/// Why a node's structure is not certain.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Doubt {
    /// It has items but no lead-in says how they combine.
    NoLeadIn,
    /// Its lead-ins say both "any" and "all".
    LeadInsDisagree,
    /// The lead-in and the "and"/"or" closing its items disagree.
    ConnectorDisagrees,
    /// The items close with both "and" and "or".
    MixedConnectors,
    /// A lead-in ("having any of the following") but no items under it.
    LeadInWithoutItems,
}

impl Doubt {
    pub fn as_str(self) -> &'static str {
        match self {
            Doubt::NoLeadIn => "no lead-in",
            Doubt::LeadInsDisagree => "lead-ins disagree",
            Doubt::ConnectorDisagrees => "lead-in and closing connector disagree",
            Doubt::MixedConnectors => "items close with both and and or",
            Doubt::LeadInWithoutItems => "lead-in without items",
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Structure {
    pub combine: Combine,
    /// The lead-in phrase read, as the table above spells it.
    pub lead: Option<&'static str>,
    pub certain: bool,
    pub doubt: Option<Doubt>,
    /// A maintainer set the combine in data/checklist-overrides.txt.
    pub overridden: bool,
}

/// "Not used;" items keep their label in the OJ but hold nothing.
pub fn is_not_used(text: &str) -> bool {
    let t = text.trim().trim_end_matches([';', '.', ',']).trim();
    t.eq_ignore_ascii_case("not used")
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Connector {
    And,
    Or,
}

/// The "and"/"or" at the end of a text ("...; or", "..., and").
fn closing_connector(text: &str) -> Option<Connector> {
    let t = text.trim_end().to_ascii_lowercase();
    let last = t
        .rsplit(|c: char| c.is_whitespace() || c == ';' || c == ',')
        .next()?;
    match last {
        "and" => Some(Connector::And),
        "or" | "and/or" => Some(Connector::Or),
        _ => None,
    }
}

/// The text that closes a node in the OJ: its own words, or those of its last item (the
/// connector of a list stands at the end of the last line before the next item).
fn closing_text(ds: &Dataset, idx: u32) -> &str {
    let n = &ds.nodes[idx as usize];
    match n.children.last() {
        Some(&c) => closing_text(ds, c),
        None => &n.text,
    }
}

/// The lead-ins in a text, in order of appearance (overlapping phrases counted once).
fn lead_ins(text: &str) -> Vec<(usize, &'static str, Combine)> {
    let lower = text.to_lowercase();
    let mut found: Vec<(usize, usize, &'static str, Combine)> = Vec::new();
    for &(phrase, kind) in LEADS {
        let mut from = 0;
        while let Some(pos) = lower[from..].find(phrase) {
            let start = from + pos;
            let end = start + phrase.len();
            if !found.iter().any(|&(s, e, _, _)| start < e && s < end) {
                found.push((start, end, phrase, kind));
            }
            from = end;
        }
    }
    found.sort_by_key(|f| f.0);
    found.into_iter().map(|(s, _, p, k)| (s, p, k)).collect()
}

/// How the node's items combine, read from its words and its items.
pub fn structure(ds: &Dataset, idx: u32) -> Structure {
    let node = &ds.nodes[idx as usize];
    let leads = lead_ins(&node.text);
    let lead = leads.last().map(|l| (l.1, l.2));
    let items: Vec<u32> = node
        .children
        .iter()
        .copied()
        .filter(|&c| !is_not_used(&ds.nodes[c as usize].text))
        .collect();
    let derived = if items.is_empty() && node.children.is_empty() {
        Structure {
            combine: Combine::Leaf,
            lead: lead.map(|l| l.0),
            // "having any of the following" with nothing following: an item was lost.
            certain: lead.is_none() || lead.is_some_and(|l| l.0 == AS_FOLLOWS),
            doubt: lead
                .filter(|l| l.0 != AS_FOLLOWS)
                .map(|_| Doubt::LeadInWithoutItems),
            overridden: false,
        }
    } else {
        // The connectors closing every item but the last.
        let mut connectors: Vec<Connector> = Vec::new();
        for &c in items.iter().take(items.len().saturating_sub(1)) {
            if let Some(k) = closing_connector(closing_text(ds, c)) {
                connectors.push(k);
            }
        }
        let connector = connectors.last().copied();
        let mixed = connectors.iter().any(|&k| Some(k) != connector);
        let from_connector = |k: Connector| match k {
            Connector::And => Combine::All,
            Connector::Or => Combine::Any,
        };
        let leads_disagree = leads.iter().any(|l| Some(l.2) != lead.map(|x| x.1));
        match lead {
            Some((phrase, kind)) => {
                // "as follows" lists kinds of item: "a. X; and b. Y" names both kinds, so
                // an "and" there does not make every item necessary.
                let agrees = match connector {
                    None => true,
                    Some(k) => from_connector(k) == kind || phrase == AS_FOLLOWS,
                };
                let doubt = if leads_disagree {
                    Some(Doubt::LeadInsDisagree)
                } else if !agrees {
                    Some(Doubt::ConnectorDisagrees)
                } else if mixed && phrase != AS_FOLLOWS {
                    Some(Doubt::MixedConnectors)
                } else {
                    None
                };
                Structure {
                    combine: kind,
                    lead: Some(phrase),
                    certain: doubt.is_none(),
                    doubt,
                    overridden: false,
                }
            }
            None => {
                // "with the following characteristics", "of the following:": the items' own
                // "and"/"or" says how they combine. So does an item without words of its own ("1." whose "a." follows) has no lead-in
                // to read: its connector alone says how its items combine.
                let lower = node.text.to_lowercase();
                let unqualified = lower.contains(THE_FOLLOWING);
                let either = lower.trim_end().ends_with("either:");
                let combine = if either {
                    Combine::Any
                } else {
                    connector.map(from_connector).unwrap_or(Combine::Any)
                };
                let certain = (either && connector.is_none_or(|k| k == Connector::Or))
                    || ((node.text.trim().is_empty() || unqualified)
                        && connector.is_some()
                        && !mixed);
                Structure {
                    combine,
                    lead: if either {
                        Some("either")
                    } else {
                        unqualified.then_some(THE_FOLLOWING)
                    },
                    certain,
                    doubt: (!certain).then_some(if mixed {
                        Doubt::MixedConnectors
                    } else {
                        Doubt::NoLeadIn
                    }),
                    overridden: false,
                }
            }
        }
    };
    match ds.checklist_overrides.iter().find(|o| o.code == node.code) {
        Some(o) => Structure {
            combine: o.combine,
            certain: true,
            overridden: true,
            ..derived
        },
        None => derived,
    }
}

/// A number of the legal text with its unit and what it catches.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Threshold {
    pub value: f64,
    /// The unit as written ("W", "%", "mm", "frames/s", "°C"); empty when none follows.
    pub unit: String,
    /// `>`, `>=`, `<`, `<=`, `between` (a range from `value` to `upper`) or `outside` (what
    /// lies outside that range is caught).
    pub comparator: &'static str,
    /// The upper end of a range ("between 75 mm and 650 mm": 650).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub upper: Option<f64>,
    /// The words matched: "exceeding 1 000 W".
    pub text: String,
    /// The limit is a formula ("less than (1,7 + L/1 000 ) μm"): `value` is NaN, `text`
    /// says the limit. Serialised only when true.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub formula: bool,
}

/// Comparators before a number, longest first.
const BEFORE: &[(&str, &str)] = &[
    ("equal to or more than", ">="),
    ("equal to or greater than", ">="),
    ("equal to or higher than", ">="),
    ("equal to or larger than", ">="),
    ("equal to or exceeding", ">="),
    ("greater than or equal to", ">="),
    ("more than or equal to", ">="),
    ("not less than", ">="),
    ("at least", ">="),
    ("equal to or less than", "<="),
    ("equal to or lower than", "<="),
    ("equal to or smaller than", "<="),
    ("equal to or fewer than", "<="),
    ("less than or equal to", "<="),
    ("not exceeding", "<="),
    ("not more than", "<="),
    ("not greater than", "<="),
    ("at most", "<="),
    ("up to and including", "<="),
    ("up to", "<="),
    ("≤", "<="),
    ("in excess of", ">"),
    ("exceeding", ">"),
    ("exceeds", ">"),
    ("exceed", ">"),
    ("more than", ">"),
    ("greater than", ">"),
    ("higher than", ">"),
    ("larger than", ">"),
    ("longer than", ">"),
    ("above", ">"),
    ("less than", "<"),
    ("fewer than", "<"),
    ("lower than", "<"),
    ("smaller than", "<"),
    ("shorter than", "<"),
    ("below", "<"),
    ("under", "<"),
    // Every "better than" of Annex I qualifies a quantity where less is better (accuracy,
    // regulation, stability, resolution, vacuum pressure, impurity): "better than 0,01 %".
    ("better than", "<"),
    ("≥", ">="),
];

/// Comparators after a number and its unit ("12 elements or fewer").
const AFTER: &[(&str, &str)] = &[
    (" or more", ">="),
    (" or greater", ">="),
    (" or higher", ">="),
    (" or above", ">="),
    (" or less", "<="),
    (" or fewer", "<="),
    (" or lower", "<="),
    (" or below", "<="),
    (" or larger", ">="),
    (" or smaller", "<="),
    (" and above", ">="),
    (" and below", "<="),
];

const NOT_UNITS: &[&str] = &[
    "and",
    "or",
    "but",
    "of",
    "the",
    "to",
    "in",
    "for",
    "at",
    "with",
    "when",
    "where",
    "a",
    "an",
    "on",
    "by",
    "from",
    "as",
    "is",
    "than",
    "inclusive",
    "which",
    "that",
    "per",
    "nor",
    "each",
    "between",
    "not",
    "over",
    "under",
    "within",
    "anywhere",
];

fn superscript_digit(c: char) -> Option<u32> {
    match c {
        '⁰' => Some(0),
        '¹' => Some(1),
        '²' => Some(2),
        '³' => Some(3),
        '⁴' => Some(4),
        '⁵' => Some(5),
        '⁶' => Some(6),
        '⁷' => Some(7),
        '⁸' => Some(8),
        '⁹' => Some(9),
        _ => None,
    }
}

fn is_space(c: char) -> bool {
    c == ' ' || c == '\u{a0}' || c == '\u{202f}' || c == '\u{2009}'
}

/// A number starting at byte `i` of `s` in the OJ's writing: "1 000" (groups of three after
/// a space), "0,5" (decimal comma), "-55", "4 × 10⁶", "10⁻⁶". Returns (value, end).
pub fn parse_number(s: &str, i: usize) -> Option<(f64, usize)> {
    let b = s.as_bytes();
    let mut j = i;
    let mut negative = false;
    if s[j..].starts_with('-') {
        negative = true;
        j += 1;
    } else if s[j..].starts_with('−') {
        negative = true;
        j += '−'.len_utf8();
    }
    let (digits, end) = digit_run(s, j);
    if digits.is_empty() {
        return None;
    }
    let mut int = digits.to_string();
    j = end;
    // Thousands: "1 000 000" (only after a first group of at most three digits).
    if int.len() <= 3 {
        j = thousands(s, j, &mut int);
    }
    let mut value = whole(&int)?;
    // Decimal comma: "0,5", "12,5" (a comma followed by a digit, no space).
    if b.get(j) == Some(&b',') && b.get(j + 1).is_some_and(u8::is_ascii_digit) {
        let (decimals, k) = digit_run(s, j + 1);
        if decimals.len() > 15 {
            return None;
        }
        let scale = 10f64.powi(decimals.len() as i32);
        value = (value * scale + whole(decimals)?) / scale;
        j = k;
    }
    // "0.1 MPa": a few numbers of the consolidated text have a decimal point; after a lone
    // "0" it cannot begin a code or a version number.
    if int == "0" && b.get(j) == Some(&b'.') && b.get(j + 1).is_some_and(u8::is_ascii_digit) {
        let (decimals, k) = digit_run(s, j + 1);
        if decimals.len() > 15 {
            return None;
        }
        value = whole(decimals)? / 10f64.powi(decimals.len() as i32);
        j = k;
    }
    // "802.11", "3A001.a": not a quantity.
    if b.get(j) == Some(&b'.') && b.get(j + 1).is_some_and(|c| c.is_ascii_alphanumeric()) {
        return None;
    }
    // A power of ten written with superscripts: "10⁶", "10⁻⁶".
    if int == "10" && value == 10.0 {
        if let Some((e, k)) = superscript_power(s, j) {
            value = 10f64.powi(e);
            j = k;
        }
    }
    // "1E-9", "2,5E+6": E-notation, with its sign (so that "3E001" stays a code).
    if let Some(sign) = s[j..]
        .strip_prefix(['E', 'e'])
        .and_then(|r| r.chars().next())
        .filter(|c| *c == '-' || *c == '+')
    {
        let from = j + 2;
        let (_, k) = digit_run(s, from);
        if k > from && k - from <= 3 && !b.get(k).is_some_and(u8::is_ascii_alphanumeric) {
            let e: i32 = s[from..k].parse().ok()?;
            value *= 10f64.powi(if sign == '-' { -e } else { e });
            j = k;
        }
    }
    // "4 × 10⁶", "1,5 x 10⁻³", "5× 10³".
    for times in [" × 10", "× 10", "×10", " x 10"] {
        if s[j..].starts_with(times) {
            if let Some((e, k)) = superscript_power(s, j + times.len()) {
                value *= 10f64.powi(e);
                j = k;
            }
            break;
        }
    }
    Some((if negative { -value } else { value }, j))
}

/// The run of ASCII digits from byte `from` of `s` (maybe empty), and where it ends.
fn digit_run(s: &str, from: usize) -> (&str, usize) {
    let b = s.as_bytes();
    let mut k = from;
    while k < b.len() && b[k].is_ascii_digit() {
        k += 1;
    }
    (&s[from..k], k)
}

/// The groups of three digits that follow byte `j` of `s`, each after a space ("1 000 000"),
/// appended to `int`; returns where they end.
fn thousands(s: &str, mut j: usize, int: &mut String) -> usize {
    loop {
        let rest = &s[j..];
        let Some(sp) = rest.chars().next().filter(|&c| is_space(c)) else {
            break;
        };
        let after = &rest[sp.len_utf8()..];
        let ab = after.as_bytes();
        if ab.len() >= 3
            && ab[..3].iter().all(u8::is_ascii_digit)
            && !ab.get(3).is_some_and(|c| c.is_ascii_digit())
            && !after[3..].starts_with(['.', '-'])
        {
            int.push_str(&after[..3]);
            j += sp.len_utf8() + 3;
        } else {
            break;
        }
    }
    j
}

/// Digits to a value without the float parser (which would add to the wasm): the integer
/// and the decimals as whole numbers, then one division, correctly rounded. None beyond
/// 2^53.
fn whole(digits: &str) -> Option<f64> {
    let n: u64 = digits.parse().ok()?;
    (n < 1 << 53).then_some(n as f64)
}

/// A power of ten's exponent written in superscripts from byte `from` of `s` ("⁶", "⁻⁶"),
/// and where it ends.
fn superscript_power(s: &str, from: usize) -> Option<(i32, usize)> {
    let mut k = from;
    let mut neg = false;
    if s[k..].starts_with('⁻') {
        neg = true;
        k += '⁻'.len_utf8();
    }
    let start = k;
    let mut e: i32 = 0;
    while let Some(c) = s[k..].chars().next() {
        match superscript_digit(c) {
            Some(d) => {
                e = e * 10 + d as i32;
                k += c.len_utf8();
            }
            None => break,
        }
    }
    (k > start).then_some((if neg { -e } else { e }, k))
}

/// The unit after a number ending at `j`: returns (unit, end).
fn parse_unit(s: &str, j: usize) -> (String, usize) {
    let rest = &s[j..];
    let trimmed = rest.trim_start_matches(is_space);
    let skip = rest.len() - trimmed.len();
    if trimmed.starts_with('%') {
        return ("%".into(), j + skip + 1);
    }
    // A defined term as the unit: 4 × 10⁶ "active pixels".
    for q in ['"', '\''] {
        if let Some(inner) = trimmed.strip_prefix(q) {
            if let Some(end) = inner.find(q) {
                return (inner[..end].to_string(), j + skip + q.len_utf8() * 2 + end);
            }
        }
    }
    if let Some(named) = abbreviated_unit(trimmed) {
        return (named.0, j + skip + named.1);
    }
    // "32-bit": the unit without its hyphen.
    let hyphen = usize::from(skip == 0 && trimmed.starts_with('-'));
    let (skip, trimmed) = (skip + hyphen, &trimmed[hyphen..]);
    let token = first_word(trimmed);
    if token.is_empty()
        || NOT_UNITS.contains(&token.to_lowercase().as_str())
        || token.starts_with(|c: char| c.is_ascii_digit())
    {
        return (String::new(), j);
    }
    let end = skip + token.len();
    // What the unit counts per: "J per pulse", "degree per square root hour", "litres per
    // hour", "μs per full frame"; a ratio: "1 part in 320"; an angle: "2 seconds of arc".
    if let Some(per) = rest[end..].strip_prefix(" per ") {
        let mut words: Vec<&str> = Vec::new();
        let mut more = per;
        loop {
            let w = first_word(more);
            if !w.starts_with(char::is_alphabetic) || NOT_UNITS.contains(&w.to_lowercase().as_str())
            {
                break;
            }
            words.push(w);
            more = &more[w.len()..];
            // "square root hour", "square metre", "full frame", "flight hour".
            if !matches!(w, "square" | "root" | "full" | "flight") {
                break;
            }
            match more.strip_prefix(' ') {
                Some(next) => more = next,
                None => break,
            }
        }
        let complete = words
            .last()
            .is_some_and(|w| !matches!(*w, "square" | "root" | "full" | "flight"));
        if complete {
            let taken = " per ".len() + words.join(" ").len();
            return (format!("{token} per {}", words.join(" ")), j + end + taken);
        }
    }
    for tail in [" of arc", " in "] {
        if let Some(after) = rest[end..].strip_prefix(tail) {
            if tail == " of arc" {
                return (format!("{token}{tail}"), j + end + tail.len());
            }
            if matches!(token, "part" | "parts") {
                let at = s.len() - after.len();
                if let Some((_, e)) = parse_number(s, at) {
                    return (format!("{token} in {}", &s[at..e]), e);
                }
            }
        }
    }
    (token.to_string(), j + end)
}

/// The first word of `s`: up to a space, a separator or a parenthesis, without a closing
/// full stop or colon.
fn first_word(s: &str) -> &str {
    let len = s
        .find(|c: char| c.is_whitespace() || c == ';' || c == ',' || c == '(' || c == ')')
        .unwrap_or(s.len());
    s[..len].trim_end_matches(['.', ':'])
}

/// A unit named in words and abbreviated in parentheses: "70 Weighted TeraFLOPS (WT)",
/// "1,3 Giga Samples Per Second (GSPS)" read as "WT", "GSPS". Returns (unit, length).
fn abbreviated_unit(s: &str) -> Option<(String, usize)> {
    let mut at = 0;
    for _ in 0..4 {
        let w = first_word(&s[at..]);
        if !w.starts_with(|c: char| c.is_ascii_uppercase()) || !w.chars().all(char::is_alphabetic) {
            return None;
        }
        at += w.len();
        let rest = &s[at..];
        if let Some(par) = rest.strip_prefix(" (") {
            let close = par.find(')')?;
            let abbr = &par[..close];
            let short = (2..=6).contains(&abbr.len())
                && abbr.chars().all(|c| c.is_ascii_uppercase() || c == '/');
            return (short && at > w.len()).then(|| (abbr.to_string(), at + 2 + close + 1));
        }
        at += rest.strip_prefix(' ').map(|_| 1)?;
    }
    None
}

/// The window before a number, lower-cased, with a short parenthesis dropped: "less (better)
/// than" and "less(better) than" read as "less than"; a sign before the number ("exceeding
/// ± 6,25 %", "greater than +20 dBm") is dropped too.
fn before_window(s: &str, i: usize) -> String {
    let start = s[..i]
        .char_indices()
        .rev()
        .nth(60)
        .map(|(k, _)| k)
        .unwrap_or(0);
    let mut w = s[start..i].to_lowercase();
    while let Some(open) = w.rfind('(') {
        let Some(close) = w[open..].find(')') else {
            break;
        };
        let inner = &w[open + 1..open + close];
        if inner.len() <= 12 && inner.chars().all(|c| c.is_alphabetic() || c == ' ') {
            let from = if w[..open].ends_with(' ') {
                open - 1
            } else {
                open
            };
            w.replace_range(from..open + close + 1, "");
        } else {
            break;
        }
    }
    w.trim_end_matches(|c: char| is_space(c) || c == '±' || c == '+')
        .trim_end_matches(is_space)
        .to_string()
}

/// Whether `w` ends with `phrase` as whole words.
fn ends_with_words(w: &str, phrase: &str) -> bool {
    w.ends_with(phrase)
        && w[..w.len() - phrase.len()]
            .chars()
            .next_back()
            .is_none_or(|c| !c.is_alphanumeric())
}

/// The end of an equivalent in parentheses after a quantity ("218 K (-55 °C)", "37 GBq/kg
/// (1 Ci/kg)"), if one follows at `end`.
fn equivalent(text: &str, end: usize) -> Option<usize> {
    let par = text[end..].strip_prefix(" (")?;
    if !par.starts_with(|c: char| c.is_ascii_digit() || c == '-' || c == '−') {
        return None;
    }
    par.find(')').map(|close| end + 2 + close + 1)
}

/// "10 Hz ≤ F ≤ 10 kHz": a sign after a variable bounds the variable of a formula, not the
/// item.
fn after_variable(window: &str, phrase: &str) -> bool {
    if !matches!(phrase, "≤" | "≥") {
        return false;
    }
    let rest = window[..window.len() - phrase.len()].trim_end();
    let word = rest.rsplit(' ').next().unwrap_or(rest);
    word.chars().count() == 1 && word.chars().all(char::is_alphabetic)
}

/// Whether the quantity ending at `end` is multiplied or divided by another quantity
/// ("15 divided by the lowest operating frequency in GHz", "15cm × GHz × N/fGHz"): the
/// limit is then a formula. Returns the end of the formula's words.
fn formula_tail(text: &str, end: usize) -> Option<usize> {
    let rest = &text[end..];
    let by = rest.strip_prefix(" divided by ").is_some()
        || rest
            .strip_prefix(" × ")
            .is_some_and(|r| r.starts_with(char::is_alphabetic));
    by.then(|| end + rest.find([';', ',', '[', ']']).unwrap_or(rest.len()))
}

/// `value` in `from` expressed in `to`, where the two differ by an SI prefix only ("Hz" and
/// "kHz", "Pa" and "kPa").
fn in_unit(value: f64, from: &str, to: &str) -> Option<f64> {
    const PREFIXES: &[(&str, i32)] = &[
        ("p", -12),
        ("n", -9),
        ("μ", -6),
        ("m", -3),
        ("c", -2),
        ("k", 3),
        ("M", 6),
        ("G", 9),
        ("T", 12),
    ];
    let split = |u: &str| -> (i32, String) {
        PREFIXES
            .iter()
            .find_map(|&(p, e)| {
                u.strip_prefix(p)
                    .filter(|base| !base.is_empty())
                    .map(|base| (e, base.to_string()))
            })
            .unwrap_or((0, u.to_string()))
    };
    // "m" alone is the metre, not a prefix; so is the "m" of "mm" only a prefix.
    let (ef, bf) = split(from);
    let (et, bt) = split(to);
    let same =
        |b1: &str, e1: i32, b2: &str, e2: i32| (b1 == b2).then(|| value * 10f64.powi(e1 - e2));
    same(&bf, ef, &bt, et)
        .or_else(|| same(from, 0, &bt, et))
        .or_else(|| same(&bf, ef, to, 0))
}

/// The upper end of a range whose lower end (with its unit and any equivalent in
/// parentheses) ends at `low_end`, joined by `sep` (" and ", " to "): (upper, unit, end).
fn range_upper(text: &str, low_end: usize, sep: &str) -> Option<(f64, String, usize)> {
    let at = low_end + text[low_end..].strip_prefix(sep).map(|_| sep.len())?;
    let (upper, e2) = parse_number(text, at)?;
    let (unit, e3) = parse_unit(text, e2);
    Some((upper, unit, equivalent(text, e3).unwrap_or(e3)))
}

/// Words that end the words of a unit before "or more" ("10 kg of ice or more", "320 atomic
/// mass units or greater"): past them, "or more" belongs to something else.
const UNIT_WORDS_END: &[&str] = &[
    "and", "or", "but", "than", "not", "nor", "which", "that", "where", "when", "with", "to", "at",
    "from", "between", "for", "in", "on",
];

/// A comparator after a number and its unit, possibly past a few words of the unit: the
/// comparator, the words between ("of ice", "mass units", "(silicon)") and the end.
fn comparator_after(text: &str, end: usize) -> Option<(&'static str, &str, usize)> {
    let after = |at: usize| -> Option<(&'static str, usize)> {
        let lower = text[at..].to_lowercase();
        AFTER.iter().find_map(|&(phrase, cmp)| {
            (lower.starts_with(phrase)
                && lower[phrase.len()..]
                    .chars()
                    .next()
                    .is_none_or(|c| !c.is_alphanumeric()))
            .then_some((cmp, at + phrase.len()))
        })
    };
    if let Some((cmp, e)) = after(end) {
        return Some((cmp, "", e));
    }
    // "1 373 K (1 100 °C) or more": past an equivalent in parentheses.
    if let Some((cmp, e)) = equivalent(text, end).and_then(after) {
        return Some((cmp, "", e));
    }
    let mut at = end;
    for _ in 0..3 {
        let rest = text[at..].strip_prefix(' ')?;
        let word = match rest.strip_prefix('(') {
            Some(par) => {
                let close = par.find(')')?;
                if !par[..close].chars().all(char::is_alphabetic) {
                    return None;
                }
                &rest[..close + 2]
            }
            None => first_word(rest),
        };
        if word.is_empty()
            || !word
                .trim_matches(['(', ')'])
                .chars()
                .all(|c| c.is_alphabetic() || c == '-')
            || UNIT_WORDS_END.contains(&word.to_lowercase().as_str())
        {
            return None;
        }
        at += 1 + word.len();
        if let Some((cmp, e)) = after(at) {
            return Some((cmp, text[end..at].trim(), e));
        }
    }
    None
}

/// The index of the parenthesis closing the one at `open`.
fn closing_parenthesis(text: &str, open: usize) -> Option<usize> {
    let mut depth = 0;
    for (k, c) in text[open..].char_indices() {
        match c {
            '(' => depth += 1,
            ')' => {
                depth -= 1;
                if depth == 0 {
                    return Some(open + k);
                }
            }
            _ => {}
        }
    }
    None
}

/// Limits written as a formula after a comparator: "equal to or less (better) than (1,7 +
/// L/1 000 ) μm", "less than (N log2 N) /20 480 ms", "exceeding (10log(f) + 169,77) dB",
/// "less (better) than -(126 + 20log10F - 20log10f)". No number is made up: the threshold
/// is marked `formula` and its value is NaN; the words say the limit.
fn formulas(text: &str) -> Vec<(usize, Threshold)> {
    let mut out = Vec::new();
    for (open, _) in text.match_indices('(') {
        let Some(close) = closing_parenthesis(text, open) else {
            continue;
        };
        let inner = &text[open + 1..close];
        // A formula names a variable ("L", "N", "f") and holds a number.
        if !inner.chars().any(|c| c.is_ascii_alphabetic())
            || !inner.chars().any(|c| c.is_ascii_digit())
        {
            continue;
        }
        let before = text[..open].trim_end_matches(['-', '−']);
        let window = before_window(text, before.len());
        let Some(&(phrase, cmp)) = BEFORE
            .iter()
            .find(|(phrase, _)| ends_with_words(&window, phrase))
        else {
            continue;
        };
        let first = phrase.split(' ').next().unwrap_or(phrase);
        let start = text[..open]
            .to_lowercase()
            .rfind(first)
            .filter(|&p| text.is_char_boundary(p))
            .unwrap_or(open);
        // "(N log2 N) /20 480 ms": a divisor after the parenthesis belongs to the formula.
        let mut end = close + 1;
        let rest = &text[end..];
        let divisor = rest.trim_start_matches(is_space);
        if let Some(d) = divisor.strip_prefix('/') {
            let d = d.trim_start_matches(is_space);
            let at = text.len() - d.len();
            if let Some((_, e)) = parse_number(text, at) {
                end = e;
            }
        }
        let (unit, unit_end) = parse_unit(text, end);
        out.push((
            start,
            Threshold {
                value: f64::NAN,
                unit,
                comparator: cmp,
                upper: None,
                text: text[start..unit_end].trim().to_string(),
                formula: true,
            },
        ));
    }
    out
}

/// The thresholds of a text: each number that a comparator qualifies, with its unit, and
/// each limit written as a formula (marked `formula`), in the order of the text.
pub fn thresholds(text: &str) -> Vec<Threshold> {
    let mut out = formulas(text);
    let b = text.as_bytes();
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        let starts_number =
            c.is_ascii_digit() || (c == b'-' && b.get(i + 1).is_some_and(u8::is_ascii_digit));
        let prev = text[..i].chars().next_back();
        if !starts_number
            || prev.is_some_and(|p| p.is_alphanumeric() || p == '.' || p == ',' || p == '/')
        {
            i += text[i..].chars().next().map_or(1, char::len_utf8);
            continue;
        }
        let Some((value, end)) = parse_number(text, i) else {
            // Skip the rest of this run of digits.
            while i < b.len() && (b[i].is_ascii_alphanumeric() || b[i] == b'.') {
                i += 1;
            }
            continue;
        };
        let number_end = end;
        let (unit, end) = parse_unit(text, end);
        let window = before_window(text, i);
        let before = BEFORE
            .iter()
            .find(|(phrase, _)| ends_with_words(&window, phrase))
            .copied()
            .filter(|(phrase, _)| !after_variable(&window, phrase));
        if let Some((t, tail)) =
            before.and_then(|before| comparator_formula(text, i, number_end, end, before))
        {
            out.push(t);
            i = tail.max(i + 1);
            continue;
        }
        let number = (i, value, unit.as_str(), end);
        if let Some((t, e3)) = range_at(text, number, &window, before.is_some()) {
            out.push(t);
            i = e3;
            continue;
        }
        let (t, next) = single_threshold(text, i, value, unit, end, before);
        out.extend(t);
        i = next.max(i + 1);
        while !text.is_char_boundary(i) {
            i += 1;
        }
    }
    out.sort_by_key(|t| t.0);
    out.into_iter().map(|t| t.1).collect()
}

/// "equal to or less than 15 divided by the lowest operating frequency in GHz": a formula,
/// not 15. The limit after the comparator `before` of the number at `i` (its digits end at
/// `number_end`, its unit at `end`), from the comparator's first word to the formula's
/// end, with that end; None when no formula follows the number.
fn comparator_formula(
    text: &str,
    i: usize,
    number_end: usize,
    end: usize,
    (phrase, cmp): (&'static str, &'static str),
) -> Option<((usize, Threshold), usize)> {
    let tail = formula_tail(text, number_end).or_else(|| formula_tail(text, end))?;
    let first = phrase.split(' ').next().unwrap_or(phrase);
    let start = text[..i]
        .to_lowercase()
        .rfind(first)
        .filter(|&p| text.is_char_boundary(p))
        .unwrap_or(i);
    let t = Threshold {
        value: f64::NAN,
        unit: String::new(),
        comparator: cmp,
        upper: None,
        text: text[start..tail].trim().to_string(),
        formula: true,
    };
    Some(((start, t), tail))
}

/// A range from the number (at `i`, its `value`, `unit`, and the end of its unit):
/// "between 75 mm and 650 mm", "from 10 kHz to 24 kHz", "a pore size of 10 to 100 nm",
/// "in the 1,5 MHz to 87,5 MHz band"; "outside the range from 20 kHz to 60 kHz" catches
/// what lies outside it. A bare "10 to 100" counts only when no comparator stands before
/// the number (`after_comparator`). Returns the range and where it ends.
fn range_at(
    text: &str,
    (i, value, unit, end): (usize, f64, &str, usize),
    window: &str,
    after_comparator: bool,
) -> Option<((usize, Threshold), usize)> {
    let low_end = equivalent(text, end).unwrap_or(end);
    let opened = [
        ("outside the range from", " to ", "outside"),
        ("between", " and ", "between"),
        ("from", " to ", "between"),
        ("from", " up to and including ", "between"),
        ("from", " up to ", "between"),
    ]
    .into_iter()
    .filter(|(open, _, _)| ends_with_words(window, open))
    .find_map(|(open, sep, cmp)| range_upper(text, low_end, sep).map(|r| (open, cmp, r)));
    let bare = || {
        range_upper(text, low_end, " to ")
            .filter(|(_, u2, _)| {
                ["of", "range"].iter().any(|w| ends_with_words(window, w))
                    || (!unit.is_empty() && *u2 == unit)
            })
            .map(|r| ("", "between", r))
    };
    let range = match opened {
        Some(r) => Some(r),
        None if !after_comparator => bare(),
        None => None,
    };
    // "between 20 Hz and 2 kHz": the lower end in the upper end's unit (0,02 kHz); ends
    // in units that do not convert are not one range.
    let (open, cmp, (upper, unit2, e3)) = range?;
    let value = if unit.is_empty() || unit2.is_empty() || unit2 == unit {
        value
    } else {
        in_unit(value, unit, &unit2)?
    };
    let start = i.saturating_sub(if open.is_empty() { 0 } else { open.len() + 1 });
    let start = if text.is_char_boundary(start) && start <= i {
        start
    } else {
        i
    };
    let t = Threshold {
        value,
        unit: if unit2.is_empty() {
            unit.to_string()
        } else {
            unit2
        },
        comparator: cmp,
        upper: Some(upper),
        text: text[start..e3].trim().to_string(),
        formula: false,
    };
    Some(((start, t), e3))
}

/// A single limit: the number at `i` (its `value`, `unit`, and the end of its unit) with
/// the comparator before it (`before`) or after it ("12 elements or fewer"), and an
/// equivalent in parentheses ("218 K (-55 °C)"). None when no comparator qualifies the
/// number. Also returns where the scan goes on.
fn single_threshold(
    text: &str,
    i: usize,
    value: f64,
    mut unit: String,
    mut end: usize,
    before: Option<(&'static str, &'static str)>,
) -> (Option<(usize, Threshold)>, usize) {
    let mut comparator = None;
    let mut start = i;
    if let Some((phrase, cmp)) = before {
        comparator = Some(cmp);
        // Find the phrase in the original text (the window may have lost a
        // parenthesis): the last occurrence before the number.
        let lower = text[..i].to_lowercase();
        let first = phrase.split(' ').next().unwrap_or(phrase);
        if let Some(p) = lower.rfind(first) {
            if text.is_char_boundary(p) {
                start = p;
            }
        }
    } else if let Some((cmp, words, e)) = comparator_after(text, end) {
        // "12 elements or fewer", "10 kg of ice or more", "2 or more animals".
        comparator = Some(cmp);
        end = e;
        if !words.is_empty() {
            unit = if unit.is_empty() {
                words.to_string()
            } else {
                format!("{unit} {words}")
            };
        } else if unit.is_empty() {
            let gap = text[end..].len() - text[end..].trim_start_matches(' ').len();
            let next = first_word(&text[end + gap..]);
            if !next.is_empty()
                && next.chars().all(char::is_alphabetic)
                && !NOT_UNITS.contains(&next.to_lowercase().as_str())
            {
                unit = next.to_string();
                end += gap + next.len();
            }
        }
    }
    // An equivalent in parentheses: "218 K (-55 °C)".
    let mut next = end;
    if let Some(close_at) = equivalent(text, end) {
        if comparator.is_some() {
            end = close_at;
        }
        next = close_at;
    }
    let t = comparator.map(|cmp| {
        (
            start,
            Threshold {
                value,
                unit,
                comparator: cmp,
                upper: None,
                text: text[start..end].trim().to_string(),
                formula: false,
            },
        )
    });
    (t, next)
}

/// A note that releases a node: "Note: 6A003.b. does not control ...".
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Release {
    /// How `itemAnswers` names it: "Note 3 to 6A003.b.4" (the note's label and the item it
    /// stands under).
    pub key: String,
    pub label: String,
    pub text: String,
    /// The plain-language lead of data/checklist-questions.txt, where there is one
    /// (`checklist_in`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub question: Option<Question>,
}

/// How a Note says an item is not caught. "does not include" reads as one only in a Note
/// (Note 2 to 1C101, Note 2 to 5A004.b); in Technical Notes it defines a term.
const RELEASE_PHRASES: &[&str] = &[
    "does not control",
    "do not control",
    "not controlled",
    "does not apply",
    "do not apply",
    "does not include",
];

/// The codes a note names before its releasing phrase ("6A003.b.4.a. does not control").
fn named_codes(first_line: &str, phrase_at: usize) -> Vec<String> {
    first_line[..phrase_at]
        .split(|c: char| c.is_whitespace() || c == ',' || c == '(' || c == ')')
        .filter_map(|w| {
            let w = w.trim_end_matches(['.', ':', ';']);
            crate::codes::normalize_code(w).filter(|n| n == w)
        })
        .collect()
}

/// Every release of the entry holding `idx`, with the nodes it releases: (target, release).
/// A note names what it releases ("6A003.b.4.a. does not control"); a note naming no item of
/// its entry releases the item it stands under.
pub fn entry_releases(ds: &Dataset, idx: u32) -> Vec<(u32, Release)> {
    let entry = ds.nodes[idx as usize].entry;
    let root = ds.entries[entry as usize].root;
    let mut out = Vec::new();
    let mut stack = vec![root];
    while let Some(n) = stack.pop() {
        let node = &ds.nodes[n as usize];
        let mut seen: Vec<&str> = Vec::new();
        for note in &node.notes {
            let count = seen.iter().filter(|l| **l == note.label).count();
            seen.push(&note.label);
            if note.kind != NoteKind::Note {
                continue;
            }
            let Some(first) = note.lines.first() else {
                continue;
            };
            let lower = first.text.to_lowercase();
            let Some(at) = RELEASE_PHRASES.iter().filter_map(|p| lower.find(p)).min() else {
                continue;
            };
            let key = if count == 0 {
                format!("{} to {}", note.label, node.code)
            } else {
                format!("{} ({}) to {}", note.label, count + 1, node.code)
            };
            let release = Release {
                key,
                label: note.label.clone(),
                text: lines_to_plain(&note.lines),
                question: None,
            };
            let targets: Vec<u32> = named_codes(&first.text, at)
                .iter()
                .filter_map(|c| ds.node_index(c))
                .filter(|&t| ds.nodes[t as usize].entry == entry)
                .collect();
            if targets.is_empty() {
                out.push((n, release));
            } else {
                for t in targets {
                    out.push((t, release.clone()));
                }
            }
        }
        stack.extend(node.children.iter().rev());
    }
    out
}

/// The releases of one node.
pub fn releases(ds: &Dataset, idx: u32) -> Vec<Release> {
    entry_releases(ds, idx)
        .into_iter()
        .filter(|(t, _)| *t == idx)
        .map(|(_, r)| r)
        .collect()
}

/// A node of the checklist, as the JS API returns it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ChecklistNode {
    pub code: String,
    pub text: String,
    pub combine: Combine,
    /// The lead-in read ("having all of the following", "as follows"), if any.
    pub lead: Option<&'static str>,
    pub thresholds: Vec<Threshold>,
    pub children: Vec<ChecklistNode>,
    pub releases: Vec<Release>,
    pub certain: bool,
    /// The plain-language lead of data/checklist-questions.txt, where there is one
    /// (`checklist_in`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub question: Option<Question>,
}

/// The checklist of a code (an entry or an item at any level), or `None`.
pub fn checklist(ds: &Dataset, code: &str) -> Option<ChecklistNode> {
    let code = crate::codes::normalize_code(code).unwrap_or_else(|| code.trim().to_string());
    let idx = ds.node_index(&code)?;
    let releases = entry_releases(ds, idx);
    Some(build(ds, idx, &releases))
}

/// The thresholds of a node. An item that is only a quantity takes the comparator its
/// parent ends with: 1C116.a "equal to or greater than:" 1. "0,9 GPa in the solution
/// annealed stage" is `>= 0,9 GPa`.
pub fn node_thresholds(ds: &Dataset, idx: u32) -> Vec<Threshold> {
    let node = &ds.nodes[idx as usize];
    let own = thresholds(&node.text);
    if !own.is_empty() || !node.text.starts_with(|c: char| c.is_ascii_digit()) {
        return own;
    }
    let Some(parent) = node.parent.map(|p| &ds.nodes[p as usize]) else {
        return own;
    };
    let Some(lead) = parent.text.trim_end().strip_suffix(':') else {
        return own;
    };
    let lead = lead.to_lowercase();
    match BEFORE
        .iter()
        .find(|(phrase, _)| ends_with_words(&lead, phrase))
    {
        Some((phrase, _)) => thresholds(&format!("{phrase} {}", node.text)),
        None => own,
    }
}

fn build(ds: &Dataset, idx: u32, releases: &[(u32, Release)]) -> ChecklistNode {
    let n = &ds.nodes[idx as usize];
    let s = structure(ds, idx);
    ChecklistNode {
        code: n.code.clone(),
        text: n.text.clone(),
        combine: s.combine,
        lead: s.lead,
        thresholds: node_thresholds(ds, idx),
        children: n.children.iter().map(|&c| build(ds, c, releases)).collect(),
        releases: releases
            .iter()
            .filter(|(t, _)| *t == idx)
            .map(|(_, r)| r.clone())
            .collect(),
        certain: s.certain,
        question: None,
    }
}

/// The user's answer to "does your item meet this?" for one node or release.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ItemAnswer {
    Yes,
    No,
    Unknown,
}

impl ItemAnswer {
    pub fn parse(s: &str) -> Option<ItemAnswer> {
        match s {
            "yes" => Some(ItemAnswer::Yes),
            "no" => Some(ItemAnswer::No),
            "unknown" | "dont_know" => Some(ItemAnswer::Unknown),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            ItemAnswer::Yes => "yes",
            ItemAnswer::No => "no",
            ItemAnswer::Unknown => "unknown",
        }
    }
}

/// `{ code or release key: answer }`.
pub type ItemAnswers = BTreeMap<String, ItemAnswer>;

/// Three-valued truth of a node under the answers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    Met,
    NotMet,
    Open,
}

impl Status {
    fn and(self, other: Status) -> Status {
        match (self, other) {
            (Status::NotMet, _) | (_, Status::NotMet) => Status::NotMet,
            (Status::Met, Status::Met) => Status::Met,
            _ => Status::Open,
        }
    }

    fn or(self, other: Status) -> Status {
        match (self, other) {
            (Status::Met, _) | (_, Status::Met) => Status::Met,
            (Status::NotMet, Status::NotMet) => Status::NotMet,
            _ => Status::Open,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Status::Met => "met",
            Status::NotMet => "not_met",
            Status::Open => "open",
        }
    }
}

fn of_answer(a: ItemAnswer) -> Status {
    match a {
        ItemAnswer::Yes => Status::Met,
        ItemAnswer::No => Status::NotMet,
        ItemAnswer::Unknown => Status::Open,
    }
}

/// What the answers say about a node and its items.
#[derive(Debug, Clone, PartialEq)]
pub struct Evaluation {
    pub code: String,
    pub status: Status,
    /// The most specific items met: down through "any" nodes to the item met, stopping at
    /// an "all" node or a leaf ("6A003.b.4.b").
    pub matched_items: Vec<String>,
    /// The most specific items still possible: like `matched_items`, but not descending
    /// below a node with no answer under it.
    pub open_items: Vec<String>,
    /// The releases answered "yes" that release an item not otherwise ruled out.
    pub released_by: Vec<String>,
}

struct Eval<'a> {
    ds: &'a Dataset,
    answers: &'a ItemAnswers,
    releases: Vec<(u32, Release)>,
    /// Per node: (own condition, release factor, status), computed once.
    memo: Vec<Option<(Status, Status, Status)>>,
}

impl Eval<'_> {
    /// The node's own words: the answer, or, unanswered, implied (an item without words, or
    /// one whose items name its kinds "as follows") or unknown.
    fn own(&self, idx: u32, s: &Structure) -> Status {
        let n = &self.ds.nodes[idx as usize];
        if is_not_used(&n.text) {
            return Status::NotMet;
        }
        match self.answers.get(&n.code) {
            Some(&a) => of_answer(a),
            None if !asks_own(&n.text, s) => Status::Met,
            None => Status::Open,
        }
    }

    /// Releases of the node: NotMet when one is answered "yes", Open when one is "don't
    /// know", Met (no effect) otherwise.
    fn release_factor(&self, idx: u32) -> Status {
        let mut f = Status::Met;
        for (_, r) in self.releases.iter().filter(|(t, _)| *t == idx) {
            match self.answers.get(&r.key) {
                Some(ItemAnswer::Yes) => return Status::NotMet,
                Some(ItemAnswer::Unknown) => f = Status::Open,
                _ => {}
            }
        }
        f
    }

    /// (own, release factor, status before releases).
    fn node(&mut self, idx: u32) -> (Status, Status, Status) {
        if let Some(v) = self.memo[idx as usize] {
            return v;
        }
        let ds = self.ds;
        let s = structure(ds, idx);
        let own = self.own(idx, &s);
        let items: Vec<u32> = ds.nodes[idx as usize]
            .children
            .iter()
            .copied()
            .filter(|&c| !is_not_used(&ds.nodes[c as usize].text))
            .collect();
        let body = match s.combine {
            _ if items.is_empty() => Status::Met,
            Combine::Leaf => Status::Met,
            Combine::Any => items
                .iter()
                .fold(Status::NotMet, |acc, &c| acc.or(self.status(c))),
            Combine::All => items
                .iter()
                .fold(Status::Met, |acc, &c| acc.and(self.status(c))),
        };
        let v = (own, self.release_factor(idx), own.and(body));
        self.memo[idx as usize] = Some(v);
        v
    }

    fn status(&mut self, idx: u32) -> Status {
        let (_, release, before) = self.node(idx);
        before.and(release)
    }

    fn answered_below(&self, idx: u32) -> bool {
        let code = &self.ds.nodes[idx as usize].code;
        let prefix = format!("{code}.");
        self.answers
            .range(prefix.clone()..)
            .take_while(|(k, _)| k.starts_with(&prefix))
            .next()
            .is_some()
    }

    fn visit(&mut self, idx: u32, context: Status, out: &mut Evaluation) {
        let ds = self.ds;
        let n = &ds.nodes[idx as usize];
        if is_not_used(&n.text) {
            return;
        }
        let (own, release, _) = self.node(idx);
        let eff = context.and(self.status(idx));
        if eff == Status::NotMet {
            return;
        }
        let s = structure(ds, idx);
        if s.combine == Combine::Any && !n.children.is_empty() && self.answered_below(idx) {
            let inner = context.and(own).and(release);
            for &c in &n.children {
                self.visit(c, inner, out);
            }
        } else if eff == Status::Met {
            out.matched_items.push(n.code.clone());
        } else {
            out.open_items.push(n.code.clone());
        }
    }
}

/// Whether a node's own words need the user's answer: not for an item without words, one
/// whose items name its kinds "as follows" (meeting an item meets it), one whose words are
/// only a lead-in ("Having all of the following:": its items alone decide), or a "not used"
/// one.
fn asks_own(text: &str, s: &Structure) -> bool {
    // An "as follows" heading that sets a number of its own ("Surface vessels of 1 000 t or
    // more, as follows") is a condition as well as a list of kinds: it asks.
    let kinds_only = s.lead == Some(AS_FOLLOWS) && thresholds(text).is_empty();
    !(text.trim().is_empty()
        || is_not_used(text)
        || (kinds_only && s.combine != Combine::Leaf)
        || (s.combine != Combine::Leaf && only_a_lead_in(text)))
}

/// Words around a lead-in that state no condition ("Having any of the following
/// characteristics:", "Being any of the following:").
const LEAD_IN_FILLER: &[&str] = &["having", "being", "is", "characteristics", "features"];

/// The text is a lead-in and nothing else: "Having all of the following:", "Any of the
/// following:". Such a node is met exactly when its items are.
fn only_a_lead_in(text: &str) -> bool {
    let mut rest = text.to_lowercase();
    let leads = lead_ins(&rest);
    if leads.is_empty() {
        return false;
    }
    for (at, phrase, _) in leads.iter().rev() {
        rest.replace_range(*at..*at + phrase.len(), " ");
    }
    rest.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .all(|w| LEAD_IN_FILLER.contains(&w))
}

/// What the answers decide about one node of a checklist (the UI's walk: a decided node
/// folds its items, a node that asks gets yes / no / don't know).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NodeState {
    /// The node with its items and releases, its ancestors not counted.
    pub status: Status,
    /// Its own words need an answer (see `asks_own`).
    pub asks: bool,
    /// A release answered "yes" takes it out.
    pub released: bool,
}

/// The state of every node of the checklist of `code` (the node and all below it), by code.
pub fn node_states(
    ds: &Dataset,
    code: &str,
    answers: &ItemAnswers,
) -> Option<BTreeMap<String, NodeState>> {
    let idx = ds.node_index(code)?;
    let mut ev = Eval {
        ds,
        answers,
        releases: entry_releases(ds, idx),
        memo: vec![None; ds.nodes.len()],
    };
    let mut out = BTreeMap::new();
    let mut stack = vec![idx];
    while let Some(i) = stack.pop() {
        let n = &ds.nodes[i as usize];
        let (_, release, before) = ev.node(i);
        out.insert(
            n.code.clone(),
            NodeState {
                status: before.and(release),
                asks: asks_own(&n.text, &structure(ds, i)),
                released: release == Status::NotMet,
            },
        );
        stack.extend(n.children.iter().copied());
    }
    Some(out)
}

/// Evaluate the node `code` (an entry or an item) under the answers. Answers outside it are
/// ignored; releases standing on its ancestors count.
pub fn evaluate(ds: &Dataset, code: &str, answers: &ItemAnswers) -> Option<Evaluation> {
    let idx = ds.node_index(code)?;
    let mut ev = Eval {
        ds,
        answers,
        releases: entry_releases(ds, idx),
        memo: vec![None; ds.nodes.len()],
    };
    // The ancestors' own words and releases frame the node.
    let mut context = Status::Met;
    let mut up = ds.nodes[idx as usize].parent;
    while let Some(p) = up {
        let s = structure(ds, p);
        context = context.and(ev.own(p, &s)).and(ev.release_factor(p));
        up = ds.nodes[p as usize].parent;
    }
    let mut out = Evaluation {
        code: ds.nodes[idx as usize].code.clone(),
        status: context.and(ev.status(idx)),
        matched_items: Vec::new(),
        open_items: Vec::new(),
        released_by: Vec::new(),
    };
    ev.visit(idx, context, &mut out);
    let own_code = out.code.clone();
    let releases = ev.releases.clone();
    for (t, r) in &releases {
        let target = &ds.nodes[*t as usize].code;
        let applies = answers.get(&r.key) == Some(&ItemAnswer::Yes)
            && (is_within(target, &own_code) || is_within(&own_code, target))
            && ev.node(*t).2 != Status::NotMet;
        if applies && !out.released_by.contains(&r.key) {
            out.released_by.push(r.key.clone());
        }
    }
    Some(out)
}

/// The code an answer key is about: the code itself, or the item a release stands under
/// ("Note 3 to 6A003.b.4" -> "6A003.b.4").
pub fn key_code(key: &str) -> &str {
    key.rsplit_once(" to ").map_or(key, |(_, code)| code)
}

/// The top-level entries the answers are about, in code order, once each.
pub fn answered_entries(ds: &Dataset, answers: &ItemAnswers) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for key in answers.keys() {
        let Some(idx) = ds.node_index(key_code(key)) else {
            continue;
        };
        let top = &ds.entries[ds.nodes[idx as usize].entry as usize].code;
        if !out.contains(top) {
            out.push(top.clone());
        }
    }
    out.sort();
    out
}

/// What the user walked, one node per entry the answers touch: the nearest node holding
/// every answered code of that entry (a release key counts as the item it stands under).
/// The verdict weighs the walk there, not the whole entry: answering the items of 5A001.f
/// says nothing about 5A001.a to .j, which count only when the search showed them or the
/// user chose them (as candidates and entries do).
pub fn walked_scopes(ds: &Dataset, answers: &ItemAnswers) -> Vec<String> {
    let mut scopes: Vec<String> = Vec::new();
    for key in answers.keys() {
        let code = key_code(key);
        if ds.node_index(code).is_none() {
            continue;
        }
        match scopes
            .iter_mut()
            .find(|s| crate::codes::top_level(s) == crate::codes::top_level(code))
        {
            Some(scope) => {
                while !is_within(code, scope) {
                    match crate::codes::parent_code(scope) {
                        Some(p) => *scope = p.to_string(),
                        None => break,
                    }
                }
            }
            None => scopes.push(code.to_string()),
        }
    }
    scopes.sort();
    scopes
}

/// Check item answers: every key names a node or a release of the data.
pub fn check_answers(ds: &Dataset, answers: &ItemAnswers) -> Result<(), String> {
    for key in answers.keys() {
        if ds.node_index(key).is_some() {
            continue;
        }
        let release = key.rsplit_once(" to ").and_then(|(_, code)| {
            let idx = ds.node_index(code)?;
            entry_releases(ds, idx)
                .into_iter()
                .find(|(_, r)| &r.key == key)
        });
        if release.is_none() {
            return Err(format!(
                "unknown item `{key}` in `itemAnswers` (expected an Annex I code such as 6A003.b.4 or a release such as \"Note to 6A003.b\")"
            ));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(text: &str) -> (f64, String, &'static str, Option<f64>, String) {
        let t = thresholds(text);
        assert_eq!(t.len(), 1, "{text}: {t:?}");
        let t = &t[0];
        (
            t.value,
            t.unit.clone(),
            t.comparator,
            t.upper,
            t.text.clone(),
        )
    }

    #[test]
    fn numbers_are_written_the_ojs_way() {
        assert_eq!(parse_number("1 000 W", 0), Some((1000.0, 5)));
        assert_eq!(parse_number("0,5 %", 0), Some((0.5, 3)));
        assert_eq!(
            parse_number("1 000 000 frames/s", 0).map(|n| n.0),
            Some(1e6)
        );
        assert_eq!(parse_number("-55 °C", 0).map(|n| n.0), Some(-55.0));
        assert_eq!(parse_number("4 × 10⁶ pixels", 0).map(|n| n.0), Some(4e6));
        assert_eq!(parse_number("10⁻⁶ per hour", 0).map(|n| n.0), Some(1e-6));
        // A code or a dotted version number is not a quantity.
        assert_eq!(parse_number("802.11", 0), None);
        // "12 500" joins; "2 100 ,"-style groups only join after at most three digits.
        assert_eq!(parse_number("12 500 m", 0).map(|n| n.0), Some(12500.0));
        assert_eq!(parse_number("2022 100 m", 0).map(|n| n.0), Some(2022.0));
    }

    #[test]
    fn comparators_of_the_annex() {
        // 6A005: "output power exceeding 1 000 W"-style wordings.
        let (v, u, c, _, t) = one("An average or CW output power exceeding 1 000 W;");
        assert_eq!(
            (v, u.as_str(), c, t.as_str()),
            (1000.0, "W", ">", "exceeding 1 000 W")
        );
        // 3A001 filters: "more than 0,5 % of centre frequency".
        let (v, u, c, _, _) =
            one("A band-pass bandwidth of more than 0,5 % of centre frequency; or");
        assert_eq!((v, u.as_str(), c), (0.5, "%", ">"));
        let (v, _, c, _, _) = one("A band-stop bandwidth of less than 0,5 % of centre frequency;");
        assert_eq!((v, c), (0.5, "<"));
        // 2B001.b.1.a: "equal to or less (better) than 0,9 μm".
        let t = thresholds("\"Unidirectional positioning repeatability\" equal to or less (better) than 0,9 μm along one or more linear axis with a travel length less than 1,0 m; or");
        assert_eq!(t.len(), 2, "{t:?}");
        assert_eq!(
            (t[0].value, t[0].unit.as_str(), t[0].comparator),
            (0.9, "μm", "<=")
        );
        assert_eq!(t[0].text, "equal to or less (better) than 0,9 μm");
        assert_eq!(
            (t[1].value, t[1].unit.as_str(), t[1].comparator),
            (1.0, "m", "<")
        );
        // 6A003.a.3: "less (better) than 50 ns"; 6A003.a.4: "exceeding 1 000 000 frames/s".
        let (v, u, c, _, _) =
            one("Electronic streak cameras having temporal resolution less (better) than 50 ns;");
        assert_eq!((v, u.as_str(), c), (50.0, "ns", "<"));
        let (v, u, c, _, _) =
            one("Electronic framing cameras having a speed exceeding 1 000 000 frames/s;");
        assert_eq!((v, u.as_str(), c), (1e6, "frames/s", ">"));
        // 3A001.a: "below 218 K (-55 °C)", the equivalent kept in the text, not repeated.
        let (v, u, c, _, t) =
            one("Rated for operation at an ambient temperature below 218 K (-55 °C); or");
        assert_eq!(
            (v, u.as_str(), c, t.as_str()),
            (218.0, "K", "<", "below 218 K (-55 °C)")
        );
        // 6A003.b.4 Note 3: "equal to or less than 9 Hz".
        let (v, u, c, _, _) = one("A maximum frame rate equal to or less than 9 Hz ;");
        assert_eq!((v, u.as_str(), c), (9.0, "Hz", "<="));
        // After the number: "3 mm or less", "12 elements or fewer", "37 GBq/kg (1 Ci/kg) or greater" is read as its unit.
        let (v, u, c, _, _) = one("Rotor tube cylinders with a wall thickness of 12 mm or less;");
        assert_eq!((v, u.as_str(), c), (12.0, "mm", "<="));
        let (v, u, c, _, _) =
            one("linear \"focal plane arrays\" with 12 elements or fewer, not employing");
        assert_eq!((v, u.as_str(), c), (12.0, "elements", "<="));
        // 6A003.b.1.a.1: a defined term as the unit.
        let (v, u, c, _, _) = one(
            "More than 4 × 10⁶ \"active pixels\" per solid-state array for monochrome cameras;",
        );
        assert_eq!((v, u.as_str(), c), (4e6, "active pixels", ">"));
        // "hydrophone sensitivity greater (better) than -180 dB".
        let (v, u, c, _, _) = one("A 'hydrophone sensitivity' greater (better) than -180 dB at any depth with no acceleration compensation;");
        assert_eq!((v, u.as_str(), c), (-180.0, "dB", ">"));
        // "at least 2 mrad".
        let (v, u, c, _, _) = one("a minimum horizontal or vertical 'Instantaneous Field of View (IFOV)' of at least 2 mrad (milliradians);");
        assert_eq!((v, u.as_str(), c), (2.0, "mrad", ">="));
    }

    #[test]
    fn ranges_and_their_limits() {
        // 0B001.c.3: "a diameter of between 75 mm and 650 mm".
        let t = thresholds("Rotor tube cylinders with a wall thickness of 12 mm or less, a diameter of between 75 mm and 650 mm, made from 'high strength-to-density ratio materials';");
        assert_eq!(t.len(), 2, "{t:?}");
        assert_eq!(
            (t[1].value, t[1].upper, t[1].unit.as_str(), t[1].comparator),
            (75.0, Some(650.0), "mm", "between")
        );
        assert_eq!(t[1].text, "between 75 mm and 650 mm");
        // 3A001.a.2.c: "from 218 K (-55 °C) to 398 K (125 °C)".
        let (v, u, c, up, t) = one("Rated for operation over the entire ambient temperature range from 218 K (-55 °C) to 398 K (125 °C);");
        assert_eq!((v, up, u.as_str(), c), (218.0, Some(398.0), "K", "between"));
        assert_eq!(t, "from 218 K (-55 °C) to 398 K (125 °C)");
        // 6A001.a.1.b.2: "in the band from 10 kHz to 24 kHz inclusive", after an "exceeding".
        let t = thresholds("Sound pressure level exceeding 224 dB (reference 1 μPa at 1 m) for equipment with an operating frequency in the band from 10 kHz to 24 kHz inclusive;");
        assert_eq!(t.len(), 2, "{t:?}");
        assert_eq!(
            (t[0].value, t[0].unit.as_str(), t[0].comparator),
            (224.0, "dB", ">")
        );
        assert_eq!(
            (t[1].value, t[1].upper, t[1].unit.as_str()),
            (10.0, Some(24.0), "kHz")
        );
        // 6A003.b.1: "exceeding 10 nm but not exceeding 30 000 nm": two limits.
        let t = thresholds("having a peak response in the wavelength range exceeding 10 nm but not exceeding 30 000 nm and having all of the following:");
        assert_eq!(t.len(), 2, "{t:?}");
        assert_eq!((t[0].value, t[0].comparator), (10.0, ">"));
        assert_eq!(
            (t[1].value, t[1].comparator, t[1].unit.as_str()),
            (30000.0, "<=", "nm")
        );
    }

    #[test]
    fn limits_written_in_other_words() {
        let cmp = |text: &str| {
            thresholds(text)
                .into_iter()
                .map(|t| (t.comparator, t.value, t.unit))
                .collect::<Vec<_>>()
        };
        // 0B001.b.11, 0B001.c.3: "up to" is at most.
        assert_eq!(
            cmp("a rigid cylinder of wall thickness up to 30 mm with precision machined ends"),
            [("<=", 30.0, "mm".to_string())]
        );
        // 3A001.b.2.a: "exceeding 2,7 GHz up to and including 6,8 GHz".
        assert_eq!(
            cmp("at frequencies exceeding 2,7 GHz up to and including 6,8 GHz"),
            [
                (">", 2.7, "GHz".to_string()),
                ("<=", 6.8, "GHz".to_string())
            ]
        );
        assert_eq!(
            cmp("designed for use under 10 kHz"),
            [("<", 10.0, "kHz".to_string())]
        );
        assert_eq!(
            cmp("a mass not greater than 100 kg; a pressure not less than 2 MPa"),
            [
                ("<=", 100.0, "kg".to_string()),
                (">=", 2.0, "MPa".to_string())
            ]
        );
        // 5A001.b.3.b: "in excess of 50 kHz"; "100 or more times" takes the word after.
        assert_eq!(
            cmp("100 or more times the bandwidth of any one information channel and in excess of 50 kHz"),
            [(">=", 100.0, "times".to_string()), (">", 50.0, "kHz".to_string())]
        );
        // "better than" qualifies quantities where less is better (0B001.j.5.d).
        assert_eq!(
            cmp("Voltage regulation of better than 0,01 % over a period of 8 hours;"),
            [("<", 0.01, "%".to_string())]
        );
        // Signs: "≥ 0,4 kg/h and ≤ 400 kg/h" (2B352.h.1), "+20 dBm" (5A001.d.1), "± 6,25 %"
        // (6A008.b), "less(better) than -80 dB" (5A001.b.2.b).
        assert_eq!(
            cmp("A water evaporation capacity of ≥ 0,4 kg/h and ≤ 400 kg/h;"),
            [
                (">=", 0.4, "kg/h".to_string()),
                ("<=", 400.0, "kg/h".to_string())
            ]
        );
        assert_eq!(
            cmp("an ERP equal to or greater than +20 dBm (22,15 dBm EIRP);"),
            [(">=", 20.0, "dBm".to_string())]
        );
        assert_eq!(
            cmp("A \"tunable\" bandwidth exceeding ± 6,25 % of the centre operating frequency;"),
            [(">", 6.25, "%".to_string())]
        );
        assert_eq!(
            cmp("distortion content of less(better) than -80 dB;"),
            [("<", -80.0, "dB".to_string())]
        );
        // After the number, past the words of the unit or an equivalent in parentheses.
        assert_eq!(
            cmp("a condenser capacity of 10 kg of ice or more in 24 hours"),
            [(">=", 10.0, "kg of ice".to_string())]
        );
        assert_eq!(
            cmp("Capable of measuring ions of 320 atomic mass units or greater and having a resolution of better than 1 part in 320;"),
            [
                (">=", 320.0, "atomic mass units".to_string()),
                ("<", 1.0, "part in 320".to_string())
            ]
        );
        assert_eq!(
            cmp("a 'gas path temperature' of 1 373 K (1 100 °C) or more;"),
            [(">=", 1373.0, "K".to_string())]
        );
        assert_eq!(
            cmp("at frequencies of 200 Hz and below."),
            [("<=", 200.0, "Hz".to_string())]
        );
        // Units in words: abbreviated in parentheses, "per ...", "of arc".
        assert_eq!(
            cmp("an \"APP\" exceeding 70 Weighted TeraFLOPS (WT);"),
            [(">", 70.0, "WT".to_string())]
        );
        assert_eq!(
            cmp("less (better) than or equal to 0,0035 degree per square root hour; or"),
            [("<=", 0.0035, "degree per square root hour".to_string())]
        );
        assert_eq!(
            cmp("less (better) than 2 seconds of arc, TIR over 300 mm of travel;"),
            [("<", 2.0, "seconds of arc".to_string())]
        );
    }

    #[test]
    fn numbers_in_scientific_writing() {
        // "× 10ⁿ" with or without spaces; E-notation with a sign; a decimal point after "0".
        assert_eq!(parse_number("5× 10³ Gy", 0).map(|n| n.0), Some(5e3));
        assert_eq!(parse_number("1E-9 failures", 0).map(|n| n.0), Some(1e-9));
        assert_eq!(parse_number("2,5E+6 Hz", 0).map(|n| n.0), Some(2.5e6));
        assert_eq!(parse_number("0.1 MPa", 0).map(|n| n.0), Some(0.1));
        // "3E001" is a code and "2.5" no quantity the OJ writes.
        assert_eq!(parse_number("3E001,", 0).map(|n| n.1), Some(1));
        assert_eq!(parse_number("2.5 mm", 0), None);
        let (v, _, c, _, _) = one("being less (better) than 1E-9 failures per flight hour;");
        assert_eq!((v, c), (1e-9, "<"));
    }

    #[test]
    fn ranges_written_in_other_words() {
        let range = |text: &str| {
            thresholds(text)
                .into_iter()
                .map(|t| (t.comparator, t.value, t.upper, t.unit))
                .collect::<Vec<_>>()
        };
        // 0B001.c.1 "a pore size of 10 to 100 nm"; 0B004.b.10.3 "in the range of 0.1 to 4 MPa".
        assert_eq!(
            range("with a pore size of 10 to 100 nm, a thickness of 5 mm or less"),
            [
                ("between", 10.0, Some(100.0), "nm".to_string()),
                ("<=", 5.0, None, "mm".to_string())
            ]
        );
        assert_eq!(
            range("Capable of operating with pressure in the range of 0.1 to 4 MPa; and"),
            [("between", 0.1, Some(4.0), "MPa".to_string())]
        );
        // 5A001.b.2: "in the 1,5 MHz to 87,5 MHz band"; not "within 0 to 0,2 mm".
        assert_eq!(
            range("radio equipment operating in the 1,5 MHz to 87,5 MHz band"),
            [("between", 1.5, Some(87.5), "MHz".to_string())]
        );
        assert!(range("a resolution within 0 to 0,2 mm of the range").is_empty());
        // 3A501.b.13.b "from 2 GHz up to and including 15 GHz".
        assert_eq!(
            range("Designed for operation at any frequency from 2 GHz up to and including 15 GHz;"),
            [("between", 2.0, Some(15.0), "GHz".to_string())]
        );
        // 2B116.a "between 20 Hz and 2 kHz": one unit for both ends.
        assert_eq!(
            range("10 g rms between 20 Hz and 2 kHz while"),
            [("between", 0.02, Some(2.0), "kHz".to_string())]
        );
        // 5A001.b.1.a: "outside the range from 20 kHz to 60 kHz" is not "between".
        assert_eq!(
            range("An acoustic carrier frequency outside the range from 20 kHz to 60 kHz;"),
            [("outside", 20.0, Some(60.0), "kHz".to_string())]
        );
    }

    #[test]
    fn formulas_are_marked_and_no_number_is_made_up() {
        // 2B006.a: "equal to or less (better) than (1,7 + L/1 000 ) μm".
        let t = thresholds("a maximum permissible error equal to or less (better) than (1,7 + L/1 000 ) μm (L is the measured length in mm), according to ISO 10360-2:2009;");
        assert_eq!(t.len(), 1, "{t:?}");
        assert!(t[0].formula && t[0].value.is_nan());
        assert_eq!((t[0].comparator, t[0].unit.as_str()), ("<=", "μm"));
        assert_eq!(
            t[0].text,
            "equal to or less (better) than (1,7 + L/1 000 ) μm"
        );
        // 3A001.a.12: a divisor after the parenthesis.
        let t = thresholds("an N-point complex FFT of less than (N log2 N) /20 480  ms, where N is the number of points;");
        assert_eq!(t.len(), 1, "{t:?}");
        assert_eq!(
            (t[0].formula, t[0].comparator, t[0].unit.as_str()),
            (true, "<", "ms")
        );
        // 6A001.a.1.c.1.a: "exceeding (10log(f) + 169,77) dB".
        let t = thresholds("a radiated 'free-field Source Level (SLRMS)' exceeding (10log(f) + 169,77) dB (reference 1 μPa at 1 m) where f is the frequency in Hertz");
        assert_eq!(t.len(), 1, "{t:?}");
        assert_eq!(
            (t[0].formula, t[0].comparator, t[0].unit.as_str()),
            (true, ">", "dB")
        );
        // A made-up "exceeding (8 + 0.0009L) µm" of the same shape.
        let t = thresholds("an error exceeding (8 + 0.0009L) µm;");
        assert_eq!((t.len(), t[0].formula, t[0].comparator), (1, true, ">"));
        // 3A001.b.12.c: "15 divided by the lowest operating frequency in GHz" is no 15;
        // nor is the bracketed "d ≤ 15cm × GHz × N/fGHz".
        let t = thresholds("length d (in cm) equal to or less than 15 divided by the lowest operating frequency in GHz [d ≤ 15cm × GHz × N/fGHz] where N is");
        assert!(t.iter().all(|t| t.formula), "{t:?}");
        // "10 Hz ≤ F ≤ 10 kHz" bounds the formula's variable, not the item.
        let t = thresholds("less (better) than -(126 + 20log10F - 20log10f) anywhere within the range of 10 Hz ≤ F ≤ 10 kHz;");
        assert_eq!(t.len(), 1, "{t:?}");
        assert!(t[0].formula);
        // Brackets with words only are no formula: "(mean + 3 sigma)" follows a number.
        let t = thresholds("an image placement less than 17 nm (mean + 3 sigma);");
        assert_eq!((t.len(), t[0].formula, t[0].value), (1, false, 17.0));
        // Serialised with its marker, and without it when false.
        let json = serde_json::to_value(&t[0]).expect("json");
        assert!(json.get("formula").is_none());
    }

    #[test]
    fn numbers_without_a_comparator_are_not_thresholds() {
        assert!(thresholds("Optical mirrors specified in 6A004.a.;").is_empty());
        assert!(thresholds("IEEE 802.11 WLAN equipment").is_empty());
        assert!(thresholds("(reference 1 μPa at 1 m)").is_empty());
        assert!(thresholds("Three linear axes plus one rotary axis").is_empty());
    }

    #[test]
    fn lead_ins_and_connectors() {
        assert_eq!(
            closing_connector("exceeding 3 800 m/s; or"),
            Some(Connector::Or)
        );
        assert_eq!(
            closing_connector("'Sounding resolution' less than 2; and"),
            Some(Connector::And)
        );
        assert_eq!(closing_connector("Sound speed at the sensor;"), None);
        assert_eq!(closing_connector("Oregano and"), Some(Connector::And));
        assert_eq!(closing_connector("a band"), None);
        let kinds = |t: &str| {
            lead_ins(t)
                .into_iter()
                .map(|l| (l.1, l.2))
                .collect::<Vec<_>>()
        };
        assert_eq!(
            kinds(
                "Imaging cameras incorporating \"focal plane arrays\" having any of the following:"
            ),
            vec![("having any of the following", Combine::Any)]
        );
        assert_eq!(
            kinds("Active individual sonars ... having all of the following, and specially designed transmitting and receiving acoustic arrays therefor:"),
            vec![("having all of the following", Combine::All)]
        );
        assert_eq!(
            kinds("Plug-ins having both of the following characteristics:"),
            vec![("both of the following", Combine::All)]
        );
        assert_eq!(
            kinds("Compensation for all the following:"),
            vec![("all the following", Combine::All)]
        );
        assert_eq!(
            kinds("Constructed of either of the following:"),
            vec![("either of the following", Combine::Any)]
        );
        assert_eq!(
            kinds("Cameras, systems or equipment, and components therefor, as follows:"),
            vec![("as follows", Combine::Any)]
        );
        assert!(
            kinds("Electronic streak cameras having temporal resolution less than 50 ns;")
                .is_empty()
        );
    }

    #[test]
    fn a_bare_lead_in_asks_nothing_of_its_own() {
        // 9A012.a.1, 6A003.b.1.a, 6A002.a.3.a.2: the items alone decide.
        for text in [
            "Having all of the following:",
            "Having any of the following:",
            "Any of the following:",
            "Being any of the following:",
            "Having any of the following characteristics:",
            "Having all the following:",
        ] {
            assert!(only_a_lead_in(text), "{text}");
        }
        // Words of their own are a condition to answer: 2B001.b.2, 6A001.a.2.a, 6A008.a, 8A001.b.
        for text in [
            "Five or more axes which can be coordinated simultaneously for \"contouring control\" having any of the following;",
            "Hydrophones having any of the following:",
            "Operating at frequencies from 40 GHz to 230 GHz and having any of the following:",
            "Manned, untethered submersible vehicles having any of the following:",
            "Imaging cameras as follows:",
        ] {
            assert!(!only_a_lead_in(text), "{text}");
        }
    }

    #[test]
    fn not_used_items_hold_nothing() {
        assert!(is_not_used("Not used;"));
        assert!(!is_not_used("Not used for"));
    }
}

/// A plain-language question for a checklist node or release, in one language
/// (data/checklist-questions.txt): asks for the node's own words, which stay shown.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Question {
    pub ask: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub help: Option<String>,
}

impl Leads {
    /// The question of a key in `lang` ("en", "de" or "fr"; any other reads English).
    pub fn get(&self, key: &str, lang: &str) -> Option<Question> {
        let i = self.keys.binary_search_by(|k| k.as_str().cmp(key)).ok()?;
        let l = LEAD_LANGS.iter().position(|&x| x == lang).unwrap_or(0);
        let help = &self.help[l][i];
        Some(Question {
            ask: self.ask[l][i].clone(),
            help: (!help.is_empty()).then(|| help.clone()),
        })
    }
}

/// The checklist of a code with the plain-language questions in `lang` ("en", "de", "fr").
pub fn checklist_in(ds: &Dataset, code: &str, lang: &str) -> Option<ChecklistNode> {
    fn attach(leads: &Leads, n: &mut ChecklistNode, lang: &str) {
        n.question = leads.get(&n.code, lang);
        for r in &mut n.releases {
            r.question = leads.get(&r.key, lang);
        }
        for c in &mut n.children {
            attach(leads, c, lang);
        }
    }
    let mut tree = checklist(ds, code)?;
    attach(&ds.checklist_leads, &mut tree, lang);
    Some(tree)
}
