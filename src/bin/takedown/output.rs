//! How answers leave the CLI: CSV through the csv crate's writer (quoting the
//! newlines and quotes of tweet text), or JSON with each campaign's answer under
//! its name.

use serde::Serialize;
use std::io::{self, Write};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Csv,
    Json,
}

impl Format {
    pub fn parse(option: Option<&str>) -> Result<Format, String> {
        match option {
            None | Some("csv") => Ok(Format::Csv),
            Some("json") => Ok(Format::Json),
            Some(other) => Err(format!("--format {other} is not a format; give csv or json")),
        }
    }
}

/// One campaign's answer, its fields beside the campaign's name.
#[derive(Serialize)]
struct Named<'a, T: Serialize> {
    name: &'a str,
    #[serde(flatten)]
    answer: &'a T,
}

#[derive(Serialize)]
struct Campaigns<'a, T: Serialize> {
    campaigns: Vec<Named<'a, T>>,
}

/// `{"campaigns":[{"name":…, …the answer's fields}]}` on one line.
pub fn json<T: Serialize>(answers: &[(&str, T)]) -> Result<(), String> {
    let value = Campaigns { campaigns: answers.iter().map(|(name, answer)| Named { name, answer }).collect() };
    let mut out = io::BufWriter::new(io::stdout().lock());
    finish(serde_json::to_writer(&mut out, &value).map_err(io::Error::from).and_then(|()| {
        writeln!(out)?;
        out.flush()
    }))
}

/// A header line and the records, each record made only when it is written.
pub fn csv(header: &[&str], records: impl IntoIterator<Item = Vec<String>>) -> Result<(), String> {
    let mut writer = csv::Writer::from_writer(io::stdout().lock());
    let written = writer
        .write_record(header)
        .and_then(|()| records.into_iter().try_for_each(|record| writer.write_record(&record)))
        .map_err(unwrap_io)
        .and_then(|()| writer.flush());
    finish(written)
}

/// The csv crate's own conversion hides the kind of an IO error, which `finish` needs.
fn unwrap_io(error: csv::Error) -> io::Error {
    match error.into_kind() {
        csv::ErrorKind::Io(e) => e,
        other => io::Error::other(format!("{other:?}")),
    }
}

/// Text as it is (a graph file).
pub fn text(text: &str) -> Result<(), String> {
    let mut out = io::BufWriter::new(io::stdout().lock());
    finish(out.write_all(text.as_bytes()).and_then(|()| out.flush()))
}

/// A reader that stops reading early (`| head`) is no failure of ours.
fn finish(written: io::Result<()>) -> Result<(), String> {
    match written {
        Err(e) if e.kind() != io::ErrorKind::BrokenPipe => Err(format!("could not write the output: {e}")),
        _ => Ok(()),
    }
}
