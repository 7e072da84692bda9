//! Templates filled from rows of variables: the rows of a CSV file (header
//! names the variables) or the items of a YAML/JSON list of mappings, and a
//! minijinja template rendered once per row, strictly: a variable the row
//! lacks is an error naming the variable and the row. `%UserName%` and
//! `{$x}` placeholders of `.prf` files are not template syntax and pass
//! through. Reading and writing files is the caller's business.
//!
//! Variables are escaped for the form of the template, as HTML templates
//! escape by default: a value cannot add a line, a key or a section the
//! template did not have. In a `.reg`, `\` and `"` get a backslash (a
//! variable stands in a quoted string) and a line break or NUL is refused;
//! in a `.prf` a line break or NUL is refused; in YAML a value that could
//! be read as structure is written as a quoted scalar. `|safe` inserts a
//! value as it is.

use minijinja::syntax::SyntaxConfig;
use minijinja::{
    AutoEscape, Environment, Error, ErrorKind, Output, State, UndefinedBehavior, Value,
};
use serde_json::Map;
use thiserror::Error;

use crate::Format;
use crate::yaml::{self, Y};

/// One row of variables and where it came from (`row 3` of a CSV, `item 2`
/// of a list).
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// For messages.
    pub label: String,
    /// The variables.
    pub vars: Map<String, serde_json::Value>,
    /// Why the row cannot be rendered, e.g. a CSV record shorter than the
    /// header: it fails alone.
    pub problem: Option<String>,
}

/// Why rows cannot be read or a row cannot be rendered.
#[derive(Debug, Error)]
pub enum RenderError {
    /// A YAML template that puts a variable in quotes, e.g.
    /// `port: "{{ port }}"`: mapiprof quotes a value itself where it needs
    /// to, and a value quoted twice does not read (the template line).
    #[error(
        "template line {0}: write {{{{ … }}}} without quotes around it in a YAML template; \
         mapiprof quotes each value as it needs"
    )]
    QuotedVariable(usize),
    /// A CSV file that does not parse, e.g. a quote left open.
    #[error(transparent)]
    Csv(csv::Error),
    /// A CSV header that is one column holding another delimiter, e.g.
    /// `user;site` read with `,`.
    #[error(
        "the CSV header is one column {header:?}: are its fields separated by {delimiter:?}? give --delimiter '{delimiter}'"
    )]
    OneColumn {
        /// The header as read.
        header: String,
        /// The delimiter it holds.
        delimiter: char,
    },
    /// A row that cannot be rendered as read, e.g. a short CSV record.
    #[error("{row}: {problem}")]
    BadRow {
        /// The row.
        row: String,
        /// What is wrong with it.
        problem: String,
    },
    /// A variables file that is neither JSON nor YAML, e.g. `[a`.
    #[error("the variables are not YAML: {0}")]
    NotYaml(yaml::YamlError),
    /// Variables that are not a list, e.g. a mapping.
    #[error("the variables must be a list of mappings")]
    NotAList,
    /// An item of the list that is not a mapping, e.g. `- 1` (the item's
    /// number, from 1).
    #[error("item {0} of the variables is not a mapping")]
    NotAMapping(usize),
    /// A template that does not parse, e.g. `{{ unclosed`. The message says
    /// all of minijinja's error, with the line in the template, so it is not
    /// also a cause.
    #[error("template: {}", describe(.0))]
    Template(minijinja::Error),
    /// A row that leaves a variable undefined.
    #[error("{row}: undefined variable {name}{}", line.map(|l| format!(" (template line {l})")).unwrap_or_default())]
    Undefined {
        /// The row.
        row: String,
        /// The variable.
        name: String,
        /// Where the template uses it.
        line: Option<usize>,
    },
    /// A value that would start a new line of the file, e.g. a CSV cell
    /// holding a line break inserted into a `.reg` string.
    #[error(
        "{row}, variable {variables}{}: {}",
        error.line().map(|l| format!(", template line {l}")).unwrap_or_default(),
        error.detail().unwrap_or_default()
    )]
    Unsafe {
        /// The row.
        row: String,
        /// The variables (CSV columns) holding a line break or NUL.
        variables: String,
        /// Where in the template, and why.
        error: minijinja::Error,
    },
    /// Any other rendering error, e.g. `{{ port + 1 }}` where `port` is
    /// text. As with [`RenderError::Template`], the message says all of it.
    #[error("{row}: {}", describe(error))]
    Row {
        /// The row.
        row: String,
        /// What went wrong.
        error: minijinja::Error,
    },
}

