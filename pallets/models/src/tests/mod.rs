//! Unit tests on the mock runtime, one file per concern. Each test runs through
//! [`run_test`](crate::mock::run_test), which checks the pallet's invariants afterwards.

#![allow(
	clippy::arithmetic_side_effects,
	clippy::indexing_slicing,
	clippy::unwrap_used,
	reason = "tests fail loudly by design"
)]

mod genesis;
mod governance;
mod lineage;
mod owner;
mod register;
mod storage_version;
mod versions;

use frame_support::{pallet_prelude::DispatchResult, traits::fungible::InspectHold};
use lineage_primitives::{
	datasets::License,
	models::{
		Activation, Architecture, DatasetUse, InputShape, ModelId, ModelLicense, ModelSpec,
		RoyaltySplit, Task,
	},
};
use sp_core::H256;
use sp_runtime::{BoundedVec, Perbill, Permill};

use crate::{mock::*, HoldReason};

/// Makes version 0 of `dataset` exist with a licence allowing everything.
pub(crate) fn open_dataset(dataset: u32) {
	MockDatasets::add(
		dataset,
		0,
		License { training_allowed: true, commercial_use_allowed: true, training_fee: 0 },
	);
}

pub(crate) fn mlp() -> ModelSpec {
	ModelSpec {
		input: InputShape::Image { channels: 1, height: 8, width: 8 },
		architecture: Architecture::Mlp {
			hidden: BoundedVec::truncate_from(vec![32]),
			activation: Activation::Relu,
			dropout: Permill::zero(),
		},
		outputs: 10,
		task: Task::Classification,
		output_scale: 1 << 16,
	}
}

pub(crate) fn split(owner: u32, upstream: u32, data: u32, treasury: u32) -> RoyaltySplit {
	RoyaltySplit {
		owner: Perbill::from_percent(owner),
		upstream: Perbill::from_percent(upstream),
		data: Perbill::from_percent(data),
		treasury: Perbill::from_percent(treasury),
	}
}

pub(crate) fn uses(dataset: u32, percent: u32) -> DatasetUse {
	DatasetUse { dataset, version: 0, weight: Perbill::from_percent(percent) }
}

/// A registration with sensible defaults, changed field by field in tests.
pub(crate) struct NewModel {
	pub(crate) name: Vec<u8>,
	pub(crate) spec: ModelSpec,
	pub(crate) weights_uri: Vec<u8>,
	pub(crate) license: ModelLicense,
	pub(crate) price: Balance,
	pub(crate) split: RoyaltySplit,
	pub(crate) parents: Vec<ModelId>,
	pub(crate) datasets: Vec<DatasetUse>,
}

impl Default for NewModel {
	fn default() -> Self {
		Self {
			name: b"digits-mlp".to_vec(),
			spec: mlp(),
			weights_uri: b"blob://weights".to_vec(),
			license: ModelLicense { commercial_use: true, derivatives_allowed: true },
			price: 50,
			split: split(90, 0, 0, 10),
			parents: vec![],
			datasets: vec![],
		}
	}
}

impl NewModel {
	/// Trained on `datasets` (each created with an open licence), weights split evenly.
	pub(crate) fn on_data(datasets: &[u32]) -> Self {
		let share = 100 / datasets.len() as u32;
		for dataset in datasets {
			open_dataset(*dataset);
		}
		Self {
			split: split(70, 0, 20, 10),
			datasets: datasets.iter().map(|d| uses(*d, share)).collect(),
			..Default::default()
		}
	}

	/// Fine-tuned from `parents`.
	pub(crate) fn from_parents(parents: &[ModelId]) -> Self {
		Self { split: split(60, 30, 0, 10), parents: parents.to_vec(), ..Default::default() }
	}

	pub(crate) fn submit(self, who: AccountId) -> DispatchResult {
		Models::register(
			RuntimeOrigin::signed(who),
			self.name,
			self.spec,
			H256::repeat_byte(1),
			self.weights_uri,
			self.license,
			self.price,
			self.split,
			self.parents,
			self.datasets,
		)
	}

	/// Registers and returns the new model's id.
	pub(crate) fn create(self, who: AccountId) -> ModelId {
		frame_support::assert_ok!(self.submit(who));
		crate::NextModelId::<Test>::get() - 1
	}
}

pub(crate) fn held(who: AccountId) -> Balance {
	Balances::balance_on_hold(&RuntimeHoldReason::Models(HoldReason::ModelDeposit), &who)
}

pub(crate) fn last_event() -> crate::Event<Test> {
	System::events()
		.into_iter()
		.rev()
		.find_map(|record| match record.event {
			RuntimeEvent::Models(event) => Some(event),
			_ => None,
		})
		.unwrap()
}
