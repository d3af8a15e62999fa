use crate::collectifs::{api::list_collectifs, model::CollectifList, paths};
use crate::platform::i18n::t;
use crate::platform::routing::query_param;
use crate::ui::{Loaded, PageHeading, Pages};
use leptos::prelude::*;
use leptos_router::components::A;

/// `/collectifs`: every group with its theme, state, members and coming events.
#[component]
pub fn CollectifsPage() -> impl IntoView {
    let page = query_param("page");
    let collectifs = Resource::new(move || page.get().and_then(|page| page.parse().ok()), list_collectifs);
    view! {
        <PageHeading title=t("Collectifs", "Groups") />
        <p class="lead">
            {t("Des groupes thématiques ouverts à tous, qui rendent des avis validés par le bureau municipal puis présentés aux commissions d'élus. Rejoignez-en un ou plusieurs.",
               "Thematic groups open to all, whose opinions are validated by the municipal bureau then presented to elected commissions. Join one or several.")}
        </p>
        <p>
            <A href=paths::agenda()>{t("Agenda des collectifs et des conseils", "Agenda of the groups and councils")}</A>" · "
            <A href=paths::publications()>{t("Publications", "Publications")}</A>" · "
            <A href=paths::tracker()>{t("Suivi des avis", "Opinions tracker")}</A>
        </p>
        <Loaded data=collectifs ready={move |list: CollectifList| view! {
                <ul class="cards">
                    {list.collectifs.into_iter().map(|collectif| view! {
                        <li class="card">
                            <h2><A href=paths::collectif(&collectif.slug)>{collectif.name.clone()}</A></h2>
                            <p>{collectif.theme.clone()}</p>
                            <p>
                                {t("État : ", "State: ")}{collectif.state.label()}
                                " · "{collectif.members}" "{t("membre(s)", "member(s)")}
                                " · "{collectif.upcoming_events}" "{t("événement(s) à venir", "upcoming event(s)")}
                            </p>
                        </li>
                    }).collect_view()}
                </ul>
                <Pages base=paths::collectifs() page=list.shown.page pages=list.shown.pages label=t("Pages des collectifs", "Pages of groups") />
            }} />
    }
}
