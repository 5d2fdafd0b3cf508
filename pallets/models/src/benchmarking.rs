//! Benchmarks of every call at its worst case: the most parents and datasets, each parent at
//! the deepest allowed depth, the longest name and URI.

#![allow(
	clippy::arithmetic_side_effects,
	clippy::unwrap_used,
	reason = "benchmark setup runs off-chain; a failure there must abort the benchmark"
)]

use super::*;
use alloc::vec;
use frame_benchmarking::v2::*;
use frame_support::traits::{
	fungible::{Inspect, Mutate},
	EnsureOrigin, Get,
};
use frame_system::RawOrigin;
use lineage_primitives::{
	datasets::License,
	models::{Activation, Architecture, ConvLayer, InputShape, Task},
};
use sp_core::H256;
use sp_runtime::{BoundedVec, Perbill, Permill, Saturating};

const SEED: u32 = 0;

fn funded<T: Config>(name: &'static str, index: u32) -> T::AccountId {
	let who: T::AccountId = account(name, index, SEED);
	let deposits = T::ModelDeposit::get().saturating_mul(1_000u32.into());
	T::Currency::set_balance(&who, T::Currency::minimum_balance().saturating_add(deposits));
	who
}

fn spec() -> ModelSpec {
	ModelSpec {
		input: InputShape::Image { channels: 1, height: 8, width: 8 },
		// The longest encoding: every convolution layer there may be.
		architecture: Architecture::Cnn {
			conv: BoundedVec::truncate_from(vec![
				ConvLayer { channels: 4, kernel: 1, pool: 1 };
				lineage_primitives::models::MAX_SPEC_LAYERS
					as usize
			]),
			hidden: 32,
			activation: Activation::Relu,
			dropout: Permill::zero(),
		},
		outputs: 10,
		task: Task::Classification,
		output_scale: 1 << 16,
	}
}

fn open_license() -> ModelLicense {
	ModelLicense { commercial_use: true, derivatives_allowed: true }
}

/// `count` weights summing to exactly one.
fn even_weights(count: u32) -> Vec<Perbill> {
	let mut weights = vec![Perbill::from_rational(1, count); count as usize];
	let total: u32 = weights.iter().map(|w| w.deconstruct()).sum();
	if let Some(first) = weights.first_mut() {
		*first = Perbill::from_parts(first.deconstruct() + (1_000_000_000 - total));
	}
	weights
}

/// A split that gives parents and datasets a share only where the model has them.
fn split(parents: u32, datasets: u32) -> RoyaltySplit {
	let upstream = if parents > 0 { Perbill::from_percent(30) } else { Perbill::zero() };
	let data = if datasets > 0 { Perbill::from_percent(20) } else { Perbill::zero() };
	let treasury = Perbill::from_percent(10);
	let owner = Perbill::one() - upstream - data - treasury;
	RoyaltySplit { owner, upstream, data, treasury }
}

/// `count` parent models sitting at the deepest depth that still allows a child.
fn deep_parents<T: Config>(count: u32) -> Vec<ModelId> {
	let owner = funded::<T>("parent-owner", 0);
	(0..count)
		.map(|_| {
			let id =
				Pallet::<T>::do_register(owner.clone(), registration::<T>(vec![], vec![], 0, 0))
					.unwrap();
			Models::<T>::mutate(id, |m| m.as_mut().unwrap().depth = T::MaxLineageDepth::get() - 1);
			id
		})
		.collect()
}

/// `count` datasets allowing training and commercial use, with weights summing to one.
fn datasets<T: Config>(count: u32) -> Vec<DatasetUse> {
	even_weights(count)
		.into_iter()
		.map(|weight| {
			let (dataset, version) = T::BenchmarkHelper::create_dataset(License {
				training_allowed: true,
				commercial_use_allowed: true,
				training_fee: 0u32.into(),
			});
			DatasetUse { dataset, version, weight }
		})
		.collect()
}

fn registration<T: Config>(
	parents: Vec<ModelId>,
	datasets: Vec<DatasetUse>,
	p: u32,
	d: u32,
) -> functions::Registration<T> {
	functions::Registration {
		name: BoundedVec::truncate_from(vec![b'n'; T::MaxNameLen::get() as usize]),
		spec: spec(),
		weights_hash: H256::repeat_byte(1),
		weights_uri: vec![b'u'; T::MaxUriLen::get() as usize],
		license: open_license(),
		price: 1_000u32.into(),
		split: split(p, d),
		parents,
		datasets,
		previous_version: None,
	}
}

