"""The SQLite store: connections, attempts and hand-ins (store), the schema's history
(migrations), the small tables the instructor views read (rollups), and `learn review`'s cards
and log (review_store)."""
