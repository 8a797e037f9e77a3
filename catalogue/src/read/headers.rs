//! Turning raw header cells into unique column names, and keeping cells within the limits.

use crate::limits::MAX_CELL_CHARS;
use crate::table::column_letter;

use super::Notice;

/// Unique, non-empty names for the header cells, and the notices for what was renamed.
pub(crate) fn name_headers(raw: &[String], sheet: &Option<String>) -> (Vec<String>, Vec<Notice>) {
    let mut names: Vec<String> = Vec::with_capacity(raw.len());
    let mut blank_names = Vec::new();
    let mut duplicate_names = Vec::new();
    let tidy: Vec<String> = raw
        .iter()
        .map(|cell| cell.split_whitespace().collect::<Vec<_>>().join(" "))
        .collect();
    for (index, header) in tidy.iter().enumerate() {
        let wanted = if header.is_empty() {
            let name = format!("Column {}", column_letter(index));
            blank_names.push(name.clone());
            name
        } else {
            header.clone()
        };
        let taken = |candidate: &str| {
            names.iter().any(|name| name.eq_ignore_ascii_case(candidate))
                // A later header of that exact name keeps it; the blank or repeat moves.
                || (header.is_empty() && tidy.iter().any(|other| other.eq_ignore_ascii_case(candidate)))
        };
        let name = if taken(&wanted) {
            let unique = (2..)
                .map(|number| format!("{wanted} ({number})"))
                .find(|candidate| {
                    !taken(candidate)
                        && !tidy
                            .iter()
                            .any(|other| other.eq_ignore_ascii_case(candidate))
                })
                .expect("some number is free");
            if !header.is_empty() {
                duplicate_names.push(unique.clone());
            }
            unique
        } else {
            wanted
        };
        names.push(name);
    }
    let mut notices = Vec::new();
    if !blank_names.is_empty() {
        notices.push(Notice::BlankHeadersNamed {
            sheet: sheet.clone(),
            names: blank_names,
        });
    }
    if !duplicate_names.is_empty() {
        notices.push(Notice::DuplicateHeadersRenamed {
            sheet: sheet.clone(),
            names: duplicate_names,
        });
    }
    (names, notices)
}

/// Cuts cells longer than [`MAX_CELL_CHARS`] and counts them for one notice per sheet.
#[derive(Debug, Default)]
pub(crate) struct CellLimiter {
    truncated: usize,
    first_row: usize,
}

impl CellLimiter {
    pub(crate) fn limit(&mut self, mut value: String, row: usize) -> String {
        // A char is at most 4 bytes: shorter strings cannot be over the limit.
        if value.len() > MAX_CELL_CHARS {
            if let Some((cut, _)) = value.char_indices().nth(MAX_CELL_CHARS) {
                value.truncate(cut);
                if self.truncated == 0 {
                    self.first_row = row;
                }
                self.truncated += 1;
            }
        }
        value
    }

    pub(crate) fn notice(&self, sheet: &Option<String>) -> Option<Notice> {
        (self.truncated > 0).then(|| Notice::CellsTruncated {
            sheet: sheet.clone(),
            count: self.truncated,
            first_row: self.first_row,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings(values: &[&str]) -> Vec<String> {
        values.iter().map(|value| value.to_string()).collect()
    }

    #[test]
    fn blank_headers_are_named_by_their_column_letter() {
        let (names, notices) = name_headers(&strings(&["Name", "", " ", "ECCN"]), &None);
        assert_eq!(names, ["Name", "Column B", "Column C", "ECCN"]);
        assert_eq!(
            notices,
            [Notice::BlankHeadersNamed {
                sheet: None,
                names: strings(&["Column B", "Column C"])
            }]
        );
    }

    #[test]
    fn repeated_headers_are_numbered() {
        let (names, notices) = name_headers(&strings(&["Name", "name", "Name", "Name (2)"]), &None);
        assert_eq!(names, ["Name", "name (3)", "Name (4)", "Name (2)"]);
        assert_eq!(notices.len(), 1);
    }

    #[test]
    fn a_real_column_c_keeps_its_name() {
        let (names, _) = name_headers(&strings(&["A", "B", "", "Column C"]), &None);
        assert_eq!(names, ["A", "B", "Column C (2)", "Column C"]);
    }

    #[test]
    fn line_breaks_in_headers_become_spaces() {
        let (names, notices) = name_headers(&strings(&["Part\nnumber", "  Name  "]), &None);
        assert_eq!(names, ["Part number", "Name"]);
        assert!(notices.is_empty());
    }

    #[test]
    fn long_cells_are_cut_at_the_limit_and_counted() {
        let mut limiter = CellLimiter::default();
        let long = "ä".repeat(MAX_CELL_CHARS + 10);
        assert_eq!(limiter.limit(long, 7).chars().count(), MAX_CELL_CHARS);
        assert_eq!(limiter.limit("short".into(), 8), "short");
        assert_eq!(
            limiter.notice(&None),
            Some(Notice::CellsTruncated {
                sheet: None,
                count: 1,
                first_row: 7
            })
        );
    }
}
