//! One case folding for every comparison a person makes by eye: tweet search,
//! the account filter and hashtag counting. `fold` maps text so that two
//! strings a reader takes for the same word compare equal byte for byte.
//!
//! What it covers:
//! - Unicode full case folding (`CaseFolding.txt`, statuses C and F): `char`'s
//!   own lowercase mapping, then the foldings where folding and lowercasing
//!   differ, written out below — ß and ẞ → ss, the Latin and Armenian
//!   ligatures (ﬁ → fi), final sigma ς → σ, the Greek symbol letters (ϐ → β),
//!   the iota subscript (ᾳ → αι), µ → μ, ſ → s, Cyrillic's old letter forms
//!   (ᲀ → в), and Cherokee, which folds to its capitals.
//! - NFC composition of a letter and one combining mark that follows it, for
//!   the letters most written decomposed: Latin a–z, Greek α–ω, Cyrillic а–џ
//!   with grave, acute, circumflex, tilde, macron, breve, dot above,
//!   diaeresis, ring, double acute, caron, dot below, cedilla and ogonek
//!   (e + U+0301 → é, и + U+0306 → й), and the Arabic hamza and madda marks
//!   (ا + U+0654 → أ).
//! - The Arabic and Persian forms of one letter, unified: Persian yeh ی
//!   (U+06CC) is Arabic yeh ي (U+064A), keheh ک (U+06A9) is kaf ك (U+0643).
//!
//! What it does not: NFC's other compositions (a second mark on a composed
//! letter, as in Vietnamese ế; marks out of canonical order; Hangul jamo;
//! Indic nukta forms), compatibility forms (Arabic presentation forms, full-
//! width Latin: NFKC), Turkish dotless i (folded the default way: I → i), and
//! alef maksura ى, which Arabic keeps apart from yeh (على is not علي).
//! Invalid UTF-8 folds to U+FFFD.
//!
//! Folding is one pass over the text with one character of look-behind, so
//! anything built on it stays linear in the text's length.

mod compose;
mod origins;

use compose::compose;
pub use compose::starts_with_composing_mark;
pub use origins::origins;

/// `text` folded.
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    fold_into(text.as_bytes(), &mut out, None);
    out
}

/// Folds `text` onto the end of `out`. With `sources`, pushes for each byte
/// added to `out` the offset in `text` of the character, or of the letter and
/// mark composed, that it came from (bytes already in `out` get 0): a match in
/// the folded text maps back to the characters it covers.
pub fn fold_into(text: &[u8], out: &mut String, mut sources: Option<&mut Vec<usize>>) {
    // The last character pushed, where it starts in `out` and in `text`, while
    // a combining mark that follows could still compose with it.
    let mut last: Option<(char, usize, usize)> = None;
    if let Some(sources) = sources.as_deref_mut() {
        sources.resize(out.len(), 0);
    }
    let mut i = 0;
    while i < text.len() {
        if text[i].is_ascii() {
            // Runs of ASCII, the bulk of most tweets, lowercased in one go.
            let end = text[i..].iter().position(|b| !b.is_ascii()).map_or(text.len(), |n| i + n);
            let start = out.len();
            out.extend(text[i..end].iter().map(|b| char::from(b.to_ascii_lowercase())));
            if let Some(sources) = sources.as_deref_mut() {
                sources.extend(i..end);
            }
            last = Some((char::from(text[end - 1].to_ascii_lowercase()), start + (end - i) - 1, end - 1));
            i = end;
            continue;
        }
        let source = i;
        let Some(c) = char_at(text, i) else {
            // Invalid UTF-8: one replacement character for each maximal bad
            // sequence, as `String::from_utf8_lossy` writes them.
            let bad = text[i..].utf8_chunks().next().map_or(1, |chunk| chunk.invalid().len().max(1));
            push(out, sources.as_deref_mut(), char::REPLACEMENT_CHARACTER, source);
            i += bad;
            last = None;
            continue;
        };
        i += c.len_utf8();
        if let Some((base, base_at, base_source)) = last {
            if let Some(composed) = compose(base, c) {
                out.truncate(base_at);
                push(out, sources.as_deref_mut(), composed, base_source);
                last = Some((composed, base_at, base_source));
                continue;
            }
        }
        let start = out.len();
        let (mut pushed, mut only) = (0, c);
        fold_char(c, |f| {
            push(out, sources.as_deref_mut(), f, source);
            pushed += 1;
            only = f;
        });
        // A mark after an expansion (ß + U+0301) composes with nothing.
        last = (pushed == 1).then_some((only, start, source));
    }
}

