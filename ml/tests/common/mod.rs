//! Shared by the integration tests: the shipped digits data, the specs in `ml/specs/`, and a
//! one-shot HTTP server for imports.

#![allow(dead_code, reason = "each test binary uses a different part")]

use std::{
	fs,
	io::{BufReader, Read, Write},
	net::TcpListener,
	path::PathBuf,
	thread,
};

use lineage_ml::{
	data::{csv, Dataset, Targets},
	training::{NamedDataset, Optimizer, TrainSettings},
};
use lineage_primitives::models::ModelSpec;

/// A file of the crate (`ml/…`).
pub(crate) fn crate_file(path: &str) -> PathBuf {
	PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(path)
}

/// A spec from `ml/specs/`.
pub(crate) fn spec(name: &str) -> ModelSpec {
	let text = fs::read_to_string(crate_file(&format!("specs/{name}.json"))).unwrap();
	serde_json::from_str(&text).unwrap()
}

/// The 1,797 shipped 8×8 digits.
pub(crate) fn digits() -> Dataset {
	let file = fs::File::open(crate_file("data/digits.csv")).unwrap();
	csv::read(BufReader::new(file), 64, Targets::Class).unwrap()
}

/// The digits as one named dataset.
pub(crate) fn digits_named() -> Vec<NamedDataset> {
	vec![NamedDataset { name: "digits".into(), data: digits() }]
}

/// A short run: enough to learn the digits, quick enough for a test.
pub(crate) fn quick_settings(epochs: u32) -> TrainSettings {
	TrainSettings {
		optimizer: Optimizer::Adam,
		learning_rate: 0.003,
		epochs,
		batch_size: 32,
		seed: 7,
		held_out_percent: 20,
	}
}

/// Serves `body` once over HTTP/1.1 on a loopback port; returns its URL.
pub(crate) fn serve_once(body: Vec<u8>) -> String {
	let listener = TcpListener::bind("127.0.0.1:0").unwrap();
	let address = listener.local_addr().unwrap();
	thread::spawn(move || {
		let (mut stream, _) = listener.accept().unwrap();
		let mut request = [0u8; 1024];
		let _ = stream.read(&mut request);
		let header = format!(
			"HTTP/1.1 200 OK\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
			body.len()
		);
		stream.write_all(header.as_bytes()).unwrap();
		stream.write_all(&body).unwrap();
	});
	format!("http://{address}/weights.bin")
}
