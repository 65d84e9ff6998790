//! The checks on a submission that was read: whose it is, for which quarter,
//! and whether its figures are possible. Pure: a record in, findings out.

use crate::config::ChecksConfig;
use crate::finding::{Finding, Rule};
use crate::quarter::Quarter;
use crate::read::Field;
use crate::roster::Roster;
use crate::submission::{Located, Period, Submission, number_of};
use crate::text::{vn_count, vn_percent};
use crate::wording::{Levels, Wording};

/// The unit a submission belongs to (its roster code), and what is wrong with it.
#[derive(Debug, Default)]
pub struct Checked {
    pub unit: Option<String>,
    pub findings: Vec<Finding>,
}

/// `quarter`: the quarter being run; None when checking a file on its own
/// with no quarter given. `wording`: the levels are named in the words of
/// that quarter (or the one the file reports), as its form names them.
pub fn check(
    submission: &Submission,
    roster: &Roster,
    quarter: Option<Quarter>,
    wording: &Wording,
    config: &ChecksConfig,
) -> Checked {
    let mut out = Checked::default();
    let file = submission.file.as_str();
    // The quarter names are resolved in: the run's, else the one the file reports.
    let when = quarter.or(match &submission.period {
        Some(Located {
            value: Period::Quarter(q),
            ..
        }) => Some(*q),
        _ => None,
    });
    out.unit = resolve_unit(submission, roster, when, &mut out.findings);
    if let (Some(code), Some(when)) = (&out.unit, when)
        && let Some(unit) = roster.by_code(code)
        && !unit.valid_in(when)
    {
        let instead = match roster.successor_of(code) {
            Some(successor) => format!(" {} báo cáo thay.", successor.name),
            None => String::new(),
        };
        out.findings.push(Finding::new(
            file,
            Rule::UnitInactive,
            format!(
                "{} không có trong danh sách đơn vị báo cáo {}.{instead}",
                unit.name,
                when.vietnamese()
            ),
        ));
    }
    if let (
        Some(
            period @ Located {
                value: Period::Quarter(q),
                ..
            },
        ),
        Some(expected),
    ) = (&submission.period, quarter)
        && *q != expected
    {
        out.findings.push(
            Finding::new(
                file,
                Rule::PeriodMismatch,
                format!(
                    "Báo cáo ghi kỳ {}, nhưng đợt tổng hợp này là {}. Đề nghị gửi báo cáo đúng kỳ.",
                    q.vietnamese(),
                    expected.vietnamese()
                ),
            )
            .at(Some(period.cell_ref())),
        );
    }
    let levels = wording.for_form(when).levels();
    check_figures(submission, config, &levels, &mut out.findings);
    check_list(submission, &levels, &mut out.findings);
    out
}

/// The procedure list's counts against the report's (codes listed twice
/// were found as the list was read).
fn check_list(submission: &Submission, levels: &Levels, findings: &mut Vec<Finding>) {
    let Some(counts) = submission.list else {
        return;
    };
    let file = submission.file.as_str();
    let c = &submission.counts;
    let pairs = [
        (
            Field::Total.label().to_string(),
            c.total.clone(),
            counts.procedures,
        ),
        (
            Field::Level3.label_in(levels),
            number_of(&c.level3),
            counts.level3,
        ),
        (
            Field::Level4.label_in(levels),
            c.level4.clone(),
            counts.level4,
        ),
    ];
    for (label, reported, listed) in pairs {
        if let Some(reported) = reported
            && reported.value != listed
        {
            findings.push(
                Finding::new(
                    file,
                    Rule::DetailCountMismatch,
                    format!(
                        "“{label}” ghi {} ở trang tính Báo cáo, nhưng trang tính Danh mục liệt kê {} thủ tục.",
                        vn_count(reported.value),
                        vn_count(listed)
                    ),
                )
                .at(Some(reported.cell_ref())),
            );
        }
    }
}

