"""The encrypted store: SQLCipher connection, migrations, repositories, unit of work, audit chain."""
