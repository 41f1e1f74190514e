//! Finding quotes and delimiters 64 bytes at a time: bit masks built with
//! SSE2 natively and WebAssembly SIMD in the browser (plain Rust elsewhere),
//! searched with shifts and counts of trailing zeros.

/// Each bit the parity of the bits up to and including it.
pub(super) fn prefix_xor(mut bits: u64) -> u64 {
    for shift in [1, 2, 4, 8, 16, 32] {
        bits ^= bits << shift;
    }
    bits
}

pub(super) const BLOCK: usize = 64;

/// Finds the next `"` and the next `,`/`\r`/`\n` 64 bytes at a time: one pass
/// over a block builds a bit mask of each, and every search inside the block is
/// then a shift and a count of trailing zeros. Fields are short and many, so
/// this beats a search call per field.
pub(super) struct Scanner<'a> {
    input: &'a [u8],
    block: usize,
    quotes: u64,
    stops: u64,
}

impl<'a> Scanner<'a> {
    pub(super) fn new(input: &'a [u8], at: usize) -> Scanner<'a> {
        let mut scanner = Scanner { input, block: at, quotes: 0, stops: 0 };
        scanner.load(at);
        scanner
    }

    fn load(&mut self, at: usize) {
        self.block = at;
        (self.quotes, self.stops) = match self.input.get(at..at + BLOCK) {
            Some(block) => masks(block.try_into().expect("a block is 64 bytes")),
            None => masks_of_tail(&self.input[at.min(self.input.len())..]),
        };
    }

    #[inline]
    pub(super) fn next_quote(&mut self, from: usize) -> Option<usize> {
        self.next(from, |s| s.quotes)
    }

    #[inline]
    pub(super) fn next_stop(&mut self, from: usize) -> Option<usize> {
        self.next(from, |s| s.stops)
    }

    #[inline]
    fn next(&mut self, mut from: usize, mask: fn(&Scanner) -> u64) -> Option<usize> {
        while from < self.input.len() {
            if from >= self.block + BLOCK {
                self.load(from);
            }
            let found = mask(self) >> (from - self.block);
            if found != 0 {
                return Some(from + found.trailing_zeros() as usize);
            }
            from = self.block + BLOCK;
        }
        None
    }
}

/// The masks of a whole block, 16 bytes per compare.
#[cfg(target_arch = "x86_64")]
pub(super) fn masks(block: &[u8; BLOCK]) -> (u64, u64) {
    use std::arch::x86_64::{__m128i, _mm_cmpeq_epi8, _mm_loadu_si128, _mm_movemask_epi8, _mm_or_si128, _mm_set1_epi8};
    let (mut quotes, mut stops) = (0u64, 0u64);
    // SAFETY: SSE2 is part of every x86-64; each load reads the 16 bytes of
    // `lane`, and unaligned loads are allowed.
    unsafe {
        let (quote, comma, lf, cr) = (
            _mm_set1_epi8(b'"' as i8),
            _mm_set1_epi8(b',' as i8),
            _mm_set1_epi8(b'\n' as i8),
            _mm_set1_epi8(b'\r' as i8),
        );
        for (i, lane) in block.chunks_exact(16).enumerate() {
            let v = _mm_loadu_si128(lane.as_ptr().cast::<__m128i>());
            let stop =
                _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, comma), _mm_cmpeq_epi8(v, lf)), _mm_cmpeq_epi8(v, cr));
            quotes |= u64::from(_mm_movemask_epi8(_mm_cmpeq_epi8(v, quote)) as u16) << (16 * i);
            stops |= u64::from(_mm_movemask_epi8(stop) as u16) << (16 * i);
        }
    }
    (quotes, stops)
}

/// The same with WebAssembly's 128-bit SIMD, which the browser build enables.
#[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
pub(super) fn masks(block: &[u8; BLOCK]) -> (u64, u64) {
    use std::arch::wasm32::{u8x16_bitmask, u8x16_eq, u8x16_splat, v128, v128_load, v128_or};
    let (mut quotes, mut stops) = (0u64, 0u64);
    // SAFETY: the build enables simd128; each load reads the 16 bytes of
    // `lane`, and unaligned loads are allowed.
    unsafe {
        let (quote, comma, lf, cr) = (u8x16_splat(b'"'), u8x16_splat(b','), u8x16_splat(b'\n'), u8x16_splat(b'\r'));
        for (i, lane) in block.chunks_exact(16).enumerate() {
            let v = v128_load(lane.as_ptr().cast::<v128>());
            let stop = v128_or(v128_or(u8x16_eq(v, comma), u8x16_eq(v, lf)), u8x16_eq(v, cr));
            quotes |= u64::from(u8x16_bitmask(u8x16_eq(v, quote))) << (16 * i);
            stops |= u64::from(u8x16_bitmask(stop)) << (16 * i);
        }
    }
    (quotes, stops)
}

#[cfg(not(any(target_arch = "x86_64", all(target_arch = "wasm32", target_feature = "simd128"))))]
pub(super) fn masks(block: &[u8; BLOCK]) -> (u64, u64) {
    masks_of_tail(block)
}

/// The masks of fewer than 64 bytes (the end of the input).
pub(super) fn masks_of_tail(bytes: &[u8]) -> (u64, u64) {
    let (mut quotes, mut stops) = (0u64, 0u64);
    for (i, &b) in bytes.iter().enumerate() {
        quotes |= u64::from(b == b'"') << i;
        stops |= u64::from(matches!(b, b',' | b'\n' | b'\r')) << i;
    }
    (quotes, stops)
}
