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

/// A field as the CLI's CSV writer writes it: quoted only where it must be
/// (a comma, a quote or a line break in it), nothing guarded.
pub fn minimal_field(text: &str) -> String {
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_string()
    }
}
