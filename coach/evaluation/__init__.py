"""Evaluation of the rules on labelled material (library code; the CLI only wires it)."""
