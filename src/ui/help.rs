//! A "?" beside a term of the glossary: a button that shows the term's
//! meaning as a tooltip while hovered or focused (and, on a touch screen,
//! once tapped); Escape hides it again.

use crate::core::glossary;
use std::cell::Cell;
use yew::prelude::*;

thread_local! {
    /// Numbers the tooltips, so that a term shown twice on one page has two ids.
    static NEXT: Cell<u32> = const { Cell::new(0) };
}

#[derive(Properties, PartialEq)]
pub struct HelpProps {
    /// A key of `core::glossary::TERMS`.
    pub term: &'static str,
}

#[function_component]
pub fn Help(props: &HelpProps) -> Html {
    let id = use_state(|| {
        NEXT.with(|n| {
            n.set(n.get() + 1);
            n.get()
        })
    });
    // Tapped open (a touch screen has no hover), or hidden by Escape.
    let pinned = use_state(|| false);
    let dismissed = use_state(|| false);
    let Some(term) = glossary::term(props.term) else { return html! {} };
    let tip = format!("tip-{}-{}", term.key, *id);
    let onclick = {
        let (pinned, dismissed) = (pinned.clone(), dismissed.clone());
        Callback::from(move |_: MouseEvent| {
            pinned.set(!*pinned);
            dismissed.set(false);
        })
    };
    let onkeydown = {
        let (pinned, dismissed) = (pinned.clone(), dismissed.clone());
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Escape" && !*dismissed {
                // Escape closes the tooltip, not presentation mode.
                e.stop_propagation();
                e.prevent_default();
                pinned.set(false);
                dismissed.set(true);
            }
        })
    };
    let reset = {
        let dismissed = dismissed.clone();
        Callback::from(move |_: FocusEvent| dismissed.set(false))
    };
    let unhover = {
        let dismissed = dismissed.clone();
        Callback::from(move |_: MouseEvent| dismissed.set(false))
    };
    let class = classes!("help", pinned.then_some("pinned"), dismissed.then_some("dismissed"));
    html! {
        <span {class} data-term={term.key} onmouseleave={unhover}>
            <button type="button" class="help-button" aria-describedby={tip.clone()}
                aria-label={format!("What is “{}”?", term.term)} {onclick} {onkeydown} onblur={reset}>{"?"}</button>
            <span role="tooltip" id={tip} class="tooltip"><strong>{term.term}</strong>{": "}{term.meaning}</span>
        </span>
    }
}
