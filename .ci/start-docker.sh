#!/usr/bin/env bash
# Installs (if missing) and starts a Docker engine for callgate's Testcontainers matrix.
#
# Why by hand: the machines this runs on have no init system that starts services, and apt's
# policy-rc.d stops the docker.io package from starting dockerd itself. There is also no
# container network to lean on, so dockerd runs without a bridge or iptables rules; every
# test container runs with --network none anyway.
#
# Safe to run twice: it does nothing when `docker info` already answers.
# Environment: DOCKERD_LOG (default /var/log/callgate-dockerd.log),
#              DOCKER_START_TIMEOUT seconds (default 60).
set -euo pipefail

log_file="${DOCKERD_LOG:-/var/log/callgate-dockerd.log}"
timeout_s="${DOCKER_START_TIMEOUT:-60}"

say() { echo "start-docker: $*"; }
fail() { echo "start-docker: ERROR: $*" >&2; exit 1; }

[[ $(id -u) -eq 0 ]] || fail "must run as root (it installs packages and starts dockerd); rerun with sudo."

install_missing() {
    local missing=()
    command -v dockerd >/dev/null 2>&1 || missing+=(docker.io)
    command -v debootstrap >/dev/null 2>&1 || missing+=(debootstrap)
    if ((${#missing[@]})); then
        say "installing ${missing[*]}"
        export DEBIAN_FRONTEND=noninteractive
        apt-get update -qq
        apt-get install -y -qq --no-install-recommends "${missing[@]}" </dev/null
    fi
}

engine_answers() { docker info >/dev/null 2>&1; }

install_missing

if engine_answers; then
    say "dockerd already answering"
    exit 0
fi

# A dockerd that is alive but not answering yet (e.g. started a moment ago by a previous run)
# must not get a twin: two daemons fight over /var/run/docker.pid and the socket.
# Zombies do not count: a killed dockerd lingers as one until init reaps it.
live_dockerd() {
    local pid
    for pid in $(pgrep -x dockerd); do
        [[ $(awk '{ print $3 }' "/proc/$pid/stat" 2>/dev/null) == [RSD] ]] && return 0
    done
    return 1
}

start_dockerd() {
    say "starting dockerd (log: $log_file)"
    mkdir -p "$(dirname "$log_file")"
    # setsid + nohup: the daemon must outlive this script and the shell that called it.
    setsid nohup dockerd --bridge=none --iptables=false --ip-masq=false \
        >>"$log_file" 2>&1 </dev/null &
}

started_here=false
for ((waited = 0; waited < timeout_s; waited++)); do
    if engine_answers; then
        say "dockerd answering after ${waited}s ($(docker info --format '{{.ServerVersion}} {{.Driver}}' 2>/dev/null))"
        exit 0
    fi
    if ! live_dockerd; then
        if $started_here; then
            echo "---- last lines of $log_file ----" >&2
            tail -n 30 "$log_file" >&2 || true
            fail "dockerd exited right after starting; its log above names the cause."
        fi
        start_dockerd
        started_here=true
    elif ((waited == 0)); then
        say "a dockerd process exists, waiting for it to answer"
    fi
    sleep 1
done

echo "---- last lines of $log_file ----" >&2
tail -n 30 "$log_file" >&2 || true
fail "dockerd did not answer within ${timeout_s}s; see $log_file above (raise DOCKER_START_TIMEOUT if the machine is just slow)."
