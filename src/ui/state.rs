//! The one reducer behind the page.

use crate::core::coord::Overview;
use crate::core::summary::Summary;
use crate::core::view::{History, ViewAction, ViewState};
use crate::worker::protocol::{LoadProgress, Response};
use std::rc::Rc;
use web_sys::File;
use yew::prelude::*;

#[derive(Default, PartialEq)]
pub struct AppState {
    pub worker_ready: bool,
    /// Files chosen and not yet sent to the worker.
    pub staged: Rc<Vec<File>>,
    pub loading: Option<u32>,
    pub progress: Option<Rc<LoadProgress>>,
    pub summaries: Rc<Vec<Summary>>,
    /// Counts the loads that changed the data, so that views ask again.
    pub generation: u32,
    pub view: ViewState,
    /// How the address bar follows the latest change of `view`.
    pub view_history: History,
    pub crashed: Option<String>,
    pub last_load_cancelled: bool,
    /// The network the Coordination tab showed last, and the worker's job
    /// that computed it (its evidence is asked of that job).
    pub network: Option<(u32, Rc<Overview>)>,
}

pub enum Action {
    Worker(Response),
    Stage(Vec<File>),
    Unstage(usize),
    ClearStaged,
    LoadStarted(u32),
    /// A change of the view: the person's, or the address bar's.
    View(ViewAction),
    /// The Coordination tab has a network.
    NetworkShown(u32, Rc<Overview>),
}

/// What the page is doing, as `data-status` tells tests.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    Empty,
    Loading,
    Ready,
    Error,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Empty => "empty",
            Status::Loading => "loading",
            Status::Ready => "ready",
            Status::Error => "error",
        }
    }
}

impl AppState {
    /// Starts from the view a link carries in its hash.
    pub fn with_view(view: ViewState) -> AppState {
        AppState { view, view_history: History::Replace, ..AppState::default() }
    }

    pub fn status(&self) -> Status {
        let every_file_failed =
            self.progress.as_ref().is_some_and(|p| !p.files.is_empty() && p.files.iter().all(|f| !f.errors.is_empty()));
        if self.crashed.is_some() {
            Status::Error
        } else if self.loading.is_some() {
            Status::Loading
        } else if !self.summaries.is_empty() {
            Status::Ready
        } else if every_file_failed && !self.last_load_cancelled {
            Status::Error
        } else {
            Status::Empty
        }
    }

    /// The campaign the view names, or the first one while it names none; a
    /// campaign named and not loaded (a link opened without its files) is
    /// nothing, never another campaign in its place.
    pub fn selected_summary(&self) -> Option<&Summary> {
        match self.view.campaign.as_deref() {
            Some(name) => self.summaries.iter().find(|s| s.name == name),
            None => self.summaries.first(),
        }
    }

    /// The campaign a link names and the files have not brought.
    pub fn missing_campaign(&self) -> Option<&str> {
        self.view.campaign.as_deref().filter(|_| self.selected_summary().is_none())
    }
}

/// The files a person chose that a campaign was read from: a zip's members
/// are listed as `archive › member`, and a long list ends with `and N more`.
fn chosen_files(summary: &Summary) -> Vec<String> {
    let mut files: Vec<String> = Vec::new();
    for label in &summary.files {
        let name = label.split(" › ").next().unwrap_or(label);
        let more = name.starts_with("and ") && name.ends_with(" more");
        if !more && !files.iter().any(|f| f == name) {
            files.push(name.to_string());
        }
    }
    files
}

impl Reducible for AppState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut next = AppState {
            staged: Rc::clone(&self.staged),
            progress: self.progress.clone(),
            summaries: Rc::clone(&self.summaries),
            view: self.view.clone(),
            crashed: self.crashed.clone(),
            network: self.network.clone(),
            ..*self
        };
        let mut history = None::<History>;
        match action {
            Action::Worker(Response::Ready) => next.worker_ready = true,
            Action::Worker(Response::Progress(progress)) => {
                if next.loading == Some(progress.job) {
                    next.progress = Some(Rc::new(progress));
                }
            }
            Action::Worker(Response::Loaded { progress, summaries, cancelled }) => {
                next.loading = None;
                next.last_load_cancelled = cancelled;
                next.progress = Some(Rc::new(progress));
                // A campaign the view names and the files did not bring stays
                // named: the page says which files to open.
                history =
                    Some(next.view.apply(ViewAction::Loaded { first: summaries.first().map(|s| s.name.clone()) }));
                if !cancelled {
                    next.generation += 1;
                    next.network = None;
                }
                next.summaries = Rc::new(summaries);
            }
            Action::Worker(Response::Crashed { message }) => {
                next.loading = None;
                next.crashed = Some(message);
            }
            // Answers go straight to the view that asked (see `bridge`).
            Action::Worker(
                Response::Answer { .. }
                | Response::Partial { .. }
                | Response::File { .. }
                | Response::Coordination { .. },
            ) => {}
            Action::Stage(files) => {
                let mut staged = (*self.staged).clone();
                for file in files {
                    if !staged.iter().any(|f| f.name() == file.name() && f.size() == file.size()) {
                        staged.push(file);
                    }
                }
                next.staged = Rc::new(staged);
            }
            Action::Unstage(i) => {
                let mut staged = (*self.staged).clone();
                if i < staged.len() {
                    staged.remove(i);
                }
                next.staged = Rc::new(staged);
            }
            Action::ClearStaged => next.staged = Rc::default(),
            Action::LoadStarted(job) => {
                next.loading = Some(job);
                next.staged = Rc::default();
            }
            Action::View(action) => history = Some(next.view.apply(action)),
            Action::NetworkShown(job, overview) => next.network = Some((job, overview)),
        }
        if let Some(files) = next.selected_summary().map(chosen_files).filter(|f| *f != next.view.files) {
            let named = next.view.apply(ViewAction::NameFiles(files));
            history = Some(history.map_or(named, |earlier| earlier.then(named)));
        }
        if let Some(history) = history {
            next.view_history = history;
        }
        Rc::new(next)
    }
}

pub type AppContext = UseReducerHandle<AppState>;

/// A callback that hands the reducer a change of the view.
pub fn view_changer(state: &AppContext) -> Callback<ViewAction> {
    let dispatcher = state.dispatcher();
    Callback::from(move |action| dispatcher.dispatch(Action::View(action)))
}
