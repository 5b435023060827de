# Shared by scripts/demo and scripts/test: install the Debian packages bamlc needs when they are
# missing, configure once, and build incrementally. Sourced, not run.
set -euo pipefail

BAMLC_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BAMLC_BUILD="${BAMLC_BUILD:-$BAMLC_ROOT/build}"

# Everything comes from Debian 12's archive; nothing is downloaded at build time.
BAMLC_PACKAGES=(cmake ninja-build g++ pkg-config python3 default-jre-headless antlr4 libantlr4-runtime-dev
                libcurl4-openssl-dev nlohmann-json3-dev libcli11-dev doctest-dev libevent-dev
                openssl ca-certificates  # the TLS test makes a self-signed certificate
                libxml2-utils  # xmllint validates bamlc test's JUnit files
                dpkg-dev  # dpkg-shlibdeps, for the Debian package `cpack -G DEB` makes
                clang)  # libFuzzer (scripts/fuzz) and the second compiler of the generated code

bamlc_install_packages() {
  local missing=()
  for pkg in "${BAMLC_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "bamlc: installing Debian packages: ${missing[*]}"
  local sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
}

bamlc_build() {
  bamlc_install_packages
  # -O2 as RelWithDebInfo, with line tables and function names only (-g1): enough for perf and
  # for a crash's backtrace, and it compiles in ~15% less time than full debug information.
  if [ ! -f "$BAMLC_BUILD/build.ninja" ]; then
    cmake -S "$BAMLC_ROOT" -B "$BAMLC_BUILD" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
      -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O2 -g1 -DNDEBUG"
  fi
  # Two cores: the default parallelism of ninja would oversubscribe the machine.
  cmake --build "$BAMLC_BUILD" -- -j"$(nproc)"
}

# The sanitized tree (scripts/test, scripts/fuzz): clang, ASan+UBSan, libFuzzer's coverage, -O1
# (the suite runs several times faster under ASan than at -O0) and line tables only for the
# sanitizers' stack traces. One tree serves both: the suite runs under the sanitizers there and
# the fuzz targets link the same objects. The benchmarks are left out.
bamlc_configure_sanitized() {
  local dir="$1"
  [ -f "$dir/build.ninja" ] && return 0
  CC=clang CXX=clang++ cmake -S "$BAMLC_ROOT" -B "$dir" -G Ninja -DCMAKE_BUILD_TYPE=Debug \
    -DCMAKE_CXX_FLAGS_DEBUG="-gline-tables-only -O1" -DBAMLC_SANITIZE=address,undefined -DBAMLC_FUZZ=ON \
    -DBAMLC_BENCHMARKS=OFF > /dev/null
}
