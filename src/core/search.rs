//! Tweet search: the filters, the words and "phrases" to find in a tweet's
//! text (folded by [`crate::core::fold`]), the order, and one page of rows
//! with the places the words were found.

use crate::core::campaign::Campaign;
use crate::core::csv_text::csv_field;
use crate::core::fold::fold_into;
use crate::core::scan::Scan;
use crate::core::sieve::{Seen, Sieve};
use crate::core::store::{Entity, Store, TweetKind};
use crate::core::summary::{user_label, RevealedNames};
use crate::core::time;
use crate::core::time::Range;
use memchr::memmem::Finder;
use serde::{Deserialize, Serialize};

/// The order of a tweet list. Tweets without counts (FiveThirtyEight files)
/// come after those with counts in the orders by count.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum TweetSort {
    #[default]
    Newest,
    Oldest,
    MostLiked,
    MostRetweeted,
}

impl TweetSort {
    pub const ALL: [TweetSort; 4] =
        [TweetSort::Newest, TweetSort::Oldest, TweetSort::MostLiked, TweetSort::MostRetweeted];

    /// The word for it in a link and on the command line.
    pub fn key(self) -> &'static str {
        match self {
            TweetSort::Newest => "newest",
            TweetSort::Oldest => "oldest",
            TweetSort::MostLiked => "likes",
            TweetSort::MostRetweeted => "retweets",
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct TweetQuery {
    /// Words and "quoted phrases" that must all be in the tweet, in any order and case.
    pub text: String,
    /// An account's user id: the tweets it wrote.
    pub account: Option<String>,
    /// A user id: the tweets that mention it.
    pub mentions: Option<String>,
    pub language: Option<String>,
    pub kind: Option<TweetKind>,
    /// Without `#`, any case.
    pub hashtag: Option<String>,
    pub range: Option<Range>,
    pub sort: TweetSort,
    pub offset: usize,
    pub limit: usize,
    /// A client's name as the file writes it (the overview's Clients list).
    #[serde(default)]
    pub client: Option<String>,
    /// A linked domain as the overview counts it (`example.com`).
    #[serde(default)]
    pub domain: Option<String>,
}

/// An account a tweet mentions.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Mention {
    pub id: String,
    /// Its screen name, from the users file or the campaign's retweets, else the id.
    pub label: String,
    /// Whether the campaign has the account's profile (and so perhaps its tweets).
    pub in_campaign: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TweetRow {
    /// As the file wrote it.
    pub id: String,
    /// Whether `id` is an exact tweet id, rather than a spreadsheet's rounding of one.
    pub exact_id: bool,
    pub time: String,
    pub account: String,
    pub screen_name: String,
    pub kind: TweetKind,
    pub language: String,
    pub client: String,
    pub text: String,
    /// Byte ranges of `text` where the searched words are, in order, apart.
    pub marks: Vec<(usize, usize)>,
    pub hashtags: Vec<String>,
    pub mentions: Vec<Mention>,
    pub urls: Vec<String>,
    /// The retweeted, replied-to or quoted tweet's id.
    pub reference: Option<String>,
    /// likes, retweets, replies, quotes; `None` where the file has no counts.
    pub engagement: Option<[u32; 4]>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TweetPage {
    /// Tweets found: all of them, or while `progress` is set, so far.
    pub total: usize,
    pub offset: usize,
    pub rows: Vec<TweetRow>,
    /// While a search is still counting: the share of the tweets read, 0 to 1.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub progress: Option<f32>,
}

/// What a search looks for, folded once, and a buffer to fold each text
/// into: the words are found by `memmem` in the folded text, so a search is
/// linear in the text's length and allocates nothing per tweet once the
/// buffer has grown. Most texts need no folding: a [`Sieve`] sees in the
/// text as it is that a word is missing, or that it is there.
pub struct Needle {
    terms: Vec<Term>,
    folded: String,
    sources: Vec<usize>,
}

/// One word or phrase of a search.
struct Term {
    /// The term folded, found in a folded text.
    folded: Finder<'static>,
    sieve: Sieve,
}

/// The words and phrases of a search: a phrase is what stands between two
/// quotes (straight or curly; an unclosed one runs to the end), a word
/// anything else between spaces.
fn terms(text: &str) -> Vec<String> {
    let mut terms: Vec<String> = Vec::new();
    for (n, part) in text.split(['"', '“', '”']).enumerate() {
        let found: Vec<&str> = if n % 2 == 1 { vec![part.trim()] } else { part.split_whitespace().collect() };
        for term in found.into_iter().filter(|t| !t.is_empty()) {
            let mut folded = String::new();
            fold_into(term.as_bytes(), &mut folded, None);
            if !terms.contains(&folded) {
                terms.push(folded);
            }
        }
    }
    terms
}

impl Needle {
    pub fn new(text: &str) -> Needle {
        let term =
            |folded: String| Term { sieve: Sieve::new(&folded), folded: Finder::new(folded.as_bytes()).into_owned() };
        Needle { terms: terms(text).into_iter().map(term).collect(), folded: String::new(), sources: Vec::new() }
    }

    pub fn is_empty(&self) -> bool {
        self.terms.is_empty()
    }

    /// Whether `haystack` holds every word and phrase, folded alike.
    pub fn found_in(&mut self, haystack: &[u8]) -> bool {
        let mut unsure = false;
        for term in &self.terms {
            match term.sieve.look(haystack) {
                Seen::Missing => return false,
                Seen::Unsure => unsure = true,
                Seen::There => {}
            }
        }
        if !unsure {
            return true;
        }
        self.folded.clear();
        fold_into(haystack, &mut self.folded, None);
        self.terms.iter().all(|t| t.folded.find(self.folded.as_bytes()).is_some())
    }

    /// Where in `text` the words and phrases are: byte ranges on character
    /// boundaries, in order, overlapping and touching ones joined.
    pub fn marks(&mut self, text: &str) -> Vec<(usize, usize)> {
        if self.terms.is_empty() {
            return Vec::new();
        }
        self.folded.clear();
        self.sources.clear();
        fold_into(text.as_bytes(), &mut self.folded, Some(&mut self.sources));
        let sources = &self.sources;
        // A folded byte's range in `text`: from its character's start to the
        // next character's (ß folds to two bytes of one character).
        let end_of = |at: usize| sources[at..].iter().find(|&&s| s > sources[at]).copied().unwrap_or(text.len());
        let mut marks: Vec<(usize, usize)> = Vec::new();
        for term in self.terms.iter().map(|t| &t.folded) {
            let found = term.find_iter(self.folded.as_bytes());
            marks.extend(found.map(|at| (sources[at], end_of(at + term.needle().len() - 1))));
        }
        marks.sort_unstable();
        let mut joined: Vec<(usize, usize)> = Vec::with_capacity(marks.len());
        for (start, end) in marks {
            match joined.last_mut() {
                Some(last) if start <= last.1 => last.1 = last.1.max(end),
                _ => joined.push((start, end)),
            }
        }
        joined
    }
}

fn tweet_row(store: &Store, names: &RevealedNames, needle: &mut Needle, i: usize) -> TweetRow {
    let text = String::from_utf8_lossy(store.text(i)).into_owned();
    let mut row = TweetRow {
        id: store.tweet_id(i).to_string(),
        exact_id: store.tweet_id(i).exact().is_some(),
        time: time::format_minutes(store.time(i)),
        account: store.users().text(store.author(i)),
        screen_name: user_label(store, names, store.author(i)),
        kind: store.kind(i),
        language: store.languages().text(store.lang(i)),
        client: store.clients().text(store.client(i)),
        marks: needle.marks(&text),
        text,
        hashtags: Vec::new(),
        mentions: Vec::new(),
        urls: Vec::new(),
        reference: store.reference(i).map(|r| r.to_string()),
        engagement: store.engagement(i),
    };
    for entity in store.entities(i) {
        match entity {
            Entity::Hashtag(h) => row.hashtags.push(store.hashtags().text(h)),
            Entity::Url(u) => row.urls.push(store.urls().text(u)),
            Entity::Mention(u) => row.mentions.push(Mention {
                id: store.users().text(u),
                label: user_label(store, names, u),
                in_campaign: store.profile(u).is_some(),
            }),
        }
    }
    row
}

/// Where tweet `i` stands in `sort`: the smaller, the nearer the top. Ties go
/// to the newer tweet, then to the one stored first.
pub(crate) fn sort_key(store: &Store, sort: TweetSort, i: usize) -> (bool, u32, u32, usize) {
    let newest = u32::MAX - store.time(i);
    let by_count = |n: usize| match store.engagement(i) {
        Some(counts) => (false, u32::MAX - counts[n], newest, i),
        None => (true, 0, newest, i),
    };
    match sort {
        TweetSort::Newest => (false, newest, 0, i),
        TweetSort::Oldest => (false, store.time(i), 0, i),
        TweetSort::MostLiked => by_count(0),
        TweetSort::MostRetweeted => by_count(1),
    }
}

/// The most tweets [`tweets_by_id`] gives: a cross link lists as many ids.
pub const BY_ID_MOST: usize = crate::core::compare::LINK_TWEETS;

/// The tweets whose ids, as the files write them, are among `ids` (at most
/// [`BY_ID_MOST`] of them), in the order they were read: the tweets behind a
/// link of the Compare view.
pub fn tweets_by_id(campaign: &Campaign, ids: &[String], names: &RevealedNames) -> TweetPage {
    use std::fmt::Write;
    let store = &campaign.store;
    let wanted: std::collections::HashSet<&str> = ids.iter().take(BY_ID_MOST).map(String::as_str).collect();
    let mut needle = Needle::new("");
    let mut id = String::new();
    let mut rows = Vec::new();
    for i in 0..store.len() {
        id.clear();
        // Writing to a String cannot fail.
        let _ = write!(id, "{}", store.tweet_id(i));
        if wanted.contains(id.as_str()) {
            rows.push(tweet_row(store, names, &mut needle, i));
        }
    }
    TweetPage { total: rows.len(), offset: 0, rows, progress: None }
}

/// Tweets matching every filter, in the query's order, one page of them.
pub fn tweets(campaign: &Campaign, q: &TweetQuery) -> TweetPage {
    tweets_with(campaign, q, &RevealedNames::new(&campaign.store))
}

/// [`tweets`], with the campaign's revealed screen names worked out before.
pub fn tweets_with(campaign: &Campaign, q: &TweetQuery, names: &RevealedNames) -> TweetPage {
    let mut scan = Scan::new(&campaign.store, q, None);
    scan.step(&campaign.store, None, usize::MAX);
    page_of(campaign, q, &scan, names)
}

/// What a search has found so far: the page's rows once they are known
/// (none before), and the count, the final one once the scan is done;
/// `progress` says how far it is while not.
pub fn page_of(campaign: &Campaign, q: &TweetQuery, scan: &Scan, names: &RevealedNames) -> TweetPage {
    let store = &campaign.store;
    let mut needle = Needle::new(&q.text);
    let offset = q.offset.min(scan.total());
    let rows = if scan.page_known(store) { scan.rows(offset) } else { Vec::new() };
    TweetPage {
        total: scan.total(),
        offset,
        rows: rows.into_iter().map(|i| tweet_row(store, names, &mut needle, i)).collect(),
        progress: (!scan.is_done(store)).then(|| scan.share_read(store)),
    }
}

/// The columns of a tweet export, the CLI's `takedown tweets` and the page's alike.
pub const TWEET_COLUMNS: [&str; 17] = [
    "campaign",
    "tweetid",
    "userid",
    "user_screen_name",
    "tweet_time",
    "kind",
    "tweet_language",
    "tweet_client_name",
    "reference",
    "hashtags",
    "urls",
    "user_mentions",
    "like_count",
    "retweet_count",
    "reply_count",
    "quote_count",
    "tweet_text",
];

/// The name a value has in the JSON output (`retweet`, `users_file`), so that
/// the CSV and JSON outputs agree.
pub fn wire_name(value: &impl Serialize) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(name)) => name,
        other => other.map(|v| v.to_string()).unwrap_or_default(),
    }
}

