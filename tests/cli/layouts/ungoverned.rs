//! Property: notes, dates and numbers in cells that no label or header
//! governs (below the content after a blank row, right of it after a blank
//! column) never change what a valid form reads.

use proptest::prelude::*;

use super::{Case, check_case, corpus, run_corpus};
use crate::support::*;

/// The layouts, with the first column right of everything they hold and
/// the first row below it (a blank column and a blank row away).
const LAYOUTS: [(&str, u16, u32); 5] = [
    ("T89", 5, 9),
    ("T60", 3, 6),
    ("T48", 8, 9),
    ("T11", 6, 7),
    ("T30", 4, 7),
];

const NOTES: [&str; 6] = [
    "Số liệu sơ bộ",
    "Đã rà soát",
    "Nguồn: Cổng dịch vụ công của tỉnh",
    "Kèm theo Công văn số 12/STTTT",
    "Người lập biểu",
    "ghi chú: 3 thủ tục đang sửa đổi",
];

#[derive(Debug, Clone)]
enum Stray {
    Note(usize),
    Date(u16, u8, u8),
    Number(f64),
    Typed(String),
}

fn stray() -> impl Strategy<Value = Stray> {
    prop_oneof![
        (0..NOTES.len()).prop_map(Stray::Note),
        (2015u16..2031, 1u8..13, 1u8..29).prop_map(|(y, m, d)| Stray::Date(y, m, d)),
        (-1e6f64..1e6).prop_map(Stray::Number),
        "[0-9]{1,4}([.,][0-9]{1,3})?%?".prop_map(Stray::Typed),
    ]
}

/// A stray cell: right of the content on its first rows, or below it.
fn placed() -> impl Strategy<Value = (bool, u32, u16, Stray)> {
    (any::<bool>(), 0u32..10, 0u16..6, stray())
}

fn value(stray: &Stray) -> V {
    match stray {
        Stray::Note(i) => t(NOTES[*i]),
        Stray::Date(y, m, d) => V::Date(*y, *m, *d),
        Stray::Number(n) => V::N(*n),
        Stray::Typed(text) => V::T(text.clone()),
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    #[test]
    fn stray_cells_no_label_governs_never_change_the_figures(
        strays in proptest::collection::vec(placed(), 1..12)
    ) {
        let wd = Workdir::new();
        let mut cases: Vec<Case> = corpus()
            .into_iter()
            .filter(|c| LAYOUTS.iter().any(|(code, _, _)| *code == c.code))
            .collect();
        for case in &mut cases {
            let (_, right, below) = *LAYOUTS.iter().find(|l| l.0 == case.code).expect("layout");
            let mut sheet = case.sheets[0].clone();
            for (to_the_right, row, col, stray) in &strays {
                let (r, c) = if *to_the_right {
                    (*row, right + col)
                } else {
                    (below + row, *col)
                };
                sheet = sheet.at(r, c, value(stray));
            }
            case.sheets[0] = sheet;
        }
        let s = run_corpus(&wd, &cases);
        for case in &cases {
            let checked = check_case(&s, case);
            prop_assert!(checked.is_ok(), "{:?}", checked);
        }
    }
}
