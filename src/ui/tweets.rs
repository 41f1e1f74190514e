//! Tweet search over the worker's store, and the list of tweets it answers
//! with. Tweet text is data: shown as text, `dir="auto"`, links never fetched;
//! the words found are marked with `<mark>` around text nodes cut from it.

use super::accounts::short_id;
use super::format;
use super::hooks::use_answer;
use super::pager::Pager;
use super::state::{view_changer, AppContext};
use crate::core::query::{Answer, Mention, Query, TweetQuery, TweetRow, TweetSort};
use crate::core::store::TweetKind;
use crate::core::view::{Filter, ViewAction, ViewState};
use gloo::timers::callback::Timeout;
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

const PAGE: usize = 20;

fn sort_label(sort: TweetSort) -> &'static str {
    match sort {
        TweetSort::Newest => "newest first",
        TweetSort::Oldest => "oldest first",
        TweetSort::MostLiked => "most liked",
        TweetSort::MostRetweeted => "most retweeted",
    }
}

#[function_component]
pub fn TweetSearch() -> Html {
    let state = use_context::<AppContext>().expect("TweetSearch sits inside the app's state provider");
    let change = view_changer(&state);
    let typed = use_state(|| state.view.search.clone());
    {
        // Back and Forward change the view under the box: show what it holds.
        let typed = typed.clone();
        use_effect_with(state.view.search.clone(), move |text| typed.set(text.clone()));
    }
    let debounce = use_mut_ref(|| None::<Timeout>);
    let view = &state.view;
    let languages: Vec<String> =
        state.selected_summary().map(|s| s.top_languages.iter().map(|(l, _)| l.clone()).collect()).unwrap_or_default();
    let on_text = {
        let (change, typed) = (change.clone(), typed.clone());
        Callback::from(move |e: InputEvent| {
            let text = e.target_unchecked_into::<HtmlInputElement>().value();
            typed.set(text.clone());
            let change = change.clone();
            *debounce.borrow_mut() =
                Some(Timeout::new(250, move || change.emit(ViewAction::Narrow(Filter::Text, text))));
        })
    };
    let picked = |e: Event| e.target_unchecked_into::<HtmlSelectElement>().value();
    let on_language = change.reform(move |e: Event| ViewAction::Narrow(Filter::Language, picked(e)));
    let on_kind = change.reform(move |e: Event| {
        let value = picked(e);
        ViewAction::SetKind(TweetKind::ALL.into_iter().find(|k| k.name() == value))
    });
    let on_sort = change.reform(move |e: Event| {
        let value = picked(e);
        ViewAction::SortTweets(TweetSort::ALL.into_iter().find(|s| s.key() == value).unwrap_or_default())
    });
    let query = TweetQuery {
        text: view.search.clone(),
        account: view.search_account.clone(),
        mentions: view.mentions.clone(),
        language: view.language.clone(),
        kind: view.kind,
        hashtag: view.hashtag.clone(),
        range: view.range(),
        sort: view.tweet_sort,
        offset: 0,
        limit: PAGE,
        client: view.client.clone(),
        domain: view.domain.clone(),
    };
    html! {
        <section class="tweet-search" aria-label="Tweets">
            <div class="controls">
                <label>{"Search "}<input id="tweet-search" type="search" dir="auto" placeholder="words or \"a phrase\", any script" value={(*typed).clone()} oninput={on_text} /></label>
                <label>{"Language "}
                    <select id="tweet-language" onchange={on_language}>
                        <option value="" selected={view.language.is_none()}>{"any"}</option>
                        { for languages.iter().map(|l| html! { <option value={l.clone()} selected={view.language.as_ref() == Some(l)}>{l}</option> }) }
                    </select>
                </label>
                <label>{"Type "}
                    <select id="tweet-kind" onchange={on_kind}>
                        <option value="" selected={view.kind.is_none()}>{"any"}</option>
                        { for TweetKind::ALL.iter().map(|k| html! { <option value={k.name()} selected={view.kind == Some(*k)}>{k.name()}</option> }) }
                    </select>
                </label>
                <label>{"Order "}
                    <select id="tweet-sort" onchange={on_sort}>
                        { for TweetSort::ALL.iter().map(|s| html! { <option value={s.key()} selected={view.tweet_sort == *s}>{sort_label(*s)}</option> }) }
                    </select>
                </label>
                { for Filter::ALL.into_iter().filter_map(|filter| chip(view, filter, &change)) }
            </div>
            <TweetList {query} />
        </section>
    }
}

