//! Server functions of the citizen budget. Each one starts with its guard.
pub mod setup;
pub mod submission;

use super::model::{
    BallotPreview, CampaignSummary, CampaignView, Journal, LiveTally, ProjectPageData, ReceiptCheck, Results, Review,
    RuleComparison,
};
use crate::platform::error::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;
use std::collections::BTreeMap;

#[cfg(feature = "ssr")]
pub(crate) mod server {
    pub use crate::budget::{
        domain::ballot::{Candidate, Voter, VotingRules, check_ballot, parse_paper_ballots},
        domain::submission::{Editor, may_edit},
        domain::tally::{Counting, Entry, compare_territory, tally_territory},
        model::{Campaign, CountingRule, ProjectCard, ProjectStatus, ProjectView, Results, Scope, StaffActKind},
        paths, store,
    };
    pub use crate::platform::identity::Role;
    pub use crate::platform::{
        batch_queue::BatchQueue,
        db,
        error::FormErrors,
        guard, mail, session,
        state::{AppState, app_state},
        text::folded,
    };

    /// Cookie holding the visitor's random seed for the order of projects.
    pub const ORDER_COOKIE: &str = "agora_ordre";

    /// The visitor's seed, created (and set for a day) on the first visit.
    pub fn order_seed() -> String {
        use axum::http::{HeaderValue, header, request::Parts};
        use leptos::prelude::use_context;
        if let Some(seed) = use_context::<Parts>().and_then(|parts| session::cookie_value(&parts, ORDER_COOKIE)) {
            return seed;
        }
        let seed = session::random_token();
        let cookie = format!("{ORDER_COOKIE}={seed}; Path=/; HttpOnly; SameSite=Lax; Max-Age=86400");
        if let (Some(response), Ok(value)) =
            (use_context::<leptos_axum::ResponseOptions>(), HeaderValue::from_str(&cookie))
        {
            response.append_header(header::SET_COOKIE, value);
        }
        seed
    }

    /// A position that depends on the seed and the project only: no project is favoured,
    /// and the order stays the same while the visitor browses.
    pub fn order_key(seed: &str, project_id: i64) -> [u8; 32] {
        use sha2::{Digest, Sha256};
        Sha256::digest(format!("{seed}:{project_id}").as_bytes()).into()
    }

    /// What a ballot of the campaign may choose from.
    pub fn candidates(projects: &[ProjectCard]) -> Vec<Candidate> {
        projects
            .iter()
            .map(|project| Candidate {
                id: project.id,
                territory_id: project.territory_id,
                labelled: project.status == ProjectStatus::Labelled,
            })
            .collect()
    }

    pub fn reviewer_roles() -> [Role; 2] {
        [Role::Staff, Role::Organiser]
    }

    /// Whether the caller reviews projects, wrote this one, or neither.
    pub fn editor_of(user: Option<&session::SessionUser>, project: &ProjectView) -> Editor {
        match user {
            Some(user) if reviewer_roles().contains(&user.role) => Editor::Reviewer,
            Some(user) if project.author_id == Some(user.id) => Editor::Author,
            _ => Editor::Other,
        }
    }

    /// The labelled projects of a territory, as the count takes them.
    pub fn entries(projects: &[ProjectCard], territory_id: i64) -> Vec<Entry> {
        projects
            .iter()
            .filter(|project| project.status == ProjectStatus::Labelled && project.territory_id == territory_id)
            .map(|project| Entry { id: project.id, title: project.title.clone(), cost_cents: project.cost_cents })
            .collect()
    }

    /// The counted results, for whoever `role` is allowed to see them at `now`: everyone once
    /// the campaign's setting says so, staff and organisers always. Counted once per state of what
    /// they come from (`store::results_fingerprint`), then served from `state.computed`.
    pub async fn results(
        state: &AppState,
        campaign: &Campaign,
        role: Option<Role>,
        now: i64,
    ) -> Result<Results, super::AppError> {
        Ok(fingerprinted_results(state, campaign, role, now).await?.0)
    }

