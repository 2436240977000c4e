"""`python -m tidynews`."""

from tidynews.cli import main

main()
