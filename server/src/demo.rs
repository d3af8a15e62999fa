//! Demo data with the real names of the five seed documents. Loading twice changes nothing.
use app::accounts::{password::hash_password, store};
use app::budget::{
    model::{ResultsVisibility, Scope, StaffActKind},
    store as budget,
};
use app::collectifs::{
    domain::ValidEvent,
    model::{Collectif, CollectifState},
    store as collectifs,
};
use app::platform::{
    db::{self, Pool},
    identity::Role,
    text::slug_of,
    time::{paris_input, parse_paris},
};

mod citizen_councils;
mod consultations;
mod contributions;
mod councils;
mod forums;
mod petitions;
mod publications;

/// Demo accounts, one per role (demo only: the passwords are published in the README).
pub const DEMO_ACCOUNTS: [(&str, &str, &str, Role); 4] = [
    ("habitante@demo.agora.fr", "Camille Habitante", "demo-habitante-2026", Role::Resident),
    ("moderation@demo.agora.fr", "Malik Modération", "demo-moderation-2026", Role::Moderator),
    ("organisation@demo.agora.fr", "Odile Organisation", "demo-organisation-2026", Role::Organiser),
    ("equipe@demo.agora.fr", "Étienne Équipe", "demo-equipe-2026", Role::Staff),
];

const COMMUNES: [(&str, &str); 13] = [
    ("Béthune", "Pas-de-Calais"),
    ("Carvin", "Pas-de-Calais"),
    ("Arras", "Pas-de-Calais"),
    ("Lens", "Pas-de-Calais"),
    ("Liévin", "Pas-de-Calais"),
    ("Hénin-Beaumont", "Pas-de-Calais"),
    ("Boulogne-sur-Mer", "Pas-de-Calais"),
    ("Calais", "Pas-de-Calais"),
    ("Saint-Omer", "Pas-de-Calais"),
    ("Montreuil-sur-Mer", "Pas-de-Calais"),
    ("Lille", "Nord"),
    ("Alès", "Gard"),
    ("Anduze", "Gard"),
];

/// The 8 territories of the Pas-de-Calais citizen budget.
const PAS_DE_CALAIS_TERRITORIES: [&str; 8] = [
    "Arrageois",
    "Artois",
    "Audomarois",
    "Boulonnais",
    "Calaisis",
    "Hénin-Carvin",
    "Lens-Liévin",
    "Montreuillois-Ternois",
];

/// Béthune's 8 neighbourhood councils (2019).
const BETHUNE_QUARTIERS: [&str; 8] =
    ["Catorive", "Mont-Liébaud", "Cheminots / 8Ter", "Pierrette", "Gare", "Centre-ville", "Rue de Lille", "Beaumarais"];

/// Alès Agglomération's priority neighbourhoods, each with a local citizen council.
const ALES_NEIGHBOURHOODS: [(&str, &str); 6] = [
    ("Alès Rive Droite", "Alès"),
    ("Alès Tamaris", "Alès"),
    ("Alès « Couronne Nord » (Cévennes, Pierre-Curie, Moulinet)", "Alès"),
    ("Alès Près-Saint-Jean", "Alès"),
    ("Alès Centre-Ville", "Alès"),
    ("Anduze Centre-Ville", "Anduze"),
];

const INSTITUTIONS: [(&str, &str); 5] = [
    ("CESER Hauts-de-France", "ceser"),
    ("Département du Pas-de-Calais", "departement"),
    ("Ville de Béthune", "commune"),
    ("Ville de Carvin — CESEC", "commune"),
    ("Alès Agglomération", "intercommunalite"),
];

/// Carvin's CESEC groups; some sleep and some came back, as the seed says groups do.
const COLLECTIFS: [(&str, &str); 10] = [
    ("Place du Handicap dans la ville", "active"),
    ("Parcs et jardins", "active"),
    ("Je bouge dans la ville", "revived"),
    ("J'aime ma ville propre et belle", "active"),
    ("Co-voiturage", "dormant"),
    ("Tour d'Horloge - Fosse 4 - Pont de Grès", "active"),
    ("Aménagements Bus à Haut Niveau de Services", "dormant"),
    ("Marché", "active"),
    ("3ème Fleur", "revived"),
    ("Patrimoine et Tourisme", "active"),
];

async fn insert_named(pool: &Pool, sql: &'static str, rows: &[(&str, &str)]) -> Result<(), sqlx::Error> {
    for (name, extra) in rows {
        sqlx::query(sql).bind(slug_of(name)).bind(*name).bind(*extra).execute(pool).await?;
    }
    Ok(())
}

