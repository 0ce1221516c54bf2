//! What a process has made lately and will be asked for again: the few most recent
//! results of costly work (a parsed style, a font book, a file's digest), found by their
//! key and kept until newer ones push them out, so that a long `watch` stays bounded.

use std::sync::{Mutex, PoisonError};

/// The `size` most recently used results, each with its key.
pub(crate) struct Recent<K, V> {
    kept: Mutex<Vec<(K, V)>>,
    size: usize,
}

impl<K, V: Clone> Recent<K, V> {
    pub(crate) const fn new(size: usize) -> Self {
        Recent {
            kept: Mutex::new(Vec::new()),
            size,
        }
    }

    /// The result kept under a key `matches` accepts, else the one `make` gives with its
    /// key; either is then the most recent, and the least recent goes when there are too
    /// many.
    pub(crate) fn get_or_make(
        &self,
        matches: impl Fn(&K) -> bool,
        make: impl FnOnce() -> (K, V),
    ) -> V {
        let mut kept = self.kept.lock().unwrap_or_else(PoisonError::into_inner);
        let entry = match kept.iter().position(|(key, _)| matches(key)) {
            Some(at) => kept.remove(at),
            None => {
                if kept.len() >= self.size {
                    kept.remove(0);
                }
                make()
            }
        };
        let value = entry.1.clone();
        kept.push(entry);
        value
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_result_is_made_once_and_the_least_recent_goes_first() {
        let recent: Recent<u32, u32> = Recent::new(2);
        let made = std::cell::Cell::new(0);
        let get = |key: u32| {
            recent.get_or_make(
                |k| *k == key,
                || {
                    made.set(made.get() + 1);
                    (key, key * 10)
                },
            )
        };
        assert_eq!(get(1), 10);
        assert_eq!(get(2), 20);
        assert_eq!(get(1), 10);
        assert_eq!(made.get(), 2);
        // 2 is now the least recent: 3 pushes it out, and 1 stays.
        assert_eq!(get(3), 30);
        assert_eq!(get(1), 10);
        assert_eq!(made.get(), 3);
        assert_eq!(get(2), 20);
        assert_eq!(made.get(), 4);
    }
}
