//! SVG charts over `core::chart`: one path per series, and a table with the
//! exact figures for screen readers and copying.

use super::chart_export::ChartExport;
use super::format;
use super::lesson::{self, use_scroll_to};
use super::state::{view_changer, AppContext};
use crate::core::chart::{self, Step};
use crate::core::lesson::Evidence;
use crate::core::view::{offset_label, ViewAction, UTC_OFFSETS};
use wasm_bindgen::prelude::*;
use yew::prelude::*;

// web-sys's SVG bindings would be a feature of their own for two calls: these
// are the calls themselves.
#[wasm_bindgen]
extern "C" {
    /// The `<svg>` a chart is drawn in.
    #[wasm_bindgen(extends = web_sys::Element, extends = web_sys::Node, js_name = SVGGraphicsElement)]
    type SvgGraphics;

    /// From the element's user units (its viewBox, as fitted into its box) to
    /// the viewport's CSS pixels; `null` while it is not rendered.
    #[wasm_bindgen(method, js_name = getScreenCTM)]
    fn get_screen_ctm(this: &SvgGraphics) -> Option<ScreenMatrix>;

    /// An `SVGMatrix` (a `DOMMatrix` in current browsers).
    type ScreenMatrix;

    /// An old-style `SVGMatrix` throws when the matrix cannot be inverted.
    #[wasm_bindgen(method, catch)]
    fn inverse(this: &ScreenMatrix) -> Result<ScreenMatrix, JsValue>;

    #[wasm_bindgen(method, getter)]
    fn a(this: &ScreenMatrix) -> f64;

    #[wasm_bindgen(method, getter)]
    fn c(this: &ScreenMatrix) -> f64;

    #[wasm_bindgen(method, getter)]
    fn e(this: &ScreenMatrix) -> f64;
}

/// The charts' text size in CSS pixels (style.css says the same): the viewBox
/// is as wide as the chart's box, so a unit is a pixel at any screen width.
const LABEL_PX: f64 = 13.0;

/// The width of the box a chart is drawn in, in CSS pixels: `fallback` until
/// the box is on the page, then measured after each render and on every
/// resize of the window, so that labels keep their size on a phone and a
/// projector alike instead of shrinking and growing with a fixed viewBox.
#[hook]
pub fn use_plot_width(fallback: f64) -> (NodeRef, f64) {
    let node = use_node_ref();
    let width = use_state(|| fallback);
    let measure = {
        let (node, width) = (node.clone(), width.clone());
        move || {
            let Some(el) = node.cast::<web_sys::Element>() else { return };
            let px = f64::from(el.client_width());
            // A box not laid out (hidden, detached) measures 0: keep the last width.
            if px > 0.0 && px != *width {
                width.set(px);
            }
        }
    };
    {
        let measure = measure.clone();
        use_effect(measure);
    }
    use_effect_with((), move |_| {
        let listener = web_sys::window().map(|w| gloo::events::EventListener::new(&w, "resize", move |_| measure()));
        move || drop(listener)
    });
    (node, *width)
}

/// A bar chart's geometry in SVG units: the plot area beside the y axis labels
/// and above the x axis labels, cut into one slot per bar.
#[derive(Clone, Copy)]
pub struct Frame {
    pub width: f64,
    pub height: f64,
    pub left: f64,
    /// Room above the top tick for its label.
    pub top: f64,
    pub bottom: f64,
    pub slots: usize,
}

impl Frame {
    pub fn plot_width(&self) -> f64 {
        self.width - self.left
    }

    pub fn plot_height(&self) -> f64 {
        self.height - self.top - self.bottom
    }

    pub fn slot_width(&self) -> f64 {
        self.plot_width() / self.slots.max(1) as f64
    }

    pub fn view_box(&self) -> String {
        format!("0 0 {} {}", self.width, self.height)
    }

    /// Where the bars are drawn from.
    pub fn plot_transform(&self) -> String {
        format!("translate({} {})", self.left, self.top)
    }

