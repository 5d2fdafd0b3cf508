//! The `lineage-ml` command line, run as a process on real files: train → hash → infer →
//! eval → import, and clear errors for bad files and specs.

#![allow(
	clippy::arithmetic_side_effects,
	clippy::unwrap_used,
	clippy::expect_used,
	clippy::indexing_slicing,
	reason = "a test that cannot unwrap or index must fail"
)]

mod common;

use std::{fs, path::Path, process::Command};

use common::crate_file;

fn lineage_ml(args: &[&str]) -> (bool, String, String) {
	let output = Command::new(env!("CARGO_BIN_EXE_lineage-ml")).args(args).output().unwrap();
	(
		output.status.success(),
		String::from_utf8_lossy(&output.stdout).into_owned(),
		String::from_utf8_lossy(&output.stderr).into_owned(),
	)
}

fn path(p: &Path) -> &str {
	p.to_str().unwrap()
}

#[test]
fn train_hash_infer_eval_and_import() {
	let dir = tempfile::tempdir().unwrap();
	let spec = crate_file("specs/digits-mlp.json");
	let data = crate_file("data/digits.csv");
	let weights = dir.path().join("weights.bpk");
	let report = dir.path().join("report.json");
	let store = dir.path().join("blobs");
	let (ok, out, err) = lineage_ml(&[
		"train",
		"--spec",
		path(&spec),
		"--data",
		path(&data),
		"--out",
		path(&weights),
		"--report",
		path(&report),
		"--store",
		path(&store),
		"--epochs",
		"3",
		"--seed",
		"7",
	]);
	assert!(ok, "{err}");
	assert!(out.contains("epoch   3"), "{out}");
	assert!(out.contains("held-out accuracy"), "{out}");
	let bytes = fs::read(&weights).unwrap();
	let hash = lineage_ml::blob::hex_of(lineage_ml::hash::blake2_256(&bytes));
	assert!(out.contains(&hash), "{out}");
	let report: serde_json::Value =
		serde_json::from_str(&fs::read_to_string(&report).unwrap()).unwrap();
	assert_eq!(report["outcome"]["epochs"].as_array().unwrap().len(), 3);
	assert_eq!(report["outcome"]["weightsHash"], format!("0x{hash}"));

	let (ok, out, _) = lineage_ml(&["hash", path(&weights)]);
	assert!(ok);
	assert_eq!(out.trim(), format!("blake2-256 0x{hash}"));
	let (ok, out, _) = lineage_ml(&["hash", path(&data), "--spec", path(&spec)]);
	assert!(ok);
	assert!(out.contains("items 1797"), "{out}");

	// Inference from the store by hash, on the first five digits (labels ignored).
	let samples = dir.path().join("samples.csv");
	let five: Vec<&str> = include_str!("../data/digits.csv").lines().take(5).collect();
	fs::write(&samples, five.join("\n")).unwrap();
	let (ok, out, err) = lineage_ml(&[
		"infer",
		"--spec",
		path(&spec),
		"--weights",
		&format!("0x{hash}"),
		"--store",
		path(&store),
		"--input",
		path(&samples),
	]);
	assert!(ok, "{err}");
	assert_eq!(out.lines().count(), 5);
	assert!(out.lines().all(|line| line.starts_with('[') && line.contains(" class ")), "{out}");

	let (ok, out, err) = lineage_ml(&[
		"eval",
		"--spec",
		path(&spec),
		"--weights",
		path(&weights),
		"--data",
		path(&data),
	]);
	assert!(ok, "{err}");
	assert!(out.starts_with("accuracy: 0.") && out.contains("on 1797 samples"), "{out}");

	let other = dir.path().join("other-store");
	let (ok, out, err) = lineage_ml(&[
		"import",
		&format!("file://{}", path(&weights)),
		"--store",
		path(&other),
		"--expect",
		&format!("0x{hash}"),
	]);
	assert!(ok, "{err}");
	assert!(out.starts_with(&format!("0x{hash}")), "{out}");
}

#[test]
fn bad_files_and_specs_get_clear_errors() {
	let dir = tempfile::tempdir().unwrap();
	let spec = crate_file("specs/digits-mlp.json");
	let out = dir.path().join("w.bpk");

	let bad_data = dir.path().join("bad.csv");
	fs::write(&bad_data, "1,2,3\n").unwrap();
	let (ok, _, err) = lineage_ml(&[
		"train",
		"--spec",
		path(&spec),
		"--data",
		path(&bad_data),
		"--out",
		path(&out),
	]);
	assert!(!ok);
	assert!(err.contains("bad.csv") && err.contains("65"), "{err}");

	let bad_spec = dir.path().join("spec.json");
	fs::write(&bad_spec, r#"{"input":{"features":{"features":4}},"architecture":{"mlp":{"hidden":[],"activation":"relu","dropout":0}},"outputs":1,"task":"classification","outputScale":256}"#).unwrap();
	let (ok, _, err) = lineage_ml(&[
		"train",
		"--spec",
		path(&bad_spec),
		"--data",
		path(&bad_data),
		"--out",
		path(&out),
	]);
	assert!(!ok);
	assert!(err.contains("invalid model spec") && err.contains("TooFewClasses"), "{err}");

	fs::write(&bad_spec, "not json").unwrap();
	let (ok, _, err) =
		lineage_ml(&["infer", "--spec", path(&bad_spec), "--weights", "w", "--input", "i"]);
	assert!(!ok);
	assert!(err.contains("not a model spec"), "{err}");

	let (ok, _, err) = lineage_ml(&[
		"train",
		"--spec",
		path(&spec),
		"--data",
		path(&crate_file("data/digits.csv")),
		"--out",
		path(&out),
		"--device",
		"tpu",
	]);
	assert!(!ok);
	assert!(err.contains("unknown device"), "{err}");
	assert!(!out.exists(), "nothing written on failure");
}
