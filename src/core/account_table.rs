//! The account table: every account of a campaign with its figures over a
//! date range, filtered, sorted and paged, or written out as CSV.

use crate::core::by_author::{AuthorFigures, ByAuthor};
use crate::core::campaign::Campaign;
use crate::core::csv_text::csv_field;
use crate::core::fold::fold;
use crate::core::store::FxMap;
use crate::core::time::{self, Range};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum AccountColumn {
    DisplayName,
    ScreenName,
    Followers,
    Following,
    Created,
    FirstTweet,
    LastTweet,
    Tweets,
    RetweetShare,
    Language,
    Client,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AccountQuery {
    /// Case-insensitive text to find in id, names, location or description.
    pub filter: String,
    pub sort: AccountColumn,
    pub descending: bool,
    pub offset: usize,
    pub limit: usize,
    /// With a range, the table lists the accounts with a tweet in it, as the
    /// overview counts them; `without_tweets` lists the others too.
    pub range: Option<Range>,
    #[serde(default)]
    pub without_tweets: bool,
}

/// One row of the account table.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AccountRow {
    pub id: String,
    pub display_name: String,
    pub screen_name: String,
    pub hashed: bool,
    pub followers: u32,
    pub following: u32,
    pub created: Option<String>,
    pub first_tweet: Option<String>,
    pub last_tweet: Option<String>,
    pub tweets: u64,
    pub retweets: u64,
    /// The main language and client of the account's tweets.
    pub language: String,
    pub client: String,
    /// The profile as the files give it.
    pub location: String,
    pub description: String,
    pub url: String,
    pub account_language: String,
    #[serde(skip)]
    search_text: String,
}