    /// The slot under the pointer of a mouse event on the chart's `<svg>`.
    ///
    /// The `<svg>` comes by reference: Yew delegates events, so the event's
    /// `currentTarget` is the page's root, not the chart. The pointer goes
    /// through the SVG's own screen transform, which knows how the viewBox is
    /// fitted into the element's box (`xMidYMid meet`), not a ratio of widths.
    pub fn slot_at(&self, svg: &NodeRef, e: &MouseEvent) -> Option<usize> {
        let svg = svg.cast::<SvgGraphics>()?;
        let to_user = svg.get_screen_ctm()?.inverse().ok()?;
        let (client_x, client_y) = (f64::from(e.client_x()), f64::from(e.client_y()));
        let x = to_user.a() * client_x + to_user.c() * client_y + to_user.e() - self.left;
        // Beside the drawing (in the margins the fitting leaves) is no slot; a
        // NaN, from a matrix that did not invert, is in no range either.
        ((0.0..self.plot_width()).contains(&x) && self.slots > 0)
            .then(|| ((x / self.slot_width()) as usize).min(self.slots - 1))
    }

    /// Grid lines and labels for `ticks`, the last of which is the chart's top.
    pub fn y_axis(&self, ticks: &[u64]) -> Html {
        self.y_axis_labelled(ticks, format::count)
    }

    /// [`Frame::y_axis`] with each tick's label written by `label`.
    pub fn y_axis_labelled(&self, ticks: &[u64], label: impl Fn(u64) -> String) -> Html {
        let top = ticks.last().copied().unwrap_or(1).max(1);
        html! { <>{ for ticks.iter().map(|t| {
            let y = self.top + self.plot_height() * (1.0 - *t as f64 / top as f64);
            html! { <g class="tick"><line x1={self.left.to_string()} x2={self.width.to_string()} y1={y.to_string()} y2={y.to_string()} /><text x={(self.left - 6.0).to_string()} y={(y + 4.0).to_string()} text-anchor="end">{label(*t)}</text></g> }
        }) }</> }
    }

    /// At most about `most` of the labels under their slots, and no more than
    /// fit side by side at the charts' font size (`LABEL_PX`).
    pub fn x_labels(&self, labels: &[String], most: usize) -> Html {
        let widest = labels.iter().map(|l| l.chars().count()).max().unwrap_or(0) as f64;
        let fit = (self.plot_width() / (widest * LABEL_PX * 0.6 + LABEL_PX * 2.0)) as usize;
        let every = labels.len().div_ceil(fit.clamp(1, most.max(1))).max(1);
        html! { <>{ for labels.iter().enumerate().filter(|(i, _)| i % every == 0).map(|(i, label)| html! {
            <text class="x-label" x={(self.left + (i as f64 + 0.5) * self.slot_width()).to_string()} y={(self.height - 6.0).to_string()} text-anchor="middle">{label}</text>
        }) }</> }
    }

    /// A band over slots `first..first + count`, of the given class.
    pub fn band(&self, class: &'static str, first: usize, count: usize) -> Html {
        let slot = self.slot_width();
        html! {
            <rect {class} x={(self.left + first as f64 * slot).to_string()} y={self.top.to_string()}
                width={(count as f64 * slot).max(1.0).to_string()} height={self.plot_height().to_string()} />
        }
    }
}

#[derive(Properties, PartialEq)]
pub struct BarChartProps {
    pub title: AttrValue,
    /// `(label, value)` in order along the x axis.
    pub points: Vec<(String, u64)>,
    pub unit: AttrValue,
    /// What one bar stands for, in the singular and the plural: a period
    /// of time unless the bars are bins of another kind.
    #[prop_or(AttrValue::Static("period"))]
    pub bar: AttrValue,
    #[prop_or(AttrValue::Static("periods"))]
    pub bars: AttrValue,
    /// The stem of the chart's SVG and PNG files; the title's by default.
    #[prop_or_default]
    pub file: Option<AttrValue>,
}

/// The step a key asks of a chart's cursor; Shift, which a chart may read as
/// "extend", leaves the step as it is.
pub fn key_step(e: &KeyboardEvent) -> Option<Step> {
    match e.key().as_str() {
        "ArrowLeft" | "ArrowDown" => Some(Step::Previous),
        "ArrowRight" | "ArrowUp" => Some(Step::Next),
        "Home" => Some(Step::First),
        "End" => Some(Step::Last),
        _ => None,
    }
}

