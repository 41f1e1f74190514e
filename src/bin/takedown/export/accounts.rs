//! The accounts table: one row per account of a campaign (an author, or a row
//! of a users file), gathered over every part, the users file's profile
//! winning over one taken from a tweet as `takedown summary` decides.

use super::parquet::{Column, Physical, Strings, Table, Values};
use std::collections::BTreeMap;
use std::ops::Range;
use takedown::core::store::{Profile, ProfileSource, Store};

const fn column(name: &'static str, physical: Physical, dictionary: bool, doc: &'static str) -> Column {
    Column { name, physical, dictionary, doc }
}

pub const COLUMNS: &[Column] = &[
    column("userid", Physical::Str, false, "the account's id, as in the tweets' `userid`"),
    column("user_display_name", Physical::Str, false, "equal to the hash in hashed releases"),
    column("user_screen_name", Physical::Str, false, "equal to the hash in hashed releases"),
    column("user_reported_location", Physical::Str, false, "as written"),
    column("user_profile_description", Physical::Text, false, "as written"),
    column("user_profile_url", Physical::Str, false, "as written"),
    column("follower_count", Physical::Int64, false, "at the release"),
    column("following_count", Physical::Int64, false, "at the release"),
    column("account_creation_date", Physical::Date, false, "the day the account was made"),
    column("account_language", Physical::Str, true, "the account's language setting"),
    column(
        "hashed",
        Physical::Bool,
        false,
        "whether the id is a hash (not all digits; FiveThirtyEight handles are not)",
    ),
    column(
        "profile_source",
        Physical::Str,
        true,
        "users_file, tweets_file (the account's first tweet) or fivethirtyeight",
    ),
];

/// Every account of one campaign seen so far, by user id.
#[derive(Default)]
pub struct Accounts {
    profiles: BTreeMap<String, Profile>,
}

impl Accounts {
    /// Takes in the profiles of one part's store.
    pub fn absorb(&mut self, store: &Store) {
        for (&user, profile) in store.profiles() {
            let id = store.users().text(user);
            match self.profiles.get(&id) {
                Some(ours) if !replaces(profile, ours) => {}
                _ => {
                    self.profiles.insert(id, profile.clone());
                }
            }
        }
    }

    pub fn len(&self) -> usize {
        self.profiles.len()
    }

    /// The table of them, in user id order.
    pub fn table(&self) -> AccountRows<'_> {
        AccountRows { rows: self.profiles.iter().collect() }
    }
}

/// A users file's profile replaces one taken from tweets.
fn replaces(new: &Profile, ours: &Profile) -> bool {
    new.source == ProfileSource::UsersFile && ours.source != ProfileSource::UsersFile
}

fn source_name(source: ProfileSource) -> &'static str {
    match source {
        ProfileSource::UsersFile => "users_file",
        ProfileSource::TweetsFile => "tweets_file",
        ProfileSource::FiveThirtyEight => "fivethirtyeight",
    }
}

pub struct AccountRows<'a> {
    rows: Vec<(&'a String, &'a Profile)>,
}

impl AccountRows<'_> {
    fn strings(&self, rows: Range<usize>, value: impl Fn(&str, &Profile) -> String) -> Values {
        let mut out = Strings::default();
        for (id, profile) in &self.rows[rows] {
            out.push_nonempty(value(id, profile).as_bytes());
        }
        Values::Str(out)
    }
}

impl Table for AccountRows<'_> {
    fn columns(&self) -> &'static [Column] {
        COLUMNS
    }

    fn rows(&self) -> usize {
        self.rows.len()
    }

    fn values(&self, column: usize, rows: Range<usize>) -> Values {
        let each = |f: &dyn Fn(&str, &Profile) -> i64| -> Vec<Option<i64>> {
            self.rows[rows.clone()].iter().map(|(id, p)| Some(f(id, p))).collect()
        };
        match COLUMNS[column].name {
            "userid" => self.strings(rows, |id, _| id.to_string()),
            "user_display_name" => self.strings(rows, |_, p| p.display_name.clone()),
            "user_screen_name" => self.strings(rows, |_, p| p.screen_name.clone()),
            "user_reported_location" => self.strings(rows, |_, p| p.location.clone()),
            "user_profile_description" => self.strings(rows, |_, p| p.description.clone()),
            "user_profile_url" => self.strings(rows, |_, p| p.url.clone()),
            "follower_count" => Values::Int64(each(&|_, p| i64::from(p.followers))),
            "following_count" => Values::Int64(each(&|_, p| i64::from(p.following))),
            "account_creation_date" => Values::Int32(self.rows[rows].iter().map(|(_, p)| p.created).collect()),
            "account_language" => self.strings(rows, |_, p| p.language.clone()),
            "hashed" => Values::Bool(self.rows[rows].iter().map(|(id, p)| Some(p.is_hashed(id))).collect()),
            "profile_source" => self.strings(rows, |_, p| source_name(p.source).to_string()),
            other => unreachable!("accounts::COLUMNS names {other}, which values() does not write"),
        }
    }
}
