//! Server functions of consultations. Each one starts with its guard.
use super::model::{BuilderChoices, ConsultationList, ConsultationView, ResultsView};
use crate::platform::error::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;
use std::collections::BTreeMap;

#[cfg(feature = "ssr")]
mod server {
    pub use crate::consultations::{
        domain::{
            Audience, Caller, DESCRIPTION_MAX, TITLE_MAX, Visibility, check_answerable, check_answers, check_question,
            results_public, results_refusal, tally,
        },
        model::ConsultationRow,
        paths,
        store::{self, NewConsultation, Respondent},
    };
    pub use crate::platform::identity::Role;
    pub use crate::platform::text::bounded_text;
    pub use crate::platform::{
        batch_queue::BatchQueue,
        db,
        error::{AppError, FormErrors},
        guard,
        session::{self, SessionUser},
        state::{AppState, app_state},
    };
    use axum::http::request::Parts;
    use leptos::prelude::use_context;

    /// Visitors answer "everyone" consultations without an account, told apart by this random cookie.
    /// The database keeps only its SHA-256 (like session tokens), so the stored answers name no
    /// browser. A cleared cookie allows a second answer: that is the price of answering without an
    /// account, and why staff choose this audience consultation by consultation.
    pub const VISITOR_COOKIE: &str = "agora_repondant";

    pub fn is_staff(user: Option<&SessionUser>) -> bool {
        user.is_some_and(|user| user.role == Role::Staff)
    }

    /// The consultation, if the caller may see it: published ones for everyone, the others for staff.
    pub async fn visible(state: &AppState, id: i64, user: Option<&SessionUser>) -> Result<ConsultationRow, AppError> {
        let consultation = store::consultation(&state.pool, id).await?;
        if consultation.published_at.is_some() || is_staff(user) { Ok(consultation) } else { Err(AppError::NotFound) }
    }

    /// The visitor cookie's hash, when the request carries one.
    pub fn visitor_hash() -> Option<String> {
        use_context::<Parts>()
            .and_then(|parts| session::cookie_value(&parts, VISITOR_COOKIE))
            .filter(|token| !token.is_empty())
            .map(|token| session::token_hash(&token))
    }

    /// The visitor cookie's hash, setting a new cookie (valid a year) when the request has none.
    pub fn visitor_hash_or_new(state: &AppState) -> String {
        visitor_hash().unwrap_or_else(|| {
            let token = session::random_token();
            let secure = if state.config.secure_cookies() { "; Secure" } else { "" };
            session::set_cookie(format!(
                "{VISITOR_COOKIE}={token}; Path=/; HttpOnly; SameSite=Lax; Max-Age=31536000{secure}"
            ));
            session::token_hash(&token)
        })
    }

    /// Whether the caller may answer now, and whether they already did.
    pub async fn standing(
        state: &AppState,
        consultation: &ConsultationRow,
        user: Option<&SessionUser>,
    ) -> Result<(Result<(), String>, bool), AppError> {
        let caller = match user {
            Some(user) => Caller::Account { territory_id: store::territory_of(&state.pool, user.id).await? },
            None => Caller::Visitor,
        };
        let hash = visitor_hash();
        let respondent = user.map(|user| Respondent::Account(user.id)).or(hash.as_deref().map(Respondent::Visitor));
        let answered = match respondent {
            Some(respondent) => store::has_answered(&state.pool, consultation.id, respondent).await?,
            None => false,
        };
        let territory = consultation.territory_id.zip(consultation.territory_name.as_deref());
        let check = check_answerable(
            consultation.phase(db::now()),
            consultation.audience,
            territory,
            caller,
            consultation.opens_at,
            consultation.closes_at,
        )
        .and_then(|()| if answered { Err(ALREADY.into()) } else { Ok(()) });
        Ok((check, answered))
    }

    pub const ALREADY: &str = "Vous avez déjà répondu à cette consultation. Merci !";
    pub const FROZEN: &str =
        "Des personnes ont déjà répondu à cette consultation : ses questions ne peuvent plus changer.";
}
#[cfg(feature = "ssr")]
use server::*;

