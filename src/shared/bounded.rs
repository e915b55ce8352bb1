//! A size-limited memo that forgets what has not been used lately, so a cache kept for a
//! whole batch (shaped words, hyphenation points, font subsets) holds at most a fixed number
//! of entries however many and however varied the documents are.
//!
//! Two generations: new entries go into the young map; when it is full it becomes the old
//! one and the previous old map is dropped. An entry found in the old map moves back into
//! the young one. What a run of documents keeps using survives every rotation, what it
//! stopped using is gone after two, and the memo never holds more than twice its capacity.
//! This is the "segmented" approximation of least-recently-used eviction: no list of use
//! times to update on every hit (a hit is one hash lookup), and no crate for thirty lines.
//!
//! The maps hash with FxHash (rustc-hash, already in the tree through krilla): the keys are
//! short words and glyph sets, hashed millions of times a batch, and SipHash was a tenth of
//! layout's instructions. The memo is bounded, so a text made to collide costs a batch at
//! most a slower lookup within one generation, never unbounded memory.

use rustc_hash::FxHashMap as HashMap;
use std::borrow::Borrow;
use std::hash::Hash;
use std::sync::Mutex;

/// A memo of at most `2 × capacity` entries (see the module documentation).
pub struct Bounded<K, V> {
    young: HashMap<K, V>,
    old: HashMap<K, V>,
    capacity: usize,
}

impl<K: Hash + Eq, V> Bounded<K, V> {
    /// An empty memo whose young generation holds `capacity` entries (at least one).
    pub fn new(capacity: usize) -> Bounded<K, V> {
        Bounded {
            young: HashMap::default(),
            old: HashMap::default(),
            capacity: capacity.max(1),
        }
    }

    /// The value kept for `key`, if it is still kept; a hit keeps it for longer.
    pub fn get<Q>(&mut self, key: &Q) -> Option<&V>
    where
        K: Borrow<Q>,
        Q: Hash + Eq + ?Sized,
    {
        if self.keep(key) {
            self.young.get(key)
        } else {
            None
        }
    }

    /// Whether `key` is kept, moving it into the young generation if it was in the old.
    fn keep<Q>(&mut self, key: &Q) -> bool
    where
        K: Borrow<Q>,
        Q: Hash + Eq + ?Sized,
    {
        if self.young.contains_key(key) {
            return true;
        }
        match self.old.remove_entry(key) {
            Some((k, v)) => {
                self.insert(k, v);
                true
            }
            None => false,
        }
    }

    /// Keeps `value` for `key`, forgetting the oldest generation if the young one is full.
    pub fn insert(&mut self, key: K, value: V) {
        if self.young.len() >= self.capacity {
            self.old = std::mem::take(&mut self.young);
        }
        self.young.insert(key, value);
    }

    /// The value for `key`, made by `make` and kept if it was not there.
    pub fn get_or_insert_with<Q>(&mut self, key: &Q, make: impl FnOnce() -> V) -> &V
    where
        K: Borrow<Q>,
        Q: Hash + Eq + ToOwned<Owned = K> + ?Sized,
    {
        if !self.keep(key) {
            self.insert(key.to_owned(), make());
        }
        self.young
            .get(key)
            .expect("the entry was just found or inserted in the young generation")
    }

    /// How many entries are kept now (never more than twice the capacity).
    pub fn len(&self) -> usize {
        self.young.len() + self.old.len()
    }

    /// Whether nothing is kept.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Makes the young generation the old one and forgets the old: what [`Grouped`] does to
    /// all its memos at once.
    fn age(&mut self) {
        self.old = std::mem::take(&mut self.young);
    }
}

/// Memos by group (a face and size, say) that share one budget: once the young entries of
/// all groups together reach `capacity`, every group ages at once. So the whole holds at
/// most `2 × capacity` entries (and the words of one call over it) however many groups a
/// batch brings, where a capacity per group multiplied with the groups: a varied batch set
/// in a dozen faces and sizes filled a dozen memos to their bounds, two workers' worth
/// (docs/scaling.md).
pub struct Grouped<G, K, V> {
    groups: HashMap<G, Bounded<K, V>>,
    /// Entries in the young generations of all groups.
    young: usize,
    capacity: usize,
}

impl<G: Hash + Eq, K: Hash + Eq, V> Grouped<G, K, V> {
    /// No memos yet; their young generations together hold `capacity` entries.
    pub fn new(capacity: usize) -> Grouped<G, K, V> {
        Grouped {
            groups: HashMap::default(),
            young: 0,
            capacity: capacity.max(1),
        }
    }

