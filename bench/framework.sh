#!/usr/bin/env bash
# Outcomes framework benchmark (docs/benchmarks/analytics.md, "Outcomes framework"): `oneplace indicators`, the whole
# framework refresh (every indicator over 24 months and the reporting year, then the results saved in the analytical
# store), on a synthetic analytical store of N people. Medians of the runs are reported, with CPU time, peak memory,
# the load average at the start of each run and each stage's time.
# Usage: bench/framework.sh [--runs N] [--people N]   (defaults 3 and 1000000). Writes its section of
# docs/benchmarks/analytics.md.
#
# The store is made by the route a partnership's data takes: boroughs generated (`oneplace generate`), imported into
# SQLite (`oneplace import`, with linkage) and copied into DuckDB (`oneplace analytics refresh`). The generator draws
# NHS numbers from the test range, which bounds one borough to 900,000 people, so above 500,000 people the store
# combines boroughs of 500,000 or fewer (seeds 1, 2, …) with bench/OnePlace.Analytics.Bench (`merge`: ids renumbered,
# each borough's small areas kept apart), after checking on two boroughs of 10,000 that the framework counts on a
# combined store exactly what it counts on its parts (`check`). Boroughs and stores are cached in $ONEPLACE_BENCH_CACHE
# (bench/borough.sh) per version of the generator, the importer and the analytical store, with how long each step took.
set -euo pipefail
cd "$(dirname "$0")/.."
command="bench/framework.sh${*:+ $*}"
runs=3; people=1000000
while [ $# -gt 0 ]; do
  case "$1" in
    --runs) runs=$2 ;; --people) people=$2 ;;
    *) echo "Unknown option $1 (see the head of $0)"; exit 2 ;;
  esac
  shift 2
done
work=$(mktemp -d /tmp/oneplace-framework.XXXXXX)
trap 'rm -rf "$work"' EXIT

echo "== Building (Release)"
dotnet build src/OnePlace.Cli -c Release -o "$work/cli" -nologo -v quiet >/dev/null
dotnet build bench/OnePlace.Analytics.Bench -c Release -o "$work/bench" -nologo -v quiet >/dev/null
cli=(dotnet "$work/cli/oneplace.dll")
helper=(dotnet "$work/bench/OnePlace.Analytics.Bench.dll")
source bench/borough.sh
root="${ONEPLACE_BENCH_CACHE:-$HOME/.cache/oneplace-bench}"
key=$( (git rev-parse HEAD:src/OnePlace.Synthetic HEAD:src/OnePlace.Core/Import HEAD:src/OnePlace.Analytics/Store HEAD:bench/OnePlace.Analytics.Bench 2>/dev/null || echo unversioned) | sha1sum | cut -c1-12)

# borough_store PEOPLE SEED: one borough generated, imported and refreshed into DuckDB if not cached; sets $store and
# appends the borough's build notes to $notes.
borough_store() {
  borough_extract "$1" "$2"
  borough_sqlite
  store="$cache/analytics-$key/analytics.duckdb"
  if [ ! -f "$store" ]; then
    echo "== Refreshing an analytical store from it"
    rm -rf "$cache/analytics-$key.partial"; mkdir -p "$cache/analytics-$key.partial"
    cp "$cache/sqlite/oneplace.db" "$work/refresh.db"
    local start; start=$(date +%s.%N)
    ConnectionStrings__Sqlite="Data Source=$work/refresh.db" "${cli[@]}" analytics refresh --store "$cache/analytics-$key.partial/analytics.duckdb" >/dev/null
    echo "oneplace analytics refresh (with person measures): $(borough_seconds "$start") s (load $(cut -d' ' -f1 /proc/loadavg))" > "$cache/analytics-$key.partial/build.txt"
    rm -f "$work/refresh.db"*
    mv "$cache/analytics-$key.partial" "$cache/analytics-$key"
  fi
  notes+="borough of $1 people, seed $2:"$'\n'"$(cat "$cache/build.txt" "$cache/analytics-$key/build.txt" 2>/dev/null | sed 's/^/  /')"$'\n'
}

