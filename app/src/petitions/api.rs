//! Server functions of petitions. Each one starts with its guard.
use super::model::{ConfirmOutcome, PetitionList, PetitionRow, PetitionView, Rules};
use crate::platform::error::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

#[cfg(feature = "ssr")]
mod server {
    pub use crate::dialogue::institutions;
    pub use crate::petitions::{
        domain::{BODY_MAX, Decision, REASON_MAX, State, TITLE_MAX, check_signable, milestone_text, new_milestone},
        model::ThresholdKind,
        paths,
        store::{self, Counted, Existing, LinkProblem, Move, NewSignature},
    };
    pub use crate::platform::identity::{Email, Role, age_on};
    pub use crate::platform::{
        db,
        error::{AppError, FormErrors},
        guard, mail,
        paging::{LIST_PAGE_SIZE, PageOf},
        rate_limit::{self, Window},
        secrets::address_tag,
        session::{self, SessionUser},
        state::{AppState, app_state},
        text::bounded_text,
    };

    /// A confirmation link stays valid for a week.
    pub const LINK_LIFETIME: i64 = 7 * 86_400;

    pub fn moderators() -> [Role; 2] {
        [Role::Moderator, Role::Staff]
    }

    pub fn may_moderate(user: Option<&SessionUser>) -> bool {
        user.is_some_and(|user| moderators().contains(&user.role))
    }

    /// A form field holding an id; `field` names it in the error.
    pub fn parse_id(raw: &str, field: &str, message: &str, errors: &mut FormErrors) -> Option<i64> {
        let id = raw.trim().parse().ok();
        if id.is_none() {
            errors.add(field, message);
        }
        id
    }

    /// A petition the caller may see: public ones for everyone, the others for their author and moderators.
    pub fn visible_to(petition: &super::PetitionRow, user: Option<&SessionUser>) -> bool {
        petition.state.is_public() || may_moderate(user) || user.is_some_and(|user| petition.author_id == Some(user.id))
    }

    /// Title, text and institution of a draft, checked together so every field says what is wrong.
    pub async fn parse_draft(
        state: &AppState,
        institution_id: &str,
        title: &str,
        body: &str,
    ) -> Result<(i64, String, String), AppError> {
        let mut errors = FormErrors::default();
        errors.keep("title", title);
        errors.keep("body", body);
        let institutions = institutions(&state.pool).await?;
        let institution =
            errors.chosen("institution_id", institution_id, &institutions, "Choisissez l'institution destinataire.");
        let title = bounded_text(title, "le titre", 10, TITLE_MAX).map_err(|message| errors.add("title", message)).ok();
        let body = bounded_text(body, "le texte", 50, BODY_MAX).map_err(|message| errors.add("body", message)).ok();
        match (institution, title, body) {
            (Some(institution), Some(title), Some(body)) if errors.is_empty() => Ok((institution, title, body)),
            _ => Err(AppError::Invalid(errors)),
        }
    }

    /// The author's petition, or refused: only its author (or staff) may touch a draft.
    pub async fn own_petition(state: &AppState, user: &SessionUser, id: i64) -> Result<super::PetitionRow, AppError> {
        let petition = store::petition(&state.pool, id).await?;
        guard::owner_or_staff(user, petition.author_id.unwrap_or(-1))?;
        Ok(petition)
    }

    /// Refuses, with `message`, an action on a petition that is not in `state`.
    pub fn expect_state(petition: &super::PetitionRow, state: State, message: &str) -> Result<(), AppError> {
        if petition.state == state { Ok(()) } else { Err(AppError::refused(message)) }
    }

    /// The keyed hash of `address` for petition `id`: one per person and petition, kept when the
    /// account goes, so that signing again after re-registering is found.
    pub fn signature_tag(state: &AppState, id: i64, address: &Email) -> String {
        hex::encode(address_tag(&state.ballot_key, &format!("petition:{id}"), address))
    }

