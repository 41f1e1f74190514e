//! The network drawn on a canvas: accounts as dots coloured by community
//! and sized by their edges, placed where the worker's force layout puts
//! them as it settles. Drag to pan, wheel or +/− to zoom, click an account
//! for its page or a line for the tweets behind it. The tables below the
//! drawing hold the same edges for keyboard and screen-reader use.

use super::state::{view_changer, AppContext};
use crate::core::coord::Overview;
use crate::core::view::ViewAction;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};
use yew::prelude::*;

/// Okabe–Ito colours, then grey for the communities past them.
const COLOURS: [&str; 8] = ["#0072b2", "#e69f00", "#009e73", "#cc79a7", "#56b4e9", "#d55e00", "#f0e442", "#000000"];
const OTHER: &str = "#999999";
const HEIGHT: f64 = 480.0;

#[derive(Properties, PartialEq)]
pub struct NetworkGraphProps {
    pub overview: Rc<Overview>,
    /// x, y per node, interleaved; `None` until the layout's first positions.
    pub positions: Option<Rc<Vec<f32>>>,
    pub settled: bool,
}

/// Pan and zoom: screen = (world − centre) · scale + middle.
#[derive(Clone, Copy, PartialEq)]
struct Camera {
    x: f64,
    y: f64,
    scale: f64,
}

fn fit(positions: &[f32], width: f64) -> Camera {
    let (mut lo, mut hi) = ((f64::MAX, f64::MAX), (f64::MIN, f64::MIN));
    for p in positions.chunks_exact(2) {
        let (x, y) = (f64::from(p[0]), f64::from(p[1]));
        (lo, hi) = ((lo.0.min(x), lo.1.min(y)), (hi.0.max(x), hi.1.max(y)));
    }
    if lo.0 > hi.0 {
        return Camera { x: 0.0, y: 0.0, scale: 1.0 };
    }
    let span = ((hi.0 - lo.0) / (width - 40.0)).max((hi.1 - lo.1) / (HEIGHT - 40.0)).max(1e-9);
    Camera { x: (lo.0 + hi.0) / 2.0, y: (lo.1 + hi.1) / 2.0, scale: 1.0 / span }
}

fn radius(degree: u32) -> f64 {
    2.0 + f64::from(degree).sqrt().min(8.0)
}

fn draw(canvas: &HtmlCanvasElement, o: &Overview, positions: &[f32], camera: Camera) {
    let Some(ctx) = canvas.get_context("2d").ok().flatten().and_then(|c| c.dyn_into::<CanvasRenderingContext2d>().ok())
    else {
        return;
    };
    let (w, h) = (f64::from(canvas.width()), f64::from(canvas.height()));
    let ratio = web_sys::window().map_or(1.0, |w| w.device_pixel_ratio());
    let _ = ctx.set_transform(ratio, 0.0, 0.0, ratio, 0.0, 0.0);
    ctx.clear_rect(0.0, 0.0, w, h);
    let (mid_x, mid_y) = (w / ratio / 2.0, h / ratio / 2.0);
    let at = |i: u32| {
        let i = i as usize * 2;
        let (x, y) = (f64::from(positions[i]), f64::from(positions[i + 1]));
        ((x - camera.x) * camera.scale + mid_x, (y - camera.y) * camera.scale + mid_y)
    };
    // Every edge in one path: one stroke however many there are.
    ctx.begin_path();
    for e in &o.edges {
        let ((ax, ay), (bx, by)) = (at(e.a), at(e.b));
        ctx.move_to(ax, ay);
        ctx.line_to(bx, by);
    }
    ctx.set_stroke_style_str("rgba(110, 110, 110, 0.35)");
    ctx.set_line_width(1.0);
    ctx.stroke();
    // Nodes by colour, one path per colour.
    for (c, colour) in COLOURS.iter().chain(std::iter::once(&OTHER)).enumerate() {
        ctx.begin_path();
        for (i, n) in o.nodes.iter().enumerate() {
            if (n.community as usize).min(COLOURS.len()) == c {
                let (x, y) = at(i as u32);
                let r = radius(n.degree);
                ctx.move_to(x + r, y);
                let _ = ctx.arc(x, y, r, 0.0, std::f64::consts::TAU);
            }
        }
        ctx.set_fill_style_str(colour);
        ctx.fill();
    }
    // Names once there is room for them.
    if camera.scale * fit_scale_unit(positions) > 2.5 || o.nodes.len() <= 60 {
        ctx.set_fill_style_str("#222");
        ctx.set_font("12px system-ui, sans-serif");
        for (i, n) in o.nodes.iter().enumerate() {
            let (x, y) = at(i as u32);
            if x > 0.0 && y > 0.0 && x < w / ratio && y < h / ratio {
                let _ =
                    ctx.fill_text(&n.label.chars().take(20).collect::<String>(), x + radius(n.degree) + 2.0, y + 4.0);
            }
        }
    }
}