fn resolve_unit(
    submission: &Submission,
    roster: &Roster,
    when: Option<Quarter>,
    findings: &mut Vec<Finding>,
) -> Option<String> {
    let file = submission.file.as_str();
    let by_name = submission
        .unit_name
        .as_ref()
        .map(|n| (n, roster.by_name(&n.value, when)));
    if let Some(code) = &submission.unit_code {
        // An id, or a GSO code resolved in the quarter: `15` is Yên Bái in 2020, Lào Cai in 2026.
        if let Some(unit) = roster.by_written_code(&code.value, when) {
            if let Some((name, named)) = &by_name
                && named.is_none_or(|u| u.code != unit.code)
            {
                findings.push(
                    Finding::new(
                        file,
                        Rule::UnitNameMismatch,
                        format!(
                            "Mã đơn vị “{}” là của {}, nhưng tên đơn vị ghi “{}”. Báo cáo được tính cho {} theo mã đơn vị.",
                            code.value, unit.name, name.value, unit.name
                        ),
                    )
                    .at(Some(name.cell_ref())),
                );
            }
            return Some(unit.code.clone());
        }
        if let Some((_, Some(unit))) = &by_name {
            findings.push(
                Finding::new(
                    file,
                    Rule::UnitCodeUnknown,
                    format!(
                        "Mã đơn vị “{}” không có trong danh sách; báo cáo được tính cho {} theo tên đơn vị (mã đúng: {}).",
                        code.value, unit.name, unit.code
                    ),
                )
                .at(Some(code.cell_ref())),
            );
            return Some(unit.code.clone());
        }
        if by_name.is_none() {
            findings.push(
                Finding::new(
                    file,
                    Rule::UnitUnknown,
                    format!(
                        "Mã đơn vị “{}” không có trong danh sách đơn vị.",
                        code.value
                    ),
                )
                .at(Some(code.cell_ref())),
            );
            return None;
        }
    }
    let (name, _) = by_name?;
    if let Some(unit) = roster.by_name(&name.value, when) {
        return Some(unit.code.clone());
    }
    // `Đơn vị báo cáo: Sở Thông tin và Truyền thông` under `UBND TỈNH AN
    // GIANG`: the office that wrote the report, for the body it reports for.
    if let Some(issuer) = &submission.issuer
        && let Some(unit) = roster.by_name(&issuer.value, when)
    {
        return Some(unit.code.clone());
    }
    let near: Vec<String> = roster
        .closest(&name.value, 3, when)
        .iter()
        .map(|u| format!("{} ({})", u.name, u.code))
        .collect();
    findings.push(
        Finding::new(
            file,
            Rule::UnitUnknown,
            format!(
                "Đơn vị “{}” không có trong danh sách đơn vị. Gần nhất: {}.",
                name.value,
                near.join("; ")
            ),
        )
        .at(Some(name.cell_ref())),
    );
    None
}

