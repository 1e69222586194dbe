"""`python -m policykg …` runs the command line."""

from policykg.cli.main import main

main()
