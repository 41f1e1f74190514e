//! What two compared campaigns share: hashtags, domains, retweeted and
//! mentioned accounts as sets (counts and Jaccard), the accounts in both,
//! and the links from the accounts of one to those of the other, each
//! opening the tweets behind it.

use super::accounts::short_id;
use super::app::BridgeContext;
use super::charts::toggle_table;
use super::format;
use super::state::{view_changer, AppContext};
use crate::core::compare::{CrossLink, LinkKind, Links, MatchedBy, SharedItems};
use crate::core::query::{Answer, Query};
use crate::core::side_by_side::Compared;
use crate::core::view::ViewAction;
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct PairProps {
    pub compared: Rc<Compared>,
    /// Which of its pairs.
    pub pair: usize,
}

/// The shared items of one kind, listed once opened.
fn shared_list(kind: &str, what: &str, items: &SharedItems, a: &str, b: &str, open: &UseStateHandle<bool>) -> Html {
    if items.shared == 0 {
        return html! {};
    }
    html! {
        <details class="shared-items" data-kind={kind.to_string()} ontoggle={toggle_table(open)}>
            <summary>{format!("{what} in both ({})", format::count(items.shared))}</summary>
            if **open {
                <div class="scroll"><table>
                    <thead><tr><th scope="col">{what}</th><th scope="col" class="num">{format!("Tweets of {a}")}</th><th scope="col" class="num">{format!("Tweets of {b}")}</th></tr></thead>
                    <tbody>{ for items.items.iter().map(|i| html! {
                        <tr data-item={i.item.clone()}><td dir="auto" title={i.item.clone()}>{&i.label}</td>
                            <td class="num">{format::count(i.tweets_a)}</td><td class="num">{format::count(i.tweets_b)}</td></tr>
                    }) }</tbody>
                </table></div>
                if (items.items.len() as u64) < items.shared {
                    <p class="muted">{format!("The {} most used are listed.", items.items.len())}</p>
                }
            }
        </details>
    }
}

fn link_verb(kind: LinkKind) -> &'static str {
    match kind {
        LinkKind::Retweet => "retweets",
        LinkKind::Reply => "replies to",
        LinkKind::Mention => "mentions",
    }
}

#[derive(Properties, PartialEq)]
struct LinkTweetsProps {
    link: CrossLink,
}

/// The tweets behind a link, asked of the worker once opened.
#[function_component]
fn LinkTweets(props: &LinkTweetsProps) -> Html {
    let bridge = use_context::<BridgeContext>().expect("LinkTweets sits inside the worker provider");
    let open = use_state(|| false);
    let answer = use_state(|| None::<Rc<Answer>>);
    {
        let (answer, link) = (answer.clone(), props.link.clone());
        use_effect_with(*open, move |open| {
            let asked = match (&*bridge, *open) {
                (Ok(b), true) => Some(b.ask(
                    &link.from,
                    Query::TweetsById(link.tweets.clone()),
                    Callback::from(move |a| answer.set(Some(Rc::new(a)))),
                )),
                _ => None,
            };
            move || {
                if let (Ok(b), Some(job)) = (&*bridge, asked) {
                    b.forget(job);
                }
            }
        });
    }
    let l = &props.link;
    let listed = match l.tweet_count {
        n if n as usize > l.tweets.len() => format!("Tweets (the first {} of {})", l.tweets.len(), format::count(n)),
        n => format!("Tweets ({})", format::count(n)),
    };
    html! {
        <details class="link-tweets" ontoggle={toggle_table(&open)}>
            <summary>{listed}</summary>
            if *open {
                { match answer.as_deref() {
                    Some(Answer::Tweets(page)) => html! {
                        <ol class="tweets">{ for page.rows.iter().map(|t| html! {
                            <li class="tweet" data-id={t.id.clone()}>
                                <p class="tweet-meta"><span class="nowrap">{&t.time}</span>{" · "}<span class="id" title={t.account.clone()}>{short_id(&t.screen_name)}</span>{" · "}{t.kind.name()}</p>
                                <p class="tweet-text" dir="auto">{&t.text}</p>
                            </li>
                        }) }</ol>
                    },
                    Some(Answer::Missing(why)) => html! { <p class="alert" role="alert">{why}</p> },
                    _ => html! { <p class="muted" aria-busy="true">{"Finding the tweets…"}</p> },
                } }
            }
        </details>
    }
}

