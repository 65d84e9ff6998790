//! The binary: parse the arguments, run the command, turn the result into an
//! exit code. Every error reaches the user as one line on stderr.

use clap::FromArgMatches;
use std::io::{IsTerminal, Write};
use std::process::ExitCode;

use dvctt::cli::{Cli, Command, LogFormat};
use dvctt::cmd::{self, Failure, Job, Outcome, today};

fn main() -> ExitCode {
    // Before anything else: the reader processes run this very binary.
    dvctt::pool::pin_executable();
    let parsed = dvctt::cli::command()
        .try_get_matches()
        .and_then(|matches| Cli::from_arg_matches(&matches));
    let cli = match parsed {
        Ok(cli) => cli,
        // Help and version as clap prints them; a mistake as one Vietnamese line, exit 2.
        Err(error) => match dvctt::parse_error::vietnamese(&error) {
            Some(line) => {
                if json_logs_asked() {
                    eprintln!("{}", fatal_json(&line, 2));
                } else {
                    eprintln!("dvctt: {line}");
                }
                return ExitCode::from(2);
            }
            None => error.exit(),
        },
    };
    match &cli.command {
        Command::Reader => return reader(),
        Command::Man(args) => match &args.out {
            Some(dir) => return pages_into(dir),
            None => return print(dvctt::man::page(args.command.as_deref())),
        },
        Command::Completions(args) => return print(Ok(dvctt::man::completions(args.shell))),
        _ => {}
    }
    init_logging(cli.log_format);
    let result = dvctt::config::load(cli.config.as_deref())
        .map_err(Failure::from)
        .and_then(|settings| match &cli.command {
            Command::Run(args) => today()
                .and_then(|today| Job::resolve(&args.inputs, &settings, today))
                .and_then(|job| cmd::run::run(&job, args)),
            Command::Check(args) => {
                today().and_then(|today| cmd::check::check(args, &settings, today))
            }
            Command::Verify(args) => today()
                .and_then(|today| Job::resolve(&args.inputs, &settings, today))
                .and_then(|job| cmd::verify::verify(&job)),
            Command::Config(args) => {
                today().and_then(|today| cmd::config::config(args, &settings, today))
            }
            Command::Template(args) => cmd::template::template(args, &settings),
            Command::Reader | Command::Man(_) | Command::Completions(_) => {
                unreachable!("handled before the settings load")
            }
        });
    match result {
        Ok(Outcome::Clean) => ExitCode::SUCCESS,
        Ok(Outcome::Rejected) => ExitCode::from(3),
        Err(failure) => {
            // With JSON logs every stderr line is JSON, the last one too.
            match cli.log_format {
                LogFormat::Json if tracing::enabled!(tracing::Level::ERROR) => {
                    tracing::error!(exit_code = failure.exit_code(), "{failure}")
                }
                // RUST_LOG filtered errors out: the fatal line is still written.
                LogFormat::Json => {
                    eprintln!("{}", fatal_json(&failure.to_string(), failure.exit_code()))
                }
                LogFormat::Text => eprintln!("dvctt: {failure}"),
            }
            ExitCode::from(failure.exit_code())
        }
    }
}

/// The last line of a failed command, for JSON logs.
fn fatal_json(message: &str, exit_code: u8) -> serde_json::Value {
    serde_json::json!({
        "level": "ERROR",
        "fields": {"message": message, "exit_code": exit_code}
    })
}

/// Whether the command line asks for JSON logs, read from the raw arguments:
/// when they cannot be parsed, their mistake is said as JSON too.
fn json_logs_asked() -> bool {
    let args: Vec<String> = std::env::args_os()
        .map(|a| a.to_string_lossy().into_owned())
        .collect();
    args.iter().any(|a| a == "--log-format=json")
        || args
            .windows(2)
            .any(|w| w[0] == "--log-format" && w[1] == "json")
}

fn init_logging(format: LogFormat) {
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"));
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_ansi(std::io::stderr().is_terminal())
        .with_target(false);
    match format {
        LogFormat::Text => builder.init(),
        LogFormat::Json => builder.json().init(),
    }
}

/// A reader process of the pool `run` and `check` start: it reads the
/// files it is sent on stdin and answers on stdout.
fn reader() -> ExitCode {
    match dvctt::pool::worker_main() {
        Ok(()) => ExitCode::SUCCESS,
        Err(_) => ExitCode::from(1),
    }
}

/// `dvctt man` and `dvctt completions`: the text on stdout (a closed pipe
/// is exit 1, never a panic); an unknown command as a usage error.
fn print(text: Result<impl AsRef<[u8]>, String>) -> ExitCode {
    match text {
        Ok(text) => match std::io::stdout().write_all(text.as_ref()) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("dvctt: không ghi được ra stdout: {e}");
                ExitCode::from(1)
            }
        },
        Err(message) => {
            eprintln!("dvctt: {message}");
            ExitCode::from(2)
        }
    }
}

/// `dvctt man --out DIR`: every page written, each named on stdout.
fn pages_into(dir: &std::path::Path) -> ExitCode {
    match dvctt::man::write_pages(dir) {
        Ok(written) => {
            for path in written {
                println!("đã ghi {}", path.display());
            }
            ExitCode::SUCCESS
        }
        Err(message) => {
            eprintln!("dvctt: không ghi được trang hướng dẫn: {message}");
            ExitCode::from(1)
        }
    }
}