    /// The institution's per-IP and per-email limits on signature attempts, each attempt counted
    /// and checked in one statement per window.
    pub async fn signature_limits(state: &AppState, rules: &super::Rules, email: &Email) -> Result<(), AppError> {
        let ip = session::client_ip();
        let minute = Window { max: rules.burst_per_minute, seconds: 60 };
        let five_minutes = Window { max: rules.per_five_minutes, seconds: 300 };
        rate_limit::within(
            &state.pool,
            &[
                ("signature-ip-1min", ip.as_str(), minute),
                ("signature-ip-5min", ip.as_str(), five_minutes),
                ("signature-email-1min", email.as_str(), minute),
                ("signature-email-5min", email.as_str(), five_minutes),
            ],
        )
        .await
    }

    /// After a counted signature: tell the author of a new milestone, and enter "seuil atteint".
    /// Both steps are claimed in the database, so concurrent signatures announce each milestone once.
    pub async fn after_count(
        state: &AppState,
        petition: &super::PetitionRow,
        counted: Counted,
    ) -> Result<(), AppError> {
        if counted.signatures >= counted.threshold
            && petition.state == State::Open
            && let Err(error) =
                store::move_state(&state.pool, petition.id, State::Open, State::ThresholdReached, None, Move::StateOnly)
                    .await
        {
            // Another signature crossed the threshold first: nothing left to do.
            if !matches!(error, AppError::Refused(_)) {
                return Err(error);
            }
        }
        if let Some(milestone) = new_milestone(counted.signatures, counted.threshold, counted.milestones_sent)
            && store::claim_milestone(&state.pool, petition.id, milestone).await?
            && let Some(author) = store::author_email(&state.pool, petition.id).await?
        {
            mail::queue(
                &state.pool,
                &author,
                &format!("Votre pétition a atteint {}", milestone_text(milestone)),
                &format!(
                    "Bonjour,\n\nVotre pétition « {} » compte {} signatures : elle a atteint {} ({} signatures).\n\n\
                     {}{}\n\n— Agora",
                    petition.title,
                    counted.signatures,
                    milestone_text(milestone),
                    counted.threshold,
                    state.config.base_url,
                    paths::petition(petition.id)
                ),
            )
            .await?;
            state.mail_wakeup.notify_one();
        }
        Ok(())
    }
}
#[cfg(feature = "ssr")]
use server::*;

#[server(input = GetUrl)]
pub async fn list_petitions(#[server(default)] page: Option<i64>) -> Result<PetitionList, AppError> {
    let user = guard::public().await?;
    let pool = app_state()?.pool;
    let mine = match &user {
        Some(user) => store::petitions_of(&pool, user.id).await?,
        None => Vec::new(),
    };
    let shown = PageOf::new(page, store::public_petition_count(&pool).await?, LIST_PAGE_SIZE);
    Ok(PetitionList {
        petitions: store::public_petitions(&pool, shown.offset(LIST_PAGE_SIZE), LIST_PAGE_SIZE).await?,
        shown,
        mine,
        signed_in: user.is_some(),
        can_moderate: may_moderate(user.as_ref()),
    })
}

#[server(input = GetUrl)]
pub async fn petition_page(id: i64) -> Result<PetitionView, AppError> {
    use super::model::Abilities;
    let user = guard::public().await?;
    let pool = app_state()?.pool;
    let petition = store::petition(&pool, id).await?;
    if !visible_to(&petition, user.as_ref()) {
        return Err(AppError::NotFound);
    }
    let signed = match &user {
        Some(user) => {
            store::existing_signature(&pool, id, &user.email, Some(user.id), None).await? == Existing::Counted
        }
        None => false,
    };
    let abilities = Abilities {
        signed_in: user.is_some(),
        signed,
        is_author: user.as_ref().is_some_and(|user| petition.author_id == Some(user.id)),
        can_moderate: may_moderate(user.as_ref()),
        can_decide: user.as_ref().is_some_and(|user| user.role == Role::Staff),
    };
    Ok(PetitionView {
        history: store::history(&pool, id).await?,
        min_age: store::rules(&pool, petition.institution_id).await?.min_age,
        communes: store::communes(&pool).await?,
        petition,
        abilities,
        now: db::now(),
    })
}

