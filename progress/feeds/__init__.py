"""The private calendar feed: a secret .ics address with the learner's interviews, checklist
items and study days, for any calendar app to subscribe to."""
