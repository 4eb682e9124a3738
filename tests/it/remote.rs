//! Remote images, fetched from an HTTP server the test starts on loopback (no test reaches
//! the internet): every format in the PDF and the DOCX, the cache (counted requests),
//! failures (404, timeout, redirect loop, oversized bodies) and `--offline` / `--sandbox`.

use crate::cli::cjkdoc;
use crate::docx::unzip;
use std::collections::HashMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// What the server answers for a path.
#[derive(Clone)]
enum Route {
    /// An image: its bytes and type, with an `ETag` (and `Cache-Control: max-age` when
    /// given).
    Image {
        bytes: Vec<u8>,
        mime: &'static str,
        max_age: Option<u64>,
    },
    /// A redirect.
    Redirect(&'static str),
    /// An answer after this long.
    Slow(Duration),
    /// A header claiming this many bytes, and a few.
    Claims(u64),
    /// This many bytes without a length (the connection's end ends it).
    Streams(usize),
}

/// One request the server saw.
#[derive(Debug, Clone)]
struct Seen {
    path: String,
    /// It carried `If-None-Match` or `If-Modified-Since`.
    conditional: bool,
    /// The status answered.
    status: u16,
}

/// A tiny HTTP/1.1 server on 127.0.0.1 (a thread per connection, `Connection: close`). It
/// also answers `CONNECT` and absolute-form requests (`GET http://host/path`), so that it
/// can stand in as the proxy of made-up hosts.
struct Server {
    addr: SocketAddr,
    seen: Arc<Mutex<Vec<Seen>>>,
}

impl Server {
    fn start(routes: HashMap<&'static str, Route>) -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let addr = listener.local_addr().unwrap();
        let seen = Arc::new(Mutex::new(Vec::new()));
        let routes = Arc::new(routes);
        let log = Arc::clone(&seen);
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let routes = Arc::clone(&routes);
                let log = Arc::clone(&log);
                std::thread::spawn(move || {
                    let _ = serve(stream, &routes, &log);
                });
            }
        });
        Server { addr, seen }
    }

    fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }

    /// The requests seen so far, and forget them.
    fn take(&self) -> Vec<Seen> {
        std::mem::take(&mut *self.seen.lock().unwrap())
    }
}

