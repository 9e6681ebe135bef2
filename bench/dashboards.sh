#!/usr/bin/env bash
# Outcome dashboards benchmark (docs/benchmarks/dashboards.md): every dashboard page (the framework overview, each
# indicator, each locality profile, frailty) read in turn by a signed-in member of staff, one request at a time,
# against the Release build of the web host on 127.0.0.1, its analytical store holding a framework run on a synthetic
# borough. Medians over the runs of each run's p50 and p95 are reported.
# Usage: bench/dashboards.sh [--runs N] [--rounds N] [--people N] [--analytics FILE] [--out FILE]
# (defaults 3, 20, 50000, a store built here from the cached borough, docs/benchmarks/dashboards.md).
# With --analytics the dashboards read that analytical store (it must hold a framework run) instead.
# The borough is generated and imported once per version of the generator and the importer (bench/borough.sh).
# Every step is bounded in time; the host is stopped at the end, also on failure. Traffic goes to 127.0.0.1 only.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
command="bench/dashboards.sh${*:+ $*}"
runs=3; rounds=20; people=50000; analytics=""; out=docs/benchmarks/dashboards.md
while [ $# -gt 0 ]; do
  case "$1" in
    --runs) runs=$2 ;; --rounds) rounds=$2 ;; --people) people=$2 ;; --analytics) analytics=$2 ;; --out) out=$2 ;;
    *) echo "Unknown option $1 (see the head of $0)"; exit 2 ;;
  esac
  shift 2
done

work=$(mktemp -d /tmp/oneplace-dashboards.XXXXXX)
host_pid=""
stop_host() {
  if [ -n "$host_pid" ]; then
    kill -TERM "$host_pid" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "$host_pid" 2>/dev/null || break; sleep 0.2; done
    kill -KILL "$host_pid" 2>/dev/null || true
    wait "$host_pid" 2>/dev/null || true
    host_pid=""
  fi
}
trap 'stop_host; rm -rf "$work"' EXIT
trap 'exit 130' INT TERM
free_port() {
  for candidate in $(shuf -i 20000-45000 -n 50); do
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$candidate") 2>/dev/null; then echo "$candidate"; return; fi
  done
  echo "No free local port" >&2; exit 1
}

echo "== Building (Release)"
for project in src/OnePlace.Cli src/OnePlace.Web bench/OnePlace.Spa.Bench; do
  dotnet build "$project" -c Release -nologo -v quiet >/dev/null
done
cli=(dotnet "$root/src/OnePlace.Cli/bin/Release/net10.0/oneplace.dll")
bench=(dotnet "$root/bench/OnePlace.Spa.Bench/bin/Release/net10.0/OnePlace.Spa.Bench.dll")

source bench/borough.sh
borough_extract "$people"
borough_sqlite
cp "$cache/sqlite/oneplace.db" "$work/run.db"
store_note="an analytical store refreshed here from the borough"
if [ -n "$analytics" ]; then
  store_note="a copy of the analytical store $analytics (given with --analytics; the operational store, which serves only sign-in here, is the borough of $people people)"
  cp "$analytics" "$work/analytics.duckdb"; analytics="$work/analytics.duckdb"
else
  analytics="$work/analytics.duckdb"
  echo "== Refreshing an analytical store from the borough and running the framework"
  ConnectionStrings__Sqlite="Data Source=$work/run.db" timeout 1800 "${cli[@]}" analytics refresh --store "$analytics" | tail -n 2
  timeout 1800 "${cli[@]}" indicators --store "$analytics" | tail -n 1
fi
# The console wraps long lines: join them to keep the framework's closing sentence whole.
framework=$(timeout 600 "${cli[@]}" indicators --store "$analytics" --out "$work/figures.csv" | tr '\n' ' ' | grep -o 'Ran [0-9].*' | tr -s ' ')

results="$work/results.tsv"; touch "$results"
for run in $(seq 1 "$runs"); do
  echo "== Run $run of $runs"
  port=$(free_port); url="http://127.0.0.1:$port"
  (cd src/OnePlace.Web && exec env ASPNETCORE_ENVIRONMENT=Production OnePlace__DemoMode=false \
    "ConnectionStrings__Sqlite=Data Source=$work/run.db" "Analytics__Store=$analytics" \
    dotnet bin/Release/net10.0/OnePlace.Web.dll --urls "$url") >"$work/host.log" 2>&1 &
  host_pid=$!
  for _ in $(seq 1 600); do
    curl -fs "$url/health" >/dev/null 2>&1 && break
    kill -0 "$host_pid" 2>/dev/null || { tail -n 30 "$work/host.log"; exit 1; }
    sleep 0.5
  done
  # The member of staff is registered once, in the first run's store copy, which later runs reuse.
  [ "$run" -eq 1 ] && timeout 300 "${bench[@]}" prepare --sqlite "$work/run.db" --team UCR-ALL --out "$work/credentials" >/dev/null
  timeout 1800 "${bench[@]}" dashboards --url "$url" --credentials "$work/credentials" --results "$results" --rounds "$rounds" --run "$run"
  echo "load $(cut -d' ' -f1-3 /proc/loadavg)" >> "$work/loads.txt"
  stop_host
done

median() { sort -n | awk '{a[NR]=$1} END {m=(NR%2)?a[(NR+1)/2]:(a[NR/2]+a[NR/2+1])/2; printf "%.1f", m}'; }
{
  echo "# Outcome dashboards: benchmark"
  echo
  echo "Command: \`$command\` ($(date -u +%Y-%m-%d), $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo); load average after each run: $(paste -sd, "$work/loads.txt" | sed 's/load //g'))."
  echo
  echo "The Release web host on 127.0.0.1 (SQLite operational store of a synthetic walsall borough of $people people,"
  echo "demo mode off) reading $store_note. One signed-in member of staff (a team"
  echo "manager) reads every dashboard page in turn, one request at a time, $rounds rounds after 2 warm-up rounds;"
  echo "each latency is to the last byte of the page. Pages are served from the snapshot the host keeps of the"
  echo "analytical store. The framework run: $framework"
  echo
  echo "| pages | requests a run | p50 ms (median of runs) | p95 ms (median of runs) | p95 ms by run | target |"
  echo "|---|---|---|---|---|---|"
  for kind in "all pages" overview indicator locality frailty; do
    rows=$(awk -F'\t' -v k="$kind" '$2 == k' "$results")
    [ -n "$rows" ] || continue
    n=$(echo "$rows" | head -n 1 | cut -f3)
    p50=$(echo "$rows" | cut -f5 | median); p95=$(echo "$rows" | cut -f6 | median)
    by=$(echo "$rows" | cut -f6 | paste -sd, | sed 's/,/, /g')
    echo "| $kind | $n | $p50 | $p95 | $by | p95 < 100 ms |"
  done
} > "$out"
cat "$out"
