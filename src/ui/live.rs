//! A load's campaigns as their rows arrive: tweets and accounts so far, and
//! tweets per month as small bars that grow while the files are read.

use super::format;
use crate::core::live::LiveFigures;
use crate::core::time;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct LiveCampaignsProps {
    pub live: Vec<LiveFigures>,
}

#[function_component]
pub fn LiveCampaigns(props: &LiveCampaignsProps) -> Html {
    html! {
        // Read when reached, not announced at every update of the panel.
        <div class="live-campaigns" aria-live="off">
            { for props.live.iter().filter(|c| c.tweets > 0).map(live_campaign) }
        </div>
    }
}

fn live_campaign(c: &LiveFigures) -> Html {
    let most = c.months.iter().map(|&(_, n)| n).max().unwrap_or(1).max(1);
    // Bars stand at their month's place, so that a month without tweets is a gap.
    let index = |day: i32| {
        let (y, m, _) = time::civil_from_days(day);
        i64::from(y) * 12 + i64::from(m)
    };
    let (first, last) = (c.months.first(), c.months.last());
    let origin = first.map_or(0, |&(day, _)| index(day));
    let width = last.map_or(1, |&(day, _)| index(day) - origin + 1);
    let span = match (first, last) {
        (Some(&(a, _)), Some(&(b, _))) => format!("{} to {}", time::format_month(a), time::format_month(b)),
        _ => String::new(),
    };
    let busiest = c.months.iter().max_by_key(|&&(month, n)| (n, std::cmp::Reverse(month)));
    let label = match busiest {
        Some(&(month, n)) => format!(
            "Tweets per month so far, {span}; the busiest, {}, with {}",
            time::format_month(month),
            format::count(n)
        ),
        None => "No tweets yet".to_string(),
    };
    html! {
        <figure class="live-campaign" data-live-campaign={c.campaign.clone()}
            data-live-tweets={c.tweets.to_string()} data-live-authors={c.authors.to_string()}
            data-live-months={c.months.len().to_string()}>
            <figcaption>
                <strong>{&c.campaign}</strong>
                {format!(": {} tweets from {} accounts so far", format::count(c.tweets), format::count(c.authors))}
            </figcaption>
            <svg viewBox={format!("0 0 {width} 1")} preserveAspectRatio="none" role="img" aria-label={label}>
                { for c.months.iter().map(|&(day, n)| {
                    let h = n as f64 / most as f64;
                    let x = index(day) - origin;
                    html! { <rect x={x.to_string()} y={format!("{:.4}", 1.0 - h)} width="0.9" height={format!("{h:.4}")} /> }
                }) }
            </svg>
            <p class="live-span" aria-hidden="true">{span}</p>
        </figure>
    }
}
