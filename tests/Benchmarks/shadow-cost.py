#!/usr/bin/env python3
"""What a shadow pipeline costs the served request, against a running `lucenereco serve` with
tests/Benchmarks/shadow-pipelines.json (docs/benchmarks.md, "Shadow pipelines").

Usage: shadow-cost.py BASE_URL USERS_FILE ROUNDS [CLIENTS]
USERS_FILE holds one user id a line. Each client, one request at a time on its own keep-alive connection, walks the
users and posts POST /recommend (k 10) for each to "served" (no shadow) and to "shadowed" (the same pipeline with one
shadow), alternating which goes first, so both arms see the same load; ROUNDS passes over the users. Prints a Markdown
table of client-side p50/p90/p99 and the server's tookMs per arm, the ratios shadowed/served, and GET /shadows' figures
(shadow runs, dropped, the shadow's own p50/p99, queue wait).
"""
import http.client, json, sys, threading, time, urllib.parse

def main():
    base, users_file, rounds = sys.argv[1], sys.argv[2], int(sys.argv[3])
    clients = int(sys.argv[4]) if len(sys.argv) > 4 else 1
    users = [u.strip() for u in open(users_file) if u.strip()]
    url = urllib.parse.urlparse(base)
    arms = {"served": ([], []), "shadowed": ([], [])}
    failures, lock = [0], threading.Lock()

    def post(conn, user, pipeline):
        body = json.dumps({"userId": user, "k": 10, "pipeline": pipeline})
        t = time.perf_counter()
        conn.request("POST", "/recommend", body, {"Content-Type": "application/json"})
        r = conn.getresponse()
        data = r.read()
        ms = (time.perf_counter() - t) * 1000
        if r.status != 200: raise RuntimeError(f"{r.status}: {data[:200]!r}")
        return ms, json.loads(data)["tookMs"]

    def client(n):
        conn = http.client.HTTPConnection(url.hostname, url.port, timeout=60)
        mine = {"served": ([], []), "shadowed": ([], [])}
        i = 0
        for _ in range(rounds):
            for u in users[n::clients]:
                order = ("served", "shadowed") if i % 2 == 0 else ("shadowed", "served")
                for arm in order:
                    try:
                        ms, took = post(conn, u, arm)
                        mine[arm][0].append(ms); mine[arm][1].append(took)
                    except Exception as e:
                        with lock: failures[0] += 1
                        print(f"failed: {e}", file=sys.stderr)
                        conn = http.client.HTTPConnection(url.hostname, url.port, timeout=60)
                i += 1
        with lock:
            for arm in arms:
                arms[arm][0].extend(mine[arm][0]); arms[arm][1].extend(mine[arm][1])

    threads = [threading.Thread(target=client, args=(n,)) for n in range(clients)]
    started = time.monotonic()
    for t in threads: t.start()
    for t in threads: t.join()
    seconds = time.monotonic() - started
    q = lambda xs, p: sorted(xs)[min(len(xs) - 1, int(p * len(xs)))]
    print(f"{clients} client(s), {len(users)} users x {rounds} rounds, {seconds:.0f} s, {failures[0]} failed\n")
    print("| arm | requests | p50 ms | p90 ms | p99 ms | server tookMs p50 | tookMs p99 |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for arm, (lat, took) in arms.items():
        print(f"| {arm} | {len(lat)} | {q(lat, .5):.2f} | {q(lat, .9):.2f} | {q(lat, .99):.2f} | {q(took, .5):.2f} | {q(took, .99):.2f} |")
    (a, ta), (b, tb) = arms["served"], arms["shadowed"]
    print(f"| shadowed / served | | {q(b, .5) / q(a, .5):.3f} | {q(b, .9) / q(a, .9):.3f} | {q(b, .99) / q(a, .99):.3f} | {q(tb, .5) / q(ta, .5):.3f} | {q(tb, .99) / q(ta, .99):.3f} |")
    conn = http.client.HTTPConnection(url.hostname, url.port, timeout=60)
    conn.request("GET", "/shadows"); s = json.loads(conn.getresponse().read())
    for p in s["pairs"]:
        print(f"\nshadow '{p['shadow']}' of '{p['pipeline']}': {p['runs']} runs, {p['failed']} failed, {p['dropped']} dropped "
              f"(queue capacity {s['capacity']}); its own time p50 {p['shadowLatency']['p50']:.2f} ms, p99 {p['shadowLatency']['p99']:.2f} ms; "
              f"queue wait p50 {p['queueWait']['p50']:.2f} ms, p99 {p['queueWait']['p99']:.2f} ms; "
              f"overlap {p['meanOverlap']:.3f}, Kendall tau {p['meanKendallTau'] if p['meanKendallTau'] is None else round(p['meanKendallTau'], 3)}")
    sys.exit(1 if failures[0] else 0)

if __name__ == "__main__":
    main()
