//! User text as Typst that can only ever be text.
//!
//! Every string from YAML reaches Typst as a string literal shown in markup, `#"…";`.
//! Inside a literal only `\` and `"` (and control characters) mean anything, so no
//! character of the input can open markup, math, a label, a reference or code; the `;`
//! ends the embedded expression so that whatever follows (`.`, `(`, `[`) stays markup.

use crate::swedish::{NBSP, is_unhyphenated_word, tie_amounts};

/// The body of a Typst string literal for `text`, quotes included.
pub fn string_literal(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// `text` as Typst markup that shows exactly `text`, with amounts, dates, `§ N` and
/// `kl. 13.00` kept on one line with spaces of fixed width and never hyphenated, ranges
/// (`§§ 118–119`, `2024 – 2026`) never broken at the dash, a spaced dash never first on a
/// line, and weekdays and months never hyphenated. Empty text gives nothing.
pub fn markup_text(text: &str) -> String {
    let tied = tie_amounts(text);
    let mut out = String::new();
    let mut plain = String::new();
    // Words that hold a tie (`6 mars 2015`) are set unhyphenated; the rest as they are.
    for (i, word) in tied.split(' ').enumerate() {
        if i > 0 {
            plain.push(' ');
        }
        // A spaced dash tied to the word before it (`föräldraskapet –`) needs no box: the
        // tie alone keeps the dash off the next line, and the word may still hyphenate.
        let core = word.strip_suffix("\u{a0}–").unwrap_or(word);
        if core.contains(NBSP) || is_unhyphenated_word(core) || is_range(core) {
            if !plain.is_empty() {
                out.push_str(&format!("#{};", string_literal(&plain)));
                plain.clear();
            }
            // A box: its spaces keep their width when the line around it is justified
            // (`24   180   kr` otherwise), and Unicode's break after an en dash
            // (`118–119`) is not taken.
            out.push_str(&format!(
                "#box(text(hyphenate: false, {}));",
                string_literal(word)
            ));
        } else {
            plain.push_str(word);
        }
    }
    if !plain.is_empty() {
        out.push_str(&format!("#{};", string_literal(&plain)));
    }
    out
}

/// Whether `word` holds a range of numbers, `118–119`.
fn is_range(word: &str) -> bool {
    word.char_indices().any(|(i, c)| {
        c == '–'
            && word[..i].ends_with(|c: char| c.is_ascii_digit())
            && word[i + c.len_utf8()..].starts_with(|c: char| c.is_ascii_digit())
    })
}

/// `text` as HTML text (element content or a quoted attribute value) that shows exactly
/// `text`, with amounts, dates, `§ N` and `kl. 13.00` tied as in [`markup_text`].
pub fn html_text(text: &str) -> String {
    let tied = tie_amounts(text);
    let mut out = String::with_capacity(tied.len());
    for c in tied.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_string_delimiters_and_controls() {
        assert_eq!(string_literal(r#"a"b\c"#), r#""a\"b\\c""#);
        assert_eq!(string_literal("x\ny\u{7}"), "\"x\\ny\\u{7}\"");
        assert_eq!(
            markup_text("#read(\"/etc/passwd\")"),
            "#\"#read(\\\"/etc/passwd\\\")\";"
        );
        assert_eq!(markup_text(""), "");
        assert_eq!(
            html_text("<script>\"a\" & 'b'</script>"),
            "&lt;script&gt;&quot;a&quot; &amp; &#39;b&#39;&lt;/script&gt;"
        );
        assert_eq!(
            markup_text("den 6 mars 2015."),
            "#\"den \";#box(text(hyphenate: false, \"6\u{a0}mars\u{a0}2015.\"));"
        );
        assert_eq!(
            markup_text("§§ 118–119 och ons"),
            "#box(text(hyphenate: false, \"§§\u{a0}118–119\"));#\" och ons\";"
        );
        assert_eq!(
            markup_text("tisdagen den"),
            "#box(text(hyphenate: false, \"tisdagen\"));#\" den\";"
        );
        // The spaced dash tied to the word before it, in a box only where a date or range is.
        assert_eq!(markup_text("Världar – stöd"), "#\"Världar\u{a0}– stöd\";");
        assert_eq!(
            markup_text("15 november – 6 december 2024"),
            "#box(text(hyphenate: false, \"15\u{a0}november\u{a0}–\u{a0}6\u{a0}december\u{a0}2024\"));"
        );
    }
}
