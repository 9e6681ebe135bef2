#!/usr/bin/env bash
# Single Point of Access benchmark (docs/benchmarks/spa.md): intake at a fixed rate through POST /api/referrals
# (default 200 referrals/s for 60 s, open loop, every latency recorded) and a team's worklist with 10,000 open
# referrals, against the Release build of the web host on 127.0.0.1, on SQLite and on a throwaway PostgreSQL,
# each run on a fresh copy of a synthetic borough of 50,000 people. Medians of the runs are reported.
# Usage: bench/spa.sh [--runs N] [--stores sqlite,postgres] [--rate R] [--seconds S] [--open N] [--gets N] [--people N] [--out FILE]
# (defaults 3, sqlite,postgres, 200, 60, 10000, 200, 50000, docs/benchmarks/spa.md).
# The generated borough and its loaded stores are kept in $ONEPLACE_BENCH_CACHE (default ~/.cache/oneplace-bench)
# and reused while the generator and the importer are unchanged. Every step is bounded in time and count; the host
# and PostgreSQL are stopped at the end, also on failure. Traffic goes to 127.0.0.1 only.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
command="bench/spa.sh${*:+ $*}"
runs=3; stores=sqlite,postgres; rate=200; seconds=60; open=10000; gets=200; people=50000; out=docs/benchmarks/spa.md
while [ $# -gt 0 ]; do
  case "$1" in
    --runs) runs=$2 ;; --stores) stores=$2 ;; --rate) rate=$2 ;; --seconds) seconds=$2 ;;
    --open) open=$2 ;; --gets) gets=$2 ;; --people) people=$2 ;; --out) out=$2 ;;
    *) echo "Unknown option $1 (see the head of $0)"; exit 2 ;;
  esac
  shift 2
done

work=$(mktemp -d /tmp/oneplace-spa.XXXXXX)
host_pid=""; pg_bin=""; pg_dir=""
stop_host() {
  if [ -n "$host_pid" ]; then
    kill -TERM "$host_pid" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "$host_pid" 2>/dev/null || break; sleep 0.2; done
    kill -KILL "$host_pid" 2>/dev/null || true
    wait "$host_pid" 2>/dev/null || true
    host_pid=""
  fi
}
pg() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
stop_pg() {
  if [ -n "$pg_dir" ] && [ -f "$pg_dir/data/postmaster.pid" ]; then
    pg "$pg_bin/pg_ctl" -D "$pg_dir/data" -m fast -w stop >/dev/null 2>&1 || pg "$pg_bin/pg_ctl" -D "$pg_dir/data" -m immediate stop >/dev/null 2>&1 || true
  fi
}
cleanup() { stop_host; stop_pg; rm -rf "$work"; }
trap cleanup EXIT
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

# The borough, generated and loaded once per version of the generator and the importer.
source bench/borough.sh
borough_extract "$people"
sqlite_template="$cache/sqlite/oneplace.db"
if [[ ",$stores," == *",sqlite,"* ]]; then borough_sqlite; fi