    /// [`results`], with the fingerprint of what they were counted from: what is made of them
    /// (a Pabulib file) can be kept under it too.
    pub async fn fingerprinted_results(
        state: &AppState,
        campaign: &Campaign,
        role: Option<Role>,
        now: i64,
    ) -> Result<(Results, String), super::AppError> {
        let insider = role.is_some_and(|role| reviewer_roles().contains(&role));
        if !campaign.results_public(now) && !insider {
            return Err(super::AppError::refused("Les résultats ne sont pas encore publiés."));
        }
        let key = format!("budget-results:{}", campaign.id);
        let fingerprint = format!(
            "{}|{}|{}|{:?}|{}",
            store::results_fingerprint(&state.pool, campaign.id).await?,
            campaign.rule.as_str(),
            campaign.min_votes,
            campaign.results_published_at,
            campaign.title,
        );
        let kept = state.computed.get(&key, &fingerprint).and_then(|json| serde_json::from_str::<Results>(&json).ok());
        let mut results = match kept {
            Some(results) => results,
            None => {
                let counted = count_results(&state.pool, campaign).await?;
                if let Ok(json) = serde_json::to_string(&counted) {
                    state.computed.put(&key, fingerprint.clone(), json.into());
                }
                counted
            }
        };
        results.provisional = now < campaign.vote_closes_at;
        Ok((results, fingerprint))
    }

    /// Counts every ballot of the campaign, territory by territory.
    async fn count_results(pool: &db::Pool, campaign: &Campaign) -> Result<Results, super::AppError> {
        let projects = store::projects(pool, campaign.id).await?;
        let (ballots, paper_ballots) = store::ballots(pool, campaign.id).await?;
        let mut territories = Vec::new();
        for envelope in store::envelopes(pool, campaign.id).await? {
            let result = tally_territory(
                &envelope,
                &entries(&projects, envelope.territory_id),
                &ballots,
                Counting::of(campaign),
            )
            .map_err(|error| {
                tracing::error!(%error, "count failed");
                super::AppError::Internal
            })?;
            territories.push(result);
        }
        Ok(Results {
            slug: campaign.slug.clone(),
            title: campaign.title.clone(),
            ballots: i64::try_from(ballots.len()).unwrap_or(i64::MAX),
            paper_ballots,
            provisional: true,
            points: campaign.counts_points(),
            territories,
        })
    }

    /// Project ids as a ballot form sends them.
    pub fn read_choices<'a>(ids: impl Iterator<Item = &'a str>) -> Result<Vec<i64>, super::AppError> {
        ids.map(|id| id.trim().parse())
            .collect::<Result<_, _>>()
            .map_err(|_| super::AppError::refused("Bulletin illisible : rechargez la page et recommencez."))
    }

    /// Every voting rule, checked for this voter and these choices now, among the campaign's `projects`.
    pub async fn check_voter_ballot(
        pool: &db::Pool,
        campaign: &Campaign,
        projects: &[ProjectCard],
        user_id: i64,
        chosen: &[i64],
    ) -> Result<(), super::AppError> {
        let (birth_date, territory_id) = store::voter(pool, user_id).await?;
        let birth_date =
            chrono::NaiveDate::parse_from_str(&birth_date, "%Y-%m-%d").map_err(|_| super::AppError::Internal)?;
        let rules = voting_rules(campaign);
        check_ballot(&rules, &Voter { birth_date, territory_id }, db::now(), chosen, &candidates(projects))
            .map_err(super::AppError::refused)
    }

    /// The chosen projects of the campaign, read only when there are no more than a ballot may hold
    /// (the check refuses more before it looks them up).
    pub async fn chosen_projects(
        pool: &db::Pool,
        campaign: &Campaign,
        chosen: &[i64],
    ) -> Result<Vec<ProjectCard>, super::AppError> {
        if chosen.len() > usize::try_from(campaign.choices).unwrap_or(0) {
            return Ok(Vec::new());
        }
        store::projects_among(pool, campaign.id, chosen).await
    }

    pub fn voting_rules(campaign: &Campaign) -> VotingRules {
        VotingRules {
            opens_at: campaign.vote_opens_at,
            closes_at: campaign.vote_closes_at,
            choices: usize::try_from(campaign.choices).unwrap_or(0),
            exact: campaign.exact_choices.on(),
            min_age: i32::try_from(campaign.min_age).unwrap_or(i32::MAX),
            own_territory_only: campaign.scope == Scope::Territory,
        }
    }
}
#[cfg(feature = "ssr")]
use server::*;

#[server(input = GetUrl)]
pub async fn list_campaigns() -> Result<Vec<CampaignSummary>, AppError> {
    guard::public().await?;
    store::campaigns(&app_state()?.pool).await
}

