//! Renders its children one task later, so that a large view is drawn in two
//! main-thread tasks instead of one long one.

use gloo::timers::callback::Timeout;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct DeferredProps {
    pub children: Html,
}

#[function_component]
pub fn Deferred(props: &DeferredProps) -> Html {
    let shown = use_state(|| false);
    {
        let shown = shown.clone();
        use_effect_with((), move |_| {
            let timeout = Timeout::new(0, move || shown.set(true));
            move || drop(timeout)
        });
    }
    if *shown {
        props.children.clone()
    } else {
        html! {}
    }
}
