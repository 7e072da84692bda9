//! Wine's `regedit` as a second implementation: import `.reg` files into a
//! prefix of the test's own and read back what was stored, from the
//! prefix's `user.reg` (Wine's own text form of the registry, written by its
//! server, so nothing of `regedit`'s export code stands between the import
//! and what is compared).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

/// A value as the registry holds it, the same type mapiprof's model of an
/// import uses, so the two compare directly.
pub use mapiprof::reg::import::Stored;

/// The `wine64` (or `wine`) program: `MAPIPROF_WINE` when set, else
/// Debian's `/usr/lib/wine/wine64`, else the first on `PATH`.
pub fn program() -> Option<PathBuf> {
    if let Some(named) = std::env::var_os("MAPIPROF_WINE").filter(|v| !v.is_empty()) {
        return Some(PathBuf::from(named));
    }
    let debian = PathBuf::from("/usr/lib/wine/wine64");
    if debian.is_file() {
        return Some(debian);
    }
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .flat_map(|dir| [dir.join("wine64"), dir.join("wine")])
        .find(|p| p.is_file())
}

/// A Wine prefix that lives as long as the value.
pub struct Prefix {
    wine: PathBuf,
    dir: PathBuf,
}

impl Prefix {
    /// A fresh prefix in `dir` (emptied first); the first command run in it
    /// creates it, which takes Wine about ten seconds.
    pub fn new(wine: PathBuf, dir: PathBuf) -> Prefix {
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        Prefix { wine, dir }
    }

    fn command(&self, program: &Path) -> Command {
        let mut command = Command::new(program);
        command
            .env("WINEPREFIX", &self.dir)
            .env("WINEDEBUG", "-all")
            // no desktop integration, no Mono or Gecko prompts
            .env("WINEDLLOVERRIDES", "mscoree,mshtml,winemenubuilder.exe=d")
            .env("DISPLAY", "")
            // ANSI files are read in the code page of this locale: 1252
            .env("LANG", "en_US.UTF-8")
            .env("LC_ALL", "en_US.UTF-8");
        command
    }

    fn regedit(&self, args: &[String]) -> std::process::Output {
        let mut command = self.command(&self.wine);
        command.arg("regedit").args(args);
        command.output().unwrap()
    }

    /// `regedit /S` on the `batch` files, in order, in as few runs as the
    /// command line allows, then on each of the `alone` files in a run of
    /// its own (files that may stop Regedit); then the registry as the
    /// server saved it.
    pub fn import(&self, batch: &[PathBuf], alone: &[PathBuf]) -> UserReg {
        for chunk in batch.chunks(100) {
            let mut args = vec!["/S".to_owned()];
            args.extend(chunk.iter().map(|f| windows_path(f)));
            let mut output = self.regedit(&args);
            if !output.status.success() {
                // the first run in a fresh prefix sets the prefix up, and
                // on a loaded machine that can fail once; importing the
                // same files again stores the same values
                eprintln!(
                    "wine regedit failed once, trying again: {}",
                    String::from_utf8_lossy(&output.stderr)
                );
                output = self.regedit(&args);
            }
            assert!(
                output.status.success(),
                "wine regedit failed: {}",
                String::from_utf8_lossy(&output.stderr)
            );
        }
        for file in alone {
            // may fail: that is what is being tried
            let _ = self.regedit(&["/S".to_owned(), windows_path(file)]);
        }
        self.wait();
        let text = std::fs::read_to_string(self.dir.join("user.reg")).unwrap();
        UserReg::parse(&text)
    }

