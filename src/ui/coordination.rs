//! The Coordination tab: which accounts acted together, as a co-action
//! network computed in the worker, with its figures, its edges and
//! communities as tables, and the tweets behind any edge a click away.

use super::accounts::short_id;
use super::app::BridgeContext;
use super::charts::BarChart;
use super::evidence::EvidencePanel;
use super::format;
use super::help::Help;
use super::lesson::{self, use_scroll_to};
use super::network_graph::NetworkGraph;
use super::overview::count_metric;
use super::pager::Pager;
use super::state::{view_changer, Action, AppContext};
use crate::core::coord::{Kind, Overview, Progress};
use crate::core::lesson::Evidence;
use crate::core::view::{NetworkView, ViewAction, PERCENTILES, WINDOWS};
use crate::worker::protocol::{Coordination, NetworkFile};
use std::rc::Rc;
use yew::prelude::*;

const PAGE: usize = 50;

/// Where the network asked for is.
#[derive(Clone, PartialEq)]
pub enum NetworkState {
    Asking,
    Running(Progress),
    /// The job that computed it (evidence is asked of it) and what it found.
    Done(u32, Rc<Overview>),
    Failed(String),
}

pub fn kind_label(kind: Kind) -> &'static str {
    match kind {
        Kind::CoRetweet => "Retweeted the same tweet",
        Kind::CoTweet => "Posted the same text",
        Kind::CoLink => "Shared the same link",
        Kind::CoReply => "Replied to the same tweet",
        Kind::CoHashtag => "Used the same hashtag",
        Kind::CoMention => "Mentioned the same account",
        Kind::CoSimilar => "Posted nearly the same text",
        Kind::CoPost => "Posted at all (chance alone)",
    }
}

/// The network of the view's settings over the selected campaign (or all
/// of them, pooled), asked again when the settings, range or data change.
#[hook]
fn use_network(
    campaigns: Vec<String>,
    view: NetworkView,
    range: Option<crate::core::query::Range>,
) -> (NetworkState, Option<Drawing>) {
    let state = use_context::<AppContext>().expect("the tab sits inside the app's state provider");
    let bridge = use_context::<BridgeContext>().expect("the tab sits inside the worker provider");
    let network = use_state(|| NetworkState::Asking);
    let drawing = use_state(|| None::<Drawing>);
    let dispatcher = state.dispatcher();
    let settings = view.settings(range);
    {
        let (network, drawing) = (network.clone(), drawing.clone());
        let key = (campaigns, format!("{settings:?}"), state.generation);
        use_effect_with(key, move |(campaigns, _, _)| {
            network.set(NetworkState::Asking);
            drawing.set(None);
            let job = std::rc::Rc::new(std::cell::Cell::new(0));
            let asked = match &*bridge {
                Ok(b) => {
                    let (network, job, dispatcher) = (network.clone(), Rc::clone(&job), dispatcher.clone());
                    let updates = std::cell::Cell::new(0u32);
                    Some(b.coordinate(
                        campaigns.clone(),
                        settings,
                        Callback::from(move |event| match event {
                            Coordination::Progress(p) => network.set(NetworkState::Running(p)),
                            Coordination::Network(o) => {
                                let o = Rc::new(*o);
                                dispatcher.dispatch(Action::NetworkShown(job.get(), Rc::clone(&o)));
                                network.set(NetworkState::Done(job.get(), o))
                            }
                            Coordination::Layout { positions, settled } => {
                                let count = updates.get() + 1;
                                updates.set(count);
                                drawing.set(Some(Drawing { positions: Rc::new(positions), settled, updates: count }))
                            }
                            Coordination::Failed(why) => network.set(NetworkState::Failed(why)),
                            Coordination::Evidence(_) | Coordination::File(_) => {}
                        }),
                    ))
                }
                Err(e) => {
                    network.set(NetworkState::Failed(e.clone()));
                    None
                }
            };
            if let Some(id) = asked {
                job.set(id);
            }
            move || {
                if let (Ok(b), Some(id)) = (&*bridge, asked) {
                    b.drop_stream(id);
                }
            }
        });
    }
    ((*network).clone(), (*drawing).clone())
}

