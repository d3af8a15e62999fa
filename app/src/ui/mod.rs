//! Widgets shared by every space: form fields with their errors, alerts, headings.
use crate::platform::places::{Places, TerritoryKind};
use crate::platform::{error::AppError, i18n::t};
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;

pub mod live;

/// The error of the last run of `action`, if it failed.
pub fn error_of<S>(action: ServerAction<S>) -> Signal<Option<AppError>>
where
    S: ServerFn<Error = AppError> + Clone + Send + Sync + 'static,
    S::Output: Clone + Send + Sync + 'static,
{
    Signal::derive(move || action.value().get().and_then(Result::err))
}

/// The value typed before a failed submission, so nothing has to be typed twice.
pub fn kept_value(error: Signal<Option<AppError>>, name: &str) -> Option<String> {
    error.with_untracked(|error| error.as_ref().and_then(AppError::form).and_then(|form| form.value(name)))
}

/// The message a failed submission left on field `name`.
pub fn field_message(error: Signal<Option<AppError>>, name: impl Into<String>) -> Signal<Option<String>> {
    let name = name.into();
    Signal::derive(move || {
        error.with(|error| error.as_ref().and_then(AppError::form).and_then(|form| form.message(&name)))
    })
}

/// The page's `<title>` and its single `<h1>`.
#[component]
pub fn PageHeading(#[prop(into)] title: String) -> impl IntoView {
    view! {
        <Title text=format!("{title} — Agora") />
        <h1>{title}</h1>
    }
}

/// The summary above a form after a failed submission, announced to screen readers.
#[component]
pub fn FormAlert(error: Signal<Option<AppError>>) -> impl IntoView {
    move || {
        error.get().map(|error| {
            view! {
                <p class="alert alert-error" role="alert">
                    {error.to_string()}
                </p>
            }
        })
    }
}

/// A message confirming what just happened (e.g. after a redirect with `?enregistre=1`).
#[component]
pub fn Notice(#[prop(into)] text: String) -> impl IntoView {
    view! {
        <p class="alert alert-ok" role="status">
            {text}
        </p>
    }
}

/// The first and last days of an opening window, the last included (`opens_on`, `closes_on`: what
/// `platform::time::day_window` reads).
#[component]
pub fn DayWindowFields(error: Signal<Option<AppError>>) -> impl IntoView {
    view! {
        <Field label=t("Ouverture (AAAA-MM-JJ)", "Opens (YYYY-MM-DD)") name="opens_on" kind="date" error />
        <Field label=t("Clôture, dernier jour inclus (AAAA-MM-JJ)", "Closes, last day included (YYYY-MM-DD)") name="closes_on" kind="date" error />
    }
}

/// A labelled input (or, with `kind="textarea"`, a text area) with its hint and its error message,
/// tied together for assistive technology.
#[component]
pub fn Field(
    label: &'static str,
    name: &'static str,
    #[prop(default = "text")] kind: &'static str,
    #[prop(optional)] autocomplete: Option<&'static str>,
    #[prop(default = true)] required: bool,
    #[prop(optional)] hint: Option<&'static str>,
    #[prop(optional, into)] initial: Option<String>,
    error: Signal<Option<AppError>>,
) -> impl IntoView {
    let id = format!("champ-{name}");
    let hint_id = format!("{id}-aide");
    let error_id = format!("{id}-erreur");
    let message = field_message(error, name);
    // Passwords are never sent back.
    let value = if kind == "password" { None } else { kept_value(error, name).or(initial) };
    let described_by = {
        let hint_id = hint_id.clone();
        let error_id = error_id.clone();
        move || {
            let mut ids = Vec::new();
            if hint.is_some() {
                ids.push(hint_id.clone());
            }
            if message.with(Option::is_some) {
                ids.push(error_id.clone());
            }
            (!ids.is_empty()).then(|| ids.join(" "))
        }
    };
    view! {
        <div class="field">
            <label for=id.clone()>
                {label}
                {required.then(|| view! { <span class="required" aria-hidden="true">" *"</span> })}
            </label>
            {hint.map(|hint| view! { <p class="hint" id=hint_id.clone()>{hint}</p> })}
            {if kind == "textarea" {
                view! {
                    <textarea
                        id=id.clone()
                        name=name
                        rows="8"
                        required=required
                        aria-invalid=move || message.with(Option::is_some).then_some("true")
                        aria-describedby=described_by
                    >
                        {value}
                    </textarea>
                }
                    .into_any()
            } else {
                view! {
                    <input
                        id=id.clone()
                        name=name
                        type=kind
                        value=value
                        autocomplete=autocomplete
                        required=required
                        aria-invalid=move || message.with(Option::is_some).then_some("true")
                        aria-describedby=described_by
                    />
                }
                    .into_any()
            }}
            {move || message.get().map(|text| view! { <p class="field-error" id=error_id.clone()>{text}</p> })}
        </div>
    }
}