/// How zoomed in the camera is against a fit of the whole graph into 1000 px.
fn fit_scale_unit(positions: &[f32]) -> f64 {
    1.0 / fit(positions, 1000.0).scale
}

/// The node under a point of the canvas, or the edge nearest it within 4 px.
enum Hit {
    Node(usize),
    Edge(usize),
}

fn hit(o: &Overview, positions: &[f32], camera: Camera, mid: (f64, f64), px: f64, py: f64) -> Option<Hit> {
    let at = |i: u32| {
        let i = i as usize * 2;
        let (x, y) = (f64::from(positions[i]), f64::from(positions[i + 1]));
        ((x - camera.x) * camera.scale + mid.0, (y - camera.y) * camera.scale + mid.1)
    };
    let node = o.nodes.iter().enumerate().rev().find(|(i, n)| {
        let (x, y) = at(*i as u32);
        (x - px).hypot(y - py) <= radius(n.degree) + 2.0
    });
    if let Some((i, _)) = node {
        return Some(Hit::Node(i));
    }
    let distance = |e: &crate::core::coord::EdgeRow| {
        let ((ax, ay), (bx, by)) = (at(e.a), at(e.b));
        let (dx, dy) = (bx - ax, by - ay);
        let t = (((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy).max(1e-9)).clamp(0.0, 1.0);
        (ax + t * dx - px).hypot(ay + t * dy - py)
    };
    o.edges
        .iter()
        .enumerate()
        .map(|(i, e)| (i, distance(e)))
        .filter(|&(_, d)| d <= 4.0)
        .min_by(|a, b| a.1.total_cmp(&b.1))
        .map(|(i, _)| Hit::Edge(i))
}

#[function_component]
pub fn NetworkGraph(props: &NetworkGraphProps) -> Html {
    let state = use_context::<AppContext>().expect("the graph sits inside the app's state provider");
    let change = view_changer(&state);
    let canvas = use_node_ref();
    let camera = use_state(|| None::<Camera>);
    let drag = use_mut_ref(|| None::<(f64, f64, bool)>);
    let width = use_state(|| 900.0f64);
    let positions = props.positions.clone();
    // The camera follows the layout until the person moves it.
    let cam = match (*camera, &positions) {
        (Some(c), _) => c,
        (None, Some(p)) => fit(p, *width),
        (None, None) => Camera { x: 0.0, y: 0.0, scale: 1.0 },
    };
    {
        let (canvas, o, positions, width) = (canvas.clone(), props.overview.clone(), positions.clone(), width.clone());
        use_effect_with((positions.clone(), cam.x.to_bits(), cam.y.to_bits(), cam.scale.to_bits()), move |_| {
            if let (Some(el), Some(p)) = (canvas.cast::<HtmlCanvasElement>(), positions) {
                let ratio = web_sys::window().map_or(1.0, |w| w.device_pixel_ratio());
                let css_width = el.parent_element().map_or(900.0, |p| f64::from(p.client_width())).max(200.0);
                if (css_width - *width).abs() > 1.0 {
                    width.set(css_width);
                }
                el.set_width((css_width * ratio) as u32);
                el.set_height((HEIGHT * ratio) as u32);
                let _ = el.style().set_property("width", &format!("{css_width}px"));
                draw(&el, &o, &p, cam);
            }
        });
    }
    let point = |e: &MouseEvent| (f64::from(e.offset_x()), f64::from(e.offset_y()));
    let on_down = {
        let drag = drag.clone();
        Callback::from(move |e: MouseEvent| {
            let (x, y) = point(&e);
            *drag.borrow_mut() = Some((x, y, false));
        })
    };
    let on_move = {
        let (drag, camera) = (drag.clone(), camera.clone());
        Callback::from(move |e: MouseEvent| {
            let mut held = drag.borrow_mut();
            let Some((x0, y0, moved)) = held.as_mut() else { return };
            let (x, y) = point(&e);
            if (x - *x0).hypot(y - *y0) > 3.0 || *moved {
                *moved = true;
                camera.set(Some(Camera { x: cam.x - (x - *x0) / cam.scale, y: cam.y - (y - *y0) / cam.scale, ..cam }));
                (*x0, *y0) = (x, y);
            }
        })
    };
    let on_up = {
        let (drag, o, positions, change, width) =
            (drag.clone(), props.overview.clone(), positions.clone(), change.clone(), *width);
        Callback::from(move |e: MouseEvent| {
            let Some((_, _, moved)) = drag.borrow_mut().take() else { return };
            let Some(p) = positions.as_ref().filter(|_| !moved) else { return };
            let (x, y) = point(&e);
            match hit(&o, p, cam, (width / 2.0, HEIGHT / 2.0), x, y) {
                Some(Hit::Node(i)) => change.emit(ViewAction::OpenAccount(o.nodes[i].id.clone())),
                Some(Hit::Edge(i)) => {
                    let edge = &o.edges[i];
                    let ids = (o.nodes[edge.a as usize].id.clone(), o.nodes[edge.b as usize].id.clone());
                    change.emit(ViewAction::OpenEdge(Some(ids)));
                }
                None => {}
            }
        })
    };
    let zoom = move |camera: &UseStateHandle<Option<Camera>>, by: f64| {
        camera.set(Some(Camera { scale: cam.scale * by, ..cam }));
    };
    let on_wheel = {
        let camera = camera.clone();
        Callback::from(move |e: WheelEvent| {
            e.prevent_default();
            zoom(&camera, if e.delta_y() < 0.0 { 1.25 } else { 0.8 });
        })
    };
    let button = |label: &'static str, by: f64| {
        let camera = camera.clone();
        html! { <button type="button" onclick={Callback::from(move |_: MouseEvent| zoom(&camera, by))} aria-label={label}>{if by > 1.0 { "+" } else { "−" }}</button> }
    };
    let reset = {
        let camera = camera.clone();
        Callback::from(move |_: MouseEvent| camera.set(None))
    };
    let status = match (&positions, props.settled) {
        (None, _) => "Placing the accounts…",
        (Some(_), false) => "The drawing is settling…",
        (Some(_), true) => "",
    };
    html! {
        <figure class="network-graph" data-settled={props.settled.to_string()}>
            <div class="graph-tools">
                {button("Zoom in", 1.25)}{button("Zoom out", 0.8)}
                <button type="button" onclick={reset}>{"Fit"}</button>
                <span class="muted" role="status">{status}</span>
            </div>
            <div class="graph-canvas">
                <canvas ref={canvas} height={HEIGHT.to_string()} onmousedown={on_down} onmousemove={on_move} onmouseup={on_up}
                    onwheel={on_wheel} role="img"
                    aria-label={format!("The network: {} accounts and {} pairs; the tables below list them", props.overview.nodes.len(), props.overview.edges.len())} />
            </div>
            <figcaption class="muted">{"Colour: community. Size: how many accounts each acted with. Drag to move, wheel to zoom, click an account or a line."}</figcaption>
        </figure>
    }
}
