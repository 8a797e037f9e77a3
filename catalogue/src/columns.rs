//! Which columns describe the item: guessed from header words (English, German, French)
//! and from the values (ECCN-like codes, part-number-like tokens, long free text), so the
//! user starts from a sensible choice and only corrects it.

/// The columns the screening reads, each a column index when one fits.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Guess {
    pub name: Option<usize>,
    pub description: Option<usize>,
    pub part_number: Option<usize>,
    /// A US Export Control Classification Number ("5A992.c", "EAR99").
    pub eccn: Option<usize>,
    /// An existing EU (Annex I) or national classification ("5A002.a.1", "AL 0001").
    pub classification: Option<usize>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    Name,
    Description,
    PartNumber,
    Eccn,
    Classification,
}

const ROLES: [Role; 5] = [
    Role::PartNumber,
    Role::Eccn,
    Role::Classification,
    Role::Name,
    Role::Description,
];

/// Header phrases per role, written as [`normalize`] leaves them (lower case, no accents,
/// punctuation as spaces): "Art.-Nr." is "art nr", "Désignation" is "designation".
fn phrases(role: Role) -> &'static [&'static str] {
    match role {
        Role::PartNumber => &[
            "part number",
            "part no",
            "part nr",
            "part num",
            "p n",
            "pn",
            "mpn",
            "sku",
            "art nr",
            "artnr",
            "art no",
            "artikelnummer",
            "artikel nr",
            "artikel nummer",
            "article number",
            "article no",
            "item number",
            "item no",
            "item code",
            "item id",
            "product code",
            "product number",
            "product id",
            "product no",
            "material number",
            "materialnummer",
            "material nr",
            "material",
            "bestellnummer",
            "best nr",
            "order number",
            "order code",
            "order no",
            "catalogue number",
            "catalog number",
            "cat no",
            "reference",
            "ref",
            "ref article",
            "code article",
            "code produit",
            "n article",
            "no article",
            "numero article",
            "numero d article",
            "type number",
            "typennummer",
            "model",
            "modell",
            "modele",
            "model number",
            "ean",
            "gtin",
        ],
        Role::Eccn => &[
            "eccn",
            "us eccn",
            "eccn us",
            "export control classification number",
            "ear",
            "ear classification",
            "ccl",
            "commerce control list",
            "us export classification",
        ],
        Role::Classification => &[
            "al",
            "al nr",
            "al nummer",
            "al number",
            "ausfuhrliste",
            "ausfuhrlistennummer",
            "ausfuhrlistenposition",
            "annex i",
            "anhang i",
            "annexe i",
            "dual use",
            "dual use code",
            "dual use number",
            "dual use classification",
            "dual use item",
            "dual use list",
            "export classification",
            "exportklassifizierung",
            "export control",
            "export control number",
            "export control classification",
            "classification",
            "klassifizierung",
            "classification export",
            "eu classification",
            "control list",
            "guterlistennummer",
            "guterliste",
            "bien a double usage",
            "double usage",
            "classement",
            "classification douane export",
            "dual use eu",
        ],
        Role::Name => &[
            "product",
            "product name",
            "produkt",
            "produktname",
            "produit",
            "nom du produit",
            "nom",
            "name",
            "bezeichnung",
            "artikelbezeichnung",
            "produktbezeichnung",
            "artikel",
            "article",
            "designation",
            "designation article",
            "item",
            "item name",
            "title",
            "titel",
            "kurztext",
            "kurzbezeichnung",
            "libelle",
            "libelle article",
            "short description",
            "description courte",
            "kurzbeschreibung",
            "benennung",
        ],
        Role::Description => &[
            "description",
            "beschreibung",
            "produktbeschreibung",
            "artikelbeschreibung",
            "langtext",
            "long description",
            "description longue",
            "libelle long",
            "details",
            "detail",
            "specification",
            "specifications",
            "spezifikation",
            "caracteristiques",
            "technical data",
            "technische daten",
            "donnees techniques",
            "product description",
            "item description",
            "description produit",
            "text",
            "remarks",
            "bemerkung",
        ],
    }
}

