//! Batch export: many transcriptions to many editions, in parallel, with a report.
//!
//! The plan is made before anything is written: inputs expanded (directories recursed),
//! sorted, sharded, and output names checked for collisions. Each input is then read and
//! all its editions made in memory; only when every edition succeeded are they written, each
//! to a temporary file renamed into place. One bad input stops nothing else.

use crate::diag::{Code, Diagnostic, Error};
use crate::style::Style;
use crate::writers::{self, Format};
use serde::Serialize;
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;
use std::time::Instant;

/// File names that are never transcriptions, even with a .toml extension: volume manifests,
/// style files and registers of persons and places, which may sit beside the transcriptions.
fn is_auxiliary(path: &Path) -> bool {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
    name.ends_with(".volume.toml")
        || name.ends_with(".style.toml")
        || name.ends_with(".register.toml")
        || name.ends_with(".register.json")
}

/// One input with the folder it was found under (for `--mirror`).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Input {
    /// The transcription file.
    pub path: PathBuf,
    /// Its folder relative to the directory given on the command line ("" for files given
    /// directly).
    pub relative_dir: PathBuf,
}

/// Expands files and directories into transcription inputs, sorted by path.
pub fn expand_inputs(args: &[PathBuf]) -> Result<Vec<Input>, Error> {
    let mut inputs = Vec::new();
    for arg in args {
        if arg.is_dir() {
            let mut stack = vec![arg.clone()];
            while let Some(dir) = stack.pop() {
                let entries = std::fs::read_dir(&dir).map_err(|e| {
                    Error::Output(format!("cannot read the folder {}: {e}", dir.display()))
                })?;
                for entry in entries {
                    let path = entry
                        .map_err(|e| {
                            Error::Output(format!("cannot read the folder {}: {e}", dir.display()))
                        })?
                        .path();
                    if path.is_dir() {
                        stack.push(path);
                    } else if crate::read::Syntax::of(&path).is_some() && !is_auxiliary(&path) {
                        let relative_dir = path
                            .parent()
                            .and_then(|p| p.strip_prefix(arg).ok())
                            .map(Path::to_path_buf)
                            .unwrap_or_default();
                        inputs.push(Input { path, relative_dir });
                    }
                }
            }
        } else {
            inputs.push(Input {
                path: arg.clone(),
                relative_dir: PathBuf::new(),
            });
        }
    }
    inputs.sort();
    inputs.dedup();
    Ok(inputs)
}

/// A shard `K/N`: the K-th (1-based) of N disjoint parts of the sorted input list.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Shard {
    /// Which part, 1..=count.
    pub index: usize,
    /// How many parts.
    pub count: usize,
}

impl std::str::FromStr for Shard {
    type Err = String;

    fn from_str(s: &str) -> Result<Shard, String> {
        let (k, n) = s.split_once('/').ok_or("expected K/N, as in 2/8")?;
        let index: usize = k
            .trim()
            .parse()
            .map_err(|_| "K in K/N must be a whole number")?;
        let count: usize = n
            .trim()
            .parse()
            .map_err(|_| "N in K/N must be a whole number")?;
        if count == 0 || index == 0 || index > count {
            return Err(format!("shard {s} is out of range: K must be 1 to N"));
        }
        Ok(Shard { index, count })
    }
}

impl Shard {
    /// The inputs of this shard: every N-th input starting at the K-th, so that shards are
    /// disjoint, together cover the list, and each gets a similar mix of sizes.
    pub fn select(self, inputs: Vec<Input>) -> Vec<Input> {
        inputs
            .into_iter()
            .enumerate()
            .filter(|(i, _)| i % self.count == self.index - 1)
            .map(|(_, input)| input)
            .collect()
    }
}

/// What to export and where.
pub struct Plan {
    /// Inputs in order, with the output path of each edition.
    pub jobs: Vec<(Input, Vec<(Format, PathBuf)>)>,
}

