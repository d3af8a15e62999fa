//! Demo consultations of the CESER Hauts-de-France: an open survey on soft mobility with a few dozen
//! answers, so that its charts show something, and a finished one whose results waited for the closing.
use app::consultations::{
    domain::{Answer, Audience, Kind, NewQuestion, Question, Visibility},
    store::{self, NewConsultation, Respondent},
};
use app::platform::{
    db::{self, Pool},
    error::AppError,
    session::token_hash,
};

const DAY: i64 = 86_400;

/// A demo question; `weights` make some answers more frequent than others (per option, or per
/// scale value from 1).
struct DemoQuestion {
    kind: Kind,
    prompt: &'static str,
    required: bool,
    max_choices: i64,
    scale_max: i64,
    options: &'static [&'static str],
    weights: &'static [i64],
}

struct DemoConsultation {
    title: &'static str,
    description: &'static str,
    /// Days from now (negative: in the past); the last day is included.
    opens: i64,
    last_day: i64,
    visibility: Visibility,
    questions: &'static [DemoQuestion],
    responses: i64,
}

const COMMENTS: [&str; 6] = [
    "Il manque une piste cyclable sécurisée entre Lens et Liévin : aujourd'hui on roule au milieu des camions.",
    "Des arceaux vélo couverts à la gare d'Arras seraient déjà un grand progrès.",
    "Les trottoirs du centre-ville sont trop étroits pour les poussettes et les fauteuils.",
    "Pouvoir monter avec son vélo dans le TER aux heures de pointe changerait tout pour moi.",
    "Une aide régionale au vélo à assistance électrique, sous condition de ressources, s'il vous plaît.",
    "Éclairer les véloroutes le long des canaux l'hiver.",
];

const CONSULTATIONS: [DemoConsultation; 2] = [
    DemoConsultation {
        title: "Mobilités douces : vos déplacements à vélo et à pied",
        description: "Le CESER Hauts-de-France prépare un avis sur les mobilités douces dans la région. Dites-nous \
                      comment vous vous déplacez, ce qui vous freine et ce qui vous aiderait à marcher ou à pédaler \
                      davantage.\n\nLe questionnaire prend cinq minutes. Les réponses sont anonymes ; les résultats \
                      s'affichent au fil de la consultation.",
        opens: -12,
        last_day: 30,
        visibility: Visibility::During,
        questions: &[
            DemoQuestion {
                kind: Kind::Single,
                prompt: "Comment vous rendez-vous le plus souvent au travail ou sur votre lieu d'études ?",
                required: true,
                max_choices: 0,
                scale_max: 0,
                options: &["En voiture", "En transports en commun", "À vélo", "À pied", "En covoiturage"],
                weights: &[9, 5, 3, 4, 1],
            },
            DemoQuestion {
                kind: Kind::Multiple,
                prompt: "Qu'est-ce qui vous inciterait à utiliser davantage le vélo ?",
                required: true,
                max_choices: 3,
                scale_max: 0,
                options: &[
                    "Des pistes cyclables continues et sécurisées",
                    "Des stationnements vélo sécurisés dans les gares",
                    "Une aide à l'achat d'un vélo à assistance électrique",
                    "Pouvoir embarquer son vélo dans le TER",
                    "Des douches et des vestiaires au travail",
                ],
                weights: &[8, 5, 4, 3, 2],
            },
            DemoQuestion {
                kind: Kind::Scale,
                prompt: "Comment jugez-vous la sécurité des trajets à vélo dans votre commune ? (1 : très \
                         dangereux, 5 : très sûr)",
                required: true,
                max_choices: 0,
                scale_max: 5,
                options: &[],
                weights: &[4, 7, 5, 2, 1],
            },
            DemoQuestion {
                kind: Kind::Ranking,
                prompt: "Classez ces priorités pour la Région, de la plus importante (1) à la moins importante (4).",
                required: true,
                max_choices: 0,
                scale_max: 0,
                options: &[
                    "Relier les villes par des véloroutes",
                    "Sécuriser les abords des écoles",
                    "Développer les parkings vélo dans les gares",
                    "Rendre les trottoirs accessibles à tous",
                ],
                weights: &[3, 4, 2, 3],
            },
            DemoQuestion {
                kind: Kind::Text,
                prompt: "Une remarque ou une proposition ?",
                required: false,
                max_choices: 0,
                scale_max: 0,
                options: &[],
                weights: &[],
            },
        ],
        responses: 42,
    },
    DemoConsultation {
        title: "Accès aux soins de proximité : votre expérience",
        description: "Pour préparer son rapport sur la santé dans les territoires, le CESER Hauts-de-France a \
                      recueilli l'expérience des habitants : délais pour consulter, distance, solutions souhaitées.\
                      \n\nLes résultats ont été publiés à la clôture de la consultation.",
        opens: -80,
        last_day: -21,
        visibility: Visibility::After,
        questions: &[
            DemoQuestion {
                kind: Kind::Single,
                prompt: "Combien de temps vous faut-il pour obtenir un rendez-vous chez un médecin généraliste ?",
                required: true,
                max_choices: 0,
                scale_max: 0,
                options: &[
                    "Moins d'une semaine",
                    "Une à deux semaines",
                    "Plus de deux semaines",
                    "Je n'ai pas de médecin traitant",
                ],
                weights: &[3, 5, 4, 2],
            },
            DemoQuestion {
                kind: Kind::Scale,
                prompt: "Votre satisfaction quant à l'accès aux soins près de chez vous (1 : très insatisfait, 10 : \
                         très satisfait)",
                required: true,
                max_choices: 0,
                scale_max: 10,
                options: &[],
                weights: &[1, 2, 4, 5, 6, 4, 3, 2, 1, 1],
            },
            DemoQuestion {
                kind: Kind::Multiple,
                prompt: "Quelles solutions soutenez-vous ? (deux au plus)",
                required: false,
                max_choices: 2,
                scale_max: 0,
                options: &[
                    "Des maisons de santé pluriprofessionnelles",
                    "La téléconsultation en pharmacie",
                    "Des bus santé itinérants",
                    "Des aides à l'installation des jeunes médecins",
                ],
                weights: &[7, 3, 4, 6],
            },
        ],
        responses: 28,
    },
];