/// Lower case, accents folded, anything but letters and digits as single spaces.
fn normalize(text: &str) -> String {
    let mut folded = String::with_capacity(text.len());
    for character in text.chars().flat_map(char::to_lowercase) {
        let plain = match character {
            'à' | 'â' | 'á' | 'ä' => 'a',
            'é' | 'è' | 'ê' | 'ë' => 'e',
            'î' | 'ï' | 'í' => 'i',
            'ô' | 'ö' | 'ó' => 'o',
            'ù' | 'û' | 'ü' | 'ú' => 'u',
            'ç' => 'c',
            'ß' => 's',
            other if other.is_alphanumeric() => other,
            _ => ' ',
        };
        folded.push(plain);
    }
    folded.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// How well a header names a role, 0 to 1: the share of the header's words that the best
/// matching phrase covers ("Product code" is a part number more than a name).
fn header_score(header: &str, role: Role) -> f32 {
    let header = normalize(header);
    let words: Vec<&str> = header.split(' ').filter(|word| !word.is_empty()).collect();
    if words.is_empty() {
        return 0.0;
    }
    phrases(role)
        .iter()
        .filter_map(|phrase| {
            let phrase_words: Vec<&str> = phrase.split(' ').collect();
            let found = words
                .windows(phrase_words.len())
                .any(|window| window == phrase_words.as_slice());
            found.then(|| phrase_words.len() as f32 / words.len() as f32)
        })
        .fold(0.0, f32::max)
}

/// A code of the Commerce Control List or of Annex I: digit, category letter, three digits,
/// then sub-items ("5A992.c", "3A001.b.2", "0A501").
fn is_control_code(value: &str) -> bool {
    let code = value.trim();
    let bytes = code.as_bytes();
    bytes.len() >= 5
        && bytes[0].is_ascii_digit()
        && matches!(bytes[1].to_ascii_uppercase(), b'A'..=b'E')
        && bytes[2..5].iter().all(u8::is_ascii_digit)
        && bytes[5..]
            .iter()
            .all(|&byte| byte.is_ascii_alphanumeric() || byte == b'.')
}

/// Only the US list has the anti-terrorism 9xx entries and EAR99.
fn is_us_only_code(value: &str) -> bool {
    let code = value.trim().to_ascii_uppercase();
    code == "EAR99" || (is_control_code(&code) && code.as_bytes()[2] == b'9')
}

/// What classification columns hold for unlisted items.
fn is_not_listed_mark(value: &str) -> bool {
    matches!(
        normalize(value).as_str(),
        "n" | "no"
            | "none"
            | "nein"
            | "non"
            | "nlr"
            | "not listed"
            | "nicht gelistet"
            | "non liste"
            | "keine"
            | "aucun"
            | "na"
            | "n a"
    ) || value.trim() == "-"
}

fn is_part_number_like(value: &str) -> bool {
    let value = value.trim();
    (3..=30).contains(&value.len())
        && !value.contains(' ')
        && value.chars().any(|character| character.is_ascii_digit())
        && value
            .chars()
            .all(|character| character.is_alphanumeric() || "-./_#".contains(character))
        && !is_control_code(value)
}

fn is_number_like(value: &str) -> bool {
    let value = value.trim();
    !value.is_empty()
        && value
            .chars()
            .all(|character| character.is_ascii_digit() || " .,-+%€$".contains(character))
}

fn word_count(value: &str) -> usize {
    value.split_whitespace().count()
}

/// How well a column's values fit a role, 0 to 1.
fn value_score(values: &[&str], role: Role) -> f32 {
    let filled: Vec<&str> = values
        .iter()
        .copied()
        .filter(|value| !value.trim().is_empty())
        .collect();
    if filled.is_empty() {
        return 0.0;
    }
    let share = |test: &dyn Fn(&str) -> bool| {
        filled.iter().filter(|value| test(value)).count() as f32 / filled.len() as f32
    };
    let average_words =
        filled.iter().map(|value| word_count(value)).sum::<usize>() as f32 / filled.len() as f32;
    let average_length = filled
        .iter()
        .map(|value| value.chars().count())
        .sum::<usize>() as f32
        / filled.len() as f32;
    let texts = share(&|value| value.chars().any(char::is_alphabetic) && !is_number_like(value));
    match role {
        Role::Eccn => {
            let codes = share(&|value| {
                is_control_code(value) || is_us_only_code(value) || is_not_listed_mark(value)
            });
            if filled.iter().any(|value| is_us_only_code(value)) {
                codes
            } else {
                0.0
            }
        }
        Role::Classification => {
            let codes = share(&|value| is_control_code(value) || is_not_listed_mark(value));
            if filled.iter().any(|value| is_control_code(value))
                && !filled.iter().any(|value| is_us_only_code(value))
            {
                codes
            } else {
                0.0
            }
        }
        Role::PartNumber => share(&|value| is_part_number_like(value)),
        Role::Description if average_length >= 40.0 && average_words >= 5.0 => texts,
        Role::Name if (3.0..60.0).contains(&average_length) && average_words <= 8.0 => texts * 0.8,
        Role::Description | Role::Name => 0.0,
    }
}

/// The likely role of each column: header words count most, values decide between
/// unnamed columns. Each column serves one role and each role one column.
pub fn guess_columns(headers: &[String], sample_rows: &[Vec<String>]) -> Guess {
    let sample = &sample_rows[..sample_rows.len().min(200)];
    let mut candidates: Vec<(f32, Role, usize)> = Vec::new();
    for (column, header) in headers.iter().enumerate() {
        let values: Vec<&str> = sample
            .iter()
            .filter_map(|row| row.get(column).map(String::as_str))
            .collect();
        for role in ROLES {
            let by_header = header_score(header, role);
            let by_values = value_score(&values, role);
            // A header match is taken unless the values contradict it outright; values
            // alone must be convincing.
            let score = if by_header > 0.0 {
                10.0 * by_header + 3.0 * by_values
            } else if by_values >= 0.6 {
                3.0 * by_values
            } else {
                continue;
            };
            candidates.push((score, role, column));
        }
    }
    // Highest first; on a tie the earlier role of ROLES, then the leftmost column.
    candidates.sort_by(|a, b| {
        b.0.total_cmp(&a.0)
            .then_with(|| role_rank(a.1).cmp(&role_rank(b.1)))
            .then_with(|| a.2.cmp(&b.2))
    });
    let mut guess = Guess::default();
    let mut used_columns = Vec::new();
    for (_, role, column) in candidates {
        if used_columns.contains(&column) {
            continue;
        }
        let slot = match role {
            Role::Name => &mut guess.name,
            Role::Description => &mut guess.description,
            Role::PartNumber => &mut guess.part_number,
            Role::Eccn => &mut guess.eccn,
            Role::Classification => &mut guess.classification,
        };
        if slot.is_none() {
            *slot = Some(column);
            used_columns.push(column);
        }
    }
    guess
}

fn role_rank(role: Role) -> usize {
    ROLES
        .iter()
        .position(|&other| other == role)
        .unwrap_or(ROLES.len())
}

/// Whether a row reads like a header row: a cell names one of the roles in full
/// ("Bezeichnung", "Part number") and no cell is a control code.
pub fn looks_like_header(cells: &[String]) -> bool {
    let names_a_role = cells
        .iter()
        .any(|cell| ROLES.iter().any(|&role| header_score(cell, role) >= 1.0));
    names_a_role
        && !cells
            .iter()
            .any(|cell| is_control_code(cell) || is_us_only_code(cell))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings(values: &[&str]) -> Vec<String> {
        values.iter().map(|value| value.to_string()).collect()
    }

    #[test]
    fn normalize_folds_accents_and_punctuation() {
        assert_eq!(normalize("Art.-Nr."), "art nr");
        assert_eq!(normalize("Désignation"), "designation");
        assert_eq!(normalize("  Güterlistennummer "), "guterlistennummer");
        assert_eq!(normalize("P/N"), "p n");
    }

    #[test]
    fn control_codes_are_recognised() {
        assert!(is_control_code("5A992.c"));
        assert!(is_control_code("3A001.b.2"));
        assert!(is_control_code("0A501"));
        assert!(!is_control_code("5A9"));
        assert!(!is_control_code("AB123"));
        assert!(is_us_only_code("EAR99"));
        assert!(is_us_only_code("5a992"));
        assert!(!is_us_only_code("5A002.a.1"));
    }

    #[test]
    fn german_headers() {
        let headers = strings(&["Art.-Nr.", "Bezeichnung", "Beschreibung", "Preis", "AL"]);
        let guess = guess_columns(&headers, &[]);
        assert_eq!(
            guess,
            Guess {
                name: Some(1),
                description: Some(2),
                part_number: Some(0),
                eccn: None,
                classification: Some(4),
            }
        );
    }

    #[test]
    fn french_headers() {
        let headers = strings(&["Référence", "Désignation", "Libellé long", "ECCN"]);
        let guess = guess_columns(&headers, &[]);
        assert_eq!(guess.part_number, Some(0));
        assert_eq!(guess.name, Some(1));
        assert_eq!(guess.description, Some(2));
        assert_eq!(guess.eccn, Some(3));
    }

    #[test]
    fn english_headers_with_shared_words() {
        let headers = strings(&[
            "Product code",
            "Product name",
            "Product description",
            "Export classification",
        ]);
        let guess = guess_columns(&headers, &[]);
        assert_eq!(guess.part_number, Some(0));
        assert_eq!(guess.name, Some(1));
        assert_eq!(guess.description, Some(2));
        assert_eq!(guess.classification, Some(3));
    }

    #[test]
    fn values_decide_when_headers_say_nothing() {
        let headers = strings(&["Column A", "Column B", "Column C", "Column D"]);
        let rows = vec![
            strings(&[
                "OSC-2004",
                "Oscilloscope",
                "Four-channel digital storage oscilloscope, 200 MHz bandwidth, 2 GS/s",
                "EAR99",
            ]),
            strings(&[
                "LS-80/2",
                "Soldering station",
                "Temperature-controlled soldering station with 80 W iron and stand",
                "3A992.a",
            ]),
            strings(&[
                "PMP.5521",
                "Vacuum pump",
                "Two-stage rotary vane vacuum pump for laboratory use, 5 m3/h",
                "EAR99",
            ]),
        ];
        let guess = guess_columns(&headers, &rows);
        assert_eq!(
            guess,
            Guess {
                name: Some(1),
                description: Some(2),
                part_number: Some(0),
                eccn: Some(3),
                classification: None,
            }
        );
    }

    #[test]
    fn eu_codes_without_us_only_codes_are_a_classification() {
        let headers = strings(&["Item", "Code"]);
        let rows = vec![
            strings(&["Camera", "6A003.b.4"]),
            strings(&["Pump", "-"]),
            strings(&["Valve", "2B350.g"]),
        ];
        let guess = guess_columns(&headers, &rows);
        assert_eq!(guess.name, Some(0));
        assert_eq!(guess.classification, Some(1));
        assert_eq!(guess.eccn, None);
    }

    #[test]
    fn header_rows_are_told_from_data_rows() {
        assert!(looks_like_header(&strings(&["Bezeichnung", "Art.-Nr."])));
        assert!(looks_like_header(&strings(&[
            "Part number",
            "Description",
            "ECCN"
        ])));
        assert!(!looks_like_header(&strings(&[
            "Oscilloscope 200 MHz",
            "OSC-200",
            "3A992"
        ])));
        assert!(!looks_like_header(&strings(&["Pump", "Valve"])));
    }
}
