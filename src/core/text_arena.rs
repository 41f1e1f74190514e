//! Tweet text of a campaign, in blocks that never move once written.

/// Tweet text in blocks of at most 64 MiB that never move once written: one
/// growing buffer would double (and copy) its way past a gigabyte on the largest
/// releases, which a 4 GiB WebAssembly memory cannot afford. Rows fill the
/// blocks in order, which lets de-duplication move text down within a block.
#[derive(Default)]
pub(crate) struct TextArena {
    blocks: Vec<Vec<u8>>,
    /// Per tweet: block in the top 16 bits, start in the low 48.
    starts: Vec<u64>,
    lens: Vec<u32>,
}

/// Blocks start small (a sample must not take 64 MiB) and double up to the cap.
const FIRST_TEXT_BLOCK: usize = 1 << 20;
const TEXT_BLOCK: usize = 64 << 20;
const START_BITS: u32 = 48;

impl TextArena {
    pub(crate) fn push(&mut self, text: &[u8]) {
        let text = &text[..text.len().min(u32::MAX as usize)];
        // A text longer than a block gets a block of its own.
        let fits = self.blocks.last().is_some_and(|b| b.len() + text.len() <= b.capacity());
        if !fits {
            let size = self.blocks.last().map_or(FIRST_TEXT_BLOCK, |b| (b.capacity() * 2).min(TEXT_BLOCK));
            self.blocks.push(Vec::with_capacity(size.max(text.len())));
        }
        let block = self.blocks.len() - 1;
        let buffer = &mut self.blocks[block];
        self.starts.push((block as u64) << START_BITS | buffer.len() as u64);
        self.lens.push(text.len() as u32);
        buffer.extend_from_slice(text);
    }

    /// What each text costs besides its bytes: its start and length.
    pub(crate) const OFFSET_BYTES: usize = 8 + 4;

    /// Room for `tweets` more offsets (the text itself goes in fixed blocks).
    pub(crate) fn reserve(&mut self, tweets: usize) {
        self.starts.reserve_exact(tweets);
        self.lens.reserve_exact(tweets);
    }

    pub(crate) fn place(&self, i: usize) -> (usize, usize) {
        ((self.starts[i] >> START_BITS) as usize, (self.starts[i] & ((1 << START_BITS) - 1)) as usize)
    }

    pub(crate) fn get(&self, i: usize) -> &[u8] {
        let (block, start) = self.place(i);
        &self.blocks[block][start..start + self.lens[i] as usize]
    }

    /// Keeps the texts of the rows marked in `keep`, moving each down within
    /// its own block: no second copy of the text is ever made.
    pub(crate) fn retain(&mut self, keep: &[bool]) {
        let mut written: Vec<usize> = vec![0; self.blocks.len()];
        let mut kept = 0;
        for (i, &keep_row) in keep.iter().enumerate() {
            if !keep_row {
                continue;
            }
            let (block, start) = self.place(i);
            let len = self.lens[i] as usize;
            let to = written[block];
            self.blocks[block].copy_within(start..start + len, to);
            written[block] = to + len;
            self.starts[kept] = (block as u64) << START_BITS | to as u64;
            self.lens[kept] = len as u32;
            kept += 1;
        }
        self.starts.truncate(kept);
        self.lens.truncate(kept);
        for (block, len) in self.blocks.iter_mut().zip(written) {
            block.truncate(len);
        }
    }

    /// Takes over another arena's blocks as they are.
    pub(crate) fn append(&mut self, other: TextArena) {
        let offset = (self.blocks.len() as u64) << START_BITS;
        self.starts.extend(other.starts.iter().map(|&s| s + offset));
        self.lens.extend_from_slice(&other.lens);
        self.blocks.extend(other.blocks);
    }

    pub(crate) fn shrink(&mut self) {
        for block in &mut self.blocks {
            block.shrink_to_fit();
        }
        self.starts.shrink_to_fit();
        self.lens.shrink_to_fit();
    }

    pub(crate) fn heap_bytes(&self) -> usize {
        self.blocks.iter().map(Vec::capacity).sum::<usize>() + self.starts.capacity() * 8 + self.lens.capacity() * 4
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_spreads_over_blocks_that_never_move() {
        let mut arena = TextArena::default();
        let texts: Vec<Vec<u8>> = (0..3000u32).map(|i| vec![(i % 251) as u8; (i as usize * 7919) % 3000]).collect();
        for t in &texts {
            arena.push(t);
        }
        arena.push(&vec![7u8; 3 << 20]);
        assert!(arena.blocks.len() > 2);
        for (i, t) in texts.iter().enumerate() {
            assert_eq!(arena.get(i), &t[..]);
        }
        assert_eq!(arena.get(3000).len(), 3 << 20);
    }
}
