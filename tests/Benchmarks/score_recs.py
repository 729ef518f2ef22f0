#!/usr/bin/env python3
"""Scores a recommend-batch output on the shared quality protocol's split, without recomputing the baselines.

reference.py --recs scores a recs file too, but first recomputes popularity, item-kNN, EASE and iALS
(5 to 20 minutes on two cores). This imports reference.py's own split() and metrics(), so the numbers are
the same ones it would print for the candidate.

usage: score_recs.py INTERACTIONS.tsv RECS.tsv [SEED]
  SEED: the --random-split seed given to reference.py (e.g. 7 for lastfm-2k); none means the time split.
Prints {"recall@20": ..., "ndcg@10": ..., "users": ...} as JSON.
"""
import json
import os
import sys

here = os.path.dirname(os.path.abspath(__file__))
quality = os.environ.get("LR_QUALITY_DIR", os.path.join(here, "..", "..", "..", "shared", "bench", "quality"))
if not os.path.exists(os.path.join(quality, "reference.py")):
    sys.exit(f"score_recs.py: reference.py not found in {quality} (set LR_QUALITY_DIR)")
sys.path.insert(0, quality)
import reference  # noqa: E402  (the shared protocol's own split and metrics)

if len(sys.argv) < 3:
    sys.exit(__doc__)
rows = reference.load(sys.argv[1])
seed = int(sys.argv[3]) if len(sys.argv) > 3 else None
_, test = reference.split(rows, seed)
recs = {}
with open(sys.argv[2], encoding="utf-8") as f:
    for line in f:
        user, _, items = line.rstrip("\n").partition("\t")
        recs[user] = [i for i in items.split(",") if i]
print(json.dumps(reference.metrics(recs, test)))
