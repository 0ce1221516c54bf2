//! Prose fields: CommonMark (with tables and strikethrough) to Typst markup.
//!
//! Structure becomes Typst function calls (`#emph[…]`, `#list(…)`), never Typst's own
//! markup shorthands, and every piece of text goes through [`markup_text`], so the output
//! is valid Typst whatever the input.

use pulldown_cmark::{Alignment, Event, HeadingLevel, Options, Parser, Tag, TagEnd};

use super::escape::{markup_text, string_literal};

/// Convert `markdown` to Typst markup. Markdown headings (`#`) become headings one level
/// below `section_level`.
pub fn to_typst(markdown: &str, section_level: u8) -> String {
    let mut writer = Writer {
        out: String::with_capacity(markdown.len() * 2),
        text: String::new(),
        pending_break: false,
        code_block: None,
        lists: Vec::new(),
        section_level,
        table_head: false,
    };
    let options = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH;
    for event in Parser::new_ext(markdown, options) {
        writer.event(event);
    }
    writer.flush_text();
    writer.out
}

struct Writer {
    out: String,
    /// Text not yet written: consecutive text events become one literal.
    text: String,
    /// A block ended; the next block in the same container starts a new paragraph.
    pending_break: bool,
    /// Text of the code block being read.
    code_block: Option<String>,
    /// Open lists: where their arguments start in `out`, and whether an item has
    /// paragraphs (a loose list, spaced as such).
    lists: Vec<(usize, bool)>,
    section_level: u8,
    /// Inside a table's header row: its cells are set in bold.
    table_head: bool,
}

impl Writer {
    fn flush_text(&mut self) {
        if !self.text.is_empty() {
            let text = std::mem::take(&mut self.text);
            self.out.push_str(&markup_text(&text));
        }
    }

    /// Write Typst code, after any pending text.
    fn code(&mut self, code: &str) {
        self.flush_text();
        self.out.push_str(code);
    }

    /// Start a block: separate it from the block before it.
    fn block(&mut self) {
        self.flush_text();
        if self.pending_break {
            self.out.push_str("\n\n");
            self.pending_break = false;
        }
    }

    fn end_block(&mut self, code: &str) {
        self.code(code);
        self.pending_break = true;
    }

    fn event(&mut self, event: Event) {
        if let Some(code) = &mut self.code_block {
            match event {
                Event::Text(text) => code.push_str(&text),
                Event::End(TagEnd::CodeBlock) => {
                    let code = self.code_block.take().unwrap_or_default();
                    let literal = string_literal(code.trim_end_matches('\n'));
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
                self.text.push_str(&text);
            }
            Event::Code(code) => self.code(&format!("#raw({})", string_literal(&code))),
            Event::SoftBreak => self.text.push(' '),
            Event::HardBreak => self.code("#linebreak()"),
            Event::Rule => {
                self.block();
                self.end_block("#line(length: 100%)");
            }
            // Footnotes, math and task lists are not enabled; their text stays text.
            Event::FootnoteReference(text) | Event::InlineMath(text) | Event::DisplayMath(text) => {
                self.text.push_str(&text)
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
                let level = self.section_level + heading_depth(level);
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
                self.lists.push((self.out.len(), false));
            }
            Tag::Item => {
                self.code("  [");
                self.pending_break = false;
            }
            Tag::Emphasis => self.code("#emph["),
            Tag::Strong => self.code("#strong["),
            Tag::Strikethrough => self.code("#strike["),
            Tag::Link { dest_url, .. } => {
                self.code(&format!("#link({})[", string_literal(&dest_url)))
            }
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
                self.flush_text();
                self.pending_break = true;
            }
            TagEnd::Heading(_) | TagEnd::BlockQuote(_) => self.end_block("]"),
            TagEnd::List(_) => {
                if let Some((at, true)) = self.lists.pop() {
                    self.out.insert_str(at, "  tight: false,\n");
                }
                self.end_block(")");
            }
            TagEnd::Item => {
                self.pending_break = false;
                self.code("],\n");
            }
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

    #[test]
    fn paragraphs_lists_and_emphasis() {
        let typst = to_typst("Ett *två* **tre**.\n\n- a\n- b\n\nSlut", 2);
        assert_eq!(
            typst,
            "#\"Ett \";#emph[#\"två\";]#\" \";#strong[#\"tre\";]#\".\";\n\n#list(\n  [#\"a\";],\n  [#\"b\";],\n)\n\n#\"Slut\";"
        );
    }

    #[test]
    fn numbered_lists_keep_their_start_and_loose_items_their_paragraphs() {
        let typst = to_typst("3. **Rubrik**\n\n   Text.\n", 2);
        assert_eq!(
            typst,
            "#enum(start: 3,\n  tight: false,\n  [#strong[#\"Rubrik\";]\n\n#\"Text.\";],\n)"
        );
    }

    #[test]
    fn tables_keep_their_alignment_and_bold_headers() {
        let typst = to_typst(
            "| Mål | Utfall |\n| --- | ---: |\n| Fler besök | 8 % |\n",
            2,
        );
        assert_eq!(
            typst,
            "#prose-table(columns: (auto,) * 2, align: (left, right,),\n  table.header([#strong[#\"Mål\";]], [#strong[#\"Utfall\";]], ),\n  [#\"Fler besök\";], [#text(hyphenate: false, \"8\u{a0}%\");], \n)"
        );
    }

    #[test]
    fn links_and_headings() {
        assert_eq!(
            to_typst("# Del\n\n<http://a.se/x>", 2),
            "#heading(level: 3, outlined: false)[#\"Del\";]\n\n#link(\"http://a.se/x\")[#\"http://a.se/x\";]"
        );
    }
}
