//! Zip archives read as streams: the central directory (ZIP64 included) lists the
//! members, and each member is inflated on demand from a shared `Read + Seek`, so
//! memory stays bounded whatever the archive's size or claims.

use std::cell::RefCell;
use std::io::{self, BufReader, Read, Seek, SeekFrom};
use std::rc::Rc;

use crate::core::inflate::Inflate;

/// What a seekable file handle, native or in the browser, has to offer.
pub trait ReadSeek: Read + Seek {}
impl<T: Read + Seek> ReadSeek for T {}

/// A file handle that several member readers take turns on.
pub type SharedReader = Rc<RefCell<Box<dyn ReadSeek>>>;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Member {
    pub name: String,
    pub method: u16,
    pub encrypted: bool,
    pub compressed_size: u64,
    pub size: u64,
    pub local_header_offset: u64,
}

impl Member {
    /// Folders, macOS resource forks and dot-files are not data.
    pub fn is_data(&self) -> bool {
        let base = self.name.rsplit('/').next().unwrap_or(&self.name);
        !self.name.ends_with('/') && !self.name.starts_with("__MACOSX/") && !base.starts_with('.') && !base.is_empty()
    }
}

/// An archive's table of contents, as far as it was read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Directory {
    /// The members in the order the archive lists them, at most `MAX_MEMBERS`.
    pub members: Vec<Member>,
    /// How many more members the archive lists beyond those, unread, so that the
    /// loader can say so rather than drop them silently.
    pub not_listed: u64,
}

/// Releases hold one to three members; a listing this long is already far past
/// any real one, and keeps a hostile archive's million entries from becoming a
/// million `Member`s.
const MAX_MEMBERS: u64 = 4096;

/// The fixed part of a central directory entry: a declared member count larger
/// than the directory's size allows is a lie and refused before any is read.
const CENTRAL_ENTRY_LEN: u64 = 46;

fn le16(b: &[u8], at: usize) -> u64 {
    u64::from(u16::from_le_bytes([b[at], b[at + 1]]))
}

fn le32(b: &[u8], at: usize) -> u64 {
    u64::from(u32::from_le_bytes([b[at], b[at + 1], b[at + 2], b[at + 3]]))
}

fn le64(b: &[u8], at: usize) -> u64 {
    let mut bytes = [0; 8];
    bytes.copy_from_slice(&b[at..at + 8]);
    u64::from_le_bytes(bytes)
}

fn damaged(why: &str) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidData, format!("the zip archive is damaged: {why}"))
}

fn past_end(what: &str) -> io::Error {
    damaged(&format!("{what} lies past the end of the file"))
}

/// Whether `len` bytes at `offset` fit in a file of `file_len` bytes. Every offset
/// the archive declares is checked with this before it is sought: seeking a file
/// past `i64::MAX` is an OS error ("Invalid argument") that tells a person nothing.
fn fits(offset: u64, len: u64, file_len: u64) -> bool {
    offset.checked_add(len).is_some_and(|end| end <= file_len)
}

/// One of this module's own small records (never a size the archive declares),
/// which must lie inside the file.
fn read_at(r: &mut dyn ReadSeek, file_len: u64, offset: u64, len: usize, what: &str) -> io::Result<Vec<u8>> {
    if !fits(offset, len as u64, file_len) {
        return Err(past_end(what));
    }
    r.seek(SeekFrom::Start(offset))?;
    let mut buf = vec![0; len];
    r.read_exact(&mut buf).map_err(|e| match e.kind() {
        // The length was checked, so the file shrank while it was read.
        io::ErrorKind::UnexpectedEof => damaged("it ends early (was the download cut short?)"),
        _ => e,
    })?;
    Ok(buf)
}

const EOCD: &[u8] = b"PK\x05\x06";
const EOCD64_LOCATOR: &[u8] = b"PK\x06\x07";
const EOCD64: &[u8] = b"PK\x06\x06";
const CENTRAL: &[u8] = b"PK\x01\x02";
const LOCAL: &[u8] = b"PK\x03\x04";

