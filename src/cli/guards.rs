//! The guards of a batch run that are not about one input: the report may replace neither
//! an input nor an edition of the run, and what an interrupted run left behind is removed.

use crate::batch::Plan;
use crate::diag::Error;
use crate::files::same_file;
use std::path::Path;

/// The report goes through the guards of the editions: it may replace neither an input nor
/// an output of the same run (`-`, standard output, replaces nothing).
pub fn refuse_report_path(report: &Path, plan: &Plan) -> Result<(), Error> {
    if report.as_os_str() == "-" {
        return Ok(());
    }
    let refuse = |what: &str| {
        Err(Error::Usage(format!(
            "--report {} names {what}; nothing was written\n  hint: write the report elsewhere, as in --report report.json",
            report.display()
        )))
    };
    for (input, outputs) in &plan.jobs {
        if same_file(report, &input.path) {
            return refuse("an input of this run");
        }
        for (_, out) in outputs {
            if out == report || same_file(report, out) || same_place(report, out) {
                return refuse("an edition this run writes");
            }
        }
    }
    Ok(())
}

/// Whether two paths, of which neither need exist yet, name the same place: the same file
/// name in the same (canonical) folder.
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
pub fn remove_stale_temporaries(plan: &Plan, quiet: bool) {
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
