//! Prose fields: CommonMark (with tables and strikethrough) to Typst markup.
//!
//! Structure becomes Typst function calls (`#emph[…]`, `#list(…)`), never Typst's own
//! markup shorthands, and every piece of text goes through [`markup_text`], so the output
//! is valid Typst whatever the input. A block's text and markup are held together until
//! the block ends, so that personal data is found in the text as it will be typeset, also
//! where markup or a line break stands inside a name.

use pulldown_cmark::{Alignment, Event, HeadingLevel, Options, Parser, Tag, TagEnd};

use super::escape::{markup_text, string_literal};
use super::redact::{Piece, Redactions};
use crate::model::prose::allowed_link;

/// Convert `markdown` to Typst markup, with `redactions` applied. Markdown headings (`#`)
/// become headings below `section_level`, never skipping a level.
pub fn to_typst(markdown: &str, section_level: u8, redactions: &Redactions) -> String {
    let mut writer = Writer {
        out: String::with_capacity(markdown.len() * 2),
        pending: Vec::new(),
        redactions,
        pending_break: false,
        code_block: None,
        lists: Vec::new(),
        section_level,
        last_heading: section_level,
        table_head: false,
        plain_links: 0,
    };
    let options = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH;
    for event in Parser::new_ext(markdown, options) {
        writer.event(event);
    }
    writer.flush();
    writer.out
}

struct Writer<'a> {
    out: String,
    /// The text and markup of the block being read, written when it ends.
    pending: Vec<Piece>,
    redactions: &'a Redactions,
    /// A block ended; the next block in the same container starts a new paragraph.
    pending_break: bool,
    /// Text of the code block being read.
    code_block: Option<String>,
    /// Open lists: where their arguments start in `out`, and whether an item has
    /// paragraphs (a loose list, spaced as such).
    lists: Vec<(usize, bool)>,
    section_level: u8,
    /// The level of the last heading written: the next may go at most one deeper, so that
    /// `## Bakgrund` in prose never skips a level (PDF/UA forbids it).
    last_heading: u8,
    /// Inside a table's header row: its cells are set in bold.
    table_head: bool,
    /// Open links whose address is not one a reader may follow: their text is plain.
    plain_links: usize,
}

