//! Server functions for accounts. Each one starts with its guard.
use super::model::{AccountRow, DataExport, Profile};
use crate::platform::error::AppError;
use crate::platform::{identity::UserSummary, places::Places};
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

#[cfg(feature = "ssr")]
mod server {
    pub use crate::accounts::{domain::*, paths, store};
    pub use crate::platform::identity::{Email, Role, age_on};
    pub use crate::platform::{
        error::FormErrors,
        guard, mail,
        rate_limit::{self, Backoff, Window},
        session,
        state::{AppState, app_state},
    };

    pub use crate::accounts::password::{dummy_hash, hash_password, verify_password};
    use crate::platform::error::AppError;

    pub fn today() -> chrono::NaiveDate {
        chrono::Utc::now().date_naive()
    }

    /// Parses an optional id from a form `<select>`; empty means none.
    pub fn optional_id(raw: &str) -> Result<Option<i64>, ()> {
        let raw = raw.trim();
        if raw.is_empty() { Ok(None) } else { raw.parse().map(Some).map_err(|_| ()) }
    }

    /// Emails a fresh confirmation link (at registration, and again at a log-in before confirming).
    pub async fn send_verification(state: &AppState, user_id: i64, to: &str) -> Result<(), AppError> {
        let token = store::create_token(&state.pool, user_id, "verify", VERIFY_LIFETIME).await?;
        mail::send_link(
            state,
            to,
            "Confirmez votre adresse — Agora",
            "Pour activer votre compte Agora, ouvrez ce lien (valable 48 heures) :",
            &paths::verify(),
            &token,
        )
        .await
    }

    /// The address of a form's `email` field, or the form's error naming that field.
    pub fn parse_email_field(raw: &str) -> Result<Email, AppError> {
        Email::parse(raw).map_err(|message| {
            let mut errors = FormErrors::default();
            errors.keep("email", raw);
            errors.add("email", message);
            AppError::Invalid(errors)
        })
    }

    pub const VERIFY_LIFETIME: i64 = 48 * 3600;
    pub const RESET_LIFETIME: i64 = 3600;
    pub const LOGIN_ACCOUNT: &str = "login-account";
    pub const LOGIN_IP: &str = "login-ip";
    /// Five tries, then 15 s, 30 s, 1 min… up to 15 min between tries; forgotten after an hour.
    pub const LOGIN_PER_ACCOUNT: Backoff = Backoff { free: 5, first_wait: 15, max_wait: 900, forget_after: 3600 };
    pub const LOGIN_PER_IP: Backoff = Backoff { free: 30, first_wait: 15, max_wait: 900, forget_after: 3600 };
    /// Registrations and reset requests: per address, and per IP (a town hall's network shares one).
    pub const REGISTER_PER_ADDRESS: Window = Window { max: 3, seconds: 3600 };
    pub const REGISTER_PER_IP: Window = Window { max: 30, seconds: 3600 };
    pub const RESET_PER_ADDRESS: Window = Window { max: 3, seconds: 3600 };
    pub const RESET_PER_IP: Window = Window { max: 30, seconds: 3600 };
    /// "Someone tried to register with your address": at most one such email per address in 6 hours.
    pub const TAKEN_ADDRESS_NOTICE: Window = Window { max: 1, seconds: 6 * 3600 };
}
#[cfg(feature = "ssr")]
use server::*;

#[server(input = GetUrl)]
pub async fn current_user() -> Result<Option<UserSummary>, AppError> {
    Ok(guard::public().await?.map(|user| UserSummary { id: user.id, display_name: user.display_name, role: user.role }))
}

#[server(input = GetUrl)]
pub async fn list_places() -> Result<Places, AppError> {
    guard::public().await?;
    store::places(&app_state()?.pool).await
}

