//! What the command line prints on standard error: diagnostics in the chosen format, and
//! the one-line summary of a batch on a terminal.

use crate::diag::render::{self, MessageFormat};
use crate::diag::{Code, Diagnostic, Error};
use std::io::Write;

/// Prints diagnostics as chosen by `--message-format`, coloured only on a terminal.
#[derive(Clone, Copy, Debug)]
pub struct Printer {
    /// Human or JSON.
    pub format: MessageFormat,
    /// Whether to colour (a terminal, and NO_COLOR unset).
    pub color: bool,
}

impl Printer {
    /// The printer for this process's standard error.
    pub fn new(format: MessageFormat) -> Printer {
        Printer {
            format,
            color: format == MessageFormat::Human && render::color_wanted(),
        }
    }

    /// Prints one diagnostic; people get a blank line after it, as cargo prints them.
    pub fn diagnostic(&self, d: &Diagnostic) {
        let text = render::render(d, self.format, self.color);
        let mut err = std::io::stderr().lock();
        let _ = match self.format {
            MessageFormat::Human => writeln!(err, "{text}\n"),
            MessageFormat::Json => writeln!(err, "{text}"),
        };
    }

    /// Prints every diagnostic.
    pub fn all(&self, diagnostics: &[Diagnostic]) {
        for d in diagnostics {
            self.diagnostic(d);
        }
    }

    /// Prints an error: its diagnostics, or its message (as a diagnostic with no file in
    /// JSON, so that a pipeline sees every failure in one shape).
    pub fn error(&self, e: &Error) {
        match e {
            Error::Invalid(d) | Error::Settings(d) => self.all(d),
            Error::Usage(m) | Error::Output(m) => {
                let code = match e {
                    Error::Usage(_) => Code::Usage,
                    _ => Code::OutputFailed,
                };
                match self.format {
                    MessageFormat::Json => {
                        let (message, hint) = match m.split_once("\n  hint: ") {
                            Some((m, h)) => (m, h),
                            None => (m.as_str(), ""),
                        };
                        self.diagnostic(&Diagnostic::error(code, "", message).hint(hint))
                    }
                    MessageFormat::Human => eprintln!("error: {m}"),
                }
            }
            Error::Reported(_) => {}
        }
    }
}

/// The one-line summary of a batch: "5 documents, 20 files in out/, 0.3 s", and the
/// warnings and failures when there were any.
pub fn summary(t: &crate::batch::Totals, out_dir: &std::path::Path) -> String {
    let plural =
        |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    let mut line = format!(
        "{}, {} in {}, {:.1} s",
        plural(t.ok, "document", "documents"),
        plural(t.outputs, "file", "files"),
        out_dir.display(),
        t.ms / 1000.0
    );
    if t.failed > 0 {
        line.push_str(&format!(", {} failed", t.failed));
    }
    if t.warnings > 0 {
        line.push_str(&format!(", {}", plural(t.warnings, "warning", "warnings")));
    }
    line
}
