//! Configuration of every pallet in the runtime, one file per pallet (or per tightly coupled
//! pair). Constants that several pallets share live in the crate root.

mod balances;
#[cfg(feature = "runtime-benchmarks")]
mod benchmark_helpers;
mod compute;
mod consensus;
mod dao;
mod datasets;
mod governance;
mod models;
mod offchain;
mod parameters;
mod royalties;
mod session;
mod sudo;
mod system;
mod timestamp;
mod transaction_payment;
mod treasury;

pub use parameters::dynamic_params::registry::{ContributionDeposit, DatasetDeposit, ModelDeposit};
pub use parameters::{
	dynamic_params, RuntimeParameters, RuntimeParametersKey, DEFAULT_MIN_WORKER_STAKE,
};
pub use royalties::{LegacyRoyaltiesTreasury, RoyaltiesPalletId};
pub use session::SessionKeyDeposit;
pub use system::{BlockHashCount, RuntimeBlockLength, RuntimeBlockWeights};
pub use transaction_payment::{LENGTH_FEE_PER_BYTE, TREASURY_FEE_PERCENT};
pub use treasury::{TreasuryAccount, TreasuryPalletId};
