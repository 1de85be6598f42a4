#!/usr/bin/env bash
# A long fuzzing run of one of the store's file readers with AFL++ (docs/testing.md, "Fuzzing").
#   tools/fuzz.sh <wal|table|manifest|catalogue> [seconds]     (default 3600)
# Needs AFL++ (Debian: apt-get install afl++) and the SharpFuzz instrumenter (dotnet tool install --global
# SharpFuzz.CommandLine). Findings go to fuzz-findings/<target>/; copy a crash into tests/EdgeDb.Fuzz/crashers/<target>/
# once it is fixed, so every test run replays it.
set -euo pipefail
cd "$(dirname "$0")/.."
target=${1:?usage: tools/fuzz.sh <wal|table|manifest|catalogue> [seconds]}
seconds=${2:-3600}
bin=$(mktemp -d)
dotnet publish tests/EdgeDb.Fuzz -c Release -o "$bin" > /dev/null
"${SHARPFUZZ:-$HOME/.dotnet/tools/sharpfuzz}" "$bin/EdgeDb.Core.dll"
export AFL_SKIP_BIN_CHECK=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 AFL_SKIP_CPUFREQ=1 AFL_NO_AFFINITY=1
afl-fuzz -V "$seconds" -i "tests/EdgeDb.Fuzz/corpus/$target" -o "fuzz-findings/$target" -t 5000 -m none -- dotnet "$bin/EdgeDb.Fuzz.dll" afl "$target"
grep -E "execs_done|execs_per_sec|corpus_count|saved_crashes|saved_hangs" "fuzz-findings/$target/default/fuzzer_stats"