# analytical_store PEOPLE [PARTS]: the store of PEOPLE people, one borough or PARTS boroughs combined (by default as
# many as keep each to 500,000 people); sets $store and $notes (how each step went when it was made).
analytical_store() {
  local total=$1 parts=${2:-$(( ($1 + 499999) / 500000 ))} seed stores=()
  notes=""
  if [ "$parts" -eq 1 ]; then borough_store "$total" 1; return; fi
  if [ $(( total % parts )) -ne 0 ]; then echo "--people $total does not divide into $parts equal boroughs"; exit 2; fi
  for seed in $(seq 1 "$parts"); do borough_store $(( total / parts )) "$seed"; stores+=("$store"); done
  local combined="$root/framework-walsall-$total-in-$parts-$key"
  if [ ! -f "$combined/analytics.duckdb" ]; then
    echo "== Combining $parts boroughs of $(( total / parts )) people"
    rm -rf "$combined.partial"; mkdir -p "$combined.partial"
    local start; start=$(date +%s.%N)
    "${helper[@]}" merge --into "$combined.partial/analytics.duckdb" "${stores[@]}" > "$combined.partial/build.txt"
    echo "merge: $(borough_seconds "$start") s" >> "$combined.partial/build.txt"
    mv "$combined.partial" "$combined"
  fi
  store="$combined/analytics.duckdb"
  notes+="$(cat "$combined/build.txt")"$'\n'
}

check=""
if [ "$people" -gt 500000 ]; then
  echo "== Checking the combined route on two boroughs of 10,000"
  analytical_store 20000 2
  cp "$store" "$work/check.duckdb"
  small=()
  for seed in 1 2; do borough_store 10000 "$seed"; cp "$store" "$work/part$seed.duckdb"; small+=("$work/part$seed.duckdb"); done
  check=$("${helper[@]}" check --indicators indicators "$work/check.duckdb" "${small[@]}")
  echo "$check"
  rm -f "$work"/check.duckdb* "$work"/part*.duckdb*
fi

analytical_store "$people"
described=$(cp "$store" "$work/describe.duckdb" && "${helper[@]}" describe "$work/describe.duckdb"); rm -f "$work"/describe.duckdb*

median() { sort -n | awk '{a[NR]=$1} END {m=(NR%2)?a[(NR+1)/2]:(a[NR/2]+a[NR/2+1])/2; printf "%.2f", m}'; }
: > "$work/runs"; : > "$work/stages"
for run in $(seq 1 "$runs"); do
  echo "== Run $run of $runs"
  cp "$store" "$work/run.duckdb"
  load=$(cut -d' ' -f1 /proc/loadavg)
  out=$(/usr/bin/time -f "TIME %e %U %S %M" "${cli[@]}" indicators --store "$work/run.duckdb" --timings 2>&1)
  rm -f "$work"/run.duckdb*
  # The console wraps at 80 columns when not a terminal: join the lines back into sentences.
  ran=$(echo "$out" | tr '\n' ' ' | sed 's/  */ /g' | grep -oE "Ran [0-9]+ indicators over [0-9]+ periods to [0-9-]+ in [0-9.]+ s and saved the results in [0-9.]+ s")
  read -r wall user sys peak < <(echo "$out" | grep -E "^TIME" | awk '{print $2, $3, $4, $5}')
  seconds=$(echo "$ran" | grep -oE "in [0-9.]+ s and" | grep -oE "[0-9.]+")
  saved=$(echo "$ran" | grep -oE "[0-9.]+ s$" | grep -oE "[0-9.]+")
  echo "$seconds $saved $wall $(awk -v u="$user" -v s="$sys" 'BEGIN {printf "%.2f", u + s}') $(awk -v k="$peak" 'BEGIN {printf "%.0f", k/1024}') $load" >> "$work/runs"
  # The stages table: from its header to its bottom edge; statistics of all indicators summed per run.
  echo "$out" | awk -F'│' '/│ stage / {on=1; next} on && /└/ {on=0} on && NF > 2 {gsub(/^ +| +$/, "", $2); gsub(/ /, "", $3); print $2 "\t" $3}' \
    | awk -F'\t' -v r="$run" '$1 ~ /: statistics$/ {s += $2; next} {print r "\t" $0} END {printf "%s\tstatistics of every indicator\t%.3f\n", r, s}' >> "$work/stages"
  echo "  $ran; $wall s wall, load $load"
