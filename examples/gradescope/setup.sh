#!/usr/bin/env bash
# Gradescope's autograder image (Ubuntu): Node 20 and tp (docs/gradescope.md).
set -euo pipefail
curl -fsSL https://deb.nodesource.com/setup_20.x | bash -
apt-get install -y nodejs
npm install -g tp-grader@0.1.0
