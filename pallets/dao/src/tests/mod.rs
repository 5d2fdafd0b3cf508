//! Tests of the tracks, the timing and the origins (`tracks.rs`), and of disputes
//! (`disputes.rs`).

mod disputes;
mod storage_version;
mod tracks;
