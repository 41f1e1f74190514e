use super::*;
use crate::core::query::{AccountColumn, Period, Split, TweetSort};
use crate::core::store::TweetKind;

fn after(actions: Vec<ViewAction>) -> ViewState {
    let mut view = ViewState::default();
    for action in actions {
        view.apply(action);
    }
    view
}

fn thailand() -> ViewState {
    after(vec![ViewAction::OpenCampaign("thailand_092020".into())])
}

#[test]
fn another_campaign_starts_from_its_overview_with_nothing_narrowed() {
    let mut view = after(vec![
        ViewAction::OpenCampaign("a".into()),
        ViewAction::SetRange { from: Some("2020-02-01".into()), to: None },
        ViewAction::Narrow(Filter::Hashtag, "news".into()),
        ViewAction::SetPeriod(Period::Day),
    ]);
    assert_eq!(view.apply(ViewAction::OpenCampaign("b".into())), History::Push);
    assert_eq!(view, ViewState { campaign: Some("b".into()), ..ViewState::default() });
}

#[test]
fn the_account_tab_needs_an_account() {
    let mut view = thailand();
    view.apply(ViewAction::OpenTab(Tab::Account));
    assert_eq!(view.tab, Tab::Overview);
    view.apply(ViewAction::OpenAccount("vMm2zemFOF7k+Torq=".into()));
    assert_eq!((view.tab, view.account.as_deref()), (Tab::Account, Some("vMm2zemFOF7k+Torq=")));
    view.apply(ViewAction::OpenTab(Tab::Timeline));
    view.apply(ViewAction::OpenTab(Tab::Account));
    assert_eq!(view.tab, Tab::Account);
}

#[test]
fn a_column_sorts_names_from_a_and_figures_from_the_largest_and_turns_round_when_clicked_again() {
    let mut view = thailand();
    assert_eq!((view.accounts_sort, view.accounts_descending), (AccountColumn::Tweets, true));
    view.apply(ViewAction::SortAccounts(AccountColumn::Tweets));
    assert_eq!((view.accounts_sort, view.accounts_descending), (AccountColumn::Tweets, false));
    view.apply(ViewAction::SortAccounts(AccountColumn::ScreenName));
    assert_eq!((view.accounts_sort, view.accounts_descending), (AccountColumn::ScreenName, false));
    view.apply(ViewAction::SortAccounts(AccountColumn::ScreenName));
    assert!(view.accounts_descending);
    view.apply(ViewAction::SortAccounts(AccountColumn::Followers));
    assert_eq!((view.accounts_sort, view.accounts_descending), (AccountColumn::Followers, true));
    for column in [AccountColumn::DisplayName, AccountColumn::Language, AccountColumn::Client] {
        view.apply(ViewAction::SortAccounts(column));
        assert!(!view.accounts_descending, "{column:?}");
    }
}

#[test]
fn narrowing_keeps_the_other_filters_and_an_empty_text_drops_one() {
    let mut view = after(vec![
        ViewAction::OpenCampaign("c".into()),
        ViewAction::OpenAccount("42".into()),
        ViewAction::Narrow(Filter::Hashtag, "news".into()),
    ]);
    assert_eq!((view.tab, view.hashtag.as_deref()), (Tab::Tweets, Some("news")));
    view.apply(ViewAction::Narrow(Filter::Mentions, "1214742430601187328".into()));
    view.apply(ViewAction::Narrow(Filter::Text, "\"breaking news\" today".into()));
    view.apply(ViewAction::SetKind(Some(TweetKind::Retweet)));
    assert_eq!(view.mentions.as_deref(), Some("1214742430601187328"));
    assert_eq!(view.search_account, None, "a mention is not an author");
    assert_eq!(view.hashtag.as_deref(), Some("news"));
    view.apply(ViewAction::Narrow(Filter::Language, String::new()));
    view.apply(ViewAction::Widen(Filter::Hashtag));
    assert_eq!((view.language.as_deref(), view.hashtag.as_deref()), (None, None));
    assert_eq!(view.filter(Filter::Text), "\"breaking news\" today");
    assert_eq!(view.filter(Filter::Mentions), "1214742430601187328");
    assert_eq!(view.filter(Filter::Hashtag), "");
    view.apply(ViewAction::Widen(Filter::Text));
    assert_eq!(view.search, "");
}

