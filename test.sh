#!/usr/bin/env bash
# Restores, builds the whole solution (warnings are errors, see Directory.Build.props) and runs
# every test project. Exits non-zero on any build error or failed test.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$root"

command -v dotnet >/dev/null || { echo "test.sh: the .NET SDK (dotnet) is not on PATH" >&2; exit 1; }

# The browser tests (tests/LuceneReco.Web.Tests) drive Debian's chromium: install it when missing, quietly. Where that
# cannot be done they skip, saying why (LUCENERECO_CHROMIUM_MISSING); they never skip where chromium is installed.
if [[ ! -x /usr/bin/chromium ]]; then
  echo "== install chromium for the browser tests (apt-get)"
  apt_log="$(mktemp)"
  reason=""
  if [[ "$(id -u)" -ne 0 ]]; then reason="not root, so apt-get cannot install it"
  elif ! command -v apt-get >/dev/null; then reason="there is no apt-get here"
  elif ! { timeout 900 apt-get update -qq && DEBIAN_FRONTEND=noninteractive timeout 900 apt-get install -y -qq chromium; } >"$apt_log" 2>&1; then
    reason="apt-get install chromium failed: $(tail -n 1 "$apt_log")"
  fi
  rm -f "$apt_log"
  if [[ -n "$reason" ]]; then
    echo "test.sh: $reason; the browser tests will be skipped" >&2
    export LUCENERECO_CHROMIUM_MISSING="$reason"
  fi
fi

echo "== restore"
dotnet restore LuceneReco.sln --nologo -v quiet

echo "== build (Release, warnings are errors)"
dotnet build LuceneReco.sln -c Release --no-restore --nologo -v quiet -clp:ErrorsOnly -warnaserror

echo "== test"
# A test that hangs fails the run after 10 minutes, naming itself, instead of holding CI to its limit.
dotnet test LuceneReco.sln -c Release --no-build --nologo -v quiet --blame-hang-timeout 10m --blame-hang-dump-type none --logger "console;verbosity=minimal"
