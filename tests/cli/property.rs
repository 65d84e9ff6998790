//! Nothing lost: whatever a folder holds, every file ends as exactly one of
//! accepted, rejected or not a submission, and the run writes its report.

use crate::support::*;
use proptest::prelude::*;

#[derive(Debug, Clone)]
enum Kind {
    Good(usize),
    /// A second, dated report for a unit.
    Correction(usize, u8),
    Truncated(usize),
    Empty,
    Garbage(Vec<u8>),
    LockFile,
    Pdf,
    Unknown,
    /// A unit's report in a sub-folder named by the unit.
    Folder(usize),
    /// A zip holding a unit's report and a note.
    Zip(usize),
    /// A saved e-mail with a unit's report attached.
    Mail(usize),
}

impl Kind {
    /// The files this kind leaves in the folder, as the run names them.
    fn names(&self, i: usize) -> Vec<String> {
        match self {
            Kind::Good(_) => vec![format!("{i:02}-good.xlsx")],
            Kind::Correction(..) => vec![format!("{i:02}-correction.xlsx")],
            Kind::Truncated(_) => vec![format!("{i:02}-cut.xlsx")],
            Kind::Empty => vec![format!("{i:02}-empty.xls")],
            Kind::Garbage(_) => vec![format!("{i:02}-garbage.xlsx")],
            Kind::LockFile => vec![format!("~${i:02}.xlsx")],
            Kind::Pdf => vec![format!("{i:02}.pdf")],
            Kind::Unknown => vec![format!("{i:02}.txt")],
            Kind::Folder(u) => vec![format!("{i:02} {}/bao-cao.xlsx", UNITS[*u])],
            Kind::Zip(_) => vec![
                format!("{i:02}-gui.zip"),
                format!("{i:02}-gui.zip/bao-cao.xlsx"),
                format!("{i:02}-gui.zip/ghi-chu.txt"),
            ],
            Kind::Mail(_) => vec![format!("{i:02}.eml"), format!("{i:02}.eml/bao-cao.xlsx")],
        }
    }
}

fn kind() -> impl Strategy<Value = Kind> {
    prop_oneof![
        (0usize..6).prop_map(Kind::Good),
        ((0usize..6), 1u8..28).prop_map(|(u, d)| Kind::Correction(u, d)),
        (0usize..6).prop_map(Kind::Truncated),
        Just(Kind::Empty),
        proptest::collection::vec(any::<u8>(), 0..64).prop_map(Kind::Garbage),
        Just(Kind::LockFile),
        Just(Kind::Pdf),
        Just(Kind::Unknown),
        (0usize..6).prop_map(Kind::Folder),
        (0usize..6).prop_map(Kind::Zip),
        (0usize..6).prop_map(Kind::Mail),
    ]
}

const UNITS: [&str; 6] = [
    "An Giang",
    "Bộ Y tế",
    "Hà Nội",
    "Cà Mau",
    "Thừa Thiên Huế",
    "Bộ Tài chính",
];

fn write(wd: &Workdir, i: usize, kind: &Kind) {
    let form = |u: usize| Form::new(UNITS[u], "Quý I/2020", 1000, 200 + u as u64);
    match kind {
        Kind::Good(u) => {
            form(*u).save(wd, &format!("submissions/{i:02}-good.xlsx"));
        }
        Kind::Correction(u, day) => {
            form(*u)
                .set("Ngày báo cáo", t(&format!("{day:02}/04/2020")))
                .save(wd, &format!("submissions/{i:02}-correction.xlsx"));
        }
        Kind::Truncated(u) => {
            let bytes = form(*u).bytes();
            wd.write(
                &format!("submissions/{i:02}-cut.xlsx"),
                &bytes[..bytes.len() / 2],
            );
        }
        Kind::Empty => {
            wd.write(&format!("submissions/{i:02}-empty.xls"), b"");
        }
        Kind::Garbage(bytes) => {
            wd.write(&format!("submissions/{i:02}-garbage.xlsx"), bytes);
        }
        Kind::LockFile => {
            wd.write(&format!("submissions/~${i:02}.xlsx"), b"\x05owner");
        }
        Kind::Pdf => {
            wd.write(&format!("submissions/{i:02}.pdf"), b"%PDF-1.4");
        }
        Kind::Unknown => {
            wd.write(&format!("submissions/{i:02}.txt"), "ghi chú".as_bytes());
        }
        Kind::Folder(u) => {
            form(*u).save(
                wd,
                &format!("submissions/{i:02} {}/bao-cao.xlsx", UNITS[*u]),
            );
        }
        Kind::Zip(u) => {
            let zip = zip_of(&[
                ("bao-cao.xlsx", &form(*u).bytes()),
                ("ghi-chu.txt", "Kính gửi".as_bytes()),
            ]);
            wd.write(&format!("submissions/{i:02}-gui.zip"), &zip);
        }
        Kind::Mail(u) => {
            let eml = eml_of(
                "Thu, 09 Apr 2020 08:00:00 +0700",
                &[("bao-cao.xlsx", &form(*u).bytes())],
            );
            wd.write(&format!("submissions/{i:02}.eml"), &eml);
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 16, ..ProptestConfig::default() })]

    #[test]
    fn every_file_is_accounted_for(kinds in proptest::collection::vec(kind(), 1..10)) {
        let wd = Workdir::new();
        for (i, kind) in kinds.iter().enumerate() {
            write(&wd, i, kind);
        }
        let out = wd.run_quarter("2020-Q1", &[]);
        prop_assert!(matches!(code(&out), 0 | 3), "exit {}: {}", code(&out), stderr(&out));
        let s = wd.summary("2020-Q1");
        let files = &s["totals"]["files"];
        let total = files["total"].as_u64().unwrap();
        let mut expected: Vec<String> = kinds.iter().enumerate().flat_map(|(i, k)| k.names(i)).collect();
        prop_assert_eq!(total, expected.len() as u64);
        let parts = files["accepted"].as_u64().unwrap()
            + files["rejected"].as_u64().unwrap()
            + files["not_submission"].as_u64().unwrap()
            + files["replaced"].as_u64().unwrap();
        prop_assert_eq!(parts, total);
        let mut listed: Vec<String> = s["files"].as_array().unwrap().iter().map(|f| f["file"].as_str().unwrap().to_string()).collect();
        listed.sort();
        expected.sort();
        prop_assert_eq!(listed, expected);
        let rejected = files["rejected"].as_u64().unwrap();
        prop_assert_eq!(code(&out) == 3, rejected > 0);
        // Every rejected or stray file says why; a replaced one names its
        // correction.
        for f in s["files"].as_array().unwrap() {
            if f["verdict"] == "replaced" {
                prop_assert!(f["replaced_by"].is_string(), "{}", f);
            } else if f["verdict"] != "accepted" {
                prop_assert!(!rules_for(&s, f["file"].as_str().unwrap()).is_empty(), "{}", f);
            }
        }
    }
}
