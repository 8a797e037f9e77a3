//! The as-of date of each source a result rests on, and whether it is stale: sanctions and
//! embargoes change often, so a result warns when their data is more than six months older
//! than the date on the user's device.

use crate::model::Dataset;
use serde::Serialize;

/// One source of a result, for display beside the verdict.
#[derive(Debug, Clone, Serialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct SourceDate {
    /// `annex-i`, `ugea`, `sanctions`, `embargoes`, `authorities`.
    pub source: &'static str,
    pub document: String,
    /// YYYY-MM-DD.
    pub as_of: String,
    /// Older than `STALE_AFTER_MONTHS` on `today` (only sanctions and embargoes age so).
    pub stale: bool,
}

pub const STALE_AFTER_MONTHS: u32 = 6;

const SOURCES: [(&str, &str, bool); 5] = [
    ("annex-i", "annex-i/cat0.txt", false),
    ("ugea", "ugea.txt", false),
    ("sanctions", "sanctions.txt", true),
    ("embargoes", "embargoes.txt", true),
    ("authorities", "authorities.txt", false),
];

/// The sources of every result, with their dates; `today` (YYYY-MM-DD, the device's date)
/// decides staleness. A malformed `today` marks nothing stale.
pub fn source_dates(ds: &Dataset, today: &str) -> Vec<SourceDate> {
    SOURCES
        .iter()
        .filter_map(|(source, path, ages)| {
            let f = ds.files.iter().find(|f| f.path == *path)?;
            Some(SourceDate {
                source,
                document: f.source.clone(),
                as_of: f.as_of.clone(),
                stale: *ages && older_than_months(&f.as_of, today, STALE_AFTER_MONTHS),
            })
        })
        .collect()
}

fn ymd(date: &str) -> Option<(i32, u32, u32)> {
    let mut p = date.get(..10)?.split('-');
    let y = p.next()?.parse().ok()?;
    let m = p.next()?.parse().ok()?;
    let d = p.next()?.parse().ok()?;
    ((1..=12).contains(&m) && (1..=31).contains(&d)).then_some((y, m, d))
}

/// `as_of` plus `months` is before `today`.
pub fn older_than_months(as_of: &str, today: &str, months: u32) -> bool {
    let (Some((y, m, d)), Some(t)) = (ymd(as_of), ymd(today)) else {
        return false;
    };
    let total = (m - 1) + months;
    let limit = (y + (total / 12) as i32, total % 12 + 1, d);
    t > limit
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn six_months_is_the_limit() {
        assert!(!older_than_months("2026-01-15", "2026-07-15", 6));
        assert!(older_than_months("2026-01-15", "2026-07-16", 6));
        assert!(older_than_months("2025-09-30", "2026-04-01", 6));
        assert!(!older_than_months("2026-01-15", "not a date", 6));
    }
}
