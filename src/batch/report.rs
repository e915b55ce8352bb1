//! The batch's records and its machine-readable report (`--report FILE`). A batch hands
//! each input's record over as soon as it and every input before it are done, and the
//! report is written as they come ([`ReportWriter`]), so a batch of any length holds only
//! its totals and its failures, not a record per input.

use crate::diag::Diagnostic;
use crate::writers::Format;
use serde::Serialize;
use sha2::{Digest, Sha256};
use std::io::Write;
use std::path::Path;

/// One output file in the report.
#[derive(Clone, Debug, Serialize)]
pub struct OutputRecord {
    /// The edition ("pdf").
    pub format: &'static str,
    /// Where it was written.
    pub path: String,
    /// Its size.
    pub bytes: u64,
    /// SHA-256 of its content, hex; computed only when a report is asked for (hashing
    /// every output of a batch no one reads cost 5 % of its time).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sha256: Option<String>,
}

impl OutputRecord {
    /// The record of `bytes` written to `path` as `format`, with their SHA-256 if `digest`.
    pub fn of(format: Format, path: &Path, bytes: &[u8], digest: bool) -> OutputRecord {
        OutputRecord {
            format: format.extension(),
            path: path.display().to_string(),
            bytes: bytes.len() as u64,
            sha256: digest.then(|| hex(&Sha256::digest(bytes))),
        }
    }
}

/// What happened to one input.
#[derive(Clone, Debug, Serialize)]
pub struct InputRecord {
    /// The input file.
    pub input: String,
    /// "ok" or "failed".
    pub status: &'static str,
    /// Editions written (none when the input failed).
    pub outputs: Vec<OutputRecord>,
    /// Warnings: unreferenced notes, missing glyphs…
    pub warnings: Vec<Diagnostic>,
    /// Errors, with file, line and column.
    pub errors: Vec<Diagnostic>,
    /// Milliseconds taken, reading to writing.
    pub ms: f64,
    /// The exit code this failure alone would give (0 when ok).
    #[serde(skip)]
    pub exit_code: i32,
}

/// Totals over a batch.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Totals {
    /// Inputs processed.
    pub inputs: usize,
    /// Inputs of the plan never started, because a signal stopped the batch.
    pub not_started: usize,
    /// Inputs exported completely.
    pub ok: usize,
    /// Inputs that failed.
    pub failed: usize,
    /// Files written.
    pub outputs: usize,
    /// Bytes written.
    pub bytes: u64,
    /// Warnings raised.
    pub warnings: usize,
    /// Of the warnings, those naming a TEI element or value folio does not map
    /// (docs/tei.md): one per thing per document.
    pub tei_unmapped: usize,
    /// Wall-clock milliseconds for the whole batch.
    pub ms: f64,
}

/// The machine-readable report of a batch (`--report FILE`).
#[derive(Clone, Debug, Serialize)]
pub struct Report {
    /// The folio version that wrote the editions.
    pub folio: &'static str,
    /// One record per input, in input order.
    pub inputs: Vec<InputRecord>,
    /// Totals.
    pub totals: Totals,
    /// The signal that stopped the batch before every input was done ("SIGINT"), if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub stopped_by: Option<&'static str>,
}

/// Writes a [`Report`] as its records come, to any writer: the same JSON, byte for byte, as
/// `serde_json::to_string_pretty` of the whole report followed by a newline (a test
/// compares them). serde_json writes no raw newline inside a string, so a record printed
/// on its own is indented into its place by indenting each of its lines.
pub struct ReportWriter<W: Write> {
    out: W,
    records: usize,
    /// The first error writing met; everything after it is skipped.
    failed: Option<std::io::Error>,
}

impl<W: Write> ReportWriter<W> {
    /// Starts the report: its version and the opening of its list of inputs.
    pub fn new(out: W) -> ReportWriter<W> {
        let mut w = ReportWriter {
            out,
            records: 0,
            failed: None,
        };
        let version = json(&env!("CARGO_PKG_VERSION"), "");
        w.put(&format!("{{\n  \"folio\": {version},\n  \"inputs\": ["));
        w
    }

    /// Adds one input's record, the next in input order.
    pub fn record(&mut self, record: &InputRecord) {
        let sep = if self.records == 0 { "" } else { "," };
        let text = json(record, "    ");
        self.put(&format!("{sep}\n    {text}"));
        self.records += 1;
    }

    /// Closes the list, adds the totals and the signal that stopped the batch, if any, and
    /// hands back the writer, or the first error met.
    pub fn finish(
        mut self,
        totals: &Totals,
        stopped_by: Option<&'static str>,
    ) -> std::io::Result<W> {
        let close = if self.records == 0 { "]" } else { "\n  ]" };
        let totals = json(totals, "  ");
        self.put(&format!("{close},\n  \"totals\": {totals}"));
        if let Some(signal) = stopped_by {
            let signal = json(&signal, "");
            self.put(&format!(",\n  \"stopped_by\": {signal}"));
        }
        self.put("\n}\n");
        if self.failed.is_none() {
            if let Err(e) = self.out.flush() {
                self.failed = Some(e);
            }
        }
        match self.failed {
            Some(e) => Err(e),
            None => Ok(self.out),
        }
    }

    fn put(&mut self, text: &str) {
        if self.failed.is_none() {
            if let Err(e) = self.out.write_all(text.as_bytes()) {
                self.failed = Some(e);
            }
        }
    }
}

/// `value` as pretty JSON, every line after the first indented by `indent`. The report's
/// types serialize infallibly (strings, numbers, lists), so there is no error to pass on.
fn json<T: Serialize + ?Sized>(value: &T, indent: &str) -> String {
    let text = serde_json::to_string_pretty(value).unwrap_or_default();
    if indent.is_empty() {
        text
    } else {
        text.replace('\n', &format!("\n{indent}"))
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::Code;

    fn record(n: usize, ok: bool) -> InputRecord {
        InputRecord {
            input: format!("in/doc-{n}.toml"),
            status: if ok { "ok" } else { "failed" },
            outputs: if ok {
                vec![OutputRecord::of(
                    Format::Pdf,
                    Path::new("out/doc \"q\"\n.pdf"),
                    b"%PDF",
                    n.is_multiple_of(2),
                )]
            } else {
                vec![]
            },
            warnings: vec![],
            errors: if ok {
                vec![]
            } else {
                vec![Diagnostic::error(
                    Code::OutputFailed,
                    "in/x",
                    "cannot\nwrite",
                )]
            },
            ms: 1.5 * n as f64,
            exit_code: 0,
        }
    }

    /// Streamed, the report is the very JSON the whole report serializes to: with no
    /// input, one, several, failures, and a stop.
    #[test]
    fn a_report_written_as_records_come_is_the_report_serialized_whole() {
        for (n, stopped_by) in [(0, None), (1, None), (3, Some("SIGINT")), (4, None)] {
            let inputs: Vec<InputRecord> = (0..n).map(|i| record(i, i != 2)).collect();
            let totals = Totals {
                inputs: n,
                ok: n.min(2),
                ms: 12.25,
                ..Totals::default()
            };
            let mut streamed = ReportWriter::new(Vec::new());
            for r in &inputs {
                streamed.record(r);
            }
            let streamed = streamed.finish(&totals, stopped_by).unwrap();
            let whole = Report {
                folio: env!("CARGO_PKG_VERSION"),
                inputs,
                totals,
                stopped_by,
            };
            let mut expected = serde_json::to_string_pretty(&whole).unwrap();
            expected.push('\n');
            assert_eq!(String::from_utf8(streamed).unwrap(), expected, "{n} inputs");
        }
    }
}
