//! Catalog text search: a person's words split into terms, and the two dialects' ways of
//! matching them (SQLite's FTS5 table `course_search`, PostgreSQL's `courses.search_document`;
//! migration 0006). Every term is bound as a parameter, never written into the SQL.
//!
//! Words in alphabetic scripts match by prefix (`cuid` finds "cuidado"), ignoring case and
//! accents ("nutricion" finds "nutrición"). Neither tokenizer splits Chinese, Japanese or
//! Korean text into words (a run of ideographs is one token), so a term in those scripts
//! matches as a plain substring of the title or description instead.

use sqlx::{Postgres, QueryBuilder, Sqlite};

/// At most this many terms are used; the rest of a long query is ignored.
pub const MAX_TERMS: usize = 8;

/// A search text split into the terms each matcher takes.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct SearchTerms {
    /// Words for the full-text index, lowercased.
    pub words: Vec<String>,
    /// Terms containing CJK characters, lowercased, matched as substrings.
    pub substrings: Vec<String>,
}

impl SearchTerms {
    /// Splits `text` at anything that is not a letter, digit or combining mark.
    pub fn parse(text: &str) -> Self {
        let mut terms = Self::default();
        let pieces = text
            .split(|c: char| !(c.is_alphanumeric() || is_combining_mark(c)))
            .filter(|piece| piece.chars().any(char::is_alphanumeric))
            .take(MAX_TERMS);
        for piece in pieces {
            let term = piece.to_lowercase();
            let list = if term.chars().any(is_cjk) {
                &mut terms.substrings
            } else {
                &mut terms.words
            };
            if !list.contains(&term) {
                list.push(term);
            }
        }
        terms
    }
}

/// Combining diacritical marks, so a decomposed "é" stays one word.
fn is_combining_mark(c: char) -> bool {
    matches!(c, '\u{0300}'..='\u{036F}')
}

/// Han ideographs, kana, Hangul and their compatibility and extension blocks.
fn is_cjk(c: char) -> bool {
    matches!(c,
        '\u{1100}'..='\u{11FF}'
        | '\u{2E80}'..='\u{2FDF}'
        | '\u{3040}'..='\u{30FF}'
        | '\u{3100}'..='\u{312F}'
        | '\u{3130}'..='\u{318F}'
        | '\u{31A0}'..='\u{31FF}'
        | '\u{3400}'..='\u{4DBF}'
        | '\u{4E00}'..='\u{9FFF}'
        | '\u{A960}'..='\u{A97F}'
        | '\u{AC00}'..='\u{D7AF}'
        | '\u{F900}'..='\u{FAFF}'
        | '\u{20000}'..='\u{3134F}')
}

/// The dialect-specific parts of a catalog search.
pub(crate) trait SearchDialect: sqlx::Database {
    /// How well course `c` matches, lower is better, once [`Self::push_word_join`] has
    /// joined `f` with `ranked`.
    const RANK: &'static str;

    /// A join (after `FROM courses c`) that keeps the courses whose number, title or
    /// description has every word (by prefix), as `f`. Without `ranked` (a count), nothing
    /// for [`Self::RANK`] is computed.
    fn push_word_join(qb: &mut QueryBuilder<Self>, words: &[String], ranked: bool);

    /// A condition: `column`, lowercased, contains `term` (already lowercased).
    fn push_contains(qb: &mut QueryBuilder<Self>, column: &str, term: &str);
}

impl SearchDialect for Sqlite {
    const RANK: &'static str = "f.rank";

    fn push_word_join(qb: &mut QueryBuilder<Self>, words: &[String], ranked: bool) {
        // bm25 is negative, more so for better matches; a hit in the number or title weighs
        // more than one in the description. Each word is a quoted prefix term: `"word"*`.
        // The course number comes from `course_search_keys` by rowid: reading it from the
        // index would read each match's whole text.
        qb.push(if ranked {
            " JOIN (SELECT k.course_number, bm25(course_search, 8.0, 4.0, 1.0) AS rank "
        } else {
            " JOIN (SELECT k.course_number "
        })
        .push(
            "FROM course_search JOIN course_search_keys k ON k.id = course_search.rowid \
             WHERE course_search MATCH ",
        )
        .push_bind(fts5_query(words))
        .push(") f ON f.course_number = c.course_number");
    }

    fn push_contains(qb: &mut QueryBuilder<Self>, column: &str, term: &str) {
        qb.push(format!("instr(lower({column}), "))
            .push_bind(term.to_owned())
            .push(") > 0");
    }
}

impl SearchDialect for Postgres {
    const RANK: &'static str = "-ts_rank(c.search_document, f.q)";

    fn push_word_join(qb: &mut QueryBuilder<Self>, words: &[String], _ranked: bool) {
        // One row, the query; the GIN index serves `@@` when few courses match.
        qb.push(" JOIN (SELECT to_tsquery('pathways_search', ")
            .push_bind(tsquery(words))
            .push(") AS q) f ON c.search_document @@ f.q");
    }

    fn push_contains(qb: &mut QueryBuilder<Self>, column: &str, term: &str) {
        qb.push(format!("strpos(lower({column}), "))
            .push_bind(term.to_owned())
            .push(") > 0");
    }
}

/// An FTS5 query finding rows with every word as a token prefix. A term is letters and
/// digits only, but quotes are doubled all the same so no text can be read as syntax.
fn fts5_query(words: &[String]) -> String {
    words
        .iter()
        .map(|w| format!("\"{}\"*", w.replace('"', "\"\"")))
        .collect::<Vec<_>>()
        .join(" ")
}

/// A `to_tsquery` text finding documents with every word as a prefix. Terms are letters and
/// digits only (see [`SearchTerms::parse`]), so none can carry an operator.
fn tsquery(words: &[String]) -> String {
    words
        .iter()
        .map(|w| {
            let clean: String = w
                .chars()
                .filter(|c| c.is_alphanumeric() || is_combining_mark(*c))
                .collect();
            format!("'{clean}':*")
        })
        .collect::<Vec<_>>()
        .join(" & ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_split_at_punctuation_lowercased_and_kept_once() {
        let terms = SearchTerms::parse("  Nutrición, SALUD-101!  salud \"x\" ");
        assert_eq!(terms.words, ["nutrición", "salud", "101", "x"]);
        assert!(terms.substrings.is_empty());
    }

    #[test]
    fn chinese_japanese_and_korean_terms_match_as_substrings() {
        let terms = SearchTerms::parse("安全 lifting 移動技巧 치매");
        assert_eq!(terms.words, ["lifting"]);
        assert_eq!(terms.substrings, ["安全", "移動技巧", "치매"]);
    }

    #[test]
    fn text_without_letters_or_digits_has_no_terms() {
        assert_eq!(SearchTerms::parse(" -- * \" ' ; "), SearchTerms::default());
        assert_eq!(SearchTerms::parse(""), SearchTerms::default());
    }

    #[test]
    fn a_long_query_keeps_its_first_terms() {
        let terms = SearchTerms::parse("a b c d e f g h i j k");
        assert_eq!(terms.words.len(), MAX_TERMS);
    }

    #[test]
    fn queries_quote_every_term_as_a_prefix() {
        let words = vec!["cuid".to_owned(), "demencia".to_owned()];
        assert_eq!(fts5_query(&words), "\"cuid\"* \"demencia\"*");
        assert_eq!(tsquery(&words), "'cuid':* & 'demencia':*");
    }

    #[test]
    fn a_decomposed_accent_stays_in_its_word() {
        let terms = SearchTerms::parse("nutricio\u{301}n");
        assert_eq!(terms.words, ["nutricio\u{301}n"]);
    }
}