fn serve(
    stream: TcpStream,
    routes: &HashMap<&'static str, Route>,
    log: &Mutex<Vec<Seen>>,
) -> std::io::Result<()> {
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut line = String::new();
    reader.read_line(&mut line)?;
    // As a proxy: a tunnel (ureq asks for one for http: URLs too), then the request in it.
    if line.starts_with("CONNECT ") {
        loop {
            let mut h = String::new();
            if reader.read_line(&mut h)? == 0 || h == "\r\n" {
                break;
            }
        }
        (&stream).write_all(b"HTTP/1.1 200 Connection established\r\n\r\n")?;
        line.clear();
        reader.read_line(&mut line)?;
    }
    let target = line.split_whitespace().nth(1).unwrap_or("/").to_string();
    // Absolute form (through a proxy): keep the path.
    let path = match target.strip_prefix("http://") {
        Some(rest) => rest.find('/').map_or("/".into(), |i| rest[i..].to_string()),
        None => target,
    };
    let mut conditional = false;
    let mut etag_asked = None;
    loop {
        let mut h = String::new();
        if reader.read_line(&mut h)? == 0 || h == "\r\n" {
            break;
        }
        let lower = h.to_ascii_lowercase();
        if lower.starts_with("if-none-match:") {
            conditional = true;
            etag_asked = Some(h["if-none-match:".len()..].trim().to_string());
        }
        if lower.starts_with("if-modified-since:") {
            conditional = true;
        }
    }
    let mut out = stream;
    let record = |status: u16| {
        log.lock().unwrap().push(Seen {
            path: path.clone(),
            conditional,
            status,
        })
    };
    match routes.get(path.as_str()) {
        None => {
            record(404);
            out.write_all(
                b"HTTP/1.1 404 Not Found\r\nContent-Length: 9\r\nConnection: close\r\n\r\nnot found",
            )?;
        }
        Some(Route::Image {
            bytes,
            mime,
            max_age,
        }) => {
            let etag = format!("\"{}-{}\"", bytes.len(), path.len());
            let control = max_age.map_or(String::new(), |a| {
                format!("Cache-Control: public, max-age={a}\r\n")
            });
            if etag_asked.as_deref() == Some(etag.as_str()) {
                record(304);
                write!(
                    out,
                    "HTTP/1.1 304 Not Modified\r\nETag: {etag}\r\n{control}Connection: close\r\n\r\n"
                )?;
            } else {
                record(200);
                write!(
                    out,
                    "HTTP/1.1 200 OK\r\nContent-Type: {mime}\r\nContent-Length: {}\r\nETag: {etag}\r\n{control}Connection: close\r\n\r\n",
                    bytes.len()
                )?;
                out.write_all(bytes)?;
            }
        }
        Some(Route::Redirect(to)) => {
            record(302);
            write!(
                out,
                "HTTP/1.1 302 Found\r\nLocation: {to}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
            )?;
        }
        Some(Route::Slow(d)) => {
            record(200);
            std::thread::sleep(*d);
            out.write_all(b"HTTP/1.1 200 OK\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")?;
        }
        Some(Route::Claims(n)) => {
            record(200);
            write!(
                out,
                "HTTP/1.1 200 OK\r\nContent-Type: image/png\r\nContent-Length: {n}\r\nConnection: close\r\n\r\n"
            )?;
            out.write_all(&[0u8; 1024])?;
        }
        Some(Route::Streams(n)) => {
            record(200);
            out.write_all(
                b"HTTP/1.1 200 OK\r\nContent-Type: image/png\r\nConnection: close\r\n\r\n",
            )?;
            let chunk = vec![0u8; 1 << 16];
            let mut left = *n;
            while left > 0 {
                let k = left.min(chunk.len());
                // The client stops reading at its limit and closes.
                if out.write_all(&chunk[..k]).is_err() {
                    break;
                }
                left -= k;
            }
        }
    }
    out.flush()?;
    // Let the client finish reading before the socket closes.
    let _ = out.shutdown(std::net::Shutdown::Write);
    let _ = reader.read(&mut [0u8; 16]);
    Ok(())
}

/// An image of `w` × `h` in `format`: a colour gradient with a dark band, different for
/// each `seed`.
pub(crate) fn picture(w: u32, h: u32, seed: u32, format: image::ImageFormat) -> Vec<u8> {
    let img = image::RgbImage::from_fn(w, h, |x, y| {
        let band = (y * 5 / h.max(1)) == 2 && (x * 7 / w.max(1)).is_multiple_of(2);
        let r = (x * 255 / w.max(1) + seed * 53) % 256;
        let g = (y * 255 / h.max(1) + seed * 97) % 256;
        let b = (seed * 31 + 120) % 256;
        if band {
            image::Rgb([40, 40, 60])
        } else {
            image::Rgb([r as u8, g as u8, b as u8])
        }
    });
    let mut out = Vec::new();
    image::DynamicImage::ImageRgb8(img)
        .write_to(&mut std::io::Cursor::new(&mut out), format)
        .unwrap();
    out
}

/// A small SVG chart: a frame, bars and a line (paths), and a Chinese label.
const CHART_SVG: &str = r##"<svg xmlns="http://www.w3.org/2000/svg" width="300" height="150" viewBox="0 0 300 150">
<rect x="0.5" y="0.5" width="299" height="149" fill="#f6f6f6" stroke="#999"/>
<path d="M30 120 L30 60 L60 60 L60 120 Z M90 120 L90 40 L120 40 L120 120 Z" fill="#2a6fb0"/>
<path d="M20 100 C 80 20, 160 140, 280 30" stroke="#c02020" stroke-width="3" fill="none"/>
<text x="150" y="140" font-size="12" text-anchor="middle">季度销售额</text>
</svg>"##;

fn image_route(bytes: Vec<u8>, mime: &'static str) -> Route {
    Route::Image {
        bytes,
        mime,
        max_age: None,
    }
}

