//! Files that try to crash or starve the run: each gets its finding, and the
//! run still writes its report.

use crate::support::*;
use std::io::{Read, Write};

/// `bytes`, a zip, with each part passed through `edit` and `extra` parts added.
pub fn rezip(
    bytes: &[u8],
    edit: impl Fn(&str, Vec<u8>) -> Vec<u8>,
    extra: &[(&str, Vec<u8>)],
) -> Vec<u8> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for i in 0..zip.len() {
        let mut part = zip.by_index(i).unwrap();
        let name = part.name().unwrap().into_owned();
        let mut content = Vec::new();
        part.read_to_end(&mut content).unwrap();
        out.start_file(name.as_str(), options).unwrap();
        out.write_all(&edit(&name, content)).unwrap();
    }
    for (name, content) in extra {
        out.start_file(*name, options).unwrap();
        out.write_all(content).unwrap();
    }
    out.finish().unwrap().into_inner()
}

fn good(unit: &str) -> Form {
    Form::new(unit, "Quý I/2020", 1000, 300)
}

/// A valid form with one more cell at XFD1048576: calamine's range reader
/// would allocate the whole sheet (~550 GB, tafia/calamine#693).
fn far_cell() -> Vec<u8> {
    good("An Giang").cell(1_048_575, 16_383, t("x")).bytes()
}

/// `<sst uniqueCount="4000000000">`: calamine allocates for it at open (#684).
fn shared_string_bomb() -> Vec<u8> {
    rezip(
        &good("Bắc Giang").bytes(),
        |name, content| {
            if name != "xl/sharedStrings.xml" {
                return content;
            }
            let text = String::from_utf8(content).unwrap();
            let start = text.find("uniqueCount=\"").unwrap() + 13;
            let end = start + text[start..].find('"').unwrap();
            format!("{}4000000000{}", &text[..start], &text[end..]).into_bytes()
        },
        &[],
    )
}

/// 3 MB of zeros unpacked from a few kilobytes, against a 2 MB limit.
fn zip_bomb() -> Vec<u8> {
    rezip(
        &good("Bắc Kạn").bytes(),
        |_, c| c,
        &[("xl/media/padding.bin", vec![0u8; 3 << 20])],
    )
}

/// An OpenDocument sheet of 9,000 × 10,000 repeated cells: calamine builds
/// them all (2.9 GB) and aborts when memory runs out.
fn parser_bomb() -> Vec<u8> {
    let content = r#"<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2"><office:body><office:spreadsheet><table:table table:name="Báo cáo"><table:table-row table:number-rows-repeated="9000"><table:table-cell table:number-columns-repeated="10000" office:value-type="string"><text:p>x</text:p></table:table-cell></table:table-row></table:table></office:spreadsheet></office:body></office:document-content>"#;
    let manifest = r#"<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/></manifest:manifest>"#;
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let stored =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    out.start_file("mimetype", stored).unwrap();
    out.write_all(b"application/vnd.oasis.opendocument.spreadsheet")
        .unwrap();
    out.start_file("META-INF/manifest.xml", stored).unwrap();
    out.write_all(manifest.as_bytes()).unwrap();
    out.start_file("content.xml", stored).unwrap();
    out.write_all(content.as_bytes()).unwrap();
    out.finish().unwrap().into_inner()
}

/// Office's container for a password-protected workbook.
fn encrypted() -> Vec<u8> {
    compound_file(&[("EncryptionInfo", b"\x04\x00"), ("EncryptedPackage", b"")])
}

const LIMITS: &[u8] =
    b"[limits]\nmax_unzipped_bytes = 2097152\nmax_memory_bytes = 268435456\nmax_seconds = 10\n";

fn finding<'a>(s: &'a serde_json::Value, file: &str) -> &'a serde_json::Value {
    s["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["file"] == file)
        .unwrap_or_else(|| panic!("{file}"))
}

