//! Server functions of the collectifs and their agenda. Each one starts with its guard.
use super::model::{Agenda as AgendaView, CollectifList, CollectifView, EventView, PublicationItem, PublicationView};
use crate::platform::error::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

#[cfg(feature = "ssr")]
mod server {
    pub use crate::collectifs::{
        domain::{self, EventForm},
        model::{Collectif, HostKind},
        publication::{self, Actor, Step},
        store::{self, Acting, Host, PublicationFilter},
    };
    pub use crate::platform::identity::Role;
    pub use crate::platform::{db, error::FormErrors, guard, mail, state::app_state};

    /// A checkbox posts its value when ticked and nothing otherwise.
    pub fn ticked(value: &str) -> bool {
        !value.trim().is_empty()
    }

    pub fn refuse_if_archived(collectif: &Collectif, message: &str) -> Result<(), super::AppError> {
        if collectif.state == crate::collectifs::model::CollectifState::Archived {
            Err(super::AppError::refused(message))
        } else {
            Ok(())
        }
    }

    /// The holder of an agenda that a page or form names by `host` code and address, and whether
    /// it is archived (a citizen council never is).
    pub async fn find_host(pool: &db::Pool, host: &str, slug: &str) -> Result<(Host, bool), super::AppError> {
        Ok(match HostKind::from_code(host) {
            HostKind::Collectif => {
                let collectif = store::collectif_by_slug(pool, slug).await?;
                (Host::Collectif(collectif.id), collectif.state == crate::collectifs::model::CollectifState::Archived)
            }
            HostKind::Council => (Host::Council(crate::citizen_councils::council_by_slug(pool, slug).await?.id), false),
        })
    }
}
#[cfg(feature = "ssr")]
use server::*;

#[server(input = GetUrl)]
pub async fn list_collectifs(#[server(default)] page: Option<i64>) -> Result<CollectifList, AppError> {
    use crate::platform::paging::{LIST_PAGE_SIZE, PageOf};
    guard::public().await?;
    let pool = app_state()?.pool;
    let shown = PageOf::new(page, store::collectif_count(&pool).await?, LIST_PAGE_SIZE);
    Ok(CollectifList {
        collectifs: store::collectifs(&pool, db::now(), shown.offset(LIST_PAGE_SIZE), LIST_PAGE_SIZE).await?,
        shown,
    })
}

#[server(input = GetUrl)]
pub async fn collectif_page(slug: String) -> Result<CollectifView, AppError> {
    let user = guard::public().await?;
    let pool = app_state()?.pool;
    let collectif = store::collectif_by_slug(&pool, &slug).await?;
    let members = store::members(&pool, collectif.id).await?;
    let membership = match &user {
        Some(user) => store::membership(&pool, collectif.id, user.id).await?,
        None => None,
    };
    let actor = actor(&pool, &collectif, user.as_ref()).await?;
    let filter =
        PublicationFilter { collectif_id: Some(collectif.id), with_drafts: actor.facilitator, chain_only: false };
    let publications = store::publications(&pool, filter).await?;
    let named = |facilitator: bool| {
        members
            .iter()
            .filter(|(_, is_facilitator, shown)| *shown && *is_facilitator == facilitator)
            .map(|(name, _, _)| name.clone())
            .collect()
    };
    Ok(CollectifView {
        facilitators: named(true),
        named_members: named(false),
        member_count: i64::try_from(members.len()).unwrap_or(i64::MAX),
        history: store::history(&pool, collectif.id).await?,
        agenda: domain::split_agenda(store::events(&pool, Some(Host::Collectif(collectif.id))).await?, db::now()),
        signed_in: user.is_some(),
        membership,
        staff: actor.staff,
        facilitator: actor.facilitator,
        publications,
        collectif,
    })
}

/// The global agenda: every collectif's and every citizen council's events.
#[server(input = GetUrl)]
pub async fn agenda() -> Result<AgendaView, AppError> {
    guard::public().await?;
    let pool = app_state()?.pool;
    Ok(domain::split_agenda(store::events(&pool, None).await?, db::now()))
}

#[server(input = GetUrl)]
pub async fn event_page(slug: String, id: i64, #[server(default)] host: String) -> Result<EventView, AppError> {
    let user = guard::public().await?;
    let pool = app_state()?.pool;
    let (host, _) = find_host(&pool, &host, &slug).await?;
    let event = store::event(&pool, host, id).await?;
    let attendance = match &user {
        Some(user) => store::attendance(&pool, event.id, user.id).await?,
        None => None,
    };
    let open = domain::check_open(event.starts_at, db::now()).is_ok();
    Ok(EventView { event, open, signed_in: user.is_some(), attendance })
}

