//! The authorization matrix: every registered server function, called by every kind of caller.
//! A server function missing from the table fails the test, so a new one cannot ship unreviewed.

use crate::common::{Browser, TestApp, path_of};
use app::accounts::{api as accounts, store};
use app::budget::api as budget;
use app::budget::api::setup as budget_setup;
use app::budget::api::submission as budget_projects;
use app::citizen_councils::api as citizen;
use app::collectifs::api as collectifs;
use app::consultations::api as consultations;
use app::contributions::api as contributions;
use app::dialogue::api as spaces;
use app::forums::api as forums;
use app::neighbourhood_councils::api as councils;
use app::petitions::api as petitions;
use app::platform::identity::Role;
use app::platform::{api as platform, error::AppError};
use reqwest::{Method, StatusCode};
use server::demo::BUDGET_SLUG;
use std::collections::{BTreeMap, BTreeSet};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Expect {
    /// The guard lets the caller through (the function may still refuse the arguments).
    Allowed,
    /// 401 for anonymous callers, 403 for signed-in ones.
    Denied,
}
use Expect::{Allowed, Denied};

/// The columns of the matrix, in order.
const CALLERS: [Option<Role>; 5] =
    [None, Some(Role::Resident), Some(Role::Moderator), Some(Role::Organiser), Some(Role::Staff)];

const EVERYONE: [Expect; 5] = [Allowed; 5];
const SIGNED_IN: [Expect; 5] = [Denied, Allowed, Allowed, Allowed, Allowed];
const STAFF_ONLY: [Expect; 5] = [Denied, Denied, Denied, Denied, Allowed];
const ORGANISERS_AND_STAFF: [Expect; 5] = [Denied, Denied, Denied, Allowed, Allowed];
const MODERATORS_AND_STAFF: [Expect; 5] = [Denied, Denied, Allowed, Denied, Allowed];

struct Case {
    path: &'static str,
    args: Vec<(&'static str, String)>,
    /// The call ends the caller's session: make it from a second session of the same account.
    ends_session: bool,
    expect: [Expect; 5],
}

fn case(path: &'static str, args: &[(&'static str, &str)], expect: [Expect; 5]) -> Case {
    Case {
        path,
        args: args.iter().map(|(name, value)| (*name, value.to_string())).collect(),
        ends_session: false,
        expect,
    }
}

