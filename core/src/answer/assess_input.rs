//! Reading the `assess` input as the JS API takes it: a plain object in camelCase, every field
//! optional (null or undefined mean "not given"). `AssessInput` (assess.rs) derives
//! `Deserialize` with the readers below for its fields; `read` takes it from any
//! self-describing format (serde-wasm-bindgen in the browser, serde_json in the tests)
//! through `Given`, which keeps the path of a bad value.
//!
//! Errors name the field path and the bad value:
//! "`concerns.wmd` must be true or false, got \"yes\"".

use std::collections::BTreeMap;
use std::fmt;

use serde::de::{
    self, Deserialize, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor,
};

use crate::assess::{AssessInput, Concerns, ExportForm, InputError, Resolution};
use crate::checklist::{ItemAnswer, ItemAnswers};
use crate::model::Circumstance;
use crate::questions::{Answer, Answers};

/// The `visit_*` methods of a container's visitor for the scalars it does not take: an error
/// that names what it expects (its `expecting`) and what came.
macro_rules! reject_scalars {
    () => {
        fn visit_bool<E: de::Error>(self, b: bool) -> Result<Self::Value, E> {
            Err(rejected(&self, Given::Bool(b)))
        }
        fn visit_i64<E: de::Error>(self, n: i64) -> Result<Self::Value, E> {
            Err(rejected(&self, Given::Number(n as f64)))
        }
        fn visit_u64<E: de::Error>(self, n: u64) -> Result<Self::Value, E> {
            Err(rejected(&self, Given::Number(n as f64)))
        }
        fn visit_f64<E: de::Error>(self, n: f64) -> Result<Self::Value, E> {
            Err(rejected(&self, Given::Number(n)))
        }
        fn visit_str<E: de::Error>(self, s: &str) -> Result<Self::Value, E> {
            Err(rejected(&self, Given::Text(s.to_string())))
        }
    };
}

/// `reject_scalars!` and an object too.
macro_rules! reject_the_rest {
    () => {
        reject_scalars!();
        fn visit_map<A: MapAccess<'de>>(self, _: A) -> Result<Self::Value, A::Error> {
            Err(rejected(&self, Given::Object(Vec::new())))
        }
    };
}

/// Read an `AssessInput`. The error is the message the JS API throws, after its "assess: ".
///
/// The value is first taken as it came (`Given`, one pass over the JS object), then read
/// into `AssessInput` from that: the readers are compiled for this small in-memory form
/// only, and the path of a bad value is kept on the way (`ReadError`). (serde_path_to_error
/// does the same for any format, but it added 5 KB of brotli to the page, over its budget.)
pub fn read<'de, D: Deserializer<'de>>(d: D) -> Result<AssessInput, InputError> {
    let given = Given::deserialize(d).map_err(|e| {
        // serde-wasm-bindgen shows its errors as a JS `Error` does: "Error: ...".
        let e = e.to_string();
        InputError(format!(
            "input: {}",
            e.strip_prefix("Error: ").unwrap_or(&e)
        ))
    })?;
    if !matches!(given, Given::Object(_)) {
        return Err(InputError(format!("input must be an object, got {given}")));
    }
    AssessInput::deserialize(given).map_err(|e| {
        let what = if e.path.is_empty() {
            "input".to_string()
        } else {
            format!("`{}`", path_text(&e.path))
        };
        InputError(format!("{what} {}", e.message))
    })
}

/// Where in the input a value is: a key of an object, or an index in an array.
#[derive(Debug, Clone, PartialEq)]
enum Step {
    Key(String),
    Index(usize),
}

/// `concerns.wmd`, `entries[0]`, `itemAnswers["6A003.b"]`: keys that are not plain words
/// (codes with dots) in brackets, as JS would write them.
fn path_text(path: &[Step]) -> String {
    let mut out = String::new();
    for step in path {
        match step {
            Step::Index(i) => out.push_str(&format!("[{i}]")),
            Step::Key(key) if out.is_empty() => out.push_str(key),
            Step::Key(key) if key.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') => {
                out.push('.');
                out.push_str(key);
            }
            Step::Key(key) => out.push_str(&format!("[\"{key}\"]")),
        }
    }
    out
}

