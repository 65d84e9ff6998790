//! `dvctt man [LỆNH]` and `dvctt completions <SHELL>`: the manual pages and
//! the shell completions, made from the same clap command `main` parses
//! with (clap_mangen, clap_complete), so they never drift from `--help`.
//! One page per command, as git does: dvctt(1), dvctt-run(1), … The Debian
//! package installs them all (pkg/build-deb).

use clap_mangen::Man;
use clap_mangen::roff::{Roff, bold, roman};

/// The commands that have a page of their own, in `--help`'s order.
pub fn commands() -> Vec<String> {
    crate::cli::command()
        .get_subcommands()
        .filter(|c| !c.is_hide_set())
        .map(|c| c.get_name().to_string())
        .collect()
}

/// The roff of dvctt(1), or of `dvctt-<command>`(1). An unknown command is
/// said in Vietnamese, naming those there are.
pub fn page(command: Option<&str>) -> Result<String, String> {
    let mut root = crate::cli::command();
    root.build();
    let (man, main) = match command {
        None => (Man::new(root.clone()), true),
        Some(name) => {
            let sub = root
                .get_subcommands()
                .find(|c| c.get_name() == name && !c.is_hide_set())
                .ok_or_else(|| {
                    format!(
                        "không có lệnh '{}'; các lệnh: {}",
                        name.escape_debug(),
                        commands().join(", ")
                    )
                })?
                .clone()
                .display_name(format!("dvctt-{name}"))
                .bin_name(format!("dvctt {name}"))
                .version(crate::cli::version());
            (Man::new(sub), false)
        }
    };
    // The footer names the program, whichever command the page is of.
    let man = man
        .source(format!("dvctt {}", crate::cli::version()))
        .manual("dvctt");
    let mut out = Vec::new();
    man.render(&mut out).map_err(|e| e.to_string())?;
    let mut text = String::from_utf8(out).map_err(|e| e.to_string())?;
    // The text after the options is each command's exit codes.
    text = text
        .replace(".SH EXTRA\n", ".SH \"EXIT STATUS\"\n")
        .replace(".SH Lệnh\n", ".SH LỆNH\n");
    if main {
        text.push_str(&main_sections());
    } else {
        text.push_str(&see_also());
    }
    Ok(text)
}

/// Every page into `dir` (made if missing): dvctt.1, then dvctt-<command>.1
/// for each command. Returns the files written.
pub fn write_pages(dir: &std::path::Path) -> Result<Vec<std::path::PathBuf>, String> {
    std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let pages = std::iter::once(("dvctt.1".to_string(), None)).chain(
        commands()
            .into_iter()
            .map(|c| (format!("dvctt-{c}.1"), Some(c))),
    );
    let mut written = Vec::new();
    for (name, command) in pages {
        let path = dir.join(name);
        std::fs::write(&path, page(command.as_deref())?)
            .map_err(|e| format!("{}: {e}", path.display()))?;
        written.push(path);
    }
    Ok(written)
}

