//! Headless Chromium for the page's tests: Debian's `chromium` package,
//! run as root on CI (hence `--no-sandbox`), with a profile of its own per
//! call. A machine without it fails the tests, unless `DVCTT_SKIP_BROWSER=1`
//! says to skip them (CI never sets it).

use std::io::Read;
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::{Arc, Mutex};

pub const SKIP_VARIABLE: &str = "DVCTT_SKIP_BROWSER";

pub struct Browser {
    program: PathBuf,
}

/// The browser, or None (said on stderr) when `DVCTT_SKIP_BROWSER=1`;
/// panics when none is installed.
pub fn browser() -> Option<Browser> {
    if std::env::var(SKIP_VARIABLE).as_deref() == Ok("1") {
        eprintln!("note: {SKIP_VARIABLE}=1: the browser test is skipped");
        return None;
    }
    let candidates = ["chromium", "chromium-browser", "google-chrome"];
    let program = std::env::var_os("DVCTT_CHROMIUM")
        .map(PathBuf::from)
        .or_else(|| candidates.iter().find_map(|name| on_path(name)))
        .unwrap_or_else(|| {
            panic!(
                "headless Chromium is needed to test the overview page and none is installed \
                 (apt-get install chromium, or DVCTT_CHROMIUM=/path/to/it); \
                 {SKIP_VARIABLE}=1 skips these tests"
            )
        });
    Some(Browser { program })
}

fn on_path(name: &str) -> Option<PathBuf> {
    std::env::var_os("PATH")?
        .to_str()?
        .split(':')
        .map(|dir| Path::new(dir).join(name))
        .find(|p| p.is_file())
}

/// The flags every run gets: headless, as root, and as little of the
/// browser's own traffic as it allows.
const FLAGS: [&str; 15] = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-default-apps",
    "--disable-domain-reliability",
    "--no-pings",
    "--hide-scrollbars",
    "--no-pdf-header-footer",
    "--virtual-time-budget=5000",
    "--disable-features=NetworkTimeServiceQuerying,OptimizationHints,MediaRouter,Translate",
];

/// How a page is opened.
#[derive(Clone, Copy)]
pub struct Opening<'a> {
    pub width: u32,
    pub height: u32,
    pub scripts: bool,
    /// Every request through this proxy (`127.0.0.1:port`).
    pub proxy: Option<u16>,
    pub extra: &'a [&'a str],
}

impl Default for Opening<'_> {
    fn default() -> Self {
        Opening {
            width: 1300,
            height: 1000,
            scripts: true,
            proxy: None,
            extra: &[],
        }
    }
}

impl Browser {
    pub fn run(&self, page: &Path, how: Opening, action: &[String]) -> Output {
        let profile = tempfile::tempdir().expect("a profile folder");
        let mut command = Command::new(&self.program);
        command
            .args(FLAGS)
            .arg(format!("--user-data-dir={}", profile.path().display()))
            .arg(format!("--window-size={},{}", how.width, how.height))
            .args(how.extra)
            .args(action);
        if !how.scripts {
            // JavaScript blocked as a user's setting would (the page's
            // <noscript> then applies). `--blink-settings=scriptEnabled=false`
            // stops headless Chromium from printing at all.
            let settings = profile.path().join("Default");
            std::fs::create_dir_all(&settings).expect("the profile's folder");
            std::fs::write(
                settings.join("Preferences"),
                r#"{"profile":{"default_content_setting_values":{"javascript":2}}}"#,
            )
            .expect("the profile's preferences");
        }
        if let Some(port) = how.proxy {
            command.arg(format!("--proxy-server=http://127.0.0.1:{port}"));
        }
        let page = page.canonicalize().expect("the page exists");
        let out = command
            .arg(format!("file://{}", page.display()))
            .output()
            .expect("start chromium");
        assert!(
            out.status.success(),
            "chromium failed on {}: {}",
            page.display(),
            String::from_utf8_lossy(&out.stderr)
        );
        out
    }

    /// The page's DOM after its scripts ran.
    pub fn dom(&self, page: &Path, how: Opening) -> String {
        let out = self.run(page, how, &["--dump-dom".to_string()]);
        String::from_utf8(out.stdout).expect("the DOM is UTF-8")
    }

