//! Pure Rust: reading release files into campaigns and answering questions about
//! them. No browser crate may appear here (the test command checks), so all of it
//! runs and is tested natively.

pub mod account_table;
pub mod by_author;
pub mod by_day;
pub mod campaign;
pub mod chart;
pub mod compare;
pub mod coord;
pub mod csv_text;
pub mod error;
pub mod fold;
pub mod glossary;
pub mod gzip;
mod inflate;
pub mod ingest;
pub mod interner;
pub mod lesson;
pub mod live;
pub mod newest_first;
pub mod query;
pub mod records;
pub mod report;
mod room;
pub mod rows;
pub mod scan;
pub mod schema;
pub mod search;
pub mod side_by_side;
mod sieve;
pub mod store;
pub mod summary;
pub mod text_arena;
pub mod time;
pub mod view;
pub mod zip;
