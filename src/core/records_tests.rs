//! The record reader's own tests: dialect, lines, broken records, failed reads.

use super::*;

fn read_all(data: &[u8]) -> Vec<(u64, Vec<String>)> {
    let mut records = Records::new(data);
    let mut out = Vec::new();
    while let Some(row) = records.read().expect("reading a slice cannot fail") {
        let fields = row.iter().map(|f| String::from_utf8(f.to_vec()).expect("test data is UTF-8")).collect();
        out.push((records.line(), fields));
    }
    out
}

fn fields(data: &str) -> Vec<Vec<String>> {
    read_all(data.as_bytes()).into_iter().map(|(_, fields)| fields).collect()
}

#[test]
fn quotes_delimiters_and_terminators() {
    assert_eq!(fields("a,b\r\n\"c,\"\"d\"\"\",\"\"\n"), [vec!["a", "b"], vec!["c,\"d\"", ""]]);
    assert_eq!(fields("\"x\"y\"z,w"), [vec!["xy\"z", "w"]]);
    assert_eq!(fields("a,\n\n\r\nb"), [vec!["a", ""], vec!["b"]]);
    assert_eq!(fields("a,"), [vec!["a", ""]]);
    assert_eq!(fields("\"open, to the end"), [vec!["open, to the end"]]);
    assert_eq!(fields("\u{feff}id,\u{feff}x"), [vec!["id", "\u{feff}x"]]);
    assert!(fields("\r\n\n").is_empty());
}

#[test]
fn lines_are_where_records_start() {
    let lines: Vec<u64> = read_all(b"h\n\n\"two\nlines\"\r\nnext\n").iter().map(|r| r.0).collect();
    assert_eq!(lines, [1, 3, 5]);
}

/// A record's line, byte, why it broke (if it did) and fields.
type Marked = (u64, u64, Option<Broken>, Vec<String>);

/// Every record, and the error that ended the input, if one did.
fn read_marked(reader: impl Read) -> (Vec<Marked>, Option<io::Error>) {
    let mut records = Records::new(reader);
    let mut out = Vec::new();
    loop {
        match records.read() {
            Ok(Some(row)) => {
                let broken = row.broken();
                let fields = row.iter().map(|f| String::from_utf8_lossy(f).into_owned()).collect();
                out.push((records.line(), records.byte(), broken, fields));
            }
            Ok(None) => return (out, None),
            Err(e) => return (out, Some(e)),
        }
    }
}

#[test]
fn a_quote_left_open_costs_its_own_line_only() {
    // Unquoted fields, as a spreadsheet writes them: the quote opens a
    // field that would run to the end of the input.
    let (read, error) = read_marked(&b"h\n\"a,stray\nb,c\r\nd,e\n"[..]);
    assert!(error.is_none());
    let summary: Vec<(u64, Option<Broken>)> = read.iter().map(|r| (r.0, r.2)).collect();
    assert_eq!(summary, [(1, None), (2, Some(Broken::CutShort)), (3, None), (4, None)]);
    assert_eq!((read[2].3.join(","), read[3].3.join(",")), ("b,c".to_string(), "d,e".to_string()));
    assert_eq!(read[3].1, 16);
    // A record that closes its quotes, but lines later: read again from its second line.
    let mut records = Records::new(&b"h\n\"a\nb\",x\nc,d\n"[..]);
    records.read().unwrap();
    assert_eq!(records.read().unwrap().unwrap().len(), 2);
    assert!(records.reread_from_second_line());
    let rest: Vec<Vec<u8>> =
        std::iter::from_fn(|| records.read().unwrap().map(|r| r.iter().collect::<Vec<_>>().concat())).collect();
    assert_eq!(rest, [b"b\"x".to_vec(), b"cd".to_vec()]);
    assert!(!records.reread_from_second_line(), "a one-line record has no second line");
}

