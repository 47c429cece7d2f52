"""Spaced review of the key-concept cards (FSRS): the queue, the ratings, and recall per
topic as evidence for the weak-area score."""
