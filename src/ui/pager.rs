//! Previous and next page buttons around "51–100 of 926 accounts".

use super::format;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct PagerProps {
    /// `id` of the count, for tests and links.
    pub id: AttrValue,
    pub offset: usize,
    pub shown: usize,
    pub total: usize,
    pub page: usize,
    /// What is counted: "accounts", "tweets".
    pub noun: AttrValue,
    /// The buttons' words: ("Previous", "Next"), ("Newer", "Older").
    pub back: AttrValue,
    pub forward: AttrValue,
    pub on_offset: Callback<usize>,
}

#[function_component]
pub fn Pager(props: &PagerProps) -> Html {
    let (at, page, total) = (props.offset, props.page, props.total);
    let back = props.on_offset.reform(move |_: MouseEvent| at.saturating_sub(page));
    let forward = props.on_offset.reform(move |_: MouseEvent| at + page);
    html! {
        <div class="pager">
            <button class="button secondary" disabled={at == 0} onclick={back}>{props.back.clone()}</button>
            <span id={props.id.clone()} data-total={total.to_string()}>
                {format!("{}–{} of {} {}", format::count((at + 1).min(total) as u64), format::count((at + props.shown) as u64), format::count(total as u64), props.noun)}
            </span>
            <button class="button secondary" disabled={at + page >= total} onclick={forward}>{props.forward.clone()}</button>
        </div>
    }
}
