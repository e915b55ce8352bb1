//! The command line: parses arguments, reads inputs, calls the writers, writes files.
//! Only this module and `main.rs` touch the terminal and the file system for output.

mod convert;
mod guards;
mod print;
mod report;

use crate::diag::render::MessageFormat;
use crate::diag::{Diagnostic, Error};
use crate::files::{write_atomically, FileSet};
use crate::read;
use crate::style::Style;
use crate::writers::{self, Format};
use clap::{CommandFactory, Parser, Subcommand};
use print::Printer;
use report::{cannot_write_report, write_report, ReportSink};
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

/// folio: editions of archival documents — PDF, DOCX, EPUB and plain text from one
/// structured transcription.
///
/// Exit codes: 0 success, 1 invalid input, 2 usage error, 3 I/O or output error.
#[derive(Debug, Parser)]
#[command(name = "folio", version, after_help = EXAMPLES)]
pub struct Cli {
    /// How to print errors and warnings: human (with the source line) or json (one object a
    /// line, for editors and pipelines).
    #[arg(
        long,
        global = true,
        value_enum,
        default_value_t,
        value_name = "FORMAT"
    )]
    pub message_format: MessageFormat,
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// One example a subcommand, shown by `folio --help`.
const EXAMPLES: &str = "Examples:
  folio export letter.toml --to pdf          letter.pdf in out/
  folio export - -t pdf -o x.pdf < x.toml    from standard input
  folio volume book.volume.toml -t epub      one book of many documents
  folio check transcriptions/                validate a folder
  folio new > letter.toml                    a commented template
  folio schema > folio.schema.json           the JSON Schema
  folio explain F0203                        what an error code means
  folio completions bash > folio.bash        shell completions";

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Export transcriptions to editions.
    #[command(after_help = "Example:\n  folio export samples/ -t pdf,epub --out-dir out")]
    Export(ExportArgs),
    /// Export a volume: the documents of a manifest as one book, in every edition.
    #[command(after_help = "Example:\n  folio volume samples/volume/sample.volume.toml -t pdf")]
    Volume(VolumeArgs),
    /// Validate transcriptions without writing anything.
    #[command(after_help = "Example:\n  folio check samples/ --message-format json")]
    Check(CheckArgs),
    /// Write a transcription (a TEI file above all) in folio's own format, TOML or JSON.
    #[command(after_help = "Example:\n  folio convert letter.xml --to toml -o letter.toml")]
    Convert(ConvertArgs),
    /// Print the JSON Schema of the transcription format.
    #[command(after_help = "Example:\n  folio schema > folio.schema.json")]
    Schema,
    /// Print a commented template transcription to start from.
    #[command(after_help = "Example:\n  folio new > letter.toml")]
    New,
    /// Explain an error code (F0101…), as docs/errors.md does.
    #[command(after_help = "Example:\n  folio explain F0401")]
    Explain {
        /// The code, as printed in brackets after `error`.
        code: String,
    },
    /// Print a shell completion script.
    #[command(after_help = "Example:\n  folio completions bash > /etc/bash_completion.d/folio")]
    Completions {
        /// The shell.
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff), for `make man`.
    #[command(hide = true)]
    Man,
}

/// Where a transcription comes from when it is read from standard input.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum FromFormat {
    /// The authoring format.
    Toml,
    /// The pipeline format.
    Json,
}

/// Options of `folio check`.
#[derive(Debug, clap::Args)]
pub struct CheckArgs {
    /// Transcription files (.toml, .json or .xml TEI), folders (searched recursively), or `-` for
    /// standard input.
    pub inputs: Vec<PathBuf>,
    /// The syntax of standard input (default: sniffed, `{` opens JSON).
    #[arg(long, value_enum, value_name = "SYNTAX")]
    pub from: Option<FromFormat>,
}

/// Options of `folio convert`.
#[derive(Debug, clap::Args)]
pub struct ConvertArgs {
    /// The transcription to convert (.xml TEI, .toml or .json).
    pub input: PathBuf,
    /// The format to write: toml or json.
    #[arg(long = "to", default_value = "toml", value_name = "FORMAT")]
    pub to: String,
    /// The file to write (default: standard output); never the input itself.
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// A TEI collection's mapping of rend/rendition values (default: tei-mapping.toml
    /// beside the input); see docs/tei.md.
    #[arg(long, value_name = "FILE")]
    pub tei_mapping: Option<PathBuf>,
}

