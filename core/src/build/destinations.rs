//! Destination data: UGEAs, sanctions, arms embargoes, competent authorities.

use crate::model::*;
use crate::records::{list, parse_records, yes_no, Errors, Record, RecordFile};

fn provenance(ds: &mut Dataset, f: &RecordFile, errors: &mut Errors) {
    if f.header("source").unwrap_or("").is_empty() || f.header("as-of").unwrap_or("").is_empty() {
        errors.push(
            &f.path,
            1,
            "missing `@source:` / `@as-of:` header (provenance is required)",
        );
    }
    ds.files.push(SourceFile {
        path: f.path.clone(),
        source: f.header("source").unwrap_or("").into(),
        as_of: f.header("as-of").unwrap_or("").into(),
        verified_by: f.header("verified-by").unwrap_or("").into(),
    });
}

fn lines(r: &Record) -> Vec<TextLine> {
    r.body
        .as_deref()
        .unwrap_or(&[])
        .iter()
        .map(|l| TextLine {
            indent: ((l.text.len() - l.text.trim_start().len()) / 2).min(255) as u8,
            text: l.text.trim().to_string(),
        })
        .collect()
}

fn flag(r: &Record, key: &str, path: &str, errors: &mut Errors) -> bool {
    r.get(key).map(|m| yes_no(m, path, errors)).unwrap_or(false)
}

/// A comma list of values, or `*` for "all" (the second value). Each value is checked with
/// `problem`, which says what is wrong with it.
fn star_list(
    r: &Record,
    key: &str,
    path: &str,
    errors: &mut Errors,
    problem: impl Fn(&str) -> Option<String>,
) -> (Vec<String>, bool) {
    let Some(m) = r.get(key) else {
        return (Vec::new(), false);
    };
    if m.value.trim() == "*" {
        return (Vec::new(), true);
    }
    let values = list(&m.value, ',');
    for v in &values {
        if let Some(message) = problem(v) {
            errors.push(path, m.line, message);
        }
    }
    (values, false)
}

fn countries(
    ds: &Dataset,
    r: &Record,
    key: &str,
    path: &str,
    errors: &mut Errors,
) -> (Vec<String>, bool) {
    star_list(r, key, path, errors, |c| {
        ds.country(c)
            .is_none()
            .then(|| format!("`{c}` is not a country code in countries.txt"))
    })
}

fn codes(
    ds: &Dataset,
    r: &Record,
    key: &str,
    path: &str,
    errors: &mut Errors,
) -> (Vec<String>, bool) {
    star_list(r, key, path, errors, |c| {
        crate::model::nearest_existing(ds, c)
            .is_none()
            .then(|| format!("`{c}` is not an Annex I code in the data"))
    })
}

fn verified(r: &Record, path: &str, errors: &mut Errors) -> bool {
    match r.get("verified") {
        Some(m) => yes_no(m, path, errors),
        None => {
            errors.push(
                path,
                r.line,
                format!("record `{}` has no `verified:` line", r.key),
            );
            false
        }
    }
}

/// The duties a UGEA record may name (`duties:`), in the order a UI lists them.
pub const UGEA_DUTIES: &[&str] = &[
    "icp",
    "register",
    "register-if-required",
    "notify-30-days-before",
    "notify-10-days-before",
    "notify-within-30-days-after",
    "customs-declaration",
    "initial-authorisation-reference",
    "report-national",
    "report-yearly",
    "report-on-request",
    "technical-data-on-request",
];

pub fn compile_ugeas(errors: &mut Errors, ds: &mut Dataset, path: &str, text: &str) {
    let f = parse_records(path, text, errors);
    provenance(ds, &f, errors);
    for r in &f.records {
        let (items, all_items) = codes(ds, r, "items", path, errors);
        let (excluded_items, _) = codes(ds, r, "excluded-items", path, errors);
        let (destinations, all_destinations) = countries(ds, r, "destinations", path, errors);
        let (excluded_destinations, _) = countries(ds, r, "excluded-destinations", path, errors);
        let circumstance = match r.value("circumstance").unwrap_or("any") {
            "any" => Circumstance::Any,
            "repair-replacement" => Circumstance::RepairReplacement,
            "exhibition" => Circumstance::Exhibition,
            "intra-group" => Circumstance::IntraGroup,
            other => {
                errors.push(
                    path,
                    r.get("circumstance").map(|m| m.line).unwrap_or(r.line),
                    format!("unknown circumstance `{other}`"),
                );
                Circumstance::Any
            }
        };
        let bars = r.value("bars").map(|v| list(v, ',')).unwrap_or_default();
        for b in &bars {
            if ![
                "wmd",
                "military-embargo",
                "illegal-military-parts",
                "human-rights",
                "government-security",
                "re-export",
            ]
            .contains(&b.as_str())
            {
                errors.push(
                    path,
                    r.get("bars").map(|m| m.line).unwrap_or(r.line),
                    format!("unknown bar `{b}`"),
                );
            }
        }
        let duties = r.value("duties").map(|v| list(v, ',')).unwrap_or_default();
        if duties.is_empty() {
            errors.push(
                path,
                r.line,
                format!("UGEA `{}` needs `duties:` (what using it requires)", r.key),
            );
        }
        for d in &duties {
            if !UGEA_DUTIES.contains(&d.as_str()) {
                errors.push(
                    path,
                    r.get("duties").map(|m| m.line).unwrap_or(r.line),
                    format!("unknown duty `{d}` (one of {})", UGEA_DUTIES.join(", ")),
                );
            }
        }
        ds.ugeas.push(Ugea {
            code: r.key.clone(),
            heading: r.value("heading").unwrap_or("").into(),
            annex_part: r.value("annex-part").unwrap_or("").into(),
            items,
            all_items,
            excluded_items,
            excludes_section_i: flag(r, "excludes-section-i", path, errors),
            destinations,
            all_destinations,
            excluded_destinations,
            excludes_embargoed: flag(r, "excludes-embargoed", path, errors),
            bars,
            circumstance,
            duties,
            conditions: lines(r),
            verified: verified(r, path, errors),
        });
    }
}

