//! `pallet_sudo`: a single root key, for development and local networks only. Its key is set
//! by the `development` and `local_testnet` presets; other genesis configs leave it empty.

use crate::{Runtime, RuntimeCall, RuntimeEvent};

impl pallet_sudo::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type RuntimeCall = RuntimeCall;
	type WeightInfo = crate::weights::pallet_sudo::WeightInfo<Runtime>;
}
