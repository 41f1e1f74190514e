//! The synthetic releases shipped in `static/samples`, each shaped after a
//! June 2019 release; the Venezuelan one carries the lesson's evidence.

use super::{write_tweets, write_users, zip_one, Plant, Spec};
use std::io;

/// A synthetic release shipped in `static/samples`, shaped after a June 2019 one.
pub struct Sample {
    /// Campaign name: every file name starts with it, so "synthetic" shows everywhere.
    pub campaign: &'static str,
    pub shaped_after: &'static str,
    pub spec: Spec,
}

const IRAN_WORDS: &[&str] = &["ایران", "خبر", "مردم", "امروز", "حقیقت", "news", "people", "truth", "الحرية", "العدل"];
const IRAN_TAGS: &[&str] = &["ایران", "Iran", "FreePalestine", "مقاومت", "Yemen", "BreakingNews"];
const RUSSIA_WORDS: &[&str] = &["новости", "правда", "народ", "власть", "news", "truth", "today", "world"];
const RUSSIA_TAGS: &[&str] = &["Россия", "новости", "news", "Syria"];
const SPAIN_WORDS: &[&str] =
    &["Catalunya", "llibertat", "poble", "democràcia", "España", "independencia", "avui", "vota"];
const SPAIN_TAGS: &[&str] = &["1O", "Catalunya", "Referèndum", "LlibertatPresosPolítics"];
const VENEZUELA_WORDS: &[&str] =
    &["Venezuela", "pueblo", "patria", "soberanía", "noticias", "hoy", "paz", "revolución"];
const VENEZUELA_TAGS: &[&str] = &["Venezuela", "HandsOffVenezuela", "PazEnVenezuela", "Noticias"];

/// A window of activity from `start` (`YYYY-MM-DD`) for `days`; words as the benchmark's until replaced.
fn window(accounts: usize, tweets: usize, seed: u64, start: &str, days: u32) -> Spec {
    let start_day = crate::core::time::parse_date(start.as_bytes()).map_or(17_000, |d| d as u32);
    Spec { start_day, days, planted_groups: 0, ..Spec::benchmark(tweets, accounts, seed) }
}

/// The samples: account counts as in the real releases, far fewer tweets.
pub fn samples() -> Vec<Sample> {
    let iran =
        |spec: Spec, languages, location| Spec { languages, hashtags: IRAN_TAGS, words: IRAN_WORDS, location, ..spec };
    let venezuela = window(33, 330, 6, "2018-01-01", 400);
    vec![
        Sample {
            campaign: "synthetic_iran_201906_1",
            shaped_after: "Iran, June 2019, set 1 (1,666 accounts)",
            spec: iran(window(1666, 3332, 1, "2017-01-01", 820), &["fa", "en", "ar"], "تهران"),
        },
        Sample {
            campaign: "synthetic_iran_201906_2",
            shaped_after: "Iran, June 2019, set 2: aimed at Israel (248 accounts)",
            spec: iran(window(248, 744, 2, "2018-03-01", 450), &["en", "iw", "fa"], "Tel Aviv"),
        },
        Sample {
            campaign: "synthetic_iran_201906_3",
            shaped_after: "Iran, June 2019, set 3: found by FireEye (2,865 accounts)",
            spec: iran(window(2865, 5730, 3, "2016-06-01", 1000), &["en", "fa", "ar"], "London"),
        },
        Sample {
            campaign: "synthetic_russia_201906_1",
            shaped_after: "Russia, June 2019 (4 accounts)",
            spec: Spec {
                languages: &["ru", "en"],
                hashtags: RUSSIA_TAGS,
                words: RUSSIA_WORDS,
                location: "Москва",
                ..window(4, 60, 4, "2016-09-01", 300)
            },
        },
        Sample {
            campaign: "synthetic_catalonia_201906_1",
            shaped_after: "Spain (Catalonia), June 2019 (130 accounts)",
            spec: Spec {
                languages: &["ca", "es", "en"],
                hashtags: SPAIN_TAGS,
                words: SPAIN_WORDS,
                location: "Barcelona",
                ..window(130, 650, 5, "2017-08-15", 240)
            },
        },
        Sample {
            campaign: "synthetic_venezuela_201906_1",
            shaped_after: "Venezuela, June 2019 (33 accounts)",
            spec: Spec {
                languages: &["es", "en"],
                hashtags: VENEZUELA_TAGS,
                words: VENEZUELA_WORDS,
                location: "Caracas",
                plant: Some(Plant::lesson(venezuela.start_day, venezuela.days, venezuela.accounts)),
                ..venezuela
            },
        },
    ]
}

impl Sample {
    pub fn users_file(&self) -> String {
        format!("{}_users_csv_hashed.csv", self.campaign)
    }

    pub fn tweets_file(&self) -> String {
        format!("{}_tweets_csv_hashed.zip", self.campaign)
    }

    /// The users CSV and the zipped tweets CSV, by file name.
    pub fn files(&self) -> io::Result<Vec<(String, Vec<u8>)>> {
        let mut users = Vec::new();
        write_users(&mut users, &self.spec)?;
        let mut tweets = Vec::new();
        write_tweets(&mut tweets, &self.spec)?;
        let zipped = zip_one(&format!("{}_tweets_csv_hashed.csv", self.campaign), &tweets)?;
        Ok(vec![(self.users_file(), users), (self.tweets_file(), zipped)])
    }
}
