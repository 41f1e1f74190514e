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

fn pool(c: &Campaign) -> Pool<'_> {
    Pool::one(&c.name, &c.store)
}

fn settings(kind: Kind, window: u32) -> Settings {
    Settings { window, min_weight: 1, max_group: None, ..Settings::new(kind) }
}

/// Directed weights by user id.
fn weights(c: &Campaign, s: Settings) -> Vec<(String, String, u32)> {
    let users = c.store.users();
    network(&pool(c), s).directed().into_iter().map(|(a, b, w)| (users.text(a), users.text(b), w)).collect()
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
    let net = network(&pool(&c), s);
    let users = c.store.users();
    let (a, d) = (users.get(b"a").unwrap(), users.get(b"d").unwrap());
    let edges = net.undirected();
    let (_, ad) = edges.iter().find(|(p, _)| *p == (a.min(d), a.max(d))).expect("a–d reaches 2 from d");
    assert_eq!((ad.forward, ad.backward), (1, 2));
    assert_eq!((ad.pairs, ad.min_dt, ad.mean_dt()), (2, 0, 30.0));
    assert_eq!(ad.symmetry(), 0.5);
    let evidence = evidence(&pool(&c), &net, a, d);
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
    // 900 has five retweets; four of them within 60 s of each other (10:00–10:01).
    let net = network(&pool(&c), Settings { max_group: Some(3), ..settings(Kind::CoRetweet, 60) });
    assert_eq!(net.capped, [CappedKey { key: "900".into(), events: 5, in_one_window: 4 }]);
    let users = c.store.users();
    let directed: Vec<(String, String, u32)> =
        net.directed().into_iter().map(|(a, b, w)| (users.text(a), users.text(b), w)).collect();
    assert_eq!(directed, vec![w("a", "b", 1), w("b", "a", 1)]);
    let (a, b) = (users.get(b"a").unwrap(), users.get(b"b").unwrap());
    let pairs = evidence(&pool(&c), &net, a.min(b), a.max(b));
    assert_eq!(pairs.len(), 1, "only the uncapped key 901 stands behind a–b: {pairs:?}");
    // Spread over three minutes, the same five fit a cap of four.
    assert!(network(&pool(&c), Settings { max_group: Some(4), ..settings(Kind::CoRetweet, 60) }).capped.is_empty());
}

#[test]
fn a_planted_coordinated_group_is_one_community() {
    // Accounts p0..p5 retweet the same six tweets within a minute of each
    // other; o0..o5 do the same with six others; one p and one o share a
    // retweet once, and stray accounts share one retweet each with a p.
    let mut rows = Vec::new();
    let mut id = 0;
    let mut push = |user: String, minute: usize, rt: usize| {
        id += 1;
        rows.push((id.to_string(), user, format!("1{:01}:{:02}", minute / 60, minute % 60), rt.to_string()));
    };
    for group in ["p", "o"] {
        for t in 0..6 {
            for member in 0..6 {
                let base = if group == "p" { 0 } else { 300 };
                push(format!("{group}{member}"), base + t * 10 + member % 2, 1000 + base + t);
            }
        }
    }
    push("p0".into(), 500, 7777);
    push("o0".into(), 500, 7777);
    for s in 0..3 {
        push(format!("s{s}"), 1, 1000);
    }
    let owned: Vec<(String, String, String, String, String)> =
        rows.iter().map(|(i, u, t, rt)| (i.clone(), u.clone(), t.clone(), rt.clone(), String::new())).collect();
    let table: Vec<Row> = owned
        .iter()
        .map(|(i, u, t, rt, e)| (&i[..], &u[..], &t[..], &rt[..], "", "RT", &e[..], &e[..], &e[..]))
        .collect();
    let c = campaign(&table);
    let net = network(&pool(&c), settings(Kind::CoRetweet, 60));
    let g = groups(&net.undirected());
    let users = c.store.users();
    let community = |name: &str| g.members.iter().find(|m| users.text(m.0) == name).map(|m| m.2).expect("on an edge");
    let component = |name: &str| g.members.iter().find(|m| users.text(m.0) == name).map(|m| m.1).expect("on an edge");
    assert_eq!(g.components, 1, "the p–o link and the strays join everything");
    assert!((0..6).all(|m| community(&format!("p{m}")) == community("p0")));
    assert!((0..6).all(|m| community(&format!("o{m}")) == community("o0")));
    assert_ne!(community("p0"), community("o0"));
    assert_eq!(component("s0"), component("o5"));
    assert!(g.modularity > 0.3, "{}", g.modularity);
    let profiles = profiles(&pool(&c), &net, &g);
    let p = &profiles[community("p0") as usize];
    // p0..p5 and the three strays: 36 + 1 + 3 tweets, all with a partner.
    assert_eq!((p.accounts, p.tweets, p.coordinated_tweets), (9, 40, 40));
    assert_eq!(profiles.iter().map(|p| p.accounts).sum::<u64>(), g.members.len() as u64);
}