pub fn compile_sanctions(errors: &mut Errors, ds: &mut Dataset, path: &str, text: &str) {
    let f = parse_records(path, text, errors);
    provenance(ds, &f, errors);
    for r in &f.records {
        let destination = r.value("destination").unwrap_or("").to_string();
        if ds.country(&destination).is_none() {
            errors.push(
                path,
                r.line,
                format!(
                    "sanction `{}`: destination `{destination}` is not a country code",
                    r.key
                ),
            );
        }
        let line = |k: &str| r.get(k).map(|m| m.line).unwrap_or(r.line);
        let applies_to = match r.value("applies-to").unwrap_or("") {
            "annex-i" => SanctionScope::AnnexI,
            "annex-i-military-end-use" => SanctionScope::AnnexIMilitaryEndUse,
            "telecom-monitoring" => SanctionScope::TelecomMonitoring,
            "selected-items" => SanctionScope::SelectedItems,
            other => {
                errors.push(
                    path,
                    line("applies-to"),
                    format!("unknown applies-to `{other}`"),
                );
                SanctionScope::SelectedItems
            }
        };
        let effect = match r.value("effect").unwrap_or("") {
            "prohibited" => SanctionEffect::Prohibited,
            "authorisation" => SanctionEffect::Authorisation,
            other => {
                errors.push(
                    path,
                    line("effect"),
                    format!("unknown effect `{other}` (prohibited or authorisation)"),
                );
                SanctionEffect::Authorisation
            }
        };
        for k in ["act", "article", "as-of"] {
            if r.value(k).unwrap_or("").is_empty() {
                errors.push(path, r.line, format!("sanction `{}` needs `{k}:`", r.key));
            }
        }
        ds.sanctions.push(SanctionRule {
            key: r.key.clone(),
            destination,
            act: r.value("act").unwrap_or("").into(),
            article: r.value("article").unwrap_or("").into(),
            applies_to,
            effect,
            as_of: r.value("as-of").unwrap_or("").into(),
            summary: lines(r),
            verified: verified(r, path, errors),
        });
    }
}

pub fn compile_embargoes(errors: &mut Errors, ds: &mut Dataset, path: &str, text: &str) {
    let f = parse_records(path, text, errors);
    provenance(ds, &f, errors);
    for r in &f.records {
        if ds.country(&r.key).is_none() {
            errors.push(
                path,
                r.line,
                format!("embargo key `{}` is not a country code", r.key),
            );
        }
        let binding = match r.value("binding").unwrap_or("") {
            "yes" => true,
            "political" | "no" => false,
            other => {
                errors.push(
                    path,
                    r.line,
                    format!("binding must be yes or political, found `{other}`"),
                );
                false
            }
        };
        ds.embargoes.push(Embargo {
            country: r.key.clone(),
            basis: r.value("basis").unwrap_or("").into(),
            binding,
            whole_country: r.value("scope").unwrap_or("whole") == "whole",
            as_of: r.value("as-of").unwrap_or("").into(),
            summary: lines(r),
            verified: verified(r, path, errors),
        });
    }
}

pub fn compile_authorities(errors: &mut Errors, ds: &mut Dataset, path: &str, text: &str) {
    let f = parse_records(path, text, errors);
    provenance(ds, &f, errors);
    for r in &f.records {
        if !ds.country(&r.key).is_some_and(|c| c.eu) {
            errors.push(
                path,
                r.line,
                format!("authority key `{}` is not an EU Member State", r.key),
            );
        }
        ds.authorities.push(Authority {
            member_state: r.key.clone(),
            name: r.value("name").unwrap_or("").into(),
            web: r.value("web").unwrap_or("").into(),
            details: lines(r),
            verified: verified(r, path, errors),
        });
    }
    let missing: Vec<String> = ds
        .countries
        .iter()
        .filter(|c| c.eu && !ds.authorities.iter().any(|a| a.member_state == c.code))
        .map(|c| c.code.clone())
        .collect();
    if !missing.is_empty() {
        errors.push(
            path,
            1,
            format!("no competent authority for {}", missing.join(", ")),
        );
    }
}
