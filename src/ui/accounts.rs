//! The account table: one row per account, sortable by any column, filterable
//! by text, paged by the worker, exportable as CSV.

use super::format;
use super::help::Help;
use super::hooks::use_answer;
use super::pager::Pager;
use super::state::{view_changer, AppContext};
use crate::core::query::{AccountColumn, AccountQuery, AccountRow, Answer, Query};
use crate::core::view::ViewAction;
use gloo::events::EventListener;
use gloo::timers::callback::Timeout;
use wasm_bindgen::JsCast;
use web_sys::HtmlInputElement;
use yew::prelude::*;

const PAGE: usize = 50;

const COLUMNS: [(AccountColumn, &str); 11] = [
    (AccountColumn::DisplayName, "Display name"),
    (AccountColumn::ScreenName, "Screen name"),
    (AccountColumn::Followers, "Followers"),
    (AccountColumn::Following, "Following"),
    (AccountColumn::Created, "Created"),
    (AccountColumn::FirstTweet, "First tweet"),
    (AccountColumn::LastTweet, "Last tweet"),
    (AccountColumn::Tweets, "Tweets"),
    (AccountColumn::RetweetShare, "Retweets"),
    (AccountColumn::Language, "Language"),
    (AccountColumn::Client, "Client"),
];

/// A hashed id is 40–64 characters: shown shortened, whole on hover and copy.
pub fn short_id(id: &str) -> String {
    if id.chars().count() > 16 {
        format!("{}…", id.chars().take(10).collect::<String>())
    } else {
        id.to_string()
    }
}

/// Saves text as a file through a temporary object URL; nothing is sent anywhere.
pub fn download(name: &str, text: &str, mime: &str) {
    let parts = js_sys::Array::of1(&text.into());
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    if let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options) {
        download_blob(name, &blob);
    }
}

/// Saves a `Blob` (one the worker built, say) as a file.
pub fn download_blob(name: &str, blob: &web_sys::Blob) {
    let Ok(url) = web_sys::Url::create_object_url_with_blob(blob) else { return };
    download_url(name, &url);
    let _ = web_sys::Url::revoke_object_url(&url);
}

/// Saves what a URL of this page holds (an object or a `data:` URL) as a file.
pub fn download_url(name: &str, url: &str) {
    if let Some(a) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.create_element("a").ok())
        .and_then(|a| a.dyn_into::<web_sys::HtmlAnchorElement>().ok())
    {
        a.set_href(url);
        a.set_download(name);
        a.click();
    }
}

