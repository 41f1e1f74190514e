//! The page: Yew components over one `AppState` reducer. It holds file handles,
//! progress and summaries, never the tweets themselves.

mod account_page;
mod accounts;
mod app;
mod bridge;
mod campaign_view;
mod chart_export;
mod charts;
mod compare;
mod compare_figures;
mod compare_shared;
mod coordination;
mod deferred;
mod evidence;
mod format;
mod glossary;
mod graph_scene;
mod help;
mod hooks;
mod intake;
mod lesson;
mod line_chart;
mod live;
mod load_panel;
mod network_graph;
mod overview;
mod pager;
mod range_inputs;
mod ranked_list;
mod report;
mod report_creation;
mod report_figures;
mod report_parts;
mod samples;
mod shortcuts;
mod state;
mod timeline;
mod tweets;

/// Mounts the app on the page body.
pub fn start() {
    console_error_panic_hook::set_once();
    yew::Renderer::<app::App>::new().render();
}
