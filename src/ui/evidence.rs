//! The tweets behind one edge of the network: each pair side by side, with
//! their times, how far apart they are, and what they share marked.

use super::accounts::short_id;
use super::app::{focus_if_lost, BridgeContext};
use super::state::{view_changer, AppContext};
use crate::core::coord::{EvidenceRow, Overview};
use crate::core::view::ViewAction;
use crate::worker::protocol::Coordination;
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct EvidencePanelProps {
    /// The job that computed the network.
    pub job: u32,
    pub overview: Rc<Overview>,
}

#[derive(Clone, PartialEq)]
enum Rows {
    Asking,
    Got(Rc<Vec<EvidenceRow>>),
    Failed(String),
}

#[function_component]
pub fn EvidencePanel(props: &EvidencePanelProps) -> Html {
    let state = use_context::<AppContext>().expect("the panel sits inside the app's state provider");
    let bridge = use_context::<BridgeContext>().expect("the panel sits inside the worker provider");
    let change = view_changer(&state);
    let rows = use_state(|| Rows::Asking);
    let o = &props.overview;
    let edge = state.view.network.edge.clone();
    let ends = edge.as_ref().and_then(|(a, b)| {
        let find = |id: &str| o.nodes.iter().position(|n| n.id == id);
        Some((find(a)?, find(b)?))
    });
    {
        let rows = rows.clone();
        let users = ends.map(|(a, b)| (o.nodes[a].user, o.nodes[b].user));
        use_effect_with((props.job, users), move |&(job, users)| {
            rows.set(Rows::Asking);
            let asked = match (&*bridge, users) {
                (Ok(b), Some((a, c))) => Some(b.evidence(
                    job,
                    a,
                    c,
                    Callback::from(move |event| match event {
                        Coordination::Evidence(got) => rows.set(Rows::Got(Rc::new(got))),
                        Coordination::Failed(why) => rows.set(Rows::Failed(why)),
                        _ => {}
                    }),
                )),
                _ => None,
            };
            let focus = asked.map(|_| focus_if_lost("evidence-title"));
            move || {
                drop(focus);
                if let (Ok(b), Some(job)) = (&*bridge, asked) {
                    b.drop_stream(job);
                }
            }
        });
    }
    let Some((a, b)) = ends else {
        return match edge {
            Some(_) => html! { <p class="muted">{"That pair of accounts is not an edge of this network."}</p> },
            None => html! {},
        };
    };
    let (a, b) = (&o.nodes[a], &o.nodes[b]);
    let close = change.reform(|_: MouseEvent| ViewAction::OpenEdge(None));
    let body = match &*rows {
        Rows::Asking => html! { <p class="muted" aria-busy="true">{"Finding the tweets…"}</p> },
        Rows::Failed(why) => html! { <p class="error" role="alert">{why}</p> },
        Rows::Got(rows) => html! {
            <div class="table-scroll">
                <table class="evidence-table" data-pairs={rows.len().to_string()}>
                    <thead><tr>
                        <th scope="col">{short_id(&a.label)}</th><th scope="col">{short_id(&b.label)}</th><th scope="col" class="num">{"Δt"}</th>
                    </tr></thead>
                    <tbody>
                        { for rows.iter().map(|r| html! {
                            <tr>
                                <td>{tweet(&r.source, &r.key)}</td>
                                <td>{tweet(&r.target, &r.key)}</td>
                                <td class="num">{format!("{} s", r.dt)}</td>
                            </tr>
                        }) }
                    </tbody>
                </table>
            </div>
        },
    };
    html! {
        <section class="evidence" aria-labelledby="evidence-title">
            <h3 id="evidence-title" tabindex="-1" dir="auto">
                {format!("The tweets behind {} and {}", short_id(&a.label), short_id(&b.label))}
            </h3>
            <p class="muted">{"Each row is a pair of tweets with the same key within the window; the key is marked where the text holds it."}</p>
            {body}
            <button onclick={close}>{"Close the tweets"}</button>
        </section>
    }
}

fn tweet(t: &crate::core::coord::EvidenceTweet, key: &str) -> Html {
    html! {
        <div class="evidence-tweet">
            <div class="muted"><time>{&t.time}</time>{" · "}<span class="id">{&t.id}</span>{" · "}{&t.campaign}</div>
            <p dir="auto">{marked(&t.text, key)}</p>
        </div>
    }
}

/// The text with the first occurrence of `key` (in any case) in a `<mark>`.
fn marked(text: &str, key: &str) -> Html {
    let (lower, needle) = (text.to_lowercase(), key.to_lowercase());
    // Only where lowercasing kept every byte where it was can the place be used.
    let same_places = lower.len() == text.len() && needle.len() == key.len();
    let found = (!key.is_empty() && same_places).then(|| lower.find(&needle)).flatten();
    match found {
        Some(at) if text.is_char_boundary(at) && text.is_char_boundary(at + key.len()) => html! {
            <>{&text[..at]}<mark>{&text[at..at + key.len()]}</mark>{&text[at + key.len()..]}</>
        },
        _ => html! { {text} },
    }
}
