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
    /// While the count is still growing: the share of the search done, 0 to 1.
    #[prop_or_default]
    pub counting: Option<f32>,
}

#[function_component]
pub fn Pager(props: &PagerProps) -> Html {
    let (at, page, total) = (props.offset, props.page, props.total);
    let back = props.on_offset.reform(move |_: MouseEvent| at.saturating_sub(page));
    let forward = props.on_offset.reform(move |_: MouseEvent| at + page);
    html! {
        <div class="pager">
            <button class="button secondary" disabled={at == 0} onclick={back}>{props.back.clone()}</button>
            <span id={props.id.clone()} data-total={total.to_string()} data-complete={props.counting.is_none().to_string()}>
                {match (props.counting, props.shown) {
                    (Some(_), 0) => format!("{} {} found so far", format::count(total as u64), props.noun),
                    (counting, shown) => format!("{}–{} of {}{} {}", format::count((at + 1).min(total) as u64), format::count((at + shown) as u64),
                        if counting.is_some() { "at least " } else { "" }, format::count(total as u64), props.noun),
                }}
                if let Some(share) = props.counting {
                    <span class="muted">{format!(" · counting, {:.0} % read", share * 100.0)}</span>
                }
            </span>
            <button class="button secondary" disabled={at + page >= total} onclick={forward}>{props.forward.clone()}</button>
        </div>
    }
}
