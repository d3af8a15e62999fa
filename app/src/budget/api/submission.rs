//! Server functions for residents' projects: submission, the author's list, editing (a whole form
//! without JavaScript, one field at a time in place) and the history staff read.
use crate::budget::model::{MyProjects, ProjectHistory, SubmissionWindow};
use crate::platform::error::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

#[cfg(feature = "ssr")]
pub(crate) mod server {
    pub use crate::budget::api::server::{editor_of, reviewer_roles};
    pub use crate::budget::{
        domain::submission::{
            Change, Editor, Field, ProjectFields, ProjectForm, Territory, changes, may_edit, parse_project, shown,
            with_field,
        },
        model::{Campaign, Envelope, ProjectView},
        paths, store,
    };
    pub use crate::platform::{
        db,
        error::FormErrors,
        guard, mail,
        session::SessionUser,
        state::{AppState, app_state},
    };

    pub fn territories(envelopes: &[Envelope]) -> Vec<Territory> {
        envelopes
            .iter()
            .map(|envelope| Territory {
                id: envelope.territory_id,
                name: envelope.territory_name.clone(),
                envelope_cents: envelope.amount_cents,
            })
            .collect()
    }

    /// The form's fields in their order: title, summary, description, category, cost, territory.
    pub fn raw_project<'a>([title, summary, description, category, cost, territory]: [&'a str; 6]) -> ProjectForm<'a> {
        ProjectForm { title, summary, description, category, cost, territory }
    }

    /// Every problem of a form, with what was typed kept so nothing has to be typed twice.
    pub fn form_errors(raw: &ProjectForm<'_>, problems: Vec<(Field, String)>) -> super::AppError {
        let mut errors = FormErrors::default();
        for (name, value) in [
            ("title", raw.title),
            ("summary", raw.summary),
            ("description", raw.description),
            ("category", raw.category),
            ("cost", raw.cost),
            ("territory", raw.territory),
        ] {
            errors.keep(name, value);
        }
        for (field, message) in problems {
            errors.add(field.name(), message);
        }
        super::AppError::Invalid(errors)
    }

    /// A project the caller may still change, with its campaign's territories.
    pub struct Editable {
        pub campaign: Campaign,
        pub project: ProjectView,
        pub fields: ProjectFields,
        pub territories: Vec<Territory>,
    }

    pub async fn editable(state: &AppState, user: &SessionUser, project_id: i64) -> Result<Editable, super::AppError> {
        let campaign = store::campaign_of_project(&state.pool, project_id).await?;
        let project = store::project(&state.pool, campaign.id, project_id).await?;
        let editor = editor_of(Some(user), &project);
        if editor == Editor::Other {
            return Err(super::AppError::Forbidden);
        }
        may_edit(editor, project.status, db::now(), campaign.submission_closes_at, campaign.vote_closes_at)
            .map_err(super::AppError::refused)?;
        let territories = territories(&store::envelopes(&state.pool, campaign.id).await?);
        let fields = ProjectFields {
            title: project.title.clone(),
            summary: project.summary.clone(),
            description: project.description.clone(),
            category: project.category.clone(),
            cost_cents: project.cost_cents,
            territory_id: project.territory_id,
        };
        Ok(Editable { campaign, project, fields, territories })
    }

    /// Saves `after` with its history; nothing is written when nothing changed.
    pub async fn save(
        state: &AppState,
        user: &SessionUser,
        editable: &Editable,
        after: &ProjectFields,
    ) -> Result<Vec<Change>, super::AppError> {
        let changes = changes(&editable.fields, after, &editable.territories);
        if !changes.is_empty() {
            let editor = store::ProjectEditor { id: user.id, name: &user.display_name };
            store::update_project(&state.pool, editable.project.id, after, &changes, &editor).await?;
        }
        Ok(changes)
    }
}
#[cfg(feature = "ssr")]
use server::*;

/// The submission form's campaign, territories and window.
#[server(input = GetUrl)]
pub async fn submission_form(slug: String) -> Result<SubmissionWindow, AppError> {
    let user = guard::public().await?;
    let pool = app_state()?.pool;
    let campaign = store::campaign_by_slug(&pool, &slug).await?;
    Ok(SubmissionWindow {
        open: campaign.submission_open(db::now()),
        signed_in: user.is_some(),
        territories: store::envelopes(&pool, campaign.id).await?,
        slug: campaign.slug,
        title: campaign.title,
        opens_at: campaign.submission_opens_at,
        closes_at: campaign.submission_closes_at,
    })
}