/// One tweet's values under [`TWEET_COLUMNS`], as they are: ids as the file
/// wrote them. Lists are space-separated (hashtags, URLs and user ids hold no
/// spaces); counts a file does not have (FiveThirtyEight's) are empty, not 0.
pub fn tweet_record(campaign: &str, t: &TweetRow) -> Vec<String> {
    let counts = t.engagement.map(|counts| counts.map(|n| n.to_string()));
    let [likes, retweets, replies, quotes] = counts.unwrap_or_default();
    let mentions: Vec<&str> = t.mentions.iter().map(|m| m.id.as_str()).collect();
    vec![
        campaign.to_string(),
        t.id.clone(),
        t.account.clone(),
        t.screen_name.clone(),
        t.time.clone(),
        t.kind.name().to_string(),
        t.language.clone(),
        t.client.clone(),
        t.reference.clone().unwrap_or_default(),
        t.hashtags.join(" "),
        t.urls.join(" "),
        mentions.join(" "),
        likes,
        retweets,
        replies,
        quotes,
        t.text.clone(),
    ]
}

/// Which of [`TWEET_COLUMNS`] hold text a person wrote, which a spreadsheet
/// could run as a formula. Ids, screen names (a hashed one is an id and may
/// start with `+`), times, kinds and counts are written exactly.
const GUARDED: [bool; 17] =
    [true, false, false, false, false, false, true, true, false, true, true, false, false, false, false, false, true];

