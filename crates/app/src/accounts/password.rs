//! Passwords after NIST SP 800-63B: length over composition rules, a check against common and
//! guessable passwords, and argon2id hashes.

use argon2::password_hash::rand_core::OsRng;
use argon2::password_hash::{PasswordHash, PasswordHasher as _, PasswordVerifier as _, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};
use zxcvbn::Score;

/// Why a new password was refused. Each names one thing the person can change.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PasswordProblem {
    #[error("the password must have at least {min} characters")]
    TooShort { min: usize },
    #[error("the password must have at most {max} characters")]
    TooLong { max: usize },
    #[error("the password contains your name, number or email")]
    Personal,
    #[error("the password is too common or too easy to guess")]
    TooGuessable,
}

/// The rules a new password must meet.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PasswordRules {
    /// NIST SP 800-63B-4 asks for at least 15 characters when a password is the only factor.
    pub min_chars: usize,
    /// At least 64 must be allowed; longer ones only cost hashing time.
    pub max_chars: usize,
}

impl Default for PasswordRules {
    fn default() -> Self {
        Self {
            min_chars: 15,
            max_chars: 128,
        }
    }
}

impl PasswordRules {
    /// Checks a new password. `personal` holds what the program knows of the person (names,
    /// provider number, email, phone): a password built on them is refused. No rules about
    /// digits or symbols: NIST advises against them; length and guessability matter.
    pub fn check(&self, password: &str, personal: &[&str]) -> Result<(), PasswordProblem> {
        let chars = password.chars().count();
        if chars < self.min_chars {
            return Err(PasswordProblem::TooShort {
                min: self.min_chars,
            });
        }
        if chars > self.max_chars {
            return Err(PasswordProblem::TooLong {
                max: self.max_chars,
            });
        }
        let lowered = password.to_lowercase();
        let personal_words: Vec<String> = personal
            .iter()
            .flat_map(|p| p.split(|c: char| c == '@' || c == '.' || c.is_whitespace()))
            .map(str::to_lowercase)
            .filter(|w| w.chars().count() >= 4)
            .collect();
        if personal_words.iter().any(|w| lowered.contains(w.as_str())) {
            return Err(PasswordProblem::Personal);
        }
        // zxcvbn knows tens of thousands of common passwords, names and words, and how people
        // vary them (l33t, repeats, keyboard walks, dates).
        let mut inputs: Vec<&str> = personal.to_vec();
        inputs.extend(["pathways", "ihss", "caregiver", "career"]);
        if zxcvbn::zxcvbn(password, &inputs).score() < Score::Three {
            return Err(PasswordProblem::TooGuessable);
        }
        Ok(())
    }
}

/// The argon2id cost, chosen so one sign-in takes 50–200 ms on the program's servers
/// (`pathways bench password-hash` prints the time on a machine).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HashCost {
    /// Memory in KiB.
    pub memory_kib: u32,
    pub iterations: u32,
    pub parallelism: u32,
}

impl Default for HashCost {
    fn default() -> Self {
        Self {
            memory_kib: 64 * 1024,
            iterations: 2,
            parallelism: 1,
        }
    }
}

/// Hashes and verifies passwords with argon2id.
#[derive(Debug, Clone)]
pub struct PasswordHashing {
    argon2: Argon2<'static>,
}

/// A hash could not be made or read.
#[derive(Debug, thiserror::Error)]
#[error("password hashing failed: {0}")]
pub struct HashingError(String);

impl PasswordHashing {
    pub fn new(cost: HashCost) -> Result<Self, HashingError> {
        let params = Params::new(cost.memory_kib, cost.iterations, cost.parallelism, None)
            .map_err(|e| HashingError(e.to_string()))?;
        Ok(Self {
            argon2: Argon2::new(Algorithm::Argon2id, Version::V0x13, params),
        })
    }

    /// A PHC string (`$argon2id$v=19$m=…`) with a fresh random salt; it records its own cost,
    /// so stored hashes stay verifiable when the cost is raised.
    pub fn hash(&self, password: &str) -> Result<String, HashingError> {
        let salt = SaltString::generate(&mut OsRng);
        self.argon2
            .hash_password(password.as_bytes(), &salt)
            .map(|h| h.to_string())
            .map_err(|e| HashingError(e.to_string()))
    }

    /// Whether `password` matches `stored` (compared in constant time by argon2).
    pub fn verify(&self, password: &str, stored: &str) -> bool {
        PasswordHash::new(stored).is_ok_and(|hash| {
            self.argon2
                .verify_password(password.as_bytes(), &hash)
                .is_ok()
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cheap() -> PasswordHashing {
        // Tests use a small cost; the production cost is measured by the bench command.
        PasswordHashing::new(HashCost {
            memory_kib: 1024,
            iterations: 1,
            parallelism: 1,
        })
        .unwrap()
    }

    #[test]
    fn long_unusual_passphrases_pass() {
        let rules = PasswordRules::default();
        assert_eq!(rules.check("purple tortilla under the bridge", &[]), Ok(()));
        assert_eq!(
            rules.check("mi perro come tamales los martes", &["Ana", "Lopez"]),
            Ok(())
        );
    }

    #[test]
    fn short_long_common_and_personal_passwords_are_refused() {
        let rules = PasswordRules::default();
        assert_eq!(
            rules.check("Tr0ub4dor&3", &[]),
            Err(PasswordProblem::TooShort { min: 15 })
        );
        assert_eq!(
            rules.check(&"a".repeat(129), &[]),
            Err(PasswordProblem::TooLong { max: 128 })
        );
        assert_eq!(
            rules.check("passwordpassword123", &[]),
            Err(PasswordProblem::TooGuessable)
        );
        assert_eq!(
            rules.check("123456789012345678", &[]),
            Err(PasswordProblem::TooGuessable)
        );
        assert_eq!(
            rules.check(
                "rosalinda garcia 100000001",
                &["Rosalinda", "Garcia", "100000001"]
            ),
            Err(PasswordProblem::Personal)
        );
        assert_eq!(
            rules.check(
                "my email is rosa.diaz@example.com",
                &["rosa.diaz@example.com"]
            ),
            Err(PasswordProblem::Personal)
        );
    }

    #[test]
    fn hashes_verify_only_their_password_and_are_salted() {
        let hashing = cheap();
        let first = hashing.hash("purple tortilla under the bridge").unwrap();
        let second = hashing.hash("purple tortilla under the bridge").unwrap();
        assert!(first.starts_with("$argon2id$v=19$"), "{first}");
        assert_ne!(first, second, "a fresh salt every time");
        assert!(hashing.verify("purple tortilla under the bridge", &first));
        assert!(!hashing.verify("purple tortilla under the bridgE", &first));
        assert!(!hashing.verify("anything", "not a hash"));
    }

    #[test]
    fn a_hash_made_at_another_cost_still_verifies() {
        let old = cheap().hash("purple tortilla under the bridge").unwrap();
        let stronger = PasswordHashing::new(HashCost {
            memory_kib: 2048,
            iterations: 2,
            parallelism: 1,
        })
        .unwrap();
        assert!(stronger.verify("purple tortilla under the bridge", &old));
    }
}
