#!/bin/sh
# The project's two entry points (see README.md):
#   tools/dev.sh demo   install what is needed, build, annotate the example article
#   tools/dev.sh test   the same set-up, then the whole test suite (unit, hosts,
#                       Python, ABI, AddressSanitizer+UBSan, valgrind, fuzzing)
set -eu

cd "$(dirname "$0")/.."
root=$(pwd)

packages="gcc clang libclang-rt-14-dev meson ninja-build pkg-config
  libglib2.0-dev libjson-glib-dev gobject-introspection libgirepository1.0-dev
  python3 python3-gi python3-pytest abigail-tools valgrind time sqlite3 libsqlite3-dev
  gedit gedit-dev libpeas-dev xvfb xdotool imagemagick dbus-daemon libglib2.0-bin
  python3-dask python3-distributed python3-pandas"

install_packages() {
  missing=""
  for p in $packages; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing="$missing $p"
  done
  [ -z "$missing" ] && return 0
  echo "== installing:$missing"
  if [ "$(id -u)" -ne 0 ]; then sudo=sudo; else sudo=; fi
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends $missing
}

build() {
  [ -f build/build.ninja ] || meson setup build
  ninja -C build
}

case "${1:-}" in
  demo)
    install_packages
    build
    ./build/hosts/lede annotate --pretty --date 2023-05-16 examples/example-article.txt
    ;;
  test)
    install_packages
    build
    echo "== unit, ABI, hosts and Python tests"
    meson test -C build --print-errorlogs
    echo "== valgrind memcheck (C suites)"
    meson test -C build --setup valgrind --suite unit --suite abi --print-errorlogs
    echo "== gedit with the Lede plugin under valgrind memcheck"
    LEDE_GEDIT_VALGRIND=1 meson test -C build --suite gedit --timeout-multiplier 5 --print-errorlogs
    echo "== AddressSanitizer + UndefinedBehaviorSanitizer (docs/testing.md)"
    tests/run-sanitizers.sh build-asan --suite unit --suite abi --suite cli --suite sqlite
    echo "== libFuzzer on lede_annotate, bounded"
    tests/fuzz/run-fuzz.sh "${LEDE_FUZZ_SECONDS:-120}"
    ;;
  *)
    echo "usage: $0 demo|test" >&2
    exit 2
    ;;
esac
