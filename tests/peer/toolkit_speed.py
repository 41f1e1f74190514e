"""Times the Coordination Network Toolkit on a release zip: preprocessing plus
its co_retweet, co_tweet, co_link and co_reply networks at one window, best of
three; prints the seconds (for scripts/bench-coordination).

usage: python toolkit_speed.py TWEETS_ZIP WORKDIR WINDOW
"""

import os
import sys
import time

from coordination_toolkit import KINDS, messages
from coordination_network_toolkit import preprocess


def main():
    zip_path, workdir, window = sys.argv[1], sys.argv[2], int(sys.argv[3])
    os.makedirs(workdir, exist_ok=True)
    best = float("inf")
    for _ in range(3):
        db_path = os.path.join(workdir, "speed.db")
        for suffix in ("", "-wal", "-shm"):
            if os.path.exists(db_path + suffix):
                os.remove(db_path + suffix)
        started = time.perf_counter()
        preprocess.preprocess_data(db_path, messages(zip_path))
        for compute in KINDS.values():
            compute(db_path, time_window=window, min_edge_weight=1, n_threads=2)
        best = min(best, time.perf_counter() - started)
    print(f"toolkit seconds {best:.2f}")


if __name__ == "__main__":
    main()
