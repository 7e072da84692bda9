//! Writing rows as they come: CSV, JSON (one array, an object per row) or a
//! Markdown table. Nothing is held but the row being written, so a fleet of
//! any size takes the memory of one file.
//!
//! What a crafted value cannot do: in CSV and Markdown, control characters
//! and the invisible characters that reorder text are written as `\u{…}`
//! (a terminal never sees an escape sequence), and a CSV cell that starts
//! like a spreadsheet formula (`=`, `+`, `-`, `@`) gets a leading `'`, which
//! is how spreadsheets are told to take it as text. JSON keeps every value
//! exactly (its strings escape control characters).

use std::io::{self, Write};

use crate::text::visible;

use super::{COLUMNS, Cell, Column, Row};

/// The forms of the table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TableFormat {
    /// Comma-separated, a header line first; lists `;`-joined.
    Csv,
    /// A JSON array of objects; lists as arrays.
    Json,
    /// A Markdown table; lists `; `-joined.
    Markdown,
}

/// A table being written to `out`.
pub struct Table<W: Write> {
    format: TableFormat,
    columns: Vec<&'static Column>,
    out: W,
    rows: usize,
}

impl<W: Write> Table<W> {
    /// Start a table of `columns` (every column when empty): its header.
    pub fn new(format: TableFormat, columns: &[&'static Column], mut out: W) -> io::Result<Self> {
        let columns: Vec<&'static Column> = if columns.is_empty() {
            COLUMNS.iter().collect()
        } else {
            columns.to_vec()
        };
        match format {
            TableFormat::Csv => {
                let names: Vec<&str> = columns.iter().map(|c| c.name).collect();
                csv_line(&mut out, &names)?;
            }
            TableFormat::Json => out.write_all(b"[")?,
            TableFormat::Markdown => {
                let names: Vec<&str> = columns.iter().map(|c| c.name).collect();
                writeln!(out, "| {} |", names.join(" | "))?;
                writeln!(out, "|{}", "---|".repeat(columns.len()))?;
            }
        }
        Ok(Table {
            format,
            columns,
            out,
            rows: 0,
        })
    }

    /// Write one row.
    pub fn row(&mut self, row: &Row) -> io::Result<()> {
        let cells: Vec<Cell> = self.columns.iter().map(|c| (c.cell)(row)).collect();
        match self.format {
            TableFormat::Csv => {
                let texts: Vec<String> = cells.iter().map(|c| csv_cell(c, ";")).collect();
                csv_line(&mut self.out, &texts)?;
            }
            TableFormat::Json => {
                let mut object = String::from(if self.rows == 0 { "\n  {" } else { ",\n  {" });
                for (i, (column, cell)) in self.columns.iter().zip(&cells).enumerate() {
                    if i > 0 {
                        object.push_str(", ");
                    }
                    object.push_str(&json(column.name));
                    object.push_str(": ");
                    object.push_str(&json_cell(cell));
                }
                object.push('}');
                self.out.write_all(object.as_bytes())?;
            }
            TableFormat::Markdown => {
                let texts: Vec<String> = cells.iter().map(markdown_cell).collect();
                writeln!(self.out, "| {} |", texts.join(" | "))?;
            }
        }
        self.rows = self.rows.saturating_add(1);
        Ok(())
    }

    /// End the table; the writer back.
    pub fn finish(mut self) -> io::Result<W> {
        if self.format == TableFormat::Json {
            self.out
                .write_all(if self.rows == 0 { b"]\n" } else { b"\n]\n" })?;
        }
        self.out.flush()?;
        Ok(self.out)
    }
}

fn csv_line<S: AsRef<str>>(out: &mut impl Write, fields: &[S]) -> io::Result<()> {
    let mut line = String::new();
    for (i, field) in fields.iter().enumerate() {
        if i > 0 {
            line.push(',');
        }
        let field = field.as_ref();
        if field.contains([',', '"', '\n', '\r']) || field.starts_with(' ') || field.ends_with(' ')
        {
            line.push('"');
            line.push_str(&field.replace('"', "\"\""));
            line.push('"');
        } else {
            line.push_str(field);
        }
    }
    line.push_str("\r\n");
    out.write_all(line.as_bytes())
}