#[function_component]
pub fn AccountTable() -> Html {
    let state = use_context::<AppContext>().expect("AccountTable sits inside the app's state provider");
    let bridge = use_context::<super::app::BridgeContext>().expect("AccountTable sits inside the worker provider");
    let change = view_changer(&state);
    let offset = use_state(|| 0usize);
    // With a range: whether the accounts without a tweet in it are listed too.
    let without_tweets = use_state(|| false);
    let typed = use_state(|| state.view.accounts_filter.clone());
    {
        // Back and Forward change the view under the box: show what it holds.
        let typed = typed.clone();
        use_effect_with(state.view.accounts_filter.clone(), move |text| typed.set(text.clone()));
    }
    let debounce = use_mut_ref(|| None::<Timeout>);
    let view = &state.view;
    let query = AccountQuery {
        filter: view.accounts_filter.clone(),
        sort: view.accounts_sort,
        descending: view.accounts_descending,
        offset: *offset,
        limit: PAGE,
        range: view.range(),
        without_tweets: *without_tweets,
    };
    // A users file alone: the tweet figures are not in the files, not zero.
    let users_only = state.selected_summary().is_some_and(|s| s.tweets == 0);
    let absent = || html! { <span class="absent" title="Not in these files">{"—"}</span> };
    let or_absent = |text: &str| {
        if text.is_empty() {
            absent()
        } else {
            html! { text }
        }
    };
    let answer = use_answer(Some(Query::Accounts(query.clone())));
    let on_filter = {
        let (change, offset, typed) = (change.clone(), offset.clone(), typed.clone());
        Callback::from(move |e: InputEvent| {
            let text = e.target_unchecked_into::<HtmlInputElement>().value();
            typed.set(text.clone());
            let (change, offset) = (change.clone(), offset.clone());
            // Ask once typing pauses, not per keystroke.
            *debounce.borrow_mut() = Some(Timeout::new(150, move || {
                offset.set(0);
                change.emit(ViewAction::FilterAccounts(text));
            }));
        })
    };
    let on_export = {
        let (bridge, campaign) = (bridge.clone(), state.selected_summary().map(|s| s.name.clone()).unwrap_or_default());
        Callback::from(move |_: MouseEvent| {
            if let Ok(b) = &*bridge {
                let name = format!("{campaign}_accounts.csv");
                b.save(&campaign, Query::AccountsCsv(query.clone()), name);
            }
        })
    };
    let page = match answer.as_deref() {
        Some(Answer::Accounts(page)) => Some(page.clone()),
        _ => None,
    };
    let sort_button = |column: AccountColumn, label: &'static str| {
        let (change, offset) = (change.clone(), offset.clone());
        let active = view.accounts_sort == column;
        let descending = view.accounts_descending;
        let aria_sort = match (active, descending) {
            (false, _) => "none",
            (true, true) => "descending",
            (true, false) => "ascending",
        };
        let arrow = match (active, descending) {
            (false, _) => "",
            (true, true) => " ▼",
            (true, false) => " ▲",
        };
        html! {
            <th scope="col" aria-sort={aria_sort}>
                <button class="sort" data-sort={label} onclick={Callback::from(move |_: MouseEvent| {
                    offset.set(0);
                    change.emit(ViewAction::SortAccounts(column))
                })}>{label}{arrow}</button>
                if column == AccountColumn::RetweetShare { <Help term="retweet-share" /> }
            </th>
        }
    };
    let open_account = |row: &AccountRow| {
        let id = row.id.clone();
        change.reform(move |_: MouseEvent| ViewAction::OpenAccount(id.clone()))
    };
    let quiet_note = match page.as_ref() {
        Some(p) if view.range().is_some() && p.without_tweets > 0 => {
            let (shown, offset) = (*without_tweets, offset.clone());
            let toggle = {
                let without_tweets = without_tweets.clone();
                Callback::from(move |_: MouseEvent| {
                    offset.set(0);
                    without_tweets.set(!shown);
                })
            };
            let n = format::count(p.without_tweets as u64);
            let (sentence, button) = if shown {
                (format!("Listed with them: {n} accounts with no tweet in this range."), "Hide them")
            } else {
                (format!("{n} more accounts have no tweet in this range."), "Show them too")
            };
            html! {
                <p class="muted quiet-accounts" data-without-tweets={p.without_tweets.to_string()}>
                    {sentence}{" "}<button id="accounts-without-tweets" class="link" onclick={toggle}>{button}</button>
                </p>
            }
        }
        _ => html! {},
    };
    let pager = page.as_ref().map(|p| {
        let offset = offset.clone();
        html! {
            <Pager id="accounts-count" offset={p.offset} shown={p.rows.len()} total={p.total} page={PAGE}
                noun="accounts" back="Previous" forward="Next" on_offset={Callback::from(move |at| offset.set(at))} />
        }
    });
    html! {
        <section class="accounts" aria-label="Accounts">
            <div class="controls">
                <label>{"Find "}<input id="accounts-filter" type="search" placeholder="name, id, location, description" value={(*typed).clone()} oninput={on_filter} /></label>
                <button id="accounts-export" class="button secondary" onclick={on_export}>{"Export these rows as CSV"}</button>
            </div>
            { pager.clone().unwrap_or_default() }
            { quiet_note }
            <ScrollBox>
                <table class="account-table" data-total={page.as_ref().map(|p| p.total.to_string())}>
                    <thead><tr>{ for COLUMNS.iter().map(|(c, l)| sort_button(*c, l)) }</tr></thead>
                    <tbody>
                    { for page.iter().flat_map(|p| p.rows.iter()).map(|r| html! {
                        <tr data-account={r.id.clone()}>
                            <td dir="auto" class="name">
                                <button class="link" onclick={open_account(r)} title={r.display_name.clone()}>{&r.display_name}</button>
                            </td>
                            <td dir="auto" class="name" title={r.screen_name.clone()}>
                                <span class="id">{&r.screen_name}</span>
                                if r.screen_name.chars().count() > 16 {
                                    <CopyButton text={r.screen_name.clone()} />
                                }
                            </td>
                            <td class="num">{format::count(u64::from(r.followers))}</td>
                            <td class="num">{format::count(u64::from(r.following))}</td>
                            <td class="nowrap">{or_absent(r.created.as_deref().unwrap_or_default())}</td>
                            <td class="nowrap">{or_absent(r.first_tweet.as_deref().unwrap_or_default())}</td>
                            <td class="nowrap">{or_absent(r.last_tweet.as_deref().unwrap_or_default())}</td>
                            <td class="num" data-tweets={r.tweets.to_string()}>{if users_only { absent() } else { html! { format::count(r.tweets) } }}</td>
                            <td class="num">{if r.tweets > 0 { html! { format::percent(r.retweets, r.tweets) } } else { absent() }}</td>
                            <td>{or_absent(&r.language)}</td>
                            <td class="nowrap">{or_absent(&r.client)}</td>
                        </tr>
                    }) }
                    </tbody>
                </table>
            </ScrollBox>
            { pager.unwrap_or_default() }
        </section>
    }
}

