//! Keys kept outside the database, so that a copy of the database alone reveals nothing they protect.
use hmac::{Hmac, Mac};
use rand::RngCore;
use sha2::Sha256;
use std::path::Path;

/// A 256-bit key for keyed hashes (HMAC-SHA-256).
#[derive(Clone)]
pub struct HashKey([u8; 32]);

impl HashKey {
    /// The key in `hex` (64 hexadecimal digits) if given, otherwise the one in `file`, created with a
    /// fresh random key (readable by its owner only) the first time. Losing it unlinks what it linked.
    pub fn load(hex_key: Option<&str>, file: &Path) -> Result<HashKey, String> {
        let text = match hex_key {
            Some(text) => text.trim().to_string(),
            None if file.exists() => std::fs::read_to_string(file)
                .map_err(|error| format!("lecture de la clé {} impossible : {error}", file.display()))?,
            None => {
                let mut bytes = [0u8; 32];
                rand::rngs::OsRng.fill_bytes(&mut bytes);
                write_private(file, &hex::encode(bytes))?;
                return Ok(HashKey(bytes));
            }
        };
        let bytes = hex::decode(text.trim()).ok().and_then(|bytes| <[u8; 32]>::try_from(bytes).ok());
        bytes.map(HashKey).ok_or_else(|| format!("la clé {} doit compter 64 chiffres hexadécimaux", file.display()))
    }

    /// A key for one `purpose`, derived from this one (HMAC-SHA-256 of the purpose): its tags match
    /// no tag made under this key or for another purpose.
    pub fn derive(&self, purpose: &str) -> HashKey {
        let mut mac = Hmac::<Sha256>::new_from_slice(&self.0).expect("HMAC takes keys of any length");
        mac.update(purpose.as_bytes());
        HashKey(mac.finalize().into_bytes().into())
    }

    /// HMAC-SHA-256 of `message` under this key, in hexadecimal.
    pub fn tag(&self, message: &str) -> String {
        let mut mac = Hmac::<Sha256>::new_from_slice(&self.0).expect("HMAC takes keys of any length");
        mac.update(message.as_bytes());
        hex::encode(mac.finalize().into_bytes())
    }
}

impl std::fmt::Debug for HashKey {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        formatter.write_str("HashKey(secret)")
    }
}

fn write_private(file: &Path, text: &str) -> Result<(), String> {
    use std::io::Write;
    let fail = |error: std::io::Error| format!("écriture de la clé {} impossible : {error}", file.display());
    if let Some(dir) = file.parent() {
        std::fs::create_dir_all(dir).map_err(fail)?;
    }
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    options.open(file).and_then(|mut opened| opened.write_all(text.as_bytes())).map_err(fail)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_key_is_created_once_then_read_back() {
        let dir = std::env::temp_dir().join(format!("agora-key-{}", rand::random::<u64>()));
        let file = dir.join("ballot.key");
        let first = HashKey::load(None, &file).unwrap();
        let again = HashKey::load(None, &file).unwrap();
        assert_eq!(first.tag("budget:1:2"), again.tag("budget:1:2"));
        assert_ne!(first.tag("budget:1:2"), first.tag("budget:1:3"));
        assert_eq!(first.tag("x").len(), 64);
        std::fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn a_given_key_is_used_and_checked() {
        let file = Path::new("/nonexistent/ballot.key");
        // 32 bytes of 0x0b, as in RFC 4231's first case; the expected tag comes from Python's hmac module.
        let key = HashKey::load(Some(&"0b".repeat(32)), file).unwrap();
        assert_eq!(key.tag("Hi There"), "198a607eb44bfbc69903a0f1cf2bbdc5ba0aa3f3d9ae3c1c7a3b1696a0b68cf7");
        assert!(HashKey::load(Some("abcd"), file).unwrap_err().contains("64 chiffres"));
    }

    #[test]
    fn a_derived_key_tags_apart_from_its_parent() {
        let key = HashKey::load(Some(&"0b".repeat(32)), Path::new("/nonexistent/ballot.key")).unwrap();
        let derived = key.derive("purpose");
        assert_eq!(derived.tag("x"), key.derive("purpose").tag("x"));
        assert_ne!(derived.tag("x"), key.tag("x"));
        assert_ne!(derived.tag("x"), key.derive("other").tag("x"));
        // HMAC-SHA-256(key, "purpose") is the derived key, as Python's hmac module computes it.
        assert_eq!(derived.0.to_vec(), hex::decode(key.tag("purpose")).unwrap());
    }
}
