#!/usr/bin/env bash
# Builds Lab Console with its tests and runs every test (CTest).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh --test
cmake --preset default >/dev/null
cmake --build --preset default
ctest --preset default -j2 "$@"
