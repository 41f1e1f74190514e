//! The Web Worker that owns the data: it reads the chosen files in slices, keeps
//! the campaigns, and answers the page's requests one small message at a time.

pub mod protocol;

#[cfg(target_arch = "wasm32")]
mod coordination;
#[cfg(target_arch = "wasm32")]
pub mod file_source;
#[cfg(target_arch = "wasm32")]
mod prepare;
#[cfg(target_arch = "wasm32")]
pub mod runtime;
#[cfg(target_arch = "wasm32")]
mod search;
