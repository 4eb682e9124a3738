//! Fetching the remote images a document refers to (`http:` and `https:` URLs), with an
//! on-disk cache, for [`crate::images`].
//!
//! A [`Remote`] is made once per process and shared by every conversion (and thread) of a
//! run: it holds the HTTP agent (its connection pool), the cache folder and what it has
//! fetched so far, so that a batch fetches each URL once however many documents use it.
//! The writers themselves do no I/O: they get the bytes through [`crate::resource::Access`].
//!
//! - **Online** (the CLI's default): a URL is fetched with a connect timeout and an overall
//!   timeout, at most [`MAX_REDIRECTS`] redirects and a size cap; a fetched image is kept in
//!   the cache folder (the platform's, e.g. `~/.cache/cjkdoc/images`, or `--cache-dir`),
//!   keyed by its URL, with the response's `ETag`, `Last-Modified` and `Cache-Control:
//!   max-age`. A cached image still fresh by its `max-age` is used without a request; one
//!   with a validator is revalidated (`If-None-Match` / `If-Modified-Since`: a `304` costs
//!   no body); when the server cannot be reached, a cached copy is used anyway.
//! - **Offline** (`--offline`): only the cache, never the network.
//! - **Sandbox** (`--sandbox`): neither the network nor the cache.

use sha2::Digest;
use std::collections::HashMap;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// The most redirects followed for one image.
pub const MAX_REDIRECTS: u32 = 5;

/// The default overall timeout of one fetch (connect, headers and body).
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(30);

/// What a [`Remote`] may do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Policy {
    /// Fetch (and revalidate) through the cache.
    #[default]
    Online,
    /// Use only what the cache holds.
    Offline,
    /// Fetch nothing and read no cache.
    Sandbox,
}

/// How a [`Remote`] is set up.
#[derive(Debug, Clone)]
pub struct RemoteOptions {
    /// What it may do.
    pub policy: Policy,
    /// The cache folder; `None`: no cache (every run fetches again).
    pub cache_dir: Option<PathBuf>,
    /// The overall timeout of one fetch; the connect timeout is a third of it (at most 10 s).
    pub timeout: Duration,
    /// The largest body accepted.
    pub max_bytes: u64,
}

impl Default for RemoteOptions {
    fn default() -> Self {
        RemoteOptions {
            policy: Policy::Online,
            cache_dir: default_cache_dir(),
            timeout: DEFAULT_TIMEOUT,
            max_bytes: crate::resource::MAX_RESOURCE_BYTES,
        }
    }
}

/// The platform's cache folder for cjkdoc's images (`$XDG_CACHE_HOME/cjkdoc/images`,
/// `~/Library/Caches/cjkdoc/images`, `%LOCALAPPDATA%\cjkdoc\cache\images`), if there is a
/// home folder.
pub fn default_cache_dir() -> Option<PathBuf> {
    directories::ProjectDirs::from("", "", "cjkdoc").map(|d| d.cache_dir().join("images"))
}

/// What a [`Remote`] did, for reports and tests.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RemoteStats {
    /// Requests sent (conditional ones included).
    pub requests: usize,
    /// Bodies received (`200` responses).
    pub downloads: usize,
    /// Images served from the cache (fresh, revalidated by `304`, or offline).
    pub from_cache: usize,
}

/// The remote-image fetcher of one process (see the module header).
pub struct Remote {
    options: RemoteOptions,
    agent: Option<ureq::Agent>,
    /// URL → what fetching it gave, once per process.
    fetched: Mutex<HashMap<String, Arc<OnceLock<Fetched>>>>,
    /// Hosts that could not be reached (no answer, no connection, no such host), and why:
    /// their other URLs are not tried again in this run, so that a document with a
    /// hundred images on a dead host (or a CI job without a network) does not wait a
    /// hundred timeouts.
    unreachable: Mutex<HashMap<String, String>>,
    requests: AtomicUsize,
    downloads: AtomicUsize,
    from_cache: AtomicUsize,
}

type Fetched = Result<Arc<Vec<u8>>, String>;

impl std::fmt::Debug for Remote {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Remote")
            .field("options", &self.options)
            .finish_non_exhaustive()
    }
}

