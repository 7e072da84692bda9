//! A [`PrfModel`] as an OCT-style `.prf`: the seven numbered sections with
//! their banners, no spaces around `=`, no trailing comments, CRLF line ends,
//! and the mapping blocks of the file's generation with OCT's sub-banners.

use thiserror::Error;

use crate::text::{Newline, TextFormat};

use super::mapping::{self, Block, MapLine, Target};
use super::model::{Item, Listed, PrfModel, Settings};

/// Why a model cannot be written as a `.prf`.
#[derive(Debug, Error, PartialEq, Eq)]
pub enum WriteError {
    /// A name or value that would change the file's structure, e.g. a value
    /// with a line break (it would start a new line, maybe a new section).
    #[error("{what} {text:?} cannot be written to a .prf: {why}")]
    Unsafe {
        /// What it is: "value of ProfileName", "section name" …
        what: String,
        /// The offending text.
        text: String,
        /// What is wrong with it.
        why: &'static str,
    },
    /// A character the file's encoding cannot hold.
    #[error(transparent)]
    Encode(#[from] crate::text::TextError),
}

const SHORT: &str = "; **************************************************************";
const MIDDLE: &str = ";***************************************************************";
const LONG: &str = "; ************************************************************************";

/// The first line of every written file.
pub const SIGNATURE: &str = ";Outlook profile (PRF) written by mapiprof";

/// Write `model` as `.prf` bytes: the source's encoding and byte-order mark,
/// CRLF line ends (what Outlook's own files use).
/// The text is encoded a few lines at a time, never held whole beside
/// its bytes.
pub fn to_bytes(model: &PrfModel) -> Result<Vec<u8>, WriteError> {
    let format = TextFormat {
        newline: Newline::CrLf,
        ..model.source.text
    };
    let mut w = Writer {
        out: String::new(),
        notes: std::collections::HashMap::new(),
        open: None,
        sink: Some(Sink {
            encoder: crate::text::Encoder::new(&format, 0),
            error: None,
        }),
    };
    write_into(&mut w, model)?;
    Ok(w.into_bytes()?)
}

/// Write `model` as `.prf` text with CRLF line ends.
pub fn write(model: &PrfModel) -> Result<String, WriteError> {
    let mut w = Writer::default();
    write_into(&mut w, model)?;
    Ok(w.finish())
}

fn write_into(w: &mut Writer, model: &PrfModel) -> Result<(), WriteError> {
    w.notes = model
        .notes
        .iter()
        .map(|(name, lines)| (name.to_ascii_lowercase(), lines.clone()))
        .collect();
    w.line(SIGNATURE);
    for line in &model.head {
        w.note("the lines before the first section", line)?;
    }
    w.blank();
    w.banner(SHORT, "Section 1 - Profile Defaults");
    w.section("General")?;
    w.settings("General", &model.general)?;
    w.blank();

    w.banner(SHORT, "Section 2 - Services in Profile");
    w.section("Service List")?;
    w.list("Service List", &model.services)?;
    w.blank();

    w.banner(MIDDLE, "Section 3 - List of internet accounts");
    w.section("Internet Account List")?;
    w.list("Internet Account List", &model.accounts)?;
    w.blank();

    w.banner(MIDDLE, "Section 4 - Default values for each service.");
    w.values(&model.services)?;

    w.banner(MIDDLE, "Section 5 - Values for each internet account.");
    w.values(&model.accounts)?;
    for plain in &model.sections {
        w.section(&plain.name)?;
        for (key, value) in &plain.entries {
            w.entry(&plain.name, key, value)?;
        }
        w.blank();
    }

    let generation = model.generation();
    let (accounts, profile): (Vec<&Block>, Vec<&Block>) = model
        .mappings
        .iter()
        .partition(|b| is_account_block(model, b));
    w.banner(MIDDLE, "Section 6 - Mapping for profile properties");
    for block in profile {
        w.block(block, generation)?;
    }
    w.banner(
        LONG,
        "Section 7 - Mapping for internet account properties.  DO NOT MODIFY.",
    );
    for block in accounts {
        w.block(block, generation)?;
    }
    // notes of a section the file does not have (a YAML document may name
    // any): refused rather than lost
    if let Some(name) = w.notes.keys().min() {
        return Err(WriteError::Unsafe {
            what: "notes of section".to_owned(),
            text: name.clone(),
            why: "the file has no section of that name to put them in",
        });
    }
    Ok(())
}

/// Whether `block` belongs in Section 7.
fn is_account_block(model: &PrfModel, block: &Block) -> bool {
    matches!(block.target(), Target::Account(_))
        || ["I_Mail", "IMAP_I_Mail", "INET_HTTP"]
            .iter()
            .any(|n| n.eq_ignore_ascii_case(&block.name))
        || model.accounts.iter().any(|a| {
            a.block
                .as_deref()
                .is_some_and(|b| b.eq_ignore_ascii_case(&block.name))
        })
}

#[derive(Default)]
struct Writer {
    out: String,
    /// Where the text goes once it is this long, when bytes are wanted.
    sink: Option<Sink>,
    /// The lines of each section that are no setting, by its name in lower
    /// case, written at the end of the section (and taken from here as they
    /// are): after its settings, so that a repeated `;key=value` among them
    /// stays a repeat when the file is read again.
    notes: std::collections::HashMap<String, Vec<String>>,
    /// The section being written, whose notes end it.
    open: Option<String>,
}

/// The bytes of the text written so far, and the first character the
/// encoding could not hold.
struct Sink {
    encoder: crate::text::Encoder,
    error: Option<crate::text::TextError>,
}

impl Writer {
    /// How much text is gathered before it is encoded.
    const CHUNK: usize = 1 << 16;

