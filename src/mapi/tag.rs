//! Property types and tags, and the registry value names made from them
//! (`001f6622`: type first, then id; `S001e67f1`: secure).

use std::fmt;

/// A MAPI property type (`PT_*`). Unknown numbers are kept as they are.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct PropType(pub u16);

/// The multi-valued flag of a property type.
const MV_FLAG: u16 = 0x1000;

impl PropType {
    /// `PT_UNSPECIFIED`.
    pub const UNSPECIFIED: PropType = PropType(0x0000);
    /// `PT_NULL`.
    pub const NULL: PropType = PropType(0x0001);
    /// `PT_I2`: 16-bit integer (ports).
    pub const I2: PropType = PropType(0x0002);
    /// `PT_LONG`: 32-bit integer.
    pub const LONG: PropType = PropType(0x0003);
    /// `PT_R4`: 32-bit float.
    pub const R4: PropType = PropType(0x0004);
    /// `PT_DOUBLE`: 64-bit float.
    pub const DOUBLE: PropType = PropType(0x0005);
    /// `PT_CURRENCY`: 64-bit integer, ten-thousandths.
    pub const CURRENCY: PropType = PropType(0x0006);
    /// `PT_APPTIME`: OLE date as a double.
    pub const APPTIME: PropType = PropType(0x0007);
    /// `PT_ERROR`: 32-bit SCODE.
    pub const ERROR: PropType = PropType(0x000A);
    /// `PT_BOOLEAN`: 16-bit 0/1.
    pub const BOOLEAN: PropType = PropType(0x000B);
    /// `PT_OBJECT`: not persisted.
    pub const OBJECT: PropType = PropType(0x000D);
    /// `PT_I8`: 64-bit integer.
    pub const I8: PropType = PropType(0x0014);
    /// `PT_STRING8`: ANSI string.
    pub const STRING8: PropType = PropType(0x001E);
    /// `PT_UNICODE`: UTF-16 string.
    pub const UNICODE: PropType = PropType(0x001F);
    /// `PT_SYSTIME`: FILETIME.
    pub const SYSTIME: PropType = PropType(0x0040);
    /// `PT_CLSID`: GUID.
    pub const CLSID: PropType = PropType(0x0048);
    /// `PT_BINARY`: bytes.
    pub const BINARY: PropType = PropType(0x0102);

    /// Whether this is a multi-valued type (`PT_MV_*`).
    pub fn is_multi(self) -> bool {
        self.0 & MV_FLAG != 0
    }

    /// The single-valued type of a multi-valued one (itself otherwise).
    pub fn base(self) -> PropType {
        PropType(self.0 & !MV_FLAG)
    }

    /// The multi-valued type with this base.
    pub const fn multi(self) -> PropType {
        PropType(self.0 | MV_FLAG)
    }

    /// `PT_LONG`, `PT_MV_UNICODE` …, or `None` for an unknown number.
    pub fn name(self) -> Option<String> {
        let base = BASE_NAMES.iter().find(|(t, _)| *t == self.base())?.1;
        Some(if self.is_multi() {
            format!("PT_MV_{}", base.trim_start_matches("PT_"))
        } else {
            base.to_owned()
        })
    }

    /// The type named `name` (`PT_LONG`, `PT_MV_BINARY`, `PT_TSTRING`, `PT_DWORD`), case-insensitively.
    pub fn from_name(name: &str) -> Option<PropType> {
        let upper = name.trim().to_ascii_uppercase();
        let (multi, base) = match upper.strip_prefix("PT_MV_") {
            Some(rest) => (true, format!("PT_{rest}")),
            None => (false, upper),
        };
        let base = match base.as_str() {
            "PT_DWORD" | "PT_I4" => PropType::LONG,
            "PT_SHORT" => PropType::I2,
            "PT_TSTRING" => PropType::STRING8,
            "PT_FLOAT" => PropType::R4,
            "PT_R8" => PropType::DOUBLE,
            "PT_LONGLONG" => PropType::I8,
            other => BASE_NAMES.iter().find(|(_, n)| *n == other)?.0,
        };
        Some(if multi { base.multi() } else { base })
    }

    /// Size in bytes of one value of a fixed-size type, `None` for variable ones.
    pub fn fixed_size(self) -> Option<usize> {
        match self.base() {
            PropType::I2 | PropType::BOOLEAN => Some(2),
            PropType::LONG | PropType::R4 | PropType::ERROR => Some(4),
            PropType::DOUBLE
            | PropType::CURRENCY
            | PropType::APPTIME
            | PropType::I8
            | PropType::SYSTIME => Some(8),
            PropType::CLSID => Some(16),
            _ => None,
        }
    }
}

