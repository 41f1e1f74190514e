//! CSV records from any `Read`. Release files are many short fields and a few
//! long ones (tweet text, profile descriptions), nearly all quoted: the reader
//! finds quotes and delimiters 64 bytes at a time with SIMD bit masks rather
//! than a byte-at-a-time state machine, and hands out fields as slices of its
//! buffer, copying only a field that holds an escaped quote.
//!
//! The dialect is exactly what the `csv` crate reads with its defaults (`,`,
//! `"` doubled to escape, text after a closing quote kept, any run of `\r`/`\n`
//! ends a record, a UTF-8 BOM dropped, a cut-short last record kept as it is);
//! tests compare the two on random bytes.
//!
//! Two departures keep one bad record from costing the rest of a file, and
//! memory bounded whatever the bytes: a record longer than [`MAX_RECORD`], and
//! one that reaches the end of the input inside quotes or where reading failed
//! (a stray opening quote, a download cut short), come out as a [`Broken`] row,
//! and reading resumes on the line after the one where that record began.

use std::io::{self, Read};
use std::ops::Range;

const FIRST_BUFFER: usize = 256 * 1024;

/// The longest record read as one. No release record comes near it (the
/// longest tweet with its profile is a few kilobytes); anything longer is a
/// quote left open, or not CSV at all.
pub const MAX_RECORD: usize = 1 << 20;

/// Why a record could not be read as one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Broken {
    /// Longer than [`MAX_RECORD`] bytes.
    TooLong,
    /// It reaches the end of the input inside quotes, or reading stopped in it.
    CutShort,
}

/// Where one field's bytes are: in the input, or copied out and unescaped.
#[derive(Debug, Clone, Copy)]
struct Span {
    from: usize,
    to: usize,
    copied: bool,
}

/// The fields of the record being read.
#[derive(Default)]
struct Fields {
    spans: Vec<Span>,
    copies: Vec<u8>,
    /// The field being read: a range of the input while its bytes lie together
    /// there, or (once `copied`) a range of `copies`.
    current: Range<usize>,
    copied: bool,
}

impl Fields {
    fn clear(&mut self) {
        self.spans.clear();
        self.copies.clear();
    }

    #[inline]
    fn begin(&mut self) {
        self.current = 0..0;
        self.copied = false;
    }

    /// Adds `input[from..to]` to the field being read.
    #[inline]
    fn take(&mut self, input: &[u8], from: usize, to: usize) {
        if from == to {
            return;
        }
        if !self.copied && self.current.is_empty() {
            self.current = from..to;
        } else {
            // A second piece (after an escaped quote, or text after a closing
            // quote) is never next to the first: a quote lies between.
            self.copy_out(input);
            self.copies.extend_from_slice(&input[from..to]);
        }
    }

    /// Adds a whole field, `input[from..to]` as written: a quoted one loses its
    /// quotes, and its `""` (if `escaped`) become `"`.
    #[inline]
    fn push_field(&mut self, input: &[u8], from: usize, to: usize, escaped: bool) {
        if input[from] != b'"' {
            self.spans.push(Span { from, to, copied: false });
        } else if !escaped {
            self.spans.push(Span { from: from + 1, to: to - 1, copied: false });
        } else {
            let start = self.copies.len();
            for (i, piece) in input[from + 1..to - 1].split(|&b| b == b'"').enumerate() {
                // Pieces alternate: text, then the empty piece between a pair.
                if i % 2 == 0 {
                    self.copies.extend_from_slice(piece);
                } else {
                    self.copies.push(b'"');
                }
            }
            self.spans.push(Span { from: start, to: self.copies.len(), copied: true });
        }
    }

    /// Adds the quote an escaped `""` stands for.
    fn take_quote(&mut self, input: &[u8]) {
        self.copy_out(input);
        self.copies.push(b'"');
    }

    #[cold]
    fn copy_out(&mut self, input: &[u8]) {
        if !self.copied {
            let start = self.copies.len();
            self.copies.extend_from_slice(&input[self.current.clone()]);
            self.current = start..start;
            self.copied = true;
        }
    }

    #[inline]
    fn end(&mut self) {
        let (from, to) =
            if self.copied { (self.current.start, self.copies.len()) } else { (self.current.start, self.current.end) };
        self.spans.push(Span { from, to, copied: self.copied });
        self.begin();
    }
}

/// One record's fields, borrowed from the reader until the next read.
pub struct Row<'a> {
    input: &'a [u8],
    fields: &'a Fields,
    broken: Option<Broken>,
}

