//! What the page shows — campaign, tab, date range, filters, selected account,
//! the campaigns compared — and its encoding in the URL hash, so that a link reopens the same view once
//! the same files are loaded.

use crate::core::lesson;
use crate::core::query::{AccountColumn, Period, Range, Split, TweetSort};
use crate::core::store::TweetKind;
use crate::core::time;

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Tab {
    #[default]
    Overview,
    Timeline,
    Accounts,
    Tweets,
    Coordination,
    Report,
    Account,
    /// Two or more loaded campaigns side by side, not a tab of one of them.
    Compare,
}

impl Tab {
    pub const ALL: [Tab; 8] = [
        Tab::Overview,
        Tab::Timeline,
        Tab::Accounts,
        Tab::Tweets,
        Tab::Coordination,
        Tab::Report,
        Tab::Account,
        Tab::Compare,
    ];

    pub fn key(self) -> &'static str {
        match self {
            Tab::Overview => "overview",
            Tab::Timeline => "timeline",
            Tab::Accounts => "accounts",
            Tab::Tweets => "tweets",
            Tab::Coordination => "coordination",
            Tab::Report => "report",
            Tab::Account => "account",
            Tab::Compare => "compare",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ViewState {
    pub campaign: Option<String>,
    pub tab: Tab,
    /// Days `YYYY-MM-DD`, both included.
    pub from: Option<String>,
    pub to: Option<String>,
    /// The account whose page is open.
    pub account: Option<String>,
    pub accounts_filter: String,
    pub accounts_sort: AccountColumn,
    pub accounts_descending: bool,
    pub search: String,
    pub hashtag: Option<String>,
    pub language: Option<String>,
    pub kind: Option<TweetKind>,
    pub search_account: Option<String>,
    /// A user id: the tweets that mention it.
    pub mentions: Option<String>,
    pub tweet_sort: TweetSort,
    /// The tweets of one client, one linked domain (from the overview's lists).
    pub client: Option<String>,
    pub domain: Option<String>,
    /// Hours from UTC of the clock the weekday × hour charts read in, so
    /// that a campaign's working day shows in its own time zone.
    pub utc_offset: i8,
    /// The timeline's periods and what its series are.
    pub period: Period,
    pub split: Split,
    /// The Coordination tab's network and open edge.
    pub network: NetworkView,
    /// The Compare view's campaigns, their names and its timelines' scale.
    pub compare: CompareView,
    /// The names of the files the campaign was read from (never their
    /// contents), so that a link opened without them can say what to open.
    pub files: Vec<String>,
    /// Presentation mode: the view alone, in large type, for a projector.
    pub present: bool,
    /// The step of the guided lesson shown (`core::lesson::steps`), from 0.
    pub lesson: Option<usize>,
    /// The glossary page in place of the campaign.
    pub glossary: bool,
}

impl Default for ViewState {
    fn default() -> Self {
        ViewState {
            campaign: None,
            tab: Tab::Overview,
            from: None,
            to: None,
            account: None,
            accounts_filter: String::new(),
            accounts_sort: AccountColumn::Tweets,
            accounts_descending: true,
            search: String::new(),
            hashtag: None,
            language: None,
            kind: None,
            search_account: None,
            mentions: None,
            tweet_sort: TweetSort::Newest,
            client: None,
            domain: None,
            utc_offset: 0,
            period: Period::Month,
            split: Split::Kind,
            network: NetworkView::default(),
            compare: CompareView::default(),
            files: Vec::new(),
            present: false,
            lesson: None,
            glossary: false,
        }
    }
}

/// The UTC offsets in whole hours that clocks somewhere keep (the weekday ×
/// hour counts are hourly, so a half-hour zone cannot be shown exactly).
pub const UTC_OFFSETS: std::ops::RangeInclusive<i8> = -12..=14;

/// `UTC`, `UTC+7`, `UTC−5` (a true minus sign).
pub fn offset_label(hours: i8) -> String {
    match hours {
        0 => "UTC".into(),
        h if h > 0 => format!("UTC+{h}"),
        h => format!("UTC\u{2212}{}", h.unsigned_abs()),
    }
}

/// Minutes since 1970 at the start of a `YYYY-MM-DD` day, and nothing else.
fn day_start(day: &str) -> Option<u32> {
    let days = (day.len() == 10).then(|| time::parse_date(day.as_bytes()))??;
    u32::try_from(days).ok()?.checked_mul(1440)
}

/// The ends of a typed date range as the view keeps them (an empty end is
/// open), or the sentence that tells the person what is wrong with it.
pub fn check_range(from: &str, to: &str) -> Result<(Option<String>, Option<String>), String> {
    let day = |text: &str, end: &str| {
        let text = text.trim();
        match (text.is_empty(), day_start(text)) {
            (true, _) => Ok(None),
            (false, Some(_)) => Ok(Some(text.to_string())),
            (false, None) => Err(format!("{end} “{text}” is not a day: write it as YYYY-MM-DD, such as 2020-02-01.")),
        }
    };
    let (from, to) = (day(from, "From")?, day(to, "To")?);
    match (&from, &to) {
        // Same-width digits: the text order is the calendar's.
        (Some(f), Some(t)) if f > t => {
            Err(format!("From {f} is after to {t}: a range must start before it ends. Swap the dates or change one."))
        }
        _ => Ok((from, to)),
    }
}

impl ViewState {
    /// The date range, when one end or both are valid days and in order; an
    /// end left empty is open. A range in the wrong order counts nothing
    /// rather than being turned round behind the person's back.
    pub fn range(&self) -> Option<Range> {
        if self.from.is_none() && self.to.is_none() {
            return None;
        }
        let from = match self.from.as_deref() {
            Some(day) => day_start(day)?,
            None => 0,
        };
        let to = match self.to.as_deref() {
            Some(day) => day_start(day)?.checked_add(1440)?,
            None => u32::MAX,
        };
        (from < to).then_some(Range { from, to })
    }

    /// The lesson's step shown, while the view is on the lesson's sample.
    pub fn lesson_step(&self) -> Option<(usize, lesson::Step)> {
        let index = self.lesson.filter(|_| self.campaign.as_deref() == Some(lesson::SAMPLE))?;
        lesson::steps().into_iter().nth(index).map(|step| (index, step))
    }

    /// The tabs a campaign shows now, in order: the account tab only while an account is open.
    pub fn tabs(&self) -> Vec<Tab> {
        // Compare is not a tab of one campaign: the campaign head opens it.
        Tab::ALL.into_iter().filter(|t| *t != Tab::Compare && (*t != Tab::Account || self.account.is_some())).collect()
    }
}

mod action;
#[cfg(test)]
mod action_tests;
mod compare;
mod hash;
mod network;

pub use action::{Filter, History, ViewAction};
pub use compare::{CompareView, Scale};
pub use hash::{decode, encode};
pub use network::{NetworkView, PERCENTILES, WINDOWS};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_range_may_be_open_at_either_end_and_is_never_turned_round() {
        let day = |from: Option<&str>, to: Option<&str>| {
            ViewState { from: from.map(String::from), to: to.map(String::from), ..ViewState::default() }.range()
        };
        let feb = Range::from_days("2020-02-01", "2020-02-29");
        assert_eq!(day(Some("2020-02-01"), Some("2020-02-29")), feb);
        let (start, end) = feb.map(|r| (r.from, r.to)).unwrap_or_default();
        assert_eq!(day(Some("2020-02-01"), None), Some(Range { from: start, to: u32::MAX }));
        assert_eq!(day(None, Some("2020-02-29")), Some(Range { from: 0, to: end }));
        assert_eq!(day(None, None), None);
        assert_eq!(day(Some("2020-03-01"), Some("2020-02-01")), None);
        assert_eq!(day(Some("2020-02-30"), None), None);
        assert_eq!(day(Some("2020-02-01junk"), None), None);
    }

    #[test]
    fn a_typed_range_is_kept_or_told_what_is_wrong() {
        let some = |d: &str| Some(d.to_string());
        assert_eq!(check_range(" 2020-02-01 ", ""), Ok((some("2020-02-01"), None)));
        assert_eq!(check_range("", "2020-02-29"), Ok((None, some("2020-02-29"))));
        assert_eq!(check_range("", ""), Ok((None, None)));
        assert_eq!(check_range("2020-02-01", "2020-02-01"), Ok((some("2020-02-01"), some("2020-02-01"))));
        let reversed = check_range("2020-03-01", "2020-02-01").unwrap_err();
        assert!(reversed.contains("2020-03-01 is after to 2020-02-01"), "{reversed}");
        let bad = check_range("2020-02-01", "2020-02-30").unwrap_err();
        assert!(bad.starts_with("To “2020-02-30” is not a day"), "{bad}");
        assert!(check_range("02/01/2020", "").unwrap_err().starts_with("From “02/01/2020”"));
    }

    #[test]
    fn offsets_are_named_with_a_true_minus_sign() {
        assert_eq!(
            (offset_label(0), offset_label(7), offset_label(-5)),
            ("UTC".into(), "UTC+7".into(), "UTC\u{2212}5".into())
        );
    }
}
