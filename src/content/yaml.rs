//! Reading YAML into `serde_yaml_ng::Value` as its own `Deserialize` does, with
//! one difference: a whole number beyond 64 bits is kept (as a `BIG_INTEGER`
//! tagged text) instead of failing the whole file, so `schema` can say it is out
//! of the field's range and the file's other problems are still reported.
//! The parser, its limits (alias repetition, nesting) and its errors stay
//! serde_yaml_ng's.

use serde::de::{self, Deserialize, Deserializer, EnumAccess, MapAccess, SeqAccess, VariantAccess};
use serde_yaml_ng::value::{Tag, TaggedValue};
use serde_yaml_ng::{Mapping, Value};
use std::fmt;

/// The tag of a whole number too large for 64 bits; the value is its digits.
pub const BIG_INTEGER: &str = "!kennisbank/big-integer";

/// Parses YAML text into a `Value`.
pub fn from_str(text: &str) -> Result<Value, serde_yaml_ng::Error> {
    serde_yaml_ng::from_str::<Yaml>(text).map(|y| y.0)
}

/// The digits of a whole number too large for 64 bits, as parsed by `from_str`.
pub fn big_integer(value: &Value) -> Option<&str> {
    match value {
        Value::Tagged(t) if t.tag == Tag::new(BIG_INTEGER) => match &t.value {
            Value::String(s)
                if !s.is_empty()
                    && s.trim_start_matches('-')
                        .bytes()
                        .all(|b| b.is_ascii_digit()) =>
            {
                Some(s)
            }
            _ => None,
        },
        _ => None,
    }
}

struct Yaml(Value);

impl<'de> Deserialize<'de> for Yaml {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(YamlVisitor).map(Yaml)
    }
}

struct YamlVisitor;

fn big(digits: String) -> Value {
    Value::Tagged(Box::new(TaggedValue {
        tag: Tag::new(BIG_INTEGER),
        value: Value::String(digits),
    }))
}

impl<'de> de::Visitor<'de> for YamlVisitor {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any YAML value")
    }

    fn visit_bool<E: de::Error>(self, b: bool) -> Result<Value, E> {
        Ok(Value::Bool(b))
    }

    fn visit_i64<E: de::Error>(self, i: i64) -> Result<Value, E> {
        Ok(Value::Number(i.into()))
    }

    fn visit_u64<E: de::Error>(self, u: u64) -> Result<Value, E> {
        Ok(Value::Number(u.into()))
    }

    fn visit_i128<E: de::Error>(self, i: i128) -> Result<Value, E> {
        Ok(big(i.to_string()))
    }

    fn visit_u128<E: de::Error>(self, u: u128) -> Result<Value, E> {
        Ok(big(u.to_string()))
    }

    fn visit_f64<E: de::Error>(self, f: f64) -> Result<Value, E> {
        Ok(Value::Number(f.into()))
    }

    fn visit_str<E: de::Error>(self, s: &str) -> Result<Value, E> {
        Ok(Value::String(s.to_owned()))
    }

    fn visit_string<E: de::Error>(self, s: String) -> Result<Value, E> {
        Ok(Value::String(s))
    }

    fn visit_unit<E: de::Error>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_none<E: de::Error>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Value, D::Error> {
        Yaml::deserialize(deserializer).map(|y| y.0)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut items = Vec::new();
        while let Some(Yaml(item)) = seq.next_element()? {
            items.push(item);
        }
        Ok(Value::Sequence(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut mapping = Mapping::new();
        while let Some(Yaml(key)) = map.next_key()? {
            if mapping.contains_key(&key) {
                return Err(de::Error::custom(format!(
                    "duplicate entry with key {}",
                    match &key {
                        Value::String(s) => format!("{s:?}"),
                        other => crate::content::frontmatter::describe(other),
                    }
                )));
            }
            let Yaml(value) = map.next_value()?;
            mapping.insert(key, value);
        }
        Ok(Value::Mapping(mapping))
    }

    fn visit_enum<A: EnumAccess<'de>>(self, data: A) -> Result<Value, A::Error> {
        let (tag, contents): (String, _) = data.variant()?;
        if tag.is_empty() {
            return Err(de::Error::custom("empty YAML tag is not allowed"));
        }
        let Yaml(value) = contents.newtype_variant()?;
        Ok(Value::Tagged(Box::new(TaggedValue {
            tag: Tag::new(tag),
            value,
        })))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_values_as_serde_yaml_ng() {
        let text = "a: 1\nb: -2\nc: 1.5\nd: x\ne: [true, ~]\nf: {g: h}\ni: !t 3\nj: \"\\e\"\n";
        let ours = from_str(text).unwrap();
        let theirs: Value = serde_yaml_ng::from_str(text).unwrap();
        assert_eq!(ours, theirs);
    }

    #[test]
    fn integers_beyond_64_bits_are_kept_as_digits() {
        let v = from_str("n: 99999999999999999999\nm: -99999999999999999999\n").unwrap();
        assert_eq!(big_integer(&v["n"]), Some("99999999999999999999"));
        assert_eq!(big_integer(&v["m"]), Some("-99999999999999999999"));
        assert_eq!(big_integer(&Value::String("1".into())), None);
    }

    #[test]
    fn duplicate_keys_and_alias_bombs_are_still_refused() {
        let err = from_str("a: 1\na: 2\n").unwrap_err().to_string();
        assert!(err.starts_with("duplicate entry with key \"a\""), "{err}");
        let mut yaml = String::from("a: &a [x, x, x, x, x, x, x, x, x, x]\n");
        for i in 0..12 {
            let prev = if i == 0 {
                "a".to_string()
            } else {
                format!("b{}", i - 1)
            };
            yaml.push_str(&format!("b{i}: &b{i} [*{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}]\n"));
        }
        let err = from_str(&yaml).unwrap_err().to_string();
        assert!(err.contains("repetition limit exceeded"), "{err}");
    }
}
