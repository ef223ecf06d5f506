#!/bin/bash
# sandbox-lab-bridge.sh: lab-bridge.sh unchanged, in nstutor's own sandbox
# world as root; the real tools look at it through "nstutor shell".
NST_WORLD=sandbox exec bash "${top_srcdir:-.}/tests/lab-bridge.sh"
