//! Our CSV record reader against the `csv` crate on random bytes: the same
//! fields for any input and any read size, up to the first record ours
//! reports broken (a quote still open at the end, which the `csv` crate
//! reads as one last record, and ours reads again from its second line).

use std::io::{self, Read};
use takedown::core::records::Records;

/// Hands out at most `chunk` bytes per read.
struct Chunked<'a> {
    data: &'a [u8],
    chunk: usize,
}

impl Read for Chunked<'_> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = buf.len().min(self.chunk).min(self.data.len());
        buf[..n].copy_from_slice(&self.data[..n]);
        self.data = &self.data[n..];
        Ok(n)
    }
}

/// Our records up to the first broken one, and whether one was.
fn ours(data: &[u8], chunk: usize) -> (Vec<Vec<Vec<u8>>>, bool) {
    let mut records = Records::new(Chunked { data, chunk });
    let mut out = Vec::new();
    while let Some(row) = records.read().expect("reading a slice cannot fail") {
        if row.broken().is_some() {
            return (out, true);
        }
        out.push(row.iter().map(<[u8]>::to_vec).collect());
    }
    (out, false)
}

/// Ours must equal theirs, or be all of theirs but the last where ours broke.
fn same_as_theirs(data: &[u8], chunk: usize) -> bool {
    let expected = theirs(data);
    match ours(data, chunk) {
        (records, false) => records == expected,
        (records, true) => records.len() + 1 == expected.len() && expected.starts_with(&records),
    }
}

fn theirs(data: &[u8]) -> Vec<Vec<Vec<u8>>> {
    let mut reader = csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(data);
    reader.byte_records().map(|r| r.expect("csv reads any bytes").iter().map(<[u8]>::to_vec).collect()).collect()
}

/// A small deterministic generator (xorshift64*), so a failure can be replayed.
struct Random(u64);

impl Random {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        (self.0.wrapping_mul(0x2545_F491_4F6C_DD1D) >> 33) as usize % n
    }
}

#[test]
fn the_same_fields_as_the_csv_crate_on_random_input() {
    const PIECES: &[&[u8]] = &[b"\"", b",", b"\r", b"\n", b"\r\n", b"a", b"bc", b"\xD8\xB3", b" ", b"\"\""];
    let mut random = Random(0x9E37_79B9_7F4A_7C15);
    for case in 0..20_000 {
        let mut data = Vec::new();
        if random.below(8) == 0 {
            data.extend_from_slice(b"\xEF\xBB\xBF");
        }
        for _ in 0..random.below(40) {
            data.extend_from_slice(PIECES[random.below(PIECES.len())]);
        }
        for chunk in [1, 3, usize::MAX] {
            assert!(same_as_theirs(&data, chunk), "case {case}, chunk {chunk}: {:?}", String::from_utf8_lossy(&data));
        }
    }
}

/// Longer inputs, shaped like a release: fields quoted or not, quoted ones
/// holding delimiters, line breaks and `""`, many of them longer than the
/// reader's 64-byte blocks; and now and then a quote out of place.
#[test]
fn the_same_fields_as_the_csv_crate_on_random_records() {
    const TEXT: &[&[u8]] = &[b"a", b"bc", b"0123456789", b"\xD8\xB3\xD9\x84", b" ", b"#tag"];
    const QUOTED: &[&[u8]] = &[b",", b"\n", b"\r\n", b"\"\"", b"'"];
    const ENDS: &[&[u8]] = &[b"\n", b"\r\n", b"\r", b"\n\n"];
    let mut random = Random(0x2545_F491_4F6C_DD1D);
    for case in 0..5_000 {
        let mut data = Vec::new();
        for _ in 0..random.below(8) {
            for field in 0..1 + random.below(12) {
                if field > 0 {
                    data.push(b',');
                }
                let quoted = random.below(3) > 0;
                if quoted {
                    data.push(b'"');
                }
                for _ in 0..random.below(30) {
                    let pieces = if quoted && random.below(4) == 0 { QUOTED } else { TEXT };
                    data.extend_from_slice(pieces[random.below(pieces.len())]);
                }
                if quoted {
                    data.push(b'"');
                }
            }
            data.extend_from_slice(ENDS[random.below(ENDS.len())]);
        }
        if random.below(10) == 0 && !data.is_empty() {
            let at = random.below(data.len());
            data.insert(at, b'"');
        }
        for chunk in [1, 7, 64, usize::MAX] {
            assert!(same_as_theirs(&data, chunk), "case {case}, chunk {chunk}: {:?}", String::from_utf8_lossy(&data));
        }
    }
}

/// The reader looks at 64 bytes at a time: a quote in or out of place at every
/// offset around the boundaries of those blocks.
#[test]
fn the_same_fields_as_the_csv_crate_with_quotes_at_every_offset() {
    for n in 0..140 {
        let a = "a".repeat(n);
        for data in [
            format!("\"{a}\"y,z\n"),
            format!("{a}\"y\",z\n"),
            format!("\"{a}\"\"\",z\n"),
            format!("\"{a}\"\r\n\"b\n"),
            format!("x,\"{a},\"\"\"\n"),
        ] {
            for chunk in [1, 64, usize::MAX] {
                assert!(same_as_theirs(data.as_bytes(), chunk), "chunk {chunk}: {data:?}");
            }
        }
    }
}

#[test]
fn the_same_fields_as_the_csv_crate_on_a_generated_release() {
    let mut data = Vec::new();
    takedown::synth::write_tweets(&mut data, &takedown::synth::Spec::benchmark(2_000, 50, 11)).expect("in memory");
    let expected = theirs(&data);
    assert_eq!(expected.len(), 2_001);
    assert_eq!(ours(&data, 4093), (expected, false));
}
