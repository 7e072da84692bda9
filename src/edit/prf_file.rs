//! Edits of a `.prf` text, one line each: a value replaced, a commented-out
//! setting switched on in place (`;HTTPExchangePort=6001`), a setting
//! commented out for `--unset`, or with `--create` a line added to the
//! section of the service whose mapping knows the key.

use std::collections::HashMap;

use crate::input::PrfInput;
use crate::mapi::proxy::fixed_proxy;
use crate::model::encode_setting;
use crate::prf::{self, Folded, GENERAL_KEYS, Item, LineKind, PrfModel};
use crate::yaml::PrfPatch;

use super::{Assignment, BadValue, EditError, Edited, Edits};

/// Apply `edits` to the `.prf` file `input`.
pub fn set_prf(input: &PrfInput, edits: &Edits) -> Result<Edited, EditError> {
    let (model, _) = input.model();
    let mut text = Pieces::new(&input.text);
    let mut changes = Vec::new();
    let items: Vec<&Item> = model
        .services
        .iter()
        .chain(&model.accounts)
        .filter(|i| {
            edits.section.as_deref().is_none_or(|w| {
                i.id.eq_ignore_ascii_case(w)
                    || i.block
                        .as_deref()
                        .is_some_and(|b| b.eq_ignore_ascii_case(w))
            })
        })
        .collect();
    if edits.fix_proxy_port {
        for item in &items {
            let Some(old) = item.settings.get("RPCProxyServer") else {
                continue;
            };
            if let Some(fixed) = fixed_proxy(old) {
                text.edit(&item.id, "RPCProxyServer", Some(&fixed))?;
                changes.push(format!("[{}] RPCProxyServer: {old} → {fixed}", item.id));
            }
        }
    }
    for assignment in &edits.assignments {
        changes.extend(assign(&mut text, &model, &items, assignment, edits)?);
    }
    // the settings are not needed to put the text together
    drop(items);
    drop(model);
    Ok(Edited {
        format: None,
        text: text.into_text(),
        changes,
    })
}

/// Merge the settings of `patch` into the `.prf` file `input`: each value
/// replaces the setting, switches on a commented-out one, or is added to
/// the section; `null` comments the setting out.
pub fn apply_prf(input: &PrfInput, patch: &PrfPatch) -> Result<Edited, EditError> {
    let (model, _) = input.model();
    let mut text = Pieces::new(&input.text);
    let mut changes = Vec::new();
    for (key, value) in &patch.general {
        let new = value
            .text(key, None, true)
            .map_err(|why| EditError::value(format!("[General] {key}"), why))?;
        changes.extend(general(&mut text, &model, key, new.as_deref())?);
    }
    for (id, settings) in &patch.items {
        let item = model
            .services
            .iter()
            .chain(&model.accounts)
            .find(|i| i.id.eq_ignore_ascii_case(id))
            .ok_or_else(|| EditError::NoMatch(format!("the .prf has no [{id}] in its lists")))?;
        let block = item.block.as_deref().unwrap_or_default();
        for (key, value) in settings {
            let name = format!("[{}] {key}", item.id);
            let new = value
                .text(key, model.tag(block, key), false)
                .map_err(|why| EditError::value(&name, why))?;
            check(&model, block, key, new.as_deref(), &item.id)?;
            let old = item.settings.get(key);
            if old == new.as_deref() {
                continue;
            }
            if new.is_none() && old.is_none() {
                continue;
            }
            text.edit(&item.id, key, new.as_deref())?;
            let commented = item.settings.commented.get(key).is_some();
            changes.push(change(&item.id, key, old, commented, new.as_deref()));
        }
    }
    Ok(Edited {
        format: None,
        text: text.into_text(),
        changes,
    })
}