/// The chip that shows a filter in force, with the × that drops it; the text
/// and the language have boxes of their own.
fn chip(view: &ViewState, filter: Filter, change: &Callback<ViewAction>) -> Option<Html> {
    let value = view.filter(filter);
    let (label, what) = match filter {
        _ if value.is_empty() => return None,
        Filter::Text | Filter::Language => return None,
        Filter::Hashtag => (format!("#{value}"), "hashtag"),
        Filter::Client => (format!("from {value}"), "client"),
        Filter::Domain => (format!("links to {value}"), "domain"),
        Filter::By => (format!("by {}", short_id(value)), "account"),
        Filter::Mentions => (format!("mentioning {}", short_id(value)), "mentions"),
    };
    let drop = change.reform(move |_: MouseEvent| ViewAction::Widen(filter));
    Some(html! {
        <span class="chip" id={format!("{what}-filter")} title={value.to_string()}>{label}
            <button class="link" aria-label={format!("Remove the {what} filter")} onclick={drop}>{"×"}</button>
        </span>
    })
}

#[derive(Properties, PartialEq)]
pub struct TweetListProps {
    pub query: TweetQuery,
}

/// A page of tweets matching `query`, newest first, with paging, and an
/// export of every tweet it matches.
#[function_component]
pub fn TweetList(props: &TweetListProps) -> Html {
    let state = use_context::<AppContext>().expect("TweetList sits inside the app's state provider");
    let bridge = use_context::<super::app::BridgeContext>().expect("TweetList sits inside the worker provider");
    let change = view_changer(&state);
    let offset = use_state(|| 0usize);
    {
        // A new question starts at its first page.
        let offset = offset.clone();
        use_effect_with(props.query.clone(), move |_| offset.set(0));
    }
    let answer = use_answer(Some(Query::Tweets(TweetQuery { offset: *offset, ..props.query.clone() })));
    let Some(Answer::Tweets(page)) = answer.as_deref() else {
        return html! { <p class="muted" aria-busy="true">{"Searching…"}</p> };
    };
    let narrow = |filter: Filter, text: &str| {
        let text = text.to_string();
        change.reform(move |_: MouseEvent| ViewAction::Narrow(filter, text.clone()))
    };
    let top = use_node_ref();
    let on_offset = Callback::from(move |at| offset.set(at));
    // The lower pager brings its next page into view from the top.
    let on_offset_below = {
        let (top, on_offset) = (top.clone(), on_offset.clone());
        Callback::from(move |at| {
            on_offset.emit(at);
            if let Some(list) = top.cast::<web_sys::Element>() {
                list.scroll_into_view();
            }
        })
    };
    let on_export = {
        let campaign = state.selected_summary().map(|s| s.name.clone()).unwrap_or_default();
        let query = props.query.clone();
        Callback::from(move |_: MouseEvent| {
            if let Ok(b) = &*bridge {
                // The worker writes the whole CSV, so that ids never pass through a JS number.
                let name = match &query.account {
                    Some(account) => format!("{campaign}_{}_tweets.csv", short_id(account)),
                    None => format!("{campaign}_tweets.csv"),
                };
                b.save(&campaign, Query::TweetsCsv(query.clone()), name);
            }
        })
    };
    let (back, forward) = match props.query.sort {
        TweetSort::Newest => ("Newer", "Older"),
        TweetSort::Oldest => ("Older", "Newer"),
        TweetSort::MostLiked | TweetSort::MostRetweeted => ("Previous", "Next"),
    };
    html! {
        <div class="tweet-list" ref={top}>
            <Pager id="tweets-count" offset={page.offset} shown={page.rows.len()} total={page.total} page={PAGE}
                noun="tweets" {back} {forward} {on_offset} counting={page.progress} />
            if page.total > 0 && page.progress.is_none() {
                <button class="button secondary tweets-export" onclick={on_export}>{"Export these tweets as CSV"}</button>
            }
            if page.progress.is_some() && page.rows.is_empty() {
                <p class="muted" id="tweets-searching" aria-busy="true">
                    {"Searching: the newest tweets that match show here as soon as they are found."}
                </p>
            } else if page.total == 0 {
                <p class="muted" id="tweets-none">{"No tweet matches every filter and word: remove one above to see more."}</p>
            }
            <ol class="tweets">
            { for page.rows.iter().map(|t| tweet(t, &narrow)) }
            </ol>
            if page.rows.len() > 1 {
                <Pager id="tweets-count-below" offset={page.offset} shown={page.rows.len()} total={page.total} page={PAGE}
                    noun="tweets" {back} {forward} on_offset={on_offset_below} counting={page.progress} />
            }
        </div>
    }
}

