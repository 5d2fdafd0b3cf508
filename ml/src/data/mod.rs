//! Datasets in memory: samples as `f32` features with class labels or regression targets,
//! loaded from CSV ([`csv`]) or the binary format ([`binary`]), hashed into the Merkle root
//! the datasets pallet records ([`Dataset::merkle_root`]), split and combined
//! deterministically for training.

pub mod binary;
pub mod csv;

use lineage_primitives::{
	merkle::MerkleRoot,
	models::{ModelSpec, Task},
};
use sp_core::H256;

use crate::error::DataError;

/// What a dataset's samples are labelled with.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Targets {
	/// One class index per sample.
	Class,
	/// This many real values per sample.
	Values(usize),
}

impl Targets {
	/// What a model with `spec` is trained on.
	pub fn for_spec(spec: &ModelSpec) -> Self {
		match spec.task {
			Task::Classification => Self::Class,
			Task::Regression => Self::Values(spec.outputs as usize),
		}
	}

	/// Values per sample in the targets.
	pub fn width(self) -> usize {
		match self {
			Self::Class => 1,
			Self::Values(n) => n,
		}
	}
}

/// Samples with `features` values each and their targets, in file order.
#[derive(Clone, Debug, PartialEq)]
pub struct Dataset {
	features: usize,
	targets: Targets,
	/// `len × features` values, sample-major.
	inputs: Vec<f32>,
	/// `len × targets.width()` values; class indices are stored exactly as `f32`.
	outputs: Vec<f32>,
}

/// Largest class index a label may have: every smaller integer is exact in `f32`.
pub const MAX_CLASS: u32 = 1 << 24;

impl Dataset {
	/// An empty dataset of this layout.
	pub fn new(features: usize, targets: Targets) -> Result<Self, DataError> {
		if features == 0 || targets.width() == 0 {
			return Err(DataError::EmptyLayout);
		}
		Ok(Self { features, targets, inputs: Vec::new(), outputs: Vec::new() })
	}

	/// Appends one sample. Values must be finite; a class label must be a whole number in
	/// `0..=MAX_CLASS`.
	pub fn push(&mut self, inputs: &[f32], outputs: &[f32]) -> Result<(), DataError> {
		let sample = self.len();
		if inputs.len() != self.features || outputs.len() != self.targets.width() {
			return Err(DataError::WrongWidth {
				sample,
				expected: self.features.saturating_add(self.targets.width()),
				found: inputs.len().saturating_add(outputs.len()),
			});
		}
		if inputs.iter().chain(outputs).any(|v| !v.is_finite()) {
			return Err(DataError::NotFinite { sample });
		}
		if self.targets == Targets::Class {
			let label = outputs.first().copied().unwrap_or(-1.0);
			if label < 0.0 || label > MAX_CLASS as f32 || label.fract() != 0.0 {
				return Err(DataError::BadLabel { sample, label });
			}
		}
		self.inputs.extend_from_slice(inputs);
		self.outputs.extend_from_slice(outputs);
		Ok(())
	}

	/// Samples.
	pub fn len(&self) -> usize {
		self.inputs.len().checked_div(self.features).unwrap_or(0)
	}

	/// Whether there are no samples.
	pub fn is_empty(&self) -> bool {
		self.inputs.is_empty()
	}

	/// Values per sample.
	pub fn features(&self) -> usize {
		self.features
	}

	/// What samples are labelled with.
	pub fn targets(&self) -> Targets {
		self.targets
	}

	/// All inputs, sample-major.
	pub fn inputs(&self) -> &[f32] {
		&self.inputs
	}

	/// All targets, sample-major.
	pub fn outputs(&self) -> &[f32] {
		&self.outputs
	}

	/// Sample `index`'s inputs and targets.
	pub fn sample(&self, index: usize) -> Option<(&[f32], &[f32])> {
		let width = self.targets.width();
		let inputs = self.inputs.chunks_exact(self.features).nth(index)?;
		let outputs = self.outputs.chunks_exact(width).nth(index)?;
		Some((inputs, outputs))
	}

	/// Checks that this dataset can train or evaluate a model with `spec`: same feature count,
	/// same kind of targets, and every class label below the model's class count.
	pub fn check_fits(&self, spec: &ModelSpec) -> Result<(), DataError> {
		let expected = usize::try_from(spec.input.len()).unwrap_or(usize::MAX);
		if self.features != expected {
			return Err(DataError::SpecMismatch {
				what: "features per sample",
				spec: expected,
				data: self.features,
			});
		}
		let targets = Targets::for_spec(spec);
		if self.targets != targets {
			return Err(DataError::SpecMismatch {
				what: "targets per sample",
				spec: targets.width(),
				data: self.targets.width(),
			});
		}
		if targets == Targets::Class {
			let classes = spec.outputs as f32;
			if let Some(sample) = self.outputs.iter().position(|label| *label >= classes) {
				let label = self.outputs.get(sample).copied().unwrap_or_default();
				return Err(DataError::BadLabel { sample, label });
			}
		}
		Ok(())
	}

	/// The canonical bytes of sample `index`: its features as little-endian `f32`, then its
	/// class as a little-endian `u32` or its targets as little-endian `f32`. The same bytes
	/// as the sample's record in the [`binary`] format, so a file's root does not depend on
	/// whether it was CSV or binary.
	pub fn item_bytes(&self, index: usize) -> Option<Vec<u8>> {
		let (inputs, outputs) = self.sample(index)?;
		let mut bytes = Vec::with_capacity((inputs.len().saturating_add(outputs.len())) * 4);
		for value in inputs {
			bytes.extend_from_slice(&value.to_le_bytes());
		}
		match self.targets {
			// Labels were checked to be whole numbers in `0..=MAX_CLASS`.
			Targets::Class => {
				let label = outputs.first().copied().unwrap_or_default() as u32;
				bytes.extend_from_slice(&label.to_le_bytes());
			},
			Targets::Values(_) => {
				for value in outputs {
					bytes.extend_from_slice(&value.to_le_bytes());
				}
			},
		}
		Some(bytes)
	}

	/// The Merkle root of the samples' canonical bytes, as `pallet-datasets` records it for a
	/// version holding exactly these samples, in this order.
	pub fn merkle_root(&self) -> H256 {
		let mut root = MerkleRoot::new();
		for index in 0..self.len() {
			if let Some(bytes) = self.item_bytes(index) {
				root.push_item(&bytes);
			}
		}
		root.root()
	}

	/// The samples at `indices`, in that order.
	pub fn select(&self, indices: &[usize]) -> Self {
		let mut selected = Self {
			features: self.features,
			targets: self.targets,
			inputs: Vec::with_capacity(indices.len().saturating_mul(self.features)),
			outputs: Vec::with_capacity(indices.len().saturating_mul(self.targets.width())),
		};
		for &index in indices {
			if let Some((inputs, outputs)) = self.sample(index) {
				selected.inputs.extend_from_slice(inputs);
				selected.outputs.extend_from_slice(outputs);
			}
		}
		selected
	}

	/// Appends every sample of `other`, which must have the same layout.
	pub fn extend(&mut self, other: &Self) -> Result<(), DataError> {
		if other.features != self.features || other.targets != self.targets {
			return Err(DataError::LayoutMismatch);
		}
		self.inputs.extend_from_slice(&other.inputs);
		self.outputs.extend_from_slice(&other.outputs);
		Ok(())
	}
}
