//! Gzip files of one or more members read as one stream, forgiving what follows
//! the last member: downloads and copy tools leave zero padding or stray bytes
//! there, and `flate2::read::MultiGzDecoder` refuses the whole file for them.

use crate::core::error::group_digits;
use flate2::bufread::GzDecoder;
use std::cell::RefCell;
use std::io::{self, BufRead, BufReader, Read};
use std::mem;
use std::rc::Rc;

/// Remarks about the file that are not errors, for the loader to show.
pub type Notes = Rc<RefCell<Vec<String>>>;

/// Every gzip member starts with these bytes.
const MAGIC: [u8; 2] = [0x1f, 0x8b];

/// The gzip data, decoded member after member. Bytes after the last member that
/// are not another member end the stream with a note in `notes`; an empty input is
/// an empty stream.
pub fn gunzip(reader: Box<dyn Read>, notes: Notes) -> Box<dyn Read> {
    let source = Source { inner: reader, pushed: None, failure: None };
    Box::new(Gunzip { state: State::Between(BufReader::new(source)), started: false, notes })
}

/// The compressed bytes, holding back the first failure to read them: the decoder
/// above sees the end of its input and hands out all it has decoded, and only then
/// is the failure raised, so no decoded byte is lost to it.
struct Source {
    inner: Box<dyn Read>,
    /// A byte read ahead while looking for the next member's magic number,
    /// handed out again first.
    pushed: Option<u8>,
    failure: Option<io::Error>,
}

impl Read for Source {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if buf.is_empty() {
            return Ok(0);
        }
        let given = match self.pushed.take() {
            Some(byte) => {
                buf[0] = byte;
                1
            }
            None => 0,
        };
        let rest = &mut buf[given..];
        if rest.is_empty() || self.failure.is_some() {
            return Ok(given);
        }
        loop {
            match self.inner.read(rest) {
                Ok(n) => return Ok(given + n),
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => {
                    self.failure = Some(e);
                    return Ok(given);
                }
            }
        }
    }
}

enum State {
    /// Before the first member or after one: the next bytes decide what follows.
    Between(BufReader<Source>),
    /// Boxed: natively (zlib-rs) the decoder's state is some 350 bytes.
    Member(Box<GzDecoder<BufReader<Source>>>),
    Ended,
    /// Raised again on every later read, so that no caller takes it for the end.
    Failed(io::ErrorKind, String),
}

struct Gunzip {
    state: State,
    /// Whether a member has begun: bytes that are not gzip before any is the wrong
    /// kind of file, after one they are trailing junk.
    started: bool,
    notes: Notes,
}

impl Read for Gunzip {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if buf.is_empty() {
            return Ok(0);
        }
        loop {
            self.state = match mem::replace(&mut self.state, State::Ended) {
                State::Between(input) => self.after(input)?,
                State::Member(mut decoder) => match decoder.read(buf) {
                    Ok(0) => State::Between((*decoder).into_inner()),
                    Ok(n) => {
                        self.state = State::Member(decoder);
                        return Ok(n);
                    }
                    Err(e) => {
                        let source = (*decoder).into_inner().into_inner();
                        match source.failure {
                            Some(failure) => State::Failed(failure.kind(), failure.to_string()),
                            None => decoding_failed(&e),
                        }
                    }
                },
                State::Ended => return Ok(0),
                State::Failed(kind, message) => {
                    let error = io::Error::new(kind, message.clone());
                    self.state = State::Failed(kind, message);
                    return Err(error);
                }
            };
        }
    }
}

impl Gunzip {
    /// What follows a member (or starts the file): another member, the end, or
    /// bytes that are not gzip, counted and noted.
    fn after(&mut self, input: BufReader<Source>) -> io::Result<State> {
        let mut input = peek_two(input)?;
        if input.buffer().starts_with(&MAGIC) {
            self.started = true;
            return Ok(State::Member(Box::new(GzDecoder::new(input))));
        }
        if !input.buffer().is_empty() && !self.started {
            return Ok(State::Failed(
                io::ErrorKind::InvalidData,
                "the data is not gzip: it does not start with a gzip header".to_string(),
            ));
        }
        let (mut count, mut zeros) = (0u64, true);
        loop {
            let chunk = input.fill_buf()?;
            if chunk.is_empty() {
                break;
            }
            zeros &= chunk.iter().all(|&b| b == 0);
            count += chunk.len() as u64;
            let n = chunk.len();
            input.consume(n);
        }
        if let Some(failure) = input.into_inner().failure {
            return Ok(State::Failed(failure.kind(), failure.to_string()));
        }
        if count > 0 {
            let bytes = if count == 1 { "1 byte".to_string() } else { format!("{} bytes", group_digits(count)) };
            let were = if count == 1 { "was" } else { "were" };
            self.notes.borrow_mut().push(if zeros {
                format!("the {bytes} of zero padding after the gzip data {were} ignored")
            } else {
                let are = if count == 1 { "is" } else { "are" };
                format!("{bytes} after the end of the gzip data {are} not gzip and {were} ignored")
            });
        }
        Ok(State::Ended)
    }
}

