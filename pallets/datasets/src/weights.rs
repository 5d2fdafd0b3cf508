//! Bootstrap weights: replaced by `scripts/bench` output before landing.
#![allow(missing_docs)]
use frame_support::weights::Weight;
use core::marker::PhantomData;
pub trait WeightInfo {
	fn register() -> Weight;
	fn propose_contribution() -> Weight;
	fn accept_contribution() -> Weight;
	fn reject_contribution() -> Weight;
	fn withdraw_contribution() -> Weight;
	fn transfer_curator() -> Weight;
	fn retire(p: u32) -> Weight;
}
pub struct SubstrateWeight<T>(PhantomData<T>);
impl<T: frame_system::Config> WeightInfo for SubstrateWeight<T> {
	fn register() -> Weight { Weight::from_parts(1, 0) }
	fn propose_contribution() -> Weight { Weight::from_parts(1, 0) }
	fn accept_contribution() -> Weight { Weight::from_parts(1, 0) }
	fn reject_contribution() -> Weight { Weight::from_parts(1, 0) }
	fn withdraw_contribution() -> Weight { Weight::from_parts(1, 0) }
	fn transfer_curator() -> Weight { Weight::from_parts(1, 0) }
	fn retire(_p: u32) -> Weight { Weight::from_parts(1, 0) }
}
impl WeightInfo for () {
	fn register() -> Weight { Weight::from_parts(1, 0) }
	fn propose_contribution() -> Weight { Weight::from_parts(1, 0) }
	fn accept_contribution() -> Weight { Weight::from_parts(1, 0) }
	fn reject_contribution() -> Weight { Weight::from_parts(1, 0) }
	fn withdraw_contribution() -> Weight { Weight::from_parts(1, 0) }
	fn transfer_curator() -> Weight { Weight::from_parts(1, 0) }
	fn retire(_p: u32) -> Weight { Weight::from_parts(1, 0) }
}