/// Checks the profile fields shared by registration and profile editing.
#[cfg(feature = "ssr")]
async fn check_place_fields(
    state: &AppState,
    errors: &mut FormErrors,
    commune_id: &str,
    territory_id: &str,
) -> Result<(Option<i64>, Option<i64>), AppError> {
    let commune = match commune_id.trim().parse::<i64>() {
        Ok(id) if store::commune_exists(&state.pool, id).await? => Some(id),
        _ => {
            errors.add("commune_id", "Choisissez votre commune dans la liste.");
            None
        }
    };
    let territory = match optional_id(territory_id) {
        Ok(None) => None,
        Ok(Some(id)) if store::territory_exists(&state.pool, id).await? => Some(id),
        _ => {
            errors.add("territory_id", "Choisissez un quartier ou territoire de la liste.");
            None
        }
    };
    errors.keep("commune_id", commune_id);
    errors.keep("territory_id", territory_id);
    Ok((commune, territory))
}

#[server]
pub async fn register(
    email: String,
    password: String,
    display_name: String,
    birth_date: String,
    commune_id: String,
    territory_id: String,
) -> Result<(), AppError> {
    guard::public().await?;
    let state = app_state()?;
    let mut errors = FormErrors::default();
    errors.keep("email", &email);
    errors.keep("display_name", &display_name);
    errors.keep("birth_date", &birth_date);
    let parsed_email = Email::parse(&email).map_err(|message| errors.add("email", message)).ok();
    let parsed_password = Password::parse(&password).map_err(|message| errors.add("password", message)).ok();
    let name = parse_display_name(&display_name).map_err(|message| errors.add("display_name", message)).ok();
    let birth = parse_birth_date(&birth_date, today()).map_err(|message| errors.add("birth_date", message)).ok();
    if let Some(birth) = birth
        && age_on(birth, today()) < 11
    {
        errors.add("birth_date", "Il faut avoir au moins 11 ans pour créer un compte.");
    }
    let (commune, territory) = check_place_fields(&state, &mut errors, &commune_id, &territory_id).await?;
    errors.clone().into_result()?;
    let (Some(email), Some(password), Some(name), Some(birth), Some(commune)) =
        (parsed_email, parsed_password, name, birth, commune)
    else {
        return Err(AppError::Invalid(errors));
    };
    let ip = session::client_ip();
    rate_limit::within(
        &state.pool,
        &[("register-ip", ip.as_str(), REGISTER_PER_IP), ("register-address", email.as_str(), REGISTER_PER_ADDRESS)],
    )
    .await?;
    let hash = hash_password(password.expose().to_string()).await?;
    let birth = birth.format("%Y-%m-%d").to_string();
    let new_user = store::NewUser {
        email: email.as_str(),
        password_hash: &hash,
        display_name: &name,
        birth_date: &birth,
        commune_id: Some(commune),
        territory_id: territory,
        role: Role::Resident.as_str(),
        verified: false,
    };
    match store::insert_user(&state.pool, &new_user).await? {
        Some(user_id) => {
            send_verification(&state, user_id, email.as_str()).await?;
        }
        // Same answer on screen; the owner of the address learns of the attempt by email, at most
        // once in a while, so that nobody floods a mailbox through this form.
        None if rate_limit::hit(&state.pool, "taken-address-notice", email.as_str(), TAKEN_ADDRESS_NOTICE).await? => {
            mail::queue(
                &state.pool,
                email.as_str(),
                "Tentative d'inscription — Agora",
                "Bonjour,\n\nQuelqu'un a tenté de créer un compte Agora avec votre adresse, qui en possède déjà un. \
                 Si c'était vous, connectez-vous ou demandez un nouveau mot de passe.\n\n— Agora",
            )
            .await?;
            state.mail_wakeup.notify_one();
        }
        None => {}
    }
    leptos_axum::redirect(&paths::check_email());
    Ok(())
}

#[server]
pub async fn verify_email(token: String) -> Result<(), AppError> {
    guard::public().await?;
    let state = app_state()?;
    match store::consume_token(&state.pool, token.trim(), "verify").await? {
        Some(user_id) => {
            store::mark_verified(&state.pool, user_id).await?;
            leptos_axum::redirect(&format!("{}?verifie=1", paths::login()));
            Ok(())
        }
        None => Err(AppError::refused(
            "Ce lien de confirmation n'est plus valable (déjà utilisé ou expiré). Connectez-vous pour en recevoir un nouveau.",
        )),
    }
}

