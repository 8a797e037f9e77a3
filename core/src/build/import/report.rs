//! The per-entry change report a maintainer reads after an import: entries added, removed
//! and changed, each change as a word diff (`[-old-]{+new+}`) with a little context.

use std::fmt;

#[derive(Debug, Clone, PartialEq)]
pub struct Change {
    pub key: String,
    pub diff: String,
}

#[derive(Debug, Default)]
pub struct Report {
    pub added: Vec<String>,
    pub removed: Vec<String>,
    pub changed: Vec<Change>,
    pub unchanged: usize,
    /// Records left `verified: no`.
    pub unverified: usize,
}

impl Report {
    pub fn compare(&mut self, key: &str, old: Option<&String>, new: &str) {
        match old {
            None => self.added.push(key.to_string()),
            Some(old) => {
                let diff = word_diff(old, new, 6);
                if diff.is_empty() {
                    self.unchanged += 1;
                } else {
                    self.changed.push(Change {
                        key: key.to_string(),
                        diff,
                    });
                }
            }
        }
    }
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for c in &self.changed {
            writeln!(f, "~ {}\n{}\n", c.key, c.diff)?;
        }
        if !self.added.is_empty() {
            writeln!(f, "+ added: {}", self.added.join(", "))?;
        }
        if !self.removed.is_empty() {
            writeln!(f, "- removed: {}", self.removed.join(", "))?;
        }
        writeln!(
            f,
            "{} changed, {} added, {} removed, {} unchanged; {} records left unverified",
            self.changed.len(),
            self.added.len(),
            self.removed.len(),
            self.unchanged,
            self.unverified
        )
    }
}

/// A word diff of `old` and `new`: empty when they have the same words; otherwise each
/// changed span as `[-removed-]{+added+}` with up to `context` words around it.
pub fn word_diff(old: &str, new: &str, context: usize) -> String {
    let a: Vec<&str> = old.split_whitespace().collect();
    let b: Vec<&str> = new.split_whitespace().collect();
    if a == b {
        return String::new();
    }
    let ops = diff_ops(&a, &b);
    let mut out = String::new();
    let mut i = 0;
    while i < ops.len() {
        if let Op::Same(_) = ops[i] {
            i += 1;
            continue;
        }
        let start = i;
        while i < ops.len() && !matches!(ops[i], Op::Same(_)) {
            i += 1;
        }
        let before: Vec<&str> = ops[..start]
            .iter()
            .rev()
            .take_while(|o| matches!(o, Op::Same(_)))
            .take(context)
            .map(|o| o.word())
            .collect();
        let after: Vec<&str> = ops[i..]
            .iter()
            .take_while(|o| matches!(o, Op::Same(_)))
            .take(context)
            .map(|o| o.word())
            .collect();
        let removed: Vec<&str> = ops[start..i].iter().filter_map(Op::removed).collect();
        let added: Vec<&str> = ops[start..i].iter().filter_map(Op::added).collect();
        out.push_str("  ... ");
        out.push_str(&before.into_iter().rev().collect::<Vec<_>>().join(" "));
        if !removed.is_empty() {
            out.push_str(&format!(" [-{}-]", removed.join(" ")));
        }
        if !added.is_empty() {
            out.push_str(&format!(" {{+{}+}}", added.join(" ")));
        }
        out.push(' ');
        out.push_str(&after.join(" "));
        out.push_str(" ...\n");
    }
    out.trim_end().to_string()
}

#[derive(Debug, Clone, Copy)]
enum Op<'a> {
    Same(&'a str),
    Del(&'a str),
    Ins(&'a str),
}

impl<'a> Op<'a> {
    fn word(&self) -> &'a str {
        match self {
            Op::Same(w) | Op::Del(w) | Op::Ins(w) => w,
        }
    }
    fn removed(&self) -> Option<&'a str> {
        matches!(self, Op::Del(_)).then(|| self.word())
    }
    fn added(&self) -> Option<&'a str> {
        matches!(self, Op::Ins(_)).then(|| self.word())
    }
}

/// Longest common subsequence of words, after the common head and tail are set aside.
/// Very long unequal middles (more than 16 million cells) are reported as replaced whole.
fn diff_ops<'a>(a: &[&'a str], b: &[&'a str]) -> Vec<Op<'a>> {
    let head = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    let tail = a[head..]
        .iter()
        .rev()
        .zip(b[head..].iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    let (ma, mb) = (&a[head..a.len() - tail], &b[head..b.len() - tail]);
    let mut ops: Vec<Op> = a[..head].iter().map(|w| Op::Same(w)).collect();
    let (n, m) = (ma.len(), mb.len());
    if n * m > 16_000_000 {
        ops.extend(ma.iter().map(|w| Op::Del(w)));
        ops.extend(mb.iter().map(|w| Op::Ins(w)));
    } else {
        // lcs[i][j]: LCS length of ma[i..] and mb[j..].
        let w = m + 1;
        let mut lcs = vec![0u32; (n + 1) * w];
        for i in (0..n).rev() {
            for j in (0..m).rev() {
                lcs[i * w + j] = if ma[i] == mb[j] {
                    lcs[(i + 1) * w + j + 1] + 1
                } else {
                    lcs[(i + 1) * w + j].max(lcs[i * w + j + 1])
                };
            }
        }
        let (mut i, mut j) = (0, 0);
        while i < n || j < m {
            if i < n && j < m && ma[i] == mb[j] {
                ops.push(Op::Same(ma[i]));
                i += 1;
                j += 1;
            } else if j < m && (i == n || lcs[i * w + j + 1] >= lcs[(i + 1) * w + j]) {
                ops.push(Op::Ins(mb[j]));
                j += 1;
            } else {
                ops.push(Op::Del(ma[i]));
                i += 1;
            }
        }
    }
    ops.extend(a[a.len() - tail..].iter().map(|w| Op::Same(w)));
    ops
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn equal_words_give_no_diff_whatever_the_layout() {
        assert_eq!(word_diff("a b\n c", "a  b c", 3), "");
    }

    #[test]
    fn a_changed_number_shows_with_its_context() {
        let d = word_diff(
            "users up to 16 concurrent users",
            "users up to 32 concurrent users",
            2,
        );
        assert_eq!(d, "  ... up to [-16-] {+32+} concurrent users ...");
    }

    #[test]
    fn insertions_and_deletions() {
        let d = word_diff("a b c d", "a c d e", 1);
        assert_eq!(d, "  ... a [-b-] c ...\n  ... d {+e+}  ...");
    }
}
