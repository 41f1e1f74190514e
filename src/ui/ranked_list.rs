//! A top-N list as horizontal bars, with the exact figures in a table; each
//! label may open the tweets it counts.

use super::format;
use super::help::Help;
use crate::core::summary::Ranking;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct RankedListProps {
    pub title: AttrValue,
    pub items: Ranking,
    /// What the counts count, for the table header.
    #[prop_or(AttrValue::Static("Tweets"))]
    pub unit: AttrValue,
    /// Opens the tweets of a label; the `(blank)` row has none to open.
    #[prop_or_default]
    pub on_pick: Option<Callback<String>>,
    /// A glossary term the list's labels use (`core::glossary`), explained beside the title.
    #[prop_or_default]
    pub term: Option<&'static str>,
}

#[function_component]
pub fn RankedList(props: &RankedListProps) -> Html {
    let top = props.items.first().map_or(1, |(_, n)| (*n).max(1));
    let label = |label: &String| match &props.on_pick {
        Some(pick) if label != "(blank)" => {
            let (pick, value) = (pick.clone(), label.clone());
            html! {
                <button class="label link" onclick={Callback::from(move |_: MouseEvent| pick.emit(value.clone()))}
                    title={format!("Show the tweets of {label}")}>{label}</button>
            }
        }
        _ => html! { <span class="label">{label}</span> },
    };
    html! {
        <section class="card ranked" aria-label={props.title.clone()}>
            <div class="with-help">
                <h3>{props.title.clone()}</h3>
                if let Some(term) = props.term { <Help {term} /> }
            </div>
            if props.items.is_empty() {
                <p class="muted">{"None in these files."}</p>
            } else {
                <table>
                    <thead class="visually-hidden"><tr><th scope="col">{"Name"}</th><th scope="col">{props.unit.clone()}</th></tr></thead>
                    <tbody>
                    { for props.items.iter().map(|(name, n)| html! {
                        <tr data-count={n.to_string()}>
                            <th scope="row" dir="auto" title={name.clone()}>
                                <span class="bar" style={format!("width:{:.1}%", 100.0 * *n as f64 / top as f64)} aria-hidden="true"></span>
                                {label(name)}
                            </th>
                            <td class="num">{format::count(*n)}</td>
                        </tr>
                    }) }
                    </tbody>
                </table>
            }
        </section>
    }
}
