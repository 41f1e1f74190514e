//! The glossary page (`#glossary=1`): every term of `core::glossary` in plain
//! words, with a way back to the view it was opened from.

use super::app::focus_by_id;
use super::state::{view_changer, AppContext};
use crate::core::glossary::TERMS;
use crate::core::view::ViewAction;
use yew::prelude::*;

#[function_component]
pub fn GlossaryPage() -> Html {
    let state = use_context::<AppContext>().expect("GlossaryPage sits inside the app's state provider");
    let close = view_changer(&state).reform(|_: MouseEvent| ViewAction::ShowGlossary(false));
    use_effect_with((), |_| focus_by_id("glossary-title"));
    html! {
        <section class="glossary card" aria-labelledby="glossary-title">
            <h2 id="glossary-title" tabindex="-1">{"Plain words"}</h2>
            <p class="muted">{"The terms the page uses, for anyone meeting these archives for the first time."}</p>
            <dl>
                { for TERMS.iter().map(|t| html! {
                    <div class="term" id={format!("term-{}", t.key)} data-term={t.key}>
                        <dt>{t.term}</dt>
                        <dd>{t.meaning}</dd>
                    </div>
                }) }
            </dl>
            <p><button id="glossary-close" class="button secondary" onclick={close}>{"Back to the page"}</button></p>
        </section>
    }
}
