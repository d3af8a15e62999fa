//! Password hashing: Argon2id, run off the async threads.
use crate::platform::error::AppError;
use argon2::{
    Algorithm, Argon2, Params, Version,
    password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString, rand_core::OsRng},
};
use std::sync::atomic::{AtomicUsize, Ordering};

/// Argon2id with m = 19 MiB, t = 2, p = 1 (the OWASP floor).
fn hasher() -> Argon2<'static> {
    Argon2::new(Algorithm::Argon2id, Version::V0x13, Params::new(19 * 1024, 2, 1, None).expect("valid params"))
}

/// Argon2 hashes computed at once, at most: each holds 19 MiB, so a burst of registrations or
/// log-ins queues here instead of exhausting memory (and the blocking thread pool).
const MOST_HASHES_AT_ONCE: usize = 2;
static HASHING: tokio::sync::Semaphore = tokio::sync::Semaphore::const_new(MOST_HASHES_AT_ONCE);

/// Hashes running now, and the most seen at once (read by the tests).
static RUNNING: AtomicUsize = AtomicUsize::new(0);
static MOST_SEEN: AtomicUsize = AtomicUsize::new(0);

/// Runs `work` (an Argon2 computation) on a blocking thread once a hashing permit is free.
async fn hashing<T: Send + 'static>(work: impl FnOnce() -> T + Send + 'static) -> Result<T, AppError> {
    let permit = HASHING.acquire().await.map_err(|_| AppError::Internal)?;
    // The permit goes with the work: a caller that gives up (a closed connection) does not free
    // it while the hash still runs.
    tokio::task::spawn_blocking(move || {
        let now = RUNNING.fetch_add(1, Ordering::SeqCst) + 1;
        MOST_SEEN.fetch_max(now, Ordering::SeqCst);
        let result = work();
        RUNNING.fetch_sub(1, Ordering::SeqCst);
        drop(permit);
        result
    })
    .await
    .map_err(|_| AppError::Internal)
}

pub async fn hash_password(password: String) -> Result<String, AppError> {
    hashing(move || {
        let salt = SaltString::generate(&mut OsRng);
        hasher().hash_password(password.as_bytes(), &salt).map(|hash| hash.to_string())
    })
    .await?
    .map_err(|_| AppError::Internal)
}

pub async fn verify_password(password: String, hash: String) -> bool {
    hashing(move || {
        PasswordHash::new(&hash).is_ok_and(|parsed| hasher().verify_password(password.as_bytes(), &parsed).is_ok())
    })
    .await
    .unwrap_or(false)
}

/// A real hash of nothing, so an unknown email costs as much time as a wrong password.
pub async fn dummy_hash() -> String {
    static HASH: tokio::sync::OnceCell<String> = tokio::sync::OnceCell::const_new();
    HASH.get_or_init(|| async { hash_password("agora-dummy-password".into()).await.unwrap_or_default() }).await.clone()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
    async fn a_burst_of_hashes_runs_two_at_a_time() {
        let burst: Vec<_> = (0..8).map(|n| tokio::spawn(hash_password(format!("mot-de-passe-{n}")))).collect();
        for hash in burst {
            assert!(hash.await.unwrap().unwrap().starts_with("$argon2id$"));
        }
        let most = MOST_SEEN.load(Ordering::SeqCst);
        assert!((1..=MOST_HASHES_AT_ONCE).contains(&most), "{most} hashes at once");
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
    async fn callers_who_give_up_do_not_free_a_running_hash_slot() {
        let abandoned: Vec<_> = (0..4).map(|n| tokio::spawn(hash_password(format!("abandon-{n}")))).collect();
        while RUNNING.load(Ordering::SeqCst) == 0 {
            tokio::time::sleep(std::time::Duration::from_millis(1)).await;
        }
        for task in &abandoned {
            task.abort();
        }
        let burst: Vec<_> = (0..4).map(|n| tokio::spawn(hash_password(format!("suite-{n}")))).collect();
        for hash in burst {
            assert!(hash.await.unwrap().is_ok());
        }
        let most = MOST_SEEN.load(Ordering::SeqCst);
        assert!(most <= MOST_HASHES_AT_ONCE, "{most} hashes at once");
    }
}