#[derive(Properties, PartialEq)]
struct ScrollBoxProps {
    children: Html,
}

/// A box that scrolls sideways, and says so in words while its content is wider than it.
#[function_component]
fn ScrollBox(props: &ScrollBoxProps) -> Html {
    let node = use_node_ref();
    let wider = use_state_eq(|| false);
    let measure = {
        let (node, wider) = (node.clone(), wider.clone());
        move || {
            if let Some(element) = node.cast::<web_sys::Element>() {
                wider.set(element.scroll_width() > element.client_width());
            }
        }
    };
    {
        // After every render (the rows changed), and whenever the window is resized.
        let measure = measure.clone();
        use_effect(measure);
    }
    use_effect_with((), move |_| {
        let listener = web_sys::window().map(|w| EventListener::new(&w, "resize", move |_| measure()));
        move || drop(listener)
    });
    html! {
        <>
            <p class="scroll-hint" hidden={!*wider}>{"The table is wider than the page: scroll it sideways for more columns →"}</p>
            <div class="table-scroll" ref={node} data-wider={wider.to_string()}>{props.children.clone()}</div>
        </>
    }
}

#[derive(Properties, PartialEq)]
pub struct CopyButtonProps {
    pub text: AttrValue,
    /// What the button says; "copy" (and "Copy TEXT" to a screen reader) if none.
    #[prop_or_default]
    pub label: Option<AttrValue>,
}

/// Copies a text (a full hashed id, a campaign's figures) to the clipboard.
#[function_component]
pub fn CopyButton(props: &CopyButtonProps) -> Html {
    let copied = use_state(|| false);
    let onclick = {
        let (text, copied) = (props.text.clone(), copied.clone());
        Callback::from(move |_: MouseEvent| {
            if let Some(w) = web_sys::window() {
                let _ = w.navigator().clipboard().write_text(&text);
                copied.set(true);
            }
        })
    };
    html! {
        if let Some(label) = &props.label {
            <button type="button" class="copy-figures" {onclick}>{ if *copied { "Copied" } else { label.as_str() } }</button>
        } else {
            <button class="link copy" {onclick} aria-label={format!("Copy {}", props.text)}>{ if *copied { "copied" } else { "copy" } }</button>
        }
    }
}
