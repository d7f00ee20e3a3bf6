//! Certificates of completion (DOMAIN.md §4): for each course a provider completed, a one-page
//! PDF in the provider's language with their name, the course, its pathway, the verified hours,
//! the completion date, the vendor and a certificate number; and the public check of a number,
//! which shows what the certificate shows and nothing more.
//!
//! The PDF is drawn with krilla, which embeds only the glyphs used (a certificate is a few tens
//! of kilobytes, not the 19 MB font). The font is Noto Sans CJK TC from Debian's
//! `fonts-noto-cjk` (SIL Open Font License): one face covers English, Spanish and Traditional
//! Chinese. It is read once, at start; without it, certificates are refused with a clear error
//! and everything else works.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use krilla::Document;
use krilla::geom::Point;
use krilla::page::PageSettings;
use krilla::text::{Font, TextDirection};
use pathways_domain::access::{Action, Owner};
use pathways_domain::ids::{CourseNumber, ProviderNumber};
use pathways_domain::quantity::Hours;
use pathways_store::{CompletionRecord, Store, StoreError};
use time::Date;

use crate::access::{AccessError, Caller, now};

/// Where Debian's `fonts-noto-cjk` puts the font, and the face of it that is Traditional
/// Chinese (the collection holds JP, KR, SC, TC, HK in that order).
pub const DEFAULT_FONT: &str = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc";
pub const DEFAULT_FACE: u32 = 3;

#[derive(Debug, thiserror::Error)]
pub enum CertificateError {
    #[error("the provider has no verified completion of course {0}")]
    NoCompletion(CourseNumber),
    #[error("certificates cannot be made: {0}")]
    NoFont(String),
    #[error("the certificate could not be drawn: {0}")]
    Drawing(String),
    #[error(transparent)]
    Access(#[from] AccessError),
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// The font certificates are written in, read once.
#[derive(Clone)]
pub struct CertificateFont(Font);

impl std::fmt::Debug for CertificateFont {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("CertificateFont")
    }
}

impl CertificateFont {
    /// Reads face `face` of the font file at `path`.
    pub fn load(path: &Path, face: u32) -> Result<Self, CertificateError> {
        let data = std::fs::read(path).map_err(|e| {
            CertificateError::NoFont(format!(
                "cannot read {} ({e}); install Debian's fonts-noto-cjk or pass --certificate-font",
                path.display()
            ))
        })?;
        Font::new(data.into(), face).map(Self).ok_or_else(|| {
            CertificateError::NoFont(format!("{} has no usable face {face}", path.display()))
        })
    }
}

impl CertificateFont {
    /// The font at `path`, read once per process (every app in a test process shares it).
    pub fn load_once(path: &Path, face: u32) -> Result<Self, CertificateError> {
        static LOADED: std::sync::Mutex<Vec<(PathBuf, u32, CertificateFont)>> =
            std::sync::Mutex::new(Vec::new());
        let mut loaded = LOADED
            .lock()
            .map_err(|_| CertificateError::NoFont("the font cache was poisoned".into()))?;
        if let Some((_, _, font)) = loaded.iter().find(|(p, f, _)| p == path && *f == face) {
            return Ok(font.clone());
        }
        let font = Self::load(path, face)?;
        loaded.push((path.to_owned(), face, font.clone()));
        Ok(font)
    }
}

/// What a certificate says, before it is put in words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Certificate {
    pub number: String,
    pub provider: ProviderNumber,
    pub first_name: String,
    pub last_name: String,
    pub course: CourseNumber,
    pub title: String,
    /// The pathway's code (empty when the catalog no longer has the course).
    pub pathway: String,
    pub hours: Hours,
    pub completed_on: Date,
    pub vendor: String,
}

/// A line of a certificate, in the reader's words, and how large it is drawn.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    pub text: String,
    pub size: LineSize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineSize {
    Title,
    Name,
    Large,
    Body,
    Small,
}

impl LineSize {
    fn points(self) -> f32 {
        match self {
            Self::Title => 34.0,
            Self::Name => 28.0,
            Self::Large => 20.0,
            Self::Body => 15.0,
            Self::Small => 10.0,
        }
    }
}