    fn line(&mut self, text: &str) {
        self.out.push_str(text);
        self.out.push_str("\r\n");
        if self.out.len() >= Self::CHUNK {
            self.flush();
        }
    }

    /// Encode the text gathered so far into the sink, if there is one.
    fn flush(&mut self) {
        if let Some(sink) = &mut self.sink {
            if sink.error.is_none() {
                sink.error = sink.encoder.push(&self.out).err();
            }
            self.out.clear();
        }
    }

    /// The bytes, or the first character the encoding could not hold.
    fn into_bytes(mut self) -> Result<Vec<u8>, crate::text::TextError> {
        self.flush();
        match self.sink {
            Some(Sink { error: Some(e), .. }) => Err(e),
            Some(Sink { encoder, .. }) => Ok(encoder.finish()),
            None => Ok(Vec::new()),
        }
    }

    /// A blank line, which ends the section being written: its notes go
    /// first.
    fn blank(&mut self) {
        if let Some(name) = self.open.take()
            && let Some(lines) = self.notes.remove(&name.to_ascii_lowercase())
        {
            for line in &lines {
                // checked when the section was opened
                self.line(line);
            }
        }
        self.line("");
    }

    fn banner(&mut self, rule: &str, title: &str) {
        self.line(rule);
        self.line(&format!("; {title}"));
        self.line(rule);
        self.blank();
    }

    fn section(&mut self, name: &str) -> Result<(), WriteError> {
        check(&format!("section name {name:?}"), name, &['[', ']', ';'])?;
        self.line(&format!("[{name}]"));
        if let Some(lines) = self.notes.get(&name.to_ascii_lowercase()) {
            for line in lines {
                check_note(&format!("[{name}]"), line)?;
            }
        }
        self.open = Some(name.to_owned());
        Ok(())
    }

    /// A line of `place` that is no setting, as it was written.
    fn note(&mut self, place: &str, line: &str) -> Result<(), WriteError> {
        check_note(place, line)?;
        self.line(line);
        Ok(())
    }

    fn entry(&mut self, section: &str, key: &str, value: &str) -> Result<(), WriteError> {
        self.pair(section, key, value, "")
    }

    fn pair(
        &mut self,
        section: &str,
        key: &str,
        value: &str,
        lead: &str,
    ) -> Result<(), WriteError> {
        check(&format!("key in [{section}]"), key, &['=', '[', ';', '\''])?;
        check(&format!("value of {key} in [{section}]"), value, &[])?;
        self.line(&format!("{lead}{key}={value}"));
        Ok(())
    }