/// A bad value: what is wrong with it, and where it is.
#[derive(Debug)]
pub struct ReadError {
    path: Vec<Step>,
    message: String,
}

impl ReadError {
    #[inline(never)]
    fn within(mut self, step: Step) -> Self {
        self.path.insert(0, step);
        self
    }
}

impl fmt::Display for ReadError {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for ReadError {}

impl de::Error for ReadError {
    fn custom<T: fmt::Display>(message: T) -> Self {
        ReadError {
            path: Vec::new(),
            message: message.to_string(),
        }
    }
}

/// The keys and values of an object, each value's errors marked with its key.
struct Fields {
    entries: std::vec::IntoIter<(String, Given)>,
    value: Option<(String, Given)>,
}

impl<'de> MapAccess<'de> for Fields {
    type Error = ReadError;
    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, ReadError> {
        let Some((key, value)) = self.entries.next() else {
            return Ok(None);
        };
        self.value = Some((key.clone(), value));
        seed.deserialize(Given::Text(key)).map(Some)
    }
    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, ReadError> {
        let (key, value) = self.take_value()?;
        seed.deserialize(value)
            .map_err(|e| e.within(Step::Key(key)))
    }
}

impl Fields {
    // Not generic, so compiled once (the wasm), not once per field.
    #[inline(never)]
    fn take_value(&mut self) -> Result<(String, Given), ReadError> {
        self.value
            .take()
            .ok_or_else(|| de::Error::custom("a value before its key"))
    }
}

/// The items of an array, each item's errors marked with its index.
struct Items {
    items: std::iter::Enumerate<std::vec::IntoIter<Given>>,
}

impl<'de> SeqAccess<'de> for Items {
    type Error = ReadError;
    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, ReadError> {
        let Some((i, item)) = self.items.next() else {
            return Ok(None);
        };
        seed.deserialize(item)
            .map(Some)
            .map_err(|e| e.within(Step::Index(i)))
    }
}

/// A JS value as it came: what the input is read from, and how a bad value is named in a
/// message.
#[derive(Debug, Clone, PartialEq)]
enum Given {
    Nothing,
    Bool(bool),
    Number(f64),
    Text(String),
    List(Vec<Given>),
    Object(Vec<(String, Given)>),
}

impl fmt::Display for Given {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        match self {
            Given::Nothing => f.write_str("nothing"),
            Given::Bool(b) => write!(f, "{b}"),
            Given::Number(n) => write!(f, "{n}"),
            // Short: the message must not carry a whole pasted document.
            Given::Text(s) => write!(f, "\"{}\"", s.chars().take(40).collect::<String>()),
            Given::List(_) => f.write_str("an array"),
            Given::Object(_) => f.write_str("an object"),
        }
    }
}

struct GivenVisitor;

impl<'de> Visitor<'de> for GivenVisitor {
    type Value = Given;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any value")
    }
    fn visit_unit<E>(self) -> Result<Given, E> {
        Ok(Given::Nothing)
    }
    fn visit_none<E>(self) -> Result<Given, E> {
        Ok(Given::Nothing)
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Given, D::Error> {
        Given::deserialize(d)
    }
    fn visit_bool<E>(self, b: bool) -> Result<Given, E> {
        Ok(Given::Bool(b))
    }
    fn visit_i64<E>(self, n: i64) -> Result<Given, E> {
        Ok(Given::Number(n as f64))
    }
    fn visit_u64<E>(self, n: u64) -> Result<Given, E> {
        Ok(Given::Number(n as f64))
    }
    fn visit_f64<E>(self, n: f64) -> Result<Given, E> {
        Ok(Given::Number(n))
    }
    fn visit_str<E>(self, s: &str) -> Result<Given, E> {
        Ok(Given::Text(s.to_string()))
    }
    fn visit_string<E>(self, s: String) -> Result<Given, E> {
        Ok(Given::Text(s))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Given, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element()? {
            items.push(item);
        }
        Ok(Given::List(items))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Given, A::Error> {
        let mut entries = Vec::new();
        while let Some(entry) = map.next_entry()? {
            entries.push(entry);
        }
        Ok(Given::Object(entries))
    }
}

impl<'de> Deserialize<'de> for Given {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Given, D::Error> {
        d.deserialize_any(GivenVisitor)
    }
}

/// A value for a reader of one field: arrays and objects only named, not read (the readers
/// take neither), which keeps the code generic over one shape of visitor.
fn leaf<'de, D: Deserializer<'de>>(d: D) -> Result<Given, D::Error> {
    struct Leaf;
    impl<'de> Visitor<'de> for Leaf {
        type Value = Given;
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("a value")
        }
        fn visit_unit<E>(self) -> Result<Given, E> {
            Ok(Given::Nothing)
        }
        fn visit_bool<E>(self, b: bool) -> Result<Given, E> {
            Ok(Given::Bool(b))
        }
        fn visit_f64<E>(self, n: f64) -> Result<Given, E> {
            Ok(Given::Number(n))
        }
        fn visit_str<E>(self, s: &str) -> Result<Given, E> {
            Ok(Given::Text(s.to_string()))
        }
        fn visit_string<E>(self, s: String) -> Result<Given, E> {
            Ok(Given::Text(s))
        }
        fn visit_seq<A: SeqAccess<'de>>(self, _: A) -> Result<Given, A::Error> {
            Ok(Given::List(Vec::new()))
        }
        fn visit_map<A: MapAccess<'de>>(self, _: A) -> Result<Given, A::Error> {
            Ok(Given::Object(Vec::new()))
        }
    }
    d.deserialize_any(Leaf)
}

