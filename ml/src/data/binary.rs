//! The binary dataset format, for data too large to parse as text. All numbers are
//! little-endian.
//!
//! | bytes | field |
//! |---|---|
//! | 4 | magic `LMLD` |
//! | 1 | format version, `1` |
//! | 1 | targets: `0` one class label (`u32`) per sample, `1` regression values (`f32`) |
//! | 4 | `features`: values per sample (`u32`) |
//! | 4 | `targets`: target values per sample (`u32`; `1` for class labels) |
//! | 8 | `samples` (`u64`) |
//! | … | `samples` records: `features` × `f32`, then the label `u32` or `targets` × `f32` |
//!
//! A record is exactly a sample's canonical bytes ([`Dataset::item_bytes`]), whose leaves
//! make up the dataset's Merkle root. Trailing bytes, a short file or a count that does not
//! match the size are errors.

use std::io::{Read, Write};

use super::{Dataset, Targets};
use crate::error::DataError;

/// First bytes of every binary dataset.
pub const MAGIC: [u8; 4] = *b"LMLD";
/// The format version this crate reads and writes.
pub const VERSION: u8 = 1;

const CLASS_TARGETS: u8 = 0;
const VALUE_TARGETS: u8 = 1;

/// Writes `dataset` in the binary format.
pub fn write(dataset: &Dataset, mut writer: impl Write) -> Result<(), DataError> {
	let io = |error: std::io::Error| DataError::Io(error.to_string());
	let (kind, width) = match dataset.targets() {
		Targets::Class => (CLASS_TARGETS, 1u32),
		Targets::Values(n) => (VALUE_TARGETS, u32::try_from(n).map_err(|_| DataError::TooLarge)?),
	};
	let features = u32::try_from(dataset.features()).map_err(|_| DataError::TooLarge)?;
	writer.write_all(&MAGIC).map_err(io)?;
	writer.write_all(&[VERSION, kind]).map_err(io)?;
	writer.write_all(&features.to_le_bytes()).map_err(io)?;
	writer.write_all(&width.to_le_bytes()).map_err(io)?;
	writer.write_all(&(dataset.len() as u64).to_le_bytes()).map_err(io)?;
	for index in 0..dataset.len() {
		let bytes = dataset.item_bytes(index).ok_or(DataError::TooLarge)?;
		writer.write_all(&bytes).map_err(io)?;
	}
	Ok(())
}

fn take<const N: usize>(reader: &mut impl Read) -> Result<[u8; N], DataError> {
	let mut bytes = [0u8; N];
	reader.read_exact(&mut bytes).map_err(|_| DataError::Truncated)?;
	Ok(bytes)
}

/// Reads a binary dataset, refusing one larger than `max_samples` before allocating for it.
pub fn read(mut reader: impl Read, max_samples: u64) -> Result<Dataset, DataError> {
	if take::<4>(&mut reader)? != MAGIC {
		return Err(DataError::NotBinaryDataset);
	}
	let [version, kind] = take::<2>(&mut reader)?;
	if version != VERSION {
		return Err(DataError::UnsupportedVersion(version));
	}
	let features = u32::from_le_bytes(take::<4>(&mut reader)?) as usize;
	let width = u32::from_le_bytes(take::<4>(&mut reader)?) as usize;
	let samples = u64::from_le_bytes(take::<8>(&mut reader)?);
	let targets = match (kind, width) {
		(CLASS_TARGETS, 1) => Targets::Class,
		(VALUE_TARGETS, n) => Targets::Values(n),
		_ => return Err(DataError::BadHeader),
	};
	if samples > max_samples {
		return Err(DataError::TooLarge);
	}
	let mut dataset = Dataset::new(features, targets)?;
	let mut inputs = vec![0f32; features];
	let mut outputs = vec![0f32; width];
	for _ in 0..samples {
		for value in inputs.iter_mut() {
			*value = f32::from_le_bytes(take::<4>(&mut reader)?);
		}
		match targets {
			Targets::Class => {
				let label = u32::from_le_bytes(take::<4>(&mut reader)?);
				if label > super::MAX_CLASS {
					return Err(DataError::BadLabel { sample: dataset.len(), label: label as f32 });
				}
				if let Some(first) = outputs.first_mut() {
					*first = label as f32;
				}
			},
			Targets::Values(_) => {
				for value in outputs.iter_mut() {
					*value = f32::from_le_bytes(take::<4>(&mut reader)?);
				}
			},
		}
		dataset.push(&inputs, &outputs)?;
	}
	let mut rest = [0u8; 1];
	if reader.read(&mut rest).map_err(|error| DataError::Io(error.to_string()))? != 0 {
		return Err(DataError::TrailingBytes);
	}
	if dataset.is_empty() {
		return Err(DataError::NoSamples);
	}
	Ok(dataset)
}