    fn settings(&mut self, section: &str, settings: &Settings) -> Result<(), WriteError> {
        for (key, value) in &settings.active {
            self.entry(section, key, value)?;
        }
        for (key, value) in &settings.commented {
            self.pair(section, key, value, ";")?;
        }
        Ok(())
    }

    fn list(&mut self, section: &str, items: &[Item]) -> Result<(), WriteError> {
        for item in items {
            let Some(block) = &item.block else { continue };
            match item.listed {
                Listed::Active => self.entry(section, &item.id, block)?,
                Listed::Commented => self.pair(section, &item.id, block, ";")?,
                Listed::Absent => {}
            }
        }
        Ok(())
    }

    fn values(&mut self, items: &[Item]) -> Result<(), WriteError> {
        // an unlisted section is only in the file as its section, so even an
        // empty one is written
        let noted = |id: &str| self.notes.contains_key(&id.to_ascii_lowercase());
        let written: Vec<&Item> = items
            .iter()
            .filter(|i| !i.settings.is_empty() || i.listed == Listed::Absent || noted(&i.id))
            .collect();
        for item in written {
            self.section(&item.id)?;
            self.settings(&item.id, &item.settings)?;
            self.blank();
        }
        Ok(())
    }

    /// A mapping block: in the built-in block's order with its sub-banners
    /// when the generation has one of that name, then the block's own lines.
    fn block(
        &mut self,
        block: &Block,
        generation: Option<mapping::Generation>,
    ) -> Result<(), WriteError> {
        self.section(&block.name)?;
        // an empty block stays empty: no sub-banners of the built-in one
        let builtin = generation
            .and_then(|g| mapping::builtin(g, &block.name))
            .filter(|_| block.entries().next().is_some());
        let mut written: Vec<&str> = Vec::new();
        if let Some(builtin) = builtin {
            for line in &builtin.lines {
                match line {
                    MapLine::Comment(text) => self.line(text),
                    MapLine::Entry { key, .. } => {
                        if let Some((own_key, value)) =
                            block.entries().find(|(k, _)| k.eq_ignore_ascii_case(key))
                        {
                            self.entry(&block.name, own_key, value)?;
                            written.push(own_key);
                        }
                    }
                }
            }
        }
        for (key, value) in block.entries() {
            if !written.contains(&key) {
                self.entry(&block.name, key, value)?;
            }
        }
        self.blank();
        Ok(())
    }