/// A deterministic pseudo-random number for respondent `n` and `salt` (the same demo every time).
fn noise(n: i64, salt: i64) -> i64 {
    let mixed = (n.wrapping_mul(2_654_435_761) ^ salt.wrapping_mul(40_503)).wrapping_mul(2_246_822_519);
    (mixed >> 7).rem_euclid(1_000_003)
}

/// An index drawn according to `weights`.
fn weighted(weights: &[i64], n: i64, salt: i64) -> usize {
    let mut draw = noise(n, salt) % weights.iter().sum::<i64>().max(1);
    for (index, weight) in weights.iter().enumerate() {
        if draw < *weight {
            return index;
        }
        draw -= weight;
    }
    0
}

/// Respondent `n`'s answer to question number `salt`.
fn answer(demo: &DemoQuestion, question: &Question, n: i64, salt: i64) -> Option<Answer> {
    let option = |index: usize| question.choices[index].id;
    match demo.kind {
        Kind::Single => Some(Answer::Choice(option(weighted(demo.weights, n, salt)))),
        Kind::Multiple => {
            let mut chosen: Vec<usize> = (0..question.choices.len())
                .filter(|&index| noise(n, salt * 31 + index as i64) % 10 < demo.weights[index])
                .take(demo.max_choices as usize)
                .collect();
            if chosen.is_empty() {
                chosen.push(weighted(demo.weights, n, salt));
            }
            Some(Answer::Choices(chosen.into_iter().map(option).collect()))
        }
        Kind::Scale => Some(Answer::Scale(weighted(demo.weights, n, salt) as i64 + 1)),
        Kind::Ranking => {
            let mut order: Vec<usize> = (0..question.choices.len()).collect();
            order.sort_by_key(|&index| -(demo.weights[index] * 10 + noise(n, salt * 17 + index as i64) % 25));
            let ranks = order.into_iter().enumerate().map(|(rank, index)| (option(index), rank as i64 + 1));
            Some(Answer::Ranking(ranks.collect()))
        }
        Kind::Text => (n % 7 == 3).then(|| Answer::Text(COMMENTS[(n / 7) as usize % COMMENTS.len()].to_string())),
    }
}

/// Loads the demo consultations unless some consultation exists. Returns whether anything was loaded.
pub(super) async fn load(pool: &Pool) -> Result<bool, AppError> {
    let (existing,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM consultations").fetch_one(pool).await?;
    if existing > 0 {
        return Ok(false);
    }
    let (ceser,): (i64,) =
        sqlx::query_as("SELECT id FROM institutions WHERE name = 'CESER Hauts-de-France'").fetch_one(pool).await?;
    let today = db::now() / DAY * DAY;
    for demo in &CONSULTATIONS {
        let id = store::insert_consultation(
            pool,
            &NewConsultation {
                institution_id: ceser,
                title: demo.title,
                description: demo.description,
                opens_at: today + demo.opens * DAY,
                closes_at: today + (demo.last_day + 1) * DAY,
                audience: Audience::Everyone,
                territory_id: None,
                results_visibility: demo.visibility,
                created_by: None,
            },
        )
        .await?;
        for question in demo.questions {
            let new = NewQuestion {
                kind: question.kind,
                prompt: question.prompt.to_string(),
                required: question.required,
                max_choices: question.max_choices,
                scale_max: question.scale_max,
                options: question.options.iter().map(|option| option.to_string()).collect(),
            };
            store::add_question(pool, id, &new).await?;
        }
        store::publish(pool, id).await?;
        let questions = store::questions(pool, id).await?;
        let mut responses = Vec::new();
        for n in 0..demo.responses {
            let answers: Vec<(i64, Answer)> = demo
                .questions
                .iter()
                .zip(&questions)
                .enumerate()
                .filter_map(|(salt, (asked, question))| {
                    answer(asked, question, n, salt as i64 + id).map(|answer| (question.id, answer))
                })
                .collect();
            let visitor = token_hash(&format!("demo-{id}-{n}"));
            responses.push(store::NewResponse::new(id, Respondent::Visitor(&visitor), answers));
        }
        store::insert_responses(pool, &responses).await?.into_iter().collect::<Result<Vec<bool>, _>>()?;
    }
    Ok(true)
}
