//! Choosing files: a drop zone, a file picker and a folder picker, and the list of
//! what each chosen file looks like before it is read.

use super::app::BridgeContext;
use super::format;
use super::state::{Action, AppContext};
use crate::core::ingest::campaign_name;
use crate::core::schema::parse_file_name;
use web_sys::{File, FileList, HtmlInputElement};
use yew::prelude::*;

/// The files of a picker or a drop; a folder brings everything in it, so of a
/// folder only what could be an archive is kept.
fn files_of(list: Option<FileList>, whole_folder: bool) -> Vec<File> {
    let Some(list) = list else { return Vec::new() };
    (0..list.length()).filter_map(|i| list.get(i)).filter(|f| !whole_folder || looks_like_data(&f.name())).collect()
}

fn looks_like_data(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    !lower.starts_with('.') && [".csv", ".zip", ".gz", ".txt"].iter().any(|ext| lower.ends_with(ext))
}

/// What the name says: `tweets, part 1` or why it says nothing.
fn described(name: &str) -> String {
    match parse_file_name(name) {
        Some(n) => match n.part {
            Some(part) => format!("{}, part {part}", n.role),
            None => n.role.to_string(),
        },
        None => "not a release name: its header will tell what it holds".into(),
    }
}

#[function_component]
pub fn Intake() -> Html {
    let state = use_context::<AppContext>().expect("Intake sits inside the app's state provider");
    let bridge = use_context::<BridgeContext>().expect("Intake sits inside the worker provider");
    let dragging = use_state(|| false);
    let stage = {
        let state = state.clone();
        move |files: Vec<File>| {
            if !files.is_empty() {
                state.dispatch(Action::Stage(files));
            }
        }
    };
    let on_pick = {
        let stage = stage.clone();
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            stage(files_of(input.files(), input.has_attribute("webkitdirectory")));
            input.set_value("");
        })
    };
    let on_drop = {
        let (stage, dragging) = (stage.clone(), dragging.clone());
        Callback::from(move |e: DragEvent| {
            e.prevent_default();
            dragging.set(false);
            stage(files_of(e.data_transfer().and_then(|d| d.files()), false));
        })
    };
    let on_drag_over = {
        let dragging = dragging.clone();
        Callback::from(move |e: DragEvent| {
            e.prevent_default();
            dragging.set(true);
        })
    };
    let on_drag_leave = {
        let dragging = dragging.clone();
        Callback::from(move |_: DragEvent| dragging.set(false))
    };
    let on_load = {
        let state = state.clone();
        Callback::from(move |_: MouseEvent| {
            if let Ok(bridge) = &*bridge {
                let job = bridge.load(&state.staged);
                state.dispatch(Action::LoadStarted(job));
            }
        })
    };
    let on_clear = {
        let state = state.clone();
        Callback::from(move |_: MouseEvent| state.dispatch(Action::ClearStaged))
    };
    // The pickers are buttons that open hidden inputs: a label round a file
    // input answers a click, not Enter, and shows no focus of its own.
    let (files_input, folder_input) = (use_node_ref(), use_node_ref());
    let open_picker = |input: &NodeRef| {
        let input = input.clone();
        Callback::from(move |_: MouseEvent| {
            if let Some(input) = input.cast::<HtmlInputElement>() {
                input.click();
            }
        })
    };
    let staged = state.staged.clone();
    let total: u64 = staged.iter().map(|f| f.size() as u64).sum();
    let compact = !state.summaries.is_empty() || state.loading.is_some();
    html! {
        <section class={classes!("intake", compact.then_some("compact"))} aria-label="Choose files">
            <div class={classes!("dropzone", dragging.then_some("dragging"))}
                ondrop={on_drop} ondragover={on_drag_over} ondragleave={on_drag_leave}>
                <p class="dropzone-lead">{ if compact { "Add more files: drop them here or" } else { "Drop the release files here: tweets and users CSVs, or the .zip archives as downloaded. Or" } }</p>
                <button class="button" onclick={open_picker(&files_input)}>{"Choose files…"}</button>
                <button class="button secondary" onclick={open_picker(&folder_input)}>{"Choose a folder…"}</button>
                <input ref={files_input} id="file-input" type="file" hidden=true multiple=true accept=".csv,.zip,.gz,.txt" onchange={on_pick.clone()} />
                <input ref={folder_input} id="folder-input" type="file" hidden=true multiple=true webkitdirectory=true onchange={on_pick} />
            </div>
            if !staged.is_empty() {
                <div class="staged">
                    <table>
                        <caption>{format!("{} file(s) chosen, {}", staged.len(), format::bytes(total))}</caption>
                        <thead><tr><th scope="col">{"File"}</th><th scope="col">{"Size"}</th><th scope="col">{"Campaign"}</th><th scope="col">{"What the name says"}</th><th scope="col"><span class="visually-hidden">{"Remove"}</span></th></tr></thead>
                        <tbody>
                        { for staged.iter().enumerate().map(|(i, f)| {
                            let name = f.name();
                            let state = state.clone();
                            let remove = Callback::from(move |_: MouseEvent| state.dispatch(Action::Unstage(i)));
                            html! {
                                <tr>
                                    <td class="filename">{name.clone()}</td>
                                    <td class="num">{format::bytes(f.size() as u64)}</td>
                                    <td>{campaign_name(&name, None)}</td>
                                    <td>{described(&name)}</td>
                                    <td><button class="link" onclick={remove} aria-label={format!("Remove {name}")}>{"Remove"}</button></td>
                                </tr>
                            }
                        }) }
                        </tbody>
                    </table>
                    <div class="actions">
                        <button id="load-button" class="button primary" onclick={on_load} disabled={!state.worker_ready}>
                            { format!("Load {} file(s)", staged.len()) }
                        </button>
                        <button class="button secondary" onclick={on_clear}>{"Clear"}</button>
                    </div>
                </div>
            }
        </section>
    }
}
