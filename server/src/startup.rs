//! Builds the state and the router, and serves until shutdown.
use crate::form_flash;
use crate::security::{OriginPolicy, check_origin, security_headers, server_fn_error_status, strict_transport};
use app::budget::VoterBallot;
use app::consultations::NewResponse;
use app::platform::{
    batch_queue::BatchQueue,
    config::Config,
    db, mail,
    state::{AppState, Services},
};
use app::{App, shell};
use axum::{Router, extract::State, http::StatusCode, middleware, routing::get};
use leptos::config::{Env, LeptosOptions};
use leptos_axum::{LeptosRoutes, generate_route_list};
use std::{net::SocketAddr, path::Path, sync::Arc};
use tokio::{net::TcpListener, sync::Notify};
use tower_http::{
    CompressionLevel,
    compression::CompressionLayer,
    limit::RequestBodyLimitLayer,
    request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer},
    trace::TraceLayer,
};

/// Where the built site (WASM, JS, CSS, public files) is read from.
fn leptos_options(config: &Config) -> LeptosOptions {
    let site_root = std::env::var("LEPTOS_SITE_ROOT").unwrap_or_else(|_| "target/site".into());
    let env = match std::env::var("LEPTOS_ENV").as_deref() {
        Ok("DEV") | Ok("dev") => Env::DEV,
        _ => Env::PROD,
    };
    LeptosOptions::builder()
        .output_name("agora")
        .site_root(site_root)
        .site_pkg_dir("pkg")
        .site_addr(config.site_addr)
        .env(env)
        .hash_files(hashed_asset_names())
        .build()
}

/// A release build names its assets by content (`agora.<hash>.wasm`) and leaves the list of
/// hashes beside the binary, where Leptos reads it.
fn hashed_asset_names() -> bool {
    std::env::current_exe()
        .ok()
        .and_then(|exe| exe.parent().map(|dir| dir.join("hash.txt")))
        .is_some_and(|file| file.exists())
}

/// Connects, migrates, and starts the mail sender (SMTP, or files in the mail folder) and the purges.
pub async fn build_state(config: Config) -> Result<AppState, String> {
    let (pool, backend) = db::connect(&config.database_url).await?;
    db::migrate(&pool, backend).await?;
    let leptos_options = leptos_options(&config);
    let ballot_key = app::platform::secrets::HashKey::load(
        config.ballot_key.as_ref().map(|key| key.0.as_str()),
        &config.data_dir.join("ballot.key"),
    )?;
    let mail_wakeup = Arc::new(Notify::new());
    let delivery = mail::Delivery::from_config(&config)?;
    tokio::spawn(mail::run_purge(pool.clone(), delivery.clone(), config.mail_retention_days));
    tokio::spawn(mail::run_sender(pool.clone(), delivery, config.mail_from.clone(), mail_wakeup.clone()));
    tokio::spawn(app::petitions::http::run_housekeeping(pool.clone(), std::time::Duration::from_secs(60)));
    Ok(AppState {
        services: Arc::new(
            Services::default()
                .with(BatchQueue::<VoterBallot>::start(pool.clone()))
                .with(BatchQueue::<NewResponse>::start(pool.clone())),
        ),
        pool,
        backend,
        config: Arc::new(config),
        mail_wakeup,
        leptos_options,
        ballot_key,
        computed: Arc::default(),
        live: Arc::default(),
    })
}

async fn healthz() -> &'static str {
    "ok"
}

async fn readyz(State(state): State<AppState>) -> (StatusCode, &'static str) {
    match sqlx::query("SELECT 1").execute(&state.pool).await {
        Ok(_) => (StatusCode::OK, "ok"),
        Err(_) => (StatusCode::SERVICE_UNAVAILABLE, "base de données injoignable"),
    }
}

pub fn router(state: AppState) -> Router {
    crate::telemetry::init_executor();
    let routes = generate_route_list(App);
    let options = state.leptos_options.clone();
    let base = &state.config.base_url;
    // The origin is scheme://host[:port], without any path.
    let origin_end = base
        .find("://")
        .map(|i| i + 3)
        .map_or(base.len(), |start| base[start..].find('/').map_or(base.len(), |slash| start + slash));
    let policy = OriginPolicy { base_origin: base[..origin_end].into() };
    let body_limit = state.config.body_limit_bytes;
    let https = state.config.secure_cookies();
    let pages = Router::new()
        .route("/healthz", get(healthz))
        .route("/readyz", get(readyz))
        .merge(app::petitions::http::router())
        .merge(app::budget::http::router())
        .merge(app::consultations::http::router())
        .merge(app::collectifs::http::feeds())
        .merge(app::citizen_councils::http::feeds())
        .leptos_routes(&state, routes, move || shell(options.clone()))
        .fallback(leptos_axum::file_and_error_handler::<AppState, _>(shell))
        .layer(middleware::from_fn(server_fn_error_status))
        .layer(middleware::from_fn_with_state(state.pool.clone(), form_flash::keep_form_errors_out_of_urls))
        .layer(RequestBodyLimitLayer::new(body_limit));
    // Uploads (images, authorisations, minutes) carry their own, larger limit, checked where a French answer can be given.
    let pkg = Path::new(state.leptos_options.site_root.as_ref()).join(state.leptos_options.site_pkg_dir.as_ref());
    let site = Router::new()
        .merge(crate::assets::pkg_router(&pkg, state.leptos_options.hash_files))
        .merge(pages)
        .merge(app::budget::http::images::router())
        .merge(app::neighbourhood_councils::http::router())
        .merge(app::collectifs::http::router())
        .merge(app::citizen_councils::http::router())
        .layer(middleware::from_fn_with_state(policy, check_origin))
        .layer(middleware::from_fn(security_headers));
    let site = if https { site.layer(middleware::from_fn(strict_transport)) } else { site };
    site
        // Brotli's own default (quality 11) is meant for files compressed once; pages are made per request.
        .layer(CompressionLayer::new().quality(CompressionLevel::Precise(4)))
        .layer(PropagateRequestIdLayer::x_request_id())
        .layer(TraceLayer::new_for_http().make_span_with(|request: &axum::http::Request<_>| {
            let id = request.headers().get("x-request-id").and_then(|value| value.to_str().ok()).unwrap_or("-");
            tracing::info_span!("request", id, method = %request.method(), uri = %request.uri())
        }))
        .layer(SetRequestIdLayer::x_request_id(MakeRequestUuid))
        .with_state(state)
}

/// Serves on `listener` until `shutdown` resolves; requests in flight are finished first.
pub async fn serve(
    state: AppState,
    listener: TcpListener,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let app = router(state);
    axum::serve(listener, app.into_make_service_with_connect_info::<SocketAddr>())
        .with_graceful_shutdown(shutdown)
        .await
}

/// Resolves on Ctrl-C or SIGTERM.
pub async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
    tracing::info!("shutting down: finishing requests in flight");
}