#[server(input = GetUrl)]
pub async fn list_consultations() -> Result<ConsultationList, AppError> {
    let user = guard::public().await?;
    let can_manage = is_staff(user.as_ref());
    Ok(ConsultationList {
        consultations: store::consultations(&app_state()?.pool, can_manage).await?,
        can_manage,
        now: db::now(),
    })
}

#[server(input = GetUrl)]
pub async fn consultation_page(id: i64) -> Result<ConsultationView, AppError> {
    let user = guard::public().await?;
    let state = app_state()?;
    let consultation = visible(&state, id, user.as_ref()).await?;
    let (check, answered) = standing(&state, &consultation, user.as_ref()).await?;
    let now = db::now();
    let can_manage = is_staff(user.as_ref());
    Ok(ConsultationView {
        questions: store::questions(&state.pool, id).await?,
        refusal: check.err(),
        answered,
        signed_in: user.is_some(),
        results_visible: can_manage || results_public(consultation.results_visibility, consultation.phase(now)),
        consultation,
        can_manage,
        now,
    })
}

/// Records the caller's answers. `answers` maps each field of the form (`q12`, `q13o4`, `q14r7`) to
/// its value; everything is checked here, whatever the page allowed, and nothing is stored on error.
#[server]
pub async fn answer_consultation(
    id: i64,
    #[server(default)] answers: BTreeMap<String, String>,
) -> Result<(), AppError> {
    let user = guard::public().await?;
    let state = app_state()?;
    let consultation = visible(&state, id, user.as_ref()).await?;
    standing(&state, &consultation, user.as_ref()).await?.0.map_err(AppError::refused)?;
    let questions = store::questions(&state.pool, id).await?;
    let checked = check_answers(&questions, &answers).map_err(|mut errors| {
        for (field, value) in &answers {
            errors.keep(field, value.as_str());
        }
        AppError::Invalid(errors)
    })?;
    let hash;
    let respondent = match &user {
        Some(user) => Respondent::Account(user.id),
        None => {
            hash = visitor_hash_or_new(&state);
            Respondent::Visitor(&hash)
        }
    };
    if !state
        .service::<BatchQueue<store::NewResponse>>()?
        .submit(store::NewResponse::new(id, respondent, checked))
        .await?
    {
        return Err(AppError::refused(ALREADY));
    }
    leptos_axum::redirect(&format!("{}?merci=1", paths::consultation(id)));
    Ok(())
}

#[server(input = GetUrl)]
pub async fn consultation_results(id: i64) -> Result<ResultsView, AppError> {
    let user = guard::public().await?;
    let state = app_state()?;
    let consultation = visible(&state, id, user.as_ref()).await?;
    let now = db::now();
    let can_manage = is_staff(user.as_ref());
    if !can_manage
        && let Some(message) =
            results_refusal(consultation.results_visibility, consultation.phase(now), consultation.closes_at)
    {
        return Err(AppError::refused(message));
    }
    let questions = store::questions(&state.pool, id).await?;
    let (answered, groups, texts) = store::tally_inputs(&state.pool, id).await?;
    Ok(ResultsView {
        tallies: tally(&questions, &answered, &groups, &texts),
        texts: if can_manage { store::text_answers(&state.pool, id).await? } else { Vec::new() },
        questions,
        consultation,
        can_manage,
        now,
    })
}

/// The institutions and territories the builder offers.
#[server(input = GetUrl)]
pub async fn consultation_choices() -> Result<BuilderChoices, AppError> {
    guard::role(&[Role::Staff]).await?;
    let pool = app_state()?.pool;
    Ok(BuilderChoices {
        institutions: crate::dialogue::institutions(&pool).await?,
        territories: store::territories(&pool).await?,
    })
}

