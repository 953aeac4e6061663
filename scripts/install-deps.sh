#!/usr/bin/env bash
# Installs the Debian 12 packages Lab Console needs to build, run and test.
# Usage: scripts/install-deps.sh [--test]   (--test adds what only the tests need)
set -euo pipefail

packages=(
  cmake ninja-build g++ pkg-config ccache file dpkg-dev
  qt6-base-dev qt6-base-dev-tools qt6-charts-dev qt6-svg-dev libqt6opengl6-dev libxkbcommon-dev
  qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools qt6-translations-l10n qt6-qpa-plugins
  qtkeychain-qt6-dev libcurl4-openssl-dev nlohmann-json3-dev libsimdjson-dev libyaml-cpp-dev libgl-dev libvulkan-dev
  fonts-dejavu-core
)
if [[ "${1:-}" == "--test" ]]; then
  packages+=(libcpp-httplib-dev xvfb xauth openssl libssl-dev zlib1g-dev dbus dbus-daemon gnome-keyring libsecret-tools)
fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if (( ${#missing[@]} )); then
  echo "Installing: ${missing[*]}"
  sudo_cmd=()
  [[ $(id -u) -ne 0 ]] && sudo_cmd=(sudo)
  "${sudo_cmd[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
