//! A campaign's overview: headline figures and the breakdowns every report on
//! these releases shows.

use super::charts::{BarChart, Heatmap};
use super::deferred::Deferred;
use super::format;
use super::hooks::use_answer;
use super::ranked_list::RankedList;
use super::state::AppContext;
use crate::core::query::{Answer, Query};
use crate::core::summary::{continuous_months, Summary};
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct OverviewProps {
    pub summary: Rc<Summary>,
}

/// One headline figure, its exact value in `data-value` for tests and copying.
fn metric(name: &'static str, label: &str, value: String, shown: String) -> Html {
    html! {
        <div class="metric" data-metric={name} data-value={value}>
            <dt>{label}</dt>
            <dd>{shown}</dd>
        </div>
    }
}

fn count_metric(name: &'static str, label: &str, n: u64) -> Html {
    metric(name, label, n.to_string(), format::count(n))
}

/// The campaign's summary, or with a date range in force, the summary of that range.
#[function_component]
pub fn Overview(props: &OverviewProps) -> Html {
    let state = use_context::<AppContext>().expect("Overview sits inside the app's state provider");
    let range = state.view.range();
    let answer = use_answer(range.map(|range| Query::Summary { range: Some(range) }));
    match (range, answer.as_deref()) {
        (None, _) => html! { <Figures summary={props.summary.clone()} /> },
        (Some(_), Some(Answer::Summary(s))) => html! { <Figures summary={Rc::new((**s).clone())} /> },
        (Some(_), _) => html! { <p class="muted" aria-busy="true">{"Counting…"}</p> },
    }
}

#[function_component]
fn Figures(props: &OverviewProps) -> Html {
    let s = &props.summary;
    let time = |t: &Option<String>| t.clone().unwrap_or_default();
    let months = continuous_months(&s.tweets_per_month);
    let creations = continuous_months(&s.account_creations_per_month);
    html! {
        <section class="overview" data-campaign={s.name.clone()} aria-label={format!("Overview of {}", s.name)}>
            <dl class="metrics">
                { count_metric("accounts", "Accounts", s.accounts) }
                { count_metric("tweets", "Tweets", s.tweets) }
                { count_metric("retweets", "Retweets", s.retweets) }
                { count_metric("replies", "Replies", s.replies) }
                { count_metric("quotes", "Quotes", s.quotes) }
                { metric("first-tweet", "First tweet (UTC)", time(&s.first_tweet), time(&s.first_tweet)) }
                { metric("last-tweet", "Last tweet (UTC)", time(&s.last_tweet), time(&s.last_tweet)) }
                { count_metric("rejected-rows", "Rejected rows", s.rejected_rows) }
            </dl>
            <p class="muted">
                {format!("{} of the accounts tweeted in these files; {} have hashed ids.", format::count(s.accounts_with_tweets), format::count(s.hashed_accounts))}
                if s.duplicate_tweets > 0 { {format!(" {} rows repeated a tweet already read and were counted once.", format::count(s.duplicate_tweets))} }
                if s.inexact_ids > 0 { {format!(" {} tweet ids had been turned into rounded numbers by a spreadsheet.", format::count(s.inexact_ids))} }
            </p>
            if !s.rejections.is_empty() {
                <details class="rejections">
                    <summary>{format!("Why rows were rejected (first {} of {})", s.rejections.len(), format::count(s.rejected_rows))}</summary>
                    <ul>{ for s.rejections.iter().map(|r| html! { <li>{r.to_string()}</li> }) }</ul>
                </details>
            }
            <Deferred>
            if !months.is_empty() {
                <BarChart title="Tweets per month" points={months} unit="tweets" />
            }
            <div class="grid">
                <RankedList title="Languages" items={s.top_languages.clone()} />
                <RankedList title="Clients" items={s.top_clients.clone()} />
                <RankedList title="Hashtags" items={s.top_hashtags.clone()} />
                <RankedList title="Linked domains" items={s.top_domains.clone()} />
                <RankedList title="Most mentioned" items={s.top_mentioned.clone()} />
                <RankedList title="Most retweeted" items={s.top_retweeted.clone()} />
            </div>
            if !creations.is_empty() {
                <BarChart title="Accounts created per month" points={creations} unit="accounts" />
            }
            if s.tweets > 0 {
                <Heatmap title="Activity by weekday and hour" cells={s.hour_by_weekday.clone()} />
            }
            </Deferred>
        </section>
    }
}
