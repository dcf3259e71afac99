#!/usr/bin/env bash
# Renders the app icon from checkpoint-studio.svg with ImageMagick: the PNG jpackage uses on Linux and
# the ICO it needs on Windows. macOS wants an .icns; make it on a Mac (see installers/README.md).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
convert -background none checkpoint-studio.svg -depth 8 -resize 256x256 checkpoint-studio.png
convert checkpoint-studio.png -define icon:auto-resize=256,128,64,48,32,16 checkpoint-studio.ico