#[test]
fn a_record_over_the_limit_is_dropped_up_to_its_next_line() {
    let mut data = b"h\n\"".to_vec();
    data.extend(std::iter::repeat_n(b'x', MAX_RECORD / 2));
    data.extend_from_slice(b"\nstill inside the quote,");
    data.extend(std::iter::repeat_n(b'y', MAX_RECORD));
    data.extend_from_slice(b"\nlast,row\n");
    let (read, _) = read_marked(&data[..]);
    let summary: Vec<(u64, Option<Broken>)> = read.iter().map(|r| (r.0, r.2)).collect();
    assert_eq!(summary, [(1, None), (2, Some(Broken::TooLong)), (3, Some(Broken::TooLong)), (4, None)]);
    assert_eq!(read[3].3, ["last", "row"]);
    assert_eq!(read[3].1, data.len() as u64 - 9);
    // No line break at all: dropped to the end, in a buffer that stays small.
    let nul = std::io::repeat(0).take(20 * MAX_RECORD as u64);
    let mut records = Records::new(nul);
    assert_eq!(records.read().unwrap().unwrap().broken(), Some(Broken::TooLong));
    assert!(records.read().unwrap().is_none());
    assert!(records.buffer.len() <= 2 * MAX_RECORD);
}

#[test]
fn blank_lines_are_dropped_as_they_come() {
    let blank = std::io::repeat(b'\n').take(50 * FIRST_BUFFER as u64).chain(&b"a,b"[..]);
    let mut records = Records::new(blank);
    assert_eq!(records.read().unwrap().unwrap().iter().collect::<Vec<_>>(), [b"a", b"b"]);
    assert_eq!(records.line(), 50 * FIRST_BUFFER as u64 + 1);
    assert_eq!(records.buffer.len(), FIRST_BUFFER);
}

/// Hands out its bytes, then fails.
struct Failing<'a>(&'a [u8]);

impl Read for Failing<'_> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if self.0.is_empty() {
            return Err(io::Error::new(io::ErrorKind::UnexpectedEof, "the disk went away"));
        }
        let n = buf.len().min(self.0.len()).min(5);
        buf[..n].copy_from_slice(&self.0[..n]);
        self.0 = &self.0[n..];
        Ok(n)
    }
}

#[test]
fn a_failed_read_comes_after_every_record_before_it() {
    let (read, error) = read_marked(Failing(b"h\r\nx,1\r\ny,2\r\nz,"));
    let summary: Vec<(u64, Option<Broken>)> = read.iter().map(|r| (r.0, r.2)).collect();
    assert_eq!(summary, [(1, None), (2, None), (3, None), (4, Some(Broken::CutShort))]);
    assert_eq!(error.map(|e| e.to_string()).as_deref(), Some("the disk went away"));
    let (read, error) = read_marked(Failing(b"h\nx,1\n"));
    assert_eq!((read.len(), read[1].2, error.is_some()), (2, None, true));
}

#[test]
fn lines_end_with_a_return_alone_too() {
    let lines: Vec<u64> = read_all(b"h\ra\r\rb\r\nc\n\rd").iter().map(|r| r.0).collect();
    assert_eq!(lines, [1, 2, 4, 5, 7]);
    // Read a byte at a time, a `\r\n` split across two reads counts once.
    let mut records = Records::new(OneByte(b"h\r\na\r\nb"));
    let mut lines = Vec::new();
    while let Some(_row) = records.read().unwrap() {
        lines.push(records.line());
    }
    assert_eq!(lines, [1, 2, 3]);
}

struct OneByte<'a>(&'a [u8]);

impl Read for OneByte<'_> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = buf.len().min(self.0.len()).min(1);
        buf[..n].copy_from_slice(&self.0[..n]);
        self.0 = &self.0[n..];
        Ok(n)
    }
}

#[test]
fn a_record_longer_than_the_buffer_grows_it() {
    let long = "x".repeat(3 * FIRST_BUFFER);
    let data = format!("a\n\"{long}\",b\nc\n");
    let read = read_all(data.as_bytes());
    assert_eq!(read[1].1, [long, "b".to_string()]);
    assert_eq!((read[2].0, &read[2].1[0][..]), (3, "c"));
}