/// `Given` is also what the readers read from: self-describing, like a JSON value.
impl<'de> Deserializer<'de> for Given {
    type Error = ReadError;
    fn deserialize_any<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Self::Error> {
        match self {
            Given::Nothing => v.visit_unit(),
            Given::Bool(b) => v.visit_bool(b),
            Given::Number(n) => v.visit_f64(n),
            Given::Text(s) => v.visit_string(s),
            Given::List(items) => v.visit_seq(Items {
                items: items.into_iter().enumerate(),
            }),
            Given::Object(entries) => v.visit_map(Fields {
                entries: entries.into_iter(),
                value: None,
            }),
        }
    }
    // A struct, a field name and a value to skip are read here directly, not through
    // `deserialize_any`: each visitor reached from there is compiled once more (the wasm).
    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        _: &'static [&'static str],
        v: V,
    ) -> Result<V::Value, Self::Error> {
        match self {
            Given::Object(entries) => v.visit_map(Fields {
                entries: entries.into_iter(),
                value: None,
            }),
            other => Err(bad("an object", &other)),
        }
    }
    fn deserialize_identifier<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Self::Error> {
        match self {
            Given::Text(s) => v.visit_string(s),
            other => Err(bad("a name", &other)),
        }
    }
    fn deserialize_ignored_any<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Self::Error> {
        v.visit_unit()
    }
    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf
        option unit unit_struct newtype_struct seq tuple tuple_struct map enum
    }
}

fn bad<E: de::Error>(expected: &str, got: &Given) -> E {
    E::custom(format!("must be {expected}, got {got}"))
}

fn rejected<E: de::Error>(visitor: &dyn de::Expected, got: Given) -> E {
    E::custom(format!("must be {visitor}, got {got}"))
}

/// true or false; not given: false.
pub(crate) fn flag<'de, D: Deserializer<'de>>(d: D) -> Result<bool, D::Error> {
    match leaf(d)? {
        Given::Nothing => Ok(false),
        Given::Bool(b) => Ok(b),
        other => Err(bad("true or false", &other)),
    }
}

/// true or false; not given: `None` (not asked).
pub(crate) fn optional_flag<'de, D: Deserializer<'de>>(d: D) -> Result<Option<bool>, D::Error> {
    match leaf(d)? {
        Given::Nothing => Ok(None),
        Given::Bool(b) => Ok(Some(b)),
        other => Err(bad("true or false", &other)),
    }
}

/// A string; not given: empty.
pub(crate) fn text<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    match leaf(d)? {
        Given::Nothing => Ok(String::new()),
        Given::Text(s) => Ok(s),
        other => Err(bad("a string", &other)),
    }
}

