#!/usr/bin/env python3
"""Reference drain for the benchmark: the playbook's analyze.py approach done right with redis-py
(XRANGE COUNT 10000 with exclusive '(' paging, every field decoded, the run's numbers parsed).
Prints: entries matched, seconds, entries/s."""
import sys
import time

import redis


def main():
    url, stream, run = sys.argv[1], sys.argv[2], sys.argv[3]
    r = redis.Redis.from_url(url, decode_responses=True)
    start = time.perf_counter()
    last = "-"
    matched = 0
    scanned = 0
    hop_sum = 0
    while True:
        page = r.xrange(stream, min=last, max="+", count=10000)
        if not page:
            break
        for entry_id, f in page:
            scanned += 1
            if f.get("run") != run:
                continue
            matched += 1
            enq, claim, done = int(f["enq_ns"]), int(f["claim_ns"]), int(f["done_ns"])
            hop_sum += done - enq + 0 * claim
        last = "(" + page[-1][0]
        if len(page) < 10000:
            break
    secs = time.perf_counter() - start
    print(f"{matched} {scanned} {secs:.3f} {scanned / secs:.0f}")


if __name__ == "__main__":
    main()
