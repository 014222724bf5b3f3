#!/usr/bin/env bash
# Runs chcheck over real C++ codebases from Debian source packages (issue 5,
# "Real code"): leveldb, spdlog and zeromq3 use threads and mutexes but not our
# channel API, so the expected result is zero findings.  What this measures is
# robustness (no crash, no hang, parse failures explained) and cost (wall time,
# max RSS) on code we did not write.
#
# Usage: scripts/real-code.sh [options] [packages...]
#   --work DIR       where sources, builds and results go (default /work/realcode;
#                    outside the repository: fetched code is never committed)
#   --chcheck PATH   the analyzer (default <repo>/build-real/bin/chcheck)
#   --jobs N         -j for make and chcheck (default 2)
#   --timeout SECS   limit for one package's chcheck run; hitting it is a hang (default 3600)
#   --no-setup       skip the apt steps (deb-src entry, update, install)
#   --rebuild        regenerate compile databases even if they exist
#   --databases-only fetch sources and generate compile databases, do not analyse
# Packages: any of leveldb spdlog zeromq3 (default: all three).
#
# Exit status: 0 if chcheck neither crashed, hung nor hit an internal error on
# any package; 1 otherwise.  Findings and parse failures are reported, not
# fatal: they are what the summary is for.
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
work=/work/realcode
chcheck=$repo/build-real/bin/chcheck
jobs=2
timeout_secs=3600
setup=1
rebuild=0
databases_only=0
packages=()
while (($#)); do
  case $1 in
    --work) work=$2; shift 2 ;;
    --chcheck) chcheck=$2; shift 2 ;;
    --jobs) jobs=$2; shift 2 ;;
    --timeout) timeout_secs=$2; shift 2 ;;
    --no-setup) setup=0; shift ;;
    --rebuild) rebuild=1; shift ;;
    --databases-only) databases_only=1; shift ;;
    -h|--help) sed -n '2,/^set -e/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    -*) echo "real-code.sh: unknown option $1" >&2; exit 2 ;;
    *) packages+=("$1"); shift ;;
  esac