pub(crate) fn export_form<'de, D: Deserializer<'de>>(d: D) -> Result<ExportForm, D::Error> {
    match leaf(d)? {
        Given::Nothing => Ok(ExportForm::Goods),
        Given::Text(s) if s.is_empty() || s == "goods" => Ok(ExportForm::Goods),
        Given::Text(s) if s == "electronic" => Ok(ExportForm::Electronic),
        Given::Text(s) if s == "exhibition" => Ok(ExportForm::Exhibition),
        other => Err(bad("goods, electronic or exhibition", &other)),
    }
}

pub(crate) fn circumstance<'de, D: Deserializer<'de>>(
    d: D,
) -> Result<Option<Circumstance>, D::Error> {
    let given = leaf(d)?;
    match &given {
        Given::Nothing => Ok(None),
        Given::Text(s) => match s.as_str() {
            "" => Ok(None),
            "repair" | "repair-replacement" => Ok(Some(Circumstance::RepairReplacement)),
            "exhibition" => Ok(Some(Circumstance::Exhibition)),
            "intra-group" => Ok(Some(Circumstance::IntraGroup)),
            _ => Err(bad("repair, exhibition or intra-group", &given)),
        },
        _ => Err(bad("repair, exhibition or intra-group", &given)),
    }
}

/// `entries`: an array of Annex I codes (checked by `assess`); not given: none.
pub(crate) fn codes<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
    struct Codes;
    impl<'de> Visitor<'de> for Codes {
        type Value = Vec<String>;
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("an array of codes")
        }
        fn visit_unit<E>(self) -> Result<Vec<String>, E> {
            Ok(Vec::new())
        }
        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<String>, A::Error> {
            let mut out = Vec::new();
            while let Some(Code(c)) = seq.next_element()? {
                out.push(c);
            }
            Ok(out)
        }
        reject_the_rest!();
    }
    d.deserialize_any(Codes)
}

struct Code(String);

impl<'de> Deserialize<'de> for Code {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Code, D::Error> {
        match leaf(d)? {
            Given::Text(s) => Ok(Code(s)),
            other => Err(bad("a string (an Annex I code)", &other)),
        }
    }
}

/// `concerns`: `{ wmd, militaryEndUse, illegalMilitaryParts, humanRights }`, each true or
/// false; not given: none. (`Concerns` keeps its own serde form for session links.)
pub(crate) fn concerns<'de, D: Deserializer<'de>>(d: D) -> Result<Concerns, D::Error> {
    struct ConcernsVisitor;
    impl<'de> Visitor<'de> for ConcernsVisitor {
        type Value = Concerns;
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("an object")
        }
        fn visit_unit<E>(self) -> Result<Concerns, E> {
            Ok(Concerns::default())
        }
        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Concerns, A::Error> {
            let mut c = Concerns::default();
            while let Some(key) = map.next_key::<String>()? {
                let slot = match key.as_str() {
                    "wmd" => &mut c.wmd,
                    "militaryEndUse" => &mut c.military_end_use,
                    "illegalMilitaryParts" => &mut c.illegal_military_parts,
                    "humanRights" => &mut c.human_rights,
                    _ => {
                        map.next_value::<IgnoredAny>()?;
                        continue;
                    }
                };
                *slot = map.next_value::<Flag>()?.0;
            }
            Ok(c)
        }
        fn visit_seq<A: SeqAccess<'de>>(self, _: A) -> Result<Concerns, A::Error> {
            Err(bad("an object", &Given::List(Vec::new())))
        }
        reject_scalars!();
    }
    d.deserialize_any(ConcernsVisitor)
}

struct Flag(bool);

impl<'de> Deserialize<'de> for Flag {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Flag, D::Error> {
        flag(d).map(Flag)
    }
}

/// An object's `key: value` pairs, in order; not given: none.
fn object_of<'de, D, T>(d: D, expected: &'static str) -> Result<Vec<(String, T)>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    struct Object<T> {
        expected: &'static str,
        value: std::marker::PhantomData<T>,
    }
    impl<'de, T: Deserialize<'de>> Visitor<'de> for Object<T> {
        type Value = Vec<(String, T)>;
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str(self.expected)
        }
        fn visit_unit<E>(self) -> Result<Self::Value, E> {
            Ok(Vec::new())
        }
        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
            let mut out = Vec::new();
            while let Some((k, v)) = map.next_entry()? {
                out.push((k, v));
            }
            Ok(out)
        }
        fn visit_seq<A: SeqAccess<'de>>(self, _: A) -> Result<Self::Value, A::Error> {
            Err(bad(self.expected, &Given::List(Vec::new())))
        }
        reject_scalars!();
    }
    d.deserialize_any(Object {
        expected,
        value: std::marker::PhantomData,
    })
}