#[server]
pub async fn login(email: String, password: String, next: String) -> Result<(), AppError> {
    guard::public().await?;
    let state = app_state()?;
    let parsed = parse_email_field(&email)?;
    let normalised = parsed.as_str();
    let ip = session::client_ip();
    // Counted before the password is checked, each in one statement: parallel guesses cannot all
    // pass. The typed address counts whether or not it has an account.
    if !rate_limit::attempt(&state.pool, LOGIN_ACCOUNT, normalised, LOGIN_PER_ACCOUNT).await?
        || !rate_limit::attempt(&state.pool, LOGIN_IP, &ip, LOGIN_PER_IP).await?
    {
        return Err(AppError::RateLimited);
    }
    let found = store::credentials(&state.pool, normalised).await?;
    let hash = match &found {
        Some((_, hash, _)) => hash.clone(),
        None => dummy_hash().await,
    };
    let password_ok = verify_password(password, hash).await;
    let Some((user_id, _, verified)) = found.filter(|_| password_ok) else {
        let mut errors = FormErrors::default();
        errors.keep("email", &email);
        errors.add("password", "Adresse électronique ou mot de passe incorrect.");
        return Err(AppError::Invalid(errors));
    };
    if !verified {
        send_verification(&state, user_id, normalised).await?;
        return Err(AppError::refused(
            "Confirmez d'abord votre adresse électronique : un nouveau lien vient de vous être envoyé.",
        ));
    }
    // Only failures should weigh on the address and the IP.
    rate_limit::clear(&state.pool, LOGIN_ACCOUNT, normalised).await?;
    rate_limit::forgive_one(&state.pool, LOGIN_IP, &ip).await?;
    session::open(user_id).await?;
    // Only local paths: never an open redirect. Browsers read `/\` as `//` and drop tabs and
    // newlines, and a control character cannot go in a Location header at all.
    let local = next.starts_with('/') && !next.starts_with("//") && !next.chars().any(|c| c == '\\' || c.is_control());
    let target = if local { next } else { paths::profile() };
    leptos_axum::redirect(&target);
    Ok(())
}

#[server]
pub async fn logout() -> Result<(), AppError> {
    guard::signed_in().await?;
    session::close().await?;
    leptos_axum::redirect("/");
    Ok(())
}

#[server]
pub async fn request_password_reset(email: String) -> Result<(), AppError> {
    guard::public().await?;
    let state = app_state()?;
    let email = parse_email_field(&email)?;
    let ip = session::client_ip();
    rate_limit::within(
        &state.pool,
        &[("reset-ip", ip.as_str(), RESET_PER_IP), ("reset-address", email.as_str(), RESET_PER_ADDRESS)],
    )
    .await?;
    if let Some((user_id, _, _)) = store::credentials(&state.pool, email.as_str()).await? {
        let token = store::create_token(&state.pool, user_id, "reset", RESET_LIFETIME).await?;
        mail::send_link(
            &state,
            email.as_str(),
            "Nouveau mot de passe — Agora",
            "Pour choisir un nouveau mot de passe, ouvrez ce lien (valable une heure) :",
            &paths::reset_password(),
            &token,
        )
        .await?;
    }
    // The same answer whether or not the address has an account.
    leptos_axum::redirect(&format!("{}?envoye=1", paths::forgot_password()));
    Ok(())
}