/// A new password, with the policy as its hint (registration and reset share it).
#[component]
pub fn NewPasswordField(label: &'static str, error: Signal<Option<AppError>>) -> impl IntoView {
    view! {
        <Field
            label
            name="password"
            kind="password"
            autocomplete="new-password"
            hint=t("De 8 à 128 caractères ; évitez les mots de passe courants.", "8 to 128 characters; avoid common passwords.")
            error
        />
    }
}

/// A labelled drop-down list; `options` are (value, label) pairs, the first one chosen by default
/// unless `selected` or the value kept from a failed submission names another.
#[component]
pub fn SelectField(
    label: &'static str,
    name: &'static str,
    options: Vec<(String, String)>,
    #[prop(optional, into)] selected: Option<String>,
    #[prop(optional)] placeholder: Option<&'static str>,
    #[prop(default = true)] required: bool,
    error: Signal<Option<AppError>>,
) -> impl IntoView {
    let id = format!("champ-{name}");
    let error_id = format!("{id}-erreur");
    let message = field_message(error, name);
    let selected = kept_value(error, name).or(selected);
    let described_by = {
        let error_id = error_id.clone();
        move || message.with(Option::is_some).then(|| error_id.clone())
    };
    view! {
        <div class="field">
            <label for=id.clone()>
                {label}
                {required.then(|| view! { <span class="required" aria-hidden="true">" *"</span> })}
            </label>
            <select
                id=id
                name=name
                required=required
                aria-invalid=move || message.with(Option::is_some).then_some("true")
                aria-describedby=described_by
            >
                {placeholder.map(|text| view! { <option value="">{text}</option> })}
                {options
                    .into_iter()
                    .map(|(value, text)| {
                        let chosen = selected.as_deref() == Some(value.as_str());
                        view! { <option value=value selected=chosen>{text}</option> }
                    })
                    .collect_view()}
            </select>
            {move || message.get().map(|text| view! { <p class="field-error" id=error_id.clone()>{text}</p> })}
        </div>
    }
}

/// The commune and neighbourhood/territory lists, grouped by kind.
#[component]
pub fn PlaceSelects(
    places: Places,
    #[prop(default = None)] commune: Option<i64>,
    #[prop(default = None)] territory: Option<i64>,
    error: Signal<Option<AppError>>,
) -> impl IntoView {
    let kept = |name| kept_value(error, name).and_then(|value| value.parse::<i64>().ok());
    let commune = kept("commune_id").or(commune);
    let territory = kept("territory_id").or(territory);
    let (commune_error, territory_error) = (field_message(error, "commune_id"), field_message(error, "territory_id"));
    let message = move |name: &'static str, text: Signal<Option<String>>| {
        move || text.get().map(|text| view! { <p class="field-error" id=format!("champ-{name}-erreur")>{text}</p> })
    };
    let described_by = move |name: &'static str, text: Signal<Option<String>>| {
        move || text.with(Option::is_some).then(|| format!("champ-{name}-erreur"))
    };
    let mut kinds: Vec<TerritoryKind> = places.territories.iter().filter_map(|place| place.kind).collect();
    kinds.dedup();
    let groups = kinds
        .into_iter()
        .map(|kind| {
            let options = places
                .territories
                .iter()
                .filter(|place| place.kind == Some(kind))
                .map(|place| view! { <option value=place.id selected=territory == Some(place.id)>{place.name.clone()}</option> })
                .collect_view();
            view! { <optgroup label=kind.label()>{options}</optgroup> }
        })
        .collect_view();
    view! {
        <div class="field">
            <label for="champ-commune_id">{t("Commune", "Town")}<span class="required" aria-hidden="true">" *"</span></label>
            <select
                id="champ-commune_id"
                name="commune_id"
                required=true
                aria-invalid=move || commune_error.with(Option::is_some).then_some("true")
                aria-describedby=described_by("commune_id", commune_error)
            >
                <option value="">{t("— Choisir —", "— Choose —")}</option>
                {places
                    .communes
                    .into_iter()
                    .map(|place| view! { <option value=place.id selected=commune == Some(place.id)>{place.name}</option> })
                    .collect_view()}
            </select>
            {message("commune_id", commune_error)}
        </div>
        <div class="field">
            <label for="champ-territory_id">{t("Quartier ou territoire (facultatif)", "Neighbourhood or area (optional)")}</label>
            <select
                id="champ-territory_id"
                name="territory_id"
                aria-invalid=move || territory_error.with(Option::is_some).then_some("true")
                aria-describedby=described_by("territory_id", territory_error)
            >
                <option value="">{t("— Aucun —", "— None —")}</option>
                {groups}
            </select>
            {message("territory_id", territory_error)}
        </div>
    }
}

