//! Server functions of the neighbourhood councils. Each one starts with its guard.
#![allow(clippy::too_many_arguments)]
use super::model::{CandidaciesView, CouncilCard, CouncilView, DrawPageView};
use crate::platform::error::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

#[cfg(feature = "ssr")]
pub(crate) mod server {
    use super::AppError;
    pub use crate::neighbourhood_councils::{
        council::{self, ADULT_AGE, CandidacyForm, FEATURES, council_quotas, pool_values},
        model::{
            CandidacyStatus, Council, DrawOutcome, DrawStage, DrawStep, Member, PoolRow, QuotaLine, category_label,
        },
        paths,
        sortition::{
            Announcement, Candidate, DrawRecord, Instance, Pool, Quota, Seed, Source, announce, announce_replacement,
            complete_draw, greedy_probabilities,
        },
        store,
    };
    pub use crate::platform::identity::{Role, age_on};
    pub use crate::platform::{computed::Computed, db, error::FormErrors, guard, mail, state::app_state};
    use chrono::NaiveDate;

    pub const STAFF: &[Role] = &[Role::Staff];

    pub fn draw_day(council: &Council) -> NaiveDate {
        NaiveDate::parse_from_str(&council.draw_day, "%Y-%m-%d").unwrap_or(NaiveDate::MIN)
    }

    /// Under 18 on the draw day: a parental authorisation is needed.
    pub fn minor(council: &Council, birth_date: &str) -> bool {
        NaiveDate::parse_from_str(birth_date, "%Y-%m-%d")
            .is_ok_and(|birth| age_on(birth, draw_day(council)) < ADULT_AGE)
    }

    pub fn quota_lines(quotas: &[Quota]) -> Vec<QuotaLine> {
        quotas
            .iter()
            .map(|q| QuotaLine { feature: q.feature.clone(), value: q.value.clone(), min: q.min, max: q.max })
            .collect()
    }

    /// The published documents of the council's round, read back.
    pub enum Published {
        Announcement(Box<Announcement>),
        Draw(Box<DrawRecord>),
    }

    pub struct PublishedDocument {
        pub sequence: i64,
        pub at: i64,
        pub sha256: String,
        pub content: Published,
    }

    pub async fn published(pool: &db::Pool, council: &Council) -> Result<Vec<PublishedDocument>, AppError> {
        store::documents(pool, council)
            .await?
            .into_iter()
            .map(|document| {
                let content = match document.stage {
                    DrawStage::Draw => Published::Draw(Box::new(
                        DrawRecord::from_json(&document.document).map_err(|_| AppError::Internal)?,
                    )),
                    DrawStage::Announcement => Published::Announcement(Box::new(
                        serde_json::from_str(&document.document).map_err(|_| AppError::Internal)?,
                    )),
                };
                Ok(PublishedDocument {
                    sequence: document.sequence,
                    at: document.created_at,
                    sha256: document.sha256,
                    content,
                })
            })
            .collect()
    }

    /// The latest completed draw, whose panel is the council's membership.
    pub fn latest_draw(documents: &[PublishedDocument]) -> Option<(&PublishedDocument, &DrawRecord)> {
        documents.iter().rev().find_map(|document| match &document.content {
            Published::Draw(record) => Some((document, record.as_ref())),
            Published::Announcement(_) => None,
        })
    }

    /// The members after the latest draw of any round (they sit while the next round's
    /// candidacies come in), by name, in pool order.
    pub async fn members(pool: &db::Pool, council: &Council) -> Result<Vec<Member>, AppError> {
        let Some(document) = store::latest_record(pool, council).await? else { return Ok(Vec::new()) };
        let record = DrawRecord::from_json(&document.document).map_err(|_| AppError::Internal)?;
        let names = store::names(pool, council).await?;
        Ok(record
            .panel()
            .iter()
            .filter_map(|id| names.iter().find(|(public_id, ..)| public_id == id))
            .map(|(_, name, category, kind)| Member {
                name: name.clone(),
                category: category_label(category, kind.as_deref()),
                since: document.created_at,
            })
            .collect())
    }