/// One row per server function, keyed by its type's PATH. Arguments are plausible but harmless:
/// wrong passwords, unknown tokens, invalid forms, and a throwaway account for role changes.
fn matrix(throwaway_user: i64) -> Vec<Case> {
    let throwaway_user = throwaway_user.to_string();
    vec![
        // Platform.
        case(path_of::<platform::SetLanguage>(), &[("lang", "fr")], EVERYONE),
        case(path_of::<platform::Outbox>(), &[], STAFF_ONLY),
        // Spaces.
        case(path_of::<spaces::SpacesOverview>(), &[], EVERYONE),
        case(path_of::<spaces::StaffInstitutions>(), &[], STAFF_ONLY),
        // Accounts: open to everyone.
        case(path_of::<accounts::CurrentUser>(), &[], EVERYONE),
        case(path_of::<accounts::ListPlaces>(), &[], EVERYONE),
        case(
            path_of::<accounts::Register>(),
            &[
                ("email", "pas-une-adresse"),
                ("password", "court"),
                ("display_name", ""),
                ("birth_date", ""),
                ("commune_id", ""),
                ("territory_id", ""),
            ],
            EVERYONE,
        ),
        case(path_of::<accounts::VerifyEmail>(), &[("token", "jeton-inconnu")], EVERYONE),
        case(
            path_of::<accounts::Login>(),
            &[("email", "matrice@exemple.fr"), ("password", "pas-le-bon-mot"), ("next", "/")],
            EVERYONE,
        ),
        case(path_of::<accounts::RequestPasswordReset>(), &[("email", "personne@exemple.fr")], EVERYONE),
        case(
            path_of::<accounts::ResetPassword>(),
            &[("token", "jeton-inconnu"), ("password", "Un-nouveau-mot-2026")],
            EVERYONE,
        ),
        // Accounts: signed-in people, on their own account.
        Case { ends_session: true, ..case(path_of::<accounts::Logout>(), &[], SIGNED_IN) },
        case(path_of::<accounts::MyProfile>(), &[], SIGNED_IN),
        case(
            path_of::<accounts::UpdateProfile>(),
            &[("display_name", ""), ("commune_id", ""), ("territory_id", "")],
            SIGNED_IN,
        ),
        case(path_of::<accounts::ExportMyData>(), &[], SIGNED_IN),
        case(path_of::<accounts::DeleteAccount>(), &[("password", "pas-le-bon-mot")], SIGNED_IN),
        // Accounts: staff only.
        case(path_of::<accounts::ListAccounts>(), &[], STAFF_ONLY),
        case(
            path_of::<accounts::ChangeRole>(),
            &[("user_id", throwaway_user.as_str()), ("role", "moderator")],
            STAFF_ONLY,
        ),
        // Citizen budget: reading is open to everyone.
        case(path_of::<budget::ListCampaigns>(), &[], EVERYONE),
        case(
            path_of::<budget::CampaignPage>(),
            &[("slug", BUDGET_SLUG), ("territory", ""), ("category", ""), ("search", "")],
            EVERYONE,
        ),
        case(path_of::<budget::ProjectDetail>(), &[("slug", BUDGET_SLUG), ("id", "0")], EVERYONE),
        case(path_of::<budget::CheckReceipt>(), &[("slug", BUDGET_SLUG), ("code", "AAAA-BBBB-CCCC")], EVERYONE),
        case(path_of::<budget::CampaignResults>(), &[("slug", BUDGET_SLUG)], EVERYONE),
        // Voting needs an account (an empty ballot is then refused).
        case(path_of::<budget::CastBallot>(), &[("slug", BUDGET_SLUG)], SIGNED_IN),
        case(path_of::<budget::PreviewBallot>(), &[("slug", BUDGET_SLUG), ("chosen", "")], SIGNED_IN),
        // Review: organisers and staff (unknown project, missing reason: nothing changes).
        case(path_of::<budget::ReviewProjects>(), &[("slug", BUDGET_SLUG)], ORGANISERS_AND_STAFF),
        case(path_of::<budget::LabelProject>(), &[("project_id", "0")], ORGANISERS_AND_STAFF),
        case(path_of::<budget::RejectProject>(), &[("project_id", "0"), ("reason", "")], ORGANISERS_AND_STAFF),
        case(path_of::<budget::MergeProject>(), &[("project_id", "0"), ("into", "")], ORGANISERS_AND_STAFF),
        case(path_of::<budget::EnterPaperBallots>(), &[("slug", BUDGET_SLUG), ("ballots", "")], STAFF_ONLY),
        case(path_of::<budget::CampaignJournal>(), &[("slug", BUDGET_SLUG)], EVERYONE),
        case(path_of::<budget::VoteDashboard>(), &[("slug", BUDGET_SLUG)], ORGANISERS_AND_STAFF),
        case(path_of::<budget::CompareRules>(), &[("slug", BUDGET_SLUG)], ORGANISERS_AND_STAFF),
        // Publishing is staff's (the demo vote is still open: refused, nothing changes).
        case(path_of::<budget::PublishResults>(), &[("slug", BUDGET_SLUG), ("rule", "greedy")], STAFF_ONLY),
        // Setting up a campaign is staff's (an empty form is refused, nothing is stored).
        case(path_of::<budget_setup::CampaignTerritories>(), &[], STAFF_ONLY),
        case(
            path_of::<budget_setup::CreateCampaign>(),
            &[
                ("title", ""),
                ("description", ""),
                ("rules_text", ""),
                ("submission_opens", ""),
                ("submission_closes", ""),
                ("vote_opens", ""),
                ("vote_closes", ""),
                ("choices", ""),
                ("choice_mode", ""),
                ("min_age", ""),
                ("scope", ""),
                ("results_visibility", ""),
                ("rule", ""),
                ("min_votes", ""),
            ],
            STAFF_ONLY,
        ),
        // Residents' projects: submitting and editing need an account (the demo campaign's submission
        // is closed, project 0 does not exist: nothing changes); in-place edits and history are staff's.
        case(path_of::<budget_projects::SubmissionForm>(), &[("slug", BUDGET_SLUG)], EVERYONE),
        case(
            path_of::<budget_projects::SubmitProject>(),
            &[
                ("slug", BUDGET_SLUG),
                ("title", ""),
                ("summary", ""),
                ("description", ""),
                ("category", ""),
                ("cost", ""),
                ("territory", ""),
            ],
            SIGNED_IN,
        ),
        case(path_of::<budget_projects::MySubmittedProjects>(), &[("slug", BUDGET_SLUG)], SIGNED_IN),
        case(
            path_of::<budget_projects::EditProject>(),
            &[
                ("project_id", "0"),
                ("title", ""),
                ("summary", ""),
                ("description", ""),
                ("category", ""),
                ("cost", ""),
                ("territory", ""),
            ],
            SIGNED_IN,
        ),
        case(
            path_of::<budget_projects::EditProjectField>(),
            &[("project_id", "0"), ("field", "title"), ("value", "Titre")],
            ORGANISERS_AND_STAFF,
        ),
        case(path_of::<budget_projects::ProjectChanges>(), &[("project_id", "0")], ORGANISERS_AND_STAFF),
        case(path_of::<budget_projects::RemoveProjectImage>(), &[("project_id", "0")], SIGNED_IN),
        // Contributions: reading is open, contributing needs an account, retaining and synthesis are staff's.
        case(path_of::<contributions::ListCalls>(), &[], EVERYONE),
        case(path_of::<contributions::CallPage>(), &[("id", "0"), ("kind", ""), ("status", "")], EVERYONE),
        case(
            path_of::<contributions::Contribute>(),
            &[("call_id", "0"), ("kind", ""), ("title", ""), ("body", "")],
            SIGNED_IN,
        ),
        case(
            path_of::<contributions::RetainContribution>(),
            &[("contribution_id", "0"), ("retained", "1")],
            STAFF_ONLY,
        ),
        case(path_of::<contributions::PublishSynthesis>(), &[("call_id", "0"), ("synthesis", "")], STAFF_ONLY),
        case(
            path_of::<contributions::CreateCall>(),
            &[("institution_id", ""), ("title", ""), ("description", ""), ("opens_on", ""), ("closes_on", "")],
            STAFF_ONLY,
        ),
        // Forums: reading is open; posting, supporting and flagging need an account (unknown ids, empty
        // texts: nothing changes); moderation is for moderators and staff; themes and synthesis for staff.
        case(path_of::<forums::ListThemes>(), &[], EVERYONE),
        case(path_of::<forums::ThemePage>(), &[("id", "0")], EVERYONE),
        case(path_of::<forums::ThreadPage>(), &[("id", "0"), ("page", "1")], EVERYONE),
        case(path_of::<forums::StartThread>(), &[("theme_id", "0"), ("title", ""), ("body", "")], SIGNED_IN),
        case(path_of::<forums::Reply>(), &[("thread_id", "0"), ("body", "")], SIGNED_IN),
        case(path_of::<forums::EditPost>(), &[("post_id", "0"), ("body", "")], SIGNED_IN),
        case(path_of::<forums::SupportPost>(), &[("post_id", "0")], SIGNED_IN),
        case(path_of::<forums::FlagPost>(), &[("post_id", "0"), ("reason", "")], SIGNED_IN),
        case(path_of::<forums::SetReplyEmails>(), &[("enabled", "1")], SIGNED_IN),
        case(path_of::<forums::ModerationFlags>(), &[], MODERATORS_AND_STAFF),
        case(path_of::<forums::HidePost>(), &[("post_id", "0"), ("reason", "")], MODERATORS_AND_STAFF),
        case(path_of::<forums::DismissFlags>(), &[("post_id", "0")], MODERATORS_AND_STAFF),
        case(path_of::<forums::LockThread>(), &[("thread_id", "0"), ("locked", "1")], MODERATORS_AND_STAFF),
        case(
            path_of::<forums::CreateTheme>(),
            &[("institution_id", ""), ("title", ""), ("question", ""), ("opens_on", ""), ("closes_on", "")],
            STAFF_ONLY,
        ),
        case(path_of::<forums::PinSynthesis>(), &[("theme_id", "0"), ("synthesis", "")], STAFF_ONLY),
        // Petitions: reading and signing as a visitor are open; drafting and one-click signing need an
        // account (unknown petition 0, invalid forms: nothing changes).
        case(path_of::<petitions::ListPetitions>(), &[], EVERYONE),
        case(path_of::<petitions::PetitionPage>(), &[("id", "0")], EVERYONE),
        case(
            path_of::<petitions::SignAsVisitor>(),
            &[("id", "0"), ("full_name", ""), ("email", ""), ("commune_id", "")],
            EVERYONE,
        ),
        case(path_of::<petitions::ConfirmSignature>(), &[("token", "jeton-inconnu")], EVERYONE),
        case(path_of::<petitions::PetitionInstitutions>(), &[], SIGNED_IN),
        case(path_of::<petitions::CreatePetition>(), &[("institution_id", ""), ("title", ""), ("body", "")], SIGNED_IN),
        case(
            path_of::<petitions::UpdatePetition>(),
            &[("id", "0"), ("institution_id", ""), ("title", ""), ("body", "")],
            SIGNED_IN,
        ),
        case(path_of::<petitions::SubmitPetition>(), &[("id", "0")], SIGNED_IN),
        case(path_of::<petitions::SignPetition>(), &[("id", "0")], SIGNED_IN),
        // Moderation: moderators and staff; the institution's decision and the rules: staff.
        case(path_of::<petitions::ModerationQueue>(), &[], MODERATORS_AND_STAFF),
        case(path_of::<petitions::PublishPetition>(), &[("id", "0")], MODERATORS_AND_STAFF),
        case(path_of::<petitions::RejectPetition>(), &[("id", "0"), ("reason", "")], MODERATORS_AND_STAFF),
        case(path_of::<petitions::RecordDecision>(), &[("id", "0"), ("decision", ""), ("answer", "")], STAFF_ONLY),
        case(path_of::<petitions::PetitionRules>(), &[], STAFF_ONLY),
        case(
            path_of::<petitions::UpdatePetitionRules>(),
            &[
                ("institution_id", "0"),
                ("threshold_kind", "fixed"),
                ("threshold_fixed", "1"),
                ("electors", "0"),
                ("share_divisor", "10"),
                ("min_age", "16"),
                ("filings_per_period", "1"),
                ("filing_period_days", "365"),
                ("duration_days", "183"),
                ("burst_per_minute", "1"),
                ("per_five_minutes", "5"),
                ("retention_days", "90"),
            ],
            STAFF_ONLY,
        ),
        // Consultations: reading and answering are open (the audience is checked past the guard; unknown
        // consultation 0: nothing changes); building them is staff's.
        case(path_of::<consultations::ListConsultations>(), &[], EVERYONE),
        case(path_of::<consultations::ConsultationPage>(), &[("id", "0")], EVERYONE),
        case(path_of::<consultations::ConsultationResults>(), &[("id", "0")], EVERYONE),
        case(path_of::<consultations::AnswerConsultation>(), &[("id", "0")], EVERYONE),
        case(path_of::<consultations::ConsultationChoices>(), &[], STAFF_ONLY),
        case(
            path_of::<consultations::CreateConsultation>(),
            &[
                ("institution_id", ""),
                ("title", ""),
                ("description", ""),
                ("opens_on", ""),
                ("closes_on", ""),
                ("audience", ""),
                ("results_visibility", ""),
            ],
            STAFF_ONLY,
        ),
        case(
            path_of::<consultations::AddQuestion>(),
            &[("consultation_id", "0"), ("kind", ""), ("prompt", "")],
            STAFF_ONLY,
        ),
        case(path_of::<consultations::RemoveQuestion>(), &[("question_id", "0")], STAFF_ONLY),
        case(path_of::<consultations::PublishConsultation>(), &[("id", "0")], STAFF_ONLY),
        // Collectifs: reading is open to everyone; an unknown group makes every change a no-op.
        case(path_of::<collectifs::ListCollectifs>(), &[], EVERYONE),
        case(path_of::<collectifs::CollectifPage>(), &[("slug", "marche")], EVERYONE),
        case(path_of::<collectifs::Agenda>(), &[], EVERYONE),
        case(path_of::<collectifs::EventPage>(), &[("slug", "marche"), ("id", "0")], EVERYONE),
        case(path_of::<collectifs::JoinCollectif>(), &[("slug", "inconnu"), ("show_name", "1")], SIGNED_IN),
        case(path_of::<collectifs::LeaveCollectif>(), &[("slug", "inconnu")], SIGNED_IN),
        case(path_of::<collectifs::ShowMyName>(), &[("slug", "inconnu")], SIGNED_IN),
        case(path_of::<collectifs::RegisterForEvent>(), &[("slug", "inconnu"), ("event_id", "0")], SIGNED_IN),
        case(path_of::<collectifs::CancelRegistration>(), &[("slug", "inconnu"), ("event_id", "0")], SIGNED_IN),
        case(path_of::<collectifs::ListPublications>(), &[("chain_only", "true")], EVERYONE),
        case(path_of::<collectifs::PublicationPage>(), &[("slug", "marche"), ("id", "0")], EVERYONE),
        // Who may take which step is decided per text (facilitator or staff) and proven in the
        // collectifs tests; the guard only asks for an account.
        case(
            path_of::<collectifs::TakePublicationStep>(),
            &[("slug", "inconnu"), ("id", "0"), ("step", "submit")],
            SIGNED_IN,
        ),
        // Staff only: the state of a group and its agenda.
        case(
            path_of::<collectifs::ChangeCollectifState>(),
            &[("slug", "inconnu"), ("state", "dormant"), ("note", "")],
            STAFF_ONLY,
        ),
        case(
            path_of::<collectifs::CreateEvent>(),
            &[
                ("slug", "inconnu"),
                ("title", ""),
                ("starts_at", ""),
                ("ends_at", ""),
                ("place", ""),
                ("description", ""),
                ("capacity", ""),
            ],
            STAFF_ONLY,
        ),
        // Neighbourhood councils: public pages and records, candidacies by signed-in people.
        case(path_of::<councils::ListCouncils>(), &[], EVERYONE),
        case(path_of::<councils::CouncilPage>(), &[("slug", "catorive")], EVERYONE),
        case(path_of::<councils::DrawPage>(), &[("slug", "catorive")], EVERYONE),
        case(
            path_of::<councils::ApplyToCouncil>(),
            &[("slug", "inconnu"), ("full_name", ""), ("birth_date", ""), ("address", ""), ("postcode", "")],
            SIGNED_IN,
        ),
        case(path_of::<councils::WithdrawCandidacy>(), &[("slug", "inconnu")], SIGNED_IN),
        // Staff only: checking candidacies and running the draw.
        case(path_of::<councils::CouncilCandidacies>(), &[("slug", "inconnu")], STAFF_ONLY),
        case(path_of::<councils::AcceptCandidacy>(), &[("slug", "inconnu"), ("id", "0")], STAFF_ONLY),
        case(path_of::<councils::RefuseCandidacy>(), &[("slug", "inconnu"), ("id", "0"), ("reason", "")], STAFF_ONLY),
        case(path_of::<councils::PublishPool>(), &[("slug", "inconnu")], STAFF_ONLY),
        case(
            path_of::<councils::ConfigureCouncil>(),
            &[
                ("slug", "inconnu"),
                ("seats", ""),
                ("term_years", ""),
                ("round", ""),
                ("applications_open", ""),
                ("applications_close", ""),
                ("draw_day", ""),
            ],
            STAFF_ONLY,
        ),
        case(
            path_of::<councils::ScheduleMeeting>(),
            &[("slug", "inconnu"), ("starts_at", ""), ("place", ""), ("agenda", "")],
            STAFF_ONLY,
        ),
        case(path_of::<councils::RunDraw>(), &[("slug", "inconnu"), ("sources", ""), ("witnesses", "")], STAFF_ONLY),
        case(path_of::<councils::AnnounceWithdrawal>(), &[("slug", "inconnu"), ("public_id", "")], STAFF_ONLY),
        // Citizen councils and their fund: staff act for the councils; an application's pages and
        // steps check ownership past the guard (id 0 exists for nobody).
        case(path_of::<citizen::CitizenCouncilsSpace>(), &[], EVERYONE),
        case(path_of::<citizen::CitizenCouncilPage>(), &[("slug", "ales-tamaris")], EVERYONE),
        case(path_of::<citizen::AddCouncilMember>(), &[("slug", "inconnu"), ("name", ""), ("college", "")], STAFF_ONLY),
        case(path_of::<citizen::RemoveCouncilMember>(), &[("slug", "inconnu"), ("id", "0")], STAFF_ONLY),
        case(path_of::<citizen::SetEnvelope>(), &[("slug", "inconnu"), ("year", ""), ("amount", "")], STAFF_ONLY),
        case(path_of::<citizen::FundPage>(), &[], EVERYONE),
        case(path_of::<citizen::ApplyOptions>(), &[], SIGNED_IN),
        case(
            path_of::<citizen::SubmitApplication>(),
            &[
                ("council_id", ""),
                ("territory_id", ""),
                ("title", ""),
                ("description", ""),
                ("carrier_name", ""),
                ("starts_on", ""),
                ("ends_on", ""),
                ("budget", ""),
                ("requested", ""),
            ],
            SIGNED_IN,
        ),
        case(path_of::<citizen::ApplicationPage>(), &[("id", "0")], SIGNED_IN),
        case(path_of::<citizen::GrantApplication>(), &[("id", "0"), ("amount", "")], STAFF_ONLY),
        case(path_of::<citizen::RefuseApplication>(), &[("id", "0"), ("reason", "")], STAFF_ONLY),
        case(path_of::<citizen::AskInformation>(), &[("id", "0"), ("question", "")], STAFF_ONLY),
        case(path_of::<citizen::AnswerInformation>(), &[("id", "0"), ("answer", "")], SIGNED_IN),
    ]
}