/// Lists an archive's members from its central directory, read as a stream: no
/// more memory than one entry's fields (at most 64 KiB each) whatever the archive
/// declares, and at most `MAX_MEMBERS` members kept.
pub fn read_directory(r: &mut dyn ReadSeek) -> io::Result<Directory> {
    let len = r.seek(SeekFrom::End(0))?;
    let tail_len = len.min(22 + 65_535 + 20);
    // `tail_len` is at most 65 577, so it fits any usize the app runs on.
    let tail = read_at(r, len, len - tail_len, tail_len as usize, "its table of contents")?;
    let eocd_at = (0..tail.len().saturating_sub(21))
        .rev()
        .find(|&i| &tail[i..i + 4] == EOCD)
        .ok_or_else(|| damaged("its table of contents is missing (was the download cut short?)"))?;
    let eocd = &tail[eocd_at..];
    let (mut entries, mut dir_size, mut dir_offset) = (le16(eocd, 10), le32(eocd, 12), le32(eocd, 16));
    if eocd_at >= 20 && &tail[eocd_at - 20..eocd_at - 16] == EOCD64_LOCATOR {
        let eocd64 = read_at(r, len, le64(&tail, eocd_at - 20 + 8), 56, "its ZIP64 directory record")?;
        if &eocd64[..4] != EOCD64 {
            return Err(damaged("its ZIP64 directory record is missing"));
        }
        (entries, dir_size, dir_offset) = (le64(&eocd64, 32), le64(&eocd64, 40), le64(&eocd64, 48));
    }
    if !fits(dir_offset, dir_size, len) {
        return Err(past_end("its table of contents"));
    }
    if entries > dir_size / CENTRAL_ENTRY_LEN {
        return Err(damaged("its table of contents lists more members than it has room for"));
    }
    r.seek(SeekFrom::Start(dir_offset))?;
    let mut dir = BufReader::new(Read::take(&mut *r, dir_size));
    let listed = entries.min(MAX_MEMBERS);
    let mut members = Vec::new();
    let mut field = Vec::new();
    for _ in 0..listed {
        let mut fixed = [0; CENTRAL_ENTRY_LEN as usize];
        read_entry_part(&mut dir, &mut fixed)?;
        if &fixed[..4] != CENTRAL {
            return Err(damaged("an entry of its table of contents is unreadable"));
        }
        let (name_len, extra_len, comment_len) =
            (le16(&fixed, 28) as usize, le16(&fixed, 30) as usize, le16(&fixed, 32) as usize);
        field.resize(name_len, 0);
        read_entry_part(&mut dir, &mut field)?;
        let mut member = Member {
            name: String::from_utf8_lossy(&field).into_owned(),
            method: le16(&fixed, 10) as u16,
            encrypted: le16(&fixed, 8) & 1 == 1,
            compressed_size: le32(&fixed, 20),
            size: le32(&fixed, 24),
            local_header_offset: le32(&fixed, 42),
        };
        field.resize(extra_len, 0);
        read_entry_part(&mut dir, &mut field)?;
        apply_zip64_extra(&mut member, &field);
        // The comment is read only to step over it.
        field.resize(comment_len, 0);
        read_entry_part(&mut dir, &mut field)?;
        members.push(member);
    }
    Ok(Directory { members, not_listed: entries - listed })
}

/// A part of a directory entry; the directory's end before it is damage, not EOF.
fn read_entry_part(dir: &mut impl Read, buf: &mut [u8]) -> io::Result<()> {
    dir.read_exact(buf).map_err(|e| match e.kind() {
        io::ErrorKind::UnexpectedEof => damaged("an entry of its table of contents is cut off"),
        _ => e,
    })
}

/// Sizes and offsets over 4 GiB live in the ZIP64 extra field, in this order, each
/// present only where the fixed field holds 0xFFFFFFFF.
fn apply_zip64_extra(member: &mut Member, mut extra: &[u8]) {
    while extra.len() >= 4 {
        let (id, len) = (le16(extra, 0), le16(extra, 2) as usize);
        let Some(mut data) = extra.get(4..4 + len) else { return };
        if id == 1 {
            for field in [&mut member.size, &mut member.compressed_size, &mut member.local_header_offset] {
                if *field == 0xFFFF_FFFF && data.len() >= 8 {
                    *field = le64(data, 0);
                    data = &data[8..];
                }
            }
            return;
        }
        extra = &extra[4 + len..];
    }
}