/// The delimiters a CSV file is sniffed for: what Excel writes in most
/// locales (`,`), where the decimal separator is a comma (`;`), and
/// tab-separated text.
pub const CSV_DELIMITERS: [char; 3] = [',', ';', '\t'];

/// The rows of a CSV text: one per record, the header's names as variables.
/// The fields are separated by `delimiter`, or else by whichever of
/// [`CSV_DELIMITERS`] the header line holds most often (outside quotes). A
/// record with more or fewer fields than the header is a row that fails
/// alone.
pub fn csv_rows(text: &str, delimiter: Option<char>) -> Result<Vec<Row>, RenderError> {
    let delimiter = delimiter.unwrap_or_else(|| sniff(text));
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .delimiter(u8::try_from(delimiter).unwrap_or(b','))
        .from_reader(text.as_bytes());
    let headers = reader.headers().map_err(RenderError::Csv)?.clone();
    if let [header] = headers.iter().collect::<Vec<_>>()[..]
        && let Some(other) = CSV_DELIMITERS
            .into_iter()
            .find(|&d| d != delimiter && header.contains(d))
    {
        return Err(RenderError::OneColumn {
            header: header.to_owned(),
            delimiter: other,
        });
    }
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = record.map_err(RenderError::Csv)?;
        let line = record.position().map_or(0, csv::Position::line);
        let vars = headers
            .iter()
            .zip(record.iter())
            .map(|(k, v)| (k.trim().to_owned(), serde_json::Value::String(v.to_owned())))
            .collect();
        let problem = (record.len() != headers.len()).then(|| {
            let fields = if record.len() == 1 { "field" } else { "fields" };
            format!(
                "{} {fields}, and the header has {}",
                record.len(),
                headers.len()
            )
        });
        rows.push(Row {
            label: format!("row {} (line {line})", rows.len().saturating_add(1)),
            vars,
            problem,
        });
    }
    Ok(rows)
}

/// Whether template line `text` uses the variable `name` (as a whole word).
fn mentions(text: &str, name: &str) -> bool {
    let word = |c: char| c.is_alphanumeric() || c == '_';
    text.match_indices(name).any(|(at, _)| {
        let before = text.get(..at).and_then(|t| t.chars().next_back());
        let after = text
            .get(at.saturating_add(name.len())..)
            .and_then(|t| t.chars().next());
        !before.is_some_and(word) && !after.is_some_and(word)
    })
}

/// The delimiter of [`CSV_DELIMITERS`] the first line of `text` holds most
/// often outside quotes; `,` when it holds none.
fn sniff(text: &str) -> char {
    let header = text.lines().next().unwrap_or_default();
    let mut quoted = false;
    let mut counts = [0usize; CSV_DELIMITERS.len()];
    for c in header.chars() {
        if c == '"' {
            quoted = !quoted;
        } else if !quoted
            && let Some(n) = CSV_DELIMITERS
                .iter()
                .position(|&d| d == c)
                .and_then(|i| counts.get_mut(i))
        {
            *n = n.saturating_add(1);
        }
    }
    CSV_DELIMITERS
        .into_iter()
        .zip(counts)
        .rev()
        .max_by_key(|&(_, n)| n)
        .filter(|&(_, n)| n > 0)
        .map_or(',', |(d, _)| d)
}