/// Checks one answer against the expectation; returns what went wrong.
async fn judge(response: reqwest::Response, caller: Option<Role>, expect: Expect) -> Result<(), String> {
    let status = response.status();
    let body = response.text().await.unwrap_or_default();
    let error: Option<AppError> = serde_json::from_str(&body).ok();
    // A crash is no answer: whatever the caller and the arguments, the server says what it refuses.
    if status.is_server_error() {
        return Err(format!("server error {status}: {body}"));
    }
    match (expect, caller) {
        (Allowed, _) => {
            if status == StatusCode::UNAUTHORIZED || status == StatusCode::FORBIDDEN {
                return Err(format!("expected allowed, got {status}: {body}"));
            }
            // An argument that did not decode never reached the guard: that proves nothing.
            if let Some(AppError::Request(message)) = error {
                return Err(format!("arguments refused before the guard ran: {message}"));
            }
            // Past the guard the function may still refuse the arguments (422, 409…), never the caller.
            if matches!(error, Some(AppError::Unauthenticated | AppError::Forbidden)) {
                return Err(format!("expected allowed, got {status}: {body}"));
            }
            Ok(())
        }
        (Denied, None) if status == StatusCode::UNAUTHORIZED && error == Some(AppError::Unauthenticated) => Ok(()),
        (Denied, Some(_)) if status == StatusCode::FORBIDDEN && error == Some(AppError::Forbidden) => Ok(()),
        (Denied, None) => Err(format!("expected 401 Unauthenticated, got {status}: {body}")),
        (Denied, Some(_)) => Err(format!("expected 403 Forbidden, got {status}: {body}")),
    }
}

