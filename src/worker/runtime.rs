//! The worker's event loop: loads run in slices of about 50 ms so that progress
//! goes out and a cancel comes in between them.

use super::coordination::{self, Computed};
use super::file_source::{FileSource, ReadAhead, SliceReader, READER_SCRIPT};
use super::prepare;
use super::protocol::{LoadProgress, Request, Response};
use super::search::{self, Search};
use crate::core::ingest::{Campaign, FileProgress, Input, Loader};
use crate::core::query::{self, Answer, Query, QueryCache};
use crate::core::side_by_side::compared;
use gloo::timers::future::TimeoutFuture;
use js_sys::{Array, Promise, Reflect};
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{DedicatedWorkerGlobalScope, File, MessageChannel, MessageEvent};

/// How long one slice of loading may hold the worker.
pub(super) const SLICE_MS: f64 = 50.0;
/// How often progress goes to the page.
pub(super) const PROGRESS_MS: f64 = 250.0;
/// Records read between two looks at the clock.
const RECORDS_PER_STEP: usize = 2048;
/// What all campaigns may hold, with room for their columns to double once
/// more: WebAssembly memory stops at 4 GiB, and the allocator's slack comes on
/// top (BENCHMARKS.md: the 9-million-tweet IRA-sized load).
const CAMPAIGNS_MOST_BYTES: usize = 7 << 29;

struct Job {
    id: u32,
    loader: Loader,
    read_aheads: Vec<Rc<ReadAhead>>,
    /// Started with the job, so that it is up before the first read-ahead.
    slice_reader: Option<Rc<SliceReader>>,
    started: f64,
    cancelled: bool,
}

#[derive(Default)]
pub(super) struct State {
    pub(super) campaigns: Vec<Campaign>,
    /// One per campaign, emptied when the campaign takes in more files.
    pub(super) caches: Vec<QueryCache>,
    /// Files of earlier jobs, as they ended.
    finished: Vec<FileProgress>,
    job: Option<Job>,
    /// The co-action network asked for last.
    pub(super) coordination: Option<Computed>,
    /// Tweet searches under way.
    pub(super) searches: Vec<Search>,
    /// Whether the campaigns' figures for later questions are being built.
    pub(super) preparing: bool,
}

impl State {
    pub(super) fn is_loading(&self) -> bool {
        self.job.is_some()
    }
}

fn scope() -> DedicatedWorkerGlobalScope {
    js_sys::global().unchecked_into()
}

pub(super) fn now() -> f64 {
    scope().performance().map_or(0.0, |p| p.now())
}

pub(super) fn post(response: &Response) {
    match serde_json::to_string(response) {
        Ok(text) => {
            if let Err(e) = scope().post_message(&JsValue::from_str(&text)) {
                web_sys::console::error_2(&"the worker could not answer".into(), &e);
            }
        }
        Err(e) => web_sys::console::error_1(&format!("the worker could not encode its answer: {e}").into()),
    }
}

/// Sends an answer with a file's bytes beside it as a `Blob`, built here so
/// that the page never holds the file as one string.
pub(super) fn post_with_blob(response: &Response, text: &str, mime: &str) -> Result<(), String> {
    let json = serde_json::to_string(response).map_err(|e| format!("the answer could not be encoded: {e}"))?;
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&Array::of1(&text.into()), &options)
        .map_err(|e| format!("the browser could not make the file: {e:?}"))?;
    let message = js_sys::Object::new();
    Reflect::set(&message, &"response".into(), &json.into())
        .and_then(|_| Reflect::set(&message, &"blob".into(), &blob))
        .and_then(|_| scope().post_message(&message))
        .map_err(|e| format!("the file could not be sent to the page: {e:?}"))
}

fn memory_bytes() -> u64 {
    wasm_bindgen::memory()
        .unchecked_into::<js_sys::WebAssembly::Memory>()
        .buffer()
        .unchecked_into::<js_sys::ArrayBuffer>()
        .byte_length() as u64
}

/// Starts the worker: reports panics to the page, then listens.
pub fn start() {
    std::panic::set_hook(Box::new(|info| {
        console_error_panic_hook::hook(info);
        post(&Response::Crashed { message: info.to_string() });
    }));
    let state = Rc::new(RefCell::new(State::default()));
    let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
        handle(&state, event.data());
    });
    scope().set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    // The handler lives as long as the worker.
    on_message.forget();
    post(&Response::Ready);
}

