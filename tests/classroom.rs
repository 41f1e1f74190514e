//! The lesson's evidence is in its sample: each sign the generator plants
//! (`synth::Plant`) is found by the analysis the page runs for the step that
//! points at it — the report's creation batches and hashtag bursts, the
//! co-retweet network and its communities, the weekday × hour counts on the
//! lesson's clock — and no other sample carries a plant.

use takedown::core::chart::shift_week;
use takedown::core::coord::{self, Kind, Pool, Settings};
use takedown::core::ingest::{self, Campaign};
use takedown::core::lesson::{self, Evidence};
use takedown::core::report::{report, BATCH_MIN_ACCOUNTS, BURST_MIN_TWEETS};
use takedown::core::summary::summarize;
use takedown::core::time;
use takedown::synth::{samples, Plant, Sample};

fn lesson_sample() -> (Sample, Campaign) {
    let sample = samples().into_iter().find(|s| s.campaign == lesson::SAMPLE).expect("the lesson's sample is shipped");
    let inputs = sample.files().unwrap().into_iter().map(|(name, bytes)| ingest::memory_input(&name, bytes)).collect();
    let (mut campaigns, files) = ingest::load_all(inputs);
    assert!(files.iter().all(|f| f.errors.is_empty()), "{files:?}");
    assert_eq!(campaigns.len(), 1);
    (sample, campaigns.remove(0))
}

fn plant(sample: &Sample) -> &Plant {
    sample.spec.plant.as_ref().expect("the lesson's sample carries the plant")
}

#[test]
fn only_the_lessons_sample_carries_a_plant_and_it_plants_what_the_lesson_names() {
    let planted: Vec<&str> = samples().iter().filter(|s| s.spec.plant.is_some()).map(|s| s.campaign).collect();
    assert_eq!(planted, [lesson::SAMPLE]);
    let (sample, _) = lesson_sample();
    let p = plant(&sample);
    assert_eq!(
        (p.hashtag, p.utc_offset, p.hours, p.cluster),
        (lesson::HASHTAG, lesson::UTC_OFFSET, lesson::OFFICE_HOURS, lesson::CLUSTER_ACCOUNTS)
    );
}

#[test]
fn the_report_finds_the_planted_batch_as_its_largest_day_batch() {
    let (sample, campaign) = lesson_sample();
    let p = plant(&sample);
    let creations = report(&campaign).creations;
    let largest = creations.day_batches.iter().max_by_key(|b| b.accounts).expect("a day batch is found");
    assert_eq!(largest.first, time::format_day(p.batch_day as i32));
    assert!(largest.accounts >= p.batch_accounts as u64 && largest.accounts >= BATCH_MIN_ACCOUNTS, "{largest:?}");
    assert!(largest.accounts >= creations.day_rule.threshold);
}

#[test]
fn the_co_retweet_network_is_the_planted_cluster_in_one_community() {
    let (_, campaign) = lesson_sample();
    let pool = Pool::one(&campaign.name, &campaign.store);
    let network = coord::network(&pool, Settings::new(Kind::CoRetweet));
    let overview = coord::overview(&pool, &network);
    let Evidence::CoRetweetCluster { accounts } = lesson::steps()[1].evidence else {
        panic!("the second step points at the cluster")
    };
    assert_eq!(overview.nodes.len(), accounts, "the cluster's accounts, and no account by chance");
    let largest = overview.communities.iter().map(|c| c.accounts).max().unwrap_or(0);
    assert_eq!(largest as usize, accounts, "{:?}", overview.communities);
    assert_eq!(overview.components, 1);
    // Every member retweeted with every other member, more than once.
    assert_eq!(overview.edges.len(), accounts * (accounts - 1) / 2);
    assert!(overview.edges.iter().all(|e| e.forward >= 2 && e.backward >= 2));
}

#[test]
fn on_the_lessons_clock_most_tweets_fall_in_working_hours_but_not_all() {
    let (_, campaign) = lesson_sample();
    let Evidence::OfficeHours { utc_offset, .. } = lesson::steps()[2].evidence else {
        panic!("the third step points at the working hours")
    };
    let summary = summarize(&campaign);
    let cells = shift_week(&summary.hour_by_weekday, i32::from(utc_offset));
    let (mut inside, mut outside) = (0u64, 0u64);
    for (day, row) in cells.iter().enumerate() {
        for (hour, n) in row.iter().enumerate() {
            if lesson::steps()[2].evidence.in_hours(day, hour) {
                inside += n;
            } else {
                outside += n;
            }
        }
    }
    assert_eq!(inside + outside, summary.tweets);
    assert!(inside * 10 >= summary.tweets * 9, "{inside} of {} in working hours", summary.tweets);
    assert!(outside > 0, "a few tweets outside working hours, as in life");
    // In UTC the same tweets are not in those hours: the clock matters.
    let utc = &summary.hour_by_weekday;
    let in_utc: u64 = (0..7)
        .flat_map(|d| (0..24).map(move |h| (d, h)))
        .filter(|&(d, h)| lesson::steps()[2].evidence.in_hours(d, h))
        .map(|(d, h)| utc[d][h])
        .sum();
    assert!(in_utc * 3 < inside * 2, "{in_utc} in those hours of UTC, {inside} on the lesson's clock");
}

#[test]
fn the_pushed_hashtag_is_the_reports_largest_burst() {
    let (sample, campaign) = lesson_sample();
    let bursts = report(&campaign).bursts.bursts;
    let first = bursts.first().expect("a burst is found");
    assert_eq!(first.hashtag, lesson::HASHTAG.to_lowercase(), "{bursts:?}");
    assert_eq!(first.week, time::format_day(plant(&sample).push_week as i32));
    assert!(first.tweets >= BURST_MIN_TWEETS && first.previous_weeks == 0, "{first:?}");
    assert!(lesson::steps()[3].sentence.contains(lesson::HASHTAG));
}
