//! The ML service's side of the node-local storage it shares with the off-chain worker: the
//! persistent kind, which survives restarts and is the same whichever fork wins.

use codec::{Decode, Encode};
use lineage_primitives::{
	compute::JobId,
	ml_jobs::{request_key, response_key, MlRequest, MlResponse, QUEUE_KEY},
};
use sp_core::offchain::{OffchainStorage, STORAGE_PREFIX};

/// Reads requests and writes responses in a node's off-chain database.
#[derive(Clone)]
pub(crate) struct LocalQueue<S> {
	storage: S,
}

impl<S: OffchainStorage> LocalQueue<S> {
	pub(crate) fn new(storage: S) -> Self {
		Self { storage }
	}

	/// The queued jobs, oldest first.
	pub(crate) fn queued(&self) -> Vec<JobId> {
		self.storage
			.get(STORAGE_PREFIX, QUEUE_KEY)
			.and_then(|bytes| Vec::<JobId>::decode(&mut bytes.as_slice()).ok())
			.unwrap_or_default()
	}

	/// The request for `job`, if the off-chain worker has written it (it queues first).
	pub(crate) fn request(&self, job: JobId) -> Option<MlRequest> {
		let bytes = self.storage.get(STORAGE_PREFIX, &request_key(job))?;
		MlRequest::decode(&mut bytes.as_slice()).ok()
	}

	/// The response to `job`, if there is one.
	pub(crate) fn response(&self, job: JobId) -> Option<MlResponse> {
		let bytes = self.storage.get(STORAGE_PREFIX, &response_key(job))?;
		MlResponse::decode(&mut bytes.as_slice()).ok()
	}

	/// Answers `job` and takes it off the queue: the response is written first, so a crash
	/// in between runs the job again rather than losing it.
	pub(crate) fn answer(&mut self, job: JobId, response: &MlResponse) {
		self.storage.set(STORAGE_PREFIX, &response_key(job), &response.encode());
		self.dequeue(job);
	}

	/// Takes `job` off the queue, retrying if the off-chain worker changed the queue meanwhile.
	pub(crate) fn dequeue(&mut self, job: JobId) {
		loop {
			let current = self.storage.get(STORAGE_PREFIX, QUEUE_KEY);
			let Some(bytes) = current.as_deref() else { return };
			let mut queue = Vec::<JobId>::decode(&mut &bytes[..]).unwrap_or_default();
			if !queue.contains(&job) {
				return;
			}
			queue.retain(|queued| *queued != job);
			if self.storage.compare_and_set(STORAGE_PREFIX, QUEUE_KEY, Some(bytes), &queue.encode())
			{
				return;
			}
		}
	}
}
