//! Dataset files: CSV and the binary format read to the same samples and the same Merkle
//! root (the one the datasets pallet records), and malformed files are refused with the
//! line or field at fault.

#![allow(
	clippy::arithmetic_side_effects,
	clippy::unwrap_used,
	clippy::expect_used,
	clippy::indexing_slicing,
	reason = "a test that cannot unwrap or index must fail"
)]

mod common;

use std::io::Cursor;

use common::*;
use lineage_ml::{
	data::{binary, csv, Dataset, Targets},
	DataError,
};
use lineage_primitives::merkle::MerkleRoot;

#[test]
fn the_shipped_digits_load_with_their_labels() {
	let digits = digits();
	assert_eq!(digits.len(), 1797);
	assert_eq!(digits.features(), 64);
	let (pixels, label) = digits.sample(0).unwrap();
	assert_eq!(label, &[0.0]);
	assert!(pixels.iter().all(|p| (0.0..=16.0).contains(p)));
	let mut counts = [0usize; 10];
	for label in digits.outputs() {
		counts[*label as usize] += 1;
	}
	assert!(counts.iter().all(|&c| (170..=190).contains(&c)), "{counts:?}");
}

#[test]
fn csv_and_binary_give_the_same_samples_and_merkle_root() {
	let digits = digits();
	let mut bytes = Vec::new();
	binary::write(&digits, &mut bytes).unwrap();
	assert_eq!(bytes.len(), 22 + 1797 * (64 * 4 + 4));
	let back = binary::read(bytes.as_slice(), u64::MAX).unwrap();
	assert_eq!(back, digits);
	assert_eq!(back.merkle_root(), digits.merkle_root());

	// The root is the primitives' root over each sample's canonical bytes.
	let mut root = MerkleRoot::new();
	for index in 0..digits.len() {
		root.push_item(&digits.item_bytes(index).unwrap());
	}
	assert_eq!(digits.merkle_root(), root.root());
	// A record of the binary file is exactly one item.
	assert_eq!(&bytes[22..22 + 260], digits.item_bytes(0).unwrap().as_slice());
}

#[test]
fn regression_targets_round_trip() {
	let text = "x1,x2,y\n1,2,0.5\n3,4,-1.25\n\n5,6,7\n";
	let data = csv::read(Cursor::new(text), 2, Targets::Values(1)).unwrap();
	assert_eq!(data.len(), 3);
	assert_eq!(data.sample(1).unwrap(), (&[3.0, 4.0][..], &[-1.25][..]));
	let mut bytes = Vec::new();
	binary::write(&data, &mut bytes).unwrap();
	assert_eq!(binary::read(bytes.as_slice(), 10).unwrap(), data);
	assert!(matches!(binary::read(bytes.as_slice(), 2), Err(DataError::TooLarge)));
}

#[test]
fn malformed_csv_is_refused_with_its_line() {
	let read = |text: &str| csv::read(Cursor::new(text.to_owned()), 2, Targets::Class);
	assert!(matches!(read("1,2,3\n4,x,5\n"), Err(DataError::Parse { line: 2, .. })));
	assert!(matches!(read("1,2,3\n4,5\n"), Err(DataError::WrongWidth { sample: 1, .. })));
	assert!(matches!(read("1,2,1.5\n"), Err(DataError::BadLabel { sample: 0, .. })));
	assert!(matches!(read("1,2,-1\n"), Err(DataError::BadLabel { sample: 0, .. })));
	assert!(matches!(read("1,inf,1\n"), Err(DataError::NotFinite { sample: 0 })));
	assert!(matches!(read("a,b,c\n"), Err(DataError::NoSamples)));
}

#[test]
fn malformed_binary_files_are_refused() {
	let digits = digits();
	let mut bytes = Vec::new();
	binary::write(&digits.select(&[0, 1]), &mut bytes).unwrap();
	assert!(matches!(binary::read(&b"CSV!"[..], 10), Err(DataError::NotBinaryDataset)));
	let mut version = bytes.clone();
	version[4] = 9;
	assert!(matches!(binary::read(version.as_slice(), 10), Err(DataError::UnsupportedVersion(9))));
	assert!(matches!(binary::read(&bytes[..bytes.len() - 1], 10), Err(DataError::Truncated)));
	let mut trailing = bytes.clone();
	trailing.push(0);
	assert!(matches!(binary::read(trailing.as_slice(), 10), Err(DataError::TrailingBytes)));
	assert!(matches!(Dataset::new(0, Targets::Class), Err(DataError::EmptyLayout)));
}