/// Options of `folio export`.
#[derive(Debug, clap::Args)]
pub struct ExportArgs {
    /// Transcription files (.toml, .json or .xml TEI), folders (searched recursively), or `-` for
    /// standard input (with -o).
    pub inputs: Vec<PathBuf>,
    /// The syntax of standard input (default: sniffed, `{` opens JSON).
    #[arg(long, value_enum, value_name = "SYNTAX")]
    pub from: Option<FromFormat>,
    /// Editions to write, comma-separated: txt, pdf, docx, epub, tei, or all.
    #[arg(
        short = 't',
        long = "to",
        default_value = "all",
        value_name = "FORMATS"
    )]
    pub to: String,
    /// Directory for the editions, created if missing; files are named <input stem>.<ext>.
    #[arg(long, default_value = "out", value_name = "DIR")]
    pub out_dir: PathBuf,
    /// Write one edition of one input to FILE (format from its extension); `-` is stdout.
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Style preset: edition (A5 book page) or handout (A4, large type, line numbers).
    #[arg(long, value_name = "NAME")]
    pub preset: Option<String>,
    /// Style file (TOML) overriding the preset's settings; see docs/styles.md.
    #[arg(long, value_name = "FILE")]
    pub style: Option<PathBuf>,
    /// Documents exported at once (default: the number of cores).
    #[arg(long, short = 'j', value_name = "N")]
    pub jobs: Option<usize>,
    /// Print nothing but errors (no progress bar, no warnings).
    #[arg(long, short = 'q')]
    pub quiet: bool,
    /// Write a JSON report of the batch to FILE (`-`: standard output): per input its
    /// status, outputs with size and SHA-256, warnings, errors and milliseconds; plus totals.
    #[arg(long, value_name = "FILE")]
    pub report: Option<PathBuf>,
    /// Export only the K-th of N disjoint shards of the sorted input list (K from 1).
    #[arg(long, value_name = "K/N")]
    pub shard: Option<crate::batch::Shard>,
    /// Mirror the input folders under --out-dir, so equal file names in different folders
    /// do not collide (without it, a collision is an error before anything is written).
    #[arg(long)]
    pub mirror: bool,
    #[command(flatten)]
    pub pdf: PdfArgs,
}

/// Options of the PDF edition, for `export` and `volume`.
#[derive(Debug, clap::Args)]
pub struct PdfArgs {
    /// PDF standards, comma-separated: ua-1, a-2u, a-2a, a-3u, a-3a, or none (default:
    /// the style's `pdf.standards`, ua-1,a-2u).
    #[arg(long = "pdf-standard", value_name = "LIST")]
    pub standards: Option<String>,
    /// Carry each transcription inside its PDF (PDF/A-3 associated file, /Source).
    #[arg(long)]
    pub embed_source: bool,
}

impl PdfArgs {
    /// The style with these options applied.
    fn apply(&self, mut style: Style) -> Result<Style, Error> {
        if let Some(list) = &self.standards {
            style.pdf.standards =
                crate::style::pdf::PdfStandard::parse_list(list).map_err(Error::Usage)?;
        }
        style.pdf.embed_source |= self.embed_source;
        Ok(style)
    }
}

/// Options of `folio volume`.
#[derive(Debug, clap::Args)]
pub struct VolumeArgs {
    /// The volume manifest (TOML); see docs/volumes.md.
    pub manifest: PathBuf,
    /// Editions to write, comma-separated: txt, pdf, docx, epub, tei, or all.
    #[arg(
        short = 't',
        long = "to",
        default_value = "all",
        value_name = "FORMATS"
    )]
    pub to: String,
    /// Directory for the editions, created if missing; files are named <manifest stem>.<ext>.
    #[arg(long, default_value = "out", value_name = "DIR")]
    pub out_dir: PathBuf,
    /// Write one edition to FILE (format from its extension); `-` is stdout.
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Style preset, overriding the manifest's: edition or handout.
    #[arg(long, value_name = "NAME")]
    pub preset: Option<String>,
    /// Style file (TOML), overriding the manifest's; see docs/styles.md.
    #[arg(long, value_name = "FILE")]
    pub style: Option<PathBuf>,
    /// Write a JSON report to FILE (`-`: standard output): the editions with size and
    /// SHA-256, the warnings, milliseconds.
    #[arg(long, value_name = "FILE")]
    pub report: Option<PathBuf>,
    /// Print nothing but errors.
    #[arg(long, short = 'q')]
    pub quiet: bool,
    #[command(flatten)]
    pub pdf: PdfArgs,
}

