from __future__ import annotations

import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"
EXAMPLES = ROOT / "examples"
sys.path.insert(0, str(ROOT))


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-testdata",
        action="store_true",
        help="rewrite the expected messages under tests/data from the current output",
    )


@pytest.fixture(scope="session")
def library():
    from facilitation.load.library import Library

    lib = Library()
    lib.check()
    return lib


@pytest.fixture(scope="session")
def example_kits(tmp_path_factory):
    """The kit of an example, built once for the whole test run in each language and shared
    by the test files that read one (a kit takes a couple of seconds to build):
    `example_kits("dunkerque-2-reflex-energie", "fr")` is (its folder, what the command line
    said). Built as a user would: without --lang in the session's own language, with it
    otherwise. Tests read these folders and never write into them."""
    import yaml

    from facilitation.cli import main

    built: dict[tuple[str, str], tuple[Path, str]] = {}

    def get(name: str, lang: str) -> tuple[Path, str]:
        if (name, lang) not in built:
            session = EXAMPLES / f"{name}.yaml"
            own = yaml.safe_load(session.read_text(encoding="utf-8")).get("language", "fr")
            folder = tmp_path_factory.mktemp("example-kits") / f"{name}-{lang}"
            args = ["kit", str(session), "-o", str(folder)]
            args += [] if lang == own else ["--lang", lang]
            with pytest.MonkeyPatch.context() as mp:
                mp.delenv("FACILITATION_LANG", raising=False)
                mp.delenv("FACILITATION_LIBRARY", raising=False)
                r = CliRunner().invoke(main, args, catch_exceptions=False)
            assert r.exit_code == 0, r.output
            built[(name, lang)] = (folder, r.output)
        return built[(name, lang)]

    return get


EXAMPLE_NAMES = sorted(p.stem for p in EXAMPLES.glob("*.yaml"))


@pytest.fixture
def run(monkeypatch: pytest.MonkeyPatch):
    """Run the command line in-process; returns click's Result (exit_code, output)."""
    from facilitation.cli import main

    monkeypatch.delenv("FACILITATION_LIBRARY", raising=False)
    monkeypatch.delenv("FACILITATION_LANG", raising=False)
    runner = CliRunner()

    def invoke(*args: str):
        return runner.invoke(main, [str(a) for a in args], catch_exceptions=False)

    return invoke


@pytest.fixture(autouse=True)
def english():
    """Library calls made by a test speak English unless the test asks for French (the
    command line sets its own language from --lang); a test's --library folders do not
    stay in the print data and vocabulary of the next test."""
    from facilitation.load.printdata import set_user_dirs
    from facilitation.text.messages import set_language

    set_language("en")
    yield
    set_language("en")
    set_user_dirs([])