/// The labelled projects, filtered by territory, category and a text search, in the visitor's order,
/// with the caller's participation. Queries: the session, the campaign, its envelopes and its
/// projects, whatever their number (a test counts them), and for a voter their participation.
#[server(input = GetUrl)]
pub async fn campaign_page(
    slug: String,
    territory: String,
    category: String,
    search: String,
) -> Result<CampaignView, AppError> {
    use tracing::Instrument;
    let span = tracing::info_span!("budget_project_list", campaign = %slug);
    async move {
        let user = guard::public().await?;
        let state = app_state()?;
        let pool = state.pool;
        let campaign = store::campaign_by_slug(&pool, &slug).await?;
        use super::model::Participation;
        let participation = match user {
            None => Participation::default(),
            Some(user) => {
                let voted = store::has_voted(&pool, campaign.id, user.id).await?;
                let chosen = if voted && campaign.ballot_changeable.on() {
                    store::tagged_choices(&pool, campaign.id, user.id, &state.ballot_key).await?
                } else {
                    Vec::new()
                };
                Participation { signed_in: true, voted, chosen }
            }
        };
        let territories = store::envelopes(&pool, campaign.id).await?;
        let mut projects = store::labelled_projects(&pool, campaign.id).await?;
        let labelled = projects.len();
        let mut categories: Vec<String> = projects.iter().map(|project| project.category.clone()).collect();
        categories.sort();
        categories.dedup();
        let territory: Option<i64> = territory.trim().parse().ok();
        let words: Vec<String> = folded(&search).split_whitespace().map(str::to_string).collect();
        projects.retain(|project| {
            territory.is_none_or(|id| project.territory_id == id)
                && (category.trim().is_empty() || project.category == category.trim())
                && (words.is_empty() || {
                    let text = folded(&format!("{} {}", project.title, project.summary));
                    words.iter().all(|word| text.contains(word.as_str()))
                })
        });
        let seed = order_seed();
        projects.sort_by_cached_key(|project| order_key(&seed, project.id));
        let now = db::now();
        let (vote_open, submission_open) = (campaign.vote_open(now), campaign.submission_open(now));
        Ok(CampaignView {
            vote_open,
            submission_open,
            campaign,
            participation,
            territories,
            categories,
            projects,
            labelled,
        })
    }
    .instrument(span)
    .await
}

/// A labelled project for everyone; one awaiting review or rejected only for its author and staff.
#[server(input = GetUrl)]
pub async fn project_detail(slug: String, id: i64) -> Result<ProjectPageData, AppError> {
    let user = guard::public().await?;
    let pool = app_state()?.pool;
    let campaign = store::campaign_by_slug(&pool, &slug).await?;
    let project = store::project(&pool, campaign.id, id).await?;
    let editor = editor_of(user.as_ref(), &project);
    if project.status != ProjectStatus::Labelled && editor == Editor::Other {
        return Err(AppError::NotFound);
    }
    let now = db::now();
    let editable =
        may_edit(editor, project.status, now, campaign.submission_closes_at, campaign.vote_closes_at).is_ok();
    let mergeable =
        editor == Editor::Reviewer && now < campaign.vote_opens_at && project.status != ProjectStatus::Merged;
    let merge_targets = if mergeable {
        let mut targets = store::projects(&pool, campaign.id).await?;
        targets.retain(|other| {
            other.id != project.id && matches!(other.status, ProjectStatus::Submitted | ProjectStatus::Labelled)
        });
        targets.into_iter().map(|other| (other.id, other.title)).collect()
    } else {
        Vec::new()
    };
    Ok(ProjectPageData {
        slug: campaign.slug,
        campaign_title: campaign.title,
        currency: campaign.currency,
        editable,
        reviewer: editor == Editor::Reviewer,
        territories: if editable { store::envelopes(&pool, campaign.id).await? } else { Vec::new() },
        merge_targets,
        project,
    })
}

/// Casts the caller's ballot. `choices` maps `p<id>` to the project id (one checkbox each, so the
/// form works without JavaScript). Every rule is checked here, whatever the page allowed.
#[server]
pub async fn cast_ballot(slug: String, #[server(default)] choices: BTreeMap<String, String>) -> Result<(), AppError> {
    let user = guard::signed_in().await?;
    let state = app_state()?;
    let campaign = store::campaign_by_slug(&state.pool, &slug).await?;
    let chosen = read_choices(choices.values().map(String::as_str))?;
    let projects = chosen_projects(&state.pool, &campaign, &chosen).await?;
    check_voter_ballot(&state.pool, &campaign, &projects, user.id, &chosen).await?;
    let voter = store::BallotVoter {
        user_id: user.id,
        changeable: campaign.ballot_changeable.on(),
        key: &state.ballot_key,
        receipt_to: Some((&user.email, &campaign.title)),
    };
    let ballot = voter.ballot(campaign.id, &chosen);
    let code = ballot.code.clone();
    state.service::<BatchQueue<store::VoterBallot>>()?.submit(ballot).await?;
    state.mail_wakeup.notify_one();
    leptos_axum::redirect(&format!("{}?recu={code}", paths::receipt(&slug)));
    Ok(())
}

