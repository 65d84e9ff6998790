//! Arbitrary bytes through the path an archive or e-mail takes in `dvctt
//! run` / `dvctt check`: taken apart by the reader process, as a `.zip` and
//! as an `.eml` (`collect::unpack`, within the default limits, writing into
//! a temporary folder), its answer framed as the worker writes it and
//! decoded as the run reads it (`protocol`). A panic that escapes, an
//! answer the run cannot decode, a file written outside the folder, or an
//! entry said written that is not there (or not with the digest said) is a
//! crash here.
#![no_main]

use dvctt::collect::unpack::{Unpack, Unpacked, unpack};
use dvctt::pool::protocol::{Response, path_bytes, read_frame, write_frame};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    // A parser's panic is caught and reported as the file's, as the product
    // does: only what escapes that is a crash.
    static QUIET: std::sync::Once = std::sync::Once::new();
    QUIET.call_once(|| std::panic::set_hook(Box::new(|_| {})));
    let limits = dvctt::config::LimitsConfig::default();
    let scratch = tempfile::tempdir().expect("a temporary folder");
    let file = scratch.path().join("sent");
    std::fs::write(&file, data).expect("the input written");
    for mail in [false, true] {
        let folder = scratch.path().join(if mail { "eml" } else { "zip" });
        std::fs::create_dir(&folder).expect("a folder");
        let request = Unpack {
            path: path_bytes(&file),
            folder: path_bytes(&folder),
            mail,
            named_zip: !mail,
            budget: dvctt::collect::Budget {
                bytes: limits.max_unzipped_bytes,
                entries: dvctt::collect::MAX_ENTRIES,
            },
            run_items: limits.max_files,
            run_bytes: limits.max_total_bytes,
        };
        let answer = unpack(&request, &limits);
        if let Unpacked::Opened(listing) = &answer {
            for entry in &listing.entries {
                let Some(name) = &entry.file else { continue };
                let bytes = std::fs::read(folder.join(name)).expect("an entry said written");
                assert_eq!(bytes.len() as u64, entry.size);
                assert_eq!(
                    Some(dvctt::digest::sha256_hex(&bytes)),
                    entry.sha256,
                    "the digest said"
                );
            }
            let written = std::fs::read_dir(&folder).expect("the folder").count();
            let said = listing.entries.iter().filter(|e| e.file.is_some()).count();
            assert_eq!(written, said, "nothing written but what is said");
        }
        assert!(
            std::fs::read_dir(scratch.path()).expect("scratch").count() <= 3,
            "nothing written beside the folder"
        );
        // Over the pipe as the worker answers and the run decodes.
        let mut frame = Vec::new();
        write_frame(&mut frame, &Response::Unpacked(answer)).expect("a frame");
        let decoded = read_frame::<Response>(&mut frame.as_slice())
            .expect("the run decodes the worker's frame")
            .expect("a whole frame");
        let mut again = Vec::new();
        write_frame(&mut again, &decoded).expect("a frame");
        assert!(again == frame, "the frame decodes to another answer");
    }
});
