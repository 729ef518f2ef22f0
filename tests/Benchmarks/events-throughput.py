#!/usr/bin/env python3
"""POST /events throughput against a running `lucenereco serve --store FILE` (group commit, issue 16).

Usage: events-throughput.py BASE_URL SECONDS CLIENTS [CLIENTS ...]
Each client is a thread with its own keep-alive connection posting one event per request, one request at a time, for
SECONDS; prints one Markdown row per client count: requests per second, p50 and p99 latency in ms, failures.
"""
import http.client, json, sys, threading, time, urllib.parse

def run(base, seconds, clients):
    url = urllib.parse.urlparse(base)
    lat, failures, lock = [], [0], threading.Lock()
    stop = time.monotonic() + seconds
    def client(n):
        conn = http.client.HTTPConnection(url.hostname, url.port, timeout=30)
        i = 0
        mine = []
        while time.monotonic() < stop:
            body = json.dumps([{"userId": f"bench{n}", "itemId": f"item{i % 50}", "kind": "view"}])
            t = time.monotonic()
            try:
                conn.request("POST", "/events", body, {"Content-Type": "application/json"})
                r = conn.getresponse(); r.read()
                ok = 200 <= r.status < 300
            except Exception:
                ok = False
                conn = http.client.HTTPConnection(url.hostname, url.port, timeout=30)
            mine.append((time.monotonic() - t) * 1000)
            if not ok:
                with lock: failures[0] += 1
            i += 1
        with lock: lat.extend(mine)
    threads = [threading.Thread(target=client, args=(n,)) for n in range(clients)]
    for t in threads: t.start()
    for t in threads: t.join()
    lat.sort()
    q = lambda p: lat[min(len(lat) - 1, int(p * len(lat)))]
    print(f"| {clients} | {len(lat) / seconds:,.0f} | {q(0.5):.1f} | {q(0.99):.1f} | {failures[0]} |", flush=True)

if __name__ == "__main__":
    base, seconds = sys.argv[1], float(sys.argv[2])
    print("| clients | requests/s | p50 ms | p99 ms | failed |\n| ---: | ---: | ---: | ---: | ---: |")
    for c in sys.argv[3:]: run(base, seconds, int(c))
