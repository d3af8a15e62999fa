//! Server functions for staff setting up a campaign.
// A server function takes one argument per form field, so that the form works without JavaScript.
#![allow(clippy::too_many_arguments)]
use crate::platform::error::AppError;
use crate::platform::places::Place;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;
use std::collections::BTreeMap;

#[cfg(feature = "ssr")]
use crate::{
    accounts::store as accounts,
    budget::{
        domain::campaign::{CampaignForm, parse_campaign},
        paths, store,
    },
    platform::{error::FormErrors, guard, identity::Role, state::app_state},
};

/// Every territory a campaign can fund, for the envelopes of the form.
#[server(input = GetUrl)]
pub async fn campaign_territories() -> Result<Vec<Place>, AppError> {
    guard::role(&[Role::Staff]).await?;
    Ok(accounts::places(&app_state()?.pool).await?.territories)
}

/// Staff create a campaign: everything is checked, then stored with its envelopes in one go.
#[server]
pub async fn create_campaign(
    title: String,
    description: String,
    rules_text: String,
    submission_opens: String,
    submission_closes: String,
    vote_opens: String,
    vote_closes: String,
    choices: String,
    choice_mode: String,
    min_age: String,
    scope: String,
    #[server(default)] ballot_changeable: String,
    results_visibility: String,
    rule: String,
    min_votes: String,
    #[server(default)] envelopes: BTreeMap<String, String>,
) -> Result<(), AppError> {
    guard::role(&[Role::Staff]).await?;
    let pool = app_state()?.pool;
    let territories: Vec<(i64, String)> =
        accounts::places(&pool).await?.territories.into_iter().map(|place| (place.id, place.name)).collect();
    let raw = CampaignForm {
        title: &title,
        description: &description,
        rules_text: &rules_text,
        submission_opens: &submission_opens,
        submission_closes: &submission_closes,
        vote_opens: &vote_opens,
        vote_closes: &vote_closes,
        choices: &choices,
        choice_mode: &choice_mode,
        min_age: &min_age,
        scope: &scope,
        ballot_changeable: &ballot_changeable,
        results_visibility: &results_visibility,
        rule: &rule,
        min_votes: &min_votes,
        envelopes: &envelopes,
    };
    let invalid = |problems: Vec<(String, String)>| {
        let mut errors = FormErrors::default();
        for (name, value) in [
            ("title", &title),
            ("description", &description),
            ("rules_text", &rules_text),
            ("submission_opens", &submission_opens),
            ("submission_closes", &submission_closes),
            ("vote_opens", &vote_opens),
            ("vote_closes", &vote_closes),
            ("choices", &choices),
            ("choice_mode", &choice_mode),
            ("min_age", &min_age),
            ("scope", &scope),
            ("ballot_changeable", &ballot_changeable),
            ("results_visibility", &results_visibility),
            ("rule", &rule),
            ("min_votes", &min_votes),
        ] {
            errors.keep(name, value.as_str());
        }
        for (name, value) in &envelopes {
            errors.keep(name, value.as_str());
        }
        for (field, message) in problems {
            errors.add(&field, message);
        }
        AppError::Invalid(errors)
    };
    let draft = parse_campaign(&raw, &territories).map_err(invalid)?;
    if store::create_campaign(&pool, &draft).await?.is_none() {
        return Err(invalid(vec![(
            "title".into(),
            format!("Une campagne a déjà l'adresse {} : choisissez un autre titre.", paths::campaign(&draft.slug)),
        )]));
    }
    leptos_axum::redirect(&format!("{}?creee=1", paths::campaign(&draft.slug)));
    Ok(())
}