#[test]
fn a_list_of_the_overview_shows_only_its_tweets_in_the_range_in_force() {
    let mut view = after(vec![
        ViewAction::OpenCampaign("c".into()),
        ViewAction::SetRange { from: Some("2020-02-01".into()), to: Some("2020-02-29".into()) },
        ViewAction::Narrow(Filter::By, "42".into()),
        ViewAction::Narrow(Filter::Mentions, "7".into()),
        ViewAction::Narrow(Filter::Text, "x".into()),
        ViewAction::SetKind(Some(TweetKind::Reply)),
        ViewAction::SortTweets(TweetSort::MostLiked),
        ViewAction::OpenTab(Tab::Overview),
    ]);
    view.apply(ViewAction::ShowOnly(Filter::Client, "Twitter for iPhone".into()));
    let expected = ViewState {
        campaign: Some("c".into()),
        tab: Tab::Tweets,
        from: Some("2020-02-01".into()),
        to: Some("2020-02-29".into()),
        client: Some("Twitter for iPhone".into()),
        tweet_sort: TweetSort::MostLiked,
        ..ViewState::default()
    };
    assert_eq!(view, expected);
    for filter in Filter::ALL {
        let mut each = expected.clone();
        each.apply(ViewAction::ShowOnly(filter, "v".into()));
        let set: Vec<Filter> = Filter::ALL.into_iter().filter(|f| !each.filter(*f).is_empty()).collect();
        assert_eq!(set, vec![filter]);
    }
}

#[test]
fn the_persons_steps_are_history_entries_and_the_rest_rewrites_the_entry() {
    let mut view = thailand();
    let steps = [
        ViewAction::OpenTab(Tab::Tweets),
        ViewAction::ClearRange,
        ViewAction::SetRange { from: None, to: Some("2020-01-01".into()) },
        ViewAction::FilterAccounts("bot".into()),
        ViewAction::SetUtcOffset(7),
        ViewAction::SetSplit(Split::Language),
    ];
    for step in steps {
        assert_eq!(view.apply(step.clone()), History::Push, "{step:?}");
    }
    let restored = ViewState::from_hash("#campaign=x&tab=timeline");
    assert_eq!(view.apply(ViewAction::Restore(Box::new(restored.clone()))), History::Replace);
    assert_eq!(view, restored);
    assert_eq!(view.apply(ViewAction::NameFiles(vec!["x.zip".into()])), History::Replace);
    assert_eq!(view.files, ["x.zip"]);
    assert_eq!(History::Push.then(History::Replace), History::Push);
    assert_eq!(History::Replace.then(History::Push), History::Push);
    assert_eq!(History::Replace.then(History::Replace), History::Replace);
}

#[test]
fn a_load_names_the_first_campaign_only_when_the_view_names_none() {
    let mut view = ViewState::default();
    assert_eq!(view.apply(ViewAction::Loaded { first: Some("a".into()) }), History::Replace);
    assert_eq!(view.campaign.as_deref(), Some("a"));
    // A link opened without its files keeps naming the campaign it shows.
    let mut link = ViewState::from_hash("#campaign=iran_201906_1&tab=tweets");
    link.apply(ViewAction::Loaded { first: Some("a".into()) });
    assert_eq!(link.campaign.as_deref(), Some("iran_201906_1"));
}

#[test]
fn an_offset_no_clock_keeps_is_refused() {
    let mut view = thailand();
    view.apply(ViewAction::SetUtcOffset(7));
    view.apply(ViewAction::SetUtcOffset(15));
    view.apply(ViewAction::SetUtcOffset(-13));
    assert_eq!(view.utc_offset, 7);
}

#[test]
fn every_view_the_actions_reach_survives_the_hash() {
    let actions = vec![
        ViewAction::OpenCampaign("iran_201906_1".into()),
        ViewAction::SetRange { from: Some("2019-01-01".into()), to: Some("2019-02-01".into()) },
        ViewAction::OpenAccount("vMm2zemFOF7k+Torq=".into()),
        ViewAction::FilterAccounts("a&b=c".into()),
        ViewAction::SortAccounts(AccountColumn::Created),
        ViewAction::Narrow(Filter::Text, "خبر #ایران 100%".into()),
        ViewAction::Narrow(Filter::Hashtag, "Правда".into()),
        ViewAction::Narrow(Filter::Language, "fa".into()),
        ViewAction::Narrow(Filter::By, "123".into()),
        ViewAction::Narrow(Filter::Mentions, "456".into()),
        ViewAction::Narrow(Filter::Client, "Twitter Web App".into()),
        ViewAction::Narrow(Filter::Domain, "bit.ly".into()),
        ViewAction::SetKind(Some(TweetKind::Quote)),
        ViewAction::SortTweets(TweetSort::MostRetweeted),
        ViewAction::SetUtcOffset(-5),
        ViewAction::SetPeriod(Period::Week),
        ViewAction::SetSplit(Split::Language),
        ViewAction::NameFiles(vec!["iran_201906_1_tweets_csv_hashed.zip".into()]),
        ViewAction::SetNetwork(NetworkView {
            kind: crate::core::coord::Kind::CoLink,
            window: 300,
            min_weight: 1,
            percentile: Some(90),
            pool: true,
            edge: None,
        }),
        ViewAction::OpenEdge(Some(("a+b=".into(), "c|d".into()))),
        ViewAction::OpenTab(Tab::Tweets),
        ViewAction::SetCompared(vec!["russian_linked".into(), "iran_201906_1".into()]),
        ViewAction::RenameCampaign { campaign: "russian_linked".into(), name: "Russia: Jan 2019".into() },
        ViewAction::SetScale(Scale::Share),
        ViewAction::OpenCompare,
    ];
    let mut view = ViewState::default();
    for action in actions {
        view.apply(action);
        assert_eq!(ViewState::from_hash(&view.to_hash()), view);
    }
    assert_eq!(view.tab, Tab::Compare);
}

