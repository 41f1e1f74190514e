//! What the person, the address bar and a load do to the view, as semantic
//! actions applied by one pure function, [`ViewState::apply`]. The rules of
//! the page live here and nowhere else: which filters a list of the overview
//! clears, which way a column sorts first, what another campaign keeps, and
//! which changes are steps that Back undoes.

use super::{NetworkView, Scale, Tab, ViewState};
use crate::core::lesson;
use crate::core::query::{AccountColumn, Period, Split, TweetSort};
use crate::core::store::TweetKind;

/// One way of narrowing the tweets shown, each held as text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Filter {
    /// Words and "quoted phrases" the text must hold.
    Text,
    Hashtag,
    Language,
    /// The tweets of one account (its user id).
    By,
    /// The tweets that mention one account (its user id).
    Mentions,
    Client,
    Domain,
}

impl Filter {
    pub const ALL: [Filter; 7] =
        [Filter::Text, Filter::Hashtag, Filter::Language, Filter::By, Filter::Mentions, Filter::Client, Filter::Domain];
}

#[derive(Debug, Clone, PartialEq)]
pub enum ViewAction {
    /// Another campaign, from its overview, with nothing narrowed; what the
    /// Compare view was given (its campaigns, their names) stays.
    OpenCampaign(String),
    /// The Compare view over the campaigns chosen for it.
    OpenCompare,
    /// The campaigns compared, in this order; fewer than two is refused.
    SetCompared(Vec<String>),
    /// The name a campaign is shown under; blank gives it back its own.
    RenameCampaign {
        campaign: String,
        name: String,
    },
    /// Counts or shares on the Compare view's timelines.
    SetScale(Scale),
    /// A tab; the account tab only while an account is open.
    OpenTab(Tab),
    /// Days `YYYY-MM-DD` as [`super::check_range`] keeps them; `None` is open.
    SetRange {
        from: Option<String>,
        to: Option<String>,
    },
    ClearRange,
    /// An account's page.
    OpenAccount(String),
    /// The account table's text filter.
    FilterAccounts(String),
    /// The account table by a column: the same column again turns the order
    /// round; another starts with A → Z for names and the largest first for
    /// figures.
    SortAccounts(AccountColumn),
    /// The Tweets tab with this filter set to the text and the others kept;
    /// an empty text drops the filter.
    Narrow(Filter, String),
    /// The Tweets tab with this filter only (a link in the overview's lists):
    /// every other filter is dropped, the date range stays.
    ShowOnly(Filter, String),
    /// Drops one filter.
    Widen(Filter),
    SetKind(Option<TweetKind>),
    SortTweets(TweetSort),
    /// The clock the weekday × hour charts read in, in hours from UTC.
    SetUtcOffset(i8),
    SetPeriod(Period),
    SetSplit(Split),
    /// The Coordination tab's network; the open edge is closed, since the
    /// network it belonged to is gone.
    SetNetwork(NetworkView),
    /// The evidence of the edge between two accounts (user ids), or none.
    OpenEdge(Option<(String, String)>),
    /// The view the address bar holds (Back, Forward, an edited hash).
    Restore(Box<ViewState>),
    /// A load ended: a view that names no campaign shows the first loaded.
    Loaded {
        first: Option<String>,
    },
    /// The names of the files the campaign shown was read from.
    NameFiles(Vec<String>),
    /// Enters or leaves presentation mode.
    Present(bool),
    /// The next tab of the campaign (or the one before), round from the last to the first.
    StepTab {
        forward: bool,
    },
    /// A step of the lesson (`core::lesson::steps`), with the view it opens;
    /// past the last step, the last.
    OpenLesson(usize),
    /// Leaves the lesson, keeping the view it showed.
    CloseLesson,
    /// Shows or hides the glossary page.
    ShowGlossary(bool),
}

/// How the address bar follows a change of the view.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum History {
    /// The person went somewhere: a new entry, so that Back returns to the
    /// view before it and the files stay loaded.
    #[default]
    Push,
    /// The same place written down in full (the campaign a load picked, the
    /// files it came from, a view read back from the history): the entry is
    /// rewritten.
    Replace,
}

impl History {
    /// What two changes in one go add up to: a step if either is one.
    pub fn then(self, later: History) -> History {
        if self == History::Push || later == History::Push {
            History::Push
        } else {
            History::Replace
        }
    }
}

impl ViewAction {
    pub fn history(&self) -> History {
        match self {
            ViewAction::Restore(_) | ViewAction::Loaded { .. } | ViewAction::NameFiles(_) => History::Replace,
            _ => History::Push,
        }
    }
}

/// Whether an account column starts A → Z (text) rather than largest first.
fn ascending_first(column: AccountColumn) -> bool {
    matches!(
        column,
        AccountColumn::DisplayName | AccountColumn::ScreenName | AccountColumn::Language | AccountColumn::Client
    )
}

