//! Room for the rows still to come: a large load grows its columns once, to
//! about their final size, instead of doubling its way there (`Store::reserve`).

use crate::core::store::Store;

/// After this many rows of a tweets file, and at each doubling of them, the
/// rows still to come are estimated from the bytes read so far: late enough
/// that the reader's buffer ahead of the rows is a small part of those bytes.
pub(crate) const ESTIMATE_AFTER_ROWS: u64 = 1 << 17;
/// What the estimate adds, in percent, for rows that lengthen towards the end.
const ESTIMATE_MARGIN_PERCENT: u64 = 2;

/// Makes room in `store` for the rows of a file still to come, at its rate of
/// `rows` per `bytes_done` so far, within `bytes_left` of the memory budget
/// (counting the room twice, as the budget counts columns once more for their
/// growth). A file of another shape later on (longer rows, a zip's other
/// member) only makes the columns grow on their own from there.
pub(crate) fn make_room_for_rest(
    store: &mut Store,
    rows: u64,
    bytes_done: u64,
    bytes_total: u64,
    bytes_left: Option<usize>,
) {
    if bytes_done == 0 || bytes_done >= bytes_total {
        return;
    }
    let rest = u128::from(rows) * u128::from(bytes_total - bytes_done) / u128::from(bytes_done);
    let rest = u64::try_from(rest).unwrap_or(u64::MAX);
    let rest = rest.saturating_add(rest.saturating_mul(ESTIMATE_MARGIN_PERCENT) / 100);
    let most = bytes_left.map_or(usize::MAX, |bytes| bytes / (2 * store.reserved_bytes_per_tweet()));
    store.reserve(usize::try_from(rest).unwrap_or(usize::MAX).min(most));
}

#[cfg(test)]
mod tests {
    use super::*;

    /// One tweet's bytes in the columns that `reserve` sizes, counted by hand:
    /// id 8, author 4, time 4, flags 1, language 4, client 4, reference 8,
    /// replied-to user 4, four engagement counts 16, entity offset 4.
    const COLUMNS: usize = 57;
    /// An empty store's one entity offset (the list's start).
    const EMPTY: usize = 4;

    #[test]
    fn the_rest_of_a_file_is_estimated_from_its_rate_so_far() {
        let mut store = Store::default();
        // 100 rows in the first 1 000 of 10 000 bytes: 900 to come, and 2 % more.
        make_room_for_rest(&mut store, 100, 1_000, 10_000, None);
        assert_eq!(store.column_bytes(), 918 * COLUMNS + EMPTY);
        assert_eq!(store.reserved_bytes_per_tweet(), COLUMNS + 12);
    }

    #[test]
    fn the_room_stays_within_the_memory_budget() {
        let mut store = Store::default();
        // Room for 100 tweets, counted twice.
        make_room_for_rest(&mut store, 100, 1_000, 10_000, Some(100 * 2 * (COLUMNS + 12)));
        assert_eq!(store.column_bytes(), 100 * COLUMNS + EMPTY);
    }

    #[test]
    fn a_file_read_to_its_end_or_not_begun_adds_nothing() {
        let mut store = Store::default();
        make_room_for_rest(&mut store, 100, 10_000, 10_000, None);
        make_room_for_rest(&mut store, 0, 0, 10_000, None);
        assert_eq!(store.column_bytes(), EMPTY);
    }
}