/// Runs the command line; returns the exit code.
pub fn run(cli: Cli) -> i32 {
    let printer = Printer::new(cli.message_format);
    let result = match cli.command {
        Command::Export(args) => export(&args, &printer),
        Command::Volume(args) => volume(&args, &printer),
        Command::Check(args) => check(&args, &printer),
        Command::Convert(args) => convert::run(&args, &printer),
        Command::Schema => print_stdout(crate::schema::document().as_bytes()),
        Command::New => print_stdout(TEMPLATE.as_bytes()),
        Command::Explain { code } => explain(&code),
        Command::Completions { shell } => {
            let mut out = Vec::new();
            clap_complete::generate(shell, &mut Cli::command(), "folio", &mut out);
            print_stdout(&out)
        }
        Command::Man => {
            let mut out = Vec::new();
            clap_mangen::Man::new(Cli::command())
                .render(&mut out)
                .map_err(|e| Error::Output(format!("cannot render the manual page: {e}")))
                .and_then(|()| print_stdout(&out))
        }
    };
    match result {
        Ok(()) => 0,
        Err(e) => {
            printer.error(&e);
            e.exit_code()
        }
    }
}

fn explain(code: &str) -> Result<(), Error> {
    let known = crate::diag::Code::ALL.iter().map(|c| c.as_str());
    let explanation = code
        .parse::<crate::diag::Code>()
        .ok()
        .and_then(crate::diag::codes::explain)
        .ok_or_else(|| {
            let near = crate::diag::suggest::did_you_mean(&code.to_uppercase(), known);
            Error::Usage(format!(
                "no error code `{code}`; codes run F0101 to F0703, docs/errors.md lists them{}",
                if near.is_empty() {
                    String::new()
                } else {
                    format!("\n  hint: {near}")
                }
            ))
        })?;
    print_stdout(format!("{explanation}\n").as_bytes())
}

/// The commented template printed by `folio new`.
pub const TEMPLATE: &str = include_str!("template.toml");

fn print_stdout(s: &[u8]) -> Result<(), Error> {
    let mut out = std::io::stdout().lock();
    match out.write_all(s).and_then(|_| out.flush()) {
        Ok(()) => Ok(()),
        // A closed pipe (`folio schema | head`) is the reader's choice, not an error.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        Err(e) => Err(Error::Output(format!(
            "cannot write to standard output: {e}"
        ))),
    }
}

/// Reads one input: a file, or standard input for `-`.
fn read_input(input: &Path, from: Option<FromFormat>) -> Result<read::Read, Error> {
    if input.as_os_str() != "-" {
        if !input.exists() {
            return Err(Error::Output(format!(
                "{}: no such file; expected a transcription (.toml, .json or .xml TEI), a folder, or - for standard input",
                input.display()
            )));
        }
        return read::read_file(input);
    }
    let mut bytes = Vec::new();
    let limit = crate::limits::MAX_DOCUMENT_BYTES;
    std::io::Read::read_to_end(
        &mut std::io::Read::take(std::io::stdin().lock(), limit + 1),
        &mut bytes,
    )
    .map_err(|e| Error::Output(format!("cannot read standard input: {e}")))?;
    if bytes.len() as u64 > limit {
        return Err(Error::Usage(format!(
            "standard input holds more than the {} MiB a transcription may have (docs/limits.md)",
            limit >> 20
        )));
    }
    let text = read::utf8(bytes, "<stdin>")?;
    let syntax = match from {
        Some(FromFormat::Toml) => read::Syntax::Toml,
        Some(FromFormat::Json) => read::Syntax::Json,
        None => read::sniff(&text),
    };
    read::read_str(&text, "<stdin>", syntax)
}

