use super::refresh_session_on_success;
use crate::accounts::api::{DeleteAccount, ExportMyData, UpdateProfile, list_places, my_profile};
use crate::accounts::model::Profile;
use crate::accounts::paths;
use crate::platform::places::Places;
use crate::platform::routing::query_param;
use crate::platform::{error::AppError, i18n::t};
use crate::ui::{Field, FormAlert, Loaded, Notice, PageHeading, PlaceSelects, error_of};
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_router::components::A;

#[component]
pub fn ProfilePage() -> impl IntoView {
    let update = ServerAction::<UpdateProfile>::new();
    let delete = ServerAction::<DeleteAccount>::new();
    // The header shows the display name: reload it after an edit.
    refresh_session_on_success(update);
    let update_error = error_of(update);
    let delete_error = error_of(delete);
    let saved = query_param("enregistre");
    let data = Resource::new(
        move || update.version().get(),
        |_| async move { Ok::<_, AppError>((my_profile().await?, list_places().await?)) },
    );
    view! {
        <PageHeading title=t("Mon compte", "My account") />
        {move || saved.get().map(|_| view! { <Notice text=t("Profil enregistré.", "Profile saved.") /> })}
        <Loaded data explain=visitor_login ready={move |(profile, places): (Profile, Places)| {
                        let role = profile.role.label();
                        view! {
                            <dl class="facts">
                                <dt>{t("Adresse électronique", "Email address")}</dt>
                                <dd>{profile.email.clone()}</dd>
                                <dt>{t("Date de naissance", "Date of birth")}</dt>
                                <dd>{profile.birth_date.clone()}</dd>
                                <dt>{t("Rôle", "Role")}</dt>
                                <dd>{role}</dd>
                            </dl>
                            <h2>{t("Modifier mon profil", "Edit my profile")}</h2>
                            <FormAlert error=update_error />
                            <ActionForm action=update attr:class="form" attr:novalidate=true>
                                <Field label=t("Nom affiché", "Display name") name="display_name" autocomplete="nickname" initial=profile.display_name.clone() error=update_error />
                                <PlaceSelects places commune=profile.commune_id territory=profile.territory_id error=update_error />
                                <button type="submit" class="primary">{t("Enregistrer", "Save")}</button>
                            </ActionForm>
                        }
        }} />
        <h2>{t("Mes données", "My data")}</h2>
        <p>
            <a href=ExportMyData::PATH download="mes-donnees-agora.json">{t("Télécharger mes données (JSON)", "Download my data (JSON)")}</a>
        </p>
        <h2>{t("Supprimer mon compte", "Delete my account")}</h2>
        <p>{t("La suppression est définitive. Confirmez avec votre mot de passe.", "Deletion is final. Confirm with your password.")}</p>
        <FormAlert error=delete_error />
        <ActionForm action=delete attr:class="form" attr:novalidate=true>
            <Field label=t("Mot de passe", "Password") name="password" kind="password" autocomplete="current-password" error=delete_error />
            <button type="submit" class="danger">{t("Supprimer définitivement mon compte", "Delete my account for good")}</button>
        </ActionForm>
    }
}

/// A visitor is asked to log in rather than shown an error.
fn visitor_login(error: &AppError) -> Option<AnyView> {
    matches!(error, AppError::Unauthenticated).then(|| {
        view! {
            <p>{t("Connectez-vous pour voir votre compte.", "Log in to see your account.")}" "
                <A href=paths::login_then(&paths::profile())>{t("Se connecter", "Log in")}</A>
            </p>
        }
        .into_any()
    })
}
