//! The Web Worker's entry point (built by Trunk with `data-type="worker"`).

#[cfg(target_arch = "wasm32")]
fn main() {
    takedown::worker::runtime::start();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("the worker runs in a browser: build it with `trunk build` (see README.md)");
    std::process::exit(2);
}
