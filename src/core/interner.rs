//! Repeated strings interned to `u32` ids in one arena, with a fast hash of
//! every byte; and the `FxMap` the few other maps use.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// FxHash, for the few maps outside the interner: the user chose the file, so
/// SipHash's flood resistance buys nothing.
#[derive(Default, Clone, Copy)]
pub struct FxHasher(u64);

const SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;

impl Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        self.0 = (self.0.rotate_left(5) ^ hash_bytes(bytes)).wrapping_mul(SEED);
    }
    fn write_u64(&mut self, i: u64) {
        self.0 = (self.0.rotate_left(5) ^ i).wrapping_mul(SEED);
    }
    fn write_u32(&mut self, i: u32) {
        self.write_u64(u64::from(i));
    }
    fn write_i32(&mut self, i: i32) {
        self.write_u64(i as u64);
    }
    fn write_usize(&mut self, i: usize) {
        self.write_u64(i as u64);
    }
    fn finish(&self) -> u64 {
        self.0
    }
}

pub type FxMap<K, V> = HashMap<K, V, BuildHasherDefault<FxHasher>>;

/// The little-endian word at `bytes[at..at + 8]`.
fn word_at(bytes: &[u8], at: usize) -> u64 {
    u64::from_le_bytes(bytes[at..at + 8].try_into().expect("eight bytes in range"))
}

/// A string of at most eight bytes as one number, distinct for distinct strings
/// of one length. Its pieces overlap rather than being copied into a padded
/// word: in WebAssembly that copy is a call to `memory.copy`, twice per lookup.
fn short_word(bytes: &[u8]) -> u64 {
    let n = bytes.len();
    let half_at = |at: usize| u64::from(u32::from_le_bytes(bytes[at..at + 4].try_into().expect("four bytes in range")));
    match n {
        8 => word_at(bytes, 0),
        4..=7 => half_at(0) | half_at(n - 4) << 32,
        1..=3 => u64::from(bytes[0]) | u64::from(bytes[n / 2]) << 8 | u64::from(bytes[n - 1]) << 16,
        _ => 0,
    }
}

