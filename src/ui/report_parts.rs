//! What every section of the Report tab is made of: a heading, the figure, a
//! note on how it was counted, its table as a CSV file, and lists of the
//! accounts behind a figure.

use super::accounts::download;
use super::charts::toggle_table;
use super::format;
use super::state::{view_changer, AppContext};
use crate::core::report::tables::Table;
use crate::core::view::ViewAction;
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct SectionProps {
    /// Names the section for `aria-labelledby` and tests: `report-<id>`.
    pub id: &'static str,
    pub title: AttrValue,
    /// How the figure was counted, under it.
    pub method: AttrValue,
    pub children: Html,
}

/// One section of the report; the print stylesheet starts some on a new page.
#[function_component]
pub fn Section(props: &SectionProps) -> Html {
    let heading = format!("report-{}-title", props.id);
    html! {
        <section class="report-section" id={format!("report-{}", props.id)} aria-labelledby={heading.clone()}>
            <h3 id={heading}>{props.title.clone()}</h3>
            {props.children.clone()}
            <p class="method">{props.method.clone()}</p>
        </section>
    }
}

/// A button that saves `table` as `<campaign>_report_<name>.csv`.
pub fn csv_button(campaign: &str, name: &str, label: &str, table: Table) -> Html {
    let file = format!("{campaign}_report_{name}.csv");
    let onclick = Callback::from(move |_: MouseEvent| download(&file, &table.csv(), "text/csv;charset=utf-8"));
    html! {
        <button id={format!("report-csv-{name}")} class="button secondary csv" {onclick}>{format!("{label} as CSV")}</button>
    }
}

#[derive(Properties, PartialEq)]
pub struct AccountListProps {
    /// The `<summary>` line.
    pub summary: AttrValue,
    pub ids: Rc<Vec<String>>,
}

/// The accounts behind a figure, drawn only once opened (a list can hold
/// every account); each opens its account page.
#[function_component]
pub fn AccountList(props: &AccountListProps) -> Html {
    let state = use_context::<AppContext>().expect("AccountList sits inside the app's state provider");
    let change = view_changer(&state);
    let open = use_state(|| false);
    html! {
        <details class="account-list" ontoggle={toggle_table(&open)} data-accounts={props.ids.len().to_string()}>
            <summary>{format!("{} ({})", props.summary, format::count(props.ids.len() as u64))}</summary>
            if *open {
                <ul>
                    { for props.ids.iter().map(|id| {
                        let target = id.clone();
                        html! {
                            <li><button class="link id" onclick={change.reform(move |_: MouseEvent| ViewAction::OpenAccount(target.clone()))}>{id}</button></li>
                        }
                    }) }
                </ul>
            }
        </details>
    }
}