/// What the cache keeps beside an image's bytes.
#[derive(Debug, Default, serde::Serialize, serde::Deserialize)]
struct Entry {
    url: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    etag: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    last_modified: Option<String>,
    /// Seconds since 1970 when the image was fetched or last revalidated.
    checked: u64,
    /// `Cache-Control: max-age`, seconds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    max_age: Option<u64>,
}

impl Remote {
    /// A fetcher with these options.
    pub fn new(options: RemoteOptions) -> Remote {
        let agent = (options.policy == Policy::Online).then(|| {
            let connect = (options.timeout / 3).min(Duration::from_secs(10));
            ureq::Agent::config_builder()
                .timeout_global(Some(options.timeout))
                .timeout_connect(Some(connect))
                .max_redirects(MAX_REDIRECTS)
                .max_redirects_will_error(true)
                .http_status_as_error(false)
                .user_agent(concat!("cjkdoc/", env!("CARGO_PKG_VERSION")))
                .accept("image/png,image/jpeg,image/webp,image/gif,image/svg+xml,image/*;q=0.8")
                .build()
                .new_agent()
        });
        Remote {
            options,
            agent,
            fetched: Mutex::new(HashMap::new()),
            unreachable: Mutex::new(HashMap::new()),
            requests: AtomicUsize::new(0),
            downloads: AtomicUsize::new(0),
            from_cache: AtomicUsize::new(0),
        }
    }

    /// What it may do.
    pub fn policy(&self) -> Policy {
        self.options.policy
    }

    /// What it has done so far.
    pub fn stats(&self) -> RemoteStats {
        RemoteStats {
            requests: self.requests.load(Ordering::Relaxed),
            downloads: self.downloads.load(Ordering::Relaxed),
            from_cache: self.from_cache.load(Ordering::Relaxed),
        }
    }

    /// The bytes at `url` (an `http:` or `https:` URL), or why not in one phrase. Each URL
    /// is fetched at most once per [`Remote`]; later calls (from any thread) get the same
    /// answer.
    pub fn get(&self, url: &str) -> Result<Arc<Vec<u8>>, String> {
        let cell = {
            let mut map = self.fetched.lock().unwrap_or_else(|e| e.into_inner());
            Arc::clone(map.entry(url.to_string()).or_default())
        };
        cell.get_or_init(|| self.fetch(url)).clone()
    }

    fn fetch(&self, url: &str) -> Fetched {
        if !is_remote(url) {
            return Err("only http: and https: URLs are fetched".into());
        }
        let Some(agent) = &self.agent else {
            return match self.options.policy {
                Policy::Sandbox => Err("remote images are not fetched with --sandbox".into()),
                _ => match self.cached(url) {
                    Some((_, bytes)) => self.served_from_cache(bytes),
                    None => Err("not in the image cache, and --offline fetches nothing".into()),
                },
            };
        };
        let mut cached = self.cached(url);
        let now = now_secs();
        let fresh = |(entry, _): &mut (Entry, Vec<u8>)| {
            entry
                .max_age
                .is_some_and(|age| now.saturating_sub(entry.checked) < age)
        };
        if let Some((_, bytes)) = cached.take_if(fresh) {
            return self.served_from_cache(bytes);
        }
        let host = host_of(url);
        let dead = self
            .unreachable
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .get(host)
            .cloned();
        if let Some(why) = dead {
            return match cached {
                Some((_, bytes)) => self.served_from_cache(bytes),
                None => Err(format!("not fetched: {host} could not be reached ({why})")),
            };
        }
        let mut request = agent.get(url);
        if let Some((entry, _)) = &cached {
            if let Some(etag) = &entry.etag {
                request = request.header("If-None-Match", etag);
            }
            if let Some(lm) = &entry.last_modified {
                request = request.header("If-Modified-Since", lm);
            }
        }
        self.requests.fetch_add(1, Ordering::Relaxed);
        let outcome = self.receive(request.call());
        if let Err(Failure::Unreachable(why)) = &outcome {
            self.unreachable
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .insert(host.to_string(), why.clone());
        }
        match (outcome, cached) {
            (Ok(Received::NotModified(max_age)), Some((mut entry, bytes))) => {
                entry.checked = now;
                entry.max_age = max_age.or(entry.max_age);
                self.store(url, &entry, None);
                self.served_from_cache(bytes)
            }
            (Ok(Received::NotModified(_)), None) => {
                Err("the server answered 304 Not Modified to a plain request".into())
            }
            (Ok(Received::Body(entry, bytes)), _) => {
                self.downloads.fetch_add(1, Ordering::Relaxed);
                if let Some(mut entry) = entry {
                    entry.url = url.to_string();
                    entry.checked = now;
                    self.store(url, &entry, Some(&bytes));
                }
                Ok(Arc::new(bytes))
            }
            // The server cannot be reached or failed: a copy fetched before will do.
            (Err(Failure::Transport(_) | Failure::Unreachable(_)), Some((_, bytes))) => {
                self.served_from_cache(bytes)
            }
            (Err(Failure::Transport(e) | Failure::Unreachable(e) | Failure::Refused(e)), _) => {
                Err(e)
            }
        }
    }

