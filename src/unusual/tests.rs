use super::*;

fn before_after(total: (u64, u64), level4: (u64, u64)) -> (Previous, Previous) {
    (
        Previous {
            total: total.0,
            level4: level4.0,
        },
        Previous {
            total: total.1,
            level4: level4.1,
        },
    )
}

#[test]
fn median_and_mad_of_past_changes() {
    let config = HistoryConfig::default();
    let u = usual(&[2.0, 2.25, 1.75, 2.1], &config).unwrap();
    assert!((u.median - 2.05).abs() < 1e-12, "{u:?}");
    // Deviations 0.05, 0.2, 0.3, 0.05: the middle two are 0.05 and 0.2.
    assert!((u.mad - 0.125).abs() < 1e-12, "{u:?}");
    assert_eq!(u.changes, 4);
    let odd = usual(&[-3.0, 4.0, 1.0, 6.0, -2.0], &config).unwrap();
    assert_eq!((odd.median, odd.mad), (1.0, 3.0));
    assert!(
        usual(&[1.0, 2.0, 3.0], &config).is_none(),
        "too little history"
    );
}

#[test]
fn flags_follow_the_score_the_minimum_size_and_the_floor() {
    let config = HistoryConfig::default();
    let standstill = HistoryConfig {
        unusual_min_points: 0.0,
        ..HistoryConfig::default()
    };
    let cases: [(&str, f64, &[f64], &HistoryConfig, bool); 10] = [
        // The Bộ GTVT: held still against a mean of 1.79.
        ("held still", 0.0, &[1.5, 2.0, 1.9, 1.76], &config, false),
        // The Bắc Ninh: +2.15 against changes of a few tenths.
        ("small rise", 2.15, &[0.2, 0.3, 0.1, 0.25], &config, false),
        ("jump", 9.0, &[2.0, 2.25, 1.75, 2.1], &config, true),
        ("fall", -8.0, &[2.0, 2.0, 2.0, 2.0], &config, true),
        ("MAD of 0 takes the floor", 13.0, &[1.0; 4], &config, true),
        ("under the minimum size", 4.9, &[0.0; 4], &config, false),
        (
            "noisy unit, ordinary for it",
            9.0,
            &[-3.0, 4.0, 1.0, 6.0, -2.0],
            &config,
            false,
        ),
        (
            "noisy unit, far out",
            20.0,
            &[-3.0, 4.0, 1.0, 6.0, -2.0],
            &config,
            true,
        ),
        (
            "stopped growing",
            0.0,
            &[8.0, 8.5, 7.5, 8.0],
            &config,
            false,
        ),
        (
            "stopped growing, flagged by choice",
            0.0,
            &[8.0, 8.5, 7.5, 8.0],
            &standstill,
            true,
        ),
    ];
    for (name, change, past, config, want) in cases {
        let got = usual(past, config).and_then(|u| score(change, &u, config));
        assert_eq!(got.is_some(), want, "{name}: {got:?}");
    }
    // 0.6745 × (9 − 2.05) / max(0.125, 0.5)
    let u = usual(&[2.0, 2.25, 1.75, 2.1], &config).unwrap();
    let s = score(9.0, &u, &config).unwrap();
    assert!((s - 0.6745 * 6.95 / 0.5).abs() < 1e-9, "{s}");
    assert!(score(-8.0, &usual(&[2.0; 4], &config).unwrap(), &config).unwrap() < 0.0);
}

#[test]
fn the_threshold_is_the_config_s() {
    let strict = HistoryConfig {
        unusual_threshold: 10.0,
        ..HistoryConfig::default()
    };
    let u = usual(&[2.0, 2.25, 1.75, 2.1], &strict).unwrap();
    // Score 9.38: over 3.5, under 10.
    assert!(score(9.0, &u, &HistoryConfig::default()).is_some());
    assert!(score(9.0, &u, &strict).is_none());
}

#[test]
fn the_cause_names_the_part_that_moved() {
    let cases = [
        (
            (2202, 1890),
            (700, 700),
            Part::Total,
            "Tổng số TTHC giảm 14%: 2.202 → 1.890",
        ),
        (
            (2000, 2000),
            (320, 361),
            Part::Level4,
            "Số DVCTT mức độ 4 tăng 41: 320 → 361",
        ),
        (
            (2202, 1890),
            (700, 741),
            Part::Both,
            "Tổng số TTHC giảm 14%: 2.202 → 1.890; Số DVCTT mức độ 4 tăng 41: 700 → 741",
        ),
        // A list revision of 1% beside 300 new services: the services.
        (
            (2000, 1980),
            (400, 700),
            Part::Level4,
            "Số DVCTT mức độ 4 tăng 300: 400 → 700",
        ),
        (
            (2000, 1950),
            (900, 600),
            Part::Level4,
            "Số DVCTT mức độ 4 giảm 300: 900 → 600",
        ),
        (
            (2000, 2100),
            (0, 0),
            Part::Both,
            "Tổng số TTHC tăng 5%: 2.000 → 2.100; Số DVCTT mức độ 4 không đổi: 0",
        ),
        (
            (1000, 975),
            (100, 400),
            Part::Level4,
            "Số DVCTT mức độ 4 tăng 300: 100 → 400",
        ),
        (
            (1000, 1025),
            (500, 500),
            Part::Total,
            "Tổng số TTHC tăng 2,5%: 1.000 → 1.025",
        ),
    ];
    for (total, level4, part, text) in cases {
        let (before, after) = before_after(total, level4);
        let cause = Cause::between(before, after);
        assert_eq!(
            (cause.part, cause.vietnamese("mức độ 4").as_str()),
            (part, text),
            "{total:?} {level4:?}"
        );
        let change = (after.ratio().unwrap() - before.ratio().unwrap()) * 100.0;
        assert!(
            (cause.total_effect + cause.level4_effect - change).abs() < 1e-9,
            "the parts add up to the change: {cause:?}"
        );
    }
}