/// The rows of a YAML or JSON text holding a list of mappings.
pub fn data_rows(text: &str) -> Result<Vec<Row>, RenderError> {
    let items: Vec<serde_json::Value> = match serde_json::from_str(text) {
        Ok(items) => items,
        Err(_) => match yaml::parse_fragment(text).map_err(RenderError::NotYaml)? {
            Y::Seq(items) => items.iter().map(json_of).collect(),
            _ => return Err(RenderError::NotAList),
        },
    };
    items
        .into_iter()
        .enumerate()
        .map(|(i, item)| match item {
            serde_json::Value::Object(vars) => Ok(Row {
                label: format!("item {}", i.saturating_add(1)),
                vars,
                problem: None,
            }),
            _ => Err(RenderError::NotAMapping(i.saturating_add(1))),
        })
        .collect()
}

/// A YAML value as the JSON value a template sees.
fn json_of(y: &Y) -> serde_json::Value {
    use serde_json::Value;
    match y {
        Y::Null => Value::Null,
        Y::Bool(b) => Value::Bool(*b),
        Y::Int(n) => i64::try_from(*n)
            .map(Value::from)
            .or_else(|_| u64::try_from(*n).map(Value::from))
            .unwrap_or_else(|_| Value::String(n.to_string())),
        Y::Float(f) => Value::from(*f),
        Y::Str(s) | Y::Lit(s) => Value::String(s.clone()),
        Y::Hex(bytes) => Value::String(yaml::hex_text(bytes)),
        Y::Seq(items) => Value::Array(items.iter().map(json_of).collect()),
        Y::Map(entries) => Value::Object(
            entries
                .iter()
                .map(|(k, v)| (k.clone(), json_of(v)))
                .collect(),
        ),
    }
}

/// A template and an optional name template, ready to render rows.
pub struct Renderer {
    env: Environment<'static>,
}

impl Renderer {
    /// Compile `template`, a file of form `form` (its variables escaped
    /// for that form), and `name` (the output file name template, not
    /// escaped: the caller checks the name).
    pub fn new(template: &str, name: &str, form: Format) -> Result<Renderer, RenderError> {
        if form == Format::Yaml
            && let Some(line) = quoted_variable(template)
        {
            return Err(RenderError::QuotedVariable(line));
        }
        let mut env = Environment::new();
        env.set_undefined_behavior(UndefinedBehavior::Strict);
        env.set_auto_escape_callback(move |id| match id {
            "template" => AutoEscape::Custom(form.name().into()),
            _ => AutoEscape::None,
        });
        env.set_formatter(format_value);
        let syntax = SyntaxConfig::builder()
            .keep_trailing_newline(true)
            .build()
            .map_err(RenderError::Template)?;
        env.set_syntax(syntax);
        for (id, source) in [("template", template), ("name", name)] {
            env.add_template_owned(id.to_owned(), source.to_owned())
                .map_err(RenderError::Template)?;
        }
        Ok(Renderer { env })
    }

    /// The output name and text of `row`.
    pub fn render(&self, row: &Row) -> Result<(String, String), RenderError> {
        if let Some(problem) = &row.problem {
            return Err(RenderError::BadRow {
                row: row.label.clone(),
                problem: problem.clone(),
            });
        }
        Ok((self.one("name", row)?, self.one("template", row)?))
    }

    fn one(&self, id: &str, row: &Row) -> Result<String, RenderError> {
        let template = self.env.get_template(id).map_err(RenderError::Template)?;
        template
            .render(Value::from(minijinja::value::Serde(&row.vars)))
            .map_err(|e| {
                if e.kind() == ErrorKind::UndefinedError {
                    let mut missing: Vec<String> = template
                        .undeclared_variables(false)
                        .into_iter()
                        .filter(|v| !row.vars.contains_key(v))
                        .collect();
                    missing.sort();
                    // the one the failing line uses, when it is clear
                    let line = e
                        .line()
                        .and_then(|l| template.source().lines().nth(l.saturating_sub(1)));
                    let used = line.and_then(|text| missing.iter().find(|v| mentions(text, v)));
                    let name = used
                        .cloned()
                        .or_else(|| (!missing.is_empty()).then(|| missing.join(", ")));
                    if let Some(name) = name {
                        return RenderError::Undefined {
                            row: row.label.clone(),
                            name,
                            line: e.line(),
                        };
                    }
                }
                if e.kind() == ErrorKind::InvalidOperation
                    && e.detail().is_some_and(|d| d.contains(STARTS_A_LINE))
                {
                    // the variables that can have done it: those holding a
                    // line break or NUL
                    let culprits: Vec<&str> = row
                        .vars
                        .iter()
                        .filter(|(_, v)| v.as_str().is_some_and(|s| s.contains(['\r', '\n', '\0'])))
                        .map(|(k, _)| k.as_str())
                        .collect();
                    if !culprits.is_empty() {
                        return RenderError::Unsafe {
                            row: row.label.clone(),
                            variables: culprits.join(", "),
                            error: e,
                        };
                    }
                }
                RenderError::Row {
                    row: row.label.clone(),
                    error: e,
                }
            })
    }
}

