//! The page: Yew components over one `AppState` reducer. It holds file handles,
//! progress and summaries, never the tweets themselves.

mod app;
mod bridge;
mod charts;
mod deferred;
mod format;
mod intake;
mod load_panel;
mod overview;
mod ranked_list;
mod state;

/// Mounts the app on the page body.
pub fn start() {
    console_error_panic_hook::set_once();
    yew::Renderer::<app::App>::new().render();
}
