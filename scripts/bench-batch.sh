#!/usr/bin/env bash
# Batch throughput against typst and pandoc in the same run (see scripts/bench_batch.py):
# 200 documents to PDF and to DOCX in one cjkdoc invocation each, the peers once per file,
# two at a time.
#
#   scripts/bench-batch.sh            (BENCH_RUNS=N for the number of timed runs, default 5)
#
# Peers: the typst CLI (`cargo install typst-cli --locked`) with the bundled fonts, pandoc
# (apt-get install pandoc). A missing peer is skipped with the reason.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release -q
python3 scripts/bench_batch.py
