"""The wheel: data inside, no stray top-level module, and a command that works from anywhere."""

import subprocess
import sys
import venv
import zipfile
from pathlib import Path

import pytest
from conftest import ROOT


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(out), str(ROOT)],
        check=True,
        capture_output=True,
    )
    (whl,) = out.glob("facilitation-*.whl")
    return whl


def test_wheel_holds_data_and_only_our_package(wheel):
    names = zipfile.ZipFile(wheel).namelist()
    tops = {n.split("/")[0] for n in names if not n.split("/")[0].endswith(".dist-info")}
    assert tops == {"facilitation"}
    assert "facilitation/exercises/debat-mouvant.yaml" in names
    assert "facilitation/cards/formats.yaml" in names
    assert "facilitation/fonts/SourceSans3-Regular.ttf" in names
    assert "facilitation/fonts/OFL.txt" in names
    assert "facilitation/templates/agenda.md.j2" in names
    assert "facilitation/templates/catalogue.js" in names  # the catalogue's script and style
    assert "facilitation/templates/catalogue.css" in names
    assert "facilitation/cards/canvases/parcours-utilisateur.yaml" in names
    import importlib

    from conftest import ROOT as root

    for py in (root / "facilitation").rglob("*.py"):  # every module of the package ships
        rel = py.relative_to(root).as_posix()
        assert rel in names, rel
    assert importlib
    assert (
        len([n for n in names if n.startswith("facilitation/exercises/") and n.endswith(".yaml")])
        >= 30
    )


def _fresh_env(env_dir: Path) -> Path:
    """A new virtual environment that sees the dependencies this interpreter has, wherever
    they are (a venv, the system Python, the user's site), but not this checkout: the
    site-packages folders go in as plain paths, so their .pth files (an editable install of
    facilitation among them) are not run. Why not system_site_packages: from inside a venv
    it shows the base interpreter's packages, not the venv's."""
    venv.EnvBuilder(with_pip=True).create(env_dir)
    py = env_dir / "bin" / "python"
    site = subprocess.run(
        [str(py), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    deps = [p for p in sys.path if p.endswith(("site-packages", "dist-packages"))]
    (Path(site) / "facilitation-test-deps.pth").write_text("\n".join(deps) + "\n")
    return py


def test_installed_command_runs_outside_the_checkout(wheel, tmp_path):
    env_dir = tmp_path / "venv"
    py = _fresh_env(env_dir)
    subprocess.run(
        [
            str(py),
            "-m",
            "pip",
            "install",
            "-q",
            "--no-deps",
            "--no-index",
            "--force-reinstall",
            str(wheel),
        ],
        check=True,
        capture_output=True,
    )
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    exe = env_dir / "bin" / "facilitation"
    out = subprocess.run(
        [str(exe), "list"], cwd=elsewhere, capture_output=True, text=True, check=True
    ).stdout
    assert "debat-mouvant" in out and "Débat mouvant" in out
    en = subprocess.run(
        [str(exe), "list", "--lang", "en"],
        cwd=elsewhere,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "Moving debate" in en
    cards = subprocess.run(
        [str(exe), "cards", "debat-mouvant", "-o", "out"],
        cwd=elsewhere,
        capture_output=True,
        text=True,
    )
    assert cards.returncode == 0, cards.stderr
    assert (elsewhere / "out" / "debat-mouvant-cartes-a5.pdf").is_file()
    canvas = subprocess.run(
        [str(exe), "canvas", "debrief", "-o", "out"], cwd=elsewhere, capture_output=True, text=True
    )
    assert canvas.returncode == 0, canvas.stderr
    # the whole kit, with the test-only packages hidden: the command must not need them
    kit = subprocess.run(
        [
            str(py),
            "-c",
            "import sys; sys.modules['pypdf'] = sys.modules['pytest'] = None;"
            "from facilitation.cli import main; main(['kit', sys.argv[1], '-o', 'kit'])",
            str(ROOT / "examples" / "dunkerque-2-reflex-energie.yaml"),
        ],
        cwd=elsewhere,
        capture_output=True,
        text=True,
    )
    assert kit.returncode == 0, kit.stderr
    assert (elsewhere / "kit" / "00-guide-impression-fr.pdf").is_file()
    where = subprocess.run(
        [str(py), "-c", "import facilitation; print(facilitation.__file__)"],
        cwd=elsewhere,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert str(env_dir) in where