dual_test!(every_server_function_follows_the_matrix, |backend| {
    let app = TestApp::spawn(backend).await;
    let throwaway = resident(&app, "jetable@exemple.fr", "x").await;
    let table = matrix(throwaway);

    // The table and the registry must name the same functions.
    let registered: BTreeMap<&str, Method> = leptos::server_fn::axum::server_fn_paths()
        .map(|(path, method)| (path, Method::from_bytes(method.as_str().as_bytes()).unwrap()))
        .collect();
    let listed: BTreeSet<&str> = table.iter().map(|case| case.path).collect();
    assert_eq!(listed.len(), table.len(), "a server function is listed twice");
    let missing: Vec<_> = registered.keys().filter(|path| !listed.contains(*path)).collect();
    assert!(missing.is_empty(), "server functions without an authorization entry: {missing:?}");
    let unknown: Vec<_> = listed.iter().filter(|path| !registered.contains_key(*path)).collect();
    assert!(unknown.is_empty(), "table entries for unregistered paths: {unknown:?}");

    let mut browsers: Vec<Browser> = Vec::new();
    for caller in CALLERS {
        browsers.push(match caller {
            None => app.new_browser(),
            Some(role) => app.login(role).await,
        });
    }

    let mut failures = Vec::new();
    let mut calls = 0;
    for case in &table {
        let method = &registered[case.path];
        let args: Vec<(&str, &str)> = case.args.iter().map(|(name, value)| (*name, value.as_str())).collect();
        for (column, caller) in CALLERS.into_iter().enumerate() {
            let browser = match caller {
                Some(role) if case.ends_session => app.login(role).await,
                _ => browsers[column].clone(),
            };
            let response = browser.call(method, case.path, &args).await;
            calls += 1;
            if let Err(problem) = judge(response, caller, case.expect[column]).await {
                failures.push(format!("{method} {} as {caller:?}: {problem}", case.path));
            }
        }
    }
    assert!(failures.is_empty(), "authorization matrix violated:\n{}", failures.join("\n"));
    assert_eq!(calls, registered.len() * CALLERS.len());

    // The calls left the callers' own sessions alone, so every row above was judged signed in.
    for (column, caller) in CALLERS.into_iter().enumerate() {
        let status = browsers[column].get_fn(path_of::<accounts::MyProfile>(), &[]).await.status();
        let expected = if caller.is_some() { StatusCode::OK } else { StatusCode::UNAUTHORIZED };
        assert_eq!(status, expected, "session of {caller:?} after the matrix");
    }
    // Staff's role change reached the throwaway account, and only it.
    let (role,): (String,) =
        sqlx::query_as("SELECT role FROM users WHERE id = $1").bind(throwaway).fetch_one(&app.pool).await.unwrap();
    assert_eq!(role, "moderator");
    assert_eq!(app.count("SELECT COUNT(*) FROM role_changes").await, 1);
});

