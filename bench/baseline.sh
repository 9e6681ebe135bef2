#!/usr/bin/env bash
# Planning baseline benchmark (docs/benchmarks/analytics.md, "Planning baseline"): `oneplace scenario baseline`, the
# baseline activity, cost and population per locality × age band × sex × deprivation quintile × setting counted from an
# analytical store. Medians of the runs are reported, with peak memory and the load average at the start of each run.
# Usage: bench/baseline.sh [--runs N] [--store FILE]   (defaults: 3, and the 1,000,000-person store bench/framework.sh
# makes and caches in $ONEPLACE_BENCH_CACHE). The store is copied first: the cached file is never opened. Writes its
# section of docs/benchmarks/analytics.md.
set -euo pipefail
cd "$(dirname "$0")/.."
command="bench/baseline.sh${*:+ $*}"
runs=3; store=""
root="${ONEPLACE_BENCH_CACHE:-$HOME/.cache/oneplace-bench}"
while [ $# -gt 0 ]; do
  case "$1" in
    --runs) runs=$2 ;; --store) store=$2 ;;
    *) echo "Unknown option $1 (see the head of $0)"; exit 2 ;;
  esac
  shift 2
done
if [ -z "$store" ]; then
  store=$(ls -t "$root"/framework-walsall-1000000-*/analytics.duckdb 2>/dev/null | head -1 || true)
  [ -n "$store" ] || { echo "No cached 1,000,000-person store in $root: run bench/framework.sh first, or give --store FILE."; exit 2; }
fi
work=$(mktemp -d /tmp/oneplace-baseline.XXXXXX)
trap 'rm -rf "$work"' EXIT

echo "== Building (Release)"
dotnet build src/OnePlace.Cli -c Release -o "$work/cli" -nologo -v quiet >/dev/null
cli=(dotnet "$work/cli/oneplace.dll")
cp "$store" "$work/analytics.duckdb"

median() { sort -g | awk '{a[NR] = $1} END {print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2}'; }
for run in $(seq 1 "$runs"); do
  load=$(cut -d' ' -f1 /proc/loadavg)
  /usr/bin/time -f "%e %M" -o "$work/time" "${cli[@]}" scenario baseline --store "$work/analytics.duckdb" --out "$work/out" > "$work/output"
  said=$(tr -s ' \n' ' ' < "$work/output" | grep -oE 'Baseline year .* s\.')
  own=$(echo "$said" | sed -E 's/.* in ([0-9.]+) s\.$/\1/')
  read -r wall memory < "$work/time"
  echo "$own $wall $((memory / 1024)) $load" >> "$work/runs"
  echo "  run $run: $own s (command's own timing), $wall s wall, load $load"
done

column() { awk -v c="$1" '{print $c}' "$work/runs" | median; }
machine="$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'), $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo)"
loads=$(awk '{print $4}' "$work/runs" | paste -sd, | sed 's/,/, /g')
rows=$(($(wc -l < "$work/out/baseline.csv") - 1))
cells=$(($(wc -l < "$work/out/population.csv") - 1))
section=$(mktemp)
{
  echo "<!-- bench/baseline.sh -->"
  echo "## Planning baseline"
  echo
  echo "Command: \`$command\`"
  echo
  echo "Measured $(date -u '+%Y-%m-%d %H:%M') UTC on $machine, shared with other work (load average at the start of each run: $loads); .NET SDK $(dotnet --version); DuckDB.NET $(grep -oE 'DuckDB.NET.Data.Full" Version="[^"]+' Directory.Packages.props | grep -oE '[0-9.]+$')."
  echo "Store: a copy of $(basename "$(dirname "$store")")/analytics.duckdb (bench/framework.sh). Each run is the Release build of"
  echo "\`oneplace scenario baseline --store FILE --out DIR\` as its own process: the twelve whole months to the latest event counted by cell and"
  echo "setting in the store, the population on the mid-point, both files written. Medians of $runs runs."
  echo
  echo "| measure | median |"
  echo "|---|---:|"
  echo "| extraction (s, the command's own timing: both queries and reading their rows) | $(column 1) |"
  echo "| whole command (s, wall, from process start to exit) | $(column 2) |"
  echo "| peak memory (MB) | $(column 3) |"
  echo "| rows of baseline.csv (cell × setting) | $rows |"
  echo "| rows of population.csv (cells with people) | $cells |"
  echo
  echo "Last run said: $said"
  echo "<!-- /bench/baseline.sh -->"
} > "$section"

doc=docs/benchmarks/analytics.md
if grep -q "<!-- bench/baseline.sh -->" "$doc"; then
  awk -v f="$section" '/<!-- bench\/baseline.sh -->/ {while ((getline l < f) > 0) print l; skip=1; next} /<!-- \/bench\/baseline.sh -->/ {skip=0; next} !skip {print}' "$doc" > "$doc.new"
  mv "$doc.new" "$doc"
else
  { echo; cat "$section"; } >> "$doc"
fi
rm -f "$section"
sed -n '/<!-- bench\/baseline.sh -->/,/<!-- \/bench\/baseline.sh -->/p' "$doc"