/// Loads the demo data unless it is there already. Returns whether anything was loaded.
pub async fn load(pool: &Pool) -> Result<bool, String> {
    let (count,): (i64,) =
        sqlx::query_as("SELECT COUNT(*) FROM communes").fetch_one(pool).await.map_err(|error| error.to_string())?;
    let base = count == 0 && load_base(pool).await?;
    // Checked on its own, so that a database loaded before the budget existed gets it too.
    let budget = load_budget(pool).await.map_err(|error| error.to_string())?;
    let next_budget = load_next_budget(pool).await.map_err(|error| error.to_string())?;
    let petitions = petitions::load(pool).await.map_err(|error| error.to_string())?;
    let consultations = consultations::load(pool).await.map_err(|error| error.to_string())?;
    let contributions = contributions::load(pool).await.map_err(|error| error.to_string())?;
    let forums = forums::load(pool).await.map_err(|error| error.to_string())?;
    let collectifs = load_collectifs(pool).await.map_err(|error| error.to_string())?;
    let toulouse = load_toulouse(pool).await?;
    let councils = councils::load(pool).await.map_err(|error| error.to_string())?;
    let publications = publications::load(pool).await.map_err(|error| error.to_string())?;
    let citizen_councils = citizen_councils::load(pool).await.map_err(|error| error.to_string())?;
    Ok(base
        || budget
        || next_budget
        || petitions
        || consultations
        || contributions
        || forums
        || collectifs
        || toulouse
        || councils
        || publications
        || citizen_councils)
}

/// The closed Toulouse 2024 campaign, imported from its Pabulib file (pabulib.org), with its results.
async fn load_toulouse(pool: &Pool) -> Result<bool, String> {
    Ok(crate::commands::pb_import(pool, include_str!("../../reference/pabulib/France_Toulouse_2024.pb"))
        .await?
        .is_some())
}

async fn load_base(pool: &Pool) -> Result<bool, String> {
    load_reference_data(pool).await.map_err(|error| error.to_string())?;
    let (bethune,): (i64,) = sqlx::query_as("SELECT id FROM communes WHERE name = 'Béthune'")
        .fetch_one(pool)
        .await
        .map_err(|error| error.to_string())?;
    for (email, name, password, role) in DEMO_ACCOUNTS {
        let hash = hash_password(password.to_string()).await.map_err(|error| error.to_string())?;
        let user = store::NewUser {
            email,
            password_hash: &hash,
            display_name: name,
            birth_date: "1985-06-15",
            commune_id: Some(bethune),
            territory_id: None,
            role: role.as_str(),
            verified: true,
        };
        store::insert_user(pool, &user).await.map_err(|error| error.to_string())?;
    }
    Ok(true)
}

/// The demo campaign's address.
pub const BUDGET_SLUG: &str = "budget-citoyen-pas-de-calais-2024";

