//! How diagnostics are printed: for people, the message with a snippet of the source and a
//! caret under the place, rendered by annotate-snippets (the renderer cargo uses); for
//! programs, one JSON object per diagnostic.

use super::{Diagnostic, Severity};
use annotate_snippets::{AnnotationKind, Level, Origin, Renderer, Snippet};

/// How `folio` prints its diagnostics (`--message-format`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum MessageFormat {
    /// For people: the message, the source line with a caret, the hint.
    #[default]
    Human,
    /// For editors and pipelines: one JSON object a line (file, line, column, end,
    /// severity, code, message, hint).
    Json,
}

/// The human form: `error[F0203]: …`, ` --> file:line:column`, the source line with the
/// span underlined, and `= hint: …`. Colour only when `color` is set.
pub fn human(d: &Diagnostic, color: bool) -> String {
    let level = match d.severity {
        Severity::Error => Level::ERROR,
        Severity::Warning => Level::WARNING,
    };
    let title = level.primary_title(d.message.as_str()).id(d.code.as_str());
    let group = match &d.source {
        Some((text, span)) if d.related.is_empty() => {
            // Only the lines of the span go to the renderer: it reads all it is given, and a
            // file with thousands of diagnostics would be read once for each.
            let from = text[..span.start].rfind('\n').map_or(0, |i| i + 1);
            let to = text[span.end..]
                .find('\n')
                .map_or(text.len(), |i| span.end + i);
            title.element(
                Snippet::source(&text[from..to])
                    .line_start(d.line.max(1))
                    .path(d.file.as_str())
                    .fold(true)
                    .annotation(AnnotationKind::Primary.span(span.start - from..span.end - from)),
            )
        }
        Some((text, span)) => title.element(
            Snippet::source(&**text)
                .path(d.file.as_str())
                .fold(true)
                .annotation(AnnotationKind::Primary.span(span.clone()))
                .annotations(d.related.iter().map(|r| {
                    AnnotationKind::Context
                        .span(r.span.clone())
                        .label(r.message.as_str())
                })),
        ),
        None if d.line > 0 => title.element(
            Origin::path(d.file.as_str())
                .line(d.line)
                .char_column(d.column.saturating_sub(1)),
        ),
        None => title.element(Origin::path(d.file.as_str())),
    };
    let group = match &d.hint {
        Some(hint) => group.element(
            Level::HELP
                .with_name("hint")
                .message(annotate_snippets::normalize_untrusted_str(hint)),
        ),
        None => group,
    };
    let report = [group];
    let renderer = if color {
        Renderer::styled()
    } else {
        Renderer::plain()
    };
    renderer.render(&report)
}

/// The JSON form: one line, no snippet.
pub fn json(d: &Diagnostic) -> String {
    serde_json::to_string(d).unwrap_or_else(|_| String::from("{}"))
}

/// Renders in the chosen format.
pub fn render(d: &Diagnostic, format: MessageFormat, color: bool) -> String {
    match format {
        MessageFormat::Human => human(d, color),
        MessageFormat::Json => json(d),
    }
}

/// Whether diagnostics on standard error may be coloured: a terminal, and `NO_COLOR` unset
/// or empty (no-color.org).
pub fn color_wanted() -> bool {
    use std::io::IsTerminal;
    std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()) && std::io::stderr().is_terminal()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::Code;
    use std::sync::Arc;

    #[test]
    fn the_snippet_underlines_the_span() {
        let text: Arc<str> = Arc::from("a = 1\nkind = \"resolutoin\"\n");
        let start = text.find("\"res").unwrap();
        let d = Diagnostic::error(Code::UnknownValue, "x.toml", "unknown kind")
            .at_span(&text, start..start + 12)
            .hint("did you mean `resolution`?");
        let out = human(&d, false);
        assert_eq!(
            out,
            "error[F0204]: unknown kind\n --> x.toml:2:8\n  |\n2 | kind = \"resolutoin\"\n  |        ^^^^^^^^^^^^\n  |\n  = hint: did you mean `resolution`?"
        );
        let j: serde_json::Value = serde_json::from_str(&json(&d)).unwrap();
        assert_eq!(j["line"], 2);
        assert_eq!(j["column"], 8);
        assert_eq!(j["end"]["column"], 20);
        assert_eq!(j["code"], "F0204");
        assert_eq!(j["severity"], "error");
    }
}
