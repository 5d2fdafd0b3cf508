//! Who signs: funded accounts (the first is also the sudo key, so root-only calls get
//! exercised through `sudo`), poor accounts holding a little more than the existential
//! deposit, and accounts that do not exist on chain at all.
//!
//! Every signer is an ed25519 key: its signatures are deterministic, so a seed replays the
//! same extrinsics byte for byte, and with them the same block hashes and state root
//! (sr25519 signs with fresh randomness each time).

use lineage_runtime::{AccountId, Balance, EXISTENTIAL_DEPOSIT};
use sp_core::{ed25519, Pair};

/// What an account holds at genesis.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Wealth {
	/// 1,000,000 LIN, as a development account holds.
	Funded,
	/// Three existential deposits: enough for a fee or two, not for a deposit.
	Poor,
	/// Nothing: not an account on chain.
	Unfunded,
}

/// What a funded account starts with.
pub const FUNDED_ENDOWMENT: Balance = 1_000_000 * lineage_runtime::UNIT;
/// What a poor account starts with.
pub const POOR_ENDOWMENT: Balance = EXISTENTIAL_DEPOSIT.saturating_mul(3);

/// A signer.
pub struct Actor {
	/// Its key pair.
	pub pair: ed25519::Pair,
	/// Its account.
	pub account: AccountId,
	/// What it holds at genesis.
	pub wealth: Wealth,
}

fn actor(seed: &str, wealth: Wealth) -> Actor {
	// Development seeds (`//Alice`) and fixed phrases: valid URIs by construction.
	let pair = ed25519::Pair::from_string(seed, None)
		.unwrap_or_else(|_| ed25519::Pair::from_seed(&[0; 32]));
	let account = pair.public().into();
	Actor { pair, account, wealth }
}

/// Every signer of a run, in a fixed order: six funded (the first is the sudo key), four
/// poor, two unfunded.
pub fn actors() -> Vec<Actor> {
	let funded = ["//Alice", "//Bob", "//Charlie", "//Dave", "//Eve", "//Ferdie"]
		.map(|seed| actor(seed, Wealth::Funded));
	let poor = ["//Poor1", "//Poor2", "//Poor3", "//Poor4"].map(|seed| actor(seed, Wealth::Poor));
	let unfunded = ["//Nobody1", "//Nobody2"].map(|seed| actor(seed, Wealth::Unfunded));
	funded.into_iter().chain(poor).chain(unfunded).collect()
}
