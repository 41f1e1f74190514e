//! `takedown sql KIND --window SECONDS --min-weight N --dialect duckdb|spark [--pool]`:
//! the SQL that computes a co-action network over a table or view `tweets`
//! with the columns of `takedown export --parquet`, giving
//! `campaign,source,target,weight` with the directed weights of
//! `takedown coordination --max-group 0`.
//!
//! Which tweets take part, and their keys, follow `core::coord::keys`: the
//! retweeted tweet on retweets, the replied-to tweet on replies, and on every
//! tweet but retweets the normalised text, each distinct URL or each distinct
//! mentioned account. The weight from A to B counts A's distinct tweets with a
//! B tweet of the same key within the window, both ends included.

use crate::args::Options;
use crate::USAGE;
use std::fmt;

/// The SQL engines whose small differences the text follows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dialect {
    DuckDb,
    Spark,
}

/// What stops `takedown sql`, as data; `Display` writes the sentence.
#[derive(Debug, PartialEq, Eq)]
pub enum SqlError {
    Kind(String),
    Dialect(String),
    Number { option: &'static str, value: String },
}

impl fmt::Display for SqlError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SqlError::Kind(kind) => write!(
                f,
                "takedown sql writes {}, not {kind} (co_hashtag's Unicode case folding and co_similar's MinHash have no SQL here)",
                KINDS.join(", ")
            ),
            SqlError::Dialect(name) => write!(f, "--dialect is duckdb or spark, not {name}"),
            SqlError::Number { option, value } => write!(f, "{option} must be a whole number, not {value}"),
        }
    }
}

const KINDS: [&str; 6] = ["co_retweet", "co_tweet", "co_link", "co_reply", "co_mention", "co_post"];