dual_test!(staff_cannot_demote_themselves, |backend| {
    let app = TestApp::spawn(backend).await;
    let staff = app.login(Role::Staff).await;
    let (email, _) = crate::common::demo_credentials(Role::Staff);
    let (id,): (i64,) =
        sqlx::query_as("SELECT id FROM users WHERE email = $1").bind(email).fetch_one(&app.pool).await.unwrap();
    let response =
        staff.post_fn(path_of::<accounts::ChangeRole>(), &[("user_id", &id.to_string()), ("role", "resident")]).await;
    assert!(matches!(crate::common::app_error(response).await, AppError::Refused(_)));
    let response =
        staff.post_fn(path_of::<accounts::ChangeRole>(), &[("user_id", &id.to_string()), ("role", "admin")]).await;
    assert!(
        matches!(crate::common::app_error(response).await, AppError::Refused(message) if message == "Rôle inconnu.")
    );
    assert_eq!(app.count("SELECT COUNT(*) FROM role_changes").await, 0);
});

/// A verified resident account with this address and password hash; its id.
async fn resident(app: &TestApp, email: &str, password_hash: &str) -> i64 {
    let user = store::NewUser {
        email,
        password_hash,
        display_name: "Habitante de passage",
        birth_date: "1990-01-01",
        commune_id: None,
        territory_id: None,
        role: "resident",
        verified: true,
    };
    store::insert_user(&app.pool, &user).await.unwrap().expect("a new address")
}

