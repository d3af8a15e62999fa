//! Server functions of the Alès citizen councils and their fund. Each one starts with its guard.
use super::model::{ApplicationChoices, ApplicationView, CouncilView, FundView, SpaceView};
use crate::platform::error::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

#[cfg(feature = "ssr")]
pub(crate) mod server {
    use super::AppError;
    pub use crate::citizen_councils::{
        domain::{self, Step},
        model::{ApplicationStatus, COLLEGES, CouncilCard},
        paths, store,
    };
    pub use crate::collectifs;
    pub use crate::platform::identity::Role;
    pub use crate::platform::{
        db, error::FormErrors, guard, mail, session::SessionUser, state::app_state, text::bounded_text,
    };

    pub const STAFF: &[Role] = &[Role::Staff];

    pub fn is_staff(user: &Option<SessionUser>) -> bool {
        user.as_ref().is_some_and(|user| user.role == Role::Staff)
    }

    /// One field's problem as the form shows it, with what was typed.
    pub fn field_error(field: &str, message: impl Into<String>, typed: &str) -> AppError {
        let mut errors = FormErrors::default();
        errors.add(field, message);
        errors.keep(field, typed.trim());
        AppError::Invalid(errors)
    }

    /// The council's card, found by its address.
    pub async fn card(pool: &db::Pool, slug: &str) -> Result<CouncilCard, AppError> {
        store::cards(pool).await?.into_iter().find(|card| card.council.slug == slug).ok_or(AppError::NotFound)
    }

    pub fn council_choices(cards: Vec<CouncilCard>) -> Vec<(i64, String)> {
        cards.into_iter().map(|card| (card.council.id, card.council.name)).collect()
    }

    /// Emails the applicant about their application.
    pub async fn tell(pool: &db::Pool, id: i64, subject: &str, body: String) -> Result<(), AppError> {
        let Some(email) = store::applicant_email(pool, id).await? else { return Ok(()) };
        let state = app_state()?;
        let link = format!("{}{}", state.config.base_url, paths::application(id));
        let text =
            format!("Bonjour,\n\n{body}\n\nVotre demande : {link}\n\n— Agora, Conseils citoyens d'Alès Agglomération");
        mail::queue(pool, &email, subject, &text).await?;
        state.mail_wakeup.notify_one();
        Ok(())
    }

    /// A step of the council on an application still waiting for it: the application, or why not.
    pub async fn council_step(
        pool: &db::Pool,
        id: i64,
        step: Step,
    ) -> Result<crate::citizen_councils::model::Application, AppError> {
        let application = store::application(pool, id).await?;
        domain::next_status(application.status, step).map_err(AppError::refused)?;
        Ok(application)
    }
}
#[cfg(feature = "ssr")]
use server::*;

#[server(input = GetUrl)]
pub async fn citizen_councils_space() -> Result<SpaceView, AppError> {
    let user = guard::public().await?;
    let pool = app_state()?.pool;
    Ok(SpaceView {
        councils: store::cards(&pool).await?,
        minutes: store::files(&pool, "minutes").await?,
        documents: store::files(&pool, "document").await?,
        staff: is_staff(&user),
    })
}

#[server(input = GetUrl)]
pub async fn citizen_council_page(slug: String) -> Result<CouncilView, AppError> {
    let user = guard::public().await?;
    let pool = app_state()?.pool;
    let card = card(&pool, &slug).await?;
    let events = collectifs::events(&pool, Some(collectifs::Host::Council(card.council.id))).await?;
    Ok(CouncilView {
        agenda: collectifs::split_agenda(events, db::now()),
        members: store::members(&pool, card.council.id).await?,
        envelopes: store::envelopes(&pool, Some(card.council.id)).await?,
        card,
        staff: is_staff(&user),
    })
}

/// Staff seat a member on a council.
#[server]
pub async fn add_council_member(slug: String, name: String, college: String) -> Result<(), AppError> {
    guard::role(STAFF).await?;
    let pool = app_state()?.pool;
    let council = store::council_by_slug(&pool, &slug).await?;
    let mut errors = FormErrors::default();
    errors.keep("name", name.trim());
    let name = bounded_text(&name, "le nom du membre", 2, 120).unwrap_or_else(|message| {
        errors.add("name", message);
        String::new()
    });
    if !COLLEGES.iter().any(|(code, _)| *code == college) {
        errors.add("college", "Choisissez le collège : habitant·e ou acteur local.");
    }
    errors.into_result()?;
    store::add_member(&pool, council.id, &name, &college).await
}

