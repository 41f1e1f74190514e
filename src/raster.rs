//! A small software painter for the network drawing: antialiased 1-pixel
//! lines and filled discs blended into an RGBA buffer that the page puts on
//! its canvas in one call.
//!
//! Why not the canvas's own paths: measured in headless Chromium (no GPU),
//! filling 10 000 arcs takes 40 ms or more a frame and WebGL in software is
//! slower still, while with this the page redraws a co-action network of
//! 10 000 accounts and 100 000 pairs 53 times a second (BENCHMARKS.md, "The
//! network drawing"). Pure Rust, so it is tested natively.
//!
//! Pixels are kept premultiplied (colour × alpha) and packed four bytes to
//! a `u32`, so that "over" blending is a few integer multiplies for all four
//! channels at once; [`Raster::rgba`] gives them straight, as `ImageData`
//! wants.

/// A colour and how opaque it is, 0 to 1.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Paint {
    pub rgb: (u8, u8, u8),
    pub alpha: f32,
}

impl Paint {
    /// Premultiplied and packed: red in the low byte, alpha in the high one.
    fn premultiplied(self) -> u32 {
        let (r, g, b) = self.rgb;
        let a = self.alpha.clamp(0.0, 1.0);
        let byte = |v: u8| (f32::from(v) * a).round() as u32;
        byte(r) | byte(g) << 8 | byte(b) << 16 | ((a * 255.0).round() as u32) << 24
    }
}

/// Each of the four packed channels of `p` times `k`/256 (`k` up to 256).
fn scale(p: u32, k: u32) -> u32 {
    let red_blue = (((p & 0x00FF_00FF) * k) >> 8) & 0x00FF_00FF;
    let green_alpha = (((p >> 8) & 0x00FF_00FF) * k) & 0xFF00_FF00;
    red_blue | green_alpha
}

pub struct Raster {
    width: usize,
    height: usize,
    /// Premultiplied RGBA packed as by [`Paint::premultiplied`], row by row.
    pixels: Vec<u32>,
    /// The straight bytes of the last [`Raster::rgba`], kept to be reused.
    bytes: Vec<u8>,
}

impl Raster {
    pub fn new(width: usize, height: usize) -> Raster {
        Raster { width, height, pixels: vec![0; width * height], bytes: Vec::new() }
    }

    /// Transparent everywhere, at a new size if it changed.
    pub fn clear(&mut self, width: usize, height: usize) {
        (self.width, self.height) = (width, height);
        self.pixels.clear();
        self.pixels.resize(width * height, 0);
    }

    /// Lays `colour` (premultiplied, at full coverage) over pixel (x, y)
    /// with coverage `c` (0 to 1).
    fn blend(&mut self, x: i64, y: i64, colour: u32, c: f32) {
        if x < 0 || y < 0 || x as usize >= self.width || y as usize >= self.height || c <= 0.0 {
            return;
        }
        let px = &mut self.pixels[y as usize * self.width + x as usize];
        let k = (c * 256.0 + 0.5) as u32;
        if k >= 256 && colour >> 24 == 255 {
            // Opaque: most of a dot, and the common case by far.
            *px = colour;
            return;
        }
        let src = scale(colour, k.min(256));
        // What shows through: 255 − alpha, as a fraction of 256.
        let keep = 255 - (src >> 24);
        *px = src + scale(*px, keep + (keep >> 7));
    }

    /// A line one pixel wide from (ax, ay) to (bx, by), pixel centres at
    /// half-integers, antialiased across its width (Xiaolin Wu), cut to the
    /// buffer first so that a long line off screen costs nothing.
    pub fn line(&mut self, a: (f64, f64), b: (f64, f64), paint: Paint) {
        let Some(((ax, ay), (bx, by))) = clip(a, b, (self.width as f64, self.height as f64)) else { return };
        let colour = paint.premultiplied();
        let steep = (by - ay).abs() > (bx - ax).abs();
        // Walk along the longer axis, one pixel a step.
        let (mut ax, mut ay, mut bx, mut by) = if steep { (ay, ax, by, bx) } else { (ax, ay, bx, by) };
        if ax > bx {
            (ax, ay, bx, by) = (bx, by, ax, ay);
        }
        let slope = if bx - ax > 1e-9 { (by - ay) / (bx - ax) } else { 0.0 };
        let (first, last) = (ax.floor() as i64, bx.floor() as i64);
        // Where the line crosses a column's middle, less half a pixel: the
        // row above takes 1 − fraction of it, the row below the fraction.
        let mut across = ay + slope * (first as f64 + 0.5 - ax) - 0.5;
        for step in first..=last {
            // The end columns are covered in part.
            let span = if step == first || step == last {
                (bx.min(step as f64 + 1.0) - ax.max(step as f64)).clamp(0.0, 1.0) as f32
            } else {
                1.0
            };
            let row = across.floor();
            let fraction = (across - row) as f32;
            let row = row as i64;
            if steep {
                self.blend(row, step, colour, (1.0 - fraction) * span);
                self.blend(row + 1, step, colour, fraction * span);
            } else {
                self.blend(step, row, colour, (1.0 - fraction) * span);
                self.blend(step, row + 1, colour, fraction * span);
            }
            across += slope;
        }
    }

