//! The network drawn on a canvas: accounts as dots coloured by community
//! and sized by their edges, placed where the worker's force layout puts
//! them as it settles. Drag the background to pan and an account to place
//! it (the layout settles around it), wheel or +/− to zoom, click an account
//! for its page or a line for the tweets behind it. The tables below the
//! drawing hold the same edges for keyboard and screen-reader use.

use super::accounts::{download, download_url};
use super::app::BridgeContext;
use super::state::{view_changer, AppContext};
use crate::core::coord::graph::{colour, radius, OTHER_COLOUR};
use crate::core::coord::Overview;
use crate::core::view::ViewAction;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};
use yew::prelude::*;

const HEIGHT: f64 = 480.0;

#[derive(Properties, PartialEq)]
pub struct NetworkGraphProps {
    /// The worker's job that computed the network (a dragged node is pinned in its layout).
    pub job: u32,
    pub overview: Rc<Overview>,
    /// x, y per node, interleaved; `None` until the layout's first positions.
    pub positions: Option<Rc<Vec<f32>>>,
    pub settled: bool,
    /// How many positions the layout has sent.
    pub updates: u32,
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

/// What one frame shows: the network, where its nodes are, from where it is
/// seen, each node's colour, and the node found by the search.
struct Scene<'a> {
    o: &'a Overview,
    positions: &'a [f32],
    camera: Camera,
    colours: &'a [(u8, u8, u8)],
    found: Option<usize>,
    /// The drawing's size in CSS pixels.
    width: f64,
    height: f64,
}