    pub fn sources_of(text: &str) -> Vec<Source> {
        text.lines().map(str::trim).filter(|line| !line.is_empty()).map(Source::parse).collect()
    }

    pub fn lines_of(text: &str) -> Vec<String> {
        text.lines().map(str::trim).filter(|line| !line.is_empty()).map(String::from).collect()
    }

    /// Emails the person behind a candidacy, when they filed it with an account.
    pub async fn tell(email: Option<String>, subject: &str, body: String) -> Result<(), AppError> {
        let Some(email) = email else { return Ok(()) };
        let state = app_state()?;
        mail::queue(&state.pool, &email, subject, &format!("Bonjour,\n\n{body}\n\n— Agora, Ville de Béthune")).await?;
        state.mail_wakeup.notify_one();
        Ok(())
    }

    /// The lowest selection probability the legacy greedy method would give this pool (most
    /// under-filled category first), estimated over 1,000 draws: the baseline LEXIMIN improves on.
    /// An announcement never changes once published, so the estimate is made once per announcement
    /// (by its hash) and kept: a crowd of visitors does not run 1,000 draws each.
    pub fn greedy_minimum(computed: &Computed, announcement: &Announcement) -> Option<String> {
        if announcement.replacement.is_some() {
            return None;
        }
        let key = format!("sortition-greedy:{}", announcement.sha256());
        let minimum = match computed.get(&key, "") {
            Some(kept) => kept.to_string(),
            None => {
                let estimate = greedy_estimate(announcement).unwrap_or_default();
                computed.put(&key, String::new(), estimate.as_str().into());
                estimate
            }
        };
        (!minimum.is_empty()).then_some(minimum)
    }

    fn greedy_estimate(announcement: &Announcement) -> Option<String> {
        let candidates = announcement
            .pool
            .candidates
            .iter()
            .map(|c| Candidate { id: c.id.clone(), values: c.values.clone(), household: None })
            .collect();
        let pool = Pool { features: announcement.pool.features.clone(), candidates };
        let instance = Instance::new(pool, announcement.quotas.clone(), announcement.seats, false).ok()?;
        let frequencies = greedy_probabilities(&instance, &Seed::from_key("agora-greedy-baseline"), 1000).ok()?;
        frequencies.into_iter().reduce(f64::min).map(|minimum| format!("{minimum:.3}"))
    }

    pub fn step(
        computed: &Computed,
        document: &PublishedDocument,
        announcement: &Announcement,
        drawn: Option<DrawOutcome>,
    ) -> DrawStep {
        let selected: &[String] = drawn.as_ref().map_or(&[], |drawn| &drawn.selected);
        let probability_of = |id: &str| {
            announcement.probabilities.iter().find(|p| p.id == id).map_or_else(|| "—".into(), |p| p.probability.clone())
        };
        let lottery_ids: Vec<&String> = announcement.probabilities.iter().map(|p| &p.id).collect();
        let minimum = announcement
            .probabilities
            .iter()
            .min_by(|a, b| a.probability.cmp(&b.probability))
            .map_or_else(String::new, |p| p.probability.clone());
        DrawStep {
            sequence: document.sequence,
            published_at: document.at,
            replacement_of: announcement
                .replacement
                .as_ref()
                .map(|r| r.withdrawn.iter().filter(|id| r.previous_panel.contains(id)).cloned().collect())
                .unwrap_or_default(),
            features: announcement.pool.features.clone(),
            pool: announcement
                .pool
                .candidates
                .iter()
                .filter(|c| lottery_ids.contains(&&c.id))
                .map(|c| PoolRow {
                    id: c.id.clone(),
                    values: c.values.clone(),
                    probability: probability_of(&c.id),
                    selected: selected.contains(&c.id),
                })
                .collect(),
            pool_sha256: announcement.pool_sha256.clone(),
            announcement_sha256: announcement.sha256(),
            quotas: quota_lines(&announcement.quotas),
            seats: announcement.seats,
            panels: announcement.distribution.len(),
            minimum_probability: minimum,
            greedy_minimum: greedy_minimum(computed, announcement),
            drawn,
        }
    }
}
#[cfg(feature = "ssr")]
use server::*;

