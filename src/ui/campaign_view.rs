//! One campaign: the campaign switcher, the tabs, the date range in force, and
//! the view of the selected tab.

use super::account_page::AccountPage;
use super::accounts::AccountTable;
use super::app::{focus_by_id, focus_if_lost};
use super::coordination::CoordinationView;
use super::lesson::{LessonPanel, StartLesson};
use super::overview::Overview;
use super::report::ReportView;
use super::state::{view_changer, AppContext};
use super::timeline::TimelineView;
use super::tweets::TweetSearch;
use crate::core::summary::Summary;
use crate::core::view::{Tab, ViewAction};
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct CampaignViewProps {
    pub summary: Rc<Summary>,
}

pub fn tab_label(tab: Tab) -> &'static str {
    match tab {
        Tab::Overview => "Overview",
        Tab::Timeline => "Timeline",
        Tab::Accounts => "Accounts",
        Tab::Tweets => "Tweets",
        Tab::Coordination => "Coordination",
        Tab::Report => "Report",
        Tab::Account => "Account",
        Tab::Compare => "Compare",
    }
}

#[function_component]
pub fn CampaignView(props: &CampaignViewProps) -> Html {
    let state = use_context::<AppContext>().expect("CampaignView sits inside the app's state provider");
    let change = view_changer(&state);
    let view = &state.view;
    let tabs = view.tabs();
    let on_campaign = {
        let change = change.clone();
        Callback::from(move |e: Event| {
            let select: web_sys::HtmlSelectElement = e.target_unchecked_into();
            let name = select.value();
            change.emit(ViewAction::OpenCampaign(name));
        })
    };
    let clear_range = change.reform(|_: MouseEvent| ViewAction::ClearRange);
    let present = view.present;
    let toggle_present = change.reform(move |_: MouseEvent| ViewAction::Present(!present));
    {
        // A load ends with the button that started it gone (a sample's Open,
        // Load): the campaign it brought is where the focus belongs then.
        use_effect_with(state.generation, |_| {
            let focus = focus_if_lost("campaign-title");
            move || drop(focus)
        });
    }
    // The ARIA tabs pattern: arrows go round, Home and End go to the ends.
    let on_tab_key = {
        let (change, tabs, current) = (change.clone(), tabs.clone(), view.tab);
        Callback::from(move |e: KeyboardEvent| {
            let at = tabs.iter().position(|t| *t == current).unwrap_or(0);
            let count = tabs.len().max(1);
            let index = match e.key().as_str() {
                "ArrowRight" => (at + 1) % count,
                "ArrowLeft" => (at + count - 1) % count,
                "Home" => 0,
                "End" => count - 1,
                _ => return,
            };
            let Some(&next) = tabs.get(index) else { return };
            e.prevent_default();
            change.emit(ViewAction::OpenTab(next));
            focus_by_id(&format!("tab-{}", next.key()));
        })
    };
    let campaigns: Vec<String> = state.summaries.iter().map(|s| s.name.clone()).collect();
    let body = match view.tab {
        Tab::Overview => html! { <Overview summary={props.summary.clone()} /> },
        Tab::Timeline => html! { <TimelineView /> },
        Tab::Accounts => html! { <AccountTable /> },
        Tab::Tweets => html! { <TweetSearch /> },
        Tab::Coordination => html! { <CoordinationView /> },
        Tab::Report => html! { <ReportView /> },
        Tab::Account => match &view.account {
            Some(id) => html! { <AccountPage id={id.clone()} /> },
            None => html! {},
        },
        // The app shows the Compare view instead while two campaigns are loaded.
        Tab::Compare => {
            html! { <p class="muted" id="compare-needs-two">{"Load a second campaign to compare it with this one."}</p> }
        }
    };
    html! {
        <section class="campaign" aria-label={format!("Campaign {}", props.summary.name)}>
            <div class="campaign-head">
                <h2 id="campaign-title" tabindex="-1">{&props.summary.name}</h2>
                if campaigns.len() > 1 {
                    <label class="switcher">{"Campaign "}
                        <select id="campaign-select" onchange={on_campaign}>
                            { for campaigns.iter().map(|c| html! { <option value={c.clone()} selected={*c == props.summary.name}>{view.compare.display_name(c)}</option> }) }
                        </select>
                    </label>
                    <button id="compare-open" class="button secondary" onclick={change.reform(|_: MouseEvent| ViewAction::OpenCompare)}>
                        {format!("Compare {} campaigns", campaigns.len())}
                    </button>
                }
                <div class="campaign-tools">
                    <StartLesson />
                    <button id="present-toggle" class="button secondary" aria-pressed={present.to_string()} onclick={toggle_present}
                        title={if present { "Leave presentation mode (Escape or P)" } else { "Large type for a projector; the arrow keys change tabs (P)" }}>
                        {if present { "Leave presentation" } else { "Present" }}
                    </button>
                </div>
            </div>
            <LessonPanel />
            <div class="tabs" role="tablist" aria-label="Views" onkeydown={on_tab_key}>
                { for tabs.iter().map(|&tab| {
                    let selected = tab == view.tab;
                    html! {
                        <button id={format!("tab-{}", tab.key())} role="tab" aria-selected={selected.to_string()}
                            aria-controls={selected.then_some("tabpanel")} tabindex={if selected { "0" } else { "-1" }}
                            onclick={change.reform(move |_: MouseEvent| ViewAction::OpenTab(tab))}>
                            {tab_label(tab)}
                        </button>
                    }
                }) }
            </div>
            if view.range().is_some() {
                <p class="range-bar" data-range={format!("{}/{}", view.from.as_deref().unwrap_or_default(), view.to.as_deref().unwrap_or_default())}>
                    {match (&view.from, &view.to) {
                        (Some(from), Some(to)) => format!("Only tweets from {from} to {to} (UTC) are counted. "),
                        (Some(from), None) => format!("Only tweets from {from} on (UTC) are counted. "),
                        (None, Some(to)) => format!("Only tweets up to {to} (UTC) are counted. "),
                        (None, None) => String::new(),
                    }}
                    <button class="link" onclick={clear_range}>{"Show all dates"}</button>
                </p>
            }
            <div id="tabpanel" role="tabpanel" aria-labelledby={format!("tab-{}", view.tab.key())}>{body}</div>
        </section>
    }
}
