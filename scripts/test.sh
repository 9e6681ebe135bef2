#!/usr/bin/env bash
# The one test command (README, .ci/run). Installs what is missing (PostgreSQL, Chromium, poppler-utils), builds, runs every test
# project against SQLite, then runs the store-backed suites a second time against a throwaway PostgreSQL server on
# a free loopback port, and stops that server. Prints "N passed, N failed" at the end.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

missing=()
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing+=(postgresql)
[ -x /usr/bin/chromium ] || missing+=(chromium fonts-liberation)
# pdftoppm renders the board pack's PDF to PNG in its test.
command -v pdftoppm >/dev/null || missing+=(poppler-utils)
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing ${missing[*]} from Debian's packages"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

pg_bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
pg_dir=$(mktemp -d /tmp/oneplace-pg.XXXXXX)
log="$pg_dir/test-output.log"
touch "$log"
port=""
for candidate in $(shuf -i 20000-45000 -n 50); do
  if ! (exec 3<>"/dev/tcp/127.0.0.1/$candidate") 2>/dev/null; then port=$candidate; break; fi
done
[ -n "$port" ] || { echo "No free local port for PostgreSQL"; exit 1; }

# PostgreSQL will not run as root: run it as the postgres user when we are root.
pg() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
if [ "$(id -u)" -eq 0 ]; then chown postgres "$pg_dir"; fi
stop_pg() {
  pg "$pg_bin/pg_ctl" -D "$pg_dir/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$pg_dir"
}
trap stop_pg EXIT

pg "$pg_bin/initdb" -D "$pg_dir/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
pg "$pg_bin/pg_ctl" -D "$pg_dir/data" -l "$pg_dir/server.log" -w \
  -o "-c listen_addresses=127.0.0.1 -p $port -k $pg_dir -c fsync=off -c max_connections=200" start >/dev/null
echo "Throwaway PostgreSQL on 127.0.0.1:$port"

dotnet build OnePlace.slnx -c Release -warnaserror 2>&1 | tail -n 3

status=0
echo "== Pass 1: every test project, SQLite store"
dotnet test OnePlace.slnx -c Release --no-build 2>&1 | tee -a "$log" || status=1

echo "== Pass 2: store-backed tests again, PostgreSQL store"
for project in tests/OnePlace.Core.Tests tests/OnePlace.Web.Tests tests/OnePlace.Fhir.Tests tests/OnePlace.Cli.Tests tests/OnePlace.Analytics.Tests; do
  [ -d "$project" ] || continue
  ONEPLACE_TEST_STORE=postgres \
  ONEPLACE_TEST_POSTGRES="Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres" \
    dotnet test "$project" -c Release --no-build 2>&1 | tee -a "$log" || status=1
done

# Sum the runner's per-project summaries ("Passed!  - Failed: 0, Passed: 24, ...") into one closing line.
passed=$(grep -oE 'Passed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
failed=$(grep -oE 'Failed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
if [ "$failed" -gt 0 ]; then status=1; fi
echo "$passed passed, $failed failed"
exit $status
