//! What prose (Markdown) fields hold that rules look at before anything is rendered: the
//! links, which may lead only to web pages and e-mail.

use pulldown_cmark::{Event, LinkType, Options, Parser, Tag};

/// Whether a link to `address` may be followed from a document: web and e-mail only
/// (never `javascript:`, `file:` or an empty address).
pub fn allowed_link(address: &str) -> bool {
    let lower = address.trim().to_ascii_lowercase();
    ["http://", "https://", "mailto:"]
        .iter()
        .any(|scheme| lower.starts_with(scheme) && lower.len() > scheme.len())
}

/// The address a link leads to: as written, or for an e-mail autolink (`<a@b.se>`, which
/// CommonMark gives without its scheme) with `mailto:` before it.
pub fn link_address(link_type: LinkType, dest_url: &str) -> String {
    match link_type {
        LinkType::Email => format!("mailto:{}", dest_url.trim()),
        _ => dest_url.trim().to_owned(),
    }
}

/// The addresses of the links in `markdown` that may not be followed, for `check`.
pub fn refused_links(markdown: &str) -> Vec<String> {
    Parser::new_ext(
        markdown,
        Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH,
    )
    .filter_map(|event| match event {
        Event::Start(Tag::Link {
            link_type,
            dest_url,
            ..
        }) if !allowed_link(&link_address(link_type, &dest_url)) => Some(dest_url.into_string()),
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
            refused_links("[a](javascript:x) [b]() <https://a.se> [c](MAILTO:x@y.se) <a@b.se>"),
            ["javascript:x", ""]
        );
        assert!(!allowed_link("https://") && allowed_link(" http://a.se "));
    }
}
