"""The pictograms of the kit: Tabler Icons (MIT, icons/LICENSE, icons/CREDITS.txt), outline
icons fetched again by tools/fetch_icons.py; the theme says which stands for what."""
