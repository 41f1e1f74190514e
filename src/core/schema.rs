//! What a file is: header names to column indexes, and file names to campaigns.
//!
//! Columns are always found by header name: the three generations of tweets files
//! order them differently, and unknown extra columns are ignored.

use std::cmp::Reverse;

/// Profile columns, shared by users files and (repeated on every row) tweets files.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ProfileColumns {
    pub display_name: Option<usize>,
    pub screen_name: Option<usize>,
    pub location: Option<usize>,
    pub description: Option<usize>,
    pub url: Option<usize>,
    pub followers: Option<usize>,
    pub following: Option<usize>,
    pub created: Option<usize>,
    pub language: Option<usize>,
}

/// A Twitter information-operations tweets file, any generation.
#[derive(Debug, Clone, PartialEq)]
pub struct TweetColumns {
    pub tweetid: usize,
    pub userid: usize,
    pub time: usize,
    pub profile: ProfileColumns,
    pub language: Option<usize>,
    pub text: Option<usize>,
    pub client: Option<usize>,
    pub reply_user: Option<usize>,
    pub reply_tweet: Option<usize>,
    pub quoted_tweet: Option<usize>,
    pub is_retweet: Option<usize>,
    pub retweet_user: Option<usize>,
    pub retweet_tweet: Option<usize>,
    pub latitude: Option<usize>,
    pub quote_count: Option<usize>,
    pub reply_count: Option<usize>,
    pub like_count: Option<usize>,
    pub retweet_count: Option<usize>,
    pub hashtags: Option<usize>,
    pub urls: Option<usize>,
    pub mentions: Option<usize>,
}

/// A Twitter information-operations users file.
#[derive(Debug, Clone, PartialEq)]
pub struct UserColumns {
    pub userid: usize,
    pub profile: ProfileColumns,
}

/// The FiveThirtyEight / Clemson `IRAhandle_tweets_N.csv` layout.
#[derive(Debug, Clone, PartialEq)]
pub struct FiveThirtyEightColumns {
    pub author: usize,
    pub content: usize,
    pub publish_date: usize,
    pub language: Option<usize>,
    pub following: Option<usize>,
    pub followers: Option<usize>,
    pub retweet: Option<usize>,
    pub tweet_id: Option<usize>,
    pub region: Option<usize>,
    pub post_type: Option<usize>,
    /// `tco1_step1`…`tco3_step1`: where the tweet's t.co links lead, expanded.
    pub expanded_links: [Option<usize>; 3],
}

#[derive(Debug, Clone, PartialEq)]
pub enum Layout {
    Tweets(Box<TweetColumns>),
    Users(UserColumns),
    FiveThirtyEight(FiveThirtyEightColumns),
}