#[server(input = GetUrl)]
pub async fn list_councils() -> Result<Vec<CouncilCard>, AppError> {
    guard::public().await?;
    let pool = app_state()?.pool;
    let mut cards = Vec::new();
    for council in store::councils(&pool).await? {
        let members = members(&pool, &council).await?.len();
        let (_, _, candidacies) = store::candidacy_counts(&pool, &council).await?;
        cards.push(CouncilCard {
            open: council.accepts_applications(db::now()),
            members: i64::try_from(members).unwrap_or(0),
            candidacies,
            council,
        });
    }
    Ok(cards)
}

#[server(input = GetUrl)]
pub async fn council_page(slug: String) -> Result<CouncilView, AppError> {
    let user = guard::public().await?;
    let pool = app_state()?.pool;
    let council = store::council_by_slug(&pool, &slug).await?;
    let documents = published(&pool, &council).await?;
    let my_candidacy = match &user {
        Some(user) => store::my_candidacy(&pool, &council.round, user.id).await?,
        None => None,
    };
    let (_, _, candidacies) = store::candidacy_counts(&pool, &council).await?;
    Ok(CouncilView {
        quotas: quota_lines(&council_quotas(u32::try_from(council.seats).unwrap_or(12))),
        members: members(&pool, &council).await?,
        meetings: store::meetings(&pool, &council).await?,
        open: council.accepts_applications(db::now()),
        needs_authorisation: my_candidacy.as_ref().is_some_and(|mine| minor(&council, &mine.birth_date)),
        my_candidacy,
        signed_in: user.is_some(),
        staff: user.is_some_and(|user| user.role == Role::Staff),
        candidacies,
        published: !documents.is_empty(),
        council,
    })
}

/// A person applies for a seat on the council of their neighbourhood, once per round.
#[server]
pub async fn apply_to_council(
    slug: String,
    full_name: String,
    #[server(default)] gender: String,
    #[server(default)] category: String,
    #[server(default)] actor_kind: String,
    birth_date: String,
    address: String,
    postcode: String,
    #[server(default)] organisation: String,
    #[server(default)] siret: String,
    #[server(default)] consent: String,
) -> Result<(), AppError> {
    let user = guard::signed_in().await?;
    let pool = app_state()?.pool;
    let council = store::council_by_slug(&pool, &slug).await?;
    if !council.accepts_applications(db::now()) {
        return Err(AppError::refused("Les candidatures sont closes pour ce conseil de quartier."));
    }
    let form = CandidacyForm {
        full_name: &full_name,
        gender: &gender,
        category: &category,
        actor_kind: &actor_kind,
        birth_date: &birth_date,
        address: &address,
        postcode: &postcode,
        organisation: &organisation,
        siret: &siret,
        consent: !consent.trim().is_empty(),
    };
    let candidacy = council::check_candidacy(&form, draw_day(&council)).map_err(AppError::Invalid)?;
    let Some(public_id) = store::insert_candidacy(&pool, &council, Some(user.id), &candidacy).await? else {
        let earlier = store::my_candidacy(&pool, &council.round, user.id).await?;
        let name = earlier.map_or_else(String::new, |earlier| format!(" (conseil {})", earlier.council_name));
        return Err(AppError::refused(format!(
            "Vous avez déjà candidaté pour ce tirage{name} : une seule candidature par personne et par tour."
        )));
    };
    let authorisation = if candidacy.minor {
        "\n\nVous aurez moins de 18 ans le jour du tirage : déposez l'autorisation parentale sur la page du conseil, \
         sans quoi la candidature ne pourra pas être retenue."
    } else {
        ""
    };
    tell(
        Some(user.email),
        &format!("Candidature reçue — conseil de quartier {}", council.name),
        format!(
            "Votre candidature au conseil de quartier {} est enregistrée sous le pseudonyme {public_id}. \
             L'équipe municipale la vérifie avant le tirage au sort du {}.{authorisation}",
            council.name,
            draw_day(&council).format("%d/%m/%Y")
        ),
    )
    .await?;
    leptos_axum::redirect(&format!("{}?candidature=envoyee", paths::council(&slug)));
    Ok(())
}

