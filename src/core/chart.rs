//! Scale and tick arithmetic for the SVG charts, kept here so it is tested natively.

/// Round tick values from 0 up to at least `max`: 1, 2 or 5 times a power of ten apart.
pub fn ticks(max: u64, wanted: u64) -> Vec<u64> {
    if max == 0 {
        return vec![0, 1];
    }
    let raw = max.div_ceil(wanted.max(1)).max(1);
    let magnitude = 10u64.pow(raw.ilog10());
    let step = [1, 2, 5, 10].iter().map(|m| m * magnitude).find(|&s| s >= raw).unwrap_or(10 * magnitude);
    let top = max.div_ceil(step) * step;
    (0..=top / step).map(|i| i * step).collect()
}

/// One SVG path of bars (one per value, side by side) filling `width` × `height`,
/// scaled so that `top` reaches the full height; y grows downwards as in SVG.
pub fn bars_path(values: &[u64], top: u64, width: f64, height: f64) -> String {
    stacked_bars_path(values, &vec![0; values.len()], top, width, height)
}

/// Stacks series on top of each other: the running totals each series' bars start from.
pub fn stack(series: &[Vec<u64>]) -> Vec<Vec<u64>> {
    let len = series.first().map_or(0, Vec::len);
    let mut base = vec![0u64; len];
    series
        .iter()
        .map(|s| {
            let start = base.clone();
            for (b, v) in base.iter_mut().zip(s) {
                *b += v;
            }
            start
        })
        .collect()
}

/// Bars standing on a baseline per slot (for stacked series).
pub fn stacked_bars_path(values: &[u64], bases: &[u64], top: u64, width: f64, height: f64) -> String {
    if values.is_empty() || top == 0 {
        return String::new();
    }
    let slot = width / values.len() as f64;
    let bar = (slot * 0.8).max(slot.min(1.0));
    let mut path = String::new();
    for (i, (&v, &b)) in values.iter().zip(bases).enumerate().filter(|(_, (&v, _))| v > 0) {
        let h = height * v as f64 / top as f64;
        let y = height - height * (b + v) as f64 / top as f64;
        let x = i as f64 * slot + (slot - bar) / 2.0;
        path.push_str(&format!("M{x:.2} {y:.2}h{bar:.2}v{h:.2}h{:.2}z", -bar));
    }
    path
}

/// One SVG path through a series' values, a point at the middle of each of
/// `values.len()` slots across `width`, scaled so that `top` reaches the full
/// `height` (y grows downwards); empty when there is nothing to draw.
pub fn line_path(values: &[f64], top: f64, width: f64, height: f64) -> String {
    if values.is_empty() || top <= 0.0 {
        return String::new();
    }
    let slot = width / values.len() as f64;
    let mut path = String::new();
    for (i, &v) in values.iter().enumerate() {
        let (x, y) = ((i as f64 + 0.5) * slot, height - height * v / top);
        path.push_str(&format!("{}{x:.2} {y:.2}", if i == 0 { 'M' } else { 'L' }));
    }
    path
}

/// A chart's title as the stem of its file's name: letters and digits kept
/// (any script), lowercased, every run of anything else one `_`.
pub fn file_stem(title: &str) -> String {
    let mut stem = String::new();
    for c in title.chars() {
        if c.is_alphanumeric() {
            stem.extend(c.to_lowercase());
        } else if !stem.is_empty() && !stem.ends_with('_') {
            stem.push('_');
        }
    }
    stem.trim_end_matches('_').to_string()
}

/// Hour-of-week counts (seven rows, Monday first, of 24 hours) moved from UTC
/// to the clock `offset_hours` ahead of it: a week is a cycle, so a tweet at
/// Sunday 20:00 UTC lands on Monday 03:00 at UTC+7.
pub fn shift_week(cells: &[[u64; 24]], offset_hours: i32) -> Vec<[u64; 24]> {
    let mut out = vec![[0u64; 24]; cells.len()];
    let hours = (cells.len() * 24) as i64;
    if hours == 0 {
        return out;
    }
    for (day, row) in cells.iter().enumerate() {
        for (hour, n) in row.iter().enumerate() {
            let to = ((day * 24 + hour) as i64 + i64::from(offset_hours)).rem_euclid(hours) as usize;
            out[to / 24][to % 24] += n;
        }
    }
    out
}

/// A key that moves a chart's cursor between its `slots`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    Previous,
    Next,
    First,
    Last,
}

