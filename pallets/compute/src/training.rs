//! Training jobs: submission, and at settlement the training fees paid and the model an
//! accepted outcome registers.
//!
//! A training job names the dataset versions to train on; each licence must allow training,
//! and its training fee, as the licence asks at submission, is held with the job and paid to
//! the version's contributors only if the job succeeds. Everything the model registry would
//! refuse (parents revoked or forbidding derivatives, a split that does not fit, a price on a
//! model whose data forbids commercial use, a malformed spec) is refused at submission,
//! through [`ModelRegistrar::check`], so workers never train a model that cannot be
//! registered; a parent revoked while the job runs is reported at settlement instead.

use alloc::vec::Vec;
use frame_support::{ensure, storage::with_storage_layer, traits::Get, BoundedVec};
use lineage_primitives::{
	compute::{TrainingSettings, METRIC_SCALE},
	datasets::{DatasetId, DatasetInspect, DatasetVersion},
	models::{
		DatasetUse, ModelId, ModelLicense, ModelRegistrar, ModelSpec, NewModel, RoyaltySplit,
	},
	royalties::RoyaltyPayer,
};
use sp_core::H256;
use sp_runtime::{
	traits::{CheckedAdd, CheckedMul, Saturating, Zero},
	DispatchError, Perbill,
};

use crate::{
	BalanceOf, Config, Error, Event, JobId, Output, Pallet, Task, TrainingData, TrainingRequest,
};

/// A training job as submitted, before it is checked.
pub(crate) struct Submission<T: Config> {
	pub(crate) name: Vec<u8>,
	pub(crate) spec: ModelSpec,
	pub(crate) datasets: Vec<(DatasetId, DatasetVersion)>,
	pub(crate) parents: Vec<ModelId>,
	pub(crate) settings: TrainingSettings,
	pub(crate) license: ModelLicense,
	pub(crate) price: BalanceOf<T>,
	pub(crate) split: RoyaltySplit,
}

impl<T: Config> Pallet<T> {
	/// Checks a training job, holds its fee from `requester` and draws its workers. Returns
	/// the new job's id. Nothing changes on error.
	pub(crate) fn do_submit_training(
		requester: &T::AccountId,
		submission: Submission<T>,
		max_fee: BalanceOf<T>,
	) -> Result<JobId, DispatchError> {
		let Submission { name, spec, datasets, parents, settings, license, price, split } =
			submission;
		ensure!(
			settings.is_valid(T::MaxTrainingEpochs::get()),
			Error::<T>::InvalidTrainingSettings
		);
		ensure!(!datasets.is_empty(), Error::<T>::NoTrainingData);
		let datasets: BoundedVec<(DatasetId, DatasetVersion), T::MaxTrainingDatasets> =
			datasets.try_into().map_err(|_| Error::<T>::TooManyDatasets)?;
		let parents: BoundedVec<ModelId, T::MaxTrainingParents> =
			parents.try_into().map_err(|_| Error::<T>::TooManyParents)?;
		let name: BoundedVec<u8, T::MaxModelNameLen> =
			name.try_into().map_err(|_| Error::<T>::NameTooLong)?;

		let mut training_fees = BalanceOf::<T>::zero();
		let mut data = Vec::with_capacity(datasets.len());
		for (dataset, version) in datasets {
			let license =
				T::Datasets::license_at(dataset, version).ok_or(Error::<T>::UnknownDataset)?;
			ensure!(license.training_allowed, Error::<T>::DatasetForbidsTraining);
			training_fees =
				training_fees.checked_add(&license.training_fee).ok_or(Error::<T>::Overflow)?;
			data.push(TrainingData { dataset, version, fee: license.training_fee });
		}
		let request = TrainingRequest::<T> {
			name,
			spec,
			datasets: BoundedVec::truncate_from(data),
			parents,
			settings,
			license,
			price,
			split,
		};
		// Any attribution summing to one stands in for the one the workers will measure.
		let mut placeholder = alloc::vec![Perbill::zero(); request.datasets.len()];
		if let Some(first) = placeholder.first_mut() {
			*first = Perbill::one();
		}
		T::Registrar::check(requester, &Self::trained_model(&request, H256::zero(), &placeholder))?;

		// One run trains the model; one more per dataset measures that dataset's attribution.
		let runs = u32::try_from(request.datasets.len())
			.ok()
			.and_then(|count| count.checked_add(1))
			.ok_or(Error::<T>::Overflow)?;
		let compute_fee = T::TrainingFeePerEpoch::get()
			.checked_mul(&settings.epochs.into())
			.and_then(|per_run| per_run.checked_mul(&runs.into()))
			.ok_or(Error::<T>::Overflow)?;
		let fee = compute_fee
			.checked_mul(&T::Replication::get().into())
			.and_then(|workers| workers.checked_add(&training_fees))
			.ok_or(Error::<T>::Overflow)?;
		ensure!(fee <= max_fee, Error::<T>::FeeAboveMax);
		let tolerance = T::OutputTolerance::get().mul_floor(METRIC_SCALE);
		// The registry's check passed, so the spec is well formed.
		let model_bytes = request.spec.weights_bytes().unwrap_or(u64::MAX);

		let (id, workers) = Self::open_job(
			requester,
			Task::Training(request),
			model_bytes,
			compute_fee,
			fee,
			tolerance,
			T::TrainingCommitPeriod::get(),
		)?;
		Self::deposit_event(Event::TrainingSubmitted {
			job: id,
			requester: requester.clone(),
			fee,
			workers,
		});
		Ok(id)
	}