#[test]
fn the_message_says_the_cause_and_the_usual_change() {
    let (before, _) = before_after((2000, 2000), (362, 542));
    let now = Figures {
        total: 2000,
        level4: 542,
        level3: crate::submission::Optional::Blank,
        dossier_services: crate::submission::Optional::Blank,
        dossiers: crate::submission::Optional::Blank,
        online_dossiers: crate::submission::Optional::Blank,
    };
    let x = assess(
        &now,
        &before,
        &[2.0, 2.25, 1.75, 2.1],
        false,
        &HistoryConfig::default(),
    )
    .expect("unusual");
    assert_eq!(
        x.message("mức độ 4", x.change),
        "Số DVCTT mức độ 4 tăng 180: 362 → 542; tỷ lệ thay đổi +9,00 điểm %, \
         thường +2,05 điểm % (trung vị của 4 quý trước)"
    );
    assert_eq!(vn_points(-0.001), "+0,00");
    assert_eq!(vn_points(-12.345), "-12,35");
}

#[test]
fn the_period_s_word_for_level_4_is_used() {
    let (before, after) = before_after((2000, 2000), (320, 361));
    assert_eq!(
        Cause::between(before, after).vietnamese("toàn trình"),
        "Số DVCTT toàn trình tăng 41: 320 → 361"
    );
}

#[test]
fn past_changes_follow_the_lineage_stop_at_a_split_and_leave_out_acceptances() {
    let roster =
        Roster::parse(include_str!("../../templates/roster.toml")).expect("shipped roster");
    let q = |s: &str| s.parse::<Quarter>().unwrap();
    let f = |total, level4| Previous { total, level4 };
    let none = Acceptances::default();
    let mut history = History::default();
    // Lào Cai and Yên Bái up to 2025-Q2, the merged Lào Cai after.
    history.insert("T10", q("2025-Q1"), f(1000, 300));
    history.insert("T15", q("2025-Q1"), f(1000, 100));
    history.insert("T10", q("2025-Q2"), f(1000, 340));
    history.insert("T15", q("2025-Q2"), f(1000, 140));
    history.insert("LAOCAI-2025", q("2025-Q3"), f(2000, 520));
    // 20% → 24% → 26% of the two together.
    let changes = past_changes(&history, &roster, "LAOCAI-2025", &none);
    assert_eq!(changes.len(), 2, "{changes:?}");
    assert!((changes[0] - 4.0).abs() < 1e-9 && (changes[1] - 2.0).abs() < 1e-9);
    assert_eq!(
        history.along_lineage(&roster, "LAOCAI-2025", q("2025-Q2")),
        Some((f(2000, 480), true))
    );
    // Yên Bái's 2025-Q2 change accepted: the sum's change of that quarter is left out.
    let accepted = Acceptances::parse("2025-Q2 T15 reviewed\n").unwrap();
    let changes = past_changes(&history, &roster, "LAOCAI-2025", &accepted);
    assert_eq!(changes.len(), 1, "{changes:?}");
    assert!((changes[0] - 2.0).abs() < 1e-9);
    // The merged unit's own acceptance, likewise.
    let accepted = Acceptances::parse("2025-Q3 LAOCAI-2025\n").unwrap();
    let changes = past_changes(&history, &roster, "LAOCAI-2025", &accepted);
    assert!((changes[0] - 4.0).abs() < 1e-9 && changes.len() == 1);
    // Bộ Nội vụ took part of Bộ Lao động - Thương binh và Xã hội: no past before 2025-Q2.
    history.insert("BNV", q("2025-Q1"), f(100, 50));
    history.insert("BLDTBXH", q("2025-Q1"), f(100, 50));
    history.insert("BNV-2025", q("2025-Q2"), f(170, 40));
    history.insert("BNV-2025", q("2025-Q3"), f(170, 44));
    assert_eq!(past_changes(&history, &roster, "BNV-2025", &none).len(), 1);
    assert_eq!(
        history.along_lineage(&roster, "BNV-2025", q("2025-Q1")),
        None
    );
}

#[test]
fn a_small_unit_needs_a_change_in_the_counts_as_well_as_in_points() {
    let config = HistoryConfig::default();
    let by_points = HistoryConfig {
        unusual_min_count: 0,
        ..HistoryConfig::default()
    };
    let f = |total, level4| Previous { total, level4 };
    let now = Figures::counts_only;
    // Issue #23: 27 procedures, none added in most quarters.
    let calm = [0.0, 0.0, 0.0, 0.0, 7.41];
    let cases = [
        ("2 of 27: 7 points, ordinary growth", 2, &config, false),
        ("3 of 27: 11 points", 3, &config, false),
        ("4 of 27, one under the minimum", 4, &config, false),
        ("5 of 27, the minimum", 5, &config, true),
        ("2 of 27, the points alone by choice", 2, &by_points, true),
    ];
    for (case, added, config, want) in cases {
        let got = assess(&now(27, 3 + added), &f(27, 3), &calm, false, config);
        assert_eq!(got.is_some(), want, "{case}: {got:?}");
    }
    // A large unit's jump moves the counts by far more than the minimum.
    let got = assess(&now(2000, 500), &f(2000, 300), &[1.0; 4], false, &config);
    assert!(got.is_some());
}
