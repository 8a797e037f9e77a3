//! Annex I codes as users type them: "5a002", "5A002.a.1", "5A002 a 1", "5A002a1".

/// Normalise a code typed in any usual spelling to the dataset's form ("5A002.a.1").
/// Returns `None` when the text is not shaped like a full code.
pub fn normalize_code(input: &str) -> Option<String> {
    let compact: String = input.chars().filter(|c| !c.is_whitespace()).collect();
    let b = compact.as_bytes();
    if b.len() < 5
        || !b[0].is_ascii_digit()
        || !b[1].is_ascii_alphabetic()
        || !b[2..5].iter().all(u8::is_ascii_digit)
    {
        return None;
    }
    let group = b[1].to_ascii_uppercase();
    if !(b'A'..=b'E').contains(&group) {
        return None;
    }
    let mut out = format!("{}{}{}", b[0] as char, group as char, &compact[2..5]);
    // The rest alternates letters and digits; separators are optional.
    let mut last_kind: Option<bool> = None;
    for c in compact[5..].chars() {
        if c == '.' || c == '-' || c == '_' {
            continue;
        }
        let is_letter = c.is_ascii_alphabetic();
        if !is_letter && !c.is_ascii_digit() {
            return None;
        }
        if last_kind != Some(is_letter) {
            out.push('.');
        }
        out.push(c.to_ascii_lowercase());
        last_kind = Some(is_letter);
    }
    Some(out)
}

/// A code prefix being typed ("5A00", "5a", "4D"): upper-cased, or `None`.
pub fn code_prefix(input: &str) -> Option<String> {
    let t = input.trim();
    let b = t.as_bytes();
    let shaped = (1..=5).contains(&b.len())
        && b[0].is_ascii_digit()
        && b.get(1)
            .is_none_or(|c| matches!(c.to_ascii_uppercase(), b'A'..=b'E'))
        && b.iter().skip(2).all(u8::is_ascii_digit);
    (shaped && b.len() >= 2).then(|| t.to_ascii_uppercase())
}

/// The parent of a code ("5A002.a.1" -> "5A002.a"; a top-level code has none).
pub fn parent_code(code: &str) -> Option<&str> {
    code.rfind('.').map(|i| &code[..i])
}

/// The top-level entry of a code ("5A002.a.1" -> "5A002").
pub fn top_level(code: &str) -> &str {
    code.split('.').next().unwrap_or(code)
}

/// `code` is `ancestor` or below it.
pub fn is_within(code: &str, ancestor: &str) -> bool {
    code == ancestor
        || (code.starts_with(ancestor) && code.as_bytes().get(ancestor.len()) == Some(&b'.'))
}

/// A top-level Annex I code as written in data: `5A001`.
pub(crate) fn is_entry_code(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 5
        && b[0].is_ascii_digit()
        && (b'A'..=b'E').contains(&b[1])
        && b[2..].iter().all(u8::is_ascii_digit)
}

/// A code written in data: a top-level code with optional `.a.1` path.
pub(crate) fn is_code(s: &str) -> bool {
    let mut parts = s.split('.');
    let head = parts.next().unwrap_or("");
    is_entry_code(head)
        && parts.all(|p| {
            !p.is_empty()
                && p.len() <= 2
                && (p.chars().all(|c| c.is_ascii_lowercase())
                    || p.chars().all(|c| c.is_ascii_digit()))
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalises_the_usual_spellings() {
        for s in [
            "5A002.a.1",
            "5a002a1",
            "5A002 a 1",
            "5a002.A.1",
            " 5A002.a.1 ",
        ] {
            assert_eq!(normalize_code(s).as_deref(), Some("5A002.a.1"), "{s}");
        }
        assert_eq!(normalize_code("5a002").as_deref(), Some("5A002"));
        assert_eq!(normalize_code("1C350.d.12").as_deref(), Some("1C350.d.12"));
        assert_eq!(normalize_code("5F002"), None);
        assert_eq!(normalize_code("vpn"), None);
        assert_eq!(normalize_code("5A002!"), None);
    }

    #[test]
    fn relates_codes() {
        assert!(is_within("5A002.a.1", "5A002.a"));
        assert!(!is_within("5A002.ab", "5A002.a"));
        assert_eq!(parent_code("5A002.a.1"), Some("5A002.a"));
        assert_eq!(top_level("5A002.a.1"), "5A002");
        assert_eq!(code_prefix("5a00").as_deref(), Some("5A00"));
        assert_eq!(code_prefix("drone"), None);
    }
}