impl Layout {
    /// Recognises a header row, or says what was expected instead.
    pub fn detect(header: &[&[u8]]) -> Result<Layout, String> {
        let names: Vec<String> =
            header.iter().map(|name| String::from_utf8_lossy(name).trim().to_lowercase()).collect();
        let col = |name: &str| names.iter().position(|n| n == name);
        let profile = || ProfileColumns {
            display_name: col("user_display_name"),
            screen_name: col("user_screen_name"),
            location: col("user_reported_location"),
            description: col("user_profile_description"),
            url: col("user_profile_url"),
            followers: col("follower_count"),
            following: col("following_count"),
            created: col("account_creation_date"),
            language: col("account_language"),
        };
        if let (Some(tweetid), Some(userid), Some(time)) = (col("tweetid"), col("userid"), col("tweet_time")) {
            return Ok(Layout::Tweets(Box::new(TweetColumns {
                tweetid,
                userid,
                time,
                profile: profile(),
                language: col("tweet_language"),
                text: col("tweet_text"),
                client: col("tweet_client_name"),
                reply_user: col("in_reply_to_userid"),
                reply_tweet: col("in_reply_to_tweetid"),
                quoted_tweet: col("quoted_tweet_tweetid"),
                is_retweet: col("is_retweet"),
                retweet_user: col("retweet_userid"),
                retweet_tweet: col("retweet_tweetid"),
                latitude: col("latitude"),
                quote_count: col("quote_count"),
                reply_count: col("reply_count"),
                like_count: col("like_count"),
                retweet_count: col("retweet_count"),
                hashtags: col("hashtags"),
                urls: col("urls"),
                mentions: col("user_mentions"),
            })));
        }
        // A header with any column only tweets files have is a tweets file
        // missing a column, never a users file.
        let tweet_columns = ["tweetid", "tweet_time", "tweet_text", "is_retweet", "tweet_language", "retweet_tweetid"];
        let looks_like_tweets = tweet_columns.iter().any(|c| col(c).is_some());
        if let (Some(userid), Some(_), false) = (col("userid"), col("user_screen_name"), looks_like_tweets) {
            return Ok(Layout::Users(UserColumns { userid, profile: profile() }));
        }
        if let (Some(author), Some(content), Some(publish_date)) = (col("author"), col("content"), col("publish_date"))
        {
            return Ok(Layout::FiveThirtyEight(FiveThirtyEightColumns {
                author,
                content,
                publish_date,
                language: col("language"),
                following: col("following"),
                followers: col("followers"),
                retweet: col("retweet"),
                tweet_id: col("tweet_id"),
                region: col("region"),
                post_type: col("post_type"),
                expanded_links: [col("tco1_step1"), col("tco2_step1"), col("tco3_step1")],
            }));
        }
        Err(refusal(&names, looks_like_tweets))
    }

    /// What the file holds, for people.
    pub fn describe(&self) -> &'static str {
        match self {
            Layout::Tweets(_) => "tweets",
            Layout::Users(_) => "users",
            Layout::FiveThirtyEight(_) => "FiveThirtyEight tweets",
        }
    }
}

/// The columns each layout cannot do without.
const REQUIRED: [(&str, &[&str]); 3] = [
    ("a tweets file", &["tweetid", "userid", "tweet_time"]),
    ("a users file", &["userid", "user_screen_name"]),
    ("a FiveThirtyEight IRAhandle file", &["author", "content", "publish_date"]),
];

/// Why a header is no layout: the layout it comes nearest, the columns it
/// lacks, and the header's names that look most like them.
fn refusal(names: &[String], looks_like_tweets: bool) -> String {
    let has = |c: &str| names.iter().any(|n| n == c);
    let (what, required) = REQUIRED
        .iter()
        .enumerate()
        .max_by_key(|(i, (_, cols))| {
            // A column present counts two, one nearly named counts one.
            let score: usize =
                cols.iter().map(|c| if has(c) { 2 } else { usize::from(nearest(c, names).is_some()) }).sum();
            (score + 2 * usize::from(*i == 0 && looks_like_tweets), Reverse(*i))
        })
        .map(|(_, layout)| *layout)
        .unwrap_or(REQUIRED[0]);
    let missing: Vec<String> = required
        .iter()
        .filter(|c| !has(c))
        .map(|c| match nearest(c, names) {
            Some(near) => format!("{c} (it has {near})"),
            None => c.to_string(),
        })
        .collect();
    let mut found = names.iter().take(12).cloned().collect::<Vec<_>>().join(", ");
    if names.len() > 12 {
        found.push_str(", …");
    }
    if found.is_empty() {
        found.push_str("nothing");
    }
    format!(
        "this is not an information-operations archive: {what} needs the columns {}, and this header lacks {}. \
         Expected a tweets file (tweetid, userid, tweet_time, …), a users file (userid, user_screen_name, …) \
         or a FiveThirtyEight IRAhandle file (author, content, publish_date, …); the header has {found}",
        required.join(", "),
        missing.join(", ")
    )
}

/// The header name most like `wanted` (`tweet_id` for `tweetid`), if any is close.
fn nearest<'n>(wanted: &str, names: &'n [String]) -> Option<&'n str> {
    let squash = |s: &str| s.chars().filter(|c| c.is_alphanumeric()).collect::<Vec<char>>();
    let target = squash(wanted);
    names
        .iter()
        .map(|n| (edit_distance(&squash(n), &target), n))
        .filter(|(d, _)| *d <= (target.len() / 3).max(1))
        .min_by_key(|(d, _)| *d)
        .map(|(_, n)| n.as_str())
}