#[test]
fn hostile_files_get_findings_and_the_report_is_written() {
    let wd = Workdir::new();
    wd.write("limits.toml", LIMITS);
    wd.write("submissions/an-giang-far-cell.xlsx", &far_cell());
    wd.write("submissions/bac-giang-sst.xlsx", &shared_string_bomb());
    wd.write("submissions/bac-kan-zip-bomb.xlsx", &zip_bomb());
    wd.write("submissions/parser-bomb.ods", &parser_bomb());
    wd.write("submissions/locked-report.bin", &encrypted());
    good("Cà Mau").save(&wd, "submissions/ca-mau.xlsx");
    // And the rest of what arrives, all in the same folder.
    Form {
        font: Some(".VnTime".into()),
        ..good("Đắk Lắk").map_text(dvctt::legacy::encode_tcvn3)
    }
    .save(&wd, "submissions/dak-lak-tcvn3.xlsx");
    good("Hà Giang")
        .set("Kỳ báo cáo", t("Từ ngày 01/01/2020 đến ngày 31/03/2020"))
        .save(&wd, "submissions/ha-giang.xlsx");
    wd.write("submissions/BaoCao_LongAn.xlsx", b"");
    wd.write("submissions/~$ca-mau.xlsx", b"\x05owner");
    wd.write("submissions/cong-van.pdf", b"%PDF-1.4");
    for entry in std::fs::read_dir(format!("{REPO}/tests/data/fuzz")).unwrap() {
        let entry = entry.unwrap();
        std::fs::copy(entry.path(), wd.path("submissions").join(entry.file_name())).unwrap();
    }
    let on_disk = std::fs::read_dir(wd.path("submissions")).unwrap().count();
    let out = wd.run_quarter("2020-Q1", &["--config", "limits.toml"]);
    assert_eq!(code(&out), 3, "{}", stderr(&out));
    let s = wd.summary("2020-Q1");
    assert_eq!(s["totals"]["files"]["total"], on_disk);
    assert_eq!(unit(&s, "T66")["status"], "accepted", "Đắk Lắk in TCVN3");
    assert_eq!(
        unit(&s, "T02")["status"],
        "accepted",
        "a period as a date range"
    );
    assert_eq!(
        unit(&s, "T80")["status"],
        "rejected",
        "Long An's empty file, charged by its name"
    );
    assert_eq!(
        unit(&s, "T89")["status"],
        "accepted",
        "the far cell is read without the sheet's box"
    );
    assert_eq!(unit(&s, "T96")["status"], "accepted");

    let sst = finding(&s, "bac-giang-sst.xlsx");
    assert_eq!(sst["rule"], "file.too_large");
    assert!(
        sst["message"]
            .as_str()
            .unwrap()
            .contains("limits.max_cells")
    );
    let bomb = finding(&s, "bac-kan-zip-bomb.xlsx");
    assert_eq!(bomb["rule"], "file.too_large");
    assert!(
        bomb["message"]
            .as_str()
            .unwrap()
            .contains("2.097.152 byte (limits.max_unzipped_bytes)")
    );
    let parser = finding(&s, "parser-bomb.ods");
    assert_eq!(parser["rule"], "file.too_large");
    assert!(
        parser["message"]
            .as_str()
            .unwrap()
            .contains("limits.max_memory_bytes"),
        "{parser}"
    );
    let locked = finding(&s, "locked-report.bin");
    assert_eq!(
        locked["rule"], "file.encrypted",
        "by content, whatever the extension"
    );
    assert!(
        locked["message"]
            .as_str()
            .unwrap()
            .contains("Tệp có mật khẩu")
    );
}

#[test]
fn a_file_over_the_size_limit_is_not_opened() {
    let wd = Workdir::new();
    wd.write("small.toml", b"[limits]\nmax_file_bytes = 1000\n");
    good("Cà Mau").save(&wd, "submissions/ca-mau.xlsx");
    wd.run_quarter("2020-Q1", &["--config", "small.toml"]);
    let s = wd.summary("2020-Q1");
    assert_eq!(
        rules_for(&s, "ca-mau.xlsx"),
        ["file.too_large", "unit.from_file_name"]
    );
    assert_eq!(
        unit(&s, "T96")["status"],
        "rejected",
        "charged to its unit by its name"
    );
    assert!(
        finding(&s, "ca-mau.xlsx")["message"]
            .as_str()
            .unwrap()
            .contains("1.000 byte (limits.max_file_bytes)")
    );
}

