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
def _messages_in_english():
    """Each test starts with messages in English: a command run in French by an earlier test
    must not leave its language behind (the CLI sets the language of each run)."""
    from facilitation.text.messages import set_language

    set_language("en")