fn handle(state: &Rc<RefCell<State>>, data: JsValue) {
    let request = Reflect::get(&data, &"request".into()).ok().and_then(|r| r.as_string());
    let request = match request.as_deref().map(serde_json::from_str::<Request>) {
        Some(Ok(request)) => request,
        _ => {
            web_sys::console::error_2(&"the worker got a message it does not understand".into(), &data);
            return;
        }
    };
    match request {
        Request::Load { job } => {
            let files: Vec<File> = Reflect::get(&data, &"files".into())
                .map(|f| Array::from(&f).iter().filter_map(|f| f.dyn_into::<File>().ok()).collect())
                .unwrap_or_default();
            load(state, job, files);
        }
        Request::Cancel { job } => {
            let mut s = state.borrow_mut();
            if let Some(running) = s.job.as_mut().filter(|j| j.id == job) {
                running.cancelled = true;
            }
            coordination::cancel(&mut s, job);
            search::cancel(&mut s, job);
        }
        Request::Coordinate { job, campaigns, settings } => coordination::start(state, job, campaigns, settings),
        Request::Evidence { job, network, a, b } => coordination::evidence(&state.borrow(), job, network, a, b),
        Request::Export { job, network, file } => coordination::export(&state.borrow(), job, network, file),
        Request::Pin { network, node, x, y } => coordination::pin(state, network, node, x, y),
        Request::Compare { job, campaigns } => post(&Response::Answer { job, answer: compare(state, &campaigns) }),
        Request::Query { job, campaign, query } => {
            let found = state.borrow().campaigns.iter().position(|c| c.name == campaign);
            let answer = match (found, *query) {
                (Some(i), Query::Tweets(q)) => return search::start(state, job, i, q),
                (Some(i), query) => {
                    let mut guard = state.borrow_mut();
                    let State { campaigns, caches, .. } = &mut *guard;
                    query::answer(&campaigns[i], &mut caches[i], &query)
                }
                (None, _) => Answer::Missing(format!("the campaign {campaign} is not loaded")),
            };
            match answer {
                Answer::Csv(text) => {
                    if let Err(message) = post_with_blob(&Response::File { job }, &text, "text/csv;charset=utf-8") {
                        post(&Response::Answer { job, answer: Answer::Missing(message) });
                    }
                }
                answer => post(&Response::Answer { job, answer }),
            }
        }
    }
}

/// The campaigns named compared, or which of them is not loaded.
fn compare(state: &Rc<RefCell<State>>, names: &[String]) -> Answer {
    let mut guard = state.borrow_mut();
    let State { campaigns, caches, .. } = &mut *guard;
    let mut chosen = Vec::with_capacity(names.len());
    for name in names {
        match campaigns.iter().position(|c| &c.name == name) {
            Some(i) => chosen.push(i),
            None => return Answer::Missing(format!("the campaign {name} is not loaded")),
        }
    }
    let summaries: Vec<_> = chosen.iter().map(|&i| caches[i].summary(&campaigns[i], None)).collect();
    let chosen: Vec<&Campaign> = chosen.iter().map(|&i| &campaigns[i]).collect();
    Answer::Compared(Box::new(compared(&chosen, &summaries.iter().collect::<Vec<_>>())))
}

fn load(state: &Rc<RefCell<State>>, id: u32, files: Vec<File>) {
    let mut guard = state.borrow_mut();
    let State { job, finished, campaigns, .. } = &mut *guard;
    let running = job.is_some();
    let job = job.get_or_insert_with(|| Job {
        id,
        loader: {
            let mut loader = Loader::new();
            loader.set_today((js_sys::Date::now() / 86_400_000.0).floor() as i32);
            let held: usize = campaigns.iter().map(|c| c.store.approximate_bytes()).sum();
            loader.set_memory_budget(CAMPAIGNS_MOST_BYTES.saturating_sub(held));
            loader
        },
        read_aheads: Vec::new(),
        slice_reader: SliceReader::start(READER_SCRIPT).map(Rc::new),
        started: now(),
        cancelled: false,
    });
    job.id = id;
    for file in files {
        let name = file.name();
        let size = file.size() as u64;
        match FileSource::open(file, job.slice_reader.clone()) {
            Ok((reader, read_ahead)) => {
                job.loader.add(Input { name, size, reader });
                job.read_aheads.push(Rc::new(read_ahead));
            }
            Err(e) => finished.push(FileProgress {
                name,
                bytes_total: size,
                done: true,
                errors: vec![format!("the browser could not open the file: {e}")],
                ..FileProgress::default()
            }),
        }
    }
    drop(guard);
    if !running {
        wasm_bindgen_futures::spawn_local(run(Rc::clone(state)));
    }
}

