//! Campaigns side by side for the Compare view: tweets and account creations
//! per month on one calendar (as counts, and as each campaign's share of its
//! own total), and languages and clients in rows of one table. The worker
//! puts these beside [`compare`]'s shared items in one answer.

use crate::core::campaign::Campaign;
use crate::core::compare::{compare, Comparison};
use crate::core::summary::{continuous_months, Summary};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// How many rows a table of languages or clients lists; the rest are counted.
pub const SIDE_ROWS: usize = 25;

/// Counts per month of several campaigns on one calendar.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Series {
    /// Every month from the earliest of any campaign to the latest, `YYYY-MM`.
    pub months: Vec<String>,
    /// Per campaign, a count per month.
    pub counts: Vec<Vec<u64>>,
}

impl Series {
    /// Each month's count over the campaign's total, 0 to 1; all 0 for a
    /// campaign with nothing counted.
    pub fn shares(&self) -> Vec<Vec<f64>> {
        self.counts
            .iter()
            .map(|counts| {
                let total: u64 = counts.iter().sum();
                counts.iter().map(|&n| if total == 0 { 0.0 } else { n as f64 / total as f64 }).collect()
            })
            .collect()
    }
}

/// Several campaigns' counts per `YYYY-MM` on one calendar without gaps.
pub fn monthly(per_campaign: &[&BTreeMap<String, u64>]) -> Series {
    let every: BTreeMap<String, u64> = per_campaign.iter().flat_map(|m| m.keys()).map(|k| (k.clone(), 0)).collect();
    let months: Vec<String> = continuous_months(&every).into_iter().map(|(m, _)| m).collect();
    let counts = per_campaign.iter().map(|m| months.iter().map(|k| m.get(k).copied().unwrap_or(0)).collect()).collect();
    Series { months, counts }
}

/// One label (a language, a client) and its count in each campaign.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Row {
    pub label: String,
    pub counts: Vec<u64>,
}

/// The first [`SIDE_ROWS`] rows, and how many labels were left out.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Table {
    pub rows: Vec<Row>,
    pub more: u64,
}

/// Every label of any campaign with its count in each, ordered by the sum of
/// its shares of each campaign's total (so that what is big in a small
/// campaign ranks beside what is big in a large one), then by label.
pub fn side_table(per_campaign: &[BTreeMap<String, u64>]) -> Table {
    let totals: Vec<u64> = per_campaign.iter().map(|m| m.values().sum()).collect();
    let labels: std::collections::BTreeSet<&String> = per_campaign.iter().flat_map(|m| m.keys()).collect();
    let mut rows: Vec<(f64, Row)> = labels
        .into_iter()
        .map(|label| {
            let counts: Vec<u64> = per_campaign.iter().map(|m| m.get(label).copied().unwrap_or(0)).collect();
            let share = counts.iter().zip(&totals).filter(|(_, &t)| t > 0).map(|(&n, &t)| n as f64 / t as f64).sum();
            (share, Row { label: label.clone(), counts })
        })
        .collect();
    rows.sort_by(|(a, x), (b, y)| b.total_cmp(a).then_with(|| x.label.cmp(&y.label)));
    let more = rows.len().saturating_sub(SIDE_ROWS) as u64;
    rows.truncate(SIDE_ROWS);
    Table { rows: rows.into_iter().map(|(_, r)| r).collect(), more }
}