/// The error for a subcommand given no input.
fn no_inputs(command: &str) -> Error {
    Error::Usage(format!(
        "`folio {command}` needs an input: a transcription (.toml, .json or .xml TEI), a folder, or - for standard input\n  hint: folio {command} letter.toml"
    ))
}

/// Parses `--to`: a comma-separated list of format names, or `all`.
pub fn parse_formats(list: &str) -> Result<Vec<Format>, Error> {
    let mut formats = Vec::new();
    for word in list.split(',').map(str::trim).filter(|w| !w.is_empty()) {
        if word.eq_ignore_ascii_case("all") {
            formats.extend(Format::ALL);
            continue;
        }
        match Format::from_name(word) {
            Some(f) => formats.push(f),
            None => {
                let names = Format::ALL.iter().map(|f| f.extension()).chain(["all"]);
                let near = crate::diag::suggest::did_you_mean(word, names);
                return Err(Error::Usage(format!(
                    "unknown format `{word}` in --to; expected txt, pdf, docx, epub, tei or all{}",
                    if near.is_empty() {
                        String::new()
                    } else {
                        format!("\n  hint: {near}")
                    }
                )));
            }
        }
    }
    formats.sort();
    formats.dedup();
    if formats.is_empty() {
        return Err(Error::Usage(
            "--to names no format; expected txt, pdf, docx, epub, tei or all".into(),
        ));
    }
    Ok(formats)
}

fn check(args: &CheckArgs, printer: &Printer) -> Result<(), Error> {
    if args.inputs.is_empty() {
        return Err(no_inputs("check"));
    }
    let mut inputs = Vec::new();
    for input in &args.inputs {
        if input.as_os_str() == "-" {
            inputs.push(input.clone());
        } else if !input.exists() {
            return Err(read_input(input, None)
                .err()
                .unwrap_or_else(|| no_inputs("check")));
        } else {
            let (found, walk_warnings) = crate::batch::expand_inputs(std::slice::from_ref(input))?;
            printer.all(&walk_warnings);
            inputs.extend(found.into_iter().map(|i| i.path));
        }
    }
    let mut errors = Vec::new();
    for input in &inputs {
        match read_input(input, args.from) {
            Ok(r) => printer.all(&r.warnings),
            Err(Error::Invalid(d)) => errors.extend(d),
            Err(e) => return Err(e),
        }
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(Error::Invalid(errors))
    }
}

