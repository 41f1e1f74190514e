//! Progress of a load (per file and overall, speed and time left), cancel, and
//! what became of each file once it is over.

use super::app::BridgeContext;
use super::format;
use super::help::Help;
use super::live::LiveCampaigns;
use super::state::AppContext;
use crate::core::ingest::FileProgress;
use crate::core::summary::Summary;
use yew::prelude::*;

/// Why a file's rows were rejected: one line per kind of problem, with its
/// count and the first such row's sentence.
fn rejected_rows(file: &FileProgress, summaries: &[Summary]) -> Html {
    let groups = summaries
        .iter()
        .filter(|s| file.campaigns.contains(&s.name))
        .flat_map(|s| s.rejections_of(&file.name))
        .collect::<Vec<_>>();
    html! {
        { for groups.iter().map(|g| html! {
            <p class="rejected" data-kind={g.kind.clone()} data-rows={g.rows.to_string()}>
                <strong>{format!("{} {} {}", format::count(g.rows), if g.rows == 1 { "row" } else { "rows" }, g.kind)}</strong>
                { for g.first.iter().map(|first| html! { <>{": "}{if g.rows > 1 { format!("the first, {first}") } else { first.clone() }}</> }) }
            </p>
        }) }
    }
}

#[function_component]
pub fn LoadPanel() -> Html {
    let state = use_context::<AppContext>().expect("LoadPanel sits inside the app's state provider");
    let bridge = use_context::<BridgeContext>().expect("LoadPanel sits inside the worker provider");
    let Some(progress) = state.progress.clone() else { return html! {} };
    let (done, total) = progress.bytes();
    let (rows, rejected) = progress.rows();
    let seconds = progress.elapsed_ms / 1000.0;
    let rate = if seconds > 0.0 { done as f64 / seconds } else { 0.0 };
    let left = if rate > 0.0 { (total - done) as f64 / rate } else { 0.0 };
    let loading = state.loading;
    let on_cancel = Callback::from(move |_: MouseEvent| {
        if let (Ok(bridge), Some(job)) = (&*bridge, loading) {
            bridge.cancel(job);
        }
    });
    let headline = if loading.is_some() {
        format!(
            "Reading {} of {} · {} rows · {}/s · about {} left",
            format::bytes(done),
            format::bytes(total),
            format::count(rows),
            format::bytes(rate as u64),
            format::duration(left)
        )
    } else if state.last_load_cancelled {
        "Loading was cancelled; what was loaded before is unchanged.".to_string()
    } else {
        format!("Read {} in {} · {} rows", format::bytes(total), format::duration(seconds), format::count(rows))
    };
    html! {
        <section class="load-panel" aria-label="Loading" aria-live="polite" data-memory={progress.memory_bytes.to_string()}
            data-bytes={done.to_string()} data-elapsed-ms={format!("{:.0}", progress.elapsed_ms)}>
            <div class="load-head">
                <p id="load-status">{headline}</p>
                if loading.is_some() {
                    <button id="cancel-button" class="button secondary" onclick={on_cancel}>{"Cancel"}</button>
                }
            </div>
            <progress max={total.max(1).to_string()} value={done.to_string()} aria-label="Bytes read" />
            if loading.is_some() {
                <LiveCampaigns live={progress.live.clone()} />
            }
            <details open={loading.is_some() || progress.files.iter().any(|f| !f.errors.is_empty() || f.rejected > 0)}>
                <summary>
                    {format!("{} file(s), {} rejected row(s), worker memory {}", progress.files.len(), format::count(rejected), format::bytes(progress.memory_bytes))}
                </summary>
                <table class="files">
                    <thead><tr><th scope="col">{"File"}</th><th scope="col">{"Holds"}</th><th scope="col">{"Campaign"}</th><th scope="col">{"Read"}</th><th scope="col">{"Rows"}</th><th scope="col">{"Rejected"}<Help term="rejected-row" /></th><th scope="col">{"Problems"}</th></tr></thead>
                    <tbody>
                    { for progress.files.iter().map(|f| html! {
                        <tr class={classes!((!f.errors.is_empty()).then_some("has-error"))} data-file={f.name.clone()}>
                            <td class="filename">{&f.name}</td>
                            <td>{f.kinds.join(", ")}</td>
                            <td>{f.campaigns.join(", ")}</td>
                            <td class="num">{format::percent(f.bytes_done, f.bytes_total)}</td>
                            <td class="num">{format::count(f.rows)}</td>
                            <td class="num">{format::count(f.rejected)}</td>
                            <td class="problems">
                                { for f.errors.iter().map(|e| html! { <p>{e}</p> }) }
                                { rejected_rows(f, &state.summaries) }
                            </td>
                        </tr>
                    }) }
                    </tbody>
                </table>
            </details>
        </section>
    }
}
