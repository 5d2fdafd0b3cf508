//! A run: blocks of random signed extrinsics from every source in [`crate::calls::PALLETS`],
//! random block sizes and slot gaps, every invariant checked after every block, and what was
//! covered counted. The first violation (a panic included) ends the run and is reported with
//! the seed that replays it.

use std::{
	collections::BTreeMap,
	panic::{catch_unwind, AssertUnwindSafe},
	time::Instant,
};

use frame_support::traits::{
	fungible,
	tokens::{Fortitude, Preservation},
	GetCallMetadata,
};
use lineage_runtime::{Balance, Runtime, RuntimeCall, RuntimeError, RuntimeEvent, System, UNIT};
use sp_core::H256;
use sp_runtime::{
	transaction_validity::{InvalidTransaction, TransactionValidityError},
	DispatchError, StateVersion,
};

use crate::{
	accounts::{self, Actor, Wealth},
	calls::{World, PALLETS},
	chain, invariants,
	rng::Rng,
};

/// What to run.
#[derive(Clone, Copy, Debug)]
pub struct Settings {
	/// Replays a run exactly.
	pub seed: u64,
	/// How many signed extrinsics to apply in all.
	pub extrinsics: u64,
	/// The most extrinsics in one block (each block draws 1..=this many).
	pub max_per_block: u64,
	/// Print a line to stderr every this many extrinsics (0: never).
	pub progress_every: u64,
}

/// What a run did and found.
#[derive(Debug, Default)]
pub struct Report {
	/// The run's seed.
	pub seed: u64,
	/// Signed extrinsics applied.
	pub extrinsics: u64,
	/// Blocks built.
	pub blocks: u32,
	/// Top-ups of drained funded accounts (not counted in `extrinsics`).
	pub top_ups: u64,
	/// Calls that dispatched successfully, by `Pallet.call` (a `sudo` call by the call it
	/// wrapped).
	pub succeeded: BTreeMap<String, u64>,
	/// Dispatch errors, by error (`Pallet(Error)`).
	pub failed: BTreeMap<String, u64>,
	/// Transactions refused before dispatch (fees, nonces, full blocks), by reason.
	pub refused: BTreeMap<String, u64>,
	/// Invariants broken and panics, each with where it happened.
	pub violations: Vec<String>,
	/// The state root after the last block: the same seed must give the same root.
	pub state_root: H256,
	/// Wall-clock seconds.
	pub seconds: f64,
}

impl Report {
	/// Adds `other`'s counts to this report's (a later segment of the same long run).
	pub fn absorb(&mut self, other: Report) {
		self.extrinsics = self.extrinsics.saturating_add(other.extrinsics);
		self.blocks = self.blocks.saturating_add(other.blocks);
		self.top_ups = self.top_ups.saturating_add(other.top_ups);
		self.seconds += other.seconds;
		for (mine, theirs) in [
			(&mut self.succeeded, other.succeeded),
			(&mut self.failed, other.failed),
			(&mut self.refused, other.refused),
		] {
			for (key, count) in theirs {
				let entry = mine.entry(key).or_default();
				*entry = entry.saturating_add(count);
			}
		}
		self.violations.extend(other.violations);
		self.state_root = other.state_root;
	}

	/// Extrinsics applied per second.
	pub fn rate(&self) -> f64 {
		if self.seconds > 0.0 {
			self.extrinsics as f64 / self.seconds
		} else {
			0.0
		}
	}
}

fn call_name(call: &RuntimeCall) -> String {
	let meta = call.get_call_metadata();
	format!("{}.{}", meta.pallet_name, meta.function_name)
}

fn error_name(error: DispatchError) -> String {
	match RuntimeError::from_dispatch_error(error) {
		Some(typed) => format!("{typed:?}"),
		None => format!("{error:?}"),
	}
}

/// What `sudo` made of its call: the last `Sudid` event's result.
fn sudo_outcome() -> Option<Result<(), DispatchError>> {
	System::events().into_iter().rev().find_map(|record| match record.event {
		RuntimeEvent::Sudo(pallet_sudo::Event::Sudid { sudo_result }) => Some(sudo_result),
		_ => None,
	})
}

