# Shared by the scripts in this folder; sourced, not run.
# One cargo target dir outside the checkout, so CI clones, later sessions and the scripts
# reuse the same build. A user's plain `cargo build` still uses ./target as usual.
set -euo pipefail

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/lineage/target}"
# frame-benchmarking-cli builds a WASM test runtime that only `benchmark storage` uses;
# skipping it saves several minutes on a cold build.
export SKIP_FRAME_STORAGE_ACCESS_TEST_RUNTIME_WASM_BUILD="${SKIP_FRAME_STORAGE_ACCESS_TEST_RUNTIME_WASM_BUILD:-1}"
NODE_BIN="$CARGO_TARGET_DIR/release/lineage-node"
ML_BIN="$CARGO_TARGET_DIR/release/lineage-ml"

log() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }
