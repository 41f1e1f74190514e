//! Tweets per day, week or month, split by type or language, as a stacked SVG
//! chart; clicking a period (shift-click to extend) or typing dates sets the
//! date range that every other view then counts within.

use super::campaign_view::view_changer;
use super::charts::{toggle_table, Frame};
use super::format;
use super::hooks::use_answer;
use super::range_inputs::RangeInputs;
use super::state::AppContext;
use crate::core::chart;
use crate::core::query::{Answer, Period, Query, Split, TimelineQuery};
use crate::core::time;
use std::rc::Rc;
use web_sys::HtmlSelectElement;
use yew::prelude::*;

/// A series' count in slot `i`; a series shorter than the periods counts nothing there.
fn at(series: &[u64], i: usize) -> u64 {
    series.get(i).copied().unwrap_or(0)
}

#[function_component]
pub fn TimelineView() -> Html {
    let state = use_context::<AppContext>().expect("TimelineView sits inside the app's state provider");
    let change = view_changer(&state);
    let period = use_state(|| Period::Month);
    let split = use_state(|| Split::Kind);
    let hovered = use_state(|| None::<usize>);
    let anchor = use_state(|| None::<usize>);
    let table_open = use_state(|| false);
    let svg = use_node_ref();
    let answer = use_answer(Some(Query::Timeline(TimelineQuery { period: *period, split: *split, account: None })));
    {
        // A slot of the old answer means nothing in a new one (a month view has
        // fewer slots than the day view that was pointed at).
        let (hovered, anchor) = (hovered.clone(), anchor.clone());
        use_effect_with(answer.as_ref().map(|a| Rc::as_ptr(a) as usize), move |_| {
            hovered.set(None);
            anchor.set(None);
        });
    }
    let Some(Answer::Timeline(t)) = answer.as_deref() else {
        return html! { <p class="muted" aria-busy="true">{"Counting…"}</p> };
    };
    let view = &state.view;
    let selected = view.range().map(|r| ((r.from / 1440) as i32, (r.to / 1440) as i32));
    let totals: Vec<u64> = (0..t.periods.len()).map(|i| t.series.iter().map(|(_, s)| at(s, i)).sum()).collect();
    let ticks = chart::ticks(totals.iter().copied().max().unwrap_or(0), 4);
    let top = *ticks.last().unwrap_or(&1);
    let frame = Frame { width: 960.0, height: 260.0, left: 60.0, top: 10.0, bottom: 24.0, slots: t.periods.len() };
    let values: Vec<Vec<u64>> = t.series.iter().map(|(_, s)| s.clone()).collect();
    let bases = chart::stack(&values);
    let on_period = {
        let period = period.clone();
        Callback::from(move |e: Event| {
            let value = e.target_unchecked_into::<HtmlSelectElement>().value();
            period.set(match value.as_str() {
                "day" => Period::Day,
                "week" => Period::Week,
                _ => Period::Month,
            });
        })
    };
    let on_split = {
        let split = split.clone();
        Callback::from(move |e: Event| {
            let value = e.target_unchecked_into::<HtmlSelectElement>().value();
            split.set(if value == "language" { Split::Language } else { Split::Kind });
        })
    };
    let bounds = t.bounds.clone();
    let on_click = {
        let (change, anchor, hovered) = (change.clone(), anchor.clone(), hovered.clone());
        Callback::from(move |e: MouseEvent| {
            let Some(i) = *hovered else { return };
            let start = match *anchor {
                Some(a) if e.shift_key() => a,
                _ => i,
            };
            let (lo, hi) = (start.min(i), start.max(i));
            let (Some(&first), Some(&end)) = (bounds.get(lo), bounds.get(hi + 1)) else { return };
            anchor.set(Some(start));
            let (from, to) = (time::format_day(first), time::format_day(end - 1));
            change.emit(Box::new(move |v| {
                v.from = Some(from);
                v.to = Some(to);
            }));
        })
    };
    let on_move = {
        let (hovered, svg) = (hovered.clone(), svg.clone());
        Callback::from(move |e: MouseEvent| hovered.set(frame.slot_at(&svg, &e)))
    };
    let on_leave = {
        let hovered = hovered.clone();
        Callback::from(move |_: MouseEvent| hovered.set(None))
    };
    // The render before the effect above still sees the old slot.
    let readout = match hovered.and_then(|i| Some((i, t.periods.get(i)?, totals.get(i)?))) {
        Some((i, period, total)) => format!(
            "{period}: {} tweets — {}",
            format::count(*total),
            t.series.iter().map(|(l, s)| format!("{l} {}", format::count(at(s, i)))).collect::<Vec<_>>().join(", ")
        ),
        None => "Point at a period for its figures; click to count only that period, shift-click to extend.".into(),
    };
    let highlight = selected.map(|(from, to)| {
        let first = t.bounds.partition_point(|&b| b <= from).saturating_sub(1);
        let last = t.bounds.partition_point(|&b| b < to).saturating_sub(1).max(first);
        (first, last + 1 - first)
    });
    html! {
        <section class="timeline" aria-label="Timeline">
            <div class="controls">
                <label>{"Per "}
                    <select id="timeline-period" onchange={on_period}>
                        <option value="day" selected={*period == Period::Day}>{"day"}</option>
                        <option value="week" selected={*period == Period::Week}>{"week"}</option>
                        <option value="month" selected={*period == Period::Month}>{"month"}</option>
                    </select>
                </label>
                <label>{"Split by "}
                    <select id="timeline-split" onchange={on_split}>
                        <option value="kind" selected={*split == Split::Kind}>{"type"}</option>
                        <option value="language" selected={*split == Split::Language}>{"language"}</option>
                    </select>
                </label>
                <RangeInputs />
            </div>
            <figure class="card chart">
                <figcaption><span class="hover-value" aria-live="polite">{readout}</span></figcaption>
                <svg ref={svg} viewBox={frame.view_box()} role="img" aria-label="Tweets per period, stacked by series"
                    onmousemove={on_move} onmouseleave={on_leave} onclick={on_click}>
                    { frame.y_axis(&ticks) }
                    if let Some((first, count)) = highlight {
                        { frame.band("selection", first, count) }
                    }
                    <g transform={frame.plot_transform()}>
                        { for values.iter().zip(&bases).enumerate().map(|(k, (s, b))| html! {
                            <path class={format!("series s{}", k % 6)} d={chart::stacked_bars_path(s, b, top, frame.plot_width(), frame.plot_height())} />
                        }) }
                    </g>
                    if let Some(i) = hovered.filter(|i| *i < frame.slots) {
                        { frame.band("hover", i, 1) }
                    }
                    { frame.x_labels(&t.periods, 10) }
                </svg>
                <ul class="legend">
                    { for t.series.iter().enumerate().map(|(k, (label, s))| html! {
                        <li><span class={format!("swatch s{}", k % 6)} aria-hidden="true"></span>{format!("{label} ({})", format::count(s.iter().sum()))}</li>
                    }) }
                </ul>
                <details class="table-view" ontoggle={toggle_table(&table_open)}>
                    <summary>{"Table"}</summary>
                    if *table_open {
                    <table>
                        <thead><tr><th scope="col">{"Period"}</th>{ for t.series.iter().map(|(l, _)| html! { <th scope="col">{l}</th> }) }<th scope="col">{"All"}</th></tr></thead>
                        <tbody>{ for t.periods.iter().enumerate().map(|(i, p)| html! {
                            <tr><td>{p}</td>{ for t.series.iter().map(|(_, s)| html! { <td class="num">{format::count(at(s, i))}</td> }) }<td class="num">{format::count(at(&totals, i))}</td></tr>
                        }) }</tbody>
                    </table>
                    }
                </details>
            </figure>
        </section>
    }
}
