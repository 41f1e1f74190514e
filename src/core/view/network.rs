//! The Coordination tab's choices as the view keeps them: which network,
//! over what window, from what weight, for one campaign or all of them, and
//! the edge whose evidence is open.

use crate::core::coord::{Kind, Settings};
use crate::core::time::Range;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NetworkView {
    pub kind: Kind,
    /// Seconds either side of a tweet.
    pub window: u32,
    pub min_weight: u32,
    /// Only pairs whose stronger weight reaches this percentile of all pairs'.
    pub percentile: Option<u8>,
    /// One network over every loaded campaign.
    pub pool: bool,
    /// The edge whose tweets are shown: its two accounts' user ids.
    pub edge: Option<(String, String)>,
}

impl Default for NetworkView {
    /// The CLI's defaults: co_retweet within 60 s, weight 2 or more.
    fn default() -> NetworkView {
        let settings = Settings::new(Kind::CoRetweet);
        NetworkView {
            kind: settings.kind,
            window: settings.window,
            min_weight: settings.min_weight,
            percentile: None,
            pool: false,
            edge: None,
        }
    }
}

/// The windows the tab offers, in seconds: times are to the minute, so a
/// minute is the least that means anything.
pub const WINDOWS: [u32; 6] = [60, 120, 300, 600, 1800, 3600];
/// The percentiles it offers (CooRnet uses the 90th).
pub const PERCENTILES: [u8; 4] = [50, 75, 90, 99];

impl NetworkView {
    /// The engine's settings for these choices over `range`.
    pub fn settings(&self, range: Option<Range>) -> Settings {
        Settings {
            window: self.window,
            min_weight: self.min_weight,
            percentile: self.percentile.map(f64::from),
            range,
            ..Settings::new(self.kind)
        }
    }
}
