//! French first, English second: the language comes from a cookie set by the switch in the header.
use leptos::prelude::*;

pub const COOKIE: &str = "agora_lang";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    Fr,
    En,
}

impl Lang {
    pub fn code(self) -> &'static str {
        match self {
            Lang::Fr => "fr",
            Lang::En => "en",
        }
    }

    pub fn parse(raw: &str) -> Lang {
        if raw.trim().eq_ignore_ascii_case("en") { Lang::En } else { Lang::Fr }
    }
}

/// Decides the language of this render and makes it available to every component.
pub fn provide_lang() -> Lang {
    #[cfg(feature = "ssr")]
    let lang = use_context::<http::request::Parts>()
        .and_then(|parts| crate::platform::session::cookie_value(&parts, COOKIE))
        .map(|value| Lang::parse(&value))
        .unwrap_or(Lang::Fr);
    // The browser reads what the server rendered, so hydration sees the same texts.
    #[cfg(all(feature = "hydrate", not(feature = "ssr")))]
    let lang = document()
        .document_element()
        .and_then(|root| root.get_attribute("lang"))
        .map(|value| Lang::parse(&value))
        .unwrap_or(Lang::Fr);
    #[cfg(not(any(feature = "ssr", feature = "hydrate")))]
    let lang = Lang::Fr;
    provide_context(lang);
    lang
}

/// The text in the reader's language.
pub fn t(fr: &'static str, en: &'static str) -> &'static str {
    match use_context::<Lang>() {
        Some(Lang::En) => en,
        _ => fr,
    }
}

#[cfg(test)]
mod tests {
    use super::Lang;

    #[test]
    fn unknown_languages_fall_back_to_french() {
        assert_eq!(Lang::parse("en"), Lang::En);
        assert_eq!(Lang::parse("EN"), Lang::En);
        assert_eq!(Lang::parse("de"), Lang::Fr);
        assert_eq!(Lang::parse(""), Lang::Fr);
        assert_eq!(Lang::En.code(), "en");
    }
}
