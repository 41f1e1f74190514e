//! A browser `File` as `Read + Seek`. The worker's reads are synchronous, so a
//! `ReadAhead` lets the browser fetch the next slices asynchronously while the
//! loader parses the current one; a slice that has not arrived when it is needed
//! is read with `FileReaderSync` instead. No file is ever held whole.

use crate::core::zip::ReadSeek;
use js_sys::{ArrayBuffer, Promise, Uint8Array};
use std::cell::RefCell;
use std::collections::HashMap;
use std::io::{self, Read, Seek, SeekFrom};
use std::rc::Rc;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{File, FileReaderSync};

/// Large enough that the per-slice cost of the browser call vanishes, small
/// enough to be nothing beside the data.
const SLICE: u64 = 8 << 20;
/// Slices asked for ahead of the one being parsed.
const DEPTH: u64 = 2;
/// What the loader may read between two looks at the read-ahead (one step's worth).
const STEP_BYTES: u64 = 2 << 20;

struct Inner {
    file: File,
    reader: FileReaderSync,
    size: u64,
    pos: u64,
    buffer: Vec<u8>,
    buffer_start: u64,
    /// The slice the reader will want next, once it has started.
    next: Option<u64>,
    ready: HashMap<u64, Vec<u8>>,
    pending: HashMap<u64, Promise>,
}

pub struct FileSource(Rc<RefCell<Inner>>);

/// The run loop's handle on a file's asynchronous reads.
pub struct ReadAhead(Rc<RefCell<Inner>>);

fn js_error(e: wasm_bindgen::JsValue) -> io::Error {
    let message =
        js_sys::Error::from(e).message().as_string().unwrap_or_else(|| "the browser could not read it".into());
    io::Error::other(message)
}

fn copy_out(buffer: &ArrayBuffer) -> Vec<u8> {
    Uint8Array::new(buffer).to_vec()
}

impl FileSource {
    pub fn open(file: File) -> io::Result<(Box<dyn ReadSeek>, ReadAhead)> {
        let reader = FileReaderSync::new().map_err(js_error)?;
        let size = file.size() as u64;
        let inner = Rc::new(RefCell::new(Inner {
            file,
            reader,
            size,
            pos: 0,
            buffer: Vec::new(),
            buffer_start: 0,
            next: None,
            ready: HashMap::new(),
            pending: HashMap::new(),
        }));
        Ok((Box::new(FileSource(Rc::clone(&inner))), ReadAhead(inner)))
    }
}

impl Inner {
    fn slice_end(&self, start: u64) -> u64 {
        (start + SLICE).min(self.size)
    }

    /// Makes the slice holding `pos` the buffer: from the read-ahead if it came, else read now.
    fn fill(&mut self) -> io::Result<()> {
        let start = self.pos - self.pos % SLICE;
        self.buffer = match self.ready.remove(&start) {
            Some(bytes) => bytes,
            None => {
                let blob =
                    self.file.slice_with_f64_and_f64(start as f64, self.slice_end(start) as f64).map_err(js_error)?;
                copy_out(&self.reader.read_as_array_buffer(&blob).map_err(js_error)?)
            }
        };
        self.buffer_start = start;
        self.next = Some(start + SLICE);
        // After a seek, slices behind the reader will not be wanted.
        self.ready.retain(|&s, _| s > start);
        Ok(())
    }
}

impl Read for FileSource {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        let mut inner = self.0.borrow_mut();
        if inner.pos >= inner.size {
            return Ok(0);
        }
        let buffered = inner.buffer_start..inner.buffer_start + inner.buffer.len() as u64;
        if !buffered.contains(&inner.pos) {
            inner.fill()?;
        }
        let at = (inner.pos - inner.buffer_start) as usize;
        let n = out.len().min(inner.buffer.len().saturating_sub(at));
        out[..n].copy_from_slice(&inner.buffer[at..at + n]);
        inner.pos += n as u64;
        Ok(n)
    }
}

impl Seek for FileSource {
    fn seek(&mut self, to: SeekFrom) -> io::Result<u64> {
        let mut inner = self.0.borrow_mut();
        let target = match to {
            SeekFrom::Start(p) => Some(p),
            SeekFrom::End(d) => inner.size.checked_add_signed(d),
            SeekFrom::Current(d) => inner.pos.checked_add_signed(d),
        };
        inner.pos = target.ok_or_else(|| io::Error::new(io::ErrorKind::InvalidInput, "seek before the start"))?;
        Ok(inner.pos)
    }
}

impl ReadAhead {
    /// Asks the browser for the slices after the reader's, and waits for the next
    /// one if the reader is about to need it.
    pub async fn top_up(&self) {
        let waiting = {
            let mut inner = self.0.borrow_mut();
            let Some(next) = inner.next else { return };
            for k in 0..DEPTH {
                let start = next + k * SLICE;
                if start < inner.size && !inner.ready.contains_key(&start) && !inner.pending.contains_key(&start) {
                    let end = inner.slice_end(start);
                    if let Ok(blob) = inner.file.slice_with_f64_and_f64(start as f64, end as f64) {
                        inner.pending.insert(start, blob.array_buffer());
                    }
                }
            }
            if inner.must_wait() {
                inner.pending.remove(&next).map(|p| (next, p))
            } else {
                None
            }
        };
        if let Some((start, promise)) = waiting {
            // A failed read is left to FileReaderSync, which reports the error.
            if let Ok(buffer) = JsFuture::from(promise).await {
                let bytes = copy_out(buffer.unchecked_ref());
                self.0.borrow_mut().ready.insert(start, bytes);
            }
        }
    }

    /// Whether the loader should stop and let the next slice arrive first.
    pub fn must_wait(&self) -> bool {
        self.0.borrow().must_wait()
    }
}

impl Inner {
    fn must_wait(&self) -> bool {
        let Some(next) = self.next else { return false };
        let left_in_buffer = (self.buffer_start + self.buffer.len() as u64).saturating_sub(self.pos);
        next < self.size && left_in_buffer < STEP_BYTES && !self.ready.contains_key(&next)
    }
}