/// Lets waiting messages (a cancel, a question) in. A zero timeout would do,
/// but browsers stretch nested timeouts to 4 ms, and a posted message is not.
pub(super) async fn let_messages_in() {
    let Ok(channel) = MessageChannel::new() else {
        return TimeoutFuture::new(0).await;
    };
    let arrived = Promise::new(&mut |resolve, _| {
        channel.port1().set_onmessage(Some(&resolve));
        if channel.port2().post_message(&JsValue::NULL).is_err() {
            let _ = resolve.call0(&JsValue::NULL);
        }
    });
    let _ = JsFuture::from(arrived).await;
}

fn progress_of(job: &Job, finished: &[FileProgress]) -> LoadProgress {
    let mut files = finished.to_vec();
    files.extend(job.loader.progress());
    LoadProgress { job: job.id, files, elapsed_ms: now() - job.started, memory_bytes: memory_bytes(), live: Vec::new() }
}

async fn run(state: Rc<RefCell<State>>) {
    let mut last_report = now();
    loop {
        // Let the browser read ahead, and wait if the loader has caught up with it.
        let read_aheads = state.borrow().job.as_ref().map(|j| j.read_aheads.clone()).unwrap_or_default();
        for read_ahead in &read_aheads {
            read_ahead.top_up().await;
        }
        let (more, cancelled) = {
            let mut s = state.borrow_mut();
            let Some(job) = s.job.as_mut() else { return };
            let slice_end = now() + SLICE_MS;
            let mut more = true;
            while more && !job.cancelled && now() < slice_end && !job.read_aheads.iter().any(|r| r.must_wait()) {
                more = job.loader.step(RECORDS_PER_STEP);
            }
            (more, job.cancelled)
        };
        if cancelled || !more {
            finish(&state, cancelled);
            return;
        }
        if now() - last_report >= PROGRESS_MS {
            let mut guard = state.borrow_mut();
            let State { job, finished, .. } = &mut *guard;
            if let Some(job) = job.as_mut() {
                let live = job.loader.live_figures();
                post(&Response::Progress(LoadProgress { live, ..progress_of(job, finished) }));
            }
            last_report = now();
        }
        let_messages_in().await;
    }
}

fn finish(state: &Rc<RefCell<State>>, cancelled: bool) {
    let mut s = state.borrow_mut();
    let Some(job) = s.job.take() else { return };
    let mut progress = progress_of(&job, &s.finished);
    if cancelled {
        let earlier = s.finished.len();
        for file in &mut progress.files[earlier..] {
            file.errors.push("cancelled: nothing of this file was kept".into());
            file.done = true;
        }
    } else {
        coordination::forget(&mut s);
        search::forget(&mut s);
        for campaign in job.loader.into_campaigns() {
            match s.campaigns.iter().position(|c| c.name == campaign.name) {
                Some(i) => {
                    s.campaigns[i].absorb(campaign);
                    s.caches[i] = QueryCache::default();
                }
                None => {
                    s.campaigns.push(campaign);
                    s.caches.push(QueryCache::default());
                }
            }
        }
    }
    s.finished = progress.files.clone();
    progress.memory_bytes = memory_bytes();
    let State { campaigns, caches, .. } = &mut *s;
    let summaries = campaigns.iter().zip(caches.iter_mut()).map(|(c, cache)| cache.summary(c, None)).collect();
    post(&Response::Loaded { progress, summaries, cancelled });
    drop(s);
    prepare::start(state);
}