/// A window of a shared file, read with its own position. Where the file ends
/// before the window does, it reports the end and notes that the file was cut
/// short, rather than failing: a deflate decoder above it then hands out all it
/// holds before `MemberReader` raises the error.
struct Section {
    file: SharedReader,
    pos: u64,
    end: u64,
    /// The file's length: never sought past, as a browser file or a seek past
    /// `i64::MAX` would refuse.
    file_len: u64,
    cut_short: bool,
}

impl Read for Section {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let want = buf.len().min(usize::try_from(self.end - self.pos).unwrap_or(usize::MAX));
        if want == 0 {
            return Ok(0);
        }
        if self.pos >= self.file_len {
            self.cut_short = true;
            return Ok(0);
        }
        let mut file = self.file.borrow_mut();
        file.seek(SeekFrom::Start(self.pos))?;
        let n = file.read(&mut buf[..want])?;
        self.cut_short |= n == 0;
        self.pos += n as u64;
        Ok(n)
    }
}

enum Body {
    Stored(Section),
    Deflated(Inflate<Section>),
}

/// A member's uncompressed bytes: every byte the file holds, then an error if the
/// file ends before the member does.
struct MemberReader {
    name: String,
    body: Body,
}

impl Read for MemberReader {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let cut_short = || damaged(&format!("{} ends early (was the download cut short?)", self.name));
        match &mut self.body {
            Body::Stored(section) => match section.read(buf)? {
                0 if section.cut_short => Err(cut_short()),
                n => Ok(n),
            },
            // The decoder's `Ok(0)` is the deflate stream's own end: the data is
            // whole even if the declared size ran past the end of the file.
            Body::Deflated(decoder) => decoder.read(buf).map_err(|e| {
                if decoder.get_ref().cut_short {
                    cut_short()
                } else if matches!(e.kind(), io::ErrorKind::InvalidInput | io::ErrorKind::UnexpectedEof) {
                    // flate2's own complaints: "corrupt deflate stream", "incomplete deflate stream".
                    damaged(&format!("{} cannot be unpacked: its compressed data is corrupt", self.name))
                } else {
                    e
                }
            }),
        }
    }
}

fn encrypted(member: &Member) -> io::Error {
    io::Error::new(
        io::ErrorKind::Unsupported,
        format!("{} is encrypted: unzip it with its password first, then choose the CSV", member.name),
    )
}

/// The member's uncompressed bytes as a stream.
pub fn open_member(file: &SharedReader, member: &Member) -> io::Result<Box<dyn Read>> {
    if member.encrypted {
        return Err(encrypted(member));
    }
    let (header, file_len) = {
        let mut f = file.borrow_mut();
        let file_len = f.seek(SeekFrom::End(0))?;
        let what = format!("the header of {}", member.name);
        (read_at(&mut **f, file_len, member.local_header_offset, 30, &what)?, file_len)
    };
    if &header[..4] != LOCAL {
        return Err(damaged(&format!("the header of {} is missing", member.name)));
    }
    // The local header's flags are checked too: a writer may set them there only.
    if le16(&header, 6) & 1 == 1 {
        return Err(encrypted(member));
    }
    let start = member.local_header_offset + 30 + le16(&header, 26) + le16(&header, 28);
    let section = Section {
        file: Rc::clone(file),
        pos: start,
        end: start.saturating_add(member.compressed_size),
        file_len,
        cut_short: false,
    };
    let body = match member.method {
        0 => Body::Stored(section),
        8 => Body::Deflated(Inflate::new(section)),
        other => {
            return Err(io::Error::new(
                io::ErrorKind::Unsupported,
                format!("the member is compressed with method {other}; only stored and deflate members can be read"),
            ))
        }
    };
    Ok(Box::new(MemberReader { name: member.name.clone(), body }))
}

/// The kind of container a file is, judged by its first bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Container {
    Zip,
    Gzip,
    Plain,
}

