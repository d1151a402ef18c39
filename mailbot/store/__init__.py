"""The register: SQLModel tables on SQLite, the raw store, migrations."""
