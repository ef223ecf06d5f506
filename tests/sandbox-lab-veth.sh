#!/bin/bash
# sandbox-lab-veth.sh: lab-veth.sh unchanged, in nstutor's own sandbox
# world as root; the real tools look at it through "nstutor shell".
NST_WORLD=sandbox exec bash "${top_srcdir:-.}/tests/lab-veth.sh"