/// Draws the certificate's lines, centred on a US Letter page turned sideways.
pub fn draw(font: &CertificateFont, lines: &[Line]) -> Result<Vec<u8>, CertificateError> {
    const WIDTH: f32 = 792.0;
    const HEIGHT: f32 = 612.0;
    let mut document = Document::new();
    let settings = PageSettings::from_wh(WIDTH, HEIGHT)
        .ok_or_else(|| CertificateError::Drawing("page size".into()))?;
    let mut page = document.start_page_with(settings);
    let mut surface = page.surface();
    let mut y = 90.0;
    for line in lines {
        let size = line.size.points();
        // A line is drawn on its baseline: down by its ascent first, then its descent and
        // the gap to the next.
        y += size * 1.15;
        // Centred by an estimate of the width: Chinese glyphs are one em wide, Latin ones
        // about half (narrow ones less); exact shaping is not needed for a centred line.
        let ems: f32 = line
            .text
            .chars()
            .map(|c| match c {
                'i' | 'l' | 'j' | 't' | 'f' | 'r' | ' ' | '.' | ',' | ':' | '(' | ')' | '-' => 0.3,
                'm' | 'w' | 'M' | 'W' => 0.8,
                c if c.is_ascii_uppercase() => 0.62,
                c if c.is_ascii() => 0.52,
                _ => 1.0,
            })
            .sum();
        let x = ((WIDTH - ems * size) / 2.0).max(36.0);
        surface.draw_text(
            Point::from_xy(x, y),
            font.0.clone(),
            size,
            &line.text,
            false,
            TextDirection::Auto,
        );
        y += size * 0.75;
    }
    surface.finish();
    page.finish();
    document
        .finish()
        .map_err(|e| CertificateError::Drawing(format!("{e:?}")))
}

#[derive(Debug, Clone)]
pub struct Certificates {
    store: Arc<dyn Store>,
    font: Option<CertificateFont>,
    font_problem: Option<String>,
}

impl Certificates {
    /// Certificates written in the font at `path` (face `face`); when it cannot be read, the
    /// reason is kept and every certificate asked for is refused with it.
    pub fn new(store: Arc<dyn Store>, path: &Path, face: u32) -> Self {
        match CertificateFont::load_once(path, face) {
            Ok(font) => Self {
                store,
                font: Some(font),
                font_problem: None,
            },
            Err(e) => {
                tracing::warn!("{e}");
                Self {
                    store,
                    font: None,
                    font_problem: Some(e.to_string()),
                }
            }
        }
    }

    /// The default font path, or `PATHWAYS_CERTIFICATE_FONT`.
    pub fn default_font_path() -> PathBuf {
        std::env::var_os("PATHWAYS_CERTIFICATE_FONT")
            .map_or_else(|| PathBuf::from(DEFAULT_FONT), PathBuf::from)
    }

    /// The font, or why there is none.
    pub fn font(&self) -> Result<&CertificateFont, CertificateError> {
        self.font
            .as_ref()
            .ok_or_else(|| CertificateError::NoFont(self.font_problem.clone().unwrap_or_default()))
    }

    async fn of(
        &self,
        provider: ProviderNumber,
        course: &CourseNumber,
    ) -> Result<Option<(CompletionRecord, String, String)>, CertificateError> {
        let Some(completion) = self
            .store
            .provider_completions(provider)
            .await?
            .into_iter()
            .find(|c| c.course == *course)
        else {
            return Ok(None);
        };
        let contact = self
            .store
            .provider_contacts(&[provider])
            .await?
            .into_iter()
            .next();
        let (first, last) = contact.map_or_else(Default::default, |c| (c.first_name, c.last_name));
        Ok(Some((completion, first, last)))
    }

