//! `takedown export --parquet OUTDIR FILE...`: every file the loader reads,
//! streamed into Hive-partitioned Parquet (`OUTDIR/tweets/campaign=NAME/part-N.parquet`,
//! `OUTDIR/accounts/campaign=NAME/part-0.parquet`) for DuckDB, Spark or pandas.
//!
//! Memory stays bounded: whenever a campaign's store reaches a part's rows it
//! is taken from the loader, written and dropped. Only what must outlive a
//! part is kept: the tweet ids seen (duplicates across split parts are
//! dropped as the page drops them) and the accounts (a few thousand a campaign).
//!
//! The Parquet crate is native only: on wasm32 (where the CLI is only ever
//! type-checked) the command says so.

#[cfg(not(target_arch = "wasm32"))]
mod accounts;
#[cfg(not(target_arch = "wasm32"))]
mod error;
#[cfg(not(target_arch = "wasm32"))]
mod parquet;
#[cfg(not(target_arch = "wasm32"))]
mod stream;
#[cfg(not(target_arch = "wasm32"))]
mod tweets;

#[cfg(not(target_arch = "wasm32"))]
pub use stream::run;

#[cfg(target_arch = "wasm32")]
pub fn run(_: &[String]) -> Result<(), String> {
    Err("takedown export writes Parquet natively only".into())
}
