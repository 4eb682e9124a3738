#!/usr/bin/env python3
"""Batch throughput: 200 documents converted by one cjkdoc invocation, against typst and
pandoc run once per file, two at a time, in the same run. Called by scripts/bench-batch.sh
(and by scripts/bench.sh), which build the release binary first.

The tree (target/bench/batch/docs): 160 copies of the seed, each opened by its number so
that no two are alike, mixed with 10 each of the notice, the regulation and the English
text, and 10 Markdown reports (5 Chinese, 5 English). Typst gets each as Typst markup set
like cjkdoc's default style (same bundled fonts), pandoc each as Markdown.

Figures: wall time (median of runs after a warm-up) and files per second; ratio = peer /
cjkdoc. A peer that is not installed is skipped with the reason.
"""

import os
import shutil
import statistics
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from bench import CJKDOC, PANDOC, ROOT, TYPST, markdown_source, parallel, typst_cmd, typst_source, write  # noqa: E402

BATCH = os.path.join(ROOT, "target", "bench", "batch")
RUNS = int(os.environ.get("BENCH_RUNS", "5"))


def prepare():
    """The 200 inputs, and each as Typst and pandoc sources; returns their stems."""
    docs = os.path.join(BATCH, "docs")
    shutil.rmtree(BATCH, ignore_errors=True)
    for d in ("docs", "typ", "md"):
        os.makedirs(os.path.join(BATCH, d))
    fx = lambda p: open(os.path.join(ROOT, "fixtures", p), encoding="utf-8").read()  # noqa: E731
    seed = fx("seed.txt")
    files = [(f"seed-{i:03}.txt", f"第{i + 1}号文件\n" + seed) for i in range(160)]
    for name in ("notice", "regulation", "english"):
        text = fx(f"text/{name}.txt")
        files += [(f"{name}-{i}.txt", f"{i + 1}\n" + text) for i in range(10)]
    for i in range(10):
        md = fx("markdown/report.md" if i < 5 else "markdown/report-english.md")
        files.append((f"report-{i}.md", md))
    assert len(files) == 200
    stems = []
    for name, text in files:
        stem, ext = os.path.splitext(name)
        write(os.path.join(docs, name), text)
        # Markdown inputs go to pandoc as they are; typst gets their lines as paragraphs.
        write(os.path.join(BATCH, "typ", stem + ".typ"), typst_source(text))
        write(os.path.join(BATCH, "md", stem + ".md"),
              text if ext == ".md" else markdown_source(text))
        stems.append(stem)
    return docs, stems


def timed(cmd):
    t = time.perf_counter()
    p = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    if p.returncode != 0:
        sys.exit(f"failed: {' '.join(cmd)}\n{p.stderr}")
    return time.perf_counter() - t


def median_of(f, runs):
    f()
    return statistics.median(f() for _ in range(runs))


def main():
    if not os.access(CJKDOC, os.X_OK):
        sys.exit(f"{CJKDOC} is not built (run scripts/bench-batch.sh)")
    docs, stems = prepare()
    out = os.path.join(BATCH, "out")
    n = len(stems)
    version = subprocess.run([CJKDOC, "--version"], capture_output=True, text=True).stdout.strip()
    print(f"{version}; {os.cpu_count()} cores; {n} files (160 seed copies, 30 texts, 10 Markdown); "
          f"cjkdoc: one invocation; peers: one process per file, 2 at a time; "
          f"median of {RUNS} runs; ratio = peer / cjkdoc\n")
    print("| batch | cjkdoc | files/s | peer | files/s | ratio |")
    print("|---|---|---|---|---|---|")
    for to, peer in (("pdf", "typst"), ("docx", "pandoc")):
        def ours():
            shutil.rmtree(out, ignore_errors=True)
            return timed([CJKDOC, "convert", docs, "--to", to, "--out-dir", out, "-q"])
        wall = median_of(ours, RUNS)
        if to == "pdf" and TYPST:
            cmds = [typst_cmd(os.path.join(BATCH, "typ", s + ".typ"), os.path.join(out, s + "-typst.pdf"))
                    for s in stems]
        elif to == "docx" and PANDOC:
            cmds = [[PANDOC, os.path.join(BATCH, "md", s + ".md"), "-o", os.path.join(out, s + "-pandoc.docx")]
                    for s in stems]
        else:
            cmds = None
        if cmds:
            theirs = parallel(cmds)
            print(f"| {n} files → {to.upper()} | {wall:.2f} s | {n / wall:.0f} | {peer}: {theirs:.2f} s "
                  f"| {n / theirs:.0f} | {theirs / wall:.1f}× |")
        else:
            print(f"| {n} files → {to.upper()} | {wall:.2f} s | {n / wall:.0f} | {peer}: not installed | | |")
    shutil.rmtree(out, ignore_errors=True)


if __name__ == "__main__":
    main()
