//! A browser `File` as `Read + Seek`. The worker's reads are synchronous, so a
//! `ReadAhead` has the next slices read asynchronously while the loader parses
//! the current one, by the load's reader worker (static/reader.js) where the
//! browser allows one, else by `Blob.arrayBuffer()`; a slice that has not
//! arrived when it is needed is read with `FileReaderSync` instead. No file is
//! ever held whole.

use crate::core::zip::ReadSeek;
use js_sys::{Array, ArrayBuffer, Function, Object, Promise, Reflect, Uint8Array};
use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::io::{self, Read, Seek, SeekFrom};
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{Event, File, FileReaderSync, MessageEvent, Worker, WorkerGlobalScope};

/// Large enough that the per-slice cost of the browser call vanishes, small
/// enough to be nothing beside the data.
const SLICE: u64 = 8 << 20;
/// Slices asked for ahead of the one being parsed.
const DEPTH: u64 = 2;
/// What the loader may read between two looks at the read-ahead (one step's worth).
const STEP_BYTES: u64 = 2 << 20;
/// The reader worker's script, beside the page's.
pub const READER_SCRIPT: &str = "./reader.js";
/// How long a slice may take to come from the reader worker before it is given
/// up for the file and the slice read in place: a slice comes within tens of
/// milliseconds, and a reader that hangs would otherwise stall the load.
const PATIENCE_MS: i32 = 3_000;

struct Inner {
    file: File,
    reader: FileReaderSync,
    size: u64,
    pos: u64,
    /// The slice being read, left in JavaScript's memory: the loader's reads
    /// copy from it straight into their own buffer.
    buffer: Uint8Array,
    buffer_start: u64,
    /// The slice the reader will want next, once it has started.
    next: Option<u64>,
    ready: HashMap<u64, Uint8Array>,
    pending: HashMap<u64, Promise>,
    slice_reader: Option<Rc<SliceReader>>,
}

/// The promises of the slices asked of the reader worker, by request number;
/// `None` once it failed, and then every read is refused at once.
type Answers = Rc<RefCell<Option<HashMap<u64, (Function, Function)>>>>;

/// A reader worker, shared by the files of one load and ended with it.
pub struct SliceReader {
    worker: Worker,
    waiting: Answers,
    requests: Cell<u64>,
    _on_message: Closure<dyn FnMut(MessageEvent)>,
    _on_error: Closure<dyn FnMut(JsValue)>,
}

impl SliceReader {
    /// Starts the worker; `None` where the browser allows no worker in a worker.
    pub fn start(script: &str) -> Option<SliceReader> {
        let worker = Worker::new(script).ok()?;
        let waiting: Answers = Rc::new(RefCell::new(Some(HashMap::new())));
        let answers = Rc::clone(&waiting);
        let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
            let data = event.data();
            let field = |name: &str| Reflect::get(&data, &name.into()).unwrap_or(JsValue::UNDEFINED);
            let Some(id) = field("id").as_f64() else { return };
            let Some((resolve, reject)) = answers.borrow_mut().as_mut().and_then(|w| w.remove(&(id as u64))) else {
                return;
            };
            let bytes = field("bytes");
            let _ = if bytes.is_instance_of::<ArrayBuffer>() {
                resolve.call1(&JsValue::NULL, &bytes)
            } else {
                reject.call1(&JsValue::NULL, &field("error"))
            };
        });
        // Where the browser reports a reader that failed to start or died, what
        // was asked of it is refused at once (else the patience runs out).
        let failed = Rc::clone(&waiting);
        let on_error = Closure::<dyn FnMut(JsValue)>::new(move |error: JsValue| {
            // Handled here: not to be reported on as the loader's own crash.
            if let Some(event) = error.dyn_ref::<Event>() {
                event.prevent_default();
            }
            for (_, (_, reject)) in failed.borrow_mut().take().into_iter().flatten() {
                let _ = reject.call1(&JsValue::NULL, &error);
            }
        });
        worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        Some(SliceReader { worker, waiting, requests: Cell::new(0), _on_message: on_message, _on_error: on_error })
    }

    /// The bytes `start..end` of `file`, as a promise of an `ArrayBuffer`.
    fn read(&self, file: &File, start: u64, end: u64) -> Promise {
        Promise::new(&mut |resolve, reject| {
            let mut waiting = self.waiting.borrow_mut();
            let Some(waiting) = waiting.as_mut() else {
                let _ = reject.call0(&JsValue::NULL);
                return;
            };
            let id = self.requests.get();
            self.requests.set(id + 1);
            let request = Object::new();
            let sent = Reflect::set(&request, &"id".into(), &(id as f64).into())
                .and_then(|_| Reflect::set(&request, &"file".into(), file))
                .and_then(|_| Reflect::set(&request, &"start".into(), &(start as f64).into()))
                .and_then(|_| Reflect::set(&request, &"end".into(), &(end as f64).into()))
                .and_then(|_| self.worker.post_message(&request));
            match sent {
                Ok(()) => {
                    waiting.insert(id, (resolve, reject));
                }
                Err(e) => {
                    let _ = reject.call1(&JsValue::NULL, &e);
                }
            }
        })
    }
}

