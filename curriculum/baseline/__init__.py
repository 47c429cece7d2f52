"""The loader's memory: what each curriculum row held when `load_curriculum` last wrote it or
found it in agreement with the files. Against it a reload tells a change in the files (to
apply) from an edit made in the database, such as in the admin (to keep and report).

An app of its own so its table has its own migrations, apart from the curriculum's models."""