pub fn sniff(first_bytes: &[u8]) -> Container {
    if first_bytes.starts_with(LOCAL) || first_bytes.starts_with(EOCD) {
        Container::Zip
    } else if first_bytes.starts_with(&[0x1f, 0x8b]) {
        Container::Gzip
    } else {
        Container::Plain
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::{Cursor, Write};

    /// `large` writes ZIP64 extra fields and a ZIP64 end-of-directory record.
    fn archive(members: &[(&str, &[u8], zip::CompressionMethod)], large: bool) -> Vec<u8> {
        let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
        if large {
            out.set_zip64_comment(Some(""));
        }
        for (name, data, method) in members {
            let options = zip::write::SimpleFileOptions::default().compression_method(*method).large_file(large);
            out.start_file(*name, options).unwrap();
            out.write_all(data).unwrap();
        }
        out.finish().unwrap().into_inner()
    }

    /// Like a browser file, and like a native one past `i64::MAX`, it refuses to
    /// seek past its end, with the OS error a person should never see.
    struct Strict(Cursor<Vec<u8>>);

    impl Read for Strict {
        fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
            self.0.read(buf)
        }
    }

    impl Seek for Strict {
        fn seek(&mut self, to: SeekFrom) -> io::Result<u64> {
            let pos = self.0.seek(to)?;
            if pos > self.0.get_ref().len() as u64 {
                return Err(io::Error::from_raw_os_error(22));
            }
            Ok(pos)
        }
    }

    fn shared(bytes: Vec<u8>) -> SharedReader {
        Rc::new(RefCell::new(Box::new(Strict(Cursor::new(bytes)))))
    }

    fn directory(bytes: Vec<u8>) -> io::Result<Directory> {
        read_directory(&mut Strict(Cursor::new(bytes)))
    }

    fn read_all(bytes: Vec<u8>) -> Vec<(String, Vec<u8>)> {
        let shared = shared(bytes);
        let members = read_directory(&mut **shared.borrow_mut()).unwrap().members;
        members
            .iter()
            .filter(|m| m.is_data())
            .map(|m| {
                let mut data = Vec::new();
                open_member(&shared, m).unwrap().read_to_end(&mut data).unwrap();
                (m.name.clone(), data)
            })
            .collect()
    }

    fn put64(bytes: &mut [u8], at: usize, value: u64) {
        bytes[at..at + 8].copy_from_slice(&value.to_le_bytes());
    }

    fn find(bytes: &[u8], signature: &[u8]) -> usize {
        bytes.windows(4).rposition(|w| w == signature).unwrap()
    }

    /// Where the ZIP64 end-of-directory locator's offset field and the ZIP64
    /// record lie in an archive built with `large`.
    fn zip64_fields(bytes: &[u8]) -> (usize, usize) {
        let locator = find(bytes, EOCD64_LOCATOR);
        (locator + 8, le64(bytes, locator + 8) as usize)
    }

    fn error(result: io::Result<impl std::fmt::Debug>) -> String {
        result.unwrap_err().to_string()
    }

    /// Text that does not compress to nothing, so a cut falls mid-stream.
    fn rows(n: usize) -> Vec<u8> {
        (0..n).map(|i| format!("{i},{}\n", i * 7919 % 10007)).collect::<String>().into_bytes()
    }

    /// Compares by length first, so that a failure does not print 100 kB of bytes.
    fn same_bytes(got: &[u8], expected: &[u8], context: &str) {
        assert_eq!(got.len(), expected.len(), "{context}: length");
        assert!(got == expected, "{context}: same length, other bytes");
    }

    #[test]
    fn reads_stored_deflated_and_zip64_members_skipping_junk() {
        use zip::CompressionMethod::{Deflated, Stored};
        let big = "a,b\n".repeat(50_000);
        for large in [false, true] {
            let bytes = archive(
                &[
                    ("__MACOSX/._x.csv", b"junk", Stored),
                    ("folder/.DS_Store", b"junk", Stored),
                    ("folder/x.csv", big.as_bytes(), Deflated),
                    ("y.csv", b"1,2\n", Stored),
                ],
                large,
            );
            assert_eq!(bytes.windows(4).any(|w| w == EOCD64_LOCATOR), large);
            let got = read_all(bytes);
            assert_eq!(got.len(), 2);
            assert_eq!(got[0], ("folder/x.csv".to_string(), big.as_bytes().to_vec()));
            assert_eq!(got[1], ("y.csv".to_string(), b"1,2\n".to_vec()));
        }
    }

    #[test]
    fn a_cut_short_archive_is_an_error_not_a_panic() {
        let bytes = archive(&[("x.csv", "a,b\n".repeat(1000).as_bytes(), zip::CompressionMethod::Deflated)], false);
        for cut in [0, 10, bytes.len() / 2, bytes.len() - 5] {
            assert!(directory(bytes[..cut].to_vec()).is_err(), "cut at {cut}");
        }
    }

    #[test]
    fn keeps_the_first_members_and_counts_the_rest() {
        let names: Vec<String> = (0..MAX_MEMBERS + 5).map(|i| format!("m{i}.csv")).collect();
        let members: Vec<_> = names.iter().map(|n| (n.as_str(), &b""[..], zip::CompressionMethod::Stored)).collect();
        let listing = directory(archive(&members, false)).unwrap();
        assert_eq!(listing.members.len() as u64, MAX_MEMBERS);
        assert_eq!(listing.not_listed, 5);
        assert_eq!(listing.members[4095].name, "m4095.csv");
        let small = directory(archive(&members[..3], false)).unwrap();
        assert_eq!((small.members.len(), small.not_listed), (3, 0));
    }

    #[test]
    fn declared_counts_sizes_and_offsets_past_the_file_are_sentences() {
        let one = [("x.csv", &b"a,b\n1,2\n"[..], zip::CompressionMethod::Stored)];
        let past_dir = "the zip archive is damaged: its table of contents lies past the end of the file";
        let too_many = "the zip archive is damaged: its table of contents lists more members than it has room for";

        // The 16-bit count of a plain archive, claiming 65 535 members in one entry's room.
        let mut bytes = archive(&one, false);
        let eocd = find(&bytes, EOCD);
        bytes[eocd + 8..eocd + 12].copy_from_slice(&[0xff; 4]);
        assert_eq!(error(directory(bytes)), too_many);

        let mut bytes = archive(&one, false);
        let eocd = find(&bytes, EOCD);
        bytes[eocd + 16..eocd + 20].copy_from_slice(&0xffff_fff0_u32.to_le_bytes());
        assert_eq!(error(directory(bytes)), past_dir);

        let pristine = archive(&one, true);
        let (locator_field, record) = zip64_fields(&pristine);
        assert_eq!(directory(pristine.clone()).unwrap().members.len(), 1);
        for (at, value, expected) in [
            (
                locator_field,
                u64::MAX - 3,
                "the zip archive is damaged: its ZIP64 directory record lies past the end of the file",
            ),
            (
                locator_field,
                1 << 63,
                "the zip archive is damaged: its ZIP64 directory record lies past the end of the file",
            ),
            (
                locator_field,
                pristine.len() as u64 - 20,
                "the zip archive is damaged: its ZIP64 directory record lies past the end of the file",
            ),
            (record + 32, u64::MAX, too_many),
            (record + 32, 1_000_000, too_many),
            (record + 40, u64::MAX, past_dir),
            (record + 40, pristine.len() as u64, past_dir),
            (record + 48, 1 << 63, past_dir),
            (record + 48, u64::MAX, past_dir),
        ] {
            let mut bytes = pristine.clone();
            put64(&mut bytes, at, value);
            assert_eq!(error(directory(bytes)), expected, "{value} at {at}");
        }
    }

    #[test]
    fn a_member_header_past_the_file_is_a_sentence() {
        let mut bytes = archive(&[("x.csv", b"a,b\n", zip::CompressionMethod::Stored)], false);
        let entry = find(&bytes, CENTRAL);
        bytes[entry + 42..entry + 46].copy_from_slice(&0xffff_fff0_u32.to_le_bytes());
        let shared = shared(bytes);
        let member = read_directory(&mut **shared.borrow_mut()).unwrap().members.remove(0);
        assert_eq!(
            error(open_member(&shared, &member).map(|_| ())),
            "the zip archive is damaged: the header of x.csv lies past the end of the file"
        );
    }

    #[test]
    fn an_encrypted_member_asks_for_its_password() {
        let expected = "secret.csv is encrypted: unzip it with its password first, then choose the CSV";
        for (in_directory, in_header) in [(true, true), (false, true)] {
            let mut bytes = archive(&[("secret.csv", b"a,b\n", zip::CompressionMethod::Stored)], false);
            assert_eq!(&bytes[..4], LOCAL);
            let entry = find(&bytes, CENTRAL);
            bytes[entry + 8] |= u8::from(in_directory);
            bytes[6] |= u8::from(in_header);
            let shared = shared(bytes);
            let member = read_directory(&mut **shared.borrow_mut()).unwrap().members.remove(0);
            assert_eq!(member.encrypted, in_directory);
            assert_eq!(error(open_member(&shared, &member).map(|_| ())), expected);
        }
    }

    /// Reads `bytes` cut `keep` bytes into the only member's data, through a
    /// `buf_len`-byte buffer, until the error; the member is listed from the whole archive.
    fn read_cut_member(bytes: &[u8], keep: usize, buf_len: usize) -> (Vec<u8>, String) {
        let listing = directory(bytes.to_vec()).unwrap();
        let start = 30 + le16(bytes, 26) as usize + le16(bytes, 28) as usize;
        let file = shared(bytes[..start + keep].to_vec());
        let mut reader = open_member(&file, &listing.members[0]).unwrap();
        let (mut got, mut buf) = (Vec::new(), vec![0; buf_len]);
        loop {
            match reader.read(&mut buf) {
                Ok(0) => panic!("a cut member ended without an error"),
                Ok(n) => got.extend_from_slice(&buf[..n]),
                Err(e) => return (got, e.to_string()),
            }
        }
    }

    #[test]
    fn a_cut_stored_member_hands_out_every_byte_then_fails() {
        let data = rows(2000);
        let bytes = archive(&[("x.csv", &data, zip::CompressionMethod::Stored)], false);
        for (keep, buf_len) in [(5000, 1000), (5000, 7), (0, 64), (data.len() - 1, 4096)] {
            let (got, message) = read_cut_member(&bytes, keep, buf_len);
            same_bytes(&got, &data[..keep], &format!("keep {keep}, buffer {buf_len}"));
            assert_eq!(message, "the zip archive is damaged: x.csv ends early (was the download cut short?)");
        }
    }

    #[test]
    fn a_cut_deflated_member_hands_out_all_it_can_decode_then_fails() {
        let data = rows(20_000);
        let bytes = archive(&[("x.csv", &data, zip::CompressionMethod::Deflated)], false);
        let listing = directory(bytes.clone()).unwrap();
        let start = 30 + le16(&bytes, 26) as usize + le16(&bytes, 28) as usize;
        let compressed = &bytes[start..start + listing.members[0].compressed_size as usize];
        for keep in [compressed.len() / 5, compressed.len() / 2, compressed.len() - 3] {
            // What a decoder given every byte present can produce.
            let mut decoder = flate2::Decompress::new(false);
            let mut possible = Vec::with_capacity(data.len());
            decoder.decompress_vec(&compressed[..keep], &mut possible, flate2::FlushDecompress::Sync).unwrap();
            assert!(possible.len() > keep, "the test needs a cut well into the data");
            for buf_len in [1, 7, 64 * 1024] {
                let (got, message) = read_cut_member(&bytes, keep, buf_len);
                same_bytes(&got, &possible, &format!("keep {keep}, buffer {buf_len}"));
                assert_eq!(message, "the zip archive is damaged: x.csv ends early (was the download cut short?)");
            }
        }
    }

    #[test]
    fn sniffs_containers() {
        assert_eq!(sniff(b"PK\x03\x04rest"), Container::Zip);
        assert_eq!(sniff(&[0x1f, 0x8b, 8]), Container::Gzip);
        assert_eq!(sniff(b"\"tweetid\""), Container::Plain);
    }
}
