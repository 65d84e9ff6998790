//! Installed like a Debian tool (#25): the `.deb` that pkg/build-deb makes
//! with cargo-deb, from this test's own build, unpacked with `dpkg -x` into
//! a scratch root and run from there as its cron line runs it, on the
//! shipped sample: the report it writes is the committed one, byte for byte.
//! Also the version line, the man pages and the completions. Needs cargo-deb
//! and dpkg; without them the test fails, unless `DVCTT_SKIP_PACKAGE=1`
//! (which CI never sets).

use crate::support::*;
use std::path::{Path, PathBuf};
use std::process::Command;

const SKIP_VARIABLE: &str = "DVCTT_SKIP_PACKAGE";

fn version_line() -> String {
    format!(
        "dvctt {} (bộ quy tắc phiên bản 6)",
        env!("CARGO_PKG_VERSION")
    )
}

#[test]
fn the_version_names_the_program_and_its_rules() {
    let out = Workdir::new().run(&["--version"]);
    assert_eq!(code(&out), 0);
    assert_eq!(stdout(&out).trim(), version_line());
    // The manifest records the same ruleset.
    let manifest: serde_json::Value = serde_json::from_slice(
        &std::fs::read(format!("{REPO}/reports/2020-Q1/manifest.json")).unwrap(),
    )
    .unwrap();
    assert!(version_line().contains(&format!("phiên bản {}", manifest["ruleset_version"])));
}