impl<'a> Row<'a> {
    /// Why the record could not be read as one; its fields are then as far
    /// as they went (none for one too long).
    pub fn broken(&self) -> Option<Broken> {
        self.broken
    }

    #[inline]
    pub fn len(&self) -> usize {
        self.fields.spans.len()
    }

    pub fn is_empty(&self) -> bool {
        self.fields.spans.is_empty()
    }

    #[inline]
    pub fn get(&self, i: usize) -> Option<&'a [u8]> {
        let span = *self.fields.spans.get(i)?;
        let bytes = if span.copied { &self.fields.copies } else { self.input };
        Some(&bytes[span.from..span.to])
    }

    pub fn iter(&self) -> impl Iterator<Item = &'a [u8]> + '_ {
        (0..self.len()).filter_map(|i| self.get(i))
    }
}

/// What one attempt to parse a record from the buffered bytes found.
enum Parsed {
    /// A record of `consumed` bytes; `open` when it ends at the end of the
    /// input inside quotes.
    Record { consumed: usize, open: bool },
    /// The record goes on past the buffered bytes.
    NeedMore,
}

/// Reads records one after another, reusing one buffer.
pub struct Records<R> {
    reader: R,
    buffer: Vec<u8>,
    start: usize,
    end: usize,
    eof: bool,
    /// Why the input ended early, kept until the buffered records are out.
    failed: Option<io::Error>,
    /// Dropping bytes up to the next line break, after a record too long to keep.
    skipping: bool,
    /// Reading went on after a record cut short at the end of the input; the
    /// next such record runs to the end (each would scan the rest again).
    resumed_at_end: bool,
    at_file_start: bool,
    fields: Fields,
    /// Where the record last read starts in the buffer.
    record_start: usize,
    /// Bytes of the input dropped from the front of the buffer so far.
    dropped: u64,
    /// Lines are counted only when asked for: `line` is the line of
    /// `buffer[counted]`, which never passes `record_start`.
    line: u64,
    counted: usize,
}

impl<R: Read> Records<R> {
    pub fn new(reader: R) -> Records<R> {
        Records {
            reader,
            buffer: vec![0; FIRST_BUFFER],
            start: 0,
            end: 0,
            eof: false,
            failed: None,
            skipping: false,
            resumed_at_end: false,
            at_file_start: true,
            fields: Fields::default(),
            record_start: 0,
            dropped: 0,
            line: 1,
            counted: 0,
        }
    }

