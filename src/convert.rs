//! Converting what a file holds into another form: one function for every
//! pair of forms, so that the command line, templates and library callers
//! all go through the same rules. A `.reg` is written with the keys it may
//! touch chosen here (see [`ConvertOptions::allow_any_key`] and
//! [`Model::to_reg_bytes`]).
//!
//! Reading is [`crate::input`]'s business; nothing here touches files.

use thiserror::Error;

use crate::diag::Warning;
use crate::format::Format;
use crate::input::Profiles;
use crate::model::{self, Model, Reach};
use crate::redact::Redactor;
use crate::{prf, yaml};

/// How to convert.
#[derive(Debug, Clone, Default)]
pub struct ConvertOptions {
    /// YAML output: sort profiles, keys and values into a canonical order.
    pub sort: bool,
    /// Replace personal data with placeholders first.
    pub redact: bool,
    /// A written `.reg` may touch keys outside the profiles of an Outlook
    /// profile root. Without it, such a `.reg` is refused, unless it is a
    /// `.reg` written back from a `.reg` (`from` is [`Format::Reg`]): that
    /// gives the registry nothing the file did not.
    pub allow_any_key: bool,
    /// `.prf` → `.reg`: where the settings go.
    pub placing: model::PrfToReg,
    /// `.prf` → `.reg`: the export the settings are applied to; the output
    /// is that whole export.
    pub base: Option<Model>,
    /// `.reg` → `.prf`: which profile, which mappings, which code page.
    pub recreating: model::RegToPrf,
}

/// A converted file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Output {
    /// The file's bytes, encoded as the form wants them.
    pub bytes: Vec<u8>,
    /// What the conversion could not carry over, or had to guess.
    pub warnings: Vec<Warning>,
}

