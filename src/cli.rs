//! The command line: parses arguments, reads inputs, calls the writers, writes files.
//! Only this module and `main.rs` touch the terminal and the file system for output.

use crate::diag::{Diagnostic, Error};
use crate::files::{write_atomically, FileSet};
use crate::read;
use crate::style::Style;
use crate::writers::{self, Format};
use clap::{Parser, Subcommand};
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

/// folio: editions of archival documents — PDF, DOCX, EPUB and plain text from one
/// structured transcription.
///
/// Exit codes: 0 success, 1 invalid input, 2 usage error, 3 I/O or output error.
#[derive(Debug, Parser)]
#[command(name = "folio", version)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Export transcriptions to editions.
    Export(ExportArgs),
    /// Export a volume: the documents of a manifest as one book, in every edition.
    Volume(VolumeArgs),
    /// Validate transcriptions without writing anything.
    Check {
        /// Transcription files (.toml or .json).
        #[arg(required = true)]
        inputs: Vec<PathBuf>,
    },
    /// Print the JSON Schema of the transcription format.
    Schema,
    /// Print a commented template transcription to start from.
    New,
}

/// Options of `folio export`.
#[derive(Debug, clap::Args)]
pub struct ExportArgs {
    /// Transcription files (.toml or .json) and folders (searched recursively).
    #[arg(required = true)]
    pub inputs: Vec<PathBuf>,
    /// Editions to write, comma-separated: txt, pdf, docx, epub, or all.
    #[arg(long = "to", default_value = "all", value_name = "FORMATS")]
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
    /// Write a JSON report of the batch to FILE: per input its status, outputs with size and
    /// SHA-256, warnings, errors and milliseconds; plus totals.
    #[arg(long, value_name = "FILE")]
    pub report: Option<PathBuf>,
    /// Export only the K-th of N disjoint shards of the sorted input list (K from 1).
    #[arg(long, value_name = "K/N")]
    pub shard: Option<crate::batch::Shard>,
    /// Mirror the input folders under --out-dir, so equal file names in different folders
    /// do not collide (without it, a collision is an error before anything is written).
    #[arg(long)]
    pub mirror: bool,
}

/// Options of `folio volume`.
#[derive(Debug, clap::Args)]
pub struct VolumeArgs {
    /// The volume manifest (TOML); see docs/volumes.md.
    pub manifest: PathBuf,
    /// Editions to write, comma-separated: txt, pdf, docx, epub, or all.
    #[arg(long = "to", default_value = "all", value_name = "FORMATS")]
    pub to: String,
    /// Directory for the editions, created if missing; files are named <manifest stem>.<ext>.
    #[arg(long, default_value = "out", value_name = "DIR")]
    pub out_dir: PathBuf,
}

/// Runs the command line; returns the exit code.
pub fn run(cli: Cli) -> i32 {
    let result = match cli.command {
        Command::Export(args) => export(&args),
        Command::Volume(args) => volume(&args),
        Command::Check { inputs } => check(&inputs),
        Command::Schema => print_stdout(schema().as_bytes()),
        Command::New => print_stdout(TEMPLATE.as_bytes()),
    };
    match result {
        Ok(()) => 0,
        Err(e) => {
            report(&e);
            e.exit_code()
        }
    }
}

/// The commented template printed by `folio new`.
pub const TEMPLATE: &str = include_str!("template.toml");

/// The JSON Schema of the format, pretty-printed.
pub fn schema() -> String {
    let schema = schemars::schema_for!(crate::model::Document);
    let mut s = serde_json::to_string_pretty(&schema).expect("a schema always serializes");
    s.push('\n');
    s
}

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

fn report(e: &Error) {
    eprintln!("{e}");
}

fn print_warnings(warnings: &[Diagnostic]) {
    for w in warnings {
        eprintln!("{w}");
    }
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
                return Err(Error::Usage(format!(
                    "unknown format `{word}` in --to; expected txt, pdf, docx, epub or all"
                )))
            }
        }
    }
    formats.sort();
    formats.dedup();
    if formats.is_empty() {
        return Err(Error::Usage(
            "--to names no format; expected txt, pdf, docx, epub or all".into(),
        ));
    }
    Ok(formats)
}

