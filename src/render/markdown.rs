//! Prose fields: CommonMark (with tables and strikethrough) to Typst markup, or to HTML
//! for the published web pages.
//!
//! Structure becomes Typst function calls (`#emph[…]`, `#list(…)`), never Typst's own
//! markup shorthands, or HTML elements; every piece of text goes through [`markup_text`]
//! or [`html_text`], so the output is valid whatever the input (raw HTML in the prose is
//! shown as text). A block's text and markup are held together until the block ends, so
//! that personal data is found in the text as it will be shown, also where markup or a
//! line break stands inside a name.

use pulldown_cmark::{Alignment, Event, HeadingLevel, Options, Parser, Tag, TagEnd};

use super::escape::{html_text, markup_text, string_literal};
use crate::model::prose::{allowed_link, link_address};
use crate::web_copy::redact::{Piece, Redactions};

/// What the prose is written as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Format {
    Typst,
    Html,
}

/// Convert `markdown` to Typst markup, with `redactions` applied. Markdown headings (`#`)
/// become headings below `section_level`, never skipping a level.
pub fn to_typst(markdown: &str, section_level: u8, redactions: &Redactions) -> String {
    convert(markdown, section_level, redactions, Format::Typst)
}

/// Convert `markdown` to HTML, as [`to_typst`] does to Typst: headings below
/// `section_level` (at most `<h6>`), only web and mail links, raw HTML as text.
pub fn to_html(markdown: &str, section_level: u8, redactions: &Redactions) -> String {
    convert(markdown, section_level, redactions, Format::Html)
}