/// Where the layout has placed the accounts so far.
#[derive(Clone, PartialEq)]
pub struct Drawing {
    pub positions: Rc<Vec<f32>>,
    pub settled: bool,
    /// How many positions have come: a dragged node's layout may settle
    /// again within one message.
    pub updates: u32,
}

#[function_component]
pub fn CoordinationView() -> Html {
    let state = use_context::<AppContext>().expect("the tab sits inside the app's state provider");
    let change = view_changer(&state);
    let view = state.view.network.clone();
    let all: Vec<String> = state.summaries.iter().map(|s| s.name.clone()).collect();
    let selected = state.selected_summary().map(|s| s.name.clone());
    let campaigns = if view.pool { all.clone() } else { selected.into_iter().collect() };
    let (network, drawing) = use_network(campaigns, view.clone(), state.view.range());
    let set = |f: fn(&mut NetworkView, String)| {
        let (change, view) = (change.clone(), view.clone());
        Callback::from(move |e: Event| {
            let select: web_sys::HtmlSelectElement = e.target_unchecked_into();
            let mut next = view.clone();
            f(&mut next, select.value());
            change.emit(ViewAction::SetNetwork(next));
        })
    };
    let on_pool = {
        let (change, view) = (change.clone(), view.clone());
        Callback::from(move |e: Event| {
            let input: web_sys::HtmlInputElement = e.target_unchecked_into();
            change.emit(ViewAction::SetNetwork(NetworkView { pool: input.checked(), ..view.clone() }));
        })
    };
    let option = |value: String, label: String, selected: bool| html! { <option {value} {selected}>{label}</option> };
    let controls = html! {
        <form class="controls network-controls" onsubmit={Callback::from(|e: SubmitEvent| e.prevent_default())}>
            <label>{"Accounts that "}
                <select id="network-kind" onchange={set(|v, s| v.kind = Kind::parse(&s).unwrap_or(v.kind))}>
                    { for Kind::ALL.iter().map(|&k| option(k.name().into(), kind_label(k).to_lowercase(), k == view.kind)) }
                </select>
            </label>
            <label>{" within "}
                <select id="network-window" onchange={set(|v, s| v.window = s.parse().unwrap_or(v.window))}>
                    { for WINDOWS.iter().map(|&w| option(w.to_string(), window_label(w), w == view.window)) }
                </select>
            </label>
            <Help term="coordination-window" />
            <label>{" at least "}
                <select id="network-min-weight" onchange={set(|v, s| v.min_weight = s.parse().unwrap_or(v.min_weight))}>
                    { for (1..=10u32).map(|n| option(n.to_string(), format!("{n} {}", if n == 1 { "time" } else { "times" }), n == view.min_weight)) }
                </select>
            </label>
            <label>{" strongest "}
                <select id="network-percentile" onchange={set(|v, s| v.percentile = s.parse().ok())}>
                    { option(String::new(), "all pairs".into(), view.percentile.is_none()) }
                    { for PERCENTILES.iter().map(|&p| option(p.to_string(), format!("above the {p}th percentile"), Some(p) == view.percentile)) }
                </select>
            </label>
            if all.len() > 1 {
                <label class="check"><input id="network-pool" type="checkbox" checked={view.pool} onchange={on_pool} />{" all loaded campaigns as one"}</label>
            }
        </form>
    };
    let body = match &network {
        NetworkState::Asking => html! { <p class="muted" aria-busy="true">{"Computing the network…"}</p> },
        NetworkState::Running(p) => html! {
            <p class="muted" aria-busy="true" role="status">
                {format!("Computing the network: {} ({} of {})…", p.stage.name(), format::count(p.done), format::count(p.total))}
            </p>
        },
        NetworkState::Failed(why) => {
            html! { <p class="error" role="alert">{format!("The network could not be computed: {why}.")}</p> }
        }
        NetworkState::Done(job, overview) => html! { <NetworkBody job={*job} overview={overview.clone()} {drawing} /> },
    };
    html! {
        <section class="coordination" aria-label="Coordination">
            {controls}
            <p class="method muted">
                {"Weight from A to B: how many of A's tweets have a tweet of B with the same key within the window (times are to the minute, so 60 s is the same or the next minute). A pair is an edge when either direction reaches the least weight."}
            </p>
            {body}
        </section>
    }
}