impl Drop for SliceReader {
    fn drop(&mut self) {
        self.worker.terminate();
    }
}

pub struct FileSource(Rc<RefCell<Inner>>);

/// The run loop's handle on a file's asynchronous reads.
pub struct ReadAhead(Rc<RefCell<Inner>>);

fn js_error(e: wasm_bindgen::JsValue) -> io::Error {
    let message =
        js_sys::Error::from(e).message().as_string().unwrap_or_else(|| "the browser could not read it".into());
    io::Error::other(message)
}

impl FileSource {
    /// Opens `file`; its slices are read ahead by `slice_reader` if there is one.
    pub fn open(file: File, slice_reader: Option<Rc<SliceReader>>) -> io::Result<(Box<dyn ReadSeek>, ReadAhead)> {
        let reader = FileReaderSync::new().map_err(js_error)?;
        let size = file.size() as u64;
        let inner = Rc::new(RefCell::new(Inner {
            file,
            reader,
            size,
            pos: 0,
            buffer: Uint8Array::new_with_length(0),
            buffer_start: 0,
            next: None,
            ready: HashMap::new(),
            pending: HashMap::new(),
            slice_reader,
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
                Uint8Array::new(&self.reader.read_as_array_buffer(&blob).map_err(js_error)?.into())
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
        let buffered = inner.buffer_start..inner.buffer_start + u64::from(inner.buffer.length());
        if !buffered.contains(&inner.pos) {
            inner.fill()?;
        }
        let at = (inner.pos - inner.buffer_start) as u32;
        let n = out.len().min(inner.buffer.length().saturating_sub(at) as usize);
        inner.buffer.subarray(at, at + n as u32).copy_to(&mut out[..n]);
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
                    if let Some(promise) = inner.read_later(start, end) {
                        inner.pending.insert(start, promise);
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
            let patience = Promise::new(&mut |resolve, _| {
                let scope: WorkerGlobalScope = js_sys::global().unchecked_into();
                let _ = scope.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, PATIENCE_MS);
            });
            let arrived = JsFuture::from(Promise::race(&Array::of2(&promise, &patience))).await;
            let mut inner = self.0.borrow_mut();
            match arrived {
                Ok(buffer) if buffer.is_instance_of::<ArrayBuffer>() => {
                    inner.ready.insert(start, Uint8Array::new(&buffer));
                }
                // Refused, failed or too slow: the reader worker is given up for
                // this file, and the loader reads the slice in place with
                // FileReaderSync (which reports a file that cannot be read).
                _ => {
                    inner.slice_reader = None;
                    inner.pending.clear();
                    inner.next = None;
                }
            }
        }
    }

    /// Whether the loader should stop and let the next slice arrive first.
    pub fn must_wait(&self) -> bool {
        self.0.borrow().must_wait()
    }
}

impl Inner {
    /// Asks for a slice to be read while the loader goes on.
    fn read_later(&self, start: u64, end: u64) -> Option<Promise> {
        match &self.slice_reader {
            Some(reader) => Some(reader.read(&self.file, start, end)),
            None => self.file.slice_with_f64_and_f64(start as f64, end as f64).ok().map(|blob| blob.array_buffer()),
        }
    }

    fn must_wait(&self) -> bool {
        let Some(next) = self.next else { return false };
        let left_in_buffer = (self.buffer_start + u64::from(self.buffer.length())).saturating_sub(self.pos);
        next < self.size && left_in_buffer < STEP_BYTES && !self.ready.contains_key(&next)
    }
}
