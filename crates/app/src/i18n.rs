//! Every user-facing string (pages, messages sent through the outbox) comes from the Fluent
//! files in `locales/`, embedded in the binary.
//!
//! [`Locale`] is the closed set of languages the site is written in; [`Translator`] looks a
//! message up in one of them. A message missing from a language falls back to English, then to
//! its key, and logs a warning: a page never shows a blank. The unit tests below check that every
//! file has every key, so the fallback stays a safety net.

use std::sync::LazyLock;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use unic_langid::LanguageIdentifier;

/// The name of the cookie that remembers the language a person picked.
pub const LANG_COOKIE: &str = "lang";

/// A language the site is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Locale {
    En,
    Es,
    ZhHant,
}

impl Locale {
    /// Every locale, in the order the language switch lists them.
    pub const ALL: [Self; 3] = [Self::En, Self::Es, Self::ZhHant];

    /// The BCP 47 tag used in `<html lang>`, URLs and the cookie.
    pub fn tag(self) -> &'static str {
        match self {
            Self::En => "en",
            Self::Es => "es",
            Self::ZhHant => "zh-Hant",
        }
    }

    /// The language's name in itself, as a language switch shows it.
    pub fn native_name(self) -> &'static str {
        match self {
            Self::En => "English",
            Self::Es => "Español",
            Self::ZhHant => "繁體中文",
        }
    }

    /// One of our own tags exactly (case-insensitive), as the switch and the cookie write them.
    pub fn from_tag(tag: &str) -> Option<Self> {
        Self::ALL
            .into_iter()
            .find(|l| l.tag().eq_ignore_ascii_case(tag.trim()))
    }

    /// The locale that serves a browser language tag, if any: `es-*` is Spanish, and every
    /// Chinese tag (`zh`, `zh-TW`, `zh-HK`, `zh-Hant-*`, also Simplified ones, since Traditional
    /// Chinese serves a Chinese reader better than English) is Traditional Chinese.
    pub fn for_browser_tag(tag: &str) -> Option<Self> {
        let primary = tag.trim().split(['-', '_']).next().unwrap_or_default();
        match primary.to_ascii_lowercase().as_str() {
            "en" => Some(Self::En),
            "es" => Some(Self::Es),
            "zh" => Some(Self::ZhHant),
            _ => None,
        }
    }

    /// Picks a locale from an `Accept-Language` header: the served language with the highest
    /// q-value, earlier entries winning ties; `None` when none is served.
    pub fn negotiate(accept_language: &str) -> Option<Self> {
        let mut best: Option<(u16, Self)> = None;
        for entry in accept_language.split(',') {
            let mut parts = entry.split(';');
            let tag = parts.next().unwrap_or_default().trim();
            let quality = parts
                .find_map(|p| {
                    let (name, value) = p.split_once('=')?;
                    name.trim()
                        .eq_ignore_ascii_case("q")
                        .then(|| parse_quality(value.trim()))
                })
                .unwrap_or(Some(1000));
            let (Some(quality), Some(locale)) = (quality, Self::for_browser_tag(tag)) else {
                continue;
            };
            if quality > 0 && best.is_none_or(|(q, _)| quality > q) {
                best = Some((quality, locale));
            }
        }
        best.map(|(_, locale)| locale)
    }

    fn index(self) -> usize {
        match self {
            Self::En => 0,
            Self::Es => 1,
            Self::ZhHant => 2,
        }
    }

    /// The locale's Fluent file, as embedded.
    pub fn source(self) -> &'static str {
        match self {
            Self::En => include_str!("../../../locales/en/main.ftl"),
            Self::Es => include_str!("../../../locales/es/main.ftl"),
            Self::ZhHant => include_str!("../../../locales/zh-Hant/main.ftl"),
        }
    }
}

/// A q-value (`0`, `0.8`, `1.000`) in thousandths; `None` when malformed.
fn parse_quality(raw: &str) -> Option<u16> {
    let (whole, fraction) = raw.split_once('.').unwrap_or((raw, ""));
    if fraction.len() > 3 || !fraction.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let thousandths = format!("{fraction:0<3}").parse::<u16>().ok()?;
    match whole {
        "0" => Some(thousandths),
        "1" if thousandths == 0 => Some(1000),
        _ => None,
    }
}

type Bundle = FluentBundle<FluentResource>;

static BUNDLES: LazyLock<[Bundle; 3]> = LazyLock::new(|| Locale::ALL.map(build_bundle));

