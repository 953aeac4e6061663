#!/usr/bin/env bash
# Builds Lab Console and opens it on the local lab (no cluster, no server needed).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
cmake --preset default -DLABCONSOLE_BUILD_TESTS=OFF -DLABCONSOLE_BUILD_BENCH=OFF >/dev/null
cmake --build --preset default --target labconsole labctl lab-train
exec build/app/labconsole --profile local "$@"