/// The institutions a petition may be addressed to.
#[server(input = GetUrl)]
pub async fn petition_institutions() -> Result<Vec<(i64, String)>, AppError> {
    guard::signed_in().await?;
    institutions(&app_state()?.pool).await
}

#[server]
pub async fn create_petition(institution_id: String, title: String, body: String) -> Result<(), AppError> {
    let user = guard::signed_in().await?;
    let state = app_state()?;
    let (institution_id, title, body) = parse_draft(&state, &institution_id, &title, &body).await?;
    let id = store::insert_petition(&state.pool, institution_id, user.id, &title, &body).await?;
    leptos_axum::redirect(&format!("{}?enregistre=1", paths::petition(id)));
    Ok(())
}

#[server]
pub async fn update_petition(id: i64, institution_id: String, title: String, body: String) -> Result<(), AppError> {
    let user = guard::signed_in().await?;
    let state = app_state()?;
    own_petition(&state, &user, id).await?;
    let (institution_id, title, body) = parse_draft(&state, &institution_id, &title, &body).await?;
    store::update_draft(&state.pool, id, institution_id, &title, &body).await?;
    leptos_axum::redirect(&format!("{}?enregistre=1", paths::petition(id)));
    Ok(())
}

/// Sends the author's draft to moderation, within the institution's filing limit.
#[server]
pub async fn submit_petition(id: i64) -> Result<(), AppError> {
    let user = guard::signed_in().await?;
    let state = app_state()?;
    let petition = own_petition(&state, &user, id).await?;
    let rules = store::rules(&state.pool, petition.institution_id).await?;
    expect_state(&petition, State::Draft, "Seul un brouillon peut être envoyé à la modération.")?;
    let since = db::now() - rules.filing_period_days * 86_400;
    let author = petition.author_id.unwrap_or(user.id);
    let filed = store::filings_since(&state.pool, author, petition.institution_id, since).await?;
    if filed >= rules.filings_per_period {
        return Err(AppError::refused(format!(
            "Vous avez déjà déposé {filed} pétition(s) ces {} derniers jours ; {} en accepte {} par personne sur \
             cette période.",
            rules.filing_period_days, rules.institution_name, rules.filings_per_period
        )));
    }
    store::move_state(&state.pool, id, State::Draft, State::Pending, Some(user.id), Move::Submit).await
}

#[server(input = GetUrl)]
pub async fn moderation_queue() -> Result<Vec<PetitionRow>, AppError> {
    guard::role(&moderators()).await?;
    store::pending(&app_state()?.pool).await
}

/// Opens a pending petition for signatures, with its institution's threshold and duration.
#[server]
pub async fn publish_petition(id: i64) -> Result<(), AppError> {
    let user = guard::role(&moderators()).await?;
    let state = app_state()?;
    let petition = store::petition(&state.pool, id).await?;
    expect_state(&petition, State::Pending, "Seule une pétition en attente de modération peut être publiée.")?;
    let rules = store::rules(&state.pool, petition.institution_id).await?;
    let threshold = rules.threshold_rule().signatures().map_err(AppError::refused)?;
    let closes_at = db::now() + rules.duration_days * 86_400;
    store::move_state(
        &state.pool,
        id,
        State::Pending,
        State::Open,
        Some(user.id),
        Move::Publish { threshold, closes_at },
    )
    .await
}

