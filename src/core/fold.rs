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

/// The one character NFC makes of a folded letter and a combining mark.
fn compose(base: char, mark: char) -> Option<char> {
    if !matches!(mark, '\u{0300}'..='\u{0328}' | '\u{0653}'..='\u{0655}') {
        return None;
    }
    COMPOSE.binary_search_by(|&(b, m, _)| (b, m).cmp(&(base, mark))).ok().map(|at| COMPOSE[at].2)
}

/// `(letter, mark, composed)`, sorted by letter and mark; made with Python's
/// `unicodedata.normalize("NFC", letter + mark)` over the letters and marks
/// the module doc names.
#[rustfmt::skip]
const COMPOSE: [(char, char, char); 199] = [
    ('a', '\u{0300}', 'à'), ('a', '\u{0301}', 'á'), ('a', '\u{0302}', 'â'), ('a', '\u{0303}', 'ã'),
    ('a', '\u{0304}', 'ā'), ('a', '\u{0306}', 'ă'), ('a', '\u{0307}', 'ȧ'), ('a', '\u{0308}', 'ä'),
    ('a', '\u{030a}', 'å'), ('a', '\u{030c}', 'ǎ'), ('a', '\u{0323}', 'ạ'), ('a', '\u{0328}', 'ą'),
    ('b', '\u{0307}', 'ḃ'), ('b', '\u{0323}', 'ḅ'), ('c', '\u{0301}', 'ć'), ('c', '\u{0302}', 'ĉ'),
    ('c', '\u{0307}', 'ċ'), ('c', '\u{030c}', 'č'), ('c', '\u{0327}', 'ç'), ('d', '\u{0307}', 'ḋ'),
    ('d', '\u{030c}', 'ď'), ('d', '\u{0323}', 'ḍ'), ('d', '\u{0327}', 'ḑ'), ('e', '\u{0300}', 'è'),
    ('e', '\u{0301}', 'é'), ('e', '\u{0302}', 'ê'), ('e', '\u{0303}', 'ẽ'), ('e', '\u{0304}', 'ē'),
    ('e', '\u{0306}', 'ĕ'), ('e', '\u{0307}', 'ė'), ('e', '\u{0308}', 'ë'), ('e', '\u{030c}', 'ě'),
    ('e', '\u{0323}', 'ẹ'), ('e', '\u{0327}', 'ȩ'), ('e', '\u{0328}', 'ę'), ('f', '\u{0307}', 'ḟ'),
    ('g', '\u{0301}', 'ǵ'), ('g', '\u{0302}', 'ĝ'), ('g', '\u{0304}', 'ḡ'), ('g', '\u{0306}', 'ğ'),
    ('g', '\u{0307}', 'ġ'), ('g', '\u{030c}', 'ǧ'), ('g', '\u{0327}', 'ģ'), ('h', '\u{0302}', 'ĥ'),
    ('h', '\u{0307}', 'ḣ'), ('h', '\u{0308}', 'ḧ'), ('h', '\u{030c}', 'ȟ'), ('h', '\u{0323}', 'ḥ'),
    ('h', '\u{0327}', 'ḩ'), ('i', '\u{0300}', 'ì'), ('i', '\u{0301}', 'í'), ('i', '\u{0302}', 'î'),
    ('i', '\u{0303}', 'ĩ'), ('i', '\u{0304}', 'ī'), ('i', '\u{0306}', 'ĭ'), ('i', '\u{0308}', 'ï'),
    ('i', '\u{030c}', 'ǐ'), ('i', '\u{0323}', 'ị'), ('i', '\u{0328}', 'į'), ('j', '\u{0302}', 'ĵ'),
    ('j', '\u{030c}', 'ǰ'), ('k', '\u{0301}', 'ḱ'), ('k', '\u{030c}', 'ǩ'), ('k', '\u{0323}', 'ḳ'),
    ('k', '\u{0327}', 'ķ'), ('l', '\u{0301}', 'ĺ'), ('l', '\u{030c}', 'ľ'), ('l', '\u{0323}', 'ḷ'),
    ('l', '\u{0327}', 'ļ'), ('m', '\u{0301}', 'ḿ'), ('m', '\u{0307}', 'ṁ'), ('m', '\u{0323}', 'ṃ'),
    ('n', '\u{0300}', 'ǹ'), ('n', '\u{0301}', 'ń'), ('n', '\u{0303}', 'ñ'), ('n', '\u{0307}', 'ṅ'),
    ('n', '\u{030c}', 'ň'), ('n', '\u{0323}', 'ṇ'), ('n', '\u{0327}', 'ņ'), ('o', '\u{0300}', 'ò'),
    ('o', '\u{0301}', 'ó'), ('o', '\u{0302}', 'ô'), ('o', '\u{0303}', 'õ'), ('o', '\u{0304}', 'ō'),
    ('o', '\u{0306}', 'ŏ'), ('o', '\u{0307}', 'ȯ'), ('o', '\u{0308}', 'ö'), ('o', '\u{030b}', 'ő'),
    ('o', '\u{030c}', 'ǒ'), ('o', '\u{0323}', 'ọ'), ('o', '\u{0328}', 'ǫ'), ('p', '\u{0301}', 'ṕ'),
    ('p', '\u{0307}', 'ṗ'), ('r', '\u{0301}', 'ŕ'), ('r', '\u{0307}', 'ṙ'), ('r', '\u{030c}', 'ř'),
    ('r', '\u{0323}', 'ṛ'), ('r', '\u{0327}', 'ŗ'), ('s', '\u{0301}', 'ś'), ('s', '\u{0302}', 'ŝ'),
    ('s', '\u{0307}', 'ṡ'), ('s', '\u{030c}', 'š'), ('s', '\u{0323}', 'ṣ'), ('s', '\u{0327}', 'ş'),
    ('t', '\u{0307}', 'ṫ'), ('t', '\u{0308}', 'ẗ'), ('t', '\u{030c}', 'ť'), ('t', '\u{0323}', 'ṭ'),
    ('t', '\u{0327}', 'ţ'), ('u', '\u{0300}', 'ù'), ('u', '\u{0301}', 'ú'), ('u', '\u{0302}', 'û'),
    ('u', '\u{0303}', 'ũ'), ('u', '\u{0304}', 'ū'), ('u', '\u{0306}', 'ŭ'), ('u', '\u{0308}', 'ü'),
    ('u', '\u{030a}', 'ů'), ('u', '\u{030b}', 'ű'), ('u', '\u{030c}', 'ǔ'), ('u', '\u{0323}', 'ụ'),
    ('u', '\u{0328}', 'ų'), ('v', '\u{0303}', 'ṽ'), ('v', '\u{0323}', 'ṿ'), ('w', '\u{0300}', 'ẁ'),
    ('w', '\u{0301}', 'ẃ'), ('w', '\u{0302}', 'ŵ'), ('w', '\u{0307}', 'ẇ'), ('w', '\u{0308}', 'ẅ'),
    ('w', '\u{030a}', 'ẘ'), ('w', '\u{0323}', 'ẉ'), ('x', '\u{0307}', 'ẋ'), ('x', '\u{0308}', 'ẍ'),
    ('y', '\u{0300}', 'ỳ'), ('y', '\u{0301}', 'ý'), ('y', '\u{0302}', 'ŷ'), ('y', '\u{0303}', 'ỹ'),
    ('y', '\u{0304}', 'ȳ'), ('y', '\u{0307}', 'ẏ'), ('y', '\u{0308}', 'ÿ'), ('y', '\u{030a}', 'ẙ'),
    ('y', '\u{0323}', 'ỵ'), ('z', '\u{0301}', 'ź'), ('z', '\u{0302}', 'ẑ'), ('z', '\u{0307}', 'ż'),
    ('z', '\u{030c}', 'ž'), ('z', '\u{0323}', 'ẓ'), ('α', '\u{0300}', 'ὰ'), ('α', '\u{0301}', 'ά'),
    ('α', '\u{0304}', 'ᾱ'), ('α', '\u{0306}', 'ᾰ'), ('ε', '\u{0300}', 'ὲ'), ('ε', '\u{0301}', 'έ'),
    ('η', '\u{0300}', 'ὴ'), ('η', '\u{0301}', 'ή'), ('ι', '\u{0300}', 'ὶ'), ('ι', '\u{0301}', 'ί'),
    ('ι', '\u{0304}', 'ῑ'), ('ι', '\u{0306}', 'ῐ'), ('ι', '\u{0308}', 'ϊ'), ('ο', '\u{0300}', 'ὸ'),
    ('ο', '\u{0301}', 'ό'), ('υ', '\u{0300}', 'ὺ'), ('υ', '\u{0301}', 'ύ'), ('υ', '\u{0304}', 'ῡ'),
    ('υ', '\u{0306}', 'ῠ'), ('υ', '\u{0308}', 'ϋ'), ('ω', '\u{0300}', 'ὼ'), ('ω', '\u{0301}', 'ώ'),
    ('а', '\u{0306}', 'ӑ'), ('а', '\u{0308}', 'ӓ'), ('г', '\u{0301}', 'ѓ'), ('е', '\u{0300}', 'ѐ'),
    ('е', '\u{0306}', 'ӗ'), ('е', '\u{0308}', 'ё'), ('ж', '\u{0306}', 'ӂ'), ('ж', '\u{0308}', 'ӝ'),
    ('з', '\u{0308}', 'ӟ'), ('и', '\u{0300}', 'ѝ'), ('и', '\u{0304}', 'ӣ'), ('и', '\u{0306}', 'й'),
    ('и', '\u{0308}', 'ӥ'), ('к', '\u{0301}', 'ќ'), ('о', '\u{0308}', 'ӧ'), ('у', '\u{0304}', 'ӯ'),
    ('у', '\u{0306}', 'ў'), ('у', '\u{0308}', 'ӱ'), ('у', '\u{030b}', 'ӳ'), ('ч', '\u{0308}', 'ӵ'),
    ('ы', '\u{0308}', 'ӹ'), ('э', '\u{0308}', 'ӭ'), ('і', '\u{0308}', 'ї'), ('ا', '\u{0653}', 'آ'),
    ('ا', '\u{0654}', 'أ'), ('ا', '\u{0655}', 'إ'), ('و', '\u{0654}', 'ؤ'), ('ي', '\u{0654}', 'ئ'),
    ('ہ', '\u{0654}', 'ۂ'), ('ے', '\u{0654}', 'ۓ'), ('ە', '\u{0654}', 'ۀ'),
];

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
    fn the_composition_table_is_sorted() {
        assert!(COMPOSE.windows(2).all(|w| (w[0].0, w[0].1) < (w[1].0, w[1].1)));
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
        let mut seed = 7u64;
        for _ in 0..2000 {
            let mut bytes = Vec::new();
            for _ in 0..12 {
                seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
                bytes.extend_from_slice(pieces[(seed >> 33) as usize % pieces.len()]);
            }
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
