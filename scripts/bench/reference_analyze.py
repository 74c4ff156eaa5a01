#!/usr/bin/env python3
"""Reference analyzer for the benchmark: the playbook's perf/tools/analyze.py (section 6) as it
stands, except that it pages over all entries (XRANGE COUNT 10000 with exclusive '(' paging) instead
of reading the first 200,000. Same pct(), same fields, same summary.
Prints one line: matched jobs, seconds, then the summary JSON on the next line."""
import json
import math
import sys
import time
from datetime import datetime, timezone

import redis


def pct(values, p):
    if not values:
        return None
    values = sorted(values)
    k = (len(values) - 1) * (p / 100.0)
    f = math.floor(k)
    c = math.ceil(k)
    if f == c:
        return values[int(k)]
    return values[f] * (c - k) + values[c] * (k - f)


def main():
    url, done_stream, run_id = sys.argv[1], sys.argv[2], sys.argv[3]
    start = time.perf_counter()
    r = redis.Redis.from_url(url, decode_responses=True)
    hop_ms, queue_ms, service_ms = [], [], []
    matched = 0
    last = "-"
    while True:
        entries = r.xrange(done_stream, min=last, max="+", count=10000)
        if not entries:
            break
        for entry_id, fields in entries:
            if fields.get("run") != run_id:
                continue
            matched += 1
            enq_ns = int(fields.get("enq_ns", "0"))
            claim_ns = int(fields.get("claim_ns", "0"))
            done_ns = int(fields.get("done_ns", "0"))
            if enq_ns > 0 and claim_ns > 0:
                queue_ms.append((claim_ns - enq_ns) / 1_000_000.0)
            if claim_ns > 0 and done_ns > 0:
                service_ms.append((done_ns - claim_ns) / 1_000_000.0)
            if enq_ns > 0 and done_ns > 0:
                hop_ms.append((done_ns - enq_ns) / 1_000_000.0)
        last = "(" + entries[-1][0]
        if len(entries) < 10000:
            break
    summary = {
        "run_id": run_id,
        "done_stream": done_stream,
        "matched_jobs": matched,
        "hop_ms": {"p50": pct(hop_ms, 50), "p95": pct(hop_ms, 95), "p99": pct(hop_ms, 99)},
        "queue_ms": {"p50": pct(queue_ms, 50), "p95": pct(queue_ms, 95), "p99": pct(queue_ms, 99)},
        "service_ms": {
            "p50": pct(service_ms, 50), "p95": pct(service_ms, 95), "p99": pct(service_ms, 99)},
        "generated_at": datetime.now(timezone.utc).isoformat(),
    }
    secs = time.perf_counter() - start
    print(f"{matched} {secs:.3f}")
    print(json.dumps(summary))


if __name__ == "__main__":
    main()