fn assign(
    text: &mut Pieces,
    model: &PrfModel,
    items: &[&Item],
    assignment: &Assignment,
    edits: &Edits,
) -> Result<Vec<String>, EditError> {
    let key = assignment.name();
    let value = match assignment {
        Assignment::Set { value, .. } => Some(value.as_str()),
        Assignment::Unset { .. } => None,
    };
    if GENERAL_KEYS.iter().any(|k| k.eq_ignore_ascii_case(key)) {
        return general(text, model, key, value);
    }
    let mut changes = Vec::new();
    let mut knowing = Vec::new();
    for item in items {
        let block = item.block.as_deref().unwrap_or_default();
        if !model.knows(block, key) {
            continue;
        }
        knowing.push(*item);
        let active = item.settings.get(key);
        let commented = item.settings.commented.get(key);
        if active.is_none() && (commented.is_none() || value.is_none()) {
            continue;
        }
        check(model, block, key, value, &item.id)?;
        if active == value {
            continue;
        }
        text.edit(&item.id, key, value)?;
        changes.push(change(&item.id, key, active, commented.is_some(), value));
    }
    if !changes.is_empty() || value.is_none() || items.iter().any(|i| i.settings.get(key).is_some())
    {
        return Ok(changes);
    }
    let Some(value) = value else {
        return Ok(changes);
    };
    if knowing.is_empty() {
        return Err(unknown(key));
    }
    if !edits.create {
        return Err(EditError::Absent(key.to_owned()));
    }
    // the file's own mapping blocks given the line the new setting needs
    let mut mapped: Vec<String> = Vec::new();
    for item in knowing {
        let block = item.block.as_deref().unwrap_or_default();
        check(model, block, key, Some(value), &item.id)?;
        if let Some(own) = unmapped_block(model, block, key) {
            let line =
                prf::mapping::fallback_line(model.generation(), block, key).ok_or_else(|| {
                    EditError::Unmapped {
                        block: own.to_owned(),
                        key: key.to_owned(),
                    }
                })?;
            if !mapped.iter().any(|b| b.eq_ignore_ascii_case(own)) {
                text.edit(own, key, Some(&line))?;
                changes.push(format!(
                    "[{own}] {key}: (absent) → {line} (the mapping line Outlook reads the setting by)"
                ));
                mapped.push(own.to_owned());
            }
        }
        text.edit(&item.id, key, Some(value))?;
        changes.push(change(&item.id, key, None, false, Some(value)));
    }
    Ok(changes)
}

/// The name of the file's own mapping block `block` when it has no line for
/// `key` (Outlook then drops the setting), unless `key` is a control key,
/// which no block maps.
fn unmapped_block<'m>(model: &'m PrfModel, block: &str, key: &str) -> Option<&'m str> {
    let own = model.block(block)?;
    let control = prf::CONTROL_KEYS
        .iter()
        .any(|k| k.eq_ignore_ascii_case(key));
    (own.mapping(key).is_none() && !control).then_some(own.name.as_str())
}

/// A key none of the file's services or accounts knows: a setting the file
/// does not hold when mapiprof knows the name (an IMAP setting in a `.prf`
/// of Exchange alone, `SMTP Port` as an export names it), else an unknown
/// name with the keys close to it.
fn unknown(key: &str) -> EditError {
    let keys = || {
        prf::Generation::ALL
            .into_iter()
            .flat_map(|g| g.blocks())
            .flat_map(|b| b.entries().map(|(k, _)| k))
            .chain(GENERAL_KEYS)
    };
    if super::plan::known_anywhere(key) {
        return EditError::Absent(key.to_owned());
    }
    let mut suggestions: Vec<String> = Vec::new();
    for close in crate::mapi::dictionary::closest_among(key, keys()) {
        if !suggestions.iter().any(|s| s == close) {
            suggestions.push(close.to_owned());
        }
    }
    EditError::UnknownName {
        name: key.to_owned(),
        suggestions,
    }
}

/// A `[General]` option.
fn general(
    text: &mut Pieces,
    model: &PrfModel,
    key: &str,
    value: Option<&str>,
) -> Result<Vec<String>, EditError> {
    let old = model.general.get(key);
    if old == value {
        return Ok(Vec::new());
    }
    text.edit("General", key, value)?;
    Ok(vec![change("General", key, old, false, value)])
}