#[test]
fn texts_that_share_a_hash_are_still_told_apart() {
    let c = campaign(&[
        ("1", "a", "10:00", "", "", "one text", "", "", ""),
        ("2", "b", "10:00", "", "", "ONE text", "", "", ""),
        ("3", "c", "10:00", "", "", "another", "", "", ""),
    ]);
    // As if all three had hashed alike.
    let pool = pool(&c);
    let (events, mut names) = keys::events(&pool, Kind::CoTweet, None, None);
    let mut events: Vec<Event> = events.groups().flatten().copied().collect();
    for e in &mut events {
        e.key = 7;
    }
    keys::tell_texts_apart(&pool, &mut events, &mut names);
    events.sort_unstable_by_key(|e| e.tweet);
    let keys: Vec<u64> = events.iter().map(|e| e.key).collect();
    assert_eq!(keys[0], keys[1]);
    assert_ne!(keys[1], keys[2]);
    assert_eq!(names.describe(&pool, &events[2]), "another");
    assert_eq!(names.describe(&pool, &events[0]), "one text");
    assert_eq!(normalise_text("ΟΔΟΣ a@b c"), "οδος a c");
}

#[test]
fn a_date_range_and_a_percentile_narrow_the_network() {
    let c = retweets();
    // Only 11:00 onwards: the retweets of 901 by a and b.
    let range = Some(crate::core::time::Range { from: (18_262 * 24 + 11) * 60, to: (18_262 * 24 + 12) * 60 });
    let net = network(&pool(&c), Settings { range, ..settings(Kind::CoRetweet, 60) });
    assert_eq!(net.directed().len(), 2);
    // Weights of the pairs' stronger directions: a–b 2, a–d 2, b–d 2 → the
    // 90th percentile is 2, so every pair stays; min weight 3 drops them all.
    let net = network(&pool(&c), Settings { percentile: Some(90.0), ..settings(Kind::CoRetweet, 60) });
    assert_eq!((net.threshold(), net.undirected().len()), (2, 3));
    let net = network(&pool(&c), Settings { percentile: Some(0.0), min_weight: 3, ..settings(Kind::CoRetweet, 60) });
    assert_eq!(net.undirected().len(), 0);
}

#[test]
fn co_similar_links_near_identical_texts_only() {
    let c = campaign(&[
        ("1", "a", "10:00", "", "", "Vote for the people of this land today", "", "", ""),
        ("2", "b", "10:00", "", "", "vote for the people of this land today!", "", "", ""),
        ("3", "c", "10:00", "", "", "vote for the people of this land", "", "", ""),
        ("4", "d", "10:00", "", "", "something else entirely, nothing shared", "", "", ""),
        ("5", "e", "10:05", "", "", "Vote for the people of this land today", "", "", ""),
    ]);
    // a, b: J = 1; a, c: 7/8 ≥ 0.8; e is five minutes later.
    let got = weights(&c, settings(Kind::CoSimilar, 60));
    assert_eq!(
        got,
        vec![w("a", "b", 1), w("a", "c", 1), w("b", "a", 1), w("b", "c", 1), w("c", "a", 1), w("c", "b", 1)]
    );
    let strict = weights(&c, Settings { similarity: 0.95, ..settings(Kind::CoSimilar, 60) });
    assert_eq!(strict, vec![w("a", "b", 1), w("b", "a", 1)]);
    let net = network(&pool(&c), settings(Kind::CoSimilar, 60));
    let (a, b) = (c.store.users().get(b"a").unwrap(), c.store.users().get(b"b").unwrap());
    let (_, ab) = net.undirected().into_iter().find(|(p, _)| *p == (a.min(b), a.max(b))).unwrap();
    assert_eq!(ab.pairs, 1, "one pair of tweets, however many bands it shares");
    assert_eq!(evidence(&pool(&c), &net, a, b).len(), 1);
}

#[test]
fn a_pool_links_accounts_across_campaigns_and_joins_one_account_in_both() {
    let first = campaign(&[
        ("1", "x", "10:00", "900", "", "RT x", "", "", ""),
        ("2", "both", "11:00", "901", "", "RT y", "", "", ""),
        ("3", "x", "12:00", "", "", "hi @m", "", "", "m"),
    ]);
    let second = campaign(&[
        ("11", "y", "10:01", "900", "", "RT x", "", "", ""),
        ("12", "both", "11:00", "901", "", "RT y", "", "", ""),
        ("13", "z", "12:00", "", "", "hello @m", "", "", "m"),
    ]);
    let alone = |c: &Campaign, kind| network(&pool(c), settings(kind, 60)).directed();
    assert!(alone(&first, Kind::CoRetweet).is_empty() && alone(&second, Kind::CoRetweet).is_empty());
    let pool = Pool::of([("first", &first.store), ("second", &second.store)]);
    assert_eq!(pool.len(), 6);
    let named = |kind| -> Vec<(String, String, u32)> {
        let net = network(&pool, settings(kind, 60));
        net.directed().into_iter().map(|(a, b, w)| (pool.user_id(a), pool.user_id(b), w)).collect()
    };
    // `both` retweeted 901 in each campaign at once: one account, no pair with itself.
    assert_eq!(named(Kind::CoRetweet), vec![w("x", "y", 1), w("y", "x", 1)]);
    let mut mentions = named(Kind::CoMention);
    mentions.sort();
    assert_eq!(mentions, vec![w("x", "z", 1), w("z", "x", 1)]);
    let net = network(&pool, settings(Kind::CoRetweet, 60));
    let ((a, b), _) = net.undirected()[0];
    let pairs = evidence(&pool, &net, a, b);
    let tweets: Vec<(String, &str)> = [pairs[0].source_tweet, pairs[0].target_tweet]
        .into_iter()
        .map(|t| (pool.tweet_id(t).to_string(), pool.campaign(t)))
        .collect();
    assert_eq!(tweets, [("1".to_string(), "first"), ("11".to_string(), "second")]);
    assert_eq!(pool.profile(a).map(|p| p.screen_name.as_str()), first.store.profile(0).map(|p| p.screen_name.as_str()));
}

