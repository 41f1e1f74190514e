//! The guided lesson over the synthetic sample that plants its evidence: four
//! steps, each opening a view of the sample and pointing at one sign of an
//! operation (a batch of accounts made on one day, a cluster of accounts
//! retweeting together, a working-hours rhythm, a hashtag pushed in one
//! week). The sample generator (`crate::synth`) plants what this module names,
//! and the native tests find it with the analyses the page runs; the page
//! shows the figures those analyses give, never figures written here.

use crate::core::view::{NetworkView, Tab, ViewState};

/// The sample the lesson runs on.
pub const SAMPLE: &str = "synthetic_venezuela_201906_1";
/// The hashtag the sample pushes in one week.
pub const HASHTAG: &str = "PatriaSegura";
/// The sample's clock: Caracas, which keeps UTC−4 all year.
pub const UTC_OFFSET: i8 = -4;
/// Working hours on that clock, from the first hour to the last one
/// included, Monday to Friday.
pub const OFFICE_HOURS: (u8, u8) = (9, 16);
/// The accounts of the planted co-retweeting cluster.
pub const CLUSTER_ACCOUNTS: usize = 8;

/// What a step points at, as the page finds it in the view it opens.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Evidence {
    /// The report's largest day batch of account creations.
    CreationBatch,
    /// The co-retweet network's largest community, of at least this many accounts.
    CoRetweetCluster { accounts: usize },
    /// Tweets on weekdays within these hours (both included) on the clock
    /// `utc_offset` hours from UTC.
    OfficeHours { utc_offset: i8, hours: (u8, u8) },
    /// The report's hashtag bursts of this hashtag.
    HashtagPush { hashtag: &'static str },
}

impl Evidence {
    /// A name for tests and styles: `batch`, `cluster`, `hours`, `hashtag`.
    pub fn key(self) -> &'static str {
        match self {
            Evidence::CreationBatch => "batch",
            Evidence::CoRetweetCluster { .. } => "cluster",
            Evidence::OfficeHours { .. } => "hours",
            Evidence::HashtagPush { .. } => "hashtag",
        }
    }

    /// Whether a weekday (Monday 0) and an hour on the evidence's clock fall
    /// within its working hours; false for any other evidence.
    pub fn in_hours(self, weekday: usize, hour: usize) -> bool {
        match self {
            Evidence::OfficeHours { hours: (first, last), .. } => {
                weekday < 5 && (usize::from(first)..=usize::from(last)).contains(&hour)
            }
            _ => false,
        }
    }
}

/// One step: the view it opens, what to look at, and one sentence for the class.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Step {
    pub title: &'static str,
    pub sentence: String,
    pub tab: Tab,
    pub evidence: Evidence,
}

/// The lesson's steps, in order.
pub fn steps() -> Vec<Step> {
    let (first, last) = OFFICE_HOURS;
    vec![
        Step {
            title: "A batch of new accounts",
            sentence: "Look at the batch: far more accounts were made on this one day than on the campaign's usual days, as if someone opened them in one sitting.".into(),
            tab: Tab::Report,
            evidence: Evidence::CreationBatch,
        },
        Step {
            title: "Accounts that retweet together",
            sentence: "These accounts retweeted the same tweets within a minute of each other, again and again: the network draws them as one tight community.".into(),
            tab: Tab::Coordination,
            evidence: Evidence::CoRetweetCluster { accounts: CLUSTER_ACCOUNTS },
        },
        Step {
            title: "Office hours",
            sentence: format!(
                "On the Caracas clock the tweets come on weekdays from {first}:00 to {last}:59 and hardly ever at night or at weekends: a working day, not a life."
            ),
            tab: Tab::Overview,
            evidence: Evidence::OfficeHours { utc_offset: UTC_OFFSET, hours: OFFICE_HOURS },
        },
        Step {
            title: "A hashtag push",
            sentence: format!(
                "#{HASHTAG} comes from nowhere and fills one week: a burst that the campaign's other hashtags never show."
            ),
            tab: Tab::Report,
            evidence: Evidence::HashtagPush { hashtag: HASHTAG },
        },
    ]
}

impl Step {
    /// The view this step opens from `view`: the sample, the step's tab and
    /// what it needs (the clock, the co-retweet network), presentation mode
    /// and the files' names kept.
    pub fn open(&self, index: usize, view: &ViewState) -> ViewState {
        let utc_offset = match self.evidence {
            Evidence::OfficeHours { utc_offset, .. } => utc_offset,
            _ => 0,
        };
        let files = if view.campaign.as_deref() == Some(SAMPLE) { view.files.clone() } else { Vec::new() };
        ViewState {
            campaign: Some(SAMPLE.to_string()),
            tab: self.tab,
            utc_offset,
            network: NetworkView::default(),
            present: view.present,
            lesson: Some(index),
            files,
            ..ViewState::default()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_steps_point_at_four_different_signs_and_name_the_hashtag() {
        let steps = steps();
        let keys: Vec<&str> = steps.iter().map(|s| s.evidence.key()).collect();
        assert_eq!(keys, ["batch", "cluster", "hours", "hashtag"]);
        assert!(steps[3].sentence.contains(&format!("#{HASHTAG}")));
        assert!(steps.iter().all(|s| s.sentence.ends_with('.') && !s.title.is_empty()));
    }

    #[test]
    fn working_hours_are_weekdays_between_the_first_and_last_hour() {
        let hours = Evidence::OfficeHours { utc_offset: UTC_OFFSET, hours: (9, 16) };
        assert!(hours.in_hours(0, 9) && hours.in_hours(4, 16));
        assert!(!hours.in_hours(0, 8) && !hours.in_hours(0, 17) && !hours.in_hours(5, 12));
        assert!(!Evidence::CreationBatch.in_hours(0, 12));
    }

    #[test]
    fn a_step_opens_the_sample_in_its_tab_and_keeps_presentation_mode() {
        let steps = steps();
        let before = ViewState {
            campaign: Some("other".into()),
            search: "x".into(),
            present: true,
            files: vec!["other.csv".into()],
            ..ViewState::default()
        };
        let hours = steps[2].open(2, &before);
        assert_eq!(
            (hours.campaign.as_deref(), hours.tab, hours.utc_offset, hours.lesson, hours.present),
            (Some(SAMPLE), Tab::Overview, UTC_OFFSET, Some(2), true)
        );
        assert_eq!((hours.search.as_str(), hours.files.len()), ("", 0));
        let on_sample = ViewState { files: vec!["s.csv".into()], ..hours };
        let cluster = steps[1].open(1, &on_sample);
        assert_eq!((cluster.tab, cluster.utc_offset, cluster.files), (Tab::Coordination, 0, vec!["s.csv".into()]));
    }
}