fn export(args: &ExportArgs, printer: &Printer) -> Result<(), Error> {
    if args.inputs.is_empty() {
        return Err(no_inputs("export"));
    }
    let style = args
        .pdf
        .apply(Style::load(args.preset.as_deref(), args.style.as_deref())?)?;
    let formats = parse_formats(&args.to)?;
    if let Some(output) = &args.output {
        if args.inputs.len() != 1 {
            return Err(Error::Usage(
                "-o writes one edition of one input; give exactly one input, or use --out-dir"
                    .into(),
            ));
        }
        let format = one_format(output, &args.to)?;
        let input = &args.inputs[0];
        let file = input.display().to_string();
        // The same guards as a batch's: a stack of known size, a panic as this input's error.
        let (doc, out) = crate::guard::on_worker_stack(|| {
            crate::guard::catch(&file, || {
                let mut doc = read_input(input, args.from)?;
                writers::release_unused(&mut doc.document, &style);
                let out = writers::write(format, &doc.document, &style)?;
                Ok((doc, out))
            })
        })?;
        printer.all(&doc.warnings);
        let edition = format.extension();
        let warnings: Vec<Diagnostic> = out
            .warnings
            .iter()
            .map(|w| Diagnostic::of_writer(file.clone(), edition, w))
            .collect();
        printer.all(&warnings);
        if output.as_os_str() == "-" {
            return print_stdout(&out.bytes);
        }
        crate::files::refuse_overwriting(output, input)?;
        return write_atomically(output, &out.bytes);
    }
    if args.inputs.iter().any(|i| i.as_os_str() == "-") {
        return Err(Error::Usage(
            "standard input has no file name to name editions after\n  hint: add -o FILE, as in folio export - -t pdf -o letter.pdf".into(),
        ));
    }
    if let Some(missing) = args.inputs.iter().find(|i| !i.exists()) {
        return Err(read_input(missing, None)
            .err()
            .unwrap_or_else(|| no_inputs("export")));
    }

    let (mut inputs, walk_warnings) = crate::batch::expand_inputs(&args.inputs)?;
    if !args.quiet {
        printer.all(&walk_warnings);
    }
    if let Some(shard) = args.shard {
        inputs = shard.select(inputs);
    }
    let plan = crate::batch::plan(inputs, &formats, &args.out_dir, args.mirror)?;
    if let Some(report) = &args.report {
        guards::refuse_report_path(report, &plan)?;
    }
    guards::remove_stale_temporaries(&plan, args.quiet);
    crate::guard::install_signal_handlers();
    let jobs = args
        .jobs
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()));
    let interactive = !args.quiet && std::io::stderr().is_terminal();
    let bar = interactive.then(|| {
        let bar = indicatif::ProgressBar::new(plan.jobs.len() as u64);
        bar.set_style(
            indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} {msg}")
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
        );
        bar
    });
    let progress = |record: &crate::batch::InputRecord| {
        if let Some(bar) = &bar {
            bar.inc(1);
            bar.set_message(record.input.clone());
        }
    };
    // The report is written as the records come, so a batch of any length holds no record
    // of its inputs but the failures; a report that cannot be written stops no edition.
    let mut report_failure: Option<String> = None;
    let mut report = args.report.as_ref().and_then(|path| {
        ReportSink::open(path)
            .map_err(|e| report_failure = Some(cannot_write_report(path, &e)))
            .ok()
            .map(crate::batch::ReportWriter::new)
    });
    let quiet = args.quiet;
    let mut each = |record: &crate::batch::InputRecord| {
        if let Some(report) = report.as_mut() {
            report.record(record);
        }
        // Warnings as they come, in input order; every error at the end.
        if !quiet && !record.warnings.is_empty() {
            match &bar {
                Some(bar) => bar.suspend(|| printer.all(&record.warnings)),
                None => printer.all(&record.warnings),
            }
        }
    };
    let outcome = crate::batch::run(
        &plan,
        &style,
        jobs,
        args.report.is_some(),
        &progress,
        &mut each,
    );
    if let Some(bar) = bar {
        bar.finish_and_clear();
    }
    if let (Some(path), Some(report)) = (&args.report, report) {
        let written = report
            .finish(&outcome.totals, outcome.stopped_by)
            .map_err(|e| Error::Output(e.to_string()))
            .and_then(ReportSink::close);
        if let Err(e) = written {
            report_failure = Some(cannot_write_report(path, &e));
        }
    }
    for r in &outcome.failed {
        printer.all(&r.errors);
    }
    if interactive {
        eprintln!("{}", print::summary(&outcome.totals, &args.out_dir));
    }
    if let Some(message) = &report_failure {
        eprintln!("{message}");
    }
    if let Some(code) = crate::guard::stop_requested() {
        eprintln!(
            "stopped by {}: {} of {} inputs done, {} not started; no partial file was left",
            outcome.stopped_by.unwrap_or("a signal"),
            outcome.totals.inputs,
            plan.jobs.len(),
            outcome.totals.not_started
        );
        return Err(Error::Reported(code));
    }
    // The worst failure decides the exit code: output errors (3) over usage (2) over
    // invalid input (1). The errors are printed already.
    let worst = outcome
        .failed
        .iter()
        .map(|r| r.exit_code)
        .chain(report_failure.map(|_| 3))
        .max();
    match worst {
        None => Ok(()),
        Some(code) => Err(Error::Reported(code)),
    }
}

/// The report of `folio volume --report`.
#[derive(serde::Serialize)]
struct VolumeReport {
    folio: &'static str,
    manifest: String,
    documents: usize,
    outputs: Vec<crate::batch::OutputRecord>,
    warnings: Vec<Diagnostic>,
    ms: f64,
}

