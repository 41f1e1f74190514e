//! The Report tab: a campaign's takedown report on one page, made to be read,
//! printed (static/style.css keeps each section on a page) and cited: the
//! headline, account creations and batches, how the accounts were used, what
//! their profiles give away, hashtag bursts and coordination.

use super::format;
use super::hooks::use_answer;
use super::lesson;
use super::overview::{count_metric, metric};
use super::report_creation::CreationSection;
use super::report_figures::{ProfileFigures, UsageFigures};
use super::report_parts::Section;
use super::state::AppContext;
use crate::core::lesson::Evidence;
use crate::core::query::{Answer, Query};
use crate::core::report::Headline;
use crate::core::view::{Tab, ViewState};
use std::rc::Rc;
use yew::prelude::*;

fn headline(h: &Headline) -> Html {
    let time = |name: &'static str, label: &str, t: &Option<String>| {
        let t = t.clone().unwrap_or_default();
        metric(name, label, t.clone(), if t.is_empty() { "—".into() } else { t })
    };
    let mean = format!("{:.2}", h.mean_tweets_per_account);
    html! {
        <Section id="headline" title="Headline"
            method="Accounts: each account once, from the users file or, without one, its first tweet. Tweets: each tweet once by its id, however many files repeat it. Tweets per account are over the accounts that tweeted. Times are UTC.">
            <dl class="metrics">
                { count_metric("accounts", "Accounts", h.accounts) }
                { count_metric("accounts-with-tweets", "Accounts that tweeted", h.accounts_with_tweets) }
                { count_metric("tweets", "Tweets", h.tweets) }
                { metric("mean-tweets-per-account", "Tweets per account, mean", mean.clone(), mean) }
                { metric("median-tweets-per-account", "Tweets per account, median", h.median_tweets_per_account.to_string(), h.median_tweets_per_account.to_string()) }
                { time("first-tweet", "First tweet (UTC)", &h.first_tweet) }
                { time("last-tweet", "Last tweet (UTC)", &h.last_tweet) }
            </dl>
        </Section>
    }
}

/// The network the Coordination tab computed last, when it was for this
/// campaign alone; else where to compute one.
fn coordination(state: &AppContext, campaign: &str) -> Html {
    let shown = state.network.as_ref().map(|(_, o)| o).filter(|o| o.campaigns.len() == 1 && o.campaigns[0] == campaign);
    let to_tab = ViewState { tab: Tab::Coordination, ..state.view.clone() }.to_hash();
    let method = "Pairs of accounts that acted alike within the window, as the Coordination tab counts them (edges are pairs whose stronger direction reaches the least weight; nodes are the accounts in them). The report shows the network computed last, and only when it was for this campaign alone.";
    html! {
        <Section id="coordination" title="Coordination" {method}>
            if let Some(o) = shown {
                <dl class="metrics">
                    { count_metric("edges", "Edges", o.edges.len() as u64) }
                    { count_metric("nodes", "Nodes", o.nodes.len() as u64) }
                    { count_metric("components", "Components", o.components as u64) }
                    { count_metric("communities", "Communities", o.communities.len() as u64) }
                </dl>
                <p>{format!("{} within {} seconds, at least {} shared actions per pair (edge weight {} or more).",
                    o.settings.kind.name(), o.settings.window, o.settings.min_weight, o.threshold)}</p>
            } else {
                <p class="no-network">{"No co-action network has been computed for this campaign yet: "}
                    <a href={to_tab}>{"compute one in the Coordination tab"}</a>{"."}</p>
            }
        </Section>
    }
}

/// `YYYY-MM-DD`, today in UTC by the browser's clock.
fn today() -> String {
    String::from(js_sys::Date::new_0().to_iso_string()).chars().take(10).collect()
}

#[function_component]
pub fn ReportView() -> Html {
    let state = use_context::<AppContext>().expect("ReportView sits inside the app's state provider");
    let answer = use_answer(Some(Query::Report));
    let report = match answer.as_deref() {
        Some(Answer::Report(r)) => Rc::new((**r).clone()),
        Some(Answer::Missing(why)) => return html! { <p class="alert" role="alert">{why}</p> },
        _ => return html! { <p class="muted" aria-busy="true">{"Writing the report…"}</p> },
    };
    let campaign: AttrValue = report.headline.name.clone().into();
    let files = &state.view.files;
    let made = today();
    html! {
        <article class="report" data-campaign={campaign.clone()} aria-label={format!("Report on {campaign}")}>
            <h2 class="print-only">{format!("Takedown report: {campaign}")}</h2>
            { headline(&report.headline) }
            <CreationSection campaign={campaign.clone()} creations={Rc::new(report.creations.clone())}
                mark={lesson::evidence(&state) == Some(Evidence::CreationBatch)} />
            <UsageFigures campaign={campaign.clone()} report={report.clone()} />
            <ProfileFigures campaign={campaign.clone()} report={report.clone()} />
            { coordination(&state, &campaign) }
            <footer class="citation" data-date={made.clone()}>
                {format!(
                    "Takedown Explorer report on the {campaign} release, made {} from {} file{}: {}.",
                    made,
                    format::count(files.len() as u64),
                    if files.len() == 1 { "" } else { "s" },
                    files.join(", ")
                )}
            </footer>
        </article>
    }
}