fn window_label(seconds: u32) -> String {
    match seconds {
        s if s % 3600 == 0 => format!("{} h", s / 3600),
        s if s % 60 == 0 => format!("{} min", s / 60),
        s => format!("{s} s"),
    }
}

#[derive(Properties, PartialEq)]
struct NetworkBodyProps {
    job: u32,
    overview: Rc<Overview>,
    drawing: Option<Drawing>,
}

#[function_component]
fn NetworkBody(props: &NetworkBodyProps) -> Html {
    let state = use_context::<AppContext>().expect("the tab sits inside the app's state provider");
    let change = view_changer(&state);
    let o = &props.overview;
    let offset = use_state(|| 0usize);
    let coordinated: u64 = o.communities.iter().map(|c| c.coordinated_tweets).sum();
    // The lesson's cluster: the largest community, and the user ids in it.
    let cluster = matches!(lesson::evidence(&state), Some(Evidence::CoRetweetCluster { .. }))
        .then(|| o.communities.iter().max_by_key(|c| c.accounts).map(|c| c.community))
        .flatten();
    let members: Option<String> = cluster.map(|community| {
        o.nodes.iter().filter(|n| n.community == community).map(|n| n.id.as_str()).collect::<Vec<_>>().join(" ")
    });
    let graph = use_node_ref();
    use_scroll_to(graph.clone(), cluster.is_some());
    let open_edge = |e: &crate::core::coord::EdgeRow| {
        let ids = (o.nodes[e.a as usize].id.clone(), o.nodes[e.b as usize].id.clone());
        change.reform(move |_: MouseEvent| ViewAction::OpenEdge(Some(ids.clone())))
    };
    let account = |i: u32| {
        let n = &o.nodes[i as usize];
        let id = n.id.clone();
        html! { <button class="link" onclick={change.reform(move |_: MouseEvent| ViewAction::OpenAccount(id.clone()))}>{short_id(&n.label)}</button> }
    };
    let sort = use_state(|| None::<(EdgeColumn, bool)>);
    let order = use_memo((props.overview.clone(), *sort), |(o, sort)| sorted_edges(o, *sort));
    let shown: Vec<_> = order.iter().skip(*offset).take(PAGE).map(|&i| &o.edges[i]).collect();
    let header = |column: EdgeColumn, title: &'static str| {
        let (sort, offset) = (sort.clone(), offset.clone());
        let descending = match *sort {
            Some((c, d)) if c == column => Some(d),
            _ => None,
        };
        let aria = descending.map(|d| if d { "descending" } else { "ascending" });
        let on_click = Callback::from(move |_: MouseEvent| {
            // Largest first, then turned round.
            sort.set(Some((column, descending.is_none_or(|d| !d))));
            offset.set(0);
        });
        html! { <th scope="col" class="num" aria-sort={aria}><button class="link" onclick={on_click}>{title}</button></th> }
    };
    html! {
        <>
            <dl class="metrics">
                {count_metric("edges", "Account pairs (edges)", o.edges.len() as u64)}
                {count_metric("nodes", "Accounts on them", o.nodes.len() as u64)}
                {count_metric("communities", "Communities", o.communities.len() as u64)}
                {count_metric("coordinated-tweets", "Coordinated tweets", coordinated)}
                {count_metric("threshold", "Least weight of an edge", u64::from(o.threshold))}
            </dl>
            if !o.capped.is_empty() {
                <details class="capped">
                    <summary>{format!("{} shared keys were left out: too many accounts acted on each within one window", o.capped.len())}</summary>
                    <ul>{ for o.capped.iter().take(20).map(|c| html! { <li dir="auto">{format!("{} — {} of its {} actions in one window", c.key, c.in_one_window, c.events)}</li> }) }</ul>
                </details>
            }
            if o.edges.is_empty() {
                <p class="muted">{"No two accounts acted together this way within the window: try a longer window, a smaller least weight or another kind."}</p>
            } else {
                <div ref={graph} class={classes!(cluster.map(|_| "lesson-mark"))} data-lesson={cluster.map(|_| "cluster")} data-cluster={members}>
                <NetworkGraph job={props.job} overview={props.overview.clone()} positions={props.drawing.as_ref().map(|d| d.positions.clone())}
                    settled={props.drawing.as_ref().is_some_and(|d| d.settled)}
                    updates={props.drawing.as_ref().map_or(0, |d| d.updates)} />
                </div>
                <EvidencePanel job={props.job} overview={props.overview.clone()} />
                <h3 id="edges-title">{"Account pairs, strongest first"}</h3>
                <div class="table-scroll" tabindex="0" role="region" aria-labelledby="edges-title">
                    <table class="edge-table" aria-labelledby="edges-title">
                        <thead><tr>
                            <th scope="col">{"Account"}</th><th scope="col">{"Account"}</th>
                            {header(EdgeColumn::Forward, "Weight →")}{header(EdgeColumn::Backward, "Weight ←")}
                            {header(EdgeColumn::Pairs, "Tweet pairs")}{header(EdgeColumn::MeanDt, "Mean Δt")}
                            {header(EdgeColumn::Symmetry, "Symmetry")}<th scope="col">{"Evidence"}</th>
                        </tr></thead>
                        <tbody>
                            { for shown.iter().map(|e| html! {
                                <tr>
                                    <td dir="auto" title={o.nodes[e.a as usize].id.clone()}>{account(e.a)}</td>
                                    <td dir="auto" title={o.nodes[e.b as usize].id.clone()}>{account(e.b)}</td>
                                    <td class="num">{e.forward}</td><td class="num">{e.backward}</td>
                                    <td class="num">{format::count(e.pairs)}</td>
                                    <td class="num">{format!("{:.0} s", e.mean_dt)}</td>
                                    <td class="num">{format!("{:.2}", e.symmetry)}</td>
                                    <td><button class="link" onclick={open_edge(e)}>{"Tweets"}</button></td>
                                </tr>
                            }) }
                        </tbody>
                    </table>
                </div>
                <Pager id="edge-pager" offset={*offset} shown={shown.len()} total={o.edges.len()} page={PAGE}
                    noun="pairs" back="Stronger pairs" forward="Weaker pairs"
                    on_offset={Callback::from({ let offset = offset.clone(); move |n| offset.set(n) })} />
                <Exports job={props.job} />
                <Communities overview={props.overview.clone()} mark={cluster} />
                <BarChart title="Coordinated tweets per month" points={o.months.iter().map(|m| (m.month.clone(), m.coordinated)).collect::<Vec<_>>()} unit="tweets" />
                <details class="months">
                    <summary>{"Coordinated tweets against all tweets, month by month"}</summary>
                    <table class="month-table">
                        <thead><tr><th scope="col">{"Month"}</th><th scope="col" class="num">{"Tweets"}</th><th scope="col" class="num">{"Coordinated"}</th><th scope="col" class="num">{"Share"}</th></tr></thead>
                        <tbody>
                            { for o.months.iter().filter(|m| m.tweets > 0).map(|m| html! {
                                <tr><td>{&m.month}</td><td class="num">{format::count(m.tweets)}</td><td class="num">{format::count(m.coordinated)}</td><td class="num">{format::percent(m.coordinated, m.tweets)}</td></tr>
                            }) }
                        </tbody>
                    </table>
                </details>
            }
        </>
    }
}