fn build_bundle(locale: Locale) -> Bundle {
    let langid: LanguageIdentifier = locale.tag().parse().unwrap_or_default();
    let mut bundle = FluentBundle::new_concurrent(vec![langid]);
    // No Unicode isolation marks: our arguments are numbers and names that sit well in the text.
    bundle.set_use_isolating(false);
    let resource =
        FluentResource::try_new(locale.source().to_owned()).unwrap_or_else(|(partial, errors)| {
            tracing::error!(
                locale = locale.tag(),
                ?errors,
                "Fluent file has syntax errors"
            );
            partial
        });
    if let Err(errors) = bundle.add_resource(resource) {
        tracing::error!(
            locale = locale.tag(),
            ?errors,
            "Fluent file repeats messages"
        );
    }
    bundle
}

/// A value passed to a Fluent message.
#[derive(Debug, Clone)]
pub enum Arg {
    Text(String),
    Number(f64),
}

impl From<&str> for Arg {
    fn from(value: &str) -> Self {
        Self::Text(value.to_owned())
    }
}

impl From<String> for Arg {
    fn from(value: String) -> Self {
        Self::Text(value)
    }
}

impl From<u64> for Arg {
    fn from(value: u64) -> Self {
        // Counts on our pages stay far below 2^53, where f64 is exact.
        Self::Number(value as f64)
    }
}

impl From<u32> for Arg {
    fn from(value: u32) -> Self {
        Self::Number(f64::from(value))
    }
}

impl From<f64> for Arg {
    fn from(value: f64) -> Self {
        Self::Number(value)
    }
}

/// Looks messages up in one locale.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Translator {
    locale: Locale,
}

impl Translator {
    pub fn new(locale: Locale) -> Self {
        Self { locale }
    }

    pub fn locale(self) -> Locale {
        self.locale
    }

    /// The message `key`; never blank (see the module documentation).
    pub fn t(&self, key: &str) -> String {
        self.t_args(key, &[])
    }

    /// The message `key` with arguments, such as `("count", Arg::from(3))`.
    pub fn t_args(&self, key: &str, args: &[(&str, Arg)]) -> String {
        if let Some(text) = self.format(self.locale, key, args) {
            return text;
        }
        tracing::warn!(key, locale = self.locale.tag(), "missing translation");
        self.format(Locale::En, key, args)
            .unwrap_or_else(|| key.to_owned())
    }

    /// The message `key` if this locale has it, for optional texts such as language names.
    pub fn try_t(&self, key: &str) -> Option<String> {
        self.format(self.locale, key, &[])
    }

    fn format(&self, locale: Locale, key: &str, args: &[(&str, Arg)]) -> Option<String> {
        let bundle = &BUNDLES[locale.index()];
        let pattern = bundle.get_message(key)?.value()?;
        let mut fluent_args = FluentArgs::new();
        for (name, value) in args {
            let value: FluentValue<'_> = match value {
                Arg::Text(text) => text.as_str().into(),
                Arg::Number(n) => (*n).into(),
            };
            fluent_args.set(*name, value);
        }
        let mut errors = Vec::new();
        let text = bundle.format_pattern(
            pattern,
            (!args.is_empty()).then_some(&fluent_args),
            &mut errors,
        );
        if !errors.is_empty() {
            tracing::warn!(
                key,
                locale = locale.tag(),
                ?errors,
                "translation did not format cleanly"
            );
        }
        Some(text.into_owned())
    }
}

/// The message key of a pathway's name.
pub fn pathway_key(pathway: pathways_domain::pathway::Pathway) -> String {
    format!("pathway-{}", pathway.code())
}

/// The message key of a category's name.
pub fn category_key(category: pathways_domain::pathway::Category) -> String {
    format!("category-{}", category.number())
}

/// The message key of a modality's name.
pub fn modality_key(modality: pathways_domain::pathway::Modality) -> String {
    format!("modality-{}", modality.code())
}

/// A course language's name in the reader's language; the tag itself for a language we have
/// no name for.
pub fn language_name(t: &Translator, tag: &str) -> String {
    t.try_t(&format!("language-name-{tag}"))
        .unwrap_or_else(|| tag.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A message written twice keeps only its first text (a later page's words silently lost),
    /// and a syntax error drops messages: every file must load whole.
    #[test]
    fn every_language_file_loads_without_errors_or_repeated_messages() {
        for locale in Locale::ALL {
            let resource = FluentResource::try_new(locale.source().to_owned())
                .unwrap_or_else(|(_, errors)| panic!("{}: {errors:?}", locale.tag()));
            let mut bundle: Bundle = FluentBundle::new_concurrent(vec![]);
            if let Err(errors) = bundle.add_resource(resource) {
                panic!("{} repeats messages: {errors:?}", locale.tag());
            }
        }
    }
}