fn plain(cell: &Cell, join: &str) -> String {
    match cell {
        Cell::Text(text) => text.clone(),
        Cell::List(items) => items.join(join),
        Cell::Flag(true) => "yes".to_owned(),
        Cell::Flag(false) => "no".to_owned(),
        Cell::Count(n) => n.to_string(),
    }
}

fn csv_cell(cell: &Cell, join: &str) -> String {
    let text = visible(&plain(cell, join)).into_owned();
    if text.starts_with(['=', '+', '-', '@', '\t']) {
        format!("'{text}")
    } else {
        text
    }
}

fn markdown_cell(cell: &Cell) -> String {
    let text = visible(&plain(cell, "; ")).into_owned();
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            // what Markdown reads as markup (a backslash too: `\\fs01`
            // would show as `\fs01`), escaped the CommonMark way
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '#' | '~' | '&' | '!' => {
                out.push('\\');
                out.push(c);
            }
            '\t' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

fn json(text: &str) -> String {
    serde_json::Value::String(text.to_owned()).to_string()
}

fn json_cell(cell: &Cell) -> String {
    match cell {
        Cell::Text(text) => json(text),
        Cell::List(items) => format!(
            "[{}]",
            items.iter().map(|i| json(i)).collect::<Vec<_>>().join(", ")
        ),
        Cell::Flag(b) => b.to_string(),
        Cell::Count(n) => n.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::inventory::{Account, column};

    fn row() -> Row {
        Row {
            file: "a,b.reg".into(),
            root: "Office 16.0".into(),
            profile: "=cmd|' /C calc'!A0".into(),
            default: true,
            accounts: vec![
                Account {
                    kind: "POP3".into(),
                    name: "one\u{1b}[31m".into(),
                    ..Account::default()
                },
                Account {
                    kind: "IMAP".into(),
                    name: "two \"q\"".into(),
                    ..Account::default()
                },
            ],
            ..Row::default()
        }
    }

    fn columns() -> Vec<&'static Column> {
        ["file", "profile", "default", "account_names", "errors"]
            .iter()
            .filter_map(|n| column(n))
            .collect()
    }

    fn written(format: TableFormat, rows: &[Row]) -> String {
        let mut table = Table::new(format, &columns(), Vec::new()).unwrap();
        for row in rows {
            table.row(row).unwrap();
        }
        String::from_utf8(table.finish().unwrap()).unwrap()
    }

    #[test]
    fn csv_quotes_neutralises_formulas_and_shows_escapes() {
        assert_eq!(
            written(TableFormat::Csv, &[row()]),
            "file,profile,default,account_names,errors\r\n\
             \"a,b.reg\",'=cmd|' /C calc'!A0,yes,\"one\\u{1b}[31m;two \"\"q\"\"\",0\r\n"
        );
    }

    #[test]
    fn json_keeps_values_exactly() {
        let text = written(TableFormat::Json, &[row(), Row::default()]);
        let value: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(value[0]["profile"], "=cmd|' /C calc'!A0");
        assert_eq!(value[0]["account_names"][0], "one\u{1b}[31m");
        assert_eq!(value[0]["default"], true);
        assert_eq!(value[1]["account_names"], serde_json::json!([]));
        assert_eq!(written(TableFormat::Json, &[]), "[]\n");
    }

    #[test]
    fn markdown_escapes_pipes_and_markup() {
        let text = written(TableFormat::Markdown, &[row()]);
        let last = text.lines().last().unwrap();
        assert_eq!(
            last,
            "| a,b.reg | =cmd\\|' /C calc'\\!A0 | yes | one\\\\u{1b}\\[31m; two \"q\" | 0 |"
        );
        assert!(text.starts_with("| file | profile |"));
    }

    #[test]
    fn explode_gives_a_row_per_account() {
        let rows = row().explode();
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[1].accounts[0].kind, "IMAP");
        assert_eq!(rows[1].profile, rows[0].profile);
        assert_eq!(Row::default().explode().len(), 1);
    }
}