/// Staff take a member off a council.
#[server]
pub async fn remove_council_member(slug: String, id: i64) -> Result<(), AppError> {
    guard::role(STAFF).await?;
    let pool = app_state()?.pool;
    let council = store::council_by_slug(&pool, &slug).await?;
    if !store::remove_member(&pool, council.id, id).await? {
        return Err(AppError::NotFound);
    }
    Ok(())
}

/// Staff set a council's envelope for a year. It cannot go below what was already granted from it.
#[server]
pub async fn set_envelope(slug: String, year: String, amount: String) -> Result<(), AppError> {
    guard::role(STAFF).await?;
    let pool = app_state()?.pool;
    let council = store::council_by_slug(&pool, &slug).await?;
    let mut errors = FormErrors::default();
    errors.keep("year", year.trim());
    errors.keep("amount", amount.trim());
    let year_value = year.trim().parse::<i64>().ok().filter(|y| (2000..=2100).contains(y));
    if year_value.is_none() {
        errors.add("year", "Indiquez l'année, par exemple 2027.");
    }
    let amount_value = domain::parse_euros(&amount);
    if amount_value.is_none() {
        errors.add("amount", "Indiquez le montant de l'enveloppe, en euros.");
    }
    errors.into_result()?;
    let (Some(year), Some(amount)) = (year_value, amount_value) else { return Err(AppError::Internal) };
    if let Some(envelope) = store::envelope(&pool, council.id, year).await?
        && amount < envelope.granted
    {
        return Err(AppError::refused(format!(
            "{} sont déjà accordés sur l'enveloppe {year} : elle ne peut descendre en dessous.",
            domain::euros(envelope.granted)
        )));
    }
    store::set_envelope(&pool, council.id, year, amount).await
}

#[server(input = GetUrl)]
pub async fn fund_page() -> Result<FundView, AppError> {
    let user = guard::public().await?;
    let pool = app_state()?.pool;
    let staff = is_staff(&user);
    Ok(FundView {
        envelopes: store::envelopes(&pool, None).await?,
        mine: match &user {
            Some(user) => store::application_cards(&pool, Some(user.id)).await?,
            None => Vec::new(),
        },
        all: if staff { store::application_cards(&pool, None).await? } else { Vec::new() },
        signed_in: user.is_some(),
        staff,
    })
}

#[server(input = GetUrl)]
pub async fn apply_options() -> Result<ApplicationChoices, AppError> {
    guard::signed_in().await?;
    let pool = app_state()?.pool;
    Ok(ApplicationChoices {
        councils: council_choices(store::cards(&pool).await?),
        neighbourhoods: store::neighbourhoods(&pool).await?,
    })
}

/// A resident applies to the fund for a project.
#[server]
pub async fn submit_application(
    council_id: String,
    territory_id: String,
    title: String,
    description: String,
    #[server(default)] carrier_kind: String,
    carrier_name: String,
    starts_on: String,
    ends_on: String,
    budget: String,
    requested: String,
    #[server(default)] other_funding: String,
) -> Result<(), AppError> {
    let user = guard::signed_in().await?;
    let pool = app_state()?.pool;
    let form = domain::ApplicationForm {
        council_id: &council_id,
        territory_id: &territory_id,
        title: &title,
        description: &description,
        carrier_kind: &carrier_kind,
        carrier_name: &carrier_name,
        starts_on: &starts_on,
        ends_on: &ends_on,
        budget: &budget,
        requested: &requested,
        other_funding: &other_funding,
    };
    let councils = council_choices(store::cards(&pool).await?);
    let today = chrono::DateTime::from_timestamp(db::now(), 0).map(|at| at.date_naive()).unwrap_or_default();
    let valid = domain::check_application(
        &form,
        &councils,
        &store::coverage(&pool).await?,
        &store::neighbourhoods(&pool).await?,
        today,
    )
    .map_err(AppError::Invalid)?;
    let id = store::insert_application(&pool, Some(user.id), &valid).await?;
    tell(
        &pool,
        id,
        &format!("Demande reçue — Fonds de Participation des Habitants : {}", valid.title),
        format!(
            "Votre demande de {} pour « {} » est enregistrée. Le conseil citoyen l'examine et vous répond par courriel.",
            domain::euros(valid.requested),
            valid.title
        ),
    )
    .await?;
    leptos_axum::redirect(&format!("{}?deposee=1", paths::application(id)));
    Ok(())
}

