#!/usr/bin/env python3
"""Whole-process benchmark of cjkdoc against typst and pandoc, measured in one run.

Called by scripts/bench.sh (which builds the release binary first). Every figure is a
whole process against a whole process: wall time (median of several runs), user CPU time
and peak RSS from wait4(2); instructions from `valgrind --tool=callgrind`, which are
repeatable whatever else the machine does. Ratios are peer / cjkdoc. A peer that is not
installed is skipped with the reason.

Inputs, written to target/bench/: the seed (fixtures/seed.txt), a one-line text, the seed
50 and 200 times over, and 200 seed-sized files; each also as Typst markup with the same
fonts, size and indent as cjkdoc's default style, and as Markdown for pandoc.
"""

import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BENCH = os.path.join(ROOT, "target", "bench")
CJKDOC = os.environ.get("CJKDOC", os.path.join(ROOT, "target", "release", "cjkdoc"))
FONTS = os.path.join(ROOT, "fonts")
TYPST = shutil.which("typst")
PANDOC = shutil.which("pandoc")
VALGRIND = shutil.which("valgrind")
FILES = 200


def typst_source(text):
    """The text as Typst markup, set like cjkdoc's default style."""
    out = [
        '#set page(paper: "a4", margin: 25mm, numbering: "1")\n',
        '#set text(font: ("Noto Serif SC",), size: 12pt, lang: "zh", region: "cn")\n',
        "#set par(justify: true, first-line-indent: (amount: 2em, all: true), "
        "leading: 0.6em, spacing: 0.6em)\n",
        '#show heading: set text(font: "Noto Sans SC")\n\n',
    ]
    for line in text.splitlines():
        if line.strip():
            out.append("".join("\\" + c if c in "*_`#$@<>[]\\/~=+-" else c for c in line))
            out.append("\n\n")
    return "".join(out)


def markdown_source(text):
    """One paragraph per line, Markdown's characters escaped (the `*` stay literal)."""
    lines = [re.sub(r"([*_`#\\\[\]<>])", r"\\\1", l) for l in text.splitlines() if l.strip()]
    return "\n\n".join(lines) + "\n"


def write(path, text):
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


def prepare():
    seed = open(os.path.join(ROOT, "fixtures", "seed.txt"), encoding="utf-8").read()
    cases = {
        "seed": seed,
        "tiny": "一行字。One line.\n",
        "seed50": seed * 50,
        "seed200": seed * 200,
    }
    os.makedirs(BENCH, exist_ok=True)
    for name, text in cases.items():
        write(os.path.join(BENCH, name + ".txt"), text)
        write(os.path.join(BENCH, name + ".typ"), typst_source(text))
        write(os.path.join(BENCH, name + ".md"), markdown_source(text))
    many = os.path.join(BENCH, "many")
    shutil.rmtree(many, ignore_errors=True)
    os.makedirs(many)
    for i in range(FILES):
        # Seed-sized and all different: the file number opens the text.
        text = f"第{i + 1}号文件\n" + seed
        write(os.path.join(many, f"f{i:03}.txt"), text)
        write(os.path.join(many, f"f{i:03}.typ"), typst_source(text))
        write(os.path.join(many, f"f{i:03}.md"), markdown_source(text))
    return many


def run(cmd):
    """One whole process: (wall seconds, user seconds, peak RSS in MB)."""
    t = time.perf_counter()
    p = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(p.pid, 0)
    wall = time.perf_counter() - t
    err = p.stderr.read().decode(errors="replace")
    p.stderr.close()
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"failed: {' '.join(cmd)}\n{err}")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def measure(cmd, runs):
    """Median wall, median CPU and the largest peak RSS of `runs` runs after one warm-up."""
    run(cmd)
    samples = [run(cmd) for _ in range(runs)]
    return (
        statistics.median(s[0] for s in samples),
        statistics.median(s[1] for s in samples),
        max(s[2] for s in samples),
    )


def parallel(cmds, jobs=2):
    """Wall time of running `cmds` as separate processes, `jobs` at a time."""
    t = time.perf_counter()
    pending = list(cmds)
    active = []
    while pending or active:
        while pending and len(active) < jobs:
            active.append(subprocess.Popen(pending.pop(0), stdout=subprocess.DEVNULL,
                                           stderr=subprocess.DEVNULL))
        active[0].wait()
        if active[0].returncode != 0:
            sys.exit(f"failed: {active[0].args}")
        active.pop(0)
    return time.perf_counter() - t