fn convert(markdown: &str, section_level: u8, redactions: &Redactions, format: Format) -> String {
    let mut writer = Writer {
        out: String::with_capacity(markdown.len() * 2),
        format,
        pending: Vec::new(),
        redactions,
        pending_break: false,
        code_block: None,
        lists: Vec::new(),
        section_level,
        last_heading: section_level,
        headings: Vec::new(),
        heading_before: section_level,
        table_head: false,
        alignments: Vec::new(),
        cell: 0,
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
    format: Format,
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
    /// `## Bakgrund` in prose never skips a level (PDF/UA and WCAG forbid it).
    last_heading: u8,
    /// The levels of the open headings (HTML closes each with its own level).
    headings: Vec<u8>,
    /// The level of the heading before the open one: an empty heading is dropped, and
    /// the next may not go deeper for it.
    heading_before: u8,
    /// Inside a table's header row: its cells are set in bold.
    table_head: bool,
    /// The open table's column alignments, and the cell being read in its row.
    alignments: Vec<Alignment>,
    cell: usize,
    /// Open links whose address is not one a reader may follow: their text is plain.
    plain_links: usize,
}

impl Writer<'_> {
    fn html(&self) -> bool {
        self.format == Format::Html
    }

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
                Piece::Text(text) if self.html() => self.out.push_str(&html_text(&text)),
                Piece::Text(text) => self.out.push_str(&markup_text(&text)),
                Piece::Code(code) | Piece::Break(code) => self.out.push_str(&code),
            }
        }
    }

    /// Markup between words (a block, a list item, a cell, a line break): the Typst or
    /// the HTML, as the format is.
    fn code(&mut self, code: &str) {
        self.pending.push(Piece::Break(code.to_owned()));
    }

    /// `typst` or `html`, as the format is, between words.
    fn either(&mut self, typst: &str, html: &str) {
        let code = if self.html() { html } else { typst };
        if !code.is_empty() {
            self.code(code);
        }
    }

    /// `typst` or `html` inside a line of text (emphasis, a link): a reader reads a name
    /// across it.
    fn inline(&mut self, typst: &str, html: &str) {
        let code = if self.html() { html } else { typst };
        self.pending.push(Piece::Code(code.to_owned()));
    }

    /// Start a block: separate it from the block before it.
    fn block(&mut self) {
        self.flush();
        if self.pending_break {
            self.out.push_str(if self.html() { "\n" } else { "\n\n" });
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
                    let block = if self.html() {
                        format!("<pre><code>{}</code></pre>", html_text(&code))
                    } else {
                        format!("#raw(block: true, {})", string_literal(&code))
                    };
                    self.end_block(&block);
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
                let code = if self.html() {
                    format!("<code>{}</code>", html_text(&code))
                } else {
                    format!("#raw({})", string_literal(&code))
                };
                self.code(&code)
            }
            Event::SoftBreak => self.text(" "),
            Event::HardBreak => self.either("#linebreak()", "<br>"),
            Event::Rule => {
                self.block();
                let rule = if self.html() {
                    "<hr>"
                } else {
                    "#line(length: 100%)"
                };
                self.end_block(rule);
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
                self.either("", "<p>");
            }
            Tag::Heading { level, .. } => {
                self.block();
                let level = (self.section_level + heading_depth(level)).min(self.last_heading + 1);
                self.heading_before = self.last_heading;
                self.last_heading = level;
                if self.html() {
                    let level = level.min(6);
                    self.headings.push(level);
                    self.code(&format!("<h{level}>"));
                } else {
                    self.code(&format!("#heading(level: {level}, outlined: false)["));
                }
            }
            Tag::BlockQuote(_) => {
                self.block();
                self.either("#quote(block: true)[", "<blockquote>");
            }
            Tag::CodeBlock(_) => {
                self.block();
                self.code_block = Some(String::new());
            }
            Tag::List(start) => {
                self.block();
                match (start, self.format) {
                    (Some(n), Format::Typst) => self.code(&format!("#enum(start: {n},\n")),
                    (None, Format::Typst) => self.code("#list(\n"),
                    (Some(1), Format::Html) => self.code("<ol>\n"),
                    (Some(n), Format::Html) => self.code(&format!("<ol start=\"{n}\">\n")),
                    (None, Format::Html) => self.code("<ul>\n"),
                }
                self.flush();
                self.lists.push((self.out.len(), false));
            }
            Tag::Item => {
                self.either("  [", "<li>");
                self.pending_break = false;
            }
            Tag::Emphasis => self.inline("#emph[", "<em>"),
            Tag::Strong => self.inline("#strong[", "<strong>"),
            Tag::Strikethrough => self.inline("#strike[", "<s>"),
            // A link whose address holds personal data (a listed e-mail address, a name
            // in a URL) is no link in the web copy: its text stays, redacted.
            Tag::Link {
                link_type,
                dest_url,
                ..
            } if allowed_link(&link_address(link_type, &dest_url))
                && !self.redactions.finds_in_address(&dest_url) =>
            {
                let url = link_address(link_type, &dest_url);
                let link = if self.html() {
                    format!("<a href=\"{}\">", html_text(&url))
                } else {
                    format!("#link({})[", string_literal(&url))
                };
                self.pending.push(Piece::Code(link))
            }
            Tag::Link { .. } => self.plain_links += 1,
            // Images would need files; their description stays as text.
            Tag::Image { .. } => {}
            Tag::Table(alignments) => {
                self.block();
                if self.html() {
                    self.code("<table>\n");
                } else {
                    // Columns as wide as their content (a one-digit column stays narrow
                    // beside a column of text), each aligned as the `:---:` row says.
                    let align: Vec<&str> = alignments.iter().map(|&a| align_name(a)).collect();
                    let columns = align.len().max(1);
                    self.code(&format!(
                        "#prose-table(columns: (auto,) * {columns}, align: ({},),\n",
                        align.join(", ")
                    ));
                }
                self.alignments = alignments;
            }
            Tag::TableHead => {
                self.table_head = true;
                self.cell = 0;
                self.either("  table.header(", "<thead><tr>");
            }
            Tag::TableRow => {
                self.cell = 0;
                self.either("  ", "<tr>");
            }
            Tag::TableCell if self.html() => {
                let element = if self.table_head {
                    "th scope=\"col\""
                } else {
                    "td"
                };
                let align = self.alignments.get(self.cell).copied();
                let align = align.unwrap_or(Alignment::None);
                let style = match align {
                    Alignment::None | Alignment::Left => String::new(),
                    other => format!(" class=\"{}\"", align_name(other)),
                };
                self.code(&format!("<{element}{style}>"));
            }
            Tag::TableCell if self.table_head => self.code("[#strong["),
            Tag::TableCell => self.code("["),
            _ => {}
        }
    }

    fn end(&mut self, tag: TagEnd) {
        match tag {
            // A heading with nothing in it (`#` alone) says nothing, and PDF/UA and WCAG
            // forbid it: it is left out.
            TagEnd::Heading(_)
                if self
                    .pending
                    .iter()
                    .skip(1)
                    .all(|p| matches!(p, Piece::Text(t) if t.trim().is_empty())) =>
            {
                self.pending.clear();
                self.headings.pop();
                self.last_heading = self.heading_before;
            }
            TagEnd::Paragraph => {
                if self.html() {
                    self.code("</p>");
                }
                self.flush();
                self.pending_break = true;
            }
            TagEnd::Heading(_) if self.html() => {
                let level = self.headings.pop().unwrap_or(self.last_heading.min(6));
                self.end_block(&format!("</h{level}>"));
            }
            TagEnd::BlockQuote(_) if self.html() => self.end_block("</blockquote>"),
            TagEnd::Heading(_) | TagEnd::BlockQuote(_) => self.end_block("]"),
            TagEnd::List(ordered) => {
                self.flush();
                let loose = self.lists.pop();
                if self.html() {
                    self.end_block(if ordered { "</ol>" } else { "</ul>" });
                    return;
                }
                if let Some((at, true)) = loose {
                    self.out.insert_str(at, "  tight: false,\n");
                }
                self.end_block(")");
            }
            TagEnd::Item => {
                self.pending_break = false;
                self.either("],\n", "</li>\n");
            }
            TagEnd::Link if self.plain_links > 0 => self.plain_links -= 1,
            TagEnd::Emphasis => self.inline("]", "</em>"),
            TagEnd::Strong => self.inline("]", "</strong>"),
            TagEnd::Strikethrough => self.inline("]", "</s>"),
            TagEnd::Link => self.inline("]", "</a>"),
            TagEnd::Table => self.end_block(if self.html() { "</tbody></table>" } else { ")" }),
            TagEnd::TableHead => {
                self.table_head = false;
                self.either("),\n", "</tr></thead>\n<tbody>\n");
            }
            TagEnd::TableRow => self.either("\n", "</tr>\n"),
            TagEnd::TableCell => {
                self.cell += 1;
                let html = if self.table_head { "</th>" } else { "</td>" };
                let typst = if self.table_head { "]], " } else { "], " };
                self.either(typst, html);
            }
            _ => {}
        }
    }
}