/// The ballot as it will be cast, for the voter to confirm: the chosen projects (`chosen` lists
/// their ids, comma-separated), or why the ballot would be refused. Nothing is stored.
#[server(input = GetUrl)]
pub async fn preview_ballot(slug: String, chosen: String) -> Result<BallotPreview, AppError> {
    let user = guard::signed_in().await?;
    let pool = app_state()?.pool;
    let campaign = store::campaign_by_slug(&pool, &slug).await?;
    let chosen = read_choices(chosen.split(',').filter(|id| !id.trim().is_empty()))?;
    let projects = chosen_projects(&pool, &campaign, &chosen).await?;
    let problem =
        check_voter_ballot(&pool, &campaign, &projects, user.id, &chosen).await.err().map(|error| error.to_string());
    Ok(BallotPreview {
        changing: store::has_voted(&pool, campaign.id, user.id).await?,
        rule: campaign.choice_rule(),
        slug: campaign.slug,
        title: campaign.title,
        projects,
        problem,
    })
}

#[server(input = GetUrl)]
pub async fn check_receipt(slug: String, code: String) -> Result<ReceiptCheck, AppError> {
    guard::public().await?;
    let state = app_state()?;
    let campaign = store::campaign_by_slug(&state.pool, &slug).await?;
    let found = store::receipt_exists(&state.pool, campaign.id, code.trim(), &state.ballot_key).await?;
    Ok(ReceiptCheck { title: campaign.title, found })
}

/// Results per territory, when the campaign's visibility setting allows (staff and organisers always).
#[server(input = GetUrl)]
pub async fn campaign_results(slug: String) -> Result<Results, AppError> {
    let user = guard::public().await?;
    let state = app_state()?;
    let campaign = store::campaign_by_slug(&state.pool, &slug).await?;
    results(&state, &campaign, user.map(|user| user.role), db::now()).await
}

/// The organisers' dashboard: votes per project and territory, ballots and turnout. The hydrated
/// page then follows `/budget/{slug}/direct`.
#[server(input = GetUrl)]
pub async fn vote_dashboard(slug: String) -> Result<LiveTally, AppError> {
    guard::role(&reviewer_roles()).await?;
    let pool = app_state()?.pool;
    let campaign = store::campaign_by_slug(&pool, &slug).await?;
    let eligible = store::eligible_voters(&pool, &campaign).await?;
    store::live_tally(&pool, &campaign, &eligible).await
}

/// Both counting rules side by side, territory by territory, before the results are published.
#[server(input = GetUrl)]
pub async fn compare_rules(slug: String) -> Result<RuleComparison, AppError> {
    let user = guard::role(&reviewer_roles()).await?;
    let pool = app_state()?.pool;
    let campaign = store::campaign_by_slug(&pool, &slug).await?;
    if campaign.counts_points() {
        return Err(AppError::refused(
            "Ce budget se votait par points : la méthode des parts égales ne compte que des votes par approbation, \
             seul le décompte glouton s'applique.",
        ));
    }
    let projects = store::projects(&pool, campaign.id).await?;
    let (ballots, _) = store::ballots(&pool, campaign.id).await?;
    let mut territories = Vec::new();
    for envelope in store::envelopes(&pool, campaign.id).await? {
        let entries = entries(&projects, envelope.territory_id);
        territories.push(compare_territory(&envelope, &entries, &ballots, campaign.min_votes).map_err(|error| {
            tracing::error!(%error, "comparison failed");
            AppError::Internal
        })?);
    }
    let now = db::now();
    Ok(RuleComparison {
        public: campaign.results_public(now),
        can_publish: user.role == Role::Staff
            && campaign.results_published_at.is_none()
            && now >= campaign.vote_closes_at,
        slug: campaign.slug,
        title: campaign.title,
        rule: campaign.rule,
        territories,
    })
}

