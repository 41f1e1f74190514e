//! The compared campaigns side by side: headline figures in one table,
//! tweets per month overlaid (counts or each campaign's share), account
//! creations per month, and their languages and clients.

use super::format;
use super::line_chart::LineChart;
use super::state::{view_changer, AppContext};
use crate::core::report::Headline;
use crate::core::side_by_side::{Compared, Series, Table};
use crate::core::view::{Scale, ViewAction};
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct SideProps {
    pub compared: Rc<Compared>,
    /// The campaigns' names as shown, in the comparison's order.
    pub names: Vec<String>,
}

/// One figure of every campaign, each cell with `data-metric`,
/// `data-campaign` and its exact `data-value` as the overview's.
fn figure_row(
    label: &str,
    metric: &'static str,
    headlines: &[Headline],
    value: impl Fn(&Headline) -> (String, String),
) -> Html {
    html! {
        <tr>
            <th scope="row">{label}</th>
            { for headlines.iter().map(|h| {
                let (exact, shown) = value(h);
                html! { <td class="num" data-metric={metric} data-campaign={h.name.clone()} data-value={exact}>{shown}</td> }
            }) }
        </tr>
    }
}

fn headline_table(headlines: &[Headline], names: &[String]) -> Html {
    let count = |n: u64| (n.to_string(), format::count(n));
    let time = |t: &Option<String>| {
        let t = t.clone().unwrap_or_default();
        (t.clone(), if t.is_empty() { "—".into() } else { t })
    };
    html! {
        <div class="scroll"><table class="compare-figures">
            <caption>{"Headline figures"}</caption>
            <thead><tr><td></td>{ for names.iter().map(|n| html! { <th scope="col">{n}</th> }) }</tr></thead>
            <tbody>
                { figure_row("Accounts", "accounts", headlines, |h| count(h.accounts)) }
                { figure_row("Accounts that tweeted", "accounts-with-tweets", headlines, |h| count(h.accounts_with_tweets)) }
                { figure_row("Tweets", "tweets", headlines, |h| count(h.tweets)) }
                { figure_row("Tweets per account that tweeted, mean", "mean-tweets-per-account", headlines, |h| {
                    let mean = format!("{:.2}", h.mean_tweets_per_account);
                    (mean.clone(), mean)
                }) }
                { figure_row("First tweet (UTC)", "first-tweet", headlines, |h| time(&h.first_tweet)) }
                { figure_row("Last tweet (UTC)", "last-tweet", headlines, |h| time(&h.last_tweet)) }
            </tbody>
        </table></div>
    }
}

/// Counts of a series as floats for a line chart, or shares.
fn lines(series: &Series, names: &[String], share: bool) -> Vec<(String, Vec<f64>)> {
    let values: Vec<Vec<f64>> = if share {
        series.shares()
    } else {
        series.counts.iter().map(|c| c.iter().map(|&n| n as f64).collect()).collect()
    };
    names.iter().cloned().zip(values).collect()
}

/// Labels in rows, a column per campaign: its count and its share of the campaign's tweets.
fn side_table(id: &'static str, caption: &str, what: &str, table: &Table, names: &[String], totals: &[u64]) -> Html {
    html! {
        <div class="scroll"><table class="compare-side" id={format!("compare-{id}")}>
            <caption>{caption}</caption>
            <thead><tr><th scope="col">{what}</th>{ for names.iter().map(|n| html! { <th scope="col" class="num">{n}</th> }) }</tr></thead>
            <tbody>{ for table.rows.iter().map(|row| html! {
                <tr data-label={row.label.clone()}>
                    <th scope="row" dir="auto">{&row.label}</th>
                    { for row.counts.iter().zip(totals).map(|(&n, &total)| html! {
                        <td class="num" data-value={n.to_string()}>{format!("{} ({})", format::count(n), format::percent(n, total))}</td>
                    }) }
                </tr>
            }) }</tbody>
            if table.more > 0 {
                <tfoot><tr><td colspan={(names.len() + 1).to_string()} class="muted">{format!("and {} more", format::count(table.more))}</td></tr></tfoot>
            }
        </table></div>
    }
}

#[function_component]
pub fn SideFigures(props: &SideProps) -> Html {
    let state = use_context::<AppContext>().expect("SideFigures sits inside the app's state provider");
    let change = view_changer(&state);
    let scale = state.view.compare.scale;
    let (side, headlines, names) = (&props.compared.side, &props.compared.comparison.headlines, &props.names);
    let tweets: Vec<u64> = headlines.iter().map(|h| h.tweets).collect();
    let share = scale == Scale::Share;
    let stem = side.campaigns.join("_");
    let title = if share { "Tweets per month, as a share of each campaign's tweets" } else { "Tweets per month" };
    html! {
        <>
        { headline_table(headlines, names) }
        <div class="controls" role="radiogroup" aria-label="Timeline scale">
            { for Scale::ALL.into_iter().map(|s| html! {
                <label>
                    <input type="radio" name="compare-scale" id={format!("compare-scale-{}", s.key())} checked={s == scale}
                        onchange={change.reform(move |_: Event| ViewAction::SetScale(s))} />
                    {match s { Scale::Count => " Tweets", Scale::Share => " Share of each campaign's tweets" }}
                </label>
            }) }
        </div>
        <LineChart title={title} labels={side.tweets_per_month.months.clone()} series={lines(&side.tweets_per_month, names, share)}
            {share} file={format!("{stem}_tweets_per_month{}", if share { "_share" } else { "" })} />
        <LineChart title="Accounts created per month" labels={side.creations_per_month.months.clone()}
            series={lines(&side.creations_per_month, names, false)} file={format!("{stem}_accounts_created_per_month")} />
        <div class="compare-tables">
            { side_table("languages", "Tweets by language", "Language", &side.languages, names, &tweets) }
            { side_table("clients", "Tweets by client", "Client", &side.clients, names, &tweets) }
        </div>
        </>
    }
}
