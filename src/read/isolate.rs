//! Each file read in a child process of its own, its memory and time
//! bounded: whatever a crafted file does to the parser (calamine aborts the
//! whole process on some, and no parser bounds its own memory), only that
//! child dies, and the file gets a finding naming the limit.

use std::io::Read;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Duration;
use wait_timeout::ChildExt;

use super::{ReadContext, Reading, read_path};
use crate::config::LimitsConfig;
use crate::finding::Rule;
use crate::text::vn_count;

/// The hidden subcommand the child runs.
pub const CHILD_COMMAND: &str = "read-one";

/// Reads `path` in a child process running this same binary.
pub fn read_isolated(
    path: &Path,
    name: &str,
    limits: &LimitsConfig,
    context: &ReadContext,
) -> Reading {
    // Only the dvctt binary knows the child command; a library user (a
    // test harness, a benchmark) reads in its own process.
    if !limits.isolate {
        return read_path(path, name, limits, context);
    }
    let exe = match std::env::current_exe() {
        Ok(exe)
            if exe
                .file_stem()
                .is_some_and(|s| s.to_string_lossy().starts_with("dvctt")) =>
        {
            exe
        }
        _ => return read_path(path, name, limits, context),
    };
    let spawned = Command::new(exe)
        .arg(CHILD_COMMAND)
        .arg("--name")
        .arg(name)
        .arg("--limits")
        .arg(serde_json::to_string(limits).expect("limits serialize"))
        .arg("--context")
        .arg(serde_json::to_string(context).expect("context serializes"))
        .arg(path)
        .env("RUST_LOG", "off")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn();
    let mut child = match spawned {
        Ok(child) => child,
        Err(e) => {
            tracing::warn!(error = %e, "cannot start a reader process: reading in-process");
            return read_path(path, name, limits, context);
        }
    };
    let mut stdout = child.stdout.take().expect("piped stdout");
    let collector = std::thread::spawn(move || {
        let mut out = Vec::new();
        let _ = stdout.read_to_end(&mut out);
        out
    });
    // The child's own CPU limit is max_seconds; this also covers waiting.
    let deadline = Duration::from_secs(limits.max_seconds.saturating_mul(2).saturating_add(5));
    let status = match child.wait_timeout(deadline) {
        Ok(Some(status)) => Some(status),
        _ => {
            let _ = child.kill();
            let _ = child.wait();
            None
        }
    };
    let out = collector.join().unwrap_or_default();
    match status {
        Some(s) if s.success() => serde_json::from_slice(&out).unwrap_or_else(|e| {
            tracing::warn!(file = name, error = %e, "a reader process answered nonsense");
            Reading::failed(
                name,
                Rule::FileUnreadable,
                "Tệp bị hỏng: trình đọc bảng tính không đọc được nội dung.".to_string(),
            )
        }),
        _ => {
            tracing::warn!(file = name, ?status, "a reader process was stopped");
            Reading::failed(name, Rule::FileTooLarge, over_limits(limits))
        }
    }
}

fn over_limits(limits: &LimitsConfig) -> String {
    format!(
        "Đọc tệp này vượt giới hạn bộ nhớ {} byte (limits.max_memory_bytes) hoặc thời gian {} giây (limits.max_seconds): tệp quá lớn hoặc bị hỏng. Đề nghị kiểm tra, lưu lại bằng Excel và gửi lại.",
        vn_count(limits.max_memory_bytes),
        limits.max_seconds
    )
}

/// In the child: bounds this process, reads the file, prints the reading.
pub fn child_main(
    path: &Path,
    name: &str,
    limits: &LimitsConfig,
    context: &ReadContext,
) -> std::io::Result<()> {
    // A limit that cannot be set leaves the parent's wall-clock limit.
    let _ = rlimit::Resource::AS.set(limits.max_memory_bytes, limits.max_memory_bytes);
    let _ = rlimit::Resource::CPU.set(limits.max_seconds, limits.max_seconds.saturating_add(1));
    let reading = read_path(path, name, limits, context);
    let json = serde_json::to_vec(&reading).map_err(std::io::Error::other)?;
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    out.write_all(&json)?;
    out.flush()
}
