//! # Royalties: accounting along lineage
//!
//! Royalties reach the contributors of every dataset a paid model was trained on. Paying
//! thousands of contributors for one inference must not cost thousands of writes, and a
//! contributor must only earn from models trained on a dataset version that includes their
//! items.
//!
//! [`pool`] is the accounting core: one versioned reward pool per dataset, where a payment is
//! O(log versions) writes and a contributor's claim is computed from their own positions only,
//! never from the number of other contributors. Rounding is tracked, never created or lost.

#![cfg_attr(not(feature = "std"), no_std)]

pub mod pool;
