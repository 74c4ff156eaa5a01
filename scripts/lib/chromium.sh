# Chromium for the report tests: Debian's `chromium` package (with fonts), installed with apt-get
# when missing. Source this file, then: chromium_ensure_installed; export HOPSCOPE_TEST_CHROMIUM="$(chromium_bin)"

chromium_bin() {
  command -v chromium 2>/dev/null || command -v chromium-browser 2>/dev/null \
    || { [ -x /usr/bin/chromium ] && echo /usr/bin/chromium; } || true
}

chromium_ensure_installed() {
  if [ -n "$(chromium_bin)" ]; then
    return 0
  fi
  echo "test: no chromium; installing Debian's chromium for the browser tests of the reports" >&2
  local sudo=""
  if [ "$(id -u)" != 0 ]; then
    if sudo -n true 2>/dev/null; then sudo="sudo -n"; else
      echo "test: need root (or passwordless sudo) to apt-get install chromium" >&2
      return 1
    fi
  fi
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-dejavu-core >&2
  [ -n "$(chromium_bin)" ]
}
