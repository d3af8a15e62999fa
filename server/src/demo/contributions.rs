//! Demo contribution calls of the CESER: one open with testimonies and proposals, one closed with
//! its published synthesis.
use app::contributions::{
    domain::{Accepted, Contribution, Kind},
    store::{self, NewCall},
};
use app::platform::{
    db::{self, Pool},
    error::AppError,
};

const DAY: i64 = 86_400;

struct DemoCall {
    title: &'static str,
    description: &'static str,
    /// Days from now: opening (negative: past) and closing.
    opens: i64,
    closes: i64,
    /// Kind, author, title, text, retained.
    contributions: &'static [(Kind, &'static str, &'static str, &'static str, bool)],
    synthesis: Option<&'static str>,
}

const CALLS: [DemoCall; 2] = [
    DemoCall {
        title: "Se déplacer au quotidien dans les Hauts-de-France",
        description: "Le CESER prépare un avis sur les mobilités du quotidien. Racontez vos trajets — domicile-travail, \
                      études, soins, courses — et proposez ce qui les rendrait plus simples.\n\nLes contributions \
                      retenues seront citées dans la synthèse jointe à l'avis.",
        opens: -20,
        closes: 40,
        contributions: &[
            (
                Kind::Testimony,
                "habitante@demo.agora.fr",
                "Deux heures par jour pour 30 km",
                "J'habite à Liévin et je travaille à Lille. Entre le bus, le TER et le métro, je passe deux heures \
                 par jour dans les transports, plus quand un train est supprimé.",
                true,
            ),
            (
                Kind::Proposal,
                "organisation@demo.agora.fr",
                "Un abonnement unique bus + TER",
                "Un seul abonnement régional valable dans les bus des agglomérations et dans les TER simplifierait \
                 les trajets et coûterait moins cher aux familles.",
                true,
            ),
            (
                Kind::Testimony,
                "moderation@demo.agora.fr",
                "Vélo et train : le casse-tête des places",
                "Je fais le trajet Béthune–Arras avec mon vélo. Aux heures de pointe il n'y a souvent plus de \
                 place pour le vélo dans le train.",
                false,
            ),
            (
                Kind::Proposal,
                "habitante@demo.agora.fr",
                "Des parkings vélo sécurisés dans les gares",
                "Des abris vélo fermés, avec un badge, dans toutes les gares de plus de 1 000 voyageurs par jour.",
                false,
            ),
        ],
        synthesis: None,
    },
    DemoCall {
        title: "Jeunesse : vos attentes pour 2030",
        description: "Le CESER a recueilli la parole des 15-29 ans sur la formation, l'emploi, le logement et les \
                      loisirs, pour préparer son rapport Jeunesse 2030.",
        opens: -120,
        closes: -60,
        contributions: &[
            (
                Kind::Testimony,
                "habitante@demo.agora.fr",
                "Trouver un stage sans voiture",
                "En BTS à Saint-Omer, j'ai dû refuser deux stages faute de transport le matin.",
                true,
            ),
            (
                Kind::Proposal,
                "organisation@demo.agora.fr",
                "Un guichet unique logement jeunes",
                "Un lieu par agglomération pour trouver un logement étudiant ou de jeune actif, avec les aides.",
                true,
            ),
        ],
        synthesis: Some(
            "Les contributions convergent sur deux freins : la mobilité, qui limite l'accès aux stages et aux \
             premiers emplois, et le logement, difficile à trouver et à financer.\n\nLe rapport Jeunesse 2030 \
             reprend ces constats et recommande un guichet unique du logement des jeunes dans chaque agglomération.",
        ),
    },
];

/// Loads the demo calls unless some call exists. Returns whether anything was loaded.
pub(super) async fn load(pool: &Pool) -> Result<bool, AppError> {
    let (existing,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM contribution_calls").fetch_one(pool).await?;
    if existing > 0 {
        return Ok(false);
    }
    let now = db::now();
    let (ceser,): (i64,) =
        sqlx::query_as("SELECT id FROM institutions WHERE name = 'CESER Hauts-de-France'").fetch_one(pool).await?;
    let (staff,): (i64,) =
        sqlx::query_as("SELECT id FROM users WHERE email = 'equipe@demo.agora.fr'").fetch_one(pool).await?;
    for demo in &CALLS {
        let call = NewCall {
            institution_id: ceser,
            title: demo.title,
            description: demo.description,
            opens_at: now + demo.opens * DAY,
            closes_at: now + demo.closes * DAY,
            accepted: Accepted { testimonies: true, proposals: true },
        };
        let id = store::insert_call(pool, &call).await?;
        for (kind, author, title, body, retained) in demo.contributions {
            let (author,): (i64,) =
                sqlx::query_as("SELECT id FROM users WHERE email = $1").bind(*author).fetch_one(pool).await?;
            let contribution = Contribution { kind: *kind, title: (*title).into(), body: (*body).into() };
            let contribution = store::insert_contribution(pool, id, author, &contribution).await?;
            if *retained {
                store::set_retained(pool, contribution, Some(staff)).await?;
            }
        }
        if let Some(synthesis) = demo.synthesis {
            store::publish_synthesis(pool, id, synthesis).await?;
        }
    }
    Ok(true)
}