impl Writer<'_> {
    /// Text a reader sees; consecutive text becomes one literal.
    fn text(&mut self, text: &str) {
        match self.pending.last_mut() {
            Some(Piece::Text(pending)) => pending.push_str(text),
            _ => self.pending.push(Piece::Text(text.to_owned())),
        }
    }

    /// Write the pending text and markup, personal data replaced.
    fn flush(&mut self) {
        let pieces = self
            .redactions
            .apply_pieces(std::mem::take(&mut self.pending));
        for piece in pieces {
            match piece {
                Piece::Text(text) => self.out.push_str(&markup_text(&text)),
                Piece::Code(code) => self.out.push_str(&code),
            }
        }
    }

    /// Typst code around the text.
    fn code(&mut self, code: &str) {
        self.pending.push(Piece::Code(code.to_owned()));
    }

    /// Start a block: separate it from the block before it.
    fn block(&mut self) {
        self.flush();
        if self.pending_break {
            self.out.push_str("\n\n");
            self.pending_break = false;
        }
    }

    fn end_block(&mut self, code: &str) {
        self.code(code);
        self.flush();
        self.pending_break = true;
    }

    fn event(&mut self, event: Event) {
        if let Some(code) = &mut self.code_block {
            match event {
                Event::Text(text) => code.push_str(&text),
                Event::End(TagEnd::CodeBlock) => {
                    let code = self.code_block.take().unwrap_or_default();
                    let code = self.redactions.apply(code.trim_end_matches('\n'));
                    let literal = string_literal(&code);
                    self.end_block(&format!("#raw(block: true, {literal})"));
                }
                _ => {}
            }
            return;
        }
        match event {
            Event::Start(tag) => self.start(tag),
            Event::End(tag) => self.end(tag),
            Event::Text(text) | Event::Html(text) | Event::InlineHtml(text) => {
                if self.pending_break {
                    self.block();
                }
                self.text(&text);
            }
            Event::Code(code) => {
                let code = self.redactions.apply(&code);
                self.code(&format!("#raw({})", string_literal(&code)))
            }
            Event::SoftBreak => self.text(" "),
            Event::HardBreak => self.code("#linebreak()"),
            Event::Rule => {
                self.block();
                self.end_block("#line(length: 100%)");
            }
            // Footnotes, math and task lists are not enabled; their text stays text.
            Event::FootnoteReference(text) | Event::InlineMath(text) | Event::DisplayMath(text) => {
                self.text(&text)
            }
            Event::TaskListMarker(_) => {}
        }
    }

    fn start(&mut self, tag: Tag) {
        match tag {
            Tag::Paragraph => {
                self.block();
                if let Some((_, loose)) = self.lists.last_mut() {
                    *loose = true;
                }
            }
            Tag::Heading { level, .. } => {
                self.block();
                let level = (self.section_level + heading_depth(level)).min(self.last_heading + 1);
                self.last_heading = level;
                self.code(&format!("#heading(level: {level}, outlined: false)["));
            }
            Tag::BlockQuote(_) => {
                self.block();
                self.code("#quote(block: true)[");
            }
            Tag::CodeBlock(_) => {
                self.block();
                self.code_block = Some(String::new());
            }
            Tag::List(start) => {
                self.block();
                match start {
                    Some(n) => self.code(&format!("#enum(start: {n},\n")),
                    None => self.code("#list(\n"),
                }
                self.flush();
                self.lists.push((self.out.len(), false));
            }
            Tag::Item => {
                self.code("  [");
                self.pending_break = false;
            }
            Tag::Emphasis => self.code("#emph["),
            Tag::Strong => self.code("#strong["),
            Tag::Strikethrough => self.code("#strike["),
            Tag::Link { dest_url, .. } if allowed_link(&dest_url) => {
                self.code(&format!("#link({})[", string_literal(dest_url.trim())))
            }
            Tag::Link { .. } => self.plain_links += 1,
            // Images would need files; their description stays as text.
            Tag::Image { .. } => {}
            Tag::Table(alignments) => {
                self.block();
                // Columns as wide as their content (a one-digit column stays narrow beside a
                // column of text), each aligned as the `:---:` row says.
                let align: Vec<&str> = alignments
                    .iter()
                    .map(|a| match a {
                        Alignment::Right => "right",
                        Alignment::Center => "center",
                        Alignment::Left | Alignment::None => "left",
                    })
                    .collect();
                let columns = align.len().max(1);
                self.code(&format!(
                    "#prose-table(columns: (auto,) * {columns}, align: ({},),\n",
                    align.join(", ")
                ));
            }
            Tag::TableHead => {
                self.table_head = true;
                self.code("  table.header(");
            }
            Tag::TableRow => self.code("  "),
            Tag::TableCell if self.table_head => self.code("[#strong["),
            Tag::TableCell => self.code("["),
            _ => {}
        }
    }

    fn end(&mut self, tag: TagEnd) {
        match tag {
            TagEnd::Paragraph => {
                self.flush();
                self.pending_break = true;
            }
            TagEnd::Heading(_) | TagEnd::BlockQuote(_) => self.end_block("]"),
            TagEnd::List(_) => {
                self.flush();
                if let Some((at, true)) = self.lists.pop() {
                    self.out.insert_str(at, "  tight: false,\n");
                }
                self.end_block(")");
            }
            TagEnd::Item => {
                self.pending_break = false;
                self.code("],\n");
            }
            TagEnd::Link if self.plain_links > 0 => self.plain_links -= 1,
            TagEnd::Emphasis | TagEnd::Strong | TagEnd::Strikethrough | TagEnd::Link => {
                self.code("]")
            }
            TagEnd::Table => self.end_block(")"),
            TagEnd::TableHead => {
                self.table_head = false;
                self.code("),\n");
            }
            TagEnd::TableRow => self.code("\n"),
            TagEnd::TableCell if self.table_head => self.code("]], "),
            TagEnd::TableCell => self.code("], "),
            _ => {}
        }
    }
}