    /// A filled disc, its rim antialiased over one pixel.
    pub fn disc(&mut self, (x, y): (f64, f64), radius: f64, paint: Paint) {
        let (w, h) = (self.width as f64, self.height as f64);
        if x + radius < -1.0 || y + radius < -1.0 || x - radius > w + 1.0 || y - radius > h + 1.0 {
            return;
        }
        let colour = paint.premultiplied();
        let (inner, outer) = ((radius - 0.5).max(0.0).powi(2), (radius + 0.5).powi(2));
        let (top, bottom) = ((y - radius - 1.0).floor() as i64, (y + radius + 1.0).ceil() as i64);
        let (left, right) = ((x - radius - 1.0).floor() as i64, (x + radius + 1.0).ceil() as i64);
        for py in top.max(0)..bottom.min(self.height as i64) {
            let dy = py as f64 + 0.5 - y;
            for px in left.max(0)..right.min(self.width as i64) {
                let dx = px as f64 + 0.5 - x;
                let d2 = dx * dx + dy * dy;
                let c = if d2 <= inner {
                    1.0
                } else if d2 >= outer {
                    continue;
                } else {
                    (radius + 0.5 - d2.sqrt()) as f32
                };
                self.blend(px, py, colour, c);
            }
        }
    }

    /// The pixels as straight (not premultiplied) RGBA bytes, row by row.
    pub fn rgba(&mut self) -> &[u8] {
        self.bytes.clear();
        self.bytes.reserve(self.pixels.len() * 4);
        for &p in &self.pixels {
            let a = p >> 24;
            let straight = match a {
                0 => 0,
                255 => p,
                _ => {
                    let channel = |shift: u32| ((((p >> shift) & 0xFF) * 255 + a / 2) / a).min(255) << shift;
                    channel(0) | channel(8) | channel(16) | a << 24
                }
            };
            self.bytes.extend(straight.to_le_bytes());
        }
        &self.bytes
    }
}

/// Where the layout's coordinates land on the bitmap: CSS pixels are
/// (world − centre) · scale + middle, device pixels those times `ratio`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct View {
    pub centre: (f64, f64),
    pub scale: f64,
    pub middle: (f64, f64),
    pub ratio: f64,
}

impl View {
    /// Where node `i` of `positions` (x and y interleaved) lands, in device pixels.
    pub fn place(&self, positions: &[f32], i: u32) -> (f64, f64) {
        let (x, y) = (f64::from(positions[2 * i as usize]), f64::from(positions[2 * i as usize + 1]));
        let (c, k) = (self.centre, self.scale);
        (((x - c.0) * k + self.middle.0) * self.ratio, ((y - c.1) * k + self.middle.1) * self.ratio)
    }
}

/// The colour of the edges: grey, a third opaque, so that dense bundles darken.
const EDGE: Paint = Paint { rgb: (110, 110, 110), alpha: 0.35 };

impl Raster {
    /// Paints a network: its edges (node numbers into `positions`, x and y
    /// interleaved), then a dot per node of its colour and radius (CSS pixels).
    /// An edge that lies under its two dots is left out, as the dots cover it.
    pub fn network(
        &mut self,
        positions: &[f32],
        edges: impl Iterator<Item = (u32, u32)>,
        colours: &[(u8, u8, u8)],
        radii: &[f64],
        view: View,
    ) {
        for (a, b) in edges {
            let (pa, pb) = (view.place(positions, a), view.place(positions, b));
            let hidden = (radii[a as usize] + radii[b as usize] - 1.0) * view.ratio;
            if (pb.0 - pa.0).hypot(pb.1 - pa.1) > hidden {
                self.line(pa, pb, EDGE);
            }
        }
        for (i, (&rgb, &r)) in colours.iter().zip(radii).enumerate() {
            self.disc(view.place(positions, i as u32), r * view.ratio, Paint { rgb, alpha: 1.0 });
        }
    }
}

