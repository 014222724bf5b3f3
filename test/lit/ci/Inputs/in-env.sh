#!/bin/sh
# in-env.sh CHCHECK SCRIPTS [VAR=VALUE...] COMMAND...: runs COMMAND as a CI
# job would, with CHCHECK set, SCRIPTS (chcheck-gate) first on PATH and the
# given variables; a VALUE of @rev:REF is `git rev-parse REF`.
chcheck=$1 scripts=$2
shift 2
export CHCHECK="$chcheck" PATH="$scripts:$PATH"
export GIT_AUTHOR_NAME=test GIT_AUTHOR_EMAIL=test@example.com
export GIT_COMMITTER_NAME=test GIT_COMMITTER_EMAIL=test@example.com
while [ $# -gt 0 ]; do
  case $1 in
    *=*)
      name=${1%%=*} value=${1#*=}
      case $value in @rev:*) value=$(git rev-parse "${value#@rev:}") || exit 2 ;; esac
      export "$name=$value"
      shift ;;
    *) break ;;
  esac
done
exec "$@"