/// Where the cursor goes: from nowhere, Next and Previous start at `start`
/// (the period already selected, or the first) rather than skip it; the ends
/// hold it. `None` for a chart without slots.
pub fn step_slot(current: Option<usize>, step: Step, start: usize, slots: usize) -> Option<usize> {
    let last = slots.checked_sub(1)?;
    let next = match (current, step) {
        (_, Step::First) => 0,
        (_, Step::Last) => last,
        (None, _) => start,
        (Some(i), Step::Previous) => i.saturating_sub(1),
        (Some(i), Step::Next) => i + 1,
    };
    Some(next.min(last))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ticks_are_round_and_cover_the_maximum() {
        assert_eq!(ticks(0, 4), [0, 1]);
        assert_eq!(ticks(7, 4), [0, 2, 4, 6, 8]);
        assert_eq!(ticks(100, 4), [0, 50, 100]);
        assert_eq!(ticks(21_385, 4), [0, 10_000, 20_000, 30_000]);
        assert_eq!(ticks(1, 4), [0, 1]);
    }

    #[test]
    fn bars_fill_the_box_in_one_path() {
        assert_eq!(bars_path(&[1, 0, 2], 2, 30.0, 10.0), "M1.00 5.00h8.00v5.00h-8.00zM21.00 0.00h8.00v10.00h-8.00z");
        assert_eq!(bars_path(&[], 2, 30.0, 10.0), "");
        assert_eq!(bars_path(&[1], 0, 30.0, 10.0), "");
    }

    #[test]
    fn a_title_names_its_file() {
        assert_eq!(
            file_stem("Tweets per month, as each campaign's share"),
            "tweets_per_month_as_each_campaign_s_share"
        );
        assert_eq!(file_stem("  Хэштеги — 2019 "), "хэштеги_2019");
        assert_eq!(file_stem("—"), "");
    }

    #[test]
    fn a_line_goes_through_the_middle_of_each_slot() {
        // Two slots of 50 across 100; 0 at the bottom (40), 2 at the top (0).
        assert_eq!(line_path(&[0.0, 2.0], 2.0, 100.0, 40.0), "M25.00 40.00L75.00 0.00");
        assert_eq!(line_path(&[1.0], 4.0, 10.0, 40.0), "M5.00 30.00");
        assert_eq!(line_path(&[], 1.0, 10.0, 10.0), "");
        assert_eq!(line_path(&[1.0], 0.0, 10.0, 10.0), "");
    }

    #[test]
    fn stacks_start_where_the_series_below_ends() {
        let bases = stack(&[vec![1, 2], vec![3, 4], vec![0, 1]]);
        assert_eq!(bases, [vec![0, 0], vec![1, 2], vec![4, 6]]);
        assert_eq!(stacked_bars_path(&[3], &[1], 4, 10.0, 8.0), "M1.00 0.00h8.00v6.00h-8.00z");
    }

    #[test]
    fn a_week_moves_round_its_end() {
        let mut cells = vec![[0u64; 24]; 7];
        cells[6][20] = 3;
        cells[0][0] = 1;
        let east = shift_week(&cells, 7);
        assert_eq!(east[0][3], 3, "Sunday 20:00 UTC is Monday 03:00 at UTC+7");
        assert_eq!(east[0][7], 1);
        assert_eq!(east.iter().flatten().sum::<u64>(), 4);
        let west = shift_week(&cells, -5);
        assert_eq!(west[6][19], 1, "Monday 00:00 UTC is Sunday 19:00 at UTC-5");
        assert_eq!(west[6][15], 3);
        assert_eq!(shift_week(&cells, 0), cells);
        assert_eq!(shift_week(&shift_week(&cells, 14), -14), cells);
        assert!(shift_week(&[], 3).is_empty());
    }

    #[test]
    fn the_cursor_starts_where_asked_and_stays_inside() {
        assert_eq!(step_slot(None, Step::Next, 0, 5), Some(0));
        assert_eq!(step_slot(None, Step::Previous, 3, 5), Some(3));
        assert_eq!(step_slot(Some(0), Step::Previous, 0, 5), Some(0));
        assert_eq!(step_slot(Some(4), Step::Next, 0, 5), Some(4));
        assert_eq!(step_slot(Some(2), Step::Next, 0, 5), Some(3));
        assert_eq!(step_slot(Some(2), Step::Last, 0, 5), Some(4));
        assert_eq!(step_slot(Some(2), Step::First, 0, 5), Some(0));
        assert_eq!(
            step_slot(Some(9), Step::Previous, 0, 5),
            Some(4),
            "a cursor left from longer data comes back inside"
        );
        assert_eq!(step_slot(None, Step::Next, 7, 5), Some(4));
        assert_eq!(step_slot(None, Step::Next, 0, 0), None);
    }
}
