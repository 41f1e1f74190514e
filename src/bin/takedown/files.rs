//! The files named on the command line: opened from disk (file-system access
//! belongs to the CLI, not `core`) and loaded into campaigns within a memory budget.

use std::io::{self, BufRead, BufReader, Read, Seek, SeekFrom};
use std::path::{Path, PathBuf};
use takedown::core::error::group_digits;
use takedown::core::ingest::{Campaign, Input, Loader};

/// Records per loader step: large enough that stepping costs nothing measurable.
pub const STEP_RECORDS: usize = 1 << 14;

/// Loads the files, printing every file's errors to stderr; an error only when
/// none of them could be read at all.
pub fn load(paths: &[PathBuf], memory_budget: usize) -> Result<Vec<Campaign>, String> {
    let mut loader = loader(paths, memory_budget);
    while loader.step(STEP_RECORDS) {}
    report(&loader, memory_budget);
    let campaigns = loader.into_campaigns();
    if campaigns.is_empty() {
        return Err("no file could be read".into());
    }
    Ok(campaigns)
}

/// A loader over the files that could be opened (the others named on stderr),
/// within the budget, rejecting tweets dated after today.
pub fn loader(paths: &[PathBuf], memory_budget: usize) -> Loader {
    let mut loader = Loader::new();
    loader.set_memory_budget(memory_budget);
    loader.set_today(today());
    for path in paths {
        match file_input(path) {
            Ok(input) => loader.add(input),
            Err(e) => eprintln!("{}: the file could not be opened: {e}", path.display()),
        }
    }
    loader
}

/// Prints every file's errors to stderr, and the remedy if the budget stopped the load.
pub fn report(loader: &Loader, memory_budget: usize) {
    for error in loader.progress().into_iter().flat_map(|file| file.errors) {
        eprintln!("{error}");
    }
    // The loader says in its own words that it stopped for memory; the remedy is the CLI's.
    if loader.stopped_for_memory() {
        let budget = match memory_budget / 1_000_000 {
            0 => format!("{} bytes", group_digits(memory_budget as u64)),
            mb => format!("{} MB", group_digits(mb as u64)),
        };
        eprintln!("the memory budget was {budget}; give more with --memory-budget SIZE (e.g. --memory-budget 8GB)");
    }
}

/// Today in days since 1970 (UTC): tweets dated later are rejected.
fn today() -> i32 {
    let seconds = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs());
    i32::try_from(seconds / 86_400).unwrap_or(i32::MAX)
}

/// Opens a file on disk as an input for the loader.
fn file_input(path: &Path) -> io::Result<Input> {
    let file = std::fs::File::open(path)?;
    let size = file.metadata()?.len();
    Ok(Input {
        name: path.display().to_string(),
        size,
        reader: Box::new(BufSeek(BufReader::with_capacity(1 << 16, file))),
    })
}

/// A buffered file whose seeks keep the buffer when they land inside it: a zip
/// member's reader seeks to its own position before every read, and that is
/// nearly always where the file already is.
struct BufSeek<R>(BufReader<R>);

impl<R: Read> Read for BufSeek<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        self.0.read(buf)
    }
}

impl<R: Read + Seek> Seek for BufSeek<R> {
    fn seek(&mut self, to: SeekFrom) -> io::Result<u64> {
        match to {
            SeekFrom::Start(target) => {
                let pos = self.0.stream_position()?;
                let buffered = self.0.buffer().len() as u64;
                if target >= pos && target - pos <= buffered {
                    self.0.consume((target - pos) as usize);
                    Ok(target)
                } else {
                    self.0.seek(to)
                }
            }
            other => self.0.seek(other),
        }
    }
}