/// Registers a model, its owner funded, for other pallets' benchmarks (through the runtime's
/// benchmark helpers).
pub fn create_model<T: Config>(
	owner: T::AccountId,
	split: RoyaltySplit,
	parents: Vec<ModelId>,
	datasets: Vec<DatasetUse>,
) -> ModelId {
	let deposits = T::ModelDeposit::get().saturating_mul(1_000u32.into());
	T::Currency::set_balance(&owner, T::Currency::minimum_balance().saturating_add(deposits));
	let registration =
		functions::Registration { split, ..registration::<T>(parents, datasets, 0, 0) };
	Pallet::<T>::do_register(owner, registration).unwrap()
}

/// A model with the most parents and datasets, owned by `owner`.
fn full_model<T: Config>(owner: &T::AccountId) -> ModelId {
	let (p, d) = (T::MaxParents::get(), T::MaxDatasets::get());
	let parents = deep_parents::<T>(p);
	let datasets = datasets::<T>(d);
	Pallet::<T>::do_register(owner.clone(), registration::<T>(parents, datasets, p, d)).unwrap()
}

#[benchmarks]
mod benchmarks {
	use super::*;

	#[benchmark]
	fn register(p: Linear<0, { T::MaxParents::get() }>, d: Linear<0, { T::MaxDatasets::get() }>) {
		let caller = funded::<T>("caller", 0);
		let parents = deep_parents::<T>(p);
		let datasets = datasets::<T>(d);
		let name = vec![b'n'; T::MaxNameLen::get() as usize];
		let uri = vec![b'u'; T::MaxUriLen::get() as usize];

		#[extrinsic_call]
		_(
			RawOrigin::Signed(caller),
			name,
			spec(),
			H256::repeat_byte(1),
			uri,
			open_license(),
			1_000u32.into(),
			split(p, d),
			parents,
			datasets,
		);

		let id = NextModelId::<T>::get() - 1;
		let model = Models::<T>::get(id).unwrap();
		assert_eq!(model.depth, if p > 0 { T::MaxLineageDepth::get() } else { 0 });
	}

	#[benchmark]
	fn register_version(
		p: Linear<0, { T::MaxParents::get() }>,
		d: Linear<0, { T::MaxDatasets::get() }>,
	) {
		let caller = funded::<T>("caller", 0);
		let previous =
			Pallet::<T>::do_register(caller.clone(), registration::<T>(vec![], vec![], 0, 0))
				.unwrap();
		// The inherited split must fit the new version's lineage.
		Models::<T>::mutate(previous, |m| m.as_mut().unwrap().split = split(p, d));
		let parents = deep_parents::<T>(p);
		let datasets = datasets::<T>(d);
		let uri = vec![b'u'; T::MaxUriLen::get() as usize];

		#[extrinsic_call]
		_(
			RawOrigin::Signed(caller),
			previous,
			spec(),
			H256::repeat_byte(2),
			uri,
			parents,
			datasets,
		);

		let id = NextModelId::<T>::get() - 1;
		assert_eq!(Models::<T>::get(id).unwrap().previous_version, Some(previous));
	}

	#[benchmark]
	fn set_price() {
		let owner = funded::<T>("owner", 0);
		let model = full_model::<T>(&owner);

		#[extrinsic_call]
		_(RawOrigin::Signed(owner), model, 2_000u32.into());

		assert_eq!(Models::<T>::get(model).unwrap().price, 2_000u32.into());
	}

	#[benchmark]
	fn set_royalty_split() {
		let owner = funded::<T>("owner", 0);
		let model = full_model::<T>(&owner);
		let new_split = RoyaltySplit {
			owner: Perbill::from_percent(25),
			upstream: Perbill::from_percent(25),
			data: Perbill::from_percent(25),
			treasury: Perbill::from_percent(25),
		};

		#[extrinsic_call]
		_(RawOrigin::Signed(owner), model, new_split);

		assert_eq!(Models::<T>::get(model).unwrap().split, new_split);
	}

	#[benchmark]
	fn certify() {
		let owner = funded::<T>("owner", 0);
		let model = full_model::<T>(&owner);
		let origin = T::GovernanceOrigin::try_successful_origin().unwrap();

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, model);

		assert_eq!(Models::<T>::get(model).unwrap().status, ModelStatus::Certified);
	}

	#[benchmark]
	fn deprecate() {
		let owner = funded::<T>("owner", 0);
		let model = full_model::<T>(&owner);

		#[extrinsic_call]
		_(RawOrigin::Signed(owner), model);

		assert_eq!(Models::<T>::get(model).unwrap().status, ModelStatus::Deprecated);
	}

	#[benchmark]
	fn revoke() {
		let owner = funded::<T>("owner", 0);
		let model = full_model::<T>(&owner);
		let origin = T::GovernanceOrigin::try_successful_origin().unwrap();

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, model);

		assert_eq!(Models::<T>::get(model).unwrap().status, ModelStatus::Revoked);
	}

	impl_benchmark_test_suite!(Pallet, mock::new_test_ext(), mock::Test);
}
