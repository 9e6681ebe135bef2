#!/usr/bin/env bash
# Foundation benchmark (docs/benchmarks/foundation.md): time to generate and import a synthetic borough of 50,000 and
# 283,000 people into SQLite, the store's size, peak memory, and the main command's time until the demo is ready.
# Usage: bench/foundation.sh [runs]   (default 3; medians are reported). Writes docs/benchmarks/foundation.md.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-3}
work=$(mktemp -d /tmp/oneplace-bench.XXXXXX)
trap 'rm -rf "$work"' EXIT

dotnet build src/OnePlace.Cli -c Release -o "$work/cli" >/dev/null
cli=(dotnet "$work/cli/oneplace.dll")

median() { sort -n | awk '{a[NR]=$1} END {m=(NR%2)?a[(NR+1)/2]:(a[NR/2]+a[NR/2+1])/2; printf "%.1f", m}'; }
seconds() { awk -v s="$1" -v e="$2" 'BEGIN {printf "%.2f", e - s}'; }

rows=()
for people in 50000 283000; do
  gen=(); imp=(); rss=(); store=(); extract=()
  for run in $(seq 1 "$runs"); do
    out="$work/extract-$people-$run"; db="$work/store-$people-$run.db"
    t0=$(date +%s.%N)
    "${cli[@]}" generate --profile walsall --people "$people" --seed 1 --out "$out" >/dev/null
    t1=$(date +%s.%N)
    ConnectionStrings__Sqlite="Data Source=$db" /usr/bin/time -f "%M" -o "$work/rss" "${cli[@]}" import "$out" >/dev/null
    t2=$(date +%s.%N)
    sqlite3 "$db" "PRAGMA wal_checkpoint(TRUNCATE);" >/dev/null
    gen+=("$(seconds "$t0" "$t1")"); imp+=("$(seconds "$t1" "$t2")")
    rss+=("$(awk '{printf "%.0f", $1/1024}' "$work/rss")")
    store+=("$(du -b "$db" | awk '{printf "%.0f", $1/1048576}')")
    extract+=("$(du -sb "$out" | awk '{printf "%.0f", $1/1048576}')")
    peoplerows=$(sqlite3 "$db" "SELECT COUNT(*) FROM people;"); eventrows=$(sqlite3 "$db" "SELECT COUNT(*) FROM events;")
    recordrows=$(sqlite3 "$db" "SELECT COUNT(*) FROM source_records;")
    rm -rf "$out" "$db"*
  done
  line="| $people | $(printf '%s\n' "${gen[@]}" | median) | $(printf '%s\n' "${imp[@]}" | median) | $(printf '%s\n' "${rss[@]}" | median) | $(printf '%s\n' "${extract[@]}" | median) | $(printf '%s\n' "${store[@]}" | median) | $peoplerows | $recordrows | $eventrows |"
  echo "$line"; rows+=("$line")
done

# The main command exactly as the README gives it, on an already built tree with an empty store: from `dotnet run` to
# the sign-in page being served with the demo borough loaded.
ready=()
dotnet build src/OnePlace.Web >/dev/null
for run in $(seq 1 "$runs"); do
  rm -rf "$work/web"; mkdir -p "$work/web"
  port=$((20000 + RANDOM % 20000))
  t0=$(date +%s.%N)
  ConnectionStrings__Sqlite="Data Source=$work/web/oneplace.db" \
    dotnet run --project src/OnePlace.Web -- --urls "http://127.0.0.1:$port" >"$work/web.log" 2>&1 &
  pid=$!
  until grep -q "OnePlace is running" "$work/web.log" && curl -fs "http://127.0.0.1:$port/sign-in" >/dev/null; do
    kill -0 "$pid" 2>/dev/null || { cat "$work/web.log"; exit 1; }
    sleep 0.2
  done
  t1=$(date +%s.%N)
  pkill -TERM -P "$pid" 2>/dev/null || true; kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true
  ready+=("$(seconds "$t0" "$t1")")
done
ready_median=$(printf '%s\n' "${ready[@]}" | median)
echo "main command ready: ${ready[*]} s (median $ready_median s)"

cpu=$(grep -m1 "model name" /proc/cpuinfo | cut -d: -f2 | xargs)
{
  echo "# Foundation benchmark"
  echo
  echo "Command: \`bench/foundation.sh $runs\` (medians of $runs runs; Release build; SQLite store; profile walsall, seed 1)."
  echo "Machine: $(nproc) cores ($cpu), $(free -g | awk '/Mem:/ {print $2}') GiB; measured $(date -u +%Y-%m-%d)."
  echo
  echo "| people | generate (s) | import (s) | import peak RSS (MiB) | extracts (MiB) | SQLite store (MiB) | people rows | source records | events |"
  echo "|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
  printf '%s\n' "${rows[@]}"
  echo
  echo "Main command (\`dotnet run --project src/OnePlace.Web\` on an already built tree, empty store): the demo borough of"
  echo "50,000 people generated, imported, and the sign-in page served in **${ready_median} s** (runs: ${ready[*]} s). Target: within 60 s."
} > docs/benchmarks/foundation.md
cat docs/benchmarks/foundation.md
