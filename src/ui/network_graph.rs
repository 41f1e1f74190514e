//! The network drawn on a canvas: accounts as dots coloured by community
//! (or campaign) and sized by their edges (or tweets), placed where the
//! worker's force layout puts them as it settles. Drag the background to pan
//! and an account to place it (the layout settles around it), wheel or +/−
//! to zoom, click an account for its page or a line for the tweets behind it. The tables below the
//! drawing hold the same edges for keyboard and screen-reader use.

use super::accounts::{download, download_url};
use super::app::BridgeContext;
use super::graph_scene::{colours, fit, label, radii, Camera, ColourBy, Hit, Scene, SizeBy, HEIGHT};
use super::state::{view_changer, AppContext};
use crate::core::coord::Overview;
use crate::core::view::ViewAction;
use crate::raster::Raster;
use std::rc::Rc;
use web_sys::HtmlCanvasElement;
use yew::prelude::*;

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

#[function_component]
pub fn NetworkGraph(props: &NetworkGraphProps) -> Html {
    let state = use_context::<AppContext>().expect("the graph sits inside the app's state provider");
    let change = view_changer(&state);
    let canvas = use_node_ref();
    // The bitmap the edges and dots are painted into, kept from frame to frame.
    let raster = use_mut_ref(|| Raster::new(0, 0));
    let camera = use_state(|| None::<Camera>);
    // Where a press began, whether it has moved, and the node it grabbed (none: the view pans).
    let drag = use_mut_ref(|| None::<(f64, f64, bool, Option<usize>)>);
    let bridge = use_context::<BridgeContext>().expect("the graph sits inside the worker provider");
    // The account placed by hand last (its user id), as `data-placed` says.
    let placed = use_state(|| None::<String>);
    let width = use_state(|| 900.0f64);
    let colour_by = use_state(|| ColourBy::Community);
    let size_by = use_state(|| SizeBy::Degree);
    let found = use_state(|| None::<usize>);
    let o = props.overview.clone();
    let node_colours = use_memo((o.clone(), *colour_by), |(o, by)| colours(o, *by));
    let node_radii = use_memo((o.clone(), *size_by), |(o, by)| radii(o, *by));
    let positions = props.positions.clone();
    // The camera follows the layout until the person moves it.
    let cam = match (*camera, &positions) {
        (Some(c), _) => c,
        (None, Some(p)) => fit(p, *width),
        (None, None) => Camera { x: 0.0, y: 0.0, scale: 1.0 },
    };
    let scene = {
        let (o, node_colours, node_radii, found, width) =
            (o.clone(), node_colours.clone(), node_radii.clone(), *found, *width);
        move |positions: &Rc<Vec<f32>>, f: &dyn Fn(&Scene)| {
            let (colours, radii) = (&node_colours[..], &node_radii[..]);
            let scene = Scene { o: &o, positions, camera: cam, colours, radii, found, width, height: HEIGHT };
            f(&scene)
        }
    };
    {
        let (canvas, positions, width, scene, raster) =
            (canvas.clone(), positions.clone(), width.clone(), scene.clone(), raster.clone());
        let key = (
            positions.clone(),
            (cam.x.to_bits(), cam.y.to_bits(), cam.scale.to_bits()),
            (node_colours.clone(), node_radii.clone()),
            *found,
        );
        use_effect_with(key, move |_| {
            let (Some(el), Some(p)) = (canvas.cast::<HtmlCanvasElement>(), positions) else { return };
            let ratio = web_sys::window().map_or(1.0, |w| w.device_pixel_ratio());
            let css_width = el.parent_element().map_or(900.0, |p| f64::from(p.client_width())).max(200.0);
            if (css_width - *width).abs() > 1.0 {
                width.set(css_width);
            }
            // Resizing a canvas clears it and makes a new bitmap: only when the size changed.
            let (w, h) = ((css_width * ratio) as u32, (HEIGHT * ratio) as u32);
            if (el.width(), el.height()) != (w, h) {
                el.set_width(w);
                el.set_height(h);
                let _ = el.style().set_property("width", &format!("{css_width}px"));
            }
            scene(&p, &|s| s.draw(&el, &mut raster.borrow_mut()));
            // Counted on the element, not in state: the benchmark reads it, nothing re-renders.
            let draws = el.get_attribute("data-draws").and_then(|n| n.parse::<u64>().ok()).unwrap_or(0);
            let _ = el.set_attribute("data-draws", &(draws + 1).to_string());
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
    let on_size = {
        let size_by = size_by.clone();
        Callback::from(move |e: Event| {
            let select: web_sys::HtmlSelectElement = e.target_unchecked_into();
            size_by.set(if select.value() == "tweets" { SizeBy::Tweets } else { SizeBy::Degree });
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
                <label>{"Size by "}
                    <select id="graph-size" onchange={on_size}>
                        <option value="degree" selected={*size_by == SizeBy::Degree}>{"accounts acted with"}</option>
                        <option value="tweets" selected={*size_by == SizeBy::Tweets}>{"tweets"}</option>
                    </select>
                </label>
                <button type="button" id="graph-png" onclick={save_png}>{"PNG"}</button>
                <button type="button" id="graph-svg" onclick={save_svg}>{"SVG"}</button>
                <span class="muted" role="status">{status}{found_text}</span>
            </div>
            <div class="graph-canvas">
                <canvas ref={canvas} height={HEIGHT.to_string()} onmousedown={on_down} onmousemove={on_move} onmouseup={on_up}
                    onwheel={on_wheel} role="img"
                    aria-label={format!("The network: {} accounts and {} pairs; the tables below list them", o.nodes.len(), o.edges.len())} />
            </div>
            <figcaption class="muted">{"Colour: community (or campaign). Size: how many accounts each acted with (or its tweets, by area). Drag the background to move, an account to place it; wheel to zoom; click an account or a line."}</figcaption>
        </figure>
    }
}
