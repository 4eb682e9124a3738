#!/usr/bin/env bash
# Remote images: fixtures/remote/article.md → DOCX by cjkdoc (cold cache, warm cache,
# --offline) and by pandoc, against a local server with a per-request delay
# (see scripts/bench_remote.py).
#
#   scripts/bench-remote.sh            BENCH_DELAY_MS=80 BENCH_RUNS=5 by default
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release -q
python3 scripts/bench_remote.py