	/// The model `request` registers once trained to `weights_hash`, with `attribution` (one
	/// weight per dataset, in order).
	pub(crate) fn trained_model(
		request: &TrainingRequest<T>,
		weights_hash: H256,
		attribution: &[Perbill],
	) -> NewModel<BalanceOf<T>> {
		NewModel {
			name: request.name.to_vec(),
			spec: request.spec.clone(),
			weights_hash,
			weights_uri: Vec::new(),
			license: request.license,
			price: request.price,
			split: request.split,
			parents: request.parents.to_vec(),
			datasets: request
				.datasets
				.iter()
				.zip(attribution)
				.map(|(used, weight)| DatasetUse {
					dataset: used.dataset,
					version: used.version,
					weight: *weight,
				})
				.collect(),
		}
	}

	/// Pays each dataset's training fee, as held at submission, from `requester` to that
	/// version's contributors. Returns the total paid.
	pub(crate) fn pay_training_fees(
		id: JobId,
		requester: &T::AccountId,
		request: &TrainingRequest<T>,
	) -> BalanceOf<T> {
		let mut paid = BalanceOf::<T>::zero();
		for used in request.datasets.iter().filter(|used| !used.fee.is_zero()) {
			match with_storage_layer(|| {
				T::Royalties::pay_training_fee(requester, used.dataset, used.version, used.fee)
			}) {
				Ok(_) => paid.saturating_accrue(used.fee),
				Err(error) => Self::deposit_event(Event::TrainingFeeNotPaid {
					job: id,
					dataset: used.dataset,
					error,
				}),
			}
		}
		paid
	}

	/// Registers the model of `request` trained to the accepted `output`, owned by
	/// `requester`. Returns its id, or `None` (with an event) if the registry refused it.
	pub(crate) fn register_trained(
		id: JobId,
		requester: &T::AccountId,
		request: &TrainingRequest<T>,
		output: &Output<T>,
	) -> Option<ModelId> {
		let Output::Training(outcome) = output else {
			// Reveals are checked against their job's task, so this cannot happen.
			return None;
		};
		let model = Self::trained_model(request, outcome.weights_hash, &outcome.attribution);
		match with_storage_layer(|| T::Registrar::register(requester, model)) {
			Ok(model) => Some(model),
			Err(error) => {
				Self::deposit_event(Event::ModelNotRegistered { job: id, error });
				None
			},
		}
	}
}
