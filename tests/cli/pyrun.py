# pyrun.py: one Python interpreter for a whole test file.
#
# lib.sh starts it once, on two FIFOs, instead of starting python3 for
# every JSON check (which cost a tenth of a second each).  Each request
# runs like `python3 -c CODE ARGS... <STDIN`, in a fresh namespace with
# sys.argv, sys.stdin, sys.stdout and sys.stderr of its own (UTF-8,
# strict, as python3 has them in a UTF-8 locale).
#
# Request (every field ends in a NUL byte): the number of ARGS, CODE,
# the ARGS, STDIN.  Answer: the exit status, stdout, stderr, each ending
# in a NUL (NUL bytes of the output are dropped, as a shell's command
# substitution drops them).
#
#   python3 pyrun.py PARENT_PID <requests >answers
#
# It stops at the end of its input, or within a second of its parent
# (the test file's shell) going away.
import builtins
import io
import os
import select
import sys
import traceback

IN, OUT = 0, 1
parent = int(sys.argv[1]) if len(sys.argv) > 1 else os.getppid()
pending = b""
compiled = {}


def field():
    global pending
    while True:
        i = pending.find(b"\0")
        if i >= 0:
            f, pending = pending[:i], pending[i + 1 :]
            return f
        ready, _, _ = select.select([IN], [], [], 1.0)
        if not ready:
            if os.getppid() != parent:
                sys.exit(0)
            continue
        chunk = os.read(IN, 1 << 16)
        if not chunk:
            sys.exit(0)
        pending += chunk


def run(code, args, data):
    out, err = io.BytesIO(), io.BytesIO()
    saved = sys.stdin, sys.stdout, sys.stderr, sys.argv
    sys.stdin = io.TextIOWrapper(io.BytesIO(data), encoding="utf-8", errors="strict")
    sys.stdout = io.TextIOWrapper(out, encoding="utf-8", errors="strict", write_through=True)
    sys.stderr = io.TextIOWrapper(err, encoding="utf-8", errors="backslashreplace",
                                  write_through=True)
    sys.argv = ["-c"] + [os.fsdecode(a) for a in args]
    status = 0
    try:
        prog = compiled.get(code)
        if prog is None:
            prog = compiled[code] = compile(code.decode("utf-8", "surrogateescape"), "<string>",
                                            "exec")
        exec(prog, {"__name__": "__main__", "__builtins__": builtins})
    except SystemExit as e:
        if e.code is None:
            status = 0
        elif isinstance(e.code, int):
            status = e.code & 0xFF
        else:
            print(e.code, file=sys.stderr)
            status = 1
    except BaseException as e:
        # The traceback from the test's code on, as python3 -c shows it.
        traceback.print_exception(type(e), e, e.__traceback__.tb_next)
        status = 1
    finally:
        for f in (sys.stdout, sys.stderr):
            try:
                f.flush()
            except Exception:
                pass
        o, e = out.getvalue(), err.getvalue()
        sys.stdin, sys.stdout, sys.stderr, sys.argv = saved
    return status, o, e


def write(b):
    while b:
        n = os.write(OUT, b)
        b = b[n:]


while True:
    n = int(field())
    code = field()
    args = [field() for _ in range(n)]
    data = field()
    status, o, e = run(code, args, data)
    write(b"%d\0%s\0%s\0" % (status, o.replace(b"\0", b""), e.replace(b"\0", b"")))
