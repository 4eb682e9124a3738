#!/usr/bin/env bash
# Benchmark cjkdoc against typst and pandoc in the same run, whole process against whole
# process (see scripts/bench.py for the cases), then cjkdoc's own stages in-process.
#
#   scripts/bench.sh
#
# Peers: the typst CLI (`cargo install typst-cli --locked`, about 15 minutes once) run with
# the same bundled fonts (--ignore-system-fonts --font-path fonts) and with its usual
# system fonts; pandoc (apt-get install pandoc) for DOCX; valgrind for instruction counts.
# A peer or tool that is missing is skipped with the reason.
set -euo pipefail
cd "$(dirname "$0")/.."

cargo build --release -q
python3 scripts/bench.py

echo
python3 scripts/bench_batch.py

echo
echo "seed → PDF in-process, by stage (median):"
cargo build --release -q --example bench_pdf
./target/release/examples/bench_pdf
