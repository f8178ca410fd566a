"""`python -m scorecard` runs the command line, as the `scorecard` script does."""

from scorecard.cli import main

main()