fn check(inputs: &[PathBuf]) -> Result<(), Error> {
    let mut errors = Vec::new();
    for input in inputs {
        match read::read_file(input) {
            Ok(r) => print_warnings(&r.warnings),
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

fn export(args: &ExportArgs) -> Result<(), Error> {
    let style = Style::load(args.preset.as_deref(), args.style.as_deref())?;
    let to_given = args.to != "all";
    if let Some(output) = &args.output {
        if args.inputs.len() != 1 {
            return Err(Error::Usage(
                "-o writes one edition of one input; give exactly one input, or use --out-dir"
                    .into(),
            ));
        }
        let format = if output.as_os_str() == "-" {
            let formats = parse_formats(&args.to)?;
            match formats.as_slice() {
                [f] if to_given => *f,
                _ => {
                    return Err(Error::Usage(
                        "-o - needs exactly one format: add --to txt (or pdf, docx, epub)".into(),
                    ))
                }
            }
        } else {
            let ext = output.extension().and_then(|e| e.to_str()).unwrap_or("");
            let format = Format::from_name(ext).ok_or_else(|| {
                Error::Usage(format!(
                    "cannot tell the format of {} from its extension; expected .txt, .pdf, .docx or .epub",
                    output.display()
                ))
            })?;
            if to_given && parse_formats(&args.to)? != [format] {
                return Err(Error::Usage(format!(
                    "--to {} contradicts the extension of {}",
                    args.to,
                    output.display()
                )));
            }
            format
        };
        let input = &args.inputs[0];
        let name = input.display().to_string();
        let (doc, out) = crate::guard::on_worker_stack(|| {
            crate::guard::catch(&name, || {
                let doc = read::read_file(input)?;
                let out = writers::write(format, &doc.document, &style)?;
                Ok((doc, out))
            })
        })?;
        print_warnings(&doc.warnings);
        print_write_warnings(input, &out.warnings);
        if output.as_os_str() == "-" {
            return print_stdout(&out.bytes);
        }
        crate::files::refuse_overwriting(output, input)?;
        return write_atomically(output, &out.bytes);
    }

    let formats = parse_formats(&args.to)?;
    let (mut inputs, walk_warnings) = crate::batch::expand_inputs(&args.inputs)?;
    if !args.quiet {
        for w in &walk_warnings {
            eprintln!("{w}");
        }
    }
    if let Some(shard) = args.shard {
        inputs = shard.select(inputs);
    }
    let plan = crate::batch::plan(inputs, &formats, &args.out_dir, args.mirror)?;
    if let Some(report) = &args.report {
        refuse_report_path(report, &plan)?;
    }
    remove_stale_temporaries(&plan, args.quiet);
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
    let report = crate::batch::run(&plan, &style, jobs, &progress);
    if let Some(bar) = bar {
        bar.finish_and_clear();
    }
    // The report is written first but its failure reported last: every input's errors are
    // printed whatever happens to it.
    let report_failure = args.report.as_ref().and_then(|path| {
        let mut json = serde_json::to_string_pretty(&report).ok()?;
        json.push('\n');
        write_atomically(path, json.as_bytes()).err().map(|e| {
            format!(
                "error: cannot write the report {}: {}\n  hint: the editions were written regardless; every error is printed above",
                path.display(),
                e.to_string().trim_start_matches("error: ")
            )
        })
    });
    // Warnings first, then every error at the end, each with file:line:column.
    if !args.quiet {
        for r in &report.inputs {
            print_warnings(&r.warnings);
        }
    }
    let failed: Vec<&crate::batch::InputRecord> =
        report.inputs.iter().filter(|r| r.status != "ok").collect();
    for r in &failed {
        for e in &r.errors {
            eprintln!("{e}");
        }
    }
    if interactive {
        eprintln!(
            "{} exported, {} failed, {} files written",
            report.totals.ok, report.totals.failed, report.totals.outputs
        );
    }
    if let Some(message) = &report_failure {
        eprintln!("{message}");
    }
    if let Some(code) = crate::guard::stop_requested() {
        eprintln!(
            "stopped by {}: {} of {} inputs done, {} not started; no partial file was left",
            report.stopped_by.unwrap_or("a signal"),
            report.totals.inputs,
            plan.jobs.len(),
            report.totals.not_started
        );
        return Err(Error::Reported(code));
    }
    // The worst failure decides the exit code: output errors (3) over usage (2) over
    // invalid input (1). The errors are printed already.
    let worst = failed
        .iter()
        .map(|r| r.exit_code)
        .chain(report_failure.map(|_| 3))
        .max();
    match worst {
        None => Ok(()),
        Some(code) => Err(Error::Reported(code)),
    }
}

/// The report goes through the guards of the editions: it may replace neither an input nor
/// an output of the same run.
fn refuse_report_path(report: &Path, plan: &crate::batch::Plan) -> Result<(), Error> {
    for (input, outputs) in &plan.jobs {
        if crate::files::same_file(report, &input.path) {
            return Err(Error::Usage(format!(
                "--report {} names an input of this run; nothing was written\n  hint: write the report elsewhere, as in --report report.json",
                report.display()
            )));
        }
        for (_, out) in outputs {
            if out == report || crate::files::same_file(report, out) || same_place(report, out) {
                return Err(Error::Usage(format!(
                    "--report {} names an edition this run writes; nothing was written\n  hint: write the report elsewhere, as in --report report.json",
                    report.display()
                )));
            }
        }
    }
    Ok(())
}

/// Whether two paths, of which the second may not exist yet, name the same place: same
/// file name in the same (canonical) folder.
fn same_place(a: &Path, b: &Path) -> bool {
    let folder = |p: &Path| {
        let dir = p
            .parent()
            .filter(|d| !d.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        std::fs::canonicalize(dir).ok()
    };
    a.file_name() == b.file_name() && folder(a).is_some() && folder(a) == folder(b)
}

/// Removes what an interrupted run (killed, a power loss) left in the output folders, and
/// says so.
fn remove_stale_temporaries(plan: &crate::batch::Plan, quiet: bool) {
    let mut folders: Vec<&Path> = plan
        .jobs
        .iter()
        .flat_map(|(_, outputs)| outputs.iter().filter_map(|(_, p)| p.parent()))
        .collect();
    folders.sort();
    folders.dedup();
    for folder in folders {
        let removed = crate::files::remove_stale_temporaries(folder);
        if !removed.is_empty() && !quiet {
            eprintln!(
                "{}: removed {} temporary file{} left by an interrupted folio run",
                folder.display(),
                removed.len(),
                if removed.len() == 1 { "" } else { "s" }
            );
        }
    }
}

/// Exports a volume manifest to the requested editions.
fn volume(args: &VolumeArgs) -> Result<(), Error> {
    let formats = parse_formats(&args.to)?;
    let (volume, warnings) = crate::volume::load(&args.manifest)?;
    print_warnings(&warnings);
    let base = args.manifest.parent().unwrap_or(Path::new("."));
    let style_path = volume.manifest.style.as_ref().map(|s| base.join(s));
    let style = Style::load(volume.manifest.preset.as_deref(), style_path.as_deref())?;
    let stem = args
        .manifest
        .file_stem()
        .and_then(|s| s.to_str())
        .map(|s| s.trim_end_matches(".volume"))
        .unwrap_or("volume")
        .to_string();
    // Every edition is made before any is written, and all are written or none.
    let name = args.manifest.display().to_string();
    let made = crate::guard::on_worker_stack(|| {
        crate::guard::catch(&name, || {
            formats
                .iter()
                .map(|format| Ok((*format, writers::write_volume(*format, &volume, &style)?)))
                .collect::<Result<Vec<_>, Error>>()
        })
    })?;
    let mut files = FileSet::new();
    for (format, out) in made {
        print_write_warnings(&args.manifest, &out.warnings);
        let path = args.out_dir.join(format!("{stem}.{}", format.extension()));
        for input in volume.paths.iter().chain([&args.manifest]) {
            crate::files::refuse_overwriting(&path, input)?;
        }
        files.stage(&path, &out.bytes)?;
    }
    files.commit()
}

fn print_write_warnings(input: &Path, warnings: &[crate::diag::Warning]) {
    for w in warnings {
        eprintln!("{}: warning: {w}", input.display());
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

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

    #[test]
    fn the_schema_names_every_role() {
        let s = schema();
        for role in [
            "dateline",
            "mark",
            "address",
            "heading",
            "salutation",
            "text",
            "quote",
            "list",
            "closer",
            "postscript",
            "folio",
        ] {
            assert!(s.contains(&format!("\"{role}\"")), "{role}");
        }
    }
}
