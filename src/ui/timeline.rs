//! Tweets per day, week or month, split by type or language, as a stacked SVG
//! chart; clicking a period (shift-click to extend), the arrow keys with Enter
//! (Shift to extend) or typing dates sets the date range that every other
//! view then counts within.

use super::charts::{key_step, toggle_table, use_plot_width, Frame};
use super::format;
use super::hooks::use_answer;
use super::range_inputs::RangeInputs;
use super::state::{view_changer, AppContext};
use crate::core::chart;
use crate::core::query::{Answer, Period, Query, Split, Timeline, TimelineQuery};
use crate::core::time;
use crate::core::view::ViewAction;
use std::rc::Rc;
use web_sys::HtmlSelectElement;
use yew::prelude::*;

/// The periods of `t` that overlap the days `from..to`, and nothing else.
fn zoomed(t: &Timeline, (from, to): (i32, i32)) -> Timeline {
    // Slot i runs from bounds[i] to bounds[i + 1]; the bounds are in order.
    let first = t.bounds.get(1..).unwrap_or_default().partition_point(|&b| b <= from);
    let end = t.bounds.partition_point(|&b| b < to).min(t.periods.len()).max(first);
    Timeline {
        periods: t.periods.get(first..end).unwrap_or_default().to_vec(),
        bounds: t.bounds.get(first..=end).filter(|_| end > first).unwrap_or_default().to_vec(),
        series: t.series.iter().map(|(l, s)| (l.clone(), s.get(first..end).unwrap_or_default().to_vec())).collect(),
    }
}

/// A series' count in slot `i`; a series shorter than the periods counts nothing there.
fn at(series: &[u64], i: usize) -> u64 {
    series.get(i).copied().unwrap_or(0)
}

/// What the split's series are, as the page says it (the kind is the tweet's type).
fn split_label(split: Split) -> &'static str {
    match split {
        Split::Kind => "type",
        Split::Language => "language",
    }
}

