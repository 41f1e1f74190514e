#!/usr/bin/env bash
# Installs whatever is missing to build, serve and test Takedown Explorer, and
# nothing that is already there. Sourced by scripts/serve and scripts/test, which
# then find every tool on PATH. Nothing here downloads a tool of its own: every
# piece comes from crates.io, npm or Debian.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TRUNK_VERSION=0.21.14
step() { printf '\n== setup: %s\n' "$*"; }

export PATH="$HOME/.cargo/bin:$ROOT/tests/e2e/node_modules/.bin:$PATH"
export NO_COLOR=true # Trunk reads NO_COLOR as a boolean: 1 breaks it

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
    step "Rust target wasm32-unknown-unknown"
    rustup target add wasm32-unknown-unknown
fi
for component in rustfmt clippy; do
    if ! rustup component list --installed | grep -q "^$component"; then
        step "rustup component $component"
        rustup component add "$component"
    fi
done

apt_missing=()
command -v chromium >/dev/null || apt_missing+=(chromium)
command -v chromedriver >/dev/null || apt_missing+=(chromium-driver)
# Thai script for the screenshots of the Thai corpus (Arabic and Cyrillic come with Chromium's fonts).
dpkg -s fonts-thai-tlwg >/dev/null 2>&1 || apt_missing+=(fonts-thai-tlwg)
# pdftoppm, to look at the first printed page of the report (tests/e2e/report.test.mjs).
command -v pdftoppm >/dev/null || apt_missing+=(poppler-utils)
if ((${#apt_missing[@]})); then
    step "Debian packages: ${apt_missing[*]}"
    if [ "$(id -u)" -eq 0 ]; then SUDO=""; else SUDO="sudo"; fi
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${apt_missing[@]}" >/dev/null
fi

if [ "$(trunk --version 2>/dev/null)" != "trunk $TRUNK_VERSION" ]; then
    step "Trunk $TRUNK_VERSION (debug build: installs in a third of the time and builds the app as fast)"
    cargo install --locked trunk --version "$TRUNK_VERSION" --debug
fi

# wasm-bindgen-cli must match the wasm-bindgen crate in Cargo.lock exactly.
BINDGEN_VERSION="$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' "$ROOT/Cargo.lock")"
if [ "$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $BINDGEN_VERSION" ]; then
    step "wasm-bindgen-cli $BINDGEN_VERSION"
    # Not --locked: its own lockfile names a crate version the registry no longer has.
    cargo install wasm-bindgen-cli --version "$BINDGEN_VERSION"
fi

if ! command -v cargo-fuzz >/dev/null; then
    step "cargo-fuzz (it builds libFuzzer with the machine's C++ compiler)"
    cargo install cargo-fuzz --locked
fi

# The Coordination Network Toolkit and DuckDB, pinned, in a virtual environment:
# the peers our co-action networks and our Parquet export are checked against (tests/peer/).
DUCKDB_VERSION=1.1.3
PEER_VENV="$ROOT/target/peer-venv"
if ! "$PEER_VENV/bin/python" -c "import coordination_network_toolkit, duckdb; assert duckdb.__version__ == '$DUCKDB_VERSION'" 2>/dev/null; then
    step "Python virtual environment with coordination-network-toolkit 1.5.2 and duckdb $DUCKDB_VERSION"
    if ! python3 -c 'import ensurepip' 2>/dev/null; then
        if [ "$(id -u)" -eq 0 ]; then SUDO=""; else SUDO="sudo"; fi
        $SUDO apt-get update -qq
        DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq python3-venv >/dev/null
    fi
    [ -x "$PEER_VENV/bin/python" ] || python3 -m venv "$PEER_VENV"
    "$PEER_VENV/bin/pip" install --quiet --disable-pip-version-check coordination-network-toolkit==1.5.2 \
        "duckdb==$DUCKDB_VERSION"
fi

# wasm-opt (npm binaryen), Playwright's driver (it uses Debian's Chromium) and PapaParse for the benchmark.
if ! (cd "$ROOT/tests/e2e" && npm ls --depth=0 >/dev/null 2>&1); then
    step "npm packages in tests/e2e"
    (cd "$ROOT/tests/e2e" && npm ci --no-audit --no-fund --loglevel=error)
fi

cargo fetch --locked --manifest-path "$ROOT/Cargo.toml" >/dev/null 2>&1 || cargo fetch --locked --manifest-path "$ROOT/Cargo.toml"
