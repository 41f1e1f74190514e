//! The Compare view: which loaded campaigns are compared and the names they
//! are shown under (both kept in the URL), then the worker's comparison of
//! them — their figures side by side and what each pair shares.

use super::app::{focus_by_id, BridgeContext};
use super::compare_figures::SideFigures;
use super::compare_shared::PairView;
use super::state::{view_changer, AppContext};
use crate::core::query::Answer;
use crate::core::view::{Tab, ViewAction};
use std::rc::Rc;
use web_sys::HtmlInputElement;
use yew::prelude::*;

/// The loaded campaigns with a box each to compare it and a field to name it.
#[function_component]
fn Choice() -> Html {
    let state = use_context::<AppContext>().expect("Choice sits inside the app's state provider");
    let change = view_changer(&state);
    let loaded: Vec<String> = state.summaries.iter().map(|s| s.name.clone()).collect();
    let compare = &state.view.compare;
    let compared = compare.compared(&loaded);
    html! {
        <fieldset class="compare-choice">
            <legend>{"Campaigns compared, and the names they are shown under"}</legend>
            <ul>
            { for loaded.iter().enumerate().map(|(i, campaign)| {
                let picked = compared.contains(campaign);
                // Two campaigns are the least there is to compare.
                let locked = picked && compared.len() <= 2;
                let on_pick = {
                    let (change, loaded, compared, campaign) = (change.clone(), loaded.clone(), compared.clone(), campaign.clone());
                    Callback::from(move |e: Event| {
                        let on = e.target_unchecked_into::<HtmlInputElement>().checked();
                        let chosen = loaded.iter().filter(|c| if **c == campaign { on } else { compared.contains(c) }).cloned().collect();
                        change.emit(ViewAction::SetCompared(chosen));
                    })
                };
                let on_name = {
                    let (change, campaign) = (change.clone(), campaign.clone());
                    Callback::from(move |e: Event| {
                        let name = e.target_unchecked_into::<HtmlInputElement>().value();
                        change.emit(ViewAction::RenameCampaign { campaign: campaign.clone(), name });
                    })
                };
                let given = compare.names.get(campaign).cloned().unwrap_or_default();
                html! {
                    <li data-campaign={campaign.clone()}>
                        <label class="pick">
                            <input type="checkbox" id={format!("compare-pick-{i}")} checked={picked} disabled={locked} onchange={on_pick} />
                            <span class="id">{campaign}</span>
                        </label>
                        <label class="rename">{"Shown as "}
                            <input type="text" id={format!("compare-name-{i}")} value={given} placeholder={campaign.clone()} onchange={on_name} />
                        </label>
                    </li>
                }
            }) }
            </ul>
            <p class="muted">{"Two campaigns at least are compared; a name is kept in the link, and a blank one gives the campaign its own back."}</p>
        </fieldset>
    }
}

#[function_component]
pub fn CompareView() -> Html {
    let state = use_context::<AppContext>().expect("CompareView sits inside the app's state provider");
    let bridge = use_context::<BridgeContext>().expect("CompareView sits inside the worker provider");
    let change = view_changer(&state);
    let loaded: Vec<String> = state.summaries.iter().map(|s| s.name.clone()).collect();
    let compared = state.view.compare.compared(&loaded);
    let answer = use_state(|| None::<Rc<Answer>>);
    {
        let answer = answer.clone();
        use_effect_with((compared.clone(), state.generation), move |(compared, _)| {
            answer.set(None);
            let asked = match &*bridge {
                Ok(b) => Some(b.compare(compared.clone(), Callback::from(move |a| answer.set(Some(Rc::new(a)))))),
                Err(_) => None,
            };
            move || {
                if let (Ok(b), Some(job)) = (&*bridge, asked) {
                    b.forget(job);
                }
            }
        });
    }
    use_effect_with((), |_| focus_by_id("compare-title"));
    let names: Vec<String> = compared.iter().map(|c| state.view.compare.display_name(c).to_string()).collect();
    let back = state.selected_summary().map(|s| s.name.clone()).unwrap_or_default();
    let body = match answer.as_deref() {
        Some(Answer::Compared(c)) => {
            let c = Rc::new((**c).clone());
            html! {
                <>
                <SideFigures compared={c.clone()} names={names.clone()} />
                <h3 class="compare-part">{"What they share"}</h3>
                { for c.comparison.pairs.iter().enumerate().map(|(i, _)| html! { <PairView compared={c.clone()} pair={i} /> }) }
                </>
            }
        }
        Some(Answer::Missing(why)) => html! { <p class="alert" role="alert">{why}</p> },
        _ => html! { <p class="muted" aria-busy="true">{"Comparing…"}</p> },
    };
    html! {
        <section class="compare" aria-labelledby="compare-title" data-campaigns={compared.join(" ")}>
            <div class="campaign-head">
                <h2 id="compare-title" tabindex="-1">{format!("Compare: {}", names.join(", "))}</h2>
                <button id="compare-back" class="button secondary" onclick={change.reform(|_: MouseEvent| ViewAction::OpenTab(Tab::Overview))}>
                    {format!("Back to {}", state.view.compare.display_name(&back))}
                </button>
            </div>
            <Choice />
            {body}
        </section>
    }
}
