//! A document's front-matter values by field name, and where its references
//! were written: sorted slices, looked up by binary search. A document has a
//! handful of fields and keeps them until the site is freed; a B-tree map took
//! a node of eleven slots for any number.

use crate::content::schema::FieldValue;
use serde::ser::{Serialize, SerializeMap, Serializer};
use std::collections::BTreeMap;

/// Field name -> value, sorted by name, each name once.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ByName<V>(Box<[(String, V)]>);

/// A document's front-matter values.
pub type Fields = ByName<FieldValue>;

/// A referenced slug or source location as written, with its line and column.
pub type RefAt = (String, usize, usize);

/// For each field holding references or source locations: each one's position.
pub type RefPositions = ByName<Box<[RefAt]>>;

impl<V> Default for ByName<V> {
    fn default() -> Self {
        ByName(Box::default())
    }
}

impl<V> ByName<V> {
    pub fn get(&self, name: &str) -> Option<&V> {
        self.position(name).ok().map(|i| &self.0[i].1)
    }

    pub fn contains_key(&self, name: &str) -> bool {
        self.position(name).is_ok()
    }

    /// Every field in name order.
    pub fn iter(&self) -> impl Iterator<Item = (&String, &V)> {
        self.0.iter().map(|(name, value)| (name, value))
    }

    pub fn keys(&self) -> impl Iterator<Item = &String> {
        self.0.iter().map(|(name, _)| name)
    }

    pub fn values(&self) -> impl Iterator<Item = &V> {
        self.0.iter().map(|(_, value)| value)
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    fn position(&self, name: &str) -> Result<usize, usize> {
        self.0.binary_search_by(|(key, _)| key.as_str().cmp(name))
    }
}

impl<V> From<BTreeMap<String, V>> for ByName<V> {
    fn from(map: BTreeMap<String, V>) -> Self {
        ByName(map.into_iter().collect())
    }
}

impl From<BTreeMap<String, Vec<RefAt>>> for RefPositions {
    fn from(map: BTreeMap<String, Vec<RefAt>>) -> Self {
        ByName(map.into_iter().map(|(k, v)| (k, v.into())).collect())
    }
}

/// The last value of a name given twice wins, as in a map.
impl<V> FromIterator<(String, V)> for ByName<V> {
    fn from_iter<I: IntoIterator<Item = (String, V)>>(items: I) -> Self {
        items.into_iter().collect::<BTreeMap<_, _>>().into()
    }
}

impl<'a, V> IntoIterator for &'a ByName<V> {
    type Item = (&'a String, &'a V);
    type IntoIter = std::iter::Map<
        std::slice::Iter<'a, (String, V)>,
        fn(&'a (String, V)) -> (&'a String, &'a V),
    >;

    fn into_iter(self) -> Self::IntoIter {
        self.0.iter().map(|(name, value)| (name, value))
    }
}

/// As a map, in name order (what a `BTreeMap` gave).
impl<V: Serialize> Serialize for ByName<V> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for (name, value) in self.iter() {
            map.serialize_entry(name, value)?;
        }
        map.end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fields() -> Fields {
        [
            ("jaar".to_string(), FieldValue::Integer(2014)),
            ("gemeente".to_string(), FieldValue::Ref("zaanstad".into())),
            (
                "themas".to_string(),
                FieldValue::RefList(vec!["toegang".into()]),
            ),
            ("jaar".to_string(), FieldValue::Integer(2013)),
        ]
        .into_iter()
        .collect()
    }

    #[test]
    fn looks_up_by_name_in_name_order() {
        let f = fields();
        assert_eq!(f.len(), 3);
        assert_eq!(f.get("gemeente"), Some(&FieldValue::Ref("zaanstad".into())));
        assert_eq!(f.get("jaar"), Some(&FieldValue::Integer(2013)));
        assert_eq!(f.get("thema"), None);
        assert!(f.contains_key("themas") && !f.contains_key("a") && !f.contains_key("z"));
        let names: Vec<&String> = f.keys().collect();
        assert_eq!(names, ["gemeente", "jaar", "themas"]);
        assert!(Fields::default().is_empty());
    }

    #[test]
    fn serializes_as_the_map_it_replaces() {
        let f = fields();
        let map: BTreeMap<String, FieldValue> =
            f.iter().map(|(k, v)| (k.clone(), v.clone())).collect();
        assert_eq!(
            serde_json::to_string(&f).unwrap(),
            serde_json::to_string(&map).unwrap()
        );
    }
}
