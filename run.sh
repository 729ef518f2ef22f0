#!/usr/bin/env bash
# Entry points for people trying the project. `./run.sh demo` indexes the bundled sample catalogue
# and shows what the CLI can do with it.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$root"

usage() {
  echo "usage: ./run.sh demo    index samples/catalogue.tsv into .demo/ and show stats, an upsert and a check" >&2
  exit 2
}

step() { printf '\n== %s\n$ ./lucenereco %s\n' "$1" "${*:2}"; ./lucenereco "${@:2}"; }

demo() {
  local index=.demo/index
  rm -rf .demo
  mkdir -p .demo

  step "Build an index from the sample catalogue" index build --index "$index" --items samples/catalogue.tsv
  step "Stats" index stats --index "$index"
  step "Upsert items from JSON Lines (3 new, 1 replaced)" index add --index "$index" --items samples/catalogue.jsonl
  step "Delete by keyword value" index delete --index "$index" --keyword provider=Meili
  step "Verify every file of the commit" index check --index "$index"
  # Keyword search and "more like this" arrive with the query engine; their demo steps go here.
  printf '\nThe index is in %s/%s\n' "$root" "$index"
}

case "${1:-}" in
  demo) demo ;;
  *) usage ;;
esac
