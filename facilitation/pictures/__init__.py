"""Pictures that ship with the package: the starter deck (starters/), OpenMoji pictograms under
CC BY-SA 4.0 (starters/LICENSE.txt, starters/CREDITS.txt), fetched again by
tools/fetch_starter_pictures.py."""
