//! Runtime APIs that dApps call through metadata (`api.call.datasetsApi.*`,
//! `api.call.modelsApi.*`, `api.call.royaltiesApi.*`, `api.call.computeApi.*`, `api.call.daoApi.*` in polkadot.js). The record types are parameters so that each pallet
//! keeps its bounded storage types; the runtime fills them in and metadata describes them.

use alloc::vec::Vec;
use codec::Codec;

use crate::{
	compute::{JobId, WorkerKey},
	datasets::{DatasetId, DatasetVersion, Shares},
	disputes::DisputeId,
	models::ModelId,
	royalties::{Earnings, ModelStatement},
};

/// Most records a paged runtime API call returns, whatever `limit` the caller asks for.
pub const MAX_PAGE: u32 = 1_000;

sp_api::decl_runtime_apis! {
	/// Queries on registered datasets.
	pub trait DatasetsApi<AccountId, Dataset, VersionRecord>
	where
		AccountId: Codec,
		Dataset: Codec,
		VersionRecord: Codec,
	{
		/// The dataset, if registered.
		fn dataset(id: DatasetId) -> Option<Dataset>;
		/// Up to `limit` (at most [`MAX_PAGE`]) versions of the dataset, oldest first, from
		/// version `from` on.
		fn dataset_versions(
			id: DatasetId,
			from: DatasetVersion,
			limit: u32,
		) -> Vec<(DatasetVersion, VersionRecord)>;
		/// Up to `limit` (at most [`MAX_PAGE`]) contributors and their shares, in storage order,
		/// starting after `start_after` (the last account of the previous page).
		fn contributors(
			id: DatasetId,
			start_after: Option<AccountId>,
			limit: u32,
		) -> Vec<(AccountId, Shares)>;
		/// Datasets the account curates.
		fn datasets_of_curator(curator: AccountId) -> Vec<DatasetId>;
	}

	/// Queries on registered models and their lineage.
	pub trait ModelsApi<AccountId, Model, Lineage>
	where
		AccountId: Codec,
		Model: Codec,
		Lineage: Codec,
	{
		/// The model, if registered.
		fn model(id: ModelId) -> Option<Model>;
		/// The model's ancestors and the datasets each was trained on, breadth first, to the
		/// chain's lineage depth bound.
		fn lineage(id: ModelId) -> Option<Lineage>;
		/// Models the account owns.
		fn models_of_owner(owner: AccountId) -> Vec<ModelId>;
		/// Models that list the dataset (any version) among their training data.
		fn models_trained_on(dataset: DatasetId) -> Vec<ModelId>;
	}

	/// Royalty statements.
	pub trait RoyaltiesApi<AccountId, Balance>
	where
		AccountId: Codec,
		Balance: Codec,
	{
		/// What `who` can claim from and has earned in `dataset`'s pool.
		fn dataset_earnings(who: AccountId, dataset: DatasetId) -> Earnings<Balance>;
		/// What `who` can claim and has earned as a model owner (or as the treasury).
		fn owner_earnings(who: AccountId) -> Earnings<Balance>;
		/// The datasets whose pools `who` holds positions in.
		fn pools_of(who: AccountId) -> Vec<DatasetId>;
		/// What `model` has brought in.
		fn model_statement(model: ModelId) -> ModelStatement<Balance>;
	}

	/// Queries on compute workers.
	pub trait ComputeApi<AccountId, Worker, Job, JobResult>
	where
		AccountId: Codec,
		Worker: Codec,
		Job: Codec,
		JobResult: Codec,
	{
		/// The worker, if registered (active or unbonding).
		fn worker(who: AccountId) -> Option<Worker>;
		/// The worker whose attestation key is `key`, if any.
		fn worker_of_key(key: WorkerKey) -> Option<AccountId>;
		/// The workers eligible for new jobs.
		fn active_workers() -> Vec<AccountId>;
		/// The job, if open.
		fn job(id: JobId) -> Option<Job>;
		/// Open jobs the worker was drawn for, ascending (what its node's off-chain worker runs).
		fn jobs_of_worker(worker: AccountId) -> Vec<JobId>;
		/// Open jobs of the requester, ascending.
		fn jobs_of_requester(requester: AccountId) -> Vec<JobId>;
		/// The accepted result of a settled job, with its attestations, if it had one.
		fn result(id: JobId) -> Option<JobResult>;
	}

	/// Queries on governance's disputes.
	pub trait DaoApi<Dispute>
	where
		Dispute: Codec,
	{
		/// The open dispute, if any (a ruled one is gone; its events stay).
		fn dispute(id: DisputeId) -> Option<Dispute>;
		/// Every open dispute, by id (at most the chain's `dao.maxOpenDisputes`).
		fn open_disputes() -> Vec<(DisputeId, Dispute)>;
	}
}
