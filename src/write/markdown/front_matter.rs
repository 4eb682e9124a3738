//! YAML front matter from [`Meta`], in a fixed key order.

use crate::doc::{Meta, MetaValue};
use crate::write::WriteError;
use serde_norway::{Mapping, Value};

/// `---\n…---\n` for the metadata (call only when it is not empty).
pub fn write(meta: &Meta) -> Result<String, WriteError> {
    let mut map = Mapping::new();
    let s = |v: &str| Value::String(v.to_string());
    let list = |v: &[String]| Value::Sequence(v.iter().map(|x| s(x)).collect());
    if let Some(t) = &meta.title {
        map.insert(s("title"), s(t));
    }
    if let Some(t) = &meta.subtitle {
        map.insert(s("subtitle"), s(t));
    }
    match meta.authors.as_slice() {
        [] => {}
        [one] => {
            map.insert(s("author"), s(one));
        }
        many => {
            map.insert(s("author"), list(many));
        }
    }
    if let Some(t) = &meta.date {
        map.insert(s("date"), s(t));
    }
    if let Some(t) = &meta.lang {
        map.insert(s("lang"), s(t));
    }
    if !meta.keywords.is_empty() {
        map.insert(s("keywords"), list(&meta.keywords));
    }
    for (k, v) in &meta.extra {
        if !map.contains_key(k.as_str()) {
            map.insert(s(k), yaml(v));
        }
    }
    let body = serde_norway::to_string(&Value::Mapping(map))
        .map_err(|e| WriteError::Failed(format!("cannot write front matter: {e}")))?;
    Ok(format!("---\n{body}---\n"))
}

/// A metadata value as YAML.
fn yaml(v: &MetaValue) -> Value {
    match v {
        MetaValue::Null => Value::Null,
        MetaValue::Bool(b) => Value::Bool(*b),
        MetaValue::Int(i) => Value::Number((*i).into()),
        MetaValue::Float(f) => Value::Number((*f).into()),
        MetaValue::String(s) => Value::String(s.clone()),
        MetaValue::List(items) => Value::Sequence(items.iter().map(yaml).collect()),
        MetaValue::Map(m) => Value::Mapping(
            m.iter()
                .map(|(k, v)| (Value::String(k.clone()), yaml(v)))
                .collect(),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_in_fixed_order() {
        let mut meta = Meta {
            title: Some("通知".into()),
            authors: vec!["甲".into()],
            keywords: vec!["a".into(), "b".into()],
            lang: Some("zh-CN".into()),
            ..Meta::default()
        };
        meta.extra.insert("z".into(), MetaValue::Int(1));
        meta.extra.insert("a".into(), MetaValue::Bool(true));
        assert_eq!(
            write(&meta).unwrap(),
            "---\ntitle: 通知\nauthor: 甲\nlang: zh-CN\nkeywords:\n- a\n- b\na: true\nz: 1\n---\n"
        );
    }
}
