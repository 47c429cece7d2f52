#!/usr/bin/env bash
# The local run (`make run`): the web app, a Celery worker and Celery beat side by side, and
# one clean stop for all three on Ctrl+C.
#
# Usage: bash scripts/run-local.sh VENV_BIN HOST:PORT
#
# Each program runs in a session of its own, so the terminal's Ctrl+C reaches only make and
# this script; the script then sends each program's group one SIGTERM and waits. (Signalling
# the script's own group instead, as `kill 0` in a trap did, signals the script too: the trap
# fired again and again, thousands of "Warm shutdown" lines, until bash crashed.)
set -u

bin=$1
address=$2
var_dir=${VAR_DIR:-var}
groups=()

start() {
    setsid "$@" &
    groups+=("-$!")  # setsid made the program the leader of a new group: signal all of it
}

stop() {
    # A second Ctrl+C while the programs finish their work stops them at once.
    trap 'kill -KILL -- "${groups[@]}" 2>/dev/null' INT TERM HUP
    kill -TERM -- "${groups[@]}" 2>/dev/null
    until wait; do :; done  # `wait` returns early when a signal arrives; wait again
}

trap 'stop; exit 0' INT TERM HUP

start "$bin/celery" -A config worker --pool=solo --loglevel=INFO
start "$bin/celery" -A config beat --loglevel=INFO --schedule="$var_dir/celerybeat-schedule"
start "$bin/python" manage.py runserver "$address"

# One of them stopped by itself (the port is taken, a crash): stop the others too.
wait -n
status=$?
echo "run-local: a program stopped (exit status $status); stopping the others." >&2
stop
exit "$status"