/// The character whose UTF-8 starts at `text[at]`, if it is whole and valid.
fn char_at(text: &[u8], at: usize) -> Option<char> {
    let width = match text[at] {
        0xC2..=0xDF => 2,
        0xE0..=0xEF => 3,
        0xF0..=0xF4 => 4,
        _ => return None,
    };
    let bytes = text.get(at..at + width)?;
    if width == 2 {
        // Most non-ASCII letters of tweets: decoded here, without the general check.
        return (bytes[1] & 0xC0 == 0x80)
            .then(|| char::from_u32(u32::from(bytes[0] & 0x1F) << 6 | u32::from(bytes[1] & 0x3F)))
            .flatten();
    }
    std::str::from_utf8(bytes).ok()?.chars().next()
}

fn push(out: &mut String, sources: Option<&mut Vec<usize>>, c: char, source: usize) {
    if let Some(sources) = sources {
        sources.truncate(out.len());
        sources.extend(std::iter::repeat_n(source, c.len_utf8()));
    }
    out.push(c);
}

/// Scripts without case: nothing in them lowercases (a test checks), so they
/// skip the lowercase tables.
fn caseless(c: char) -> bool {
    matches!(c, '\u{0590}'..='\u{109F}' | '\u{3040}'..='\u{9FFF}' | '\u{AC00}'..='\u{D7A3}')
}

/// Calls `emit` with each character `c` folds to.
fn fold_char(c: char, mut emit: impl FnMut(char)) {
    match two_byte_fold(c) {
        Some(folded) => emit(folded),
        None => fold_char_by_rule(c, emit),
    }
}

/// The first code point past those UTF-8 writes in two bytes.
const TWO_BYTE_END: u32 = 0x800;

/// What a character of two UTF-8 bytes (Latin with marks, Greek, Cyrillic,
/// Armenian, Hebrew, Arabic: most tweets' letters that are not ASCII) folds
/// to, when that is one character: looked up in a table made once from
/// [`fold_char_by_rule`], which the lowercase tables' binary search and the
/// special cases make several times slower per character.
fn two_byte_fold(c: char) -> Option<char> {
    static TABLE: std::sync::OnceLock<Vec<u16>> = std::sync::OnceLock::new();
    let code = u32::from(c);
    if !(0x80..TWO_BYTE_END).contains(&code) {
        return None;
    }
    let table = TABLE.get_or_init(|| {
        (0x80..TWO_BYTE_END)
            .map(|code| {
                let mut folded = Vec::new();
                fold_char_by_rule(char::from_u32(code).expect("two-byte code points are chars"), |f| folded.push(f));
                match folded[..] {
                    // 0 marks "not one character": no two-byte letter folds to NUL.
                    [one] => u16::try_from(u32::from(one)).unwrap_or(0),
                    _ => 0,
                }
            })
            .collect()
    });
    match table[(code - 0x80) as usize] {
        0 => None,
        folded => char::from_u32(u32::from(folded)),
    }
}

/// [`fold_char`] by its rules, for any character.
fn fold_char_by_rule(c: char, mut emit: impl FnMut(char)) {
    match c {
        '\u{06CC}' => return emit('\u{064A}'),
        '\u{06A9}' => return emit('\u{0643}'),
        c if caseless(c) => return emit(c),
        _ => {}
    }
    for lower in c.to_lowercase() {
        match special_fold(lower) {
            Some(folded) => folded.chars().for_each(&mut emit),
            None => emit(match lower {
                // Cherokee folds to its capitals, which lowercase to these.
                '\u{AB70}'..='\u{ABBF}' => char::from_u32(u32::from(lower) - 0x97D0).unwrap_or(lower),
                '\u{13F8}'..='\u{13FD}' => char::from_u32(u32::from(lower) - 8).unwrap_or(lower),
                _ => lower,
            }),
        }
    }
}

