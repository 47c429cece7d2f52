"""Mentors following mentees: invitations by either side, the link's states, the mentor
dashboard, comments and mentor-scored mocks. Its one rule for who sees what is added to
progress.access.learner_access, so every learner page serves a mentor read-only."""