def instructions(cmd):
    """Instructions executed by `cmd` and all its threads, by callgrind."""
    with tempfile.TemporaryDirectory() as d:
        out = os.path.join(d, "cg.%p")
        p = subprocess.run(["valgrind", "--tool=callgrind", f"--callgrind-out-file={out}"] + cmd,
                           capture_output=True, text=True)
        if p.returncode != 0:
            sys.exit(f"failed under valgrind: {' '.join(cmd)}\n{p.stderr[-2000:]}")
        refs = re.findall(r"Collected : (\d+)", p.stderr)
        return sum(int(r) for r in refs)


def ms(s):
    return f"{s * 1000:.1f} ms"


def ratio(peer, ours):
    return f"{peer / ours:.1f}×" if ours and peer else ""


def row(case, ours, peer="", r=""):
    print(f"| {case} | {ours} | {peer} | {r} |")


def typst_cmd(src, out, system_fonts=False):
    cmd = [TYPST, "compile", src, out]
    if not system_fonts:
        cmd[2:2] = ["--ignore-system-fonts", "--font-path", FONTS]
    return cmd


def faces(pdf):
    """Embedded font programs of a PDF and their compressed sizes, by pdffonts and qpdf."""
    if not shutil.which("pdffonts"):
        return "?"
    out = subprocess.run(["pdffonts", pdf], capture_output=True, text=True).stdout
    names = [l.split()[0] for l in out.splitlines()[2:] if l.strip()]
    return ", ".join(sorted(set(n.split("+")[-1] for n in names)))