/// A chart's cursor over its slots: the pointer's slot while it moves over
/// the plot, the arrow keys, Home and End while it has focus; none once the
/// pointer leaves or focus goes.
pub struct SlotPointer {
    pub on_move: Callback<MouseEvent>,
    pub on_leave: Callback<MouseEvent>,
    pub on_key: Callback<KeyboardEvent>,
    pub on_blur: Callback<FocusEvent>,
}

impl SlotPointer {
    pub fn new(hovered: &UseStateHandle<Option<usize>>, svg: &NodeRef, frame: Frame) -> SlotPointer {
        let on_move = {
            let (hovered, svg) = (hovered.clone(), svg.clone());
            Callback::from(move |e: MouseEvent| hovered.set(frame.slot_at(&svg, &e)))
        };
        let on_key = {
            let hovered = hovered.clone();
            Callback::from(move |e: KeyboardEvent| {
                if let Some(step) = key_step(&e) {
                    e.prevent_default();
                    hovered.set(chart::step_slot(*hovered, step, 0, frame.slots));
                }
            })
        };
        let (leave, blur) = (hovered.clone(), hovered.clone());
        SlotPointer {
            on_move,
            on_leave: Callback::from(move |_: MouseEvent| leave.set(None)),
            on_key,
            on_blur: Callback::from(move |_: FocusEvent| blur.set(None)),
        }
    }
}

/// Keeps a `<details>` table's open state, so that a closed table costs nothing.
pub fn toggle_table(open: &UseStateHandle<bool>) -> Callback<Event> {
    let open = open.clone();
    Callback::from(move |e: Event| open.set(e.target_unchecked_into::<web_sys::HtmlDetailsElement>().open()))
}

#[function_component]
pub fn BarChart(props: &BarChartProps) -> Html {
    let hovered = use_state(|| None::<usize>);
    {
        // A slot of the old points means nothing in new ones (there may be fewer).
        let hovered = hovered.clone();
        use_effect_with(props.points.clone(), move |_| hovered.set(None));
    }
    let table_open = use_state(|| false);
    let values: Vec<u64> = props.points.iter().map(|(_, v)| *v).collect();
    let (plot, width) = use_plot_width(720.0);
    let height = (width / 4.0).clamp(150.0, 280.0);
    let frame = Frame { width, height, left: 56.0, top: 10.0, bottom: 22.0, slots: values.len() };
    let ticks = chart::ticks(values.iter().copied().max().unwrap_or(0), 4);
    let top = *ticks.last().unwrap_or(&1);
    let path = chart::bars_path(&values, top, frame.plot_width(), frame.plot_height());
    let labels: Vec<String> = props.points.iter().map(|(l, _)| l.clone()).collect();
    let svg = use_node_ref();
    let file = props.file.clone().unwrap_or_else(|| chart::file_stem(&props.title).into());
    let pointer = SlotPointer::new(&hovered, &svg, frame);
    // The render before the effect above still sees the old slot.
    let caption = match hovered.and_then(|i| props.points.get(i)) {
        Some((label, value)) => format!("{label}: {} {}", format::count(*value), props.unit),
        None => format!(
            "{} {}, {} {} in all",
            props.points.len(),
            props.bars,
            format::count(values.iter().sum()),
            props.unit
        ),
    };
    html! {
        <figure class="card chart">
            <figcaption>
                <h3>{props.title.clone()}</h3><span class="hover-value" aria-live="polite">{caption}</span>
                <ChartExport svg={svg.clone()} title={props.title.clone()} file={file} />
            </figcaption>
            <div class="plot" ref={plot}>
            <svg ref={svg} viewBox={frame.view_box()} role="img" tabindex="0"
                aria-label={format!("{}: the arrow keys, Home and End name each {}", props.title, props.bar)}
                onmousemove={pointer.on_move} onmouseleave={pointer.on_leave} onkeydown={pointer.on_key} onblur={pointer.on_blur}>
                { frame.y_axis(&ticks) }
                <path class="series" transform={frame.plot_transform()} d={path} />
                if let Some(i) = hovered.filter(|i| *i < frame.slots) {
                    { frame.band("hover", i, 1) }
                }
                { frame.x_labels(&labels, 8) }
            </svg>
            </div>
            <details class="table-view" ontoggle={toggle_table(&table_open)}>
                <summary>{"Table"}</summary>
                if *table_open {
                    <table>
                        <thead><tr><th scope="col">{capitalised(&props.bar)}</th><th scope="col">{props.unit.clone()}</th></tr></thead>
                        <tbody>{ for props.points.iter().map(|(l, v)| html! { <tr><td>{l}</td><td class="num">{format::count(*v)}</td></tr> }) }</tbody>
                    </table>
                }
            </details>
        </figure>
    }
}

