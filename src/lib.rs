//! Takedown Explorer opens Twitter's information-operations archives in the browser.
//!
//! Data flow: the page hands `File` handles to a Web Worker (`worker`), which reads
//! them in slices through [`core::ingest::Loader`] into columnar
//! [`core::store::Store`]s, one per campaign, and sends back progress and a small
//! [`core::summary::Summary`]; the Yew page (`ui`) asks the worker for every later
//! page of data. The native `takedown` CLI runs the same `core`.

pub mod core;
pub mod raster;
pub mod synth;
pub mod worker;

#[cfg(target_arch = "wasm32")]
pub mod ui;
