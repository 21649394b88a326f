#!/usr/bin/env bash
# Installs what is missing, builds everything and runs every test.
set -euo pipefail
cd "$(dirname "$0")/.."
./deploy/build.sh -DCREDPATH_BUILD_TESTS=ON
ctest --test-dir build --output-on-failure -j "$(nproc)"
