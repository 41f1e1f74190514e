//! A top-N list as horizontal bars, with the exact figures in a table.

use super::format;
use crate::core::summary::Ranking;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct RankedListProps {
    pub title: AttrValue,
    pub items: Ranking,
    /// What the counts count, for the table header.
    #[prop_or(AttrValue::Static("Tweets"))]
    pub unit: AttrValue,
}

#[function_component]
pub fn RankedList(props: &RankedListProps) -> Html {
    let top = props.items.first().map_or(1, |(_, n)| (*n).max(1));
    html! {
        <section class="card ranked" aria-label={props.title.clone()}>
            <h3>{props.title.clone()}</h3>
            if props.items.is_empty() {
                <p class="muted">{"None in these files."}</p>
            } else {
                <table>
                    <thead class="visually-hidden"><tr><th scope="col">{"Name"}</th><th scope="col">{props.unit.clone()}</th></tr></thead>
                    <tbody>
                    { for props.items.iter().map(|(label, n)| html! {
                        <tr>
                            <th scope="row" dir="auto" title={label.clone()}>
                                <span class="bar" style={format!("width:{:.1}%", 100.0 * *n as f64 / top as f64)} aria-hidden="true"></span>
                                <span class="label">{label}</span>
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