/// Where full case folding differs from lowercasing, for a lowercase character.
fn special_fold(c: char) -> Option<&'static str> {
    Some(match c {
        '\u{00B5}' => "\u{03BC}",
        'ß' => "ss",
        'ŉ' => "\u{02BC}n",
        'ſ' => "s",
        '\u{0345}' => "\u{03B9}",
        'ς' => "σ",
        'ϐ' => "β",
        'ϑ' => "θ",
        'ϕ' => "φ",
        'ϖ' => "π",
        'ϰ' => "κ",
        'ϱ' => "ρ",
        'ϵ' => "ε",
        'և' => "եւ",
        'ᲀ' => "в",
        'ᲁ' => "д",
        'ᲂ' => "о",
        'ᲃ' => "с",
        'ᲄ' | 'ᲅ' => "т",
        'ᲆ' => "ъ",
        'ᲇ' => "ѣ",
        'ᲈ' => "ꙋ",
        'ẚ' => "a\u{02BE}",
        'ẛ' => "ṡ",
        'ﬀ' => "ff",
        'ﬁ' => "fi",
        'ﬂ' => "fl",
        'ﬃ' => "ffi",
        'ﬄ' => "ffl",
        'ﬅ' | 'ﬆ' => "st",
        'ﬓ' => "մն",
        'ﬔ' => "մե",
        'ﬕ' => "մի",
        'ﬖ' => "վն",
        'ﬗ' => "մխ",
        _ => return iota_subscript(c),
    })
}

/// Greek vowels with iota subscript fold to the vowel and a full iota.
fn iota_subscript(c: char) -> Option<&'static str> {
    const WITH_BREATHING: [&str; 24] = [
        "ἀι", "ἁι", "ἂι", "ἃι", "ἄι", "ἅι", "ἆι", "ἇι", "ἠι", "ἡι", "ἢι", "ἣι", "ἤι", "ἥι", "ἦι", "ἧι", "ὠι", "ὡι",
        "ὢι", "ὣι", "ὤι", "ὥι", "ὦι", "ὧι",
    ];
    let code = u32::from(c);
    let index = match code {
        0x1F80..=0x1F87 => code - 0x1F80,
        0x1F90..=0x1F97 => code - 0x1F90 + 8,
        0x1FA0..=0x1FA7 => code - 0x1FA0 + 16,
        _ => {
            return Some(match c {
                'ᾲ' => "ὰι",
                'ᾳ' => "αι",
                'ᾴ' => "άι",
                'ᾷ' => "ᾶι",
                'ῂ' => "ὴι",
                'ῃ' => "ηι",
                'ῄ' => "ήι",
                'ῇ' => "ῆι",
                'ῲ' => "ὼι",
                'ῳ' => "ωι",
                'ῴ' => "ώι",
                'ῷ' => "ῶι",
                _ => return None,
            })
        }
    };
    WITH_BREATHING.get(index as usize).copied()
}

/// Draws for tests: a fixed sequence of numbers below a bound.
#[cfg(test)]
pub(crate) struct Draws(u64);

#[cfg(test)]
impl Draws {
    pub(crate) fn new(seed: u64) -> Draws {
        Draws(seed)
    }

    pub(crate) fn below(&mut self, n: usize) -> usize {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        (self.0 >> 33) as usize % n
    }

