#!/usr/bin/env python3
"""The C++ bindings generator end to end (CODEGEN.md, docs/generated-api.md):

* golden files: `bamlc build --cpp-out` of tests/codegen/project (every type shape, hostile names)
  must equal tests/codegen/golden/baml_client/ (types.hpp, client.hpp, client.cpp; ir.cpp is the
  IR as data and is checked by the IR goldens); a mismatch prints the command that regenerates them;
* determinism: a second run gives the same bytes and rewrites nothing; the depfile lists the sources;
* generator blocks: `output_type "cpp"` with `output_dir` and `namespace` is honoured, others noted;
* the generated code compiled with each of g++ and clang++ at -std=c++17 and c++20 under
  -Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wsign-conversion -Wold-style-cast -Werror, linked
  with the runtime, and run (tests/codegen/main.cpp) against the mock LLM server: sync, stream,
  async, checks, recursion, hostile names, a deadline, cancellation, a ValidationError;
* types.hpp alone pulls in no JSON header.

    run_codegen_test.py BAMLC MOCK_SERVER REPO_ROOT LIB... [--only-compiler CXX]
"""
import difflib
import os
import pathlib
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent.parent / "e2e"))
from mock_server import MockServer  # noqa: E402

BAMLC, MOCK, ROOT = sys.argv[1], sys.argv[2], pathlib.Path(sys.argv[3])
LIBS = [a for a in sys.argv[4:] if not a.startswith("--")]
PROJECT = ROOT / "tests/codegen/project/baml_src"
GOLDEN = ROOT / "tests/codegen/golden/baml_client"
GOLDEN_FILES = ["types.hpp", "client.hpp", "client.cpp"]
REGENERATE = ("build/cli/bamlc build --from tests/codegen/project/baml_src --cpp-out tests/codegen/golden --namespace hr"
              " && rm tests/codegen/golden/baml_client/ir.cpp")
FLAGS = ["-Wall", "-Wextra", "-Wpedantic", "-Wshadow", "-Wconversion", "-Wsign-conversion", "-Wold-style-cast", "-Werror"]
failures = []


def check(ok, what):
    print(("ok   " if ok else "FAIL ") + what, flush=True)
    if not ok:
        failures.append(what)


def build(out, *extra, project=PROJECT):
    return subprocess.run([BAMLC, "build", "--from", str(project), *extra], capture_output=True, text=True, cwd=out)


