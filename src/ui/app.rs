//! The root: the reducer, the worker and the page's three regions.

use super::bridge::Bridge;
use super::intake::Intake;
use super::load_panel::LoadPanel;
use super::overview::Overview;
use super::state::{Action, AppContext, AppState};
use std::rc::Rc;
use yew::prelude::*;

/// The worker, shared by the components that send it requests.
pub type BridgeContext = Rc<Result<Bridge, String>>;

#[function_component]
pub fn App() -> Html {
    let state = use_reducer(AppState::default);
    let bridge: BridgeContext = {
        let dispatcher = state.dispatcher();
        use_memo((), move |_| {
            Bridge::new(Callback::from(move |response| dispatcher.dispatch(Action::Worker(response))))
        })
    };
    let status = state.status();
    let problem = match (&*bridge, &state.crashed) {
        (Err(e), _) | (_, Some(e)) => Some(e.clone()),
        _ => None,
    };
    let campaigns = state.summaries.iter().map(|s| s.name.clone()).collect::<Vec<_>>();
    let on_select = {
        let state = state.clone();
        Callback::from(move |e: Event| {
            let select: web_sys::HtmlSelectElement = e.target_unchecked_into();
            state.dispatch(Action::Select(select.value()));
        })
    };
    let selected = state.selected_summary().map(|s| s.name.clone()).unwrap_or_default();
    html! {
        <ContextProvider<AppContext> context={state.clone()}>
        <ContextProvider<BridgeContext> context={bridge.clone()}>
            <div class="app" data-status={status.as_str()}>
                <header class="masthead">
                    <h1>{"Takedown Explorer"}</h1>
                    <p class="tagline">{"Open Twitter's information-operations archives. Your files stay on this computer: nothing is uploaded."}</p>
                    if campaigns.len() > 1 {
                        <label class="switcher">{"Campaign "}
                            <select onchange={on_select} aria-label="Campaign">
                                { for campaigns.iter().map(|c| html! { <option value={c.clone()} selected={*c == selected}>{c}</option> }) }
                            </select>
                        </label>
                    }
                </header>
                if let Some(problem) = problem {
                    <div class="alert" role="alert">{problem}{" Reload the page to start again."}</div>
                }
                <Intake />
                <LoadPanel />
                if let Some(summary) = state.selected_summary() {
                    <Overview summary={Rc::new(summary.clone())} />
                }
            </div>
        </ContextProvider<BridgeContext>>
        </ContextProvider<AppContext>>
    }
}
