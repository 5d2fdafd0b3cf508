//! The blob store and imports, on real files: atomic content-addressed writes, corruption
//! detected on read, concurrent readers, imports from paths, file:// and http:// (a local
//! server) with the hash checked and the size capped.

#![allow(
	clippy::arithmetic_side_effects,
	clippy::unwrap_used,
	clippy::expect_used,
	clippy::indexing_slicing,
	reason = "a test that cannot unwrap or index must fail"
)]

use std::{fs, thread};

mod common;

use common::serve_once;
use lineage_ml::{
	blob::{hex_of, parse_hash, BlobStore},
	hash::blake2_256,
	import::{import, Source},
	StoreError,
};

fn store() -> (tempfile::TempDir, BlobStore) {
	let dir = tempfile::tempdir().unwrap();
	let store = BlobStore::open(dir.path().join("blobs")).unwrap();
	(dir, store)
}

#[test]
fn blobs_are_named_by_their_blake2_and_read_back_checked() {
	let (_dir, store) = store();
	let hash = store.put(b"weights").unwrap();
	assert_eq!(hash, blake2_256(b"weights"));
	assert!(store.contains(hash));
	assert_eq!(store.get(hash).unwrap(), b"weights");
	assert_eq!(store.put(b"weights").unwrap(), hash, "storing twice is fine");
	assert_eq!(parse_hash(&format!("0x{}", hex_of(hash))), Some(hash));
	assert_eq!(parse_hash("0x12"), None);
	// Nothing is left in the temporary directory.
	assert_eq!(fs::read_dir(store.root().join("tmp")).unwrap().count(), 0);
}

#[test]
fn a_corrupt_blob_is_detected_and_a_missing_one_reported() {
	let (_dir, store) = store();
	let hash = store.put(b"the real weights").unwrap();
	fs::write(store.path_of(hash), b"the fake weights").unwrap();
	assert!(matches!(store.get(hash), Err(StoreError::Corrupt(h)) if h == hash));
	let absent = blake2_256(b"never stored");
	assert!(matches!(store.get(absent), Err(StoreError::Missing(h)) if h == absent));
}

#[test]
fn concurrent_writers_and_readers_see_whole_blobs() {
	let (_dir, store) = store();
	let blob: Vec<u8> = (0..1_000_000u32).map(|i| (i % 251) as u8).collect();
	let hash = blake2_256(&blob);
	thread::scope(|scope| {
		for _ in 0..4 {
			scope.spawn(|| assert_eq!(store.put(&blob).unwrap(), hash));
			scope.spawn(|| {
				for _ in 0..20 {
					match store.get(hash) {
						Ok(bytes) => assert_eq!(bytes, blob),
						Err(StoreError::Missing(_)) => {},
						Err(other) => panic!("a reader saw a partial blob: {other}"),
					}
				}
			});
		}
	});
	assert_eq!(store.get(hash).unwrap(), blob);
}

#[test]
fn imports_check_the_hash_and_the_size_and_store_nothing_on_failure() {
	let (dir, store) = store();
	let file = dir.path().join("data.bin");
	fs::write(&file, b"dataset bytes").unwrap();
	let expected = blake2_256(b"dataset bytes");
	let path = file.display().to_string();

	assert_eq!(import(&store, &path, Some(expected), 1024).unwrap(), expected);
	assert_eq!(import(&store, &format!("file://{path}"), None, 1024).unwrap(), expected);

	let (_dir, empty) = self::store();
	let wrong = blake2_256(b"something else");
	assert!(matches!(
		import(&empty, &path, Some(wrong), 1024),
		Err(StoreError::HashMismatch { expected: e, actual: a }) if e == wrong && a == expected
	));
	assert!(matches!(import(&empty, &path, None, 5), Err(StoreError::TooLarge { limit: 5 })));
	assert!(!empty.contains(expected));
	assert_eq!(fs::read_dir(empty.root().join("tmp")).unwrap().count(), 0);

	assert!(matches!(import(&empty, "ftp://host/x", None, 5), Err(StoreError::UnsupportedUri(_))));
	assert!(matches!(import(&empty, "/no/such/file", None, 5), Err(StoreError::Io { .. })));
	assert_eq!(Source::parse("https://a/b").unwrap(), Source::Http("https://a/b".into()));
}

#[test]
fn http_imports_are_hash_checked_and_capped() {
	let (_dir, store) = store();
	let expected = blake2_256(b"served weights");
	assert_eq!(
		import(&store, &serve_once(b"served weights".to_vec()), Some(expected), 1024).unwrap(),
		expected
	);
	assert_eq!(store.get(expected).unwrap(), b"served weights");
	let (_dir, empty) = self::store();
	assert!(matches!(
		import(&empty, &serve_once(b"served weights".to_vec()), None, 4),
		Err(StoreError::TooLarge { limit: 4 })
	));
	assert!(matches!(
		import(&empty, &serve_once(b"tampered weights".to_vec()), Some(expected), 1024),
		Err(StoreError::HashMismatch { .. })
	));
	assert!(!empty.contains(expected));
}