#[function_component]
pub fn TimelineView() -> Html {
    let state = use_context::<AppContext>().expect("TimelineView sits inside the app's state provider");
    let change = view_changer(&state);
    // In the view, so that a link or a reload draws the same chart.
    let (period, split) = (state.view.period, state.view.split);
    let hovered = use_state(|| None::<usize>);
    let anchor = use_state(|| None::<usize>);
    let table_open = use_state(|| false);
    // The range this chart set itself and the days it was drawing then: a
    // click keeps the chart where it is, so that shift-click can extend; a
    // range from anywhere else (typed, a link) zooms it.
    let own = use_state(|| None::<((Option<String>, Option<String>), Option<(i32, i32)>)>);
    // "Show all" draws the whole span with the range as a band, until the range changes.
    let whole = use_state(|| None::<(Option<String>, Option<String>)>);
    let svg = use_node_ref();
    let (plot, width) = use_plot_width(960.0);
    let answer = use_answer(Some(Query::Timeline(TimelineQuery { period, split, account: None })));
    let view = &state.view;
    let days = |r: crate::core::query::Range| ((r.from / 1440) as i32, (r.to / 1440).min(i32::MAX as u32) as i32);
    let selected = view.range().map(days);
    let range_key = (view.from.clone(), view.to.clone());
    let span = match &*own {
        _ if whole.as_ref() == Some(&range_key) => None,
        Some((key, span)) if *key == range_key => *span,
        _ => selected,
    };
    {
        // A slot of the old answer, or of the old span, means nothing in a new
        // one (a month view has fewer slots than the day view pointed at).
        let (hovered, anchor) = (hovered.clone(), anchor.clone());
        use_effect_with((answer.as_ref().map(|a| Rc::as_ptr(a) as usize), span), move |_| {
            hovered.set(None);
            anchor.set(None);
        });
    }
    let Some(Answer::Timeline(whole_span)) = answer.as_deref() else {
        return html! { <p class="muted" aria-busy="true">{"Counting…"}</p> };
    };
    let zoom = span.map(|s| zoomed(whole_span, s));
    let t = zoom.as_ref().unwrap_or(whole_span);
    let totals: Vec<u64> = (0..t.periods.len()).map(|i| t.series.iter().map(|(_, s)| at(s, i)).sum()).collect();
    let ticks = chart::ticks(totals.iter().copied().max().unwrap_or(0), 4);
    let top = *ticks.last().unwrap_or(&1);
    let height = (width / 3.7).clamp(200.0, 320.0);
    let frame = Frame { width, height, left: 60.0, top: 10.0, bottom: 24.0, slots: t.periods.len() };
    let values: Vec<Vec<u64>> = t.series.iter().map(|(_, s)| s.clone()).collect();
    let bases = chart::stack(&values);
    let on_period = {
        let change = change.clone();
        Callback::from(move |e: Event| {
            let value = e.target_unchecked_into::<HtmlSelectElement>().value();
            let period = Period::ALL.into_iter().find(|p| p.key() == value).unwrap_or(Period::Month);
            change.emit(ViewAction::SetPeriod(period));
        })
    };
    let on_split = {
        let change = change.clone();
        Callback::from(move |e: Event| {
            let value = e.target_unchecked_into::<HtmlSelectElement>().value();
            let split = Split::ALL.into_iter().find(|s| s.key() == value).unwrap_or(Split::Kind);
            change.emit(ViewAction::SetSplit(split));
        })
    };
    let highlight = selected.map(|(from, to)| {
        let first = t.bounds.partition_point(|&b| b <= from).saturating_sub(1);
        let last = t.bounds.partition_point(|&b| b < to).saturating_sub(1).max(first);
        (first, last + 1 - first)
    });
    // Counts only the periods from `start` to `end` (either way round), and
    // keeps `start` as the end that a later extension keeps.
    let select: Rc<dyn Fn(usize, usize)> = {
        let (change, anchor, own, bounds) = (change.clone(), anchor.clone(), own.clone(), t.bounds.clone());
        Rc::new(move |start: usize, end: usize| {
            let (lo, hi) = (start.min(end), start.max(end));
            let (Some(&first), Some(&last)) = (bounds.get(lo), bounds.get(hi + 1)) else { return };
            anchor.set(Some(start));
            let (from, to) = (time::format_day(first), time::format_day(last - 1));
            own.set(Some(((Some(from.clone()), Some(to.clone())), span)));
            change.emit(ViewAction::SetRange { from: Some(from), to: Some(to) });
        })
    };
    let on_click = {
        let (select, anchor, hovered) = (select.clone(), anchor.clone(), hovered.clone());
        Callback::from(move |e: MouseEvent| {
            let Some(i) = *hovered else { return };
            select(if e.shift_key() { anchor.unwrap_or(i) } else { i }, i);
        })
    };
    // The keyboard's cursor is the pointer's slot: arrows move it, Enter
    // counts its period, Shift with either extends from the range's kept end.
    let on_key = {
        let (anchor, hovered) = (anchor.clone(), hovered.clone());
        let (slots, start) = (frame.slots, highlight.map_or(0, |(first, _)| first));
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Enter" {
                if let Some(i) = *hovered {
                    e.prevent_default();
                    select(if e.shift_key() { anchor.unwrap_or(i) } else { i }, i);
                }
                return;
            }
            let Some(step) = key_step(&e) else { return };
            e.prevent_default();
            let Some(i) = chart::step_slot(*hovered, step, start, slots) else { return };
            hovered.set(Some(i));
            if e.shift_key() {
                select(anchor.or(*hovered).unwrap_or(i), i);
            }
        })
    };
    let show_all = {
        let (whole, key) = (whole.clone(), range_key.clone());
        Callback::from(move |_: MouseEvent| whole.set(Some(key.clone())))
    };
    let zoom_in = {
        let (whole, own) = (whole.clone(), own.clone());
        Callback::from(move |_: MouseEvent| {
            whole.set(None);
            own.set(None);
        })
    };
    let on_blur = {
        let hovered = hovered.clone();
        Callback::from(move |_: FocusEvent| hovered.set(None))
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
    let readout = hovered.and_then(|i| Some((i, t.periods.get(i)?, totals.get(i)?))).map(|(i, period, total)| {
        format!(
            "{period}: {} tweets — {}",
            format::count(*total),
            t.series.iter().map(|(l, s)| format!("{l} {}", format::count(at(s, i)))).collect::<Vec<_>>().join(", ")
        )
    });
    html! {
        <section class="timeline" aria-label="Timeline">
            <div class="controls">
                <label>{"Per "}
                    <select id="timeline-period" onchange={on_period}>
                        { for Period::ALL.into_iter().map(|p| html! { <option value={p.key()} selected={period == p}>{p.key()}</option> }) }
                    </select>
                </label>
                <label>{"Split by "}
                    <select id="timeline-split" onchange={on_split}>
                        { for Split::ALL.into_iter().map(|s| html! { <option value={s.key()} selected={split == s}>{split_label(s)}</option> }) }
                    </select>
                </label>
                <RangeInputs />
                if selected.is_some() {
                    if span.is_some() {
                        <button id="timeline-show-all" class="button secondary" onclick={show_all}>{"Show all"}</button>
                    } else {
                        <button id="timeline-zoom" class="button secondary" onclick={zoom_in}>{"Zoom to the range"}</button>
                    }
                }
            </div>
            if t.periods.is_empty() {
                <p class="muted">{"No tweets fall in the range."}</p>
            }
            <figure class="card chart">
                <figcaption>
                    <span class="hover-value" aria-live="polite">
                        if let Some(readout) = readout {
                            {readout}
                        } else {
                            // One hint for a pointer and one for touch: CSS shows the one that fits.
                            <span class="for-pointer">{"Point at a period for its figures; click to count only that period, shift-click to extend. "}</span>
                            <span class="for-touch">{"Tap a period for its figures and to count only that period. "}</span>
                            <span>{"Keys: arrows, Home and End move; Enter counts that period, Shift extends."}</span>
                        }
                    </span>
                </figcaption>
                <div class="plot" ref={plot}>
                <svg ref={svg} viewBox={frame.view_box()} role="img" tabindex="0"
                    aria-label="Tweets per period, stacked by series: the arrow keys, Home and End name each period, Enter counts only that period, Shift with either extends the range"
                    onmousemove={on_move} onmouseleave={on_leave} onclick={on_click} onkeydown={on_key} onblur={on_blur}>
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
                </div>
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
