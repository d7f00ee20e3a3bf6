//! Random secrets (session tokens, CSRF tokens, API tokens, one-time codes) and their hashes.
//! Only hashes of bearer secrets are stored: a copy of the database lets nobody sign in.

use argon2::password_hash::rand_core::{OsRng, RngCore as _};
use sha2::{Digest as _, Sha256};

/// 32 random bytes as 64 lowercase hex characters: 256 bits, beyond guessing.
pub fn token() -> String {
    let mut bytes = [0u8; 32];
    OsRng.fill_bytes(&mut bytes);
    hex(&bytes)
}

/// A six-digit one-time code, uniformly drawn.
pub fn six_digit_code() -> String {
    // Rejection sampling keeps every code equally likely.
    loop {
        let n = OsRng.next_u32();
        if n < u32::MAX - (u32::MAX % 1_000_000) {
            return format!("{:06}", n % 1_000_000);
        }
    }
}

/// The SHA-256 of a bearer secret, as stored.
pub fn hash(secret: &str) -> Vec<u8> {
    Sha256::digest(secret.as_bytes()).to_vec()
}

/// The hash of a one-time code, bound to its challenge so equal codes hash differently.
pub fn code_hash(challenge: &str, code: &str) -> Vec<u8> {
    let mut hasher = Sha256::new();
    hasher.update(challenge.as_bytes());
    hasher.update([0]);
    hasher.update(code.trim().as_bytes());
    hasher.finalize().to_vec()
}

/// Compares two byte strings in time independent of where they differ.
pub fn same(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// A short, non-secret label for a network address in the sign-in throttle, so addresses are
/// not kept in the clear.
pub fn address_subject(address: &str) -> String {
    format!(
        "address:{}",
        &hex(&Sha256::digest(address.as_bytes()))[..24]
    )
}

fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write as _;
    bytes
        .iter()
        .fold(String::with_capacity(bytes.len() * 2), |mut s, b| {
            let _ = write!(s, "{b:02x}");
            s
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_long_random_and_distinct() {
        let a = token();
        let b = token();
        assert_eq!(a.len(), 64);
        assert_ne!(a, b);
        assert!(a.chars().all(|c| c.is_ascii_hexdigit()));
    }

    #[test]
    fn codes_have_six_digits() {
        for _ in 0..200 {
            let code = six_digit_code();
            assert_eq!(code.len(), 6);
            assert!(code.chars().all(|c| c.is_ascii_digit()));
        }
    }

    #[test]
    fn code_hashes_depend_on_the_challenge_and_ignore_surrounding_spaces() {
        assert_eq!(code_hash("c1", "123456"), code_hash("c1", " 123456 "));
        assert_ne!(code_hash("c1", "123456"), code_hash("c2", "123456"));
        assert!(same(&hash("x"), &hash("x")));
        assert!(!same(&hash("x"), &hash("y")));
    }
}