/// The candidate withdraws their candidacy, until the pool is published.
#[server]
pub async fn withdraw_candidacy(slug: String) -> Result<(), AppError> {
    let user = guard::signed_in().await?;
    let pool = app_state()?.pool;
    let council = store::council_by_slug(&pool, &slug).await?;
    let mine = store::my_candidacy(&pool, &council.round, user.id).await?.filter(|mine| mine.council_slug == slug);
    let Some(mine) = mine else { return Err(AppError::refused("Vous n'avez pas de candidature pour ce conseil.")) };
    if !store::documents(&pool, &council).await?.is_empty() {
        return Err(AppError::refused(
            "Le vivier est publié : la candidature ne peut plus être retirée. Si vous êtes tiré·e au sort, vous pourrez vous désister.",
        ));
    }
    if !store::withdraw(&pool, mine.id).await? {
        return Err(AppError::refused("Cette candidature n'est plus en cours."));
    }
    Ok(())
}

#[server(input = GetUrl)]
pub async fn council_candidacies(slug: String) -> Result<CandidaciesView, AppError> {
    guard::role(STAFF).await?;
    let pool = app_state()?.pool;
    let council = store::council_by_slug(&pool, &slug).await?;
    let candidacies = store::candidacies(&pool, &council).await?;
    let minors = candidacies.iter().filter(|c| minor(&council, &c.birth_date)).map(|c| c.id).collect();
    Ok(CandidaciesView { council, candidacies, minors })
}

/// Staff accept a candidacy they checked; a minor's needs the parental authorisation first.
#[server]
pub async fn accept_candidacy(slug: String, id: i64) -> Result<(), AppError> {
    let staff = guard::role(STAFF).await?;
    let pool = app_state()?.pool;
    let council = store::council_by_slug(&pool, &slug).await?;
    let (candidacy, email) = store::candidacy(&pool, &council, id).await?;
    if !store::documents(&pool, &council).await?.is_empty() {
        return Err(AppError::refused("Le vivier de ce tour est publié : il ne change plus."));
    }
    let too_young = chrono::NaiveDate::parse_from_str(&candidacy.birth_date, "%Y-%m-%d")
        .is_ok_and(|birth| age_on(birth, draw_day(&council)) < council::MIN_AGE);
    if too_young {
        return Err(AppError::refused(
            "Cette personne n'aura pas 16 ans le jour du tirage : refusez la candidature en l'expliquant.",
        ));
    }
    if minor(&council, &candidacy.birth_date) && candidacy.authorisation_type.is_none() {
        return Err(AppError::refused(
            "L'autorisation parentale manque : une personne de 16 ou 17 ans ne peut être retenue sans elle.",
        ));
    }
    if !store::review(&pool, id, CandidacyStatus::Accepted, None, Some(staff.id)).await? {
        return Err(AppError::refused("Cette candidature a déjà été examinée."));
    }
    tell(
        email,
        &format!("Candidature retenue — conseil de quartier {}", council.name),
        format!(
            "Votre candidature ({}) est vérifiée : elle entre dans le vivier du tirage au sort du {}.",
            candidacy.public_id,
            draw_day(&council).format("%d/%m/%Y")
        ),
    )
    .await
}

