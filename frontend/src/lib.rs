//! The WASM entry: hydrates the server-rendered page.
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    // Each page's code is fetched before that page hydrates (see `lazy_page!`).
    leptos::mount::hydrate_lazy(app::App);
}