/// Every tweet a query selects (not one page: its offset and limit are set
/// aside), in its order, as CSV for download under [`TWEET_COLUMNS`]: a UTF-8
/// byte order mark first, so that spreadsheets read Thai, Arabic or Cyrillic
/// text as such.
pub fn tweets_csv(campaign: &Campaign, q: &TweetQuery, names: &RevealedNames) -> String {
    let all = tweets_with(campaign, &TweetQuery { offset: 0, limit: usize::MAX, ..q.clone() }, names);
    let mut out = format!("\u{FEFF}{}\n", TWEET_COLUMNS.join(","));
    for row in &all.rows {
        let record = tweet_record(&campaign.name, row);
        let fields: Vec<String> = record.iter().zip(GUARDED).map(|(value, guard)| csv_field(value, guard)).collect();
        out.push_str(&fields.join(","));
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(needle: &str, text: &str) -> bool {
        Needle::new(needle).found_in(text.as_bytes())
    }

    #[test]
    fn needles_ignore_case_in_every_script() {
        assert!(found("maga", "Vote #MAGA now"));
        assert!(found("ПРАВДА", "это правда!") && found("правда", "ЭТО ПРАВДА") && found("пРаВдА", "Правда"));
        assert!(found("ایران", "خبر ایران امروز"));
        assert!(found("", "anything") && found("  \"\" ", "anything"));
        assert!(!found("правда", "pravda") && !found("maga", "ma ga") && !found("longer than it", "short"));
        assert!(found("straße", "STRAẞE") && found("STRASSE", "straße") && found("ss", "ß"));
        assert!(found("file", "ﬁle") && found("οδος", "ΟΔΟΣ") && found("café", "CAFE\u{301}"));
        assert!(found("علي", "علی") && found("کتاب", "كتاب"));
    }

    /// Whether a search finds `needle` in `text` by folding the whole text,
    /// as it did before texts were first looked at as they are.
    fn found_by_folding(needle: &str, text: &[u8]) -> bool {
        let mut folded = String::new();
        fold_into(text, &mut folded, None);
        terms(needle).iter().all(|term| folded.contains(term.as_str()))
    }

    #[test]
    fn texts_looked_at_as_they_are_are_found_as_their_foldings_are() {
        const WORDS: [&str; 36] = [
            "a", "A", "s", "S", "ſ", "ß", "ẞ", "k", "K", "\u{212A}", "ﬁ", "fi", "e", "E", "\u{0301}", "é", "п", "П",
            "ς", "σ", "Σ", "ᲀ", "в", "и", "\u{0306}", "й", "ی", "ي", "\u{0654}", "ا", " ", "İ", "i", "n", "ŉ", "#",
        ];
        // The texts' pieces: the words' and two bytes that are not UTF-8 alone.
        let pieces: Vec<&[u8]> = WORDS.iter().map(|w| w.as_bytes()).chain([&b"\xff"[..], b"\xd0"]).collect();
        let mut draws = crate::core::fold::Draws::new(5);
        let (mut found, mut tried) = (0, 0);
        for _ in 0..20_000 {
            let count = 1 + draws.below(10);
            let text = draws.text(&pieces, count);
            let needle: String = (0..1 + draws.below(3)).map(|_| WORDS[draws.below(WORDS.len())]).collect();
            let expected = found_by_folding(&needle, &text);
            assert_eq!(
                Needle::new(&needle).found_in(&text),
                expected,
                "{needle:?} in {:?}",
                String::from_utf8_lossy(&text)
            );
            found += usize::from(expected);
            tried += 1;
        }
        assert!(found > tried / 10 && found < tried * 9 / 10, "{found} of {tried} found: both answers tried");
    }

    #[test]
    fn every_word_must_be_there_in_any_order_and_a_phrase_as_written() {
        assert!(found("now vote", "Vote #MAGA now"));
        assert!(!found("vote later", "Vote #MAGA now"));
        assert!(found("\"vote #maga\"", "Vote #MAGA now"));
        assert!(!found("\"vote now\"", "Vote #MAGA now"), "a phrase's words together");
        assert!(found("“#MAGA NOW” vote", "Vote #MAGA now"), "curly quotes");
        assert!(found("\"maga now", "Vote #MAGA now"), "an unclosed quote runs to the end");
    }

    #[test]
    fn marks_cover_the_characters_found() {
        let marks = |needle: &str, text: &str| Needle::new(needle).marks(text);
        let text = "Vote #MAGA now, maga!";
        assert_eq!(marks("maga", text), [(6, 10), (16, 20)]);
        assert_eq!(marks("now vote", text), [(0, 4), (11, 14)]);
        assert_eq!(marks("\"#maga now\" maga", text), [(5, 14), (16, 20)], "overlaps joined");
        assert_eq!(marks("strasse", "Die Straße."), [(4, 11)], "ß is two bytes of text");
        assert_eq!(marks("s", "ß"), [(0, 2)], "half of ß marks all of it");
        assert_eq!(marks("café", "un cafe\u{301}!"), [(3, 9)], "the letter and its mark");
        assert_eq!(marks("", text), []);
        assert_eq!(marks("xyz", text), []);
    }
}
