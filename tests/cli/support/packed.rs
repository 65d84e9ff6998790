//! Archives and saved e-mails as units send them: a zip built with the zip
//! crate, a MIME message written by hand (base64 attachments), the way a
//! mail client's "save as" writes it.

use std::io::Write;

/// A zip holding `entries` (name, bytes), deflated.
pub fn zip_of(entries: &[(&str, &[u8])]) -> Vec<u8> {
    zip_saved_at(entries, (1980, 1, 1, 0, 0))
}

/// A zip whose entries were last saved at `(year, month, day, hour, minute)`.
pub fn zip_saved_at(entries: &[(&str, &[u8])], saved: (u16, u8, u8, u8, u8)) -> Vec<u8> {
    let (year, month, day, hour, minute) = saved;
    let time =
        zip::DateTime::from_date_and_time(year, month, day, hour, minute, 0).expect("a DOS time");
    let mut out = std::io::Cursor::new(Vec::new());
    {
        let mut zip = zip::ZipWriter::new(&mut out);
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated)
            .last_modified_time(time);
        for (name, bytes) in entries {
            zip.start_file(*name, options).expect("zip entry");
            zip.write_all(bytes).expect("zip write");
        }
        zip.finish().expect("zip finish");
    }
    out.into_inner()
}

/// A message sent on `date` (RFC 5322, e.g. `Fri, 10 Apr 2020 23:30:00 +0700`)
/// with a short text body and `attachments` (file name, bytes).
pub fn eml_of(date: &str, attachments: &[(&str, &[u8])]) -> Vec<u8> {
    let boundary = "----=_Part_0_1234567890";
    let mut m = String::new();
    m.push_str("From: \"So TTTT\" <stttt@example.gov.vn>\r\n");
    m.push_str("To: thh@example.gov.vn\r\n");
    m.push_str("Subject: =?UTF-8?B?QsOhbyBjw6FvIHF1w70gSS8yMDIw?=\r\n");
    m.push_str(&format!("Date: {date}\r\n"));
    m.push_str("MIME-Version: 1.0\r\n");
    m.push_str(&format!(
        "Content-Type: multipart/mixed; boundary=\"{boundary}\"\r\n\r\n"
    ));
    m.push_str(&format!("--{boundary}\r\n"));
    m.push_str("Content-Type: text/plain; charset=UTF-8\r\n");
    m.push_str("Content-Transfer-Encoding: base64\r\n\r\n");
    m.push_str(&base64(
        "Kính gửi Cục Tin học hóa, xin gửi báo cáo quý.".as_bytes(),
    ));
    for (name, bytes) in attachments {
        m.push_str(&format!("--{boundary}\r\n"));
        m.push_str(
            "Content-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\r\n",
        );
        m.push_str(&format!(
            "Content-Disposition: attachment; filename=\"{name}\"\r\n"
        ));
        m.push_str("Content-Transfer-Encoding: base64\r\n\r\n");
        m.push_str(&base64(bytes));
    }
    m.push_str(&format!("--{boundary}--\r\n"));
    m.into_bytes()
}

/// Base64 in lines of 76 characters, as mail clients write it.
fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut plain = String::new();
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                plain.push(ALPHABET[((n >> (18 - 6 * i)) & 63) as usize] as char);
            } else {
                plain.push('=');
            }
        }
    }
    let mut lines = String::new();
    for line in plain.as_bytes().chunks(76) {
        lines.push_str(std::str::from_utf8(line).expect("ascii"));
        lines.push_str("\r\n");
    }
    lines
}

#[test]
fn base64_matches_the_rfc_4648_vectors() {
    let cases = [
        ("", ""),
        ("f", "Zg=="),
        ("fo", "Zm8="),
        ("foo", "Zm9v"),
        ("foob", "Zm9vYg=="),
        ("fooba", "Zm9vYmE="),
        ("foobar", "Zm9vYmFy"),
    ];
    for (plain, encoded) in cases {
        assert_eq!(base64(plain.as_bytes()).trim_end(), encoded, "{plain}");
    }
}
