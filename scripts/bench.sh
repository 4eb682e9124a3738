#!/bin/sh
# Benchmark seed → PDF and seed×50 → PDF (release build), and typst on the same text when
# it is installed. Usage: scripts/bench.sh   (from anywhere; runs in the crate root)
set -eu
cd "$(dirname "$0")/.."
cargo build --release --quiet --example bench_pdf
./target/release/examples/bench_pdf

if ! command -v typst >/dev/null 2>&1; then
    echo "typst: skipped (typst is not installed)"
    exit 0
fi
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
# The same paragraphs, with the same page and type settings.
{
    echo '#set page(paper: "a4", margin: 25mm)'
    echo '#set text(font: "Noto Serif SC", size: 12pt, lang: "zh", region: "cn")'
    echo '#set par(justify: true, first-line-indent: (amount: 2em, all: true), leading: 0.6em)'
    sed -e 's/[*#$\\_`<>@]/\\&/g' -e 's/$/\n/' fixtures/seed.txt
} > "$dir/seed.typ"
for i in $(seq 50); do cat "$dir/seed.typ"; done | awk 'NR<=3 || !/^#set/' > "$dir/seed50.typ"
for f in seed seed50; do
    start=$(date +%s%N)
    typst compile --font-path fonts "$dir/$f.typ" "$dir/$f.pdf"
    end=$(date +%s%N)
    echo "typst $f: $(( (end - start) / 1000000 )) ms, $(wc -c < "$dir/$f.pdf") bytes"
done
