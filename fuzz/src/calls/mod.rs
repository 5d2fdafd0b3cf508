//! Where the fuzzer's calls come from: one generator per pallet (or group of pallets), each in
//! its own file, all listed in [`PALLETS`]. Adding a pallet to the fuzzer means adding its
//! file and one line there.
//!
//! A generator reads the chain (it runs inside the block's externalities) to aim at ids that
//! exist, and at the edges around them; its arguments come from [`crate::values`].

mod balances;
mod compute;
mod dao;
mod datasets;
mod governance;
mod models;
mod parameters;
mod royalties;
mod sudo;
mod training;
mod validators;

use lineage_runtime::{AccountId, Address, RuntimeCall};

use crate::{accounts::Actor, rng::Rng};

/// What a generator knows besides the chain: the run's signers and who signs this call.
pub struct World<'a> {
	/// Every signer of the run.
	pub actors: &'a [Actor],
	/// The account signing the call being generated.
	pub signer: &'a AccountId,
}

impl World<'_> {
	/// A random signer's account (a recipient, a curator, a delegate).
	pub fn account(&self, rng: &mut Rng) -> AccountId {
		rng.pick(self.actors).map(|a| a.account.clone()).unwrap_or_else(|| self.signer.clone())
	}

	/// A random signer's account other than the sudo key (which must keep paying for `sudo`).
	pub fn account_not_sudo(&self, rng: &mut Rng) -> AccountId {
		let others = self.actors.get(1..).unwrap_or_default();
		rng.pick(others).map(|a| a.account.clone()).unwrap_or_else(|| self.signer.clone())
	}

	/// A random signer's address.
	pub fn address(&self, rng: &mut Rng) -> Address {
		Address::Id(self.account(rng))
	}
}

/// A pallet's call generator.
pub type Generator = fn(&mut Rng, &World) -> RuntimeCall;

/// A source of calls.
pub struct Source {
	/// Its name in reports.
	pub name: &'static str,
	/// Draws one call.
	pub generate: Generator,
	/// Signed by the sudo key (Alice) most of the time, so that the call gets past `sudo`.
	pub wants_sudo_key: bool,
}

/// Every source, drawn from uniformly.
pub const PALLETS: &[Source] = &[
	Source { name: "balances", generate: balances::call, wants_sudo_key: false },
	Source { name: "datasets", generate: datasets::call, wants_sudo_key: false },
	Source { name: "models", generate: models::call, wants_sudo_key: false },
	Source { name: "royalties", generate: royalties::call, wants_sudo_key: false },
	Source { name: "compute", generate: compute::call, wants_sudo_key: false },
	Source { name: "training", generate: training::call, wants_sudo_key: false },
	Source { name: "dao", generate: dao::call, wants_sudo_key: false },
	Source { name: "governance", generate: governance::call, wants_sudo_key: false },
	Source { name: "validators", generate: validators::call, wants_sudo_key: false },
	Source { name: "sudo", generate: sudo::call, wants_sudo_key: true },
	Source { name: "parameters", generate: parameters::call, wants_sudo_key: true },
];

/// A call from a random source other than `sudo` (what `sudo` wraps).
pub fn any_signed(rng: &mut Rng, world: &World) -> RuntimeCall {
	let sources: Vec<&Source> = PALLETS.iter().filter(|s| !s.wants_sudo_key).collect();
	match rng.pick(&sources) {
		Some(source) => (source.generate)(rng, world),
		None => balances::call(rng, world),
	}
}
