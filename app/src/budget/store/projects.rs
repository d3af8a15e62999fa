//! Projects: submission, the public list, edits and their history, images, merges and labels.
use super::*;
use crate::budget::domain::{
    image::ProjectImage,
    submission::{Change, ProjectFields},
};
use crate::budget::model::{ProjectCard, ProjectEdit, ProjectStatus, ProjectView, StaffActKind};
use crate::platform::{
    db::{self, Pool},
    error::AppError,
};

pub struct NewProject<'a> {
    pub campaign_id: i64,
    pub territory_id: i64,
    pub author_id: Option<i64>,
    pub title: &'a str,
    pub summary: &'a str,
    pub description: &'a str,
    pub category: &'a str,
    pub cost_cents: i64,
}

pub async fn insert_project(pool: &Pool, project: &NewProject<'_>) -> Result<i64, AppError> {
    let (id,): (i64,) = sqlx::query_as(
        "INSERT INTO budget_projects (campaign_id, territory_id, author_id, title, summary, description, category, \
         cost_cents, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id",
    )
    .bind(project.campaign_id)
    .bind(project.territory_id)
    .bind(project.author_id)
    .bind(project.title)
    .bind(project.summary)
    .bind(project.description)
    .bind(project.category)
    .bind(project.cost_cents)
    .bind(db::now())
    .fetch_one(pool)
    .await?;
    Ok(id)
}

/// The projects of the campaign among `ids` (unknown ids are left out), whatever their status.
pub async fn projects_among(pool: &Pool, campaign_id: i64, ids: &[i64]) -> Result<Vec<ProjectCard>, AppError> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let sql = format!(
        "SELECT {CARD_COLUMNS} FROM {PROJECTS_JOINED} WHERE p.campaign_id = $1 AND p.id IN {} ORDER BY p.id",
        db::value_rows(1, ids.len(), 2)
    );
    let mut query = sqlx::query_as(&sql).bind(campaign_id);
    for id in ids {
        query = query.bind(*id);
    }
    Ok(query.fetch_all(pool).await?)
}

/// Every project of the campaign, whatever its status, in submission order.
pub async fn projects(pool: &Pool, campaign_id: i64) -> Result<Vec<ProjectCard>, AppError> {
    Ok(sqlx::query_as(&format!("SELECT {CARD_COLUMNS} FROM {PROJECTS_JOINED} WHERE p.campaign_id = $1 ORDER BY p.id"))
        .bind(campaign_id)
        .fetch_all(pool)
        .await?)
}

/// The labelled projects of the campaign, the ones on its public list, in submission order.
pub async fn labelled_projects(pool: &Pool, campaign_id: i64) -> Result<Vec<ProjectCard>, AppError> {
    Ok(sqlx::query_as(&format!(
        "SELECT {CARD_COLUMNS} FROM {PROJECTS_JOINED} WHERE p.campaign_id = $1 AND p.status = 'labelled' ORDER BY p.id"
    ))
    .bind(campaign_id)
    .fetch_all(pool)
    .await?)
}

pub async fn project(pool: &Pool, campaign_id: i64, project_id: i64) -> Result<ProjectView, AppError> {
    sqlx::query_as(&format!(
        "SELECT {CARD_COLUMNS}, p.description, p.author_id FROM {PROJECTS_JOINED} \
         WHERE p.campaign_id = $1 AND p.id = $2"
    ))
    .bind(campaign_id)
    .bind(project_id)
    .fetch_optional(pool)
    .await?
    .ok_or(AppError::NotFound)
}

/// The projects `author_id` submitted to the campaign, newest first.
pub async fn projects_by_author(pool: &Pool, campaign_id: i64, author_id: i64) -> Result<Vec<ProjectCard>, AppError> {
    Ok(sqlx::query_as(&format!(
        "SELECT {CARD_COLUMNS} FROM {PROJECTS_JOINED} WHERE p.campaign_id = $1 AND p.author_id = $2 \
         ORDER BY p.id DESC"
    ))
    .bind(campaign_id)
    .bind(author_id)
    .fetch_all(pool)
    .await?)
}

/// Who changed a project.
pub struct ProjectEditor<'a> {
    pub id: i64,
    pub name: &'a str,
}

