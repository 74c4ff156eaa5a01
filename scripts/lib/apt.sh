# Installs Debian packages for the project's scripts: as root, or with passwordless sudo.
# Source this file, then: apt_install WHAT PACKAGE...   (WHAT names the need in messages)

apt_install() {
  local what="$1"; shift
  local sudo=""
  if [ "$(id -u)" != 0 ]; then
    if sudo -n true 2>/dev/null; then sudo="sudo -n"; else
      echo "need root (or passwordless sudo) to apt-get install $* for $what" >&2
      return 1
    fi
  fi
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >&2
}
