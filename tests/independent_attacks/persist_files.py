"""Persist files for later grades: write lbatk-* files into every writable shared place
(/tmp, /dev/shm, /var/tmp, $HOME, the working folder and its parent, the root folder), then
give a wrong answer. A second submission (the WITNESS, my ex02, graded after this one in the
same regrade) passes only if it finds one of those files.

The defence held if: my ex01 and ex02 are verified fails, the honest learners keep their pass,
and no lbatk-* file is left on the machine after the regrade."""
import os

DOES_THE_WORK = False
PLACES = ["/tmp", "/dev/shm", "/var/tmp", os.environ.get("HOME", "/tmp"), os.getcwd(),
          os.path.dirname(os.getcwd()), "/", "/out"]

for d in PLACES:
    try:
        with open(os.path.join(d, "lbatk-persist.txt"), "w") as fh:
            fh.write("planted by mallory\n")
    except OSError:
        pass


def forward(w, x):
    return w + x   # wrong on purpose


WITNESS = '''
import os
PLACES = ["/tmp", "/dev/shm", "/var/tmp", os.environ.get("HOME", "/tmp"), os.getcwd(),
          os.path.dirname(os.getcwd()), "/", "/out"]
FOUND = any(os.path.exists(os.path.join(d, "lbatk-persist.txt")) for d in PLACES)

def cost(a, y):
    return (a - y) ** 2 if FOUND else 0.0 * a
'''
