#!/usr/bin/env bash
# Restores, builds the whole solution (warnings are errors, see Directory.Build.props) and runs
# every test project. Exits non-zero on any build error or failed test.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$root"

command -v dotnet >/dev/null || { echo "test.sh: the .NET SDK (dotnet) is not on PATH" >&2; exit 1; }

echo "== restore"
dotnet restore LuceneReco.sln --nologo -v quiet

echo "== build (Release, warnings are errors)"
dotnet build LuceneReco.sln -c Release --no-restore --nologo -v quiet -clp:ErrorsOnly -warnaserror

echo "== test"
# A test that hangs fails the run after 10 minutes, naming itself, instead of holding CI to its limit.
dotnet test LuceneReco.sln -c Release --no-build --nologo -v quiet --blame-hang-timeout 10m --blame-hang-dump-type none --logger "console;verbosity=minimal"