/// Staff refuse a candidacy with a reason the candidate reads.
#[server]
pub async fn refuse_candidacy(slug: String, id: i64, reason: String) -> Result<(), AppError> {
    let staff = guard::role(STAFF).await?;
    let pool = app_state()?.pool;
    let reason = reason.trim();
    if !(5..=500).contains(&reason.chars().count()) {
        let mut errors = FormErrors::default();
        errors.add("reason", "Expliquez le refus à la personne (5 à 500 caractères).");
        errors.keep("reason", reason);
        return Err(AppError::Invalid(errors));
    }
    let council = store::council_by_slug(&pool, &slug).await?;
    // Refusing never changes a published pool: only pending candidacies are refused.
    let (candidacy, email) = store::candidacy(&pool, &council, id).await?;
    if !store::review(&pool, id, CandidacyStatus::Refused, Some(reason), Some(staff.id)).await? {
        return Err(AppError::refused("Cette candidature a déjà été examinée."));
    }
    tell(
        email,
        &format!("Candidature non retenue — conseil de quartier {}", council.name),
        format!(
            "Votre candidature ({}) n'a pas pu être retenue, pour la raison suivante :\n\n{reason}",
            candidacy.public_id
        ),
    )
    .await
}

#[server(input = GetUrl)]
pub async fn draw_page(slug: String) -> Result<DrawPageView, AppError> {
    let user = guard::public().await?;
    let state = app_state()?;
    let pool = state.pool.clone();
    let council = store::council_by_slug(&pool, &slug).await?;
    let documents = published(&pool, &council).await?;
    let mut steps: Vec<DrawStep> = Vec::new();
    for document in &documents {
        match &document.content {
            Published::Announcement(announcement) => steps.push(step(&state.computed, document, announcement, None)),
            Published::Draw(record) => {
                let outcome = DrawOutcome {
                    sequence: document.sequence,
                    drawn_at: document.at,
                    sources: record
                        .draw
                        .sources
                        .iter()
                        .map(|s| s.label.as_ref().map_or_else(|| s.numbers.clone(), |l| format!("{l} : {}", s.numbers)))
                        .collect(),
                    witnesses: record.draw.witnesses.clone(),
                    key: record.draw.key.clone(),
                    seed: record.draw.seed.clone(),
                    selected: record.draw.selected.clone(),
                    record_sha256: document.sha256.clone(),
                };
                match steps.last_mut() {
                    Some(last) if last.drawn.is_none() => {
                        *last = step(&state.computed, document, &record.announcement, Some(outcome))
                    }
                    _ => steps.push(step(&state.computed, document, &record.announcement, Some(outcome))),
                }
            }
        }
    }
    let staff = user.is_some_and(|user| user.role == Role::Staff);
    let (pending, accepted, _) = if staff { store::candidacy_counts(&pool, &council).await? } else { (0, 0, 0) };
    let panel = match latest_draw(&documents) {
        Some((_, record)) if staff => {
            let names = store::names(&pool, &council).await?;
            record
                .panel()
                .into_iter()
                .map(|id| {
                    let name = names.iter().find(|(p, ..)| *p == id).map_or_else(String::new, |(_, n, ..)| n.clone());
                    (id, name)
                })
                .collect()
        }
        _ => Vec::new(),
    };
    Ok(DrawPageView { council, steps, staff, accepted, pending, panel })
}

/// Staff close the applications and publish the pool (pseudonyms and features), its fingerprint,
/// the quotas and every candidate's selection probability, before the draw.
#[server]
pub async fn publish_pool(slug: String) -> Result<(), AppError> {
    let staff = guard::role(STAFF).await?;
    let pool = app_state()?.pool;
    let council = store::council_by_slug(&pool, &slug).await?;
    if !store::documents(&pool, &council).await?.is_empty() {
        return Err(AppError::refused("Le vivier de ce tour est déjà publié."));
    }
    // Closed first, so that no candidacy arrives between the count below and the publication.
    let closed_at = db::now();
    store::close_applications(&pool, &council, closed_at).await?;
    let announced = announce_pool(&pool, &council).await;
    let announcement = match announced {
        Ok(announcement) => announcement,
        Err(error) => {
            store::reopen_applications(&pool, &council, closed_at).await?;
            return Err(error);
        }
    };
    let document = serde_json::to_string_pretty(&announcement).map_err(|_| AppError::Internal)?;
    if !store::publish(&pool, &council, 0, DrawStage::Announcement, &document, &announcement.sha256(), Some(staff.id))
        .await?
    {
        return Err(AppError::refused("Le vivier de ce tour est déjà publié."));
    }
    Ok(())
}

