#!/usr/bin/env bash
# Analytics benchmark (docs/benchmarks/analytics.md): the analytical store's refresh from the operational store, a
# first copy and one with nothing new (each followed by the person measures), and the admission risk model, on a
# synthetic borough in SQLite. Medians of the runs are reported, with peak memory.
# Usage: bench/analytics.sh [--runs N] [--people N]   (defaults 3 and 50000). Writes docs/benchmarks/analytics.md, keeping
# everything from the outcomes framework's section (bench/framework.sh) on.
# The borough is generated and imported once per version of the generator and the importer (bench/borough.sh),
# shared with bench/spa.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
command="bench/analytics.sh${*:+ $*}"
runs=3; people=50000
while [ $# -gt 0 ]; do
  case "$1" in
    --runs) runs=$2 ;; --people) people=$2 ;;
    *) echo "Unknown option $1 (see the head of $0)"; exit 2 ;;
  esac
  shift 2
done
work=$(mktemp -d /tmp/oneplace-analytics.XXXXXX)
trap 'rm -rf "$work"' EXIT

echo "== Building (Release)"
dotnet build src/OnePlace.Cli -c Release -o "$work/cli" -nologo -v quiet >/dev/null
cli=(dotnet "$work/cli/oneplace.dll")

source bench/borough.sh
borough_extract "$people"
borough_sqlite

median() { sort -n | awk '{a[NR]=$1} END {m=(NR%2)?a[(NR+1)/2]:(a[NR/2]+a[NR/2+1])/2; printf "%.2f", m}'; }
# Runs one command, appending "<refresh seconds> <wall seconds> <peak MB>" to the named file; refresh seconds are the
# command's own timing of the copy (blank for the risk model).
measure() {
  local into=$1; shift
  local out; out=$(env ConnectionStrings__Sqlite="Data Source=$work/run.db" /usr/bin/time -f "TIME %e %M" "${cli[@]}" "$@" 2>&1)
  local copy; copy=$(echo "$out" | tr '\n' ' ' | grep -oE "in [0-9.]+ s:" | head -n 1 | grep -oE "[0-9.]+" || true)
  local wall peak; read -r wall peak < <(echo "$out" | grep -E "^TIME" | awk '{print $2, $3}')
  echo "${copy:--} $wall $(awk -v k="$peak" 'BEGIN {printf "%.0f", k/1024}')" >> "$work/$into"
  echo "$out" | grep -vE "^TIME" > "$work/$into.last"
}

for run in $(seq 1 "$runs"); do
  echo "== Run $run of $runs"
  cp "$cache/sqlite/oneplace.db" "$work/run.db"; rm -f "$work/analytics.duckdb"
  measure first analytics refresh --store "$work/analytics.duckdb"
  measure again analytics refresh --store "$work/analytics.duckdb"
  measure risk analytics risk --store "$work/analytics.duckdb"
  rm -f "$work/run.db"*
done

column() { awk -v c="$2" '{print $c}' "$work/$1" | median; }
megabytes() { awk -v c=3 '{print $c}' "$work/$1" | median | awk '{printf "%.0f", $1}'; }
# The console wraps at 80 columns when not a terminal: join the lines back into sentences.
summary=$(tr '\n' ' ' < "$work/first.last" | sed 's/  */ /g; s/ *$//')
risk=$(tr '\n' ' ' < "$work/risk.last" | grep -oE "Emergency admission .* test AUC [0-9.]+[0-9]" | sed 's/  */ /g')
machine="$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'), $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo)"
framework=$(sed -n '/<!-- bench\/framework.sh -->/,$p' docs/benchmarks/analytics.md 2>/dev/null || true)
{
  echo "# Analytics benchmark"
  echo
  echo "Command: \`$command\`"
  echo
  echo "Measured $(date -u '+%Y-%m-%d %H:%M') UTC on $machine; .NET SDK $(dotnet --version); DuckDB.NET $(grep -oE 'DuckDB.NET.Data.Full" Version="[^"]+' Directory.Packages.props | grep -oE '[0-9.]+$')."
  echo "Borough: profile walsall, $people people generated with seed 1 and imported into SQLite with \`oneplace import\` (cached)."
  echo "Each run copies the imported store, then runs the Release build of \`oneplace\` three times as its own process:"
  echo "\`analytics refresh\` into an empty analytical store, \`analytics refresh\` again with nothing new, and \`analytics risk\`."
  echo "Both refreshes then compute the person measures; the risk model fits, tests and scores. Medians of $runs runs."
  echo
  echo "| step | copy (s, the command's own timing) | whole command (s, wall) | peak memory (MB) |"
  echo "|---|---:|---:|---:|"
  echo "| first refresh + person measures | $(column first 1) | $(column first 2) | $(megabytes first) |"
  echo "| refresh with nothing new + person measures | $(column again 1) | $(column again 2) | $(megabytes again) |"
  echo "| admission risk model (fit, test, score) | – | $(column risk 2) | $(megabytes risk) |"
  echo
  echo "Last run's first refresh said: $summary"
  echo
  echo "Last run's risk model said: $risk"
  echo
  echo "The issue's target for the framework refresh (1,000,000 people, about 30 million events, under 10 s) is measured in"
  echo "the next section (bench/framework.sh); its target for dashboards (any page under 100 ms at p95) is not measured yet."
  if [ -n "$framework" ]; then echo; echo "$framework"; fi
} > docs/benchmarks/analytics.md
cat docs/benchmarks/analytics.md