/// Saves a project's new fields and, in the same transaction, one history row per changed field.
pub async fn update_project(
    pool: &Pool,
    project_id: i64,
    fields: &ProjectFields,
    changes: &[Change],
    editor: &ProjectEditor<'_>,
) -> Result<(), AppError> {
    let _turn = db::write_turn(pool).await;
    let mut tx = pool.begin().await?;
    sqlx::query(
        "UPDATE budget_projects SET title = $1, summary = $2, description = $3, category = $4, cost_cents = $5, \
         territory_id = $6 WHERE id = $7",
    )
    .bind(&fields.title)
    .bind(&fields.summary)
    .bind(&fields.description)
    .bind(&fields.category)
    .bind(fields.cost_cents)
    .bind(fields.territory_id)
    .bind(project_id)
    .execute(&mut *tx)
    .await?;
    for change in changes {
        record_edit(&mut tx, project_id, editor, change.field.label(), &change.old, &change.new).await?;
    }
    tx.commit().await?;
    Ok(())
}

/// One row of a project's history.
async fn record_edit(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    project_id: i64,
    editor: &ProjectEditor<'_>,
    field: &str,
    old: &str,
    new: &str,
) -> Result<(), AppError> {
    sqlx::query(
        "INSERT INTO budget_project_edits (project_id, editor_id, editor_name, field, old_value, new_value, \
         edited_at) VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(project_id)
    .bind(editor.id)
    .bind(editor.name)
    .bind(field)
    .bind(old)
    .bind(new)
    .bind(db::now())
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Sets or replaces a project's image, and says so in its history.
pub async fn save_image(
    pool: &Pool,
    project: &ProjectView,
    image: &ProjectImage,
    editor: &ProjectEditor<'_>,
) -> Result<(), AppError> {
    let _turn = db::write_turn(pool).await;
    let mut tx = pool.begin().await?;
    sqlx::query(
        "INSERT INTO budget_project_images (project_id, content_type, bytes, description, uploaded_at) \
         VALUES ($1, $2, $3, $4, $5) ON CONFLICT (project_id) DO UPDATE SET content_type = excluded.content_type, \
         bytes = excluded.bytes, description = excluded.description, uploaded_at = excluded.uploaded_at",
    )
    .bind(project.id)
    .bind(image.kind.content_type())
    .bind(&image.bytes)
    .bind(&image.description)
    .bind(db::now())
    .execute(&mut *tx)
    .await?;
    let before = project.image_description.as_deref().unwrap_or("");
    record_edit(&mut tx, project.id, editor, "Image", before, &image.description).await?;
    tx.commit().await?;
    Ok(())
}

/// Removes a project's image, if it has one.
pub async fn remove_image(pool: &Pool, project: &ProjectView, editor: &ProjectEditor<'_>) -> Result<(), AppError> {
    let _turn = db::write_turn(pool).await;
    let mut tx = pool.begin().await?;
    let removed = sqlx::query("DELETE FROM budget_project_images WHERE project_id = $1")
        .bind(project.id)
        .execute(&mut *tx)
        .await?;
    if removed.rows_affected() > 0 {
        let before = project.image_description.as_deref().unwrap_or("");
        record_edit(&mut tx, project.id, editor, "Image", before, "").await?;
    }
    tx.commit().await?;
    Ok(())
}

/// A project's image: its content type and bytes.
pub async fn image(pool: &Pool, project_id: i64) -> Result<(String, Vec<u8>), AppError> {
    sqlx::query_as("SELECT content_type, bytes FROM budget_project_images WHERE project_id = $1")
        .bind(project_id)
        .fetch_optional(pool)
        .await?
        .ok_or(AppError::NotFound)
}

/// Merges the `duplicate` into the project `kept`: the duplicate leaves review and the vote, the
/// duplicates merged into it before follow it, and both histories say so. Returns the duplicate's
/// author's email, if any, or `None` when another reviewer merged it first.
pub async fn merge_project(
    pool: &Pool,
    campaign_id: i64,
    duplicate: &ProjectView,
    kept: &ProjectView,
    editor: &ProjectEditor<'_>,
) -> Result<Option<Option<String>>, AppError> {
    let _turn = db::write_turn(pool).await;
    let mut tx = pool.begin().await?;
    let merged = sqlx::query(
        "UPDATE budget_projects SET status = $3, merged_into = $1, rejection_reason = NULL \
         WHERE id = $2 AND status <> $3",
    )
    .bind(kept.id)
    .bind(duplicate.id)
    .bind(ProjectStatus::Merged.as_str())
    .execute(&mut *tx)
    .await?;
    if merged.rows_affected() == 0 {
        return Ok(None);
    }
    sqlx::query("UPDATE budget_projects SET merged_into = $1 WHERE merged_into = $2")
        .bind(kept.id)
        .bind(duplicate.id)
        .execute(&mut *tx)
        .await?;
    let status = ProjectStatus::Merged.text(None, Some(&kept.title));
    record_edit(&mut tx, duplicate.id, editor, "Statut", &duplicate.status_text(), &status).await?;
    let joined = format!("« {} » fusionné dans ce projet", duplicate.title);
    record_edit(&mut tx, kept.id, editor, "Fusion", "", &joined).await?;
    record_act(&mut tx, campaign_id, editor, StaffActKind::Merged, Some(duplicate.id), None).await?;
    let author: Option<(String,)> =
        sqlx::query_as("SELECT u.email FROM budget_projects p JOIN users u ON u.id = p.author_id WHERE p.id = $1")
            .bind(duplicate.id)
            .fetch_optional(&mut *tx)
            .await?;
    tx.commit().await?;
    Ok(Some(author.map(|(email,)| email)))
}

/// A project's history, newest first.
pub async fn project_edits(pool: &Pool, project_id: i64) -> Result<Vec<ProjectEdit>, AppError> {
    Ok(sqlx::query_as(
        "SELECT editor_name, field, old_value, new_value, edited_at FROM budget_project_edits \
         WHERE project_id = $1 ORDER BY id DESC",
    )
    .bind(project_id)
    .fetch_all(pool)
    .await?)
}

/// Labels or rejects a project that was not merged, recorded in its history and in the campaign's
/// journal; returns its title and its author's email, if any.
pub async fn set_status(
    pool: &Pool,
    project_id: i64,
    act: StaffActKind,
    rejection_reason: Option<&str>,
    editor: &ProjectEditor<'_>,
) -> Result<(String, Option<String>), AppError> {
    // The two decisions a reviewer takes on one project, and the statuses they set.
    let status = match act {
        StaffActKind::Labelled => ProjectStatus::Labelled,
        StaffActKind::Rejected => ProjectStatus::Rejected,
        StaffActKind::PaperBallots | StaffActKind::Merged => return Err(AppError::Internal),
    };
    let _turn = db::write_turn(pool).await;
    let mut tx = pool.begin().await?;
    let (campaign_id, title, old_status, old_reason, author): (i64, String, String, Option<String>, Option<String>) =
        sqlx::query_as(
            "SELECT p.campaign_id, p.title, p.status, p.rejection_reason, u.email FROM budget_projects p \
             LEFT JOIN users u ON u.id = p.author_id WHERE p.id = $1",
        )
        .bind(project_id)
        .fetch_optional(&mut *tx)
        .await?
        .ok_or(AppError::NotFound)?;
    let old_status = ProjectStatus::try_from(old_status).map_err(|error| {
        tracing::error!(%error, "budget_projects.status");
        AppError::Internal
    })?;
    let updated =
        sqlx::query("UPDATE budget_projects SET status = $1, rejection_reason = $2 WHERE id = $3 AND status <> $4")
            .bind(status.as_str())
            .bind(rejection_reason)
            .bind(project_id)
            .bind(ProjectStatus::Merged.as_str())
            .execute(&mut *tx)
            .await?;
    if updated.rows_affected() == 0 {
        return Err(AppError::refused("Ce projet est fusionné avec un autre : c'est ce dernier qui est examiné."));
    }
    let old = old_status.text(old_reason.as_deref(), None);
    let new = status.text(rejection_reason, None);
    record_edit(&mut tx, project_id, editor, "Statut", &old, &new).await?;
    record_act(&mut tx, campaign_id, editor, act, Some(project_id), None).await?;
    tx.commit().await?;
    Ok((title, author))
}