#[server(input = GetUrl)]
pub async fn application_page(id: i64) -> Result<ApplicationView, AppError> {
    let user = guard::signed_in().await?;
    let pool = app_state()?.pool;
    let application = store::application(&pool, id).await?;
    guard::owner_or_staff(&user, application.user_id.unwrap_or(0))?;
    let staff = user.role == Role::Staff;
    let envelope = if staff {
        store::envelopes(&pool, Some(application.council_id))
            .await?
            .into_iter()
            .find(|line| line.year == application.year)
    } else {
        None
    };
    Ok(ApplicationView {
        budget: store::budget_lines(&pool, id).await?,
        envelope,
        mine: application.user_id == Some(user.id),
        staff,
        application,
    })
}

/// The council grants an amount, within what its envelope has left.
#[server]
pub async fn grant_application(id: i64, amount: String) -> Result<(), AppError> {
    let staff = guard::role(STAFF).await?;
    let pool = app_state()?.pool;
    let application = council_step(&pool, id, Step::Grant).await?;
    let Some(cents) = domain::parse_euros(&amount) else {
        return Err(field_error("amount", "Indiquez le montant accordé, en euros.", &amount));
    };
    let envelope = store::envelope(&pool, application.council_id, application.year).await?;
    domain::check_grant(cents, application.requested_cents, application.year, envelope).map_err(AppError::refused)?;
    if !store::grant(&pool, id, cents, staff.id).await? {
        return Err(AppError::refused(
            "L'enveloppe ou la demande vient de changer : rechargez la page et vérifiez le solde avant d'accorder.",
        ));
    }
    tell(
        &pool,
        id,
        &format!("Aide accordée — {}", application.title),
        format!(
            "Le conseil citoyen {} vous accorde {} pour « {} ». Une fois le projet réalisé, déposez son bilan \
             (dépenses réelles, participants, fiche bilan) sur la page de la demande.",
            application.council_name,
            domain::euros(cents),
            application.title
        ),
    )
    .await
}

/// The council refuses, with a reason the applicant reads.
#[server]
pub async fn refuse_application(id: i64, reason: String) -> Result<(), AppError> {
    let staff = guard::role(STAFF).await?;
    let pool = app_state()?.pool;
    let application = council_step(&pool, id, Step::Refuse).await?;
    let reason = bounded_text(&reason, "le motif du refus", 5, 1000)
        .map_err(|message| field_error("reason", message, &reason))?;
    if !store::decide(&pool, id, ApplicationStatus::Submitted, ApplicationStatus::Refused, &reason, staff.id).await? {
        return Err(AppError::refused("Cette demande a déjà reçu la décision du conseil."));
    }
    tell(
        &pool,
        id,
        &format!("Demande non retenue — {}", application.title),
        format!("Le conseil citoyen ne retient pas « {} », pour la raison suivante :\n\n{reason}", application.title),
    )
    .await
}

/// The council asks the applicant for more information before deciding.
#[server]
pub async fn ask_information(id: i64, question: String) -> Result<(), AppError> {
    let staff = guard::role(STAFF).await?;
    let pool = app_state()?.pool;
    let application = council_step(&pool, id, Step::AskInformation).await?;
    let question = bounded_text(&question, "la question au porteur", 5, 1000)
        .map_err(|message| field_error("question", message, &question))?;
    if !store::decide(&pool, id, ApplicationStatus::Submitted, ApplicationStatus::Information, &question, staff.id)
        .await?
    {
        return Err(AppError::refused("Cette demande a déjà reçu la décision du conseil."));
    }
    tell(
        &pool,
        id,
        &format!("Complément demandé — {}", application.title),
        format!(
            "Avant de décider, le conseil citoyen vous demande :\n\n{question}\n\nRépondez sur la page de la demande."
        ),
    )
    .await
}

/// The applicant answers the council's question; the application goes back to the council.
#[server]
pub async fn answer_information(id: i64, answer: String) -> Result<(), AppError> {
    let user = guard::signed_in().await?;
    let pool = app_state()?.pool;
    let application = store::application(&pool, id).await?;
    if application.user_id != Some(user.id) {
        return Err(AppError::Forbidden);
    }
    domain::next_status(application.status, Step::Answer).map_err(AppError::refused)?;
    let answer =
        bounded_text(&answer, "votre réponse", 5, 3000).map_err(|message| field_error("answer", message, &answer))?;
    if !store::answer(&pool, id, &answer).await? {
        return Err(AppError::refused("Le conseil n'attend pas de complément sur cette demande."));
    }
    Ok(())
}