/// Exports a volume manifest to the requested editions.
fn volume(args: &VolumeArgs, printer: &Printer) -> Result<(), Error> {
    let started = std::time::Instant::now();
    let (mut volume, mut warnings) = crate::volume::load(&args.manifest)?;
    let base = args.manifest.parent().unwrap_or(Path::new("."));
    let style_path = match &args.style {
        Some(s) => Some(s.clone()),
        None => volume.manifest.style.as_ref().map(|s| base.join(s)),
    };
    let preset = args.preset.as_deref().or(volume.manifest.preset.as_deref());
    let style = args
        .pdf
        .apply(Style::load(preset, style_path.as_deref())?)?;
    for doc in &mut volume.documents {
        writers::release_unused(doc, &style);
    }
    let stem = args
        .manifest
        .file_stem()
        .and_then(|s| s.to_str())
        .map(|s| s.trim_end_matches(".volume"))
        .unwrap_or("volume")
        .to_string();
    let targets: Vec<(Format, PathBuf)> = match &args.output {
        Some(output) => vec![(one_format(output, &args.to)?, output.clone())],
        None => parse_formats(&args.to)?
            .into_iter()
            .map(|f| (f, args.out_dir.join(format!("{stem}.{}", f.extension()))))
            .collect(),
    };
    // Every edition is made before any is written, on a worker's stack, a panic caught;
    // then all are written or none.
    let file = args.manifest.display().to_string();
    let editions = crate::guard::on_worker_stack(|| {
        crate::guard::catch(&file, || {
            targets
                .into_iter()
                .map(|(format, path)| {
                    Ok((
                        format,
                        path,
                        writers::write_volume(format, &volume, &style)?,
                    ))
                })
                .collect::<Result<Vec<_>, Error>>()
        })
    })?;
    let mut made = Vec::new();
    for (format, path, out) in editions {
        warnings.extend(
            out.warnings
                .iter()
                .map(|w| Diagnostic::of_writer(file.clone(), format.extension(), w)),
        );
        made.push((format, path, out.bytes));
    }
    if !args.quiet {
        printer.all(&warnings);
    }
    let mut outputs = Vec::new();
    let mut files = FileSet::new();
    for (format, path, bytes) in made {
        if path.as_os_str() == "-" {
            print_stdout(&bytes)?;
            continue;
        }
        for input in volume.paths.iter().chain([&args.manifest]) {
            crate::files::refuse_overwriting(&path, input)?;
        }
        files.stage(&path, &bytes)?;
        outputs.push(crate::batch::OutputRecord::of(
            format,
            &path,
            &bytes,
            args.report.is_some(),
        ));
    }
    files.commit()?;
    if let Some(path) = &args.report {
        write_report(
            path,
            &VolumeReport {
                folio: env!("CARGO_PKG_VERSION"),
                manifest: args.manifest.display().to_string(),
                documents: volume.documents.len(),
                outputs,
                warnings,
                ms: started.elapsed().as_secs_f64() * 1000.0,
            },
        )?;
    }
    Ok(())
}

/// The one format of `-o FILE` (from its extension) or `-o -` (from `--to`).
fn one_format(output: &Path, to: &str) -> Result<Format, Error> {
    let to_given = to != "all";
    if output.as_os_str() == "-" {
        return match parse_formats(to)?.as_slice() {
            [f] if to_given => Ok(*f),
            _ => Err(Error::Usage(
                "-o - needs exactly one format: add --to txt (or pdf, docx, epub)".into(),
            )),
        };
    }
    let ext = output.extension().and_then(|e| e.to_str()).unwrap_or("");
    let format = Format::from_name(ext).ok_or_else(|| {
        Error::Usage(format!(
            "cannot tell the format of {} from its extension; expected .txt, .pdf, .docx, .epub or .xml (TEI)",
            output.display()
        ))
    })?;
    if to_given && parse_formats(to)? != [format] {
        return Err(Error::Usage(format!(
            "--to {to} contradicts the extension of {}",
            output.display()
        )));
    }
    Ok(format)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_command_line_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn formats_parse() {
        assert_eq!(parse_formats("all").unwrap(), Format::ALL.to_vec());
        assert_eq!(
            parse_formats("pdf, txt,pdf").unwrap(),
            vec![Format::Txt, Format::Pdf]
        );
        assert!(parse_formats("html").is_err());
    }

    #[test]
    fn the_template_is_a_valid_transcription() {
        let r = read::read_str(TEMPLATE, "template.toml", read::Syntax::Toml).unwrap();
        assert!(r.warnings.is_empty(), "{:?}", r.warnings);
    }
}