/// The fuzzer's finds the reader itself must refuse, read in-process
/// (`limits.isolate = false`) under a 1 GiB address-space cap, as a reader
/// process runs: each is a finding, never an abort. `*-oom.*` files are
/// contained only by the reader process's memory cap (tests/cli/pool.rs).
#[test]
fn fuzzer_finds_are_refused_by_the_reader_itself() {
    let wd = Workdir::new();
    wd.write("in-process.toml", b"[limits]\nisolate = false\n");
    let dir = std::path::Path::new(REPO).join("tests/data/fuzz");
    let mut inputs: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| !p.to_string_lossy().contains("-oom."))
        .collect();
    inputs.sort();
    assert!(inputs.len() >= 2, "{inputs:?}");
    for input in &inputs {
        let name = input.file_name().unwrap().to_string_lossy().into_owned();
        let out = check_in_process(&wd, input);
        assert!(
            matches!(code(&out), 0 | 3),
            "{name}: exit {:?}: {}",
            out.status,
            stderr(&out)
        );
        assert!(stdout(&out).starts_with(&format!("{name}: ")), "{name}");
    }
    // A FAT entry pointing back into the directory's own chain: calamine
    // would append the same sectors until the memory ran out.
    let out = check_in_process(&wd, &dir.join("xls-cyclic-fat-chain.xls"));
    assert!(
        stdout(&out).contains("Tệp bị cắt cụt hoặc hỏng")
            && stdout(&out).contains("(file.unreadable)"),
        "{}",
        stdout(&out)
    );
    // A sheet of 132 values whose DIMENSIONS record declares 53 billion
    // cells: calamine reserves them all before reading one.
    let out = check_in_process(&wd, &dir.join("xls-dimensions-reserve.xls"));
    assert!(
        stdout(&out).contains("khai báo vùng dữ liệu 53.219.840.144 ô (bản ghi DIMENSIONS")
            && stdout(&out).contains("chỉ có 132 ô dữ liệu")
            && stdout(&out).contains("(file.too_large)"),
        "{}",
        stdout(&out)
    );
    // A compound directory the `cfb` crate cannot read, so calamine is
    // asked, holding a far cell: the range is still judged first.
    let out = check_in_process(&wd, &dir.join("xls-far-cell-unreadable-directory.xls"));
    assert!(
        stdout(&out).contains("trải từ ô A1 đến ô CRXP62981"),
        "{}",
        stdout(&out)
    );
    // A far cell in a sheet where calamine reads it (from its BOUNDSHEET
    // offset), not where a walk through the stream's nesting finds it.
    let out = check_in_process(&wd, &dir.join("xls-far-cell-in-a-sheet-calamine-reads.xls"));
    assert!(
        stdout(&out)
            .contains("“System Mapping” chỉ có 1.222 ô dữ liệu nhưng trải từ ô A3 đến ô CRXM63955"),
        "{}",
        stdout(&out)
    );
}

/// `dvctt check` of `input` with `in-process.toml`, capped at 1 GiB of
/// address space as a reader process is by default.
fn check_in_process(wd: &Workdir, input: &std::path::Path) -> std::process::Output {
    std::process::Command::new("sh")
        .args(["-c", "ulimit -v 1048576 && exec \"$0\" \"$@\""])
        .arg(BIN)
        .args(["--config", "in-process.toml", "check"])
        .arg(input)
        .current_dir(wd.path(""))
        .output()
        .unwrap()
}

/// Every input the fuzzer (fuzz/, `cargo fuzz run read_submission`) found to
/// crash or exhaust the in-process reader, kept in tests/data/fuzz/: through
/// the binary each is a finding, never a crash.
#[test]
fn fuzzer_finds_are_findings() {
    let wd = Workdir::new();
    wd.write("limits.toml", LIMITS);
    let dir = std::path::Path::new(REPO).join("tests/data/fuzz");
    let mut inputs: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    inputs.sort();
    assert!(!inputs.is_empty());
    for input in &inputs {
        let name = input.file_name().unwrap().to_string_lossy().into_owned();
        wd.folder("submissions");
        std::fs::copy(input, wd.path(&format!("submissions/{name}"))).unwrap();
        let out = wd.run(&["--config", "limits.toml", "check", input.to_str().unwrap()]);
        assert!(
            matches!(code(&out), 0 | 3),
            "{name}: exit {:?}: {}",
            out.status,
            stderr(&out)
        );
        assert!(
            stdout(&out).starts_with(&format!("{name}: ")),
            "{name}: {}",
            stdout(&out)
        );
    }
    let out = wd.run_quarter("2020-Q1", &["--config", "limits.toml"]);
    assert!(matches!(code(&out), 0 | 3), "{}", stderr(&out));
    assert_eq!(
        wd.summary("2020-Q1")["totals"]["files"]["total"],
        inputs.len()
    );
}
