//! The guided lesson on the page: the step's sentence with Back and Next
//! (`core::lesson` holds the steps), and the marks that point at each
//! step's evidence in the view the step opens.

use super::state::{view_changer, AppContext};
use crate::core::lesson::{self, Evidence};
use crate::core::view::ViewAction;
use yew::prelude::*;

/// The evidence the view should point at now, if a lesson step is shown.
pub fn evidence(state: &AppContext) -> Option<Evidence> {
    state.view.lesson_step().map(|(_, step)| step.evidence)
}

/// Scrolls the element to the top of the screen, below the lesson's step
/// (its `scroll-margin-top`), when it starts to be the lesson's evidence, so
/// that the class sees what the sentence names.
#[hook]
pub fn use_scroll_to(node: NodeRef, marked: bool) {
    use_effect_with(marked, move |marked| {
        let scroll = move || {
            if let Some(el) = node.cast::<web_sys::Element>() {
                let options = web_sys::ScrollIntoViewOptions::new();
                options.set_block(web_sys::ScrollLogicalPosition::Start);
                el.scroll_into_view_with_scroll_into_view_options(&options);
            }
        };
        // Now, and again once the charts above it have drawn and moved it down.
        let again = marked.then(|| {
            scroll();
            gloo::timers::callback::Timeout::new(SETTLE_MS, scroll)
        });
        move || drop(again)
    });
}

/// How long the charts of a view take to draw after it opens, near enough.
const SETTLE_MS: u32 = 400;

/// What the e2e tests and the styles read of a step's evidence.
fn evidence_data(evidence: Evidence) -> (Option<String>, Option<String>, Option<String>, Option<String>) {
    match evidence {
        Evidence::CreationBatch => (None, None, None, None),
        Evidence::CoRetweetCluster { accounts } => (Some(accounts.to_string()), None, None, None),
        Evidence::OfficeHours { utc_offset, hours: (first, last) } => {
            (None, None, Some(utc_offset.to_string()), Some(format!("{first}-{last}")))
        }
        Evidence::HashtagPush { hashtag } => (None, Some(hashtag.to_string()), None, None),
    }
}

/// The step shown: its number, title and sentence, and the way on.
#[function_component]
pub fn LessonPanel() -> Html {
    let state = use_context::<AppContext>().expect("LessonPanel sits inside the app's state provider");
    let change = view_changer(&state);
    let Some((index, step)) = state.view.lesson_step() else { return html! {} };
    let count = lesson::steps().len();
    let back = change.reform(move |_: MouseEvent| ViewAction::OpenLesson(index.saturating_sub(1)));
    let next = change.reform(move |_: MouseEvent| ViewAction::OpenLesson(index + 1));
    let end = change.reform(|_: MouseEvent| ViewAction::CloseLesson);
    let (accounts, hashtag, offset, hours) = evidence_data(step.evidence);
    html! {
        <aside class="lesson" aria-labelledby="lesson-title" data-step={(index + 1).to_string()}
            data-evidence={step.evidence.key()} data-accounts={accounts} data-hashtag={hashtag}
            data-offset={offset} data-hours={hours}>
            <p class="lesson-count">{format!("Lesson, step {} of {count}", index + 1)}</p>
            <h3 id="lesson-title">{step.title}</h3>
            <p class="lesson-sentence" aria-live="polite">{step.sentence.clone()}</p>
            <div class="lesson-actions">
                <button id="lesson-back" class="button secondary" onclick={back} disabled={index == 0}>{"Back"}</button>
                if index + 1 < count {
                    <button id="lesson-next" class="button primary" onclick={next}>{"Next"}</button>
                }
                <button id="lesson-end" class="button secondary" onclick={end}>
                    {if index + 1 < count { "End the lesson" } else { "Finish" }}
                </button>
            </div>
        </aside>
    }
}

/// Starts the lesson on its sample, once the sample is the campaign shown.
#[function_component]
pub fn StartLesson() -> Html {
    let state = use_context::<AppContext>().expect("StartLesson sits inside the app's state provider");
    let start = view_changer(&state).reform(|_: MouseEvent| ViewAction::OpenLesson(0));
    let on_sample = state.view.campaign.as_deref() == Some(lesson::SAMPLE);
    if !on_sample || state.view.lesson.is_some() {
        return html! {};
    }
    html! { <button id="lesson-start" class="button secondary" onclick={start}>{"Start the lesson"}</button> }
}
