# Sourced by bench/spa.sh, bench/analytics.sh and bench/framework.sh: the synthetic borough they measure on, generated
# once per version of the generator and the importer and kept in $ONEPLACE_BENCH_CACHE (default ~/.cache/oneplace-bench).
# borough_extract PEOPLE [SEED]: generates the borough (seed 1 unless given) if it is not cached; sets $cache (its folder).
# borough_sqlite: imports the cached borough into SQLite if not done yet ($cache/sqlite/oneplace.db).
# Both need $cli, the `oneplace` command as an array, and note how long they took in $cache/build.txt.

borough_extract() {
  local people=$1 seed=${2:-1} key
  key=$( (git rev-parse HEAD:src/OnePlace.Synthetic HEAD:src/OnePlace.Core/Import 2>/dev/null || echo unversioned) | sha1sum | cut -c1-12)
  cache="${ONEPLACE_BENCH_CACHE:-$HOME/.cache/oneplace-bench}/spa-walsall-$people-seed$seed-$key"
  mkdir -p "$cache"
  if [ ! -d "$cache/extract" ]; then
    echo "== Generating a borough of $people people (walsall, seed $seed) into $cache"
    rm -rf "$cache/extract.partial"
    local start; start=$(date +%s.%N)
    timeout 7200 "${cli[@]}" generate --profile walsall --people "$people" --seed "$seed" --out "$cache/extract.partial" >/dev/null
    mv "$cache/extract.partial" "$cache/extract"
    echo "oneplace generate --people $people --seed $seed: $(borough_seconds "$start") s (load $(cut -d' ' -f1 /proc/loadavg))" >> "$cache/build.txt"
  fi
}

borough_sqlite() {
  if [ ! -f "$cache/sqlite/oneplace.db" ]; then
    echo "== Importing it into SQLite"
    rm -rf "$cache/sqlite.partial"; mkdir -p "$cache/sqlite.partial"
    local start; start=$(date +%s.%N)
    ConnectionStrings__Sqlite="Data Source=$cache/sqlite.partial/oneplace.db" timeout 7200 "${cli[@]}" import "$cache/extract" | tail -n 1
    mv "$cache/sqlite.partial" "$cache/sqlite"
    echo "oneplace import (SQLite): $(borough_seconds "$start") s (load $(cut -d' ' -f1 /proc/loadavg))" >> "$cache/build.txt"
  fi
}

# Whole seconds since $1 (a `date +%s.%N`).
borough_seconds() { awk -v s="$1" -v e="$(date +%s.%N)" 'BEGIN {printf "%.0f", e - s}'; }
