//! One profile of a registry export as an OCT-style `.prf` that recreates
//! it: `[General]` with the profile's name and whether it is the default,
//! each message service the built-in mapping blocks know (Exchange with its
//! Exchange Global Section settings, PSTs, address books, LDAP), the
//! Outlook client settings, and the POP3, IMAP and HTTP accounts of the
//! account manager.
//!
//! Settings are found through the mapping lines of the chosen generation:
//! each line names a property, and the first section of the service's pool
//! that holds it gives the value. What a `.prf` cannot carry (passwords,
//! entry IDs, values no mapping names, sections nobody owns) is named in
//! warnings; see `leftover`.

mod accounts;
mod leftover;

use encoding_rs::Encoding as CodePage;
use thiserror::Error;

use crate::diag::Warning;
use crate::mapi::props::{EXCHANGE_ACCOUNT_NAME, PR_DISPLAY_NAME};
use crate::mapi::{PropTag, sections};
use crate::prf::mapping::{self, parse_mapping};
use crate::prf::{self, Block, Generation, Item, Listed, PrfModel, PrfSource, Settings, Target};
use crate::reg::name;
use crate::text::{Encoding, Newline, TextFormat};

use super::context::is_exchange;
use super::pool::Pool;
use super::{Model, choose_profile, default_profile, text_value, uids};
use crate::reg::find_value;

/// How to convert.
#[derive(Debug, Clone, Default)]
pub struct RegToPrf {
    /// The profile to write; when absent the export's only profile, else its
    /// default profile.
    pub profile: Option<String>,
    /// The mapping generation; when absent Office 2010+ for profiles under
    /// `Office\NN.N` or with Exchange account sections, else Office 2002–2007.
    pub generation: Option<Generation>,
    /// The ANSI code page of the `.prf`; Windows-1252 when absent.
    pub codepage: Option<&'static CodePage>,
    /// Write a `.prf` that adds to the profile (`OverwriteProfile=Append`)
    /// instead of replacing it, as an export of part of a profile needs.
    pub partial: bool,
}

/// Why an export cannot become a `.prf`.
#[derive(Debug, Error, PartialEq, Eq)]
pub enum ToPrfError {
    /// No profile in the export, e.g. a `.reg` of Outlook security settings.
    #[error("the export holds no Outlook profile")]
    NoProfile,
    /// Several profiles and none marked as default.
    #[error("the export holds {} profiles ({}) and names none as the default; say which with --profile", .0.len(), .0.join(", "))]
    WhichProfile(Vec<String>),
    /// `--profile` names a profile the export does not hold.
    #[error("the export holds no profile {:?}; it holds {}", .0, .1.join(", "))]
    NoSuchProfile(String, Vec<String>),
    /// No message service or account of the profile in the export (a
    /// partial export): its `.prf` would replace the profile with an empty
    /// one.
    #[error(
        "the export holds no message service or account of profile {0:?} (an export of part of it?): \
         a .prf of it would replace the profile with an empty one; export the whole profile, or give \
         --partial for a .prf that adds to the profile (OverwriteProfile=Append)"
    )]
    NoServices(String),
}

