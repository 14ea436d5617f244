"""Time LibreOffice opening .docx files, for bench_docx_libreoffice.py.

Run by the system Python (Debian's python3-uno), not the venv:

    /usr/bin/python3 lo_load.py PROFILE_DIR REPEATS FILE...

Starts one headless soffice (its own profile, a named pipe), loads each file REPEATS times
in turn (round robin, so a noisy neighbour hits every file alike) as a document model, and
prints one JSON line: file → list of seconds, and the number of comments it read.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import uuid

import uno
from com.sun.star.beans import PropertyValue


def prop(name, value):
    p = PropertyValue()
    p.Name, p.Value = name, value
    return p


def main() -> None:
    profile, repeats, files = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
    pipe = f"desk-bench-{uuid.uuid4().hex}"
    proc = subprocess.Popen(
        [
            "soffice",
            "--headless",
            "--norestore",
            "--nologo",
            "--nodefault",
            f"-env:UserInstallation=file://{profile}",
            f"--accept=pipe,name={pipe};urp;",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env={**os.environ, "HOME": profile},
        start_new_session=True,
    )
    try:
        local = uno.getComponentContext()
        resolver = local.ServiceManager.createInstanceWithContext(
            "com.sun.star.bridge.UnoUrlResolver", local
        )
        for _ in range(400):
            try:
                ctx = resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
                break
            except Exception:
                time.sleep(0.3)
        else:
            raise SystemExit("soffice did not start")
        times = {f: [] for f in files}
        comments = {}
        for _ in range(repeats):
            for path in files:
                start = time.perf_counter()
                doc = ctx.ServiceManager.createInstanceWithContext(
                    "com.sun.star.text.TextDocument", ctx
                )
                doc.load(
                    (
                        prop("URL", uno.systemPathToFileUrl(os.path.abspath(path))),
                        prop("FilterName", "MS Word 2007 XML"),
                    )
                )
                times[path].append(time.perf_counter() - start)
                fields = doc.getTextFields().createEnumeration()
                n = 0
                while fields.hasMoreElements():
                    n += fields.nextElement().supportsService(
                        "com.sun.star.text.TextField.Annotation"
                    )
                comments[path] = n
                doc.close(True)
        print(json.dumps({"times": times, "comments": comments}))
    finally:
        # soffice is a launcher script: its office process is a child, in the session that
        # start_new_session gave it; end them all.
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=60)


if __name__ == "__main__":
    main()
