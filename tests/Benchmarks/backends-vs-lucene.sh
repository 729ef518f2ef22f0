#!/usr/bin/env bash
# Both recall-index backends beside Apache Lucene 8.7 and Lucene.Net 4.8 used directly, one after the other on
# this machine, on the same corpus, MoreLikeThis ids and keyword queries (the Java anchor picks them):
#   lucene/      shared/bench/lucene-anchor (Apache Lucene 8.7)
#   lucenenet/   shared/bench/lucenenet-anchor (plain Lucene.Net 4.8.0-beta00017)
#   native/      tests/Benchmarks/BackendBench native     (our index through IRecallIndex)
#   ours-lnet/   tests/Benchmarks/BackendBench lucenenet  (our Lucene.Net backend through IRecallIndex)
# then prints one table and the overlap@10 of each backend's MoreLikeThis lists with its anchor's.
# usage: tests/Benchmarks/backends-vs-lucene.sh CORPUS.tsv[.gz] OUT_DIR [N_QUERIES]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
shared="${SHARED:-$root/../shared}"
corpus="$1"; out="$2"; n="${3:-2000}"
mkdir -p "$out"
plain="$corpus"
if [[ "$corpus" == *.gz ]]; then plain="$out/corpus.tsv"; zcat "$corpus" > "$plain"; fi
dotnet build -c Release "$here/BackendBench/BackendBench.csproj" > "$out/build.log"
bench="dotnet $here/BackendBench/bin/Release/net10.0/BackendBench.dll"

echo "== Apache Lucene 8.7" >&2
bash "$shared/bench/lucene-anchor/run.sh" "$plain" "$out/lucene" "$n" > "$out/lucene.log"
echo "== Lucene.Net 4.8 directly" >&2
bash "$shared/bench/lucenenet-anchor/run.sh" "$plain" "$out/lucene/mlt_ids.txt" "$out/lucene/keywords.txt" "$out/lucenenet" > "$out/lucenenet.log"
echo "== native backend" >&2
$bench native "$plain" "$out/lucene/mlt_ids.txt" "$out/lucene/keywords.txt" "$out/native" > "$out/native.log"
echo "== Lucene.Net backend" >&2
$bench lucenenet "$plain" "$out/lucene/mlt_ids.txt" "$out/lucene/keywords.txt" "$out/ours-lnet" > "$out/ours-lnet.log"

python3 - "$out" <<'PY' | tee "$out/compare.txt"
import json, sys
out = sys.argv[1]
runs = [("Apache Lucene 8.7", "lucene/lucene_summary.json"), ("Lucene.Net 4.8 directly", "lucenenet/lucenenet_summary.json"),
        ("native backend", "native/summary.json"), ("Lucene.Net backend", "ours-lnet/summary.json")]
s = [json.load(open(f"{out}/{p}")) for _, p in runs]
keys = ["docs", "docs_per_second", "index_bytes", "mlt_p50_ms", "mlt_p99_ms", "keyword_p50_ms", "keyword_p99_ms", "heap_bytes"]
print("| | " + " | ".join(n for n, _ in runs) + " |")
print("|---|" + "---:|" * len(runs))
for k in keys:
    print(f"| {k} | " + " | ".join(str(x.get(k, "-")) for x in s) + " |")
read = lambda p: {l.split("\t")[0]: l.rstrip("\n").split("\t")[1:] for l in open(p, encoding="utf-8")}
def overlap(a, b):
    ra, rb = read(f"{out}/{a}"), read(f"{out}/{b}")
    return sum(len(set(ra[q]) & set(rb.get(q, []))) / max(1, len(ra[q])) for q in ra) / len(ra)
print(f"overlap@10, native backend vs Apache Lucene 8.7:        {overlap('lucene/lucene_mlt_top10.tsv', 'native/mlt_top10.tsv'):.4f}")
print(f"overlap@10, Lucene.Net backend vs Lucene.Net directly:  {overlap('lucenenet/lucenenet_mlt_top10.tsv', 'ours-lnet/mlt_top10.tsv'):.4f}")
print(f"overlap@10, Lucene.Net directly vs Apache Lucene 8.7:   {overlap('lucene/lucene_mlt_top10.tsv', 'lucenenet/lucenenet_mlt_top10.tsv'):.4f}")
PY
[[ "$plain" == "$out/corpus.tsv" ]] && rm -f "$plain"
