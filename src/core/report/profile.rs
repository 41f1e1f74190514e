//! Profile signals: what the accounts' profiles have in common that organic
//! accounts seldom do, each with the accounts behind it.

use crate::core::schema::is_hashed_id;
use crate::core::store::{FxMap, Profile, ProfileSource, Store};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SignalKind {
    /// `user_profile_description` empty or only whitespace. Judged on every account.
    EmptyBio,
    /// The display name is the handle, compared in lowercase with spaces and
    /// underscores (and any other whitespace) removed: `Somchai_99` and
    /// `somchai 99`. Judged on accounts whose screen name is not their user id
    /// (a hashed release writes the hash in both) and is not empty.
    NameIsHandle,
    /// The account's language setting is not the language most of its tweets
    /// are in, comparing primary subtags (`en-gb` is `en`; Twitter's old `iw`,
    /// `in` and `ji` are `he`, `id` and `yi`). Tweets Twitter could not put a
    /// language to (`und`, `zxx`, and its `qam`, `qct`, `qht`, `qme`, `qst`)
    /// are left out; a tie goes to the code first in alphabetical order. Judged
    /// on accounts with a language setting and a tweet in a language.
    LanguageMismatch,
    /// The release withheld the handle: the screen name is the user id, a hash.
    /// Judged on every account but FiveThirtyEight's (named by handle).
    HashedHandle,
}

/// One signal: how many accounts it could be judged on, and which have it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Signal {
    pub kind: SignalKind,
    pub judged: u64,
    pub accounts: u64,
    /// User ids, sorted.
    pub ids: Vec<String>,
}

fn squeeze(name: &str) -> String {
    name.chars().filter(|c| *c != '_' && !c.is_whitespace()).flat_map(char::to_lowercase).collect()
}

/// A language code as compared: its primary subtag in lowercase, old codes renamed.
fn primary(code: &str) -> String {
    let tag = code.split(['-', '_']).next().unwrap_or_default().trim().to_ascii_lowercase();
    match tag.as_str() {
        "iw" => "he".into(),
        "in" => "id".into(),
        "ji" => "yi".into(),
        _ => tag,
    }
}

fn undetermined(code: &str) -> bool {
    matches!(code, "" | "und" | "zxx" | "qam" | "qct" | "qht" | "qme" | "qst")
}

/// Every account's main tweet language (its primary subtag), where it has one.
fn main_languages(store: &Store) -> FxMap<u32, String> {
    let codes: Vec<String> = (0..store.languages().len() as u32).map(|l| primary(&store.languages().text(l))).collect();
    let mut counts: FxMap<(u32, &str), u64> = FxMap::default();
    for i in 0..store.len() {
        let code = codes[store.lang(i) as usize].as_str();
        if !undetermined(code) {
            *counts.entry((store.author(i), code)).or_default() += 1;
        }
    }
    let mut best: FxMap<u32, (&str, u64)> = FxMap::default();
    for ((author, code), n) in counts {
        let entry = best.entry(author).or_insert((code, n));
        if n > entry.1 || (n == entry.1 && code < entry.0) {
            *entry = (code, n);
        }
    }
    best.into_iter().map(|(author, (code, _))| (author, code.to_string())).collect()
}

/// The four signals, in [`SignalKind`]'s order.
pub fn profile_signals(store: &Store) -> Vec<Signal> {
    let main = main_languages(store);
    let id = |user: u32| store.users().text(user);
    // Each test says whether it judges the account and, if so, whether the account has the signal.
    type Test<'a> = Box<dyn Fn(u32, &Profile) -> Option<bool> + 'a>;
    let tests: [(SignalKind, Test); 4] = [
        (SignalKind::EmptyBio, Box::new(|_, p| Some(p.description.trim().is_empty()))),
        (
            SignalKind::NameIsHandle,
            Box::new(|user, p| {
                let judged = !p.screen_name.is_empty() && p.screen_name != id(user);
                judged.then(|| squeeze(&p.display_name) == squeeze(&p.screen_name))
            }),
        ),
        (
            SignalKind::LanguageMismatch,
            Box::new(|user, p| {
                let setting = primary(&p.language);
                let tweets = main.get(&user)?;
                (!setting.is_empty()).then(|| &setting != tweets)
            }),
        ),
        (
            SignalKind::HashedHandle,
            Box::new(|user, p| {
                let user_id = id(user);
                (p.source != ProfileSource::FiveThirtyEight).then(|| is_hashed_id(&user_id) && p.screen_name == user_id)
            }),
        ),
    ];
    tests
        .iter()
        .map(|(kind, test)| {
            let mut judged = 0;
            let mut ids = Vec::new();
            for (&user, profile) in store.profiles() {
                if let Some(has) = test(user, profile) {
                    judged += 1;
                    if has {
                        ids.push(id(user));
                    }
                }
            }
            ids.sort_unstable();
            Signal { kind: *kind, judged, accounts: ids.len() as u64, ids }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_languages_as_compared() {
        assert_eq!(squeeze("Somchai_99"), squeeze("somchai 99"));
        assert_ne!(squeeze("Somchai"), squeeze("Somchai99"));
        assert_eq!((primary("en-gb"), primary("iw"), primary("TH")), ("en".into(), "he".into(), "th".into()));
        assert!(undetermined("und") && !undetermined("th"));
    }
}
