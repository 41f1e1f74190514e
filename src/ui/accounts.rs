//! The account table: one row per account, sortable by any column, filterable
//! by text, paged by the worker, exportable as CSV.

use super::campaign_view::view_changer;
use super::format;
use super::hooks::use_answer;
use super::pager::Pager;
use super::state::AppContext;
use crate::core::query::{AccountColumn, AccountQuery, AccountRow, Answer, Query};
use crate::core::view::Tab;
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
fn download(name: &str, text: &str, mime: &str) {
    let parts = js_sys::Array::of1(&text.into());
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options) else { return };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else { return };
    if let Some(a) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.create_element("a").ok())
        .and_then(|a| a.dyn_into::<web_sys::HtmlAnchorElement>().ok())
    {
        a.set_href(&url);
        a.set_download(name);
        a.click();
    }
    let _ = web_sys::Url::revoke_object_url(&url);
}

#[function_component]
pub fn AccountTable() -> Html {
    let state = use_context::<AppContext>().expect("AccountTable sits inside the app's state provider");
    let bridge = use_context::<super::app::BridgeContext>().expect("AccountTable sits inside the worker provider");
    let change = view_changer(&state);
    let offset = use_state(|| 0usize);
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
                change.emit(Box::new(move |v| v.accounts_filter = text));
            }));
        })
    };
    let on_export = {
        let (bridge, campaign) = (bridge.clone(), state.selected_summary().map(|s| s.name.clone()).unwrap_or_default());
        Callback::from(move |_: MouseEvent| {
            if let Ok(b) = &*bridge {
                let name = format!("{campaign}_accounts.csv");
                b.ask(
                    &campaign,
                    Query::AccountsCsv(query.clone()),
                    Callback::from(move |a| {
                        if let Answer::Csv(text) = a {
                            download(&name, &text, "text/csv;charset=utf-8");
                        }
                    }),
                );
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
                    change.emit(Box::new(move |v| {
                        v.accounts_descending = if v.accounts_sort == column { !v.accounts_descending } else { !matches!(column, AccountColumn::DisplayName | AccountColumn::ScreenName | AccountColumn::Language | AccountColumn::Client) };
                        v.accounts_sort = column;
                    }))
                })}>{label}{arrow}</button>
            </th>
        }
    };
    let open_account = |row: &AccountRow| {
        let change = change.clone();
        let id = row.id.clone();
        Callback::from(move |_: MouseEvent| {
            let id = id.clone();
            change.emit(Box::new(move |v| {
                v.account = Some(id);
                v.tab = Tab::Account;
            }))
        })
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
            <div class="table-scroll">
                <table class="account-table" data-total={page.as_ref().map(|p| p.total.to_string())}>
                    <thead><tr>{ for COLUMNS.iter().map(|(c, l)| sort_button(*c, l)) }</tr></thead>
                    <tbody>
                    { for page.iter().flat_map(|p| p.rows.iter()).map(|r| html! {
                        <tr data-account={r.id.clone()}>
                            <td dir="auto">
                                <button class="link" onclick={open_account(r)} title={format!("Open the page of {}", r.id)}>{short_id(&r.display_name)}</button>
                            </td>
                            <td dir="auto" title={r.screen_name.clone()}>
                                <span class="id">{short_id(&r.screen_name)}</span>
                                if r.screen_name.chars().count() > 16 {
                                    <CopyButton text={r.screen_name.clone()} />
                                }
                            </td>
                            <td class="num">{format::count(u64::from(r.followers))}</td>
                            <td class="num">{format::count(u64::from(r.following))}</td>
                            <td>{r.created.clone().unwrap_or_default()}</td>
                            <td class="nowrap">{r.first_tweet.clone().unwrap_or_default()}</td>
                            <td class="nowrap">{r.last_tweet.clone().unwrap_or_default()}</td>
                            <td class="num" data-tweets={r.tweets.to_string()}>{format::count(r.tweets)}</td>
                            <td class="num">{if r.tweets > 0 { format::percent(r.retweets, r.tweets) } else { String::new() }}</td>
                            <td>{&r.language}</td>
                            <td>{&r.client}</td>
                        </tr>
                    }) }
                    </tbody>
                </table>
            </div>
            { pager.unwrap_or_default() }
        </section>
    }
}

#[derive(Properties, PartialEq)]
pub struct CopyButtonProps {
    pub text: AttrValue,
}

/// Copies a full hashed id to the clipboard.
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
        <button class="link copy" {onclick} aria-label={format!("Copy {}", props.text)}>{ if *copied { "copied" } else { "copy" } }</button>
    }
}
