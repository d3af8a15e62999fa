use crate::budget::{
    api::{PublishResults, compare_rules},
    model::{CountingRule, RuleComparison, RuleSummary, TerritoryComparison, money},
    paths,
};
use crate::platform::i18n::t;
use crate::platform::routing::slug_param;
use crate::ui::{FormAlert, Loaded, PageHeading, error_of};
use leptos::prelude::*;
use leptos_router::components::A;

/// `/budget/{slug}/comparaison`: greedy and equal shares side by side, then staff publish.
#[component]
pub fn ComparisonPage() -> impl IntoView {
    let slug = slug_param();
    let publish = ServerAction::<PublishResults>::new();
    let data = Resource::new(move || slug.get(), compare_rules);
    view! {
        <Loaded data missing=t("Comparer les règles de décompte", "Compare the counting rules")
                ready=move |comparison: RuleComparison| view! { <Comparison comparison publish /> } />
    }
}

#[component]
fn Comparison(comparison: RuleComparison, publish: ServerAction<PublishResults>) -> impl IntoView {
    let error = error_of(publish);
    let slug = comparison.slug.clone();
    let publish_slug = slug.clone();
    view! {
        <PageHeading title=format!("Comparer les règles — {}", comparison.title) />
        <p class="lead">
            {format!("Règle de la campagne : {}. ", comparison.rule.label())}
            {if comparison.public { t("Les résultats sont visibles de tous.", "Everyone can see the results.") }
             else { t("Les résultats ne sont pas encore publics.", "The results are not public yet.") }}
        </p>
        <p>
            {t("Glouton : les projets les plus soutenus d'abord, tant que l'enveloppe le permet. \
                Parts égales : l'enveloppe est partagée entre les votants, chaque projet est payé par ses soutiens.",
               "Greedy: the most supported projects first, while the envelope allows. \
                Equal shares: the envelope is shared among voters, each project is paid by its supporters.")}
        </p>
        {comparison.territories.into_iter().map(|territory| view! { <Territory territory /> }).collect_view()}
        {comparison.can_publish.then(|| view! {
            <section aria-labelledby="publier">
                <h2 id="publier">{t("Publier les résultats", "Publish the results")}</h2>
                <FormAlert error />
                <ActionForm action=publish attr:class="form">
                    <input type="hidden" name="slug" value=publish_slug.clone() />
                    <fieldset>
                        <legend>{t("Règle retenue", "Rule applied")}</legend>
                        <label><input type="radio" name="rule" value=CountingRule::Greedy.as_str() checked={comparison.rule == CountingRule::Greedy} />" "{CountingRule::Greedy.label()}</label>
                        <label><input type="radio" name="rule" value=CountingRule::EqualShares.as_str() checked={comparison.rule == CountingRule::EqualShares} />" "{CountingRule::EqualShares.label()}</label>
                    </fieldset>
                    <button type="submit" class="primary">{t("Publier les résultats", "Publish the results")}</button>
                </ActionForm>
            </section>
        })}
        <p><A href=paths::results(&slug)>{t("Résultats", "Results")}</A></p>
    }
}

#[component]
fn Territory(territory: TerritoryComparison) -> impl IntoView {
    let name = territory.territory_name.clone();
    let ballots = territory.ballots;
    let currency = territory.currency.clone();
    let summary = |rule: CountingRule, summary: &RuleSummary| {
        view! {
            <tr>
                <th scope="row">{rule.label()}</th>
                <td>{summary.funded}</td>
                <td>{money(summary.spent_cents, &currency)}</td>
                <td>{format!("{} sur {ballots}", summary.satisfied)}</td>
            </tr>
        }
    };
    let yes_no = |funded: bool| if funded { t("Financé", "Funded") } else { "—" };
    view! {
        <section>
            <h2>{name.clone()}</h2>
            <table>
                <caption>{format!("Bilan par règle — {name}, enveloppe {}", money(territory.envelope_cents, &currency))}</caption>
                <thead>
                    <tr>
                        <th scope="col">{t("Règle", "Rule")}</th>
                        <th scope="col">{t("Projets financés", "Funded projects")}</th>
                        <th scope="col">{t("Montant attribué", "Amount granted")}</th>
                        <th scope="col">{t("Bulletins avec au moins un projet financé", "Ballots with at least one funded project")}</th>
                    </tr>
                </thead>
                <tbody>
                    {summary(CountingRule::Greedy, &territory.greedy)}
                    {summary(CountingRule::EqualShares, &territory.equal_shares)}
                </tbody>
            </table>
            <table>
                <caption>{format!("Projets selon chaque règle — {name}")}</caption>
                <thead>
                    <tr>
                        <th scope="col">{t("Projet", "Project")}</th>
                        <th scope="col">{t("Voix", "Votes")}</th>
                        <th scope="col">{t("Coût", "Cost")}</th>
                        <th scope="col">{CountingRule::Greedy.label()}</th>
                        <th scope="col">{CountingRule::EqualShares.label()}</th>
                    </tr>
                </thead>
                <tbody>
                    {territory.projects.into_iter().map(|project| view! {
                        <tr>
                            <th scope="row">{project.title}</th>
                            <td>{project.votes}</td>
                            <td>{money(project.cost_cents, &currency)}</td>
                            <td>{yes_no(project.greedy)}</td>
                            <td>{yes_no(project.equal_shares)}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </section>
    }
}
