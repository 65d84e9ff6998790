//! The overview page on screen and on paper: nothing drawn over anything
//! else or past the edge (in the browser, by the probe; printed, by
//! tools/check-render on Chromium's PDF), A4 landscape, the same figures
//! with scripts off. The screenshots and printed pages are kept in
//! target/tmp/page/ for a person to look at.

use super::browser::{Opening, browser, keep};
use super::{count, percent, sample, sample_probe};
use crate::support::*;
use std::path::Path;
use std::process::Command;

/// pdftotext's words per page with the page's size: (width, height, text).
fn pdf_pages(pdf: &Path) -> Vec<(f64, f64, String)> {
    let out = Command::new("pdftotext")
        .args(["-bbox"])
        .arg(pdf)
        .arg("-")
        .output()
        .unwrap_or_else(|e| {
            panic!("pdftotext (poppler-utils) is needed to read the printed page: {e}")
        });
    assert!(out.status.success(), "{}", stderr(&out));
    let xml = String::from_utf8(out.stdout).unwrap();
    xml.split("<page ")
        .skip(1)
        .map(|page| {
            let number = |key: &str| -> f64 {
                let at = page.find(&format!("{key}=\"")).unwrap() + key.len() + 2;
                page[at..at + page[at..].find('"').unwrap()]
                    .parse()
                    .unwrap()
            };
            let words: Vec<String> = page
                .split("<word ")
                .skip(1)
                .map(|w| {
                    let text = &w[w.find('>').unwrap() + 1..w.find("</word>").unwrap()];
                    text.replace("&amp;", "&")
                        .replace("&lt;", "<")
                        .replace("&gt;", ">")
                })
                .collect();
            (number("width"), number("height"), words.join(" "))
        })
        .collect()
}

/// tools/check-render on a printed PDF: its verdict.
fn check_render(pdf: &Path) -> std::process::Output {
    Command::new(format!("{REPO}/tools/check-render"))
        .arg(pdf)
        .output()
        .expect("run tools/check-render (python3)")
}

fn assert_legible(pdf: &Path) {
    let out = check_render(pdf);
    assert!(
        out.status.success() && stdout(&out).contains(": OK, "),
        "{}{}",
        stdout(&out),
        stderr(&out)
    );
}

#[test]
fn the_page_reads_on_screen_with_nothing_drawn_over_anything() {
    let Some(browser) = browser() else { return };
    let ran = sample();
    for (width, name) in [(1300, "wide"), (760, "narrow")] {
        let how = Opening {
            width,
            height: 1000,
            ..Opening::default()
        };
        // The wide one is the default opening, probed once for all tests.
        let narrow;
        let probe = if width == 1300 {
            sample_probe(&browser)
        } else {
            narrow = browser.probe(&ran.page(), how);
            &narrow
        };
        assert!(
            probe["texts"].as_u64().unwrap() > 1000,
            "{name}: the page's text is measured"
        );
        assert_eq!(
            probe["overlaps"],
            serde_json::json!([]),
            "{name}: text over text"
        );
        assert_eq!(
            probe["cut"],
            serde_json::json!([]),
            "{name}: text cut or past the page"
        );
        let shot = keep(&format!("tong-quan-{name}.png"));
        let whole = Opening {
            width,
            height: 9000,
            ..Opening::default()
        };
        browser.screenshot(&ran.page(), whole, &shot);
        eprintln!("screenshot: {}", shot.display());
    }
}

#[test]
fn the_page_prints_on_a4_landscape_legibly() {
    let Some(browser) = browser() else { return };
    let ran = sample();
    let pdf = keep("tong-quan-print.pdf");
    browser.print(&ran.page(), Opening::default(), &pdf);
    let pages = pdf_pages(&pdf);
    assert!(pages.len() >= 4, "{} pages", pages.len());
    for (i, (width, height, _)) in pages.iter().enumerate() {
        // A4 landscape: 297 × 210 mm, 841.9 × 595.3 points.
        assert!(
            (width - 841.9).abs() < 1.0 && (height - 595.3).abs() < 1.0,
            "page {}: {width} × {height}",
            i + 1
        );
    }
    // The first page holds the headline figures and the whole map.
    let first = &pages[0].2;
    assert!(first.contains("77/83"), "{first}");
    assert!(
        first.contains("Quần đảo Hoàng Sa") && first.contains("Quần đảo Trường Sa"),
        "{first}"
    );
    assert_legible(&pdf);
    let png = keep("tong-quan-print");
    let out = Command::new("pdftoppm")
        .args(["-r", "60", "-png"])
        .arg(&pdf)
        .arg(&png)
        .output()
        .expect("pdftoppm (poppler-utils)");
    assert!(out.status.success(), "{}", stderr(&out));
    eprintln!("printed pages: {}-*.png", png.display());
}

#[test]
fn with_scripts_off_the_page_shows_the_same_figures() {
    let Some(browser) = browser() else { return };
    let ran = sample();
    let pdf = keep("tong-quan-print-no-script.pdf");
    let how = Opening {
        scripts: false,
        ..Opening::default()
    };
    browser.print(&ran.page(), how, &pdf);
    assert_legible(&pdf);
    let text = pdf_pages(&pdf)
        .into_iter()
        .map(|p| p.2)
        .collect::<Vec<_>>()
        .join(" ");
    // Every unit's row, in roster order: its code, then its name and its
    // figures as the row shows them (a dash where it has none).
    let mut at = 0;
    for unit in ran.units() {
        let code = unit["code"].as_str().unwrap();
        let accepted = unit["status"] == "accepted";
        let figures = match accepted {
            true => vec![
                count(unit["total"].as_u64().unwrap()),
                count(unit["level4"].as_u64().unwrap()),
                percent(unit["ratio"].as_f64().unwrap()),
            ],
            false => vec!["-".to_string(); 3],
        };
        let row = at
            + text[at..]
                .find(&format!(" {code} "))
                .unwrap_or_else(|| panic!("{code}'s row after {at}"));
        let mut within = row;
        let name = unit["name"]
            .as_str()
            .unwrap()
            .split(' ')
            .next()
            .unwrap()
            .to_string();
        for word in std::iter::once(name).chain(figures) {
            let found = text[within..text.floor_char_boundary(row + 400)]
                .find(&format!(" {word}"))
                .unwrap_or_else(|| {
                    panic!(
                        "{code}: '{word}' in {}",
                        &text[row..text.floor_char_boundary(row + 200)]
                    )
                });
            within += found + 1;
        }
        at = row + 1;
    }
}

#[test]
fn the_checks_catch_text_drawn_over_text() {
    let Some(browser) = browser() else { return };
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("overlap.html");
    std::fs::write(
        &page,
        "<!DOCTYPE html><html><body style=\"font: 16px Arial\">\
         <div style=\"position:absolute; left:40px; top:40px\">Tỷ lệ chung cả nước</div>\
         <div style=\"position:absolute; left:60px; top:44px\">Đơn vị chưa nộp</div>\
         <div style=\"position:absolute; left:40px; top:120px\">Trang 1/1</div>\
         </body></html>",
    )
    .unwrap();
    let probe = browser.probe(&page, Opening::default());
    assert_eq!(
        probe["overlaps"].as_array().unwrap().len(),
        1,
        "{}",
        probe["overlaps"]
    );
    let pdf = dir.path().join("overlap.pdf");
    browser.print(&page, Opening::default(), &pdf);
    let out = check_render(&pdf);
    assert!(!out.status.success(), "{}", stdout(&out));
    assert!(
        stderr(&out).contains("overlapping text"),
        "{}",
        stderr(&out)
    );
}
