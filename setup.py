"""Build step that pyproject.toml cannot say: compile the message catalogues (.po -> .mo)
into the wheel, with Babel (a build requirement)."""

import sys
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

sys.path.insert(0, str(Path(__file__).resolve().parent))  # facilitation.text.messages


class BuildWithCatalogues(build_py):
    def run(self) -> None:
        super().run()
        from facilitation.text.messages import DOMAIN, compile_po

        for folder in Path(self.build_lib, "facilitation", "locale").glob("*/LC_MESSAGES"):
            pos = sorted(folder.glob("*.po"))
            (folder / f"{DOMAIN}.mo").write_bytes(compile_po(pos))


setup(cmdclass={"build_py": BuildWithCatalogues})