/// The edge table's sortable columns (its box, like the communities', is a
/// focusable region: a table wider than the screen scrolls by keyboard too).
#[derive(Clone, Copy, PartialEq)]
enum EdgeColumn {
    Forward,
    Backward,
    Pairs,
    MeanDt,
    Symmetry,
}

/// The edges' places in the order asked for (strongest first by default),
/// ties kept in that order.
fn sorted_edges(o: &Overview, sort: Option<(EdgeColumn, bool)>) -> Vec<usize> {
    let mut order: Vec<usize> = (0..o.edges.len()).collect();
    let Some((column, descending)) = sort else { return order };
    let value = |i: &usize| {
        let e = &o.edges[*i];
        match column {
            EdgeColumn::Forward => f64::from(e.forward),
            EdgeColumn::Backward => f64::from(e.backward),
            EdgeColumn::Pairs => e.pairs as f64,
            EdgeColumn::MeanDt => e.mean_dt,
            EdgeColumn::Symmetry => e.symmetry,
        }
    };
    order.sort_by(|a, b| {
        let by = value(a).total_cmp(&value(b));
        if descending {
            by.reverse()
        } else {
            by
        }
    });
    order
}

#[derive(Properties, PartialEq)]
struct CommunitiesProps {
    overview: Rc<Overview>,
    /// The community the lesson points at.
    mark: Option<u32>,
}

