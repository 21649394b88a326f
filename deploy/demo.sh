#!/usr/bin/env bash
# Installs what is missing, builds, and serves the demo catalogue from an embedded SQLite
# file (var/demo.db) on CREDPATH_LISTEN (default 127.0.0.1:50051).
set -euo pipefail
cd "$(dirname "$0")/.."
./deploy/build.sh -DCREDPATH_BUILD_TESTS=OFF -DCREDPATH_BUILD_BENCHMARKS=OFF
mkdir -p var
exec ./build/cli/credpath serve --db "${CREDPATH_DB:-var/demo.db}" \
  --seed data/demo-catalog.json --listen "${CREDPATH_LISTEN:-127.0.0.1:50051}"
