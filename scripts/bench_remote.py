#!/usr/bin/env python3
"""Remote images: fixtures/remote/article.md (20 WebP/JPEG pictures and 2 SVG badges on
a made-up host) converted to DOCX by cjkdoc and by pandoc in the same run, the pictures
served from loopback by this script with a delay per request standing in for a CDN's
round trip (BENCH_DELAY_MS, default 80). Called by scripts/bench-remote.sh, which builds
the release binary first.

The server answers every path with a PNG (a gradient of the path's size class, made with
zlib: no imaging library needed) and an ETag, and is the HTTP proxy of both tools
(HTTP_PROXY), so the article's URLs stay as written.

Rows: cjkdoc with an empty cache (the first CI run), cjkdoc with the cache of that run
(revalidated with If-None-Match: 304s), cjkdoc --offline (the cache only), and pandoc
(which fetches each image in turn and keeps nothing). ratio = pandoc / cjkdoc. Median of
BENCH_RUNS (default 5) runs; the number of requests the server saw per run is printed.
"""

import http.server
import os
import re
import shutil
import socketserver
import statistics
import struct
import subprocess
import sys
import threading
import time
import zlib

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from bench import CJKDOC, PANDOC, ROOT, ms  # noqa: E402

RUNS = int(os.environ.get("BENCH_RUNS", "5"))
DELAY = float(os.environ.get("BENCH_DELAY_MS", "80")) / 1000
WORK = os.path.join(ROOT, "target", "bench", "remote")
ARTICLE = os.path.join(ROOT, "fixtures", "remote", "article.md")


def png(w, h, seed):
    rows = bytearray()
    for y in range(h):
        rows.append(0)
        for x in range(w):
            rows += bytes(((x * 255 // w + seed * 53) % 256, (y * 255 // h + seed * 97) % 256, (seed * 31 + 120) % 256))
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(bytes(rows), 6)) + chunk(b"IEND", b""))


SIZES = [(1200, 675), (960, 640), (800, 450), (640, 800), (1600, 900)]
SEEN = []
IMAGES = {}


def make_images():
    """Every picture the article links to, made before the clock starts (pure-Python PNG
    encoding is slow and holds the GIL: made per request it would be what is measured)."""
    with open(ARTICLE, encoding="utf-8") as f:
        urls = re.findall(r"http://img\.cjkdoc\.test(/[^\s)\"]+)", f.read())
    images = {}
    for i, path in enumerate(dict.fromkeys(urls)):
        small = "icon" in path or "badge" in path
        images[path] = png(*((32, 32) if small else SIZES[i % len(SIZES)]), i)
    return images


class Handler(http.server.BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def do_CONNECT(self):
        # A tunnel; the request inside it is plain HTTP (the article's URLs are http:).
        self.send_response(200, "Connection established")
        self.end_headers()
        self.close_connection = False

    def do_GET(self):
        path = self.path.split("://", 1)[-1]
        path = path[path.find("/"):]
        time.sleep(DELAY)
        body = IMAGES.get(path)
        if body is None:
            self.send_error(404)
            return
        etag = '"%d"' % zlib.crc32(body)
        if self.headers.get("If-None-Match") == etag:
            SEEN.append(304)
            self.send_response(304)
            self.send_header("ETag", etag)
            self.end_headers()
            return
        SEEN.append(200)
        self.send_response(200)
        self.send_header("Content-Type", "image/png")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("ETag", etag)
        self.end_headers()
        self.wfile.write(body)


class Server(socketserver.ThreadingMixIn, http.server.HTTPServer):
    daemon_threads = True


def timed(cmd, env):
    SEEN.clear()
    t = time.perf_counter()
    p = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, env=env)
    took = time.perf_counter() - t
    if p.returncode != 0:
        sys.exit(f"{' '.join(cmd)} failed: {p.stderr.strip()}")
    return took, len(SEEN), SEEN.count(200)


def main():
    IMAGES.update(make_images())
    shutil.rmtree(WORK, ignore_errors=True)
    os.makedirs(WORK)
    server = Server(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    env = dict(os.environ)
    for k in ("ALL_PROXY", "all_proxy", "HTTPS_PROXY", "https_proxy", "NO_PROXY", "no_proxy"):
        env.pop(k, None)
    env["HTTP_PROXY"] = env["http_proxy"] = "http://127.0.0.1:%d" % server.server_address[1]
    cache = os.path.join(WORK, "cache")
    out = os.path.join(WORK, "article.docx")
    cj = [CJKDOC, "convert", ARTICLE, "-o", out, "--cache-dir", cache, "-q"]
    rows = []

    def measure(name, cmd, before=None):
        times, seen = [], None
        for i in range(RUNS + 1):
            if before:
                before()
            t, n, bodies = timed(cmd, env)
            if i:
                times.append(t)
                seen = (n, bodies)
        rows.append((name, statistics.median(times), seen))

    measure("cjkdoc, empty cache", cj, lambda: shutil.rmtree(cache, ignore_errors=True))
    measure("cjkdoc, cache of the run before", cj)
    measure("cjkdoc --offline", cj + ["--offline"])
    if PANDOC:
        measure("pandoc", [PANDOC, ARTICLE, "-o", os.path.join(WORK, "pandoc.docx")])
    else:
        print("skipped: pandoc not installed")
    first = rows[0][1]
    print(f"article → DOCX, 22 remote images, {DELAY * 1000:.0f} ms per request, median of {RUNS}:")
    for name, t, (n, bodies) in rows:
        r = f"{t / first:.2f}× cjkdoc's cold run" if name != rows[0][0] else ""
        print(f"  {name:34} {ms(t):>10}  {n:2} requests, {bodies:2} bodies  {r}")
    if PANDOC:
        print(f"  ratio pandoc / cjkdoc (cold): {rows[-1][1] / first:.1f}×")


if __name__ == "__main__":
    main()