/// The `.prf` that recreates one profile of `model`, with warnings naming
/// what it cannot carry.
pub fn reg_to_prf(
    model: &Model,
    options: &RegToPrf,
) -> Result<(PrfModel, Vec<Warning>), ToPrfError> {
    let default = default_profile(model);
    let profile = choose_profile(model, options.profile.as_deref(), default.as_deref())?;
    let pool = Pool::of(profile, model.source.codepage);
    let mut notes = Vec::new();
    let generation = options.generation.unwrap_or_else(|| {
        let generation = generation_of(model, &pool);
        notes.push(Warning::note(match generation {
            Generation::Office2010 => {
                "written with the mapping blocks of Office 2010 and later, as the export is of Outlook 2013 or later, or has Exchange account sections; --outlook chooses another version"
            }
            _ => {
                "written with the mapping blocks of Office 2002–2007, as the export is of Outlook 2010 or older; --outlook chooses another version"
            }
        }));
        generation
    });
    let codepage = options.codepage.unwrap_or(encoding_rs::WINDOWS_1252);
    let mut build = Build {
        profile: &profile.name,
        generation,
        pool,
        prf: PrfModel {
            source: PrfSource {
                text: TextFormat {
                    encoding: Encoding::CodePage(codepage),
                    bom: false,
                    newline: Newline::CrLf,
                },
                codepage,
            },
            mappings: generation.blocks().to_vec(),
            ..PrfModel::default()
        },
        warnings: Vec::new(),
        default_store: None,
    };
    build.outlook_client();
    build.services();
    build.accounts();
    // sections (the Outlook client's ServiceX, the Exchange Global
    // Section's ServiceEGS) are no message service
    let holds_services = build.prf.services.iter().any(|s| {
        s.block
            .as_deref()
            .and_then(|b| build.prf.block(b))
            .is_some_and(|b| matches!(b.target(), Target::Service(_)))
    }) || !build.prf.accounts.is_empty();
    if !holds_services && !options.partial {
        return Err(ToPrfError::NoServices(profile.name.clone()));
    }
    let is_default = default
        .as_deref()
        .is_none_or(|d| name::same(d, &profile.name));
    build.general(is_default, options.partial);
    leftover::report(&build.pool, build.profile, &mut build.warnings);
    build.fit_text();
    build.fit_encoding();
    let exchange: Vec<String> = build
        .prf
        .services
        .iter()
        .filter(|s| s.block.as_deref().is_some_and(|b| build.prf.is_exchange(b)))
        .map(|s| format!("[{}]", s.id))
        .collect();
    let office16 = model
        .root
        .as_deref()
        .is_some_and(|r| name::find(r, "\\office\\16.0\\").is_some());
    if office16 && !exchange.is_empty() {
        build.warnings.push(Warning::general(format!(
            "the export is of Outlook 2016 or later, which no longer sets Exchange accounts up from a .prf \
             (Autodiscover does): {} written all the same (check --outlook 2016 says prf-exchange-2016)",
            exchange.join(", ")
        )));
    }
    notes.append(&mut build.warnings);
    Ok((build.prf, notes))
}

fn generation_of(model: &Model, pool: &Pool) -> Generation {
    let office = model
        .root
        .as_deref()
        .is_some_and(|r| name::find(r, "\\microsoft\\office\\").is_some());
    let accounts = pool.sections.iter().any(|s| s.facts.emsmdb.is_some());
    if office || accounts {
        Generation::Office2010
    } else {
        Generation::Office2002
    }
}

/// The conversion under way.
struct Build<'m> {
    profile: &'m str,
    generation: Generation,
    pool: Pool,
    prf: PrfModel,
    warnings: Vec<Warning>,
    default_store: Option<String>,
}

