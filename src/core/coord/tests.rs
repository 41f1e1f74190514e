//! Hand-checkable networks: every weight below is counted by hand from the
//! fixture's rows.

use super::*;
use crate::core::ingest::{load_all, memory_input, Campaign};

const HEADER: &str =
    "tweetid,userid,tweet_time,is_retweet,retweet_tweetid,in_reply_to_tweetid,tweet_text,urls,hashtags,user_mentions";

/// `(id, user, HH:MM on 2020-01-01, retweeted, replied to, text, urls, hashtags, mentions)`
type Row<'a> = (&'a str, &'a str, &'a str, &'a str, &'a str, &'a str, &'a str, &'a str, &'a str);

fn campaign(rows: &[Row]) -> Campaign {
    let mut csv = vec![HEADER.to_string()];
    for (id, user, time, rt, reply, text, urls, tags, mentions) in rows {
        let is_rt = if rt.is_empty() { "false" } else { "true" };
        csv.push(format!(
            "{id},{user},2020-01-01 {time},{is_rt},{rt},{reply},\"{text}\",\"{urls}\",\"{tags}\",\"{mentions}\""
        ));
    }
    let (mut campaigns, progress) =
        load_all(vec![memory_input("t_tweets_csv_hashed.csv", csv.join("\n").into_bytes())]);
    assert!(progress.iter().all(|p| p.errors.is_empty() && p.rejected == 0), "{progress:?}");
    campaigns.remove(0)
}

fn settings(kind: Kind, window: u32) -> Settings {
    Settings { kind, window, min_weight: 1, max_group: None }
}

/// Directed weights by user id.
fn weights(c: &Campaign, s: Settings) -> Vec<(String, String, u32)> {
    let users = c.store.users();
    network(&c.store, s).directed().into_iter().map(|(a, b, w)| (users.text(a), users.text(b), w)).collect()
}

fn w(a: &str, b: &str, n: u32) -> (String, String, u32) {
    (a.to_string(), b.to_string(), n)
}

fn retweets() -> Campaign {
    campaign(&[
        ("1", "a", "10:00", "900", "", "RT x", "", "", ""),
        ("2", "b", "10:01", "900", "", "RT x", "", "", ""),
        ("3", "c", "10:03", "900", "", "RT x", "", "", ""),
        ("4", "a", "11:00", "901", "", "RT y", "", "", ""),
        ("5", "b", "11:00", "901", "", "RT y", "", "", ""),
        ("6", "d", "10:00", "900", "", "RT x", "", "", ""),
        ("7", "d", "10:01", "900", "", "RT x", "", "", ""),
        ("8", "d", "10:02", "", "", "not a retweet", "", "", ""),
    ])
}

#[test]
fn co_retweet_counts_each_accounts_own_tweets_within_the_window() {
    let c = retweets();
    let expected = vec![w("a", "b", 2), w("a", "d", 1), w("b", "a", 2), w("b", "d", 1), w("d", "a", 2), w("d", "b", 2)];
    let mut got = weights(&c, settings(Kind::CoRetweet, 60));
    got.sort();
    assert_eq!(got, expected);
    // Three minutes: c joins, 10:03 being 180 s after 10:00.
    let mut wide = weights(&c, settings(Kind::CoRetweet, 180));
    wide.sort();
    assert!(wide.contains(&w("a", "c", 1)) && wide.contains(&w("c", "d", 1)) && wide.contains(&w("d", "c", 2)));
    // Under a minute: only the same minute.
    let mut narrow = weights(&c, settings(Kind::CoRetweet, 59));
    narrow.sort();
    assert_eq!(
        narrow,
        vec![w("a", "b", 1), w("a", "d", 1), w("b", "a", 1), w("b", "d", 1), w("d", "a", 1), w("d", "b", 1)]
    );
}