/// A row of `sql` (one text column), for the objects the test works on.
async fn text_of(app: &TestApp, sql: &str, id: i64) -> String {
    let row: (String,) =
        sqlx::query_as(sql).bind(id).fetch_one(&app.pool).await.unwrap_or_else(|error| panic!("{sql}: {error}"));
    row.0
}

dual_test!(a_second_resident_is_refused_the_first_ones_objects, |backend| {
    let app = TestApp::spawn(backend).await;
    let first = app.login(Role::Resident).await;
    let (first_email, _) = crate::common::demo_credentials(Role::Resident);
    let (owner,): (i64,) =
        sqlx::query_as("SELECT id FROM users WHERE email = $1").bind(first_email).fetch_one(&app.pool).await.unwrap();
    let password = "Un-autre-mot-de-passe-2026";
    let hash = app::accounts::password::hash_password(password.into()).await.unwrap();
    resident(&app, "deuxieme.habitante@exemple.fr", &hash).await;
    let second = app.new_browser();
    second.login("deuxieme.habitante@exemple.fr", password).await;
    assert_eq!(second.get_fn(path_of::<accounts::MyProfile>(), &[]).await.status(), StatusCode::OK, "signed in");

    // The first resident's objects: a budget project with its image, a petition draft, a forum
    // post, a grant application.
    let (project,): (i64,) = sqlx::query_as(
        "SELECT MIN(p.id) FROM budget_projects p JOIN budget_campaigns c ON c.id = p.campaign_id \
         WHERE c.slug = $1 AND p.author_id = $2",
    )
    .bind(server::demo::NEXT_BUDGET_SLUG)
    .bind(owner)
    .fetch_one(&app.pool)
    .await
    .unwrap();
    sqlx::query(
        "INSERT INTO budget_project_images (project_id, content_type, bytes, description, uploaded_at) \
         VALUES ($1, 'image/png', $2, 'Plan du projet', 0)",
    )
    .bind(project)
    .bind(b"\x89PNG\r\n\x1a\n".to_vec())
    .execute(&app.pool)
    .await
    .unwrap();
    let (institution,): (i64,) = sqlx::query_as("SELECT MIN(id) FROM institutions").fetch_one(&app.pool).await.unwrap();
    let institution = institution.to_string();
    let petition_body = "Nous demandons des bancs tous les deux cents mètres le long du canal, pour que chacun \
                         puisse s'y promener, s'y reposer et profiter des berges réaménagées.";
    let created = first
        .post_fn(
            path_of::<petitions::CreatePetition>(),
            &[("institution_id", &institution), ("title", "Des bancs le long du canal"), ("body", petition_body)],
        )
        .await;
    assert!(created.status().is_success() || created.status().is_redirection(), "{}", created.text().await.unwrap());
    let (petition,): (i64,) = sqlx::query_as("SELECT MAX(id) FROM petitions WHERE author_id = $1 AND state = 'draft'")
        .bind(owner)
        .fetch_one(&app.pool)
        .await
        .unwrap();
    let thread = crate::common::long_thread(&app, 0).await;
    let (post,): (i64,) = sqlx::query_as("SELECT MIN(id) FROM forum_posts WHERE thread_id = $1")
        .bind(thread)
        .fetch_one(&app.pool)
        .await
        .unwrap();
    let (application,): (i64,) = sqlx::query_as("SELECT MIN(id) FROM fund_applications WHERE user_id = $1")
        .bind(owner)
        .fetch_one(&app.pool)
        .await
        .unwrap();

    let project_title = "SELECT title FROM budget_projects WHERE id = $1";
    let petition_state = "SELECT title || ' / ' || state FROM petitions WHERE id = $1";
    let post_body = "SELECT body FROM forum_posts WHERE id = $1";
    let application_state = "SELECT status FROM fund_applications WHERE id = $1";
    let before = [
        text_of(&app, project_title, project).await,
        text_of(&app, petition_state, petition).await,
        text_of(&app, post_body, post).await,
        text_of(&app, application_state, application).await,
    ];
    let images = "SELECT COUNT(*) FROM budget_project_images WHERE project_id = ";
    let (project, petition, post, application) =
        (project.to_string(), petition.to_string(), post.to_string(), application.to_string());
    let attempts: Vec<(&str, Vec<(&str, &str)>)> = vec![
        (
            path_of::<budget_projects::EditProject>(),
            vec![
                ("project_id", &project),
                ("title", "Projet repris par une autre"),
                ("summary", "Un résumé qui n'est pas celui de l'autrice"),
                ("description", "Une description écrite par quelqu'un d'autre que l'autrice du projet."),
                ("category", "Environnement"),
                ("cost", "10000"),
                ("territory", ""),
            ],
        ),
        (path_of::<budget_projects::RemoveProjectImage>(), vec![("project_id", &project)]),
        (
            path_of::<petitions::UpdatePetition>(),
            vec![
                ("id", &petition),
                ("institution_id", &institution),
                ("title", "Titre détourné"),
                ("body", petition_body),
            ],
        ),
        (path_of::<petitions::SubmitPetition>(), vec![("id", &petition)]),
        (path_of::<petitions::PetitionPage>(), vec![("id", &petition)]),
        (path_of::<forums::EditPost>(), vec![("post_id", &post), ("body", "Message réécrit par une autre")]),
        (path_of::<citizen::ApplicationPage>(), vec![("id", &application)]),
        (path_of::<citizen::AnswerInformation>(), vec![("id", &application), ("answer", "Réponse détournée")]),
    ];
    let registered: BTreeMap<&str, Method> = leptos::server_fn::axum::server_fn_paths()
        .map(|(path, method)| (path, Method::from_bytes(method.as_str().as_bytes()).unwrap()))
        .collect();
    let mut failures = Vec::new();
    for (path, args) in &attempts {
        let response = second.call(&registered[path], path, args).await;
        let status = response.status();
        if status != StatusCode::FORBIDDEN && status != StatusCode::NOT_FOUND {
            failures.push(format!("{path}: {status} {}", response.text().await.unwrap_or_default()));
        }
    }
    assert!(failures.is_empty(), "the second resident reached the first one's objects:\n{}", failures.join("\n"));
    let after = [
        text_of(&app, project_title, project.parse().unwrap()).await,
        text_of(&app, petition_state, petition.parse().unwrap()).await,
        text_of(&app, post_body, post.parse().unwrap()).await,
        text_of(&app, application_state, application.parse().unwrap()).await,
    ];
    assert_eq!(after, before, "nothing changed");
    assert_eq!(app.count(&format!("{images}{project}")).await, 1, "the image is still there");
    // The same reads are the first resident's own: the refusals above were about whose they are.
    for path in [path_of::<petitions::PetitionPage>(), path_of::<citizen::ApplicationPage>()] {
        let id = if path == path_of::<petitions::PetitionPage>() { &petition } else { &application };
        assert_eq!(first.get_fn(path, &[("id", id)]).await.status(), StatusCode::OK, "{path} for its owner");
    }
});
