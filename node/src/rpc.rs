//! RPC extensions on top of the ones `sc-service` always serves (system, chain, state,
//! author, offchain): account nonces (`system_accountNextIndex`), fee queries
//! (`payment_*`), GRANDPA finality (`grandpa_*`) and the ML service's node-local state
//! (`lineage_*`, see `ml::rpc`).

use std::sync::Arc;

use jsonrpsee::RpcModule;
use lineage_runtime::{opaque::Block, AccountId, Balance, Nonce};
use sc_consensus_grandpa::{
	FinalityProofProvider, GrandpaJustificationStream, SharedAuthoritySet, SharedVoterState,
};
use sc_rpc::SubscriptionTaskExecutor;
use sc_transaction_pool_api::TransactionPool;
use sp_api::ProvideRuntimeApi;
use sp_block_builder::BlockBuilder;
use sp_blockchain::{Error as BlockChainError, HeaderBackend, HeaderMetadata};
use sp_runtime::traits::NumberFor;

/// What the GRANDPA RPC reads: the voter's live state and its justifications.
pub(crate) struct GrandpaDeps<B> {
	/// Voting round state.
	pub(crate) shared_voter_state: SharedVoterState,
	/// Current authority set.
	pub(crate) shared_authority_set: SharedAuthoritySet<lineage_runtime::Hash, NumberFor<Block>>,
	/// Stream of finality justifications, for `grandpa_subscribeJustifications`.
	pub(crate) justification_stream: GrandpaJustificationStream<Block>,
	/// Spawner for subscription tasks.
	pub(crate) subscription_executor: SubscriptionTaskExecutor,
	/// Answers `grandpa_proveFinality`.
	pub(crate) finality_provider: Arc<FinalityProofProvider<B, Block>>,
}

/// Everything the RPC extensions need.
pub(crate) struct FullDeps<C, P, B, S> {
	/// The client.
	pub(crate) client: Arc<C>,
	/// Transaction pool.
	pub(crate) pool: Arc<P>,
	/// GRANDPA state.
	pub(crate) grandpa: GrandpaDeps<B>,
	/// The ML service's node-local state, for `lineage_*`.
	pub(crate) lineage: crate::ml::rpc::Lineage<S>,
}

/// Builds the RPC extensions of a full node.
pub(crate) fn create_full<C, P, B, S>(
	deps: FullDeps<C, P, B, S>,
) -> Result<RpcModule<()>, Box<dyn std::error::Error + Send + Sync>>
where
	C: ProvideRuntimeApi<Block>
		+ HeaderBackend<Block>
		+ HeaderMetadata<Block, Error = BlockChainError>
		+ Send
		+ Sync
		+ 'static,
	C::Api: substrate_frame_rpc_system::AccountNonceApi<Block, AccountId, Nonce>,
	C::Api: pallet_transaction_payment_rpc::TransactionPaymentRuntimeApi<Block, Balance>,
	C::Api: BlockBuilder<Block>,
	P: TransactionPool + 'static,
	B: sc_client_api::Backend<Block> + Send + Sync + 'static,
	B::State: sc_client_api::StateBackend<sp_runtime::traits::HashingFor<Block>>,
	S: sp_core::offchain::OffchainStorage + 'static,
{
	use crate::ml::rpc::LineageApiServer;
	use pallet_transaction_payment_rpc::{TransactionPayment, TransactionPaymentApiServer};
	use sc_consensus_grandpa_rpc::{Grandpa, GrandpaApiServer};
	use substrate_frame_rpc_system::{System, SystemApiServer};

	let FullDeps { client, pool, grandpa, lineage } = deps;
	let GrandpaDeps {
		shared_voter_state,
		shared_authority_set,
		justification_stream,
		subscription_executor,
		finality_provider,
	} = grandpa;

	let mut module = RpcModule::new(());
	module.merge(System::new(client.clone(), pool).into_rpc())?;
	module.merge(TransactionPayment::new(client).into_rpc())?;
	module.merge(
		Grandpa::new(
			subscription_executor,
			shared_authority_set,
			shared_voter_state,
			justification_stream,
			finality_provider,
		)
		.into_rpc(),
	)?;
	module.merge(lineage.into_rpc())?;
	Ok(module)
}
