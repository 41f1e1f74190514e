//! The page's keys: `p` enters and leaves presentation mode, Escape leaves
//! it, and while presenting the Left and Right arrows step through the
//! campaign's tabs. None fires while the person types in a field, with a
//! modifier held, or where a control has used the key already (a chart's
//! arrows, the tabs' own, a tooltip's Escape).

use super::state::{Action, AppContext};
use crate::core::view::ViewAction;
use gloo::events::EventListener;
use wasm_bindgen::JsCast;
use web_sys::{HtmlElement, KeyboardEvent};
use yew::prelude::*;

/// Whether the key went to a place that takes typing.
fn typing(e: &KeyboardEvent) -> bool {
    let Some(target) = e.target().and_then(|t| t.dyn_into::<HtmlElement>().ok()) else { return false };
    matches!(target.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT") || target.is_content_editable()
}

/// The action a key asks for, with presentation mode `present` and a campaign `shown`.
fn action(key: &str, present: bool, shown: bool) -> Option<ViewAction> {
    match key {
        "p" | "P" if shown => Some(ViewAction::Present(!present)),
        "Escape" if present => Some(ViewAction::Present(false)),
        "ArrowRight" if present && shown => Some(ViewAction::StepTab { forward: true }),
        "ArrowLeft" if present && shown => Some(ViewAction::StepTab { forward: false }),
        _ => None,
    }
}

/// Listens for the page's keys on the document, after every control has had them.
#[hook]
pub fn use_shortcuts(state: &AppContext) {
    let present = state.view.present;
    let shown = state.selected_summary().is_some() && !state.view.glossary;
    let dispatcher = state.dispatcher();
    use_effect_with((present, shown), move |&(present, shown)| {
        let listener = web_sys::window().and_then(|w| w.document()).map(|document| {
            EventListener::new(&document, "keydown", move |event| {
                let Some(e) = event.dyn_ref::<KeyboardEvent>() else { return };
                if e.default_prevented() || e.ctrl_key() || e.meta_key() || e.alt_key() || typing(e) {
                    return;
                }
                if let Some(action) = action(&e.key(), present, shown) {
                    e.prevent_default();
                    dispatcher.dispatch(Action::View(action));
                }
            })
        });
        move || drop(listener)
    });
}