/// Joins the collectif; the member decides whether their name is shown.
#[server]
pub async fn join_collectif(slug: String, #[server(default)] show_name: String) -> Result<(), AppError> {
    let user = guard::signed_in().await?;
    let pool = app_state()?.pool;
    let collectif = store::collectif_by_slug(&pool, &slug).await?;
    refuse_if_archived(&collectif, "Ce collectif est archivé : il n'accueille plus de nouveaux membres.")?;
    if !store::add_member(&pool, collectif.id, user.id, ticked(&show_name), false).await? {
        return Err(AppError::refused("Vous êtes déjà membre de ce collectif."));
    }
    Ok(())
}

#[server]
pub async fn leave_collectif(slug: String) -> Result<(), AppError> {
    let user = guard::signed_in().await?;
    let pool = app_state()?.pool;
    let collectif = store::collectif_by_slug(&pool, &slug).await?;
    if !store::remove_member(&pool, collectif.id, user.id).await? {
        return Err(AppError::refused("Vous n'êtes pas membre de ce collectif."));
    }
    Ok(())
}

#[server]
pub async fn show_my_name(slug: String, #[server(default)] show_name: String) -> Result<(), AppError> {
    let user = guard::signed_in().await?;
    let pool = app_state()?.pool;
    let collectif = store::collectif_by_slug(&pool, &slug).await?;
    if !store::set_name_shown(&pool, collectif.id, user.id, ticked(&show_name)).await? {
        return Err(AppError::refused("Vous n'êtes pas membre de ce collectif."));
    }
    Ok(())
}

/// Staff put a collectif to sleep, revive or archive it; the change is dated in its history.
#[server]
pub async fn change_collectif_state(slug: String, state: String, note: String) -> Result<(), AppError> {
    let user = guard::role(&[Role::Staff]).await?;
    let pool = app_state()?.pool;
    let note = note.trim();
    if note.chars().count() > 500 {
        let mut errors = FormErrors::default();
        errors.add("note", "La précision ne doit pas dépasser 500 caractères.");
        errors.keep("note", note);
        return Err(AppError::Invalid(errors));
    }
    let collectif = store::collectif_by_slug(&pool, &slug).await?;
    store::change_state(&pool, &collectif, state.trim(), note, Some(user.id), db::now()).await
}

/// Staff add an event to the agenda of a collectif or (`host` = `conseil`) a citizen council,
/// then see its page.
#[server]
pub async fn create_event(
    slug: String,
    title: String,
    starts_at: String,
    ends_at: String,
    place: String,
    description: String,
    capacity: String,
    #[server(default)] host: String,
) -> Result<(), AppError> {
    guard::role(&[Role::Staff]).await?;
    let pool = app_state()?.pool;
    let (found, archived) = find_host(&pool, &host, &slug).await?;
    if archived {
        return Err(AppError::refused("Ce collectif est archivé : relancez-le avant de programmer un événement."));
    }
    let input = EventForm {
        title: &title,
        starts_at: &starts_at,
        ends_at: &ends_at,
        place: &place,
        description: &description,
        capacity: &capacity,
    };
    let event = domain::check_event(&input, db::now()).map_err(AppError::Invalid)?;
    let id = store::insert_event(&pool, found, &event).await?;
    leptos_axum::redirect(&HostKind::from_code(&host).event_href(&slug, id));
    Ok(())
}

/// A place when one is left, the waiting list otherwise.
#[server]
pub async fn register_for_event(slug: String, event_id: i64, #[server(default)] host: String) -> Result<(), AppError> {
    let user = guard::signed_in().await?;
    let pool = app_state()?.pool;
    let (host, _) = find_host(&pool, &host, &slug).await?;
    let event = store::event(&pool, host, event_id).await?;
    store::register(&pool, event.id, user.id, db::now()).await?;
    Ok(())
}

/// Cancels the caller's registration; the first people waiting get the place, and an email.
#[server]
pub async fn cancel_registration(slug: String, event_id: i64, #[server(default)] host: String) -> Result<(), AppError> {
    let user = guard::signed_in().await?;
    let state = app_state()?;
    let (host, _) = find_host(&state.pool, &host, &slug).await?;
    let event = store::event(&state.pool, host, event_id).await?;
    let promoted = store::cancel(&state.pool, event.id, user.id, db::now()).await?;
    for email in &promoted {
        mail::queue(
            &state.pool,
            email,
            &format!("Une place s'est libérée — {}", event.title),
            &format!(
                "Bonjour,\n\nUne place s'est libérée : votre inscription à « {} » ({}, {}) est confirmée.\n\n\
                 Si vous ne pouvez plus venir, annulez-la sur {}{}\n\n— Agora",
                event.title,
                crate::platform::time::paris_span(event.starts_at, event.ends_at),
                event.place,
                state.config.base_url,
                event.href(),
            ),
        )
        .await?;
    }
    if !promoted.is_empty() {
        state.mail_wakeup.notify_one();
    }
    Ok(())
}

