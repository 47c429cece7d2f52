"""Own your data: the JSON export, account deletion and the private calendar feed."""
