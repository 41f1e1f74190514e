//! A browser `File` as `Read + Seek`: the worker reads it in slices with
//! `FileReaderSync`, a few megabytes at a time, so no file is ever held whole.

use crate::core::zip::ReadSeek;
use js_sys::Uint8Array;
use std::io::{self, Read, Seek, SeekFrom};
use web_sys::{File, FileReaderSync};

/// Large enough that the per-slice cost of the browser call vanishes, small
/// enough to be nothing beside the data.
const SLICE: u64 = 4 << 20;

pub struct FileSource {
    file: File,
    reader: FileReaderSync,
    size: u64,
    pos: u64,
    buffer: Vec<u8>,
    buffer_start: u64,
}

fn js_error(e: wasm_bindgen::JsValue) -> io::Error {
    let message =
        js_sys::Error::from(e).message().as_string().unwrap_or_else(|| "the browser could not read it".into());
    io::Error::other(message)
}

impl FileSource {
    pub fn open(file: File) -> io::Result<Box<dyn ReadSeek>> {
        let reader = FileReaderSync::new().map_err(js_error)?;
        let size = file.size() as u64;
        Ok(Box::new(FileSource { file, reader, size, pos: 0, buffer: Vec::new(), buffer_start: 0 }))
    }

    fn fill(&mut self) -> io::Result<()> {
        let end = (self.pos + SLICE).min(self.size);
        let blob = self.file.slice_with_f64_and_f64(self.pos as f64, end as f64).map_err(js_error)?;
        let bytes = Uint8Array::new(&self.reader.read_as_array_buffer(&blob).map_err(js_error)?.into());
        self.buffer.resize(bytes.length() as usize, 0);
        bytes.copy_to(&mut self.buffer);
        self.buffer_start = self.pos;
        Ok(())
    }
}

impl Read for FileSource {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        if self.pos >= self.size {
            return Ok(0);
        }
        let buffered = self.buffer_start..self.buffer_start + self.buffer.len() as u64;
        if !buffered.contains(&self.pos) {
            self.fill()?;
        }
        let at = (self.pos - self.buffer_start) as usize;
        let n = out.len().min(self.buffer.len() - at);
        out[..n].copy_from_slice(&self.buffer[at..at + n]);
        self.pos += n as u64;
        Ok(n)
    }
}

impl Seek for FileSource {
    fn seek(&mut self, to: SeekFrom) -> io::Result<u64> {
        let target = match to {
            SeekFrom::Start(p) => Some(p),
            SeekFrom::End(d) => self.size.checked_add_signed(d),
            SeekFrom::Current(d) => self.pos.checked_add_signed(d),
        };
        self.pos = target.ok_or_else(|| io::Error::new(io::ErrorKind::InvalidInput, "seek before the start"))?;
        Ok(self.pos)
    }
}
