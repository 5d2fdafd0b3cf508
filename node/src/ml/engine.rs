//! One engine job in one `lineage-ml run-job` process: the SCALE job on its stdin, the SCALE
//! response on its stdout. An engine that cannot be started, crashes or answers garbage is
//! an [`JobFailure::EngineError`], which the chain records like any failure.

use std::{
	io::Write,
	path::{Path, PathBuf},
	process::{Command, Stdio},
};

use codec::{Decode, Encode};
use lineage_primitives::{
	compute::JobFailure,
	ml_jobs::{EngineJob, MlResponse},
};

/// Where and how the engine runs.
#[derive(Clone, Debug)]
pub(crate) struct Engine {
	/// The `lineage-ml` executable.
	pub(crate) executable: PathBuf,
	/// The blob store it reads weights and datasets from, and stores trained weights in.
	pub(crate) store: PathBuf,
	/// Inference backend name.
	pub(crate) device: String,
}

impl Engine {
	/// Runs `job` to its response.
	pub(crate) fn run(&self, job: &EngineJob) -> MlResponse {
		self.run_process(job).unwrap_or_else(|reason| {
			log::warn!(target: "lineage-ml", "engine failed: {reason}");
			Err(JobFailure::EngineError)
		})
	}

	fn run_process(&self, job: &EngineJob) -> Result<MlResponse, String> {
		let mut child = Command::new(&self.executable)
			.arg("run-job")
			.arg("--store")
			.arg(&self.store)
			.arg("--device")
			.arg(&self.device)
			.stdin(Stdio::piped())
			.stdout(Stdio::piped())
			.stderr(Stdio::piped())
			.spawn()
			.map_err(|error| format!("{}: {error}", self.executable.display()))?;
		let mut stdin = child.stdin.take().ok_or("no stdin")?;
		stdin.write_all(&job.encode()).map_err(|error| error.to_string())?;
		drop(stdin);
		let output = child.wait_with_output().map_err(|error| error.to_string())?;
		if !output.status.success() {
			return Err(format!(
				"exit {}: {}",
				output.status,
				String::from_utf8_lossy(&output.stderr).trim()
			));
		}
		MlResponse::decode(&mut output.stdout.as_slice()).map_err(|error| error.to_string())
	}

	/// Runs another `lineage-ml` command with this engine's store (`import`, `seed-demo`),
	/// returning what it printed.
	pub(crate) fn command(&self, args: &[&std::ffi::OsStr]) -> Result<String, String> {
		let output = Command::new(&self.executable)
			.args(args)
			.arg("--store")
			.arg(&self.store)
			.output()
			.map_err(|error| format!("{}: {error}", self.executable.display()))?;
		if !output.status.success() {
			return Err(String::from_utf8_lossy(&output.stderr).trim().to_string());
		}
		Ok(String::from_utf8_lossy(&output.stdout).to_string())
	}

	/// `lineage-ml info`: the engine's version and backends, as JSON.
	pub(crate) fn info(&self) -> Result<String, String> {
		let output = Command::new(&self.executable)
			.arg("info")
			.output()
			.map_err(|error| format!("{}: {error}", self.executable.display()))?;
		if !output.status.success() {
			return Err(String::from_utf8_lossy(&output.stderr).trim().to_string());
		}
		Ok(String::from_utf8_lossy(&output.stdout).to_string())
	}

	/// The store's directory.
	pub(crate) fn store(&self) -> &Path {
		&self.store
	}
}