/// What a caught panic said.
pub(crate) fn panic_message(panic: &(dyn std::any::Any + Send)) -> String {
	panic
		.downcast_ref::<&str>()
		.map(|s| (*s).to_owned())
		.or_else(|| panic.downcast_ref::<String>().cloned())
		.unwrap_or_else(|| "a non-string panic".into())
}

/// Runs `settings`; the error is the harness failing to start, never a finding.
pub fn run(settings: Settings) -> Result<Report, String> {
	run_with(settings, Rng::new(settings.seed))
}

/// Runs the extrinsics a coverage-guided engine's `input` chooses (every choice the
/// generators make is drawn from it, see [`Rng::from_input`]): one extrinsic per
/// [`INPUT_BYTES_PER_EXTRINSIC`] bytes, at least one, at most `max_extrinsics`.
pub fn run_from_input(input: &[u8], max_extrinsics: u64) -> Result<Report, String> {
	let wanted = (input.len() / INPUT_BYTES_PER_EXTRINSIC) as u64;
	let settings = Settings {
		seed: 0,
		extrinsics: wanted.clamp(1, max_extrinsics.max(1)),
		max_per_block: 20,
		progress_every: 0,
	};
	run_with(settings, Rng::from_input(input))
}

/// Input bytes an extrinsic draws on average (its source, signer, call and arguments).
pub const INPUT_BYTES_PER_EXTRINSIC: usize = 64;

fn run_with(settings: Settings, rng: Rng) -> Result<Report, String> {
	let started = Instant::now();
	let actors = accounts::actors();
	let mut ext = chain::genesis(&actors)?;
	let mut report = Report { seed: settings.seed, ..Default::default() };
	ext.execute_with(|| blocks(settings, rng, &actors, &mut report));
	report.seconds = started.elapsed().as_secs_f64();
	Ok(report)
}

fn blocks(settings: Settings, mut rng: Rng, actors: &[Actor], report: &mut Report) {
	let mut parent = System::parent_hash();
	let mut slot: u64 = 0;
	let mut number: u32 = 0;
	while report.extrinsics < settings.extrinsics && report.violations.is_empty() {
		number = number.saturating_add(1);
		// Mostly the next slot; sometimes a gap, as when authors are offline.
		let gap = if rng.chance(10) { 1 + rng.below(100) } else { 1 };
		slot = slot.saturating_add(gap);
		let issuance_before = pallet_balances::TotalIssuance::<Runtime>::get();
		match catch_unwind(AssertUnwindSafe(|| chain::open_block(number, parent, slot))) {
			Ok(Ok(())) => {},
			Ok(Err(error)) => return report.violations.push(error),
			Err(panic) => {
				let message = panic_message(panic.as_ref());
				return report.violations.push(format!("panic opening block {number}: {message}"));
			},
		}
		top_up(actors, report);
		let in_block = 1 + rng.below(settings.max_per_block.max(1));
		for _ in 0..in_block {
			extrinsic(&mut rng, actors, number, report);
			if !report.violations.is_empty() {
				return;
			}
		}
		report.violations.extend(invariants::check_block(number, issuance_before));
		match catch_unwind(chain::close_block) {
			Ok(hash) => parent = hash,
			Err(panic) => {
				let message = panic_message(panic.as_ref());
				return report.violations.push(format!("panic closing block {number}: {message}"));
			},
		}
		report.violations.extend(invariants::check_try_state(number));
		report.blocks = number;
		if settings.progress_every > 0
			&& report.extrinsics / settings.progress_every
				> report.extrinsics.saturating_sub(in_block) / settings.progress_every
		{
			eprintln!("{} extrinsics, {number} blocks", report.extrinsics);
		}
	}
	report.state_root = H256::from_slice(&sp_io::storage::root(StateVersion::V1));
}

