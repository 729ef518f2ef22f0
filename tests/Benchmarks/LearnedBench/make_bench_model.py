#!/usr/bin/python3
"""The learned-ranker benchmark's model and rows, and XGBoost's own predict timings on them.

    /usr/bin/python3 tests/Benchmarks/LearnedBench/make_bench_model.py OUT_DIR

Trains reg:squarederror, 500 trees of depth 6 (20,000 seeded rows, 20 features, 10% missing), so the trees are close to full
(up to 127 nodes), and writes into OUT_DIR:

    model.json     Booster.save_model
    rows.tsv       1,000 fresh rows (header f0..f19, empty cell = missing): the candidates scored
    margins.tsv    predict(output_margin=True) on them, which the C# bench checks before timing
    xgboost.txt    XGBoost's predict timings on the same 1,000 rows (nthread=1 and nthread=2) and pred_contribs on 10 rows

A model.json already in OUT_DIR is reused (training takes minutes on a loaded machine); delete it to retrain.

Needs Debian's python3-xgboost (apt-get install -y python3-xgboost python3-numpy).
"""
import os
import sys
import time
import numpy as np
import xgboost as xgb

FEATURES, TRAIN_ROWS, ROWS, TREES, DEPTH = 20, 20_000, 1_000, 500, 6


def rows(rng, n):
    x = rng.normal(size=(n, FEATURES)).astype(np.float32)
    y = (x[:, 0] * x[:, 1] + np.sin(2 * x[:, 2]) + 0.5 * x[:, 3] ** 2 - x[:, 4] + 0.3 * x[:, 5:].sum(axis=1)
         + 0.2 * rng.normal(size=n))
    x[rng.random(size=x.shape) < 0.1] = np.nan
    return x, y.astype(np.float32)


def percentiles(times):
    t = np.sort(np.array(times)) * 1000
    return np.percentile(t, 50), np.percentile(t, 99)


def timed(f, runs, setup=lambda: None):
    """Percentiles of f(setup()) over runs, after 10 warm-up calls; setup is not timed."""
    for _ in range(10):
        f(setup())
    out = []
    for _ in range(runs):
        arg = setup()
        start = time.perf_counter()
        f(arg)
        out.append(time.perf_counter() - start)
    return percentiles(out)


def main():
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    rng = np.random.default_rng(2026)
    names = ["f%d" % i for i in range(FEATURES)]
    path = os.path.join(out, "model.json")
    if os.path.exists(path):
        booster = xgb.Booster(model_file=path)
    else:
        x, y = rows(rng, TRAIN_ROWS)
        train = xgb.DMatrix(x, label=y, missing=np.nan, feature_names=names)
        booster = xgb.train({"objective": "reg:squarederror", "max_depth": DEPTH, "eta": 0.05, "min_child_weight": 1,
                             "nthread": 2, "seed": 1}, train, num_boost_round=TREES)
        booster.save_model(path)

    ex, _ = rows(np.random.default_rng(7), ROWS)
    test = xgb.DMatrix(ex, missing=np.nan, feature_names=names)
    margins = booster.predict(test, output_margin=True)
    with open(os.path.join(out, "rows.tsv"), "w", encoding="utf-8") as f:
        f.write("\t".join(names) + "\n")
        for r in ex:
            f.write("\t".join("" if np.isnan(v) else "%.9g" % v for v in r) + "\n")
    with open(os.path.join(out, "margins.tsv"), "w", encoding="utf-8") as f:
        f.write("margin\n")
        f.write("".join("%.9g\n" % m for m in margins))

    lines = ["xgboost %s, %d trees depth %d, %d rows x %d features" % (xgb.__version__, TREES, DEPTH, ROWS, FEATURES)]
    fresh = lambda: xgb.DMatrix(ex, missing=np.nan, feature_names=names)  # a new DMatrix each run: no prediction cache
    for threads in (1, 2):
        booster.set_param({"nthread": threads})
        p50, p99 = timed(lambda d: booster.predict(d, output_margin=True), 200, setup=fresh)
        lines.append("predict(output_margin=True) on a fresh DMatrix, nthread=%d: p50 %.2f ms, p99 %.2f ms" % (threads, p50, p99))
        p50, p99 = timed(lambda a: booster.inplace_predict(a, predict_type="margin", missing=np.nan), 200, setup=lambda: ex)
        lines.append("inplace_predict(numpy, margin), nthread=%d: p50 %.2f ms, p99 %.2f ms" % (threads, p50, p99))
    booster.set_param({"nthread": 1})
    p50, p99 = timed(lambda d: booster.predict(d, pred_contribs=True), 50,
                     setup=lambda: xgb.DMatrix(ex[:10], missing=np.nan, feature_names=names))
    lines.append("predict(pred_contribs=True) 10 rows, nthread=1: p50 %.2f ms, p99 %.2f ms" % (p50, p99))
    with open(os.path.join(out, "xgboost.txt"), "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
