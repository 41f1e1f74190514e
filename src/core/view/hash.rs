//! The view in the URL hash: `#campaign=…&tab=…`, only what differs from the
//! default, so that a link reopens the same view once the same files are loaded.

use super::{Scale, Tab, ViewState, UTC_OFFSETS};
use crate::core::coord::Kind;
use crate::core::query::{AccountColumn, Period, Split, TweetSort};
use crate::core::store::TweetKind;

const SORTS: [(AccountColumn, &str); 11] = [
    (AccountColumn::DisplayName, "name"),
    (AccountColumn::ScreenName, "screen_name"),
    (AccountColumn::Followers, "followers"),
    (AccountColumn::Following, "following"),
    (AccountColumn::Created, "created"),
    (AccountColumn::FirstTweet, "first"),
    (AccountColumn::LastTweet, "last"),
    (AccountColumn::Tweets, "tweets"),
    (AccountColumn::RetweetShare, "retweet_share"),
    (AccountColumn::Language, "language"),
    (AccountColumn::Client, "client"),
];

/// Percent-encodes all but unreserved characters (RFC 3986), UTF-8 safe.
pub fn encode(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => char::from(b).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// Undoes [`encode`]; malformed escapes are kept as written.
pub fn decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match (bytes[i], hex) {
            (b'%', Some(byte)) => {
                out.push(byte);
                i += 3;
            }
            (b'+', _) => {
                out.push(b' ');
                i += 1;
            }
            (b, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

impl ViewState {
    /// `#campaign=…&tab=…`: only what differs from the default.
    pub fn to_hash(&self) -> String {
        let d = ViewState::default();
        let mut parts: Vec<(&str, String)> = Vec::new();
        let mut put = |key: &'static str, value: Option<&str>| {
            if let Some(v) = value.filter(|v| !v.is_empty()) {
                parts.push((key, v.to_string()));
            }
        };
        put("campaign", self.campaign.as_deref());
        put("tab", (self.tab != d.tab).then(|| self.tab.key()));
        put("from", self.from.as_deref());
        put("to", self.to.as_deref());
        put("account", self.account.as_deref());
        put("filter", Some(&self.accounts_filter));
        let sort = SORTS.iter().find(|(c, _)| *c == self.accounts_sort).map(|(_, k)| *k);
        put("sort", (self.accounts_sort != d.accounts_sort).then_some(sort).flatten());
        put(
            "order",
            (self.accounts_descending != d.accounts_descending).then_some(if self.accounts_descending {
                "desc"
            } else {
                "asc"
            }),
        );
        put("q", Some(&self.search));
        put("tag", self.hashtag.as_deref());
        put("lang", self.language.as_deref());
        put("type", self.kind.map(TweetKind::name));
        put("by", self.search_account.as_deref());
        put("mentions", self.mentions.as_deref());
        put("tweet_sort", (self.tweet_sort != d.tweet_sort).then(|| self.tweet_sort.key()));
        put("client", self.client.as_deref());
        put("domain", self.domain.as_deref());
        let offset = self.utc_offset.to_string();
        put("tz", (self.utc_offset != d.utc_offset).then_some(offset.as_str()));
        put("period", (self.period != d.period).then(|| self.period.key()));
        put("split", (self.split != d.split).then(|| self.split.key()));
        let (n, dn) = (&self.network, &d.network);
        put("net", (n.kind != dn.kind).then(|| n.kind.name()));
        let (window, min_weight) = (n.window.to_string(), n.min_weight.to_string());
        put("window", (n.window != dn.window).then_some(window.as_str()));
        put("min_weight", (n.min_weight != dn.min_weight).then_some(min_weight.as_str()));
        let percentile = n.percentile.map(|p| p.to_string());
        put("pct", percentile.as_deref());
        put("pool", n.pool.then_some("1"));
        let c = &self.compare;
        put("scale", (c.scale != d.compare.scale).then(|| c.scale.key()));
        put("present", self.present.then_some("1"));
        let step = self.lesson.map(|i| (i + 1).to_string());
        put("lesson", step.as_deref());
        put("glossary", self.glossary.then_some("1"));
        let mut body: Vec<String> = parts.iter().map(|(k, v)| format!("{k}={}", encode(v))).collect();
        // Each name encoded on its own, so that a `|` in one stays in it.
        if let Some((a, b)) = &self.network.edge {
            body.push(format!("edge={}|{}", encode(a), encode(b)));
        }
        if !c.campaigns.is_empty() {
            body.push(format!("compare={}", c.campaigns_to_hash()));
        }
        if !c.names.is_empty() {
            body.push(format!("names={}", c.names_to_hash()));
        }
        if !self.files.is_empty() {
            body.push(format!("files={}", self.files.iter().map(|f| encode(f)).collect::<Vec<_>>().join("|")));
        }
        if body.is_empty() {
            String::new()
        } else {
            format!("#{}", body.join("&"))
        }
    }

    /// Reads a hash written by [`ViewState::to_hash`]; unknown keys and values are ignored.
    pub fn from_hash(hash: &str) -> ViewState {
        let mut view = ViewState::default();
        for pair in hash.trim_start_matches('#').split('&').filter(|p| !p.is_empty()) {
            let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
            if key == "files" {
                view.files = value.split('|').map(decode).filter(|f| !f.is_empty()).collect();
                continue;
            }
            if key == "compare" {
                view.compare.campaigns_from_hash(value);
                continue;
            }
            if key == "names" {
                view.compare.names_from_hash(value);
                continue;
            }
            if key == "edge" {
                view.network.edge = value.split_once('|').map(|(a, b)| (decode(a), decode(b)));
                continue;
            }
            let value = decode(value);
            let some = || Some(value.clone()).filter(|v| !v.is_empty());
            match key {
                "campaign" => view.campaign = some(),
                "tab" => view.tab = Tab::ALL.into_iter().find(|t| t.key() == value).unwrap_or_default(),
                "from" => view.from = some(),
                "to" => view.to = some(),
                "account" => view.account = some(),
                "filter" => view.accounts_filter = value,
                "sort" => {
                    if let Some((c, _)) = SORTS.iter().find(|(_, k)| *k == value) {
                        view.accounts_sort = *c;
                    }
                }
                "order" => view.accounts_descending = value != "asc",
                "q" => view.search = value,
                "tag" => view.hashtag = some(),
                "lang" => view.language = some(),
                "type" => view.kind = TweetKind::ALL.into_iter().find(|k| k.name() == value),
                "by" => view.search_account = some(),
                "mentions" => view.mentions = some(),
                "tweet_sort" => {
                    view.tweet_sort = TweetSort::ALL.into_iter().find(|s| s.key() == value).unwrap_or_default()
                }
                "client" => view.client = some(),
                "domain" => view.domain = some(),
                "period" => {
                    if let Some(p) = Period::ALL.into_iter().find(|p| p.key() == value) {
                        view.period = p;
                    }
                }
                "split" => {
                    if let Some(s) = Split::ALL.into_iter().find(|s| s.key() == value) {
                        view.split = s;
                    }
                }
                "net" => view.network.kind = Kind::parse(&value).unwrap_or(view.network.kind),
                "window" => view.network.window = value.parse().unwrap_or(view.network.window),
                "min_weight" => view.network.min_weight = value.parse().unwrap_or(view.network.min_weight),
                "pct" => view.network.percentile = value.parse().ok().filter(|p| *p <= 100),
                "pool" => view.network.pool = value == "1",
                "scale" => view.compare.scale = Scale::ALL.into_iter().find(|s| s.key() == value).unwrap_or_default(),
                "present" => view.present = value == "1",
                // Numbered from 1 in the address bar, as the page numbers the steps.
                "lesson" => view.lesson = value.parse::<usize>().ok().and_then(|n| n.checked_sub(1)),
                "glossary" => view.glossary = value == "1",
                "tz" => view.utc_offset = value.parse().ok().filter(|h| UTC_OFFSETS.contains(h)).unwrap_or_default(),
                _ => {}
            }
        }
        view
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::query::Range;
    use crate::core::view::{CompareView, NetworkView};

    #[test]
    fn a_view_survives_the_hash() {
        let view = ViewState {
            campaign: Some("iran_201906_1".into()),
            tab: Tab::Tweets,
            from: Some("2019-01-01".into()),
            to: Some("2019-02-01".into()),
            account: Some("vMm2zemFOF7k+Torq=".into()),
            accounts_filter: "a&b=c".into(),
            accounts_sort: AccountColumn::Followers,
            accounts_descending: false,
            search: "خبر #ایران 100%".into(),
            hashtag: Some("Правда".into()),
            language: Some("fa".into()),
            kind: Some(TweetKind::Retweet),
            search_account: Some("123".into()),
            mentions: Some("1214742430601187328".into()),
            tweet_sort: TweetSort::MostLiked,
            client: Some("Twitter for iPhone".into()),
            domain: Some("bit.ly".into()),
            utc_offset: -5,
            period: Period::Week,
            split: Split::Language,
            network: NetworkView {
                kind: Kind::CoTweet,
                window: 300,
                min_weight: 3,
                percentile: Some(90),
                pool: true,
                edge: Some(("a|b=".into(), "ü".into())),
            },
            compare: CompareView {
                campaigns: vec!["a|b".into(), "russian_linked".into()],
                names: [
                    ("russian_linked".to_string(), "Russia: Jan 2019 | IRA?".to_string()),
                    ("ü".into(), "€ & =".into()),
                ]
                .into(),
                scale: Scale::Share,
            },
            files: vec!["a|b.zip".into(), "thailand_092020_tweets.zip".into(), "ü €.csv".into()],
            present: true,
            lesson: Some(2),
            glossary: true,
        };
        let hash = view.to_hash();
        assert!(hash.is_ascii(), "{hash}");
        assert_eq!(ViewState::from_hash(&hash), view);
        assert_eq!(view.range(), Range::from_days("2019-01-01", "2019-02-01"));
    }

    #[test]
    fn the_default_view_has_an_empty_hash_and_junk_is_ignored() {
        assert_eq!(ViewState::default().to_hash(), "");
        assert_eq!(ViewState::from_hash("#tab=nope&sort=bad&x=1&%zz&tweet_sort=best&tz=15"), ViewState::default());
        assert_eq!(ViewState::from_hash("#period=year&split=x"), ViewState::default());
        let day = ViewState { period: Period::Day, ..ViewState::default() };
        assert_eq!(day.to_hash(), "#period=day");
        let report = ViewState { tab: Tab::Report, ..ViewState::default() };
        assert_eq!(report.to_hash(), "#tab=report");
        assert_eq!(ViewState::from_hash("#tab=report").tab, Tab::Report);
        assert_eq!(ViewState::from_hash("#split=language").split, Split::Language);
        assert_eq!(ViewState::from_hash("#tz=7").utc_offset, 7);
        assert_eq!(ViewState::from_hash("#tz=%2B7").utc_offset, 7);
        assert_eq!(ViewState::from_hash("#tz=x").utc_offset, 0);
        assert_eq!(ViewState::from_hash("#tab=compare").tab, Tab::Compare);
        assert_eq!(ViewState::from_hash("#scale=bars&names=x|a:&compare=").compare, CompareView::default());
        let presenting = ViewState { present: true, lesson: Some(0), ..ViewState::default() };
        assert_eq!(presenting.to_hash(), "#present=1&lesson=1");
        assert_eq!(ViewState::from_hash("#present=1&lesson=1"), presenting);
        assert_eq!(ViewState::from_hash("#lesson=0&present=yes&glossary=0"), ViewState::default());
        assert_eq!(decode("a%2"), "a%2");
        assert_eq!(decode("%E2%82%AC+x"), "€ x");
    }
}
