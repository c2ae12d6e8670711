//! One allocation per distinct value among the results. A fleet repeats the same few texts and
//! the same few lists of requirement IDs on every device: 100,000 devices have 200,000 device
//! threats but a few hundred distinct candidate and `treated_by` lists.

use std::hash::Hash;
use std::sync::Arc;

use cpsrisk_model::Shared;
use foldhash::HashMap;

/// Hands out one [`Shared`] per distinct text.
#[derive(Default)]
pub struct Texts<'a>(HashMap<&'a str, Shared>);

impl<'a> Texts<'a> {
    pub fn get(&mut self, text: &'a str) -> Shared {
        self.0
            .entry(text)
            .or_insert_with(|| Shared::from(text))
            .clone()
    }
}

/// Hands out one `Arc<[T]>` per distinct list of keys, built from the keys on first sight
/// (sorting them, say, so that a list seen again is not sorted again). Looking up a list
/// already seen allocates nothing.
pub struct Lists<K, T>(HashMap<Vec<K>, Arc<[T]>>);

impl<K, T> Default for Lists<K, T> {
    fn default() -> Self {
        Lists(HashMap::default())
    }
}

impl<K: Hash + Eq + Clone, T> Lists<K, T> {
    pub fn get(&mut self, keys: &[K], build: impl FnOnce(&[K]) -> Arc<[T]>) -> Arc<[T]> {
        if let Some(list) = self.0.get(keys) {
            return list.clone();
        }
        let list = build(keys);
        self.0.insert(keys.to_vec(), list.clone());
        list
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn equal_lists_are_one_allocation_and_different_ones_are_not() {
        let mut texts = Texts::default();
        let mut lists: Lists<&str, Shared> = Lists::default();
        let mut build = |ids: &[&'static str]| ids.iter().map(|id| texts.get(id)).collect();
        let a = lists.get(&["SSF-R01", "SSF-R09"], &mut build);
        let b = lists.get(&["SSF-R01", "SSF-R09"], |_| unreachable!("built once"));
        let c = lists.get(&["SSF-R09"], &mut build);
        assert!(Arc::ptr_eq(&a, &b));
        assert_eq!(&*a, ["SSF-R01", "SSF-R09"]);
        assert_eq!(&*c, ["SSF-R09"]);
        // The IDs themselves are shared between lists too.
        assert!(std::ptr::eq(a[1].as_str(), c[0].as_str()));
    }
}