fn check_figures(
    submission: &Submission,
    config: &ChecksConfig,
    levels: &Levels,
    findings: &mut Vec<Finding>,
) {
    let file = submission.file.as_str();
    let c = &submission.counts;
    // Only numbers are compared: a figure not applicable bounds nothing.
    let (level3, dossier_services, dossiers, online_dossiers) = (
        number_of(&c.level3),
        number_of(&c.dossier_services),
        number_of(&c.dossiers),
        number_of(&c.online_dossiers),
    );
    let mut rule = |rule: Rule, cell: &str, message: String| {
        findings.push(Finding::new(file, rule, message).at(Some(cell.to_string())));
    };
    // A count no unit can have is no figure: said, and never pooled.
    let bounded = [
        ("Tổng số thủ tục hành chính".to_string(), c.total.clone()),
        (format!("Số DVCTT {}", levels.level3), level3.clone()),
        (format!("Số DVCTT {}", levels.level4), c.level4.clone()),
        (
            "Số DVCTT có phát sinh hồ sơ".to_string(),
            dossier_services.clone(),
        ),
    ];
    let mut implausible = false;
    for (label, figure) in bounded {
        if let Some(figure) = figure
            && figure.value > config.max_procedures
        {
            implausible = true;
            rule(
                Rule::ValueImplausible,
                &figure.cell_ref(),
                format!(
                    "“{label}” ghi {}: không đơn vị nào có nhiều hơn {} thủ tục, dịch vụ (checks.max_procedures). Đề nghị kiểm tra lại (có thể thừa chữ số).",
                    vn_count(figure.value),
                    vn_count(config.max_procedures)
                ),
            );
        }
    }
    if implausible {
        return;
    }
    if let Some(total) = &c.total
        && total.value == 0
    {
        rule(
            Rule::TotalPositive,
            &total.cell_ref(),
            "Tổng số thủ tục hành chính bằng 0: không tính được tỷ lệ.".to_string(),
        );
    }
    if let (Some(total), Some(level4)) = (&c.total, &c.level4)
        && level4.value > total.value
    {
        rule(
            Rule::Level4LeTotal,
            &level4.cell_ref(),
            format!(
                "Số DVCTT {} ({}) lớn hơn tổng số thủ tục hành chính ({}).",
                levels.level4,
                vn_count(level4.value),
                vn_count(total.value)
            ),
        );
    }
    if let (Some(total), Some(level3), Some(level4)) = (&c.total, &level3, &c.level4)
        && level3.value + level4.value > total.value
    {
        rule(
            Rule::Level34LeTotal,
            &level3.cell_ref(),
            format!(
                "Số DVCTT {} cộng lại ({} + {} = {}) lớn hơn tổng số thủ tục hành chính ({}).",
                levels.both(),
                vn_count(level3.value),
                vn_count(level4.value),
                vn_count(level3.value + level4.value),
                vn_count(total.value)
            ),
        );
    }
    if let (Some(services), Some(level3), Some(level4)) = (&dossier_services, &level3, &c.level4)
        && services.value > level3.value + level4.value
    {
        rule(
            Rule::DossierServicesLeLevel34,
            &services.cell_ref(),
            format!(
                "Số DVCTT có phát sinh hồ sơ ({}) lớn hơn số DVCTT {} ({}).",
                vn_count(services.value),
                levels.both(),
                vn_count(level3.value + level4.value)
            ),
        );
    }
    if let (Some(online), Some(dossiers)) = (&online_dossiers, &dossiers)
        && online.value > dossiers.value
    {
        rule(
            Rule::OnlineLeDossiers,
            &online.cell_ref(),
            format!(
                "Số hồ sơ tiếp nhận trực tuyến ({}) lớn hơn tổng số hồ sơ tiếp nhận ({}).",
                vn_count(online.value),
                vn_count(dossiers.value)
            ),
        );
    }
    let figures = c.figures();
    let computed = figures.and_then(|f| f.ratio());
    if let (Some(reported), Some(computed), Some(figures)) = (&submission.ratio, computed, figures)
        && (reported.value - computed).abs() * 100.0 > config.ratio_tolerance_points + 1e-9
    {
        rule(
            Rule::RatioMismatch,
            &reported.cell_ref(),
            format!(
                "Tỷ lệ DVCTT {} đơn vị ghi ({}) khác tỷ lệ tính từ số liệu ({} / {} = {}). Bảng tổng hợp dùng tỷ lệ tính từ số liệu.",
                levels.level4,
                match &reported.typed {
                    // As typed, and how it was read (the reading nearest the counts).
                    Some(typed) => format!("“{typed}”, đọc là {}", vn_percent(reported.value)),
                    None => vn_percent(reported.value),
                },
                vn_count(figures.level4),
                vn_count(figures.total),
                vn_percent(computed)
            ),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::submission::{Counts, Given};

    /// A value at a cell named like `D7` (any name: only findings quote it).
    fn at<T>(value: T, _cell: &str) -> Option<Located<T>> {
        Some(Located::new(
            value,
            "Báo cáo",
            (0, 0),
            crate::submission::How::RightOfLabel,
        ))
    }

    fn roster() -> Roster {
        Roster::parse(include_str!("../templates/roster.toml")).unwrap()
    }

    fn wording() -> Wording {
        Wording::parse(include_str!("../templates/wording.toml")).unwrap()
    }

    fn good() -> Submission {
        Submission {
            file: "a.xlsx".into(),
            unit_name: at("An Giang".into(), "Báo cáo!C3"),
            period: at(
                Period::Quarter(Quarter::new(2020, 1).unwrap()),
                "Báo cáo!C4",
            ),
            issuer: None,
            counts: Counts {
                total: at(100, "Báo cáo!D7"),
                level3: at(Given::Number(20), "Báo cáo!D8"),
                level4: at(30, "Báo cáo!D9"),
                dossier_services: at(Given::Number(40), "Báo cáo!D10"),
                dossiers: at(Given::Number(500), "Báo cáo!D11"),
                online_dossiers: at(Given::Number(200), "Báo cáo!D12"),
            },
            ratio: at(0.3, "Báo cáo!D13"),
            ..Submission::default()
        }
    }

    fn rules_of(s: &Submission) -> Vec<&'static str> {
        let q = Quarter::new(2020, 1);
        check(s, &roster(), q, &wording(), &ChecksConfig::default())
            .findings
            .iter()
            .map(|f| f.rule.id())
            .collect()
    }

    #[test]
    fn each_rule_trips_on_its_case() {
        type Breaker = fn(&mut Submission);
        let cases: [(Breaker, &str); 9] = [
            (|s| s.counts.level4 = at(101, "x"), "rule.level4_le_total"),
            (
                |s| s.counts.level3 = at(Given::Number(71), "x"),
                "rule.level34_le_total",
            ),
            (
                |s| s.counts.dossier_services = at(Given::Number(51), "x"),
                "rule.dossier_services_le_level34",
            ),
            (
                |s| s.counts.online_dossiers = at(Given::Number(501), "x"),
                "rule.online_le_dossiers",
            ),
            (|s| s.ratio = at(0.3002, "x"), "ratio.mismatch"),
            (|s| s.counts.total = at(0, "x"), "rule.total_positive"),
            (
                |s| s.period = at(Period::Quarter(Quarter::new(2019, 4).unwrap()), "x"),
                "period.mismatch",
            ),
            (|s| s.unit_name = at("Hà Tây".into(), "x"), "unit.unknown"),
            (
                |s| s.unit_code = at("T01".into(), "x"),
                "unit.name_mismatch",
            ),
        ];
        assert!(rules_of(&good()).is_empty(), "{:?}", rules_of(&good()));
        for (breaker, rule) in cases {
            let mut s = good();
            breaker(&mut s);
            assert!(
                rules_of(&s).contains(&rule),
                "{rule}: got {:?}",
                rules_of(&s)
            );
        }
    }

    /// A figure not applicable bounds nothing: the sums that need it are
    /// not checked, and it is no finding itself.
    #[test]
    fn not_applicable_figures_bound_nothing() {
        let mut s = good();
        s.counts.level3 = at(Given::NotApplicable, "x");
        s.counts.dossier_services = at(Given::Number(51), "x");
        s.counts.dossiers = at(Given::NotApplicable, "x");
        assert!(rules_of(&s).is_empty(), "{:?}", rules_of(&s));
    }

    #[test]
    fn ratio_within_tolerance_passes() {
        let mut s = good();
        s.ratio = at(0.30009, "x");
        assert!(rules_of(&s).is_empty());
    }

    #[test]
    fn unknown_code_falls_back_to_the_name() {
        let mut s = good();
        s.unit_code = at("XX".into(), "x");
        let checked = check(&s, &roster(), None, &wording(), &ChecksConfig::default());
        assert_eq!(checked.unit.as_deref(), Some("T89"));
        assert_eq!(checked.findings[0].rule, Rule::UnitCodeUnknown);
    }
}