/// The announcement of the council's checked pool, or why there can be none yet.
#[cfg(feature = "ssr")]
async fn announce_pool(pool: &db::Pool, council: &Council) -> Result<Announcement, AppError> {
    let (pending, ..) = store::candidacy_counts(pool, council).await?;
    if pending > 0 {
        return Err(AppError::refused(format!(
            "{pending} candidature(s) restent à vérifier : acceptez-les ou refusez-les avant de publier le vivier."
        )));
    }
    let candidates = store::accepted_pool(pool, council)
        .await?
        .into_iter()
        .map(|(id, gender, category)| Candidate { id, values: pool_values(&gender, &category), household: None })
        .collect();
    let lottery_pool = Pool { features: FEATURES.map(String::from).to_vec(), candidates };
    let seats = u32::try_from(council.seats).unwrap_or(12);
    announce(&lottery_pool, council_quotas(seats), seats)
        .map_err(|error| AppError::refused(format!("Le tirage est impossible : {error}.")))
}

/// Staff draw from the published announcement with the public sources typed in front of the witnesses.
#[server]
pub async fn run_draw(slug: String, sources: String, witnesses: String) -> Result<(), AppError> {
    let staff = guard::role(STAFF).await?;
    let pool = app_state()?.pool;
    let council = store::council_by_slug(&pool, &slug).await?;
    let documents = published(&pool, &council).await?;
    let Some(PublishedDocument { sequence, content: Published::Announcement(announcement), .. }) = documents.last()
    else {
        return Err(AppError::refused("Aucune annonce n'attend de tirage : publiez d'abord le vivier."));
    };
    let mut errors = FormErrors::default();
    errors.keep("sources", sources.trim());
    errors.keep("witnesses", witnesses.trim());
    let sources = sources_of(&sources);
    let witnesses = lines_of(&witnesses);
    if sources.is_empty() {
        errors.add("sources", "Saisissez au moins une source publique (par exemple les dés lancés : 3 5 1 6).");
    }
    if witnesses.is_empty() {
        errors.add("witnesses", "Indiquez au moins un témoin présent.");
    }
    if !errors.is_empty() {
        return Err(AppError::Invalid(errors));
    }
    let record = complete_draw(announcement.as_ref().clone(), sources, witnesses).map_err(|error| {
        let mut errors = errors.clone();
        errors.add("sources", format!("Tirage impossible : {error}."));
        AppError::Invalid(errors)
    })?;
    if !store::publish(
        &pool,
        &council,
        sequence + 1,
        DrawStage::Draw,
        &record.to_json(),
        &record.sha256(),
        Some(staff.id),
    )
    .await?
    {
        return Err(AppError::refused("Ce tirage vient d'être fait par quelqu'un d'autre."));
    }
    for email in store::emails(&pool, &council, &record.draw.selected).await? {
        tell(
            Some(email),
            &format!("Tiré·e au sort — conseil de quartier {}", council.name),
            format!(
                "Vous avez été tiré·e au sort pour siéger au conseil de quartier {} pour {} ans. Le dossier public du \
                 tirage est sur la page du conseil. Si vous ne pouvez pas siéger, prévenez la mairie : un remplaçant \
                 sera tiré de la même façon.",
                council.name, council.term_years
            ),
        )
        .await?;
    }
    Ok(())
}

