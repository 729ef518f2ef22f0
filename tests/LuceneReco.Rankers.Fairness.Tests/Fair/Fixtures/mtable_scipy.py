#!/usr/bin/env python3
"""Writes mtable_scipy.tsv: FA*IR minimum protected counts m(i) = scipy.stats.binom.ppf(alpha, i, p), i = 1..k.

The reference for tests/LuceneReco.Rankers.Fairness.Tests/Fair/MTableTests.cs. Seeded, so a rerun writes the same file.
Cases whose alpha lies within 1e-9 of a binomial CDF value are left out: there the answer depends on the last bit of
floating point, not on the convention. Needs Debian's python3-scipy (run with /usr/bin/python3).

    /usr/bin/python3 tests/LuceneReco.Rankers.Fairness.Tests/Fair/Fixtures/mtable_scipy.py > tests/LuceneReco.Rankers.Fairness.Tests/Fair/Fixtures/mtable_scipy.tsv
"""
import random
import sys

import scipy
from scipy.stats import binom


def near_tie(k, p, alpha):
    for i in range(1, k + 1):
        cdf = binom.cdf(range(i + 1), i, p)
        if min(abs(c - alpha) for c in cdf) < 1e-9:
            return True
    return False


def main():
    rng = random.Random(20171106)  # CIKM 2017
    cases = [(20, 0.25, 0.1)]
    while len(cases) < 120:
        k = rng.choice([rng.randint(1, 30), rng.randint(31, 200), rng.randint(201, 600)])
        p = round(rng.uniform(0.02, 0.98), 2)
        alpha = round(rng.uniform(0.005, 0.5), 3)
        if not near_tie(k, p, alpha):
            cases.append((k, p, alpha))
    out = sys.stdout
    out.write(f"# scipy {scipy.__version__}: m(i) = binom.ppf(alpha, i, p) for i = 1..k\n")
    out.write("k\tp\talpha\tmtable\n")
    for k, p, alpha in cases:
        m = binom.ppf(alpha, range(1, k + 1), p).astype(int)
        out.write(f"{k}\t{p!r}\t{alpha!r}\t{','.join(str(v) for v in m)}\n")


if __name__ == "__main__":
    main()
