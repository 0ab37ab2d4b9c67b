from facilitation.cli import main

main()