/// A fast hash of every byte of a string, eight at a time (the last word
/// overlapping the one before). Skipping any bytes would let ids that differ
/// only there (crafted, or a numbering scheme) all land in one probe chain,
/// and interning would turn quadratic.
pub(crate) fn hash_bytes(bytes: &[u8]) -> u64 {
    let mix = |h: u64, w: u64| (h.rotate_left(5) ^ w).wrapping_mul(SEED);
    let len = bytes.len();
    let h = if len <= 8 {
        mix(len as u64, short_word(bytes))
    } else {
        let mut h = len as u64;
        let mut at = 0;
        while at + 8 < len {
            h = mix(h, word_at(bytes, at));
            at += 8;
        }
        mix(h, word_at(bytes, len - 8))
    };
    // Slots are the low bits: bring every bit down to them.
    let h = (h ^ (h >> 32)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    h ^ (h >> 29)
}

/// Whether two byte strings are equal, compared eight bytes at a time (the
/// last word overlapping the one before): WebAssembly's `memcmp` goes a byte
/// at a time, and interned strings (hashed account ids above all) are often
/// 64 bytes long.
fn same_bytes(a: &[u8], b: &[u8]) -> bool {
    let n = a.len();
    if n != b.len() {
        return false;
    }
    if n <= 8 {
        return short_word(a) == short_word(b);
    }
    let words = |bytes| (0..n - 8).step_by(8).map(move |at| word_at(bytes, at));
    words(a).eq(words(b)) && word_at(a, n - 8) == word_at(b, n - 8)
}

/// Byte strings in one arena, numbered in order of arrival.
#[derive(Default)]
struct Strings {
    arena: Vec<u8>,
    ends: Vec<usize>,
}

impl Strings {
    pub fn push(&mut self, bytes: &[u8]) -> u32 {
        let id = u32::try_from(self.ends.len()).expect("fewer than 2^32 strings fit in memory");
        self.arena.extend_from_slice(bytes);
        self.ends.push(self.arena.len());
        id
    }

    pub fn bytes(&self, id: u32) -> &[u8] {
        let i = id as usize;
        let start = if i == 0 { 0 } else { self.ends[i - 1] };
        &self.arena[start..self.ends[i]]
    }

    pub fn text(&self, id: u32) -> String {
        String::from_utf8_lossy(self.bytes(id)).into_owned()
    }

    pub fn len(&self) -> usize {
        self.ends.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    pub fn heap_bytes(&self) -> usize {
        self.arena.capacity() + self.ends.capacity() * 8
    }
}

/// Each distinct byte string once, numbered in order of first appearance.
///
/// One arena of bytes and an open-addressing table of ids: interning runs for
/// every hashtag, client and account of every row, and a table of boxed strings
/// would cost several times the memory.
#[derive(Default)]
pub struct Interner {
    strings: Strings,
    hashes: Vec<u32>,
    /// `id + 1` per slot, 0 for empty; the length is a power of two.
    slots: Vec<u32>,
}

impl Interner {
    pub fn intern(&mut self, bytes: &[u8]) -> u32 {
        let hash = hash_bytes(bytes);
        match self.find(bytes, hash) {
            Ok(id) => id,
            Err(slot) => {
                let id = self.strings.push(bytes);
                self.hashes.push(hash as u32);
                self.slots[slot] = id + 1;
                if self.len() * 2 > self.slots.len() {
                    self.grow();
                }
                id
            }
        }
    }

    /// The id of `bytes`, or the empty slot where it would go.
    fn find(&mut self, bytes: &[u8], hash: u64) -> Result<u32, usize> {
        if self.slots.is_empty() {
            self.slots = vec![0; 16];
        }
        let mask = self.slots.len() - 1;
        let mut slot = hash as usize & mask;
        loop {
            match self.slots[slot] {
                0 => return Err(slot),
                n if self.hashes[n as usize - 1] == hash as u32 && same_bytes(self.bytes(n - 1), bytes) => {
                    return Ok(n - 1)
                }
                _ => slot = (slot + 1) & mask,
            }
        }
    }

    fn grow(&mut self) {
        let mut slots = vec![0u32; self.slots.len() * 2];
        let mask = slots.len() - 1;
        for id in 0..self.len() {
            let mut slot = hash_bytes(self.bytes(id as u32)) as usize & mask;
            while slots[slot] != 0 {
                slot = (slot + 1) & mask;
            }
            slots[slot] = id as u32 + 1;
        }
        self.slots = slots;
    }

    pub fn get(&self, bytes: &[u8]) -> Option<u32> {
        let mask = self.slots.len().checked_sub(1)?;
        let hash = hash_bytes(bytes);
        let mut slot = hash as usize & mask;
        loop {
            match self.slots[slot] {
                0 => return None,
                n if same_bytes(self.bytes(n - 1), bytes) => return Some(n - 1),
                _ => slot = (slot + 1) & mask,
            }
        }
    }

    pub fn bytes(&self, id: u32) -> &[u8] {
        self.strings.bytes(id)
    }

    pub fn text(&self, id: u32) -> String {
        self.strings.text(id)
    }

    pub fn len(&self) -> usize {
        self.strings.len()
    }

    pub fn is_empty(&self) -> bool {
        self.strings.is_empty()
    }

    /// Bytes held: the strings, their hashes and the table.
    pub fn heap_bytes(&self) -> usize {
        self.strings.heap_bytes() + self.hashes.capacity() * 4 + self.slots.capacity() * 4
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn interns_each_string_once_through_growth() {
        let mut strings = Interner::default();
        assert_eq!(strings.get(b"x"), None);
        let words: Vec<String> = (0..5000).map(|i| format!("w{i}")).collect();
        let ids: Vec<u32> = words.iter().map(|w| strings.intern(w.as_bytes())).collect();
        assert_eq!(ids, (0..5000).collect::<Vec<u32>>());
        for (w, &id) in words.iter().zip(&ids) {
            assert_eq!(strings.intern(w.as_bytes()), id);
            assert_eq!(strings.get(w.as_bytes()), Some(id));
            assert_eq!(strings.bytes(id), w.as_bytes());
        }
        assert_eq!(strings.intern(b""), 5000);
        assert_eq!(strings.len(), 5001);
    }

    #[test]
    fn strings_differing_in_any_one_byte_are_told_apart() {
        for len in 0..40 {
            let a: Vec<u8> = (0..len as u8).map(|i| i.wrapping_mul(37) | 1).collect();
            assert!(same_bytes(&a, &a.clone()));
            assert!(!same_bytes(&a, &[a.as_slice(), b"x"].concat()));
            let mut interned = Interner::default();
            interned.intern(&a);
            for at in 0..len {
                let mut b = a.clone();
                b[at] = 0;
                assert!(!same_bytes(&a, &b), "{len} bytes, differing at {at}");
                assert_eq!(interned.get(&b), None);
                assert_eq!(interned.intern(&b), at as u32 + 1);
            }
        }
    }

    #[test]
    fn ids_that_differ_in_any_eight_bytes_spread_over_the_table() {
        // 200 000 ids of 40 bytes that differ only in bytes 8..16 (and then
        // only in 24..32): every slot chain stays short.
        for at in [8, 24] {
            let mut interner = Interner::default();
            for n in 0..200_000u64 {
                let mut id = [b'a'; 40];
                id[at..at + 8].copy_from_slice(&n.to_le_bytes());
                interner.intern(&id);
            }
            let mask = interner.slots.len() - 1;
            let mut used = vec![false; interner.slots.len()];
            for id in 0..interner.len() as u32 {
                used[hash_bytes(interner.bytes(id)) as usize & mask] = true;
            }
            let distinct = used.iter().filter(|&&u| u).count();
            assert!(distinct > 150_000, "bytes {at}..{}: {distinct} distinct home slots", at + 8);
        }
    }
}