/// Staff create a consultation (in preparation until published); questions are added next.
#[server]
pub async fn create_consultation(
    institution_id: String,
    title: String,
    description: String,
    opens_on: String,
    closes_on: String,
    audience: String,
    #[server(default)] territory_id: String,
    results_visibility: String,
) -> Result<(), AppError> {
    let user = guard::role(&[Role::Staff]).await?;
    let state = app_state()?;
    let mut errors = FormErrors::default();
    for (field, value) in [
        ("institution_id", &institution_id),
        ("title", &title),
        ("description", &description),
        ("opens_on", &opens_on),
        ("closes_on", &closes_on),
        ("audience", &audience),
        ("territory_id", &territory_id),
        ("results_visibility", &results_visibility),
    ] {
        errors.keep(field, value.as_str());
    }
    let institutions = crate::dialogue::institutions(&state.pool).await?;
    let institution_id = errors.chosen("institution_id", &institution_id, &institutions, "Choisissez l'institution.");
    let title = bounded_text(&title, "le titre", 5, TITLE_MAX).map_err(|message| errors.add("title", message));
    let description = bounded_text(&description, "la présentation", 20, DESCRIPTION_MAX)
        .map_err(|message| errors.add("description", message));
    let window = crate::platform::time::day_window(&opens_on, &closes_on, &mut errors);
    let audience = Audience::parse(audience.trim());
    let territory_id = match audience {
        None => {
            errors.add("audience", "Choisissez qui peut répondre.");
            None
        }
        Some(Audience::Territory) => {
            let territories = store::territories(&state.pool).await?;
            errors.chosen("territory_id", &territory_id, &territories, "Choisissez le territoire.")
        }
        Some(_) => None,
    };
    let visibility = Visibility::parse(results_visibility.trim());
    if visibility.is_none() {
        errors.add("results_visibility", "Choisissez quand les résultats sont publiés.");
    }
    let (
        Some(institution_id),
        Ok(title),
        Ok(description),
        Some((opens_at, closes_at)),
        Some(audience),
        Some(visibility),
        true,
    ) = (institution_id, title, description, window, audience, visibility, errors.is_empty())
    else {
        return Err(AppError::Invalid(errors));
    };
    let id = store::insert_consultation(
        &state.pool,
        &NewConsultation {
            institution_id,
            title: &title,
            description: &description,
            opens_at,
            closes_at,
            audience,
            territory_id,
            results_visibility: visibility,
            created_by: Some(user.id),
        },
    )
    .await?;
    leptos_axum::redirect(&format!("{}?enregistre=1", paths::questionnaire(id)));
    Ok(())
}

/// Adds a question at the end of the questionnaire, while nobody has answered.
#[server]
pub async fn add_question(
    consultation_id: i64,
    kind: String,
    prompt: String,
    #[server(default)] required: Option<String>,
    #[server(default)] options: String,
    #[server(default)] max_choices: String,
    #[server(default)] scale_max: String,
) -> Result<(), AppError> {
    guard::role(&[Role::Staff]).await?;
    let state = app_state()?;
    store::consultation(&state.pool, consultation_id).await?;
    let question = check_question(&kind, &prompt, required.is_some(), &options, &max_choices, &scale_max).map_err(
        |mut errors| {
            for (field, value) in [
                ("kind", &kind),
                ("prompt", &prompt),
                ("options", &options),
                ("max_choices", &max_choices),
                ("scale_max", &scale_max),
            ] {
                errors.keep(field, value.as_str());
            }
            AppError::Invalid(errors)
        },
    )?;
    if !store::add_question(&state.pool, consultation_id, &question).await? {
        return Err(AppError::refused(FROZEN));
    }
    leptos_axum::redirect(&format!("{}?ajoutee=1", paths::questionnaire(consultation_id)));
    Ok(())
}

#[server]
pub async fn remove_question(question_id: i64) -> Result<(), AppError> {
    guard::role(&[Role::Staff]).await?;
    let state = app_state()?;
    let consultation_id = store::consultation_of_question(&state.pool, question_id).await?;
    if !store::remove_question(&state.pool, question_id).await? {
        return Err(AppError::refused(FROZEN));
    }
    leptos_axum::redirect(&format!("{}?retiree=1", paths::questionnaire(consultation_id)));
    Ok(())
}

/// Makes a consultation in preparation visible to everyone (it takes answers within its window).
#[server]
pub async fn publish_consultation(id: i64) -> Result<(), AppError> {
    guard::role(&[Role::Staff]).await?;
    let state = app_state()?;
    let consultation = store::consultation(&state.pool, id).await?;
    if consultation.published_at.is_some() {
        return Err(AppError::refused("Cette consultation est déjà publiée."));
    }
    if !store::publish(&state.pool, id).await? {
        return Err(AppError::refused("Ajoutez au moins une question avant de publier la consultation."));
    }
    leptos_axum::redirect(&format!("{}?publiee=1", paths::consultation(id)));
    Ok(())
}