/// Names every output; fails before anything is written if two inputs would write the same
/// file (unless `mirror` keeps the input folders apart under `out_dir`).
pub fn plan(
    inputs: Vec<Input>,
    formats: &[Format],
    out_dir: &Path,
    mirror: bool,
) -> Result<Plan, Error> {
    let mut owners: BTreeMap<PathBuf, Vec<PathBuf>> = BTreeMap::new();
    let mut jobs = Vec::new();
    for input in inputs {
        let stem = input
            .path
            .file_stem()
            .and_then(|s| s.to_str())
            .ok_or_else(|| {
                Error::Usage(format!(
                    "{}: cannot name an output after this file",
                    input.path.display()
                ))
            })?
            .to_string();
        let dir = if mirror {
            out_dir.join(&input.relative_dir)
        } else {
            out_dir.to_path_buf()
        };
        let outputs: Vec<(Format, PathBuf)> = formats
            .iter()
            .map(|f| (*f, dir.join(format!("{stem}.{}", f.extension()))))
            .collect();
        for (_, out) in &outputs {
            owners
                .entry(out.clone())
                .or_default()
                .push(input.path.clone());
        }
        jobs.push((input, outputs));
    }
    let collisions: Vec<String> = owners
        .iter()
        .filter(|(_, inputs)| inputs.len() > 1)
        .map(|(out, inputs)| {
            format!(
                "{} would be written by {}",
                out.display(),
                inputs
                    .iter()
                    .map(|p| p.display().to_string())
                    .collect::<Vec<_>>()
                    .join(" and ")
            )
        })
        .collect();
    if !collisions.is_empty() {
        return Err(Error::Usage(format!(
            "output names collide, nothing was written:\n  {}\n  hint: rename an input, or add --mirror to keep input folders apart under the output directory",
            collisions.join("\n  ")
        )));
    }
    Ok(Plan { jobs })
}

/// One output file in the report.
#[derive(Clone, Debug, Serialize)]
pub struct OutputRecord {
    /// The edition ("pdf").
    pub format: &'static str,
    /// Where it was written.
    pub path: String,
    /// Its size.
    pub bytes: u64,
    /// SHA-256 of its content, hex.
    pub sha256: String,
}

