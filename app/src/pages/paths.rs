//! The addresses of the platform's own pages (home and legal pages), beside `SiteRoutes`.

pub fn home() -> String {
    "/".into()
}

/// The accessibility statement (RGAA).
pub fn accessibility() -> String {
    "/accessibilite".into()
}

pub fn legal_notice() -> String {
    "/mentions-legales".into()
}

pub fn personal_data() -> String {
    "/donnees-personnelles".into()
}
