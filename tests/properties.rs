//! Generated documents through every form and back: registry models with
//! values of every MAPI type (multi-valued in both layouts, edge strings:
//! empty, astral characters, embedded NUL and invalid UTF-16 carried as
//! bytes) through `.reg` and YAML; `.prf` models through `.prf` and YAML.
#![allow(clippy::unwrap_used, clippy::panic, missing_docs)]

use mapiprof::mapi::{self, Layout, PropTag, PropType, PropValue, Scalar};
use mapiprof::model::Reach;
use mapiprof::model::{Model, Profile, Source};
use mapiprof::prf::{self, Item, Listed, PrfModel, Settings};
use mapiprof::reg::{Block, RegData, RegValue, ValueName};
use mapiprof::{input, yaml};
use proptest::prelude::*;

const ROOT: &str = "HKEY_CURRENT_USER\\Software\\Microsoft\\Office\\16.0\\Outlook\\Profiles";

/// Text with the edges that matter: empty, umlauts, astral characters.
fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(String::new()),
        "[a-zA-Z0-9 .:@_-]{1,24}",
        "[äöüß€ ]{1,6}",
        "[a-z]{0,4}[😀𝄞]{1,3}",
    ]
}

/// Text a Windows-1252 `PT_STRING8` can hold.
fn ansi() -> impl Strategy<Value = String> {
    prop_oneof![Just(String::new()), "[a-zA-Z0-9 .äöü€]{1,20}"]
}

fn scalar() -> impl Strategy<Value = (PropType, Scalar)> {
    prop_oneof![
        any::<u16>().prop_map(|n| (PropType::I2, Scalar::I2(n))),
        any::<u32>().prop_map(|n| (PropType::LONG, Scalar::Long(n))),
        any::<bool>().prop_map(|b| (PropType::BOOLEAN, Scalar::Boolean(b))),
        any::<i64>().prop_map(|n| (PropType::I8, Scalar::I8(n))),
        (0u64..0x0200_0000_0000_0000).prop_map(|t| (PropType::SYSTIME, Scalar::SysTime(t))),
        any::<[u8; 16]>().prop_map(|g| (PropType::CLSID, Scalar::Clsid(g))),
        (-1.0e9f64..1.0e9).prop_map(|d| (PropType::DOUBLE, Scalar::Double(d))),
    ]
}

fn layout() -> impl Strategy<Value = Layout> {
    prop_oneof![Just(Layout::Bits32), Just(Layout::Bits64)]
}

/// A MAPI value's type and bytes: canonical encodings of every kind, and raw
/// bytes that decode to nothing (embedded NUL, lone surrogates).
fn mapi_value() -> impl Strategy<Value = (PropType, Vec<u8>)> {
    let cp = encoding_rs::WINDOWS_1252;
    let encoded = |t: PropType, v: PropValue| (t, mapi::encode(&v, cp).unwrap());
    prop_oneof![
        scalar().prop_map(move |(t, s)| encoded(t, PropValue::Scalar(s))),
        text().prop_map(move |s| encoded(PropType::UNICODE, PropValue::Unicode(s))),
        ansi().prop_map(move |s| encoded(PropType::STRING8, PropValue::String8(s))),
        proptest::collection::vec(any::<u8>(), 0..40)
            .prop_map(move |b| encoded(PropType::BINARY, PropValue::Binary(b))),
        (proptest::collection::vec(text(), 0..4), layout()).prop_map(move |(items, l)| {
            encoded(PropType::UNICODE.multi(), PropValue::MvUnicode(items, l))
        }),
        (
            proptest::collection::vec(proptest::collection::vec(any::<u8>(), 0..12), 0..4),
            layout()
        )
            .prop_map(move |(items, l)| encoded(
                PropType::BINARY.multi(),
                PropValue::MvBinary(items, l)
            )),
        proptest::collection::vec(any::<u32>(), 0..5).prop_map(move |items| {
            let v = PropValue::MvScalar(items.into_iter().map(Scalar::Long).collect());
            encoded(PropType::LONG.multi(), v)
        }),
        // a UTF-16 string with an embedded NUL or a lone surrogate: raw
        Just((PropType::UNICODE, vec![0x61, 0, 0, 0, 0x62, 0, 0, 0])),
        Just((PropType::UNICODE, vec![0x00, 0xD8, 0x61, 0, 0, 0])),
        proptest::collection::vec(any::<u8>(), 0..9).prop_map(|b| (PropType::UNICODE, b)),
    ]
}

fn section() -> impl Strategy<Value = Block> {
    let uid = prop_oneof![
        Just("13dbb0c8aa05101a9bb000aa002fc45a".to_owned()),
        Just("0a0d020000000000c000000000000046".to_owned()),
        "[0-9a-f]{32}",
    ];
    let values = proptest::collection::vec((0x6600u16..0x6700, mapi_value()), 0..6);
    (uid, values).prop_map(|(path, values)| {
        let mut seen = Vec::new();
        let values = values
            .into_iter()
            .filter_map(|(id, (ptype, bytes))| {
                let name = PropTag::new(ptype, id).value_name();
                (!seen.contains(&name)).then(|| {
                    seen.push(name.clone());
                    RegValue {
                        name: ValueName::Named(name),
                        data: RegData::Hex { kind: 3, bytes },
                    }
                })
            })
            .collect();
        Block {
            path,
            delete: false,
            values,
        }
    })
}

