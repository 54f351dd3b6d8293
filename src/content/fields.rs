//! A document's front-matter values by field name: a sorted slice, looked up
//! by binary search. A document has a handful of fields and keeps them until
//! the site is freed; a B-tree map took a node of eleven slots for any number.

use crate::content::schema::FieldValue;
use serde::ser::{Serialize, SerializeMap, Serializer};
use std::collections::BTreeMap;

/// Field name -> value, sorted by name, each name once.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Fields(Box<[(String, FieldValue)]>);

impl Fields {
    pub fn get(&self, name: &str) -> Option<&FieldValue> {
        self.position(name).ok().map(|i| &self.0[i].1)
    }

    pub fn contains_key(&self, name: &str) -> bool {
        self.position(name).is_ok()
    }

    /// Every field in name order.
    pub fn iter(&self) -> impl Iterator<Item = (&String, &FieldValue)> {
        self.0.iter().map(|(name, value)| (name, value))
    }

    pub fn keys(&self) -> impl Iterator<Item = &String> {
        self.0.iter().map(|(name, _)| name)
    }

    pub fn values(&self) -> impl Iterator<Item = &FieldValue> {
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

impl From<BTreeMap<String, FieldValue>> for Fields {
    fn from(map: BTreeMap<String, FieldValue>) -> Self {
        Fields(map.into_iter().collect())
    }
}

/// The last value of a name given twice wins, as in a map.
impl FromIterator<(String, FieldValue)> for Fields {
    fn from_iter<I: IntoIterator<Item = (String, FieldValue)>>(items: I) -> Self {
        items.into_iter().collect::<BTreeMap<_, _>>().into()
    }
}

impl<'a> IntoIterator for &'a Fields {
    type Item = (&'a String, &'a FieldValue);
    type IntoIter = std::iter::Map<
        std::slice::Iter<'a, (String, FieldValue)>,
        fn(&'a (String, FieldValue)) -> (&'a String, &'a FieldValue),
    >;

    fn into_iter(self) -> Self::IntoIter {
        self.0.iter().map(|(name, value)| (name, value))
    }
}

/// As a map, in name order (what a `BTreeMap` gave).
impl Serialize for Fields {
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
