#!/usr/bin/env python3
"""tcpdump-race.py: a learner starts tcpdump and, at once, a ping.

    tcpdump-race.py [--delay MS] -- TCPDUMP ARGS... -- PING ARGS...

Runs TCPDUMP on a pseudo-terminal (as in a learner's terminal: its
output is line-buffered), starts PING --delay ms later (default 0), and
reads tcpdump's lines for a second after the ping ends.  Prints one
JSON object: how long tcpdump took to say "listening on", each line with
the time it reached the terminal and the frame's own time (tcpdump -tt),
and the ping's exit status.  Used by bench/run."""
import json
import os
import pty
import select
import subprocess
import sys
import time


def main(argv):
    delay = 0.0
    if argv and argv[0] == "--delay":
        delay = float(argv[1]) / 1000
        argv = argv[2:]
    sep = [i for i, a in enumerate(argv) if a == "--"]
    dump, ping = argv[sep[0] + 1:sep[1]], argv[sep[1] + 1:]
    master, slave = pty.openpty()
    t_exec = time.time()
    td = subprocess.Popen(dump, stdin=slave, stdout=slave, stderr=slave,
                          close_fds=True)
    os.close(slave)
    if delay:
        time.sleep(delay)
    t_ping = time.time()
    pg = subprocess.Popen(ping, stdout=subprocess.DEVNULL,
                          stderr=subprocess.DEVNULL)
    lines, buf, t_listen, end = [], b"", None, None
    while True:
        now = time.time()
        if end is None and pg.poll() is not None:
            end = now + 1.0
        if end is not None and now > end:
            break
        r, _, _ = select.select([master], [], [], 0.05)
        if not r:
            continue
        try:
            chunk = os.read(master, 65536)
        except OSError:
            break
        arrived = time.time()
        buf += chunk
        while b"\n" in buf:
            raw, buf = buf.split(b"\n", 1)
            text = raw.decode("utf-8", "replace").rstrip("\r")
            if "listening on" in text and t_listen is None:
                t_listen = arrived
            word = text.split(" ", 1)[0]
            try:
                stamp = float(word)
            except ValueError:
                stamp = None
            lines.append({"arrived": arrived, "stamp": stamp, "text": text})
    td.terminate()
    td.wait()
    print(json.dumps({
        "exec": t_exec, "ping_started": t_ping,
        "listening_ms": None if t_listen is None else (t_listen - t_exec) * 1000,
        "ping_status": pg.returncode, "lines": lines}))


if __name__ == "__main__":
    main(sys.argv[1:])
