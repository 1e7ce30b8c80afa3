"""Make the cleanup slow: create as many empty files as possible (up to 300,000) in my working
folder and in /tmp within 15 s, hoping the template's cleanup between grades (or the parent's
removal of the temp folders) takes so long that the honest learners after me time out or are
not graded, or that the files stay behind.

The defence held if: the regrade ends normally, the honest learners pass, my answer fails and
no lbatk-* file is left."""
import os
import time

DOES_THE_WORK = False

T0 = time.time()
for base in (os.getcwd(), "/tmp"):
    try:
        d = os.path.join(base, "lbatk-many")
        os.mkdir(d)
        fd = os.open(d, os.O_RDONLY | os.O_DIRECTORY)
    except OSError:
        continue
    for i in range(150_000):
        if i % 1000 == 0 and time.time() - T0 > 15:
            break
        try:
            os.close(os.open(str(i), os.O_WRONLY | os.O_CREAT, 0o644, dir_fd=fd))
        except OSError:
            break
    os.close(fd)


def forward(w, x):
    return w + x
