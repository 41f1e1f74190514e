//! Fields of the CSV files the page and the CLI write for people to open.

/// A CSV field, quoted. Text a person wrote that starts with = + - @ would run
/// as a formula in a spreadsheet, so it gets a leading `'`; ids are left
/// exact (`guard` false): a hash starting with `+` is no formula, and an
/// export must match the release byte for byte.
pub(crate) fn csv_field(value: &str, guard: bool) -> String {
    let guarded =
        if guard && value.starts_with(['=', '+', '-', '@']) { format!("'{value}") } else { value.to_string() };
    format!("\"{}\"", guarded.replace('"', "\"\""))
}
