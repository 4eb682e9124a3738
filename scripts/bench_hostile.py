#!/usr/bin/env python3
"""Scaling of cjkdoc on inputs that were quadratic (issue 13): each case at four sizes,
doubling, with the time and peak memory of the whole process. Linear time shows as a
time per unit of input that stays flat from size to size (and each doubling about
doubling the time); the seed's conversion to PDF, measured in the same run, is the unit
the times are also given in.

    scripts/bench-hostile.sh          (builds the release binary, then runs this)
"""
import os
import subprocess
import sys
import tempfile
import time

BIN = os.path.join(os.path.dirname(__file__), "..", "target", "release", "cjkdoc")
SEED = os.path.join(os.path.dirname(__file__), "..", "fixtures", "seed.txt")


def run(path, fmt):
    """Seconds and peak RSS (MB) of converting `path` to `fmt`."""
    out = path + "." + fmt
    start = time.monotonic()
    p = subprocess.Popen(
        [BIN, "convert", path, "-o", out, "--quiet"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    _, status, usage = os.wait4(p.pid, 0)
    elapsed = time.monotonic() - start
    err = p.stderr.read().decode(errors="replace")
    if status != 0:
        sys.exit(f"{path} → {fmt}: exit {status}: {err}")
    os.remove(out)
    return elapsed, usage.ru_maxrss / 1024


def notes(n):
    return "".join(f"text[^{i}] " for i in range(n)) + "\n\n" + "".join(
        f"[^{i}]: note {i}\n" for i in range(n)
    )


def refs(n):
    return "".join(f"[l{i}] " for i in range(n)) + "\n\n" + "".join(
        f"[l{i}]: http://e.com/{i}\n" for i in range(n)
    )


def big(size):
    para = "这是一段中文文字，包含 English words 和 **强调** 以及 `code`。" * 5 + "\n\n"
    parts, total, i = [], 0, 0
    while total < size:
        s = f"## 第{i}节\n\n{para}- 项目 {i}\n- 项目 {i + 1}\n\n"
        parts.append(s)
        total += len(s.encode())
        i += 1
    return "".join(parts)


# (name, unit, sizes, make(n) -> text, extension, formats)
CASES = [
    ("unbreakable ASCII line", "MB", [0.625, 1.25, 2.5, 5],
     lambda n: "x" * int(n * 1_000_000) + "\n", "txt", ["pdf", "docx", "md"]),
    ("code line", "MB", [0.125, 0.25, 0.5, 1],
     lambda n: "```\n" + "ab" * int(n * 500_000) + "\n```\n", "md", ["pdf"]),
    ("one paragraph 'ab '", "MB", [0.6, 1.2, 2.4, 4.8],
     lambda n: "ab " * int(n * 1_000_000 / 3) + "\n", "md", ["md", "pdf"]),
    ("inline <div>", "k tags", [12.5, 25, 50, 100],
     lambda n: "a " + "<div>" * int(n * 1000) + "\n", "md", ["pdf", "md"]),
    ("footnotes", "k notes", [1.25, 2.5, 5, 10],
     lambda n: notes(int(n * 1000)), "md", ["md", "pdf", "docx", "html"]),
    ("link references", "k refs", [6.25, 12.5, 25, 50],
     lambda n: refs(int(n * 1000)), "md", ["md", "docx", "pdf"]),
    ("references to one note", "k refs", [5, 10, 20, 40],
     lambda n: "a[^1] " * int(n * 1000) + "\n\n[^1]: the note\n", "md", ["pdf", "md"]),
    ("headings in a row", "k headings", [6.25, 12.5, 25, 50],
     lambda n: "".join(f"# h{i}\n" for i in range(int(n * 1000))), "md", ["pdf", "docx"]),
    ("mixed Markdown", "MB", [2.5, 5, 10, 20],
     lambda n: big(int(n * 1_000_000)), "md", ["pdf"]),
]


def main():
    seed, _ = min(run(SEED, "pdf") for _ in range(3))
    print(f"seed → PDF: {seed:.3f} s (the unit of the 'seeds' column)\n")
    with tempfile.TemporaryDirectory() as d:
        for name, unit, sizes, make, ext, formats in CASES:
            for fmt in formats:
                print(f"{name} → {fmt}")
                print(f"  {'size':>10} {'seconds':>8} {'seeds':>7} {'s per ' + unit:>12} {'peak MB':>8}")
                for n in sizes:
                    path = os.path.join(d, f"case.{ext}")
                    with open(path, "w") as f:
                        f.write(make(n))
                    t, rss = run(path, fmt)
                    print(f"  {n:>7} {unit:<3}{t:>8.2f} {t / seed:>7.1f} {t / n:>12.3f} {rss:>8.0f}")
                    os.remove(path)
                print()


if __name__ == "__main__":
    main()
