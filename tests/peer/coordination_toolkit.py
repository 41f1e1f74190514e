"""Our co-action networks against the Coordination Network Toolkit's.

Reads the Thailand release zip with Python's own zipfile and csv modules (none
of our code), feeds the toolkit's preprocess_data, computes its co_retweet,
co_tweet, co_link and co_reply networks at 60 and 300 seconds, reads its SQLite
tables (its CSV export is broken in 1.5.2), drops the pairs of an account with
itself, and compares every directed weight with `takedown coordination`.

usage: python coordination_toolkit.py TAKEDOWN_BINARY TWEETS_ZIP WORKDIR
"""

import ast
import calendar
import csv
import io
import os
import sqlite3
import subprocess
import sys
import time
import zipfile

from coordination_network_toolkit import compute_networks, preprocess
from coordination_network_toolkit.similarity import message_preprocessor

KINDS = {
    "co_retweet": compute_networks.compute_co_retweet_parallel,
    "co_tweet": compute_networks.compute_co_tweet_network,
    "co_link": compute_networks.compute_co_link_network,
    "co_reply": compute_networks.compute_co_reply_network,
}
WINDOWS = (60, 300)


def messages(zip_path):
    csv.field_size_limit(sys.maxsize)
    with zipfile.ZipFile(zip_path) as archive:
        name = next(n for n in archive.namelist() if n.endswith(".csv"))
        with archive.open(name) as raw:
            for row in csv.DictReader(io.TextIOWrapper(raw, encoding="utf-8", newline="")):
                seconds = calendar.timegm(time.strptime(row["tweet_time"], "%Y-%m-%d %H:%M"))
                retweet = row["is_retweet"].strip().lower() == "true"
                # A retweet without the retweeted id still is one: a repost that
                # matches nothing, so that it stays out of co_tweet as ours does.
                repost = (row["retweet_tweetid"] or f"unknown-{row['tweetid']}") if retweet else None
                text = row["tweet_text"]
                # Ours: a text empty after normalising matches nothing (the
                # toolkit would match all such texts with each other).
                if not message_preprocessor(text):
                    text = f"empty-{row['tweetid']}"
                urls = ast.literal_eval(row["urls"]) if row["urls"].strip() else []
                yield (
                    row["tweetid"],
                    row["userid"],
                    row["user_screen_name"],
                    repost,
                    row["in_reply_to_tweetid"] or None,
                    text,
                    seconds,
                    urls,
                )


def toolkit_edges(db_path, kind, window):
    KINDS[kind](db_path, time_window=window, min_edge_weight=1, n_threads=2)
    db = sqlite3.connect(db_path)
    rows = db.execute(f"select user_1, user_2, weight from {kind}_network where user_1 != user_2").fetchall()
    db.close()
    return {(kind, str(a), str(b), int(w)) for a, b, w in rows}


def our_edges(binary, zip_path, kind, window):
    out = subprocess.run(
        [binary, "coordination", "--kind", kind, "--window", str(window), "--min-weight", "1", "--max-group", "0", zip_path],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return {(r["kind"], r["source"], r["target"], int(r["weight"])) for r in csv.DictReader(io.StringIO(out))}


def evidence_check(binary, zip_path, rows, window):
    """Every co_retweet edge's evidence, against pairs found by brute force."""
    out = subprocess.run(
        [binary, "coordination", "--kind", "co_retweet", "--window", str(window), "--min-weight", "1",
         "--max-group", "0", "--evidence", zip_path],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    # Unordered: which account of a pair is the source is ours to choose.
    ours = {(*sorted((r["source_tweet"], r["target_tweet"])), int(r["dt"])) for r in csv.DictReader(io.StringIO(out))}
    retweets = [(m[0], m[1], m[3], m[6]) for m in rows if m[3] and not m[3].startswith("unknown-")]
    expected = set()
    by_key = {}
    for tweet in retweets:
        by_key.setdefault(tweet[2], []).append(tweet)
    for group in by_key.values():
        for a in group:
            for b in group:
                if a[1] < b[1] and abs(a[3] - b[3]) <= window:
                    expected.add((*sorted((a[0], b[0])), abs(a[3] - b[3])))
    same = ours == expected
    print(f"co_retweet evidence at {window} s: {len(expected)} tweet pairs by brute force, ours {len(ours)}: "
          f"{'identical' if same else 'DIFFERENT'}")
    return same


def main():
    binary, zip_path, workdir = sys.argv[1:4]
    os.makedirs(workdir, exist_ok=True)
    db_path = os.path.join(workdir, "toolkit.db")
    if os.path.exists(db_path):
        os.remove(db_path)
    started = time.perf_counter()
    rows = list(messages(zip_path))
    preprocess.preprocess_data(db_path, rows)
    failed = 0 if evidence_check(binary, zip_path, rows, 60) else 1
    for window in WINDOWS:
        for kind in KINDS:
            theirs = toolkit_edges(db_path, kind, window)
            ours = our_edges(binary, zip_path, kind, window)
            same = theirs == ours
            failed += not same
            print(f"{kind} at {window} s: toolkit {len(theirs)} directed edges, ours {len(ours)}: {'identical' if same else 'DIFFERENT'}")
            if not same:
                for edge in sorted(theirs - ours)[:5]:
                    print(f"  only the toolkit's: {edge}")
                for edge in sorted(ours - theirs)[:5]:
                    print(f"  only ours: {edge}")
    print(f"toolkit and comparison took {time.perf_counter() - started:.1f} s")
    print(f"{len(WINDOWS) * len(KINDS) + 1 - failed} passed, {failed} failed")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