fn account() -> impl Strategy<Value = Block> {
    (1u32..9, text(), any::<u32>()).prop_map(|(n, name, port)| Block {
        path: format!("9375CFF0413111d3B88A00104B2A6676\\{n:08}"),
        delete: false,
        values: vec![
            RegValue {
                name: ValueName::Named("Account Name".into()),
                data: RegData::Hex {
                    kind: 3,
                    bytes: mapi::unicode_bytes(&name),
                },
            },
            RegValue {
                name: ValueName::Named("SMTP Port".into()),
                data: RegData::Dword(port),
            },
        ],
    })
}

fn model() -> impl Strategy<Value = Model> {
    let profile = (
        "[A-Za-z][A-Za-z0-9 äö]{0,12}",
        proptest::collection::vec(section(), 1..4),
        proptest::option::of(account()),
    )
        .prop_map(|(name, mut keys, account)| {
            let mut unique: Vec<Block> = Vec::new();
            keys.extend(account);
            for key in keys {
                if !unique
                    .iter()
                    .any(|k| k.path.eq_ignore_ascii_case(&key.path))
                {
                    unique.push(key);
                }
            }
            Profile {
                name: name.trim().to_owned(),
                keys: unique,
            }
        });
    proptest::collection::vec(profile, 1..3).prop_map(|profiles| {
        let mut unique: Vec<Profile> = Vec::new();
        for p in profiles {
            if !p.name.is_empty() && !unique.iter().any(|u| u.name.eq_ignore_ascii_case(&p.name)) {
                unique.push(p);
            }
        }
        Model {
            source: Source::default(),
            root: Some(ROOT.to_owned()),
            keys: Vec::new(),
            profiles: unique,
        }
    })
}

fn prf_model() -> impl Strategy<Value = PrfModel> {
    let value = "[A-Za-z0-9 .:@%{}$_-]{0,20}".prop_map(|s| s.trim().to_owned());
    let settings = proptest::collection::vec(("[A-Za-z][A-Za-z0-9]{0,12}", value), 0..5);
    let item = (1u8..9, settings).prop_map(|(n, active)| {
        let mut unique: Vec<(String, String)> = Vec::new();
        for (k, v) in active {
            if !unique.iter().any(|(u, _)| u.eq_ignore_ascii_case(&k)) {
                unique.push((k, v));
            }
        }
        Item {
            id: format!("Service{n}"),
            block: Some("Microsoft Exchange Server".into()),
            listed: Listed::Active,
            settings: Settings {
                active: unique.into_iter().collect(),
                commented: prf::Entries::new(),
            },
        }
    });
    proptest::collection::vec(item, 0..4).prop_map(|items| {
        let mut services: Vec<Item> = Vec::new();
        for i in items {
            if !services.iter().any(|s| s.id == i.id) {
                services.push(i);
            }
        }
        PrfModel {
            general: Settings {
                active: [("ProfileName", "Outlook")].into_iter().collect(),
                commented: prf::Entries::new(),
            },
            services,
            mappings: prf::Generation::Office2010.blocks().to_vec(),
            ..PrfModel::default()
        }
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    #[test]
    fn models_survive_yaml(model in model()) {
        let text = yaml::write(&model, &yaml::WriteOptions::default()).unwrap();
        prop_assert_eq!(&yaml::read(&text).unwrap(), &model);
        let sorted = yaml::write(&model, &yaml::WriteOptions { sort: true }).unwrap();
        let again = yaml::read(&sorted).unwrap();
        // sorting changes the order and nothing else
        let changes = mapiprof::diff::diff_reg(&model, &again, &Default::default());
        prop_assert!(changes.is_empty(), "{:?}", changes);
    }

    #[test]
    fn models_survive_reg(model in model()) {
        let bytes = model.to_reg_bytes(Reach::AnyKey).unwrap();
        // the .reg holds no code page: read it in the model's, as
        // --codepage does
        let read = input::read_reg(&bytes, Some(model.source.codepage)).unwrap();
        prop_assert!(read.warnings.is_empty(), "{:?}", read.warnings);
        prop_assert_eq!(read.model().0, model);
    }

    #[test]
    fn prf_models_survive_prf_and_yaml(model in prf_model()) {
        let bytes = prf::to_bytes(&model).unwrap();
        let read = input::read_prf(&bytes, None).unwrap().model().0;
        prop_assert_eq!(&read.general, &model.general);
        prop_assert_eq!(&read.services, &model.services);
        let text = yaml::write_prf(&model);
        let yaml::Document::Prf(back) = yaml::read_document(&text).unwrap() else {
            panic!("a .prf document");
        };
        prop_assert_eq!(&back.general, &model.general);
        prop_assert_eq!(&back.services, &model.services);
    }
}
