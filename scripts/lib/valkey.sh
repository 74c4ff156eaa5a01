# Valkey for tests: valkey-server when installed, else Debian's redis-server (same protocol and
# stream commands), installed with apt-get when missing. Started on a free loopback port.
# Source this file, then: valkey_ensure_installed; valkey_start DIR; ...; valkey_stop

# shellcheck source=scripts/lib/apt.sh
. "$(dirname "${BASH_SOURCE[0]}")/apt.sh"

valkey_server_bin() {
  command -v valkey-server 2>/dev/null || command -v redis-server 2>/dev/null \
    || { [ -x /usr/bin/redis-server ] && echo /usr/bin/redis-server; } || true
}

valkey_ensure_installed() {
  if [ -n "$(valkey_server_bin)" ]; then
    return 0
  fi
  echo "test: no valkey-server or redis-server; installing Debian's redis-server" >&2
  apt_install "the Valkey-compatible test server" --no-install-recommends redis-server
  [ -n "$(valkey_server_bin)" ]
}

valkey_free_port() {
  local port
  for _ in $(seq 1 200); do
    port=$(( 20000 + RANDOM % 20000 ))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      echo "$port"
      return 0
    fi
  done
  return 1
}

valkey_ping() {
  local port="$1" reply=""
  exec 3<>"/dev/tcp/127.0.0.1/$port" || return 1
  printf 'PING\r\n' >&3
  read -r -t 2 reply <&3 || true
  exec 3>&-
  [ "${reply%$'\r'}" = "+PONG" ]
}

# valkey_start DIR: starts a throw-away server; sets VALKEY_PID and VALKEY_URI.
valkey_start() {
  local dir="$1" bin port
  bin="$(valkey_server_bin)"
  port="$(valkey_free_port)"
  mkdir -p "$dir"
  "$bin" --port "$port" --bind 127.0.0.1 --save "" --appendonly no --dir "$dir" \
    --logfile "$dir/server.log" --daemonize no &
  VALKEY_PID=$!
  for _ in $(seq 1 100); do
    if valkey_ping "$port" 2>/dev/null; then
      VALKEY_URI="redis://127.0.0.1:$port"
      echo "test: $(basename "$bin") pid $VALKEY_PID on $VALKEY_URI" >&2
      return 0
    fi
    sleep 0.1
  done
  echo "test: $bin did not answer on port $port; log:" >&2
  cat "$dir/server.log" >&2 || true
  return 1
}

valkey_stop() {
  if [ -n "${VALKEY_PID:-}" ] && kill -0 "$VALKEY_PID" 2>/dev/null; then
    kill "$VALKEY_PID" 2>/dev/null || true
    wait "$VALKEY_PID" 2>/dev/null || true
  fi
}
