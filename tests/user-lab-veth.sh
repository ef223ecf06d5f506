#!/bin/bash
# user-lab-veth.sh: lab-veth.sh unchanged, in the sandbox world of an
# unprivileged user (nobody), who needs no root for any of it.
NST_WORLD=sandbox NST_USER=nobody exec bash "${top_srcdir:-.}/tests/lab-veth.sh"
