#!/usr/bin/env bash
# Time seed.txt -> DOCX with cjkdoc against pandoc (-f markdown -t docx) on the same
# content, in the same run, and report the output sizes.
#
#   scripts/bench-docx.sh [runs]        (default 10 runs each)
#
# Uses $CJKDOC if set, else target/release/cjkdoc if built, else target/debug/cjkdoc
# (dependencies are built at opt-level 2 even in dev builds). pandoc is skipped, with a
# reason, when it is not installed.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-10}
bin=${CJKDOC:-}
if [[ -z $bin ]]; then
  if [[ -x target/release/cjkdoc ]]; then bin=target/release/cjkdoc; else
    cargo build --quiet
    bin=target/debug/cjkdoc
  fi
fi
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
seed=fixtures/seed.txt
# The same content as Markdown (one paragraph per line), for pandoc.
"$bin" convert "$seed" --to md -o "$out/seed.md" >/dev/null 2>&1 || \
  awk '{print; print ""}' "$seed" >"$out/seed.md"

# Mean wall time in ms of `runs` executions of the command.
time_ms() {
  local start end
  start=$(date +%s%N)
  for ((i = 0; i < runs; i++)); do "$@" >/dev/null 2>&1; done
  end=$(date +%s%N)
  echo $(((end - start) / runs / 1000000))
}

echo "binary: $bin; $runs runs each; input: $seed ($(wc -c <"$seed") bytes)"
t=$(time_ms "$bin" convert "$seed" -o "$out/cjkdoc.docx")
printf '%-34s %6s ms  %8s bytes\n' "cjkdoc (embedded font subsets)" "$t" "$(wc -c <"$out/cjkdoc.docx")"
if "$bin" convert --help | grep -q -- --no-embed-fonts; then
  t=$(time_ms "$bin" convert "$seed" -o "$out/cjkdoc-noembed.docx" --no-embed-fonts)
  printf '%-34s %6s ms  %8s bytes\n' "cjkdoc --no-embed-fonts" "$t" "$(wc -c <"$out/cjkdoc-noembed.docx")"
fi
if command -v pandoc >/dev/null; then
  t=$(time_ms pandoc -f markdown -t docx "$out/seed.md" -o "$out/pandoc.docx")
  printf '%-34s %6s ms  %8s bytes\n' "pandoc $(pandoc --version | head -1 | cut -d' ' -f2) (no fonts)" "$t" "$(wc -c <"$out/pandoc.docx")"
else
  echo "pandoc: skipped (not installed)"
fi
