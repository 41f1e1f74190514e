//! The synthetic sample releases: one click loads one into the app, and the
//! links give the files themselves, for a class to practise choosing files.

use super::app::BridgeContext;
use super::format;
use super::state::{Action, AppContext};
use crate::core::lesson;
use crate::core::view::ViewAction;
use crate::synth::{samples, Sample};
use js_sys::Array;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{File, Response};
use yew::prelude::*;

/// The folder Trunk copies `static/samples` to, relative to the page.
const SAMPLES: &str = "samples";

/// Fetches a sample file from the page's own origin as a `File`.
async fn fetch_file(name: &str) -> Result<File, String> {
    let window = web_sys::window().ok_or("no window")?;
    let response: Response = JsFuture::from(window.fetch_with_str(&format!("{SAMPLES}/{name}")))
        .await
        .map_err(|e| format!("{name}: {e:?}"))?
        .unchecked_into();
    if !response.ok() {
        return Err(format!("{name}: the page's server answered {}", response.status()));
    }
    let blob = JsFuture::from(response.blob().map_err(|e| format!("{e:?}"))?).await.map_err(|e| format!("{e:?}"))?;
    File::new_with_blob_sequence(&Array::of1(&blob), name).map_err(|e| format!("{e:?}"))
}

#[function_component]
pub fn Samples() -> Html {
    let state = use_context::<AppContext>().expect("Samples sits inside the app's state provider");
    let bridge = use_context::<BridgeContext>().expect("Samples sits inside the worker provider");
    let problem = use_state(|| None::<String>);
    // Loads a sample, and then (the lesson) opens a view of it.
    let open = |sample: &Sample, then: Option<ViewAction>| {
        let (state, bridge, problem) = (state.clone(), bridge.clone(), problem.clone());
        let names = [sample.users_file(), sample.tweets_file()];
        Callback::from(move |_: MouseEvent| {
            let (state, bridge, problem, names) = (state.clone(), bridge.clone(), problem.clone(), names.clone());
            let then = then.clone();
            wasm_bindgen_futures::spawn_local(async move {
                let mut files = Vec::new();
                for name in &names {
                    match fetch_file(name).await {
                        Ok(file) => files.push(file),
                        Err(e) => return problem.set(Some(format!("The sample could not be opened: {e}"))),
                    }
                }
                if let Ok(bridge) = &*bridge {
                    let job = bridge.load(&files);
                    state.dispatch(Action::LoadStarted(job));
                    if let Some(view) = then {
                        state.dispatch(Action::View(view));
                    }
                }
            });
        })
    };
    html! {
        <section class="samples card" aria-labelledby="samples-title">
            <h2 id="samples-title">{"No archive at hand? Try a synthetic sample"}</h2>
            <p class="muted">{"Made-up releases with the account counts of Twitter's June 2019 releases and far fewer tweets. Every account and tweet in them is synthetic: they show how the app works, not what happened."}</p>
            if let Some(problem) = &*problem {
                <p class="alert" role="alert">{problem}</p>
            }
            <div class="table-scroll">
            <table>
                // Open beside the name, what it is shaped after last: on a phone the
                // table scrolls sideways and its left end is what shows.
                <thead><tr><th scope="col">{"Sample"}</th><th scope="col">{"Open"}</th><th scope="col">{"Accounts"}</th><th scope="col">{"Tweets"}</th><th scope="col">{"Files"}</th><th scope="col">{"Shaped after"}</th></tr></thead>
                <tbody>
                { for samples().iter().map(|s| html! {
                    <tr data-sample={s.campaign}>
                        <td class="sample-name">{s.campaign}</td>
                        <td class="nowrap"><button class="button primary open-sample" onclick={open(s, None)}>{"Open"}</button>
                            if s.campaign == lesson::SAMPLE {
                                {" "}<button id="sample-lesson" class="button secondary" onclick={open(s, Some(ViewAction::OpenLesson(0)))}>{"Lesson"}</button>
                            }
                        </td>
                        <td class="num">{format::count(s.spec.accounts as u64)}</td>
                        <td class="num">{format::count(s.spec.tweets as u64)}</td>
                        <td class="nowrap">
                            <a href={format!("{SAMPLES}/{}", s.users_file())} download="">{"users CSV"}</a>{" · "}
                            <a href={format!("{SAMPLES}/{}", s.tweets_file())} download="">{"tweets zip"}</a>
                        </td>
                        <td>{s.shaped_after}
                            if s.campaign == lesson::SAMPLE { {"; its Lesson walks a class through four signs of an operation planted in it"} }
                        </td>
                    </tr>
                }) }
                </tbody>
            </table>
            </div>
        </section>
    }
}
