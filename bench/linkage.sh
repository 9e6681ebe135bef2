#!/usr/bin/env bash
# Record linkage benchmark (docs/benchmarks/linkage.md): accuracy, speed and peak memory of OnePlace.Linkage on the
# public reference sets in ../shared/reference/linkage (FEBRL1-4, FEBRL 20k, Splink's fake_1000 sets, historical_50k)
# and on synthetic boroughs of 10,000, 100,000 and 1,000,000 records, beside the published Splink figures.
# Usage: bench/linkage.sh [--runs N] [--sizes 10000,100000,1000000] [--only febrl3,synthetic] [--reference DIR] [--out FILE]
# (defaults: 3 runs, medians reported; every dataset; writes docs/benchmarks/linkage.md).
set -euo pipefail
cd "$(dirname "$0")/.."
export ONEPLACE_BENCH_COMMAND="bench/linkage.sh${*:+ $*}"
dotnet build bench/OnePlace.Linkage.Bench -c Release -nologo -v quiet
exec dotnet run -c Release --no-build --project bench/OnePlace.Linkage.Bench -- "$@"