/// Who signs: the sudo key for `sudo` (mostly), else a funded account three times in four, a
/// poor one or one that does not exist the rest of the time.
fn signer<'a>(rng: &mut Rng, actors: &'a [Actor], wants_sudo_key: bool) -> Option<&'a Actor> {
	if wants_sudo_key && rng.chance(80) {
		return actors.first();
	}
	let wealth = match rng.below(20) {
		0..=14 => Wealth::Funded,
		15..=17 => Wealth::Poor,
		_ => Wealth::Unfunded,
	};
	// The sudo key signs only `sudo`, so it can always pay for it (sudo refunds its fee).
	let group: Vec<&Actor> = actors.iter().skip(1).filter(|actor| actor.wealth == wealth).collect();
	rng.pick(&group).copied()
}

/// What a funded account is given once it has spent or locked most of its funds.
const TOP_UP: Balance = 1_000_000 * UNIT;
/// Below this much spendable balance, a funded account is topped up.
const TOP_UP_BELOW: Balance = 1_000 * UNIT;

/// Tops up the funded accounts that random transfers, stakes and votes have drained, by
/// root's `force_set_balance` signed by the sudo key: extrinsics like any other, whose mints
/// the invariants account for, counted apart. Without them most of a long run is fee
/// refusals.
fn top_up(actors: &[Actor], report: &mut Report) {
	let Some(sudo_key) = actors.first() else { return };
	for actor in actors.iter().skip(1).filter(|actor| actor.wealth == Wealth::Funded) {
		// Spendable, not free: conviction locks and holds leave free funds that pay no fee.
		let spendable =
			<pallet_balances::Pallet<Runtime> as fungible::Inspect<_>>::reducible_balance(
				&actor.account,
				Preservation::Expendable,
				Fortitude::Polite,
			);
		if spendable >= TOP_UP_BELOW {
			continue;
		}
		// On top of what is locked, so that the top-up is spendable.
		let free = pallet_balances::Pallet::<Runtime>::free_balance(&actor.account);
		let call = RuntimeCall::Sudo(pallet_sudo::Call::sudo {
			call: Box::new(RuntimeCall::Balances(pallet_balances::Call::force_set_balance {
				who: actor.account.clone().into(),
				new_free: free.saturating_add(TOP_UP),
			})),
		});
		let applied = catch_unwind(AssertUnwindSafe(|| chain::apply_signed(call, &sudo_key.pair)));
		report.top_ups = report.top_ups.saturating_add(1);
		// A block whose hooks took all its weight (a session rotation) has no room: next block.
		let full = matches!(
			applied,
			Ok(Ok(Err(TransactionValidityError::Invalid(InvalidTransaction::ExhaustsResources))))
		);
		if !full && !matches!(applied, Ok(Ok(Ok(Ok(()))))) {
			report.violations.push(format!("topping up {:?} failed: {applied:?}", actor.account));
		}
	}
}

fn extrinsic(rng: &mut Rng, actors: &[Actor], number: u32, report: &mut Report) {
	let Some(source) = rng.pick(PALLETS) else { return };
	let Some(signer) = signer(rng, actors, source.wants_sudo_key) else { return };
	let world = World { actors, signer: &signer.account };
	let call = (source.generate)(rng, &world);
	let mut name = call_name(&call);
	if let RuntimeCall::Sudo(pallet_sudo::Call::sudo { call: inner }) = &call {
		name = format!("Sudo({})", call_name(inner));
	}
	let is_sudo = matches!(call, RuntimeCall::Sudo(_));
	report.extrinsics = report.extrinsics.saturating_add(1);
	let applied =
		catch_unwind(AssertUnwindSafe(|| chain::apply_signed(call.clone(), &signer.pair)));
	let outcome = match applied {
		Err(panic) => {
			let message = panic_message(panic.as_ref());
			return report.violations.push(format!(
				"panic in block {number} applying {call:?} signed by {:?}: {message}",
				signer.account
			));
		},
		Ok(Err(harness)) => return report.violations.push(harness),
		Ok(Ok(outcome)) => outcome,
	};
	let counter = match outcome {
		Err(refusal) => report.refused.entry(format!("{refusal:?}")),
		Ok(Err(error)) => report.failed.entry(error_name(error)),
		Ok(Ok(())) if is_sudo => match sudo_outcome() {
			Some(Err(error)) => report.failed.entry(error_name(error)),
			_ => report.succeeded.entry(name),
		},
		Ok(Ok(())) => report.succeeded.entry(name),
	};
	*counter.or_default() += 1;
}