    fn finish(self) -> String {
        self.out
    }
}

/// A line of `place` that is no setting must stay one line and read as
/// what it was: not a header (nor, in a section, an entry).
fn check_note(place: &str, line: &str) -> Result<(), WriteError> {
    let unsafe_text = |why| WriteError::Unsafe {
        what: format!("a line of {place}"),
        text: line.to_owned(),
        why,
    };
    if line.contains(['\r', '\n']) || line.chars().any(|c| c.is_control() && c != '\t') {
        return Err(unsafe_text(
            "it is more than one line, or holds a control character",
        ));
    }
    let kind = crate::prf::lines(line).next().map(|l| l.kind);
    let entry = matches!(kind, Some(crate::prf::LineKind::Entry { .. }));
    if matches!(kind, Some(crate::prf::LineKind::Section { .. }))
        || (entry && place.starts_with('['))
    {
        return Err(unsafe_text(
            "it reads as a section or a setting, not a comment",
        ));
    }
    Ok(())
}

/// Refuse text with a line break, or with one of `forbidden` for names.
fn check(what: &str, text: &str, forbidden: &[char]) -> Result<(), WriteError> {
    let unsafe_text = |why| WriteError::Unsafe {
        what: what.to_owned(),
        text: text.to_owned(),
        why,
    };
    if text.contains(['\r', '\n']) {
        return Err(unsafe_text("it contains a line break"));
    }
    if text.chars().any(|c| c.is_control() && c != '\t') {
        return Err(unsafe_text(
            "it contains a control character (NUL, VT, FF …) that a .prf cannot hold",
        ));
    }
    // Outlook reads a .prf as Windows reads an INI file, blanks around a
    // name or value dropped (mapiprof's reader does the same, prf::syntax)
    if text.trim_matches([' ', '\t']) != text {
        return Err(unsafe_text(
            "it starts or ends with a space or tab, which Outlook trims",
        ));
    }
    if !forbidden.is_empty() {
        if text.trim().is_empty() {
            return Err(unsafe_text("it is empty"));
        }
        if text.contains(forbidden) {
            return Err(unsafe_text(
                "it contains a character that has a meaning in a .prf",
            ));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::prf::{Document, PrfSource};

    fn model(text: &str) -> PrfModel {
        let (doc, _) = Document::new(text);
        PrfModel::from_document(&doc, PrfSource::default()).0
    }

    #[test]
    fn writes_the_oct_layout() {
        let m = model(
            "[General]\nCustom=1\nProfileName=Outlook\n[Service List]\n\
             ServiceEGS=Exchange Global Section\n;ServiceX=Microsoft Outlook Client\n\
             [ServiceEGS]\nTCPExchangePort=6001\n;HTTPExchangePort=6001\n\
             [Exchange Global Section]\nSectionGUID=13dbb0c8aa05101a9bb000aa002fc45a\n\
             TCPExchangePort=PT_I2,0x662C\n",
        );
        let text = write(&m).unwrap();
        assert!(text.starts_with(SIGNATURE));
        assert!(!text.replace("\r\n", "").contains('\n'));
        for expected in [
            "\r\n[General]\r\nCustom=1\r\nProfileName=Outlook\r\n",
            "\r\nServiceEGS=Exchange Global Section\r\n;ServiceX=Microsoft Outlook Client\r\n",
            "\r\n[ServiceEGS]\r\nTCPExchangePort=6001\r\n;HTTPExchangePort=6001\r\n",
            "; Section 6 - Mapping for profile properties\r\n",
            "[Exchange Global Section]\r\nSectionGUID=13dbb0c8aa05101a9bb000aa002fc45a\r\nTCPExchangePort=PT_I2,0x662C\r\n",
        ] {
            assert!(text.contains(expected), "{expected:?} not in\n{text}");
        }
        // read back: the same settings
        assert_eq!(model(&text).services, m.services);
    }

    #[test]
    fn a_value_with_a_line_break_is_refused() {
        let mut m = model("[General]\nProfileName=Outlook\n");
        m.general.active = [("ProfileName", "Outlook\r\n[Service List]")]
            .into_iter()
            .collect();
        assert_eq!(
            write(&m).unwrap_err().to_string(),
            "value of ProfileName in [General] \"Outlook\\r\\n[Service List]\" cannot be written \
             to a .prf: it contains a line break"
        );
        m.general.active = [("Profile=Name", "x")].into_iter().collect();
        assert!(write(&m).is_err());
    }

    #[test]
    fn account_blocks_go_to_section_7_with_their_sub_banners() {
        let m = model(
            "[Internet Account List]\nAccount1=I_Mail\n[Account1]\nPOP3Port=995\n\
             [I_Mail]\nAccountType=POP3\nAccountName=PT_UNICODE,0x0002\nPOP3Port=PT_LONG,0x0104\n",
        );
        let text = write(&m).unwrap();
        let section7 = text.find("Section 7").unwrap();
        let block = text.find("[I_Mail]").unwrap();
        assert!(block > section7);
        assert!(text.contains(
            "[I_Mail]\r\nAccountType=POP3\r\n;--- POP3 Account Settings ---\r\nAccountName=PT_UNICODE,0x0002\r\n"
        ));
    }

    #[test]
    fn an_empty_block_stays_empty() {
        let m = model(
            "[General]\nProfileName=Outlook\n[Internet Account List]\nAccount1=I_Mail\n\
             [Account1]\nPOP3Port=995\n[I_Mail]\n",
        );
        let text = write(&m).unwrap();
        let block = text.split("[I_Mail]\r\n").nth(1).unwrap();
        assert!(block.trim().is_empty(), "{text}");
    }

    #[test]
    fn notes_of_a_section_the_file_lacks_are_refused() {
        let mut m = model("[General]\nProfileName=Outlook\n");
        m.notes = vec![("Nowhere".to_owned(), vec![";lost?".to_owned()])];
        let err = write(&m).unwrap_err().to_string();
        assert!(err.contains("no section of that name"), "{err}");
    }
}