fn heading_depth(level: HeadingLevel) -> u8 {
    match level {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn to_typst_plain(markdown: &str, level: u8) -> String {
        to_typst(markdown, level, &Redactions::default())
    }

    #[test]
    fn personal_data_is_replaced_across_lines_and_markup() {
        let redactions = Redactions::new(&["Sara Nilsson".to_owned()]);
        let typst = to_typst(
            "Priset går till *Sara*\n  Nilsson.\n\n`Sara Nilsson`",
            2,
            &redactions,
        );
        assert!(
            !typst.contains("Sara") && !typst.contains("Nilsson"),
            "{typst}"
        );
        assert_eq!(typst.matches("[personuppgift]").count(), 2, "{typst}");
    }

    #[test]
    fn paragraphs_lists_and_emphasis() {
        let typst = to_typst_plain("Ett *två* **tre**.\n\n- a\n- b\n\nSlut", 2);
        assert_eq!(
            typst,
            "#\"Ett \";#emph[#\"två\";]#\" \";#strong[#\"tre\";]#\".\";\n\n#list(\n  [#\"a\";],\n  [#\"b\";],\n)\n\n#\"Slut\";"
        );
    }

    #[test]
    fn numbered_lists_keep_their_start_and_loose_items_their_paragraphs() {
        let typst = to_typst_plain("3. **Rubrik**\n\n   Text.\n", 2);
        assert_eq!(
            typst,
            "#enum(start: 3,\n  tight: false,\n  [#strong[#\"Rubrik\";]\n\n#\"Text.\";],\n)"
        );
    }

    #[test]
    fn tables_keep_their_alignment_and_bold_headers() {
        let typst = to_typst_plain(
            "| Mål | Utfall |\n| --- | ---: |\n| Fler besök | 8 % |\n",
            2,
        );
        assert_eq!(
            typst,
            "#prose-table(columns: (auto,) * 2, align: (left, right,),\n  table.header([#strong[#\"Mål\";]], [#strong[#\"Utfall\";]], ),\n  [#\"Fler besök\";], [#text(hyphenate: false, \"8\u{a0}%\");], \n)"
        );
    }

    #[test]
    fn headings_never_skip_a_level_and_only_web_links_are_links() {
        let typst = to_typst_plain("## Bakgrund\n\n#### Detalj\n\n# Del", 2);
        assert!(
            typst.contains("#heading(level: 3, outlined: false)[#\"Bakgrund\";]"),
            "{typst}"
        );
        assert!(
            typst.contains("#heading(level: 4, outlined: false)[#\"Detalj\";]"),
            "{typst}"
        );
        assert!(
            typst.contains("#heading(level: 3, outlined: false)[#\"Del\";]"),
            "{typst}"
        );
        let typst = to_typst_plain("[a](javascript:alert(1)) [b]() [c](mailto:x@y.se)", 2);
        assert!(
            !typst.contains("javascript") && typst.starts_with("#\"a b \";"),
            "{typst}"
        );
        assert!(typst.contains("#link(\"mailto:x@y.se\")"), "{typst}");
    }

    #[test]
    fn links_and_headings() {
        assert_eq!(
            to_typst_plain("# Del\n\n<http://a.se/x>", 2),
            "#heading(level: 3, outlined: false)[#\"Del\";]\n\n#link(\"http://a.se/x\")[#\"http://a.se/x\";]"
        );
    }
}
