"""How much the program accepts, in one place (the README lists them).

Why: packs come from other programmes and files are typed by hand; a value a hundred times
larger than any real session is a mistake or an attack, and must be said at its line before any
work starts, rather than met later as minutes of layout, gigabytes of memory or a crash. Each
limit is far above what real sessions use (in brackets).
"""

from __future__ import annotations

MAX_FILE_BYTES = 2_000_000  # one YAML file (the largest built-in exercise: 36 kB)
MAX_TEXT = 5_000  # characters in one text value (the longest built-in text: 770)
MAX_ID = 64  # characters in an id, which may become part of a file name
MAX_DAYS = 31  # days in one session (2 or 3)
MAX_BLOCKS = 100  # blocks in one day, or in one set of parallel tracks (about 15)
MAX_TRACKS = 12  # parallel tracks side by side (2 to 4)
MAX_PARTICIPANTS = 1_000  # people in a session, a group or a track (15 to 40)
MAX_GROUPS = 100  # named groups of a session (2 to 4)
MAX_MINUTES = 24 * 60  # one duration: a block, a step, a preparation (at most a day)
MAX_QUANTITY = 10_000  # one material's quantity, or an integer parameter's value
MAX_COPIES = 100  # copies of one support for each unit it counts (1 to 4)
MAX_ITEMS = 10_000  # items of one list parameter: statements, personas... (5 to 40)
MAX_CARDS = 20_000  # cards printed by one command (a kit: 100 to 400)
MAX_CANVASES = 500  # copies of one canvas or sheet in one file (1 to 20)
MIN_YEAR, MAX_YEAR = 1900, 2199  # years of a session's dates
MAX_WISH_WORDS = 60  # words of what `suggest` or `propose --goal` is asked for (3 to 10)
MAX_PLAN_ENTRIES = 100  # entries of a plan line (`propose --plan`), as blocks in a day (5 to 15)
