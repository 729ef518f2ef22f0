#!/usr/bin/env bash
# Runs Apache Lucene 8.7 (shared/bench/lucene-anchor) and `lucenereco bench recall` on the same corpus,
# one after the other on this machine, with the same MoreLikeThis ids and keyword queries, then compares
# them with shared/bench/compare_recall.py (agreement with Lucene's top-10 lists and speed ratios).
#
# usage: tests/Benchmarks/recall-vs-lucene.sh CORPUS.tsv[.gz] OUT_DIR [N_QUERIES] [ORACLE_DIR]
#   CORPUS      e.g. ../shared/bench/corpus/debian.tsv.gz, or a grown corpus from scale_corpus.py
#   OUT_DIR     gets lucene/ (Lucene's run) and ours/ (our run) and compare.txt
#   N_QUERIES   MoreLikeThis and keyword queries (default 2000)
#   ORACLE_DIR  top-10 lists to measure agreement against (default: Lucene's run in OUT_DIR/lucene)
# Needs Debian's liblucene8-java (installed by the anchor's run.sh) and a JDK (javac).
# ANALYZER=cjk switches both engines to CJK analysis (ours: cjk-lucene, which is Lucene's CJKAnalyzer).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
shared="${SHARED:-$root/../shared}"
corpus="$1"; out="$2"; n="${3:-2000}"; oracle="${4:-$out/lucene}"
mkdir -p "$out"
plain="$corpus"
if [[ "$corpus" == *.gz ]]; then plain="$out/corpus.tsv"; zcat "$corpus" > "$plain"; fi

echo "== Apache Lucene 8.7 anchor" >&2
bash "$shared/bench/lucene-anchor/run.sh" "$plain" "$out/lucene" "$n" > "$out/lucene.log"
tail -1 "$out/lucene.log" >&2

echo "== lucenereco bench recall" >&2
analyzer=english
[[ "${ANALYZER:-}" == cjk ]] && analyzer=cjk-lucene
"$root/lucenereco" bench recall --items "$plain" --mlt-ids "$out/lucene/mlt_ids.txt" --keywords "$out/lucene/keywords.txt" \
  --out "$out/ours" --analyzer "$analyzer" > "$out/ours.log"
tail -1 "$out/ours.log" >&2

python3 "$shared/bench/compare_recall.py" "$out/ours" "$oracle" "$out/lucene" | tee "$out/compare.txt"
[[ "$plain" == "$out/corpus.tsv" ]] && rm -f "$plain"
