"""DuckDB or Spark reads the Parquet export: its counts per campaign equal
`takedown summary`'s, and the SQL of `takedown sql` gives the edges of
`takedown coordination`.

usage: parquet_sql.py duckdb|spark TAKEDOWN WORKDIR FILE...

The truth is computed apart from the export: the summary and the networks come
from the CLI reading the release files themselves; the engine (DuckDB pinned in
scripts/setup.sh, PySpark in scripts/spark-check) reads only the Parquet files.
The files are exported twice over (every file named twice, in parts of 5 000
rows), so duplicates across
parts must be dropped for the counts to agree, and the export's report of
duplicates and rejected rows must equal the summary's of the same files.
Exits 1 on the first difference.
"""

import csv
import io
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

# Every kind at 60 s from weight 1 and at 300 s from weight 2; co_post (every
# pair of tweets a window apart) at 60 s only, where it takes seconds.
CASES = [(kind, window, weight) for kind in ["co_retweet", "co_tweet", "co_link", "co_reply", "co_mention"]
         for window, weight in [(60, 1), (300, 2)]] + [("co_post", 60, 1)]


def run(*args):
    done = subprocess.run(args, capture_output=True, text=True)
    if done.returncode != 0:
        sys.exit(f"{' '.join(args)} failed:\n{done.stderr}")
    return done.stdout


def fail(message):
    print(f"FAIL: {message}")
    sys.exit(1)


FIGURES = ["tweets", "originals", "retweets", "replies", "quotes", "accounts", "hashed_accounts",
           "accounts_with_tweets", "inexact_ids", "first_tweet", "last_tweet"]


def summary_figures(takedown, files):
    """Per campaign, the figures of `takedown summary --json` that the tables can give."""
    campaigns = json.loads(run(takedown, "summary", "--json", *files))["campaigns"]
    keys = FIGURES + ["rejected_rows", "duplicate_tweets"]
    return {c["name"]: {**{k: c[k] for k in keys}, "months": dict(c["tweets_per_month"])} for c in campaigns}


def export_report(text):
    """Per campaign, the rejected rows and duplicates `takedown export` reports."""
    report, name = {}, None
    for line in text.splitlines()[1:]:
        if line and not line.startswith(" "):
            name = line
            report[name] = {"rejected_rows": 0, "duplicate_tweets": 0}
        elif line.startswith("  rejected rows"):
            report[name]["rejected_rows"] = int(re.sub(r"\D", "", line))
        elif line.startswith("  duplicates"):
            report[name]["duplicate_tweets"] = int(re.sub(r"\D", "", line.split("rows")[0]))
    return report


def parquet_figures(engine):
    """The same figures, from the Parquet files alone."""
    minute, month = engine.formats
    rows = engine.rows(f"""
        WITH t AS (
            SELECT campaign, count(*) AS tweets,
                   count(*) FILTER (WHERE kind = 'original') AS originals,
                   count(*) FILTER (WHERE kind = 'retweet') AS retweets,
                   count(*) FILTER (WHERE kind = 'reply') AS replies,
                   count(*) FILTER (WHERE kind = 'quote') AS quotes,
                   count(DISTINCT userid) AS accounts_with_tweets,
                   count(*) FILTER (WHERE tweetid IS NULL) AS inexact_ids,
                   {minute.format("min(tweet_time)")} AS first_tweet,
                   {minute.format("max(tweet_time)")} AS last_tweet
            FROM tweets GROUP BY campaign),
        a AS (SELECT campaign, count(*) AS accounts, count(*) FILTER (WHERE hashed) AS hashed_accounts
              FROM accounts GROUP BY campaign)
        SELECT coalesce(a.campaign, t.campaign), coalesce(tweets, 0), coalesce(originals, 0),
               coalesce(retweets, 0), coalesce(replies, 0), coalesce(quotes, 0), coalesce(accounts, 0),
               coalesce(hashed_accounts, 0), coalesce(accounts_with_tweets, 0), coalesce(inexact_ids, 0),
               first_tweet, last_tweet
        FROM a FULL JOIN t ON a.campaign = t.campaign""")
    figures = {row[0]: {**dict(zip(FIGURES, row[1:])), "months": {}} for row in rows}
    months = engine.rows(f"""
        SELECT campaign, {month.format("tweet_time")} AS month, count(*)
        FROM tweets GROUP BY campaign, {month.format("tweet_time")}""")
    for campaign, month_name, n in months:
        figures[campaign]["months"][month_name] = n
    return figures


class DuckDb:
    dialect = "duckdb"
    formats = ("strftime({}, '%Y-%m-%d %H:%M')", "strftime({}, '%Y-%m')")

    def __init__(self):
        import duckdb

        self.db = duckdb.connect()
        self.db.execute("SET TimeZone = 'UTC'")

    def view(self, name, table, campaign="*"):
        self.db.execute(f"CREATE OR REPLACE VIEW {name} AS SELECT * FROM read_parquet("
                        f"'{table}/{campaign}/*.parquet', hive_partitioning = true)")

    def rows(self, query):
        return [tuple(row) for row in self.db.execute(query).fetchall()]