const BASE_NAMES: &[(PropType, &str)] = &[
    (PropType::UNSPECIFIED, "PT_UNSPECIFIED"),
    (PropType::NULL, "PT_NULL"),
    (PropType::I2, "PT_I2"),
    (PropType::LONG, "PT_LONG"),
    (PropType::R4, "PT_R4"),
    (PropType::DOUBLE, "PT_DOUBLE"),
    (PropType::CURRENCY, "PT_CURRENCY"),
    (PropType::APPTIME, "PT_APPTIME"),
    (PropType::ERROR, "PT_ERROR"),
    (PropType::BOOLEAN, "PT_BOOLEAN"),
    (PropType::OBJECT, "PT_OBJECT"),
    (PropType::I8, "PT_I8"),
    (PropType::STRING8, "PT_STRING8"),
    (PropType::UNICODE, "PT_UNICODE"),
    (PropType::SYSTIME, "PT_SYSTIME"),
    (PropType::CLSID, "PT_CLSID"),
    (PropType::BINARY, "PT_BINARY"),
];

impl fmt::Display for PropType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match BASE_NAMES.iter().find(|(t, _)| *t == self.base()) {
            Some((_, base)) if self.is_multi() => {
                f.write_str("PT_MV_")?;
                f.write_str(base.trim_start_matches("PT_"))
            }
            Some((_, base)) => f.write_str(base),
            None => write!(f, "type 0x{:04x}", self.0),
        }
    }
}

/// A property tag: type and id.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct PropTag {
    /// Property type.
    pub ptype: PropType,
    /// Property id.
    pub id: u16,
}

impl PropTag {
    /// The tag with `ptype` and `id`.
    pub const fn new(ptype: PropType, id: u16) -> Self {
        PropTag { ptype, id }
    }

    /// The registry value name: eight lowercase hex digits, type first.
    pub fn value_name(&self) -> String {
        let mut out = String::with_capacity(9);
        for byte in self
            .ptype
            .0
            .to_be_bytes()
            .into_iter()
            .chain(self.id.to_be_bytes())
        {
            super::push_hex(&mut out, byte);
        }
        out
    }

    /// The 32-bit tag as MAPI writes it (`0x6622001F`).
    pub fn tag32(&self) -> u32 {
        (u32::from(self.id) << 16) | u32::from(self.ptype.0)
    }
}

impl fmt::Display for PropTag {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "0x{:08X}", self.tag32())
    }
}

/// What a registry value name says about the value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TagName {
    /// The property.
    pub tag: PropTag,
    /// `S` prefix: the data is DPAPI-protected and stays opaque.
    pub secure: bool,
}

impl TagName {
    /// Read a value name of exactly eight hex digits, optionally after `S`.
    pub fn parse(name: &str) -> Option<TagName> {
        let (secure, digits) = match name.strip_prefix('S') {
            Some(rest) => (true, rest),
            None => (false, name),
        };
        if digits.len() != 8 || !digits.bytes().all(|b| b.is_ascii_hexdigit()) {
            return None;
        }
        let ptype = u16::from_str_radix(digits.get(..4)?, 16).ok()?;
        let id = u16::from_str_radix(digits.get(4..)?, 16).ok()?;
        Some(TagName {
            tag: PropTag::new(PropType(ptype), id),
            secure,
        })
    }

    /// The name as MAPI writes it: lowercase, with `S` when secure.
    pub fn canonical(&self) -> String {
        let name = self.tag.value_name();
        if self.secure {
            format!("S{name}")
        } else {
            name
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn value_names_are_type_first() {
        let name = TagName::parse("001f6622").unwrap();
        assert_eq!(name.tag, PropTag::new(PropType::UNICODE, 0x6622));
        assert!(!name.secure);
        assert_eq!(name.tag.tag32(), 0x6622_001F);
        assert_eq!(name.canonical(), "001f6622");
        let secure = TagName::parse("S001e67f1").unwrap();
        assert!(secure.secure);
        assert_eq!(secure.canonical(), "S001e67f1");
        assert_eq!(TagName::parse("001F6622").unwrap().canonical(), "001f6622");
        assert!(TagName::parse("Account Name").is_none());
        assert!(TagName::parse("001f662").is_none());
        assert!(TagName::parse("s001f6622").is_none());
    }

    #[test]
    fn type_names() {
        assert_eq!(PropType(0x1102).name().unwrap(), "PT_MV_BINARY");
        assert_eq!(PropType::from_name("pt_mv_unicode"), Some(PropType(0x101F)));
        assert_eq!(PropType::from_name("PT_DWORD"), Some(PropType::LONG));
        assert_eq!(PropType(0x0099).to_string(), "type 0x0099");
        assert_eq!(PropType::from_name("PT_NOPE"), None);
    }
}
