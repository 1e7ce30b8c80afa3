"""The SQLite store: connections, attempts and hand-ins (store), the schema's history
(migrations), and the small tables the instructor views read (rollups)."""
