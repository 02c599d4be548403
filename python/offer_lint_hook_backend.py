"""The PEP 517 build backend of the pre-commit package at the root of the repository.

It builds one wheel with no code, `offer_lint_pre_commit`, whose only content is its metadata:
`Requires-Dist: offer-lint==<version>`, the version being Cargo.toml's. pre-commit installs
the hook repository with `pip install .`; this makes that install resolve the prebuilt
`offer-lint` wheel (maturin, `bindings = "bin"`) instead of compiling the crate.
"""

import base64
import hashlib
import os
import re
import zipfile

NAME = "offer_lint_pre_commit"
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def _version():
    with open(os.path.join(ROOT, "Cargo.toml"), encoding="utf-8") as cargo:
        text = cargo.read()
    package = text.split("[package]", 1)[1].split("\n[", 1)[0]
    match = re.search(r'^version\s*=\s*"([^"]+)"', package, re.M)
    if not match:
        raise RuntimeError("Cargo.toml has no [package] version")
    return match.group(1)


def _files(version):
    info = f"{NAME}-{version}.dist-info"
    metadata = (
        "Metadata-Version: 2.1\n"
        "Name: offer-lint-pre-commit\n"
        f"Version: {version}\n"
        "Summary: The pre-commit hook of offer-lint: requires the prebuilt offer-lint wheel\n"
        "License: MIT\n"
        f"Requires-Dist: offer-lint=={version}\n"
    )
    wheel = (
        "Wheel-Version: 1.0\n"
        "Generator: offer_lint_hook_backend\n"
        "Root-Is-Purelib: true\n"
        "Tag: py3-none-any\n"
    )
    return info, {f"{info}/METADATA": metadata, f"{info}/WHEEL": wheel}


def _record_line(path, data):
    digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=")
    return f"{path},sha256={digest.decode()},{len(data)}\n"


def get_requires_for_build_wheel(config_settings=None):
    return []


def prepare_metadata_for_build_wheel(metadata_directory, config_settings=None):
    info, files = _files(_version())
    for path, text in files.items():
        target = os.path.join(metadata_directory, path)
        os.makedirs(os.path.dirname(target), exist_ok=True)
        with open(target, "w", encoding="utf-8") as out:
            out.write(text)
    return info


def build_wheel(wheel_directory, config_settings=None, metadata_directory=None):
    version = _version()
    info, files = _files(version)
    name = f"{NAME}-{version}-py3-none-any.whl"
    record = ""
    with zipfile.ZipFile(os.path.join(wheel_directory, name), "w") as whl:
        for path, text in files.items():
            data = text.encode("utf-8")
            whl.writestr(path, data)
            record += _record_line(path, data)
        record += f"{info}/RECORD,,\n"
        whl.writestr(f"{info}/RECORD", record)
    return name
