#!/usr/bin/env bash
# Installs the classical codecs `lic4j eval` and `lic4j eval-video` compare against (Debian 12
# packages), and fonts for their plots. `lic4j eval` runs without them: a missing codec is skipped
# with a note in the report (`lic4j eval-video` needs ffmpeg itself, to decode the clips).
#
#   libjpeg-turbo-progs  cjpeg, djpeg        JPEG 4:2:0 and 4:4:4 (libjpeg-turbo 2.1.5)
#   webp                 cwebp, dwebp        WebP (libwebp 1.2.4)
#   libavif-bin          avifenc, avifdec    AVIF 4:4:4 with libaom (libavif 0.11.1, aom 3.6.0)
#   x265                 x265                HEVC intra 4:4:4, the BPG-like anchor (x265 3.5)
#   ffmpeg               ffmpeg, ffprobe     RGB <-> Y'CbCr for x265, and the HEVC decoder (5.1); for
#                                            `lic4j eval-video`: every clip's decoding, and x264 and
#                                            x265 through its libx264 and libx265 (Debian's build has both)
#   fontconfig, fonts-dejavu-core            text in the PNG plots (headless JFreeChart)
#
# Usage: eval/src/main/scripts/install-classical-codecs.sh   (as root, or with sudo available)
set -euo pipefail
packages=(libjpeg-turbo-progs webp libavif-bin x265 ffmpeg fontconfig fonts-dejavu-core)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f '${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "classical codecs: all installed"
  exit 0
fi
sudo=()
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null 2>&1 || { echo "need root (or sudo) to install: ${missing[*]}" >&2; exit 1; }
  sudo=(sudo)
fi
echo "classical codecs: installing ${missing[*]}"
"${sudo[@]}" apt-get update -q
"${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
