//! SVG charts over `core::chart`: one path per series, and a table with the
//! exact figures for screen readers and copying.

use super::format;
use crate::core::chart;
use yew::prelude::*;

const WIDTH: f64 = 720.0;
const HEIGHT: f64 = 180.0;
const LEFT: f64 = 56.0;
const BOTTOM: f64 = 22.0;
/// Room above the top tick for its label.
const TOP: f64 = 10.0;

#[derive(Properties, PartialEq)]
pub struct BarChartProps {
    pub title: AttrValue,
    /// `(label, value)` in order along the x axis.
    pub points: Vec<(String, u64)>,
    pub unit: AttrValue,
}

/// Keeps a `<details>` table's open state, so that a closed table costs nothing.
pub fn toggle_table(open: &UseStateHandle<bool>) -> Callback<Event> {
    let open = open.clone();
    Callback::from(move |e: Event| open.set(e.target_unchecked_into::<web_sys::HtmlDetailsElement>().open()))
}

#[function_component]
pub fn BarChart(props: &BarChartProps) -> Html {
    let hovered = use_state(|| None::<usize>);
    let table_open = use_state(|| false);
    let values: Vec<u64> = props.points.iter().map(|(_, v)| *v).collect();
    let ticks = chart::ticks(values.iter().copied().max().unwrap_or(0), 4);
    let top = *ticks.last().unwrap_or(&1);
    let plot_height = HEIGHT - BOTTOM - TOP;
    let path = chart::bars_path(&values, top, WIDTH - LEFT, plot_height);
    let slot = (WIDTH - LEFT) / values.len().max(1) as f64;
    let on_move = {
        let hovered = hovered.clone();
        let n = values.len();
        Callback::from(move |e: MouseEvent| {
            let svg: web_sys::Element = e
                .current_target()
                .and_then(|t| wasm_bindgen::JsCast::dyn_into(t).ok())
                .expect("the handler sits on the svg");
            let rect = svg.get_bounding_client_rect();
            let x = (e.client_x() as f64 - rect.left()) * WIDTH / rect.width().max(1.0) - LEFT;
            hovered.set((x >= 0.0 && n > 0).then(|| ((x / slot) as usize).min(n - 1)));
        })
    };
    let on_leave = {
        let hovered = hovered.clone();
        Callback::from(move |_: MouseEvent| hovered.set(None))
    };
    let label_every = (props.points.len() / 8).max(1);
    let caption = match *hovered {
        Some(i) => format!("{}: {} {}", props.points[i].0, format::count(props.points[i].1), props.unit),
        None => format!("{} periods, {} {} in all", props.points.len(), format::count(values.iter().sum()), props.unit),
    };
    html! {
        <figure class="card chart">
            <figcaption><h3>{props.title.clone()}</h3><span class="hover-value" aria-live="polite">{caption}</span></figcaption>
            <svg viewBox={format!("0 0 {WIDTH} {HEIGHT}")} role="img" aria-label={props.title.clone()} onmousemove={on_move} onmouseleave={on_leave}>
                { for ticks.iter().map(|t| {
                    let y = TOP + plot_height * (1.0 - *t as f64 / top as f64);
                    html! { <g class="tick"><line x1={LEFT.to_string()} x2={WIDTH.to_string()} y1={y.to_string()} y2={y.to_string()} /><text x={(LEFT - 6.0).to_string()} y={(y + 4.0).to_string()} text-anchor="end">{format::count(*t)}</text></g> }
                }) }
                <path class="series" transform={format!("translate({LEFT} {TOP})")} d={path} />
                if let Some(i) = *hovered {
                    <rect class="hover" x={(LEFT + i as f64 * slot).to_string()} y={TOP.to_string()} width={slot.max(1.0).to_string()} height={plot_height.to_string()} />
                }
                { for props.points.iter().enumerate().filter(|(i, _)| i % label_every == 0).map(|(i, (label, _))| html! {
                    <text class="x-label" x={(LEFT + (i as f64 + 0.5) * slot).to_string()} y={(HEIGHT - 6.0).to_string()} text-anchor="middle">{label}</text>
                }) }
            </svg>
            <details class="table-view" ontoggle={toggle_table(&table_open)}>
                <summary>{"Table"}</summary>
                if *table_open {
                    <table>
                        <thead><tr><th scope="col">{"Period"}</th><th scope="col">{props.unit.clone()}</th></tr></thead>
                        <tbody>{ for props.points.iter().map(|(l, v)| html! { <tr><td>{l}</td><td class="num">{format::count(*v)}</td></tr> }) }</tbody>
                    </table>
                }
            </details>
        </figure>
    }
}

const DAYS: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];

#[derive(Properties, PartialEq)]
pub struct HeatmapProps {
    pub title: AttrValue,
    /// Seven rows (Monday first) of 24 hourly counts.
    pub cells: Vec<[u64; 24]>,
}

/// Hour of day against weekday, shaded by count.
#[function_component]
pub fn Heatmap(props: &HeatmapProps) -> Html {
    let max = props.cells.iter().flatten().copied().max().unwrap_or(0).max(1);
    html! {
        <figure class="card heatmap">
            <figcaption><h3>{props.title.clone()}</h3><span class="muted">{"UTC; darker is busier"}</span></figcaption>
            <table>
                <thead><tr><td></td>{ for (0..24).map(|h| html! { <th scope="col">{if h % 3 == 0 { h.to_string() } else { String::new() }}</th> }) }</tr></thead>
                <tbody>
                { for props.cells.iter().zip(DAYS).map(|(row, day)| html! {
                    <tr>
                        <th scope="row">{day}</th>
                        { for row.iter().enumerate().map(|(h, n)| html! {
                            <td style={format!("--level:{:.3}", *n as f64 / max as f64)} title={format!("{day} {h:02}:00–{h:02}:59: {} tweets", format::count(*n))}>
                                <span class="visually-hidden">{format::count(*n)}</span>
                            </td>
                        }) }
                    </tr>
                }) }
                </tbody>
            </table>
        </figure>
    }
}
