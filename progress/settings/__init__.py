"""/settings/: one page whose sections come from the domains (account, schedule; later
reminders, mentors, calendar feed, export and delete)."""