done
((${#packages[@]})) || packages=(leveldb spdlog zeromq3)

log() { printf '== %s\n' "$*" >&2; }

# --- 1. apt: source entries and the tools/headers configure needs -----------
setup_apt() {
  local src=/etc/apt/sources.list.d/debian.sources
  local dst=/etc/apt/sources.list.d/debian-src.sources
  if ! grep -rqs '^Types:.*deb-src\|^deb-src ' /etc/apt/sources.list /etc/apt/sources.list.d/; then
    log "adding deb-src entries ($dst)"
    sed 's/^Types: deb$/Types: deb-src/' "$src" >"$dst"
  fi
  apt-get update -qq -o DPkg::Lock::Timeout=600
  # Not `apt-get build-dep`: that pulls in documentation toolchains (asciidoc,
  # xmlto, discount) and optional transports (pgm, norm, krb5) that a compile
  # database does not need.  This is the smallest set that configures all
  # three: cmake for leveldb/spdlog, autotools + bear for zeromq3, the external
  # fmt spdlog's Debian source is built against (its bundled copy is removed),
  # snappy for leveldb's compression path, gtest/gmock/benchmark for leveldb's
  # tests and catch2 for spdlog's (Debian builds both against the system
  # copies: without catch2 every spdlog test TU fails on <catch2/catch.hpp>).
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
    -o DPkg::Lock::Timeout=600 \
    dpkg-dev bear time cmake ninja-build make g++ pkgconf autoconf automake libtool \
    libfmt-dev libsnappy-dev libgtest-dev libgmock-dev libbenchmark-dev catch2 >/dev/null
}

# --- 2. sources --------------------------------------------------------------
# Prints the unpacked source directory of a package, fetching it if needed.
source_dir() {
  local pkg=$1 dir
  dir=$(find "$work" -maxdepth 3 -path "$work/$pkg-*/debian/changelog" -printf '%h\n' 2>/dev/null |
        sed 's,/debian$,,' | sort -V | tail -1)
  if [[ -z $dir ]]; then
    log "$pkg: apt-get source"
    (cd "$work" && apt-get source -qq "$pkg" >&2)
    dir=$(find "$work" -maxdepth 3 -path "$work/$pkg-*/debian/changelog" -printf '%h\n' |
          sed 's,/debian$,,' | sort -V | tail -1)
  fi
  [[ -n $dir ]] || { echo "real-code.sh: no source for $pkg" >&2; return 1; }
  printf '%s\n' "$dir"
}

# Debian's own compiler flags (hardening, -ffile-prefix-map, ...): the compile
# database should carry what the package really builds with, including any
# g++ flag clang might reject.  Run from the source directory, which
# -ffile-prefix-map names.
deb_flags() { (cd "$src" && dpkg-buildflags --get "$1"); }

# --- compile databases: each prints the directory holding compile_commands.json
compdb_leveldb() {
  local src=$1 build=$1/obj-chcheck
  # Debian's configuration (debian/rules: tests and benchmarks on, against the
  # system gtest/benchmark per 0120-external_testing.patch), static variant:
  # only it builds the tests of internals (db_test, corruption_test, ...,
  # the threaded ones among them) and db_bench.
  if ((rebuild)) || [[ ! -f $build/compile_commands.json ]]; then
    cmake -S "$src" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=None \
      -DCMAKE_EXPORT_COMPILE_COMMANDS=ON -DBUILD_SHARED_LIBS=OFF \
      -DCMAKE_CXX_FLAGS="$(deb_flags CXXFLAGS) $(deb_flags CPPFLAGS) -fPIC" \
      -DCMAKE_C_FLAGS="$(deb_flags CFLAGS) $(deb_flags CPPFLAGS) -fPIC" >&2
  fi
  printf '%s\n' "$build"
}

compdb_spdlog() {
  local src=$1 build=$1/obj-chcheck
  # debian/rules: tests, examples, header-only variants, external fmt.
  if ((rebuild)) || [[ ! -f $build/compile_commands.json ]]; then
    rm -rf "$src/include/spdlog/fmt/bundled"
    cmake -S "$src" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=None \
      -DCMAKE_EXPORT_COMPILE_COMMANDS=ON \
      -DSPDLOG_BUILD_EXAMPLE=ON -DSPDLOG_BUILD_EXAMPLE_HO=ON \
      -DSPDLOG_BUILD_TESTS=ON -DSPDLOG_BUILD_TESTS_HO=ON \
      -DSPDLOG_FMT_EXTERNAL=ON -DSPDLOG_BUILD_SHARED=ON \
      -DCMAKE_CXX_FLAGS="$(deb_flags CXXFLAGS) $(deb_flags CPPFLAGS)" >&2
  fi
  printf '%s\n' "$build"
}

compdb_zeromq3() {
  local src=$1
  # Autotools: the database comes from bear watching a real build.  Debian's
  # configure line minus the optional transports we do not install (pgm, norm,
  # gssapi); libsodium absent means CURVE uses the bundled tweetnacl.
  # --disable-static: libtool would otherwise compile every source twice and
  # the database would hold each file twice.  `check TESTS=` builds the test
  # programs (many of them threaded) without running them.
  if ((rebuild)) || [[ ! -f $src/compile_commands.json ]]; then
    (
      cd "$src"
      [[ -x configure ]] || autoreconf -fi >&2
      ./configure --disable-Werror --disable-static --without-libsodium \
        CXXFLAGS="$(deb_flags CXXFLAGS)" CFLAGS="$(deb_flags CFLAGS)" CPPFLAGS="$(deb_flags CPPFLAGS)" >&2
      make clean >/dev/null 2>&1 || true
      # Two makes in sequence: `make -jN all check` builds both goals at once
      # and races on the same objects.
      bear --output compile_commands.json -- \
        sh -c "make -j$jobs all && make -j$jobs check TESTS=" >&2
    )
  fi
  printf '%s\n' "$src"
}

# --- 3. analysis -------------------------------------------------------------
# Runs chcheck over every database entry; leaves in $out: report.json,
# stderr.log (progress lines stamped with seconds since start), time.txt
# (/usr/bin/time -v) and status (chcheck's exit status, 124 on timeout).
analyse() {
  local db=$1 out=$2
  mkdir -p "$out"
  rm -f "$out"/report.json "$out"/stderr.log "$out"/time.txt "$out"/status
  echo "$EPOCHREALTIME" >"$out/start"
  # timeout exits 124 on expiry (137 if it had to SIGKILL a chcheck that
  # ignored SIGTERM); time(1) reports a signal that killed chcheck itself as
  # "Command terminated by signal N".  The stderr lines (progress, errors) are
  # stamped so a hang or a slow TU can be located.
  {
    local status=0
    /usr/bin/time -v -o "$out/time.txt" \
      timeout --kill-after=30 "$timeout_secs" \
      "$chcheck" -p "$db" --format json -o "$out/report.json" -j"$jobs" --progress || status=$?
    echo "$status" >"$out/status"
  } 2>&1 | while IFS= read -r line; do printf '%s %s\n' "$EPOCHREALTIME" "$line"; done >"$out/stderr.log"
}

summarise() {
  python3 "$repo/scripts/real-code/summarize.py" "$@"
}

mkdir -p "$work"
((databases_only)) || [[ -x $chcheck ]] || { echo "real-code.sh: $chcheck not built (cmake --build $repo/build-real --target chcheck)" >&2; exit 2; }
((setup)) && setup_apt

results=()
for pkg in "${packages[@]}"; do
  declare -F "compdb_$pkg" >/dev/null || { echo "real-code.sh: unknown package $pkg" >&2; exit 2; }
  src=$(source_dir "$pkg")
  version=$(dpkg-parsechangelog -l "$src/debian/changelog" -S Version)
  log "$pkg $version: compile database"
  db=$("compdb_$pkg" "$src")
  if ((databases_only)); then
    log "$pkg: $(jq length "$db/compile_commands.json") entries in $db/compile_commands.json"
    continue
  fi
  out=$work/results/$pkg
  log "$pkg: chcheck -p $db -j$jobs"
  analyse "$db" "$out"
  printf '{"package":"%s","version":"%s","database":"%s"}\n' "$pkg" "$version" \
    "$db/compile_commands.json" >"$out/meta.json"
  results+=("$out")
done

((databases_only)) || summarise "${results[@]}"