    /// The cache's copy of an image as the answer (counted in [`RemoteStats::from_cache`]).
    fn served_from_cache(&self, bytes: Vec<u8>) -> Fetched {
        self.from_cache.fetch_add(1, Ordering::Relaxed);
        Ok(Arc::new(bytes))
    }

    /// A response: its body, or that the cached copy is still good.
    fn receive(
        &self,
        response: Result<ureq::http::Response<ureq::Body>, ureq::Error>,
    ) -> Result<Received, Failure> {
        let timeout = self.options.timeout.as_secs_f32();
        let max = self.options.max_bytes;
        let too_large = || Failure::Refused(format!("larger than {} MiB", max >> 20));
        let transport = |e: ureq::Error| match e {
            ureq::Error::Timeout(_) => {
                Failure::Unreachable(format!("no answer within {timeout} s"))
            }
            ureq::Error::TooManyRedirects => {
                Failure::Refused(format!("more than {MAX_REDIRECTS} redirects"))
            }
            ureq::Error::BodyExceedsLimit(_) => too_large(),
            ureq::Error::HostNotFound => Failure::Unreachable("host not found".into()),
            ureq::Error::ConnectionFailed => Failure::Unreachable("cannot connect".into()),
            ureq::Error::Io(e) => Failure::Transport(crate::resource::io_reason(&e)),
            e => Failure::Transport(e.to_string()),
        };
        let mut response = response.map_err(transport)?;
        let status = response.status();
        let header = |name: &str| {
            response
                .headers()
                .get(name)
                .and_then(|v| v.to_str().ok())
                .map(str::to_string)
        };
        let control = header("cache-control")
            .unwrap_or_default()
            .to_ascii_lowercase();
        let max_age = cache_max_age(&control);
        if status == 304 {
            return Ok(Received::NotModified(max_age));
        }
        if !status.is_success() {
            let reason = status.canonical_reason().unwrap_or("");
            let e = format!("HTTP {} {reason}", status.as_u16());
            return Err(if status.is_server_error() {
                Failure::Transport(e.trim_end().into())
            } else {
                Failure::Refused(e.trim_end().into())
            });
        }
        if header("content-length")
            .and_then(|l| l.trim().parse::<u64>().ok())
            .is_some_and(|l| l > max)
        {
            return Err(too_large());
        }
        let entry = (!control.contains("no-store")).then(|| Entry {
            etag: header("etag"),
            last_modified: header("last-modified"),
            max_age,
            ..Entry::default()
        });
        let mut bytes = Vec::new();
        response
            .body_mut()
            .as_reader()
            .take(max + 1)
            .read_to_end(&mut bytes)
            .map_err(|e| match e.kind() {
                std::io::ErrorKind::TimedOut => {
                    Failure::Transport(format!("no answer within {timeout} s"))
                }
                _ => Failure::Transport(crate::resource::io_reason(&e)),
            })?;
        if bytes.len() as u64 > max {
            return Err(too_large());
        }
        Ok(Received::Body(entry, bytes))
    }