    /// The provider's certificate for `course`, its number issued the first time.
    pub async fn for_completion(
        &self,
        caller: &Caller,
        provider: ProviderNumber,
        course: &CourseNumber,
    ) -> Result<Certificate, CertificateError> {
        caller.authorize(
            Action::ViewAttendance,
            &Owner {
                provider: Some(provider),
                ..Owner::default()
            },
        )?;
        let (completion, first_name, last_name) = self
            .of(provider, course)
            .await?
            .ok_or_else(|| CertificateError::NoCompletion(course.clone()))?;
        let candidate = new_number();
        let number = self
            .store
            .issue_certificate(provider, course, &candidate, now())
            .await?;
        Ok(certificate(
            number, provider, first_name, last_name, completion,
        ))
    }

    /// What a certificate number stands for, for anyone who asks; `None` when no certificate
    /// has this number or its completion is no longer on record (a vendor corrected it).
    pub async fn check(&self, number: &str) -> Result<Option<Certificate>, CertificateError> {
        let number = number.trim().to_ascii_uppercase();
        if !is_number_shaped(&number) {
            return Ok(None);
        }
        let Some((provider, course)) = self.store.certificate_holder(&number).await? else {
            return Ok(None);
        };
        Ok(self
            .of(provider, &course)
            .await?
            .map(|(completion, first, last)| {
                certificate(number, provider, first, last, completion)
            }))
    }
}

fn certificate(
    number: String,
    provider: ProviderNumber,
    first_name: String,
    last_name: String,
    completion: CompletionRecord,
) -> Certificate {
    Certificate {
        number,
        provider,
        first_name,
        last_name,
        title: completion.title,
        pathway: completion.pathway,
        hours: Hours::from_hundredths(completion.minutes.get() * 100 / 60),
        completed_on: completion.completed_on,
        vendor: completion.vendor,
        course: completion.course,
    }
}

/// Letters and digits a person can read aloud without confusion (no 0/O, 1/I/L).
const ALPHABET: &[u8; 31] = b"23456789ABCDEFGHJKMNPQRSTUVWXYZ";

/// A new certificate number: `PW-` and 12 characters from 31, about 59 bits: a number
/// cannot be guessed to find someone's certificate.
fn new_number() -> String {
    let token = crate::accounts::secret::token();
    let bytes = token.as_bytes();
    let mut number = String::from("PW-");
    for pair in bytes.chunks(2).take(12) {
        let value =
            u16::from_str_radix(std::str::from_utf8(pair).unwrap_or("00"), 16).unwrap_or_default();
        // 256 is not a multiple of 31: the bias is under 1 in 8, a fraction of a bit of 59.
        number.push(char::from(ALPHABET[usize::from(value) % ALPHABET.len()]));
    }
    number
}

fn is_number_shaped(number: &str) -> bool {
    number.len() == 15
        && number.starts_with("PW-")
        && number[3..].bytes().all(|b| ALPHABET.contains(&b))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn certificate_numbers_are_readable_and_different() {
        let a = new_number();
        let b = new_number();
        assert!(is_number_shaped(&a), "{a}");
        assert_ne!(a, b);
        assert!(!is_number_shaped("PW-0000000000O1"));
        assert!(!is_number_shaped("anything"));
    }

    #[test]
    fn a_certificate_embeds_only_the_glyphs_it_uses() {
        let path = Certificates::default_font_path();
        let font = match CertificateFont::load(&path, DEFAULT_FACE) {
            Ok(font) => font,
            Err(e) => {
                assert!(
                    std::env::var_os("CI").is_none(),
                    "CI installs the font: {e}"
                );
                eprintln!("note: certificate drawing not tested: {e}");
                return;
            }
        };
        let lines = [
            Line {
                text: "結業證書".into(),
                size: LineSize::Title,
            },
            Line {
                text: "王小明 — José Núñez".into(),
                size: LineSize::Name,
            },
            Line {
                text: "Certificate of completion".into(),
                size: LineSize::Body,
            },
        ];
        let pdf = draw(&font, &lines).unwrap();
        assert!(pdf.starts_with(b"%PDF-"));
        // The whole font is 19 MB; a subset of these glyphs is a few kilobytes.
        assert!(pdf.len() < 100_000, "{} bytes", pdf.len());
    }
}