/// The links from one campaign's accounts to the other's, in a table once opened.
fn links(direction: &str, from: &str, to: &str, links: &Links, open: &UseStateHandle<bool>) -> Html {
    if links.total == 0 {
        return html! {
            <p class="links muted" data-direction={direction.to_string()} data-links="0" data-tweets="0">
                {format!("No account of {from} retweets, replies to or mentions an account of {to}.")}
            </p>
        };
    }
    html! {
        <details class="links" data-direction={direction.to_string()} data-links={links.total.to_string()} data-tweets={links.tweets.to_string()} ontoggle={toggle_table(open)}>
            <summary>{format!("Accounts of {from} retweeting, replying to or mentioning accounts of {to}: {} links, {} tweets",
                format::count(links.total), format::count(links.tweets))}</summary>
            if **open {
                <div class="scroll"><table>
                    <thead><tr><th scope="col">{format!("Account of {from}")}</th><th scope="col">{"Does"}</th><th scope="col">{format!("Account of {to}")}</th><th scope="col">{"Tweets"}</th></tr></thead>
                    <tbody>{ for links.links.iter().map(|l| html! {
                        <tr data-source={l.source.clone()} data-target={l.target.clone()} data-kind={link_verb(l.kind)}>
                            <td class="id" title={l.source.clone()}>{short_id(&l.source)}</td>
                            <td>{link_verb(l.kind)}{if l.matched_by == MatchedBy::ScreenName { " (by @name)" } else { "" }}</td>
                            <td class="id" title={l.target.clone()}>{short_id(&l.target)}</td>
                            <td><LinkTweets link={l.clone()} /></td>
                        </tr>
                    }) }</tbody>
                </table></div>
                if (links.links.len() as u64) < links.total {
                    <p class="muted">{format!("The {} links with most tweets are listed.", links.links.len())}</p>
                }
            }
        </details>
    }
}

#[function_component]
pub fn PairView(props: &PairProps) -> Html {
    let state = use_context::<AppContext>().expect("PairView sits inside the app's state provider");
    let change = view_changer(&state);
    let opened: [UseStateHandle<bool>; 7] = [
        use_state(|| false),
        use_state(|| false),
        use_state(|| false),
        use_state(|| false),
        use_state(|| false),
        use_state(|| false),
        use_state(|| false),
    ];
    let Some(p) = props.compared.comparison.pairs.get(props.pair) else { return html! {} };
    let (a, b) = (state.view.compare.display_name(&p.a), state.view.compare.display_name(&p.b));
    let kinds = [
        ("hashtags", "Hashtags", &p.hashtags),
        ("domains", "Linked domains", &p.domains),
        ("retweeted", "Retweeted accounts", &p.retweeted),
        ("mentioned", "Mentioned accounts", &p.mentioned),
    ];
    let open_account = |id: &String| {
        let (change, campaign, id) = (change.clone(), p.a.clone(), id.clone());
        Callback::from(move |_: MouseEvent| {
            change.emit(ViewAction::OpenCampaign(campaign.clone()));
            change.emit(ViewAction::OpenAccount(id.clone()));
        })
    };
    html! {
        <section class="pair card" data-pair={format!("{}|{}", p.a, p.b)} aria-label={format!("{a} and {b}")}>
            <h4>{format!("{a} and {b}")}</h4>
            <div class="scroll"><table class="overlap">
                <caption>{"Items of the tweets, as sets"}</caption>
                <thead><tr><th scope="col">{"Of the tweets"}</th><th scope="col" class="num">{"In both"}</th>
                    <th scope="col" class="num">{format!("Only {a}")}</th><th scope="col" class="num">{format!("Only {b}")}</th><th scope="col" class="num">{"Jaccard"}</th></tr></thead>
                <tbody>{ for kinds.iter().map(|(key, label, s)| html! {
                    <tr data-kind={*key} data-shared={s.shared.to_string()} data-only-a={s.only_a.to_string()} data-only-b={s.only_b.to_string()} data-jaccard={s.jaccard.to_string()}>
                        <th scope="row">{*label}</th><td class="num">{format::count(s.shared)}</td><td class="num">{format::count(s.only_a)}</td>
                        <td class="num">{format::count(s.only_b)}</td><td class="num">{format!("{:.3}", s.jaccard)}</td>
                    </tr>
                }) }</tbody>
            </table></div>
            <p class="muted">{"Jaccard: the items in both over all the items of either (0 when neither has any)."}</p>
            { for kinds.iter().zip(&opened).map(|((key, label, s), open)| shared_list(key, label, s, a, b, open)) }
            if p.shared_accounts.is_empty() {
                <p class="shared-accounts muted" data-accounts="0">{format!("No account is in both {a} and {b}.")}</p>
            } else {
            <details class="shared-accounts" data-accounts={p.shared_accounts.len().to_string()} ontoggle={toggle_table(&opened[4])}>
                <summary>{format!("Accounts in both ({})", format::count(p.shared_accounts.len() as u64))}</summary>
                if *opened[4] {
                    <ul>{ for p.shared_accounts.iter().map(|id| html! {
                        <li><button class="link id" onclick={open_account(id)} title={format!("Open {id} in {a}")}>{id}</button></li>
                    }) }</ul>
                }
            </details>
            }
            { links(&format!("{}>{}", p.a, p.b), a, b, &p.links_a_to_b, &opened[5]) }
            { links(&format!("{}>{}", p.b, p.a), b, a, &p.links_b_to_a, &opened[6]) }
        </section>
    }
}