/// Staff publish the results under the chosen rule: from then on everyone sees them. Publishing
/// twice keeps the first date.
#[server]
pub async fn publish_results(slug: String, rule: String) -> Result<(), AppError> {
    guard::role(&[Role::Staff]).await?;
    let pool = app_state()?.pool;
    let campaign = store::campaign_by_slug(&pool, &slug).await?;
    let Some(rule) = CountingRule::parse(&rule) else {
        let mut errors = FormErrors::default();
        errors.add("rule", "Choisissez la règle de décompte.");
        return Err(AppError::Invalid(errors));
    };
    if campaign.results_published_at.is_some() {
        return Err(AppError::refused("Les résultats sont déjà publiés."));
    }
    let now = db::now();
    if now < campaign.vote_closes_at {
        return Err(AppError::refused("Le vote est encore ouvert : les résultats se publient après sa clôture."));
    }
    store::publish_results(&pool, campaign.id, rule, now).await?;
    leptos_axum::redirect(&paths::results(&slug));
    Ok(())
}

#[server(input = GetUrl)]
pub async fn review_projects(slug: String) -> Result<Review, AppError> {
    let user = guard::role(&reviewer_roles()).await?;
    let pool = app_state()?.pool;
    let campaign = store::campaign_by_slug(&pool, &slug).await?;
    let projects = store::projects(&pool, campaign.id).await?;
    let count = |status: ProjectStatus| projects.iter().filter(|project| project.status == status).count();
    let now = db::now();
    let paper_refusal = if user.role == Role::Staff {
        campaign.paper_entry(now).err().map(str::to_string)
    } else {
        Some("Seule l'équipe du budget citoyen saisit les bulletins papier.".to_string())
    };
    Ok(Review {
        paper_ballots: store::paper_ballot_count(&pool, campaign.id).await?,
        editable: now < campaign.vote_closes_at,
        labels_open: campaign.labels_open(now),
        paper_refusal,
        slug: campaign.slug,
        title: campaign.title,
        received: projects.len(),
        labelled: count(ProjectStatus::Labelled),
        rejected: count(ProjectStatus::Rejected),
        merged: count(ProjectStatus::Merged),
        projects,
    })
}

/// The campaign's journal, public: who entered paper ballots, labelled, rejected or merged projects,
/// and when. Reviewers also see the titles of projects that did not stay labelled.
#[server(input = GetUrl)]
pub async fn campaign_journal(slug: String) -> Result<Journal, AppError> {
    let user = guard::public().await?;
    let pool = app_state()?.pool;
    let campaign = store::campaign_by_slug(&pool, &slug).await?;
    let reviewer = user.is_some_and(|user| reviewer_roles().contains(&user.role));
    Ok(Journal {
        acts: store::staff_acts(&pool, campaign.id, reviewer).await?,
        slug: campaign.slug,
        title: campaign.title,
    })
}

/// Paper ballots typed or pasted by staff, one per line: checked like any ballot (number of choices,
/// labelled projects of this campaign), then stored all together or, at the first problem, none.
/// Staff only, while the vote is open or on the day after; each batch goes into the journal.
#[server]
pub async fn enter_paper_ballots(slug: String, ballots: String) -> Result<(), AppError> {
    let user = guard::role(&[Role::Staff]).await?;
    let state = app_state()?;
    let campaign = store::campaign_by_slug(&state.pool, &slug).await?;
    campaign.paper_entry(db::now()).map_err(AppError::refused)?;
    let candidates = candidates(&store::projects(&state.pool, campaign.id).await?);
    let parsed = parse_paper_ballots(&ballots, &voting_rules(&campaign), &candidates).map_err(|problems| {
        let mut errors = FormErrors::default();
        errors.keep("ballots", ballots.as_str());
        let shown = problems.len().min(5);
        let more = problems.len() - shown;
        let mut message = problems[..shown].join(" ");
        if more > 0 {
            message.push_str(&format!(" Et {more} autre(s) ligne(s) à corriger."));
        }
        errors.add("ballots", format!("Aucun bulletin enregistré. {message}"));
        AppError::Invalid(errors)
    })?;
    let editor = store::ProjectEditor { id: user.id, name: &user.display_name };
    store::cast_paper_ballots(&state.pool, campaign.id, &parsed, &editor).await?;
    leptos_axum::redirect(&format!("{}?enregistres={}", paths::paper_ballots(&slug), parsed.len()));
    Ok(())
}