/// Projects of the demo campaign: title, category, summary. 16 of the 70 are rejected, 2 per territory.
const BUDGET_PROJECTS: [(&str, &str, &str); 70] = [
    (
        "Épicerie solidaire itinérante",
        "Solidarité",
        "Un camion-épicerie à prix solidaires dans les villages sans commerce.",
    ),
    ("Jardin partagé des Tilleuls", "Environnement", "Des parcelles cultivées ensemble au pied des immeubles."),
    ("Repair café mensuel", "Environnement", "Réparer ensemble petit électroménager, vélos et vêtements."),
    (
        "Ressourcerie de quartier",
        "Environnement",
        "Collecter, réparer et revendre à petit prix les objets du quotidien.",
    ),
    ("Café des aidants", "Solidarité", "Un rendez-vous convivial pour les proches aidants, avec une psychologue."),
    ("Atelier vélo participatif", "Mobilité", "Apprendre à entretenir son vélo et emprunter des outils."),
    ("Cuisine collective du marché", "Alimentation", "Cuisiner les invendus du marché et partager les repas."),
    ("Fablab rural", "Numérique", "Imprimantes 3D, découpe laser et formations pour les habitants."),
    ("Conciergerie solidaire", "Solidarité", "Petits services du quotidien rendus par des personnes en insertion."),
    (
        "Légumerie d'insertion",
        "Alimentation",
        "Préparer des légumes locaux pour les cantines, avec des emplois d'insertion.",
    ),
    (
        "Bibliothèque d'objets",
        "Environnement",
        "Emprunter plutôt qu'acheter : perceuses, appareils à raclette, tentes.",
    ),
    (
        "Transport solidaire à la demande",
        "Mobilité",
        "Des bénévoles conduisent les personnes sans voiture à leurs rendez-vous.",
    ),
    ("Tiers-lieu culturel de la gare", "Culture", "Une ancienne halle ouverte aux associations, concerts et ateliers."),
    ("Permanences numériques", "Numérique", "Aide aux démarches en ligne, dans les mairies, chaque semaine."),
    ("Verger conservatoire", "Environnement", "Planter des variétés anciennes de pommiers et poiriers de la région."),
    ("Chantier d'insertion éco-construction", "Solidarité", "Rénover des logements avec des matériaux biosourcés."),
    ("Boîte à livres et lectures publiques", "Culture", "Des lectures à voix haute au pied des boîtes à livres."),
    ("Potager pédagogique de l'école", "Jeunesse", "Les élèves sèment, récoltent et cuisinent leurs légumes."),
    ("Laverie solidaire", "Solidarité", "Laver son linge à petit prix et retrouver du lien social."),
    ("Ateliers cuisine anti-gaspillage", "Alimentation", "Cuisiner les restes et les fanes, recettes à emporter."),
    ("Recyclerie sportive", "Jeunesse", "Donner une seconde vie au matériel de sport pour les clubs."),
    ("Coopérative de jeunes entrepreneurs", "Jeunesse", "Un été pour créer son entreprise coopérative, dès 16 ans."),
    ("Friperie éthique", "Solidarité", "Vêtements de seconde main triés par une association d'insertion."),
    ("Navette vers le marché de producteurs", "Mobilité", "Un minibus le samedi matin pour les hameaux isolés."),
    (
        "Compostage collectif de quartier",
        "Environnement",
        "Des bacs à compost gérés par des guides-composteurs bénévoles.",
    ),
    ("Studio de musique associatif", "Culture", "Répéter et enregistrer à petit prix, encadré par des musiciens."),
    ("Atelier couture et retouches", "Solidarité", "Apprendre à coudre et réparer ses vêtements."),
    ("Ferme pédagogique mobile", "Jeunesse", "Des animaux de la ferme en visite dans les écoles et les EHPAD."),
    (
        "Halle alimentaire en circuit court",
        "Alimentation",
        "Vendre les produits de 20 fermes voisines dans un même lieu.",
    ),
    ("Pédibus des écoliers", "Mobilité", "Des parents accompagnent à pied les enfants sur le chemin de l'école."),
    ("Radio associative de territoire", "Culture", "Une radio faite par et pour les habitants."),
    ("Cours de français pour adultes", "Solidarité", "Des cours gratuits pour les nouveaux arrivants."),
    (
        "Toitures solaires citoyennes",
        "Environnement",
        "Une coopérative d'habitants pose des panneaux sur les bâtiments publics.",
    ),
    ("Kiosque de la mer", "Alimentation", "Vendre le poisson des petits pêcheurs directement aux habitants."),
    ("Salle d'escalade associative", "Jeunesse", "Un mur d'escalade dans un ancien entrepôt, ouvert aux familles."),
    ("Auto-école solidaire", "Mobilité", "Passer le permis à prix réduit pour retrouver un emploi."),
    ("Théâtre forum sur le harcèlement", "Jeunesse", "Des collégiens jouent et rejouent des scènes de harcèlement."),
    ("Épicerie vrac coopérative", "Alimentation", "Des produits sans emballage gérés par les adhérents."),
    ("Maison des associations itinérante", "Solidarité", "Un local mobile pour les associations des petites communes."),
    ("Rucher pédagogique", "Environnement", "Découvrir les abeilles et produire le miel du village."),
    ("Location de vélos électriques", "Mobilité", "Des vélos à assistance électrique loués au mois."),
    (
        "Festival des savoir-faire",
        "Culture",
        "Artisans et habitants transmettent leurs métiers le temps d'un week-end.",
    ),
    ("Ludothèque intergénérationnelle", "Culture", "Des jeux de société pour réunir grands-parents et enfants."),
    (
        "Récupération des invendus boulangers",
        "Alimentation",
        "Collecter le pain du soir pour les associations d'aide alimentaire.",
    ),
    ("Club numérique des seniors", "Numérique", "Tablettes, visioconférence et sécurité en ligne pour les aînés."),
    ("Chantier nature des jeunes", "Jeunesse", "Des jeunes entretiennent les sentiers contre une bourse au permis."),
    ("Mare pédagogique", "Environnement", "Recréer une mare pour les amphibiens et les classes découvertes."),
    ("Garage solidaire", "Mobilité", "Entretenir sa voiture à prix coûtant avec l'aide d'un mécanicien."),
    (
        "Fresque participative du quartier",
        "Culture",
        "Les habitants dessinent avec un artiste l'histoire de leur quartier.",
    ),
    ("Cantine associative du midi", "Alimentation", "Un repas chaud et complet à prix libre, tous les midis."),
    (
        "Ordinateurs reconditionnés pour les familles",
        "Numérique",
        "Remettre en état des ordinateurs donnés par les entreprises.",
    ),
    ("Accueil de jour pour sans-abri", "Solidarité", "Douches, café et accompagnement social le matin."),
    ("Parcours sportif en plein air", "Jeunesse", "Des agrès en accès libre le long du canal."),
    ("Marché de Noël solidaire", "Culture", "Créateurs locaux et associations réunis en décembre."),
    ("Serre collective chauffée au solaire", "Environnement", "Des semis pour les jardins familiaux dès février."),
    ("Covoiturage domicile-travail", "Mobilité", "Une application et des aires de rencontre pour covoiturer."),
    ("Groupement d'achats de producteurs", "Alimentation", "Commander ensemble aux fermes voisines chaque semaine."),
    ("Chorale des quartiers", "Culture", "Chanter ensemble, tous âges et tous niveaux."),
    ("Espace de coworking rural", "Numérique", "Des bureaux partagés avec la fibre dans un ancien presbytère."),
    ("Parrainage emploi des jeunes", "Jeunesse", "Des retraités accompagnent des jeunes vers leur premier emploi."),
    ("Poulailler collectif", "Environnement", "Des poules qui mangent les déchets verts et donnent des œufs."),
    ("Cinéma itinérant", "Culture", "Des projections en plein air dans les villages l'été."),
    (
        "Lieu d'accueil parents-enfants",
        "Solidarité",
        "Un espace de jeu et de parole pour les parents de jeunes enfants.",
    ),
    ("Réseau d'entraide entre voisins", "Solidarité", "Un carnet d'échanges de services et de prêts entre voisins."),
    ("Pressoir à fruits mobile", "Alimentation", "Transformer les pommes des vergers familiaux en jus."),
    ("Initiation au codage", "Numérique", "Des ateliers de programmation pour les 11-15 ans."),
    (
        "Sentier d'interprétation du littoral",
        "Environnement",
        "Des panneaux et une application sur la faune des dunes.",
    ),
    ("Bus des loisirs", "Mobilité", "Emmener les jeunes des villages aux activités du mercredi."),
    ("Atelier de réparation de smartphones", "Numérique", "Changer un écran ou une batterie plutôt que racheter."),
    ("Danse pour tous les âges", "Culture", "Des cours de danse gratuits pour les habitants du quartier."),
];

