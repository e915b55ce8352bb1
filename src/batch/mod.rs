//! Batch export: many transcriptions to many editions, in parallel, with a report.
//!
//! The plan is made before anything is written: inputs expanded (directories recursed),
//! sorted, sharded, and output names checked for collisions. Each input is then read and
//! all its editions made in memory; only when every edition succeeded are they written, each
//! to a temporary file renamed into place. One bad input stops nothing else.

use crate::diag::{Code, Diagnostic, Error};
use crate::files::{refuse_overwriting, FileSet};
use crate::style::Style;
use crate::writers::{self, Format};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;
use std::time::Instant;

mod report;
pub use report::{InputRecord, OutputRecord, Report, ReportWriter, Totals};

/// File names that are never transcriptions, even with a .toml extension: volume manifests,
/// style files, registers of persons and places and TEI mapping files, which may sit beside
/// the transcriptions.
pub fn is_auxiliary(path: &Path) -> bool {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
    name.ends_with(".volume.toml")
        || name.ends_with(".style.toml")
        || name.ends_with(".register.toml")
        || name.ends_with(".register.json")
        || name == crate::tei::mapping::FILE_NAME
        || name.ends_with(".tei.xml")
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

/// Whether a file is hidden or a temporary (an editor's backup, folio's own temporaries):
/// never a transcription to export.
fn is_hidden_or_temporary(path: &Path) -> bool {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
    name.starts_with('.')
        || name.ends_with('~')
        || name.starts_with('#')
        || [".tmp", ".swp", ".bak", ".part"]
            .iter()
            .any(|s| name.ends_with(s))
}

/// Expands files and directories into transcription inputs, sorted by path, with warnings
/// (symlink loops) for the run to print. Folders are searched recursively; a symlinked
/// folder is followed once (folders are told apart by device and inode), so a loop ends the
/// descent with a warning; hidden and temporary files and folders are skipped.
pub fn expand_inputs(args: &[PathBuf]) -> Result<(Vec<Input>, Vec<Diagnostic>), Error> {
    let mut inputs = Vec::new();
    let mut warnings = Vec::new();
    let mut visited = std::collections::HashSet::new();
    for arg in args {
        if arg.is_dir() {
            let mut stack = vec![arg.clone()];
            while let Some(dir) = stack.pop() {
                let cannot = |e: std::io::Error| {
                    Error::Output(format!("cannot read the folder {}: {e}", dir.display()))
                };
                if !visited.insert(folder_identity(&dir).map_err(cannot)?) {
                    if dir
                        .symlink_metadata()
                        .is_ok_and(|m| m.file_type().is_symlink())
                    {
                        warnings.push(
                            Diagnostic::warning(
                                Code::LinkLoop,
                                dir.display().to_string(),
                                format!(
                                    "this link leads to a folder already searched ({}); not followed again",
                                    std::fs::canonicalize(&dir).unwrap_or_default().display()
                                ),
                            )
                            .hint("a link back up the tree makes a loop; the documents under it are exported once"),
                        );
                    }
                    continue;
                }
                let mut entries = Vec::new();
                for entry in std::fs::read_dir(&dir).map_err(cannot)? {
                    entries.push(entry.map_err(cannot)?.path());
                }
                for path in entries {
                    if is_hidden_or_temporary(&path) {
                        continue;
                    }
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
    Ok((inputs, warnings))
}

/// What tells folders apart whatever the path to them: device and inode where the system
/// has them, the canonical path elsewhere.
fn folder_identity(dir: &Path) -> std::io::Result<(u64, u64, PathBuf)> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        let m = std::fs::metadata(dir)?;
        Ok((m.dev(), m.ino(), PathBuf::new()))
    }
    #[cfg(not(unix))]
    {
        Ok((0, 0, std::fs::canonicalize(dir)?))
    }
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

/// What a batch leaves once every record has gone to its reader.
pub struct Outcome {
    /// Totals over the inputs done.
    pub totals: Totals,
    /// The records of the inputs that failed, in input order: their errors are printed at
    /// the end, and the worst decides the exit code.
    pub failed: Vec<InputRecord>,
    /// The signal that stopped the batch before every input was done, if any.
    pub stopped_by: Option<&'static str>,
}

/// Exports every job of the plan on `jobs` threads. `progress` is called after each input,
/// as it finishes; `each` is given every input's record in input order, as soon as that
/// input and all before it are done (at most a few wait: the inputs are taken in order).
/// Each output's SHA-256 is computed only if `digests` (a report will be written).
pub fn run(
    plan: &Plan,
    style: &Style,
    jobs: usize,
    digests: bool,
    progress: &(dyn Fn(&InputRecord) + Sync),
    each: &mut (dyn FnMut(&InputRecord) + Send),
) -> Outcome {
    let started = Instant::now();
    let next = AtomicUsize::new(0);
    let in_order = Mutex::new(InOrder {
        next: 0,
        waiting: BTreeMap::new(),
        each,
        totals: Totals::default(),
        failed: Vec::new(),
    });
    let workers = jobs.clamp(1, plan.jobs.len().max(1));
    let work = || loop {
        // A stop request (SIGINT, SIGTERM) lets the documents being written finish and
        // starts no other.
        if crate::guard::stop_requested().is_some() {
            break;
        }
        let i = next.fetch_add(1, Ordering::Relaxed);
        let Some((input, outputs)) = plan.jobs.get(i) else {
            break;
        };
        let record = export_one(input, outputs, style, digests);
        progress(&record);
        in_order
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .arrive(i, record);
    };
    std::thread::scope(|scope| {
        let spawned = (0..workers)
            .filter(|_| {
                std::thread::Builder::new()
                    .name("folio-worker".into())
                    .stack_size(crate::guard::STACK_SIZE)
                    .spawn_scoped(scope, work)
                    .is_ok()
            })
            .count();
        // Without any worker thread (the system refused them all), work here.
        if spawned == 0 {
            work();
        }
    });
    let (mut totals, failed) = in_order
        .into_inner()
        .unwrap_or_else(|e| e.into_inner())
        .finish();
    totals.ms = started.elapsed().as_secs_f64() * 1000.0;
    totals.not_started = plan.jobs.len() - totals.inputs;
    Outcome {
        totals,
        failed,
        stopped_by: crate::guard::stop_requested().map(|code| match code {
            130 => "SIGINT",
            143 => "SIGTERM",
            _ => "a signal",
        }),
    }
}

/// The records of a batch put back in input order as they finish, each handed over and
/// counted as soon as every record before it has been.
struct InOrder<'a> {
    /// The input whose record is handed over next.
    next: usize,
    /// Records done before one ahead of them.
    waiting: BTreeMap<usize, InputRecord>,
    each: &'a mut (dyn FnMut(&InputRecord) + Send),
    totals: Totals,
    failed: Vec<InputRecord>,
}

impl InOrder<'_> {
    fn arrive(&mut self, i: usize, record: InputRecord) {
        self.waiting.insert(i, record);
        while let Some(record) = self.waiting.remove(&self.next) {
            self.hand_over(record);
            self.next += 1;
        }
    }

    fn hand_over(&mut self, record: InputRecord) {
        (self.each)(&record);
        let totals = &mut self.totals;
        totals.inputs += 1;
        totals.outputs += record.outputs.len();
        totals.bytes += record.outputs.iter().map(|o| o.bytes).sum::<u64>();
        totals.warnings += record.warnings.len();
        totals.tei_unmapped += record
            .warnings
            .iter()
            .filter(|w| w.message.starts_with("TEI: "))
            .count();
        if record.status == "ok" {
            totals.ok += 1;
        } else {
            totals.failed += 1;
            self.failed.push(record);
        }
    }

    /// The totals and the failures, once any record still waiting is handed over (none
    /// should be: the inputs are taken in order, and each taken one is finished).
    fn finish(mut self) -> (Totals, Vec<InputRecord>) {
        for (_, record) in std::mem::take(&mut self.waiting) {
            self.hand_over(record);
        }
        (self.totals, self.failed)
    }
}

/// Reads one input and writes its editions: all or none. A panic while doing so becomes
/// this input's error.
fn export_one(
    input: &Input,
    outputs: &[(Format, PathBuf)],
    style: &Style,
    digests: bool,
) -> InputRecord {
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
    let result = crate::guard::catch(&name, || -> Result<(), Error> {
        let mut read = crate::read::read_file(&input.path)?;
        writers::release_unused(&mut read.document, style);
        record.warnings.extend(read.warnings);
        let mut files = FileSet::new();
        let mut written = Vec::with_capacity(outputs.len());
        for (format, path) in outputs {
            let out = writers::write(*format, &read.document, style).map_err(|e| match e {
                // A writer knows the file by its name; the report names it as given.
                Error::Invalid(mut d) => {
                    d.iter_mut().for_each(|d| d.file.clone_from(&name));
                    Error::Invalid(d)
                }
                e => e,
            })?;
            record.warnings.extend(
                out.warnings
                    .iter()
                    .map(|w| Diagnostic::of_writer(name.clone(), format.extension(), w)),
            );
            refuse_overwriting(path, &input.path)?;
            files.stage(path, &out.bytes)?;
            written.push(OutputRecord::of(*format, path, &out.bytes, digests));
        }
        files.commit()?;
        record.outputs = written;
        Ok(())
    });
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
