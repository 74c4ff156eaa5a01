#!/usr/bin/env python3
"""Writes the k6 and done-stream fixtures of K6RunsIT (seeded; run it again to get the same bytes).

Each file reproduces one way real k6 runs reach hopscope. They are written in k6's own
--out json format (Metric and Point lines, as k6 0.30 and 0.5x write them) and in hopscope's
done-stream export format; nothing in them is copied from a third-party file.
"""
import gzip
import io
import json
import math
import random
from datetime import datetime, timezone

T0 = 1_780_000_000  # 2026-05-28T20:26:40Z, a whole second


def iso(ns):
    s, frac = divmod(ns, 1_000_000_000)
    return datetime.fromtimestamp(s, timezone.utc).strftime("%Y-%m-%dT%H:%M:%S") + ".%09dZ" % frac


class K6:
    def __init__(self, old=False):
        self.lines = []
        self.declared = set()
        self.old = old

    def metric(self, name, kind, contains="default"):
        if name in self.declared:
            return
        self.declared.add(name)
        self.lines.append({"type": "Metric", "data": {"name": name, "type": kind, "contains": contains,
                                                      "thresholds": [], "submetrics": None}, "metric": name})

    def point(self, name, kind, ns, value, tags, contains="default"):
        self.metric(name, kind, contains)
        if self.old:  # k6 < 0.41 writes the keys in this order
            self.lines.append({"type": "Point", "data": {"time": iso(ns), "value": value, "tags": tags},
                               "metric": name})
        else:
            self.lines.append({"metric": name, "type": "Point",
                               "data": {"time": iso(ns), "value": value, "tags": tags}})

    def request(self, end_ns, ms, tags, failed):
        self.point("http_reqs", "counter", end_ns, 1, tags)
        self.point("http_req_duration", "trend", end_ns, round(ms, 6), tags, "time")
        if not self.old:
            self.point("http_req_failed", "rate", end_ns, 1 if failed else 0, tags)

    def write(self, path):
        self.lines.sort(key=lambda l: (l["type"] != "Metric", l["data"].get("time", "")))
        buf = io.BytesIO()
        with gzip.GzipFile(fileobj=buf, mode="wb", mtime=0) as gz:
            for l in self.lines:
                gz.write((json.dumps(l, separators=(",", ":")) + "\n").encode())
        open(path, "wb").write(buf.getvalue())


def tags(scenario, method, name, status, old=False, error_code=None, error=None):
    t = {"group": "", "method": method, "name": name, "proto": "HTTP/1.1", "scenario": scenario,
         "status": str(status), "url": "http://127.0.0.1:8080" + name.split(" ", 1)[-1]}
    if not old:
        t["expected_response"] = "true" if 200 <= status < 400 else "false"
    if error_code is not None:
        t["error_code"] = str(error_code)
    if error is not None:
        t["error"] = error
    return t


def stepped_arrival():
    """ramping-arrival-rate, 2 requests per iteration, stages 5/s, 10/s, ramp to 20/s, 20/s; the
    generator runs out of VUs at 20/s and drops iterations; some GETs answer 302."""
    rnd = random.Random(13)
    k6 = K6()
    sc = "orders"
    # (start rate, end rate, seconds) in iterations per second
    stages = [(5, 5, 40), (10, 10, 40), (10, 20, 30), (20, 20, 40)]
    t = 0.0
    offset = 0.0
    for start, end, dur in stages:
        while t < offset + dur:
            rate = start + (end - start) * (t - offset) / dur
            begin = T0 * 10**9 + int(t * 1e9)
            load = rate / 20
            if start == end == 20 and rnd.random() < 0.15:
                k6.point("dropped_iterations", "counter", begin, 1, {"scenario": sc})
            else:
                post = rnd.lognormvariate(math.log(20 + 60 * load ** 4), 0.3)
                get = rnd.lognormvariate(math.log(8 + 30 * load ** 4), 0.3)
                e1 = begin + int(post * 1e6)
                k6.request(e1, post, tags(sc, "POST", "POST /orders", 201), False)
                status = 302 if rnd.random() < 0.1 else 200
                e2 = e1 + int(get * 1e6)
                k6.request(e2, get, tags(sc, "GET", "GET /orders/{id}", status), False)
                k6.point("iterations", "counter", e2, 1, {"scenario": sc, "group": ""})
            t += 1.0 / rate
        offset += dur
    total = offset
    for s in range(int(total) + 1):
        ns = T0 * 10**9 + s * 10**9 + 1000
        rate = 20 if s > 110 else 10
        k6.point("vus", "gauge", ns, 40 if s > 110 else rate, {})
        k6.point("vus_max", "gauge", ns, 40, {})
    k6.write("stepped-arrival-2req.json.gz")


