use crate::budget::{
    api::campaign_page,
    model::{CampaignView as PageData, ProjectCard, money},
    paths,
};
use crate::platform::i18n::t;
use crate::platform::routing::query_param;
use crate::platform::routing::slug_param;
use crate::platform::time::french_date;
use crate::ui::{Loaded, Notice, PageHeading};
use leptos::prelude::*;
use leptos_router::{components::A, hooks::use_query_map};

/// `/budget/{slug}`: the labelled projects with filters and search, and the ballot.
#[component]
pub fn CampaignPage() -> impl IntoView {
    let slug = slug_param();
    let territory = query_param("territoire");
    let category = query_param("categorie");
    let search = query_param("recherche");
    let data = Resource::new(
        move || {
            (
                slug.get(),
                territory.get().unwrap_or_default(),
                category.get().unwrap_or_default(),
                search.get().unwrap_or_default(),
            )
        },
        |(slug, territory, category, search)| campaign_page(slug, territory, category, search),
    );
    view! {
        <Loaded data missing=t("Campagne introuvable", "Campaign not found") ready={|page: PageData| view! { <Campaign page /> }} />
    }
}

#[component]
fn Campaign(page: PageData) -> impl IntoView {
    let (campaign, participation) = (page.campaign, page.participation);
    let slug = campaign.slug.clone();
    let changing = participation.voted && !participation.chosen.is_empty();
    let can_vote = page.vote_open && participation.signed_in && (!participation.voted || changing);
    let status = if !page.vote_open {
        Some(format!(
            "Vote du {} au {}.",
            french_date(campaign.vote_opens_at),
            french_date(campaign.vote_closes_at - 1)
        ))
    } else if changing {
        Some(format!(
            "Vous avez voté : vos choix sont cochés ci-dessous. Vous pouvez les modifier jusqu'au {}.",
            french_date(campaign.vote_closes_at - 1)
        ))
    } else if participation.voted {
        Some("Vous avez déjà voté pour cette campagne. Merci !".to_string())
    } else {
        None
    };
    let login = crate::accounts::paths::login_then(&paths::campaign(&slug));
    let shown = page.projects.len();
    let currency = campaign.currency.clone();
    view! {
        <PageHeading title=campaign.title.clone() />
        {query_param("creee").get_untracked().map(|_| view! {
            <Notice text=t("La campagne est créée. Les habitants peuvent déposer leurs projets dès l'ouverture du dépôt.", "The campaign is created. Residents can submit projects once submission opens.") />
        })}
        {campaign.description.split("\n\n").map(|paragraph| view! { <p>{paragraph.to_string()}</p> }).collect_view()}
        <h2>{t("Règles du vote", "Voting rules")}</h2>
        <p>{campaign.rules_text.clone()}</p>
        {page.submission_open.then(|| view! {
            <p class="alert alert-ok">
                {format!("Le dépôt des projets est ouvert jusqu'au {}. ", french_date(campaign.submission_closes_at))}
                <A href=paths::submit_project(&slug)>{t("Déposer un projet", "Submit a project")}</A>
            </p>
        })}
        <p class="actions">
            <A href=paths::results(&slug)>{t("Résultats", "Results")}</A>
            <A href=paths::journal(&slug)>{t("Journal de la campagne", "Campaign journal")}</A>
            {participation.signed_in.then(|| view! {
                <A href=paths::my_projects(&slug)>{t("Mes projets déposés", "My submitted projects")}</A>
            })}
        </p>
        <Filters slug=slug.clone() page_territories=page.territories categories=page.categories />
        <p role="status">{format!("{shown} projet(s) affiché(s) sur {} labellisés.", page.labelled)}</p>
        {status.map(|text| view! { <Notice text /> })}
        {(page.vote_open && !participation.signed_in).then(|| view! {
            <p>{t("Connectez-vous pour voter.", "Log in to vote.")}" "<A href=login>{t("Se connecter", "Log in")}</A></p>
        })}
        {if can_vote {
            view! { <Ballot slug currency choices=campaign.choices rule=campaign.choice_rule() projects=page.projects current=participation.chosen /> }.into_any()
        } else {
            view! { <ul class="cards">{page.projects.into_iter().map(|project| view! { <Card slug=slug.clone() currency=currency.clone() project /> }).collect_view()}</ul> }.into_any()
        }}
    }
}