#[server]
pub async fn reset_password(token: String, password: String) -> Result<(), AppError> {
    guard::public().await?;
    let state = app_state()?;
    let password = Password::parse(&password).map_err(|message| {
        let mut errors = FormErrors::default();
        errors.add("password", message);
        AppError::Invalid(errors)
    })?;
    let Some(user_id) = store::consume_token(&state.pool, token.trim(), "reset").await? else {
        return Err(AppError::refused("Ce lien n'est plus valable (déjà utilisé ou expiré). Demandez-en un nouveau."));
    };
    let hash = hash_password(password.expose().to_string()).await?;
    let notice = format!(
        "Bonjour,\n\nLe mot de passe de votre compte Agora vient d'être changé, et toutes vos sessions ont été \
         fermées.\n\nSi c'est vous, il n'y a rien à faire. Sinon, choisissez-en un nouveau dès maintenant sur \
         {}{} et prévenez l'équipe Agora.\n\n— Agora",
        state.config.base_url,
        paths::forgot_password()
    );
    let email =
        store::set_password(&state.pool, user_id, &hash, ("Votre mot de passe a été changé — Agora", &notice)).await?;
    state.mail_wakeup.notify_one();
    // The owner proved their address: earlier guesses no longer hold them back.
    rate_limit::clear(&state.pool, LOGIN_ACCOUNT, &email).await?;
    store::mark_verified(&state.pool, user_id).await?;
    leptos_axum::redirect(&format!("{}?nouveau=1", paths::login()));
    Ok(())
}

#[server(input = GetUrl)]
pub async fn my_profile() -> Result<Profile, AppError> {
    let user = guard::signed_in().await?;
    store::profile(&app_state()?.pool, user.id).await
}

#[server]
pub async fn update_profile(display_name: String, commune_id: String, territory_id: String) -> Result<(), AppError> {
    let user = guard::signed_in().await?;
    let state = app_state()?;
    let mut errors = FormErrors::default();
    errors.keep("display_name", &display_name);
    let name = parse_display_name(&display_name).map_err(|message| errors.add("display_name", message)).ok();
    let (commune, territory) = check_place_fields(&state, &mut errors, &commune_id, &territory_id).await?;
    match (name, commune) {
        (Some(name), Some(commune)) if errors.is_empty() => {
            store::update_profile(&state.pool, user.id, &name, commune, territory).await?;
            leptos_axum::redirect(&format!("{}?enregistre=1", paths::profile()));
            Ok(())
        }
        _ => Err(AppError::Invalid(errors)),
    }
}

#[server(input = GetUrl)]
pub async fn export_my_data() -> Result<DataExport, AppError> {
    let user = guard::signed_in().await?;
    let state = app_state()?;
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        response.insert_header(
            axum::http::header::CONTENT_DISPOSITION,
            axum::http::HeaderValue::from_static("attachment; filename=\"mes-donnees-agora.json\""),
        );
    }
    Ok(DataExport {
        profile: store::profile(&state.pool, user.id).await?,
        role_changes: store::role_history(&state.pool, user.id).await?,
        petitions_filed: crate::petitions::filed_by(&state.pool, user.id).await?,
        petitions_signed: crate::petitions::signed_by(&state.pool, user.id).await?,
    })
}

#[server]
pub async fn delete_account(password: String) -> Result<(), AppError> {
    let user = guard::signed_in().await?;
    let state = app_state()?;
    let hash = store::password_hash(&state.pool, user.id).await?;
    if !verify_password(password, hash).await {
        let mut errors = FormErrors::default();
        errors.add("password", "Mot de passe incorrect : le compte n'a pas été supprimé.");
        return Err(AppError::Invalid(errors));
    }
    session::close().await?;
    // Signatures keep counting; the name and address under them go with the account.
    crate::petitions::forget_signer(&state.pool, user.id).await?;
    store::delete_user(&state.pool, user.id).await?;
    leptos_axum::redirect("/?compte-supprime=1");
    Ok(())
}

#[server(input = GetUrl)]
pub async fn list_accounts() -> Result<Vec<AccountRow>, AppError> {
    guard::role(&[Role::Staff]).await?;
    store::accounts(&app_state()?.pool).await
}

#[server]
pub async fn change_role(user_id: i64, role: String) -> Result<(), AppError> {
    let staff = guard::role(&[Role::Staff]).await?;
    let Some(role) = Role::parse(&role) else {
        return Err(AppError::refused("Rôle inconnu."));
    };
    if staff.id == user_id && role != Role::Staff {
        return Err(AppError::refused(
            "Vous ne pouvez pas retirer votre propre rôle d'équipe : demandez-le à une autre personne de l'équipe.",
        ));
    }
    store::change_role(&app_state()?.pool, user_id, role.as_str(), staff.id).await
}
