//! Parquet plumbing shared by the tweets and accounts tables: a table names its
//! columns and gives one column's values for a range of rows; a part is written
//! row group by row group and column by column through the parquet crate's
//! low-level column writers, so that no more than one column of one row group
//! is held beside what the writer encodes.

use super::error::ExportError;
use parquet::basic::{Compression, ZstdLevel};
use parquet::data_type::{BoolType, ByteArray, ByteArrayType, Int32Type, Int64Type};
use parquet::errors::ParquetError;
use parquet::file::metadata::SortingColumn;
use parquet::file::properties::{EnabledStatistics, WriterProperties, WriterVersion};
use parquet::file::writer::SerializedFileWriter;
use parquet::schema::parser::parse_message_type;
use parquet::schema::types::ColumnPath;
use std::borrow::Cow;
use std::fs::File;
use std::io::BufWriter;
use std::ops::Range;
use std::path::Path;
use std::sync::Arc;

/// How a column is stored, and what a reader sees.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Physical {
    /// INT64, nullable.
    Int64,
    /// INT64 TIMESTAMP(MICROS, UTC), nullable.
    Timestamp,
    /// INT32 DATE (days since 1970), nullable.
    Date,
    /// BOOLEAN, nullable.
    Bool,
    /// BYTE_ARRAY STRING, nullable.
    Str,
    /// BYTE_ARRAY STRING, nullable: free text, whose minimum and maximum
    /// would tell a reader nothing, so none are kept.
    Text,
    /// LIST of STRING (the three-level form readers expect); never null, maybe empty.
    StrList,
}

/// One column of a table: its name, how it is stored, whether its values are
/// few enough for a dictionary, and what it holds (the README's table).
#[derive(Debug, Clone, Copy)]
pub struct Column {
    pub name: &'static str,
    pub physical: Physical,
    pub dictionary: bool,
    pub doc: &'static str,
}

impl Column {
    fn schema_line(&self) -> String {
        let name = self.name;
        match self.physical {
            Physical::Int64 => format!("OPTIONAL INT64 {name};"),
            Physical::Timestamp => format!("OPTIONAL INT64 {name} (TIMESTAMP(MICROS,true));"),
            Physical::Date => format!("OPTIONAL INT32 {name} (DATE);"),
            Physical::Bool => format!("OPTIONAL BOOLEAN {name};"),
            Physical::Str | Physical::Text => format!("OPTIONAL BYTE_ARRAY {name} (STRING);"),
            Physical::StrList => format!(
                "OPTIONAL group {name} (LIST) {{ repeated group list {{ OPTIONAL BYTE_ARRAY element (STRING); }} }}"
            ),
        }
    }

    /// The column as the README's table writes it: name, type, what it holds.
    pub fn table_row(&self) -> String {
        let kind = match self.physical {
            Physical::Int64 => "INT64",
            Physical::Timestamp => "TIMESTAMP (MICROS, UTC)",
            Physical::Date => "DATE",
            Physical::Bool => "BOOLEAN",
            Physical::Str | Physical::Text => "STRING",
            Physical::StrList => "LIST<STRING>",
        };
        let dictionary = if self.dictionary { ", dictionary" } else { "" };
        format!("| `{}` | {kind}{dictionary} | {} |", self.name, self.doc)
    }

    /// The path of the leaf that holds the values.
    fn leaf(&self) -> ColumnPath {
        match self.physical {
            Physical::StrList => ColumnPath::from(vec![self.name.to_string(), "list".into(), "element".into()]),
            _ => ColumnPath::from(self.name),
        }
    }
}

/// One column's values for one row group.
pub enum Values {
    Int64(Vec<Option<i64>>),
    Int32(Vec<Option<i32>>),
    Bool(Vec<Option<bool>>),
    Str(Strings),
    List(Lists),
}

/// Nullable strings in one buffer: one allocation per column and row group.
#[derive(Default)]
pub struct Strings {
    bytes: Vec<u8>,
    spans: Vec<Option<Range<usize>>>,
}

impl Strings {
    /// A string (bytes that are not UTF-8 replaced, as Parquet's STRING must be), or null.
    pub fn push(&mut self, value: Option<&[u8]>) {
        let span = value.map(|v| {
            let start = self.bytes.len();
            self.bytes.extend_from_slice(utf8(v).as_bytes());
            start..self.bytes.len()
        });
        self.spans.push(span);
    }

