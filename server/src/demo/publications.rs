//! Demo publications of Carvin's collectifs: memos and minutes, and opinions, reports and studies
//! standing at every stage of the chain, from a draft to the municipality's answer.
use app::collectifs::{
    publication::{Actor, PublicationForm, Step, check_publication, check_step},
    store::{self, Acting},
};
use app::platform::{
    db::{self, Pool},
    error::AppError,
    files::store_file,
    text::slug_of,
};

const DAY: i64 = 86_400;

/// A step as the demo replays it: what, its note, the commission's day, how many days ago.
type DemoStep = (&'static str, &'static str, &'static str, i64);

/// Collectif, kind, title, date on the document, summary, steps of the chain.
type DemoPublication = (&'static str, &'static str, &'static str, &'static str, &'static str, &'static [DemoStep]);

const PUBLICATIONS: [DemoPublication; 12] = [
    (
        "Parcs et jardins",
        "minutes",
        "Compte rendu du lancement des jardins partagés",
        "2025-09-18",
        "Douze habitants, deux parcelles retenues près de la cité Saint-Paul.",
        &[],
    ),
    (
        "Parcs et jardins",
        "opinion",
        "Avis sur la gestion différenciée des espaces verts",
        "2025-10-02",
        "Le collectif propose de laisser en prairie fleurie trois talus et de garder la tonte rase près des écoles.",
        &[
            ("submit", "", "", 120),
            ("validate", "", "", 105),
            ("present", "Commission cadre de vie et environnement", "2025-11-20", 90),
            (
                "answer",
                "La ville retient les trois talus dès le printemps et installera des panneaux expliquant la démarche.",
                "",
                60,
            ),
        ],
    ),
    (
        "Place du Handicap dans la ville",
        "report",
        "Rapport sur l'accessibilité des arrêts de bus",
        "2025-11-05",
        "Relevé de 42 arrêts : 17 sans quai rehaussé, 9 sans annonce sonore.",
        &[
            ("submit", "", "", 80),
            ("validate", "", "", 70),
            ("present", "Commission travaux, voirie et accessibilité", "2026-01-15", 45),
        ],
    ),
    (
        "Place du Handicap dans la ville",
        "memo",
        "Note sur la signalétique en braille de la mairie",
        "2025-06-12",
        "",
        &[],
    ),
    (
        "Marché",
        "opinion",
        "Avis sur le déplacement du marché du samedi",
        "2026-01-08",
        "Le collectif préfère la place Jean-Jaurès au parking de la salle des fêtes.",
        &[
            ("submit", "", "", 40),
            (
                "return",
                "Le bureau demande de préciser le nombre d'emplacements nécessaires et l'avis des commerçants non sédentaires.",
                "",
                30,
            ),
        ],
    ),
    ("Marché", "minutes", "Compte rendu de la visite des halles", "2025-12-04", "", &[]),
    (
        "J'aime ma ville propre et belle",
        "study",
        "Étude sur les dépôts sauvages du centre-ville",
        "2026-02-10",
        "Six semaines de relevés, cartes à l'appui.",
        &[("submit", "", "", 25), ("validate", "", "", 12)],
    ),
    (
        "Patrimoine et Tourisme",
        "opinion",
        "Avis sur la signalétique du patrimoine minier",
        "2026-03-02",
        "",
        &[("submit", "", "", 6)],
    ),
    (
        "Tour d'Horloge - Fosse 4 - Pont de Grès",
        "opinion",
        "Avis sur le stationnement rue de la Gare",
        "2026-03-20",
        "Brouillon en cours de relecture par le collectif.",
        &[],
    ),
    ("3ème Fleur", "memo", "Note de relance du collectif", "2026-09-15", "", &[]),
    ("Je bouge dans la ville", "minutes", "Compte rendu de la marche exploratoire", "2024-05-21", "", &[]),
    (
        "Co-voiturage",
        "report",
        "Rapport sur l'aire de covoiturage de l'échangeur",
        "2023-04-11",
        "",
        &[
            ("submit", "", "", 700),
            ("validate", "", "", 690),
            ("present", "Commission mobilités", "2023-06-08", 670),
            ("answer", "Une aire de 40 places ouvrira avec le réaménagement de l'échangeur.", "", 600),
        ],
    ),
];

async fn account(pool: &Pool, sql: &str, bind: &str) -> Result<Option<(i64, String)>, AppError> {
    Ok(sqlx::query_as(sql).bind(bind).fetch_optional(pool).await?)
}

pub async fn load(pool: &Pool) -> Result<bool, AppError> {
    let (count,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM publications").fetch_one(pool).await?;
    let staff = account(pool, "SELECT id, display_name FROM users WHERE email = $1", super::DEMO_ACCOUNTS[3].0).await?;
    let Some((staff_id, staff_name)) = staff.filter(|_| count == 0) else { return Ok(false) };
    let now = db::now();
    for (name, kind, title, published_on, summary, steps) in PUBLICATIONS {
        let collectif = store::collectif_by_slug(pool, &slug_of(name)).await?;
        let facilitator = account(
            pool,
            "SELECT u.id, u.display_name FROM collectif_members m JOIN users u ON u.id = m.user_id \
             JOIN collectifs c ON c.id = m.collectif_id WHERE c.slug = $1 AND m.facilitator = 1 ORDER BY u.id",
            &collectif.slug,
        )
        .await?;
        let (author_id, author_name) = facilitator.unwrap_or((staff_id, staff_name.clone()));
        let input = PublicationForm { kind, title, published_on, summary };
        let checked = check_publication(input).map_err(|code| AppError::refused(format!("démo {title}: {code}")))?;
        let file = store_file(pool, "application/pdf", &super::text_pdf(&slug_of(title))).await?;
        let written = now - steps.first().map_or(10, |(_, _, _, days)| days + 5) * DAY;
        let author = Acting { user_id: Some(author_id), name: &author_name };
        let id = store::insert_publication(pool, collectif.id, &checked, &file.sha256, author, written).await?;
        let mut stage = app::collectifs::publication::first_stage(checked.kind);
        for &(step, note, on_date, days_ago) in steps {
            let step = Step::parse(step).ok_or_else(|| AppError::refused(format!("démo : étape {step}")))?;
            let by_collectif = step == Step::Submit;
            let actor = Actor { staff: !by_collectif, facilitator: by_collectif };
            let valid = check_step(checked.kind, stage, step, actor, note, on_date)
                .map_err(|refusal| AppError::refused(refusal.message))?;
            let acting = if by_collectif { author } else { Acting { user_id: Some(staff_id), name: &staff_name } };
            store::take_step(pool, id, stage, &valid, acting, now - days_ago * DAY).await?;
            stage = step.target();
        }
    }
    Ok(true)
}