done

column() { awk -v c="$1" '{print $c}' "$work/runs" | median; }
stage() { awk -F'\t' -v s="$1" '$2 == s {print $3}' "$work/stages" | median; }
machine="$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'), $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo)"
loads=$(awk '{print $6}' "$work/runs" | paste -sd, | sed 's/,/, /g')
wall=$(column 3)
verdict=$(awk -v w="$wall" -v p="$people" 'BEGIN {print (w < 10 && p >= 1000000) ? "met" : (w < 10 ? "met at this size, which is below 1,000,000 people" : "not met")}')
section=$(mktemp)
{
  echo "<!-- bench/framework.sh -->"
  echo "## Outcomes framework"
  echo
  echo "Command: \`$command\`"
  echo
  echo "Measured $(date -u '+%Y-%m-%d %H:%M') UTC on $machine, shared with other work (load average at the start of each run: $loads); .NET SDK $(dotnet --version); DuckDB.NET $(grep -oE 'DuckDB.NET.Data.Full" Version="[^"]+' Directory.Packages.props | grep -oE '[0-9.]+$')."
  echo "Store: $described (profile walsall), made as bench/framework.sh's head says and cached. Each run copies the store and runs the"
  echo "Release build of \`oneplace indicators --store FILE --timings\` as its own process: the $(ls indicators/*.yaml | wc -l) indicators of \`indicators/\` over 25 periods"
  echo "(24 months and the reporting year), then the results saved in the store. Medians of $runs runs."
  echo
  echo "| measure | median |"
  echo "|---|---:|"
  echo "| whole command (s, wall, from process start to exit) | $wall |"
  echo "| framework run (s, the command's own timing) | $(column 1) |"
  echo "| saving the results (s, the command's own timing) | $(column 2) |"
  echo "| CPU time (s, user + system, both cores) | $(column 4) |"
  echo "| peak memory (MB) | $(column 5 | awk '{printf "%.0f", $1}') |"
  echo
  echo "The issue's target, a full framework refresh on 1,000,000 people and about 30 million events in under 10 s: **$verdict**."
  echo
  echo "Stages of the run (median seconds): the shared tables prepared once, each indicator's counts (its SQL), the"
  echo "statistics of every indicator together (suppression, limits, SPC and inequality, worked out from the counts) and the save."
  echo
  echo "| stage | s |"
  echo "|---|---:|"
  awk -F'\t' '!seen[$2]++ {print $2}' "$work/stages" | while read -r name; do echo "| $name | $(stage "$name") |"; done
  echo
  echo "How the store was made (each step timed when it was first cached):"
  echo
  echo '```'
  echo "$notes" | sed '/^$/d; s/\.partial\//\//'
  if [ -n "$check" ]; then echo "check on two boroughs of 10,000 and their combination: $check"; fi
  echo '```'
  echo "<!-- /bench/framework.sh -->"
} > "$section"

doc=docs/benchmarks/analytics.md
if grep -q "<!-- bench/framework.sh -->" "$doc"; then
  awk -v f="$section" '/<!-- bench\/framework.sh -->/ {while ((getline l < f) > 0) print l; skip=1; next} /<!-- \/bench\/framework.sh -->/ {skip=0; next} !skip {print}' "$doc" > "$doc.new"
  mv "$doc.new" "$doc"
else
  { echo; cat "$section"; } >> "$doc"
fi
rm -f "$section"
sed -n '/<!-- bench\/framework.sh -->/,/<!-- \/bench\/framework.sh -->/p' "$doc"
