# Chromium for the report tests: Debian's `chromium` package (with fonts), installed with apt-get
# when missing. Source this file, then: chromium_ensure_installed; export HOPSCOPE_TEST_CHROMIUM="$(chromium_bin)"

# shellcheck source=scripts/lib/apt.sh
. "$(dirname "${BASH_SOURCE[0]}")/apt.sh"

chromium_bin() {
  command -v chromium 2>/dev/null || command -v chromium-browser 2>/dev/null \
    || { [ -x /usr/bin/chromium ] && echo /usr/bin/chromium; } || true
}

chromium_ensure_installed() {
  if [ -n "$(chromium_bin)" ]; then
    return 0
  fi
  echo "test: no chromium; installing Debian's chromium for the browser tests of the reports" >&2
  apt_install "the browser tests of the reports" chromium fonts-dejavu-core
  [ -n "$(chromium_bin)" ]
}
