#!/usr/bin/env python3
"""bamlc as a CMake package (CODEGEN.md, "CMake"): tests/codegen/consumer, a C++17 project with
two bamlc_generate() targets (SOURCE_DIR and SOURCES), is configured against this build tree and
against an install prefix (`cmake --install`), built with Ninja, and run against the mock LLM
server; a second build does nothing; touching one .baml file regenerates only its target and
recompiles nothing whose bytes did not change. The same again from the Debian package that
`cpack -G DEB` makes of the install, unpacked with `dpkg-deb -x`.

    consumer_test.py BUILD_DIR MOCK_SERVER REPO_ROOT NINJA
"""
import os
import pathlib
import shutil
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent.parent / "e2e"))
from mock_server import MockServer  # noqa: E402

BUILD, MOCK, ROOT, NINJA = pathlib.Path(sys.argv[1]), sys.argv[2], pathlib.Path(sys.argv[3]), sys.argv[4]
failures = []


def check(ok, what, detail=""):
    print(("ok   " if ok else "FAIL ") + what, flush=True)
    if not ok:
        if detail:
            print(detail)
        failures.append(what)


def run(*cmd, **kw):
    return subprocess.run([str(c) for c in cmd], capture_output=True, text=True, **kw)


with tempfile.TemporaryDirectory() as tmp, MockServer(MOCK) as mock:
    tmp = pathlib.Path(tmp)
    env = dict(os.environ, BAML_MOCK_BASE_URL=mock.base_url)
    p = run("cmake", "--install", BUILD, "--prefix", tmp / "prefix")
    check(p.returncode == 0, "cmake --install", p.stdout[-2000:] + p.stderr[-2000:])
    p = run("cpack", "-G", "DEB", "--config", BUILD / "CPackConfig.cmake", "-B", tmp / "deb")
    debs = sorted((tmp / "deb").glob("bamlc_*.deb"))
    check(p.returncode == 0 and len(debs) == 1, "cpack -G DEB makes one package", p.stdout[-2000:] + p.stderr[-2000:])
    if debs:
        info = run("dpkg-deb", "--field", debs[0], "Package", "Depends").stdout
        check("Package: bamlc" in info and "libcurl4-openssl-dev" in info and "libc6" in info,
              "the package depends on what bamlc and a consumer need", info)
        listing = run("dpkg-deb", "--contents", debs[0]).stdout
        for path in ("./usr/bin/bamlc", "./usr/include/baml/runtime.h", "/bamlcConfig.cmake", "/bamlcGenerate.cmake"):
            check(path in listing, f"the package holds {path}", listing[-3000:])
        p = run("dpkg-deb", "-x", debs[0], tmp / "debroot")
        check(p.returncode == 0, "dpkg-deb -x unpacks it", p.stderr)
    for label, package in (("build tree", [f"-Dbamlc_DIR={BUILD}"]), ("install prefix", [f"-DCMAKE_PREFIX_PATH={tmp / 'prefix'}"]),
                           ("Debian package", [f"-DCMAKE_PREFIX_PATH={tmp / 'debroot' / 'usr'}"])):
        if label == "Debian package" and not debs:
            continue
        src = tmp / ("src-" + label.replace(" ", "-"))
        shutil.copytree(ROOT / "tests/codegen/consumer", src)
        out = tmp / ("build-" + label.replace(" ", "-"))
        p = run("cmake", "-G", "Ninja", f"-DCMAKE_MAKE_PROGRAM={NINJA}", "-S", src, "-B", out, *package)
        check(p.returncode == 0, f"{label}: find_package(bamlc) configures", p.stdout[-3000:] + p.stderr[-3000:])
        if p.returncode != 0:
            continue
        p = run(NINJA, "-C", out, "-j2")
        check(p.returncode == 0, f"{label}: builds", p.stdout[-4000:] + p.stderr[-2000:])
        if p.returncode != 0:
            continue
        for exe in ("consumer", "counter"):
            r = run(out / exe, env=env, timeout=60)
            check(r.returncode == 0, f"{label}: {exe} runs against the mock", r.stdout + r.stderr)
        p = run(NINJA, "-C", out, "-j2")
        check("no work to do" in p.stdout, f"{label}: a second build does nothing", p.stdout)
        time.sleep(1.1)  # a time stamp clearly newer than the last build's
        (src / "other_src/other.baml").touch()
        p = run(NINJA, "-C", out, "-j2")
        regenerated = [line for line in p.stdout.splitlines() if "bamlc: C++ bindings of" in line]
        check(p.returncode == 0 and len(regenerated) == 1 and regenerated[0].endswith(" counter")
              and "Building CXX" not in p.stdout,
              f"{label}: touching one .baml regenerates only its target and recompiles nothing", p.stdout)
        time.sleep(1.1)
        with open(src / "other_src/other.baml", "a") as f:
            f.write("\nfunction Twice(text: string) -> int {\n  client Mock\n  prompt #\"{{ text }}\"#\n}\n")
        p = run(NINJA, "-C", out, "-j2")
        check(p.returncode == 0 and "counter_baml/baml_client/client.cpp.o" in p.stdout and "main.cpp.o" not in p.stdout,
              f"{label}: editing one .baml rebuilds its target only", p.stdout)

print(f"{len(failures)} failures")
sys.exit(1 if failures else 0)
