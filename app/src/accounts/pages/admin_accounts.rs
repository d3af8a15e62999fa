use crate::accounts::api::{ChangeRole, list_accounts};
use crate::accounts::model::AccountRow;
use crate::accounts::paths;
use crate::platform::i18n::t;
use crate::platform::identity::Role;
use crate::ui::{FormAlert, Loaded, PageHeading, error_of};
use leptos::prelude::*;
use leptos_router::components::A;

/// Staff change roles here; every change is kept in the role history.
#[component]
pub fn AdminAccountsPage() -> impl IntoView {
    let change = ServerAction::<ChangeRole>::new();
    let error = error_of(change);
    let accounts = Resource::new(move || change.version().get(), |_| list_accounts());
    view! {
        <PageHeading title=t("Comptes et rôles", "Accounts and roles") />
        <p><A href=paths::outbox()>{t("Voir les courriels envoyés (boîte d'envoi)", "See sent emails (outbox)")}</A></p>
        <FormAlert error />
        <Loaded data=accounts ready={move |rows: Vec<AccountRow>| view! {
                <table>
                    <caption>{t("Comptes", "Accounts")}</caption>
                    <thead>
                        <tr>
                            <th scope="col">{t("Nom", "Name")}</th>
                            <th scope="col">{t("Adresse", "Email")}</th>
                            <th scope="col">{t("Confirmée", "Confirmed")}</th>
                            <th scope="col">{t("Rôle", "Role")}</th>
                        </tr>
                    </thead>
                    <tbody>
                        {rows.into_iter().map(|row| {
                            let select_id = format!("role-{}", row.id);
                            view! {
                                <tr>
                                    <td>{row.display_name.clone()}</td>
                                    <td>{row.email.clone()}</td>
                                    <td>{if row.verified { t("oui", "yes") } else { t("non", "no") }}</td>
                                    <td>
                                        <ActionForm action=change attr:class="inline-form">
                                            <input type="hidden" name="user_id" value=row.id />
                                            <label class="visually-hidden" for=select_id.clone()>{format!("Rôle de {}", row.display_name)}</label>
                                            <select id=select_id name="role">
                                                {Role::ALL.into_iter().map(|role| view! {
                                                    <option value=role.as_str() selected=row.role == role>{role.label()}</option>
                                                }).collect_view()}
                                            </select>
                                            <button type="submit">{t("Changer", "Change")}</button>
                                        </ActionForm>
                                    </td>
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
            }} />
    }
}
