#!/usr/bin/env bash
# Installs everything building and testing chcheck needs on Debian bookworm:
# Debian's LLVM/Clang 19, GoogleTest, Google Benchmark, nlohmann-json,
# Boost.Fiber and Asio (the tests of their models, test/lit/boost-fiber/ and
# test/lit/asio/), and
# Microsoft's SARIF validator from npm (into .tools/, not the system).
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(cmake ninja-build g++ clang-19 libclang-19-dev libclang-cpp19-dev llvm-19-dev
          llvm-19-tools clang-tidy-19 libclang-rt-19-dev nlohmann-json3-dev
          libgtest-dev libgmock-dev libbenchmark-dev python3 graphviz
          libboost-fiber-dev libasio-dev)
# The SARIF validator needs npm; use the machine's if it has one (it may not
# come from Debian's packages, whose nodejs would then conflict).
command -v npm >/dev/null 2>&1 || packages+=(npm)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "install-deps: installing ${missing[*]}"
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO=sudo
  $SUDO apt-get update
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y --no-install-recommends "${missing[@]}"
fi

# SARIF validator.  npm 11 skips install scripts, so the native binary of the
# Linux package is not marked executable: do it ourselves.
if [ ! -x .tools/node_modules/.bin/sarif-multitool ] || \
   ! ls .tools/node_modules/@microsoft/sarif-multitool-linux/ >/dev/null 2>&1; then
  echo "install-deps: installing @microsoft/sarif-multitool into .tools/"
  mkdir -p .tools
  npm install --prefix .tools --no-audit --no-fund @microsoft/sarif-multitool >/dev/null
fi
find .tools/node_modules/@microsoft/sarif-multitool-linux -type f -name 'Sarif.Multitool' -exec chmod u+x {} +
