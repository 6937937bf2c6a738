#!/usr/bin/env bash
# Install what the dashboard needs, then run it or test it.
#
#   bash scripts/setup.sh run  [streamlit options...]   install, then start the app on the demo data
#   bash scripts/setup.sh test [pytest options...]      install (test tools + Chromium), then run every test
#
# Idempotent: the virtual environment (.venv) is created once, Python packages are installed again
# only when a lock file changed (a hash stamp is kept inside .venv), and Debian's Chromium is
# installed with apt-get only when it is missing. Works on a fresh Debian/Ubuntu with Python >= 3.11.
# Packages come from requirements.lock / requirements-dev.lock (every package pinned, with hashes:
# the same set a month later); the README says how to regenerate them from requirements*.txt.
#
# Environment:
#   PYTHON                       interpreter used to create .venv (default: python3)
#   STREAMLIT_SERVER_ADDRESS     address `run` listens on (default 127.0.0.1; 0.0.0.0 to share on a network)
#   STREAMLIT_SERVER_PORT        port `run` listens on (default 8501)
#   DASBOR_CHROMIUM              Chromium binary for the browser tests (default /usr/bin/chromium)
#   DASBOR_UJI_PROSES            worker processes for `test` (default 2, one per core; 0 = one process)
set -euo pipefail

AKAR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$AKAR"

VENV="$AKAR/.venv"
PY="$VENV/bin/python"
CHROMIUM="${DASBOR_CHROMIUM:-/usr/bin/chromium}"

say() { printf '[setup] %s\n' "$*" >&2; }
die() { printf '[setup] error: %s\n' "$*" >&2; exit 1; }

usage() {
    sed -n '2,6p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2
    exit 2
}

# Run a command as root: directly when we are root, through sudo when it exists.
as_root() {
    if [ "$(id -u)" -eq 0 ]; then
        "$@"
    elif command -v sudo >/dev/null 2>&1; then
        sudo "$@"
    else
        die "need root to run: $* (install it by hand, or run as root / install sudo)"
    fi
}

APT_UPDATED=0
apt_install() {
    command -v apt-get >/dev/null 2>&1 || die "apt-get not found; install by hand: $*"
    if [ "$APT_UPDATED" -eq 0 ]; then
        say "apt-get update"
        as_root env DEBIAN_FRONTEND=noninteractive apt-get update -q >/dev/null
        APT_UPDATED=1
    fi
    say "apt-get install $*"
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "$@" >/dev/null
}

# Hash of the given files (content and name), to know whether an install is up to date.
hash_files() {
    sha256sum "$@" | sha256sum | cut -d' ' -f1
}

ensure_python() {
    local base="${PYTHON:-python3}"
    command -v "$base" >/dev/null 2>&1 || die "$base not found: install Python >= 3.11 (apt-get install python3)"
    "$base" -c 'import sys; sys.exit(sys.version_info < (3, 11))' \
        || die "Python >= 3.11 needed, $base is $("$base" -V 2>&1)"

    # A .venv whose interpreter no longer runs (moved folder, removed Python) is rebuilt.
    if [ -x "$PY" ] && ! "$PY" -c 'import sys' >/dev/null 2>&1; then
        say "existing .venv is broken; recreating it"
        rm -rf "$VENV"
    fi
    if [ ! -x "$PY" ]; then
        # Debian and Ubuntu ship venv/ensurepip in a separate package.
        if ! "$base" -c 'import venv, ensurepip' >/dev/null 2>&1; then
            local ver
            ver="$("$base" -c 'import sys; print(f"{sys.version_info[0]}.{sys.version_info[1]}")')"
            apt_install "python${ver}-venv" || apt_install python3-venv
        fi
        say "creating .venv with $("$base" -V 2>&1)"
        "$base" -m venv "$VENV"
    fi
}

# A pin changed in requirements*.txt but not in the lock file would be silently ignored: refuse instead.
check_lock() {
    local lock="$1"; shift
    local pin
    for pin in $(grep -hoE '^[A-Za-z0-9][A-Za-z0-9._-]*==[^ ;#]+' "$@"); do
        grep -qiE "^${pin//./\\.}( |\$)" "$lock" \
            || die "$pin is not in $lock: regenerate the lock files (README, \"Lock files\")"
    done
}

# pip install --require-hashes -r LOCK when LOCK changed since the last install.
ensure_requirements() {
    local name="$1" lock="$2"
    local stamp="$VENV/.installed-$name"
    local want
    want="$(hash_files "$lock")"
    if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
        return 0
    fi
    local started=$SECONDS
    say "installing Python packages from $lock (first time or lock file changed)"
    "$PY" -m pip install --disable-pip-version-check --no-input -q --require-hashes -r "$lock"
    echo "$want" > "$stamp"
    say "Python packages installed in $((SECONDS - started)) s"
}

# Front-end packages (Leaflet and Leaflet.markercluster, served locally for offline maps), only when
# the project declares them; the files the maps load are then copied into ./static (gitignored), which
# Streamlit serves at /app/static/ (.streamlit/config.toml, enableStaticServing).
ensure_npm() {
    [ -f package.json ] || return 0
    local files=(package.json)
    [ -f package-lock.json ] && files+=(package-lock.json)
    local stamp="node_modules/.installed-setup"
    local want
    want="$(hash_files "${files[@]}")"
    if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
        copy_static
        return 0
    fi
    command -v npm >/dev/null 2>&1 || apt_install nodejs npm
    say "installing npm packages from package.json"
    if [ -f package-lock.json ]; then
        npm ci --no-audit --no-fund --loglevel=error
    else
        npm install --no-audit --no-fund --loglevel=error
    fi
    echo "$want" > "$stamp"
    copy_static
}

