//! The patcher on hand-written documents: `edits` changes values, keys and
//! the body and checks each keeps the rest as it was; `strings` writes every
//! awkward string in every style and checks it reads back. The helpers here
//! build values and read a result's fields.

use super::*;

mod edits;
mod strings;

fn s(text: &str) -> Value {
    Value::String(text.into())
}

fn list(items: &[&str]) -> Value {
    Value::Sequence(items.iter().map(|i| s(i)).collect())
}

fn set(doc: &str, key: &str, value: Value) -> String {
    apply(doc, &[Edit::Set(key.into(), value)], &[]).unwrap()
}

fn fields(doc: &str) -> Mapping {
    read_mapping(Parts::of(doc).unwrap().yaml).unwrap()
}