/// A campaign's tweets per language and per client, every one of them.
fn languages_and_clients(campaign: &Campaign) -> (BTreeMap<String, u64>, BTreeMap<String, u64>) {
    let store = &campaign.store;
    let (mut languages, mut clients) = (vec![0u64; store.languages().len()], vec![0u64; store.clients().len()]);
    for i in 0..store.len() {
        languages[store.lang(i) as usize] += 1;
        clients[store.client(i) as usize] += 1;
    }
    let named = |names: &crate::core::interner::Interner, counts: Vec<u64>| -> BTreeMap<String, u64> {
        let mut out = BTreeMap::new();
        for (id, n) in counts.into_iter().enumerate().filter(|(_, n)| *n > 0) {
            let label = match names.text(id as u32) {
                blank if blank.is_empty() => "(blank)".to_string(),
                text => text,
            };
            *out.entry(label).or_default() += n;
        }
        out
    };
    (named(store.languages(), languages), named(store.clients(), clients))
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SideBySide {
    pub campaigns: Vec<String>,
    pub tweets_per_month: Series,
    pub creations_per_month: Series,
    pub languages: Table,
    pub clients: Table,
}

/// The campaigns' timelines, languages and clients side by side; `summaries`
/// are theirs, over all their tweets, in the same order.
pub fn side_by_side(campaigns: &[&Campaign], summaries: &[&Summary]) -> SideBySide {
    let (languages, clients): (Vec<_>, Vec<_>) = campaigns.iter().map(|c| languages_and_clients(c)).unzip();
    SideBySide {
        campaigns: campaigns.iter().map(|c| c.name.clone()).collect(),
        tweets_per_month: monthly(&summaries.iter().map(|s| &s.tweets_per_month).collect::<Vec<_>>()),
        creations_per_month: monthly(&summaries.iter().map(|s| &s.account_creations_per_month).collect::<Vec<_>>()),
        languages: side_table(&languages),
        clients: side_table(&clients),
    }
}

/// What the Compare view shows: the campaigns side by side, and what each
/// pair shares.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Compared {
    pub side: SideBySide,
    pub comparison: Comparison,
}

pub fn compared(campaigns: &[&Campaign], summaries: &[&Summary]) -> Compared {
    Compared { side: side_by_side(campaigns, summaries), comparison: compare(campaigns) }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn months(list: &[(&str, u64)]) -> BTreeMap<String, u64> {
        list.iter().map(|&(m, n)| (m.to_string(), n)).collect()
    }

    #[test]
    fn months_of_every_campaign_share_one_calendar_without_gaps() {
        let (a, b) = (months(&[("2019-11", 3), ("2020-01", 1)]), months(&[("2020-02", 4)]));
        let series = monthly(&[&a, &b]);
        assert_eq!(series.months, ["2019-11", "2019-12", "2020-01", "2020-02"]);
        assert_eq!(series.counts, [vec![3, 0, 1, 0], vec![0, 0, 0, 4]]);
        // a: 3 and 1 of 4 tweets; b: all 4 in February.
        assert_eq!(series.shares(), [vec![0.75, 0.0, 0.25, 0.0], vec![0.0, 0.0, 0.0, 1.0]]);
        let none = BTreeMap::new();
        let empty = monthly(&[&none, &b]);
        assert_eq!((empty.months.len(), empty.shares()[0].clone()), (1, vec![0.0]));
        assert_eq!(monthly(&[&none]), Series { months: vec![], counts: vec![vec![]] });
    }

    #[test]
    fn rows_rank_by_the_sum_of_each_campaigns_share() {
        // a: 90 en, 10 th (of 100); b: 1 en, 3 ru (of 4). Shares: en 0.9 + 0.25
        // = 1.15, ru 0.75, th 0.1.
        let a = months(&[("en", 90), ("th", 10)]);
        let b = months(&[("en", 1), ("ru", 3)]);
        let table = side_table(&[a, b]);
        let rows: Vec<(&str, Vec<u64>)> = table.rows.iter().map(|r| (r.label.as_str(), r.counts.clone())).collect();
        assert_eq!(rows, [("en", vec![90, 1]), ("ru", vec![0, 3]), ("th", vec![10, 0])]);
        assert_eq!(table.more, 0);
        let many: BTreeMap<String, u64> = (0..SIDE_ROWS + 3).map(|i| (format!("c{i:02}"), 1)).collect();
        let table = side_table(&[many]);
        assert_eq!((table.rows.len(), table.more, table.rows[0].label.as_str()), (SIDE_ROWS, 3, "c00"));
    }
}
