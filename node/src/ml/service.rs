//! The ML service's loop: a dispatcher task woken by block imports (and once a second, so a
//! request written after an import is not left waiting for the next block), and a fixed pool
//! of threads of its own that resolve and run jobs. The dispatcher never blocks; the pool
//! bounds how many jobs run at once; block import never waits on either.

use std::{
	collections::{BTreeSet, VecDeque},
	sync::{mpsc, Arc, Mutex},
	time::{Duration, Instant},
};

use futures::{FutureExt, StreamExt};
use lineage_primitives::{
	compute::{JobFailure, JobId},
	ml_jobs::{MlRequest, MlResponse, MlTask},
};
use sc_client_api::BlockchainEvents;
use sp_core::offchain::OffchainStorage;

use super::{engine::Engine, queue::LocalQueue};

/// Jobs kept in the service's recent history.
const RECENT: usize = 64;

/// A job the service answered.
#[derive(Clone, Debug)]
pub(crate) struct Finished {
	pub(crate) job: JobId,
	pub(crate) training: bool,
	pub(crate) failure: Option<JobFailure>,
	pub(crate) seconds: f64,
}

/// What the service is doing, for the `lineage_*` RPC.
#[derive(Default, Debug)]
pub(crate) struct Status {
	pub(crate) running: BTreeSet<JobId>,
	pub(crate) recent: VecDeque<Finished>,
}

/// Shared view of the service's state.
pub(crate) type SharedStatus = Arc<Mutex<Status>>;

/// Turns a request into an engine job: `resolve::engine_job` over the node's client.
pub(crate) type Resolver = Arc<
	dyn Fn(MlRequest) -> Result<lineage_primitives::ml_jobs::EngineJob, JobFailure> + Send + Sync,
>;

/// Starts the service: `threads` worker threads and the dispatcher future, which the caller
/// spawns (it ends when the node's import stream does).
pub(crate) fn start<C, S>(
	client: Arc<C>,
	storage: S,
	resolve: Resolver,
	engine: Engine,
	threads: u16,
	status: SharedStatus,
) -> impl std::future::Future<Output = ()> + Send
where
	C: BlockchainEvents<lineage_runtime::opaque::Block> + Send + Sync + 'static,
	S: OffchainStorage + 'static,
{
	let (sender, receiver) = mpsc::channel::<(JobId, MlRequest)>();
	let receiver = Arc::new(Mutex::new(receiver));
	for index in 0..threads {
		let receiver = receiver.clone();
		let mut queue = LocalQueue::new(storage.clone());
		let (resolve, engine, status) = (resolve.clone(), engine.clone(), status.clone());
		let spawned =
			std::thread::Builder::new().name(format!("ml-worker-{index}")).spawn(move || loop {
				// The lock is held only while waiting for work, never while running it.
				let next = receiver.lock().map_err(|_| ()).and_then(|r| r.recv().map_err(|_| ()));
				let Ok((job, request)) = next else { return };
				let training = matches!(request.task, MlTask::Training { .. });
				let started = Instant::now();
				let response: MlResponse = resolve(request).and_then(|work| engine.run(&work));
				queue.answer(job, &response);
				log::info!(
					target: "lineage-ml",
					"job {job} answered in {:.2} s: {}",
					started.elapsed().as_secs_f64(),
					match &response { Ok(_) => "result".to_string(), Err(failure) => format!("{failure:?}") },
				);
				if let Ok(mut status) = status.lock() {
					status.running.remove(&job);
					if status.recent.len() >= RECENT {
						status.recent.pop_front();
					}
					status.recent.push_back(Finished {
						job,
						training,
						failure: response.err(),
						seconds: started.elapsed().as_secs_f64(),
					});
				}
			});
		if let Err(error) = spawned {
			log::error!(target: "lineage-ml", "cannot start an ML worker thread: {error}");
		}
	}
	let mut queue = LocalQueue::new(storage);
	async move {
		let mut imports = client.import_notification_stream();
		loop {
			let tick = futures_timer::Delay::new(Duration::from_secs(1));
			futures::select! {
				imported = imports.next().fuse() => if imported.is_none() { return },
				() = tick.fuse() => {},
			}
			dispatch(&mut queue, &sender, &status);
		}
	}
}

/// Hands every queued job with a request, not already running, to the pool.
fn dispatch<S: OffchainStorage>(
	queue: &mut LocalQueue<S>,
	sender: &mpsc::Sender<(JobId, MlRequest)>,
	status: &SharedStatus,
) {
	for job in queue.queued() {
		if queue.response(job).is_some() {
			queue.dequeue(job);
			continue;
		}
		let Some(request) = queue.request(job) else { continue };
		let Ok(mut status) = status.lock() else { return };
		if !status.running.insert(job) {
			continue;
		}
		if sender.send((job, request)).is_err() {
			status.running.remove(&job);
			return;
		}
	}
}
