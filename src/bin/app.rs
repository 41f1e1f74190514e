//! The page's entry point (built by Trunk for the browser).

#[cfg(target_arch = "wasm32")]
fn main() {
    takedown::ui::start();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("the app runs in a browser: build it with `trunk build` (see README.md)");
    std::process::exit(2);
}
