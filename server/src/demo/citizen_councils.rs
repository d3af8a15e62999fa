//! Demo citizen councils of Alès Agglomération: the neighbourhoods each covers, members, the minutes
//! of 2019 and 2020 and the documents of the seed page, envelopes, and applications to the fund at
//! every stage (submitted, more information asked, granted, refused, report filed), and the
//! councils' meetings in the agenda.
use super::text_pdf;
use app::citizen_councils::{
    domain::{BudgetLine, ValidApplication, ValidReport, minutes_title},
    model::{ApplicationStatus, CitizenCouncil},
    store,
};
use app::collectifs::store::{self as events, Host};
use app::platform::{
    db::{self, Pool},
    error::AppError,
    files::store_file,
    text::slug_of,
};
use chrono::{Datelike, Days, NaiveDate};

/// The months of the seed's minutes.
const MINUTES: [&str; 11] = [
    "2020-01-01",
    "2019-12-01",
    "2019-11-01",
    "2019-10-01",
    "2019-09-01",
    "2019-06-01",
    "2019-05-01",
    "2019-04-01",
    "2019-03-01",
    "2019-02-01",
    "2019-01-01",
];

const DOCUMENTS: [&str; 5] = [
    "Fiche projet — Fonds de Participation des Habitants, arrondissement d'Alès",
    "Fiche bilan — Fonds de Participation des Habitants",
    "Règlement de fonctionnement — Fonds de Participation des Habitants, Conseils Citoyens de l'arrondissement d'Alès",
    "Règlement intérieur du Conseil Citoyen",
    "Plaquette « Conseils citoyens »",
];

const PLENARY_AGENDA: &str = "Ordre du jour : nouvelles du quartier, demandes au Fonds de Participation des \
    Habitants, préparation de la fête de quartier. Réunion ouverte aux habitants.";

const WORKSHOP: (&str, &str) = (
    "Atelier : monter son projet pour le Fonds de Participation des Habitants",
    "Remplir la fiche projet, construire le budget, trouver d'autres financements : \
     deux heures avec l'équipe du conseil citoyen pour préparer votre demande.",
);

const FIRST_NAMES: [&str; 6] = ["Nadia", "Jean-Luc", "Maryse", "Karim", "Sylvie", "Thomas"];
const LAST_NAMES: [&str; 7] = ["Bensaïd", "Fabre", "Chabert", "Azzouz", "Roux", "Pellet", "Castanier"];

