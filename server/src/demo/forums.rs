//! Demo forum of the CESER: a theme on soft mobility with threads, replies, supports and a pinned
//! synthesis, and one locked thread.
use app::forums::{markdown, store};
use app::platform::{
    db::{self, Pool},
    error::AppError,
};

/// Title, author, first post, then replies as (author, text, reply to the post at this index or None).
type DemoThread = (&'static str, &'static str, &'static str, &'static [(&'static str, &'static str, Option<usize>)]);

const THREADS: [DemoThread; 3] = [
    (
        "Des pistes cyclables qui relient vraiment les communes",
        "habitante@demo.agora.fr",
        "Les pistes s'arrêtent **aux limites des communes**. Entre Béthune et Beuvry, il faut finir sur la route \
         départementale. Quelles liaisons faudrait-il traiter en premier ?",
        &[
            (
                "organisation@demo.agora.fr",
                "La liaison Lens–Liévin d'abord : c'est la plus fréquentée par les lycéens.",
                None,
            ),
            ("moderation@demo.agora.fr", "D'accord, et il faut un éclairage : l'hiver, on rentre de nuit.", Some(0)),
            ("habitante@demo.agora.fr", "Les anciens cavaliers miniers feraient de très bonnes voies vertes.", None),
            (
                "organisation@demo.agora.fr",
                "> Les anciens cavaliers miniers\n\nOui, et ils existent déjà en partie.",
                Some(2),
            ),
        ],
    ),
    (
        "Train + vélo : combien de places faut-il ?",
        "organisation@demo.agora.fr",
        "Aux heures de pointe, les vélos ne montent pas toujours dans le TER. Faut-il plus de places à bord ou \
         des abris sécurisés en gare ?",
        &[("habitante@demo.agora.fr", "Les deux : des abris pour le quotidien, des places à bord le week-end.", None)],
    ),
    (
        "Stationnement en centre-ville",
        "moderation@demo.agora.fr",
        "Ce fil dérive vers le stationnement automobile, hors du thème : il est verrouillé.",
        &[],
    ),
];

pub(super) async fn load(pool: &Pool) -> Result<bool, AppError> {
    let (existing,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM forum_themes").fetch_one(pool).await?;
    if existing > 0 {
        return Ok(false);
    }
    let now = db::now();
    let (ceser,): (i64,) =
        sqlx::query_as("SELECT id FROM institutions WHERE name = 'CESER Hauts-de-France'").fetch_one(pool).await?;
    let theme = store::insert_theme(
        pool,
        ceser,
        "Mobilités douces : quelles priorités pour la région ?",
        "Marche, vélo, covoiturage, transports en commun : que faut-il améliorer d'abord pour se passer de la \
         voiture au quotidien ?",
        now - 30 * 86_400,
        now + 60 * 86_400,
    )
    .await?;
    let user = |email: &'static str| async move {
        let (id,): (i64,) = sqlx::query_as("SELECT id FROM users WHERE email = $1").bind(email).fetch_one(pool).await?;
        Ok::<_, AppError>(id)
    };
    let mut locked = None;
    for (title, author, body, replies) in THREADS {
        let thread =
            store::start_thread(pool, theme, user(author).await?, title, body, &markdown::render(body)).await?;
        let mut posts = Vec::new();
        for (author, text, parent) in replies {
            let parent = parent.map(|index| posts[index]);
            let id = store::add_post(pool, thread, parent, user(author).await?, text, &markdown::render(text)).await?;
            posts.push(id);
        }
        if let Some(first) = posts.first() {
            store::toggle_support(pool, *first, user("equipe@demo.agora.fr").await?).await?;
        }
        locked = Some(thread);
    }
    if let Some(thread) = locked {
        store::set_locked(pool, thread, true).await?;
    }
    let synthesis = "Premières tendances : **des liaisons cyclables continues** entre communes, en commençant par \
                     les trajets des lycéens, et **l'intermodalité train + vélo** (abris en gare, places à bord).";
    store::set_synthesis(pool, theme, &markdown::render(synthesis)).await?;
    Ok(true)
}
