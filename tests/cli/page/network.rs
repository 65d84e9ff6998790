//! The overview page must open on an intranet machine with no internet:
//! nothing in it points outside the report, and a browser that opens it
//! fetches nothing. Three checks, each shown to catch a page that does
//! fetch: what the HTML refers to, what the page's own resource timing
//! lists after loading, and what a browser sends through a proxy that
//! answers nothing, beyond what it sends for a blank page.

use super::browser::{Browser, Opening, Proxy, browser};
use super::{sample, sample_probe};
use std::path::Path;

/// Every reference in `html` to something outside the page: an attribute
/// that loads (`src`, `srcset`, `data`, `poster`, `background`, a
/// `<link>`'s or an `<image>`'s `href`), a CSS `url(…)` or `@import` not to
/// an id of the page, and any `href` that leaves the report's folder
/// (`dir`) or names a file not in it.
fn outside_references(html: &str, dir: &Path) -> Vec<String> {
    let mut found = Vec::new();
    let lower = html.to_lowercase();
    for attribute in [
        "src=",
        "srcset=",
        "data=",
        "poster=",
        "background=",
        "xlink:href=",
    ] {
        for (at, _) in lower.match_indices(attribute) {
            let before = lower[..at].chars().last();
            if before.is_some_and(|c| c.is_whitespace()) {
                found.push(snippet(html, at));
            }
        }
    }
    for (at, _) in lower
        .match_indices("<link")
        .chain(lower.match_indices("@import"))
    {
        found.push(snippet(html, at));
    }
    for (at, _) in lower.match_indices("url(") {
        if !lower[at + 4..]
            .trim_start_matches(['"', '\''])
            .starts_with('#')
        {
            found.push(snippet(html, at));
        }
    }
    for (at, _) in lower.match_indices(" href=\"") {
        let start = at + " href=\"".len();
        // minijinja writes `/` as `&#x2f;` in attributes, as HTML allows.
        let target =
            html[start..start + html[start..].find('"').unwrap_or(0)].replace("&#x2f;", "/");
        let target = target.as_str();
        let local = !target.contains(':') && !target.starts_with('/') && !target.contains("..");
        let exists = local && (target.starts_with('#') || dir.join(target).is_file());
        if !exists {
            found.push(snippet(html, at));
        }
    }
    found
}

fn snippet(html: &str, at: usize) -> String {
    html[at..].chars().take(80).collect()
}

/// The `METHOD host`s a browser sends for `page` and not for a blank page,
/// each run through its own silent proxy.
fn fetched(browser: &Browser, page: &Path) -> Vec<String> {
    let quiet = tempfile::tempdir().unwrap();
    let blank = quiet.path().join("blank.html");
    std::fs::write(&blank, "<!DOCTYPE html><html><body><p>x</p></body></html>").unwrap();
    let open = |page: &Path| {
        let proxy = Proxy::start();
        let how = Opening {
            proxy: Some(proxy.port),
            ..Opening::default()
        };
        browser.dom(page, how);
        proxy.hosts()
    };
    let own = open(&blank);
    open(page)
        .into_iter()
        .filter(|h| !own.contains(h))
        .collect()
}

#[test]
fn the_page_fetches_nothing() {
    let Some(browser) = browser() else { return };
    let ran = sample();
    let page = ran.page();
    let dir = page.parent().unwrap();
    assert_eq!(outside_references(&ran.html(), dir), Vec::<String>::new());
    // It does link to the report's files, which are there.
    assert!(
        ran.html()
            .replace("&#x2f;", "/")
            .contains("href=\"phan-hoi/T95-2020-Q1.xlsx\"")
    );
    let probe = sample_probe(&browser);
    assert_eq!(probe["resources"], serde_json::json!([]), "resource timing");
    assert_eq!(fetched(&browser, &page), Vec::<String>::new());
}

#[test]
fn the_network_checks_catch_a_page_that_fetches() {
    let Some(browser) = browser() else { return };
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("here.xlsx"), b"x").unwrap();
    let fetching = [
        r#"<link rel="stylesheet" href="https://fonts.googleapis.com/css?family=Roboto">"#,
        r#"<img src="http://example.invalid/logo.png">"#,
        r#"<style>.x { background: url(https://example.org/a.png) }</style><p class="x">x</p>"#,
        r#"<a href="../../etc/passwd">x</a>"#,
        r#"<a href="missing.xlsx">x</a>"#,
    ];
    for part in fetching {
        let html =
            format!("<!DOCTYPE html><html><body>{part}<a href=\"here.xlsx\">y</a></body></html>");
        assert!(!outside_references(&html, dir.path()).is_empty(), "{part}");
    }
    let clean = "<html><body><svg><rect style=\"fill: url(#p)\"/></svg><a href=\"here.xlsx\">y</a><a href=\"#top\">z</a></body></html>";
    assert!(outside_references(clean, dir.path()).is_empty());
    // In a browser: the page's resource timing and the proxy see them.
    let page = dir.path().join("fetching.html");
    std::fs::write(
        &page,
        format!(
            "<!DOCTYPE html><html><head>{}</head><body>{}</body></html>",
            fetching[0], fetching[1]
        ),
    )
    .unwrap();
    let probe = browser.probe(&page, Opening::default());
    let resources = probe["resources"].as_array().unwrap();
    assert!(resources.len() >= 2, "{resources:?}");
    let hosts = fetched(&browser, &page);
    assert!(
        hosts.contains(&"CONNECT fonts.googleapis.com".to_string()),
        "{hosts:?}"
    );
    assert!(
        hosts.contains(&"GET example.invalid".to_string()),
        "{hosts:?}"
    );
}
