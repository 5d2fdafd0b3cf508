//! Bootstrap weights: replaced by `scripts/bench` output before landing.
#![allow(missing_docs)]
use frame_support::weights::Weight;
use core::marker::PhantomData;
pub trait WeightInfo {
	fn register(p: u32, d: u32) -> Weight;
	fn register_version(p: u32, d: u32) -> Weight;
	fn set_price() -> Weight;
	fn set_royalty_split() -> Weight;
	fn certify() -> Weight;
	fn deprecate() -> Weight;
	fn revoke() -> Weight;
}
pub struct SubstrateWeight<T>(PhantomData<T>);
impl<T: frame_system::Config> WeightInfo for SubstrateWeight<T> {
	fn register(_p: u32, _d: u32) -> Weight { Weight::from_parts(1, 0) }
	fn register_version(_p: u32, _d: u32) -> Weight { Weight::from_parts(1, 0) }
	fn set_price() -> Weight { Weight::from_parts(1, 0) }
	fn set_royalty_split() -> Weight { Weight::from_parts(1, 0) }
	fn certify() -> Weight { Weight::from_parts(1, 0) }
	fn deprecate() -> Weight { Weight::from_parts(1, 0) }
	fn revoke() -> Weight { Weight::from_parts(1, 0) }
}
impl WeightInfo for () {
	fn register(_p: u32, _d: u32) -> Weight { Weight::from_parts(1, 0) }
	fn register_version(_p: u32, _d: u32) -> Weight { Weight::from_parts(1, 0) }
	fn set_price() -> Weight { Weight::from_parts(1, 0) }
	fn set_royalty_split() -> Weight { Weight::from_parts(1, 0) }
	fn certify() -> Weight { Weight::from_parts(1, 0) }
	fn deprecate() -> Weight { Weight::from_parts(1, 0) }
	fn revoke() -> Weight { Weight::from_parts(1, 0) }
}
