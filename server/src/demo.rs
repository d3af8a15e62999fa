//! Demo data with the real names of the five seed documents. Loading twice changes nothing.
use app::accounts::{domain::Role, password::hash_password, store};
use app::budget::store as budget;
use app::platform::db::{self, Pool};

mod consultations;
mod contributions;
mod forums;
mod petitions;

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

/// A URL-friendly identifier: lower-case ASCII words joined by dashes.
pub fn slugify(text: &str) -> String {
    let folded: String = text
        .chars()
        .map(|c| match c {
            'à' | 'â' | 'ä' | 'À' | 'Â' => 'a',
            'é' | 'è' | 'ê' | 'ë' | 'É' | 'È' | 'Ê' => 'e',
            'î' | 'ï' | 'Î' => 'i',
            'ô' | 'ö' | 'Ô' => 'o',
            'ù' | 'û' | 'ü' | 'Û' => 'u',
            'ç' | 'Ç' => 'c',
            c if c.is_ascii_alphanumeric() => c.to_ascii_lowercase(),
            _ => ' ',
        })
        .collect();
    folded.split_whitespace().collect::<Vec<_>>().join("-")
}

async fn insert_named(pool: &Pool, sql: &'static str, rows: &[(&str, &str)]) -> Result<(), sqlx::Error> {
    for (name, extra) in rows {
        sqlx::query(sql).bind(slugify(name)).bind(*name).bind(*extra).execute(pool).await?;
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
    let petitions = petitions::load(pool).await.map_err(|error| error.to_string())?;
    let consultations = consultations::load(pool).await.map_err(|error| error.to_string())?;
    let contributions = contributions::load(pool).await.map_err(|error| error.to_string())?;
    let forums = forums::load(pool).await.map_err(|error| error.to_string())?;
    Ok(base || budget || petitions || consultations || contributions || forums)
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

/// The Pas-de-Calais citizen budget, voting now, with its projects and some paper ballots.
async fn load_budget(pool: &Pool) -> Result<bool, app::platform::error::AppError> {
    let existing: Option<(i64,)> = sqlx::query_as("SELECT id FROM budget_campaigns WHERE slug = $1")
        .bind(BUDGET_SLUG)
        .fetch_optional(pool)
        .await?;
    let territories: Vec<(i64,)> =
        sqlx::query_as("SELECT id FROM territories WHERE kind = 'departement' ORDER BY name").fetch_all(pool).await?;
    if existing.is_some() || territories.len() != PAS_DE_CALAIS_TERRITORIES.len() {
        return Ok(false);
    }
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
                         l'ordre des voix tant que l'enveloppe du territoire le permet.",
            vote_opens_at: now - 30 * DAY,
            vote_closes_at: now + 30 * DAY,
            choices: 3,
            scope: "campaign",
            results_visibility: "live",
        },
    )
    .await?;
    for (territory,) in &territories {
        budget::insert_envelope(pool, campaign, *territory, 50_000 * 100).await?;
    }
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
            budget::set_status(pool, id, "rejected", Some(REJECTION_REASONS[(index / 9) % REJECTION_REASONS.len()]))
                .await?;
        } else {
            budget::set_status(pool, id, "labelled", None).await?;
            labelled.push(id);
        }
    }
    // Paper ballots already counted: 3 choices each, spread unevenly so the results tell a story.
    for ballot in 0..120usize {
        let pick = |k: usize| labelled[(ballot * (k + 3) + k * 7 + ballot / 5) % labelled.len()];
        let mut choices = vec![pick(0), pick(1), pick(2)];
        choices.sort_unstable();
        choices.dedup();
        budget::cast_ballot(pool, campaign, None, &choices).await?;
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
        sqlx::query(territory).bind(slugify(name)).bind(name).bind("departement").bind("").execute(pool).await?;
    }
    for name in BETHUNE_QUARTIERS {
        sqlx::query(territory)
            .bind(format!("bethune-{}", slugify(name)))
            .bind(name)
            .bind("quartier")
            .bind("Béthune")
            .execute(pool)
            .await?;
    }
    for (name, commune) in ALES_NEIGHBOURHOODS {
        sqlx::query(territory)
            .bind(slugify(name))
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

#[cfg(test)]
mod tests {
    use super::slugify;

    #[test]
    fn slugs() {
        assert_eq!(slugify("Cheminots / 8Ter"), "cheminots-8ter");
        assert_eq!(slugify("J'aime ma ville propre et belle"), "j-aime-ma-ville-propre-et-belle");
        assert_eq!(
            slugify("Alès « Couronne Nord » (Cévennes, Pierre-Curie, Moulinet)"),
            "ales-couronne-nord-cevennes-pierre-curie-moulinet"
        );
        assert_eq!(slugify("3ème Fleur"), "3eme-fleur");
    }
}