    /// The next record, or `None` at the end of the input. An error of the
    /// underlying reader comes after every record read before it.
    pub fn read(&mut self) -> io::Result<Option<Row<'_>>> {
        loop {
            if self.skipping {
                match memchr::memchr2(b'\n', b'\r', &self.buffer[self.start..self.end]) {
                    Some(at) => {
                        self.start += at;
                        self.skipping = false;
                    }
                    None => {
                        self.start = self.end;
                        if self.at_end()? {
                            return Ok(None);
                        }
                        self.fill();
                        continue;
                    }
                }
            }
            let blank = self.buffer[self.start..self.end].iter().position(|&b| !is_terminator(b));
            let Some(blank) = blank else {
                self.start = self.end;
                if self.at_end()? {
                    return Ok(None);
                }
                self.fill();
                continue;
            };
            self.start += blank;
            self.fields.clear();
            let input = &self.buffer[self.start..self.end];
            let eof = self.eof;
            match parse(input, eof, &mut self.fields) {
                Parsed::Record { consumed, open } => {
                    self.record_start = self.start;
                    let ends_input = self.start + consumed == self.end;
                    let unfinished = ends_input && !is_terminator(self.buffer[self.end - 1]);
                    let cut = open || (self.failed.is_some() && unfinished);
                    if cut && !self.resumed_at_end {
                        self.resumed_at_end = ends_input;
                        self.resume_after_first_line(consumed);
                    } else {
                        self.start += consumed;
                    }
                    let input = &self.buffer[self.record_start..self.record_start + consumed];
                    return Ok(Some(Row { input, fields: &self.fields, broken: cut.then_some(Broken::CutShort) }));
                }
                Parsed::NeedMore if self.end - self.start >= MAX_RECORD => {
                    self.record_start = self.start;
                    self.fields.clear();
                    self.fields.spans.shrink_to(64);
                    self.fields.copies.shrink_to(FIRST_BUFFER);
                    self.resume_after_first_line(self.end - self.start);
                    let input = &self.buffer[self.record_start..self.record_start];
                    return Ok(Some(Row { input, fields: &self.fields, broken: Some(Broken::TooLong) }));
                }
                Parsed::NeedMore => self.fill(),
            }
        }
    }

    /// Goes on at the line after the one where the record at `start` begins,
    /// within its `len` bytes or, failing that, past the next line break.
    fn resume_after_first_line(&mut self, len: usize) {
        let record = &self.buffer[self.start..self.start + len];
        match memchr::memchr2(b'\n', b'\r', record) {
            Some(at) => self.start += at,
            None => {
                self.start += len;
                self.skipping = true;
            }
        }
    }

    /// Goes back to the second line of the record last read, to read it again
    /// from there, and says whether it did: for a record that spans lines but
    /// has the wrong fields, most likely because a stray quote joined them.
    pub fn reread_from_second_line(&mut self) -> bool {
        let record = &self.buffer[self.record_start..self.start];
        let body = record.len() - record.iter().rev().take_while(|&&b| is_terminator(b)).count();
        match memchr::memchr2(b'\n', b'\r', &record[..body]) {
            Some(at) if !self.skipping => {
                self.start = self.record_start + at;
                true
            }
            _ => false,
        }
    }

    /// Whether the input has ended, with its error once the buffer is used up.
    fn at_end(&mut self) -> io::Result<bool> {
        if !self.eof {
            return Ok(false);
        }
        match self.failed.take() {
            Some(e) => Err(e),
            None => Ok(true),
        }
    }

    /// The 1-based line the record last read starts on.
    pub fn line(&mut self) -> u64 {
        // The record's first byte comes along: it is no line break, and it
        // settles a `\r` just before it.
        let to = (self.record_start + 1).min(self.end);
        self.line += count_lines(&self.buffer[self.counted..to]);
        self.counted = self.record_start;
        self.line
    }

    /// The heap this reader holds: its buffer (at most twice [`MAX_RECORD`])
    /// and the fields of the record last read.
    pub fn heap_bytes(&self) -> usize {
        self.buffer.capacity()
            + self.fields.spans.capacity() * std::mem::size_of::<Span>()
            + self.fields.copies.capacity()
    }

    /// The byte of the (unpacked) input where the record last read starts.
    pub fn byte(&self) -> u64 {
        self.dropped + self.record_start as u64
    }

    /// Keeps the unused bytes, makes room (growing only for a record longer
    /// than the buffer, up to [`MAX_RECORD`]) and reads until the buffer is
    /// full or the input ends. A failed read ends the input: the error waits
    /// until the records before it are out.
    fn fill(&mut self) {
        // A `\r` just before the cut stays, uncounted, until the byte after it
        // says whether it ends a line alone or with a `\n`.
        self.line += count_lines(&self.buffer[self.counted..self.start]);
        let keep = usize::from(self.start > 0 && self.buffer[self.start - 1] == b'\r');
        self.buffer.copy_within(self.start - keep..self.end, 0);
        self.dropped += (self.start - keep) as u64;
        self.end -= self.start - keep;
        self.start = keep;
        self.counted = keep;
        self.record_start = keep;
        if self.end == self.buffer.len() {
            self.buffer.resize(self.buffer.len() * 2, 0);
        }
        while self.end < self.buffer.len() && !self.eof {
            match self.reader.read(&mut self.buffer[self.end..]) {
                Ok(0) => self.eof = true,
                Ok(n) => self.end += n,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => {
                    self.failed = Some(e);
                    self.eof = true;
                }
            }
        }
        if self.at_file_start && (self.end >= 3 || self.eof) {
            self.at_file_start = false;
            if self.buffer[..self.end].starts_with(b"\xEF\xBB\xBF") {
                self.start = 3;
                self.counted = 3;
            }
        }
    }
}

/// Line breaks in `bytes`: each `\n`, and each `\r` followed by something
/// other than `\n` (old Mac files end lines with `\r` alone). A `\r` at the
/// very end is left for the caller, who has not seen the byte after it.
fn count_lines(bytes: &[u8]) -> u64 {
    let feeds = memchr::memchr_iter(b'\n', bytes).count();
    let lone_returns =
        memchr::memchr_iter(b'\r', bytes).filter(|&at| bytes.get(at + 1).is_some_and(|&b| b != b'\n')).count();
    (feeds + lone_returns) as u64
}

fn is_terminator(byte: u8) -> bool {
    byte == b'\n' || byte == b'\r'
}

/// Parses one record from the front of `input` (which starts with no line
/// break) into `fields`.
fn parse(input: &[u8], eof: bool, fields: &mut Fields) -> Parsed {
    match parse_regular(input, 0, fields) {
        Regular::Record(consumed) => Parsed::Record { consumed, open: false },
        Regular::NeedMore if !eof => Parsed::NeedMore,
        // A quote out of place, or the last record of the input.
        _ => {
            fields.clear();
            parse_exact(input, eof, fields)
        }
    }
}

