//! Which burn backend runs a model. Model code never names one: the backend is the
//! [`Device`], chosen here, at the edge, from the features this build has.
//!
//! - `flex` (always): burn's pure-Rust CPU backend, the reference for training hashes.
//! - `wgpu` (feature `wgpu` or `vulkan`): Vulkan, Metal or DX12 through wgpu.
//! - `cuda` (feature `cuda`): NVIDIA GPUs.

use burn::prelude::Device;

use crate::error::EngineError;

/// A backend the engine can run on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub enum Backend {
	/// burn-flex on the CPU.
	Flex,
	/// wgpu's default adapter.
	Wgpu,
	/// The first CUDA device.
	Cuda,
}

impl Backend {
	/// Every backend, with whether this build includes it.
	pub const ALL: [Backend; 3] = [Backend::Flex, Backend::Wgpu, Backend::Cuda];

	/// The backend's name on the command line and in attestations.
	pub fn name(self) -> &'static str {
		match self {
			Self::Flex => "flex",
			Self::Wgpu => "wgpu",
			Self::Cuda => "cuda",
		}
	}

	/// The backend called `name`.
	pub fn from_name(name: &str) -> Option<Self> {
		Self::ALL.into_iter().find(|backend| backend.name() == name)
	}

	/// Whether this build can run it.
	pub fn is_built(self) -> bool {
		match self {
			Self::Flex => true,
			Self::Wgpu => cfg!(feature = "wgpu"),
			Self::Cuda => cfg!(feature = "cuda"),
		}
	}

	/// The device to build models on.
	pub fn device(self) -> Result<Device, EngineError> {
		match self {
			Self::Flex => Ok(Device::flex()),
			#[cfg(feature = "wgpu")]
			Self::Wgpu => Ok(Device::wgpu(burn::prelude::DeviceKind::DefaultDevice)),
			#[cfg(feature = "cuda")]
			Self::Cuda => Ok(Device::cuda(0)),
			#[allow(unreachable_patterns, reason = "reached only in builds without that backend")]
			other => Err(EngineError::BackendNotBuilt(other.name())),
		}
	}
}
