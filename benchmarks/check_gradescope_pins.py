"""Whether the autograder zip's requirements.txt installs on both Gradescope base images, as
wheels (an image has no compiler to count on): pip downloads each pin for the image's Python
and glibc. Needs PyPI; not a test of the suite, a check to run before uploading a zip.

Usage: python benchmarks/check_gradescope_pins.py
Prints one line per image, and the pins that failed; exits 1 if any did.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

from grader.instructor.gradescope import pinned_requirements

# (image, its Python, its glibc's minor version). pip's --platform takes exact tags, and
# numpy 2.3 and later ship x86_64 wheels for manylinux_2_28 only (none for manylinux2014), so
# every manylinux tag up to the image's glibc is listed, as pip on the image would accept.
IMAGES = [("Ubuntu 22.04", "3.11", 35), ("Ubuntu 24.04", "3.12", 39)]


def download(requirements: Path, python: str, glibc: int, folder: Path) -> str:
    """pip's error output ("" if every pin downloaded as a wheel)."""
    platforms = [f"--platform=manylinux_2_{minor}_x86_64" for minor in range(17, glibc + 1)]
    done = subprocess.run(
        [sys.executable, "-m", "pip", "download", "--quiet", "--only-binary=:all:",
         f"--python-version={python}", "--implementation=cp", *platforms,
         "--no-deps", "-r", str(requirements), "-d", str(folder)],
        capture_output=True, text=True)
    if done.returncode == 0:
        return ""
    return "\n".join(line for line in done.stderr.splitlines() if line.startswith("ERROR"))


def main() -> int:
    text = pinned_requirements()
    pins = [line for line in text.splitlines() if line and not line.startswith("#")]
    failed = False
    with tempfile.TemporaryDirectory() as scratch:
        requirements = Path(scratch) / "requirements.txt"
        requirements.write_text(text)
        for image, python, glibc in IMAGES:
            errors = download(requirements, python, glibc, Path(scratch) / python)
            print(f"{image}, Python {python}: "
                  f"{'every pin has a wheel' if not errors else 'FAILED'} ({len(pins)} pins)")
            if errors:
                print(errors)
                failed = True
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
