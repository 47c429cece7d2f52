"""The learner's journal: practice problems, STAR stories and mock interviews."""
