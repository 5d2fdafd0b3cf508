//! The generated weights of Lineage's pallets, at their worst-case components, are real
//! measurements (not zero) and leave every call room to fit in a normal block.

#![allow(clippy::expect_used, reason = "tests")]

use frame_support::{dispatch::DispatchClass, traits::Get, weights::Weight};
use lineage_runtime::{configs::RuntimeBlockWeights, Runtime};
use pallet_dao::WeightInfo as _;
use pallet_datasets::WeightInfo as _;
use pallet_models::WeightInfo as _;
use pallet_royalties::WeightInfo as _;

type DaoWeights = pallet_dao::weights::SubstrateWeight<Runtime>;
type DatasetsWeights = pallet_datasets::weights::SubstrateWeight<Runtime>;
type ModelsWeights = pallet_models::weights::SubstrateWeight<Runtime>;
type RoyaltiesWeights = pallet_royalties::weights::SubstrateWeight<Runtime>;

fn assert_sane(name: &str, weight: Weight) {
	let max = RuntimeBlockWeights::get()
		.get(DispatchClass::Normal)
		.max_extrinsic
		.expect("normal extrinsics have a bound");
	assert!(weight.ref_time() > 0, "{name}: zero ref time");
	assert!(weight.proof_size() > 0, "{name}: zero proof size");
	// A tenth of what one extrinsic may use: each call stays cheap enough to be batched.
	assert!(
		weight.all_lte(max.saturating_div(10)),
		"{name}: {weight:?} is more than a tenth of an extrinsic's maximum {max:?}"
	);
}

#[test]
fn datasets_weights_are_measured_and_fit_in_a_block() {
	let pending =
		<<Runtime as pallet_datasets::Config>::MaxPendingContributions as Get<u32>>::get();
	assert_sane("register", DatasetsWeights::register());
	assert_sane("propose_contribution", DatasetsWeights::propose_contribution());
	assert_sane("accept_contribution", DatasetsWeights::accept_contribution());
	assert_sane("reject_contribution", DatasetsWeights::reject_contribution());
	assert_sane("withdraw_contribution", DatasetsWeights::withdraw_contribution());
	assert_sane("transfer_curator", DatasetsWeights::transfer_curator());
	assert_sane("retire", DatasetsWeights::retire(pending));
	assert!(
		DatasetsWeights::retire(pending).ref_time() > DatasetsWeights::retire(0).ref_time(),
		"retiring with waiting contributions costs more than without"
	);
}

#[test]
fn models_weights_are_measured_and_fit_in_a_block() {
	let parents = <<Runtime as pallet_models::Config>::MaxParents as Get<u32>>::get();
	let datasets = <<Runtime as pallet_models::Config>::MaxDatasets as Get<u32>>::get();
	assert_sane("register", ModelsWeights::register(parents, datasets));
	assert_sane("register_version", ModelsWeights::register_version(parents, datasets));
	assert_sane("set_price", ModelsWeights::set_price());
	assert_sane("set_royalty_split", ModelsWeights::set_royalty_split());
	assert_sane("certify", ModelsWeights::certify());
	assert_sane("deprecate", ModelsWeights::deprecate());
	assert_sane("revoke", ModelsWeights::revoke());
	assert!(
		ModelsWeights::register(parents, datasets).ref_time()
			> ModelsWeights::register(0, 0).ref_time(),
		"a full lineage costs more than none"
	);
}

#[test]
fn royalties_weights_are_measured_and_fit_in_a_block() {
	type Royalties = pallet_royalties::Pallet<Runtime>;
	assert_sane("pay", Royalties::pay_weight_bound());
	assert_sane("pay_training_fee", RoyaltiesWeights::pay_training_fee());
	assert_sane("claim", Royalties::claim_weight_bound());
	assert_sane("claim_all", Royalties::claim_all_weight_bound());
	assert_sane("claim_earnings", RoyaltiesWeights::claim_earnings());
}

#[test]
fn dao_weights_are_measured_and_fit_in_a_block() {
	let uri = <<Runtime as pallet_dao::Config>::MaxEvidenceUriLen as Get<u32>>::get();
	assert_sane("open_dispute", DaoWeights::open_dispute(uri));
	assert_sane("rule_upheld_model", DaoWeights::rule_upheld_model());
	assert_sane("rule_upheld_contribution", DaoWeights::rule_upheld_contribution());
	assert_sane("rule_rejected", DaoWeights::rule_rejected());
	// Cancelling a contribution settles its contributor's whole royalty holding.
	assert!(
		DaoWeights::rule_upheld_contribution().ref_time()
			> DaoWeights::rule_upheld_model().ref_time(),
		"the worst contribution ruling costs more than a model's"
	);
}
