//! Zip archives read as streams: the central directory (ZIP64 included) lists the
//! members, and each member is inflated on demand from a shared `Read + Seek`, so
//! memory stays bounded whatever the archive's size.

use std::cell::RefCell;
use std::io::{self, Read, Seek, SeekFrom};
use std::rc::Rc;

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

fn read_at(r: &mut dyn ReadSeek, offset: u64, len: u64) -> io::Result<Vec<u8>> {
    r.seek(SeekFrom::Start(offset))?;
    let mut buf = Vec::with_capacity(usize::try_from(len).map_err(|_| damaged("a record is too large"))?);
    r.take(len).read_to_end(&mut buf)?;
    if buf.len() as u64 != len {
        return Err(damaged("it ends early (was the download cut short?)"));
    }
    Ok(buf)
}

const EOCD: &[u8] = b"PK\x05\x06";
const EOCD64_LOCATOR: &[u8] = b"PK\x06\x07";
const EOCD64: &[u8] = b"PK\x06\x06";
const CENTRAL: &[u8] = b"PK\x01\x02";
const LOCAL: &[u8] = b"PK\x03\x04";

/// Lists an archive's members from its central directory.
pub fn read_directory(r: &mut dyn ReadSeek) -> io::Result<Vec<Member>> {
    let len = r.seek(SeekFrom::End(0))?;
    let tail_len = len.min(22 + 65_535 + 20);
    let tail = read_at(r, len - tail_len, tail_len)?;
    let eocd_at = (0..tail.len().saturating_sub(21))
        .rev()
        .find(|&i| &tail[i..i + 4] == EOCD)
        .ok_or_else(|| damaged("its table of contents is missing (was the download cut short?)"))?;
    let eocd = &tail[eocd_at..];
    let (mut entries, mut dir_size, mut dir_offset) = (le16(eocd, 10), le32(eocd, 12), le32(eocd, 16));
    if eocd_at >= 20 && &tail[eocd_at - 20..eocd_at - 16] == EOCD64_LOCATOR {
        let eocd64 = read_at(r, le64(&tail, eocd_at - 20 + 8), 56)?;
        if &eocd64[..4] != EOCD64 {
            return Err(damaged("its ZIP64 directory record is missing"));
        }
        (entries, dir_size, dir_offset) = (le64(&eocd64, 32), le64(&eocd64, 40), le64(&eocd64, 48));
    }
    if dir_offset.saturating_add(dir_size) > len {
        return Err(damaged("its table of contents points past the end of the file"));
    }
    let dir = read_at(r, dir_offset, dir_size)?;
    let mut members = Vec::new();
    let mut at = 0;
    for _ in 0..entries {
        let Some(fixed) = dir.get(at..at + 46).filter(|f| &f[..4] == CENTRAL) else {
            return Err(damaged("an entry of its table of contents is unreadable"));
        };
        let (name_len, extra_len, comment_len) =
            (le16(fixed, 28) as usize, le16(fixed, 30) as usize, le16(fixed, 32) as usize);
        let name = dir.get(at + 46..at + 46 + name_len).ok_or_else(|| damaged("an entry name is cut off"))?;
        let extra = dir.get(at + 46 + name_len..at + 46 + name_len + extra_len).unwrap_or_default();
        let mut member = Member {
            name: String::from_utf8_lossy(name).into_owned(),
            method: le16(fixed, 10) as u16,
            encrypted: le16(fixed, 8) & 1 == 1,
            compressed_size: le32(fixed, 20),
            size: le32(fixed, 24),
            local_header_offset: le32(fixed, 42),
        };
        apply_zip64_extra(&mut member, extra);
        members.push(member);
        at += 46 + name_len + extra_len + comment_len;
    }
    Ok(members)
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

/// A window of a shared file, read with its own position.
struct Section {
    file: SharedReader,
    pos: u64,
    end: u64,
}

impl Read for Section {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let want = buf.len().min(usize::try_from(self.end - self.pos).unwrap_or(usize::MAX));
        if want == 0 {
            return Ok(0);
        }
        let mut file = self.file.borrow_mut();
        file.seek(SeekFrom::Start(self.pos))?;
        let n = file.read(&mut buf[..want])?;
        if n == 0 {
            return Err(damaged("a member ends early (was the download cut short?)"));
        }
        self.pos += n as u64;
        Ok(n)
    }
}

/// The member's uncompressed bytes as a stream.
pub fn open_member(file: &SharedReader, member: &Member) -> io::Result<Box<dyn Read>> {
    if member.encrypted {
        return Err(damaged("the member is encrypted"));
    }
    let header = read_at(&mut **file.borrow_mut(), member.local_header_offset, 30)?;
    if &header[..4] != LOCAL {
        return Err(damaged("a member's header is missing"));
    }
    let start = member.local_header_offset + 30 + le16(&header, 26) + le16(&header, 28);
    let section = Section { file: Rc::clone(file), pos: start, end: start.saturating_add(member.compressed_size) };
    match member.method {
        0 => Ok(Box::new(section)),
        8 => Ok(Box::new(flate2::read::DeflateDecoder::new(section))),
        other => Err(io::Error::new(
            io::ErrorKind::Unsupported,
            format!("the member is compressed with method {other}; only stored and deflate members can be read"),
        )),
    }
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

    fn archive(members: &[(&str, &[u8], zip::CompressionMethod)], large: bool) -> Vec<u8> {
        let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
        for (name, data, method) in members {
            let options = zip::write::SimpleFileOptions::default().compression_method(*method).large_file(large);
            out.start_file(*name, options).unwrap();
            out.write_all(data).unwrap();
        }
        out.finish().unwrap().into_inner()
    }

    fn read_all(bytes: Vec<u8>) -> Vec<(String, Vec<u8>)> {
        let shared: SharedReader = Rc::new(RefCell::new(Box::new(Cursor::new(bytes))));
        let members = read_directory(&mut **shared.borrow_mut()).unwrap();
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
            let mut cursor: Box<dyn ReadSeek> = Box::new(Cursor::new(bytes[..cut].to_vec()));
            assert!(read_directory(&mut *cursor).is_err(), "cut at {cut}");
        }
    }

    #[test]
    fn sniffs_containers() {
        assert_eq!(sniff(b"PK\x03\x04rest"), Container::Zip);
        assert_eq!(sniff(&[0x1f, 0x8b, 8]), Container::Gzip);
        assert_eq!(sniff(b"\"tweetid\""), Container::Plain);
    }
}
