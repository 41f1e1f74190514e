//! `takedown lesson`: the guided lesson's steps as JSON, with the sample they
//! run on and its files, for anyone checking the page's lesson against them.

use serde_json::{json, Value};
use takedown::core::lesson::{self, Evidence};

fn evidence(e: Evidence) -> Value {
    match e {
        Evidence::CreationBatch => json!({ "kind": e.key() }),
        Evidence::CoRetweetCluster { accounts } => json!({ "kind": e.key(), "accounts": accounts }),
        Evidence::OfficeHours { utc_offset, hours: (first, last) } => {
            json!({ "kind": e.key(), "utc_offset": utc_offset, "first_hour": first, "last_hour": last })
        }
        Evidence::HashtagPush { hashtag } => json!({ "kind": e.key(), "hashtag": hashtag }),
    }
}

pub fn run(args: &[String]) -> Result<(), String> {
    if !args.is_empty() {
        return Err(format!("takedown lesson takes no arguments, not {}", args.join(" ")));
    }
    let files: Vec<String> = takedown::synth::samples()
        .into_iter()
        .filter(|s| s.campaign == lesson::SAMPLE)
        .flat_map(|s| [s.users_file(), s.tweets_file()])
        .collect();
    let steps: Vec<Value> = lesson::steps()
        .into_iter()
        .map(|s| json!({ "title": s.title, "sentence": s.sentence, "tab": s.tab.key(), "evidence": evidence(s.evidence) }))
        .collect();
    println!("{}", json!({ "sample": lesson::SAMPLE, "files": files, "steps": steps }));
    Ok(())
}
