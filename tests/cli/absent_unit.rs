//! A unit that sent nothing (#23): its feedback file says so, and nothing
//! about "the file you sent".

use crate::support::*;

#[test]
fn a_unit_that_sent_nothing_is_told_so_and_nothing_of_a_file() {
    let wd = Workdir::new();
    small_roster(&wd);
    Form::new("An Giang", "Quý I/2020", 1915, 400).save(&wd, "submissions/ag.xlsx");
    let out = wd.run_quarter_on("2020-04-15", "2020-Q1", &[]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let read = |code: &str| -> String {
        sheet(&wd.feedback_path("2020-Q1", code), "Phản hồi")
            .iter()
            .flatten()
            .map(text)
            .collect::<Vec<_>>()
            .join("\n")
    };
    let absent = read("BCA");
    assert!(
        absent.contains("chưa nhận được báo cáo của đơn vị (hạn nộp ngày 10/04/2020)"),
        "{absent}"
    );
    assert!(
        absent.contains("Đề nghị đơn vị gửi báo cáo Quý I/2020 trước ngày 25/04/2020."),
        "{absent}"
    );
    for never in ["tệp đơn vị gửi", "Số liệu đã đọc", "Báo cáo được dùng"] {
        assert!(!absent.contains(never), "{never}: {absent}");
    }
    // A unit that did send a file is still told where its figures were read.
    let sent = read("T89");
    assert!(sent.contains("như đọc được từ tệp đơn vị gửi"), "{sent}");
}