/// `period` → `Period`, for a table's header.
fn capitalised(word: &str) -> String {
    let mut chars = word.chars();
    chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default()
}

const DAYS: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];

#[derive(Properties, PartialEq)]
pub struct HeatmapProps {
    pub title: AttrValue,
    /// Seven rows (Monday first) of 24 hourly counts, in UTC.
    pub cells: Vec<[u64; 24]>,
}

/// Hour of day against weekday, shaded by count, on the clock of the time
/// zone the view names: a campaign's working day reads in its own hours.
#[function_component]
pub fn Heatmap(props: &HeatmapProps) -> Html {
    let state = use_context::<AppContext>().expect("Heatmap sits inside the app's state provider");
    let offset = state.view.utc_offset;
    let on_offset = {
        let change = view_changer(&state);
        Callback::from(move |e: Event| {
            let value = e.target_unchecked_into::<web_sys::HtmlSelectElement>().value();
            let hours = value.parse().unwrap_or_default();
            change.emit(ViewAction::SetUtcOffset(hours));
        })
    };
    let cells = chart::shift_week(&props.cells, i32::from(offset));
    let max = cells.iter().flatten().copied().max().unwrap_or(0).max(1);
    // The lesson's working hours, outlined while the chart reads on the lesson's clock.
    let hours = match lesson::evidence(&state) {
        Some(evidence @ Evidence::OfficeHours { utc_offset, .. }) if utc_offset == offset => Some(evidence),
        _ => None,
    };
    let in_hours = |day: usize, hour: usize| hours.is_some_and(|e| e.in_hours(day, hour));
    let figure = use_node_ref();
    use_scroll_to(figure.clone(), hours.is_some());
    let zone = offset_label(offset);
    // Every hour has a header for screen readers; every third is shown.
    let hour_header = |h: usize| {
        if h.is_multiple_of(3) {
            html! { <th scope="col">{h}</th> }
        } else {
            html! { <th scope="col"><span class="visually-hidden">{h}</span></th> }
        }
    };
    html! {
        <figure class={classes!("card", "heatmap", hours.map(|_| "lesson-mark"))} ref={figure}
            data-lesson={hours.map(|_| "hours")}>
            <figcaption>
                <h3>{props.title.clone()}</h3>
                <label class="zone">{"Time zone "}
                    <select onchange={on_offset}>
                        { for UTC_OFFSETS.map(|h| html! { <option value={h.to_string()} selected={h == offset}>{offset_label(h)}</option> }) }
                    </select>
                </label>
                // The ramp is drawn with the cells' own colours, so that it
                // reads right in light and dark schemes alike.
                <span class="muted heat-legend">{format!("Hours in {zone}; fewer tweets ")}<span class="heat-ramp" aria-hidden="true"></span>{" more"}</span>
            </figcaption>
            <table>
                <thead><tr><td></td>{ for (0..24).map(hour_header) }</tr></thead>
                <tbody>
                { for cells.iter().zip(DAYS).enumerate().map(|(d, (row, day))| html! {
                    <tr>
                        <th scope="row">{day}</th>
                        { for row.iter().enumerate().map(|(h, n)| html! {
                            <td class={classes!(in_hours(d, h).then_some("in-hours"))} style={format!("--level:{:.3}", *n as f64 / max as f64)} title={format!("{day} {h:02}:00–{h:02}:59: {} tweets", format::count(*n))}>
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
