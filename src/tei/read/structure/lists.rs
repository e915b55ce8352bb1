//! Lists and tables: a `list`'s items, ended where a block stands inside it, and a
//! `table`'s rows of cells.

use super::{is, Reader, Role};
use crate::markup::Text;
use crate::markup_write;
use crate::model::{Block, List, ListStyle, Table};
use roxmltree::Node;

impl<'a, 'i> Reader<'a, 'i> {
    /// A `list`: its items, numbered unless the source says otherwise; a page break inside
    /// it ends the list there and a new one continues the numbering.
    pub(super) fn list(&mut self, n: Node<'a, 'i>, out: &mut Vec<Block>) {
        let style = match n.attribute("type").or(n.attribute("rend")).unwrap_or("") {
            "bulleted" | "unordered" | "simple" | "bullets" | "gloss" => ListStyle::Bulleted,
            _ => ListStyle::Numbered,
        };
        let mut start: u32 = 1;
        let mut items: Vec<Text> = vec![];
        let end = |items: &mut Vec<Text>, start: &mut u32, out: &mut Vec<Block>| {
            if !items.is_empty() {
                let count = items.len() as u32;
                out.push(Block::List(List {
                    style,
                    start: *start,
                    items: std::mem::take(items),
                }));
                *start += count;
            }
        };
        for c in n.children().filter(Node::is_element) {
            if is(c, "item") {
                if let Some(k) = c
                    .attribute("n")
                    .and_then(|v| v.trim_end_matches('.').parse().ok())
                {
                    if items.is_empty() && style == ListStyle::Numbered {
                        start = k;
                    }
                }
                let mut content = vec![];
                self.inline_children(c, &mut content);
                let content = super::inline::finish(content);
                if !content.is_empty() {
                    items.push(markup_write::text(&content));
                }
            } else if is(c, "head") {
                end(&mut items, &mut start, out);
                self.paragraph(c, Role::Heading, out);
            } else {
                end(&mut items, &mut start, out);
                self.block(c, out);
            }
            if !self.deferred.is_empty() {
                end(&mut items, &mut start, out);
                out.append(&mut self.deferred);
            }
        }
        end(&mut items, &mut start, out);
    }

    /// A `table`: rows of cells; leading rows with `role="label"` head it.
    pub(super) fn table(&mut self, n: Node<'a, 'i>, out: &mut Vec<Block>) {
        let mut rows = vec![];
        let mut header_rows = 0;
        let mut heading = true;
        for row in n.children().filter(|c| is(*c, "row")) {
            let label = row.attribute("role") == Some("label");
            if label && heading {
                header_rows += 1;
            } else {
                heading = false;
            }
            let mut cells = vec![];
            for cell in row.children().filter(|c| is(*c, "cell")) {
                let mut content = vec![];
                self.inline_children(cell, &mut content);
                cells.push(markup_write::text(&super::inline::finish(content)));
            }
            rows.push(cells);
        }
        for c in n.children().filter(|c| is(*c, "head")) {
            self.paragraph(c, Role::Heading, out);
        }
        if !rows.is_empty() {
            out.push(Block::Table(Table { header_rows, rows }));
        }
        out.append(&mut self.deferred);
    }
}