/// The image XObjects of a PDF (soft masks not counted) and its form XObjects' content.
fn pdf_xobjects(path: &Path) -> (usize, Vec<String>) {
    let doc = lopdf::Document::load(path).unwrap();
    let images = crate::hostile::pdf_images(path);
    let forms = doc
        .objects
        .values()
        .filter_map(|o| o.as_stream().ok())
        .filter(|s| s.dict.get(b"Subtype").and_then(|o| o.as_name()).ok() == Some(b"Form"))
        .map(|s| {
            let content = s
                .decompressed_content()
                .unwrap_or_else(|_| s.content.clone());
            String::from_utf8_lossy(&content).into_owned()
        })
        .collect();
    (images, forms)
}

/// The parts of a DOCX by name.
fn docx_parts(path: &Path) -> HashMap<String, Vec<u8>> {
    unzip(&std::fs::read(path).unwrap()).into_iter().collect()
}

fn stderr_of(run: &std::process::Output) -> String {
    String::from_utf8_lossy(&run.stderr).into_owned()
}

/// The warnings of a run (notes left out).
fn warnings(run: &std::process::Output) -> Vec<String> {
    stderr_of(run)
        .lines()
        .filter(|l| l.contains("warning:"))
        .map(str::to_owned)
        .collect()
}