/// What the refusal of a value with a line break says.
const STARTS_A_LINE: &str = "would start a new line";

/// The first line (from 1) where a variable stands right inside quotes
/// (`"{{ x }}"`, `'{{ x }}'`).
fn quoted_variable(template: &str) -> Option<usize> {
    template
        .lines()
        .position(|line| {
            ['"', '\''].iter().any(|q| {
                line.match_indices(*q).any(|(at, _)| {
                    let after = line.get(at.saturating_add(1)..).unwrap_or_default();
                    after.trim_start().starts_with("{{")
                })
            })
        })
        .map(|i| i.saturating_add(1))
}

/// Write `value` escaped for the template's form.
fn format_value(out: &mut Output, state: &mut State, value: &Value) -> Result<(), Error> {
    let form = match state.auto_escape() {
        AutoEscape::Custom(name) => Format::ALL.iter().copied().find(|f| f.name() == name),
        _ => None,
    };
    let text = value.to_string();
    let Some(form) = form.filter(|_| !value.is_safe() && !value.is_undefined()) else {
        return out.write_str(&text).map_err(Error::from);
    };
    let escaped = escaped(&text, form).map_err(|why| {
        Error::new(
            ErrorKind::InvalidOperation,
            format!("the value {} {why}", shown(&text)),
        )
    })?;
    out.write_str(&escaped).map_err(Error::from)
}

/// `text` escaped for `escape`, or why it cannot be inserted.
fn escaped(text: &str, form: Format) -> Result<std::borrow::Cow<'_, str>, &'static str> {
    use std::borrow::Cow;
    let breaks = |t: &str| t.contains(['\r', '\n', '\0']);
    match form {
        Format::Reg if breaks(text) => Err(
            "holds a line break or NUL, which would start a new line of the .reg file (a CSV cell cannot add a key)",
        ),
        Format::Reg if text.contains(['\\', '"']) => {
            Ok(Cow::Owned(text.replace('\\', "\\\\").replace('"', "\\\"")))
        }
        Format::Prf if breaks(text) => Err(
            "holds a line break or NUL, which would start a new line of the .prf file (a CSV cell cannot add a section)",
        ),
        Format::Reg | Format::Prf => Ok(Cow::Borrowed(text)),
        // as mapiprof writes a string: plain when it reads back as that very
        // string (in a flow mapping too), else double-quoted; `null`, `true`
        // and `6001` are quoted (a property that takes a number reads
        // "6001" as one; a null would delete the value)
        Format::Yaml => Ok(Cow::Owned(crate::yaml::scalar(text, true))),
        Format::Hive => Err("goes into a hive, which mapiprof does not write"),
    }
}

/// A value as a message shows it: quoted and escaped, cut when long.
fn shown(text: &str) -> String {
    const MOST: usize = 60;
    let cut: String = text.chars().take(MOST).collect();
    let more = if cut.len() < text.len() { "…" } else { "" };
    format!("{cut:?}{more}")
}

