//! A campaign's overview: headline figures and the breakdowns every report on
//! these releases shows.

use super::accounts::CopyButton;
use super::charts::{BarChart, Heatmap};
use super::deferred::Deferred;
use super::format;
use super::help::Help;
use super::hooks::use_answer;
use super::ranked_list::RankedList;
use super::state::{view_changer, AppContext};
use crate::core::query::{Answer, Query};
use crate::core::summary::{continuous_months, Summary};
use crate::core::view::{Filter, ViewAction};
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct OverviewProps {
    pub summary: Rc<Summary>,
}

#[derive(Properties, PartialEq)]
struct FiguresProps {
    summary: Rc<Summary>,
    /// The files hold no tweets at all (a users file alone): tweet figures are absent.
    users_only: bool,
}

/// One headline figure, its exact value in `data-value` for tests and copying.
pub fn metric(name: &'static str, label: &str, value: String, shown: String) -> Html {
    explained_metric(name, label, value, shown, None)
}

/// A headline figure whose label is a glossary term, explained beside it.
fn explained_metric(name: &'static str, label: &str, value: String, shown: String, term: Option<&'static str>) -> Html {
    html! {
        <div class="metric" data-metric={name} data-value={value}>
            <dt>{label}if let Some(term) = term { <Help {term} /> }</dt>
            <dd>{shown}</dd>
        </div>
    }
}

pub fn count_metric(name: &'static str, label: &str, n: u64) -> Html {
    metric(name, label, n.to_string(), format::count(n))
}

/// A figure the files cannot give: a dash, the count behind it kept in `data-value`.
fn absent_metric(name: &'static str, label: &str, value: String) -> Html {
    metric(name, label, value, "—".to_string())
}

/// The campaign's summary, or with a date range in force, the summary of that range.
#[function_component]
pub fn Overview(props: &OverviewProps) -> Html {
    let state = use_context::<AppContext>().expect("Overview sits inside the app's state provider");
    let range = state.view.range();
    let answer = use_answer(range.map(|range| Query::Summary { range: Some(range) }));
    let users_only = props.summary.tweets == 0;
    match (range, answer.as_deref()) {
        (None, _) => html! { <Figures summary={props.summary.clone()} {users_only} /> },
        (Some(_), Some(Answer::Summary(s))) => html! { <Figures summary={Rc::new((**s).clone())} {users_only} /> },
        (Some(_), _) => html! { <p class="muted" aria-busy="true">{"Counting…"}</p> },
    }
}

#[function_component]
fn Figures(props: &FiguresProps) -> Html {
    let state = use_context::<AppContext>().expect("Figures sits inside the app's state provider");
    let change = view_changer(&state);
    // A list's label opens the Tweets tab with only the tweets it counts.
    let pick = |filter: Filter, text: fn(String) -> String| {
        Some(change.reform(move |label: String| ViewAction::ShowOnly(filter, text(label))))
    };
    let s = &props.summary;
    let tweet_metric = |name: &'static str, label: &str, n: u64, term: Option<&'static str>| {
        let shown = if props.users_only { "—".to_string() } else { format::count(n) };
        explained_metric(name, label, n.to_string(), shown, term)
    };
    let time_metric = |name: &'static str, label: &str, t: &Option<String>| match t {
        None => absent_metric(name, label, String::new()),
        Some(t) => metric(name, label, t.clone(), t.clone()),
    };
    let months = continuous_months(&s.tweets_per_month);
    let creations = continuous_months(&s.account_creations_per_month);
    html! {
        <section class="overview" data-campaign={s.name.clone()} aria-label={format!("Overview of {}", s.name)}>
            <dl class="metrics">
                { count_metric("accounts", "Accounts", s.accounts) }
                { tweet_metric("tweets", "Tweets", s.tweets, None) }
                { tweet_metric("retweets", "Retweets", s.retweets, None) }
                { tweet_metric("replies", "Replies", s.replies, None) }
                { tweet_metric("quotes", "Quotes", s.quotes, Some("quote-reply")) }
                { time_metric("first-tweet", "First tweet (UTC)", &s.first_tweet) }
                { time_metric("last-tweet", "Last tweet (UTC)", &s.last_tweet) }
                { explained_metric("rejected-rows", "Rejected rows", s.rejected_rows.to_string(), format::count(s.rejected_rows), Some("rejected-row")) }
            </dl>
            <p><CopyButton text={s.figures_table()} label={AttrValue::from("Copy figures")} />
                <span class="muted">{" as a small table, for a slide or a spreadsheet"}</span></p>
            <p class="muted">
                if props.users_only {
                    {format!("These files hold {} accounts and no tweets: load the campaign's tweets file for its tweets, timeline, languages, clients, hashtags, links, mentions and retweets. {} of the accounts have hashed ids", format::count(s.accounts), format::count(s.hashed_accounts))}<Help term="hashed-id" />{"."}
                } else {
                    {format!("{} of the accounts tweeted in these files; {} have hashed ids", format::count(s.accounts_with_tweets), format::count(s.hashed_accounts))}<Help term="hashed-id" />{"."}
                }
                if s.duplicate_tweets > 0 { {format!(" {} rows repeated a tweet already read and were counted once.", format::count(s.duplicate_tweets))} }
                if s.inexact_ids > 0 { {format!(" {} tweet ids had been turned into rounded numbers by a spreadsheet.", format::count(s.inexact_ids))} }
            </p>
            if !s.rejections.is_empty() {
                <details class="rejections">
                    <summary>{format!("Why rows were rejected (first {} of {})", s.rejections.len(), format::count(s.rejected_rows))}</summary>
                    <ul>{ for s.rejections.iter().map(|r| html! { <li>{r.to_string()}</li> }) }</ul>
                </details>
            }
            // The cards are drawn one a frame, after the figures (see `Deferred`).
            if !months.is_empty() {
                <Deferred><BarChart title="Tweets per month" points={months} unit="tweets" /></Deferred>
            }
            if !props.users_only {
            <div class="grid">
                <Deferred><RankedList title="Languages" items={s.top_languages.clone()} on_pick={pick(Filter::Language, |l| l)}
                    term={s.top_languages.iter().any(|(l, _)| l == "und").then_some("und")} /></Deferred>
                <Deferred><RankedList title="Clients" items={s.top_clients.clone()} on_pick={pick(Filter::Client, |c| c)} /></Deferred>
                <Deferred><RankedList title="Hashtags" items={s.top_hashtags.clone()} on_pick={pick(Filter::Hashtag, |tag| tag)} /></Deferred>
                <Deferred><RankedList title="Linked domains" items={s.top_domains.clone()} on_pick={pick(Filter::Domain, |d| d)} /></Deferred>
                // The text names mentioned and retweeted accounts by screen name (or hash).
                <Deferred><RankedList title="Most mentioned" items={s.top_mentioned.clone()} on_pick={pick(Filter::Text, |name| format!("@{name}"))} /></Deferred>
                <Deferred><RankedList title="Most retweeted" items={s.top_retweeted.clone()} on_pick={pick(Filter::Text, |name| format!("RT @{name}"))} /></Deferred>
            </div>
            }
            if !creations.is_empty() {
                <Deferred><BarChart title="Accounts created per month" points={creations} unit="accounts" /></Deferred>
            }
            if s.tweets > 0 {
                <Deferred><Heatmap title="Activity by weekday and hour" cells={s.hour_by_weekday.clone()} /></Deferred>
            }
        </section>
    }
}