#[test]
fn remote_images_of_every_format_are_drawn_and_come_from_the_cache_the_second_time() {
    let png = picture(120, 80, 1, image::ImageFormat::Png);
    let mut routes = HashMap::new();
    routes.insert("/chart.png", image_route(png.clone(), "image/png"));
    // The same bytes at another URL: one picture.
    routes.insert("/copy-of-chart.png", image_route(png, "image/png"));
    routes.insert(
        "/photo.jpg",
        image_route(picture(160, 100, 2, image::ImageFormat::Jpeg), "image/jpeg"),
    );
    // WebP served without an extension, as CDNs do.
    routes.insert(
        "/cdn/abc123",
        image_route(picture(100, 100, 3, image::ImageFormat::WebP), "image/webp"),
    );
    routes.insert(
        "/anim.gif",
        Route::Image {
            bytes: picture(90, 60, 4, image::ImageFormat::Gif),
            mime: "image/gif",
            // Fresh for an hour: the second run sends no request for it.
            max_age: Some(3600),
        },
    );
    routes.insert(
        "/chart.svg",
        image_route(CHART_SVG.as_bytes().to_vec(), "image/svg+xml"),
    );
    let server = Server::start(routes);
    let dir = tempfile::tempdir().unwrap();
    let cache = dir.path().join("cache");
    let md = format!(
        "# 远程图片\n\n![PNG 图表]({})\n\n![JPEG 照片]({})\n\n![WebP 图]({})\n\n![GIF 图]({})\n\n![SVG 图表]({})\n\n再用一次：\n\n![PNG 图表]({})\n\n![同一张图]({})\n",
        server.url("/chart.png"),
        server.url("/photo.jpg"),
        server.url("/cdn/abc123"),
        server.url("/anim.gif"),
        server.url("/chart.svg"),
        server.url("/chart.png"),
        server.url("/copy-of-chart.png"),
    );
    std::fs::write(dir.path().join("a.md"), md).unwrap();
    let run = || {
        cjkdoc()
            .current_dir(dir.path())
            .args(["convert", "a.md", "--to", "pdf,docx", "--cache-dir"])
            .arg(&cache)
            .output()
            .unwrap()
    };

    let first = run();
    assert!(first.status.success(), "{}", stderr_of(&first));
    assert!(warnings(&first).is_empty(), "{}", stderr_of(&first));
    // Each URL once, though the document uses one twice and two formats are written.
    let mut seen = server.take();
    seen.sort_by(|a, b| a.path.cmp(&b.path));
    let paths: Vec<(&str, u16)> = seen.iter().map(|s| (s.path.as_str(), s.status)).collect();
    assert_eq!(
        paths,
        [
            ("/anim.gif", 200),
            ("/cdn/abc123", 200),
            ("/chart.png", 200),
            ("/chart.svg", 200),
            ("/copy-of-chart.png", 200),
            ("/photo.jpg", 200),
        ]
    );
    let check = |label: &str| {
        // PDF: PNG, JPEG, WebP and GIF as image XObjects (the PNG once for its three uses);
        // the SVG as a form XObject of path operators, not an image.
        let pdf = dir.path().join("a.pdf");
        let (images, forms) = pdf_xobjects(&pdf);
        assert_eq!(images, 4, "{label}");
        assert_eq!(forms.len(), 1, "{label}: {forms:?}");
        let ops: Vec<&str> = forms[0].split_whitespace().collect();
        for op in ["m", "l", "c", "f", "S"] {
            assert!(ops.contains(&op), "{label}: no {op} in the SVG's form");
        }
        // DOCX: one part per picture; the SVG as svgBlip with its PNG fallback.
        let parts = docx_parts(&dir.path().join("a.docx"));
        let mut media: Vec<&str> = parts
            .keys()
            .filter(|n| n.starts_with("word/media/"))
            .map(String::as_str)
            .collect();
        media.sort();
        assert_eq!(
            media,
            [
                "word/media/image1.png",
                "word/media/image2.jpeg",
                "word/media/image3.png",
                "word/media/image4.png",
                "word/media/image5.png",
                "word/media/image5.svg",
            ],
            "{label}"
        );
        assert!(parts["word/media/image5.svg"].starts_with(b"<svg"));
        assert!(parts["word/media/image3.png"].starts_with(b"\x89PNG"));
        let document = String::from_utf8(parts["word/document.xml"].clone()).unwrap();
        assert_eq!(document.matches("<w:drawing>").count(), 7, "{label}");
        assert_eq!(document.matches("<asvg:svgBlip").count(), 1, "{label}");
        let types = String::from_utf8(parts["[Content_Types].xml"].clone()).unwrap();
        assert!(types.contains(r#"Extension="svg" ContentType="image/svg+xml""#));
    };
    check("first run");
    crate::tools::ooxml_validate(&[&dir.path().join("a.docx")]);
    // LibreOffice renders every picture of the DOCX (7.x draws the SVG's PNG fallback).
    if let Some(soffice) = crate::tools::tool("soffice") {
        let lo = dir.path().join("lo");
        let out = std::process::Command::new(soffice)
            .arg("--headless")
            .arg(format!(
                "-env:UserInstallation=file://{}/profile",
                lo.display()
            ))
            .args(["--convert-to", "pdf", "--outdir"])
            .arg(&lo)
            .arg(dir.path().join("a.docx"))
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", stderr_of(&out));
        assert_eq!(crate::hostile::pdf_images(&lo.join("a.pdf")), 5);
    }

    // The second run: from the cache. The GIF is fresh (max-age) and not asked for; the
    // others are revalidated by their ETag and answered 304, without a body.
    let second = run();
    assert!(second.status.success(), "{}", stderr_of(&second));
    let mut seen = server.take();
    seen.sort_by(|a, b| a.path.cmp(&b.path));
    let paths: Vec<(&str, u16, bool)> = seen
        .iter()
        .map(|s| (s.path.as_str(), s.status, s.conditional))
        .collect();
    assert_eq!(
        paths,
        [
            ("/cdn/abc123", 304, true),
            ("/chart.png", 304, true),
            ("/chart.svg", 304, true),
            ("/copy-of-chart.png", 304, true),
            ("/photo.jpg", 304, true),
        ]
    );
    check("second run");
}

#[test]
fn failed_fetches_give_one_warning_each_and_the_alt_text() {
    let mut routes = HashMap::new();
    // A host that does not answer is not asked again in the run: the slow one has a
    // server of its own.
    let slow = Server::start(HashMap::from([(
        "/slow.png",
        Route::Slow(Duration::from_secs(4)),
    )]));
    routes.insert("/loop.png", Route::Redirect("/loop.png"));
    routes.insert("/claims.png", Route::Claims(100 << 20));
    routes.insert("/streams.png", Route::Streams(65 << 20));
    routes.insert(
        "/good.png",
        image_route(picture(40, 30, 5, image::ImageFormat::Png), "image/png"),
    );
    let server = Server::start(routes);
    let dir = tempfile::tempdir().unwrap();
    let alts = ["缺失的图", "太慢的图", "循环跳转", "声称太大", "实际太大"];
    let paths = [
        "/missing.png",
        "/slow.png",
        "/loop.png",
        "/claims.png",
        "/streams.png",
    ];
    let mut md = String::from("# 失败的图片\n\n");
    let url = |path: &str| {
        if path == "/slow.png" {
            slow.url(path)
        } else {
            server.url(path)
        }
    };
    for (alt, path) in alts.iter().zip(paths) {
        // Each twice: still one warning.
        md.push_str(&format!("![{alt}]({0})\n\n![{alt}]({0})\n\n", url(path)));
    }
    md.push_str(&format!("![好图]({})\n", server.url("/good.png")));
    std::fs::write(dir.path().join("a.md"), md).unwrap();
    let run = cjkdoc()
        .current_dir(dir.path())
        .args([
            "convert",
            "a.md",
            "--to",
            "pdf,docx",
            "--fetch-timeout",
            "1",
        ])
        .arg("--cache-dir")
        .arg(dir.path().join("cache"))
        .output()
        .unwrap();
    assert!(run.status.success(), "{}", stderr_of(&run));
    let w = warnings(&run);
    let reasons = [
        "HTTP 404 Not Found",
        "no answer within 1 s",
        "more than 5 redirects",
        "larger than 64 MiB",
        "larger than 64 MiB",
    ];
    assert_eq!(w.len(), 5, "{w:#?}");
    for (path, reason) in paths.iter().zip(reasons) {
        let url = url(path);
        let line = w
            .iter()
            .find(|l| l.contains(&format!("image {url}: ")))
            .unwrap_or_else(|| panic!("no warning for {url}: {w:#?}"));
        assert!(
            line.contains(reason) && line.ends_with("its alt text is shown instead"),
            "{line}"
        );
    }
    // The redirect loop was followed 5 times and given up on; each URL was asked for once.
    let mut seen = server.take();
    seen.extend(slow.take());
    let count = |p: &str| seen.iter().filter(|s| s.path == p).count();
    assert_eq!(count("/loop.png"), 6, "{seen:?}");
    for p in ["/missing.png", "/slow.png", "/claims.png", "/streams.png"] {
        assert_eq!(count(p), 1, "{p}: {seen:?}");
    }
    // The good image is drawn; the others show their alt text (twice each).
    assert_eq!(crate::hostile::pdf_images(&dir.path().join("a.pdf")), 1);
    let parts = docx_parts(&dir.path().join("a.docx"));
    let document = String::from_utf8(parts["word/document.xml"].clone()).unwrap();
    assert_eq!(document.matches("<w:drawing>").count(), 1);
    for alt in alts {
        assert_eq!(document.matches(alt).count(), 2, "{alt}");
    }
    if let Some(pdftotext) = crate::tools::tool("pdftotext") {
        let out = std::process::Command::new(pdftotext)
            .arg(dir.path().join("a.pdf"))
            .arg("-")
            .output()
            .unwrap();
        let text = String::from_utf8_lossy(&out.stdout);
        for alt in alts {
            assert_eq!(text.matches(alt).count(), 2, "{alt} in {text}");
        }
    }
}

/// A host that did not answer is not asked again in the same run: the second document's
/// image on it is not requested (a batch with a dead host waits one timeout, not one per
/// image); a later run tries again.
#[test]
fn a_host_that_does_not_answer_is_not_asked_again_in_the_run() {
    let server = Server::start(HashMap::from([
        ("/slow.png", Route::Slow(Duration::from_secs(3))),
        (
            "/fine.png",
            image_route(picture(20, 20, 8, image::ImageFormat::Png), "image/png"),
        ),
    ]));
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("a.md"),
        format!("![慢]({})\n", server.url("/slow.png")),
    )
    .unwrap();
    std::fs::write(
        dir.path().join("b.md"),
        format!("![好]({})\n", server.url("/fine.png")),
    )
    .unwrap();
    let run = |inputs: &[&str]| {
        cjkdoc()
            .current_dir(dir.path())
            .arg("convert")
            .args(inputs)
            .args(["--to", "pdf", "--out-dir", "out", "--jobs", "1"])
            .args(["--fetch-timeout", "1", "--cache-dir", "cache"])
            .output()
            .unwrap()
    };
    let first = run(&["a.md", "b.md"]);
    assert!(first.status.success(), "{}", stderr_of(&first));
    let w = warnings(&first);
    assert_eq!(w.len(), 2, "{w:?}");
    assert!(w[0].contains("no answer within 1 s"), "{w:?}");
    assert!(
        w[1].contains("/fine.png") && w[1].contains("could not be reached (no answer within 1 s)"),
        "{w:?}"
    );
    let seen: Vec<String> = server.take().into_iter().map(|s| s.path).collect();
    assert_eq!(seen, ["/slow.png"]);
    // A new run asks again.
    let second = run(&["b.md"]);
    assert!(warnings(&second).is_empty(), "{}", stderr_of(&second));
    assert_eq!(server.take().len(), 1);
}

#[test]
fn offline_uses_only_the_cache_and_sandbox_fetches_and_reads_nothing() {
    let mut routes = HashMap::new();
    routes.insert(
        "/a.png",
        image_route(picture(40, 30, 6, image::ImageFormat::Png), "image/png"),
    );
    routes.insert(
        "/b.jpg",
        image_route(picture(40, 30, 7, image::ImageFormat::Jpeg), "image/jpeg"),
    );
    let server = Server::start(routes);
    let dir = tempfile::tempdir().unwrap();
    let cache = dir.path().join("cache");
    let md = |paths: &[&str]| {
        paths
            .iter()
            .map(|p| format!("![图 {p}]({})\n\n", server.url(p)))
            .collect::<String>()
    };
    std::fs::write(dir.path().join("a.md"), md(&["/a.png"])).unwrap();
    std::fs::write(dir.path().join("ab.md"), md(&["/a.png", "/b.jpg"])).unwrap();
    let convert = |input: &str, extra: &[&str]| {
        cjkdoc()
            .current_dir(dir.path())
            .args(["convert", input, "--to", "pdf", "--cache-dir"])
            .arg(&cache)
            .args(extra)
            .output()
            .unwrap()
    };
    // Offline with an empty cache: nothing fetched, the alt text shown.
    let run = convert("a.md", &["--offline"]);
    assert!(run.status.success(), "{}", stderr_of(&run));
    let w = warnings(&run);
    assert_eq!(w.len(), 1, "{w:?}");
    assert!(w[0].contains("not in the image cache"), "{w:?}");
    assert_eq!(crate::hostile::pdf_images(&dir.path().join("a.pdf")), 0);
    assert!(server.take().is_empty());
    // Online once: a.png goes into the cache.
    let run = convert("a.md", &[]);
    assert!(warnings(&run).is_empty(), "{}", stderr_of(&run));
    assert_eq!(server.take().len(), 1);
    // Offline: a.png from the cache, b.jpg (never fetched) missing; no request.
    let run = convert("ab.md", &["--offline"]);
    let w = warnings(&run);
    assert_eq!(w.len(), 1, "{w:?}");
    assert!(
        w[0].contains("/b.jpg") && w[0].contains("--offline"),
        "{w:?}"
    );
    assert_eq!(crate::hostile::pdf_images(&dir.path().join("ab.pdf")), 1);
    assert!(server.take().is_empty());
    // Sandbox: not even the cache.
    let run = convert("ab.md", &["--sandbox"]);
    let w = warnings(&run);
    assert_eq!(w.len(), 2, "{w:?}");
    assert!(w.iter().all(|l| l.contains("--sandbox")), "{w:?}");
    assert_eq!(crate::hostile::pdf_images(&dir.path().join("ab.pdf")), 0);
    assert!(server.take().is_empty());
    // --offline and --sandbox together are a usage error.
    let run = convert("ab.md", &["--offline", "--sandbox"]);
    assert_eq!(run.status.code(), Some(2));
}

/// `fixtures/remote/article.md`: a Chinese weekly with 20 remote WebP and JPEG pictures
/// (photos, charts, a portrait one, two sized by `<img width>`, an inline icon) and two
/// SVG badges, its host made up (`img.cjkdoc.test`) and this test's server its HTTP proxy.
/// Every picture is drawn in the PDF and embedded in the DOCX, each fetched once.
/// `CJKDOC_KEEP_OUTPUT=dir` keeps the PDF and DOCX there, to look at.
#[test]
fn a_chinese_article_with_twenty_remote_pictures() {
    let article = crate::cli::fixture("remote/article.md");
    let text = std::fs::read_to_string(&article).unwrap();
    let urls: Vec<&str> = text
        .match_indices("http://img.cjkdoc.test/")
        .map(|(i, _)| {
            let rest = &text[i..];
            &rest[..rest.find([')', '"']).unwrap()]
        })
        .collect();
    assert_eq!(urls.len(), 22, "{urls:?}");
    // Pictures of the sizes such an article has.
    let sizes = [
        (1200, 675),
        (960, 640),
        (800, 450),
        (640, 800),
        (1600, 900),
        (2400, 1000),
        (600, 600),
    ];
    let mut routes = HashMap::new();
    let mut rasters = 0;
    for (n, url) in urls.iter().enumerate() {
        let path: &'static str = Box::leak(
            url.trim_start_matches("http://img.cjkdoc.test")
                .to_string()
                .into_boxed_str(),
        );
        let (w, h) = if path.contains("icon") {
            (32, 32)
        } else if path.contains("pylon") {
            (600, 1000)
        } else {
            sizes[n % sizes.len()]
        };
        let route = if path.ends_with(".svg") {
            let label = if path.contains("weekly") {
                "周刊"
            } else {
                "第 376 期"
            };
            image_route(
                format!(
                    r##"<svg xmlns="http://www.w3.org/2000/svg" width="90" height="20"><rect width="40" height="20" fill="#555"/><rect x="40" width="50" height="20" fill="#2a8"/><text x="20" y="14" fill="#fff" font-size="11" text-anchor="middle">科技</text><text x="65" y="14" fill="#fff" font-size="11" text-anchor="middle">{label}</text></svg>"##
                )
                .into_bytes(),
                "image/svg+xml",
            )
        } else if path.ends_with(".webp") {
            rasters += 1;
            image_route(
                picture(w, h, n as u32, image::ImageFormat::WebP),
                "image/webp",
            )
        } else {
            rasters += 1;
            image_route(
                picture(w, h, n as u32, image::ImageFormat::Jpeg),
                "image/jpeg",
            )
        };
        routes.insert(path, route);
    }
    assert_eq!(rasters, 20);
    let server = Server::start(routes);
    let dir = tempfile::tempdir().unwrap();
    let run = cjkdoc()
        .current_dir(dir.path())
        .arg("convert")
        .arg(&article)
        .args([
            "--to",
            "pdf,docx",
            "--out-dir",
            "out",
            "--cache-dir",
            "cache",
        ])
        .env("HTTP_PROXY", format!("http://{}", server.addr))
        .env_remove("NO_PROXY")
        .env_remove("no_proxy")
        .output()
        .unwrap();
    assert!(run.status.success(), "{}", stderr_of(&run));
    assert!(warnings(&run).is_empty(), "{}", stderr_of(&run));
    let seen = server.take();
    assert_eq!(seen.len(), 22, "{seen:?}");
    assert!(seen.iter().all(|s| s.status == 200), "{seen:?}");
    let pdf = dir.path().join("out/article.pdf");
    let docx = dir.path().join("out/article.docx");
    if let Some(keep) = std::env::var_os("CJKDOC_KEEP_OUTPUT") {
        let keep = std::path::PathBuf::from(keep);
        std::fs::create_dir_all(&keep).unwrap();
        std::fs::copy(&pdf, keep.join("article.pdf")).unwrap();
        std::fs::copy(&docx, keep.join("article.docx")).unwrap();
    }
    let (images, forms) = pdf_xobjects(&pdf);
    assert_eq!((images, forms.len()), (20, 2));
    let parts = docx_parts(&docx);
    let media = parts
        .keys()
        .filter(|n| n.starts_with("word/media/"))
        .count();
    // 20 pictures, and each badge as a PNG and its SVG.
    assert_eq!(media, 24);
    crate::tools::ooxml_validate(&[&docx]);
}