impl OutputRecord {
    /// The record of `bytes` written to `path` as `format`.
    pub fn of(format: Format, path: &Path, bytes: &[u8]) -> OutputRecord {
        OutputRecord {
            format: format.extension(),
            path: path.display().to_string(),
            bytes: bytes.len() as u64,
            sha256: hex(&Sha256::digest(bytes)),
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
}

/// Exports every job of the plan on `jobs` threads; `progress` is called after each input.
pub fn run(
    plan: &Plan,
    style: &Style,
    jobs: usize,
    progress: &(dyn Fn(&InputRecord) + Sync),
) -> Report {
    let started = Instant::now();
    let next = AtomicUsize::new(0);
    let results: Mutex<Vec<Option<InputRecord>>> = Mutex::new(vec![None; plan.jobs.len()]);
    let workers = jobs.clamp(1, plan.jobs.len().max(1));
    std::thread::scope(|scope| {
        for _ in 0..workers {
            scope.spawn(|| loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some((input, outputs)) = plan.jobs.get(i) else {
                    break;
                };
                let record = export_one(input, outputs, style);
                progress(&record);
                if let Ok(mut r) = results.lock() {
                    r[i] = Some(record);
                }
            });
        }
    });
    let inputs: Vec<InputRecord> = results
        .into_inner()
        .unwrap_or_else(|e| e.into_inner())
        .into_iter()
        .flatten()
        .collect();
    let mut totals = Totals {
        inputs: inputs.len(),
        ms: started.elapsed().as_secs_f64() * 1000.0,
        ..Totals::default()
    };
    for r in &inputs {
        if r.status == "ok" {
            totals.ok += 1;
        } else {
            totals.failed += 1;
        }
        totals.outputs += r.outputs.len();
        totals.bytes += r.outputs.iter().map(|o| o.bytes).sum::<u64>();
        totals.warnings += r.warnings.len();
    }
    Report {
        folio: env!("CARGO_PKG_VERSION"),
        inputs,
        totals,
    }
}

/// Reads one input and writes its editions: all or none.
fn export_one(input: &Input, outputs: &[(Format, PathBuf)], style: &Style) -> InputRecord {
    let started = Instant::now();
    let name = input.path.display().to_string();
    let mut record = InputRecord {
        input: name.clone(),
        status: "failed",
        outputs: vec![],
        warnings: vec![],
        errors: vec![],
        ms: 0.0,
        exit_code: 0,
    };
    let result = (|| -> Result<(), Error> {
        let read = crate::read::read_file(&input.path)?;
        record.warnings.extend(read.warnings);
        let mut made = Vec::with_capacity(outputs.len());
        for (format, path) in outputs {
            let out = writers::write(*format, &read.document, style)?;
            record.warnings.extend(
                out.warnings
                    .iter()
                    .map(|w| Diagnostic::of_writer(name.clone(), format.extension(), w)),
            );
            made.push((*format, path, out.bytes));
        }
        for (format, path, bytes) in made {
            refuse_overwriting(path, &input.path)?;
            if let Some(dir) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
                std::fs::create_dir_all(dir)
                    .map_err(|e| Error::Output(format!("cannot create {}: {e}", dir.display())))?;
            }
            write_atomically(path, &bytes)?;
            record.outputs.push(OutputRecord::of(format, path, &bytes));
        }
        Ok(())
    })();
    match result {
        Ok(()) => record.status = "ok",
        Err(e) => {
            record.exit_code = e.exit_code();
            record.errors = match e {
                Error::Invalid(d) | Error::Settings(d) => d,
                Error::Reported(_) => vec![],
                Error::Usage(m) | Error::Output(m) => {
                    vec![Diagnostic::error(Code::OutputFailed, name, m)]
                }
            }
        }
    }
    record.ms = started.elapsed().as_secs_f64() * 1000.0;
    record
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// An output must never replace its input, whatever the names.
pub fn refuse_overwriting(output: &Path, input: &Path) -> Result<(), Error> {
    if let (Ok(o), Ok(i)) = (std::fs::canonicalize(output), std::fs::canonicalize(input)) {
        if o == i {
            return Err(Error::Usage(format!(
                "refusing to overwrite the input {} with an edition",
                output.display()
            )));
        }
    }
    Ok(())
}

/// Writes to a temporary file beside `path`, then renames it: a reader never sees a
/// half-written edition, and a failed write leaves nothing behind.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), Error> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or("output");
    // Unique per process and thread, so parallel workers never share a temporary file.
    let tmp = dir.join(format!(
        ".{name}.{}.{:?}.tmp",
        std::process::id(),
        std::thread::current().id()
    ));
    let result = (|| {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(bytes)?;
        f.flush()?;
        std::fs::rename(&tmp, path)
    })();
    result.map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        Error::Output(format!("cannot write {}: {e}", path.display()))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn inputs(n: usize) -> Vec<Input> {
        (0..n)
            .map(|i| Input {
                path: PathBuf::from(format!("d{i:03}.toml")),
                relative_dir: PathBuf::new(),
            })
            .collect()
    }

    #[test]
    fn shards_are_disjoint_and_cover_the_inputs() {
        for n in 1..7 {
            let mut all: Vec<Input> = Vec::new();
            for k in 1..=n {
                all.extend(Shard { index: k, count: n }.select(inputs(20)));
            }
            all.sort();
            assert_eq!(all, inputs(20), "n = {n}");
        }
        assert!("0/3".parse::<Shard>().is_err());
        assert!("4/3".parse::<Shard>().is_err());
        assert!("x".parse::<Shard>().is_err());
    }

    #[test]
    fn colliding_names_are_refused_unless_mirrored() {
        let two = vec![
            Input {
                path: "a/x.toml".into(),
                relative_dir: "a".into(),
            },
            Input {
                path: "b/x.toml".into(),
                relative_dir: "b".into(),
            },
        ];
        let err = plan(two.clone(), &[Format::Txt], Path::new("out"), false)
            .err()
            .unwrap();
        assert!(
            err.to_string()
                .contains("out/x.txt would be written by a/x.toml and b/x.toml"),
            "{err}"
        );
        let p = plan(two, &[Format::Txt], Path::new("out"), true).unwrap();
        assert_eq!(p.jobs[1].1[0].1, PathBuf::from("out/b/x.txt"));
    }
}
