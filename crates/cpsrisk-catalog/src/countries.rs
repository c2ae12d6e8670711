//! ISO 3166-1 alpha-2 country codes with their English and Japanese names
//! (`catalogs/dmf/iso3166-1-alpha2.tsv`), for checking the DMF model's countries and
//! suggesting a code for a name written instead (`Japan` → `JP`, `日本` → `JP`).

use std::collections::HashMap;
use std::sync::LazyLock;

pub struct Country {
    pub code: &'static str,
    /// The usual English name first, then other spellings.
    pub names_en: Vec<&'static str>,
    pub name_ja: &'static str,
}

struct Countries {
    list: Vec<Country>,
    by_code: HashMap<&'static str, usize>,
    /// Lower-cased English names and Japanese names → index.
    by_name: HashMap<String, usize>,
}

static COUNTRIES: LazyLock<Countries> = LazyLock::new(|| {
    let text = include_str!(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../catalogs/dmf/iso3166-1-alpha2.tsv"
    ));
    let list: Vec<Country> = text
        .lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
        .map(|l| {
            let mut cols = l.split('\t');
            let (Some(code), Some(en), Some(ja)) = (cols.next(), cols.next(), cols.next()) else {
                panic!("embedded iso3166-1-alpha2.tsv: bad line {l:?}")
            };
            Country {
                code,
                names_en: en.split('|').collect(),
                name_ja: ja,
            }
        })
        .collect();
    let by_code = list.iter().enumerate().map(|(i, c)| (c.code, i)).collect();
    let by_name = list
        .iter()
        .enumerate()
        .flat_map(|(i, c)| {
            c.names_en
                .iter()
                .map(move |n| (n.to_lowercase(), i))
                .chain(std::iter::once((c.name_ja.to_string(), i)))
        })
        .collect();
    Countries {
        list,
        by_code,
        by_name,
    }
});

/// The country of an alpha-2 code as written (upper case), if ISO 3166-1 assigns it.
pub fn country(code: &str) -> Option<&'static Country> {
    COUNTRIES.by_code.get(code).map(|&i| &COUNTRIES.list[i])
}

/// Whether ISO 3166-1 leaves the code to users (AA, QM–QZ, XA–XZ, ZZ): a model may use one for
/// a country it does not name.
pub fn user_assigned(code: &str) -> bool {
    let b = code.as_bytes();
    code.len() == 2
        && match (b[0], b[1]) {
            (b'A', b'A') | (b'Z', b'Z') => true,
            (b'Q', c) => (b'M'..=b'Z').contains(&c),
            (b'X', c) => c.is_ascii_uppercase(),
            _ => false,
        }
}

/// The code a misspelt or spelt-out country most likely means: the code in other case, an
/// English or Japanese name, or the nearest English name.
pub fn suggest(text: &str) -> Option<&'static Country> {
    let c = &*COUNTRIES;
    let t = text.trim();
    if let Some(&i) = c.by_code.get(t.to_uppercase().as_str()) {
        return Some(&c.list[i]);
    }
    if let Some(&i) = c.by_name.get(&t.to_lowercase()) {
        return Some(&c.list[i]);
    }
    let name = crate::near_miss(t, c.list.iter().flat_map(|x| x.names_en.iter().copied()))?;
    c.by_name.get(&name.to_lowercase()).map(|&i| &c.list[i])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_names_and_suggestions() {
        assert_eq!(country("JP").unwrap().name_ja, "日本");
        assert_eq!(country("EU").unwrap().names_en[0], "European Union");
        assert!(country("jp").is_none() && country("XX").is_none());
        assert!(user_assigned("XX") && user_assigned("QZ") && !user_assigned("JP"));
        for (text, code) in [
            ("Japan", "JP"),
            ("japan", "JP"),
            ("日本", "JP"),
            ("jp", "JP"),
            ("Jpaan", "JP"),
            ("USA", "US"),
            ("Germany", "DE"),
        ] {
            assert_eq!(suggest(text).map(|c| c.code), Some(code), "{text}");
        }
        assert!(suggest("Atlantis-on-Sea").is_none());
    }
}
