//! Issue #15, measured: three years of quarters for all 83 units, seeded,
//! run through the binary quarter after quarter as cron would, counting the
//! unusual changes it flags. Steady growth alone must flag close to nothing;
//! with ordinary noise (lists revised, a quarter without new services) at
//! most about one flag a quarter across all units; every injected jump of 12
//! points or more must be caught.
//!
//! Runs use `limits.isolate = false` to keep the 26 runs quick: isolation
//! changes how a file is read, not the comparison.

use crate::support::*;
use crate::unusual::{quarters_from_2019, run_one};
use dvctt::quarter::Quarter;
use dvctt::roster::{Group, Roster};

/// The baseline quarter and three years after it.
const QUARTERS: usize = 13;
/// Quarters from which a unit has the 4 past changes the judgement needs.
const FIRST_JUDGED: usize = 5;
const JUMPS_PER_QUARTER: usize = 3;

/// splitmix64: a few lines, and the same figures on every machine.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in [lo, hi).
    fn uniform(&mut self, lo: f64, hi: f64) -> f64 {
        lo + (hi - lo) * (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// One unit's counts, moved quarter by quarter.
struct Sim {
    code: String,
    name: String,
    total: u64,
    level4: u64,
    /// Its usual growth, in points of ratio a quarter.
    growth: f64,
}

impl Sim {
    fn ratio(&self) -> f64 {
        self.level4 as f64 / self.total as f64
    }

    /// `points` of ratio more (or fewer) level-4 services, at the current total.
    fn add_points(&mut self, points: f64) {
        let delta = (points / 100.0 * self.total as f64).round() as i64;
        self.level4 = (self.level4 as i64 + delta).clamp(0, self.total as i64) as u64;
    }
}

/// What happens besides each unit's growth.
#[derive(Debug, Clone, Copy)]
struct Noise {
    /// The chance, each quarter, that a unit's procedure list is revised...
    revise_chance: f64,
    /// ...by up to this fraction, up or down.
    revise_max: f64,
    /// The chance that a unit adds no service in a quarter.
    still_chance: f64,
    /// Inject jumps of 12 to 20 points, 3 a quarter.
    jumps: bool,
}

const STEADY: Noise = Noise {
    revise_chance: 0.0,
    revise_max: 0.0,
    still_chance: 0.0,
    jumps: false,
};

/// A few lists revised each quarter, as happens; a unit now and then adding nothing.
const ORDINARY: Noise = Noise {
    revise_chance: 0.05,
    revise_max: 0.08,
    still_chance: 0.05,
    jumps: true,
};

#[derive(Debug, Default)]
struct Tally {
    judged_quarters: usize,
    false_alarms: Vec<String>,
    jumps: usize,
    missed: Vec<String>,
}

/// Units sized as in the 929 appendix: ministries 50–700 procedures,
/// provinces 1,200–2,200; ratios 1–30%.
fn units(rng: &mut Rng) -> Vec<Sim> {
    let text = std::fs::read_to_string(format!("{REPO}/templates/roster.toml")).unwrap();
    let roster = Roster::parse(&text).unwrap();
    let first = Quarter::new(2019, 1).unwrap();
    roster
        .units_in(first)
        .map(|u| {
            let total = match u.group {
                Group::I => rng.uniform(50.0, 700.0),
                _ => rng.uniform(1200.0, 2200.0),
            }
            .round() as u64;
            let level4 = (rng.uniform(0.01, 0.30) * total as f64).round() as u64;
            Sim {
                code: u.code.clone(),
                name: u.name.clone(),
                total,
                level4,
                growth: rng.uniform(0.0, 2.5),
            }
        })
        .collect()
}

/// Runs the quarters, with `noise` on top of each unit's growth.
fn simulate(seed: u64, noise: Noise) -> Tally {
    let wd = Workdir::new();
    wd.write("sim.toml", b"[limits]\nisolate = false\n");
    let mut rng = Rng(seed);
    let mut sims = units(&mut rng);
    let mut tally = Tally::default();
    for (i, quarter) in quarters_from_2019(QUARTERS).into_iter().enumerate() {
        let mut jumped: Vec<usize> = Vec::new();
        if i > 0 {
            for sim in sims.iter_mut() {
                let held_still = rng.uniform(0.0, 1.0) < noise.still_chance;
                let growth = (sim.growth + rng.uniform(-0.5, 0.5)).clamp(0.0, 2.5);
                if !held_still {
                    sim.add_points(growth);
                }
                if rng.uniform(0.0, 1.0) < noise.revise_chance {
                    let factor = 1.0 + rng.uniform(-noise.revise_max, noise.revise_max);
                    sim.total = ((sim.total as f64 * factor).round() as u64).max(sim.level4);
                }
            }
        }
        if noise.jumps && i >= FIRST_JUDGED {
            while jumped.len() < JUMPS_PER_QUARTER {
                let u = rng.below(sims.len());
                if !jumped.contains(&u) {
                    inject_jump(&mut sims[u], &mut rng);
                    jumped.push(u);
                }
            }
        }
        let forms: Vec<(&str, u64, u64)> = sims
            .iter()
            .map(|s| (s.name.as_str(), s.total, s.level4))
            .collect();
        run_one(&wd, quarter, &forms, &["--config", "sim.toml"]);
        if i < FIRST_JUDGED {
            continue;
        }
        tally.judged_quarters += 1;
        tally.jumps += jumped.len();
        let summary = wd.summary(&quarter.to_string());
        let flagged: Vec<&str> = summary["units"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|u| !u["unusual"].is_null())
            .map(|u| u["code"].as_str().unwrap())
            .collect();
        for code in &flagged {
            if !jumped.iter().any(|&u| sims[u].code == *code) {
                let change = &unit(&summary, code)["change_points"];
                tally
                    .false_alarms
                    .push(format!("{quarter} {code} {change}"));
            }
        }
        for &u in &jumped {
            if !flagged.contains(&sims[u].code.as_str()) {
                tally.missed.push(format!("{quarter} {}", sims[u].name));
            }
        }
        // A reviewer confirms what was flagged (every change here is
        // real), as the workflow asks: a figure never confirmed is no
        // baseline, and the next quarter would compare with an older one.
        let path = wd.path("reports/unusual-accepted.txt");
        let mut accepted = std::fs::read_to_string(&path).unwrap_or_default();
        for code in &flagged {
            accepted.push_str(&format!("{quarter} {code} đã xác nhận với đơn vị\n"));
        }
        wd.write("reports/unusual-accepted.txt", accepted.as_bytes());
    }
    tally
}

/// A jump of 12 to 20 points: services added or withdrawn at once, or the
/// list cut so the ratio rises by as much.
fn inject_jump(sim: &mut Sim, rng: &mut Rng) {
    let points = rng.uniform(12.0, 20.0);
    let ratio = sim.ratio();
    match rng.below(3) {
        1 if ratio * 100.0 > points + 1.0 => sim.add_points(-points),
        2 if ratio >= 0.25 => {
            sim.total = (sim.level4 as f64 / (ratio + points / 100.0)).round() as u64;
        }
        _ => sim.add_points(points),
    }
}

#[test]
fn steady_growth_flags_close_to_nothing() {
    let tally = simulate(15, STEADY);
    assert_eq!(tally.judged_quarters, QUARTERS - FIRST_JUDGED);
    assert!(
        tally.false_alarms.len() <= 1,
        "steady growth flagged: {:?}",
        tally.false_alarms
    );
}

#[test]
fn with_ordinary_noise_about_one_flag_a_quarter_and_every_jump_caught() {
    let tally = simulate(2020, ORDINARY);
    assert_eq!(tally.jumps, JUMPS_PER_QUARTER * (QUARTERS - FIRST_JUDGED));
    assert!(
        tally.false_alarms.len() <= tally.judged_quarters,
        "{} false alarms in {} quarters: {:?}",
        tally.false_alarms.len(),
        tally.judged_quarters,
        tally.false_alarms
    );
    assert!(tally.missed.is_empty(), "jumps missed: {:?}", tally.missed);
}

/// The rates in docs/comparison.md: `cargo test --test cli simulation --
/// --ignored --nocapture` (about 30 s a seed and kind of noise). "Heavy" is
/// a sensitivity check, not a budget: lists revised twice as often and by
/// up to 15%.
#[test]
#[ignore]
fn measure_rates_over_seeds() {
    let heavy = Noise {
        revise_chance: 0.10,
        revise_max: 0.15,
        still_chance: 0.10,
        jumps: true,
    };
    for (kind, noise) in [("steady", STEADY), ("ordinary", ORDINARY), ("heavy", heavy)] {
        let (mut quarters, mut alarms, mut jumps, mut missed) = (0, 0, 0, 0);
        for seed in 1..=5 {
            let t = simulate(seed * 7919, noise);
            println!("{kind} seed={seed}: {t:?}");
            quarters += t.judged_quarters;
            alarms += t.false_alarms.len();
            jumps += t.jumps;
            missed += t.missed.len();
        }
        println!(
            "{kind}: {alarms} false alarms in {quarters} quarters ({:.2} a quarter), {} of {jumps} jumps caught",
            alarms as f64 / quarters as f64,
            jumps - missed
        );
        // The budgets the two tests above hold for one seed hold over five;
        // the heavy noise is measured, not judged.
        assert_eq!(quarters, 5 * (QUARTERS - FIRST_JUDGED), "{kind}");
        if kind != "heavy" {
            assert!(alarms <= quarters, "{kind}: {alarms} false alarms");
            assert_eq!(missed, 0, "{kind}: {missed} of {jumps} jumps missed");
        }
    }
}