class Spark:
    dialect = "spark"
    formats = ("date_format({}, 'yyyy-MM-dd HH:mm')", "date_format({}, 'yyyy-MM')")

    def __init__(self):
        from pyspark.sql import SparkSession

        self.spark = (SparkSession.builder.master("local[2]").appName("takedown-parquet-check")
                      .config("spark.sql.session.timeZone", "UTC")
                      .config("spark.sql.sources.partitionColumnTypeInference.enabled", "false")
                      .config("spark.ui.enabled", "false")
                      .config("spark.sql.shuffle.partitions", "4")
                      .getOrCreate())
        self.spark.sparkContext.setLogLevel("ERROR")

    def view(self, name, table, campaign="*"):
        path = str(table) if campaign == "*" else f"{table}/{campaign}"
        self.spark.read.option("basePath", str(table)).parquet(path).createOrReplaceTempView(name)

    def rows(self, query):
        return [tuple(row) for row in self.spark.sql(query).collect()]


def coordination_edges(takedown, files, kind, window, min_weight, pool=False):
    text = run(takedown, "coordination", "--kind", kind, "--window", str(window), "--min-weight",
               str(min_weight), "--max-group", "0", *(["--pool"] if pool else []), *files)
    return {(r["campaign"], r["source"], r["target"]): int(r["weight"]) for r in csv.DictReader(io.StringIO(text))}


def sql_edges(takedown, engine, kind, window, min_weight, pool=False):
    query = run(takedown, "sql", kind, "--window", str(window), "--min-weight", str(min_weight),
                "--dialect", engine.dialect, *(["--pool"] if pool else []))
    return {(c, s, t): w for c, s, t, w in engine.rows(query)}


def differences(expected, found):
    """The first few keys whose values differ, as readable lines."""
    keys = sorted(set(expected) | set(found))
    return [f"{k}: expected {expected.get(k)}, found {found.get(k)}" for k in keys if expected.get(k) != found.get(k)][:5]


def main():
    engine_name, takedown, work, files = sys.argv[1], sys.argv[2], Path(sys.argv[3]), sys.argv[4:]
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    out = work / "export"
    report = export_report(run(takedown, "export", "--parquet", str(out), "--part-rows", "5000", *files, *files))
    engine = {"duckdb": DuckDb, "spark": Spark}[engine_name]()
    engine.view("tweets", out / "tweets")
    engine.view("accounts", out / "accounts")

    expected, found = summary_figures(takedown, files + files), parquet_figures(engine)
    for name, figures in found.items():
        figures.update(report.get(name, {}))
    if set(expected) != set(found):
        fail(f"campaigns: summary {sorted(expected)}, Parquet {sorted(found)}")
    for name in sorted(expected):
        for key in expected[name]:
            if expected[name][key] != found[name][key]:
                fail(f"{name} {key}: summary {expected[name][key]}, Parquet {found[name][key]}")
        e = expected[name]
        print(f"{name}: {e['tweets']} tweets, {e['accounts']} accounts, {len(e['months'])} months, "
              f"{e['duplicate_tweets']} duplicates, {e['rejected_rows']} rejected rows: equal")

    # The comparison must be able to fail: a changed weight is found, and the
    # SQL of a narrower window does not pass for the network of a wider one.
    if not differences({("c", "a", "b"): 2}, {("c", "a", "b"): 3}):
        fail("the edge comparison finds no difference where there is one")
    if not differences(coordination_edges(takedown, files, "co_retweet", 300, 1),
                       sql_edges(takedown, engine, "co_retweet", 0, 1)):
        fail("co_retweet at 0 s in SQL equals the network at 300 s: the comparison cannot tell windows apart")
    for kind, window, min_weight in CASES:
        truth = coordination_edges(takedown, files, kind, window, min_weight)
        ours = sql_edges(takedown, engine, kind, window, min_weight)
        wrong = differences(truth, ours)
        if wrong:
            fail(f"{kind} {window} s weight >= {min_weight}: {len(truth)} edges from coordination, "
                 f"{len(ours)} from SQL; " + "; ".join(wrong))
        print(f"{kind} {window} s weight >= {min_weight}: {len(truth)} directed edges: equal")
    if not coordination_edges(takedown, files, "co_retweet", 60, 1):
        fail("co_retweet found no edge: the corpus should have some")

    # Pooled: one network over every campaign, accounts one by user id, as
    # `takedown coordination --pool` has it (its campaign column names them all).
    for kind in ["co_retweet", "co_link"]:
        pooled = {(s, t): w for (_, s, t), w in sql_edges(takedown, engine, kind, 60, 1, pool=True).items()}
        truth = {(s, t): w for (_, s, t), w in coordination_edges(takedown, files, kind, 60, 1, pool=True).items()}
        if differences(truth, pooled):
            fail(f"pooled {kind}: " + "; ".join(differences(truth, pooled)))
        print(f"pooled {kind} 60 s weight >= 1: {len(truth)} directed edges: equal")
    print(f"{engine_name} agrees with takedown summary and takedown coordination")


if __name__ == "__main__":
    main()