    /// Text already checked (a Rust string), or null where it is empty.
    pub fn push_text(&mut self, value: &str) {
        let span = (!value.is_empty()).then(|| {
            self.bytes.extend_from_slice(value.as_bytes());
            self.bytes.len() - value.len()..self.bytes.len()
        });
        self.spans.push(span);
    }

    /// A string, or null where it is empty.
    pub fn push_nonempty(&mut self, value: &[u8]) {
        self.push(Some(value).filter(|v| !v.is_empty()));
    }
}

/// The bytes as text: checked with the standard library's fast validation,
/// and only where that fails copied with replacement characters.
pub fn utf8(bytes: &[u8]) -> Cow<'_, str> {
    match std::str::from_utf8(bytes) {
        Ok(text) => Cow::Borrowed(text),
        Err(_) => String::from_utf8_lossy(bytes),
    }
}

/// A list of strings per row, in one buffer.
#[derive(Default)]
pub struct Lists {
    items: Strings,
    /// Row i's items are `items.spans[ends[i - 1]..ends[i]]`.
    ends: Vec<usize>,
}

impl Lists {
    pub fn push_item(&mut self, item: &[u8]) {
        self.items.push(Some(item));
    }

    /// Closes the row the items pushed since the last call belong to.
    pub fn end_row(&mut self) {
        self.ends.push(self.items.spans.len());
    }
}

/// A table of rows that a part writes: its columns, and one column's values
/// for a range of its rows.
pub trait Table {
    fn columns(&self) -> &'static [Column];
    fn rows(&self) -> usize;
    fn values(&self, column: usize, rows: Range<usize>) -> Values;
}

/// How the pages are compressed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Codec {
    Snappy,
    Zstd,
}

impl Codec {
    pub fn parse(name: &str) -> Result<Codec, ExportError> {
        match name {
            "snappy" => Ok(Codec::Snappy),
            "zstd" => Ok(Codec::Zstd),
            other => Err(ExportError::Codec(other.to_string())),
        }
    }

    fn compression(self) -> Compression {
        match self {
            Codec::Snappy => Compression::SNAPPY,
            Codec::Zstd => Compression::ZSTD(ZstdLevel::default()),
        }
    }
}

/// How a part is written: the codec, rows per row group, and the column each
/// row group is sorted by (recorded in the file's metadata), if any.
#[derive(Debug, Clone, Copy)]
pub struct Layout {
    pub codec: Codec,
    pub row_group_rows: usize,
    pub sorted_by: Option<usize>,
}

/// The message type of a table's columns, as Parquet's schema text writes it.
pub fn message_type(name: &str, columns: &[Column]) -> String {
    let lines: Vec<String> = columns.iter().map(Column::schema_line).collect();
    format!("message {name} {{ {} }}", lines.join(" "))
}

/// Writes `table` to `path` as one Parquet file.
pub fn write_part(path: &Path, name: &str, table: &impl Table, layout: Layout) -> Result<(), ExportError> {
    let failed = |error: ParquetError| ExportError::Parquet { path: path.to_path_buf(), error: error.to_string() };
    let columns = table.columns();
    let schema = Arc::new(parse_message_type(&message_type(name, columns)).map_err(failed)?);
    let file = File::create(path).map_err(|error| ExportError::Io { path: path.to_path_buf(), error })?;
    let mut writer =
        SerializedFileWriter::new(BufWriter::new(file), schema, properties(columns, layout)).map_err(failed)?;
    let mut start = 0;
    while start < table.rows() {
        let end = table.rows().min(start + layout.row_group_rows.max(1));
        let mut group = writer.next_row_group().map_err(failed)?;
        for (index, column) in columns.iter().enumerate() {
            let mut sink = group.next_column().map_err(failed)?.ok_or_else(|| ExportError::Parquet {
                path: path.to_path_buf(),
                error: format!("the schema has no column {}", column.name),
            })?;
            write_values(&mut sink, table.values(index, start..end)).map_err(failed)?;
            sink.close().map_err(failed)?;
        }
        group.close().map_err(failed)?;
        start = end;
    }
    writer.close().map_err(failed)?;
    Ok(())
}

