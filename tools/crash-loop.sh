#!/usr/bin/env bash
# Runs the SIGKILL crash test for many cycles (default 1000 for the Flushed writer), e.g.:
#   tools/crash-loop.sh            # 1000 cycles
#   tools/crash-loop.sh 5000       # more
set -euo pipefail
cd "$(dirname "$0")/.."
export EDGEDB_CRASH_CYCLES="${1:-1000}"
dotnet build tests/EdgeDb.Core.Tests -c Release -v quiet
start=$(date +%s)
dotnet test --project tests/EdgeDb.Core.Tests -c Release --no-build -- --filter-method "*Killed_writers*"
echo "crash cycles per durability level: $EDGEDB_CRASH_CYCLES, seconds: $(( $(date +%s) - start ))"
