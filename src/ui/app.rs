//! The root: the reducer, the worker, the URL hash, and the page's regions.

use super::bridge::Bridge;
use super::campaign_view::{tab_label, CampaignView};
use super::compare::CompareView;
use super::glossary::GlossaryPage;
use super::intake::Intake;
use super::load_panel::LoadPanel;
use super::samples::Samples;
use super::shortcuts::use_shortcuts;
use super::state::{view_changer, Action, AppContext, AppState};
use crate::core::view::{History, Tab, ViewAction, ViewState};
use gloo::events::EventListener;
use gloo::timers::callback::Timeout;
use std::rc::Rc;
use yew::prelude::*;

/// The worker, shared by the components that send it requests.
pub type BridgeContext = Rc<Result<Bridge, String>>;

fn location_hash() -> String {
    web_sys::window().and_then(|w| w.location().hash().ok()).unwrap_or_default()
}

/// Writes the view into the address bar: a new history entry for a step the
/// person took, so that Back returns to the view before it (the page, and the
/// files it holds, stay); the same entry for anything else.
fn write_hash(view: &ViewState, entry: History) {
    let Some(window) = web_sys::window() else { return };
    let hash = view.to_hash();
    // Back and Forward land here with the address bar already showing the view.
    if location_hash() == hash {
        return;
    }
    let url = if hash.is_empty() { window.location().pathname().unwrap_or_default() } else { hash };
    if let Ok(history) = window.history() {
        let _ = match entry {
            History::Push => history.push_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url)),
            History::Replace => history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url)),
        };
    }
}

/// Moves the keyboard focus to the element of that id, if it is on the page.
pub fn focus_by_id(id: &str) {
    if let Some(el) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id(id)) {
        let _ = wasm_bindgen::JsCast::unchecked_into::<web_sys::HtmlElement>(el).focus();
    }
}

/// Moves the focus to the element of that id in a task of its own, if the
/// focus is nowhere then: focusing lays the page out at once, which would
/// otherwise lengthen the task that has just drawn a whole view.
pub fn focus_if_lost(id: &'static str) -> Timeout {
    Timeout::new(0, move || {
        if focus_lost() {
            focus_by_id(id);
        }
    })
}

/// Whether the keyboard focus is nowhere: the element that had it (a sample's
/// Open button, the Load button, a row of a table) has left the page.
pub fn focus_lost() -> bool {
    let active = web_sys::window().and_then(|w| w.document()).and_then(|d| d.active_element());
    active.is_none_or(|el| el.tag_name() == "BODY")
}

#[function_component]
pub fn App() -> Html {
    let state = use_reducer(|| AppState::with_view(ViewState::from_hash(&location_hash())));
    let bridge: BridgeContext = {
        let dispatcher = state.dispatcher();
        use_memo((), move |_| {
            Bridge::new(Callback::from(move |response| dispatcher.dispatch(Action::Worker(response))))
        })
    };
    {
        let history = state.view_history;
        use_effect_with(state.view.clone(), move |view| write_hash(view, history));
    }
    {
        let dispatcher = state.dispatcher();
        use_effect_with((), move |_| {
            // pushState fires neither event: these are Back, Forward and an edited hash.
            let listeners = web_sys::window().map(|w| {
                ["popstate", "hashchange"].map(|name| {
                    let dispatcher = dispatcher.clone();
                    EventListener::new(&w, name, move |_| {
                        dispatcher.dispatch(Action::View(ViewAction::Restore(Box::new(ViewState::from_hash(
                            &location_hash(),
                        )))))
                    })
                })
            });
            move || drop(listeners)
        });
    }
    use_shortcuts(&state);
    // The skip link must not be a `#main` link: the hash holds the view, and
    // writing it would read as a view with nothing chosen.
    let skip = Callback::from(|e: MouseEvent| {
        e.prevent_default();
        focus_by_id("main");
    });
    let status = state.status();
    let presenting = state.view.present && state.selected_summary().is_some();
    let glossary = state.view.glossary;
    let toggle_glossary = view_changer(&state).reform(move |_: MouseEvent| ViewAction::ShowGlossary(!glossary));
    let problem = match (&*bridge, &state.crashed) {
        (Err(e), _) | (_, Some(e)) => Some(e.clone()),
        _ => None,
    };
    html! {
        <ContextProvider<AppContext> context={state.clone()}>
        <ContextProvider<BridgeContext> context={bridge.clone()}>
            <div class={classes!("app", presenting.then_some("presenting"))} data-status={status.as_str()}>
                <a class="skip-link" href="#main" onclick={skip}>{"Skip to content"}</a>
                <header class="masthead">
                    <h1>{"Takedown Explorer"}</h1>
                    <p class="tagline">{"Open Twitter's information-operations archives. Your files stay on this computer: nothing is uploaded."}</p>
                    <button id="glossary-open" class="link" aria-pressed={glossary.to_string()} onclick={toggle_glossary}>{"Plain words: the glossary"}</button>
                </header>
                <main id="main" tabindex="-1">
                    if let Some(problem) = problem {
                        <div class="alert" role="alert">{problem}{" Reload the page to start again."}</div>
                    }
                    if glossary {
                        <GlossaryPage />
                    } else {
                    if let Some(campaign) = state.missing_campaign() {
                        <LinkWithoutFiles campaign={campaign.to_string()} />
                    }
                    <Intake />
                    if state.summaries.is_empty() && state.loading.is_none() && state.staged.is_empty() {
                        <Samples />
                    }
                    <LoadPanel />
                    if state.view.tab == Tab::Compare && state.summaries.len() >= 2 {
                        <CompareView />
                    } else if let Some(summary) = state.selected_summary() {
                        <CampaignView summary={Rc::new(summary.clone())} />
                    }
                    }
                </main>
            </div>
        </ContextProvider<BridgeContext>>
        </ContextProvider<AppContext>>
    }
}

#[derive(Properties, PartialEq)]
struct LinkWithoutFilesProps {
    campaign: AttrValue,
}

/// What a link names when the page holds no such campaign: the files to open
/// (the link carries their names), and, if others were loaded, a way to them.
#[function_component]
fn LinkWithoutFiles(props: &LinkWithoutFilesProps) -> Html {
    let state = use_context::<AppContext>().expect("LinkWithoutFiles sits inside the app's state provider");
    let view = &state.view;
    let files = match view.files.as_slice() {
        [] => "the link does not name them.".to_string(),
        names => format!("{}.", names.join(", ")),
    };
    let loaded: Vec<&str> = state.summaries.iter().map(|s| s.name.as_str()).collect();
    let instead = loaded.first().map(|first| {
        let (state, first) = (state.clone(), first.to_string());
        Callback::from(move |_: MouseEvent| state.dispatch(Action::View(ViewAction::OpenCampaign(first.clone()))))
    });
    html! {
        <div class="link-pending" role="status">
            <p>{format!("This link shows {} ({}); open its files to see it: {files}", props.campaign, tab_label(view.tab))}</p>
            if let Some(instead) = instead {
                <p>
                    {format!("The files loaded hold {}, not {}. ", loaded.join(", "), props.campaign)}
                    <button class="link" onclick={instead}>{format!("Show {} instead", loaded.first().copied().unwrap_or_default())}</button>
                </p>
            }
        </div>
    }
}
