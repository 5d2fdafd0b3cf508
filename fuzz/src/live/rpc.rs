//! JSON-RPC over HTTP to a node: one request per call, the node's error passed on as text.

use std::time::Duration;

use serde::de::DeserializeOwned;

/// A node's JSON-RPC endpoint.
pub struct Rpc {
	url: String,
}

impl Rpc {
	/// The endpoint at `uri`: `ws://` (the node serves HTTP on the same port) or `http://`.
	pub fn new(uri: &str) -> Result<Self, String> {
		let url = match uri.split_once("://") {
			Some(("ws" | "http", rest)) => format!("http://{rest}"),
			_ => return Err(format!("{uri}: give the node's ws:// or http:// address")),
		};
		Ok(Self { url })
	}

	/// Calls `method` with `params` and decodes its result.
	pub fn call<R: DeserializeOwned>(
		&self,
		method: &str,
		params: serde_json::Value,
	) -> Result<R, String> {
		let request =
			serde_json::json!({ "jsonrpc": "2.0", "id": 1, "method": method, "params": params });
		let mut reply: serde_json::Value = attohttpc::post(&self.url)
			.timeout(Duration::from_secs(120))
			.json(&request)
			.and_then(|request| request.send())
			.and_then(|response| response.json())
			.map_err(|e| format!("{method} at {}: {e}", self.url))?;
		if let Some(error) = reply.get("error") {
			return Err(format!("{method}: the node answered {error}"));
		}
		let result = reply.get_mut("result").map(serde_json::Value::take).unwrap_or_default();
		serde_json::from_value(result).map_err(|e| format!("{method}: unexpected result: {e}"))
	}
}