const REJECTION_REASONS: [&str; 4] = [
    "Le projet relève d'une activité commerciale à but lucratif, hors économie sociale et solidaire.",
    "Le coût dépasse le plafond de 15 000 € par projet.",
    "Le projet est déjà financé par un autre dispositif du Département.",
    "Le dossier ne précise pas de porteur domicilié dans le Pas-de-Calais.",
];

/// The Pas-de-Calais territories, when the campaign `slug` is not loaded yet and they all are.
async fn territories_for_new_campaign(
    pool: &Pool,
    slug: &str,
) -> Result<Option<Vec<(i64,)>>, app::platform::error::AppError> {
    let existing: Option<(i64,)> =
        sqlx::query_as("SELECT id FROM budget_campaigns WHERE slug = $1").bind(slug).fetch_optional(pool).await?;
    let territories: Vec<(i64,)> =
        sqlx::query_as("SELECT id FROM territories WHERE kind = 'departement' ORDER BY name").fetch_all(pool).await?;
    Ok((existing.is_none() && territories.len() == PAS_DE_CALAIS_TERRITORIES.len()).then_some(territories))
}

/// The Pas-de-Calais citizen budget, voting now, with its projects and some paper ballots.
async fn load_budget(pool: &Pool) -> Result<bool, app::platform::error::AppError> {
    let Some(territories) = territories_for_new_campaign(pool, BUDGET_SLUG).await? else { return Ok(false) };
    const DAY: i64 = 86_400;
    let now = db::now();
    let campaign = budget::insert_campaign(
        pool,
        &budget::NewCampaign {
            slug: BUDGET_SLUG,
            title: "Budget citoyen du Pas-de-Calais 2024",
            description: "Votez pour vos 3 coups de cœur parmi les projets conçus et portés par les habitants du \
                          Pas-de-Calais : vos projets préférés obtiendront un financement du Département.\n\n\
                          Sur 70 dossiers reçus, 54 ont obtenu le label Budget citoyen et sont soumis au vote. \
                          (Démonstration : le vote réel avait lieu du 1er au 30 septembre ; ici il est ouvert \
                          depuis 30 jours et pour 30 jours encore.)",
            rules_text: "Dès 11 ans, chaque habitant du Pas-de-Calais choisit jusqu'à 3 projets, dans tout le \
                         département. Dans chaque territoire, les projets les plus soutenus sont financés dans \
                         l'ordre des voix tant que l'enveloppe du territoire le permet. Vous pouvez modifier \
                         votre bulletin jusqu'à la clôture du vote.",
            vote_opens_at: now - 30 * DAY,
            vote_closes_at: now + 30 * DAY,
            choices: 3,
            scope: Scope::Campaign,
            results_visibility: ResultsVisibility::Live,
            ballot_changeable: true,
            submission_opens_at: now - 150 * DAY,
            submission_closes_at: now - 90 * DAY,
        },
    )
    .await?;
    for (territory,) in &territories {
        budget::insert_envelope(pool, campaign, *territory, 50_000 * 100).await?;
    }
    let (staff_id,): (i64,) =
        sqlx::query_as("SELECT id FROM users WHERE email = $1").bind(DEMO_ACCOUNTS[3].0).fetch_one(pool).await?;
    let staff = budget::ProjectEditor { id: staff_id, name: DEMO_ACCOUNTS[3].1 };
    let mut labelled = Vec::new();
    for (index, (title, category, summary)) in BUDGET_PROJECTS.iter().enumerate() {
        let territory = territories[index % territories.len()].0;
        let description = format!(
            "{summary}\n\nPorté par une association du territoire, le projet associe les habitants dès sa \
             conception et s'inscrit dans l'économie sociale et solidaire."
        );
        let cost_cents = (4_000 + (index as i64 * 1_370) % 11_000) * 100;
        let id = budget::insert_project(
            pool,
            &budget::NewProject {
                campaign_id: campaign,
                territory_id: territory,
                author_id: None,
                title,
                summary,
                description: &description,
                category,
                cost_cents,
            },
        )
        .await?;
        // Positions 2, 6, 11, 15, … : 16 rejections, two in each of the 8 territories.
        if matches!(index % 9, 2 | 6) {
            let reason = REJECTION_REASONS[(index / 9) % REJECTION_REASONS.len()];
            budget::set_status(pool, id, StaffActKind::Rejected, Some(reason), &staff).await?;
        } else {
            budget::set_status(pool, id, StaffActKind::Labelled, None, &staff).await?;
            labelled.push(id);
        }
    }
    // Paper ballots already counted: 3 choices each, spread unevenly so the results tell a story.
    let ballots: Vec<Vec<i64>> = (0..120usize)
        .map(|ballot| {
            let pick = |k: usize| labelled[(ballot * (k + 3) + k * 7 + ballot / 5) % labelled.len()];
            let mut choices = vec![pick(0), pick(1), pick(2)];
            choices.sort_unstable();
            choices.dedup();
            choices
        })
        .collect();
    budget::cast_paper_ballots(pool, campaign, &ballots, &staff).await?;
    // The journal as it would read: projects reviewed before the vote, paper ballots brought in since.
    sqlx::query(
        "UPDATE budget_staff_acts SET acted_at = CASE WHEN act = 'paper_ballots' THEN $1 ELSE $2 END \
         WHERE campaign_id = $3",
    )
    .bind(now - 2 * DAY)
    .bind(now - 40 * DAY)
    .bind(campaign)
    .execute(pool)
    .await?;
    Ok(true)
}

