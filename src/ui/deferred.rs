//! Draws a large view part by part: each `Deferred` shows its children after
//! the ones mounted before it have been drawn and the page has shown them in
//! a frame. A view of several heavy cards is then several short main-thread
//! tasks, its cards appearing top to bottom, instead of one long task.
//!
//! Yew draws every render that is pending in one go, and only then yields to
//! the browser, so parts revealed by timers that fire together are drawn in
//! one task all the same: hence one queue for the page, revealing one part a
//! frame.

use gloo::render::{request_animation_frame, AnimationFrame};
use gloo::timers::callback::Timeout;
use std::cell::RefCell;
use std::collections::VecDeque;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct DeferredProps {
    pub children: Html,
}

/// The parts waiting to be shown, in the order they were mounted, each by a
/// number of its own so that a part that leaves the page leaves the queue.
#[derive(Default)]
struct Queue {
    waiting: VecDeque<(u64, Callback<()>)>,
    next_id: u64,
    /// The frame the next part waits for, while the queue is being worked
    /// through; dropping it would cancel it.
    frame: Option<AnimationFrame>,
}

thread_local! {
    static QUEUE: RefCell<Queue> = RefCell::default();
}

fn enqueue(reveal: Callback<()>) -> u64 {
    QUEUE.with_borrow_mut(|queue| {
        queue.next_id += 1;
        queue.waiting.push_back((queue.next_id, reveal));
        if queue.frame.is_none() {
            queue.frame = Some(next_frame());
        }
        queue.next_id
    })
}

fn withdraw(id: u64) {
    QUEUE.with_borrow_mut(|queue| queue.waiting.retain(|(waiting, _)| *waiting != id));
}

/// After the coming frame, in a task of its own, shows the first part waiting
/// and waits for the frame after it, until none is left.
fn next_frame() -> AnimationFrame {
    request_animation_frame(|_| {
        Timeout::new(0, || {
            let reveal = QUEUE.with_borrow_mut(|queue| {
                let first = queue.waiting.pop_front();
                queue.frame = first.is_some().then(next_frame);
                first
            });
            if let Some((_, reveal)) = reveal {
                reveal.emit(());
            }
        })
        .forget();
    })
}

#[function_component]
pub fn Deferred(props: &DeferredProps) -> Html {
    let shown = use_state(|| false);
    {
        let shown = shown.clone();
        use_effect_with((), move |_| {
            let id = enqueue(Callback::from(move |()| shown.set(true)));
            move || withdraw(id)
        });
    }
    if *shown {
        props.children.clone()
    } else {
        html! {}
    }
}