/// What the fast path made of a record.
enum Regular {
    Record(usize),
    /// The record goes on past the input.
    NeedMore,
    /// A quote that does not open or close a field, or end an escape pair: the
    /// exact parser decides what it means.
    Irregular,
}

/// Parses a record whose quotes all open a field, close it, or stand for a
/// quote as `""`: nearly every record of a release. Then a quote's position
/// alone says whether a byte is inside a field's quotes: inside is where an odd
/// number of quotes came before. One pass over a 64-byte block turns its masks
/// of quotes and stops into a mask of the stops that end fields, checks the
/// quotes are regular, and each field is then one count of trailing zeros.
fn parse_regular(input: &[u8], start: usize, fields: &mut Fields) -> Regular {
    let mut field_start = start;
    // Carried from the block before: inside quotes (all ones or none), whether
    // its last byte was a stop or a closing quote, and whether the field being
    // read holds an escaped quote.
    let (mut inside_before, mut stop_before, mut close_before, mut escaped) = (0u64, 1u64, 0u64, false);
    let mut block = start;
    while block < input.len() {
        let (quotes, stops) = match input.get(block..block + BLOCK) {
            Some(bytes) => masks(bytes.try_into().expect("a block is 64 bytes")),
            None => masks_of_tail(&input[block..]),
        };
        let inside = prefix_xor(quotes) ^ inside_before;
        let (open, close) = (quotes & inside, quotes & !inside);
        let after_stop = stops << 1 | stop_before;
        let after_close = close << 1 | close_before;
        // A quote opens a field only after a stop, or right after a closing
        // quote (the second of `""`); after a closing quote comes a stop or that.
        if open & !(after_stop | after_close) != 0 || after_close & !(stops | open) != 0 {
            return Regular::Irregular;
        }
        let mut escapes = open & after_close;
        let mut ends = stops & !inside;
        while ends != 0 {
            let at = ends.trailing_zeros();
            let stop = block + at as usize;
            let below = (1u64 << at) - 1;
            escaped |= escapes & below != 0;
            escapes &= !below;
            fields.push_field(input, field_start, stop, escaped);
            escaped = false;
            if input[stop] != b',' {
                return Regular::Record(stop + 1);
            }
            field_start = stop + 1;
            ends &= ends - 1;
        }
        escaped |= escapes != 0;
        inside_before = ((inside as i64) >> 63) as u64;
        stop_before = stops >> 63;
        close_before = close >> 63;
        block += BLOCK;
    }
    Regular::NeedMore
}

/// Parses one record exactly as the `csv` crate does, whatever its quotes.
fn parse_exact(input: &[u8], eof: bool, fields: &mut Fields) -> Parsed {
    let mut scan = Scanner::new(input, 0);
    let mut at = 0;
    let mut open = false;
    loop {
        fields.begin();
        // At the start of a field: a quoted part first, if any.
        if input.get(at) == Some(&b'"') {
            at += 1;
            loop {
                let Some(quote) = scan.next_quote(at) else {
                    if !eof {
                        return Parsed::NeedMore;
                    }
                    // An unclosed quote runs to the end of the input, which
                    // the unquoted part below then finds at once.
                    fields.take(input, at, input.len());
                    at = input.len();
                    open = true;
                    break;
                };
                fields.take(input, at, quote);
                at = quote + 1;
                if input.get(at) != Some(&b'"') {
                    break;
                }
                fields.take_quote(input);
                at += 1;
            }
        }
        // Then, up to the delimiter or terminator, the rest is taken as it is.
        let Some(stop) = scan.next_stop(at) else {
            if !eof {
                return Parsed::NeedMore;
            }
            fields.take(input, at, input.len());
            fields.end();
            return Parsed::Record { consumed: input.len(), open };
        };
        fields.take(input, at, stop);
        fields.end();
        at = stop + 1;
        if input[stop] != b',' {
            return Parsed::Record { consumed: at, open: false };
        }
        if at == input.len() {
            if !eof {
                return Parsed::NeedMore;
            }
            // A delimiter just before the end leaves one empty field.
            fields.end();
            return Parsed::Record { consumed: at, open: false };
        }
    }
}

#[path = "records_scan.rs"]
mod scan;
use scan::{masks, masks_of_tail, prefix_xor, Scanner, BLOCK};

#[cfg(test)]
#[path = "records_tests.rs"]
mod tests;
