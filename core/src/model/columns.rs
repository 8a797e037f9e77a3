//! The big tables of the dataset blob, stored column by column: for nodes all labels, then
//! all texts, all notes, all parents, all defined-term lists; entries and definitions alike.
//! Brotli compresses text next to text much better than text interleaved with numbers
//! (about 20 KB less on the full Annex I), and what follows from the parents (a node's
//! children, depth and entry) is not stored at all.

use crate::model::{Node, Note};
use serde::{de::Error, Deserialize, Deserializer, Serialize, Serializer};

#[derive(Serialize)]
struct ColumnsOut<'a> {
    labels: Vec<&'a str>,
    texts: Vec<&'a str>,
    notes: Vec<&'a [Note]>,
    parents: Vec<Option<u32>>,
    terms: Vec<&'a [u32]>,
}

#[derive(Deserialize)]
struct ColumnsIn {
    labels: Vec<String>,
    texts: Vec<String>,
    notes: Vec<Vec<Note>>,
    parents: Vec<Option<u32>>,
    terms: Vec<Vec<u32>>,
}

pub fn serialize<S: Serializer>(nodes: &[Node], s: S) -> Result<S::Ok, S::Error> {
    ColumnsOut {
        labels: nodes.iter().map(|n| n.label.as_str()).collect(),
        texts: nodes.iter().map(|n| n.text.as_str()).collect(),
        notes: nodes.iter().map(|n| n.notes.as_slice()).collect(),
        parents: nodes.iter().map(|n| n.parent).collect(),
        terms: nodes.iter().map(|n| n.terms.as_slice()).collect(),
    }
    .serialize(s)
}

/// Rebuild the nodes: a node's parent comes before it, and the roots (no parent) are the
/// entries in their order.
pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<Node>, D::Error> {
    let c = ColumnsIn::deserialize(d)?;
    let n = c.labels.len();
    if [c.texts.len(), c.notes.len(), c.parents.len(), c.terms.len()] != [n; 4] {
        return Err(D::Error::custom("node columns of different lengths"));
    }
    let mut nodes: Vec<Node> = Vec::with_capacity(n);
    let mut roots = 0u32;
    let columns = c
        .labels
        .into_iter()
        .zip(c.texts)
        .zip(c.notes)
        .zip(c.parents)
        .zip(c.terms);
    for (i, ((((label, text), notes), parent), terms)) in columns.enumerate() {
        let (entry, depth) = match parent {
            None => {
                roots += 1;
                (roots - 1, 0)
            }
            Some(p) if (p as usize) < i => {
                let up = &mut nodes[p as usize];
                up.children.push(i as u32);
                (up.entry, up.depth.saturating_add(1))
            }
            Some(_) => return Err(D::Error::custom("a node before its parent")),
        };
        nodes.push(Node {
            code: String::new(),
            label,
            text,
            notes,
            parent,
            children: Vec::new(),
            entry,
            depth,
            terms,
        });
    }
    Ok(nodes)
}

/// Entries column by column: codes, headings, aliases ... then the small fields.
pub mod entries {
    use crate::model::{Entry, Regime};
    use serde::{de::Error, Deserialize, Deserializer, Serialize, Serializer};

    type Small = (bool, u32, Regime, bool, bool, u16, u32);

    #[derive(Serialize, Deserialize)]
    struct Columns {
        codes: Vec<String>,
        headings: Vec<String>,
        aliases: Vec<Vec<String>>,
        related: Vec<Vec<String>>,
        us_eccn: Vec<Option<String>>,
        verified_notes: Vec<Option<String>>,
        small: Vec<Small>,
    }

    pub fn serialize<S: Serializer>(entries: &[Entry], s: S) -> Result<S::Ok, S::Error> {
        let e = entries;
        Columns {
            codes: e.iter().map(|x| x.code.clone()).collect(),
            headings: e.iter().map(|x| x.heading.clone()).collect(),
            aliases: e.iter().map(|x| x.aliases.clone()).collect(),
            related: e.iter().map(|x| x.related.clone()).collect(),
            us_eccn: e.iter().map(|x| x.us_eccn.clone()).collect(),
            verified_notes: e.iter().map(|x| x.verified_note.clone()).collect(),
            small: e
                .iter()
                .map(|x| {
                    (
                        x.is_category,
                        x.root,
                        x.regime,
                        x.verified,
                        x.full_text,
                        x.file,
                        x.line,
                    )
                })
                .collect(),
        }
        .serialize(s)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<Entry>, D::Error> {
        let c = Columns::deserialize(d)?;
        let n = c.codes.len();
        let lens = [
            c.headings.len(),
            c.aliases.len(),
            c.related.len(),
            c.us_eccn.len(),
            c.verified_notes.len(),
            c.small.len(),
        ];
        if lens != [n; 6] {
            return Err(D::Error::custom("entry columns of different lengths"));
        }
        let rows = c
            .codes
            .into_iter()
            .zip(c.headings)
            .zip(c.aliases)
            .zip(c.related)
            .zip(c.us_eccn)
            .zip(c.verified_notes)
            .zip(c.small);
        Ok(rows
            .map(
                |((((((code, heading), aliases), related), us_eccn), verified_note), small)| {
                    let (is_category, root, regime, verified, full_text, file, line) = small;
                    Entry {
                        code,
                        heading,
                        is_category,
                        root,
                        regime,
                        related,
                        aliases,
                        us_eccn,
                        verified,
                        verified_note,
                        full_text,
                        file,
                        line,
                    }
                },
            )
            .collect())
    }
}

/// Definitions column by column: terms, forms, scopes, categories, texts, then the rest.
pub mod definitions {
    use crate::model::{Definition, TextLine};
    use serde::{de::Error, Deserialize, Deserializer, Serialize, Serializer};

    type Small = (bool, Option<String>, u16, u32);

    #[derive(Serialize, Deserialize)]
    struct Columns {
        terms: Vec<String>,
        forms: Vec<Vec<String>>,
        scopes: Vec<Option<String>>,
        categories: Vec<String>,
        lines: Vec<Vec<TextLine>>,
        small: Vec<Small>,
    }

    pub fn serialize<S: Serializer>(defs: &[Definition], s: S) -> Result<S::Ok, S::Error> {
        Columns {
            terms: defs.iter().map(|x| x.term.clone()).collect(),
            forms: defs.iter().map(|x| x.forms.clone()).collect(),
            scopes: defs.iter().map(|x| x.scope.clone()).collect(),
            categories: defs.iter().map(|x| x.categories.clone()).collect(),
            lines: defs.iter().map(|x| x.lines.clone()).collect(),
            small: defs
                .iter()
                .map(|x| (x.verified, x.verified_note.clone(), x.file, x.line))
                .collect(),
        }
        .serialize(s)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<Definition>, D::Error> {
        let c = Columns::deserialize(d)?;
        let n = c.terms.len();
        let lens = [
            c.forms.len(),
            c.scopes.len(),
            c.categories.len(),
            c.lines.len(),
            c.small.len(),
        ];
        if lens != [n; 5] {
            return Err(D::Error::custom("definition columns of different lengths"));
        }
        let rows = c
            .terms
            .into_iter()
            .zip(c.forms)
            .zip(c.scopes)
            .zip(c.categories)
            .zip(c.lines)
            .zip(c.small);
        Ok(rows
            .map(|(((((term, forms), scope), categories), lines), small)| {
                let (verified, verified_note, file, line) = small;
                Definition {
                    term,
                    forms,
                    scope,
                    categories,
                    lines,
                    verified,
                    verified_note,
                    file,
                    line,
                }
            })
            .collect())
    }
}
