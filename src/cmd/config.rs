//! `dvctt config`: the settings checked (they were loaded, and so checked,
//! before any command runs), and with `--print` shown as TOML.

use super::{Failure, Outcome};
use crate::cli::ConfigArgs;
use crate::config::Settings;
use crate::quarter::Quarter;

/// `dvctt config`: checks the settings, and with `--print` shows them.
/// The count of units today is the one a run of today's quarter expects.
pub fn config(
    args: &ConfigArgs,
    settings: &Settings,
    today: chrono::NaiveDate,
) -> Result<Outcome, Failure> {
    if args.print {
        print!("{}", settings.config.to_toml());
    } else {
        let now = Quarter::last_ended(today);
        println!(
            "Cấu hình hợp lệ: {} đơn vị trong danh mục, {} đơn vị báo cáo {}",
            settings.roster.units().len(),
            settings.roster.units_in(now).count(),
            now.vietnamese()
        );
    }
    Ok(Outcome::Clean)
}
