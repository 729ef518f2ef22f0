#!/usr/bin/env bash
# Entry points for people trying the project. `./run.sh demo` indexes the bundled sample catalogue
# and shows what the CLI can do with it.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$root"

usage() {
  echo "usage: ./run.sh demo [--no-serve]" >&2
  echo "         index samples/catalogue.tsv into .demo/ and show stats, updates, a check, search, more-like-this," >&2
  echo "         recommendations, interaction import, training from the store and erasing a user; then serve the" >&2
  echo "         demo page on http://127.0.0.1:5080/ until Ctrl-C (--no-serve stops after the walkthrough)" >&2
  exit 2
}

# Prints an argument as a shell word a reader can paste: bare when safe, else in single quotes.
quote() { if [[ "$1" =~ ^[A-Za-z0-9_./:=,@%+-]+$ ]]; then printf '%s' "$1"; else printf "'%s'" "${1//\'/\'\\\'\'}"; fi; }
step() {
  printf '\n== %s\n$ ./lucenereco' "$1"
  for arg in "${@:2}"; do printf ' '; quote "$arg"; done
  printf '\n'
  ./lucenereco "${@:2}"
}

demo() {
  local index=.demo/index
  rm -rf .demo
  mkdir -p .demo

  step "Build an index from the sample catalogue" index build --index "$index" --items samples/catalogue.tsv
  step "Stats" index stats --index "$index"
  step "Upsert items from JSON Lines (3 new, 1 replaced)" index add --index "$index" --items samples/catalogue.jsonl
  step "Delete by keyword value" index delete --index "$index" --keyword provider=Meili
  step "Verify every file of the commit" index check --index "$index"
  step "Keyword search (BM25)" search --index "$index" --query "space station mystery" --k 5
  step "Keyword search with a filter and a phrase" search --index "$index" --query '"command line"' --filter category=books --k 3
  step "Why the best hit scores what it does" search --index "$index" --query "orbit" --k 1 --explain
  step "More like this item (b001)" mlt --index "$index" --id b001 --k 5 --min-term-freq 1 --min-doc-freq 2
  step "More like this text" mlt --index "$index" --text "a detective story set on a space station" --k 5 --min-term-freq 1 --min-doc-freq 2
  step "More like a user's items (a profile)" mlt --index "$index" --ids b001,f059:2 --k 5 --min-term-freq 1 --min-doc-freq 2
  step "Recommendations before any training: the recommend pipeline serves the content profile alone, with explanations" recommend --index "$index" --user ann --recent b001,f059 --k 3 --explain
  step "Import interaction events into a SQLite store" interactions import --store .demo/events.db --file samples/interactions.tsv --kind rating
  step "Train the built-in models (popular, ALS, EASE, item-kNN, user-kNN, ...) from the store" train --store .demo/events.db --index "$index"
  step "A user's recommendations from their stored history (collaborative + content; one place in 3 for new items)" \
    recommend --index "$index" --store .demo/events.db --config samples/recommend.json --user u07 --k 6 --explain
  step "Erase a user on request" users erase --store .demo/events.db --user u07
  step "Train again: the erased user is in no model" train --store .demo/events.db --index "$index"
  step "What shapes a user's recommendations: the words, categories and items of their profile" \
    users profile --index "$index" --store .demo/events.db --user u05 --max 5
  printf '\nThe index is in %s/%s\n' "$root" "$index"
  [[ "${1:-}" == "--no-serve" ]] && return 0

  local url=http://127.0.0.1:5080
  printf '\n== Serve the demo (Ctrl-C stops it), with the pipelines of samples/demo-pipelines.json (diversity and fairness stages)\n'
  printf '\n   Open the demo page: %s/\n' "$url"
  printf '\n   Or, from another terminal, try:\n'
  printf "  curl -s '%s/search?q=space+station&k=3'\n" "$url"
  printf "  curl -s -X POST %s/recommend -H 'Content-Type: application/json' -d '{\"userId\":\"u05\",\"k\":5,\"explain\":true}'\n" "$url"
  printf "  curl -s -X POST %s/recommend -H 'Content-Type: application/json' -d '{\"userId\":\"someone-new\",\"k\":5}'\n" "$url"
  printf "  curl -s '%s/items/b001/similar?k=3'\n" "$url"
  printf "  curl -s %s/users/u05/profile\n" "$url"
  printf "  curl -s %s/plugins\n\n" "$url"
  exec ./lucenereco serve --index "$index" --store .demo/events.db --config samples/demo-pipelines.json --urls "$url"
}

case "${1:-}" in
  demo)
    case "${2:-}" in
      "" | --no-serve) demo "${2:-}" ;;
      *) usage ;;
    esac ;;
  *) usage ;;
esac
