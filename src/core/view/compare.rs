//! The Compare view's choices as the view keeps them: which loaded campaigns
//! are compared, the names they are shown under, and whether the timelines
//! are drawn as counts or as each campaign's share of its tweets.

use super::hash::{decode, encode};
use std::collections::BTreeMap;

/// How the overlaid timelines are drawn.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Scale {
    /// Tweets per month.
    #[default]
    Count,
    /// Each month's share of the campaign's tweets, so that a campaign of a
    /// few hundred tweets reads beside one of millions.
    Share,
}

impl Scale {
    pub const ALL: [Scale; 2] = [Scale::Count, Scale::Share];

    pub fn key(self) -> &'static str {
        match self {
            Scale::Count => "count",
            Scale::Share => "share",
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CompareView {
    /// The campaigns compared, in the order chosen; empty compares every
    /// campaign loaded.
    pub campaigns: Vec<String>,
    /// Campaign → the name it is shown under (`russian_linked` → "Russia Jan 2019").
    pub names: BTreeMap<String, String>,
    pub scale: Scale,
}

impl CompareView {
    /// The campaigns of `loaded` that are compared, in the order chosen: the
    /// chosen ones that are loaded, or every one when fewer than two of those are.
    pub fn compared(&self, loaded: &[String]) -> Vec<String> {
        let chosen: Vec<String> = self.campaigns.iter().filter(|c| loaded.contains(c)).cloned().collect();
        if chosen.len() >= 2 {
            chosen
        } else {
            loaded.to_vec()
        }
    }

    /// The name a campaign is shown under: the one given, else its own.
    pub fn display_name<'a>(&'a self, campaign: &'a str) -> &'a str {
        self.names.get(campaign).map_or(campaign, String::as_str)
    }

    /// Gives a campaign a name to be shown under; a blank name, or its own,
    /// takes the given one away.
    pub fn rename(&mut self, campaign: String, name: &str) {
        let name = name.trim();
        if name.is_empty() || name == campaign {
            self.names.remove(&campaign);
        } else {
            self.names.insert(campaign, name.to_string());
        }
    }

    /// `campaign:name|campaign:name`, each part encoded, so that a `:` or a
    /// `|` in one stays in it.
    pub(super) fn names_to_hash(&self) -> String {
        let pairs: Vec<String> = self.names.iter().map(|(c, n)| format!("{}:{}", encode(c), encode(n))).collect();
        pairs.join("|")
    }

    pub(super) fn names_from_hash(&mut self, value: &str) {
        for pair in value.split('|') {
            if let Some((campaign, name)) = pair.split_once(':') {
                self.rename(decode(campaign), &decode(name));
            }
        }
    }

    pub(super) fn campaigns_to_hash(&self) -> String {
        self.campaigns.iter().map(|c| encode(c)).collect::<Vec<_>>().join("|")
    }

    pub(super) fn campaigns_from_hash(&mut self, value: &str) {
        self.campaigns = value.split('|').map(decode).filter(|c| !c.is_empty()).collect();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn loaded() -> Vec<String> {
        ["thailand_092020", "russian_linked", "catalonia_201906_1"].map(String::from).to_vec()
    }

    #[test]
    fn fewer_than_two_chosen_and_loaded_compares_every_campaign() {
        let mut view = CompareView::default();
        assert_eq!(view.compared(&loaded()), loaded());
        view.campaigns = vec!["russian_linked".into(), "thailand_092020".into()];
        assert_eq!(view.compared(&loaded()), ["russian_linked", "thailand_092020"]);
        view.campaigns = vec!["russian_linked".into(), "iran_201906_1".into()];
        assert_eq!(view.compared(&loaded()), loaded());
    }

    #[test]
    fn a_blank_name_or_the_campaigns_own_takes_the_name_away() {
        let mut view = CompareView::default();
        view.rename("russian_linked".into(), "  Russia Jan 2019 ");
        assert_eq!(view.display_name("russian_linked"), "Russia Jan 2019");
        assert_eq!(view.display_name("thailand_092020"), "thailand_092020");
        view.rename("russian_linked".into(), "russian_linked");
        assert!(view.names.is_empty());
        view.rename("russian_linked".into(), "x");
        view.rename("russian_linked".into(), " ");
        assert!(view.names.is_empty());
    }
}
