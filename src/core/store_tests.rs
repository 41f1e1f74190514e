//! The store's own tests: de-duplication in place, exact and inexact ids, text blocks.

use super::*;

fn tweet(store: &mut Store, id: TweetId, author: u32, text: &str, tag: &str) {
    let hashtag = store.intern_hashtag(tag.as_bytes());
    store.push_tweet(NewTweet {
        id,
        author,
        time: 1,
        kind: TweetKind::Reply,
        geo: true,
        lang: 0,
        client: 0,
        reference: None,
        ref_user: None,
        engagement: Some([1, 2, 3, 4]),
        text: text.as_bytes(),
    });
    store.push_entity(Entity::Hashtag(hashtag));
    store.push_entity(Entity::Url(7));
}

fn ids(store: &Store) -> Vec<String> {
    (0..store.len()).map(|i| store.tweet_id(i).to_string()).collect()
}

#[test]
fn keeps_the_first_of_repeated_tweets_with_its_columns() {
    let mut store = Store::default();
    tweet(&mut store, TweetId::Exact(5), 0, "first", "a");
    tweet(&mut store, TweetId::Exact(6), 0, "other", "b");
    tweet(&mut store, TweetId::Exact(5), 0, "again", "c");
    tweet(&mut store, TweetId::Inexact(b"9.06E+17"), 0, "x", "d");
    tweet(&mut store, TweetId::Inexact(b"9.06E+17"), 0, "y", "e");
    tweet(&mut store, TweetId::Inexact(b"9.06E+17"), 1, "x", "f");
    tweet(&mut store, TweetId::Inexact(b"9.06E+17"), 0, "x", "g");
    tweet(&mut store, TweetId::Exact(0), 0, "zero", "h");
    tweet(&mut store, TweetId::Exact(u64::MAX), 0, "max", "i");
    assert_eq!(store.remove_duplicate_tweets(), 2);
    assert_eq!(ids(&store), ["5", "6", "9.06E+17", "9.06E+17", "9.06E+17", "0", "18446744073709551615"]);
    let texts: Vec<&[u8]> = (0..store.len()).map(|i| store.text(i)).collect();
    assert_eq!(texts, [&b"first"[..], b"other", b"x", b"y", b"x", b"zero", b"max"]);
    let b = store.hashtags().get(b"b").unwrap();
    assert_eq!(store.entities(1).collect::<Vec<_>>(), [Entity::Hashtag(b), Entity::Url(7)]);
    let i = store.hashtags().get(b"i").unwrap();
    assert_eq!(store.entities(6).collect::<Vec<_>>(), [Entity::Hashtag(i), Entity::Url(7)]);
    assert!(store.has_geo(3) && store.kind(3) == TweetKind::Reply && store.engagement(3) == Some([1, 2, 3, 4]));
    assert_eq!(store.remove_duplicate_tweets(), 0);
}

#[test]
fn references_keep_every_id_exact_or_as_written() {
    let mut store = Store::default();
    let (user, lang, client) = (store.intern_user(b"u"), store.intern_language(b"en"), store.intern_client(b"web"));
    assert_eq!((user, lang, client), (0, 0, 0));
    let refs = [
        Some(TweetId::Exact(10_000_000_000_000_000_000)),
        Some(TweetId::Exact(0)),
        Some(TweetId::Inexact(b"1.198473762313818e+18")),
        None,
        Some(TweetId::Exact(u64::MAX)),
    ];
    for (n, reference) in refs.iter().enumerate() {
        store.push_tweet(NewTweet {
            id: TweetId::Exact(n as u64),
            author: 0,
            time: 1,
            kind: TweetKind::Retweet,
            geo: false,
            lang: 0,
            client: 0,
            reference: *reference,
            ref_user: (n == 1).then_some(0),
            engagement: None,
            text: b"",
        });
    }
    let got: Vec<Option<String>> = (0..store.len()).map(|i| store.reference(i).map(|r| r.to_string())).collect();
    assert_eq!(got, refs.iter().map(|r| r.map(|r| r.to_string())).collect::<Vec<_>>());
    assert_eq!((0..5).map(|i| store.reference(i)).collect::<Vec<_>>(), refs);
    assert_eq!((store.ref_user(0), store.ref_user(1), store.engagement(1)), (None, Some(0), None));
    // Merged into another store, through its own table of inexact ids.
    let mut other = Store::default();
    other.intern_language(b"fr");
    other.intern_user(b"u");
    other.intern_client(b"web");
    other.push_tweet(NewTweet {
        id: TweetId::Inexact(b"7.7e+17"),
        author: 0,
        time: 1,
        kind: TweetKind::Quote,
        geo: false,
        lang: 0,
        client: 0,
        reference: Some(TweetId::Inexact(b"other text")),
        ref_user: None,
        engagement: None,
        text: b"t",
    });
    store.append(other);
    assert_eq!(store.reference(5), Some(TweetId::Inexact(b"other text")));
    assert_eq!(store.tweet_id(5), TweetId::Inexact(b"7.7e+17"));
    assert_eq!(got, (0..5).map(|i| store.reference(i).map(|r| r.to_string())).collect::<Vec<_>>());
}

#[test]
fn a_kind_has_one_name_its_serde_name_and_all_is_in_discriminant_order() {
    for (i, kind) in TweetKind::ALL.into_iter().enumerate() {
        assert_eq!(serde_json::to_value(kind).unwrap(), serde_json::Value::String(kind.name().into()));
        assert_eq!(kind as usize, i);
    }
    let names: Vec<&str> = TweetKind::ALL.iter().map(|k| k.name()).collect();
    assert_eq!(names, ["original", "retweet", "reply", "quote"]);
}
