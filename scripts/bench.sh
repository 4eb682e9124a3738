#!/usr/bin/env bash
# Benchmark cjkdoc against typst on the same content, in the same run.
#
#   scripts/bench.sh
#
# cjkdoc is timed in-process (benches/convert.rs). typst is timed with the `typst` Python
# package (prebuilt Typst compiler; `pip install typst`) in-process too, warm, with the same
# bundled Noto fonts, and as a one-shot process for both tools. Where typst is not
# installed, its lines are skipped with the reason.
set -euo pipefail
cd "$(dirname "$0")/.."

cargo bench --bench convert
echo
echo "seed → PDF by stage:"
cargo build --release -q --example bench_pdf
./target/release/examples/bench_pdf
cargo build --release -q

echo
echo "one-shot process, wall time (includes start-up and font loading):"
for name in seed; do
  start=$(date +%s%N)
  target/release/cjkdoc convert fixtures/seed.txt -o target/bench/$name.pdf -q
  end=$(date +%s%N)
  printf '  cjkdoc %-8s %8.1f ms\n' "$name" "$(echo "($end - $start) / 1000000" | bc -l)"
done

if python3 -c 'import typst' 2>/dev/null; then
  python3 - <<'PY'
import statistics, time, typst
fonts = typst.Fonts(include_system_fonts=False, include_embedded_fonts=True, font_paths=["fonts"])
print("typst (python package %s) in-process, median after warm-up:" % typst.__version__)
for name, runs in (("seed", 11), ("seed50", 3)):
    c = typst.Compiler(f"target/bench/{name}.typ", font_paths=fonts)
    c.compile(format="pdf")
    samples = []
    for _ in range(runs):
        t = time.perf_counter(); pdf = c.compile(format="pdf"); samples.append(time.perf_counter() - t)
    print(f"  {name:<8} → pdf  {statistics.median(samples)*1000:9.2f} ms  {len(pdf):9d} bytes")
t = time.perf_counter()
typst.Compiler("target/bench/seed.typ", font_paths=typst.Fonts(False, True, ["fonts"])).compile(format="pdf")
print(f"  seed one-shot (fonts loaded + compile): {(time.perf_counter()-t)*1000:.1f} ms")
PY
elif command -v typst >/dev/null 2>&1; then
  for f in seed seed50; do
    start=$(date +%s%N)
    typst compile --font-path fonts --ignore-system-fonts "target/bench/$f.typ" "target/bench/$f-typst.pdf"
    end=$(date +%s%N)
    echo "typst CLI $f: $(( (end - start) / 1000000 )) ms, $(wc -c < "target/bench/$f-typst.pdf") bytes"
  done
else
  echo "typst: skipped (neither the Python package 'typst' (pip install typst) nor the typst CLI is installed)"
fi
