//! Folding read backwards: which characters a text must hold for its
//! folding to hold a given one.

use super::compose::COMPOSE;
use super::fold_char;

/// The characters a text must hold for its folding to hold `c`: those whose
/// folding holds it (`c` itself among them where it folds to itself). `None`
/// where no such list exists: for a letter that composition makes (é of e and
/// U+0301) and for U+FFFD, which invalid bytes fold to.
pub fn origins(c: char) -> Option<Vec<char>> {
    if c == char::REPLACEMENT_CHARACTER || COMPOSE.iter().any(|&(_, _, made)| made == c) {
        return None;
    }
    let unfolded = unfolded();
    let from = unfolded.partition_point(|&(piece, _)| piece < c);
    let pieces = unfolded[from..].iter().take_while(|&&(piece, _)| piece == c);
    let mut origins: Vec<char> = pieces.map(|&(_, origin)| origin).collect();
    let mut folded = Vec::new();
    fold_char(c, |f| folded.push(f));
    if folded == [c] {
        origins.push(c);
    }
    Some(origins)
}

/// Past the first two planes every character folds to itself (a test checks).
const CASED_END: u32 = 0x20000;

/// `(piece, origin)` for every character `origin` that does not fold to itself
/// and every character `piece` it folds to, sorted: folding read backwards.
/// Made once, from every code point of the first two planes.
fn unfolded() -> &'static [(char, char)] {
    static UNFOLDED: std::sync::OnceLock<Vec<(char, char)>> = std::sync::OnceLock::new();
    UNFOLDED.get_or_init(|| {
        let mut pairs = Vec::new();
        let mut folded = Vec::new();
        for origin in (0..CASED_END).filter_map(char::from_u32) {
            folded.clear();
            fold_char(origin, |f| folded.push(f));
            if folded[..] != [origin] {
                pairs.extend(folded.iter().map(|&piece| (piece, origin)));
            }
        }
        pairs.sort_unstable();
        pairs.dedup();
        pairs
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::fold::{fold_into, Draws};

    #[test]
    fn past_the_first_two_planes_every_character_folds_to_itself() {
        for c in (CASED_END..=u32::from(char::MAX)).filter_map(char::from_u32) {
            let mut folded = Vec::new();
            fold_char(c, |f| folded.push(f));
            assert_eq!(folded, [c], "{c:?}");
        }
    }

    #[test]
    fn origins_are_what_folds_to_a_character() {
        let sorted = |c: char| {
            origins(c).map(|mut o| {
                o.sort_unstable();
                o
            })
        };
        assert_eq!(sorted('k'), Some(vec!['K', 'k', '\u{212A}']), "the Kelvin sign");
        assert_eq!(sorted('п'), Some(vec!['П', 'п']));
        assert_eq!(sorted('в'), Some(vec!['В', 'в', 'ᲀ']));
        let s = sorted('s').unwrap_or_default();
        assert!(['S', 's', 'ß', 'ſ', 'ẞ', 'ﬅ', 'ﬆ'].iter().all(|c| s.contains(c)), "{s:?}");
        assert_eq!(sorted('σ'), Some(vec!['Σ', 'ς', 'σ']));
        assert_eq!(origins('é'), None, "é is also e and U+0301");
        assert_eq!(origins(char::REPLACEMENT_CHARACTER), None);
        assert_eq!(origins('E'), Some(vec![]), "nothing folds to a capital");
    }

    #[test]
    fn a_folded_text_holds_only_characters_whose_origins_the_text_holds() {
        let pieces: [&[u8]; 24] = [
            b"A",
            b"k",
            b"s",
            b"S",
            "ſ".as_bytes(),
            "ß".as_bytes(),
            "ẞ".as_bytes(),
            "\u{212A}".as_bytes(),
            "ﬁ".as_bytes(),
            "İ".as_bytes(),
            b"e",
            "\u{0301}".as_bytes(),
            "é".as_bytes(),
            "П".as_bytes(),
            "и".as_bytes(),
            "\u{0306}".as_bytes(),
            "ς".as_bytes(),
            "ᲀ".as_bytes(),
            "ی".as_bytes(),
            "\u{0654}".as_bytes(),
            "ا".as_bytes(),
            b" ",
            b"\xff",
            b"\xd0",
        ];
        let mut draws = Draws::new(11);
        for _ in 0..3000 {
            let bytes = draws.text(&pieces, 8);
            let mut folded = String::new();
            fold_into(&bytes, &mut folded, None);
            let text = String::from_utf8_lossy(&bytes);
            for c in folded.chars() {
                if let Some(origins) = origins(c) {
                    assert!(origins.iter().any(|&o| text.contains(o)), "{c:?} in the folding of {text:?}");
                }
            }
        }
    }
}