/// Levenshtein distance, one row at a time.
fn edit_distance(a: &[char], b: &[char]) -> usize {
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let above = row[j + 1];
            row[j + 1] = (diagonal + usize::from(ca != cb)).min(above + 1).min(row[j] + 1);
            diagonal = above;
        }
    }
    row[b.len()]
}

/// A sentence for a file that is text but not UTF-8 as the releases are,
/// judged by its first bytes: UTF-16 from a spreadsheet's "Unicode text".
pub fn text_encoding_problem(first: &[u8]) -> Option<String> {
    let bom = first.starts_with(&[0xFF, 0xFE]) || first.starts_with(&[0xFE, 0xFF]);
    let nul_share = |parity: usize| {
        let at: Vec<u8> = first.iter().skip(parity).step_by(2).copied().collect();
        at.iter().filter(|&&b| b == 0).count() * 4 >= at.len() * 3 && !at.is_empty()
    };
    let no_nul = |parity: usize| first.iter().skip(parity).step_by(2).all(|&b| b != 0);
    let wide = first.len() >= 8 && ((nul_share(1) && no_nul(0)) || (nul_share(0) && no_nul(1)));
    (bom || wide).then(|| {
        "the file is UTF-16 text (what a spreadsheet saves as \"Unicode text\"), but the releases are UTF-8: \
         open it in the spreadsheet and save it as \"CSV UTF-8\", or convert it with iconv -f UTF-16 -t UTF-8"
            .to_string()
    })
}

/// What a release file's name says about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileName {
    pub campaign: String,
    /// `tweets` or `users`, as the name says; the header decides what is read.
    pub role: &'static str,
    /// `1`, `part1`, `2019`: what tells split parts apart.
    pub part: Option<String>,
}

/// The path's last component without `.csv`, `.zip`, `.gz` or `.txt` endings.
pub fn file_stem(path: &str) -> &str {
    let mut stem = path.rsplit(['/', '\\']).next().unwrap_or(path);
    loop {
        let lower = stem.to_ascii_lowercase();
        match [".zip", ".gz", ".csv", ".txt"].iter().find(|ext| lower.ends_with(*ext)) {
            Some(ext) => stem = &stem[..stem.len() - ext.len()],
            None => return stem,
        }
    }
}

/// Reads a campaign out of a release file name, or `None` when the name tells nothing.
///
/// `iran_201906_1_tweets_csv_hashed_1.csv` → campaign `iran_201906_1`, part `1`;
/// `hashed_2020_09_thailand_092020_thailand_092020_users_csv_hashed.zip` → `thailand_092020`.
pub fn parse_file_name(path: &str) -> Option<FileName> {
    let stem = file_stem(path);
    let mut tokens: Vec<&str> = stem.split('_').filter(|t| !t.is_empty()).collect();
    let is_number = |t: &str, len: usize| t.len() == len && t.bytes().all(|b| b.is_ascii_digit());
    if tokens.len() > 3
        && matches!(tokens[0].to_ascii_lowercase().as_str(), "hashed" | "unhashed")
        && is_number(tokens[1], 4)
        && is_number(tokens[2], 2)
    {
        tokens.drain(..3);
    }
    let role_at = tokens.iter().position(|t| t.eq_ignore_ascii_case("tweets") || t.eq_ignore_ascii_case("users"))?;
    let role = if tokens[role_at].eq_ignore_ascii_case("tweets") { "tweets" } else { "users" };
    let mut name = &tokens[..role_at];
    if name.len().is_multiple_of(2) && !name.is_empty() && name[..name.len() / 2] == name[name.len() / 2..] {
        name = &name[..name.len() / 2];
    }
    if name.is_empty() {
        return None;
    }
    let part: Vec<&str> = tokens[role_at + 1..]
        .iter()
        .copied()
        .filter(|t| !matches!(t.to_ascii_lowercase().as_str(), "csv" | "hashed" | "unhashed"))
        .collect();
    Some(FileName { campaign: name.join("_"), role, part: (!part.is_empty()).then(|| part.join("_")) })
}