/// A resident submits a project while the campaign's submission window is open.
#[server]
pub async fn submit_project(
    slug: String,
    title: String,
    summary: String,
    description: String,
    category: String,
    cost: String,
    territory: String,
) -> Result<(), AppError> {
    let user = guard::signed_in().await?;
    let state = app_state()?;
    let campaign = store::campaign_by_slug(&state.pool, &slug).await?;
    if !campaign.submission_open(db::now()) {
        return Err(AppError::refused("Le dépôt des projets n'est pas ouvert pour cette campagne."));
    }
    let raw = raw_project([&title, &summary, &description, &category, &cost, &territory].map(String::as_str));
    let territories = territories(&store::envelopes(&state.pool, campaign.id).await?);
    let fields = parse_project(&raw, &territories).map_err(|problems| form_errors(&raw, problems))?;
    let id = store::insert_project(
        &state.pool,
        &store::NewProject {
            campaign_id: campaign.id,
            territory_id: fields.territory_id,
            author_id: Some(user.id),
            title: &fields.title,
            summary: &fields.summary,
            description: &fields.description,
            category: &fields.category,
            cost_cents: fields.cost_cents,
        },
    )
    .await?;
    mail::queue(
        &state.pool,
        &user.email,
        &format!("Votre projet est déposé — {}", campaign.title),
        &format!(
            "Bonjour,\n\nVotre projet « {} » est bien déposé (n° {id}). Vous pouvez le modifier jusqu'à la clôture \
             du dépôt ; l'équipe du budget citoyen l'examinera ensuite et vous dira s'il obtient le label.\n\n— Agora",
            fields.title
        ),
    )
    .await?;
    state.mail_wakeup.notify_one();
    leptos_axum::redirect(&format!("{}?depose={id}", paths::my_projects(&slug)));
    Ok(())
}

#[server(input = GetUrl)]
pub async fn my_submitted_projects(slug: String) -> Result<MyProjects, AppError> {
    let user = guard::signed_in().await?;
    let pool = app_state()?.pool;
    let campaign = store::campaign_by_slug(&pool, &slug).await?;
    Ok(MyProjects {
        submission_open: campaign.submission_open(db::now()),
        projects: store::projects_by_author(&pool, campaign.id, user.id).await?,
        slug: campaign.slug,
        title: campaign.title,
    })
}

/// The whole edit form (the way without JavaScript): every field checked, the changed ones kept in
/// the history.
#[server]
pub async fn edit_project(
    project_id: i64,
    title: String,
    summary: String,
    description: String,
    category: String,
    cost: String,
    territory: String,
) -> Result<(), AppError> {
    let user = guard::signed_in().await?;
    let state = app_state()?;
    let editable = editable(&state, &user, project_id).await?;
    let raw = raw_project([&title, &summary, &description, &category, &cost, &territory].map(String::as_str));
    let after = parse_project(&raw, &editable.territories).map_err(|problems| form_errors(&raw, problems))?;
    let saved = save(&state, &user, &editable, &after).await?;
    leptos_axum::redirect(&format!("{}?modifie={}", paths::project(&editable.campaign.slug, project_id), saved.len()));
    Ok(())
}

/// One field changed in place by staff in the hydrated page; returns the value as it now reads.
#[server]
pub async fn edit_project_field(project_id: i64, field: String, value: String) -> Result<String, AppError> {
    let user = guard::role(&reviewer_roles()).await?;
    let state = app_state()?;
    let editable = editable(&state, &user, project_id).await?;
    let field = Field::from_name(&field).ok_or_else(|| AppError::Request(format!("champ inconnu : {field}")))?;
    let after = with_field(&editable.fields, field, &value, &editable.territories).map_err(|message| {
        let mut errors = FormErrors::default();
        errors.keep(field.name(), value.as_str());
        errors.add(field.name(), message);
        AppError::Invalid(errors)
    })?;
    save(&state, &user, &editable, &after).await?;
    Ok(shown(&after, field, &editable.territories))
}

/// Every change made to a project since its submission, for staff and organisers.
#[server(input = GetUrl)]
pub async fn project_changes(project_id: i64) -> Result<ProjectHistory, AppError> {
    guard::role(&reviewer_roles()).await?;
    let pool = app_state()?.pool;
    let campaign = store::campaign_of_project(&pool, project_id).await?;
    let project = store::project(&pool, campaign.id, project_id).await?;
    Ok(ProjectHistory {
        slug: campaign.slug,
        project_id,
        title: project.card.title,
        edits: store::project_edits(&pool, project_id).await?,
    })
}

/// Removes the project's image, for its author until review and staff until the vote closes.
#[server]
pub async fn remove_project_image(project_id: i64) -> Result<(), AppError> {
    let user = guard::signed_in().await?;
    let state = app_state()?;
    let editable = editable(&state, &user, project_id).await?;
    let editor = store::ProjectEditor { id: user.id, name: &user.display_name };
    store::remove_image(&state.pool, &editable.project, &editor).await?;
    leptos_axum::redirect(&format!("{}?image=0", paths::project(&editable.campaign.slug, project_id)));
    Ok(())
}
