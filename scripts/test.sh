#!/usr/bin/env bash
# THE test command: installs what the suite needs (Dovecot included), then runs pytest.
#   bash scripts/test.sh [pytest arguments]     (default: -q)
# System packages come from apt-get when missing (root, or sudo without a password); the
# system Dovecot service is never started: the tests run their own on loopback.
set -euo pipefail

cd "$(dirname "$0")/.."

SYSTEM_PACKAGES=(dovecot-imapd antiword catdoc poppler-utils tesseract-ocr chromium chromium-driver fonts-noto-core fonts-noto-cjk systemd)

missing_packages() {
    local package
    for package in "${SYSTEM_PACKAGES[@]}"; do
        dpkg -s "$package" >/dev/null 2>&1 || echo "$package"
    done
}

install_system_packages() {
    if ! command -v dpkg >/dev/null 2>&1; then
        echo "test.sh: no dpkg here; install by hand: ${SYSTEM_PACKAGES[*]}" >&2
        return
    fi
    local missing
    missing="$(missing_packages | tr '\n' ' ')"
    if [ -z "${missing// /}" ]; then
        return
    fi
    local run_as_root=()
    if [ "$(id -u)" -ne 0 ]; then
        if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
            run_as_root=(sudo -n)
        else
            echo "test.sh: missing system packages: $missing" >&2
            echo "test.sh: not root and no password-less sudo; run: sudo apt-get install -y $missing" >&2
            return
        fi
    fi
    echo "test.sh: installing $missing"
    # policy-rc.d exit 101: the package must not start the system-wide Dovecot service.
    local policy=/usr/sbin/policy-rc.d created_policy=""
    if [ ! -e "$policy" ]; then
        printf '#!/bin/sh\nexit 101\n' | "${run_as_root[@]}" tee "$policy" >/dev/null
        "${run_as_root[@]}" chmod +x "$policy"
        created_policy=1
    fi
    "${run_as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq
    # shellcheck disable=SC2086
    "${run_as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing
    if [ -n "$created_policy" ]; then
        "${run_as_root[@]}" rm -f "$policy"
    fi
}

install_python_environment() {
    if [ ! -x .venv/bin/python ]; then
        echo "test.sh: creating .venv"
        python3 -m venv .venv
    fi
    # Reinstall only when pyproject.toml changed since the last successful install.
    local stamp=.venv/.mailbot-installed
    if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
        .venv/bin/python -m pip install -q -e '.[test]'
        touch "$stamp"
    fi
}

install_system_packages
install_python_environment

# The build's own checks, before any test: the layers ([tool.importlinter] in pyproject.toml) and
# the types ([tool.mypy]); either failing stops here, naming the import or the line.
.venv/bin/lint-imports --no-cache >/dev/null || { .venv/bin/lint-imports --no-cache; echo "test.sh: an import breaks the layers (see above)" >&2; exit 1; }
.venv/bin/mypy || { echo "test.sh: mypy found type errors (see above)" >&2; exit 1; }

# MAILBOT_CORPUS is passed through when set; otherwise tests/corpus.py finds ../shared/corpus.

if [ "$#" -eq 0 ]; then
    set -- -q
fi
exec .venv/bin/python -m pytest "$@"