/// What a network's tweets share: one key per tweet, or each distinct item of a list.
enum Key {
    One { filter: &'static str, key: String },
    EachOf { list: &'static str },
}

fn key(kind: &str, dialect: Dialect) -> Option<Key> {
    let text = match dialect {
        Dialect::DuckDb => "VARCHAR",
        Dialect::Spark => "STRING",
    };
    // The INT64 id where it is exact, else the id as written (the same text
    // `takedown coordination` keys it by).
    let id = |column: &str| format!("coalesce(CAST({column} AS {text}), {column}_text)");
    Some(match kind {
        "co_retweet" => Key::One { filter: "kind = 'retweet'", key: id("retweet_tweetid") },
        "co_reply" => Key::One { filter: "kind = 'reply'", key: id("in_reply_to_tweetid") },
        "co_tweet" => Key::One {
            filter: "kind <> 'retweet' AND tweet_text_normalised <> ''",
            key: "tweet_text_normalised".into(),
        },
        "co_post" => Key::One { filter: "TRUE", key: "'any tweet'".into() },
        "co_link" => Key::EachOf { list: "urls" },
        "co_mention" => Key::EachOf { list: "user_mentions" },
        _ => return None,
    })
}

/// The network's query: what each dialect writes differently is the tweets'
/// numbering, unnesting a list, and the interval of the window.
pub fn query(kind: &str, window: u32, min_weight: u32, dialect: Dialect, pool: bool) -> Result<String, SqlError> {
    let key = key(kind, dialect).ok_or_else(|| SqlError::Kind(kind.to_string()))?;
    let numbered = match dialect {
        Dialect::DuckDb => "row_number() OVER ()",
        Dialect::Spark => "monotonically_increasing_id()",
    };
    // Tweets are numbered before any list is unnested: Spark evaluates the
    // other expressions of a SELECT with a generator after it, one id per item.
    let (filter, value, key) = match key {
        Key::One { filter, key } => (filter.to_string(), key, "key".to_string()),
        Key::EachOf { list } => (
            "kind <> 'retweet'".to_string(),
            list.to_string(),
            match dialect {
                Dialect::DuckDb => "unnest(list_distinct(key))".to_string(),
                Dialect::Spark => "explode(array_distinct(key))".to_string(),
            },
        ),
    };
    let interval = match dialect {
        Dialect::DuckDb => format!("INTERVAL {window} SECOND"),
        Dialect::Spark => format!("INTERVAL '{window}' SECOND"),
    };
    let campaign = if pool { "'pooled'" } else { "campaign" };
    let same_campaign = if pool { "" } else { "a.campaign = b.campaign AND " };
    let scope = if pool { "all campaigns pooled" } else { "per campaign" };
    let name = match dialect {
        Dialect::DuckDb => "DuckDB",
        Dialect::Spark => "Spark SQL",
    };
    Ok(format!(
        "-- {kind} within {window} s, directed weights of {min_weight} or more, {scope} ({name}).
-- Over a table or view `tweets` with the columns of `takedown export --parquet`, e.g.
{view}
-- As `takedown coordination --kind {kind} --window {window} --min-weight {min_weight} --max-group 0`:
-- the weight from source to target is the number of the source's distinct tweets
-- for which the target has a tweet with the same key within {window} s.
WITH numbered AS (
  SELECT {campaign} AS campaign, userid, tweet_time, {numbered} AS tweet, {value} AS key
  FROM tweets
  WHERE {filter}
),
events AS (
  SELECT * FROM (SELECT campaign, userid, tweet_time, tweet, {key} AS key FROM numbered) AS keyed
  WHERE key IS NOT NULL
),
pairs AS (
  SELECT DISTINCT a.campaign, a.userid AS source, b.userid AS target, a.tweet
  FROM events AS a
  JOIN events AS b
    ON {same_campaign}a.key = b.key AND a.userid <> b.userid
   AND b.tweet_time BETWEEN a.tweet_time - {interval} AND a.tweet_time + {interval}
)
SELECT campaign, source, target, count(*) AS weight
FROM pairs
GROUP BY campaign, source, target
HAVING count(*) >= {min_weight}
ORDER BY campaign, source, target;
",
        view = view(dialect),
    ))
}

fn view(dialect: Dialect) -> &'static str {
    match dialect {
        Dialect::DuckDb => "--   CREATE VIEW tweets AS SELECT * FROM read_parquet('OUTDIR/tweets/*/*.parquet', hive_partitioning = true);",
        Dialect::Spark => "--   CREATE TEMPORARY VIEW tweets USING parquet OPTIONS (path 'OUTDIR/tweets');",
    }
}

pub fn run(args: &[String]) -> Result<(), String> {
    let options = Options::parse("sql", args, &["--window", "--min-weight", "--dialect"], &["--pool"])?;
    let [kind] = options.operands.as_slice() else { return Err(USAGE.into()) };
    let number = |option: &'static str, default: u32| match options.value(option) {
        None => Ok(default),
        Some(value) => value.parse().map_err(|_| SqlError::Number { option, value: value.to_string() }),
    };
    let dialect = match options.value("--dialect").unwrap_or("duckdb") {
        "duckdb" => Ok(Dialect::DuckDb),
        "spark" => Ok(Dialect::Spark),
        other => Err(SqlError::Dialect(other.to_string())),
    };
    let text =
        (|| query(kind, number("--window", 60)?, number("--min-weight", 2)?, dialect?, options.switch("--pool")))()
            .map_err(|e| e.to_string())?;
    print!("{text}");
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dialects_differ_where_the_engines_do() {
        let duck = query("co_link", 60, 2, Dialect::DuckDb, false).unwrap();
        let spark = query("co_link", 60, 2, Dialect::Spark, false).unwrap();
        assert!(duck.contains("unnest(list_distinct(key))") && duck.contains("INTERVAL 60 SECOND"));
        assert!(spark.contains("explode(array_distinct(key))") && spark.contains("INTERVAL '60' SECOND"));
        assert!(duck.contains("HAVING count(*) >= 2"));
    }

    #[test]
    fn pooling_drops_the_campaign_from_the_join() {
        let pooled = query("co_retweet", 60, 1, Dialect::DuckDb, true).unwrap();
        assert!(!pooled.contains("a.campaign = b.campaign") && pooled.contains("'pooled' AS campaign"));
        assert!(query("co_retweet", 60, 1, Dialect::DuckDb, false).unwrap().contains("a.campaign = b.campaign"));
    }

    #[test]
    fn kinds_without_sql_are_refused_with_a_reason() {
        let error = query("co_similar", 60, 1, Dialect::Spark, false).unwrap_err();
        assert!(error.to_string().contains("MinHash"));
    }
}
