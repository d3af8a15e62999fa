//! Staff change a project's field in place, in the hydrated app: the new value shows at once, the
//! server's answer replaces it, or the old value comes back with the reason.
use crate::budget::{
    api::submission::edit_project_field,
    domain::submission::{Field, parse_euros},
    model::euros,
};
use crate::platform::i18n::t;
use leptos::prelude::*;

/// What the editors of one project share: whether they are on, and the message they leave.
#[derive(Clone, Copy)]
pub struct InPlace {
    pub project_id: i64,
    pub active: Signal<bool>,
    pub message: RwSignal<Option<(bool, String)>>,
}

impl InPlace {
    /// On once the page is hydrated, when `allowed`: without the app the buttons would do nothing.
    pub fn new(project_id: i64, allowed: bool) -> InPlace {
        let hydrated = RwSignal::new(false);
        // Effects run only in the browser.
        Effect::new(move |_| hydrated.set(true));
        InPlace { project_id, active: Signal::derive(move || allowed && hydrated.get()), message: RwSignal::new(None) }
    }
}

/// The outcome of the last change, announced to screen readers.
#[component]
pub fn InPlaceMessage(in_place: InPlace) -> impl IntoView {
    move || {
        in_place.message.get().map(|(saved, text)| {
            view! {
                <p class=if saved { "alert alert-ok" } else { "alert alert-error" } role=if saved { "status" } else { "alert" }>
                    {text}
                </p>
            }
        })
    }
}

/// A cost as a form field reads it back: plain digits, cents only when there are some.
pub fn plain_euros(cents: i64) -> String {
    match cents % 100 {
        0 => (cents / 100).to_string(),
        rest => format!("{},{rest:02}", cents / 100),
    }
}

/// A button beside a value that opens a small form to change it in place. The new value shows at
/// once; the server's answer then replaces it, or the old value comes back with the reason.
/// In a list, `about` names the project, so that each button and field says which one it changes.
#[component]
pub fn InPlaceEditor(
    in_place: InPlace,
    field: Field,
    shown: RwSignal<String>,
    typed: String,
    #[prop(optional)] options: Vec<(String, String)>,
    #[prop(optional)] about: Option<String>,
) -> impl IntoView {
    let editing = RwSignal::new(false);
    let typed = RwSignal::new(typed);
    let draft = RwSignal::new(String::new());
    let options = StoredValue::new(options);
    let name = match &about {
        Some(project) => format!("{} de « {project} »", field.label().to_lowercase()),
        None => field.label().to_lowercase(),
    };
    let input_id = format!("en-place-{}-{}", in_place.project_id, field.name());
    let save = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let value = draft.get_untracked();
        let (old_shown, old_typed) = (shown.get_untracked(), typed.get_untracked());
        let optimistic = match field {
            Field::Cost => parse_euros(&value).map_or_else(|| value.clone(), euros),
            Field::Territory => options.with_value(|options| {
                options.iter().find(|(id, _)| *id == value).map_or_else(|| value.clone(), |(_, name)| name.clone())
            }),
            _ => value.trim().to_string(),
        };
        shown.set(optimistic);
        typed.set(value.clone());
        editing.set(false);
        in_place.message.set(None);
        leptos::task::spawn_local(async move {
            match edit_project_field(in_place.project_id, field.name().to_string(), value).await {
                Ok(now_reads) => {
                    shown.set(now_reads);
                    in_place.message.set(Some((true, format!("{} enregistré.", field.label()))));
                }
                Err(error) => {
                    shown.set(old_shown);
                    typed.set(old_typed);
                    let why = error.form().and_then(|form| form.message(field.name())).unwrap_or(error.to_string());
                    in_place.message.set(Some((false, format!("{} non modifié : {why}", field.label()))));
                }
            }
        });
    };
    move || {
        if !in_place.active.get() {
            return None;
        }
        let name = name.clone();
        let input_id = input_id.clone();
        Some(if editing.get() {
            let control = if field == Field::Territory {
                view! {
                    <select id=input_id.clone() on:change=move |event| draft.set(event_target_value(&event))>
                        {options.with_value(|options| options.iter().map(|(id, label)| {
                            let chosen = *id == draft.get_untracked();
                            view! { <option value=id.clone() selected=chosen>{label.clone()}</option> }
                        }).collect_view())}
                    </select>
                }
                .into_any()
            } else {
                view! {
                    <input id=input_id.clone() type="text" prop:value=move || draft.get() on:input=move |event| draft.set(event_target_value(&event)) />
                }.into_any()
            };
            view! {
                <form class="inline-form in-place" on:submit=save>
                    <label for=input_id>{format!("Nouveau {name}")}</label>
                    {control}
                    <button type="submit">{t("Enregistrer", "Save")}</button>
                    <button type="button" on:click=move |_| editing.set(false)>{t("Annuler", "Cancel")}</button>
                </form>
            }
            .into_any()
        } else {
            view! {
                <button type="button" class="link-button" on:click=move |_| {
                    draft.set(typed.get_untracked());
                    editing.set(true);
                }>
                    {t("Modifier", "Edit")}<span class="visually-hidden">{format!(" : {name}")}</span>
                </button>
            }
            .into_any()
        })
    }
}
