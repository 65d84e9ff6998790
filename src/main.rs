//! The binary: parse the arguments, run the command, turn the result into an
//! exit code. Every error reaches the user as one line on stderr.

use clap::Parser;
use std::io::IsTerminal;
use std::process::ExitCode;

use dvctt::cli::{Cli, Command, LogFormat};
use dvctt::run::{Failure, Outcome, check, config, run, template, today};

fn main() -> ExitCode {
    let cli = Cli::parse();
    if let Command::ReadOne(args) = &cli.command {
        return read_one(args);
    }
    init_logging(cli.log_format);
    let result = dvctt::config::load(cli.config.as_deref())
        .map_err(Failure::Usage)
        .and_then(|settings| match &cli.command {
            Command::Run(args) => today().and_then(|today| run(args, &settings, today)),
            Command::Check(args) => today().and_then(|today| check(args, &settings, today)),
            Command::Config(args) => config(args, &settings),
            Command::Template(args) => template(args, &settings),
            Command::ReadOne(_) => unreachable!("handled before the settings load"),
        });
    match result {
        Ok(Outcome::Clean) => ExitCode::SUCCESS,
        Ok(Outcome::Rejected) => ExitCode::from(3),
        Err(failure) => {
            eprintln!("dvctt: {failure}");
            ExitCode::from(failure.exit_code())
        }
    }
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

/// The reader process `run` and `check` start for each file.
fn read_one(args: &dvctt::cli::ReadOneArgs) -> ExitCode {
    let (Ok(limits), Ok(context)) = (
        serde_json::from_str(&args.limits),
        serde_json::from_str(&args.context),
    ) else {
        eprintln!("dvctt: read-one: bad --limits or --context");
        return ExitCode::from(2);
    };
    match dvctt::read::child_main(&args.path, &args.name, &limits, &context) {
        Ok(()) => ExitCode::SUCCESS,
        Err(_) => ExitCode::from(1),
    }
}