/// `field` without ASCII whitespace at either end. Release fields nearly never
/// have any, and one look at each end settles that: cheaper than
/// `trim_ascii`'s loops on the twenty-odd fields of every row.
#[inline]
pub fn trim(field: &[u8]) -> &[u8] {
    match (field.first(), field.last()) {
        (Some(&first), Some(&last)) if first > b' ' && last > b' ' => field,
        _ => field.trim_ascii(),
    }
}

/// Calls `item` for each element of a list column: `[a, b]` (2018), `['a', "b"]`
/// (2019+, Python literals) or an empty field.
pub fn for_each_list_item(field: &[u8], scratch: &mut Vec<u8>, mut item: impl FnMut(&[u8])) {
    let rest = trim(field);
    let rest = rest.strip_prefix(b"[").unwrap_or(rest);
    let mut rest = rest.strip_suffix(b"]").unwrap_or(rest);
    loop {
        rest = rest.trim_ascii_start();
        while let Some(r) = rest.strip_prefix(b",") {
            rest = r.trim_ascii_start();
        }
        let Some(&first) = rest.first() else { return };
        if first == b'\'' || first == b'"' {
            let quoted = &rest[1..];
            let close = memchr::memchr2(first, b'\\', quoted).unwrap_or(quoted.len());
            let i = if quoted.get(close) == Some(&b'\\') {
                // Backslash escapes: copy the item out, unescaped.
                scratch.clear();
                let mut i = 0;
                while i < quoted.len() && quoted[i] != first {
                    if quoted[i] == b'\\' && i + 1 < quoted.len() {
                        i += 1;
                    }
                    scratch.push(quoted[i]);
                    i += 1;
                }
                if !scratch.is_empty() {
                    item(scratch);
                }
                i
            } else {
                if close > 0 {
                    item(&quoted[..close]);
                }
                close
            };
            rest = quoted.get(i + 1..).unwrap_or_default();
        } else {
            let end = memchr::memchr(b',', rest).unwrap_or(rest.len());
            let value = rest[..end].trim_ascii();
            if !value.is_empty() {
                item(value);
            }
            rest = &rest[end..];
        }
    }
}

/// A tweet or user id as the file wrote it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Id<'a> {
    Missing,
    /// All digits and within u64: the exact id.
    Exact(u64),
    /// A number a spreadsheet or pandas turned into a float (`1.198473762313818e+18`):
    /// the text is kept, the digits are lost.
    Lossy(&'a [u8]),
    /// Anything else, such as a hashed account.
    Text(&'a [u8]),
}

pub fn parse_id(field: &[u8]) -> Id<'_> {
    let field = trim(field);
    if field.is_empty() {
        return Id::Missing;
    }
    if let Some(n) = decimal(field) {
        return Id::Exact(n);
    }
    let float_like = field.iter().all(|b| b.is_ascii_digit() || matches!(b, b'.' | b'e' | b'E' | b'+' | b'-'))
        && field.iter().any(|b| matches!(b, b'.' | b'e' | b'E'))
        && field[0].is_ascii_digit();
    if float_like {
        Id::Lossy(field)
    } else {
        Id::Text(field)
    }
}

/// The value of a field of decimal digits, if it fits in a u64.
fn decimal(field: &[u8]) -> Option<u64> {
    let mut n = 0u64;
    for (i, &b) in field.iter().enumerate() {
        let digit = u64::from(b.wrapping_sub(b'0'));
        if digit > 9 {
            return None;
        }
        // Nineteen digits always fit; only longer ids need the (in WebAssembly,
        // 128-bit and slow) overflow checks.
        n = if i < 19 { n * 10 + digit } else { n.checked_mul(10)?.checked_add(digit)? };
    }
    Some(n)
}

