//! wasm-bindgen tests in a real dedicated worker of headless Chromium: browser
//! `File`s read through `FileReaderSync` slices into the loader.
#![cfg(target_arch = "wasm32")]

use js_sys::{Array, Uint8Array};
use std::io::{Read, Seek, SeekFrom, Write};
use std::rc::Rc;
use takedown::core::ingest::{Input, Loader};
use takedown::core::summary::summarize;
use takedown::worker::file_source::{FileSource, SliceReader};
use wasm_bindgen_test::*;
use web_sys::File;

wasm_bindgen_test_configure!(run_in_dedicated_worker);

fn browser_file(name: &str, bytes: &[u8]) -> File {
    let parts = Array::of1(&Uint8Array::from(bytes));
    File::new_with_u8_array_sequence(&parts, name).expect("the browser makes a File from bytes")
}

fn synthetic(rows: usize) -> Vec<u8> {
    let mut bytes = Vec::new();
    takedown::synth::write_tweets(&mut bytes, &takedown::synth::Spec::benchmark(rows, 40, 11)).unwrap();
    bytes
}

#[wasm_bindgen_test]
fn a_file_reads_and_seeks_like_its_bytes() {
    let bytes: Vec<u8> = (0..10_000_000u32).map(|i| (i % 251) as u8).collect();
    let (mut source, _) = FileSource::open(browser_file("x.bin", &bytes), None).unwrap();
    let mut head = vec![0; 100];
    source.read_exact(&mut head).unwrap();
    assert_eq!(head, bytes[..100]);
    // Across the 8 MiB slice boundary, then back before it.
    source.seek(SeekFrom::Start(8_388_600)).unwrap();
    let mut across = vec![0; 10];
    source.read_exact(&mut across).unwrap();
    assert_eq!(across, bytes[8_388_600..8_388_610]);
    source.seek(SeekFrom::End(-3)).unwrap();
    let mut tail = Vec::new();
    source.read_to_end(&mut tail).unwrap();
    assert_eq!(tail, bytes[bytes.len() - 3..]);
    assert!(source.seek(SeekFrom::Current(-100_000_000)).is_err());
}

/// Reads a whole `FileSource` as the worker's run loop does, topping up between reads.
async fn read_with_read_ahead(bytes: &[u8], script: &str) -> Vec<u8> {
    let slice_reader = SliceReader::start(script).map(Rc::new);
    assert!(slice_reader.is_some());
    let (mut source, read_ahead) = FileSource::open(browser_file("y.bin", bytes), slice_reader).unwrap();
    let (mut read, mut chunk) = (Vec::new(), vec![0; 1 << 20]);
    loop {
        read_ahead.top_up().await;
        match source.read(&mut chunk).unwrap() {
            0 => return read,
            n => read.extend_from_slice(&chunk[..n]),
        }
    }
}

#[wasm_bindgen_test]
async fn a_reader_worker_that_fails_or_falls_silent_does_not_stall_the_read_ahead() {
    let bytes: Vec<u8> = (0..20_000_000u32).map(|i| (i % 253) as u8).collect();
    // One that dies at once and one that never answers: either way the slices
    // asked of it are read in place.
    assert!(read_with_read_ahead(&bytes, "data:text/javascript,throw new Error('no reader here')").await == bytes);
    assert!(read_with_read_ahead(&bytes, "data:text/javascript,onmessage = () => {}").await == bytes);
}

#[wasm_bindgen_test]
fn browser_files_load_into_the_same_campaign_as_native_bytes() {
    let csv = synthetic(3000);
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    gz.write_all(&csv).unwrap();
    let gz = gz.finish().unwrap();
    let load = |inputs: Vec<Input>| {
        let mut loader = Loader::new();
        inputs.into_iter().for_each(|i| loader.add(i));
        while loader.step(500) {}
        let mut summaries: Vec<_> = loader.into_campaigns().iter().map(summarize).collect();
        // The two inputs differ only in their file names.
        summaries.iter_mut().for_each(|s| s.files.clear());
        summaries
    };
    let from_files = load(vec![Input {
        name: "synthetic_tweets_csv_hashed.csv.gz".into(),
        size: gz.len() as u64,
        reader: FileSource::open(browser_file("synthetic_tweets_csv_hashed.csv.gz", &gz), None).unwrap().0,
    }]);
    let from_bytes = load(vec![takedown::core::ingest::memory_input("synthetic_tweets_csv_hashed.csv", csv)]);
    assert_eq!(from_files[0].tweets, 3000);
    assert_eq!(from_files, from_bytes);
}