/// The input with at least two bytes buffered unless it ends: a member's end may
/// leave just the first byte of the next magic number in the buffer, and
/// `BufReader` refills only an empty one, so that byte is handed back to the
/// source and the buffer refilled.
fn peek_two(mut input: BufReader<Source>) -> io::Result<BufReader<Source>> {
    if let [byte] = *input.fill_buf()? {
        let mut source = input.into_inner();
        source.pushed = Some(byte);
        input = BufReader::new(source);
        input.fill_buf()?;
    }
    Ok(input)
}

/// flate2's own complaints (the source's failures are held back, so these are
/// about the data), as sentences.
fn decoding_failed(e: &io::Error) -> State {
    let message = if e.kind() == io::ErrorKind::UnexpectedEof {
        "the gzip data ends early (was the download cut short?)"
    } else {
        "the gzip data is damaged and cannot be unpacked past this point; download the file again"
    };
    State::Failed(e.kind(), message.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use flate2::write::GzEncoder;
    use flate2::Compression;
    use std::io::Write;

    fn gzip(data: &[u8]) -> Vec<u8> {
        let mut encoder = GzEncoder::new(Vec::new(), Compression::default());
        encoder.write_all(data).unwrap();
        encoder.finish().unwrap()
    }

    /// Text that does not compress to nothing, so a cut falls mid-stream.
    fn rows(n: usize) -> Vec<u8> {
        (0..n).map(|i| format!("{i},{}\n", i * 7919 % 10007)).collect::<String>().into_bytes()
    }

    /// Hands out its bytes in pieces of the given sizes (then the rest), and
    /// fails with `failure` at the end if one is given.
    struct Pieces {
        bytes: Vec<u8>,
        at: usize,
        sizes: Vec<usize>,
        failure: Option<&'static str>,
    }

    impl Read for Pieces {
        fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
            if self.at == self.bytes.len() {
                return match self.failure {
                    Some(message) => Err(io::Error::other(message)),
                    None => Ok(0),
                };
            }
            let size = if self.sizes.is_empty() { usize::MAX } else { self.sizes.remove(0) };
            let n = buf.len().min(size).min(self.bytes.len() - self.at);
            buf[..n].copy_from_slice(&self.bytes[self.at..self.at + n]);
            self.at += n;
            Ok(n)
        }
    }

    /// Everything read through a `buf_len`-byte buffer until the end or an error,
    /// and the notes.
    fn read_with(input: Pieces, buf_len: usize) -> (Vec<u8>, Option<String>, Vec<String>) {
        let notes = Notes::default();
        let mut reader = gunzip(Box::new(input), Rc::clone(&notes));
        let (mut got, mut buf) = (Vec::new(), vec![0; buf_len]);
        let error = loop {
            match reader.read(&mut buf) {
                Ok(0) => break None,
                Ok(n) => got.extend_from_slice(&buf[..n]),
                Err(e) => break Some(e.to_string()),
            }
        };
        let notes = notes.borrow().clone();
        (got, error, notes)
    }

    fn read(bytes: Vec<u8>) -> (Vec<u8>, Option<String>, Vec<String>) {
        read_with(Pieces { bytes, at: 0, sizes: Vec::new(), failure: None }, 64 * 1024)
    }

    /// Compares by length first, so that a failure does not print 100 kB of bytes.
    fn same_bytes(got: &[u8], expected: &[u8], context: &str) {
        assert_eq!(got.len(), expected.len(), "{context}: length");
        assert!(got == expected, "{context}: same length, other bytes");
    }

    #[test]
    fn concatenated_members_read_as_one_stream() {
        let (a, b) = (rows(3000), b"last,row\n".to_vec());
        let (got, error, notes) = read([gzip(&a), gzip(&b)].concat());
        same_bytes(&got, &[a, b].concat(), "two members");
        assert_eq!((error, notes), (None, vec![]));
    }

    #[test]
    fn zero_padding_after_the_data_is_noted_and_ignored() {
        let data = rows(3000);
        let (got, error, notes) = read([gzip(&data), vec![0; 1024]].concat());
        same_bytes(&got, &data, "padded");
        assert_eq!(error, None);
        assert_eq!(notes, ["the 1 024 bytes of zero padding after the gzip data were ignored"]);
        let (_, _, notes) = read([gzip(&data), vec![0]].concat());
        assert_eq!(notes, ["the 1 byte of zero padding after the gzip data was ignored"]);
    }

    #[test]
    fn other_bytes_after_the_data_are_noted_and_ignored() {
        let data = rows(3000);
        let (got, error, notes) = read([gzip(&data), b"\0\0junk".to_vec()].concat());
        same_bytes(&got, &data, "junk");
        assert_eq!(error, None);
        assert_eq!(notes, ["6 bytes after the end of the gzip data are not gzip and were ignored"]);
        // The first byte of the magic number alone is not a member.
        let (got, _, notes) = read([gzip(&data), vec![0x1f]].concat());
        same_bytes(&got, &data, "half a magic number");
        assert_eq!(notes, ["1 byte after the end of the gzip data is not gzip and was ignored"]);
    }

    #[test]
    fn a_cut_member_hands_out_all_it_can_decode_then_says_so() {
        let data = rows(20_000);
        let whole = gzip(&data);
        let cut = whole.len() / 5;
        // What a decoder given every byte present can produce (the header is 10 bytes).
        let mut decoder = flate2::Decompress::new(false);
        let mut possible = Vec::with_capacity(data.len());
        decoder.decompress_vec(&whole[10..cut], &mut possible, flate2::FlushDecompress::Sync).unwrap();
        assert!(possible.len() > cut, "the test needs a cut well into the data");
        for buf_len in [1, 7, 64 * 1024] {
            let (got, error, _) =
                read_with(Pieces { bytes: whole[..cut].to_vec(), at: 0, sizes: vec![], failure: None }, buf_len);
            same_bytes(&got, &possible, &format!("buffer {buf_len}"));
            assert_eq!(error.as_deref(), Some("the gzip data ends early (was the download cut short?)"));
        }
        // Cut in the second member's header or the first one's trailer.
        let two = [whole.clone(), whole.clone()].concat();
        for cut in [whole.len() + 4, whole.len() - 3] {
            let (got, error, _) = read(two[..cut].to_vec());
            same_bytes(&got, &data, &format!("cut at {cut}"));
            assert_eq!(error.as_deref(), Some("the gzip data ends early (was the download cut short?)"));
        }
    }

    #[test]
    fn the_sources_own_failure_comes_after_every_decoded_byte() {
        let data = rows(20_000);
        let whole = gzip(&data);
        let cut = whole.len() / 2;
        let mut decoder = flate2::Decompress::new(false);
        let mut possible = Vec::with_capacity(data.len());
        decoder.decompress_vec(&whole[10..cut], &mut possible, flate2::FlushDecompress::Sync).unwrap();
        let failure = Some("x.csv.gz ends early");
        let (got, error, _) = read_with(Pieces { bytes: whole[..cut].to_vec(), at: 0, sizes: vec![], failure }, 7);
        same_bytes(&got, &possible, "source failure");
        assert_eq!(error.as_deref(), failure);
    }

    #[test]
    fn small_buffers_and_trickling_sources_give_the_same_bytes() {
        let (a, b) = (rows(2000), rows(10));
        let (first, second) = (gzip(&a), gzip(&b));
        let bytes = [first.clone(), second, b"trailing".to_vec()].concat();
        let expected = [a, b].concat();
        let note = "8 bytes after the end of the gzip data are not gzip and were ignored";
        // One byte at a time, and pieces that end one byte into the second member.
        for sizes in [vec![1; bytes.len()], vec![first.len() + 1, 1, 3]] {
            for buf_len in [1, 7] {
                let input = Pieces { bytes: bytes.clone(), at: 0, sizes: sizes.clone(), failure: None };
                let (got, error, notes) = read_with(input, buf_len);
                same_bytes(&got, &expected, &format!("pieces {:?}, buffer {buf_len}", &sizes[..3]));
                assert_eq!(error, None);
                assert_eq!(notes, [note]);
            }
        }
    }

    #[test]
    fn data_that_is_not_gzip_is_refused_and_nothing_is_empty() {
        let (got, error, _) = read(b"tweetid,userid\n".to_vec());
        assert!(got.is_empty());
        assert_eq!(error.as_deref(), Some("the data is not gzip: it does not start with a gzip header"));
        assert_eq!(read(Vec::new()), (vec![], None, vec![]));
    }
}
