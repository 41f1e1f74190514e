//! The page's end of the worker: sends requests with their `File` handles and
//! turns the worker's answers (and its crashes) into reducer actions.
//!
//! An answer is decoded in the task its message arrives in and handed to the
//! view that waits for it in a task of its own: decoding a campaign's figures
//! the first time (WebAssembly compiles a function when it first runs) and
//! drawing them are then two short tasks of the main thread, not one long one.

use super::accounts::download_blob;
use crate::core::coord::Settings;
use crate::core::query::{Answer, Query};
use crate::worker::protocol::{Coordination, NetworkFile, Request, Response, WORKER_SCRIPT};
use gloo::timers::callback::Timeout;
use js_sys::{Array, Object, Reflect};
use std::cell::{Cell, RefCell};
use std::collections::{HashMap, VecDeque};
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Blob, ErrorEvent, File, MessageEvent, Worker};
use yew::Callback;

/// Callbacks waiting for the answer to a query, by job id.
type Pending = Rc<RefCell<HashMap<u32, Callback<Answer>>>>;
/// Callbacks following a network or evidence job, by job id.
type Streams = Rc<RefCell<HashMap<u32, Callback<Coordination>>>>;
/// The names to save the files asked for under, by job id.
type Saving = Rc<RefCell<HashMap<u32, String>>>;

/// Handing one decoded answer to whoever waits for it.
type Delivery = Box<dyn FnOnce()>;

/// Answers decoded and not yet handed over, handed over in order, one a task.
#[derive(Clone, Default)]
struct Deliveries {
    queue: Rc<RefCell<VecDeque<Delivery>>>,
    scheduled: Rc<Cell<bool>>,
}

impl Deliveries {
    fn push(&self, deliver: impl FnOnce() + 'static) {
        self.queue.borrow_mut().push_back(Box::new(deliver));
        if !self.scheduled.replace(true) {
            self.schedule();
        }
    }

    /// Hands `value` to the callback of `job` in `callbacks` (and forgets it
    /// there if it is the job's `last` value), looked up when it is handed
    /// over, not when it came: a view that stopped waiting meanwhile gets nothing.
    fn hand_over<T: 'static>(
        &self,
        callbacks: &Rc<RefCell<HashMap<u32, Callback<T>>>>,
        job: u32,
        value: T,
        last: bool,
    ) {
        let callbacks = Rc::clone(callbacks);
        self.push(move || {
            let callback =
                if last { callbacks.borrow_mut().remove(&job) } else { callbacks.borrow().get(&job).cloned() };
            if let Some(callback) = callback {
                callback.emit(value);
            }
        });
    }

    fn schedule(&self) {
        let this = self.clone();
        Timeout::new(0, move || this.deliver_one()).forget();
    }

    fn deliver_one(&self) {
        let next = self.queue.borrow_mut().pop_front();
        if self.queue.borrow().is_empty() {
            self.scheduled.set(false);
        } else {
            self.schedule();
        }
        if let Some(deliver) = next {
            deliver();
        }
    }
}

/// The worker stopped: nothing waiting will get its answer now, and each says so.
fn abandon(waiting: &Pending, following: &Streams, names: &Saving, message: &str) {
    names.borrow_mut().clear();
    for (_, callback) in waiting.borrow_mut().drain() {
        callback.emit(Answer::Missing(message.to_string()));
    }
    for (_, callback) in following.borrow_mut().drain() {
        callback.emit(Coordination::Failed(message.to_string()));
    }
}

pub struct Bridge {
    worker: Worker,
    next_job: Cell<u32>,
    pending: Pending,
    streams: Streams,
    saving: Saving,
    _on_message: Closure<dyn FnMut(MessageEvent)>,
    _on_error: Closure<dyn FnMut(ErrorEvent)>,
}

impl PartialEq for Bridge {
    fn eq(&self, other: &Self) -> bool {
        std::ptr::eq(self, other)
    }
}