    pub fn screenshot(&self, page: &Path, how: Opening, png: &Path) {
        self.run(page, how, &[format!("--screenshot={}", png.display())]);
        let bytes = std::fs::read(png).expect("the screenshot is written");
        assert!(bytes.starts_with(b"\x89PNG"), "{} is a PNG", png.display());
    }

    pub fn print(&self, page: &Path, how: Opening, pdf: &Path) {
        self.run(page, how, &[format!("--print-to-pdf={}", pdf.display())]);
        let bytes = std::fs::read(pdf).expect("the PDF is written");
        assert!(bytes.starts_with(b"%PDF"), "{} is a PDF", pdf.display());
    }

    /// What the overview page measures of itself (tests/cli/page/probe.js),
    /// opened as a copy beside it (so its links resolve the same).
    pub fn probe(&self, page: &Path, how: Opening) -> serde_json::Value {
        let html = std::fs::read_to_string(page).expect("the page");
        let script = format!("<script>{}</script></body>", include_str!("probe.js"));
        assert!(html.contains("</body>"), "the page ends its body");
        // One copy per call: tests probe the same page side by side.
        static COPIES: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
        let n = COPIES.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let copy = page.with_file_name(format!("probe-copy-{}-{n}.html", std::process::id()));
        std::fs::write(&copy, html.replacen("</body>", &script, 1)).expect("write the copy");
        let dom = self.dom(&copy, how);
        std::fs::remove_file(&copy).expect("remove the copy");
        // The last: the probe's own comment names the element too.
        let start = dom
            .rfind("<pre id=\"probe-result\">")
            .unwrap_or_else(|| panic!("the probe wrote nothing; the DOM:\n{dom}"))
            + "<pre id=\"probe-result\">".len();
        let end = start + dom[start..].find("</pre>").expect("the probe's end");
        let json = dom[start..end]
            .replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&nbsp;", "\u{a0}")
            .replace("&amp;", "&");
        serde_json::from_str(&json)
            .unwrap_or_else(|e| panic!("the probe's JSON: {e}: {}", &json[..json.len().min(3000)]))
    }
}

/// A proxy on 127.0.0.1 that answers nothing and notes the first line of
/// every request it is sent: what a browser told to use it fetched.
pub struct Proxy {
    pub port: u16,
    seen: Arc<Mutex<Vec<String>>>,
}

impl Proxy {
    pub fn start() -> Proxy {
        let listener = TcpListener::bind("127.0.0.1:0").expect("a loopback port");
        let port = listener.local_addr().expect("its address").port();
        let seen = Arc::new(Mutex::new(Vec::new()));
        let noted = Arc::clone(&seen);
        // Ends with the test binary; each connection is read once and closed.
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let _ = stream.set_read_timeout(Some(std::time::Duration::from_secs(2)));
                let mut buffer = [0u8; 512];
                let n = (&stream).read(&mut buffer).unwrap_or(0);
                let line = String::from_utf8_lossy(&buffer[..n])
                    .lines()
                    .next()
                    .unwrap_or_default()
                    .to_string();
                noted.lock().expect("the list").push(line);
            }
        });
        Proxy { port, seen }
    }

    /// `METHOD host` of every request so far (`CONNECT fonts.googleapis.com`,
    /// `GET example.invalid`).
    pub fn hosts(&self) -> Vec<String> {
        let mut hosts: Vec<String> = self
            .seen
            .lock()
            .expect("the list")
            .iter()
            .map(|line| {
                let mut words = line.split_whitespace();
                let method = words.next().unwrap_or_default();
                let target = words.next().unwrap_or_default();
                let host = target
                    .trim_start_matches("http://")
                    .trim_start_matches("https://")
                    .split(['/', ':'])
                    .next()
                    .unwrap_or_default();
                format!("{method} {host}")
            })
            .collect();
        hosts.sort();
        hosts.dedup();
        hosts
    }
}

/// Where a test keeps the screenshots and PDFs it took, for a person to
/// look at: target/tmp/page/<name>.
pub fn keep(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("page");
    std::fs::create_dir_all(&dir).expect("the screenshots' folder");
    dir.join(name)
}