fn properties(columns: &[Column], layout: Layout) -> Arc<WriterProperties> {
    let mut builder = WriterProperties::builder()
        .set_writer_version(WriterVersion::PARQUET_1_0)
        .set_compression(layout.codec.compression())
        .set_created_by(format!("takedown export {}", env!("CARGO_PKG_VERSION")))
        .set_sorting_columns(
            layout
                .sorted_by
                .map(|column| vec![SortingColumn { column_idx: column as i32, descending: false, nulls_first: true }]),
        );
    for column in columns {
        builder = builder.set_column_dictionary_enabled(column.leaf(), column.dictionary);
        if column.physical == Physical::Text {
            builder = builder.set_column_statistics_enabled(column.leaf(), EnabledStatistics::None);
        }
    }
    Arc::new(builder.build())
}

/// Definition levels and the present values of a nullable column.
fn split<T: Copy>(values: &[Option<T>]) -> (Vec<T>, Vec<i16>) {
    let defs = values.iter().map(|v| i16::from(v.is_some())).collect();
    (values.iter().flatten().copied().collect(), defs)
}

fn write_values(sink: &mut parquet::file::writer::SerializedColumnWriter, values: Values) -> Result<(), ParquetError> {
    match values {
        Values::Int64(v) => {
            let (present, defs) = split(&v);
            sink.typed::<Int64Type>().write_batch(&present, Some(&defs), None)?;
        }
        Values::Int32(v) => {
            let (present, defs) = split(&v);
            sink.typed::<Int32Type>().write_batch(&present, Some(&defs), None)?;
        }
        Values::Bool(v) => {
            let (present, defs) = split(&v);
            sink.typed::<BoolType>().write_batch(&present, Some(&defs), None)?;
        }
        Values::Str(strings) => {
            let defs: Vec<i16> = strings.spans.iter().map(|s| i16::from(s.is_some())).collect();
            sink.typed::<ByteArrayType>().write_batch(&byte_arrays(strings), Some(&defs), None)?;
        }
        Values::List(lists) => {
            let (defs, reps) = list_levels(&lists.ends);
            sink.typed::<ByteArrayType>().write_batch(&byte_arrays(lists.items), Some(&defs), Some(&reps))?;
        }
    }
    Ok(())
}

/// The present strings as byte arrays sharing the column's one buffer.
fn byte_arrays(strings: Strings) -> Vec<ByteArray> {
    let buffer = bytes::Bytes::from(strings.bytes);
    strings.spans.into_iter().flatten().map(|span| ByteArray::from(buffer.slice(span))).collect()
}

/// Levels of a list column whose lists are never null and items never null:
/// an empty list is one entry at definition level 1, an item one at level 3;
/// the first item of a row repeats at level 0, the others at 1.
fn list_levels(ends: &[usize]) -> (Vec<i16>, Vec<i16>) {
    let (mut defs, mut reps) = (Vec::new(), Vec::new());
    let mut start = 0;
    for &end in ends {
        if end == start {
            defs.push(1);
            reps.push(0);
        }
        for item in start..end {
            defs.push(3);
            reps.push(i16::from(item > start));
        }
        start = end;
    }
    (defs, reps)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn list_levels_mark_empty_lists_and_repeated_items() {
        // Rows: [], [a, b], [c], [].
        assert_eq!(list_levels(&[0, 2, 3, 3]), (vec![1, 3, 3, 3, 1], vec![0, 0, 1, 0, 0]));
    }

    #[test]
    fn message_types_parse() {
        let columns = [
            Column { name: "a", physical: Physical::Int64, dictionary: false, doc: "" },
            Column { name: "b", physical: Physical::Timestamp, dictionary: false, doc: "" },
            Column { name: "c", physical: Physical::Date, dictionary: false, doc: "" },
            Column { name: "d", physical: Physical::Bool, dictionary: false, doc: "" },
            Column { name: "e", physical: Physical::Str, dictionary: true, doc: "" },
            Column { name: "f", physical: Physical::StrList, dictionary: true, doc: "" },
        ];
        let schema = parse_message_type(&message_type("t", &columns)).expect("the schema text parses");
        assert_eq!(schema.get_fields().len(), 6);
    }
}
