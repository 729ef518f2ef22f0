#!/usr/bin/env python3
"""Synthetic implicit-feedback events over a corpus's item ids, for timing `lucenereco bench recommend`.

usage: synthetic_interactions.py ITEMS.tsv [--users 20000] [--min-events 30] [--max-events 100] [--seed 7] > interactions.tsv

ITEMS.tsv is a corpus TSV (id, title, body, section, ...; a header line starting with "id" is skipped), for example the
output of ../shared/bench/corpus/scale_corpus.py. Writes `user<TAB>item<TAB>weight<TAB>timestamp` lines (the format of
`lucenereco train`), and a summary on stderr. Deterministic for a given seed; standard library only.

How the events are drawn, so that item-kNN and ALS find real structure:
- popularity: every section ranks its items in a seeded random order, and an item of rank r in it is drawn with
  weight 1 / r^0.9 (Zipf-like: a few items get hundreds of events, most get none); a global ranking works the same way;
- taste: each user likes 1 to 3 sections (drawn in proportion to their size) and takes 80% of their events from them,
  10% from the global ranking, and 10% as a "sibling" of an item they already have (another item with the same
  title, which in a corpus grown by scale_corpus.py means the same source package: content and co-occurrence agree);
- each user has 30 to 100 distinct items (uniform), weight 1 (75%), 2 (20%) or 5 (5%), timestamps increasing
  from 2023-11-14 in steps of 1 to 60 minutes.
"""
import argparse
import bisect
import itertools
import random
import sys

ZIPF_EXPONENT = 0.9
START = 1_700_000_000  # 2023-11-14, Unix seconds


def cumulative_zipf(n):
    """Cumulative weights 1/r^s for ranks 1..n (for bisect sampling)."""
    return list(itertools.accumulate(1.0 / (r ** ZIPF_EXPONENT) for r in range(1, n + 1)))


def draw(rnd, items, cumulative):
    """One item of `items` (in popularity order) drawn with Zipf weights."""
    return items[bisect.bisect_left(cumulative, rnd.random() * cumulative[-1])]


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("items")
    ap.add_argument("--users", type=int, default=20_000)
    ap.add_argument("--min-events", type=int, default=30)
    ap.add_argument("--max-events", type=int, default=100)
    ap.add_argument("--seed", type=int, default=7)
    a = ap.parse_args()
    if not 1 <= a.min_events <= a.max_events:
        sys.exit("synthetic_interactions.py: need 1 <= --min-events <= --max-events")
    rnd = random.Random(a.seed)

    ids, sections, by_title = [], {}, {}
    with open(a.items, encoding="utf-8") as f:
        for line in f:
            if line.startswith("id\t"):
                continue
            cols = line.rstrip("\n").split("\t")
            if len(cols) < 4:
                sys.exit(f"synthetic_interactions.py: {a.items}: expected id, title, body, section columns: {line[:80]!r}")
            index = len(ids)
            ids.append(cols[0])
            sections.setdefault(cols[3] or "-", []).append(index)
            by_title.setdefault(cols[1], []).append(index)
    if not ids:
        sys.exit(f"synthetic_interactions.py: {a.items} has no items")
    title_of = [None] * len(ids)
    for group in by_title.values():
        for i in group:
            title_of[i] = group

    names = sorted(sections)
    for name in names:
        rnd.shuffle(sections[name])  # popularity order within the section
    section_cumulative = {name: cumulative_zipf(len(sections[name])) for name in names}
    section_sizes = list(itertools.accumulate(len(sections[n]) for n in names))
    everything = list(range(len(ids)))
    rnd.shuffle(everything)
    global_cumulative = cumulative_zipf(len(everything))

    out = sys.stdout
    counts = {}
    events = 0
    width = len(str(a.users - 1))
    for u in range(a.users):
        liked = []
        for _ in range(rnd.randint(1, 3)):
            liked.append(names[bisect.bisect_left(section_sizes, rnd.random() * section_sizes[-1])])
        want = rnd.randint(a.min_events, a.max_events)
        have, order = set(), []
        tries = 0
        while len(order) < want and tries < want * 20:
            tries += 1
            x = rnd.random()
            if x < 0.8:
                s = rnd.choice(liked)
                item = draw(rnd, sections[s], section_cumulative[s])
            elif x < 0.9 or not order:
                item = draw(rnd, everything, global_cumulative)
            else:
                item = rnd.choice(title_of[rnd.choice(order)])
            if item in have:
                continue
            have.add(item)
            order.append(item)
        t = START + u * 7
        for item in order:
            t += rnd.randint(60, 3600)
            w = 1 if (y := rnd.random()) < 0.75 else 2 if y < 0.95 else 5
            out.write(f"u{u:0{width}d}\t{ids[item]}\t{w}\t{t}\n")
            counts[item] = counts.get(item, 0) + 1
        events += len(order)

    top = sorted(counts.values(), reverse=True)
    print(f"{events:,} events, {a.users:,} users, {len(counts):,} of {len(ids):,} items have events; "
          f"most events on one item {top[0]:,}, items with >= 10 events {sum(1 for c in top if c >= 10):,}, "
          f"sections {len(names)}, seed {a.seed}", file=sys.stderr)


if __name__ == "__main__":
    main()
