//! Writing output files safely: all of an input's editions or none, never through a planted
//! symlink, never over an input, never a half-written file under the final name, and no
//! temporary left behind, even after a crash (the next run removes stale ones).
//!
//! Each file is first written to a temporary file created beside its target by the
//! `tempfile` crate (an unpredictable name, `O_EXCL`, so a planted symlink or file is never
//! opened), fsynced, and only when every file of the set is complete renamed into place; the
//! folders are fsynced after the renames so the new names survive a power loss.

use crate::diag::Error;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

/// The prefix of every temporary file folio creates; [`remove_stale_temporaries`] looks for it.
const TEMP_PREFIX: &str = ".folio-";
/// The suffix of every temporary file folio creates.
const TEMP_SUFFIX: &str = ".tmp";
/// A temporary file older than this is stale even if its process may still run: no edition
/// takes an hour to write once made in memory.
const STALE_AGE: Duration = Duration::from_secs(3600);

/// The folder a path's file goes in ("." for a bare name).
fn folder_of(path: &Path) -> &Path {
    path.parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
}

/// Creates the folder `path` goes in, if missing.
fn make_folder_of(path: &Path) -> Result<(), Error> {
    let dir = folder_of(path);
    std::fs::create_dir_all(dir)
        .map_err(|e| Error::Output(format!("cannot create {}: {e}", dir.display())))
}

/// A fresh temporary file in `path`'s folder, named so [`remove_stale_temporaries`] knows it.
/// It is created readable by all as the umask allows (0644 under the usual 022), as any
/// file a program writes: `tempfile`'s own default, owner-only, would carry over to the
/// edition when it is renamed into place.
fn temporary_beside(path: &Path) -> std::io::Result<tempfile::NamedTempFile> {
    let prefix = format!("{TEMP_PREFIX}{}-", std::process::id());
    let mut builder = tempfile::Builder::new();
    builder.prefix(&prefix).suffix(TEMP_SUFFIX);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o666));
    }
    builder.tempfile_in(folder_of(path))
}

/// Files being written together: none is visible under its final name until all are
/// complete, and if any fails, none of the set remains.
#[derive(Default)]
pub struct FileSet {
    staged: Vec<(tempfile::NamedTempFile, PathBuf)>,
}

impl FileSet {
    /// An empty set.
    pub fn new() -> FileSet {
        FileSet::default()
    }

    /// Writes `bytes` to a fresh temporary file beside `path` and fsyncs it; the folder is
    /// created if missing. Nothing appears under `path` until [`FileSet::commit`].
    pub fn stage(&mut self, path: &Path, bytes: &[u8]) -> Result<(), Error> {
        make_folder_of(path)?;
        let fail =
            |e: std::io::Error| Error::Output(format!("cannot write {}: {e}", path.display()));
        let mut tmp = temporary_beside(path).map_err(fail)?;
        tmp.write_all(bytes).map_err(fail)?;
        tmp.as_file().sync_all().map_err(fail)?;
        self.staged.push((tmp, path.to_path_buf()));
        Ok(())
    }

    /// Renames every staged file into place, then fsyncs their folders. If a rename fails,
    /// the files of the set already renamed are removed again, so the set stays all or none.
    pub fn commit(self) -> Result<(), Error> {
        let mut done: Vec<PathBuf> = Vec::new();
        let mut folders: Vec<PathBuf> = Vec::new();
        for (tmp, path) in self.staged {
            if let Err(e) = tmp.persist(&path) {
                for p in &done {
                    let _ = std::fs::remove_file(p);
                }
                return Err(Error::Output(format!(
                    "cannot write {}: {}",
                    path.display(),
                    e.error
                )));
            }
            let folder = folder_of(&path).to_path_buf();
            if !folders.contains(&folder) {
                folders.push(folder);
            }
            done.push(path);
        }
        for folder in folders {
            sync_folder(&folder);
        }
        Ok(())
    }
}

/// A file written piece by piece (a batch's report, as its records come) that appears under
/// its name only when complete: a temporary file beside it, like [`FileSet::stage`]'s, fsynced
/// and renamed by [`Streamed::commit`]. Dropped uncommitted, it leaves nothing.
pub struct Streamed {
    tmp: std::io::BufWriter<tempfile::NamedTempFile>,
    path: PathBuf,
}

impl Streamed {
    /// Starts the file `path`, creating its folder if missing (a report may go in the
    /// output folder the batch has not made yet).
    pub fn create(path: &Path) -> Result<Streamed, Error> {
        make_folder_of(path)?;
        let tmp = temporary_beside(path)
            .map_err(|e| Error::Output(format!("cannot write {}: {e}", path.display())))?;
        Ok(Streamed {
            tmp: std::io::BufWriter::with_capacity(64 * 1024, tmp),
            path: path.to_path_buf(),
        })
    }

    /// Flushes and fsyncs what was written and renames it into place.
    pub fn commit(self) -> Result<(), Error> {
        let fail =
            |e: std::io::Error| Error::Output(format!("cannot write {}: {e}", self.path.display()));
        let tmp = self.tmp.into_inner().map_err(|e| fail(e.into_error()))?;
        tmp.as_file().sync_all().map_err(fail)?;
        tmp.persist(&self.path).map_err(|e| fail(e.error))?;
        sync_folder(folder_of(&self.path));
        Ok(())
    }
}

