//! Several series on one calendar, a line each: the Compare view's overlaid
//! timelines, as counts or as shares, with a legend, a table and the chart's
//! export as SVG and PNG.

use super::chart_export::ChartExport;
use super::charts::{toggle_table, use_plot_width, Frame, SlotPointer};
use super::format;
use crate::core::chart;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct LineChartProps {
    pub title: AttrValue,
    /// The periods along the x axis.
    pub labels: Vec<String>,
    /// A name and a value per period for each line.
    pub series: Vec<(String, Vec<f64>)>,
    /// Values are shares (0 to 1), shown as percentages; else counts.
    #[prop_or_default]
    pub share: bool,
    pub file: AttrValue,
}

/// `12.5 %` from a share; the per-mille ticks of a share chart as percentages.
fn percent(share: f64) -> String {
    format!("{:.1} %", 100.0 * share)
}

#[function_component]
pub fn LineChart(props: &LineChartProps) -> Html {
    let hovered = use_state(|| None::<usize>);
    {
        let hovered = hovered.clone();
        use_effect_with(props.labels.clone(), move |_| hovered.set(None));
    }
    let table_open = use_state(|| false);
    let (plot, width) = use_plot_width(720.0);
    let height = (width / 3.5).clamp(170.0, 300.0);
    let frame = Frame { width, height, left: 62.0, top: 10.0, bottom: 22.0, slots: props.labels.len() };
    // Shares are ticked in per mille, so that the ticks stay whole numbers.
    let factor = if props.share { 1000.0 } else { 1.0 };
    let most = props.series.iter().flat_map(|(_, v)| v.iter()).fold(0.0f64, |m, &v| m.max(v));
    let ticks = chart::ticks((most * factor).ceil() as u64, 4);
    let top = *ticks.last().unwrap_or(&1) as f64 / factor;
    let share = props.share;
    let tick_label = move |t: u64| if share { percent(t as f64 / 1000.0) } else { format::count(t) };
    let value = move |v: f64| if share { percent(v) } else { format::count(v.round() as u64) };
    let svg = use_node_ref();
    let pointer = SlotPointer::new(&hovered, &svg, frame);
    let at = |s: &[f64], i: usize| s.get(i).copied().unwrap_or(0.0);
    let caption = match hovered.and_then(|i| props.labels.get(i).map(|l| (i, l))) {
        Some((i, label)) => format!(
            "{label}: {}",
            props.series.iter().map(|(name, s)| format!("{name} {}", value(at(s, i)))).collect::<Vec<_>>().join(", ")
        ),
        None => format!("{} months, {} campaigns", props.labels.len(), props.series.len()),
    };
    html! {
        <figure class="card chart line-chart" data-share={share.to_string()}>
            <figcaption>
                <h3>{props.title.clone()}</h3><span class="hover-value" aria-live="polite">{caption}</span>
                <ChartExport svg={svg.clone()} title={props.title.clone()} file={props.file.clone()} />
            </figcaption>
            <div class="plot" ref={plot}>
            <svg ref={svg} viewBox={frame.view_box()} role="img" tabindex="0"
                aria-label={format!("{}: the arrow keys, Home and End name each month and every campaign's value", props.title)}
                onmousemove={pointer.on_move} onmouseleave={pointer.on_leave} onkeydown={pointer.on_key} onblur={pointer.on_blur}>
                { frame.y_axis_labelled(&ticks, tick_label) }
                if let Some(i) = hovered.filter(|i| *i < frame.slots) {
                    { frame.band("hover", i, 1) }
                }
                <g transform={frame.plot_transform()}>
                    { for props.series.iter().enumerate().map(|(k, (_, values))| html! {
                        <path class={format!("line s{}", k % 6)} d={chart::line_path(values, top, frame.plot_width(), frame.plot_height())} />
                    }) }
                </g>
                { frame.x_labels(&props.labels, 8) }
            </svg>
            </div>
            <ul class="legend">
                { for props.series.iter().enumerate().map(|(k, (name, _))| html! {
                    <li><span class={format!("swatch s{}", k % 6)} aria-hidden="true"></span>{name}</li>
                }) }
            </ul>
            <details class="table-view" ontoggle={toggle_table(&table_open)}>
                <summary>{"Table"}</summary>
                if *table_open {
                    <table>
                        <thead><tr><th scope="col">{"Month"}</th>{ for props.series.iter().map(|(name, _)| html! { <th scope="col">{name}</th> }) }</tr></thead>
                        <tbody>{ for props.labels.iter().enumerate().map(|(i, label)| html! {
                            <tr><td>{label}</td>{ for props.series.iter().map(|(_, s)| html! { <td class="num">{value(at(s, i))}</td> }) }</tr>
                        }) }</tbody>
                    </table>
                }
            </details>
        </figure>
    }
}
