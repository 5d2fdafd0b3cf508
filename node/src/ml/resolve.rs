//! From a request to an engine job: the chain's records of the model or datasets, read with
//! the runtime APIs dApps use, at the node's best block.

use lineage_primitives::{
	apis::{DatasetsApi, ModelsApi},
	compute::JobFailure,
	ml_jobs::{EngineJob, MlRequest, MlTask},
};
use lineage_runtime::{opaque::Block, AccountId, Runtime};
use sp_api::ProvideRuntimeApi;
use sp_blockchain::HeaderBackend;

/// The engine job `request` asks for, or why it cannot be run: a model or dataset version the
/// chain does not know (any more) is [`JobFailure::Unavailable`].
pub(crate) fn engine_job<C>(client: &C, request: MlRequest) -> Result<EngineJob, JobFailure>
where
	C: ProvideRuntimeApi<Block> + HeaderBackend<Block>,
	C::Api: ModelsApi<
			Block,
			AccountId,
			pallet_models::Model<Runtime>,
			pallet_models::LineageTree<Runtime>,
		> + DatasetsApi<
			Block,
			AccountId,
			pallet_datasets::Dataset<Runtime>,
			pallet_datasets::VersionRecord<Runtime>,
		>,
{
	let best = client.info().best_hash;
	let api = client.runtime_api();
	match request.task {
		MlTask::Inference { model, input } => {
			let model = api.model(best, model).ok().flatten().ok_or(JobFailure::Unavailable)?;
			Ok(EngineJob::Inference {
				spec: model.spec,
				weights: model.weights_hash,
				weights_uri: model.weights_uri.into_inner(),
				input,
			})
		},
		MlTask::Training { spec, datasets, settings } => {
			let roots = datasets
				.into_iter()
				.map(|(dataset, version)| {
					api.dataset_versions(best, dataset, version, 1)
						.ok()
						.and_then(|versions| versions.into_iter().next())
						.filter(|(found, _)| *found == version)
						.map(|(_, record)| record.root)
						.ok_or(JobFailure::Unavailable)
				})
				.collect::<Result<Vec<_>, _>>()?;
			Ok(EngineJob::Training { spec, datasets: roots, settings })
		},
	}
}