#[server]
pub async fn reject_petition(id: i64, reason: String) -> Result<(), AppError> {
    let user = guard::role(&moderators()).await?;
    let state = app_state()?;
    let reason = bounded_text(&reason, "le motif du refus", 5, REASON_MAX).map_err(|message| {
        let mut errors = FormErrors::default();
        errors.add("reason", message);
        AppError::Invalid(errors)
    })?;
    let petition = store::petition(&state.pool, id).await?;
    expect_state(&petition, State::Pending, "Seule une pétition en attente de modération peut être refusée.")?;
    store::move_state(
        &state.pool,
        id,
        State::Pending,
        State::Rejected,
        Some(user.id),
        Move::Reject { reason: &reason },
    )
    .await?;
    if let Some(author) = store::author_email(&state.pool, id).await? {
        mail::queue(
            &state.pool,
            &author,
            "Votre pétition n'a pas été publiée",
            &format!(
                "Bonjour,\n\nVotre pétition « {} » n'a pas été publiée.\n\nMotif : {reason}\n\n— Agora",
                petition.title
            ),
        )
        .await?;
        state.mail_wakeup.notify_one();
    }
    Ok(())
}

/// Staff record the institution's decision on a petition that reached its threshold.
#[server]
pub async fn record_decision(id: i64, decision: String, answer: String) -> Result<(), AppError> {
    let user = guard::role(&[Role::Staff]).await?;
    let state = app_state()?;
    let mut errors = FormErrors::default();
    errors.keep("answer", answer.as_str());
    let decision = Decision::parse(decision.trim());
    if decision.is_none() {
        errors.add("decision", "Choisissez la décision de l'institution.");
    }
    let answer = bounded_text(&answer, "la réponse de l'institution", 20, BODY_MAX)
        .map_err(|message| errors.add("answer", message));
    let (Some(decision), Ok(answer)) = (decision, answer) else {
        return Err(AppError::Invalid(errors));
    };
    let petition = store::petition(&state.pool, id).await?;
    expect_state(
        &petition,
        State::ThresholdReached,
        "La réponse de l'institution s'enregistre une fois le seuil atteint, et une seule fois.",
    )?;
    store::move_state(
        &state.pool,
        id,
        State::ThresholdReached,
        State::Answered,
        Some(user.id),
        Move::Decide { decision: decision.as_str(), answer: &answer },
    )
    .await
}

/// A signed-in resident signs in one click; the account's verified address and age are used.
#[server]
pub async fn sign_petition(id: i64) -> Result<(), AppError> {
    let user = guard::signed_in().await?;
    let state = app_state()?;
    let petition = store::petition(&state.pool, id).await?;
    if !visible_to(&petition, Some(&user)) {
        return Err(AppError::NotFound);
    }
    check_signable(petition.state, petition.closes_at, db::now()).map_err(AppError::refused)?;
    let rules = store::rules(&state.pool, petition.institution_id).await?;
    let (email, name, birth_date, commune_id) = store::signer(&state.pool, user.id).await?;
    let birth = chrono::NaiveDate::parse_from_str(&birth_date, "%Y-%m-%d").map_err(|_| AppError::Internal)?;
    if i64::from(age_on(birth, chrono::Utc::now().date_naive())) < rules.min_age {
        return Err(AppError::refused(format!(
            "Il faut avoir au moins {} ans pour signer cette pétition.",
            rules.min_age
        )));
    }
    // Accounts made before addresses were parsed strictly may hold one that is not bare.
    let address = Email::parse(&email).map_err(|_| {
        AppError::refused(
            "L'adresse de votre compte n'est pas une adresse simple : écrivez à l'équipe pour la corriger.",
        )
    })?;
    let tag = signature_tag(&state, id, &address);
    let signature = NewSignature {
        petition_id: id,
        user_id: Some(user.id),
        email: address.as_str(),
        address_tag: &tag,
        full_name: &name,
        commune_id,
    };
    let Some(counted) = store::insert_counted_signature(&state.pool, &signature).await? else {
        return Err(AppError::refused("Vous avez déjà signé cette pétition."));
    };
    after_count(&state, &petition, counted).await?;
    leptos_axum::redirect(&format!("{}?signee=1", paths::petition(id)));
    Ok(())
}