#[test]
fn the_man_pages_and_completions_cover_every_command() {
    let wd = Workdir::new();
    let out = wd.run(&["man", "--out", "man"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let commands = [
        "run",
        "check",
        "verify",
        "config",
        "template",
        "man",
        "completions",
    ];
    for command in commands {
        let page = std::fs::read_to_string(wd.path(&format!("man/dvctt-{command}.1"))).unwrap();
        assert!(
            page.contains(&format!("\n.TH dvctt-{command} 1 ")),
            "{command}"
        );
        assert!(
            page.contains(".SH \"EXIT STATUS\""),
            "{command}: its exit codes"
        );
        // The page is the help: every option of the command is on it.
        let help = stdout(&wd.run(&[command, "--help"]));
        for option in help.split_whitespace().filter(|w| w.starts_with("--")) {
            let option = option.trim_end_matches([',', '.', ')']);
            assert!(
                page.contains(&option.replace('-', "\\-")),
                "{command}: {option} in its page"
            );
        }
    }
    let main = std::fs::read_to_string(wd.path("man/dvctt.1")).unwrap();
    assert!(
        main.contains(&version_line()[6..]),
        "the version in dvctt(1)"
    );
    for command in commands {
        assert!(
            main.contains(&format!("dvctt\\-{command}(1)")),
            "{command} in dvctt(1)"
        );
    }
    let out = wd.run(&["man", "nope"]);
    assert_eq!(code(&out), 2);
    assert!(
        stderr(&out).contains("không có lệnh 'nope'"),
        "{}",
        stderr(&out)
    );
    // Completions: a script bash reads, offering every command and option.
    let out = wd.run(&["completions", "bash"]);
    assert_eq!(code(&out), 0);
    let script = stdout(&out);
    let bash = Command::new("bash")
        .arg("-n")
        .stdin(std::process::Stdio::piped())
        .spawn()
        .and_then(|mut child| {
            use std::io::Write;
            child.stdin.take().unwrap().write_all(script.as_bytes())?;
            child.wait()
        })
        .expect("bash");
    assert!(bash.success(), "bash reads the completion script");
    for word in commands
        .iter()
        .chain(&["--replace", "--dry-run", "--quarter"])
    {
        assert!(script.contains(word), "{word} offered");
    }
    assert!(
        !script.contains("reader"),
        "the hidden reader is not offered"
    );
    for shell in ["zsh", "fish", "elvish", "powershell"] {
        let out = wd.run(&["completions", shell]);
        assert_eq!(code(&out), 0, "{shell}");
        assert!(stdout(&out).contains("verify"), "{shell}");
    }
}

/// cargo-deb is there (else the test fails), or the test is to be skipped.
fn cargo_deb_or_skip() -> bool {
    if std::env::var(SKIP_VARIABLE).as_deref() == Ok("1") {
        eprintln!("note: {SKIP_VARIABLE}=1: the package test is skipped");
        return false;
    }
    let found = Command::new("cargo")
        .args(["deb", "--version"])
        .output()
        .is_ok_and(|o| o.status.success());
    assert!(
        found,
        "cargo-deb is needed to build the package (cargo install cargo-deb); {SKIP_VARIABLE}=1 skips this test"
    );
    true
}

/// The package built from this test's binary, unpacked under `root`.
fn unpacked(root: &Path) -> PathBuf {
    let debs = tempfile::tempdir().unwrap();
    let out = Command::new(format!("{REPO}/pkg/build-deb"))
        .args(["--binary", BIN, "--fast", "--output"])
        .arg(debs.path())
        .current_dir(REPO)
        .output()
        .expect("run pkg/build-deb");
    assert!(out.status.success(), "{}{}", stdout(&out), stderr(&out));
    let deb = std::fs::read_dir(debs.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.extension().is_some_and(|e| e == "deb"))
        .expect("a .deb");
    let info = Command::new("dpkg-deb")
        .arg("--info")
        .arg(&deb)
        .output()
        .expect("dpkg-deb");
    assert!(info.status.success(), "{}", stderr(&info));
    let control = stdout(&info);
    assert!(control.contains("Package: dvctt"), "{control}");
    assert!(
        control.contains(&format!("Version: {}", env!("CARGO_PKG_VERSION"))),
        "{control}"
    );
    assert!(
        control.contains("Depends: adduser (>= 3.134), libc6"),
        "{control}"
    );
    let out = Command::new("dpkg")
        .arg("-x")
        .arg(&deb)
        .arg(root)
        .output()
        .expect("dpkg -x");
    assert!(out.status.success(), "{}", stderr(&out));
    let scripts = tempfile::tempdir().unwrap();
    let out = Command::new("dpkg-deb")
        .arg("-e")
        .arg(&deb)
        .arg(scripts.path().join("DEBIAN"))
        .output()
        .expect("dpkg-deb -e");
    assert!(out.status.success(), "{}", stderr(&out));
    let conffiles = std::fs::read_to_string(scripts.path().join("DEBIAN/conffiles")).unwrap();
    for conf in [
        "/etc/dvctt/dvctt.toml",
        "/etc/cron.d/dvctt",
        "/etc/dvctt/templates/roster.toml",
    ] {
        assert!(conffiles.lines().any(|l| l == conf), "{conf} is a conffile");
    }
    for script in ["postinst", "postrm"] {
        let path = scripts.path().join("DEBIAN").join(script);
        let check = Command::new("sh").arg("-n").arg(&path).status().unwrap();
        assert!(check.success(), "{script} is a shell script sh reads");
    }
    let postinst = std::fs::read_to_string(scripts.path().join("DEBIAN/postinst")).unwrap();
    assert!(
        postinst.contains("adduser --system --group --home /srv/dvctt"),
        "the user"
    );
    assert!(
        postinst.contains("/srv/dvctt/submissions /srv/dvctt/reports"),
        "its folders"
    );
    root.join("usr/bin/dvctt")
}

#[test]
fn the_package_runs_the_sample_as_its_cron_line_does() {
    if !cargo_deb_or_skip() {
        return;
    }
    let root = tempfile::tempdir().unwrap();
    let dvctt = unpacked(root.path());
    let at = |p: &str| root.path().join(p);
    // What the package holds besides the program.
    for file in [
        "usr/share/man/man1/dvctt.1.gz",
        "usr/share/man/man1/dvctt-run.1.gz",
        "usr/share/bash-completion/completions/dvctt",
        "usr/share/zsh/vendor-completions/_dvctt",
        "usr/share/fish/vendor_completions.d/dvctt.fish",
        "etc/dvctt/templates/roster.toml",
        "etc/logrotate.d/dvctt",
        "usr/share/doc/dvctt/README.md",
        "usr/share/doc/dvctt/map-SOURCE.md",
    ] {
        assert!(at(file).is_file(), "{file} in the package");
    }
    let page = Command::new("gzip")
        .arg("-dc")
        .arg(at("usr/share/man/man1/dvctt.1.gz"))
        .output()
        .unwrap();
    assert!(
        stdout(&page).contains("\n.TH dvctt 1 "),
        "a gzipped man page"
    );
    assert_eq!(
        std::fs::read(at("etc/dvctt/dvctt.toml")).unwrap(),
        std::fs::read(format!("{REPO}/dvctt.toml")).unwrap(),
        "the example settings are the repository's"
    );
    let version = Command::new(&dvctt).arg("--version").output().unwrap();
    assert_eq!(stdout(&version).trim(), version_line());

    // The cron line: every quarter, as the user dvctt, from /srv/dvctt.
    let cron = std::fs::read_to_string(at("etc/cron.d/dvctt")).unwrap();
    let jobs: Vec<&str> = cron
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#') && !l.contains('='))
        .collect();
    let [job] = jobs.as_slice() else {
        panic!("one job in /etc/cron.d/dvctt: {jobs:?}")
    };
    let fields: Vec<&str> = job.split_whitespace().collect();
    assert_eq!(
        fields[..6],
        ["0", "6", "15", "1,4,7,10", "*", "dvctt"],
        "{job}"
    );
    let command = fields[6..].join(" ");
    assert!(
        command.starts_with("cd /srv/dvctt && /usr/bin/dvctt --config /etc/dvctt/dvctt.toml run"),
        "{command}"
    );
    assert!(
        command.ends_with("2>>/var/log/dvctt/dvctt.log"),
        "the log to a file: {command}"
    );

    // Run that command, its paths moved into scratch folders, on the sample.
    let srv = tempfile::tempdir().unwrap();
    let log = tempfile::tempdir().unwrap();
    copy_tree(
        &Path::new(REPO).join("submissions/2020-Q1"),
        &srv.path().join("submissions/2020-Q1"),
    );
    copy_tree(
        &Path::new(REPO).join("reports/2019-Q4"),
        &srv.path().join("reports/2019-Q4"),
    );
    let moved = command
        .replace("/srv/dvctt", &srv.path().display().to_string())
        .replace("/usr/bin/dvctt", &dvctt.display().to_string())
        .replace("/etc/dvctt", &at("etc/dvctt").display().to_string())
        .replace("/var/log/dvctt", &log.path().display().to_string());
    let out = Command::new("sh")
        .args(["-c", &moved])
        .env("DVCTT_TODAY", "2020-04-15")
        .env_remove("RUST_LOG")
        .output()
        .unwrap();
    // The quarter that ended before 15/04/2020, with its rejected files.
    assert_eq!(code(&out), 3, "{}", stdout(&out));
    assert!(
        stdout(&out).starts_with("dvctt Quý I/2020 (2020-Q1)"),
        "the mailed summary: {}",
        stdout(&out)
    );
    assert!(
        stderr(&out).is_empty(),
        "the log goes to its file: {}",
        stderr(&out)
    );
    let logged = std::fs::read_to_string(log.path().join("dvctt.log")).unwrap();
    assert!(
        logged.contains("run started") && logged.contains("file rejected"),
        "{logged}"
    );
    // The report is the committed sample, every file, byte for byte.
    let written = srv.path().join("reports/2020-Q1");
    let shipped = Path::new(REPO).join("reports/2020-Q1");
    let files = relative_files(&shipped);
    assert!(
        files.iter().any(|f| f == "tong-quan-2020-Q1.html"),
        "{files:?}"
    );
    assert_eq!(relative_files(&written), files);
    for file in &files {
        assert!(
            std::fs::read(written.join(file)).unwrap()
                == std::fs::read(shipped.join(file)).unwrap(),
            "{file} differs from the committed sample"
        );
    }
    // And the packaged program verifies it.
    let out = Command::new(&dvctt)
        .args(["--config"])
        .arg(at("etc/dvctt/dvctt.toml"))
        .args(["verify", "--quarter", "2020-Q1"])
        .current_dir(srv.path())
        .output()
        .unwrap();
    assert_eq!(code(&out), 0, "{}{}", stdout(&out), stderr(&out));
}

fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        if entry.file_type().unwrap().is_dir() {
            copy_tree(&entry.path(), &to.join(entry.file_name()));
        } else {
            std::fs::copy(entry.path(), to.join(entry.file_name())).unwrap();
        }
    }
}

/// Every file under `dir`, as paths relative to it, sorted; archived
/// reports (`truoc/`) left out.
fn relative_files(dir: &Path) -> Vec<String> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(at) = stack.pop() {
        for entry in std::fs::read_dir(&at).unwrap() {
            let path = entry.unwrap().path();
            let name = path.strip_prefix(dir).unwrap().display().to_string();
            if name == "truoc" {
                continue;
            }
            if path.is_dir() {
                stack.push(path);
            } else {
                out.push(name);
            }
        }
    }
    out.sort();
    out
}
