# ontty.py: runs a command with a terminal for its standard input, as a
# user at a keyboard has, its standard output and error left as they are
# (so the test reads them as usual).  Whatever the command writes to the
# terminal itself is read and dropped.
#
#   python3 ontty.py CMD [ARG...]      exits with CMD's status
import os
import pty
import subprocess
import sys
import threading

master, slave = pty.openpty()


def drain():
    while True:
        try:
            if not os.read(master, 4096):
                return
        except OSError:
            return


threading.Thread(target=drain, daemon=True).start()
proc = subprocess.run(sys.argv[1:], stdin=slave)
os.close(slave)
sys.exit(proc.returncode if proc.returncode >= 0 else 128 - proc.returncode)
