#!/usr/bin/python3
"""Trains small seeded XGBoost models and writes what the C# tests compare against.

Run with Debian's XGBoost (apt-get install -y python3-xgboost python3-numpy), from any folder:

    /usr/bin/python3 tests/LuceneReco.Rankers.Learned.Tests/Fixtures/make_xgboost_fixtures.py

For each fixture NAME it writes into the folder of this script:

    NAME.json            the model, Booster.save_model (XGBoost's JSON format)
    NAME.features.tsv    the rows scored: a header of feature names, one row per item, an empty cell = missing (NaN)
    NAME.margins.tsv     a header "margin", then predict(output_margin=True) per row
    NAME.contribs.tsv    a header of feature names + "bias", then predict(pred_contribs=True) per row

Values are float32 (what XGBoost sees) printed with 9 significant digits, which round-trips float32 exactly.
The generated files are committed so the tests need no XGBoost; rerun this only to change the fixtures.
"""
import json
import os
import numpy as np
import xgboost as xgb

OUT = os.path.dirname(os.path.abspath(__file__))


def synthetic(rng, rows, features, missing):
    """Features with a planted relevance signal; a share `missing` of the cells set to NaN."""
    x = rng.normal(size=(rows, features)).astype(np.float32)
    x[:, 0] = rng.exponential(size=rows)  # a skewed "popularity" feature
    signal = 1.2 * x[:, 0] - 0.8 * x[:, 1] + 0.5 * x[:, 2] * x[:, 3] + 0.3 * np.sin(3 * x[:, 4 % features])
    signal += 0.3 * rng.normal(size=rows)
    if missing > 0:
        holes = rng.random(size=x.shape) < missing
        x[holes] = np.nan
    return x, signal


def graded(signal):
    """Relevance grades 0..3 by quantile of the signal."""
    return np.digitize(signal, np.quantile(signal, [0.5, 0.75, 0.9])).astype(np.float32)


def cell(v):
    return "" if np.isnan(v) else "%.9g" % v


def write_tsv(path, header, rows):
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write("\t".join(header) + "\n")
        for r in rows:
            f.write("\t".join(cell(v) for v in r) + "\n")


def fixture(name, params, rounds, rows=600, features=8, missing=0.15, groups=None, label="graded", seed=0, eval_rows=200):
    rng = np.random.default_rng(seed)
    names = ["f%d" % i for i in range(features)]
    x, signal = synthetic(rng, rows, features, missing)
    if label == "graded":
        y = graded(signal)
    elif label == "binary":
        y = (signal > np.quantile(signal, 0.7)).astype(np.float32)
    else:
        y = signal.astype(np.float32)
    train = xgb.DMatrix(x, label=y, missing=np.nan, feature_names=names)
    if groups:
        train.set_group([groups] * (rows // groups))
    params = dict(params, seed=seed, nthread=1)
    booster = xgb.train(params, train, num_boost_round=rounds)
    booster.save_model(os.path.join(OUT, name + ".json"))

    # score rows the model has not seen, with the same share of missing cells, plus a few edge rows
    ex, _ = synthetic(np.random.default_rng(seed + 1000), eval_rows, features, missing)
    ex[0, :] = np.nan                       # every feature missing: the default branch everywhere
    ex[1, :] = 0.0                          # all zeros: present, not missing
    with open(os.path.join(OUT, name + ".json"), encoding="utf-8") as f:
        root = json.load(f)["learner"]["gradient_booster"]["model"]["trees"][0]
    if root["left_children"][0] != -1:      # a value exactly on the root's threshold goes right (x < t is false)
        ex[2, root["split_indices"][0]] = np.float32(root["split_conditions"][0])
    test = xgb.DMatrix(ex, missing=np.nan, feature_names=names)
    margins = booster.predict(test, output_margin=True)
    contribs = booster.predict(test, pred_contribs=True)
    write_tsv(os.path.join(OUT, name + ".features.tsv"), names, ex)
    write_tsv(os.path.join(OUT, name + ".margins.tsv"), ["margin"], margins.reshape(-1, 1))
    write_tsv(os.path.join(OUT, name + ".contribs.tsv"), names + ["bias"], contribs)
    size = os.path.getsize(os.path.join(OUT, name + ".json"))
    print("%-16s %-18s %4d trees  %8d bytes" % (name, params["objective"], rounds, size))


def main():
    # rank:ndcg with query groups and missing values
    fixture("ndcg_missing", {"objective": "rank:ndcg", "max_depth": 4, "eta": 0.2}, rounds=40, groups=20, seed=11)
    # deep trees (depth 10) with pairwise ranking, more missing values
    fixture("pairwise_deep", {"objective": "rank:pairwise", "max_depth": 10, "eta": 0.3, "min_child_weight": 0.01},
            rounds=12, rows=1500, groups=30, missing=0.3, seed=12)
    # hundreds of trees of depth 6 (about 33 nodes each; min_child_weight keeps the file under 1 MB)
    fixture("many_trees", {"objective": "rank:ndcg", "max_depth": 6, "eta": 0.05, "min_child_weight": 0.1, "lambda": 2.0},
            rounds=300, rows=800, groups=20, seed=13)
    # regression with a base score that is not the default
    fixture("regression", {"objective": "reg:squarederror", "max_depth": 5, "eta": 0.3, "base_score": 1.5},
            rounds=25, label="real", seed=14)
    # binary:logistic: base_score 0.3 is a probability, so the margin starts at logit(0.3)
    fixture("binary", {"objective": "binary:logistic", "max_depth": 3, "eta": 0.3, "base_score": 0.3},
            rounds=20, label="binary", seed=15)


if __name__ == "__main__":
    main()