/// Staff set a council's seats, term, elected duo, charter, rules and round. Once a round's pool is
/// published, its seats and dates stay as announced: a new round is opened instead.
#[server]
pub async fn configure_council(
    slug: String,
    seats: String,
    term_years: String,
    #[server(default)] elected_duo: String,
    #[server(default)] charter: String,
    #[server(default)] internal_rules: String,
    round: String,
    applications_open: String,
    applications_close: String,
    draw_day: String,
) -> Result<(), AppError> {
    guard::role(STAFF).await?;
    let pool = app_state()?.pool;
    let council = store::council_by_slug(&pool, &slug).await?;
    let mut settings = council::check_settings(&council::SettingsForm {
        seats: &seats,
        term_years: &term_years,
        elected_duo: &elected_duo,
        charter: &charter,
        internal_rules: &internal_rules,
        round: &round,
        applications_open: &applications_open,
        applications_close: &applications_close,
        draw_day: &draw_day,
    })
    .map_err(AppError::Invalid)?;
    if settings.round != council.round && store::round_published(&pool, &council, &settings.round).await? {
        return Err(AppError::refused("Ce tour a déjà eu son tirage : choisissez un nouveau nom de tour."));
    }
    if settings.round == council.round && !store::documents(&pool, &council).await?.is_empty() {
        if settings.seats != council.seats || settings.draw_day.format("%Y-%m-%d").to_string() != council.draw_day {
            return Err(AppError::refused(
                "Le vivier de ce tour est publié : ses sièges et son jour de tirage ne changent plus. Ouvrez un nouveau tour.",
            ));
        }
        // Its applications stay closed as they were when the pool was published.
        settings.applications_open_at = council.applications_open_at;
        settings.applications_close_at = council.applications_close_at;
    }
    store::configure(&pool, &council, &settings).await
}

/// Staff schedule a meeting of the council (one per quarter by default).
#[server]
pub async fn schedule_meeting(slug: String, starts_at: String, place: String, agenda: String) -> Result<(), AppError> {
    guard::role(STAFF).await?;
    let pool = app_state()?.pool;
    let council = store::council_by_slug(&pool, &slug).await?;
    let meeting = council::check_meeting(&starts_at, &place, &agenda).map_err(AppError::Invalid)?;
    store::insert_meeting(&pool, &council, meeting.starts_at, &meeting.place, &meeting.agenda).await?;
    Ok(())
}

/// A member withdraws: staff publish the announcement of their replacement among the remaining candidates.
#[server]
pub async fn announce_withdrawal(slug: String, public_id: String) -> Result<(), AppError> {
    let staff = guard::role(STAFF).await?;
    let pool = app_state()?.pool;
    let council = store::council_by_slug(&pool, &slug).await?;
    let documents = published(&pool, &council).await?;
    let Some(PublishedDocument { sequence, content: Published::Draw(record), .. }) = documents.last() else {
        return Err(AppError::refused("Un tirage doit être terminé avant de remplacer un membre."));
    };
    let announcement = announce_replacement(record, &[public_id.trim().to_string()])
        .map_err(|error| AppError::refused(format!("Remplacement impossible : {error}.")))?;
    let document = serde_json::to_string_pretty(&announcement).map_err(|_| AppError::Internal)?;
    if !store::publish(
        &pool,
        &council,
        sequence + 1,
        DrawStage::Announcement,
        &document,
        &announcement.sha256(),
        Some(staff.id),
    )
    .await?
    {
        return Err(AppError::refused("Une autre annonce vient d'être publiée."));
    }
    store::mark_withdrawn(&pool, &council, public_id.trim()).await
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use super::server::{Computed, announce, greedy_minimum};
    use crate::neighbourhood_councils::sortition::{test_pool, test_quota};

    #[test]
    fn the_greedy_baseline_is_estimated_once_per_announcement() {
        let rows: &[&[&str]] = &[&["f"], &["h"]];
        let quotas = vec![test_quota("genre", "f", 1, 1), test_quota("genre", "h", 1, 1)];
        let announcement = announce(&test_pool(&["genre"], rows), quotas, 2).unwrap();
        let computed = Computed::default();
        assert_eq!(greedy_minimum(&computed, &announcement).as_deref(), Some("1.000"), "both always seated");
        // What was kept is served as it is: a planted value comes back instead of 1,000 new draws.
        computed.put(&format!("sortition-greedy:{}", announcement.sha256()), String::new(), "0.999".into());
        assert_eq!(greedy_minimum(&computed, &announcement).as_deref(), Some("0.999"));
    }
}