fn align_name(alignment: Alignment) -> &'static str {
    match alignment {
        Alignment::Right => "right",
        Alignment::Center => "center",
        Alignment::Left | Alignment::None => "left",
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
            "#prose-table(columns: (auto,) * 2, align: (left, right,),\n  table.header([#strong[#\"Mål\";]], [#strong[#\"Utfall\";]], ),\n  [#\"Fler besök\";], [#box(text(hyphenate: false, \"8\u{a0}%\"));], \n)"
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
        // A CommonMark e-mail autolink is e-mail.
        let autolink = to_typst("Skriv till <kansli@kommun.se>.", 2, &Redactions::default());
        assert!(
            autolink.contains("#link(\"mailto:kansli@kommun.se\")"),
            "{autolink}"
        );
    }

    #[test]
    fn links_and_headings() {
        assert_eq!(
            to_typst_plain("# Del\n\n<http://a.se/x>", 2),
            "#heading(level: 3, outlined: false)[#\"Del\";]\n\n#link(\"http://a.se/x\")[#\"http://a.se/x\";]"
        );
    }

    #[test]
    fn a_link_to_personal_data_is_no_link_in_the_web_copy() {
        let redactions = Redactions::new(&[
            "sara.nilsson@kommun.se".to_owned(),
            "Sara Nilsson".to_owned(),
        ]);
        let text = "Skriv till [sara.nilsson@kommun.se](mailto:sara.nilsson@kommun.se), \
                    [hennes sida](https://kommun.se/sara-nilsson/) eller [kansliet](mailto:kansli@kommun.se).";
        let html = to_html(text, 2, &redactions);
        let typst = to_typst(text, 2, &redactions);
        for out in [&html, &typst] {
            assert!(!out.to_lowercase().contains("sara"), "{out}");
            assert!(out.contains("kansli@kommun.se"), "{out}");
        }
        assert!(html.contains("Skriv till [personuppgift], hennes sida eller <a href=\"mailto:kansli@kommun.se\">kansliet</a>."), "{html}");
        assert_eq!(typst.matches("#link(").count(), 1, "{typst}");
    }

    #[test]
    fn html_has_elements_escaped_text_and_no_raw_html() {
        let redactions = Redactions::new(&["Sara Nilsson".to_owned()]);
        let html = to_html(
            "Till *Sara* Nilsson <script>x</script>.\n\n## Del\n\n- a\n- b\n\n| Mål | Utfall |\n| --- | ---: |\n| Besök | 8 % |\n\n[x](javascript:alert(1)) [y](https://a.se/?q=\"1\")",
            2,
            &redactions,
        );
        assert!(
            !html.contains("Sara") && !html.contains("<script"),
            "{html}"
        );
        assert!(
            html.contains("<p>Till <em>[personuppgift]</em> &lt;script&gt;x&lt;/script&gt;.</p>"),
            "{html}"
        );
        assert!(html.contains("<h3>Del</h3>"), "{html}");
        assert!(
            html.contains("<ul>\n<li>a</li>\n<li>b</li>\n</ul>"),
            "{html}"
        );
        assert!(html.contains("<th scope=\"col\">Mål</th>"), "{html}");
        assert!(html.contains("<td class=\"right\">8\u{a0}%</td>"), "{html}");
        assert!(!html.contains("javascript"), "{html}");
        assert!(
            html.contains("<a href=\"https://a.se/?q=&quot;1&quot;\">y</a>"),
            "{html}"
        );
    }

    #[test]
    fn an_empty_heading_is_left_out_and_the_next_does_not_skip_a_level() {
        for to in [to_typst_plain, |m: &str, l: u8| {
            to_html(m, l, &Redactions::default())
        }] {
            let out = to("#  \n\nText\n\n## Del", 2);
            assert!(!out.contains("[]") && !out.contains("<h3></h3>"), "{out}");
            assert!(
                out.contains("#heading(level: 3, outlined: false)[#\"Del\";]")
                    || out.contains("<h3>Del</h3>"),
                "{out}"
            );
        }
    }
}