/// A plain GET form, so filtering works without JavaScript and gives a shareable address.
#[component]
fn Filters(
    slug: String,
    page_territories: Vec<crate::budget::model::Envelope>,
    categories: Vec<String>,
) -> impl IntoView {
    let territory = query_param("territoire").get_untracked().unwrap_or_default();
    let category = query_param("categorie").get_untracked().unwrap_or_default();
    let search = query_param("recherche").get_untracked().unwrap_or_default();
    view! {
        <form class="filters" method="get" action=paths::campaign(&slug) role="search" aria-label=t("Filtrer les projets", "Filter the projects")>
            <div class="field">
                <label for="filtre-territoire">{t("Territoire", "Area")}</label>
                <select id="filtre-territoire" name="territoire">
                    <option value="">{t("Tous les territoires", "All areas")}</option>
                    {page_territories.into_iter().map(|envelope| {
                        let selected = territory == envelope.territory_id.to_string();
                        view! { <option value=envelope.territory_id selected=selected>{envelope.territory_name}</option> }
                    }).collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="filtre-categorie">{t("Catégorie", "Category")}</label>
                <select id="filtre-categorie" name="categorie">
                    <option value="">{t("Toutes les catégories", "All categories")}</option>
                    {categories.into_iter().map(|name| {
                        let selected = category == name;
                        view! { <option value=name.clone() selected=selected>{name.clone()}</option> }
                    }).collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="filtre-recherche">{t("Rechercher", "Search")}</label>
                <input id="filtre-recherche" type="search" name="recherche" value=search />
            </div>
            <button type="submit">{t("Filtrer", "Filter")}</button>
        </form>
    }
}

#[component]
fn Card(
    slug: String,
    currency: String,
    project: ProjectCard,
    #[prop(optional)] children: Option<Children>,
) -> impl IntoView {
    let image = project.image(&slug);
    view! {
        <li class="card">
            // A plain link (the router still handles its clicks): `<A>` costs a reactive owner and
            // path resolution per card, and this list is the budget's busiest page.
            <h3><a href=paths::project(&slug, project.id)>{project.title.clone()}</a></h3>
            {image.map(|(src, alt)| view! { <img class="card-image" src=src alt=alt loading="lazy" /> })}
            <p>{format!("{} · {} · {}", project.territory_name, project.category, money(project.cost_cents, &currency))}</p>
            <p>{project.summary.clone()}</p>
            {children.map(|children| children())}
        </li>
    }
}

/// One checkbox per project in a plain GET form that leads to the confirmation page; the counter
/// appears once hydrated. Choices coming back from that page (`?choix=`) are checked again.
#[component]
fn Ballot(
    slug: String,
    currency: String,
    choices: i64,
    rule: String,
    projects: Vec<ProjectCard>,
    /// The voter's current choices when they are changing their ballot.
    current: Vec<i64>,
) -> impl IntoView {
    let submit = if current.is_empty() {
        t("Valider mon vote", "Cast my vote")
    } else {
        t("Modifier mon vote", "Change my vote")
    };
    let returning: Vec<i64> = use_query_map()
        .with_untracked(|query| query.get_all("choix").unwrap_or_default())
        .iter()
        .filter_map(|id| id.parse().ok())
        .collect();
    let checked = if returning.is_empty() { current } else { returning };
    let chosen = RwSignal::new(checked.len() as i64);
    let hydrated = RwSignal::new(false);
    // Effects run only in the browser: without JavaScript there is no live counter to trust.
    Effect::new(move |_| hydrated.set(true));
    view! {
        <h2>{t("Mon bulletin", "My ballot")}</h2>
        <p>{rule}</p>
        <form method="get" action=paths::confirm_ballot(&slug)>
            {move || hydrated.get().then(|| view! {
                <p class="ballot-counter" aria-live="polite">{move || format!("{} / {choices} choisis", chosen.get())}</p>
            })}
            <ul class="cards">
                {projects.into_iter().map(|project| {
                    let id = project.id;
                    let title = project.title.clone();
                    let was_chosen = checked.contains(&id);
                    view! {
                        <Card slug=slug.clone() currency=currency.clone() project>
                            <label class="choice">
                                <input
                                    type="checkbox"
                                    name="choix"
                                    value=id
                                    checked=was_chosen
                                    on:change=move |event| {
                                        let delta = if event_target_checked(&event) { 1 } else { -1 };
                                        chosen.update(|n| *n += delta);
                                    }
                                />
                                " "{t("Choisir ce projet", "Choose this project")}
                                <span class="visually-hidden">{format!(" : {title}")}</span>
                            </label>
                        </Card>
                    }
                }).collect_view()}
            </ul>
            <p>{t("Vous vérifierez vos choix avant de les confirmer.", "You will check your choices before confirming them.")}</p>
            <button type="submit" class="primary">{submit}</button>
        </form>
    }
}
