//! One account: profile fields, figures, activity, rhythm, hashtags and tweets.

use super::accounts::{short_id, CopyButton};
use super::app::focus_if_lost;
use super::charts::{BarChart, Heatmap};
use super::format;
use super::hooks::use_answer;
use super::ranked_list::RankedList;
use super::state::{view_changer, AppContext};
use super::tweets::TweetList;
use crate::core::query::{Answer, Query, TweetQuery};
use crate::core::view::ViewAction;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct AccountPageProps {
    pub id: AttrValue,
}

#[function_component]
pub fn AccountPage(props: &AccountPageProps) -> Html {
    let answer = use_answer(Some(Query::Account { id: props.id.to_string() }));
    {
        // The link that opened the page went with the table it was in: the
        // page's own heading takes the focus once it is drawn.
        let drawn = matches!(answer.as_deref(), Some(Answer::Account(_)));
        use_effect_with((props.id.clone(), drawn), |(_, drawn)| {
            let focus = drawn.then(|| focus_if_lost("account-title"));
            move || drop(focus)
        });
    }
    let detail = match answer.as_deref() {
        Some(Answer::Account(detail)) => detail.clone(),
        Some(Answer::Missing(why)) => return html! { <p class="muted">{why}</p> },
        _ => return html! { <p class="muted" aria-busy="true">{"Reading the account…"}</p> },
    };
    let (p, r) = (&detail.profile, &detail.row);
    let field = |label: &str, value: String| {
        html! { <div><dt>{label}</dt><dd dir="auto">{ if value.is_empty() { "—".to_string() } else { value } }</dd></div> }
    };
    html! {
        <section class="account-page" data-account={r.id.clone()} aria-label={format!("Account {}", r.screen_name)}>
            <h3 id="account-title" tabindex="-1" dir="auto">{&p.display_name}</h3>
            <p class="muted"><span class="id">{&r.id}</span>{" "}<CopyButton text={r.id.clone()} />{ if r.hashed { " · hashed by Twitter" } else { "" } }</p>
            <dl class="profile">
                { field("Screen name", p.screen_name.clone()) }
                { field("Location", p.location.clone()) }
                { field("Description", p.description.clone()) }
                { field("Profile URL (not opened)", p.url.clone()) }
                { field("Followers", format::count(u64::from(p.followers))) }
                { field("Following", format::count(u64::from(p.following))) }
                { field("Created", r.created.clone().unwrap_or_default()) }
                { field("Account language", p.language.clone()) }
                { field("Tweets in these files", format::count(r.tweets)) }
                { field("Retweets", format!("{} ({})", format::count(r.retweets), format::percent(r.retweets, r.tweets))) }
                { field("First and last tweet", format!("{} – {}", r.first_tweet.clone().unwrap_or_default(), r.last_tweet.clone().unwrap_or_default())) }
                { field("Main language, client", format!("{}, {}", r.language, r.client)) }
            </dl>
            if r.tweets > 0 {
                <BarChart title="Tweets per month" points={detail.tweets_per_month.clone()} unit="tweets" />
                <div class="grid">
                    <Heatmap title="Weekday and hour" cells={detail.hour_by_weekday.clone()} />
                    <RankedList title="Hashtags" items={detail.top_hashtags.clone()} />
                </div>
                <Partners id={r.id.clone()} />
                <h3>{"Tweets, newest first"}</h3>
                <TweetList query={TweetQuery { account: Some(r.id.clone()), limit: 20, ..TweetQuery::default() }} />
            }
        </section>
    }
}

#[derive(Properties, PartialEq)]
struct PartnersProps {
    id: String,
}

/// The accounts this one acted with in the network the Coordination tab
/// showed last, strongest first, each with the tweets behind the pair.
#[function_component]
fn Partners(props: &PartnersProps) -> Html {
    let state = use_context::<AppContext>().expect("the page sits inside the app's state provider");
    let change = view_changer(&state);
    let Some((_, o)) = &state.network else { return html! {} };
    let Some(me) = o.nodes.iter().position(|n| n.id == props.id) else {
        return html! { <p class="muted">{format!("In the last network ({} within {} s) this account acted with no other.", o.settings.kind.name(), o.settings.window)}</p> };
    };
    let partners: Vec<_> = o
        .edges
        .iter()
        .filter(|e| e.a as usize == me || e.b as usize == me)
        .map(|e| {
            let (other, mine, theirs) =
                if e.a as usize == me { (e.b, e.forward, e.backward) } else { (e.a, e.backward, e.forward) };
            (&o.nodes[other as usize], mine, theirs, e.pairs)
        })
        .collect();
    html! {
        <section class="partners" aria-labelledby="partners-title">
            <h3 id="partners-title">{format!("Acted with ({} within {} s)", o.settings.kind.name(), o.settings.window)}</h3>
            <div class="table-scroll">
                <table class="partner-table">
                    <thead><tr>
                        <th scope="col">{"Account"}</th><th scope="col" class="num">{"Weight →"}</th>
                        <th scope="col" class="num">{"Weight ←"}</th><th scope="col" class="num">{"Tweet pairs"}</th><th scope="col">{"Evidence"}</th>
                    </tr></thead>
                    <tbody>
                        { for partners.iter().take(50).map(|(n, mine, theirs, pairs)| {
                            let ids = (props.id.clone(), n.id.clone());
                            html! {
                                <tr>
                                    <td dir="auto" title={n.id.clone()}>{short_id(&n.label)}</td>
                                    <td class="num">{*mine}</td><td class="num">{*theirs}</td><td class="num">{format::count(*pairs)}</td>
                                    <td><button class="link" onclick={change.reform(move |_: MouseEvent| ViewAction::OpenEdge(Some(ids.clone())))}>{"Tweets"}</button></td>
                                </tr>
                            }
                        }) }
                    </tbody>
                </table>
            </div>
        </section>
    }
}