/// `answers`: `{ "<question id>": true | false | "unknown" | a number | a choice }` (null:
/// "don't know"). The question ids are checked by `assess`.
pub(crate) fn answers<'de, D: Deserializer<'de>>(d: D) -> Result<Answers, D::Error> {
    struct In(Answer);
    impl<'de> Deserialize<'de> for In {
        fn deserialize<D: Deserializer<'de>>(d: D) -> Result<In, D::Error> {
            Ok(In(match leaf(d)? {
                Given::Bool(true) => Answer::Yes,
                Given::Bool(false) => Answer::No,
                Given::Number(n) if n.is_finite() => Answer::Number(n),
                Given::Text(s) => match s.as_str() {
                    "yes" => Answer::Yes,
                    "no" => Answer::No,
                    "unknown" | "dont_know" => Answer::Unknown,
                    _ => Answer::Choice(s),
                },
                Given::Nothing => Answer::Unknown,
                other => {
                    let expected = "true, false, \"unknown\", a number or a choice";
                    return Err(bad(expected, &other));
                }
            }))
        }
    }
    let read = object_of::<D, In>(d, "an object")?;
    let mut out = BTreeMap::new();
    for (k, In(a)) in read {
        out.insert(k, a);
    }
    Ok(out)
}

/// `candidates`: `{ "<code>": "yes" | "no" | "unknown" | "open" | null }`, the entries the
/// search showed and whether the item falls under each (null or "open": not answered).
pub(crate) fn candidates<'de, D: Deserializer<'de>>(
    d: D,
) -> Result<BTreeMap<String, Resolution>, D::Error> {
    struct In(Resolution);
    impl<'de> Deserialize<'de> for In {
        fn deserialize<D: Deserializer<'de>>(d: D) -> Result<In, D::Error> {
            let given = leaf(d)?;
            let r = match &given {
                Given::Nothing => Some(Resolution::Open),
                Given::Text(s) => Resolution::parse(s),
                _ => None,
            };
            let expected = "\"yes\", \"no\", \"unknown\" or \"open\"";
            r.map(In).ok_or_else(|| bad(expected, &given))
        }
    }
    let read = object_of::<D, In>(d, "an object of codes")?;
    let mut out = BTreeMap::new();
    for (k, In(r)) in read {
        out.insert(k, r);
    }
    Ok(out)
}