/// Shows `ready(value)` once `data` has loaded, "Chargement…" meanwhile, and the error if loading
/// failed — under a `missing` heading when given, for pages whose title comes from the data, or
/// as `explain` shows the errors it knows (a login link for a visitor, say).
#[component]
pub fn Loaded<T, F, V>(
    data: Resource<Result<T, AppError>>,
    ready: F,
    #[prop(optional)] missing: Option<&'static str>,
    #[prop(optional)] explain: Option<fn(&AppError) -> Option<AnyView>>,
) -> impl IntoView
where
    T: Clone + Send + Sync + 'static,
    F: Fn(T) -> V + Clone + Send + Sync + 'static,
    V: IntoView + 'static,
{
    view! {
        <Suspense fallback=Loading>
            {move || {
                let ready = ready.clone();
                Suspend::new(async move {
                    match data.await {
                        Ok(value) => ready(value).into_any(),
                        Err(error) => match explain.and_then(|explain| explain(&error)) {
                            Some(shown) => shown,
                            None => view! {
                                {missing.map(|title| view! { <PageHeading title /> })}
                                <LoadError error />
                            }
                            .into_any(),
                        },
                    }
                })
            }}
        </Suspense>
    }
}

/// Links to each page of a long list (`{base}?page=N`), the current one marked; nothing when the
/// list fits on one page.
#[component]
pub fn Pages(base: String, page: i64, pages: i64, label: &'static str) -> impl IntoView {
    (pages > 1).then(|| {
        view! {
            <nav class="pages" aria-label=label>
                <ul>
                    {(1..=pages).map(|number| view! {
                        <li>
                            <a href=format!("{base}?page={number}") aria-current=(number == page).then_some("page")>{number}</a>
                        </li>
                    }).collect_view()}
                </ul>
            </nav>
        }
    })
}

/// A button-styled link shown to staff only (the target page checks the role again).
#[component]
pub fn StaffAction(href: String, label: &'static str) -> impl IntoView {
    let crate::platform::identity::CurrentUser(user) = expect_context::<crate::platform::identity::CurrentUser>();
    view! {
        <Transition fallback=|| ()>
            {move || {
                let href = href.clone();
                Suspend::new(async move {
                let staff = matches!(user.await, Ok(Some(user)) if user.role == crate::platform::identity::Role::Staff);
                staff.then(|| view! {
                    <p class="actions">
                        <leptos_router::components::A href=href attr:class="button">{label}</leptos_router::components::A>
                    </p>
                })
            })}}
        </Transition>
    }
}

/// What a page shows while its data loads, and when loading failed.
#[component]
pub fn Loading() -> impl IntoView {
    view! { <p class="loading">{t("Chargement…", "Loading…")}</p> }
}

#[component]
pub fn LoadError(error: AppError) -> impl IntoView {
    view! { <p class="alert alert-error" role="alert">{error.to_string()}</p> }
}

/// The notice or error a plain (multipart) form's redirect carries in the address: `done` set
/// shows `saved`; `refused` holds a problem code that `problem` turns into French.
#[component]
pub fn UploadOutcome(
    done: Memo<Option<String>>,
    refused: Memo<Option<String>>,
    saved: &'static str,
    problem: fn(&str) -> Option<&'static str>,
) -> impl IntoView {
    view! {
        {move || done.get().map(|_| view! { <Notice text=saved.to_string() /> })}
        {move || refused.get().map(|code| {
            let problem = problem(&code).unwrap_or("Le fichier n'a pas pu être enregistré.");
            view! { <p class="alert alert-error" role="alert">{format!("{} {problem}", t("Non enregistré :", "Not saved:"))}</p> }
        })}
    }
}