/// What dvctt(1) says beyond the options: the files it reads and writes,
/// its environment, and where to read on.
fn main_sections() -> String {
    let mut roff = Roff::default();
    roff.control("SH", ["FILES"]);
    let files = [
        (
            "dvctt.toml",
            "Cấu hình (tìm trong thư mục đang chạy, hoặc --config). Gói Debian cài một bản ở /etc/dvctt/dvctt.toml.",
        ),
        (
            "templates/roster.toml, templates/wording.toml",
            "Danh mục đơn vị theo từng kỳ và câu chữ in ra (đường dẫn tính từ thư mục của dvctt.toml; không có thì dùng bản có sẵn trong chương trình).",
        ),
        (
            "submissions/<quý>/",
            "Báo cáo của các đơn vị (bảng tính, thư mục, .zip, .eml).",
        ),
        (
            "reports/<quý>/",
            "Báo cáo tổng hợp: tong-hop-<quý>.xlsx (nội bộ), phu-luc-<quý>.xlsx (phụ lục gửi kèm công văn), don-vi-cham-<quý>.xlsx, cong-van-<quý>.docx, tong-quan-<quý>.html (trang tổng quan), phan-hoi/, summary.json, manifest.json.",
        ),
        (
            "/etc/cron.d/dvctt, /var/log/dvctt/dvctt.log",
            "Gói Debian: lịch chạy hằng quý từ /srv/dvctt với người dùng dvctt, và nhật ký của lần chạy.",
        ),
    ];
    for (path, what) in files {
        roff.control("TP", []);
        roff.text([bold(path)]);
        roff.text([roman(what)]);
    }
    roff.control("SH", ["ENVIRONMENT"]);
    for (name, what) in [
        (
            "DVCTT_TODAY",
            "Ngày chạy, dạng 2020-04-15 (mặc định: hôm nay theo giờ Việt Nam): chọn quý khi không có --quarter, là ngày gửi phản hồi của quý vừa kết thúc (quý cũ hơn: ngày feedback.run_day của tháng sau quý), và là một đầu vào của báo cáo.",
        ),
        ("RUST_LOG", "Mức ghi nhật ký ra stderr (mặc định: info)."),
    ] {
        roff.control("TP", []);
        roff.text([bold(name)]);
        roff.text([roman(what)]);
    }
    let mut text = roff.to_roff();
    text.push_str(&see_also());
    text
}

fn see_also() -> String {
    let mut roff = Roff::default();
    roff.control("SH", ["SEE ALSO"]);
    let pages: Vec<String> = std::iter::once("dvctt(1)".to_string())
        .chain(commands().iter().map(|c| format!("dvctt-{c}(1)")))
        .collect();
    roff.text([roman(pages.join(", "))]);
    roff.control("PP", []);
    roff.text([roman(
        "README.md và docs/ của mã nguồn (trong gói Debian: /usr/share/doc/dvctt/).",
    )]);
    roff.to_roff()
}

/// The completion script for `shell`. The hidden `reader` is left out
/// (clap_complete would offer it): the command is rebuilt from the visible
/// ones.
pub fn completions(shell: clap_complete::Shell) -> Vec<u8> {
    let root = crate::cli::command();
    let mut command = clap::Command::new("dvctt")
        .version(crate::cli::version())
        .disable_help_flag(true)
        .disable_version_flag(true)
        .disable_help_subcommand(true)
        .args(root.get_arguments().cloned())
        .subcommands(root.get_subcommands().filter(|c| !c.is_hide_set()).cloned());
    let mut out = Vec::new();
    clap_complete::generate(shell, &mut command, "dvctt", &mut out);
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_command_has_a_page_naming_its_options() {
        for command in super::commands() {
            let page = super::page(Some(&command)).expect(&command);
            assert!(
                page.contains(&format!(".TH dvctt-{command} 1")),
                "{command}"
            );
            assert!(page.contains(".SH SYNOPSIS"), "{command}");
            assert!(page.contains("EXIT STATUS"), "{command}");
        }
        let run = super::page(Some("run")).unwrap();
        assert!(run.contains("\\-\\-replace"), "{run}");
        assert!(
            super::page(Some("reader")).is_err(),
            "the hidden reader has none"
        );
        let bash = String::from_utf8(super::completions(clap_complete::Shell::Bash)).unwrap();
        assert!(bash.contains("verify") && bash.contains("--replace"));
        assert!(!bash.contains("reader"), "the hidden reader is not offered");
        let main = super::page(None).unwrap();
        for section in ["NAME", "SYNOPSIS", "FILES", "ENVIRONMENT", "SEE ALSO"] {
            assert!(
                main.contains(&format!(".SH {section}"))
                    || main.contains(&format!(".SH \"{section}\"")),
                "{section}"
            );
        }
    }
}
