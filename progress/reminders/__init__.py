"""Reminders and nudges sent by Celery (daily digest, missed days, weak-area nudge,
interview eve, post-interview follow-up): a registry of kinds with their due rule,
preference and unsubscribe; a ledger that makes every e-mail exactly-once; thin tasks.
Same layers as the other domains: rules (is it due?), models, selectors, services, tasks,
views (preferences, the sent list, one-click unsubscribe)."""
