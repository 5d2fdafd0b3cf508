//! Tests of the tracks, the timing and the origins (`tracks.rs`), and of disputes
//! (`disputes.rs`).

mod disputes;
mod tracks;