/// A visitor signs with name, email, commune and an age declaration; the signature counts once the
/// emailed link is opened.
#[server]
pub async fn sign_as_visitor(
    id: i64,
    full_name: String,
    email: String,
    commune_id: String,
    #[server(default)] age_confirmed: Option<String>,
) -> Result<(), AppError> {
    guard::public().await?;
    let state = app_state()?;
    let petition = store::petition(&state.pool, id).await?;
    if !visible_to(&petition, None) {
        return Err(AppError::NotFound);
    }
    check_signable(petition.state, petition.closes_at, db::now()).map_err(AppError::refused)?;
    let rules = store::rules(&state.pool, petition.institution_id).await?;
    let mut errors = FormErrors::default();
    errors.keep("full_name", full_name.as_str());
    errors.keep("email", email.as_str());
    errors.keep("commune_id", commune_id.as_str());
    let name =
        bounded_text(&full_name, "vos prénom et nom", 3, 100).map_err(|message| errors.add("full_name", message));
    let email = Email::parse(&email).map_err(|message| errors.add("email", message));
    let communes = store::communes(&state.pool).await?;
    let commune = parse_id(&commune_id, "commune_id", "Choisissez votre commune.", &mut errors)
        .filter(|id| communes.iter().any(|(known, _)| known == id));
    if commune.is_none() && errors.message("commune_id").is_none() {
        errors.add("commune_id", "Choisissez votre commune.");
    }
    if age_confirmed.is_none() {
        errors.add("age_confirmed", format!("Cochez la case si vous avez au moins {} ans.", rules.min_age));
    }
    let (Ok(name), Ok(email), Some(commune), true) = (name, email, commune, errors.is_empty()) else {
        return Err(AppError::Invalid(errors));
    };
    signature_limits(&state, &rules, &email).await?;
    // Whether this address signed is nobody's business but its owner's: the answer on screen is
    // always "check your email", and only the email says the signature was already counted.
    let tag = signature_tag(&state, id, &email);
    let counted = store::existing_signature(&state.pool, id, email.as_str(), None, Some(&tag)).await?;
    let token = session::random_token();
    let signature = NewSignature {
        petition_id: id,
        user_id: None,
        email: email.as_str(),
        address_tag: &tag,
        full_name: &name,
        commune_id: Some(commune),
    };
    let stored = counted != Existing::Counted
        && store::upsert_pending_signature(
            &state.pool,
            &signature,
            &session::token_hash(&token),
            db::now() + LINK_LIFETIME,
        )
        .await?;
    if stored {
        mail::send_link(
            &state,
            email.as_str(),
            "Confirmez votre signature — Agora",
            &format!(
                "Pour que votre signature de la pétition « {} » soit comptée, ouvrez ce lien (valable 7 jours) :",
                petition.title
            ),
            &paths::confirm_signature(),
            &token,
        )
        .await?;
    } else {
        mail::queue(
            &state.pool,
            email.as_str(),
            "Votre signature est déjà comptée — Agora",
            &format!(
                "Bonjour,\n\nQuelqu'un (vous, sans doute) a demandé à signer la pétition « {} » avec cette adresse, \
                 qui l'a déjà signée : votre signature est comptée, une seule fois. Il n'y a rien à faire.\n\n\
                 {}{}\n\n— Agora",
                petition.title,
                state.config.base_url,
                paths::petition(id)
            ),
        )
        .await?;
        state.mail_wakeup.notify_one();
    }
    leptos_axum::redirect(&format!("{}?verifiez=1", paths::petition(id)));
    Ok(())
}

