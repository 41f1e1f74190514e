"""A campaign's headline figures from one tweets CSV by a peer engine (DuckDB
or polars), checked against `takedown summary --json` of the same file, and
both timed in the same run.

    headline_figures.py duckdb|polars TAKEDOWN TWEETS_CSV [RUNS]

The figures are those of the overview: tweets, retweets, replies and quotes
(a retweet first, then a reply, then a quote, as the loader classifies them),
the first and last tweet, the accounts that tweeted, the 20 first languages,
clients and hashtags (lowercased, once per tweet), tweets per month and by
weekday and hour. Each engine reads the file once, with every field as text,
and computes them all. Prints each run's seconds and the best ratio; exits
1 if a figure differs.

The CSV must be of the 2019 and later generations (list columns as Python
literals, `['a', 'b']`), as `takedown generate` writes them, and hold each
tweet once (the peers count rows; we count a repeated tweet id once); no zips.
"""

import json
import subprocess
import sys
import time

COLUMNS = [
    "tweetid", "userid", "tweet_language", "tweet_time", "tweet_client_name", "in_reply_to_userid",
    "in_reply_to_tweetid", "quoted_tweet_tweetid", "is_retweet", "hashtags",
]
TOP_N = 20
# The keys of `takedown summary --json` compared.
FIGURES = (
    "tweets", "retweets", "replies", "quotes", "first_tweet", "last_tweet", "accounts_with_tweets", "top_languages",
    "top_clients", "top_hashtags", "tweets_per_month", "hour_by_weekday",
)


def duckdb_figures(path):
    import duckdb

    con = duckdb.connect()
    con.execute("SET threads = 2")
    con.execute(
        f"""CREATE TEMP TABLE t AS
            SELECT {', '.join(COLUMNS)},
                CASE WHEN lower(is_retweet) = 'true' THEN 'retweet'
                     WHEN coalesce(in_reply_to_tweetid, '') <> '' OR coalesce(in_reply_to_userid, '') <> '' THEN 'reply'
                     WHEN coalesce(quoted_tweet_tweetid, '') <> '' THEN 'quote'
                     ELSE 'original' END AS kind
            FROM read_csv(?, header = true, quote = '"', escape = '"', all_varchar = true,
                          max_line_size = 10000000)""",
        [path],
    )
    kinds = dict(con.execute("SELECT kind, count(*) FROM t GROUP BY kind").fetchall())
    first, last, accounts = con.execute("SELECT min(tweet_time), max(tweet_time), count(DISTINCT userid) FROM t").fetchone()

    def top(column):
        return con.execute(
            f"SELECT {column}, count(*) AS n FROM t GROUP BY {column} ORDER BY n DESC, {column} LIMIT {TOP_N}"
        ).fetchall()

    hashtags = con.execute(
        f"""SELECT tag, count(DISTINCT tweetid) AS n FROM (
                SELECT tweetid, lower(unnest(regexp_extract_all(hashtags, '''([^'']*)''', 1))) AS tag FROM t)
            GROUP BY tag ORDER BY n DESC, tag LIMIT {TOP_N}"""
    ).fetchall()
    months = con.execute("SELECT substr(tweet_time, 1, 7) AS m, count(*) FROM t GROUP BY m").fetchall()
    hours = con.execute(
        """SELECT isodow(CAST(tweet_time || ':00' AS TIMESTAMP)) - 1 AS d, CAST(substr(tweet_time, 12, 2) AS INTEGER) AS h,
                  count(*) FROM t GROUP BY d, h"""
    ).fetchall()
    return figures(kinds, first, last, accounts, top("tweet_language"), top("tweet_client_name"), hashtags, months, hours)


def polars_figures(path):
    import polars as pl

    t = pl.read_csv(path, columns=COLUMNS, infer_schema=False, quote_char='"')
    blank = lambda c: pl.col(c).fill_null("") != ""  # noqa: E731
    t = t.with_columns(
        pl.when(pl.col("is_retweet").str.to_lowercase() == "true").then(pl.lit("retweet"))
        .when(blank("in_reply_to_tweetid") | blank("in_reply_to_userid")).then(pl.lit("reply"))
        .when(blank("quoted_tweet_tweetid")).then(pl.lit("quote"))
        .otherwise(pl.lit("original")).alias("kind")
    )
    kinds = dict(t.group_by("kind").len().iter_rows())
    first, last = t["tweet_time"].min(), t["tweet_time"].max()
    accounts = t["userid"].n_unique()

    def top(column):
        counts = t.group_by(column).len().sort(["len", column], descending=[True, False]).head(TOP_N)
        return list(counts.iter_rows())

    tags = (
        t.select("tweetid", pl.col("hashtags").str.extract_all(r"'[^']*'").alias("tag"))
        .explode("tag").drop_nulls("tag")
        .with_columns(pl.col("tag").str.strip_chars("'").str.to_lowercase())
        .unique(["tweetid", "tag"]).group_by("tag").len()
        .sort(["len", "tag"], descending=[True, False]).head(TOP_N)
    )
    months = t.group_by(pl.col("tweet_time").str.slice(0, 7)).len().iter_rows()
    stamp = pl.col("tweet_time").str.to_datetime("%Y-%m-%d %H:%M")
    hours = t.group_by(stamp.dt.weekday().alias("d") - 1, stamp.dt.hour().alias("h")).len().iter_rows()
    return figures(kinds, first, last, accounts, top("tweet_language"), top("tweet_client_name"),
                   list(tags.iter_rows()), months, hours)


def figures(kinds, first, last, accounts, languages, clients, hashtags, months, hours):
    grid = [[0] * 24 for _ in range(7)]
    for d, h, n in hours:
        grid[d][h] += n
    return {
        "tweets": sum(kinds.values()),
        "retweets": kinds.get("retweet", 0),
        "replies": kinds.get("reply", 0),
        "quotes": kinds.get("quote", 0),
        "first_tweet": first,
        "last_tweet": last,
        "accounts_with_tweets": accounts,
        "top_languages": [[k, n] for k, n in languages],
        "top_clients": [[k, n] for k, n in clients],
        "top_hashtags": [[k, n] for k, n in hashtags],
        "tweets_per_month": {k: n for k, n in months},
        "hour_by_weekday": grid,
    }


def ours(takedown, path):
    out = subprocess.run([takedown, "summary", "--json", path], check=True, capture_output=True, text=True).stdout
    summary = json.loads(out)["campaigns"][0]
    return {key: summary[key] for key in FIGURES}


def main():
    engine, takedown, path = sys.argv[1:4]
    runs = int(sys.argv[4]) if len(sys.argv) > 4 else 2
    peer = {"duckdb": duckdb_figures, "polars": polars_figures}[engine]
    times, results = {engine: [], "takedown": []}, {}
    for _ in range(runs):
        for name, compute in ((engine, lambda: peer(path)), ("takedown", lambda: ours(takedown, path))):
            started = time.perf_counter()
            results[name] = compute()
            times[name].append(time.perf_counter() - started)
    mine, theirs = results["takedown"], results[engine]
    wrong = [key for key in mine if mine[key] != theirs[key]]
    for key in wrong:
        print(f"{key} differs:\n  takedown {mine[key]}\n  {engine} {theirs[key]}")
    for name, seconds in times.items():
        print(f"{name:9} {' '.join(f'{s:6.2f} s' for s in seconds)}")
    print(f"{engine} / takedown (best of {runs}): {min(times[engine]) / min(times['takedown']):.2f}×")
    print(f"{len(mine) - len(wrong)} of {len(mine)} figures agree")
    sys.exit(1 if wrong else 0)


if __name__ == "__main__":
    main()
