// The migrations are embedded by `sqlx::migrate!`, which does not see a file added to their
// folder: rebuild when the folder changes.
fn main() {
    println!("cargo:rerun-if-changed=migrations");
}
