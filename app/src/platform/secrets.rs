//! Keys kept outside the database, so that a copy of the database alone reveals nothing they protect.
use crate::platform::identity::Email;
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
            None if file.exists() => {
                refuse_if_others_can_read(file)?;
                std::fs::read_to_string(file)
                    .map_err(|error| format!("lecture de la clé {} impossible : {error}", file.display()))?
            }
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

    /// HMAC-SHA-256 of `message` under this key, in hexadecimal.
    pub fn tag(&self, message: &str) -> String {
        hex::encode(self.mac(message.as_bytes()))
    }

    fn mac(&self, message: &[u8]) -> [u8; 32] {
        let mut mac = Hmac::<Sha256>::new_from_slice(&self.0).expect("HMAC takes keys of any length");
        mac.update(message);
        mac.finalize().into_bytes().into()
    }

    /// A key for one `purpose`, derived from this one: what it tags cannot be compared with what
    /// this key or another purpose's key tags.
    pub fn derive(&self, purpose: &str) -> HashKey {
        HashKey(self.mac(format!("agora-derived-key\n{purpose}").as_bytes()))
    }
}

/// The keyed hash of a normalised address within `scope` (such as `petition:12`), under a key derived
/// from `key` for this use only: one address gives one tag per scope, so a second signature or
/// ballot from the same address is found even once the address itself is deleted, and a copy of
/// the database without the key cannot tell whose address it is.
pub fn address_tag(key: &HashKey, scope: &str, address: &Email) -> [u8; 32] {
    key.derive("address-tag").mac(format!("{scope}\n{}", address.as_str()).as_bytes())
}

impl std::fmt::Debug for HashKey {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        formatter.write_str("HashKey(secret)")
    }
}

/// Creates `dir` and its missing parents, readable by the server's account only.
pub fn create_private_dir(dir: &Path) -> std::io::Result<()> {
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder.create(dir)
}

/// A key that other accounts of the machine can read is no secret: the server will not start on it.
fn refuse_if_others_can_read(file: &Path) -> Result<(), String> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(file)
            .map_err(|error| format!("lecture de la clé {} impossible : {error}", file.display()))?
            .permissions()
            .mode();
        if mode & 0o077 != 0 {
            return Err(format!(
                "la clé {} est lisible par d'autres comptes que celui du serveur (droits {:o}) : \
                 faites « chmod 600 {} » puis relancez",
                file.display(),
                mode & 0o777,
                file.display()
            ));
        }
    }
    Ok(())
}

fn write_private(file: &Path, text: &str) -> Result<(), String> {
    use std::io::Write;
    let fail = |error: std::io::Error| format!("écriture de la clé {} impossible : {error}", file.display());
    if let Some(dir) = file.parent() {
        create_private_dir(dir).map_err(fail)?;
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
    fn keys_are_private_and_a_key_others_can_read_is_refused() {
        use std::os::unix::fs::PermissionsExt;
        let dir = std::env::temp_dir().join(format!("agora-key-{}", rand::random::<u64>()));
        let file = dir.join("donnees").join("ballot.key");
        HashKey::load(None, &file).unwrap();
        let mode = |path: &Path| std::fs::metadata(path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&file), 0o600);
        assert_eq!(mode(file.parent().unwrap()), 0o700);
        std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o644)).unwrap();
        let error = HashKey::load(None, &file).err().unwrap();
        assert!(error.contains("chmod 600") && error.contains("644"), "{error}");
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
    fn address_tags_depend_on_key_scope_and_address_only() {
        let file = Path::new("/nonexistent/ballot.key");
        let key = HashKey::load(Some(&"0b".repeat(32)), file).unwrap();
        let other_key = HashKey::load(Some(&"0c".repeat(32)), file).unwrap();
        let address = Email::parse("Camille@Exemple.fr").unwrap();
        let tag = address_tag(&key, "petition:1", &address);
        assert_eq!(tag, address_tag(&key, "petition:1", &Email::parse("camille@exemple.fr").unwrap()));
        assert_ne!(tag, address_tag(&key, "petition:2", &address));
        assert_ne!(tag, address_tag(&other_key, "petition:1", &address));
        assert_ne!(tag, address_tag(&key, "petition:1", &Email::parse("camille2@exemple.fr").unwrap()));
        // Derived for its purpose: not the ballot key's own tag of the same text.
        assert_ne!(hex::encode(tag), key.tag("petition:1\ncamille@exemple.fr"));
    }

    #[test]
    fn a_derived_key_tags_apart_from_its_parent() {
        let key = HashKey::load(Some(&"0b".repeat(32)), Path::new("/nonexistent/ballot.key")).unwrap();
        let derived = key.derive("purpose");
        assert_eq!(derived.tag("x"), key.derive("purpose").tag("x"));
        assert_ne!(derived.tag("x"), key.tag("x"));
        assert_ne!(derived.tag("x"), key.derive("other").tag("x"));
    }
}