    /// `regedit /E` of `key` into `file`: the exported text's keys (their
    /// `[…]` line) and each key's value entries, continuation lines included.
    pub fn export(&self, key: &str, file: &Path) -> BTreeMap<String, Vec<String>> {
        let output = self.regedit(&["/E".to_owned(), windows_path(file), key.to_owned()]);
        assert!(
            output.status.success(),
            "wine regedit /E failed: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        let bytes = std::fs::read(file).unwrap();
        let units: Vec<u16> = bytes
            .get(2..)
            .unwrap_or_default()
            .chunks_exact(2)
            .map(|c| u16::from_le_bytes([c[0], c[1]]))
            .collect();
        export_blocks(&String::from_utf16_lossy(&units))
    }

    /// Until the server has written the registry and exited.
    fn wait(&self) {
        let server = self.wine.with_file_name("wineserver");
        if server.is_file() {
            let _ = self.command(&server).arg("-w").status();
        }
    }
}

/// A path as Wine's `Z:` drive names it.
fn windows_path(path: &Path) -> String {
    format!("Z:{}", path.display()).replace('/', "\\")
}

/// The key blocks of a `.reg` text written with CRLF: key line → value
/// entries (each with its continuation lines).
pub fn export_blocks(text: &str) -> BTreeMap<String, Vec<String>> {
    let mut out: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let mut key: Option<String> = None;
    for line in text.split("\r\n") {
        if line.starts_with('[') {
            key = Some(line.to_owned());
            out.entry(line.to_owned()).or_default();
        } else if let Some(entries) = key.as_ref().and_then(|k| out.get_mut(k)) {
            if line.starts_with("  ") {
                if let Some(last) = entries.last_mut() {
                    last.push_str("\r\n");
                    last.push_str(line);
                }
            } else if !line.is_empty() {
                entries.push(line.to_owned());
            }
        }
    }
    out
}

/// The keys of `user.reg`: path relative to `HKEY_CURRENT_USER`, as stored,
/// and its values.
#[derive(Debug, Default)]
pub struct UserReg {
    pub keys: BTreeMap<String, Vec<Stored>>,
}

impl UserReg {
    /// Parse the text Wine's server writes (`WINE REGISTRY Version 2`).
    pub fn parse(text: &str) -> UserReg {
        let mut keys: BTreeMap<String, Vec<Stored>> = BTreeMap::new();
        let mut current: Option<String> = None;
        let mut lines = text.lines().peekable();
        while let Some(line) = lines.next() {
            let mut line = line.to_owned();
            // hex data continues over lines ending in a backslash
            while line.ends_with('\\') && !line.ends_with("\\\\") && line.contains("=hex") {
                line.pop();
                match lines.next() {
                    Some(next) => line.push_str(next.trim_start()),
                    None => break,
                }
            }
            if let Some(rest) = line.strip_prefix('[') {
                let (path, _) = unescape(rest, ']');
                let path = String::from_utf16_lossy(&path);
                keys.entry(path.clone()).or_default();
                current = Some(path);
                continue;
            }
            let Some(key) = current.as_ref() else {
                continue;
            };
            let (name, rest) = if let Some(rest) = line.strip_prefix("@=") {
                (String::new(), rest)
            } else if let Some(rest) = line.strip_prefix('"') {
                let (name, used) = unescape(rest, '"');
                let Some(rest) = rest.get(used..).and_then(|r| r.strip_prefix('=')) else {
                    continue;
                };
                (String::from_utf16_lossy(&name), rest)
            } else {
                continue;
            };
            let (kind, bytes) = data(rest);
            keys.get_mut(key)
                .unwrap()
                .push(Stored { name, kind, bytes });
        }
        // the server writes a key that holds values or nothing at all; the
        // keys above it exist as well
        let listed: Vec<String> = keys.keys().cloned().collect();
        for path in listed {
            let mut parent = path.as_str();
            while let Some((above, _)) = parent.rsplit_once('\\') {
                keys.entry(above.to_owned()).or_default();
                parent = above;
            }
        }
        UserReg { keys }
    }
}

/// A value's data as the server writes it.
fn data(text: &str) -> (u32, Vec<u8>) {
    let string = |kind: u32, body: &str| {
        let (units, _) = unescape(body, '"');
        let mut bytes: Vec<u8> = units.iter().flat_map(|u| u.to_le_bytes()).collect();
        bytes.extend([0, 0]);
        (kind, bytes)
    };
    if let Some(body) = text.strip_prefix('"') {
        return string(1, body);
    }
    if let Some(rest) = text.strip_prefix("str(") {
        let (kind, body) = rest.split_once("):\"").unwrap();
        return string(u32::from_str_radix(kind, 16).unwrap(), body);
    }
    if let Some(digits) = text.strip_prefix("dword:") {
        let n = u32::from_str_radix(digits.trim(), 16).unwrap();
        return (4, n.to_le_bytes().to_vec());
    }
    let (kind, list) = if let Some(list) = text.strip_prefix("hex:") {
        (3, list)
    } else {
        let rest = text.strip_prefix("hex(").unwrap();
        let (kind, list) = rest.split_once("):").unwrap();
        (u32::from_str_radix(kind, 16).unwrap(), list)
    };
    let bytes = list
        .split(',')
        .map(str::trim)
        .filter(|b| !b.is_empty())
        .map(|b| u8::from_str_radix(b, 16).unwrap())
        .collect();
    (kind, bytes)
}

/// The UTF-16 units of an escaped string up to the unescaped `end`, and how
/// many bytes of `text` that took (the `end` included).
fn unescape(text: &str, end: char) -> (Vec<u16>, usize) {
    let mut out = Vec::new();
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if c == end {
            return (out, i + c.len_utf8());
        }
        if c != '\\' {
            let mut buf = [0u16; 2];
            out.extend_from_slice(c.encode_utf16(&mut buf));
            continue;
        }
        let Some((_, e)) = chars.next() else { break };
        match e {
            'x' => {
                let mut n: u32 = 0;
                for _ in 0..4 {
                    match chars.peek() {
                        Some(&(_, d)) if d.is_ascii_hexdigit() => {
                            n = n * 16 + d.to_digit(16).unwrap();
                            chars.next();
                        }
                        _ => break,
                    }
                }
                out.push(u16::try_from(n).unwrap());
            }
            '0'..='7' => {
                let mut n = e.to_digit(8).unwrap();
                for _ in 0..2 {
                    match chars.peek() {
                        Some(&(_, d)) if ('0'..='7').contains(&d) => {
                            n = n * 8 + d.to_digit(8).unwrap();
                            chars.next();
                        }
                        _ => break,
                    }
                }
                out.push(u16::try_from(n).unwrap());
            }
            'a' => out.push(7),
            'b' => out.push(8),
            't' => out.push(9),
            'n' => out.push(10),
            'v' => out.push(11),
            'f' => out.push(12),
            'r' => out.push(13),
            'e' => out.push(27),
            other => {
                let mut buf = [0u16; 2];
                out.extend_from_slice(other.encode_utf16(&mut buf));
            }
        }
    }
    (out, text.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_forms_the_server_writes() {
        let text = "WINE REGISTRY Version 2\n\n[T2\\\\Sub \\xdf\\\\x] 1796172424\n#time=1dd\n@=\"def\"\n\"a\\\"b\"=str(7):\"A\\0B\\0\"\n\"d\"=hex(1):41,00,\\\n  00\n\"f\"=dword:0000002a\n\"e\"=\"\\x00df1z\"\n";
        let reg = UserReg::parse(text);
        let values = &reg.keys["T2\\Sub ß\\x"];
        assert_eq!(values[0].name, "");
        assert_eq!(values[1].name, "a\"b");
        assert_eq!(values[1].kind, 7);
        assert_eq!(values[1].bytes, b"A\0\0\0B\0\0\0\0\0");
        assert_eq!(values[2].bytes, [0x41, 0, 0]);
        assert_eq!(values[3].bytes, [42, 0, 0, 0]);
        assert_eq!(values[4].bytes, [0xdf, 0, 0x31, 0, 0x7a, 0, 0, 0]);
    }
}