impl Write for Streamed {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.tmp.write(buf)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.tmp.flush()
    }
}

/// Fsyncs a folder so that renames in it are durable. Not every system can open a folder
/// (Windows cannot); there the rename itself is all that can be done.
fn sync_folder(dir: &Path) {
    if let Ok(f) = std::fs::File::open(dir) {
        let _ = f.sync_all();
    }
}

/// Writes one file atomically: a reader never sees it half-written, and a failed write
/// leaves nothing behind.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), Error> {
    let mut set = FileSet::new();
    set.stage(path, bytes)?;
    set.commit()
}

/// Whether two paths name the same file (both must exist).
pub fn same_file(a: &Path, b: &Path) -> bool {
    match (std::fs::canonicalize(a), std::fs::canonicalize(b)) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}

/// An output must never replace its input, whatever the names (links included).
pub fn refuse_overwriting(output: &Path, input: &Path) -> Result<(), Error> {
    if same_file(output, input) {
        return Err(Error::Usage(format!(
            "refusing to overwrite the input {} with an edition",
            output.display()
        )));
    }
    Ok(())
}

/// Removes folio temporaries left in `dir` by a run that was killed: files named like
/// folio's temporaries whose process is gone (where the system tells) or which are older
/// than an hour. Returns the names removed, for the run to say so.
pub fn remove_stale_temporaries(dir: &Path) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return vec![];
    };
    let mut removed = Vec::new();
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(name) = name.to_str() else { continue };
        let Some(pid) = temp_owner(name) else {
            continue;
        };
        let Ok(meta) = entry.path().symlink_metadata() else {
            continue;
        };
        if !meta.is_file() {
            continue;
        }
        let old = meta
            .modified()
            .ok()
            .and_then(|m| SystemTime::now().duration_since(m).ok())
            .is_some_and(|age| age > STALE_AGE);
        if (old || !process_alive(pid)) && std::fs::remove_file(entry.path()).is_ok() {
            removed.push(entry.path());
        }
    }
    removed.sort();
    removed
}

/// The process id in a folio temporary's name (`.folio-PID-RANDOM.tmp`), if it is one.
fn temp_owner(name: &str) -> Option<u32> {
    let rest = name.strip_prefix(TEMP_PREFIX)?.strip_suffix(TEMP_SUFFIX)?;
    let (pid, random) = rest.split_once('-')?;
    (!random.is_empty()).then_some(())?;
    pid.parse().ok()
}

/// Whether a process runs, where the system can tell (Linux's /proc); elsewhere a process
/// is assumed alive and only age makes its temporaries stale.
fn process_alive(pid: u32) -> bool {
    if pid == std::process::id() {
        return true;
    }
    let proc = Path::new("/proc");
    !proc.join("self").exists() || proc.join(pid.to_string()).exists()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Editions and reports get the mode any program's new file gets (0666 less the umask),
    /// not the owner-only mode of the temporary they were written as.
    #[cfg(target_os = "linux")]
    #[test]
    fn written_files_are_as_readable_as_the_umask_allows() {
        use std::os::unix::fs::PermissionsExt;
        let status = std::fs::read_to_string("/proc/self/status").unwrap();
        let umask = status
            .lines()
            .find_map(|l| l.strip_prefix("Umask:"))
            .map(|v| u32::from_str_radix(v.trim(), 8).unwrap())
            .unwrap();
        let dir = tempfile::tempdir().unwrap();
        let edition = dir.path().join("letter.pdf");
        write_atomically(&edition, b"%PDF").unwrap();
        let report = dir.path().join("report.json");
        let mut streamed = Streamed::create(&report).unwrap();
        streamed.write_all(b"{}").unwrap();
        streamed.commit().unwrap();
        for path in [edition, report] {
            let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
            assert_eq!(mode, 0o666 & !umask, "{}", path.display());
        }
        assert_eq!(
            std::fs::read_dir(dir.path()).unwrap().count(),
            2,
            "no temporary left"
        );
    }

    #[test]
    fn temporaries_are_recognised_by_name() {
        assert_eq!(temp_owner(".folio-123-abC9.tmp"), Some(123));
        assert_eq!(temp_owner(".folio-123-.tmp"), None);
        assert_eq!(temp_owner("folio-123-ab.tmp"), None);
        assert_eq!(temp_owner(".folio-x-ab.tmp"), None);
    }

    #[test]
    fn a_planted_file_is_never_written_through() {
        let dir = tempfile::tempdir().unwrap();
        let victim = dir.path().join("victim");
        std::fs::write(&victim, "keep").unwrap();
        let target = dir.path().join("x.txt");
        #[cfg(unix)]
        std::os::unix::fs::symlink(&victim, &target).unwrap();
        write_atomically(&target, b"new").unwrap();
        assert_eq!(std::fs::read_to_string(&victim).unwrap(), "keep");
        assert_eq!(std::fs::read_to_string(&target).unwrap(), "new");
    }
}