    /// The cache's files for `url`: metadata and bytes.
    fn paths(&self, url: &str) -> Option<(PathBuf, PathBuf)> {
        let dir = self.options.cache_dir.as_ref()?;
        let key = sha2::Sha256::digest(url.as_bytes());
        let hex: String = key[..16].iter().map(|b| format!("{b:02x}")).collect();
        Some((
            dir.join(format!("{hex}.json")),
            dir.join(format!("{hex}.bin")),
        ))
    }

    /// The cached entry and bytes of `url`, if the cache has them (for this very URL).
    fn cached(&self, url: &str) -> Option<(Entry, Vec<u8>)> {
        if self.options.policy == Policy::Sandbox {
            return None;
        }
        let (meta, body) = self.paths(url)?;
        let entry: Entry = serde_json::from_slice(&std::fs::read(meta).ok()?).ok()?;
        if entry.url != url {
            return None;
        }
        let bytes = std::fs::read(body).ok()?;
        (bytes.len() as u64 <= self.options.max_bytes).then_some((entry, bytes))
    }

    /// Keep `entry` (and `bytes`, when new) in the cache. A cache that cannot be written
    /// is no error: the image was fetched.
    fn store(&self, url: &str, entry: &Entry, bytes: Option<&[u8]>) {
        let Some((meta, body)) = self.paths(url) else {
            return;
        };
        let Some(dir) = meta.parent() else { return };
        if std::fs::create_dir_all(dir).is_err() {
            return;
        }
        if let Some(bytes) = bytes {
            if write_atomically(&body, bytes).is_err() {
                return;
            }
        }
        if let Ok(json) = serde_json::to_vec(entry) {
            let _ = write_atomically(&meta, &json);
        }
    }
}

/// The host (and port) of an `http:` or `https:` URL.
fn host_of(url: &str) -> &str {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let host = &rest[..end];
    // Credentials are not part of the host.
    host.rsplit_once('@').map_or(host, |(_, h)| h)
}

/// Whether `url` is one a [`Remote`] fetches.
pub fn is_remote(url: &str) -> bool {
    let lower = url.get(..8).unwrap_or(url).to_ascii_lowercase();
    lower.starts_with("http://") || lower.starts_with("https://")
}

enum Received {
    /// `304 Not Modified`, with the new `max-age` if given.
    NotModified(Option<u64>),
    /// A body, and what to cache with it (`None`: `no-store`).
    Body(Option<Entry>, Vec<u8>),
}

enum Failure {
    /// The host cannot be reached: a cached copy may stand in, and the host's other URLs
    /// are not tried.
    Unreachable(String),
    /// The network or the server failed: a cached copy may stand in.
    Transport(String),
    /// The answer says no (404, too large, a redirect loop).
    Refused(String),
}

/// `max-age` of a `Cache-Control` value (lower case); `no-cache` is 0.
fn cache_max_age(control: &str) -> Option<u64> {
    if control.contains("no-cache") {
        return Some(0);
    }
    control.split(',').find_map(|d| {
        d.trim()
            .strip_prefix("max-age=")
            .and_then(|v| v.trim_matches('"').parse().ok())
    })
}

fn now_secs() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}

/// Write `path` through a temporary file in its folder, so that a reader (another process
/// of a batch) never sees half a file.
fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    let dir = path.parent().unwrap_or(Path::new("."));
    let mut tmp = tempfile::NamedTempFile::new_in(dir)?;
    tmp.write_all(bytes)?;
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn max_age_is_read_from_cache_control() {
        assert_eq!(cache_max_age("public, max-age=3600"), Some(3600));
        assert_eq!(cache_max_age("no-cache"), Some(0));
        assert_eq!(cache_max_age("public"), None);
        assert!(is_remote("HTTPS://example.com/a.png"));
        assert!(!is_remote("ftp://example.com/a.png"));
        assert!(!is_remote("a.png"));
        assert_eq!(
            host_of("https://u:p@img.example.com:8080/a.png?x"),
            "img.example.com:8080"
        );
        assert_eq!(host_of("http://example.com"), "example.com");
    }
}