#[server]
pub async fn label_project(project_id: i64) -> Result<(), AppError> {
    let user = guard::role(&reviewer_roles()).await?;
    let pool = app_state()?.pool;
    open_for_review(&pool, project_id).await?;
    let editor = store::ProjectEditor { id: user.id, name: &user.display_name };
    store::set_status(&pool, project_id, StaffActKind::Labelled, None, &editor).await?;
    Ok(())
}

/// Refuses to label or reject a project once its campaign's vote has opened: what voters choose
/// from stays as it was when they started.
#[cfg(feature = "ssr")]
async fn open_for_review(pool: &db::Pool, project_id: i64) -> Result<(), AppError> {
    let campaign = store::campaign_of_project(pool, project_id).await?;
    if !campaign.labels_open(db::now()) {
        return Err(AppError::refused(
            "Le vote a commencé : les labels sont figés, les projets ne changent plus de statut.",
        ));
    }
    Ok(())
}

/// Rejects a project with its reason, which is emailed to the author when there is one.
#[server]
pub async fn reject_project(project_id: i64, reason: String) -> Result<(), AppError> {
    let user = guard::role(&reviewer_roles()).await?;
    let state = app_state()?;
    let reason = reason.trim();
    if reason.is_empty() {
        let mut errors = FormErrors::default();
        errors.add("reason", "Indiquez le motif du refus : il est envoyé au porteur du projet.");
        return Err(AppError::Invalid(errors));
    }
    open_for_review(&state.pool, project_id).await?;
    let editor = store::ProjectEditor { id: user.id, name: &user.display_name };
    let (title, author) =
        store::set_status(&state.pool, project_id, StaffActKind::Rejected, Some(reason), &editor).await?;
    if let Some(email) = author {
        mail::queue(
            &state.pool,
            &email,
            "Votre projet n'a pas été retenu — Budget citoyen",
            &format!(
                "Bonjour,\n\nVotre projet « {title} » n'a pas obtenu le label Budget citoyen.\n\nMotif : {reason}\n\n— Agora"
            ),
        )
        .await?;
        state.mail_wakeup.notify_one();
    }
    Ok(())
}

/// Merges a duplicate into the project kept, before the vote opens; the duplicate's author is told
/// by email. Returns to the review page.
#[server]
pub async fn merge_project(project_id: i64, into: String) -> Result<(), AppError> {
    let user = guard::role(&reviewer_roles()).await?;
    let state = app_state()?;
    let campaign = store::campaign_of_project(&state.pool, project_id).await?;
    let Ok(kept_id) = into.trim().parse::<i64>() else {
        let mut errors = FormErrors::default();
        errors.add("into", "Choisissez le projet à garder.");
        return Err(AppError::Invalid(errors));
    };
    if db::now() >= campaign.vote_opens_at {
        return Err(AppError::refused("Le vote est ouvert : les projets ne peuvent plus être fusionnés."));
    }
    if kept_id == project_id {
        return Err(AppError::refused("Un projet ne peut pas être fusionné avec lui-même."));
    }
    let duplicate = store::project(&state.pool, campaign.id, project_id).await?;
    let kept = match store::project(&state.pool, campaign.id, kept_id).await {
        Err(AppError::NotFound) => {
            return Err(AppError::refused("Le projet à garder n'est pas un projet de cette campagne."));
        }
        other => other?,
    };
    if !matches!(kept.status, ProjectStatus::Submitted | ProjectStatus::Labelled) {
        return Err(AppError::refused("Le projet à garder doit être reçu ou labellisé, ni refusé ni fusionné."));
    }
    let editor = store::ProjectEditor { id: user.id, name: &user.display_name };
    let Some(author) = store::merge_project(&state.pool, campaign.id, &duplicate, &kept, &editor).await? else {
        return Err(AppError::refused("Ce projet est déjà fusionné avec un autre."));
    };
    if let Some(email) = author {
        mail::queue(
            &state.pool,
            &email,
            "Votre projet est fusionné avec un projet voisin — Budget citoyen",
            &format!(
                "Bonjour,\n\nVotre projet « {} » ressemble beaucoup au projet « {} » : l'équipe du budget citoyen \
                 les a réunis. C'est ce dernier qui poursuit l'examen puis, s'il est labellisé, le vote.\n\n— Agora",
                duplicate.title, kept.title
            ),
        )
        .await?;
        state.mail_wakeup.notify_one();
    }
    leptos_axum::redirect(&paths::review(&campaign.slug));
    Ok(())
}
