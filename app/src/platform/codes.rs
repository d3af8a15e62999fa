//! Values stored as text codes or 0/1 columns, read back as types: an unknown code is an error
//! where the row is read, never a string compared further on.

/// An enum whose variants are stored (and sent) as their codes: `as_str`, `parse`, `ALL`, and
/// `TryFrom<String>` for `#[sqlx(try_from = "String")]` fields.
#[macro_export]
macro_rules! stored_code {
    ($(#[$meta:meta])* $vis:vis enum $name:ident { $($(#[$variant_meta:meta])* $variant:ident = $code:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
        $vis enum $name {
            $($(#[$variant_meta])* #[serde(rename = $code)] $variant),+
        }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            pub fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $code),+
                }
            }

            pub fn parse(code: &str) -> Option<$name> {
                match code {
                    $($code => Some($name::$variant),)+
                    _ => None,
                }
            }
        }

        impl TryFrom<String> for $name {
            type Error = String;

            fn try_from(code: String) -> Result<$name, String> {
                $name::parse(&code).ok_or_else(|| format!("code inconnu : {code}"))
            }
        }
    };
}

/// A yes/no setting stored as 0 or 1 (the column type both backends share).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
#[serde(transparent)]
pub struct Flag(pub bool);

impl Flag {
    pub fn on(self) -> bool {
        self.0
    }
}

impl TryFrom<i64> for Flag {
    type Error = String;

    fn try_from(stored: i64) -> Result<Flag, String> {
        match stored {
            0 => Ok(Flag(false)),
            1 => Ok(Flag(true)),
            other => Err(format!("0 ou 1 attendu, lu {other}")),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Flag;

    crate::stored_code! {
        enum Colour { Red = "rouge", Light = "clair" }
    }

    #[test]
    fn codes_and_flags_read_back_or_refuse() {
        for colour in Colour::ALL {
            assert_eq!(Colour::try_from(colour.as_str().to_string()), Ok(*colour));
        }
        assert!(Colour::try_from("bleu".to_string()).is_err());
        assert_eq!(serde_json::to_string(&Colour::Light).unwrap(), "\"clair\"");
        assert_eq!(Flag::try_from(1), Ok(Flag(true)));
        assert_eq!(Flag::try_from(0).map(Flag::on), Ok(false));
        assert!(Flag::try_from(2).is_err());
    }
}