/// The next campaign's address: open for submissions.
pub const NEXT_BUDGET_SLUG: &str = "budget-citoyen-pas-de-calais-2025";

/// The next Pas-de-Calais campaign, taking projects now: residents submit and edit theirs until
/// submission closes; the demo resident has already sent two.
async fn load_next_budget(pool: &Pool) -> Result<bool, app::platform::error::AppError> {
    let Some(territories) = territories_for_new_campaign(pool, NEXT_BUDGET_SLUG).await? else { return Ok(false) };
    const DAY: i64 = 86_400;
    let now = db::now();
    let campaign = budget::insert_campaign(
        pool,
        &budget::NewCampaign {
            slug: NEXT_BUDGET_SLUG,
            title: "Budget citoyen du Pas-de-Calais 2025",
            description: "Vous avez une idée pour votre quartier, votre village, votre territoire ? Déposez votre \
                          projet : le Département l'examine, puis les habitants votent pour leurs 3 coups de cœur.",
            rules_text: "Tout habitant du Pas-de-Calais, association ou collectif peut déposer un projet d'intérêt \
                         général, dans l'économie sociale et solidaire, jusqu'à 15 000 € par projet.",
            vote_opens_at: now + 60 * DAY,
            vote_closes_at: now + 90 * DAY,
            choices: 3,
            scope: Scope::Campaign,
            results_visibility: ResultsVisibility::AfterClose,
            ballot_changeable: true,
            submission_opens_at: now - 10 * DAY,
            submission_closes_at: now + 30 * DAY,
        },
    )
    .await?;
    for (territory,) in &territories {
        budget::insert_envelope(pool, campaign, *territory, 50_000 * 100).await?;
    }
    let resident: Option<(i64,)> =
        sqlx::query_as("SELECT id FROM users WHERE email = $1").bind(DEMO_ACCOUNTS[0].0).fetch_optional(pool).await?;
    for (index, (title, category, summary)) in BUDGET_PROJECTS.iter().take(7).enumerate() {
        let description = format!(
            "{summary}\n\nNouvelle édition : le projet s'étend à de nouvelles communes et associe les habitants \
             dès sa conception."
        );
        budget::insert_project(
            pool,
            &budget::NewProject {
                campaign_id: campaign,
                territory_id: territories[index % territories.len()].0,
                author_id: resident.filter(|_| index < 2).map(|(id,)| id),
                title,
                summary,
                description: &description,
                category,
                cost_cents: (6_000 + index as i64 * 1_500) * 100,
            },
        )
        .await?;
    }
    Ok(true)
}

