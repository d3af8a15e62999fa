//! Demo data with the real names of the five seed documents. Loading twice changes nothing.
use app::accounts::{domain::Role, password::hash_password, store};
use app::platform::db::Pool;

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
    if count > 0 {
        return Ok(false);
    }
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
