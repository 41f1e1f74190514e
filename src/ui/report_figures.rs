//! The report's figures on how the accounts were used: the lag to the first
//! tweet, followers and following, engagement, profile signals and hashtag
//! bursts.

use super::charts::BarChart;
use super::format;
use super::lesson::{self, use_scroll_to};
use super::report_parts::{csv_button, AccountList, Section};
use super::state::AppContext;
use crate::core::fold::fold;
use crate::core::lesson::Evidence;
use crate::core::query::wire_name;
use crate::core::report::tables::{bins_table, bursts_table, engagement_table, points_table, signals_table};
use crate::core::report::{Report, SignalKind};
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct FiguresProps {
    pub campaign: AttrValue,
    pub report: Rc<Report>,
}

fn signal_label(kind: SignalKind) -> &'static str {
    match kind {
        SignalKind::EmptyBio => "Empty bio",
        SignalKind::NameIsHandle => "Display name is the handle",
        SignalKind::LanguageMismatch => "Language setting is not the tweets' language",
        SignalKind::HashedHandle => "Handle withheld (hashed)",
    }
}

/// What each signal compares, as `core::report` decides it.
fn signal_method(kind: SignalKind) -> &'static str {
    match kind {
        SignalKind::EmptyBio => "the profile description is empty or only spaces; judged on every account",
        SignalKind::NameIsHandle => "display name and screen name are equal once lowercased with spaces and underscores removed; judged where the screen name is neither empty nor the user id",
        SignalKind::LanguageMismatch => "the account's language setting differs from the language most of its tweets are in (primary subtags; undetermined languages left out); judged on accounts with both",
        SignalKind::HashedHandle => "the release gives the user id, a hash, as the screen name; judged on every account but FiveThirtyEight's",
    }
}

#[function_component]
pub fn UsageFigures(props: &FiguresProps) -> Html {
    let (campaign, r) = (&props.campaign, &props.report);
    let bins = |bins: &[crate::core::report::LogBin]| -> Vec<(String, u64)> {
        bins.iter().map(|b| (b.label.clone(), b.accounts)).collect()
    };
    let e = &r.engagement;
    let without = match e.tweets_without_counts {
        0 => String::new(),
        n => format!(" {} tweets come from files without these columns and are left out.", format::count(n)),
    };
    let stem = |name: &str| AttrValue::from(format!("{campaign}_report_{name}"));
    let stats = [("Likes", &e.likes), ("Retweets", &e.retweets), ("Replies", &e.replies), ("Quotes", &e.quotes)];
    html! {
        <>
        <Section id="lag" title="Time to the first tweet"
            method="Each account once: the time from the start (00:00 UTC) of its creation day to its first tweet in these files. Accounts with no tweet here are counted apart, and so are accounts with tweets and no creation date.">
            <div class="controls">{ csv_button(campaign, "first_tweet_lag", "Table", points_table("lag", "accounts", &r.first_tweet_lag)) }</div>
            <BarChart title="Accounts by the lag to their first tweet" points={r.first_tweet_lag.clone()} unit="accounts" bar="lag" bars="bins" file={stem("first_tweet_lag")} />
        </Section>
        <Section id="follow" title="Followers and following"
            method="Each account once, with the follower and following counts the release gives (as they were when the accounts were suspended), in decades: 0, 1–9, 10–99 and so on, empty decades included.">
            <div class="controls">
                { csv_button(campaign, "followers", "Followers", bins_table(&r.followers)) }
                { csv_button(campaign, "following", "Following", bins_table(&r.following)) }
            </div>
            <BarChart title="Accounts by followers" points={bins(&r.followers)} unit="accounts" bar="decade" bars="decades" file={stem("followers")} />
            <BarChart title="Accounts by accounts followed" points={bins(&r.following)} unit="accounts" bar="decade" bars="decades" file={stem("following")} />
        </Section>
        <Section id="engagement" title="Engagement per tweet"
            method={format!("Each tweet once, with the like, retweet, reply and quote counts the release gives (as counted when the release was made).{without}")}>
            <div class="controls">{ csv_button(campaign, "engagement", "Table", engagement_table(e)) }</div>
            <table class="engagement" data-tweets={e.tweets_with_counts.to_string()}>
                <caption>{format!("Over {} tweets with counts", format::count(e.tweets_with_counts))}</caption>
                <thead><tr>
                    <th scope="col">{"Count"}</th><th scope="col" class="num">{"Mean"}</th><th scope="col" class="num">{"Median"}</th>
                    <th scope="col" class="num">{"Most"}</th><th scope="col" class="num">{"With none"}</th>
                </tr></thead>
                <tbody>{ for stats.iter().map(|(label, s)| html! {
                    <tr><th scope="row">{*label}</th><td class="num">{format!("{:.2}", s.mean)}</td><td class="num">{s.median}</td>
                        <td class="num">{format::count(s.max)}</td><td class="num">{format!("{:.0} %", 100.0 * s.zero_share)}</td></tr>
                }) }</tbody>
            </table>
        </Section>
        </>
    }
}