/// Theme and description of each Carvin collectif.
const COLLECTIF_PROFILES: [(&str, &str, &str); 10] = [
    (
        "Place du Handicap dans la ville",
        "Accessibilité",
        "Des habitants, en situation de handicap ou non, repèrent ce qui empêche de circuler, de se garer, \
         d'entrer dans les commerces et les services publics, et proposent des aménagements.\n\n\
         Le collectif a rendu plusieurs avis sur l'accessibilité de la voirie du centre-ville.",
    ),
    (
        "Parcs et jardins",
        "Espaces verts",
        "Pour des parcs vivants et entretenus : plantations, jardins partagés, aires de jeux, bancs et \
         fontaines. Le collectif propose et suit les aménagements avec le service des espaces verts.",
    ),
    (
        "Je bouge dans la ville",
        "Sport et santé",
        "Marcher, courir, pédaler en ville : parcours balisés, équipements en accès libre et rendez-vous \
         sportifs ouverts à tous les âges. Relancé après deux ans de sommeil.",
    ),
    (
        "J'aime ma ville propre et belle",
        "Propreté",
        "Opérations de nettoyage, signalement des dépôts sauvages, fleurissement des rues : des habitants \
         qui prennent soin de leur ville et proposent des solutions à la municipalité.",
    ),
    (
        "Co-voiturage",
        "Mobilité",
        "Organiser le partage de trajets entre habitants, vers les zones d'emploi et la gare. En sommeil \
         depuis que l'agglomération a lancé son propre service.",
    ),
    (
        "Tour d'Horloge - Fosse 4 - Pont de Grès",
        "Vie de quartier",
        "Les habitants des quartiers de la Tour d'Horloge, de la Fosse 4 et du Pont de Grès se retrouvent \
         pour améliorer leur cadre de vie : voirie, éclairage, sécurité, animations.",
    ),
    (
        "Aménagements Bus à Haut Niveau de Services",
        "Transports",
        "Suivre les travaux du Bus à Haut Niveau de Services et leurs effets sur la circulation, le \
         stationnement et les commerces. En sommeil depuis la fin des travaux.",
    ),
    (
        "Marché",
        "Commerce",
        "Le marché hebdomadaire : emplacements, horaires, stationnement et attractivité, en lien avec les \
         commerçants non sédentaires.",
    ),
    (
        "3ème Fleur",
        "Aînés",
        "Par et pour les seniors : lutte contre l'isolement, activités intergénérationnelles, accès aux \
         services. Relancé en réponse à la demande de résidents de la résidence autonomie.",
    ),
    (
        "Patrimoine et Tourisme",
        "Patrimoine",
        "Faire connaître l'histoire minière et le patrimoine de Carvin : circuits de découverte, \
         signalétique, journées du patrimoine.",
    ),
];

/// Residents who appear as members in the demo; they have no password and cannot log in.
const COLLECTIF_MEMBERS: [&str; 8] = [
    "Jeanne Lefebvre",
    "Karim Benali",
    "Sylvie Dumont",
    "Marc Delattre",
    "Nadia Haddad",
    "Paul Lemaire",
    "Inès Caron",
    "Bernard Duquesne",
];

/// Events: collectif, title, place, days from now (negative: past), capacity, description.
type DemoEvent = (&'static str, &'static str, &'static str, i64, Option<i64>, &'static str);
const COLLECTIF_EVENTS: [DemoEvent; 14] = [
    (
        "Marché",
        "Réunion avec les commerçants du marché",
        "Salle du conseil, hôtel de ville",
        5,
        Some(3),
        "Emplacements et stationnement les jours de marché : nous recevons trois représentants des commerçants.",
    ),
    (
        "Parcs et jardins",
        "Troc de plantes au jardin partagé",
        "Jardin partagé du parc Rollencourt",
        10,
        Some(40),
        "Apportez boutures, graines et plants ; repartez avec ceux des autres. Café offert.",
    ),
    (
        "Parcs et jardins",
        "Visite des aires de jeux",
        "Parc Rollencourt, entrée principale",
        -30,
        None,
        "État des lieux des aires de jeux avec le service des espaces verts.",
    ),
    (
        "Place du Handicap dans la ville",
        "Diagnostic accessibilité du centre-ville",
        "Place Jean Jaurès",
        14,
        Some(12),
        "En fauteuil, avec une canne ou une poussette : nous parcourons ensemble les rues du centre.",
    ),
    (
        "Place du Handicap dans la ville",
        "Réunion de bilan",
        "Maison des associations",
        -60,
        None,
        "Bilan de l'avis rendu sur la voirie, et suites données par la municipalité.",
    ),
    (
        "Je bouge dans la ville",
        "Marche découverte des berges",
        "Pont de la Deûle",
        7,
        None,
        "Une boucle de 5 km à allure douce, ouverte à tous.",
    ),
    (
        "J'aime ma ville propre et belle",
        "Opération ville propre",
        "Parvis de la mairie",
        21,
        Some(30),
        "Gants et sacs fournis ; verre de l'amitié à la fin.",
    ),
    (
        "J'aime ma ville propre et belle",
        "Nettoyage du terril",
        "Terril de la Fosse 4",
        -20,
        None,
        "Deux bennes remplies en une matinée : merci aux 25 participants !",
    ),
    (
        "Tour d'Horloge - Fosse 4 - Pont de Grès",
        "Réunion de quartier",
        "École de la Fosse 4",
        9,
        Some(50),
        "Éclairage de la rue du Pont de Grès et projet de jardin de quartier.",
    ),
    (
        "3ème Fleur",
        "Après-midi jeux intergénérationnel",
        "Résidence autonomie",
        12,
        Some(25),
        "Jeux de société avec les enfants du centre de loisirs.",
    ),
    (
        "Patrimoine et Tourisme",
        "Balade patrimoine : les cités minières",
        "Maison du patrimoine",
        18,
        Some(20),
        "Deux heures de marche commentée à travers les cités de la Fosse 4.",
    ),
    (
        "Patrimoine et Tourisme",
        "Journées du patrimoine : bilan",
        "Maison du patrimoine",
        -45,
        None,
        "Retour sur les visites et idées pour l'an prochain.",
    ),
    (
        "Co-voiturage",
        "Dernière réunion avant la mise en sommeil",
        "Maison des associations",
        -420,
        None,
        "Le service de l'agglomération prend le relais ; le collectif se met en sommeil.",
    ),
    (
        "Aménagements Bus à Haut Niveau de Services",
        "Visite de fin de chantier",
        "Arrêt Hôtel de Ville",
        -300,
        None,
        "Parcours de la nouvelle ligne avec le maître d'ouvrage.",
    ),
];