/// A minijinja error as our messages show it: what, the template line, the detail.
fn describe(e: &minijinja::Error) -> String {
    match (e.detail(), e.line()) {
        (Some(detail), Some(line)) => format!("{} at line {line}: {detail}", e.kind()),
        (None, Some(line)) => format!("{} at line {line}", e.kind()),
        (Some(detail), None) => format!("{}: {detail}", e.kind()),
        (None, None) => e.kind().to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_render_strictly_and_placeholders_pass_through() {
        let rows = csv_rows("user,proxy\njdoe,mail.example.com:44300\nasmith,\n", None).unwrap();
        let renderer = Renderer::new(
            "MailboxName=%UserName%\nRPCProxyServer={{ proxy }}\n",
            "{{ user }}.prf",
            Format::Prf,
        )
        .unwrap();
        assert_eq!(
            renderer.render(&rows[0]).unwrap(),
            (
                "jdoe.prf".to_owned(),
                "MailboxName=%UserName%\nRPCProxyServer=mail.example.com:44300\n".to_owned()
            )
        );
        let strict = Renderer::new("{{ user }} {{ mailbox }}\n", "x", Format::Prf).unwrap();
        assert_eq!(
            strict.render(&rows[1]).unwrap_err().to_string(),
            "row 2 (line 3): undefined variable mailbox (template line 1)"
        );
        // two missing: the one on the failing line is named with that line
        // (not the first by name, `port`)
        let two = Renderer::new("a={{ zone }}\nb={{ port }}\n", "x", Format::Prf).unwrap();
        assert_eq!(
            two.render(&rows[1]).unwrap_err().to_string(),
            "row 2 (line 3): undefined variable zone (template line 1)"
        );
        let items =
            data_rows("- {user: jdoe, port: 44300}\n- {user: asmith, port: 443}\n").unwrap();
        assert_eq!(items[1].label, "item 2");
        let ports = Renderer::new("{{ port + 1 }}", "{{ user }}", Format::Prf).unwrap();
        assert_eq!(ports.render(&items[1]).unwrap().1, "444");
        let message = |text: &str| data_rows(text).map(|_| ()).unwrap_err().to_string();
        assert_eq!(
            message("just: a mapping\n"),
            "the variables must be a list of mappings"
        );
        assert_eq!(
            message("- {user: jdoe}\n- 1\n"),
            "item 2 of the variables is not a mapping"
        );
        assert!(
            message("[a\n").starts_with("the variables are not YAML: "),
            "{}",
            message("[a\n")
        );
        assert!(Renderer::new("{{ unclosed", "x", Format::Prf).is_err());
    }

    #[test]
    fn variables_are_escaped_for_the_form_of_the_template() {
        let row = |value: &str| Row {
            label: "row 1 (line 2)".to_owned(),
            vars: [("v".to_owned(), serde_json::Value::from(value))]
                .into_iter()
                .collect(),
            problem: None,
        };
        let render = |template: &str, form: Format, value: &str| {
            Renderer::new(template, "x", form)
                .unwrap()
                .render(&row(value))
                .map(|(_, text)| text)
                .map_err(|e| e.to_string())
        };
        let reg = "\"001f6622\"=\"{{ v }}\"";
        assert_eq!(
            render(reg, Format::Reg, r#"C:\a "b""#).unwrap(),
            r#""001f6622"="C:\\a \"b\"""#
        );
        // a line break would end the string and start a key of the value's choosing
        let attack = "x\"\n\n[HKEY_LOCAL_MACHINE\\Software\\Microsoft\\Windows\\CurrentVersion\\Run]\n\"evil\"=\"calc.exe";
        let refused = render(reg, Format::Reg, attack).unwrap_err();
        assert!(
            refused.starts_with("row 1 (line 2), variable v, template line 1: the value \"x\\\"\\n\\n[HKEY_LOCAL_MACHINE"),
            "{refused}"
        );
        assert!(
            refused.contains("would start a new line of the .reg file"),
            "{refused}"
        );
        for cut in ["a\rb", "a\0b"] {
            assert!(render(reg, Format::Reg, cut).is_err(), "{cut:?}");
        }
        // |safe is the way to insert text as it is
        assert_eq!(render("{{ v|safe }}", Format::Reg, "a\\b").unwrap(), "a\\b");
        // numbers and plain text are as they are
        assert_eq!(
            render(reg, Format::Reg, "proxy.example.com:443").unwrap(),
            "\"001f6622\"=\"proxy.example.com:443\""
        );

        let prf = "RPCProxyServer={{ v }}\n";
        assert_eq!(
            render(prf, Format::Prf, r#"a\b "c""#).unwrap(),
            "RPCProxyServer=a\\b \"c\"\n"
        );
        assert!(
            render(prf, Format::Prf, "x\n[Service List]\nService9=Evil")
                .unwrap_err()
                .contains("would start a new line of the .prf file")
        );

        let yaml = "RPCProxyServer: {{ v }}\n";
        for plain in [
            "proxy.example.com",
            "proxy.example.com:44300",
            "Jörg Müller",
        ] {
            assert_eq!(
                render(yaml, Format::Yaml, plain).unwrap(),
                format!("RPCProxyServer: {plain}\n")
            );
        }
        assert_eq!(
            render(yaml, Format::Yaml, "x\nTCPExchangePort: 1").unwrap(),
            "RPCProxyServer: \"x\\nTCPExchangePort: 1\"\n"
        );
        // what YAML would read as something else than this text: `null`
        // would delete the value; a number stays a number for a property
        // that takes one
        for quoted in [
            "a: b", "# c", "- d", "[e]", "{f: 1}", "&g", "*h", "!i", "'j'", "k #l", "", "null",
            "Null", "~", "true", "yes", "6001", "0x10", "a,b",
        ] {
            let text = render(yaml, Format::Yaml, quoted).unwrap();
            assert_eq!(
                text,
                format!(
                    "RPCProxyServer: {}\n",
                    serde_json::to_string(quoted).unwrap()
                )
            );
        }
        // a quoted variable is refused at once: the value would be quoted twice
        assert_eq!(
            Renderer::new("a: 1\nport: \"{{ v }}\"\n", "x", Format::Yaml)
                .err()
                .unwrap()
                .to_string(),
            "template line 2: write {{ … }} without quotes around it in a YAML template; \
             mapiprof quotes each value as it needs"
        );
        // the name of the output file is not escaped (the caller checks it)
        let named = Renderer::new("x", "{{ v }}.reg", Format::Reg).unwrap();
        assert_eq!(named.render(&row(r"a\b")).unwrap().0, r"a\b.reg");
    }

    #[test]
    fn errors_read_as_before_and_keep_what_caused_them() {
        use std::error::Error as _;
        // a short record is a row that fails alone
        let rows = csv_rows("user,proxy\njdoe\n", None).unwrap();
        assert_eq!(
            rows[0].problem.as_deref(),
            Some("1 field, and the header has 2")
        );
        // the delimiter the header holds most, outside quotes
        assert_eq!(sniff("a;b;c\n"), ';');
        assert_eq!(sniff("a\tb\n"), '\t');
        assert_eq!(sniff("\"a;b\",c\n"), ',');
        assert_eq!(sniff("a\n"), ',');

        let template = Renderer::new("{{ unclosed", "x", Format::Prf)
            .err()
            .unwrap();
        assert_eq!(
            template.to_string(),
            "template: syntax error at line 1: unexpected end of input, expected end of variable block"
        );
        assert!(
            matches!(&template, RenderError::Template(e) if e.kind() == ErrorKind::SyntaxError)
        );
        // the message says all of it: no second cause to print
        assert!(template.source().is_none());

        let rows = csv_rows("port\nx\n", None).unwrap();
        let row = Renderer::new("{{ port + 1 }}", "x", Format::Prf)
            .unwrap()
            .render(&rows[0])
            .unwrap_err();
        assert_eq!(
            row.to_string(),
            "row 1 (line 2): invalid operation at line 1: tried to use + operator on unsupported types string and number"
        );
        assert!(
            matches!(&row, RenderError::Row { error, .. } if error.kind() == ErrorKind::InvalidOperation)
        );
        assert!(row.source().is_none());
    }
}
