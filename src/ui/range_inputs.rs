//! The From and To boxes of the date range. Typed text is applied when it is
//! committed (change, Enter), not per keystroke (a date input's change fires
//! per keystroke, so these are text boxes); both ends at once; an empty end
//! is open; what is wrong is said beside the boxes, not guessed right.

use super::state::{view_changer, AppContext};
use crate::core::view::{check_range, ViewAction};
use web_sys::HtmlInputElement;
use yew::prelude::*;

#[function_component]
pub fn RangeInputs() -> Html {
    let state = use_context::<AppContext>().expect("RangeInputs sits inside the app's state provider");
    let change = view_changer(&state);
    let view_ends = (state.view.from.clone().unwrap_or_default(), state.view.to.clone().unwrap_or_default());
    let (from_box, to_box) = (use_node_ref(), use_node_ref());
    // What the boxes hold: Yew writes `value` back on every render, so typed
    // text lives here until it is applied or the view's range changes.
    let typed = use_state(|| view_ends.clone());
    let problem = use_state(|| None::<String>);
    {
        // A click on the chart, "Show all dates", Back, a link: the boxes show
        // the range in force, and what is wrong with it.
        let (typed, problem) = (typed.clone(), problem.clone());
        use_effect_with(view_ends.clone(), move |ends| {
            typed.set(ends.clone());
            problem.set(check_range(&ends.0, &ends.1).err());
        });
    }
    // The boxes are read from the page, not from the state of an earlier render.
    let boxes = {
        let (from_box, to_box) = (from_box.clone(), to_box.clone());
        move || {
            let text = |r: &NodeRef| r.cast::<HtmlInputElement>().map(|i| i.value()).unwrap_or_default();
            (text(&from_box), text(&to_box))
        }
    };
    let on_input = {
        let (typed, boxes) = (typed.clone(), boxes.clone());
        Callback::from(move |_: InputEvent| typed.set(boxes()))
    };
    let apply = {
        let problem = problem.clone();
        Callback::from(move |()| {
            let (from, to) = boxes();
            match check_range(&from, &to) {
                Ok((from, to)) => {
                    problem.set(None);
                    change.emit(ViewAction::SetRange { from, to });
                }
                Err(why) => problem.set(Some(why)),
            }
        })
    };
    let on_change = {
        let apply = apply.clone();
        Callback::from(move |_: Event| apply.emit(()))
    };
    let on_key = Callback::from(move |e: KeyboardEvent| {
        if e.key() == "Enter" {
            apply.emit(());
        }
    });
    let invalid = problem.is_some().then_some("true");
    html! {
        <>
            <label>{"From "}<input id="range-from" type="text" inputmode="numeric" placeholder="YYYY-MM-DD" size="11"
                aria-invalid={invalid} aria-describedby="range-problem" ref={from_box} value={typed.0.clone()}
                oninput={on_input.clone()} onchange={on_change.clone()} onkeydown={on_key.clone()} /></label>
            <label>{"to "}<input id="range-to" type="text" inputmode="numeric" placeholder="YYYY-MM-DD" size="11"
                aria-invalid={invalid} aria-describedby="range-problem" ref={to_box} value={typed.1.clone()}
                oninput={on_input} onchange={on_change} onkeydown={on_key} /></label>
            <span id="range-problem" class="range-problem" role="status">{(*problem).clone().unwrap_or_default()}</span>
        </>
    }
}
