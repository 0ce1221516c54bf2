//! What prose (Markdown) fields hold that rules look at before anything is rendered: the
//! links, which may lead only to web pages and e-mail.

use pulldown_cmark::{Event, Options, Parser, Tag};

/// Whether a link to `address` may be followed from a document: web and e-mail only
/// (never `javascript:`, `file:` or an empty address).
pub fn allowed_link(address: &str) -> bool {
    let lower = address.trim().to_ascii_lowercase();
    ["http://", "https://", "mailto:"]
        .iter()
        .any(|scheme| lower.starts_with(scheme) && lower.len() > scheme.len())
}

/// The addresses of the links in `markdown` that may not be followed, for `check`.
pub fn refused_links(markdown: &str) -> Vec<String> {
    Parser::new_ext(
        markdown,
        Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH,
    )
    .filter_map(|event| match event {
        Event::Start(Tag::Link { dest_url, .. }) if !allowed_link(&dest_url) => {
            Some(dest_url.into_string())
        }
        _ => None,
    })
    .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_web_and_mail_links_are_allowed() {
        assert_eq!(
            refused_links("[a](javascript:x) [b]() <https://a.se> [c](MAILTO:x@y.se)"),
            ["javascript:x", ""]
        );
        assert!(!allowed_link("https://") && allowed_link(" http://a.se "));
    }
}
