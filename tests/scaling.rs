//! docs/scaling.md's commands run: Slurm array tasks, Kubernetes indexes and GNU parallel,
//! each sharding a collection, and the merged reports cover every input exactly once.

mod common;
use common::*;

#[test]
fn the_scaling_recipes_run_and_shards_cover_the_inputs() {
    let out = std::process::Command::new("bash")
        .arg(root().join("scripts/check-scaling.sh"))
        .arg(env!("CARGO_BIN_EXE_folio"))
        .output()
        .expect("bash runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "check-scaling.sh failed:\n{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    for recipe in ["slurm", "k8s", "parallel"] {
        let line = stdout
            .lines()
            .find(|l| l.starts_with(&format!("{recipe}: ")))
            .unwrap_or_else(|| panic!("no {recipe} line: {stdout}"));
        assert!(
            line.ends_with("inputs in shards, each exactly once"),
            "{line}"
        );
    }
}