/// A count column: digits, or a float a spreadsheet wrote (`12.0`); anything else is 0.
pub fn parse_count(field: &[u8]) -> u32 {
    let mut n = 0u64;
    for &b in trim(field) {
        let digit = b.wrapping_sub(b'0');
        if digit > 9 {
            break;
        }
        n = n * 10 + u64::from(digit);
        if n > u64::from(u32::MAX) {
            return u32::MAX;
        }
    }
    n as u32
}

/// `true`/`True`/`1` as written by the different releases.
pub fn parse_bool(field: &[u8]) -> bool {
    matches!(trim(field), b"true" | b"True" | b"TRUE" | b"1")
}

/// An account id is hashed when it is not all digits (never judged by follower count).
pub fn is_hashed_id(id: &str) -> bool {
    !id.is_empty() && !id.bytes().all(|b| b.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn header(names: &str) -> Vec<&[u8]> {
        names.split(',').map(str::as_bytes).collect()
    }

    #[test]
    fn maps_each_generation_by_name() {
        let g2018 = "tweetid,userid,user_display_name,user_screen_name,user_reported_location,user_profile_description,user_profile_url,follower_count,following_count,account_creation_date,account_language,tweet_language,tweet_text,tweet_time,tweet_client_name,in_reply_to_tweetid,in_reply_to_userid,quoted_tweet_tweetid,is_retweet,retweet_userid,retweet_tweetid,latitude,longitude,quote_count,reply_count,like_count,retweet_count,hashtags,urls,user_mentions,poll_choices";
        let Ok(Layout::Tweets(c)) = Layout::detect(&header(g2018)) else { panic!("2018 layout") };
        assert_eq!((c.reply_tweet, c.reply_user), (Some(15), Some(16)));
        let g2019 = g2018.replace("in_reply_to_tweetid,in_reply_to_userid", "in_reply_to_userid,in_reply_to_tweetid");
        let Ok(Layout::Tweets(c)) = Layout::detect(&header(&g2019)) else { panic!("2019 layout") };
        assert_eq!((c.reply_tweet, c.reply_user), (Some(16), Some(15)));
        let g2020 = g2019.replace(",poll_choices", ",some_future_column");
        assert!(matches!(Layout::detect(&header(&g2020)), Ok(Layout::Tweets(_))));
    }

    #[test]
    fn detects_users_and_fivethirtyeight() {
        let users = "userid,user_display_name,user_screen_name,follower_count";
        assert!(matches!(Layout::detect(&header(users)), Ok(Layout::Users(UserColumns { userid: 0, .. }))));
        let fte = "external_author_id,author,content,region,language,publish_date,retweet,tweet_id";
        assert!(matches!(Layout::detect(&header(fte)), Ok(Layout::FiveThirtyEight(_))));
    }

    #[test]
    fn refuses_other_files_naming_what_was_expected() {
        let err = Layout::detect(&header("name,email,phone")).unwrap_err();
        assert!(err.contains("Expected a tweets file"), "{err}");
        assert!(err.contains("name, email, phone"), "{err}");
        // Not read as a users file: it has tweets' columns, and one misspelt.
        let err = Layout::detect(&header("tweet_id,userid,user_screen_name,tweet_time,tweet_text")).unwrap_err();
        assert!(err.contains("a tweets file needs the columns tweetid, userid, tweet_time"), "{err}");
        assert!(err.contains("lacks tweetid (it has tweet_id)"), "{err}");
        let err = Layout::detect(&header("userid,screen_name")).unwrap_err();
        assert!(err.contains("a users file needs") && err.contains("user_screen_name (it has screen_name)"), "{err}");
        assert_eq!(nearest("tweetid", &["tweet_time".to_string()]), None);
    }

    #[test]
    fn reads_campaigns_from_release_names() {
        let cases = [
            ("iran_201906_1_tweets_csv_hashed.csv", "iran_201906_1", "tweets", None),
            ("iran_201906_1_users_csv_hashed.csv", "iran_201906_1", "users", None),
            ("iran_201906_1_tweets_csv_hashed_1.csv", "iran_201906_1", "tweets", Some("1")),
            ("downloads/ira_tweets_csv_hashed_part1.csv", "ira", "tweets", Some("part1")),
            ("venezuela_201901_2_tweets_csv_unhashed_2019.csv.zip", "venezuela_201901_2", "tweets", Some("2019")),
            ("hashed_2020_09_thailand_092020_thailand_092020_tweets_csv_hashed.zip", "thailand_092020", "tweets", None),
            ("IRAhandle_tweets_3.csv", "IRAhandle", "tweets", Some("3")),
            ("russian_linked_tweets_csv_hashed.csv", "russian_linked", "tweets", None),
        ];
        for (path, campaign, role, part) in cases {
            let name = parse_file_name(path).unwrap_or_else(|| panic!("{path}"));
            assert_eq!((name.campaign.as_str(), name.role, name.part.as_deref()), (campaign, role, part), "{path}");
        }
        assert_eq!(parse_file_name("export (2).csv"), None);
        assert_eq!(parse_file_name("tweets.csv"), None);
        assert_eq!(file_stem("C:\\data\\export.CSV.zip"), "export");
    }

    fn items(field: &str) -> Vec<String> {
        let mut out = Vec::new();
        for_each_list_item(field.as_bytes(), &mut Vec::new(), |i| out.push(String::from_utf8(i.to_vec()).unwrap()));
        out
    }

    #[test]
    fn reads_both_list_styles() {
        assert_eq!(items("[SyrianArmy, Hama]"), ["SyrianArmy", "Hama"]);
        assert_eq!(items("['SyrianArmy', 'سورية', \"it's\"]"), ["SyrianArmy", "سورية", "it's"]);
        assert_eq!(items("['a\\'b']"), ["a'b"]);
        assert!(items("[]").is_empty());
        assert!(items("").is_empty());
        assert_eq!(items("['unterminated"), ["unterminated"]);
    }

    #[test]
    fn keeps_ids_exact_or_marks_them_lossy() {
        assert_eq!(parse_id(b"1198473762313818113"), Id::Exact(1_198_473_762_313_818_113));
        assert_eq!(parse_id(b"1.198473762313818e+18"), Id::Lossy(b"1.198473762313818e+18"));
        assert_eq!(parse_id(b"9.06E+17"), Id::Lossy(b"9.06E+17"));
        assert_eq!(parse_id(b"vMm2zemFOF7k+Torq="), Id::Text(b"vMm2zemFOF7k+Torq="));
        assert_eq!(parse_id(b"99999999999999999999"), Id::Text(b"99999999999999999999"));
        assert_eq!(parse_id(b"18446744073709551615"), Id::Exact(u64::MAX));
        assert_eq!(parse_id(b"0000000000000000000000012"), Id::Exact(12));
        assert_eq!(parse_id(b" "), Id::Missing);
        assert!(is_hashed_id("a3f0") && !is_hashed_id("12345"));
    }

    #[test]
    fn parses_counts_and_flags() {
        assert_eq!(parse_count(b"19816"), 19_816);
        assert_eq!(parse_count(b"12.0"), 12);
        assert_eq!(parse_count(b""), 0);
        assert_eq!(parse_count(b"99999999999"), u32::MAX);
        assert!(parse_bool(b"True") && parse_bool(b"true") && !parse_bool(b"False"));
        assert_eq!(parse_count(b"00000000000000000000042"), 42);
    }

    #[test]
    fn padding_at_either_end_is_ignored() {
        for (padded, bare) in [(" 12", "12"), ("12\t", "12"), ("\r\n12 ", "12"), ("  ", ""), ("1 2", "1 2"), ("x", "x")]
        {
            assert_eq!(trim(padded.as_bytes()), bare.as_bytes());
        }
        assert_eq!(parse_count(b" 7 "), 7);
        assert_eq!(parse_id(b"\t12 "), Id::Exact(12));
        assert!(parse_bool(b" true"));
        assert_eq!(items(" [ 'a' ,  b ] "), ["a", "b"]);
        assert_eq!(items("[, ,'c',]"), ["c"]);
    }
}
