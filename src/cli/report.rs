//! Writing reports: a volume's whole (`write_report`), a batch's as its records come
//! (`ReportSink`, fed by `batch::ReportWriter`), to a file or to standard output.

use super::print_stdout;
use crate::diag::Error;
use crate::files::write_atomically;
use std::path::Path;

/// Writes a JSON report to a file, or to standard output for `-`.
pub(super) fn write_report<T: serde::Serialize>(path: &Path, report: &T) -> Result<(), Error> {
    let mut json =
        serde_json::to_string_pretty(report).map_err(|e| Error::Output(e.to_string()))?;
    json.push('\n');
    if path.as_os_str() == "-" {
        print_stdout(json.as_bytes())
    } else {
        write_atomically(path, json.as_bytes())
    }
}

/// The message for a report that could not be written; the editions were.
pub(super) fn cannot_write_report(path: &Path, e: &Error) -> String {
    format!(
        "error: cannot write the report {}: {}\n  hint: the editions were written regardless; every error is printed above",
        path.display(),
        e.to_string().trim_start_matches("error: ")
    )
}

/// Where a batch's report goes as its records come: standard output (`-`), or a file that
/// appears under its name only when complete.
pub(super) enum ReportSink {
    Stdout(std::io::BufWriter<std::io::Stdout>),
    File(crate::files::Streamed),
}

impl ReportSink {
    pub(super) fn open(path: &Path) -> Result<ReportSink, Error> {
        if path.as_os_str() == "-" {
            Ok(ReportSink::Stdout(std::io::BufWriter::new(
                std::io::stdout(),
            )))
        } else {
            crate::files::Streamed::create(path).map(ReportSink::File)
        }
    }

    pub(super) fn close(self) -> Result<(), Error> {
        match self {
            ReportSink::Stdout(_) => Ok(()),
            ReportSink::File(file) => file.commit(),
        }
    }
}

// A closed pipe (`folio export … --report - | head`) is the reader's choice, not an error:
// what would have gone to it counts as written.
impl std::io::Write for ReportSink {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        match self {
            ReportSink::Stdout(out) => match out.write(buf) {
                Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(buf.len()),
                r => r,
            },
            ReportSink::File(file) => file.write(buf),
        }
    }

    fn flush(&mut self) -> std::io::Result<()> {
        match self {
            ReportSink::Stdout(out) => match out.flush() {
                Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
                r => r,
            },
            ReportSink::File(file) => file.flush(),
        }
    }
}