impl Scene<'_> {
    fn at(&self, i: u32) -> (f64, f64) {
        let i = i as usize * 2;
        let (x, y) = (f64::from(self.positions[i]), f64::from(self.positions[i + 1]));
        let c = self.camera;
        ((x - c.x) * c.scale + self.width / 2.0, (y - c.y) * c.scale + self.height / 2.0)
    }

    /// Names once there is room for them.
    fn labelled(&self) -> bool {
        self.camera.scale * fit_scale_unit(self.positions) > 2.5 || self.o.nodes.len() <= 60
    }

    /// The nodes by colour, so that each colour is one path.
    fn by_colour(&self) -> std::collections::BTreeMap<(u8, u8, u8), Vec<usize>> {
        let mut groups: std::collections::BTreeMap<(u8, u8, u8), Vec<usize>> = Default::default();
        for (i, &c) in self.colours.iter().enumerate() {
            groups.entry(c).or_default().push(i);
        }
        groups
    }

    fn draw(&self, canvas: &HtmlCanvasElement) {
        let Some(ctx) =
            canvas.get_context("2d").ok().flatten().and_then(|c| c.dyn_into::<CanvasRenderingContext2d>().ok())
        else {
            return;
        };
        let ratio = f64::from(canvas.width()) / self.width.max(1.0);
        let _ = ctx.set_transform(ratio, 0.0, 0.0, ratio, 0.0, 0.0);
        ctx.clear_rect(0.0, 0.0, self.width, self.height);
        // Every edge in one path: one stroke however many there are.
        ctx.begin_path();
        for e in &self.o.edges {
            let ((ax, ay), (bx, by)) = (self.at(e.a), self.at(e.b));
            ctx.move_to(ax, ay);
            ctx.line_to(bx, by);
        }
        ctx.set_stroke_style_str("rgba(110, 110, 110, 0.35)");
        ctx.set_line_width(1.0);
        ctx.stroke();
        for ((r, g, b), nodes) in self.by_colour() {
            ctx.begin_path();
            for i in nodes {
                let (x, y) = self.at(i as u32);
                let radius = radius(self.o.nodes[i].degree);
                ctx.move_to(x + radius, y);
                let _ = ctx.arc(x, y, radius, 0.0, std::f64::consts::TAU);
            }
            ctx.set_fill_style_str(&format!("rgb({r}, {g}, {b})"));
            ctx.fill();
        }
        if let Some(i) = self.found {
            let (x, y) = self.at(i as u32);
            ctx.begin_path();
            let _ = ctx.arc(x, y, radius(self.o.nodes[i].degree) + 5.0, 0.0, std::f64::consts::TAU);
            ctx.set_stroke_style_str("#d00");
            ctx.set_line_width(3.0);
            ctx.stroke();
        }
        // Asked once: it looks at every node's position.
        let labelled = self.labelled();
        if labelled || self.found.is_some() {
            ctx.set_fill_style_str("#222");
            ctx.set_font("12px system-ui, sans-serif");
            for (i, n) in self.o.nodes.iter().enumerate() {
                let (x, y) = self.at(i as u32);
                let inside = x > 0.0 && y > 0.0 && x < self.width && y < self.height;
                if inside && (labelled || self.found == Some(i)) {
                    let _ = ctx.fill_text(&label(&n.label), x + radius(n.degree) + 2.0, y + 4.0);
                }
            }
        }
    }

    /// The same frame as SVG, for slides and papers.
    fn svg(&self) -> String {
        let mut out = format!(
            r#"<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" viewBox="0 0 {w} {h}" font-family="sans-serif" font-size="12"><rect width="100%" height="100%" fill="white"/><g stroke="rgb(110,110,110)" stroke-opacity="0.35">"#,
            w = self.width,
            h = self.height
        );
        for e in &self.o.edges {
            let ((ax, ay), (bx, by)) = (self.at(e.a), self.at(e.b));
            out.push_str(&format!(r#"<line x1="{ax:.1}" y1="{ay:.1}" x2="{bx:.1}" y2="{by:.1}"/>"#));
        }
        out.push_str("</g>");
        for ((r, g, b), nodes) in self.by_colour() {
            out.push_str(&format!(r#"<g fill="rgb({r},{g},{b})">"#));
            for i in nodes {
                let (x, y) = self.at(i as u32);
                let n = &self.o.nodes[i];
                out.push_str(&format!(
                    r#"<circle cx="{x:.1}" cy="{y:.1}" r="{:.1}"><title>{}</title></circle>"#,
                    radius(n.degree),
                    xml(&n.label)
                ));
            }
            out.push_str("</g>");
        }
        if self.labelled() {
            for (i, n) in self.o.nodes.iter().enumerate() {
                let (x, y) = self.at(i as u32);
                out.push_str(&format!(
                    r#"<text x="{:.1}" y="{:.1}">{}</text>"#,
                    x + radius(n.degree) + 2.0,
                    y + 4.0,
                    xml(&label(&n.label))
                ));
            }
        }
        out.push_str("</svg>");
        out
    }
}

fn label(name: &str) -> String {
    name.chars().take(20).collect()
}

fn xml(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
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

impl Scene<'_> {
    fn hit(&self, px: f64, py: f64) -> Option<Hit> {
        let node = self.o.nodes.iter().enumerate().rev().find(|(i, n)| {
            let (x, y) = self.at(*i as u32);
            (x - px).hypot(y - py) <= radius(n.degree) + 2.0
        });
        if let Some((i, _)) = node {
            return Some(Hit::Node(i));
        }
        let distance = |e: &crate::core::coord::EdgeRow| {
            let ((ax, ay), (bx, by)) = (self.at(e.a), self.at(e.b));
            let (dx, dy) = (bx - ax, by - ay);
            let t = (((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy).max(1e-9)).clamp(0.0, 1.0);
            (ax + t * dx - px).hypot(ay + t * dy - py)
        };
        self.o
            .edges
            .iter()
            .enumerate()
            .map(|(i, e)| (i, distance(e)))
            .filter(|&(_, d)| d <= 4.0)
            .min_by(|a, b| a.1.total_cmp(&b.1))
            .map(|(i, _)| Hit::Edge(i))
    }
}

/// What the dots' colours tell.
#[derive(Clone, Copy, PartialEq)]
enum ColourBy {
    Community,
    /// The campaign each account tweeted in (pooled networks); grey for several.
    Campaign,
}

fn colours(o: &Overview, by: ColourBy) -> Vec<(u8, u8, u8)> {
    o.nodes
        .iter()
        .map(|n| match by {
            ColourBy::Community => colour(n.community),
            ColourBy::Campaign => match o.campaigns.iter().position(|c| *c == n.campaigns) {
                Some(i) => colour(i as u32),
                None => OTHER_COLOUR,
            },
        })
        .collect()
}

#[function_component]
pub fn NetworkGraph(props: &NetworkGraphProps) -> Html {
    let state = use_context::<AppContext>().expect("the graph sits inside the app's state provider");
    let change = view_changer(&state);
    let canvas = use_node_ref();
    let camera = use_state(|| None::<Camera>);
    // Where a press began, whether it has moved, and the node it grabbed (none: the view pans).
    let drag = use_mut_ref(|| None::<(f64, f64, bool, Option<usize>)>);
    let bridge = use_context::<BridgeContext>().expect("the graph sits inside the worker provider");
    // The account placed by hand last (its user id), as `data-placed` says.
    let placed = use_state(|| None::<String>);
    let width = use_state(|| 900.0f64);
    let colour_by = use_state(|| ColourBy::Community);
    let found = use_state(|| None::<usize>);
    let o = props.overview.clone();
    let node_colours = use_memo((o.clone(), *colour_by), |(o, by)| colours(o, *by));
    let positions = props.positions.clone();
    // The camera follows the layout until the person moves it.
    let cam = match (*camera, &positions) {
        (Some(c), _) => c,
        (None, Some(p)) => fit(p, *width),
        (None, None) => Camera { x: 0.0, y: 0.0, scale: 1.0 },
    };
    let scene = {
        let (o, node_colours, found, width) = (o.clone(), node_colours.clone(), *found, *width);
        move |positions: &Rc<Vec<f32>>, f: &dyn Fn(&Scene)| {
            let scene = Scene { o: &o, positions, camera: cam, colours: &node_colours, found, width, height: HEIGHT };
            f(&scene)
        }
    };
    {
        let (canvas, positions, width, scene) = (canvas.clone(), positions.clone(), width.clone(), scene.clone());
        let key =
            (positions.clone(), cam.x.to_bits(), cam.y.to_bits(), cam.scale.to_bits(), node_colours.clone(), *found);
        use_effect_with(key, move |_| {
            if let (Some(el), Some(p)) = (canvas.cast::<HtmlCanvasElement>(), positions) {
                let ratio = web_sys::window().map_or(1.0, |w| w.device_pixel_ratio());
                let css_width = el.parent_element().map_or(900.0, |p| f64::from(p.client_width())).max(200.0);
                if (css_width - *width).abs() > 1.0 {
                    width.set(css_width);
                }
                el.set_width((css_width * ratio) as u32);
                el.set_height((HEIGHT * ratio) as u32);
                let _ = el.style().set_property("width", &format!("{css_width}px"));
                scene(&p, &|s| s.draw(&el));
            }
        });
    }
    let point = |e: &MouseEvent| (f64::from(e.offset_x()), f64::from(e.offset_y()));
    let on_down = {
        let (drag, positions, scene) = (drag.clone(), positions.clone(), scene.clone());
        Callback::from(move |e: MouseEvent| {
            let (x, y) = point(&e);
            let grabbed = std::cell::Cell::new(None);
            if let Some(p) = &positions {
                scene(p, &|s| {
                    if let Some(Hit::Node(i)) = s.hit(x, y) {
                        grabbed.set(Some(i));
                    }
                });
            }
            *drag.borrow_mut() = Some((x, y, false, grabbed.get()));
        })
    };
    let on_move = {
        let (drag, camera, bridge, job, width) = (drag.clone(), camera.clone(), bridge.clone(), props.job, *width);
        Callback::from(move |e: MouseEvent| {
            let mut held = drag.borrow_mut();
            let Some((x0, y0, moved, grabbed)) = held.as_mut() else { return };
            let (x, y) = point(&e);
            if (x - *x0).hypot(y - *y0) <= 3.0 && !*moved {
                return;
            }
            *moved = true;
            match grabbed {
                // The node goes where the pointer is, in the layout's own coordinates.
                Some(node) => {
                    let (wx, wy) = ((x - width / 2.0) / cam.scale + cam.x, (y - HEIGHT / 2.0) / cam.scale + cam.y);
                    if let Ok(b) = &*bridge {
                        b.pin(job, *node as u32, wx as f32, wy as f32);
                    }
                }
                None => {
                    camera.set(Some(Camera {
                        x: cam.x - (x - *x0) / cam.scale,
                        y: cam.y - (y - *y0) / cam.scale,
                        ..cam
                    }));
                    (*x0, *y0) = (x, y);
                }
            }
        })
    };
    let on_up = {
        let (drag, o, positions, change, scene, placed) =
            (drag.clone(), o.clone(), positions.clone(), change.clone(), scene.clone(), placed.clone());
        Callback::from(move |e: MouseEvent| {
            let Some((_, _, moved, grabbed)) = drag.borrow_mut().take() else { return };
            if let (true, Some(node)) = (moved, grabbed) {
                placed.set(Some(o.nodes[node].id.clone()));
            }
            let Some(p) = positions.as_ref().filter(|_| !moved) else { return };
            let (x, y) = point(&e);
            let hit = std::cell::Cell::new(None);
            scene(p, &|s| hit.set(s.hit(x, y)));
            match hit.take() {
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
    {
        // A drag that ends off the canvas (or after the canvas moved under
        // the pointer) still ends: the page hears the release.
        let (drag, o, placed) = (drag.clone(), o.clone(), placed.clone());
        use_effect_with(o.clone(), move |_| {
            let listener = web_sys::window().map(|w| {
                gloo::events::EventListener::new(&w, "mouseup", move |_| {
                    let taken = drag.borrow_mut().take();
                    if let Some((_, _, true, Some(node))) = taken {
                        placed.set(Some(o.nodes[node].id.clone()));
                    }
                })
            });
            move || drop(listener)
        });
    }
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
        let (camera, found) = (camera.clone(), found.clone());
        Callback::from(move |_: MouseEvent| {
            camera.set(None);
            found.set(None);
        })
    };
    // The search: the first account whose name or id holds the text, centred and ringed.
    let on_search = {
        let (o, found, camera, positions) = (o.clone(), found.clone(), camera.clone(), positions.clone());
        Callback::from(move |e: InputEvent| {
            let input: web_sys::HtmlInputElement = e.target_unchecked_into();
            let text = input.value().trim().to_lowercase();
            let hit = (!text.is_empty())
                .then(|| {
                    o.nodes.iter().position(|n| n.label.to_lowercase().contains(&text) || n.id.to_lowercase() == text)
                })
                .flatten();
            found.set(hit);
            if let (Some(i), Some(p)) = (hit, positions.as_ref()) {
                let scale = cam.scale.max(fit(p, 1000.0).scale * 3.0);
                camera.set(Some(Camera { x: f64::from(p[2 * i]), y: f64::from(p[2 * i + 1]), scale }));
            }
        })
    };
    let save_png = {
        let canvas = canvas.clone();
        Callback::from(move |_: MouseEvent| {
            if let Some(url) = canvas.cast::<HtmlCanvasElement>().and_then(|c| c.to_data_url().ok()) {
                download_url("network.png", &url);
            }
        })
    };
    let save_svg = {
        let (positions, scene) = (positions.clone(), scene.clone());
        Callback::from(move |_: MouseEvent| {
            if let Some(p) = &positions {
                scene(p, &|s| download("network.svg", &s.svg(), "image/svg+xml"));
            }
        })
    };
    let on_colour = {
        let colour_by = colour_by.clone();
        Callback::from(move |e: Event| {
            let select: web_sys::HtmlSelectElement = e.target_unchecked_into();
            colour_by.set(if select.value() == "campaign" { ColourBy::Campaign } else { ColourBy::Community });
        })
    };
    let status = match (&positions, props.settled) {
        (None, _) => "Placing the accounts…",
        (Some(_), false) => "The drawing is settling…",
        (Some(_), true) => "",
    };
    let found_text = match *found {
        Some(i) => format!("Found {}", label(&o.nodes[i].label)),
        None => String::new(),
    };
    html! {
        <figure class="network-graph" data-settled={props.settled.to_string()} data-updates={props.updates.to_string()} data-placed={(*placed).clone()}>
            <div class="graph-tools controls">
                {button("Zoom in", 1.25)}{button("Zoom out", 0.8)}
                <button type="button" onclick={reset}>{"Fit"}</button>
                <label>{"Find an account "}<input id="graph-search" type="search" oninput={on_search} placeholder="name or user id" /></label>
                if o.campaigns.len() > 1 {
                    <label>{"Colour by "}
                        <select id="graph-colour" onchange={on_colour}>
                            <option value="community" selected={*colour_by == ColourBy::Community}>{"community"}</option>
                            <option value="campaign" selected={*colour_by == ColourBy::Campaign}>{"campaign"}</option>
                        </select>
                    </label>
                }
                <button type="button" id="graph-png" onclick={save_png}>{"PNG"}</button>
                <button type="button" id="graph-svg" onclick={save_svg}>{"SVG"}</button>
                <span class="muted" role="status">{status}{found_text}</span>
            </div>
            <div class="graph-canvas">
                <canvas ref={canvas} height={HEIGHT.to_string()} onmousedown={on_down} onmousemove={on_move} onmouseup={on_up}
                    onwheel={on_wheel} role="img"
                    aria-label={format!("The network: {} accounts and {} pairs; the tables below list them", o.nodes.len(), o.edges.len())} />
            </div>
            <figcaption class="muted">{"Colour: community (or campaign). Size: how many accounts each acted with. Drag the background to move, an account to place it; wheel to zoom; click an account or a line."}</figcaption>
        </figure>
    }
}
