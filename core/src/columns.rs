//! The nodes of the dataset blob, stored column by column: all labels, then all texts, all
//! notes, all parents, all defined-term lists. Brotli compresses text next to text much
//! better than text interleaved with numbers (about 15 KB less on the full Annex I), and
//! what follows from the parents (children, depth, entry) is not stored at all.

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