/// The councils' space, unless it is there already. Returns whether anything was loaded.
pub async fn load(pool: &Pool) -> Result<bool, AppError> {
    let (files,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM citizen_council_files").fetch_one(pool).await?;
    let councils = store::councils(pool).await?;
    let resident: Option<(i64,)> = sqlx::query_as("SELECT id FROM users WHERE email = $1")
        .bind(super::DEMO_ACCOUNTS[0].0)
        .fetch_optional(pool)
        .await?;
    let (Some((resident,)), false, 0) = (resident, councils.is_empty(), files) else { return Ok(false) };
    let neighbourhoods = store::neighbourhoods(pool).await?;
    for council in &councils {
        if let Some((territory, _)) = neighbourhoods.iter().find(|(_, name)| *name == council.name) {
            store::cover(pool, council.id, *territory).await?;
        }
    }
    for (index, council) in councils.iter().enumerate() {
        for n in 0..3 + index % 3 {
            let name = format!("{} {}", FIRST_NAMES[(n + index) % 6], LAST_NAMES[(n * 2 + index) % 7]);
            store::add_member(pool, council.id, &name, "habitant").await?;
        }
        store::add_member(pool, council.id, &format!("Centre social — {}", council.name), "acteur").await?;
    }
    for day in MINUTES {
        let title = minutes_title(day);
        let pdf = text_pdf(&format!("Conseils citoyens d'Ales Agglomeration - compte rendu {}", &day[..7]));
        let stored = store_file(pool, "application/pdf", &pdf).await?;
        store::add_file(pool, "minutes", &title, day, &stored.sha256, None).await?;
    }
    for title in DOCUMENTS {
        let stored = store_file(pool, "application/pdf", &text_pdf(&slug_of(title))).await?;
        store::add_file(pool, "document", title, "2019-09-01", &stored.sha256, None).await?;
    }
    let today = chrono::DateTime::from_timestamp(db::now(), 0).map_or(NaiveDate::MIN, |at| at.date_naive());
    let this_year = i64::from(today.year());
    for council in &councils {
        let amount = if council.scope == "agglomeration" { 1_000_000 } else { 500_000 };
        for year in [this_year - 1, this_year, this_year + 1] {
            store::set_envelope(pool, council.id, year, amount).await?;
        }
    }
    applications(pool, &councils, &neighbourhoods, resident, today).await?;
    agenda(pool, &councils, resident).await?;
    Ok(true)
}

/// Each council meets once a month at its social centre: the last meeting and the next one are in
/// the agenda. The first council also runs a workshop on the fund, where the demo resident has a place.
async fn agenda(pool: &Pool, councils: &[CitizenCouncil], resident: i64) -> Result<(), AppError> {
    let now = db::now();
    for (index, council) in (0_i64..).zip(councils) {
        let place = format!("Centre social — {}", council.name);
        for days in [index - 25, index + 6] {
            let title = format!("Réunion plénière — {}", council.name);
            let event = super::evening_event(now, days, &title, &place, PLENARY_AGENDA, None);
            events::insert_event(pool, Host::Council(council.id), &event).await?;
        }
    }
    if let Some(council) = councils.first() {
        let place = format!("Centre social — {}", council.name);
        let event = super::evening_event(now, 13, WORKSHOP.0, &place, WORKSHOP.1, Some(12));
        let id = events::insert_event(pool, Host::Council(council.id), &event).await?;
        events::register(pool, id, resident, now).await?;
    }
    Ok(())
}

/// One application per stage, most of them the demo resident's, so that a reviewer sees them all.
async fn applications(
    pool: &Pool,
    councils: &[CitizenCouncil],
    neighbourhoods: &[(i64, String)],
    resident: i64,
    today: NaiveDate,
) -> Result<(), AppError> {
    let (staff,): (i64,) =
        sqlx::query_as("SELECT id FROM users WHERE email = $1").bind(super::DEMO_ACCOUNTS[3].0).fetch_one(pool).await?;
    let later = today + Days::new(60);
    let earlier = today - Days::new(200);
    let cases: [(&str, &str, ApplicationStatus, NaiveDate, i64); 6] = [
        ("Alès Tamaris", "Fête des voisins de Tamaris", ApplicationStatus::Submitted, later, 60_000),
        ("Alès Rive Droite", "Atelier vélo du samedi", ApplicationStatus::Information, later, 45_000),
        ("Alès Près-Saint-Jean", "Jardin partagé de Près-Saint-Jean", ApplicationStatus::Granted, later, 80_000),
        ("Anduze Centre-Ville", "Sortie à la mer pour les familles", ApplicationStatus::Refused, later, 150_000),
        ("Alès Centre-Ville", "Fresque du passage des Halles", ApplicationStatus::Reported, earlier, 120_000),
        (
            "Alès « Couronne Nord » (Cévennes, Pierre-Curie, Moulinet)",
            "Tournoi de foot des Cévennes",
            ApplicationStatus::Submitted,
            later,
            30_000,
        ),
    ];
    for (index, (name, title, stage, starts_on, requested)) in cases.into_iter().enumerate() {
        let council = councils.iter().find(|council| council.name == name).ok_or(AppError::NotFound)?;
        let territory = neighbourhoods.iter().find(|(_, n)| n == name).map(|(id, _)| *id).ok_or(AppError::NotFound)?;
        let budget = vec![
            BudgetLine { label: "Matériel et fournitures".into(), amount: requested / 2 },
            BudgetLine { label: "Location de salle ou de véhicule".into(), amount: requested / 2 + 20_000 },
        ];
        let application = ValidApplication {
            council_id: council.id,
            territory_id: territory,
            title: title.to_string(),
            description: format!(
                "{title} : un projet imaginé par les habitants du quartier {name}, ouvert à tous, pour se retrouver \
                 et faire ensemble."
            ),
            carrier_kind: if index % 2 == 0 { "habitants" } else { "association" },
            carrier_name: if index % 2 == 0 {
                format!("Les voisins de {name}")
            } else {
                "Association Vivre ensemble".into()
            },
            starts_on,
            ends_on: starts_on + Days::new(1),
            total: budget.iter().map(|line| line.amount).sum(),
            budget,
            requested,
            other_funding: if index == 2 { "Bailleur social : 200 € de plantations".into() } else { String::new() },
        };
        // The last one came on paper: no account follows it.
        let owner = (index < 5).then_some(resident);
        let id = store::insert_application(pool, owner, &application).await?;
        match stage {
            ApplicationStatus::Information => {
                let question = "Le vélo-école sera-t-il ouvert aux enfants ? Précisez l'encadrement prévu.";
                store::decide(pool, id, ApplicationStatus::Submitted, ApplicationStatus::Information, question, staff)
                    .await?;
            }
            ApplicationStatus::Refused => {
                let reason =
                    "Le fonds ne finance pas les sorties hors du quartier : présentez plutôt un projet sur place.";
                store::decide(pool, id, ApplicationStatus::Submitted, ApplicationStatus::Refused, reason, staff)
                    .await?;
            }
            ApplicationStatus::Granted | ApplicationStatus::Reported => {
                store::grant(pool, id, requested, staff).await?;
            }
            ApplicationStatus::Submitted => {}
        }
        if stage == ApplicationStatus::Reported {
            let report = ValidReport {
                spent: requested - 4_500,
                participants: 38,
                summary:
                    "La fresque est peinte : 38 habitants, dont 15 enfants, ont tenu les pinceaux sur deux jours. \
                          Il reste 45 € de peinture rendus au conseil."
                        .into(),
            };
            let sheet =
                store_file(pool, "application/pdf", &text_pdf("Fiche bilan - Fresque du passage des Halles")).await?;
            store::file_report(pool, id, &report, &sheet.sha256).await?;
        }
    }
    Ok(())
}