#[function_component]
fn Communities(props: &CommunitiesProps) -> Html {
    let o = &props.overview;
    let list = |r: &[(String, u64)]| r.iter().map(|(k, n)| format!("{k} ({n})")).collect::<Vec<_>>().join(", ");
    html! {
        <>
            <div class="with-help">
                <h3 id="communities-title">{format!("Communities (modularity {:.2}, {} connected groups)", o.modularity, o.components)}</h3>
                <Help term="community" />
            </div>
            <div class="table-scroll" tabindex="0" role="region" aria-labelledby="communities-title">
                <table class="community-table" aria-labelledby="communities-title">
                    <thead><tr>
                        <th scope="col" class="num">{"#"}</th><th scope="col" class="num">{"Accounts"}</th>
                        <th scope="col" class="num">{"Tweets"}</th><th scope="col" class="num">{"Coordinated"}</th>
                        <th scope="col">{"Top hashtags"}</th><th scope="col">{"Top domains"}</th><th scope="col">{"Most retweeted"}</th>
                    </tr></thead>
                    <tbody>
                        { for o.communities.iter().take(50).map(|c| html! {
                            <tr class={classes!((props.mark == Some(c.community)).then_some("lesson-mark"))} data-accounts={c.accounts.to_string()}>
                                <td class="num">{c.community + 1}</td><td class="num">{format::count(c.accounts)}</td>
                                <td class="num">{format::count(c.tweets)}</td>
                                <td class="num">{format::percent(c.coordinated_tweets, c.tweets)}</td>
                                <td dir="auto">{list(&c.top_hashtags)}</td><td>{list(&c.top_domains)}</td>
                                <td dir="auto">{list(&c.top_retweeted)}</td>
                            </tr>
                        }) }
                    </tbody>
                </table>
            </div>
        </>
    }
}

#[derive(Properties, PartialEq)]
struct ExportsProps {
    job: u32,
}

/// Saves the network as a file built in the worker.
#[function_component]
fn Exports(props: &ExportsProps) -> Html {
    let bridge = use_context::<BridgeContext>().expect("the tab sits inside the worker provider");
    let problem = use_state(|| None::<String>);
    let save = |file: NetworkFile| {
        let (bridge, problem, job) = (bridge.clone(), problem.clone(), props.job);
        Callback::from(move |_: MouseEvent| {
            if let Ok(b) = &*bridge {
                let problem = problem.clone();
                b.export(job, file, Callback::from(move |saved: Result<(), String>| problem.set(saved.err())));
            }
        })
    };
    html! {
        <p class="exports">{"Save the network: "}
            { for NetworkFile::ALL.iter().map(|&f| html! {
                <button id={format!("export-{}", f.name().replace('.', "-"))} onclick={save(f)}>{f.label()}</button>
            }) }
            if let Some(why) = &*problem { <span class="error" role="alert">{why}</span> }
        </p>
    }
}
