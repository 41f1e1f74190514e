//! The report's account creations: a bar chart per day, week or month, and
//! the batches the rule found, each with the accounts made in it.

use super::charts::BarChart;
use super::format;
use super::lesson::use_scroll_to;
use super::report_parts::{csv_button, AccountList, Section};
use crate::core::query::Period;
use crate::core::report::tables::{batches_table, continuous_days, points_table};
use crate::core::report::{Batch, BatchRule, Creations, BATCH_FACTOR, BATCH_MIN_ACCOUNTS};
use crate::core::summary::continuous_months;
use std::rc::Rc;
use web_sys::HtmlSelectElement;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct CreationProps {
    pub campaign: AttrValue,
    pub creations: Rc<Creations>,
    /// The lesson points at the largest day batch.
    #[prop_or_default]
    pub mark: bool,
}

/// The rule in words: "a day with at least 10 new accounts: 10 × the median
/// of days with any (1), and never fewer than 10".
fn rule_sentence(rule: &BatchRule) -> String {
    let period = &rule.period;
    format!(
        "A batch is a run of {period}s each with at least {} new accounts: {BATCH_FACTOR} × the median of the {} {period}s with any ({}), and never fewer than {BATCH_MIN_ACCOUNTS}.",
        format::count(rule.threshold),
        format::count(rule.active_periods),
        rule.median,
    )
}

/// A day, or the first and the last: each date kept whole, so that a
/// narrow column breaks between them rather than inside one.
fn batch_range(b: &Batch) -> Html {
    if b.first == b.last {
        html! { <span class="nowrap">{&b.first}</span> }
    } else {
        html! { <><span class="nowrap">{format!("{} to", b.first)}</span>{" "}<span class="nowrap">{&b.last}</span></> }
    }
}

#[function_component]
pub fn CreationSection(props: &CreationProps) -> Html {
    // The report's own switch, not the timeline's: a link to the report opens per day.
    let period = use_state(|| Period::Day);
    let c = &props.creations;
    let on_period = {
        let period = period.clone();
        Callback::from(move |e: Event| {
            let value = e.target_unchecked_into::<HtmlSelectElement>().value();
            period.set(Period::ALL.into_iter().find(|p| p.key() == value).unwrap_or(Period::Day));
        })
    };
    let points = match *period {
        Period::Day => continuous_days(&c.per_day, 1),
        Period::Week => continuous_days(&c.per_week, 7),
        Period::Month => continuous_months(&c.per_month),
    };
    let (rule, batches) = match *period {
        Period::Day | Period::Month => (&c.day_rule, &c.day_batches),
        Period::Week => (&c.week_rule, &c.week_batches),
    };
    let key = period.key();
    // The largest batch of days, the lesson's evidence (the first of equals).
    let marked = (props.mark && rule.period == "day")
        .then(|| batches.iter().enumerate().max_by_key(|(i, b)| (b.accounts, std::cmp::Reverse(*i))).map(|(i, _)| i))
        .flatten();
    let mark_node = use_node_ref();
    use_scroll_to(mark_node.clone(), marked.is_some());
    let title = format!("Accounts created per {key}");
    let undated = match c.without_date {
        0 => String::new(),
        n => format!(" {} accounts have no creation date and are not drawn.", format::count(n)),
    };
    let method = format!(
        "Each account once, on its account_creation_date (a UTC day); weeks start on Monday.{undated} Batches are found among days and among weeks; the months show how the days add up, and list the day batches."
    );
    html! {
        <Section id="creation" title="Account creation" {method}>
            <p class="metric-line" data-metric="creation-batches" data-value={c.day_batches.len().to_string()}>
                {format!("{} day batches and {} week batches. ", c.day_batches.len(), c.week_batches.len())}
                <span class="rule">{rule_sentence(rule)}</span>
            </p>
            <div class="controls">
                <label>{"Per "}
                    <select id="report-period" onchange={on_period}>
                        { for Period::ALL.into_iter().map(|p| html! { <option value={p.key()} selected={*period == p}>{p.key()}</option> }) }
                    </select>
                </label>
                { csv_button(&props.campaign, &format!("created_per_{key}"), "Counts", points_table(key, "accounts", &points)) }
                { csv_button(&props.campaign, &format!("batches_{}", rule.period), "Batches", batches_table(batches)) }
            </div>
            <BarChart {title} points={points} unit="accounts" bar={key} bars={format!("{key}s")}
                file={AttrValue::from(format!("{}_report_created_per_{key}", props.campaign))} />
            if batches.is_empty() {
                <p class="muted">{format!("No {} reaches the threshold.", rule.period)}</p>
            } else {
                <table class="batches" data-period={rule.period.clone()}>
                    <caption>{format!("Batches by {}", rule.period)}</caption>
                    <thead><tr>
                        <th scope="col">{"Dates (UTC)"}</th>
                        <th scope="col" class="num">{"Accounts"}</th>
                        <th scope="col" class="busiest">{"Busiest"}</th>
                        <th scope="col" class="ids">{"Ids"}</th>
                    </tr></thead>
                    <tbody>{ for batches.iter().enumerate().map(|(i, b)| html! {
                        <tr data-accounts={b.accounts.to_string()} data-first={b.first.clone()}
                            class={classes!((marked == Some(i)).then_some("lesson-mark"))}
                            data-lesson={(marked == Some(i)).then_some("batch")}
                            ref={if marked == Some(i) { mark_node.clone() } else { NodeRef::default() }}>
                            <td>{batch_range(b)}</td>
                            <td class="num">{format::count(b.accounts)}</td>
                            <td class="busiest">{format!("{}: {}", b.peak, format::count(b.peak_accounts))}</td>
                            <td class="ids"><AccountList summary="User ids" ids={Rc::new(b.ids.clone())} /></td>
                        </tr>
                    }) }</tbody>
                </table>
            }
        </Section>
    }
}
