//! A small software painter for the network drawing: antialiased 1-pixel
//! lines and filled discs blended into an RGBA buffer that the page puts on
//! its canvas in one call.
//!
//! Why not the canvas's own paths: measured in headless Chromium (no GPU),
//! filling 10 000 arcs takes about 40 ms a frame and WebGL in software
//! slower still, while this paints 10 000 dots and 100 000 edges in a few
//! milliseconds (BENCHMARKS.md, "The network drawing"). Pure Rust, so it is
//! tested natively.
//!
//! Pixels are kept premultiplied (colour × alpha), which makes "over"
//! blending one multiply-add per channel; [`Raster::rgba`] gives them
//! straight, as `ImageData` wants.

/// A colour and how opaque it is, 0 to 1.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Paint {
    pub rgb: (u8, u8, u8),
    pub alpha: f32,
}

pub struct Raster {
    width: usize,
    height: usize,
    /// Premultiplied RGBA, row by row.
    pixels: Vec<[f32; 4]>,
    /// The straight bytes of the last [`Raster::rgba`], kept to be reused.
    bytes: Vec<u8>,
}

impl Raster {
    pub fn new(width: usize, height: usize) -> Raster {
        Raster { width, height, pixels: vec![[0.0; 4]; width * height], bytes: Vec::new() }
    }

    pub fn size(&self) -> (usize, usize) {
        (self.width, self.height)
    }

    /// Transparent everywhere, at a new size if it changed.
    pub fn clear(&mut self, width: usize, height: usize) {
        (self.width, self.height) = (width, height);
        self.pixels.clear();
        self.pixels.resize(width * height, [0.0; 4]);
    }

    /// Lays `paint` over pixel (x, y) with coverage `c` (0 to 1).
    fn blend(&mut self, x: i64, y: i64, paint: Paint, c: f32) {
        if x < 0 || y < 0 || x as usize >= self.width || y as usize >= self.height || c <= 0.0 {
            return;
        }
        let a = paint.alpha * c.min(1.0);
        let (r, g, b) = paint.rgb;
        let px = &mut self.pixels[y as usize * self.width + x as usize];
        let keep = 1.0 - a;
        for (channel, value) in
            px.iter_mut().zip([f32::from(r) / 255.0 * a, f32::from(g) / 255.0 * a, f32::from(b) / 255.0 * a, a])
        {
            *channel = value + *channel * keep;
        }
    }

    /// A line one pixel wide from (ax, ay) to (bx, by), pixel centres at
    /// half-integers, antialiased across its width (Xiaolin Wu), cut to the
    /// buffer first so that a long line off screen costs nothing.
    pub fn line(&mut self, a: (f64, f64), b: (f64, f64), paint: Paint) {
        let Some(((ax, ay), (bx, by))) = clip(a, b, (self.width as f64, self.height as f64)) else { return };
        let steep = (by - ay).abs() > (bx - ax).abs();
        // Walk along the longer axis, one pixel a step.
        let (mut ax, mut ay, mut bx, mut by) = if steep { (ay, ax, by, bx) } else { (ax, ay, bx, by) };
        if ax > bx {
            (ax, ay, bx, by) = (bx, by, ax, ay);
        }
        let slope = if bx - ax > 1e-9 { (by - ay) / (bx - ax) } else { 0.0 };
        for step in ax.floor() as i64..=bx.floor() as i64 {
            // How much of this column the segment spans: the ends' columns in part.
            let span = (bx.min(step as f64 + 1.0) - ax.max(step as f64)).clamp(0.0, 1.0) as f32;
            // Where it crosses the column's middle, shared between the two nearest rows.
            let across = ay + slope * (step as f64 + 0.5 - ax) - 0.5;
            let (row, fraction) = (across.floor() as i64, (across - across.floor()) as f32);
            for (r, c) in [(row, 1.0 - fraction), (row + 1, fraction)] {
                let (x, y) = if steep { (r, step) } else { (step, r) };
                self.blend(x, y, paint, c * span);
            }
        }
    }

    /// A filled disc, its rim antialiased over one pixel.
    pub fn disc(&mut self, (x, y): (f64, f64), radius: f64, paint: Paint) {
        let (w, h) = (self.width as f64, self.height as f64);
        if x + radius < -1.0 || y + radius < -1.0 || x - radius > w + 1.0 || y - radius > h + 1.0 {
            return;
        }
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
                self.blend(px, py, paint, c);
            }
        }
    }

    /// The pixels as straight (not premultiplied) RGBA bytes, row by row.
    pub fn rgba(&mut self) -> &[u8] {
        self.bytes.clear();
        self.bytes.reserve(self.pixels.len() * 4);
        for &[r, g, b, a] in &self.pixels {
            let straight = |v: f32| if a > 0.0 { (v / a * 255.0).round().clamp(0.0, 255.0) as u8 } else { 0 };
            self.bytes.extend([straight(r), straight(g), straight(b), (a * 255.0).round().clamp(0.0, 255.0) as u8]);
        }
        &self.bytes
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
        let w = r.size().0;
        r.rgba()[(y * w + x) * 4 + 3]
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
        // Half a pixel above and half below: 128 of 255 each, by rounding.
        assert_eq!((alpha(&mut r, 4, 1), alpha(&mut r, 4, 2)), (128, 128));
    }

    #[test]
    fn a_diagonal_line_marks_one_pixel_per_column() {
        let mut r = Raster::new(8, 8);
        r.line((0.5, 0.5), (7.5, 7.5), BLACK);
        for i in 1..7 {
            assert_eq!(alpha(&mut r, i, i), 255, "pixel {i},{i}");
        }
        // The ends start and stop at pixel centres: half of each.
        assert_eq!((alpha(&mut r, 0, 0), alpha(&mut r, 7, 7)), (128, 128));
        let ink: u32 = r.rgba().chunks(4).map(|p| u32::from(p[3])).sum();
        assert_eq!(ink, 255 * 6 + 128 * 2, "nothing off the diagonal");
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
        assert_eq!(r.rgba(), &[110, 110, 110, 191]);
        r.disc((0.5, 0.5), 2.0, Paint { rgb: (255, 0, 0), alpha: 1.0 });
        assert_eq!(r.rgba(), &[255, 0, 0, 255]);
    }
}
