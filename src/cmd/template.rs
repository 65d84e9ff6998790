//! `dvctt template`: the submission form, blank or filled in for a unit
//! (or for every unit of a quarter), written into a folder.

use super::{Failure, Outcome};
use crate::cli::{ArgumentError, TemplateArgs};
use crate::config::Settings;
use crate::quarter::Quarter;
use crate::report::RenderError;
use crate::reports_dir::WriteError;

/// `dvctt template`: the submission forms.
pub fn template(args: &TemplateArgs, settings: &Settings) -> Result<Outcome, Failure> {
    args.quarter.map(crate::cli::within_bounds).transpose()?;
    let roster = &settings.roster;
    let units: Vec<Option<&crate::roster::Unit>> = match (&args.unit, args.all) {
        (Some(code), _) => {
            let unit = roster.by_code(code).ok_or_else(|| {
                let by_name = roster
                    .units()
                    .iter()
                    .find(|u| crate::text::fold(&u.name) == crate::text::fold(code))
                    .map_or(String::new(), |u| format!(" ({} có mã {})", u.name, u.code));
                ArgumentError::UnknownUnit {
                    code: code.clone(),
                    by_name,
                }
            })?;
            refuse_out_of_period(roster, unit, args.quarter)?;
            vec![Some(unit)]
        }
        (None, true) => match args.quarter {
            Some(q) => roster.units_in(q).map(Some).collect(),
            None => roster.current().map(Some).collect(),
        },
        (None, false) => vec![None],
    };
    std::fs::create_dir_all(&args.out).map_err(|source| WriteError::Folder {
        path: args.out.clone(),
        source,
    })?;
    for unit in units {
        let path = args.out.join(crate::form::file_name(args.quarter, unit));
        let bytes = crate::form::form_workbook(settings, args.quarter, unit)
            .and_then(|mut book| book.save_to_buffer())
            .map_err(|e| RenderError {
                file: path.display().to_string(),
                reason: e.to_string(),
            })?;
        crate::reports_dir::write_atomically(&path, &bytes)?;
        println!("Đã ghi {}", path.display());
    }
    Ok(Outcome::Clean)
}

/// A form for a unit that does not report in the form's quarter (today's,
/// without `--quarter`) would be filed under a unit nobody collects: refused,
/// naming the unit that succeeds it and how to ask for an old quarter.
fn refuse_out_of_period(
    roster: &crate::roster::Roster,
    unit: &crate::roster::Unit,
    quarter: Option<Quarter>,
) -> Result<(), Failure> {
    let reports = match quarter {
        Some(q) => unit.valid_in(q),
        None => unit.valid_to.is_none(),
    };
    if reports {
        return Ok(());
    }
    let span = match (unit.valid_from, unit.valid_to) {
        (Some(from), Some(to)) => format!("từ {} đến {}", from.vietnamese(), to.vietnamese()),
        (None, Some(to)) => format!("đến {}", to.vietnamese()),
        (Some(from), None) => format!("từ {}", from.vietnamese()),
        (None, None) => "mọi quý".to_string(),
    };
    let now = match roster.successor_of(&unit.code) {
        Some(next) if quarter.is_none() => format!(
            "; nay là {} (mã {}): dùng --unit {}",
            next.name, next.code, next.code
        ),
        _ => String::new(),
    };
    let old = unit
        .valid_to
        .or(unit.valid_from)
        .map_or(String::new(), |q| {
            format!("; mẫu cho kỳ cũ: thêm --quarter {q} (một quý đơn vị còn báo cáo)")
        });
    let which = quarter.map_or("hiện nay".to_string(), |q| {
        format!("trong {}", q.vietnamese())
    });
    Err(ArgumentError::NotReporting {
        name: unit.name.clone(),
        code: unit.code.clone(),
        which,
        span,
        hints: format!("{now}{old}"),
    }
    .into())
}