/// A value that does not fit the setting's mapping, e.g. a port of 70000.
fn check(
    model: &PrfModel,
    block: &str,
    key: &str,
    value: Option<&str>,
    id: &str,
) -> Result<(), EditError> {
    // the file's block, else the built-in one a mapping line is added from
    let tag = model
        .tag(block, key)
        .or_else(|| prf::mapping::fallback(model.generation(), block, key));
    let (Some(value), Some(tag)) = (value, tag) else {
        return Ok(());
    };
    if !prf::placeholders(value).is_empty() {
        return Ok(());
    }
    encode_setting(tag, value, model.source.codepage)
        .map(|_| ())
        .map_err(|why| EditError::value(format!("[{id}] {key}"), why))
}

/// The text of a `.prf` cut before each section header, so that an edit
/// reparses and rebuilds only the section it changes, never the whole
/// file: many edits take time in proportion to the file, not to the file
/// times the edits. Sections are borrowed from the text until edited.
struct Pieces<'t> {
    text: &'t str,
    /// Where each piece starts: the lines before the first header, then
    /// each section from its header line to the next header line.
    starts: Vec<usize>,
    /// The pieces edited so far, by index, as they now read.
    edited: HashMap<usize, String>,
    /// Each section name → the piece of its first header, the one Outlook
    /// reads.
    first: HashMap<Folded<'t>, usize>,
    /// Which line breaks the whole text holds (CRLF, LF, CR), for a line
    /// added after a last line without one.
    breaks: [bool; 3],
}

/// The line breaks a `.prf` may use, in the order `prf::add` prefers them.
const BREAKS: [&str; 3] = ["\r\n", "\n", "\r"];