/// What the caller may do with the collectif's texts; staff count as facilitators of every one.
#[cfg(feature = "ssr")]
pub(crate) async fn actor(
    pool: &db::Pool,
    collectif: &Collectif,
    user: Option<&crate::platform::session::SessionUser>,
) -> Result<Actor, AppError> {
    let Some(user) = user else { return Ok(Actor { staff: false, facilitator: false }) };
    let staff = user.role == Role::Staff;
    Ok(Actor { staff, facilitator: staff || store::is_facilitator(pool, collectif.id, user.id).await? })
}

/// Every collectif's publications (drafts aside), or only the texts of the opinion chain.
#[server(input = GetUrl)]
pub async fn list_publications(#[server(default)] chain_only: bool) -> Result<Vec<PublicationItem>, AppError> {
    guard::public().await?;
    let filter = PublicationFilter { collectif_id: None, with_drafts: false, chain_only };
    store::publications(&app_state()?.pool, filter).await
}

/// A publication with its dated steps; a draft only for the collectif's facilitators and staff.
#[server(input = GetUrl)]
pub async fn publication_page(slug: String, id: i64) -> Result<PublicationView, AppError> {
    let user = guard::public().await?;
    let pool = app_state()?.pool;
    let collectif = store::collectif_by_slug(&pool, &slug).await?;
    let publication = store::publication(&pool, collectif.id, id).await?;
    let actor = actor(&pool, &collectif, user.as_ref()).await?;
    if !publication::public(publication.stage) && !actor.facilitator {
        return Err(AppError::NotFound);
    }
    Ok(PublicationView {
        steps: store::publication_steps(&pool, publication.id).await?,
        publication,
        facilitator: actor.facilitator,
        staff: actor.staff,
    })
}

/// One step of the opinion chain: the collectif submits, the municipality validates or returns,
/// records the commission, publishes its answer. The author is told by email.
#[server]
pub async fn take_publication_step(
    slug: String,
    id: i64,
    step: String,
    #[server(default)] note: String,
    #[server(default)] on_date: String,
) -> Result<(), AppError> {
    let user = guard::signed_in().await?;
    let state = app_state()?;
    let collectif = store::collectif_by_slug(&state.pool, &slug).await?;
    let publication = store::publication(&state.pool, collectif.id, id).await?;
    let actor = actor(&state.pool, &collectif, Some(&user)).await?;
    if !publication::public(publication.stage) && !actor.facilitator {
        return Err(AppError::NotFound);
    }
    let step = Step::parse(step.trim()).ok_or_else(|| AppError::refused("Étape inconnue."))?;
    let valid = publication::check_step(publication.kind, publication.stage, step, actor, &note, &on_date).map_err(
        |refusal| match refusal.field {
            None => AppError::refused(refusal.message),
            Some(field) => {
                let mut errors = FormErrors::default();
                errors.add(field, refusal.message);
                errors.keep("note", note.trim());
                errors.keep("on_date", on_date.trim());
                AppError::Invalid(errors)
            }
        },
    )?;
    let acting = Acting { user_id: Some(user.id), name: &user.display_name };
    if !store::take_step(&state.pool, publication.id, publication.stage, &valid, acting, db::now()).await? {
        return Err(AppError::refused("Le texte a changé entre-temps : rechargez la page pour voir où il en est."));
    }
    if let Some(author) = store::publication_author_email(&state.pool, publication.id).await?
        && author != user.email
    {
        let body = format!(
            "Bonjour,\n\n« {} » ({}) est désormais : {}.\n{}\nSuivez-le sur {}{}\n\n— Agora",
            publication.title,
            collectif.name,
            step.target().label(),
            if valid.note.is_empty() { String::new() } else { format!("\n{}\n", valid.note) },
            state.config.base_url,
            publication.href(),
        );
        mail::queue(&state.pool, &author, &format!("{} — {}", publication.title, step.target().label()), &body).await?;
        state.mail_wakeup.notify_one();
    }
    Ok(())
}