def old_k6_refused():
    """k6 0.30 (no http_req_failed): constant-arrival-rate 20/s for 90 s; 20% of GET /flaky are
    refused (status 0, error_code 1212); GET /home redirects (301) now and then."""
    rnd = random.Random(17)
    k6 = K6(old=True)
    sc = "default"
    n = 20 * 90
    for i in range(n):
        begin = T0 * 10**9 + int(i * 1e9 / 20)
        ms = rnd.lognormvariate(math.log(15), 0.25)
        status = 301 if rnd.random() < 0.2 else 200
        e1 = begin + int(ms * 1e6)
        k6.request(e1, ms, tags(sc, "GET", "GET /home", status, old=True), False)
        refused = rnd.random() < 0.2
        ms2 = 0.0 if refused else rnd.lognormvariate(math.log(25), 0.25)
        e2 = e1 + int(ms2 * 1e6) + 100_000
        k6.request(e2, ms2, tags(sc, "GET", "GET /flaky", 0 if refused else 200, old=True,
                                 error_code=1212 if refused else None,
                                 error="dial tcp 127.0.0.1:8080: connect: connection refused"
                                 if refused else None), refused)
        # check() samples: 1 passed, 0 failed, tagged with the check's name and group
        k6.point("checks", "rate", e1, 1, {"scenario": sc, "group": "", "check": "home is up"})
        k6.point("checks", "rate", e2, 0 if refused else 1,
                 {"scenario": sc, "group": "::flaky", "check": "flaky answers"})
        k6.point("iterations", "counter", e2, 1, {"scenario": sc, "group": ""})
    k6.write("old-k6-refused.json.gz")