impl AccountRow {
    /// Retweets among the account's tweets, 0 to 1.
    pub fn retweet_share(&self) -> f64 {
        if self.tweets == 0 {
            0.0
        } else {
            self.retweets as f64 / self.tweets as f64
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AccountPage {
    pub total: usize,
    pub offset: usize,
    pub rows: Vec<AccountRow>,
    /// With a range, how many accounts matching the filter have no tweet in
    /// it, listed or not.
    pub without_tweets: usize,
}

/// Every account with its figures over `range`: the table the page pages through.
pub fn account_rows(campaign: &Campaign, range: Option<Range>) -> Vec<AccountRow> {
    account_rows_in(campaign, &ByAuthor::new(&campaign.store), range)
}

/// [`account_rows`], from the campaign's tweets by account worked out before.
pub fn account_rows_in(campaign: &Campaign, index: &ByAuthor, range: Option<Range>) -> Vec<AccountRow> {
    let store = &campaign.store;
    let figures: FxMap<u32, AuthorFigures> = index.figures(range).into_iter().collect();
    let mut rows: Vec<AccountRow> = store
        .profiles()
        .iter()
        .map(|(&user, p)| {
            let s = figures.get(&user);
            let id = store.users().text(user);
            let search_text =
                fold(&[id.as_str(), &p.display_name, &p.screen_name, &p.location, &p.description].join("\n"));
            AccountRow {
                hashed: p.is_hashed(&id),
                display_name: p.display_name.clone(),
                screen_name: p.screen_name.clone(),
                followers: p.followers,
                following: p.following,
                created: p.created.map(time::format_day),
                first_tweet: s.map(|s| time::format_minutes(s.first)),
                last_tweet: s.map(|s| time::format_minutes(s.last)),
                tweets: s.map_or(0, |s| s.tweets),
                retweets: s.map_or(0, |s| s.retweets),
                language: s.map(|s| store.languages().text(s.language)).unwrap_or_default(),
                client: s.map(|s| store.clients().text(s.client)).unwrap_or_default(),
                location: p.location.clone(),
                description: p.description.clone(),
                url: p.url.clone(),
                account_language: p.language.clone(),
                id,
                search_text,
            }
        })
        .collect();
    rows.sort_by(|a, b| a.id.cmp(&b.id));
    rows
}

/// Whether a row's cell in `column` is blank: blanks sort last either way.
fn blank(r: &AccountRow, column: AccountColumn) -> bool {
    match column {
        AccountColumn::DisplayName => r.display_name.is_empty(),
        AccountColumn::ScreenName => r.screen_name.is_empty(),
        AccountColumn::Created => r.created.is_none(),
        AccountColumn::FirstTweet => r.first_tweet.is_none(),
        AccountColumn::LastTweet => r.last_tweet.is_none(),
        AccountColumn::RetweetShare => r.tweets == 0,
        AccountColumn::Language => r.language.is_empty(),
        AccountColumn::Client => r.client.is_empty(),
        AccountColumn::Followers | AccountColumn::Following | AccountColumn::Tweets => false,
    }
}

/// Filters, sorts and pages precomputed rows.
pub fn account_page(rows: &[AccountRow], q: &AccountQuery) -> AccountPage {
    let needle = fold(q.filter.trim());
    let found = rows.iter().filter(|r| needle.is_empty() || r.search_text.contains(&needle));
    // The rows of a range carry the range's figures: no tweets means none in it.
    let quiet = |r: &AccountRow| q.range.is_some() && r.tweets == 0;
    let without_tweets = found.clone().filter(|r| quiet(r)).count();
    let matched: Vec<&AccountRow> = found.filter(|r| q.without_tweets || !quiet(r)).collect();
    use std::cmp::Ordering;
    // A name column sorts by its lowercase, made once a row rather than once a comparison.
    let lowercase = |r: &AccountRow| match q.sort {
        AccountColumn::DisplayName => r.display_name.to_lowercase(),
        AccountColumn::ScreenName => r.screen_name.to_lowercase(),
        _ => String::new(),
    };
    let mut keyed: Vec<(String, &AccountRow)> = matched.into_iter().map(|r| (lowercase(r), r)).collect();
    let by = |(name_a, a): &(String, &AccountRow), (name_b, b): &(String, &AccountRow)| -> Ordering {
        match q.sort {
            AccountColumn::DisplayName | AccountColumn::ScreenName => name_a.cmp(name_b),
            AccountColumn::Followers => a.followers.cmp(&b.followers),
            AccountColumn::Following => a.following.cmp(&b.following),
            AccountColumn::Created => a.created.cmp(&b.created),
            AccountColumn::FirstTweet => a.first_tweet.cmp(&b.first_tweet),
            AccountColumn::LastTweet => a.last_tweet.cmp(&b.last_tweet),
            AccountColumn::Tweets => a.tweets.cmp(&b.tweets),
            AccountColumn::RetweetShare => a.retweet_share().total_cmp(&b.retweet_share()),
            AccountColumn::Language => a.language.cmp(&b.language),
            AccountColumn::Client => a.client.cmp(&b.client),
        }
    };
    // Blanks last in both directions; ties keep id order whichever way the column sorts.
    keyed.sort_by(|x, y| {
        let order = by(x, y);
        let ((_, a), (_, b)) = (x, y);
        blank(a, q.sort)
            .cmp(&blank(b, q.sort))
            .then(if q.descending { order.reverse() } else { order })
            .then_with(|| a.id.cmp(&b.id))
    });
    let total = keyed.len();
    let offset = q.offset.min(total);
    let rows = keyed.into_iter().skip(offset).take(q.limit).map(|(_, r)| r.clone()).collect();
    AccountPage { total, offset, rows, without_tweets }
}

/// The rows a query selects, all of them, as CSV for download: a UTF-8 byte
/// order mark first, so that spreadsheets read Thai, Arabic or Cyrillic
/// names as such.
pub fn accounts_csv(rows: &[AccountRow], q: &AccountQuery) -> String {
    let all = account_page(rows, &AccountQuery { offset: 0, limit: usize::MAX, ..q.clone() });
    let mut out = String::from(
        "\u{FEFF}userid,user_display_name,user_screen_name,user_reported_location,user_profile_description,user_profile_url,follower_count,following_count,account_creation_date,account_language,first_tweet,last_tweet,tweets,retweets,retweet_share,main_language,main_client\n",
    );
    for r in &all.rows {
        let fields = [
            csv_field(&r.id, false),
            csv_field(&r.display_name, true),
            csv_field(&r.screen_name, true),
            csv_field(&r.location, true),
            csv_field(&r.description, true),
            csv_field(&r.url, true),
            r.followers.to_string(),
            r.following.to_string(),
            r.created.clone().unwrap_or_default(),
            csv_field(&r.account_language, true),
            r.first_tweet.clone().unwrap_or_default(),
            r.last_tweet.clone().unwrap_or_default(),
            r.tweets.to_string(),
            r.retweets.to_string(),
            format!("{:.4}", r.retweet_share()),
            csv_field(&r.language, true),
            csv_field(&r.client, true),
        ];
        out.push_str(&fields.join(","));
        out.push('\n');
    }
    out
}
