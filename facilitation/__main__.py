from facilitation.cli import run

run()