    /// `count` pieces, each drawn from `pieces`, one after the other.
    pub(crate) fn text(&mut self, pieces: &[&[u8]], count: usize) -> Vec<u8> {
        (0..count).flat_map(|_| pieces[self.below(pieces.len())].iter().copied()).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_case_fully() {
        assert_eq!(fold("STRASSE"), fold("straße"));
        assert_eq!(fold("Straße"), "strasse");
        assert_eq!(fold("STRAẞE"), "strasse");
        assert_eq!(fold("ﬁle"), fold("FILE"));
        assert_eq!(fold("ΟΔΟΣ"), fold("οδος"));
        assert_eq!(fold("ΟΔΟΣ"), "οδοσ");
        assert_eq!(fold("ᾼ"), "αι");
        assert_eq!(fold("ᾈ"), "ἀι");
        assert_eq!(fold("ᏸ"), fold("Ᏸ"), "Cherokee folds to its capitals");
        assert_eq!(fold("ПРАВДА"), "правда");
        assert_eq!(fold("İ"), "i\u{307}", "full folding, not Turkish");
    }

    #[test]
    fn composes_a_letter_and_its_mark() {
        let (composed, decomposed) = ("café", "cafe\u{0301}");
        assert_ne!(composed, decomposed);
        assert_eq!(fold(composed), fold(decomposed));
        assert_eq!(fold("CAFE\u{0301}"), "café");
        assert_eq!(fold("И\u{0306}"), "й");
        assert_eq!(fold("\u{0627}\u{0654}"), "\u{0623}");
        assert_eq!(fold("\u{06CC}\u{0654}"), "\u{0626}", "Persian yeh and hamza: Arabic yeh with hamza");
        assert_eq!(fold("x\u{0301}"), "x\u{0301}", "no composed x́: the mark stays");
        assert_eq!(fold("\u{0301}e"), "\u{0301}e", "a mark before its letter stays");
        assert_eq!(fold("ß\u{0301}"), "ss\u{0301}");
    }

    #[test]
    fn unifies_arabic_and_persian_letter_forms() {
        assert_eq!(fold("علي"), fold("علی"));
        assert_eq!(fold("كتاب"), fold("کتاب"));
        assert_ne!(fold("على"), fold("علي"), "alef maksura stays apart");
    }

    #[test]
    fn the_caseless_ranges_have_no_case() {
        let ranges = [0x0590..=0x109F, 0x3040..=0x9FFF, 0xAC00..=0xD7A3];
        for c in ranges.into_iter().flatten().filter_map(char::from_u32) {
            assert!(c.to_lowercase().eq([c]) && special_fold(c).is_none(), "{c:?} has a case");
        }
    }

    #[test]
    fn the_two_byte_table_folds_as_the_rules_do() {
        for c in (0x80..TWO_BYTE_END).filter_map(char::from_u32) {
            let (mut by_table, mut by_rule) = (String::new(), String::new());
            fold_char(c, |f| by_table.push(f));
            fold_char_by_rule(c, |f| by_rule.push(f));
            assert_eq!(by_table, by_rule, "{c:?}");
        }
    }

    #[test]
    fn sources_point_back_into_the_text() {
        let text = "Aß e\u{0301}x\u{FFFF}";
        let mut out = String::new();
        let mut sources = Vec::new();
        fold_into(text.as_bytes(), &mut out, Some(&mut sources));
        assert_eq!(out, "ass éx\u{FFFF}");
        assert_eq!(sources.len(), out.len());
        assert_eq!(&sources[..5], [0, 1, 1, 3, 4], "a, s and s of ß, the space, é from e");
        assert_eq!(sources[5], 4, "é's second byte");
        assert_eq!(sources[6], 7, "x after the mark");
    }

    #[test]
    fn any_bytes_fold_as_their_lossy_text_does() {
        // Bytes drawn from pieces that make valid and broken UTF-8 of every width.
        let pieces: [&[u8]; 12] = [
            b"A",
            b"z",
            "П".as_bytes(),
            "é".as_bytes(),
            "\u{0301}".as_bytes(),
            "ی".as_bytes(),
            "€".as_bytes(),
            "😀".as_bytes(),
            b"\xff",
            b"\xc3",
            b"\xe2\x82",
            b"\xf0\x9f\x98",
        ];
        let mut draws = Draws::new(7);
        for _ in 0..2000 {
            let bytes = draws.text(&pieces, 12);
            let mut out = String::new();
            fold_into(&bytes, &mut out, None);
            assert_eq!(out, fold(&String::from_utf8_lossy(&bytes)), "{bytes:?}");
        }
    }

    #[test]
    fn invalid_bytes_fold_to_the_replacement_character() {
        let mut out = String::new();
        let mut sources = Vec::new();
        fold_into(b"A\xffB", &mut out, Some(&mut sources));
        assert_eq!(out, "a\u{FFFD}b");
        assert_eq!(sources, [0, 1, 1, 1, 2]);
    }
}