    /// Runs `use_memo` on the memo of `group`. What it adds counts against the budget; if
    /// the budget was spent, every group ages first.
    pub fn with_group<R>(&mut self, group: G, use_memo: impl FnOnce(&mut Bounded<K, V>) -> R) -> R {
        if self.young >= self.capacity {
            for memo in self.groups.values_mut() {
                memo.age();
            }
            self.young = 0;
        }
        // Never full on its own: the groups age together, above.
        let memo = self
            .groups
            .entry(group)
            .or_insert_with(|| Bounded::new(usize::MAX));
        let before = memo.young.len();
        let result = use_memo(memo);
        self.young += memo.young.len().saturating_sub(before);
        result
    }

    /// How many entries all groups keep now.
    pub fn len(&self) -> usize {
        self.groups.values().map(Bounded::len).sum()
    }

    /// Whether nothing is kept.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// A [`Bounded`] memo shared by the workers of a process (behind a lock), for work that is
/// worth doing once per batch rather than once per document: the font subsets of equal
/// character sets. The value is made outside the lock, so workers never wait on each
/// other's work; two making the same value at once both keep an equal one.
pub struct Shared<K, V> {
    memo: Mutex<Option<Bounded<K, V>>>,
    capacity: usize,
}

impl<K: Hash + Eq, V: Clone> Shared<K, V> {
    /// An empty memo of [`Bounded`] `capacity`, usable as a `static`.
    pub const fn new(capacity: usize) -> Shared<K, V> {
        Shared {
            memo: Mutex::new(None),
            capacity,
        }
    }

    /// The value for `key`: a copy of the kept one, or made by `make` and kept.
    pub fn get_or_make(&self, key: K, make: impl FnOnce() -> V) -> V {
        let lock = || self.memo.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(v) = lock().as_mut().and_then(|m| m.get(&key)) {
            return v.clone();
        }
        let value = make();
        lock()
            .get_or_insert_with(|| Bounded::new(self.capacity))
            .insert(key, value.clone());
        value
    }
}

#[cfg(test)]
mod tests {
    use super::{Bounded, Grouped, Shared};

    #[test]
    fn a_shared_memo_makes_each_value_once_and_stays_bounded() {
        static MEMO: Shared<u32, u32> = Shared::new(8);
        let made = std::sync::atomic::AtomicU32::new(0);
        for round in 0..3 {
            for k in 0..4 {
                let v = MEMO.get_or_make(k, || {
                    made.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                    k * 10
                });
                assert_eq!(v, k * 10, "round {round}");
            }
        }
        assert_eq!(made.into_inner(), 4);
        for k in 100..1_000 {
            MEMO.get_or_make(k, || k);
        }
        assert!(MEMO.memo.lock().unwrap().as_ref().unwrap().len() <= 16);
    }

    /// Many groups share one budget: a memo per face and size no longer multiplies it, and
    /// what every group keeps using survives the aging.
    #[test]
    fn grouped_memos_hold_twice_their_shared_capacity_however_many_groups() {
        let mut memo: Grouped<u32, u32, u32> = Grouped::new(100);
        for i in 0..10_000u32 {
            memo.with_group(i % 40, |m| {
                m.get_or_insert_with(&i, || i);
                m.get_or_insert_with(&u32::MAX, || 0);
            });
            assert!(memo.len() <= 2 * 100 + 2, "{} entries", memo.len());
        }
        for group in 0..40 {
            let kept = memo.with_group(group, |m| m.get(&u32::MAX).copied());
            assert_eq!(kept, Some(0), "group {group} forgot the entry it uses");
        }
    }

    #[test]
    fn never_holds_more_than_twice_its_capacity() {
        let mut memo = Bounded::new(100);
        for i in 0..10_000u32 {
            memo.insert(i, i * 2);
            assert!(memo.len() <= 200, "{} entries after {i}", memo.len());
        }
        // The most recent entries are kept, the first ones forgotten.
        assert_eq!(memo.get(&9_999), Some(&19_998));
        assert_eq!(memo.get(&0), None);
    }

    #[test]
    fn an_entry_in_use_survives_every_rotation() {
        let mut memo: Bounded<String, usize> = Bounded::new(10);
        memo.insert("often".into(), 1);
        for i in 0..1_000 {
            memo.insert(format!("once-{i}"), i);
            assert_eq!(memo.get("often"), Some(&1), "lost after {i} other entries");
        }
        assert_eq!(memo.get("once-0"), None);
    }

    #[test]
    fn get_or_insert_with_makes_a_value_once() {
        let mut memo: Bounded<String, usize> = Bounded::new(4);
        let mut made = 0;
        for _ in 0..3 {
            let v = *memo.get_or_insert_with("word", || {
                made += 1;
                7
            });
            assert_eq!(v, 7);
        }
        assert_eq!(made, 1);
    }
}
