"""Weak areas: a score per topic from every piece of evidence (scoring.py, pure), loaded
with a fixed number of queries (selectors.py). No models of its own."""
