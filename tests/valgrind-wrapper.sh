#!/bin/sh
# valgrind-wrapper.sh VALGRIND [--VALGRIND-OPTION...] TEST [TEST-ARGS...]
#
# The exe_wrapper of the 'valgrind' test setup (tests/meson.build). Runs a
# test under valgrind when it is a compiled program, and as it is otherwise:
# check-abi.sh, Python tests and other scripts would only valgrind bash or
# CPython, which is noise, not Lede.
valgrind=$1
shift
opts=
while [ $# -gt 0 ]; do
  case $1 in
    --*) opts="$opts $1"; shift ;;
    *) break ;;
  esac
done
test_program=$1

is_elf() {
  [ -f "$1" ] && [ "$(head -c 4 "$1" | od -An -c | tr -d ' ')" = '177ELF' ]
}

case $(basename "$test_program") in
  python*|pytest*|sh|bash|dash|env) exec "$@" ;;
esac
if is_elf "$test_program"; then
  # shellcheck disable=SC2086 # the options are split on purpose (none hold spaces)
  exec "$valgrind" $opts "$@"
fi
exec "$@"
