#!/usr/bin/env python3
"""Writes samples/interactions.tsv: invented events of 40 users on the sample catalogue, seeded.

Each user has one or two favourite tags of catalogue.tsv and picks 8 to 14 items, mostly ones carrying a
favourite tag, a few at random; weights are 1 to 5 and times increase. So users who share a tag share items,
which is what item-kNN and ALS learn from. The catalogue's JSON Lines additions (b071, f061, s071) get no
events: they stay new items the models do not know.

usage: python3 samples/make_interactions.py > samples/interactions.tsv
"""
import csv
import os
import random
import sys

here = os.path.dirname(os.path.abspath(__file__))
with open(os.path.join(here, "catalogue.tsv"), encoding="utf-8") as f:
    rows = list(csv.DictReader(f, delimiter="\t"))
by_tag = {}
for row in rows:
    for tag in (t.strip() for t in row["tags"].split(",")):
        if tag:
            by_tag.setdefault(tag, []).append(row["id"])
tags = sorted(t for t, items in by_tag.items() if len(items) >= 8)
ids = [row["id"] for row in rows]

rng = random.Random(20261122)
out = csv.writer(sys.stdout, delimiter="\t", lineterminator="\n")
when = 1_767_225_600  # 2026-01-01T00:00:00Z
for u in range(1, 41):
    favourites = rng.sample(tags, rng.choice([1, 2]))
    pool = sorted({i for t in favourites for i in by_tag[t]})
    picked = []
    for _ in range(rng.randint(8, 14)):
        source = pool if rng.random() < 0.8 else ids
        item = rng.choice(source)
        if item not in picked:
            picked.append(item)
    for item in picked:
        when += rng.randint(60, 86_400)
        out.writerow([f"u{u:02d}", item, rng.randint(1, 5), when])
