//! One frame of the network drawing: where each account is from the
//! camera's point of view, its painting on a 2D canvas, the same frame as
//! SVG, and what lies under the pointer.
//!
//! Edges and dots are painted by [`crate::raster`] into one bitmap that the
//! canvas takes in one call; names and the search ring are drawn by the
//! canvas over it.

use crate::core::coord::graph::{colour, radius, OTHER_COLOUR};
use crate::core::coord::Overview;
use crate::raster::{Raster, View};
use wasm_bindgen::Clamped;
use wasm_bindgen::JsCast;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement, ImageData};

pub const HEIGHT: f64 = 480.0;
/// At most this many names at once.
const LABELS: usize = 200;

/// Pan and zoom: screen = (world − centre) · scale + middle.
#[derive(Clone, Copy, PartialEq)]
pub struct Camera {
    pub x: f64,
    pub y: f64,
    pub scale: f64,
}

pub fn fit(positions: &[f32], width: f64) -> Camera {
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
pub struct Scene<'a> {
    pub o: &'a Overview,
    pub positions: &'a [f32],
    pub camera: Camera,
    pub colours: &'a [(u8, u8, u8)],
    /// Each node's radius in CSS pixels.
    pub radii: &'a [f64],
    pub found: Option<usize>,
    /// The drawing's size in CSS pixels.
    pub width: f64,
    pub height: f64,
}

impl Scene<'_> {
    /// The camera, for a bitmap of `ratio` device pixels per CSS pixel.
    fn view(&self, ratio: f64) -> View {
        let c = self.camera;
        View { centre: (c.x, c.y), scale: c.scale, middle: (self.width / 2.0, self.height / 2.0), ratio }
    }

    /// Where node `i` is, in CSS pixels.
    fn at(&self, i: u32) -> (f64, f64) {
        self.view(1.0).place(self.positions, i)
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

    /// Paints on a 2D canvas: the edges, the dots, the search ring and the names.
    pub fn draw(&self, canvas: &HtmlCanvasElement, raster: &mut Raster) {
        let Some(ctx) =
            canvas.get_context("2d").ok().flatten().and_then(|c| c.dyn_into::<CanvasRenderingContext2d>().ok())
        else {
            return;
        };
        let (w, h) = (canvas.width(), canvas.height());
        let ratio = f64::from(w) / self.width.max(1.0);
        raster.clear(w as usize, h as usize);
        let edges = self.o.edges.iter().map(|e| (e.a, e.b));
        raster.network(self.positions, edges, self.colours, self.radii, self.view(ratio));
        if let Ok(image) = ImageData::new_with_u8_clamped_array_and_sh(Clamped(raster.rgba()), w, h) {
            let _ = ctx.put_image_data(&image, 0.0, 0.0);
        }
        let _ = ctx.set_transform(ratio, 0.0, 0.0, ratio, 0.0, 0.0);
        if let Some(i) = self.found {
            let (x, y) = self.at(i as u32);
            ctx.begin_path();
            let _ = ctx.arc(x, y, self.radii[i] + 5.0, 0.0, std::f64::consts::TAU);
            ctx.set_stroke_style_str("#d00");
            ctx.set_line_width(3.0);
            ctx.stroke();
        }
        let labelled = if self.labelled() { self.labelled_nodes() } else { self.found.into_iter().collect() };
        ctx.set_fill_style_str("#222");
        ctx.set_font("12px system-ui, sans-serif");
        for i in labelled {
            let (x, y) = self.at(i as u32);
            let _ = ctx.fill_text(&label(&self.o.nodes[i].label), x + self.radii[i] + 2.0, y + 4.0);
        }
    }

    /// The nodes in view worth a name: the largest first (and the one found
    /// before them), each name only where it overlaps none placed before
    /// it, [`LABELS`] at most.
    fn labelled_nodes(&self) -> Vec<usize> {
        let mut inside: Vec<usize> = (0..self.o.nodes.len())
            .filter(|&i| {
                let (x, y) = self.at(i as u32);
                x > 0.0 && y > 0.0 && x < self.width && y < self.height
            })
            .collect();
        inside.sort_by(|&a, &b| {
            let found = |i| self.found == Some(i);
            found(b).cmp(&found(a)).then(self.radii[b].total_cmp(&self.radii[a])).then(a.cmp(&b))
        });
        // Each name's box: 12 px type is about 7 px a character.
        let boxes = |i: usize| {
            let (x, y) = self.at(i as u32);
            let left = x + self.radii[i] + 2.0;
            (left, y - 8.0, left + 7.0 * label(&self.o.nodes[i].label).chars().count() as f64, y + 6.0)
        };
        let mut placed: Vec<(f64, f64, f64, f64)> = Vec::new();
        let mut named = Vec::new();
        for i in inside {
            let b = boxes(i);
            if placed.iter().all(|p| b.2 <= p.0 || p.2 <= b.0 || b.3 <= p.1 || p.3 <= b.1) {
                placed.push(b);
                named.push(i);
                if named.len() == LABELS {
                    break;
                }
            }
        }
        named
    }

    /// The same frame as SVG, for slides and papers.
    pub fn svg(&self) -> String {
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
                out.push_str(&format!(
                    r#"<circle cx="{x:.1}" cy="{y:.1}" r="{:.1}"><title>{}</title></circle>"#,
                    self.radii[i],
                    xml(&self.o.nodes[i].label)
                ));
            }
            out.push_str("</g>");
        }
        if self.labelled() {
            for i in self.labelled_nodes() {
                let (x, y) = self.at(i as u32);
                out.push_str(&format!(
                    r#"<text x="{:.1}" y="{:.1}">{}</text>"#,
                    x + self.radii[i] + 2.0,
                    y + 4.0,
                    xml(&label(&self.o.nodes[i].label))
                ));
            }
        }
        out.push_str("</svg>");
        out
    }
}

pub fn label(name: &str) -> String {
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
pub enum Hit {
    Node(usize),
    Edge(usize),
}

impl Scene<'_> {
    pub fn hit(&self, px: f64, py: f64) -> Option<Hit> {
        let node = (0..self.o.nodes.len()).rev().find(|&i| {
            let (x, y) = self.at(i as u32);
            (x - px).hypot(y - py) <= self.radii[i] + 2.0
        });
        if let Some(i) = node {
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
pub enum ColourBy {
    Community,
    /// The campaign each account tweeted in (pooled networks); grey for several.
    Campaign,
}

pub fn colours(o: &Overview, by: ColourBy) -> Vec<(u8, u8, u8)> {
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

/// What the dots' sizes tell.
#[derive(Clone, Copy, PartialEq)]
pub enum SizeBy {
    /// How many accounts it acted with, as in the GEXF file.
    Degree,
    /// Its tweets: area in proportion, the most active account 10 px across.
    Tweets,
}

pub fn radii(o: &Overview, by: SizeBy) -> Vec<f64> {
    let most = o.nodes.iter().map(|n| n.tweets).max().unwrap_or(0).max(1) as f64;
    o.nodes
        .iter()
        .map(|n| match by {
            SizeBy::Degree => radius(n.degree),
            SizeBy::Tweets => 2.0 + 8.0 * (n.tweets as f64 / most).sqrt(),
        })
        .collect()
}
