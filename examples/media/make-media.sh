#!/usr/bin/env bash
# Makes the small example media with Debian's ffmpeg (apt-get install -y ffmpeg). Test patterns
# only: real footage would make the examples large.
set -euo pipefail
cd "$(dirname "$0")"
ffmpeg -loglevel error -y -f lavfi -i testsrc2=size=854x480:rate=24 -f lavfi -i sine=frequency=330:sample_rate=22050 \
  -t 4 -c:v libx264 -preset veryslow -crf 38 -pix_fmt yuv420p -c:a aac -b:a 24k -shortest -movflags +faststart clip.mp4
ffmpeg -loglevel error -y -f lavfi -i mandelbrot=size=640x480 -frames:v 1 -q:v 6 style-a.jpg
ffmpeg -loglevel error -y -f lavfi -i cellauto=size=640x480:rule=110 -frames:v 1 style-b.png
ffmpeg -loglevel error -y -f lavfi -i smptehdbars=size=854x480 -frames:v 1 first-frame.jpg
ffmpeg -loglevel error -y -f lavfi -i rgbtestsrc=size=854x480 -frames:v 1 last-frame.jpg
ffmpeg -loglevel error -y -f lavfi -i "sine=frequency=220:sample_rate=22050,volume=0.5" -t 8 -c:a libmp3lame -b:a 32k track.mp3