# Test-only: the OpenID Connect provider the sign-in browser test starts (tests/oidc, its own lock file;
# never installed for `run`).
ensure_npm_uji() {
    local dir=tests/oidc
    [ -f "$dir/package-lock.json" ] || return 0
    local stamp="$dir/node_modules/.installed-setup"
    local want
    want="$(hash_files "$dir/package.json" "$dir/package-lock.json")"
    if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
        return 0
    fi
    command -v npm >/dev/null 2>&1 || apt_install nodejs npm
    say "installing the test OIDC provider from $dir/package-lock.json"
    (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error)
    echo "$want" > "$stamp"
}

# The dist files the Leaflet maps load (indicators/tampilan/leaflet.py names the same paths), with licences.
copy_static() {
    local l=node_modules/leaflet m=node_modules/leaflet.markercluster
    [ -f "$l/dist/leaflet.js" ] && [ -f "$m/dist/leaflet.markercluster.js" ] \
        || die "node_modules is incomplete: remove node_modules/ and run again"
    mkdir -p static/leaflet static/leaflet.markercluster
    cp -f "$l/dist/leaflet.js" "$l/dist/leaflet.css" "$l/LICENSE" static/leaflet/
    cp -rf "$l/dist/images" static/leaflet/
    cp -f "$m/dist/leaflet.markercluster.js" "$m/dist/MarkerCluster.css" "$m/dist/MarkerCluster.Default.css" \
        "$m/MIT-LICENCE.txt" static/leaflet.markercluster/
}

ensure_chromium() {
    local missing=()
    if [ ! -x "$CHROMIUM" ]; then
        [ "$CHROMIUM" = /usr/bin/chromium ] || die "DASBOR_CHROMIUM=$CHROMIUM is not an executable file"
        # Playwright's own browser download does not work on every machine we run on; Debian's does.
        missing+=(chromium chromium-driver)
    fi
    # PDFs (briefing, escalation pack, review report) embed DejaVu for Indonesian text and the rupiah/
    # dash characters; without it they fall back to a transliterating core font.
    [ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || missing+=(fonts-dejavu-core)
    # The reverse-proxy test runs docs/contoh/nginx-dasbor.conf in Debian's nginx, with a throw-away
    # certificate from openssl (tests/browser/test_penyebaran.py); the daemon itself is never started.
    command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || missing+=(nginx-light)
    command -v openssl >/dev/null 2>&1 || missing+=(openssl)
    # The Node.js runtime inside the playwright wheel needs libatomic, absent from minimal Debian images.
    local ldconfig
    ldconfig="$(command -v ldconfig || echo /sbin/ldconfig)"
    if [ -x "$ldconfig" ] && ! "$ldconfig" -p 2>/dev/null | grep -q 'libatomic\.so\.1'; then
        missing+=(libatomic1)
    fi
    [ ${#missing[@]} -eq 0 ] && return 0
    apt_install "${missing[@]}"
    [ -x "$CHROMIUM" ] || die "Chromium still missing at $CHROMIUM after apt-get install"
}

mode="${1:-}"
[ $# -gt 0 ] && shift

case "$mode" in
    run)
        ensure_python
        check_lock requirements.lock requirements.txt
        ensure_requirements run requirements.lock
        ensure_npm
        export STREAMLIT_SERVER_ADDRESS="${STREAMLIT_SERVER_ADDRESS:-127.0.0.1}"
        export STREAMLIT_SERVER_PORT="${STREAMLIT_SERVER_PORT:-8501}"
        say "starting the dashboard on http://${STREAMLIT_SERVER_ADDRESS}:${STREAMLIT_SERVER_PORT}/ (Ctrl+C stops it)"
        exec "$PY" -m streamlit run app.py "$@"
        ;;
    test)
        ensure_python
        check_lock requirements-dev.lock requirements-dev.txt requirements.txt
        # requirements-dev.lock holds the app's locked set too (same versions), so `run` is installed.
        ensure_requirements test requirements-dev.lock
        hash_files requirements.lock > "$VENV/.installed-run"
        ensure_npm
        ensure_npm_uji
        ensure_chromium
        # Lint is part of the test command: ruff's broad rule set (pyproject.toml) must report nothing.
        say "ruff check ."
        "$PY" -m ruff check . || die "ruff check found problems (see above); fix them or explain an ignore in pyproject.toml"
        # Both cores (pytest-xdist): a test file stays on one worker, so a file's own server and
        # browser are started once; DASBOR_UJI_PROSES=0 runs everything in one process.
        proses="${DASBOR_UJI_PROSES:-2}"
        say "running the test suite ($proses worker processes)"
        if [ "$proses" -gt 0 ] 2>/dev/null; then
            exec "$PY" -m pytest -n "$proses" --dist loadfile "$@"
        fi
        exec "$PY" -m pytest "$@"
        ;;
    *)
        usage
        ;;
esac