impl<'t> Pieces<'t> {
    fn new(text: &'t str) -> Pieces<'t> {
        let mut starts = vec![0];
        let mut first = HashMap::new();
        for line in prf::lines(text) {
            if let LineKind::Section { name_span } = line.kind {
                starts.push(line.span.start);
                first
                    .entry(Folded(name_span.of(text)))
                    .or_insert(starts.len().saturating_sub(1));
            }
        }
        Pieces {
            text,
            starts,
            edited: HashMap::new(),
            first,
            breaks: BREAKS.map(|nl| text.contains(nl)),
        }
    }

    /// Piece `i` as it now reads.
    fn piece(&self, i: usize) -> &str {
        if let Some(edited) = self.edited.get(&i) {
            return edited;
        }
        let start = self.starts.get(i).copied().unwrap_or(self.text.len());
        let end = self
            .starts
            .get(i.saturating_add(1))
            .copied()
            .unwrap_or(self.text.len());
        self.text.get(start..end).unwrap_or_default()
    }

    /// Set `key` in section `id`, one line: the value replaced, a
    /// commented-out `;key=…` switched on, or else a line added to the
    /// section; with `None`, the setting commented out. A key or value
    /// holding a line break (or NUL) is refused: it would add lines of its
    /// own, e.g. a new section.
    fn edit(&mut self, id: &str, key: &str, value: Option<&str>) -> Result<(), EditError> {
        let breaks = |s: &str| s.contains(['\r', '\n', '\0']);
        if breaks(key) || value.is_some_and(breaks) {
            return Err(EditError::value(
                format!("[{id}] {key}"),
                BadValue::LineBreak,
            ));
        }
        let no_place = || EditError::NoPlace(format!("[{id}] {key}"));
        let at = self.first.get(&Folded(id)).copied().ok_or_else(no_place)?;
        let piece = self.piece(at);
        let parsed = prf::parse(piece);
        // what `prf::add` would find in the whole text
        let newline = BREAKS
            .into_iter()
            .zip(self.breaks)
            .find_map(|(nl, held)| held.then_some(nl))
            .unwrap_or("\r\n");
        let edited = match value {
            Some(v) => prf::set(piece, &parsed, id, key, v)
                .map(|(t, _)| t)
                .or_else(|| prf::add_with_newline(piece, &parsed, id, key, v, newline)),
            None => prf::comment_out(piece, &parsed, id, key),
        }
        .ok_or_else(no_place)?;
        for (held, nl) in self.breaks.iter_mut().zip(BREAKS) {
            *held |= edited.contains(nl);
        }
        self.edited.insert(at, edited);
        Ok(())
    }

    /// The whole text, edits made.
    fn into_text(self) -> String {
        let mut out = String::with_capacity(self.text.len());
        for i in 0..self.starts.len() {
            out.push_str(self.piece(i));
        }
        out
    }
}

/// A change as the `.prf` has it: `[Service1] HomeServer: old → new`, a
/// setting switched on from its `;` line reading `(commented out) → new`.
fn change(id: &str, key: &str, old: Option<&str>, commented: bool, new: Option<&str>) -> String {
    let before = match (old, commented) {
        (Some(old), _) => old,
        (None, true) => "(commented out)",
        (None, false) => "(absent)",
    };
    format!(
        "[{id}] {key}: {before} → {}",
        new.unwrap_or("(commented out)")
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// One edit of the whole text, reparsed, as edits were made before the
    /// text was cut into pieces.
    fn edit_whole(text: &str, id: &str, key: &str, value: Option<&str>) -> Option<String> {
        let parsed = prf::parse(text);
        match value {
            Some(v) => prf::set(text, &parsed, id, key, v)
                .map(|(t, _)| t)
                .or_else(|| prf::add(text, &parsed, id, key, v)),
            None => prf::comment_out(text, &parsed, id, key),
        }
    }

    /// Edits of the pieces give the text that edits of the whole text
    /// give, one after another: repeated and differently cased sections
    /// (the first counts), switched-on comments, removals, lines added to
    /// and a line added to a last section without a line break (the file's
    /// own break).
    #[test]
    fn editing_pieces_is_editing_the_whole_text() {
        let texts = [
            "; head\r\n[General]\r\nProfileName=A\r\n[ServiceEGS]\r\n;TCPExchangePort=6001\r\n\
             [serviceegs]\r\nX=1\r\n[Service1]\r\nHomeServer=a",
            "[A]\nk=1\n\n[B]\rk=2\r[a]\nk=3",
            "[Only]",
            "no section=1\n[S]\n",
        ];
        let edits: [(&str, &str, Option<&str>); 11] = [
            ("ServiceEGS", "TCPExchangePort", Some("6002")),
            ("SERVICEEGS", "tcpexchangeport", Some("6003")),
            ("Service1", "HomeServer", Some("b")),
            ("Service1", "MailboxName", Some("m")),
            ("Service1", "MailboxName", None),
            ("A", "k", Some("9")),
            ("a", "n", Some("5")),
            ("B", "k", None),
            ("Only", "x", Some("1")),
            ("Only", "y", Some("2")),
            ("Service1", "k", Some("w")),
        ];
        for text in texts {
            let mut whole = text.to_owned();
            let mut pieces = Pieces::new(text);
            for (id, key, value) in edits {
                let found = edit_whole(&whole, id, key, value);
                // an edit that finds no place fails and leaves the text
                assert_eq!(pieces.edit(id, key, value).is_ok(), found.is_some());
                whole = found.unwrap_or(whole);
                let now: String = (0..pieces.starts.len()).map(|i| pieces.piece(i)).collect();
                assert_eq!(now, whole, "{text:?} after [{id}] {key}");
            }
            assert_eq!(pieces.into_text(), whole);
        }
    }

    /// A key or value with a line break is refused before anything changes.
    #[test]
    fn a_line_break_is_refused_and_nothing_changes() {
        let text = "[S]\nk=1\n";
        let mut pieces = Pieces::new(text);
        for (key, value) in [("k", "2\n[T]"), ("k", "2\r"), ("k", "2\0"), ("k\n[T]", "2")] {
            let err = pieces.edit("S", key, Some(value)).unwrap_err();
            assert!(err.to_string().contains("line break"), "{err}");
        }
        assert_eq!(pieces.into_text(), text);
    }
}