def main():
    if not os.access(CJKDOC, os.X_OK):
        sys.exit(f"{CJKDOC} is not built (run scripts/bench.sh)")
    many = prepare()
    out = tempfile.mkdtemp(prefix="cjkdoc-bench-")
    b = lambda name: os.path.join(BENCH, name)  # noqa: E731
    o = lambda name: os.path.join(out, name)  # noqa: E731
    cj = lambda name, ext: [CJKDOC, "convert", b(name + ".txt"), "-o", o(name + "." + ext), "-q"]  # noqa: E731
    if not TYPST:
        print("typst: skipped (the typst CLI is not installed: cargo install typst-cli --locked)")
    if not PANDOC:
        print("pandoc: skipped (not installed: apt-get install pandoc)")
    version = subprocess.run([CJKDOC, "--version"], capture_output=True, text=True).stdout.strip()
    peers = []
    if TYPST:
        peers.append(subprocess.run([TYPST, "--version"], capture_output=True, text=True).stdout.strip())
    if PANDOC:
        peers.append(subprocess.run([PANDOC, "--version"], capture_output=True, text=True).stdout.splitlines()[0])
    print(f"{version} against {', '.join(peers) or 'no peer'}; {os.cpu_count()} cores; "
          f"whole processes, median of several runs; ratio = peer / cjkdoc\n")

    print("| case | cjkdoc | peer | ratio |")
    print("|---|---|---|---|")
    def against(case, ours, ours_text, peer_cmd, runs):
        """One row: ours beside the peer's median wall time, when the peer is installed."""
        if peer_cmd:
            theirs = measure(peer_cmd, runs)[0]
            row(case, ours_text, ms(theirs), ratio(theirs, ours))
        else:
            row(case, ours_text)

    wall, cpu, rss = measure(cj("seed", "pdf"), 21)
    if TYPST:
        tw, tc, trss = measure(typst_cmd(b("seed.typ"), o("seed-typst.pdf")), 11)
        row("seed → PDF (typst, same fonts)", f"{ms(wall)} (CPU {ms(cpu)}), {rss:.0f} MB peak RSS",
            f"{ms(tw)} (CPU {ms(tc)}), {trss:.0f} MB", ratio(tw, wall))
        against("seed → PDF (typst, its usual system fonts)", wall, ms(wall),
                typst_cmd(b("seed.typ"), o("seed-typst-sys.pdf"), True), 5)
    else:
        row("seed → PDF", f"{ms(wall)} (CPU {ms(cpu)}), {rss:.0f} MB peak RSS")
    tiny, _, tiny_rss = measure(cj("tiny", "pdf"), 21)
    against("tiny (one line) → PDF", tiny, f"{ms(tiny)}, {tiny_rss:.0f} MB",
            TYPST and typst_cmd(b("tiny.typ"), o("tiny-typst.pdf")), 11)
    w50, _, rss50 = measure(cj("seed50", "pdf"), 5)
    against("seed×50 → PDF", w50, f"{ms(w50)}, {rss50:.0f} MB",
            TYPST and typst_cmd(b("seed50.typ"), o("seed50-typst.pdf")), 3)
    w200, _, rss200 = measure(cj("seed200", "pdf"), 3)
    row("seed×200 → PDF (linearity: ÷ seed×50)", f"{ms(w200)}, {rss200:.0f} MB", "",
        f"{w200 / w50:.2f}× seed×50")
    wd, _, rssd = measure(cj("seed", "docx"), 21)
    against("seed → DOCX (pandoc from Markdown)", wd, f"{ms(wd)}, {rssd:.0f} MB",
            PANDOC and [PANDOC, b("seed.md"), "-o", o("seed-pandoc.docx")], 5)

    txts = sorted(os.path.join(many, f) for f in os.listdir(many) if f.endswith(".txt"))
    batch = [CJKDOC, "convert", *txts, "--out-dir", o("many"), "-q"]
    bp, bpc, brss = measure(batch + ["--to", "pdf"], 3)
    if TYPST:
        tp = parallel([typst_cmd(t[:-4] + ".typ", o(os.path.basename(t)[:-4] + ".pdf")) for t in txts])
        row(f"{FILES} seed-sized files → PDF (typst per file, 2 at a time)",
            f"{ms(bp)} (CPU {ms(bpc)}), {brss:.0f} MB", ms(tp), ratio(tp, bp))
    else:
        row(f"{FILES} seed-sized files → PDF, one call", f"{ms(bp)} (CPU {ms(bpc)}), {brss:.0f} MB")
    bd, bdc, _ = measure(batch + ["--to", "docx"], 3)
    if PANDOC:
        pp = parallel([[PANDOC, t[:-4] + ".md", "-o", o(os.path.basename(t)[:-4] + ".docx")]
                       for t in txts])
        row(f"{FILES} seed-sized files → DOCX (pandoc per file, 2 at a time)",
            f"{ms(bd)} (CPU {ms(bdc)})", ms(pp), ratio(pp, bd))
    else:
        row(f"{FILES} seed-sized files → DOCX, one call", f"{ms(bd)} (CPU {ms(bdc)})")

    size = os.path.getsize(o("seed.pdf"))
    if TYPST:
        ts = os.path.getsize(o("seed-typst.pdf"))
        row("seed PDF size (faces embedded)", f"{size / 1024:.0f} KB ({faces(o('seed.pdf'))})",
            f"{ts / 1024:.0f} KB ({faces(o('seed-typst.pdf'))})", ratio(ts, size))
    else:
        row("seed PDF size", f"{size / 1024:.0f} KB ({faces(o('seed.pdf'))})")

    print()
    if not VALGRIND:
        print("instructions: skipped (valgrind is not installed)")
        return
    print("Instructions executed (callgrind; repeatable):\n")
    print("| case | cjkdoc | typst (same fonts) | ratio |")
    print("|---|---|---|---|")
    for case, name, ext, peer in [
        ("seed → PDF", "seed", "pdf", "seed.typ"),
        ("tiny → PDF", "tiny", "pdf", "tiny.typ"),
        ("seed×50 → PDF", "seed50", "pdf", "seed50.typ"),
        ("seed → DOCX", "seed", "docx", None),
    ]:
        ours = instructions(cj(name, ext))
        if TYPST and peer:
            theirs = instructions(typst_cmd(b(peer), o("cg-typst.pdf")))
            row(case, f"{ours / 1e6:,.1f} M", f"{theirs / 1e6:,.1f} M", ratio(theirs, ours))
        else:
            row(case, f"{ours / 1e6:,.1f} M")
    shutil.rmtree(out, ignore_errors=True)


if __name__ == "__main__":
    main()
