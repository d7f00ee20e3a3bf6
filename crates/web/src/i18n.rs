//! Every user-facing string comes from the Fluent files in `locales/`, embedded in the binary.
//!
//! [`Locale`] is the closed set of languages the site is written in; [`Translator`] looks a
//! message up in one of them. A message missing from a language falls back to English, then to
//! its key, and logs a warning: a page never shows a blank. The unit tests below check that every
//! file has every key, so the fallback stays a safety net.

use std::sync::LazyLock;

use axum::http::HeaderMap;
use axum::http::header::{ACCEPT_LANGUAGE, COOKIE};
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
            Self::ZhHant => "中文（繁體）",
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

    /// The language of a request: the `lang` cookie first, then the browser's `Accept-Language`,
    /// then English.
    pub fn from_headers(headers: &HeaderMap) -> Self {
        let from_cookie = headers
            .get_all(COOKIE)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split(';'))
            .filter_map(|pair| pair.split_once('='))
            .find(|(name, _)| name.trim() == LANG_COOKIE)
            .and_then(|(_, value)| Self::from_tag(value.trim().trim_matches('"')));
        from_cookie
            .or_else(|| {
                headers
                    .get(ACCEPT_LANGUAGE)
                    .and_then(|v| v.to_str().ok())
                    .and_then(Self::negotiate)
            })
            .unwrap_or(Self::En)
    }

    fn index(self) -> usize {
        match self {
            Self::En => 0,
            Self::Es => 1,
            Self::ZhHant => 2,
        }
    }

    fn source(self) -> &'static str {
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
    use std::collections::BTreeSet;
    use std::path::Path;

    use fluent_bundle::FluentResource;
    use pathways_domain::pathway::{Category, Modality, Pathway};

    use super::*;

    /// The message ids of a locale's file: lines that start with an identifier and ` =`.
    /// (A file that does not parse fails the test instead.)
    fn message_keys(locale: Locale) -> BTreeSet<String> {
        if let Err((_, errors)) = FluentResource::try_new(locale.source().to_owned()) {
            panic!("{} has Fluent syntax errors: {errors:?}", locale.tag());
        }
        locale
            .source()
            .lines()
            .filter(|line| line.starts_with(|c: char| c.is_ascii_alphabetic()))
            .filter_map(|line| line.split_once('='))
            .map(|(id, _)| id.trim().to_owned())
            .collect()
    }

    /// Keys passed to the `t` and `t_args` methods, as string literals, in a template or source file.
    fn keys_used_in(text: &str) -> Vec<String> {
        let mut keys = Vec::new();
        for marker in ["t(\"", "t_args(\""] {
            let mut rest = text;
            while let Some(at) = rest.find(marker) {
                let before = rest[..at].chars().next_back();
                rest = &rest[at + marker.len()..];
                // `t(` must be a call of its own, not the end of another name such as `get(`.
                if before.is_some_and(|c| c.is_alphanumeric() || c == '_') && marker == "t(\"" {
                    continue;
                }
                if let Some(end) = rest.find('"') {
                    keys.push(rest[..end].to_owned());
                }
            }
        }
        keys
    }

    fn files_under(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
        for entry in std::fs::read_dir(dir).expect("readable directory") {
            let path = entry.expect("directory entry").path();
            if path.is_dir() {
                files_under(&path, out);
            } else {
                out.push(path);
            }
        }
    }

    #[test]
    fn every_locale_file_parses_and_has_exactly_the_same_keys() {
        let english = message_keys(Locale::En);
        assert!(english.len() > 50, "the English file looks empty");
        for locale in [Locale::Es, Locale::ZhHant] {
            let other = message_keys(locale);
            let missing: Vec<_> = english.difference(&other).collect();
            let extra: Vec<_> = other.difference(&english).collect();
            assert!(missing.is_empty(), "{} lacks {missing:?}", locale.tag());
            assert!(
                extra.is_empty(),
                "{} has keys English lacks: {extra:?}",
                locale.tag()
            );
        }
    }

    #[test]
    fn every_key_the_templates_and_code_use_exists_in_every_locale() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut files = Vec::new();
        files_under(&root.join("templates"), &mut files);
        files_under(&root.join("src"), &mut files);
        let mut used = BTreeSet::new();
        for file in &files {
            let text = std::fs::read_to_string(file).expect("readable file");
            used.extend(keys_used_in(&text));
        }
        assert!(used.len() > 30, "the key scan found too few keys: {used:?}");
        for locale in Locale::ALL {
            let keys = message_keys(locale);
            let missing: Vec<_> = used.iter().filter(|k| !keys.contains(*k)).collect();
            assert!(missing.is_empty(), "{} lacks {missing:?}", locale.tag());
        }
    }

    #[test]
    fn every_pathway_category_modality_and_program_language_has_a_name() {
        let mut dynamic: Vec<String> = Pathway::ALL.iter().map(|p| pathway_key(*p)).collect();
        dynamic.extend(Category::ALL.iter().map(|c| category_key(*c)));
        dynamic.extend(Modality::ALL.iter().map(|m| modality_key(*m)));
        dynamic.extend(
            [
                "en", "es", "zh-Hant", "zh-Hans", "zh", "hy", "ko", "ru", "vi", "tl",
            ]
            .iter()
            .map(|tag| format!("language-name-{tag}")),
        );
        for locale in Locale::ALL {
            let keys = message_keys(locale);
            for key in &dynamic {
                assert!(keys.contains(key), "{} lacks {key}", locale.tag());
            }
        }
    }

    #[test]
    fn messages_format_with_arguments_and_plurals() {
        let en = Translator::new(Locale::En);
        assert_eq!(
            en.t_args(
                "catalog-count",
                &[("count", 1u64.into()), ("shown", "1".into())]
            ),
            "1 course found"
        );
        assert_eq!(
            en.t_args(
                "catalog-count",
                &[("count", 1234u64.into()), ("shown", "1,234".into())]
            ),
            "1,234 courses found"
        );
        let zh = Translator::new(Locale::ZhHant);
        assert!(
            zh.t("service-name").contains("照護"),
            "{}",
            zh.t("service-name")
        );
    }

    #[test]
    fn a_missing_key_shows_the_key_rather_than_nothing() {
        let es = Translator::new(Locale::Es);
        let key = "no-such-message";
        assert_eq!(es.t(key), key);
        assert_eq!(es.try_t(key), None);
    }

    #[test]
    fn browser_languages_are_negotiated_by_quality() {
        assert_eq!(
            Locale::negotiate("es-MX,es;q=0.9,en;q=0.8"),
            Some(Locale::Es)
        );
        assert_eq!(
            Locale::negotiate("fr-FR, en;q=0.5, es;q=0.7"),
            Some(Locale::Es)
        );
        assert_eq!(Locale::negotiate("zh-TW"), Some(Locale::ZhHant));
        assert_eq!(Locale::negotiate("zh-Hant-HK;q=0.9"), Some(Locale::ZhHant));
        assert_eq!(Locale::negotiate("zh-HK"), Some(Locale::ZhHant));
        assert_eq!(Locale::negotiate("zh"), Some(Locale::ZhHant));
        assert_eq!(Locale::negotiate("en-US,en;q=0.9"), Some(Locale::En));
        assert_eq!(Locale::negotiate("es;q=0, en;q=0.1"), Some(Locale::En));
        assert_eq!(Locale::negotiate("fr, de"), None);
        assert_eq!(Locale::negotiate("es;q=banana, *"), None);
        assert_eq!(Locale::negotiate(""), None);
    }

    #[test]
    fn the_cookie_wins_over_the_browser_language() {
        let mut headers = HeaderMap::new();
        headers.insert(ACCEPT_LANGUAGE, "es".parse().expect("header"));
        assert_eq!(Locale::from_headers(&headers), Locale::Es);
        headers.insert(COOKIE, "a=b; lang=zh-Hant".parse().expect("header"));
        assert_eq!(Locale::from_headers(&headers), Locale::ZhHant);
        headers.insert(COOKIE, "lang=klingon".parse().expect("header"));
        assert_eq!(Locale::from_headers(&headers), Locale::Es);
        assert_eq!(Locale::from_headers(&HeaderMap::new()), Locale::En);
    }
}