def constant_vus(name="constant-vus.json.gz", seconds=120, stop_at=None):
    """constant-vus: 4 VUs for 120 s (the rate is what the VUs manage); vus = vus_max by design."""
    rnd = random.Random(19 if stop_at is None else 23)
    k6 = K6()
    sc = "steady"
    end = T0 * 10**9 + seconds * 10**9
    if stop_at is not None:
        end = T0 * 10**9 + stop_at * 10**9
    for vu in range(4):
        t = T0 * 10**9 + rnd.randrange(0, 10**8)
        while True:
            ms = rnd.lognormvariate(math.log(40), 0.35)
            e = t + int(ms * 1e6)
            if e >= end:
                break
            k6.request(e, ms, tags(sc, "GET", "GET /items", 200), False)
            think = 60 + rnd.random() * 20
            t = e + int(think * 1e6)
            k6.point("iterations", "counter", t, 1, {"scenario": sc, "group": ""})
    for s in range((end - T0 * 10**9) // 10**9 + 1):
        ns = T0 * 10**9 + s * 10**9 + 1000
        k6.point("vus", "gauge", ns, 4, {})
        k6.point("vus_max", "gauge", ns, 4, {})
    k6.write(name)


def done_stream_short():
    """Jobs scheduled at 20, 40 and 80/s for 60 s each, but the gateway takes at most 35/s: the
    third plateau gets 35 arrivals/s instead of 80."""
    rnd = random.Random(29)
    out = [{"hopscope_export": "done-stream", "synthetic": True, "generator": "k6runs/make_fixtures.py",
            "run": "short-of-schedule"}]
    t = 0.0
    seq = 0
    busy_until = 0.0
    for rate, dur, start in [(20, 60, 0), (40, 60, 60), (80, 60, 120)]:
        got = min(rate, 35)
        t = start
        while t < start + dur:
            enq = T0 + t
            claim = max(enq + 0.0005, busy_until)
            service = rnd.expovariate(1 / 0.01)
            done = claim + service
            busy_until = max(busy_until, claim + service / 2)
            ns = lambda x: str(int(round(x * 1e9)))
            out.append({"id": "%d-%d" % (int(done * 1000), seq), "fields": {
                "run": "short-of-schedule", "corr": "c-%06d" % seq, "entry": "%d-0" % int(enq * 1000),
                "enq_ns": ns(enq), "claim_ns": ns(claim), "done_ns": ns(done),
                "work_ms": "%.3f" % (service * 1000)}})
            seq += 1
            t += rnd.expovariate(got)
    buf = io.BytesIO()
    with gzip.GzipFile(fileobj=buf, mode="wb", mtime=0) as gz:
        for l in out:
            gz.write((json.dumps(l, separators=(",", ":")) + "\n").encode())
    open("short-of-schedule.ndjson.gz", "wb").write(buf.getvalue())


def handle_summary():
    """A handleSummary(data) export (k6 1.x): 7,621 requests over 61.2 s, checks in the root
    group and in a group, one threshold failed; no time series at all."""
    reqs = 7621
    data = {
        "options": {"summaryTrendStats": ["avg", "min", "med", "max", "p(90)", "p(95)"]},
        "state": {"isStdOutTTY": False, "isStdErrTTY": False, "testRunDurationMs": 61234.5},
        "metrics": {
            "http_reqs": {"type": "counter", "contains": "default",
                          "values": {"count": reqs, "rate": reqs / 61.2345}},
            "http_req_duration": {"type": "trend", "contains": "time",
                                  "values": {"avg": 48.2, "min": 3.1, "med": 41.7, "max": 912.4,
                                             "p(90)": 88.3, "p(95)": 131.9},
                                  "thresholds": {"p(95)<120": {"ok": False}}},
            "http_req_failed": {"type": "rate", "contains": "default",
                                "values": {"rate": 76 / reqs, "passes": 76, "fails": reqs - 76},
                                "thresholds": {"rate<0.02": {"ok": True}}},
            "iterations": {"type": "counter", "contains": "default",
                           "values": {"count": 3810, "rate": 3810 / 61.2345}},
            "vus": {"type": "gauge", "contains": "default", "values": {"value": 1, "min": 1, "max": 20}},
            "vus_max": {"type": "gauge", "contains": "default", "values": {"value": 20, "min": 20, "max": 20}},
            "checks": {"type": "rate", "contains": "default",
                       "values": {"rate": 0.99, "passes": 7545, "fails": 76}},
        },
        "root_group": {
            "name": "", "path": "", "id": "d41d8cd98f00b204e9800998ecf8427e",
            "groups": [{
                "name": "checkout", "path": "::checkout", "id": "0a3f", "groups": [],
                "checks": [{"name": "order accepted", "path": "::checkout::order accepted",
                            "id": "77ab", "passes": 3734, "fails": 76}]}],
            "checks": [{"name": "status is 200", "path": "::status is 200", "id": "51c2",
                        "passes": 3811, "fails": 0}],
        },
    }
    open("handle-summary.json", "w").write(json.dumps(data, indent=2) + "\n")


if __name__ == "__main__":
    handle_summary()
    stepped_arrival()
    old_k6_refused()
    constant_vus()
    constant_vus("aborted.json.gz", seconds=240, stop_at=75)
    done_stream_short()