/// An event at 18:00 in Paris, `days` from `now`, for two hours.
fn evening_event(
    now: i64,
    days: i64,
    title: &str,
    place: &str,
    description: &str,
    capacity: Option<i64>,
) -> ValidEvent {
    const DAY: i64 = 86_400;
    let day = paris_input(now + days * DAY);
    let starts_at = parse_paris(&format!("{}T18:00", day.get(..10).unwrap_or_default())).unwrap_or(now + days * DAY);
    ValidEvent {
        title: title.to_string(),
        starts_at,
        ends_at: starts_at + 2 * 3600,
        place: place.to_string(),
        description: description.to_string(),
        capacity,
    }
}

/// Carvin's collectifs come to life: profiles, facilitators and members, dated state changes, and
/// an agenda around today (one event full, with a waiting list).
async fn load_collectifs(pool: &Pool) -> Result<bool, app::platform::error::AppError> {
    const DAY: i64 = 86_400;
    let (described,): (i64,) =
        sqlx::query_as("SELECT COUNT(*) FROM collectifs WHERE description <> ''").fetch_one(pool).await?;
    let (count,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM collectifs").fetch_one(pool).await?;
    if described > 0 || count == 0 {
        return Ok(false);
    }
    let now = db::now();
    let mut members = Vec::new();
    for (n, name) in COLLECTIF_MEMBERS.iter().enumerate() {
        let email = format!("membre-{}@demo.agora.fr", n + 1);
        let user = store::NewUser {
            email: &email,
            // Not a valid hash: these demo members cannot log in.
            password_hash: "!",
            display_name: name,
            birth_date: "1960-01-01",
            commune_id: None,
            territory_id: None,
            role: Role::Resident.as_str(),
            verified: true,
        };
        if let Some(id) = store::insert_user(pool, &user).await? {
            members.push(id);
        }
    }
    let account = |email: &str| {
        let email = email.to_string();
        async move {
            let row: Option<(i64,)> =
                sqlx::query_as("SELECT id FROM users WHERE email = $1").bind(email).fetch_optional(pool).await?;
            Ok::<_, app::platform::error::AppError>(row.map(|(id,)| id))
        }
    };
    let organiser = account(DEMO_ACCOUNTS[2].0).await?;
    let resident = account(DEMO_ACCOUNTS[0].0).await?;
    for (index, (name, theme, description)) in COLLECTIF_PROFILES.iter().enumerate() {
        let collectif = collectifs::collectif_by_slug(pool, &slug_of(name)).await?;
        collectifs::describe(pool, collectif.id, theme, description).await?;
        // One facilitator who shows their name, and a few members who mostly do.
        let facilitator = if index % 3 == 0 { organiser } else { members.get(index % members.len()).copied() };
        if let Some(facilitator) = facilitator {
            collectifs::add_member(pool, collectif.id, facilitator, true, true).await?;
        }
        for k in 1..=3 {
            if let Some(member) = members.get((index + k * 3) % members.len()) {
                collectifs::add_member(pool, collectif.id, *member, k != 2, false).await?;
            }
        }
        // The reference state is the end of a dated story: asleep a while ago, revived lately.
        let story: &[(&str, i64, &str)] = match collectif.state.as_str() {
            "dormant" => &[("dormant", 400, "Faute de participants, le collectif se met en sommeil.")],
            "revived" => &[
                ("dormant", 760, "Le collectif se met en sommeil après la fin de son projet."),
                ("revived", 75, "Relancé à la demande d'habitants ; les anciens membres sont restés inscrits."),
            ],
            _ => &[],
        };
        if !story.is_empty() {
            sqlx::query("UPDATE collectifs SET state = 'active' WHERE id = $1")
                .bind(collectif.id)
                .execute(pool)
                .await?;
        }
        let mut before = Collectif { state: CollectifState::Active, ..collectif.clone() };
        for (new_state, days_ago, note) in story {
            collectifs::change_state(pool, &before, new_state, note, None, now - days_ago * DAY).await?;
            before.state = CollectifState::parse(new_state).unwrap_or(before.state);
        }
    }
    if let Some(resident) = resident {
        for (name, shown) in [("Parcs et jardins", true), ("Marché", false)] {
            let collectif = collectifs::collectif_by_slug(pool, &slug_of(name)).await?;
            collectifs::add_member(pool, collectif.id, resident, shown, false).await?;
        }
    }
    for (name, title, place, days, capacity, description) in COLLECTIF_EVENTS {
        let collectif = collectifs::collectif_by_slug(pool, &slug_of(name)).await?;
        let event = evening_event(now, days, title, place, description, capacity);
        let id = collectifs::insert_event(pool, collectifs::Host::Collectif(collectif.id), &event).await?;
        // The full one: three places taken, two people waiting.
        if capacity == Some(3) {
            for member in members.iter().take(5) {
                collectifs::register(pool, id, *member, now).await?;
            }
        } else if days > 0 {
            for member in members.iter().skip(days as usize % 4).take(2) {
                collectifs::register(pool, id, *member, now).await?;
            }
        }
    }
    Ok(true)
}

async fn load_reference_data(pool: &Pool) -> Result<(), sqlx::Error> {
    let mut tx = pool.begin().await?;
    for (name, department) in COMMUNES {
        sqlx::query("INSERT INTO communes (name, department) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING")
            .bind(name)
            .bind(department)
            .execute(&mut *tx)
            .await?;
    }
    tx.commit().await?;
    let territory = "INSERT INTO territories (slug, name, kind, commune_id) \
                     VALUES ($1, $2, $3, (SELECT id FROM communes WHERE name = $4)) ON CONFLICT (slug) DO NOTHING";
    for name in PAS_DE_CALAIS_TERRITORIES {
        sqlx::query(territory).bind(slug_of(name)).bind(name).bind("departement").bind("").execute(pool).await?;
    }
    for name in BETHUNE_QUARTIERS {
        sqlx::query(territory)
            .bind(format!("bethune-{}", slug_of(name)))
            .bind(name)
            .bind("quartier")
            .bind("Béthune")
            .execute(pool)
            .await?;
    }
    for (name, commune) in ALES_NEIGHBOURHOODS {
        sqlx::query(territory)
            .bind(slug_of(name))
            .bind(name)
            .bind("quartier_prioritaire")
            .bind(commune)
            .execute(pool)
            .await?;
    }
    insert_named(
        pool,
        "INSERT INTO institutions (slug, name, kind) VALUES ($1, $2, $3) ON CONFLICT (slug) DO NOTHING",
        &INSTITUTIONS,
    )
    .await?;
    insert_named(
        pool,
        "INSERT INTO collectifs (slug, name, state) VALUES ($1, $2, $3) ON CONFLICT (slug) DO NOTHING",
        &COLLECTIFS,
    )
    .await?;
    let mut councils = vec![("Conseil citoyen Alès Agglo", "agglomeration")];
    councils.extend(ALES_NEIGHBOURHOODS.iter().map(|(name, _)| (*name, "local")));
    insert_named(
        pool,
        "INSERT INTO citizen_councils (slug, name, scope) VALUES ($1, $2, $3) ON CONFLICT (slug) DO NOTHING",
        &councils,
    )
    .await?;
    Ok(())
}

/// A small but well-formed PDF holding one line of `text` (ASCII: the demo writes slugs).
pub(crate) fn text_pdf(text: &str) -> Vec<u8> {
    let text: String = text.chars().filter(|c| c.is_ascii() && !matches!(c, '(' | ')' | '\\')).collect();
    let stream = format!("BT /F1 14 Tf 72 720 Td ({text}) Tj ET");
    let objects = [
        "<< /Type /Catalog /Pages 2 0 R >>".to_string(),
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_string(),
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>"
            .to_string(),
        format!("<< /Length {} >>\nstream\n{stream}\nendstream", stream.len()),
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>".to_string(),
    ];
    let mut pdf = String::from("%PDF-1.4\n");
    let mut offsets = Vec::new();
    for (i, object) in objects.iter().enumerate() {
        offsets.push(pdf.len());
        pdf.push_str(&format!("{} 0 obj\n{object}\nendobj\n", i + 1));
    }
    let xref = pdf.len();
    pdf.push_str(&format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1));
    for offset in offsets {
        pdf.push_str(&format!("{offset:010} 00000 n \n"));
    }
    pdf.push_str(&format!("trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n", objects.len() + 1));
    pdf.into_bytes()
}
