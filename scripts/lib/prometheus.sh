# Prometheus for the tests: Debian's `prometheus` package (the server and promtool), installed with
# apt-get when missing. The tests start their own servers on free loopback ports, on TSDB blocks
# backfilled from simulated runs, and stop them. Source this file, then:
#   prometheus_ensure_installed; export HOPSCOPE_TEST_PROMETHEUS="$(prometheus_bin)" \
#     HOPSCOPE_TEST_PROMTOOL="$(promtool_bin)"

# shellcheck source=scripts/lib/apt.sh
. "$(dirname "${BASH_SOURCE[0]}")/apt.sh"

prometheus_bin() {
  command -v prometheus 2>/dev/null || { [ -x /usr/bin/prometheus ] && echo /usr/bin/prometheus; } || true
}

promtool_bin() {
  command -v promtool 2>/dev/null || { [ -x /usr/bin/promtool ] && echo /usr/bin/promtool; } || true
}

prometheus_ensure_installed() {
  if [ -n "$(prometheus_bin)" ] && [ -n "$(promtool_bin)" ]; then
    return 0
  fi
  echo "test: no prometheus/promtool; installing Debian's prometheus for the --prom-url and ops tests" >&2
  # No service is started: the package's init scripts do nothing without systemd, and the tests
  # never use the package's server on :9090.
  apt_install "the Prometheus API tests" --no-install-recommends prometheus
  [ -n "$(prometheus_bin)" ] && [ -n "$(promtool_bin)" ]
}