pg_port=""
if [[ ",$stores," == *",postgres,"* ]]; then
  missing=""; ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing=postgresql
  if [ -n "$missing" ]; then
    echo "== Installing PostgreSQL from Debian's packages"
    if [ "$(id -u)" -eq 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends postgresql >/dev/null
    else sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends postgresql >/dev/null; fi
  fi
  pg_bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
  pg_version=$("$pg_bin/postgres" --version | grep -oE '[0-9]+\.[0-9]+' | head -n 1)
  pg_dir="$work/pg"; mkdir -p "$pg_dir"
  if [ "$(id -u)" -eq 0 ]; then chown postgres "$pg_dir" "$work"; chmod 755 "$work"; fi
  pg_port=$(free_port)
  pg_options="-c listen_addresses=127.0.0.1 -p $pg_port -k $pg_dir -c max_connections=200 -c shared_buffers=512MB"
  pg_template="$cache/postgres-$pg_version"
  if [ -d "$pg_template/data" ]; then
    cp -a "$pg_template/data" "$pg_dir/data"
  else
    pg "$pg_bin/initdb" -D "$pg_dir/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
  fi
  if [ "$(id -u)" -eq 0 ]; then chown -R postgres "$pg_dir"; fi
  pg "$pg_bin/pg_ctl" -D "$pg_dir/data" -l "$pg_dir/server.log" -w -t 120 -o "$pg_options" start >/dev/null
  echo "== Throwaway PostgreSQL $pg_version on 127.0.0.1:$pg_port"
  if [ ! -d "$pg_template/data" ]; then
    echo "== Importing the borough into PostgreSQL"
    psql -h 127.0.0.1 -p "$pg_port" -U postgres -q -c "CREATE DATABASE borough"
    ConnectionStrings__Postgres="Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=borough" \
      timeout 3600 "${cli[@]}" import "$cache/extract" | tail -n 1
    pg "$pg_bin/pg_ctl" -D "$pg_dir/data" -m fast -w stop >/dev/null
    rm -rf "$pg_template.partial"; mkdir -p "$pg_template.partial"
    cp -a "$pg_dir/data" "$pg_template.partial/data"
    rm -f "$pg_template.partial/data/postmaster.pid"
    mv "$pg_template.partial" "$pg_template"
    pg "$pg_bin/pg_ctl" -D "$pg_dir/data" -l "$pg_dir/server.log" -w -t 120 -o "$pg_options" start >/dev/null
  fi
  echo "PostgreSQL $pg_version: a throwaway server on 127.0.0.1 (shared_buffers 512MB, max_connections 200; fsync and synchronous_commit on, the defaults)." >> "$work/context.txt"
fi
echo "SQLite: the store as the importer leaves it (WAL journal) and Microsoft.Data.Sqlite's defaults." >> "$work/context.txt"
echo "Borough: profile walsall, $people people generated with seed 1, imported with \`oneplace import\` (cached between runs of the script)." >> "$work/context.txt"

results="$work/results.tsv"; touch "$results"
for store in ${stores//,/ }; do
  for run in $(seq 1 "$runs"); do
    echo "== $store, run $run of $runs"
    case "$store" in
      sqlite)
        cp "$sqlite_template" "$work/run.db"
        store_args=(--sqlite "$work/run.db"); host_env=("ConnectionStrings__Sqlite=Data Source=$work/run.db") ;;
      postgres)
        psql -h 127.0.0.1 -p "$pg_port" -U postgres -q -c "DROP DATABASE IF EXISTS run" -c "CREATE DATABASE run TEMPLATE borough"
        connection="Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=run"
        store_args=(--postgres "$connection"); host_env=("ConnectionStrings__Postgres=$connection") ;;
      *) echo "Unknown store $store"; exit 2 ;;
    esac

    # The benchmark measures what the SPA can take, so one client system may send far more than the per-client rate
    # limit a deployment would set (Security:RateLimits, default 600 requests a minute): lift it for the run.
    host_env+=("Security__RateLimits__RequestsPerWindow=100000000")
    # A port found free can be taken before the host binds it: then start again on another, at most three times.
    for attempt in 1 2 3; do
      port=$(free_port); url="http://127.0.0.1:$port"
      (cd src/OnePlace.Web && exec env ASPNETCORE_ENVIRONMENT=Production OnePlace__DemoMode=false "${host_env[@]}" \
        dotnet bin/Release/net10.0/OnePlace.Web.dll --urls "$url") >"$work/host.log" 2>&1 &
      host_pid=$!
      for _ in $(seq 1 600); do
        curl -fs "$url/health" >/dev/null 2>&1 && break
        kill -0 "$host_pid" 2>/dev/null || break
        sleep 0.5
      done
      curl -fs "$url/health" >/dev/null 2>&1 && break
      if grep -q "address already in use" "$work/host.log" && [ "$attempt" -lt 3 ]; then
        echo "Port $port was taken before the host bound it; trying another"; stop_host; continue
      fi
      echo "The host did not become healthy"; tail -n 50 "$work/host.log"; exit 1
    done

    describe=(); [ "$run" -eq 1 ] && describe=(--describe "$work/context.txt" --store-name "$store")
    timeout 300 "${bench[@]}" prepare "${store_args[@]}" --team UCR-ALL --out "$work/credentials" "${describe[@]}"
    common=(--url "$url" --credentials "$work/credentials" "${store_args[@]}" --results "$results" --store-name "$store" --run "$run")
    timeout $((seconds * 5 + 600)) "${bench[@]}" intake "${common[@]}" --rate "$rate" --seconds "$seconds" --host-pid "$host_pid" \
      || { echo "intake failed or had errors"; tail -n 30 "$work/host.log"; }
    timeout 1800 "${bench[@]}" worklist "${common[@]}" --open "$open" --gets "$gets" \
      || { echo "worklist failed"; tail -n 30 "$work/host.log"; exit 1; }
    stop_host
    rm -f "$work/run.db" "$work/run.db-wal" "$work/run.db-shm"
  done
done

timeout 120 "${bench[@]}" report --results "$results" --command "$command" --context "$work/context.txt" \
  --rate "$rate" --seconds "$seconds" --open "$open" --out "$out"
