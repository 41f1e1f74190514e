//! Asking the worker from a component: the latest answer to the latest question,
//! with stale answers dropped.

use super::app::BridgeContext;
use super::state::AppContext;
use crate::core::query::{Answer, Query};
use std::rc::Rc;
use yew::prelude::*;

/// The answer to `query` about the selected campaign, asked again whenever the
/// query or the loaded data changes; `None` until the first answer.
#[hook]
pub fn use_answer(query: Option<Query>) -> Option<Rc<Answer>> {
    let state = use_context::<AppContext>().expect("views sit inside the app's state provider");
    let bridge = use_context::<BridgeContext>().expect("views sit inside the worker provider");
    let answer = use_state(|| None::<Rc<Answer>>);
    let campaign = state.selected_summary().map(|s| s.name.clone());
    {
        let answer = answer.clone();
        use_effect_with((campaign, query, state.generation), move |(campaign, query, _)| {
            let asked = match (&*bridge, campaign, query) {
                (Ok(b), Some(c), Some(q)) => {
                    Some(b.ask(c, q.clone(), Callback::from(move |a| answer.set(Some(Rc::new(a))))))
                }
                _ => None,
            };
            // A newer question or leaving the view makes this answer stale.
            move || {
                if let (Ok(b), Some(job)) = (&*bridge, asked) {
                    b.forget(job);
                }
            }
        });
    }
    (*answer).clone()
}
