//! Compiles this crate to WASM (the on-chain runtime) when built with `std`.

#[cfg(feature = "std")]
fn main() {
	substrate_wasm_builder::WasmBuilder::build_using_defaults();
}

/// Inside the WASM build itself there is nothing more to build.
#[cfg(not(feature = "std"))]
fn main() {}