with tempfile.TemporaryDirectory() as tmp:
    tmp = pathlib.Path(tmp)
    out = tmp / "gen"
    dep = tmp / "gen.d"
    p = build(tmp, "--cpp-out", str(out), "--namespace", "hr", "--depfile", str(dep))
    check(p.returncode == 0, f"bamlc build --cpp-out exits 0 ({p.stderr.strip()})")
    client = out / "baml_client"
    names = sorted(f.name for f in client.iterdir())
    check(names == ["client.cpp", "client.hpp", "ir.cpp", "types.hpp"], f"the four files are written ({names})")

    # Golden files.
    for name in GOLDEN_FILES:
        got = (client / name).read_text()
        want_path = GOLDEN / name
        want = want_path.read_text() if want_path.exists() else ""
        if got != want:
            diff = list(difflib.unified_diff(want.splitlines(), got.splitlines(), str(want_path), "generated", lineterm=""))
            print("\n".join(diff[:40]))
            print(f"golden mismatch for {name}; if the change is intended, regenerate from the repository root with\n"
                  f"  {REGENERATE}")
        check(got == want, f"golden {name}")

    # Deterministic; unchanged files are not rewritten.
    before = {f.name: (f.read_bytes(), f.stat().st_mtime_ns) for f in client.iterdir()}
    p = build(tmp, "--cpp-out", str(out), "--namespace", "hr", "--depfile", str(dep))
    after = {f.name: (f.read_bytes(), f.stat().st_mtime_ns) for f in client.iterdir()}
    check(p.returncode == 0 and before == after, "a second run changes no byte and no time stamp")
    deps = dep.read_text()
    check(deps.startswith(str(client / "types.hpp") + ":") and "types.baml" in deps and "hostile.baml" in deps,
          "the depfile names types.hpp and every .baml file")
    p = build(tmp, "--cpp-out", str(tmp / "bad"), "--namespace", "not a namespace")
    check(p.returncode == 2 and "namespace" in p.stderr, "a bad --namespace is a usage error")

    # Generator blocks.
    proj = tmp / "blocks" / "baml_src"
    shutil.copytree(PROJECT, proj)
    (proj / "generators.baml").write_text(
        'generator cpp {\n  output_type "cpp"\n  output_dir "../"\n  namespace "acme::hr"\n}\n'
        'generator ts {\n  output_type "typescript"\n  output_dir "../ts"\n  version "0.226.2"\n}\n')
    p = build(tmp, project=proj)
    types = proj.parent / "baml_client" / "types.hpp"
    check(p.returncode == 0 and types.exists() and "namespace acme::hr {" in types.read_text(),
          f"a cpp generator block writes ../baml_client in its namespace ({p.stderr.strip()})")
    check("generator `ts`" in p.stderr and "skipped" in p.stderr, "another output type is skipped with a note")

    # types.hpp alone: no JSON.
    include = ["-I", str(out), "-I", str(ROOT / "runtime/include"), "-I", str(ROOT / "common/include")]
    (tmp / "types_only.cpp").write_text('#include "baml_client/types.hpp"\nint main() { hr::Resume r; return r.active ? 1 : 0; }\n')
    pre = subprocess.run(["g++", "-std=c++17", "-E", *include, str(tmp / "types_only.cpp")], capture_output=True, text=True)
    check(pre.returncode == 0 and "nlohmann" not in pre.stdout, "types.hpp includes no JSON header")

    # Compile, link and run with each compiler and standard.
    compilers = [c for c in ("g++", "clang++") if shutil.which(c)]
    check(len(compilers) == 2, f"both compilers are installed ({compilers})")
    with MockServer(MOCK) as mock:
        env = dict(os.environ, BAML_MOCK_BASE_URL=mock.base_url)
        for cxx in compilers:
            for std in ("c++17", "c++20"):
                label = f"{cxx} -std={std}"
                objs = []
                ok = True
                for src in (client / "client.cpp", client / "ir.cpp", ROOT / "tests/codegen/main.cpp", tmp / "types_only.cpp"):
                    obj = tmp / f"{src.stem}-{cxx}-{std}.o"
                    c = subprocess.run([cxx, f"-std={std}", *FLAGS, *include, "-c", str(src), "-o", str(obj)],
                                       capture_output=True, text=True)
                    if c.returncode != 0:
                        print(c.stderr[:4000])
                        ok = False
                    elif src.stem != "types_only":
                        objs.append(str(obj))
                check(ok, f"{label}: the generated code compiles without a warning")
                if not ok:
                    continue
                exe = tmp / f"app-{cxx}-{std}"
                link = subprocess.run([cxx, "-o", str(exe), *objs, "-Wl,--start-group", *LIBS, "-Wl,--end-group",
                                       "-lcurl", "-lpthread"], capture_output=True, text=True)
                if link.returncode != 0:
                    print(link.stderr[:4000])
                check(link.returncode == 0, f"{label}: links with the runtime")
                if link.returncode != 0:
                    continue
                run = subprocess.run([str(exe)], capture_output=True, text=True, env=env, timeout=120)
                if run.returncode != 0:
                    print(run.stdout + run.stderr)
                check(run.returncode == 0 and "all passed" in run.stdout, f"{label}: sync, stream and async calls against the mock")
                os.unlink(exe)

print(f"{len(failures)} failures")
sys.exit(1 if failures else 0)