/// Counts the signature an emailed link names.
#[server]
pub async fn confirm_signature(token: String) -> Result<ConfirmOutcome, AppError> {
    guard::public().await?;
    let state = app_state()?;
    let now = db::now();
    let (signature_id, petition_id) =
        store::signature_of_link(&state.pool, &session::token_hash(token.trim()), now).await?.map_err(|problem| {
            AppError::refused(match problem {
                LinkProblem::Unknown => "Ce lien de confirmation est inconnu : vérifiez qu'il est complet.",
                LinkProblem::Used => "Ce lien a déjà servi : votre signature est comptée.",
                LinkProblem::Expired => "Ce lien a expiré : signez de nouveau pour en recevoir un autre.",
            })
        })?;
    let petition = store::petition(&state.pool, petition_id).await?;
    check_signable(petition.state, petition.closes_at, now).map_err(AppError::refused)?;
    let Some(counted) = store::confirm_signature(&state.pool, signature_id, petition_id).await? else {
        return Err(AppError::refused("Ce lien a déjà servi : votre signature est comptée."));
    };
    after_count(&state, &petition, counted).await?;
    leptos_axum::redirect(&format!("{}?confirmee=1", paths::petition(petition_id)));
    Ok(ConfirmOutcome { petition_id, title: petition.title })
}

#[server(input = GetUrl)]
pub async fn petition_rules() -> Result<Vec<Rules>, AppError> {
    guard::role(&[Role::Staff]).await?;
    store::all_rules(&app_state()?.pool).await
}

/// Staff set an institution's rules; every number is checked and named in French when wrong.
#[server]
pub async fn update_petition_rules(
    institution_id: i64,
    threshold_kind: String,
    threshold_fixed: String,
    electors: String,
    share_divisor: String,
    min_age: String,
    filings_per_period: String,
    filing_period_days: String,
    duration_days: String,
    burst_per_minute: String,
    per_five_minutes: String,
    retention_days: String,
) -> Result<(), AppError> {
    guard::role(&[Role::Staff]).await?;
    let state = app_state()?;
    let mut rules = store::rules(&state.pool, institution_id).await?;
    let mut errors = FormErrors::default();
    let mut number = |field: &str, raw: &str, min: i64, max: i64| -> i64 {
        errors.keep(field, raw);
        match raw.trim().parse::<i64>() {
            Ok(value) if (min..=max).contains(&value) => value,
            _ => {
                errors.add(field, format!("Entrez un nombre entier entre {min} et {max}."));
                0
            }
        }
    };
    rules.threshold_fixed = number("threshold_fixed", &threshold_fixed, 1, 10_000_000);
    rules.electors = number("electors", &electors, 0, 100_000_000);
    rules.share_divisor = number("share_divisor", &share_divisor, 1, 1000);
    rules.min_age = number("min_age", &min_age, 0, 120);
    rules.filings_per_period = number("filings_per_period", &filings_per_period, 1, 1000);
    rules.filing_period_days = number("filing_period_days", &filing_period_days, 1, 3650);
    rules.duration_days = number("duration_days", &duration_days, 1, 3650);
    rules.burst_per_minute = number("burst_per_minute", &burst_per_minute, 1, 1000);
    rules.per_five_minutes = number("per_five_minutes", &per_five_minutes, 1, 5000);
    rules.retention_days = number("retention_days", &retention_days, 1, 3650);
    match ThresholdKind::parse(threshold_kind.trim()) {
        None => errors.add("threshold_kind", "Choisissez un seuil fixe ou une part des électeurs."),
        Some(ThresholdKind::Share) if rules.electors == 0 => {
            errors.add("electors", "Indiquez le nombre d'électeurs pour un seuil en part des électeurs.")
        }
        Some(kind) => rules.threshold_kind = kind,
    }
    errors.into_result()?;
    store::update_rules(&state.pool, &rules).await?;
    leptos_axum::redirect(&format!("{}?institution={institution_id}&enregistre=1", paths::rules()));
    Ok(())
}
