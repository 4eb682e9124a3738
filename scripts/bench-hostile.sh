#!/usr/bin/env bash
# Scaling of cjkdoc on inputs that were quadratic (issue 13): four sizes per case, time
# and peak memory of the whole process, against the seed's conversion in the same run.
#
#   scripts/bench-hostile.sh
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release -q
python3 scripts/bench_hostile.py