impl Build<'_> {
    /// `[General]`; `partial`: the `.prf` adds to the profile instead of
    /// replacing it.
    fn general(&mut self, is_default: bool, partial: bool) {
        let yes_no = |b: bool| if b { "Yes" } else { "No" };
        let mut general = vec![
            ("Custom", "1".to_owned()),
            ("ProfileName", self.profile.to_owned()),
            ("DefaultProfile", yes_no(is_default).to_owned()),
            (
                "OverwriteProfile",
                if partial { "Append" } else { "Yes" }.to_owned(),
            ),
            ("ModifyDefaultProfileIfPresent", "FALSE".to_owned()),
            ("BackupProfile", "No".to_owned()),
        ];
        if let Some(store) = self.default_store.take() {
            general.push(("DefaultStore", store));
        }
        self.prf.general.active = general.into_iter().collect();
    }

    /// `[Microsoft Outlook Client]` settings (cached mode and the like) as
    /// OCT's `ServiceX`.
    fn outlook_client(&mut self) {
        let Some(block) = self.block_for(&Target::Section(sections::OUTLOOK_CLIENT.into())) else {
            return;
        };
        let Some(s) = self.pool.find(sections::OUTLOOK_CLIENT) else {
            return;
        };
        let settings = self.settings(&block, &[s]);
        if !settings.is_empty() {
            self.push_service("ServiceX", &block.name, settings);
        }
    }

    /// The message services, in the profile's service order.
    fn services(&mut self) {
        let global = self.pool.find(sections::EXCHANGE_GLOBAL);
        let mut global_taken = false;
        let mut number: usize = 0;
        let mut exchange_number: usize = 0;
        for s in self.pool.services() {
            let name = self.pool[s].facts.service.clone().unwrap_or_default();
            let Some(block) = self.block_for(&Target::Service(name.clone())) else {
                let label = self.pool.label(self.profile, s);
                self.warnings.push(Warning::general(format!(
                    "{label}: a .prf has no mapping block for service {name}; it is left out"
                )));
                for section in self.pool.providers(s).into_iter().chain([s]) {
                    self.pool.mark_all(section);
                }
                continue;
            };
            number = number.saturating_add(1);
            let id = format!("Service{number}");
            let mut order = self.pool.providers(s);
            order.push(s);
            let mut settings = Vec::new();
            if is_exchange(&name) {
                exchange_number = exchange_number.saturating_add(1);
                let account = self.pool[s]
                    .facts
                    .emsmdb
                    .clone()
                    .and_then(|uid| self.pool.find(&uid));
                let mut first = account.into_iter().collect::<Vec<_>>();
                if !global_taken {
                    first.extend(global);
                    global_taken = true;
                }
                order.splice(0..0, first);
                self.global_section(exchange_number, &order);
                settings.push(("OverwriteExistingService".to_owned(), "No".to_owned()));
                settings.push(("UniqueService".to_owned(), "Yes".to_owned()));
                settings.extend(self.settings(&block, &order));
                if let Some(name) = self.account_name(s, &order) {
                    settings.push(("AccountName".to_owned(), name));
                }
            } else {
                settings.push(("UniqueService".to_owned(), "No".to_owned()));
                settings.extend(self.settings(&block, &order));
            }
            if self.default_store.is_none() && self.holds_default_store(&order) {
                self.default_store = Some(id.clone());
            }
            self.push_service(&id, &block.name, settings);
        }
        if !global_taken && let Some(global) = global {
            self.global_section(1, &[global]);
        }
    }

    /// `[ServiceEGSn]`: the Exchange Global Section settings of the
    /// `number`th Exchange service, with KB 833799's port mappings added to
    /// the file when a static port is set.
    fn global_section(&mut self, number: usize, order: &[usize]) {
        let Some(mut block) = self.block_for(&Target::Section(sections::EXCHANGE_GLOBAL.into()))
        else {
            return;
        };
        let ports = mapping::static_ports();
        block.lines.extend(ports.lines.iter().cloned());
        let settings = self.settings(&block, order);
        if settings.is_empty() {
            return;
        }
        let uses_ports = settings.iter().any(|(k, _)| ports.mapping(k).is_some());
        if uses_ports && let Some(own) = self.prf.mappings.iter_mut().find(|b| b.name == block.name)
        {
            for line in &ports.lines {
                if !own.lines.contains(line) {
                    own.lines.push(line.clone());
                }
            }
        }
        let id = match self.generation {
            Generation::Office2010 => format!("ServiceEGS{number}"),
            _ if number == 1 => "ServiceEGS".to_owned(),
            _ => format!("ServiceEGS{number}"),
        };
        self.push_service(&id, &block.name, settings);
    }

    /// The settings `block` maps, each from the first section of `order`
    /// holding its property.
    fn settings(&mut self, block: &Block, order: &[usize]) -> Vec<(String, String)> {
        let mut settings: Vec<(String, String)> = Vec::new();
        for (key, mapping) in block.entries() {
            if mapping::is_special(key) || settings.iter().any(|(k, _)| k.eq_ignore_ascii_case(key))
            {
                continue;
            }
            let Some(tag) = parse_mapping(mapping) else {
                continue;
            };
            let Some((s, v)) = self.pool.value_of(order, tag) else {
                continue;
            };
            match self.pool.take(s, v, tag) {
                Ok(text) => {
                    self.same_elsewhere(order, s, tag, key, &text);
                    settings.push((key.to_owned(), text));
                }
                Err(why) => {
                    let label = self.pool.label(self.profile, s);
                    let name = self.pool[s].values.get(v).map_or("?", |x| x.name.as_str());
                    self.warnings.push(Warning::general(format!(
                        "{label}: {name} cannot become {key}: {why}; it is left out"
                    )));
                }
            }
        }
        settings
    }

    /// The other sections of `order` that hold `tag` too: the same text
    /// counts as carried over, a different one is named in a warning.
    fn same_elsewhere(
        &mut self,
        order: &[usize],
        taken: usize,
        tag: PropTag,
        key: &str,
        text: &str,
    ) {
        if tag.id == PR_DISPLAY_NAME.id {
            // a service section and its providers each have a display name:
            // a service's own display name is not its store's
            return;
        }
        for &s in order.iter().filter(|&&s| s != taken) {
            let Some((s, v)) = self.pool.value_of(&[s], tag) else {
                continue;
            };
            match self.pool.take(s, v, tag) {
                Ok(other) if other == text => {}
                Ok(other) => {
                    let label = self.pool.label(self.profile, s);
                    let used = self.pool.label(self.profile, taken);
                    self.warnings.push(Warning::general(format!(
                        "{label}: {key}={other} differs from {key}={text} in {used}, which the .prf carries"
                    )));
                }
                Err(_) => {}
            }
        }
    }

    /// The Exchange account's name: the account manager's `Account Name`
    /// of the account for service section `s`, else the `AccountName` of its
    /// Exchange sections.
    fn account_name(&mut self, s: usize, order: &[usize]) -> Option<String> {
        if self.generation != Generation::Office2010 {
            return None;
        }
        let service = self.pool.sections.get(s)?.path.clone();
        let from_manager = self.pool.sections.iter().find_map(|section| {
            let uid = find_value(&section.values, "Service UID").map(|v| uids(&v.data))?;
            (uid.len() == 1 && uid.iter().all(|u| name::same(u, &service)))
                .then(|| text_value(&section.values, "Account Name"))
                .flatten()
        });
        from_manager.or_else(|| {
            let (s, v) = self.pool.value_of(order, EXCHANGE_ACCOUNT_NAME)?;
            self.pool.take(s, v, EXCHANGE_ACCOUNT_NAME).ok()
        })
    }

    /// Whether a section of `order` is marked as the default store
    /// (`PR_RESOURCE_FLAGS`: 0x1 on a service, 0x2 on a store provider).
    fn holds_default_store(&self, order: &[usize]) -> bool {
        order
            .iter()
            .filter_map(|&s| self.pool.sections.get(s))
            .any(|s| {
                let bit = if s.facts.service.is_some() && s.facts.service_uid.is_none() {
                    0x1
                } else {
                    0x2
                };
                s.facts.flags.is_some_and(|f| f & bit != 0)
            })
    }

    fn push_service(&mut self, id: &str, block: &str, settings: Vec<(String, String)>) {
        self.prf.services.push(active_item(id, block, settings));
    }

    /// The generation's block for `wanted` (names compared without case).
    fn block_for(&self, wanted: &Target) -> Option<Block> {
        self.generation
            .blocks()
            .iter()
            .find(|b| match (b.target(), wanted) {
                (Target::Section(x), Target::Section(y))
                | (Target::Service(x), Target::Service(y))
                | (Target::Account(x), Target::Account(y)) => x.eq_ignore_ascii_case(y),
                _ => false,
            })
            .cloned()
    }

    /// Values a `.prf` line cannot carry as they are: blanks at either end
    /// (Outlook trims them) are trimmed, and a value with a line break or
    /// another control character is left out; each with a warning, so
    /// nothing changes without a word.
    fn fit_text(&mut self) {
        let mut said = Vec::new();
        let mut fit = |section: &str, settings: &mut Settings| {
            settings.active.retain_map(|key, value| {
                if value.chars().any(|c| c.is_control() && c != '\t') {
                    said.push(format!(
                        "{key} in [{section}] holds a line break or another control character, \
                         which a .prf line cannot carry; it is left out"
                    ));
                    return None;
                }
                let trimmed = value.trim_matches([' ', '\t']);
                if trimmed.len() != value.len() {
                    said.push(format!(
                        "{key} in [{section}] starts or ends with a blank, which Outlook trims; \
                         it is written without it"
                    ));
                }
                Some(trimmed.to_owned())
            });
        };
        fit("General", &mut self.prf.general);
        for item in self
            .prf
            .services
            .iter_mut()
            .chain(self.prf.accounts.iter_mut())
        {
            fit(&item.id, &mut item.settings);
        }
        self.warnings.extend(said.into_iter().map(Warning::general));
    }

    /// Write ANSI when the code page holds every character, else UTF-8
    /// with a byte-order mark, and say so.
    fn fit_encoding(&mut self) {
        if let Err(prf::WriteError::Encode(why)) = prf::to_bytes(&self.prf) {
            self.prf.source.text.encoding = Encoding::Utf8;
            self.prf.source.text.bom = true;
            self.warnings.push(Warning::general(format!(
                "{why}; the .prf is written as UTF-8 with a byte-order mark instead (--codepage picks another ANSI code page)"
            )));
        }
    }
}

/// A listed service or account with its settings.
fn active_item(id: &str, block: &str, settings: Vec<(String, String)>) -> Item {
    Item {
        id: id.to_owned(),
        block: Some(block.to_owned()),
        listed: Listed::Active,
        settings: Settings {
            active: settings.into_iter().collect(),
            commented: prf::Entries::new(),
        },
    }
}