/// Bursts in the table until it is asked for all: a page or two of print.
const BURSTS_SHOWN: usize = 25;

#[function_component]
pub fn ProfileFigures(props: &FiguresProps) -> Html {
    let (campaign, r) = (&props.campaign, &props.report);
    let b = &r.bursts;
    let state = use_context::<AppContext>().expect("ProfileFigures sits inside the app's state provider");
    // The lesson's pushed hashtag, compared as the bursts compare tags.
    let pushed = match lesson::evidence(&state) {
        Some(Evidence::HashtagPush { hashtag }) => Some(fold(hashtag)),
        _ => None,
    };
    let is_pushed = |tag: &str| pushed.as_deref() == Some(fold(tag).as_str());
    let mark_node = use_node_ref();
    use_scroll_to(mark_node.clone(), b.bursts.iter().take(BURSTS_SHOWN).any(|burst| is_pushed(&burst.hashtag)));
    let all_bursts = use_state(|| false);
    let shown = if *all_bursts { b.bursts.len() } else { b.bursts.len().min(BURSTS_SHOWN) };
    let show_all = {
        let all_bursts = all_bursts.clone();
        Callback::from(move |_: MouseEvent| all_bursts.set(true))
    };
    let method = format!(
        "Each account once. {}.",
        r.signals
            .iter()
            .map(|s| format!("{}: {}", signal_label(s.kind), signal_method(s.kind)))
            .collect::<Vec<_>>()
            .join(". ")
    );
    html! {
        <>
        <Section id="signals" title="Profile signals" {method}>
            <div class="controls">{ csv_button(campaign, "signals", "Table", signals_table(&r.signals, |s| wire_name(&s.kind))) }</div>
            <table class="signals">
                <thead><tr><th scope="col">{"Signal"}</th><th scope="col" class="num">{"Accounts"}</th><th scope="col" class="num">{"Judged"}</th><th scope="col" class="ids">{"Ids"}</th></tr></thead>
                <tbody>{ for r.signals.iter().map(|s| html! {
                    <tr data-signal={wire_name(&s.kind)} data-accounts={s.accounts.to_string()}>
                        <th scope="row">{signal_label(s.kind)}</th>
                        <td class="num">{format::count(s.accounts)}</td>
                        <td class="num">{format::count(s.judged)}</td>
                        <td class="ids">if s.accounts > 0 { <AccountList summary="User ids" ids={Rc::new(s.ids.clone())} /> }</td>
                    </tr>
                }) }</tbody>
            </table>
        </Section>
        <Section id="bursts" title="Hashtag bursts"
            method={format!("A week (from Monday, UTC) is a burst of a hashtag when at least {} tweets carry it (each tweet once, tags compared case-folded) and at least {} × the median of its earlier weeks since its first, weeks without it counted as 0. Largest first.", b.min_tweets, b.factor)}>
            <div class="controls">{ csv_button(campaign, "hashtag_bursts", "Table", bursts_table(b)) }</div>
            if b.bursts.is_empty() {
                <p class="muted">{"No hashtag bursts."}</p>
            } else {
                <table class="bursts" data-total={b.total.to_string()}>
                    <caption>{if b.total as usize > shown { format!("The {shown} largest of {} bursts", format::count(b.total)) } else if b.total == 1 { "1 burst".to_string() } else { format!("{} bursts", b.total) }}</caption>
                    <thead><tr><th scope="col">{"Hashtag"}</th><th scope="col">{"Week of"}</th><th scope="col" class="num">{"Tweets"}</th><th scope="col" class="num">{"Baseline"}</th></tr></thead>
                    <tbody>{ for b.bursts.iter().take(shown).map(|burst| html! {
                        <tr data-hashtag={burst.hashtag.clone()} class={classes!(is_pushed(&burst.hashtag).then_some("lesson-mark"))}
                            data-lesson={is_pushed(&burst.hashtag).then_some("hashtag")}
                            ref={if is_pushed(&burst.hashtag) { mark_node.clone() } else { NodeRef::default() }}><td dir="auto">{format!("#{}", burst.hashtag)}</td><td class="nowrap">{&burst.week}</td>
                            <td class="num">{format::count(burst.tweets)}</td><td class="num">{burst.baseline}</td></tr>
                    }) }</tbody>
                </table>
                if shown < b.bursts.len() {
                    <p class="controls"><button id="report-all-bursts" class="link" onclick={show_all}>{format!("Show all {} listed (the CSV has them too)", b.bursts.len())}</button></p>
                }
            }
        </Section>
        </>
    }
}