/// A filter of the tweets that a click sets: `narrow(Filter::Hashtag, "news")`.
type Narrow<'a> = dyn Fn(Filter, &str) -> Callback<MouseEvent> + 'a;

fn tweet(t: &TweetRow, narrow: &Narrow) -> Html {
    html! {
        <li class="tweet" data-tweet={t.id.clone()}>
            <div class="tweet-head">
                <button class="link" title={t.account.clone()} onclick={narrow(Filter::By, &t.account)}>
                    <bdi>{short_id(&t.screen_name)}</bdi>
                </button>
                <time>{&t.time}</time>
                <span class={classes!("badge", t.kind.name())}>{t.kind.name()}</span>
                <span class="muted">{format!("{} · {}", t.language, t.client)}</span>
            </div>
            <p class="tweet-text" dir="auto">{marked(&t.text, &t.marks)}</p>
            if !t.hashtags.is_empty() || !t.mentions.is_empty() || !t.urls.is_empty() {
                <div class="entities">
                    { for t.hashtags.iter().map(|h| html! {
                        <button class="chip tag" dir="auto" onclick={narrow(Filter::Hashtag, h)}>{format!("#{h}")}</button>
                    }) }
                    { for t.mentions.iter().map(|m| mention(m, narrow)) }
                    { for t.urls.iter().map(|u| html! { <span class="url" dir="auto" title="Links are shown, never opened or fetched">{u}</span> }) }
                </div>
            }
            <div class="tweet-foot muted">
                if let Some([likes, retweets, replies, quotes]) = t.engagement {
                    {format!("♥ {} · retweets {} · replies {} · quotes {} · ", format::count(u64::from(likes)), format::count(u64::from(retweets)), format::count(u64::from(replies)), format::count(u64::from(quotes)))}
                }
                if let Some(r) = &t.reference { {format!("refers to tweet {r} · ")} }
                {match (t.exact_id, t.id.is_empty()) {
                    (true, _) => format!("id {}", t.id),
                    (false, true) => "no tweet id in the file".to_string(),
                    (false, false) => format!("id {} (not exact in the file)", t.id),
                }}
            </div>
        </li>
    }
}

/// `text` as text nodes, with the byte ranges in `marks` inside `<mark>`.
/// Ranges that are not on character boundaries (they always are) are shown unmarked.
fn marked(text: &str, marks: &[(usize, usize)]) -> Html {
    let mut parts: Vec<Html> = Vec::with_capacity(2 * marks.len() + 1);
    let mut at = 0;
    for &(start, end) in marks {
        let (Some(before), Some(found)) = (text.get(at..start), text.get(start..end)) else { continue };
        parts.push(html! { {before} });
        parts.push(html! { <mark>{found}</mark> });
        at = end;
    }
    parts.push(html! { {text.get(at..).unwrap_or_default()} });
    parts.into_iter().collect()
}

/// A mentioned account: its tweets where the campaign has it, and always the
/// tweets that mention it.
fn mention(m: &Mention, narrow: &Narrow) -> Html {
    let named = m.label != m.id;
    html! {
        <span class="mention-group" data-mention={m.id.clone()}>
            <button class="chip mention" dir="auto" title={format!("Tweets that mention {}", m.id)}
                onclick={narrow(Filter::Mentions, &m.id)}>
                {format!("@{}", short_id(&m.label))}
                if named { <span class="mention-id muted">{format!(" {}", short_id(&m.id))}</span> }
            </button>
            if m.in_campaign {
                <button class="link mention-by" title={format!("Tweets by {}", m.id)}
                    onclick={narrow(Filter::By, &m.id)}>{"tweets by"}</button>
            }
        </span>
    }
}