/// The part of segment a–b inside [0, w] × [0, h] (Liang–Barsky), if any.
fn clip(a: (f64, f64), b: (f64, f64), (w, h): (f64, f64)) -> Option<((f64, f64), (f64, f64))> {
    let (dx, dy) = (b.0 - a.0, b.1 - a.1);
    let (mut t0, mut t1) = (0.0f64, 1.0f64);
    for (p, q) in [(-dx, a.0), (dx, w - a.0), (-dy, a.1), (dy, h - a.1)] {
        if p == 0.0 {
            if q < 0.0 {
                return None;
            }
        } else {
            let t = q / p;
            if p < 0.0 {
                t0 = t0.max(t);
            } else {
                t1 = t1.min(t);
            }
        }
    }
    (t0 <= t1).then_some(((a.0 + t0 * dx, a.1 + t0 * dy), (a.0 + t1 * dx, a.1 + t1 * dy)))
}

#[cfg(test)]
mod tests {
    use super::*;

    const BLACK: Paint = Paint { rgb: (0, 0, 0), alpha: 1.0 };

    fn alpha(r: &mut Raster, x: usize, y: usize) -> u8 {
        let w = r.width;
        r.rgba()[(y * w + x) * 4 + 3]
    }

    /// Equal to within one unit: blending in bytes rounds.
    fn near(a: u8, b: u8) -> bool {
        a.abs_diff(b) <= 1
    }

    #[test]
    fn a_horizontal_line_on_pixel_centres_covers_its_row_and_nothing_else() {
        let mut r = Raster::new(10, 5);
        r.line((0.0, 2.5), (10.0, 2.5), BLACK);
        for x in 0..10 {
            assert_eq!(alpha(&mut r, x, 2), 255, "pixel {x} of the row");
            assert_eq!((alpha(&mut r, x, 1), alpha(&mut r, x, 3)), (0, 0), "pixels beside {x}");
        }
    }

    #[test]
    fn a_line_between_rows_shares_its_ink_between_them() {
        let mut r = Raster::new(10, 5);
        r.line((0.0, 2.0), (10.0, 2.0), BLACK);
        // Half a pixel above and half below: half of 255 each.
        let (above, below) = (alpha(&mut r, 4, 1), alpha(&mut r, 4, 2));
        assert!(near(above, 128) && near(below, 128), "{above} {below}");
    }

    #[test]
    fn a_diagonal_line_marks_one_pixel_per_column() {
        let mut r = Raster::new(8, 8);
        r.line((0.5, 0.5), (7.5, 7.5), BLACK);
        for i in 1..7 {
            assert_eq!(alpha(&mut r, i, i), 255, "pixel {i},{i}");
        }
        // The ends start and stop at pixel centres: half of each.
        let (start, end) = (alpha(&mut r, 0, 0), alpha(&mut r, 7, 7));
        assert!(near(start, 128) && near(end, 128), "{start} {end}");
        let ink: u32 = r.rgba().chunks(4).map(|p| u32::from(p[3])).sum();
        assert_eq!(ink, 255 * 6 + u32::from(start) + u32::from(end), "nothing off the diagonal");
    }

    #[test]
    fn a_line_off_the_buffer_paints_nothing_and_one_crossing_it_is_cut() {
        let mut r = Raster::new(10, 10);
        r.line((-50.0, -5.0), (50.0, -5.0), BLACK);
        assert!(r.rgba().iter().all(|&b| b == 0));
        r.line((-1e9, 5.5), (1e9, 5.5), BLACK);
        assert_eq!(alpha(&mut r, 0, 5), 255);
        assert_eq!(alpha(&mut r, 9, 5), 255);
    }

    #[test]
    fn a_disc_covers_its_area_with_a_soft_rim() {
        let mut r = Raster::new(40, 40);
        r.disc((20.0, 20.0), 10.0, BLACK);
        assert_eq!(alpha(&mut r, 20, 20), 255, "the centre");
        assert_eq!(alpha(&mut r, 20, 35), 0, "outside");
        // The ink sums to the disc's area, π·10², within a pixel's worth.
        let ink: f64 = r.rgba().chunks(4).map(|p| f64::from(p[3]) / 255.0).sum();
        assert!((ink - std::f64::consts::PI * 100.0).abs() < 2.0, "{ink}");
    }

    #[test]
    fn translucent_paint_blends_over_what_is_there_and_comes_out_straight() {
        let mut r = Raster::new(1, 1);
        let grey = Paint { rgb: (110, 110, 110), alpha: 0.5 };
        r.disc((0.5, 0.5), 2.0, grey);
        assert_eq!(r.rgba(), &[110, 110, 110, 128]);
        r.disc((0.5, 0.5), 2.0, grey);
        // Two halves over each other: three quarters opaque, the same grey.
        let px = r.rgba().to_vec();
        assert!(px[..3].iter().all(|&v| near(v, 110)) && near(px[3], 191), "{px:?}");
        r.disc((0.5, 0.5), 2.0, Paint { rgb: (255, 0, 0), alpha: 1.0 });
        assert_eq!(r.rgba(), &[255, 0, 0, 255]);
    }
}