impl Bridge {
    pub fn new(on_response: Callback<Response>) -> Result<Bridge, String> {
        let worker =
            Worker::new(WORKER_SCRIPT).map_err(|e| format!("the browser refused to start the loader: {e:?}"))?;
        let emit = on_response.clone();
        let pending: Pending = Rc::default();
        let streams: Streams = Rc::default();
        let saving: Saving = Rc::default();
        let (waiting, following, names) = (Rc::clone(&pending), Rc::clone(&streams), Rc::clone(&saving));
        let deliveries = Deliveries::default();
        let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
            // A plain answer is its JSON text; a file comes as {response, blob}.
            let data = event.data();
            let text = data
                .as_string()
                .or_else(|| Reflect::get(&data, &"response".into()).ok().and_then(|r| r.as_string()))
                .unwrap_or_default();
            let blob = || Reflect::get(&data, &"blob".into()).ok().and_then(|b| b.dyn_into::<Blob>().ok());
            match serde_json::from_str::<Response>(&text) {
                Ok(Response::File { job }) => {
                    waiting.borrow_mut().remove(&job);
                    match (names.borrow_mut().remove(&job), blob()) {
                        (Some(name), Some(blob)) => download_blob(&name, &blob),
                        _ => web_sys::console::error_1(
                            &"the worker sent a file nobody asked for, or without its bytes".into(),
                        ),
                    }
                }
                Ok(Response::Partial { job, answer }) => deliveries.hand_over(&waiting, job, answer, false),
                Ok(Response::Answer { job, answer }) => {
                    names.borrow_mut().remove(&job);
                    deliveries.hand_over(&waiting, job, answer, true);
                }
                Ok(Response::Coordination { job, event }) => {
                    if let Coordination::File(file) = &event {
                        match blob() {
                            Some(blob) => download_blob(file.name(), &blob),
                            None => web_sys::console::error_1(&"the worker sent a file without its bytes".into()),
                        }
                    }
                    // Evidence, a file and a failure end their job; a network goes on with its layout.
                    let last =
                        matches!(event, Coordination::Evidence(_) | Coordination::File(_) | Coordination::Failed(_));
                    deliveries.hand_over(&following, job, event, last);
                }
                Ok(Response::Crashed { message }) => {
                    abandon(&waiting, &following, &names, &message);
                    let emit = emit.clone();
                    deliveries.push(move || emit.emit(Response::Crashed { message }));
                }
                Ok(response) => {
                    let emit = emit.clone();
                    deliveries.push(move || emit.emit(response));
                }
                Err(e) => web_sys::console::error_1(&format!("unreadable answer from the loader: {e}").into()),
            }
        });
        let (waiting, following, names) = (Rc::clone(&pending), Rc::clone(&streams), Rc::clone(&saving));
        let on_error = Closure::<dyn FnMut(ErrorEvent)>::new(move |event: ErrorEvent| {
            let message = match event.message() {
                m if m.contains("unreachable") || m.contains("memory") => {
                    format!("the loader stopped ({m}); the files may be larger than this browser tab can hold")
                }
                m => format!("the loader stopped: {m}"),
            };
            abandon(&waiting, &following, &names, &message);
            on_response.emit(Response::Crashed { message });
        });
        worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        Ok(Bridge {
            worker,
            next_job: Cell::new(1),
            pending,
            streams,
            saving,
            _on_message: on_message,
            _on_error: on_error,
        })
    }

    fn send(&self, request: &Request, files: &[File]) {
        let message = Object::new();
        let text = serde_json::to_string(request).expect("requests are plain data and always encode");
        let files: Array = files.iter().collect();
        let sent = Reflect::set(&message, &"request".into(), &text.into())
            .and_then(|_| Reflect::set(&message, &"files".into(), &files))
            .and_then(|_| self.worker.post_message(&message));
        if let Err(e) = sent {
            web_sys::console::error_2(&"could not reach the loader".into(), &e);
        }
    }

    fn next_job(&self) -> u32 {
        let job = self.next_job.get();
        self.next_job.set(job + 1);
        job
    }

    /// Sends files to load; returns the job id the progress will carry.
    pub fn load(&self, files: &[File]) -> u32 {
        let job = self.next_job();
        self.send(&Request::Load { job }, files);
        job
    }

    /// Asks a question about a campaign; `on_answer` gets the answer.
    pub fn ask(&self, campaign: &str, query: Query, on_answer: Callback<Answer>) -> u32 {
        let job = self.next_job();
        self.pending.borrow_mut().insert(job, on_answer);
        self.send(&Request::Query { job, campaign: campaign.to_string(), query: Box::new(query) }, &[]);
        job
    }

    /// Compares loaded campaigns, in this order; `on_answer` gets the comparison.
    pub fn compare(&self, campaigns: Vec<String>, on_answer: Callback<Answer>) -> u32 {
        let job = self.next_job();
        self.pending.borrow_mut().insert(job, on_answer);
        self.send(&Request::Compare { job, campaigns }, &[]);
        job
    }

    /// Asks for a file of a campaign (a CSV query), built in the worker and
    /// saved as `name`; a failure is reported to the console.
    pub fn save(&self, campaign: &str, query: Query, name: String) {
        let on_answer = Callback::from(|answer| {
            if let Answer::Missing(why) = answer {
                web_sys::console::error_1(&format!("the file could not be made: {why}").into());
            }
        });
        let job = self.ask(campaign, query, on_answer);
        self.saving.borrow_mut().insert(job, name);
    }

    /// Forgets a question whose answer is no longer wanted.
    pub fn forget(&self, job: u32) {
        // Still unanswered: a search the worker may still be reading, to drop.
        if self.pending.borrow_mut().remove(&job).is_some() {
            self.send(&Request::Cancel { job }, &[]);
        }
    }

    /// Computes a network over `campaigns` pooled; `on_event` gets its
    /// progress and then the network or why there is none.
    pub fn coordinate(&self, campaigns: Vec<String>, settings: Settings, on_event: Callback<Coordination>) -> u32 {
        let job = self.next_job();
        self.streams.borrow_mut().insert(job, on_event);
        self.send(&Request::Coordinate { job, campaigns, settings }, &[]);
        job
    }

    /// The tweets behind the edge between two accounts of network job `network`.
    pub fn evidence(&self, network: u32, a: u32, b: u32, on_event: Callback<Coordination>) -> u32 {
        let job = self.next_job();
        self.streams.borrow_mut().insert(job, on_event);
        self.send(&Request::Evidence { job, network, a, b }, &[]);
        job
    }

    /// Saves a file of network job `network`, built in the worker;
    /// `on_saved` hears whether it was.
    pub fn export(&self, network: u32, file: NetworkFile, on_saved: Callback<Result<(), String>>) {
        let job = self.next_job();
        let on_event = Callback::from(move |event| match event {
            Coordination::File(_) => on_saved.emit(Ok(())),
            Coordination::Failed(why) => on_saved.emit(Err(why)),
            _ => {}
        });
        self.streams.borrow_mut().insert(job, on_event);
        self.send(&Request::Export { job, network, file }, &[]);
    }

    /// Holds a node of network job `network` at a point of the layout.
    pub fn pin(&self, network: u32, node: u32, x: f32, y: f32) {
        self.send(&Request::Pin { network, node, x, y }, &[]);
    }

    /// Stops following a network or evidence job (and stops the network).
    pub fn drop_stream(&self, job: u32) {
        if self.streams.borrow_mut().remove(&job).is_some() {
            self.cancel(job);
        }
    }

    pub fn cancel(&self, job: u32) {
        self.send(&Request::Cancel { job }, &[]);
    }
}
