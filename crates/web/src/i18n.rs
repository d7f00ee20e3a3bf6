//! The request side of translation: which [`Locale`] a request reads, from the `lang` cookie or
//! the browser's `Accept-Language`. The messages themselves live in `pathways_app::i18n`, shared
//! with what the application sends through the outbox.

use axum::http::HeaderMap;
use axum::http::header::{ACCEPT_LANGUAGE, COOKIE};

pub use pathways_app::i18n::*;

/// The language of a request: the `lang` cookie first, then the browser's `Accept-Language`,
/// then English.
pub fn request_locale(headers: &HeaderMap) -> Locale {
    let from_cookie = headers
        .get_all(COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.split_once('='))
        .find(|(name, _)| name.trim() == LANG_COOKIE)
        .and_then(|(_, value)| Locale::from_tag(value.trim().trim_matches('"')));
    from_cookie
        .or_else(|| {
            headers
                .get(ACCEPT_LANGUAGE)
                .and_then(|v| v.to_str().ok())
                .and_then(Locale::negotiate)
        })
        .unwrap_or(Locale::En)
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
        // The application writes the messages it sends (one-time codes, notices) itself.
        files_under(&root.join("../app/src"), &mut files);
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
        assert_eq!(request_locale(&headers), Locale::Es);
        headers.insert(COOKIE, "a=b; lang=zh-Hant".parse().expect("header"));
        assert_eq!(request_locale(&headers), Locale::ZhHant);
        headers.insert(COOKIE, "lang=klingon".parse().expect("header"));
        assert_eq!(request_locale(&headers), Locale::Es);
        assert_eq!(request_locale(&HeaderMap::new()), Locale::En);
    }
}