/// `itemAnswers`: `{ "<item code or release key>": "yes" | "no" | "unknown" }`, the
/// checklist's answers. The keys are checked by `assess`.
pub(crate) fn item_answers<'de, D: Deserializer<'de>>(d: D) -> Result<ItemAnswers, D::Error> {
    struct In(ItemAnswer);
    impl<'de> Deserialize<'de> for In {
        fn deserialize<D: Deserializer<'de>>(d: D) -> Result<In, D::Error> {
            let given = leaf(d)?;
            let a = match &given {
                Given::Text(s) => ItemAnswer::parse(s),
                _ => None,
            };
            a.map(In)
                .ok_or_else(|| bad("\"yes\", \"no\" or \"unknown\"", &given))
        }
    }
    let read = object_of::<D, In>(d, "an object of codes")?;
    let mut out = BTreeMap::new();
    for (k, In(a)) in read {
        out.insert(k, a);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn error(v: serde_json::Value) -> String {
        read(v).expect_err("bad input").0
    }

    #[test]
    fn a_full_input_reads_as_the_js_api_gives_it() {
        let input = read(json!({
            "entries": ["5A001.f.1"], "from": "DE", "to": "CN", "cyberSurveillance": true,
            "informedByAuthority": null, "concerns": { "wmd": true, "humanRights": false },
            "telecomMonitoring": false, "circumstance": "repair-replacement",
            "exportForm": "electronic", "answers": { "it_form": "software", "mob_mobile": true,
            "n": 3, "q": null }, "candidates": { "5A002.a": null, "5A003": "dont_know" },
            "itemAnswers": { "6A003.b": "yes" }, "lang": "de"
        }))
        .expect("a good input");
        assert_eq!(input.entries, ["5A001.f.1"]);
        assert!(input.cyber_surveillance && !input.informed_by_authority);
        assert!(input.concerns.wmd && !input.concerns.human_rights);
        assert_eq!(input.telecom_monitoring, Some(false));
        assert_eq!(input.circumstance, Some(Circumstance::RepairReplacement));
        assert_eq!(input.export_form, ExportForm::Electronic);
        assert_eq!(input.answers["it_form"], Answer::Choice("software".into()));
        assert_eq!(input.answers["mob_mobile"], Answer::Yes);
        assert_eq!(input.answers["n"], Answer::Number(3.0));
        assert_eq!(input.answers["q"], Answer::Unknown);
        assert_eq!(input.candidates["5A002.a"], Resolution::Open);
        assert_eq!(input.candidates["5A003"], Resolution::Unknown);
        assert_eq!(input.item_answers["6A003.b"], ItemAnswer::Yes);
    }

    #[test]
    fn missing_and_null_fields_are_not_given() {
        assert_eq!(read(json!({})).unwrap(), AssessInput::default());
        let nulls = json!({ "entries": null, "concerns": null, "answers": null, "to": null,
            "telecomMonitoring": null, "circumstance": null, "exportForm": null });
        assert_eq!(read(nulls).unwrap(), AssessInput::default());
    }

    #[test]
    fn errors_name_the_field_path_and_the_bad_value() {
        let cases = [
            (json!("DE"), "input must be an object, got \"DE\""),
            (json!(null), "input must be an object, got nothing"),
            (json!([1]), "input must be an object, got an array"),
            (
                json!({ "concerns": { "wmd": "yes" } }),
                "`concerns.wmd` must be true or false, got \"yes\"",
            ),
            (
                json!({ "concerns": "all" }),
                "`concerns` must be an object, got \"all\"",
            ),
            (
                json!({ "cyberSurveillance": "yes" }),
                "`cyberSurveillance` must be true or false, got \"yes\"",
            ),
            (
                json!({ "telecomMonitoring": 1 }),
                "`telecomMonitoring` must be true or false, got 1",
            ),
            (json!({ "from": 42 }), "`from` must be a string, got 42"),
            (
                json!({ "entries": "5A001" }),
                "`entries` must be an array of codes, got \"5A001\"",
            ),
            (
                json!({ "entries": ["5A001", 7] }),
                "`entries[1]` must be a string (an Annex I code), got 7",
            ),
            (
                json!({ "exportForm": "post" }),
                "`exportForm` must be goods, electronic or exhibition, got \"post\"",
            ),
            (
                json!({ "circumstance": "loan" }),
                "`circumstance` must be repair, exhibition or intra-group, got \"loan\"",
            ),
            (json!({ "answers": [] }), "`answers` must be an object, got an array"),
            (
                json!({ "answers": { "it_form": [] } }),
                "`answers.it_form` must be true, false, \"unknown\", a number or a choice, got an array",
            ),
            (
                json!({ "candidates": ["2B001"] }),
                "`candidates` must be an object of codes, got an array",
            ),
            (
                json!({ "candidates": { "2B001": "maybe" } }),
                "`candidates.2B001` must be \"yes\", \"no\", \"unknown\" or \"open\", got \"maybe\"",
            ),
            (
                json!({ "itemAnswers": { "6A003.b": "maybe" } }),
                "`itemAnswers[\"6A003.b\"]` must be \"yes\", \"no\" or \"unknown\", got \"maybe\"",
            ),
            (
                json!({ "itemAnswers": ["6A003"] }),
                "`itemAnswers` must be an object of codes, got an array",
            ),
        ];
        for (input, message) in cases {
            assert_eq!(error(input.clone()), message, "for {input}");
        }
    }

    #[test]
    fn a_long_bad_value_is_cut_short() {
        let long = "x".repeat(1000);
        let e = error(json!({ "exportForm": long }));
        assert!(e.len() < 120, "{e}");
    }
}