#[test]
fn the_compare_view_keeps_its_campaigns_and_names_when_a_campaign_is_opened() {
    let mut view = thailand();
    assert_eq!(view.apply(ViewAction::OpenCompare), History::Push);
    assert_eq!(view.tab, Tab::Compare);
    view.apply(ViewAction::SetCompared(vec!["a".into(), "b".into()]));
    view.apply(ViewAction::SetCompared(vec!["a".into()]));
    assert_eq!(view.compare.campaigns, ["a", "b"], "one campaign is no comparison");
    view.apply(ViewAction::RenameCampaign { campaign: "a".into(), name: "Alpha".into() });
    view.apply(ViewAction::SetScale(Scale::Share));
    let kept = view.compare.clone();
    view.apply(ViewAction::OpenCampaign("a".into()));
    assert_eq!((view.tab, &view.compare), (Tab::Overview, &kept));
    assert_eq!(view.compare.display_name("a"), "Alpha");
    view.apply(ViewAction::RenameCampaign { campaign: "a".into(), name: "".into() });
    assert_eq!(view.compare.display_name("a"), "a");
}

#[test]
fn a_new_network_closes_the_open_edge_and_shows_the_coordination_tab() {
    let mut view = thailand();
    view.apply(ViewAction::OpenEdge(Some(("a".into(), "b".into()))));
    assert_eq!((view.tab, view.network.edge.is_some()), (Tab::Coordination, true));
    let network = NetworkView { window: 120, ..view.network.clone() };
    assert_eq!(view.apply(ViewAction::SetNetwork(network)), History::Push);
    assert_eq!((view.network.window, view.network.edge.clone()), (120, None));
    let settings = view.network.settings(None);
    assert_eq!((settings.kind.name(), settings.window, settings.min_weight), ("co_retweet", 120, 2));
}

#[test]
fn presentation_mode_is_kept_across_campaigns_and_in_the_hash() {
    let mut view = thailand();
    assert_eq!(view.apply(ViewAction::Present(true)), History::Push);
    view.apply(ViewAction::OpenCampaign("iran_201906_1".into()));
    assert!(view.present, "another campaign is presented too");
    assert!(view.to_hash().contains("present=1"), "{}", view.to_hash());
    assert_eq!(ViewState::from_hash(&view.to_hash()), view);
    view.apply(ViewAction::Present(false));
    assert!(!view.present && !view.to_hash().contains("present"));
}

#[test]
fn the_arrows_step_round_the_tabs_and_past_the_account_tab_only_when_one_is_open() {
    let mut view = thailand();
    let mut seen = vec![view.tab];
    for _ in 0..6 {
        view.apply(ViewAction::StepTab { forward: true });
        seen.push(view.tab);
    }
    assert_eq!(
        seen,
        [Tab::Overview, Tab::Timeline, Tab::Accounts, Tab::Tweets, Tab::Coordination, Tab::Report, Tab::Overview]
    );
    view.apply(ViewAction::StepTab { forward: false });
    assert_eq!(view.tab, Tab::Report);
    view.apply(ViewAction::OpenAccount("42".into()));
    view.apply(ViewAction::StepTab { forward: true });
    assert_eq!(view.tab, Tab::Overview, "from the account tab, round to the first");
    view.apply(ViewAction::StepTab { forward: false });
    assert_eq!(view.tab, Tab::Account);
}

#[test]
fn the_lesson_opens_each_steps_view_and_stops_at_the_last() {
    let steps = crate::core::lesson::steps();
    let mut view = after(vec![ViewAction::Present(true), ViewAction::OpenLesson(0)]);
    for (i, step) in steps.iter().enumerate() {
        view.apply(ViewAction::OpenLesson(i));
        assert_eq!(view.lesson_step(), Some((i, step.clone())));
        assert_eq!((view.tab, view.present), (step.tab, true));
        assert_eq!(ViewState::from_hash(&view.to_hash()), view);
    }
    view.apply(ViewAction::OpenLesson(steps.len() + 3));
    assert_eq!(view.lesson, Some(steps.len() - 1));
    view.apply(ViewAction::CloseLesson);
    assert_eq!((view.lesson, view.lesson_step(), view.tab), (None, None, steps[steps.len() - 1].tab));
    // A step names the sample: on another campaign there is no step to show.
    view.apply(ViewAction::OpenLesson(0));
    view.apply(ViewAction::OpenCampaign("thailand_092020".into()));
    assert_eq!((view.lesson, view.lesson_step()), (None, None));
}

#[test]
fn the_glossary_page_is_a_step_of_its_own() {
    let mut view = thailand();
    assert_eq!(view.apply(ViewAction::ShowGlossary(true)), History::Push);
    assert_eq!(view.to_hash(), "#campaign=thailand_092020&glossary=1");
    view.apply(ViewAction::ShowGlossary(false));
    assert_eq!(view, thailand());
}
