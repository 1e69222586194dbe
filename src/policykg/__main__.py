"""`python -m policykg …` runs the command line."""

from .cli import main

main()