#[test]
fn the_undirected_edge_carries_both_weights_and_its_evidence() {
    let c = retweets();
    let s = Settings { min_weight: 2, ..settings(Kind::CoRetweet, 60) };
    let net = network(&c.store, s);
    let users = c.store.users();
    let (a, d) = (users.get(b"a").unwrap(), users.get(b"d").unwrap());
    let edges = net.undirected();
    let (_, ad) = edges.iter().find(|(p, _)| *p == (a.min(d), a.max(d))).expect("a–d reaches 2 from d");
    assert_eq!((ad.forward, ad.backward), (1, 2));
    assert_eq!((ad.pairs, ad.min_dt, ad.mean_dt()), (2, 0, 30.0));
    assert_eq!(ad.symmetry(), 0.5);
    let evidence = evidence(&c.store, s, a, d);
    let ids: Vec<(String, String, u32)> = evidence
        .iter()
        .map(|p| {
            (
                c.store.tweet_id(p.source_tweet as usize).to_string(),
                c.store.tweet_id(p.target_tweet as usize).to_string(),
                p.dt,
            )
        })
        .collect();
    assert_eq!(ids, [w("1", "6", 0), w("1", "7", 60)]);
    // a–c never reaches 2, in either direction.
    assert_eq!(edges.len(), 3, "{edges:?}");
}

#[test]
fn co_tweet_normalises_text_and_skips_retweets_and_empty_texts() {
    assert_eq!(normalise_text("  Hello   @Someone WORLD\n@x"), "hello world");
    let c = campaign(&[
        ("1", "a", "10:00", "", "", "Vote NOW @abc", "", "", ""),
        ("2", "b", "10:00", "", "", "vote now", "", "", ""),
        ("3", "c", "10:00", "77", "", "vote now", "", "", ""),
        ("4", "d", "10:00", "", "", "@only", "", "", ""),
        ("5", "e", "10:00", "", "", "@mention", "", "", ""),
    ]);
    assert_eq!(weights(&c, settings(Kind::CoTweet, 60)), vec![w("a", "b", 1), w("b", "a", 1)]);
}

#[test]
fn co_link_hashtag_and_mention_count_a_tweet_once_for_each_partner() {
    let c = campaign(&[
        ("1", "a", "10:00", "", "", "t", "['http://x.example/1', 'http://x.example/2']", "['Tag', 'other']", "['m1']"),
        ("2", "b", "10:00", "", "", "t", "['http://x.example/1', 'http://x.example/2']", "['tag']", "['m1', 'm1']"),
        ("3", "c", "10:00", "1", "", "RT", "['http://x.example/1']", "['tag']", "['m1']"),
        ("4", "b", "10:01", "", "", "t", "['http://x.example/2']", "['TAG']", "[]"),
    ]);
    assert_eq!(weights(&c, settings(Kind::CoLink, 60)), vec![w("a", "b", 1), w("b", "a", 2)]);
    assert_eq!(weights(&c, settings(Kind::CoHashtag, 60)), vec![w("a", "b", 1), w("b", "a", 2)]);
    assert_eq!(weights(&c, settings(Kind::CoMention, 60)), vec![w("a", "b", 1), w("b", "a", 1)]);
}

#[test]
fn co_reply_and_co_post() {
    let c = campaign(&[
        ("1", "a", "10:00", "", "500", "r", "", "", ""),
        ("2", "b", "10:00", "", "500", "r", "", "", ""),
        ("3", "c", "10:00", "", "501", "r", "", "", ""),
        ("4", "c", "12:00", "", "", "o", "", "", ""),
    ]);
    assert_eq!(weights(&c, settings(Kind::CoReply, 60)), vec![w("a", "b", 1), w("b", "a", 1)]);
    let post = weights(&c, settings(Kind::CoPost, 60));
    assert_eq!(post.len(), 6);
    assert!(post.contains(&w("c", "a", 1)), "c's 12:00 tweet has no partner: {post:?}");
}

#[test]
fn a_key_over_the_cap_is_left_out_and_reported() {
    let c = retweets();
    let net = network(&c.store, Settings { max_group: Some(4), ..settings(Kind::CoRetweet, 60) });
    assert_eq!(net.capped, [CappedKey { key: "900".into(), events: 5 }]);
    let users = c.store.users();
    let directed: Vec<(String, String, u32)> =
        net.directed().into_iter().map(|(a, b, w)| (users.text(a), users.text(b), w)).collect();
    assert_eq!(directed, vec![w("a", "b", 1), w("b", "a", 1)]);
}
