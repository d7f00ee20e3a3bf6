//! Accounts: passwords now; sign-in, sessions and one-time codes build on it (issue 3).

pub mod password;