#[test]
fn a_job_run_in_the_smallest_steps_gives_the_same_network() {
    let c = retweets();
    let pool = pool(&c);
    for kind in [Kind::CoRetweet, Kind::CoPost, Kind::CoLink] {
        let s = Settings { max_group: Some(3), ..settings(kind, 120) };
        let mut job = Job::new(&pool, s);
        let mut stages = vec![job.progress().stage];
        let mut steps = 0;
        while job.step(&pool, 1) {
            steps += 1;
            let p = job.progress();
            assert!(p.done <= p.total, "{p:?}");
            if stages.last() != Some(&p.stage) {
                stages.push(p.stage);
            }
        }
        assert_eq!(stages, [Stage::Reading, Stage::Sorting, Stage::Pairing, Stage::Done][..stages.len()]);
        assert!(steps >= c.store.len(), "{kind:?}: {steps} steps");
        let stepped = Box::new(job).into_network().ok().expect("done");
        let whole = network(&pool, s);
        assert_eq!(stepped.directed(), whole.directed(), "{kind:?}");
        assert_eq!(stepped.capped, whole.capped, "{kind:?}");
    }
}

#[test]
fn the_generators_planted_groups_are_its_co_retweet_and_co_tweet_communities() {
    use crate::synth::{write_tweets, Spec};
    let default = Spec::benchmark(20_000, 400, 3);
    let large = Spec { planted_groups: 12, group_size: 21, ..Spec::benchmark(20_000, 400, 4) };
    for spec in [default, large] {
        let mut bytes = Vec::new();
        write_tweets(&mut bytes, &spec).unwrap();
        let (mut campaigns, _) = load_all(vec![memory_input("g_tweets_csv_hashed.csv", bytes)]);
        let c = campaigns.remove(0);
        let ids = spec.account_ids();
        // Planted group k is accounts k·size .. (k+1)·size.
        let size = spec.group_size;
        let group_of = |user: u32| ids.iter().position(|id| *id == c.store.users().text(user)).map(|i| i / size);
        for kind in [Kind::CoRetweet, Kind::CoTweet] {
            let net = network(&pool(&c), Settings::new(kind));
            let g = groups(&net.undirected());
            let expected = (spec.planted_groups, spec.planted_groups * size);
            assert_eq!((g.components, g.members.len()), expected, "{kind:?}, groups of {size}");
            for &(user, component, community) in &g.members {
                let planted = group_of(user).expect("an author");
                let first = g.members.iter().find(|m| group_of(m.0) == Some(planted)).unwrap();
                assert_eq!((component, community), (first.1, first.2), "{kind:?}: account {user} of group {planted}");
            }
        }
    }
}

#[test]
fn the_overview_lists_nodes_edges_months_and_the_evidence_with_its_key() {
    let c = retweets();
    let pool = pool(&c);
    let net = network(&pool, settings(Kind::CoRetweet, 60));
    let o = overview(&pool, &net);
    // a–b (both ways 2), a–d and b–d (tweets 1, 2, 6, 7 and 4, 5 by hand).
    let ids: Vec<&str> = o.nodes.iter().map(|n| n.id.as_str()).collect();
    assert_eq!(ids.len(), 3, "{ids:?}");
    let degree = |id: &str| o.nodes.iter().find(|n| n.id == id).map(|n| n.degree);
    assert_eq!((degree("a"), degree("b"), degree("d")), (Some(2), Some(2), Some(2)));
    assert_eq!(o.edges.len(), 3);
    assert!(o.edges.windows(2).all(|w| w[0].forward.max(w[0].backward) >= w[1].forward.max(w[1].backward)));
    assert_eq!(o.months, [MonthRow { month: "2020-01".into(), tweets: 8, coordinated: 6 }]);
    assert_eq!(o.nodes.iter().map(|n| n.tweets).sum::<u64>(), 7, "a 2, b 2, d 3");
    let (a, d) = (c.store.users().get(b"a").unwrap(), c.store.users().get(b"d").unwrap());
    let rows = evidence_rows(&pool, &net, a.min(d), a.max(d));
    assert_eq!(rows.len(), 2, "{rows:?}");
    assert!(rows.iter().all(|r| r.key == "900" && r.source.time.starts_with("2020-01-01 10:0")));
}