/// Why a conversion failed.
#[derive(Debug, Error)]
pub enum ConvertError {
    /// A `.reg` that would reach outside the Outlook profiles, or a value
    /// it cannot hold, e.g. a line break in a value name.
    #[error(transparent)]
    Reg(#[from] model::ToRegError),
    /// A value a `.prf` cannot hold, e.g. a line break in a setting.
    #[error(transparent)]
    Prf(#[from] prf::WriteError),
    /// A model YAML cannot show.
    #[error(transparent)]
    Yaml(#[from] yaml::YamlError),
    /// An export that does not say which profile to recreate as a `.prf`.
    #[error(transparent)]
    ToPrf(#[from] model::ToPrfError),
    /// `.prf` settings without a place in a `.reg`.
    #[error(transparent)]
    FromPrf(#[from] model::FromPrfError),
    /// A form mapiprof reads but does not write, e.g. a document of it
    /// given to `fmt`.
    #[error("mapiprof does not write {0} files{hint}", hint = .0.read_only_hint())]
    NotWritten(Format),
    /// A file `fmt` cannot tidy as asked.
    #[error(transparent)]
    Fmt(#[from] crate::fmt::FmtError),
}

/// The form profiles read `from` a form go to when no form is asked for:
/// a `.reg` or `.prf` becomes YAML, YAML becomes what it describes.
///
/// # Example
/// ```
/// use mapiprof::{Format, convert, input};
/// let doc = input::read(b"mapiprof: 1\nprofiles: {}\n".to_vec(), Format::Yaml, &Default::default()).unwrap();
/// let (profiles, _) = doc.into_profiles();
/// assert_eq!(convert::default_target(Format::Yaml, &profiles), Format::Reg);
/// assert_eq!(convert::default_target(Format::Reg, &profiles), Format::Yaml);
/// ```
pub fn default_target(from: Format, profiles: &Profiles) -> Format {
    let native = profiles.native_format();
    // a hive holds a registry document, which is shown as YAML too
    if from == native || from == Format::Hive {
        Format::Yaml
    } else {
        native
    }
}

/// `profiles`, read from a file of form `from`, written as form `to`.
///
/// # Example
/// ```
/// use mapiprof::{Format, convert, input};
/// let yaml = "mapiprof: 1\nroot: HKEY_CURRENT_USER\\Software\\Microsoft\\Office\\16.0\\Outlook\\Profiles\n\
///             profiles:\n  Outlook:\n    13dbb0c8aa05101a9bb000aa002fc45a:\n      TCPExchangePort: 6001\n";
/// let doc = input::read(yaml.as_bytes().to_vec(), Format::Yaml, &Default::default()).unwrap();
/// let (profiles, _) = doc.into_profiles();
/// let out = convert::convert(&profiles, Format::Yaml, Format::Reg, &Default::default()).unwrap();
/// assert!(out.bytes.starts_with(&[0xFF, 0xFE]), "UTF-16LE with a byte-order mark");
/// ```
pub fn convert(
    profiles: &Profiles,
    from: Format,
    to: Format,
    options: &ConvertOptions,
) -> Result<Output, ConvertError> {
    if options.redact {
        // one redactor for the document, the export it goes onto and the
        // profile named in the options, so that they still match
        let mut redactor = Redactor::new();
        let redacted = redactor.profiles(profiles);
        let mut options = options.clone();
        options.base = options.base.as_ref().map(|base| redactor.model(base));
        for profile in [
            &mut options.placing.profile,
            &mut options.recreating.profile,
        ] {
            *profile = profile.as_deref().map(|p| redactor.profile_name(p));
        }
        return write(&redacted, from, to, &options);
    }
    write(profiles, from, to, options)
}

fn write(
    profiles: &Profiles,
    from: Format,
    to: Format,
    options: &ConvertOptions,
) -> Result<Output, ConvertError> {
    let mut warnings = Vec::new();
    let bytes = match (to, profiles) {
        (Format::Hive, _) => return Err(ConvertError::NotWritten(Format::Hive)),
        (Format::Yaml, Profiles::Registry(model)) => {
            let sort = yaml::WriteOptions { sort: options.sort };
            yaml::write(model, &sort)?.into_bytes()
        }
        (Format::Yaml, Profiles::Prf(model)) => yaml::write_prf(model).into_bytes(),
        (Format::Reg, Profiles::Registry(model)) => {
            // a `.reg` read from a `.reg` (or a hive) is written back with
            // what it held
            let own = matches!(from, Format::Reg | Format::Hive);
            model.to_reg_bytes(reach(options, own))?
        }
        (Format::Reg, Profiles::Prf(prf_model)) => {
            let (placed, more) = match &options.base {
                Some(base) => model::prf_onto_export(prf_model, base, &options.placing)?,
                None => model::prf_to_reg(prf_model, &options.placing)?,
            };
            warnings = more;
            placed.to_reg_bytes(reach(options, false))?
        }
        (Format::Prf, Profiles::Prf(model)) => prf::to_bytes(model)?,
        (Format::Prf, Profiles::Registry(reg_model)) => {
            let (prf_model, more) = model::reg_to_prf(reg_model, &options.recreating)?;
            warnings = more;
            prf::to_bytes(&prf_model)?
        }
    };
    Ok(Output { bytes, warnings })
}

/// The keys a `.reg` written with `options` may touch: any when the user
/// allows it or the `.reg` is written back from a `.reg` (`own`), else the
/// profiles.
fn reach(options: &ConvertOptions, own: bool) -> Reach {
    if options.allow_any_key || own {
        Reach::AnyKey
    } else {
        Reach::Profiles
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::{self, ReadOptions};

    const ROOT: &str = "HKEY_CURRENT_USER\\Software\\Microsoft\\Office\\16.0\\Outlook\\Profiles";
    const RUN: &str = "HKEY_LOCAL_MACHINE\\Software\\Microsoft\\Windows\\CurrentVersion\\Run";

    fn profiles(format: Format, text: &str) -> Profiles {
        let doc = input::read(text.as_bytes(), format, &ReadOptions::default()).unwrap();
        doc.into_profiles().0
    }

    fn run_key_yaml() -> String {
        format!(
            "mapiprof: 1\nroot: {ROOT}\nkeys:\n  {RUN}:\n    evil: {{sz: calc.exe}}\n\
             profiles:\n  Outlook:\n    13dbb0c8aa05101a9bb000aa002fc45a:\n      TCPExchangePort: 6001\n"
        )
    }

    #[test]
    fn a_reg_from_yaml_keeps_to_the_profiles_unless_allowed() {
        let doc = profiles(Format::Yaml, &run_key_yaml());
        let refused = convert(&doc, Format::Yaml, Format::Reg, &ConvertOptions::default());
        match refused {
            Err(ConvertError::Reg(model::ToRegError::OutsideProfiles(keys))) => {
                assert_eq!(keys, [format!("[{RUN}]")])
            }
            other => panic!("{other:?}"),
        }
        let anything = ConvertOptions {
            allow_any_key: true,
            ..ConvertOptions::default()
        };
        assert!(convert(&doc, Format::Yaml, Format::Reg, &anything).is_ok());
    }

    #[test]
    fn a_reg_read_from_a_reg_is_written_back_with_its_own_keys() {
        let reg = format!(
            "Windows Registry Editor Version 5.00\r\n\r\n[{RUN}]\r\n\"evil\"=\"calc.exe\"\r\n\r\n\
             [{ROOT}\\Outlook]\r\n\r\n"
        );
        let doc = profiles(Format::Reg, &reg);
        let out = convert(&doc, Format::Reg, Format::Reg, &ConvertOptions::default()).unwrap();
        assert!(!out.bytes.is_empty());
        // the same document coming from YAML is refused
        assert!(convert(&doc, Format::Yaml, Format::Reg, &ConvertOptions::default()).is_err());
    }

    #[test]
    fn redaction_happens_before_writing() {
        let doc = profiles(
            Format::Yaml,
            &format!(
                "mapiprof: 1\nroot: {ROOT}\nprofiles:\n  Outlook:\n    \
                 13dbb0c8aa05101a9bb000aa002fc45a:\n      RPCProxyServer: mail.corp.example.com\n"
            ),
        );
        let redact = ConvertOptions {
            redact: true,
            ..ConvertOptions::default()
        };
        let out = convert(&doc, Format::Yaml, Format::Yaml, &redact).unwrap();
        let text = String::from_utf8(out.bytes).unwrap();
        assert!(!text.contains("corp.example.com"), "{text}");
    }

    #[test]
    fn the_base_export_and_the_profile_named_are_redacted_alike() {
        let prf = profiles(
            Format::Prf,
            "[General]\r\nProfileName=Jane Work\r\n[Service List]\r\nServiceEGS=Exchange Global Section\r\n\
             [ServiceEGS]\r\nRPCProxyServer=mail.corp.example.com\r\n",
        );
        let Profiles::Registry(base) = profiles(
            Format::Yaml,
            &format!(
                "mapiprof: 1\nroot: {ROOT}\nprofiles:\n  Jane Work:\n    \
                 13dbb0c8aa05101a9bb000aa002fc45a:\n      HomeServer: exch01.corp.example.com\n"
            ),
        ) else {
            panic!("a registry document");
        };
        let mut onto = ConvertOptions {
            redact: true,
            base: Some(base),
            ..ConvertOptions::default()
        };
        onto.placing.profile = Some("Jane Work".into());
        let out = convert(&prf, Format::Prf, Format::Reg, &onto).unwrap();
        let reg = input::read_reg(&out.bytes, None).unwrap().model().0;
        assert_eq!(reg.profiles.len(), 1, "{reg:?}");
        assert_eq!(reg.profiles[0].name, "profile1");
        let text = format!("{reg:?}");
        for personal in ["Jane", "corp.example.com"] {
            assert!(!text.contains(personal), "{personal} in {text}");
        }
    }

    #[test]
    fn a_base_export_cannot_carry_keys_outside_the_profiles_into_a_prf_patch() {
        let prf = profiles(Format::Prf, "[General]\r\nProfileName=Outlook\r\n");
        let Profiles::Registry(base) = profiles(Format::Yaml, &run_key_yaml()) else {
            panic!("a registry document");
        };
        let onto = ConvertOptions {
            base: Some(base),
            ..ConvertOptions::default()
        };
        let refused = convert(&prf, Format::Prf, Format::Reg, &onto);
        assert!(
            matches!(
                refused,
                Err(ConvertError::Reg(model::ToRegError::OutsideProfiles(_)))
            ),
            "{refused:?}"
        );
        let allowed = ConvertOptions {
            allow_any_key: true,
            ..onto
        };
        assert!(convert(&prf, Format::Prf, Format::Reg, &allowed).is_ok());
    }
}