impl ViewState {
    /// Applies one action, and says how the address bar should record it.
    pub fn apply(&mut self, action: ViewAction) -> History {
        let history = action.history();
        match action {
            ViewAction::OpenCampaign(name) => {
                let compare = std::mem::take(&mut self.compare);
                *self = ViewState { campaign: Some(name), compare, present: self.present, ..ViewState::default() }
            }
            ViewAction::OpenCompare => self.tab = Tab::Compare,
            ViewAction::SetCompared(campaigns) => {
                if campaigns.len() >= 2 {
                    self.compare.campaigns = campaigns;
                }
            }
            ViewAction::RenameCampaign { campaign, name } => self.compare.rename(campaign, &name),
            ViewAction::SetScale(scale) => self.compare.scale = scale,
            ViewAction::OpenTab(tab) => {
                if tab != Tab::Account || self.account.is_some() {
                    self.tab = tab;
                }
            }
            ViewAction::SetRange { from, to } => (self.from, self.to) = (from, to),
            ViewAction::ClearRange => (self.from, self.to) = (None, None),
            ViewAction::OpenAccount(id) => {
                self.account = Some(id);
                self.tab = Tab::Account;
            }
            ViewAction::FilterAccounts(text) => self.accounts_filter = text,
            ViewAction::SortAccounts(column) => {
                self.accounts_descending =
                    if self.accounts_sort == column { !self.accounts_descending } else { !ascending_first(column) };
                self.accounts_sort = column;
            }
            ViewAction::Narrow(filter, text) => {
                self.set_filter(filter, text);
                self.tab = Tab::Tweets;
            }
            ViewAction::ShowOnly(filter, text) => {
                for other in Filter::ALL {
                    self.set_filter(other, String::new());
                }
                self.kind = None;
                self.set_filter(filter, text);
                self.tab = Tab::Tweets;
            }
            ViewAction::Widen(filter) => self.set_filter(filter, String::new()),
            ViewAction::SetKind(kind) => self.kind = kind,
            ViewAction::SortTweets(sort) => self.tweet_sort = sort,
            ViewAction::SetUtcOffset(hours) => {
                if super::UTC_OFFSETS.contains(&hours) {
                    self.utc_offset = hours;
                }
            }
            ViewAction::SetPeriod(period) => self.period = period,
            ViewAction::SetSplit(split) => self.split = split,
            ViewAction::SetNetwork(network) => {
                self.network = NetworkView { edge: None, ..network };
                self.tab = Tab::Coordination;
            }
            ViewAction::OpenEdge(edge) => {
                self.network.edge = edge;
                self.tab = Tab::Coordination;
            }
            ViewAction::Restore(view) => *self = *view,
            ViewAction::Loaded { first } => {
                if self.campaign.is_none() {
                    self.campaign = first;
                }
            }
            ViewAction::NameFiles(files) => self.files = files,
            ViewAction::Present(on) => self.present = on,
            ViewAction::StepTab { forward } => {
                let tabs = self.tabs();
                let at = tabs.iter().position(|t| *t == self.tab).unwrap_or(0);
                let count = tabs.len();
                let next = if forward { (at + 1) % count } else { (at + count - 1) % count };
                self.tab = tabs[next];
            }
            ViewAction::OpenLesson(index) => {
                let steps = lesson::steps();
                let index = index.min(steps.len() - 1);
                *self = steps[index].open(index, self);
            }
            ViewAction::CloseLesson => self.lesson = None,
            ViewAction::ShowGlossary(on) => self.glossary = on,
        }
        history
    }

    /// The text a filter holds; empty when it is not set.
    pub fn filter(&self, filter: Filter) -> &str {
        match filter {
            Filter::Text => &self.search,
            Filter::Hashtag => self.hashtag.as_deref().unwrap_or_default(),
            Filter::Language => self.language.as_deref().unwrap_or_default(),
            Filter::By => self.search_account.as_deref().unwrap_or_default(),
            Filter::Mentions => self.mentions.as_deref().unwrap_or_default(),
            Filter::Client => self.client.as_deref().unwrap_or_default(),
            Filter::Domain => self.domain.as_deref().unwrap_or_default(),
        }
    }

    fn set_filter(&mut self, filter: Filter, text: String) {
        let slot = match filter {
            Filter::Text => {
                self.search = text;
                return;
            }
            Filter::Hashtag => &mut self.hashtag,
            Filter::Language => &mut self.language,
            Filter::By => &mut self.search_account,
            Filter::Mentions => &mut self.mentions,
            Filter::Client => &mut self.client,
            Filter::Domain => &mut self.domain,
        };
        *slot = Some(text).filter(|t| !t.is_empty());
    }
}
